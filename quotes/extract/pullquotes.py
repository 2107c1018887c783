"""Pull quotes and block quotes whose quotation marks the page lost.

Web articles set a striking passage apart as a pull quote, signed under it ("I was told to
disconnect from her. Valeska Paris", "... Space Shuttle Program. Charles Bolden, NASA
Administrator"), or repeat a sentence of a quotation already in the body as a paragraph of its
own. A scrape keeps the words and drops the styling, so the passage reaches us as an unmarked
paragraph. Two rules read them (gum-news conventions count them as direct speech):

- ``layout.signed-pull-quote``: an unmarked paragraph of one or more sentences followed by a
  signature: a name of two to four capitalised words that the article uses again elsewhere,
  optionally with a title after a comma or in brackets. The name is the speaker.
- ``layout.repeated-pull-quote``: an unmarked paragraph whose opening sentences repeat, word for
  word, a direct quotation found elsewhere in the article; the speaker is that quotation's.
- ``layout.colon-block-quote``: a paragraph whose speech cue closes it with a colon ("In a
  statement, the company denied the allegations:") introduces the unmarked paragraph after it, a
  block quotation; what the cue read inside its own sentence ("the allegations") is no quote.

Neither rule fires inside quotation marks, on headline-like paragraphs without sentence
punctuation, or on a passage shorter than ``MIN_WORDS`` words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate

from quotes.extract.postpasses import PostContext
from quotes.extract.rules import CONFIDENCE, rule
from quotes.types import QuoteSpan, Span

MIN_WORDS = 8
_MARKS = "\"“”«»„"
_WORD = r"[A-Z][\w.'’-]*"
# "... suppressive. Valeska Paris" / "... Program. Charles Bolden, NASA Administrator" /
# "... decision. John Cornyn, U.S. Senator (R-Texas)"
_SIGNATURE = re.compile(
    r"(?P<name>" + _WORD + r"(?:[ \t\u00a0]+" + _WORD + r"){1,3})"
    r"(?P<title>(?:,[ \t\u00a0]*[^\n!?]{2,60}?)?)[ \t\u00a0]*")
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t\u00a0]+(?=\S)")


def _paragraphs(text: str):
    """(start, end) of each paragraph (text between blank-line or line breaks)."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            yield pos + lead, pos + len(line.rstrip())
        pos += len(line) + 1


class _Direct:
    """Direct quotations' spans, sorted, to ask "does a direct quote overlap [a, b)?" by bisection
    (one question per paragraph: linear in the article, issue #21)."""

    def __init__(self, quotes: list[QuoteSpan]):
        spans = sorted((q.content.start, q.content.end) for q in quotes if q.type == "direct")
        self.starts = [a for a, _ in spans]
        self.ends = list(accumulate((b for _, b in spans), max))  # running max of the ends

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # spans starting before ``end``
        return k > 0 and self.ends[k - 1] > start


def drop_nested(quotes: list[QuoteSpan], pulled: list[QuoteSpan]) -> list[QuoteSpan]:
    """The quotes of ``quotes`` not inside one of the pull quotes found (reported speech inside a
    pull quote is nested speech)."""
    if not pulled:
        return quotes
    spans = sorted((p.content.start, p.content.end) for p in pulled)
    starts = [a for a, _ in spans]

    def inside(q: QuoteSpan) -> bool:
        k = bisect_right(starts, q.content.start)
        return k > 0 and q.content.end <= spans[k - 1][1]
    return [q for q in quotes if not inside(q)]


def _in_order(quotes: list[QuoteSpan], pulled: list[QuoteSpan]) -> list[QuoteSpan]:
    """``quotes`` without those nested in a pull quote, with the pull quotes, in text order."""
    return sorted(drop_nested(quotes, pulled) + pulled, key=lambda q: (q.content.start, q.content.end))


@rule("layout.signed-pull-quote", "post")
def signed_pull_quote(ctx: PostContext) -> list[QuoteSpan]:
    """An unmarked paragraph signed by a name the article uses elsewhere: that person's words.

    (Reported speech inside it is nested speech and goes.)"""
    quotes = list(ctx.quotes)
    return _in_order(quotes, _signed_pull_quotes(ctx.doc.text, quotes, ctx.doc.sentence_of))


def _signed_pull_quotes(text: str, quotes: list[QuoteSpan], sentence_of) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    direct = _Direct(quotes)
    counts: Counter[str] | None = None
    for start, end in _paragraphs(text):
        para = text[start:end]
        # a signature carries no sentence punctuation ("Mayor Smith, the chair, resigned." signs nothing)
        if para[-1] in ".!?" or any(ch in para for ch in _MARKS) or direct.overlaps(start, end):
            continue
        found = _signature(para)
        if found is None:
            continue
        cut, m = found
        name = m.group("name")
        if counts is None:  # the article's words, counted once
            counts = Counter(_CAPITALISED.findall(text))
        if counts[name.split()[-1]] < 2:
            continue  # a signature names someone the article is about (named elsewhere too)
        b0, b1 = start, start + cut
        n0 = start + m.start("name")
        out.append(QuoteSpan("direct", Span(b0, b1, text[b0:b1]), sentence_of(b0) or 0, None,
                             Span(n0, n0 + len(name), name), None, CONFIDENCE["layout.signed-pull-quote"],
                             rules=("layout.signed-pull-quote",),
                             speaker_rule="layout.signed-pull-quote"))
    return out


