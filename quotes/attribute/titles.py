"""Title and mention vocabularies (``data/titles.toml``, ``data/mentions.toml``) as fast lookups."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from quotes.extract.lexicon import load_toml


@dataclass(frozen=True)
class TitleLexicon:
    words: frozenset[str]
    phrases: tuple[str, ...]


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    return []


@lru_cache(maxsize=1)
def honorifics() -> frozenset[str]:
    """One-word honorifics ("mr", "ms", "dr"): dropped from names, never a role."""
    return frozenset(h for h in load_toml("titles.toml")["titles"]["honorifics"] if " " not in h)


@lru_cache(maxsize=1)
def title_lexicon() -> TitleLexicon:
    try:
        phrases = [p.lower() for p in _strings(load_toml("titles.toml"))]
    except FileNotFoundError:
        phrases = []
    phrases += [p for p in mention_lexicon()["nominal"]["person"]]
    words = {w for p in phrases for w in p.split() if w not in ("of", "the", "and", "for", "to", "in")}
    words -= {"man", "woman", "people", "two", "both", "pair", "duo", "resident", "witness",
              "voters", "supporters", "critics", "source", "sources", "state", "general", "house",
              "white", "united", "states", "national", "federal", "new", "his", "her", "us", "u.s.",
              "de", "un", "nato", "first", "second", "right", "lead", "host", "master", "field",
              "private", "public", "home", "oil", "trade", "count", "city", "news", "court",
              "party", "without", "facto", "ex-", "elected", "appointed", "rt", "grand",
              # organizations, not titles: "the Ministry of Health said" is no person
              "department", "ministry", "government", "council", "parliament", "congress", "senate",
              "board", "army", "navy", "police", "military", "pentagon", "kremlin", "cabinet",
              "mission", "opposition", "fund", "staff", "officials", "supreme"}
    return TitleLexicon(frozenset(words), tuple(sorted(set(phrases), key=len, reverse=True)))


@lru_cache(maxsize=1)
def mention_lexicon() -> dict:
    return load_toml("mentions.toml")


def is_title_word(word: str) -> bool:
    w = word.lower().strip(".,")
    return w in title_lexicon().words
