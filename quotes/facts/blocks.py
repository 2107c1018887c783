"""Which quote rows ``link_speakers`` can ever relate, so the linking can run one group at a time.

``link_speakers`` compares names only inside blocks: full names by surname, a bare surname with the
full names carrying it (build-wide, then in its article, then a full name of its article whose
given name it is), organizations by their base name ("foreign ministry", with or without the
country), by the first word of their key (spelling variants) and by initials (acronyms). Rows
whose blocks never meet can never share a speaker, so the rows split into independent groups and
``link_speakers`` on each group gives exactly the ids and table rows it gives on all rows at once.
This module mirrors those rules (``quotes.facts.speakers``), erring on the side of joining: a rule
added there needs its block here, and ``tests/test_crossarticle.py`` compares both ways.

Only keys that join two blocks are stored, so memory grows with the number of distinct names that
link, not with the number of rows (the ids of the articles done are kept at 8 bytes each,
``quotes.idmap``). Rows of one article must arrive together (the bare-given-name
rule looks inside the article); a build's row stream is in article order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from quotes.attribute.entities import initials
from quotes.facts import names as nm
from quotes.facts.speakers import ORG_KEY_MIN_CHARS, _acronym, _person_forms
from quotes.idmap import IdMap

_SEP = "\x1f"


def _k(kind: str, *parts: str) -> str:
    return _SEP.join((kind, *parts))


class SpeakerBlocks:
    """Union-find over block keys; ``add`` each row (in article order), ``close``, then ``group``."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}
        self._article: str | None = None
        # articles whose rows have all passed: one per article of the build, so 8 bytes each, not a set
        self._done_articles = IdMap("a", values=False)
        self._firsts: dict[str, set[str]] = defaultdict(set)  # given name -> surname blocks, this article
        self._singles: set[str] = set()  # bare names in this article

    # union-find: a key never joined to another is its own group and is not stored
    def _find(self, x: str) -> str:
        parent = self._parent
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    def _union(self, a: str, b: str) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self._parent[hi] = lo  # the group is named by its smallest key, whatever the order
            self._parent.setdefault(lo, lo)

    def group(self, key: str) -> str:
        return self._find(key)

    def add(self, row: Mapping) -> str | None:
        """The row's block key (None when it names no speaker: ``link_speakers`` skips it)."""
        speaker = row.get("speaker")
        if not speaker or not str(speaker).strip():
            return None
        art = str(row.get("article_id"))
        if art != self._article:
            self._end_article()
            if art in self._done_articles:
                raise ValueError(f"rows of article {art} are not contiguous; the speaker blocks need them together")
            self._article = art
        typ = row.get("speaker_type") or "unknown"
        if typ == "person":
            keys = self._person(row)
        elif typ == "organization":
            keys = self._organization(row)
        else:
            keys = [_k("x", typ, nm.fold(" ".join(speaker.split())))]
        first = keys[0]
        for k in keys[1:]:
            if k != first:
                self._union(first, k)
        return first

    def close(self) -> None:
        self._end_article()
        self._done_articles = IdMap("a", values=False)

    def _end_article(self) -> None:
        for tok in self._singles:  # "Imran" alone, next to "Imran Khan" in the same article
            for surname_block in self._firsts.get(tok, ()):
                self._union(_k("s", tok), surname_block)
        if self._article is not None:
            self._done_articles.add(self._article)
        self._article = None
        self._firsts.clear()
        self._singles.clear()

    def _full(self, key: str) -> str:
        toks = key.split()
        block = _k("s", nm.surname(toks) or "")
        self._firsts[toks[0]].add(block)
        return block

    def _person(self, row: Mapping) -> list[str]:
        main, forms = _person_forms(row)
        if nm.is_group(main):
            key = nm.fold(" ".join(main.split()))
            return [_k("p", key), _k("s", nm.surname(key.split()) or "")]
        keys = [self._full(nm.person_key(f)) for f in forms if len(nm.person_tokens(f)) >= 2]
        toks = nm.person_tokens(main)
        if len(toks) >= 2:
            return [self._full(" ".join(toks)), *keys]
        tok = toks[0] if toks else nm.fold(main)
        self._singles.add(tok)
        return [_k("s", tok), *keys]

    def _organization(self, row: Mapping) -> list[str]:
        speaker = row["speaker"]
        name = " ".join(speaker.split())
        keys: list[str] = []
        if nm.is_group(name):
            key = nm.fold(name)
            keys.append(_k("o", key))
            if len(key) >= ORG_KEY_MIN_CHARS:
                keys.append(_k("w", key.split()[0]))
        else:
            country, base = nm.org_parts(name)
            key = nm.org_key(country, base) if (country or not base) else base  # a bare name may stay bare
            keys.append(_k("o", key))
            if base:
                keys.append(_k("b", base))  # bare names take the country seen with the same base
            if len(key) >= ORG_KEY_MIN_CHARS:
                keys.append(_k("w", key.split()[0]))
        display = name[4:] if name.lower().startswith("the ") else name
        if len(display.split()) >= 2:
            keys.append(_k("a", initials(display)))
        short, mention = _acronym(speaker), _acronym(row.get("speaker_mention"))
        if short:
            keys.append(_k("a", short))
        elif mention:
            keys.append(_k("a", mention))
            spelled = row["speaker_mention"].strip()
            if len(spelled.split()) >= 2:
                keys.append(_k("a", initials(spelled)))
        return keys
