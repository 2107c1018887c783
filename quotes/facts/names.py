"""Name normalization for linking speakers: titles off person names, country prefixes off orgs.

News names a person with a changing title ("US Secretary of State Antony Blinken", "Blinken") and an
organization with or without its country ("US State Department", "The State Department"), so both
are reduced to comparable keys here. Vocabularies: ``data/titles.toml`` and ``data/names.toml``.
"""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"})
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})
_GROUP = re.compile(r"\s(?:and|&)\s|,|/", re.IGNORECASE)


def _load(name: str) -> dict:
    with (resources.files("quotes") / "data" / name).open("rb") as fh:
        return tomllib.load(fh)


def _norm_token(tok: str) -> str:
    t = tok.lower().replace("’", "'")
    t = re.sub(r"'s$", "", t)
    return t.strip(".,;:!?\"'()[]“”‘")


@dataclass(frozen=True)
class Vocab:
    phrases: tuple[tuple[str, ...], ...]  # title phrases as token tuples, longest first
    words: frozenset[str]  # single title words and honorifics
    ambiguous: frozenset[str]
    descriptive: frozenset[str]  # any word that may appear in a role description
    suffixes: frozenset[str]
    particles: frozenset[str]
    countries: tuple[tuple[tuple[str, ...], str], ...]  # (variant tokens, canonical), longest first
    org_aliases: dict[str, str]
    places: frozenset[str] = frozenset()  # countries, places and known organizations as written
    given_names: frozenset[str] = frozenset()  # lower-case given names (mentions.toml)


@cache
def vocab() -> Vocab:
    t = _load("titles.toml")["titles"]
    n = _load("names.toml")
    multi = [p for p in t["phrases"] + t["honorifics"] if len(p.split()) > 1]
    phrases = tuple(sorted({tuple(_norm_token(w) for w in p.split()) for p in multi}, key=len, reverse=True))
    words = frozenset(_norm_token(w) for w in t["words"] + t["honorifics"] if len(w.split()) == 1)
    descriptive = frozenset(
        {w for p in phrases for w in p} | words | {_norm_token(w) for w in t["modifiers"]} | _DETERMINERS | {"of", "for", "and"}
    )
    countries = []
    for canon, variants in n["countries"].items():
        for v in variants:
            countries.append((tuple(v.split()), canon))
            descriptive |= {_norm_token(w) for w in v.split()}
    countries.sort(key=lambda c: -len(c[0]))
    return Vocab(
        phrases=phrases,
        words=words,
        ambiguous=frozenset(t["ambiguous"]),
        descriptive=frozenset(descriptive),
        suffixes=frozenset(n["names"]["suffixes"]),
        particles=frozenset(n["names"]["particles"]),
        countries=tuple(countries),
        org_aliases=dict(n["organizations"]["aliases"]),
        places=frozenset([v for vs in n["countries"].values() for v in vs] + n["places"]["names"]
                         + list(n["organizations"]["aliases"]) + n["organizations"]["known"]),
        given_names=frozenset(w for k in ("male_names", "female_names") for w in _load("mentions.toml")["gender"][k]),
    )


@functools.lru_cache(maxsize=1)
def _phrases_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Title phrases by their first word, longest first as in ``vocab().phrases``: a name's words
    are looked up, not compared with every phrase (the cross-article pass calls this per quote)."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for p in vocab().phrases:
        index.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in index.items()}


@functools.lru_cache(maxsize=1)
def _countries_by_first() -> dict[str, tuple[tuple[int, tuple[str, ...], str], ...]]:
    index: dict[str, list[tuple[int, tuple[str, ...], str]]] = {}
    for i, (variant, canon) in enumerate(vocab().countries):
        index.setdefault(variant[0], []).append((i, variant, canon))
    return {k: tuple(v) for k, v in index.items()}


@functools.lru_cache(maxsize=100_000)
def strip_titles(name: str) -> tuple[str, str | None]:
    """``"US Secretary of State Antony Blinken"`` -> ``("Antony Blinken", "US Secretary of State")``.

    Everything up to the last title followed by a name is the title. A title-like word that is also
    a given name ("Dean", "Earl") counts only when two or more words follow. Returns ``("", title)``
    for a pure description ("The newly appointed Secretary of State", "the premier").
    """
    v = vocab()
    toks = name.split()
    low = [_norm_token(t) for t in toks]
    n = len(toks)
    cut = 0
    i = 0
    while i < n:
        end = 0
        for p in _phrases_by_first().get(low[i], ()):
            if tuple(low[i : i + len(p)]) == p:
                end = i + len(p)
                break
        if not end and low[i] in v.words and not (low[i] in v.ambiguous and n - i - 1 < 2):
            end = i + 1
        if end and end < n:
            cut = end
            i = end
        else:
            i += 1
    cut = name_after_complement(toks, cut)
    rest = toks[cut:]
    while rest and (rest[0][:1].islower() and _norm_token(rest[0]) not in v.particles or _norm_token(rest[0]) in _DETERMINERS):
        rest = rest[1:]
    if rest:
        rest[-1] = re.sub(r"['’]s$", "", rest[-1]).rstrip(",;:")
    head = toks[:cut]
    while len(head) > 1 and _norm_token(head[-1]) in _HONORIFICS:
        head = head[:-1]  # "Undersecretary for Education Mr. Toccafondi": "Mr." is no title
    title = " ".join(t for t in head if _norm_token(t) not in _DETERMINERS) or None
    if not rest or all(_norm_token(t) in v.descriptive for t in rest):
        return "", " ".join(t for t in toks if _norm_token(t) not in _DETERMINERS) or None
    return " ".join(rest), title


