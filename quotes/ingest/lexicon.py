"""Load ``quotes/data/boilerplate.toml`` once and compile it.

Boilerplate patterns, date labels and outlet names are data, so they can be extended without
touching the cleaning code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import timedelta, timezone
from functools import lru_cache
from importlib import resources
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Block:
    name: str
    start: re.Pattern[str]
    end: re.Pattern[str]
    max_lines: int


@dataclass(frozen=True)
class Lexicon:
    line_groups: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    blocks: tuple[Block, ...]
    title_min_words: int
    title_max_words: int
    title_max_chars: int
    title_sentence_end: str
    image_alt_max_words: int
    date_published: tuple[re.Pattern[str], ...]
    date_updated: tuple[re.Pattern[str], ...]
    date_max_line_chars: int
    tz_offsets: dict[str, timezone]
    outlet_evidence: tuple[re.Pattern[str], ...]
    outlets_by_domain: dict[str, str]
    outlet_names: tuple[str, ...]  # longest first, for prefix matching

    def line_group(self, stripped: str) -> str | None:
        """Name of the first boilerplate group whose regex matches the whole line, else None."""
        for name, patterns in self.line_groups:
            if any(p.fullmatch(stripped) for p in patterns):
                return name
        if self.outlet_named(stripped, exact=True):
            return "site"
        return None

    def outlet_named(self, text: str, *, exact: bool = False) -> str | None:
        """Known outlet that ``text`` is (exact) or starts with (at a word boundary)."""
        folded = text.strip().casefold()
        for name in self.outlet_names:
            n = name.casefold()
            if folded == n:
                return name
            if not exact and folded.startswith(n) and not folded[len(n)].isalnum():
                return name
        return None

    def outlet_for_url(self, url: str | None) -> str | None:
        """Outlet for a URL or bare domain, matching the domain or any parent domain."""
        if not url:
            return None
        try:
            host = urlsplit(url if "//" in url else "//" + url.strip()).hostname or ""
        except ValueError:  # malformed netloc, e.g. an unbalanced "["
            return None
        host = host.lower().removeprefix("www.")
        while host:
            if host in self.outlets_by_domain:
                return self.outlets_by_domain[host]
            _, _, host = host.partition(".")
        return None


def _tz(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    hours, minutes = offset.lstrip("+-").split(":")
    return timezone(sign * timedelta(hours=int(hours), minutes=int(minutes)))


def _compile(patterns: list[str], fragments: dict[str, str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(_expand(p, fragments)) for p in patterns)


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    """Substitute ``%NAME%`` with the ``[fragments]`` regex NAME (wrapped in a group)."""
    for name, fragment in fragments.items():
        pattern = pattern.replace(f"%{name}%", f"(?:{fragment})")
    return pattern


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    raw = tomllib.loads(
        resources.files("quotes").joinpath("data/boilerplate.toml").read_text(encoding="utf-8")
    )
    outlets = {k.lower(): v for k, v in raw["outlets"].items()}
    frags = raw.get("fragments", {})
    return Lexicon(
        line_groups=tuple((g, _compile(p, frags)) for g, p in raw["line_groups"].items()),
        blocks=tuple(
            Block(
                b["name"],
                re.compile(_expand(b["start"], frags)),
                re.compile(_expand(b["end"], frags)),
                int(b["max_lines"]),
            )
            for b in raw.get("blocks", [])
        ),
        title_min_words=raw["title"]["min_words"],
        title_max_words=raw["title"]["max_words"],
        title_max_chars=raw["title"]["max_chars"],
        title_sentence_end=raw["title"]["sentence_end"],
        image_alt_max_words=raw["image_alt"]["max_words"],
        date_published=_compile(raw["dates"]["published"], frags),
        date_updated=_compile(raw["dates"]["updated"], frags),
        date_max_line_chars=raw["dates"]["max_line_chars"],
        tz_offsets={k: _tz(v) for k, v in raw["dates"]["tz_offsets"].items()},
        outlet_evidence=_compile(raw["outlet_evidence"]["patterns"], frags),
        outlets_by_domain=outlets,
        outlet_names=tuple(sorted(set(outlets.values()), key=len, reverse=True)),
    )