def _signature(para: str) -> tuple[int, re.Match] | None:
    """(end of the body, signature match) when the paragraph ends in "... sentence. Name[, title]".
    Only the last few sentence ends are tried (a title such as "U.S. Senator" holds one), so a long
    paragraph costs one backward scan."""
    pos = len(para)
    for _ in range(3):
        cut = max(para.rfind(". ", 0, pos), para.rfind("! ", 0, pos), para.rfind("? ", 0, pos))
        if cut < 0 or len(para) - cut > 120:
            return None
        m = _SIGNATURE.fullmatch(para, cut + 2)
        if m is not None:
            body = para[:cut + 1]
            if len(body.split()) < MIN_WORDS or len(m.group("title").split()) > 8:
                return None
            return cut + 1, m
        pos = cut
    return None


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).strip(_MARKS + " ")


@rule("layout.repeated-pull-quote", "post")
def repeated_pull_quote(ctx: PostContext) -> list[QuoteSpan]:
    """An unmarked paragraph opening with sentences of a direct quotation found elsewhere: a pull
    quote of the same speaker (only the repeated sentences are the quotation)."""
    quotes = list(ctx.quotes)
    return _in_order(quotes, _repeated_pull_quotes(ctx.doc.text, quotes, ctx.doc.sentence_of))


def _repeated_pull_quotes(text: str, quotes: list[QuoteSpan], sentence_of) -> list[QuoteSpan]:
    owner: dict[str, QuoteSpan] = {}  # each sentence of a direct quotation -> that quotation
    for q in quotes:
        if q.type == "direct" and q.mention is not None:
            for piece in q.parts or (q.content,):  # ("A," he said, "B.": each piece on its own)
                for sent in _SENTENCE_END.split(piece.text):
                    owner.setdefault(_norm(sent), q)
    out: list[QuoteSpan] = []
    if not owner:
        return out
    direct = _Direct(quotes)
    for start, end in _paragraphs(text):
        para = text[start:end]
        if any(ch in para for ch in _MARKS) or direct.overlaps(start, end):
            continue
        cuts = [start] + [start + m.end() for m in _SENTENCE_END.finditer(para)] + [end]
        q = owner.get(_norm(text[cuts[0]:cuts[1]]))
        if q is None or q.content.start <= start < q.content.end:
            continue
        k = 1  # the run of opening sentences that are all sentences of that quotation
        while k + 1 < len(cuts) and owner.get(_norm(text[cuts[k]:cuts[k + 1]])) is q:
            k += 1
        seg = text[start:cuts[k]].rstrip()
        if len(seg.split()) >= MIN_WORDS:
            out.append(QuoteSpan("direct", Span(start, start + len(seg), seg), sentence_of(start) or 0,
                                 q.cue, q.mention, q.via, CONFIDENCE["layout.repeated-pull-quote"],
                                 rules=("layout.repeated-pull-quote",),
                                 speaker_rule="layout.repeated-pull-quote"))
    return out


_NEXT_PARAGRAPH = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]*\n[ \t\u00a0\n]*(?=\S)")


@rule("layout.colon-block-quote", "post")
def colon_block_quote(ctx: PostContext) -> list[QuoteSpan]:
    """The unmarked paragraph after a cue that closes its paragraph with a colon: a block quotation
    of the cue's speaker (what the cue read inside its own sentence goes)."""
    found = _colon_block_quotes(ctx.doc.text, list(ctx.quotes), ctx.doc.sentence_of)
    return sorted(found, key=lambda q: (q.content.start, q.content.end))


def _colon_block_quotes(text: str, quotes: list[QuoteSpan], sentence_of) -> list[QuoteSpan]:
    out, dropped = [], set()
    direct = _Direct(quotes)
    for k, q in enumerate(quotes):
        if q.cue is None or q.mention is None or q.type == "direct":
            continue
        line_end = text.find("\n", q.cue.end)
        if line_end < 0:
            continue
        colon = text.rfind(":", q.cue.end, line_end)
        gap = _NEXT_PARAGRAPH.match(text, colon) if colon >= 0 and not text[colon + 1:line_end].strip() else None
        if gap is None:
            continue
        start = gap.end()
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        para = text[start:end].rstrip()
        if any(ch in para for ch in _MARKS) or len(para.split()) < MIN_WORDS or direct.overlaps(start, end) \
                or para[-1] not in ".!?":
            continue  # (a list of points after the colon is no quotation: "suggested:\n\nSell her ...")
        out.append(QuoteSpan("direct", Span(start, start + len(para), para), sentence_of(start) or 0,
                             q.cue, q.mention, q.via, CONFIDENCE["layout.colon-block-quote"],
                             rules=("layout.colon-block-quote",), speaker_rule=q.speaker_rule))
        if q.content.end <= colon and not text[q.content.end:colon].strip(" \t\"”'"):
            dropped.add(k)  # "denied these allegations:": the object only announces the block quote
    return [q for k, q in enumerate(quotes) if k not in dropped] + out