_COMPLEMENT_PREPOSITIONS = frozenset({"of", "to", "for", "at", "in", "on"})


def name_after_complement(toks: list[str], cut: int) -> int:
    """Where the name starts when the title just cut off has an of/to/for complement running
    into it: "Ambassador to France Jane Hartley", "Mayor of Leeds Judith Blake". The complement's
    places and bodies are never part of the name: it starts after known places and
    organizations, at a known given name, else at the last two words (initials and particles kept)."""
    v = vocab()
    if not (0 < cut < len(toks) - 1) or toks[cut] not in _COMPLEMENT_PREPOSITIONS:
        return cut
    i = cut + 1
    while i < len(toks) and (toks[i].lower() == "the" or not toks[i][:1].isupper()):
        i += 1  # "Mayor of the city of Leeds"
    first_run, n = i, len(toks)
    moved = True
    while moved and i < n - 1:  # known places and organizations ("United States", "Texas")
        moved = False
        for k in range(min(n - 1, i + 4), i, -1):
            if " ".join(toks[i:k]) in v.places:
                i, moved = k, True
                break
    given = next((k for k in range(i, n - 1) if toks[k].lower() in v.given_names), None)
    start = given if given is not None else max(i, n - 2)
    while start - 1 >= i and (len(toks[start - 1].rstrip(".")) == 1 or _norm_token(toks[start - 1]) in v.particles):
        start -= 1
    if start <= first_run and first_run == cut + 1:
        # "spokesman for John Smith" names the spokesman, not Smith: a description
        return n if given == first_run else cut
    return start


def fold(text: str) -> str:
    """Case- and accent-insensitive form ("António" -> "antonio")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_group(name: str) -> bool:
    """"Imran Khan and Vladimir Putin" names several speakers; never merged by surname."""
    return bool(_GROUP.search(name))


def person_tokens(name: str) -> list[str]:
    """Key tokens of a (title-free) person name: folded, hyphens split, initials dropped."""
    toks = [re.sub(r"[^\w]", "", t) for t in re.split(r"[\s\-‐]+", fold(name))]
    toks = [t for t in toks if t]
    full = [t for t in toks if len(t) > 1]
    return full if full else toks


def person_key(name: str) -> str:
    return " ".join(person_tokens(name))


def surname(tokens: list[str]) -> str | None:
    v = vocab()
    core = [t for t in tokens if t not in v.suffixes]
    return core[-1] if core else None


def given(tokens: list[str]) -> list[str]:
    v = vocab()
    core = [t for t in tokens if t not in v.suffixes]
    return core[:-1]


def _plain(text: str) -> str:
    t = fold(text).replace("&", " and ")
    t = re.sub(r"[^\w\s]", " ", t)
    return " ".join(t.split())


@functools.lru_cache(maxsize=100_000)
def org_parts(name: str) -> tuple[str, str]:
    """``(country, base)``: "Russia's foreign ministry" -> ("russia", "foreign ministry");
    "US State Department" and "The State Department" -> base "state department"; "U.S." -> ("united states", "")."""
    v = vocab()
    s = " ".join(name.split())
    s = re.sub(r"^(?:the)\s+", "", s, flags=re.IGNORECASE)
    if s in v.org_aliases:
        return "", _plain(v.org_aliases[s])
    toks = s.split()
    country = ""
    index = _countries_by_first()
    first = toks[0] if toks else ""
    candidates = set(index.get(first, ())) | set(index.get(re.sub(r"['’]s$", "", first), ()))
    for _, variant, canon in sorted(candidates):
        k = len(variant)
        head = toks[:k]
        if not head:
            continue
        last = re.sub(r"['’]s$", "", head[-1])
        if tuple(head[:-1] + [last]) == variant or tuple(head) == variant:
            country, toks = canon, toks[k:]
            break
    rest = " ".join(toks)
    rest = re.sub(r"^(?:the)\s+", "", rest, flags=re.IGNORECASE)
    if rest in v.org_aliases:
        rest = v.org_aliases[rest]
    return country, _plain(rest)


def org_key(country: str, base: str) -> str:
    return " ".join(x for x in (country, base) if x)
