"""Clean plain-text scraped dumps: drop site boilerplate line by line, find the headline.

Rules are whole-line patterns from ``quotes/data/boilerplate.toml``; kept lines are copied
verbatim (U+00A0, curly quotes, leading spaces), so every line of the cleaned text is a line of
the scraped file and later offsets can be traced back to it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from quotes.ingest.lexicon import Lexicon, load_lexicon

_CLOSERS = "\"'”’»)]"
_MULTI_BLANK = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class CleanedText:
    """Result of :func:`clean_text`: ``text`` is what offsets refer to."""

    text: str
    title: str | None
    lines: tuple[str, ...]  # the input lines (newlines normalized)
    dropped: tuple[tuple[int, str], ...]  # (0-based line index, reason group)

    def dropped_lines(self) -> list[str]:
        return [self.lines[i] for i, _ in self.dropped]


def _mark_blocks(lines: list[str], reasons: list[str | None], lex: Lexicon) -> None:
    for block in lex.blocks:
        i = 0
        while i < len(lines):
            if reasons[i] is None and block.start.fullmatch(lines[i].strip()):
                stop = min(len(lines), i + block.max_lines + 1)
                end = next((j for j in range(i + 1, stop) if block.end.fullmatch(lines[j].strip())), None)
                if end is not None:
                    for j in range(i, end + 1):
                        if lines[j].strip():
                            reasons[j] = block.name
                    i = end
            i += 1


def _mark_image_alts(lines: list[str], reasons: list[str | None], lex: Lexicon) -> None:
    """Drop a short line that the photo caption right after it starts with (the image alt text)."""
    for i in range(len(lines) - 1):
        s, nxt = lines[i].strip(), lines[i + 1].strip()
        if (
            s
            and reasons[i] is None
            and reasons[i + 1] == "photo"
            and len(s.split()) <= lex.image_alt_max_words
            and nxt.startswith(s)
            and len(nxt) > len(s)
        ):
            reasons[i] = "image_alt"


def looks_like_headline(line: str, lex: Lexicon | None = None) -> bool:
    """Short, starts like a title, and does not end like a sentence (no final period)."""
    lex = lex or load_lexicon()
    s = line.strip()
    words = s.split()
    if not lex.title_min_words <= len(words) <= lex.title_max_words or len(s) > lex.title_max_chars:
        return False
    if s[0].islower():
        return False
    core = s.rstrip(_CLOSERS + " \u00a0")
    return bool(core) and core[-1] not in lex.title_sentence_end


def clean_text(raw: str, *, detect_title: bool = True) -> CleanedText:
    """Drop boilerplate lines and return the cleaned text, the title and what was dropped.

    Kept lines are joined with their original line breaks; removed lines vanish with their own
    break, runs of 3+ newlines collapse to 2, and leading/trailing blank lines go. Whitespace-only
    lines become empty. The title line (if any) stays in the text.
    """
    lex = load_lexicon()
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    reasons: list[str | None] = [None] * len(lines)
    _mark_blocks(lines, reasons, lex)
    for i, line in enumerate(lines):
        s = line.strip()
        if s and reasons[i] is None:
            reasons[i] = lex.line_group(s)
    _mark_image_alts(lines, reasons, lex)

    title = None
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if detect_title and first is not None and reasons[first] is None and looks_like_headline(lines[first], lex):
        title = lines[first].strip()

    kept = [line if line.strip() else "" for line, r in zip(lines, reasons) if r is None]
    text = _MULTI_BLANK.sub("\n\n", "\n".join(kept)).strip("\n")
    dropped = tuple((i, r) for i, r in enumerate(reasons) if r is not None)
    return CleanedText(text=text, title=title, lines=tuple(lines), dropped=dropped)


def infer_outlet(dropped: list[str], lex: Lexicon | None = None) -> str | None:
    """Outlet named by removed boilerplate (site-name line, domain footer, "Subscribe to X").

    Body text is never used: an outlet cited in the story ("according to Dawn") is a source, not
    the publisher. The most frequent name wins; ties go to the first seen.
    """
    lex = lex or load_lexicon()
    votes: Counter[str] = Counter()
    order: dict[str, int] = {}
    for line in dropped:
        s = line.strip()
        found = lex.outlet_named(s, exact=True) or lex.outlet_for_url(s if " " not in s else None)
        if found is None:
            for p in lex.outlet_evidence:
                m = p.fullmatch(s)
                if m and (found := lex.outlet_named(m.group("name"))):
                    break
        if found:
            votes[found] += 1
            order.setdefault(found, len(order))
    if not votes:
        return None
    return max(votes, key=lambda name: (votes[name], -order[name]))
