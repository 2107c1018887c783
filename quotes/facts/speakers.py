"""Who is who across articles: link per-article speaker names to one speaker id.

Each article names its speakers its own way ("US Secretary of State Antony Blinken", "Blinken",
"Sergei Lavrov"); a speaker table is only useful if those become one row. Merging is conservative:
a bare surname joins a full name only when no other known person carries it (two Clintons stay two),
and spelling variants merge only with the same surname and near-identical given names.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from quotes.attribute.entities import initials
from quotes.facts import names as nm
from quotes.ids import stable_id

GIVEN_NAME_MIN_RATIO = 80.0  # "sergey"/"sergei" = 83, "mohammad"/"mohammed" = 87.5
ORG_MIN_RATIO = 93.0
ORG_KEY_MIN_CHARS = 12  # shorter organization keys are never fuzzy-merged
_GENDER_ENDINGS = {frozenset("ao"), frozenset("ae")}  # Antonio/Antonia, Andre/Andrea are two people


@dataclass
class _Node:
    """One distinct speaker key, e.g. ("person", "antony blinken") or ("organization", "russia foreign ministry")."""

    type: str
    key: str
    kind: str  # "full" | "single" | "group" | "org" | "other"
    displays: Counter[str] = field(default_factory=Counter)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def add(self, x: tuple[str, str]) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: tuple[str, str]) -> tuple[str, str]:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # deterministic root


# --- per-row names ------------------------------------------------------------------------------


def _person_forms(row: Mapping) -> tuple[str | None, list[str]]:
    """(main title-free name, other title-free forms from ``aliases``/``speaker_mention``)."""
    main, _ = nm.strip_titles(row["speaker"])
    if not main:
        main = " ".join(row["speaker"].split())
    others = [a for a in (row.get("aliases") or []) if a] + ([row["speaker_mention"]] if row.get("speaker_mention") else [])
    words = set(nm.person_tokens(main))
    forms = []
    for o in others:
        f, _ = nm.strip_titles(o)
        if f and f[0].isupper() and not nm.is_group(f) and words & set(nm.person_tokens(f)):
            forms.append(f)  # only forms sharing a word with the speaker's name are about them
    return main, forms


def _given_compatible(a: list[str], b: list[str]) -> bool:
    """Same person if given names match, one is a shortened form ("Shah Qureshi" / "Shah Mehmood
    Qureshi"), or the only difference is a transliteration ("Sergey"/"Sergei")."""
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if short[0] != long_[0]:
        if len(a) != len(b) or a[1:] != b[1:]:
            return False
        x, y = a[0], b[0]
        if min(len(x), len(y)) < 5 or x.startswith(y) or y.startswith(x):
            return False
        if x[:-1] == y[:-1] and frozenset((x[-1], y[-1])) in _GENDER_ENDINGS:
            return False
        return fuzz.ratio(x, y) >= GIVEN_NAME_MIN_RATIO
    it = iter(long_)
    return all(tok in it for tok in short[1:])  # remaining given names appear in order


def _merge_full_people(nodes: dict[tuple[str, str], _Node], uf: _UnionFind) -> None:
    """Full names with the same surname and compatible given names are one person.

    Blocked by surname, so only same-surname names are compared. A shortened form matching two
    different people ("John Smith" vs "John Paul Smith" and "John David Smith") stays unmerged.
    """
    by_surname: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, n in nodes.items():
        if n.kind == "full":
            by_surname[nm.surname(n.key.split()) or ""].append(k)
    for block in by_surname.values():
        giv = {k: nm.given(k[1].split()) for k in block}
        variants: dict[tuple, list[tuple[str, str]]] = defaultdict(list)  # same shape, same initial
        by_first: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for k in sorted(block):
            if giv[k]:
                variants[(k[0], len(giv[k]), giv[k][0][0])].append(k)
                by_first[giv[k][0]].append(k)
        for group in variants.values():  # spelling variants first
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    if _given_compatible(giv[a], giv[b]):
                        uf.union(a, b)
        for group in by_first.values():  # then shortened forms, only into a unique longer person
            for a in group:
                targets = {
                    uf.find(b) for b in group if b[0] == a[0] and len(giv[b]) > len(giv[a]) and _given_compatible(giv[a], giv[b])
                }
                if len(targets) == 1:
                    uf.union(a, targets.pop())


def _merge_orgs(nodes: dict[tuple[str, str], _Node], uf: _UnionFind) -> None:
    """Near-identical organization names ("Ministry of Defence"/"Ministry of Defense") merge."""
    blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, n in nodes.items():
        if n.kind == "org" and len(n.key) >= ORG_KEY_MIN_CHARS:
            blocks[n.key.split()[0]].append(k)
    for block in blocks.values():
        block.sort()
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if fuzz.ratio(a[1], b[1]) >= ORG_MIN_RATIO:
                    uf.union(a, b)


# --- public -------------------------------------------------------------------------------------


def link_speakers(rows: Sequence[Mapping]) -> tuple[list[str | None], list[dict]]:
    """Speaker id per row (None without a speaker) and the ``speakers`` table rows.

    Rows need ``article_id, speaker, speaker_type, role, said_on``; optional ``aliases`` (other
    mentions of the speaker in its article) and ``speaker_mention`` help link bare surnames.
    """
    nodes: dict[tuple[str, str], _Node] = {}
    uf = _UnionFind()
    row_node: list[tuple[str, str] | None] = [None] * len(rows)
    pending_single: list[tuple[int, str]] = []  # (row, token) for bare surnames, resolved later
    pending_bare_org: list[tuple[int, str, str]] = []  # (row, base, display): orgs without their country
    article_people: dict[str, set[tuple[str, str]]] = defaultdict(set)
    article_orgs: dict[str, set[tuple[str, str]]] = defaultdict(set)  # article -> {(country, base)}
    org_countries: dict[str, set[str]] = defaultdict(set)
    row_forms: list[list[str]] = [[] for _ in rows]

    def node(typ: str, key: str, kind: str, display: str) -> tuple[str, str]:
        k = (typ, key)
        if k not in nodes:
            nodes[k] = _Node(typ, key, kind)
            uf.add(k)
        nodes[k].displays[display] += 1
        return k

    for i, r in enumerate(rows):
        speaker = r.get("speaker")
        if not speaker or not str(speaker).strip():
            continue
        typ = r.get("speaker_type") or "unknown"
        art = str(r.get("article_id"))
        if typ == "person":
            main, forms = _person_forms(r)
            row_forms[i] = forms
            if nm.is_group(main):
                row_node[i] = node(typ, nm.fold(" ".join(main.split())), "group", main)
                continue
            for f in forms:  # full names mentioned in the article are linking targets too
                if len(nm.person_tokens(f)) >= 2:
                    article_people[art].add(node(typ, nm.person_key(f), "full", f))
            toks = nm.person_tokens(main)
            if len(toks) >= 2:
                row_node[i] = node(typ, " ".join(toks), "full", main)
                article_people[art].add(row_node[i])
            else:
                pending_single.append((i, toks[0] if toks else nm.fold(main)))
        elif typ == "organization":
            name = " ".join(speaker.split())
            if nm.is_group(name):
                row_node[i] = node(typ, nm.fold(name), "group", name)
                continue
            country, base = nm.org_parts(name)
            display = name[4:] if name.lower().startswith("the ") else name
            if country or not base:
                row_node[i] = node(typ, nm.org_key(country, base), "org", display)
                org_countries[base].add(country)
                article_orgs[art].add((country, base))
            else:
                pending_bare_org.append((i, base, display))
        else:
            name = " ".join(speaker.split())
            row_node[i] = node(typ, nm.fold(name), "other", name)

    _merge_full_people(nodes, uf)

    # Bare surnames: the unique full name with that surname in the build, else in the article.
    surname_index: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for k, n in nodes.items():
        if n.kind == "full" and k[0] == "person":
            surname_index[nm.surname(n.key.split()) or ""].add(k)
    for i, tok in pending_single:
        r = rows[i]
        art = str(r.get("article_id"))
        main, _ = _person_forms(r)
        build = {uf.find(k) for k in surname_index.get(tok, ())}
        target = build.pop() if len(build) == 1 else None
        if target is None:
            here = {uf.find(k) for k in article_people[art] if nm.surname(k[1].split()) == tok}
            if not here:  # a given name used alone in the same article ("Imran")
                here = {uf.find(k) for k in article_people[art] if k[1].split()[0] == tok}
            target = here.pop() if len(here) == 1 else None
        if target is None:
            row_node[i] = node("person", tok, "single", main)
        else:
            row_node[i] = target
            nodes[target].displays.setdefault(main, 0)  # an alias, never the canonical name

    # Orgs named without their country: the unique country seen with that base.
    for i, base, display in pending_bare_org:
        art = str(rows[i].get("article_id"))
        countries = org_countries.get(base, set()) - {""}
        if len(countries) != 1:
            countries = {c for c, b in article_orgs[art] if b == base and c}
        key = nm.org_key(countries.pop(), base) if len(countries) == 1 else base
        row_node[i] = node("organization", key, "org", display)

    _merge_orgs(nodes, uf)
    _merge_acronyms(rows, row_node, nodes, uf)
    return _tables(rows, row_node, row_forms, nodes, uf)


def _acronym(text: str | None) -> str | None:
    """"WHO", "U.N.": an abbreviation as written (2-8 capitals), else None."""
    letters = (text or "").strip().removeprefix("the ").replace(".", "")
    return letters if 2 <= len(letters) <= 8 and letters.isupper() and letters.isalnum() else None


def _merge_acronyms(rows, row_node, nodes: dict[tuple[str, str], _Node], uf: _UnionFind) -> None:
    """"WHO said" joins the World Health Organization, in any article: the body an article spelled
    out behind that abbreviation (its mention was "WHO"), else the one body of the build whose
    initials it is. Two bodies sharing initials ("ABC") leave it alone."""
    spelled: dict[str, set[tuple[str, str]]] = defaultdict(set)
    bare: list[tuple[int, str]] = []
    for i, r in enumerate(rows):
        if row_node[i] is None or r.get("speaker_type") != "organization":
            continue
        short, mention = _acronym(r["speaker"]), _acronym(r.get("speaker_mention"))
        if short:
            bare.append((i, short))
        elif mention and len(r["speaker"].split()) >= 2:
            spelled[mention].add(uf.find(row_node[i]))
            nodes[row_node[i]].displays.setdefault(r["speaker_mention"].strip(), 0)  # an alias
    by_initials: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for k, n in nodes.items():
        if n.kind == "org" and k[0] == "organization":
            for d in n.displays:
                if len(d.split()) >= 2:
                    by_initials[initials(d)].add(uf.find(k))
    for i, short in bare:
        targets = spelled.get(short) or by_initials.get(short) or set()
        targets = {uf.find(t) for t in targets} - {uf.find(row_node[i])}
        if len(targets) == 1:
            uf.union(row_node[i], targets.pop())


def _canonical(typ: str, displays: Counter[str]) -> str:
    """The longest full form (most words, then characters), then the most frequent, then A-Z."""
    cands = [d for d, c in displays.items() if c > 0] or list(displays)
    if typ == "person":
        return max(cands, key=lambda d: (len(nm.person_tokens(d)), len(d), displays[d], [-ord(c) for c in d]))
    return max(cands, key=lambda d: (len(d), displays[d], [-ord(c) for c in d]))


def _normalized(typ: str, name: str) -> str:
    if typ == "person":
        return nm.fold(" ".join(name.split())) if nm.is_group(name) else nm.person_key(name)
    if typ == "organization":
        return nm.fold(name) if nm.is_group(name) else nm.org_key(*nm.org_parts(name))
    return nm.fold(" ".join(name.split()))


def _tables(rows, row_node, row_forms, nodes, uf) -> tuple[list[str | None], list[dict]]:
    members: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, k in enumerate(row_node):
        if k is not None:
            members[uf.find(k)].append(i)
    displays: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for k, n in nodes.items():
        if k in uf.parent:
            displays[uf.find(k)].update(n.displays)
    ids: list[str | None] = [None] * len(rows)
    table = []
    for root, idx in members.items():
        typ = root[0]
        disp = displays[root]
        for i in idx:  # forms seen next to the row are aliases when they share a word with it
            for f in row_forms[i]:
                disp.setdefault(f, 0)
        name = _canonical(typ, disp)
        sid = stable_id("s", typ, _normalized(typ, name))
        name_words = set(nm.person_tokens(name)) if typ == "person" else None
        aliases = set()
        for d in disp:
            if d == name:
                continue
            if name_words is not None and not set(nm.person_tokens(d)) & name_words:
                continue
            aliases.add(d)
        roles: dict[str, Counter[str]] = defaultdict(Counter)
        seen: dict[str, list[str]] = defaultdict(list)
        for i in idx:
            ids[i] = sid
            role = rows[i].get("role")
            if role and str(role).strip():
                role = " ".join(str(role).split())
                roles[role.casefold()][role] += 1
                if rows[i].get("said_on"):
                    seen[role.casefold()].append(str(rows[i]["said_on"]))
        role_names = {k: max(c, key=lambda r: (c[r], r)) for k, c in roles.items()}
        spans = [
            {"role": role_names[k], "first_seen": min(seen[k]) if seen[k] else None, "last_seen": max(seen[k]) if seen[k] else None}
            for k in roles
        ]
        spans.sort(key=lambda s: (s["first_seen"] is None, s["first_seen"] or "", s["role"]))
        table.append(
            {
                "speaker_id": sid,
                "name": name,
                "type": typ,
                "roles": sorted(role_names.values(), key=str.casefold),
                "aliases": sorted(aliases),
                "n_quotes": len(idx),
                "n_articles": len({rows[i].get("article_id") for i in idx}),
                "role_spans": spans,
            }
        )
    table.sort(key=lambda s: s["speaker_id"])
    return ids, table
