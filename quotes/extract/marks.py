"""Find quotation-mark spans in raw text, tolerant of the mess found in scraped news.

Works on characters, not tokens, so the spans are exact whatever the tokenizer did. Handles
curly and straight double quotes, single quotes (told apart from apostrophes by their
neighbours), guillemets, ``LaTeX''-style and ''doubled apostrophe'' pairs; a quote opened in a paragraph and never
closed runs to the paragraph end (the news convention for quotes continued in the next
paragraph); mismatched pairs (opened with ' and closed with ") still close.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.extract.rules import rule

OPENERS = {"“": "double", "«": "guillemet", "„": "double", "‘": "single", "``": "double"}
CLOSERS = {"”": "double", "»": "guillemet", "’": "single", "''": "double"}
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True)
class MarkSpan:
    """A quoted stretch: ``start``/``end`` bound the content, ``outer_*`` include the marks."""

    start: int
    end: int
    outer_start: int
    outer_end: int
    closed: bool
    kind: str
    carried: bool = False  # no opening mark: the quotation was opened in the paragraph before


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _classify(text: str, i: int) -> tuple[str, str, int] | None:
    """Return (role, kind, width) for a mark at i: role is 'open', 'close' or 'either'."""
    two = text[i:i + 2]
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    if two == "``":
        return "open", "double", 2
    if two == "''":
        # ''...'' pairs (the New York Times archive): an opener follows a space, a closer a word
        after = text[i + 2] if i + 2 < len(text) else " "
        opens = (prev.isspace() or prev in "([{—–-/" or i == 0) and not after.isspace()
        return ("open" if opens else "close"), "double", 2
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in ("“", "«", "„"):
        return "open", OPENERS[ch], 1
    if ch == "”" and (prev.isspace() or i == 0) and _is_word(nxt):
        return "open", "double", 1  # a scraped page's ”Word at a line start opens a quotation
    if ch in ("”", "»"):
        return "close", CLOSERS[ch], 1
    if ch == '"':
        if prev.isspace() or prev in "([{—–-/" or i == 0:
            return "open", "double", 1
        if nxt.isspace() or nxt in ".,;:!?)]}—–-" or i + 1 == len(text):
            return "close", "double", 1
        return "either", "double", 1
    if ch in ("‘", "’", "'"):
        # An apostrophe sits between letters (we’re, Pakistan’s) or after a plural s before a space.
        if _is_word(prev) and _is_word(nxt):
            return None
        if ch == "‘" or (ch == "'" and (prev.isspace() or prev in "([{—–" or i == 0) and not nxt.isspace()):
            return "open", "single", 1
        if (_is_word(prev) or prev in ".,!?;:") and (not _is_word(nxt)):
            return "close", "single", 1
        return None
    return None


def find_marks(text: str) -> list[MarkSpan]:
    spans: list[MarkSpan] = []
    for start, end in _paragraphs(text):
        carried = spans[-1].kind if spans and not spans[-1].closed \
            and spans[-1].end == _content_end(text, start) else ""
        spans.extend(_marks_in(text, start, end, carried))
    return spans


def _content_end(text: str, para_start: int) -> int:
    """The end of the text before the paragraph break that precedes ``para_start``."""
    end = para_start
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _marks_in(text: str, lo: int, hi: int, carried: str = "") -> list[MarkSpan]:
    """The quotation spans of one paragraph. ``carried``: the kind of the unclosed quotation the
    paragraph before ended in; a closing mark of that kind met before any opening one closes a quotation that runs
    from this paragraph's start ("... said, “I think we learned a lot.\n\nIt was a day.”": the
    rule ``marks.closed-in-next-paragraph``)."""
    spans: list[MarkSpan] = []
    open_at: tuple[int, int, str] | None = None  # (outer_start, content_start, kind)
    nested = 0
    i = lo
    while i < hi:
        c = _classify(text, i)
        if c is None:
            i += 1
            continue
        role, kind, width = c
        if open_at is None:
            if carried and not spans:
                span = closed_in_next_paragraph(CarriedClose(text, lo, i, role, kind, width, carried))
                if span is not None:
                    spans.append(span)
                    carried = ""
                    i += width
                    continue
            carried = ""
            if role in ("open", "either"):
                open_at = (i, i + width, kind)
            i += width
            continue
        o_start, c_start, o_kind = open_at
        if text[i] == "“" and o_kind == "double" and not _looks_closing(text, i):
            nested += 1  # “... what he calls “hell” than ...”: a quote inside the quote
            i += width
            continue
        if nested and text[i] == "”":
            nested -= 1
            i += width
            continue
        # Inside an open quote: a single-quote opener nested inside a double quote is ignored;
        # any closer closes (mismatched marks in scraped text still pair up).
        if role == "close" or (role == "either") or (role == "open" and kind == o_kind == "double"
                                                     and _looks_closing(text, i)):
            if kind == "single" and o_kind != "single" and not _looks_closing(text, i):
                i += width
                continue
            if kind == "single" and o_kind == "double":
                # a closing single quote inside a double-quoted passage is a nested quote or apostrophe
                i += width
                continue
            spans.append(MarkSpan(c_start, i, o_start, i + width, True, o_kind))
            open_at = None
        i += width
    if open_at is not None:
        o_start, c_start, o_kind = open_at
        end = hi
        while end > c_start and text[end - 1].isspace():
            end -= 1
        if end - c_start > 0:
            spans.append(MarkSpan(c_start, end, o_start, end, False, o_kind))
    return [s for s in spans if s.end > s.start and text[s.start:s.end].strip()]


@dataclass(frozen=True)
class CarriedClose:
    """The context of ``marks.closed-in-next-paragraph``: the first mark (``role``, ``kind``,
    ``width`` at ``at``) of a paragraph starting at ``lo`` after one that ended in an unclosed
    quotation of kind ``carried``."""

    text: str
    lo: int
    at: int
    role: str
    kind: str
    width: int
    carried: str


@rule("marks.closed-in-next-paragraph", "marks")
def closed_in_next_paragraph(ctx: CarriedClose) -> MarkSpan | None:
    """'said, “I think we learned a lot.\\n\\nIt was a long day.”': a quotation opened in one
    paragraph and closed in the next; the closed part is the same speaker's.

    A closing mark of the unclosed quotation's kind, before any opening mark of the new paragraph,
    closes a quotation that runs from the paragraph's start (``carried``)."""
    if ctx.carried == ctx.kind and ctx.role == "close" and ctx.text[ctx.lo:ctx.at].strip():
        return MarkSpan(ctx.lo, ctx.at, ctx.lo, ctx.at + ctx.width, True, ctx.kind, carried=True)
    return None


def _looks_closing(text: str, i: int) -> bool:
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return not _is_word(nxt)
