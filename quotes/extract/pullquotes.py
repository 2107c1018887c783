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

Neither rule fires inside quotation marks, on headline-like paragraphs without sentence
punctuation, or on a passage shorter than ``MIN_WORDS`` words.
"""

from __future__ import annotations

import re

from quotes.extract.rules import CONFIDENCE, rule
from quotes.types import QuoteSpan, Span

MIN_WORDS = 8
_MARKS = "\"“”«»„"
_WORD = r"[A-Z][\w.'’-]*"
# "... suppressive. Valeska Paris" / "... Program. Charles Bolden, NASA Administrator" /
# "... decision. John Cornyn, U.S. Senator (R-Texas)"
_SIGNED = re.compile(
    r"(?P<body>\S[^\n]*?[.!?])[ \t\u00a0]+(?P<name>" + _WORD + r"(?:[ \t\u00a0]+" + _WORD + r"){1,3})"
    r"(?P<title>(?:,[ \t\u00a0]*[^\n!?]{2,60}?)?)[ \t\u00a0]*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[ \t\u00a0]+(?=\S)")


def _paragraphs(text: str):
    """(start, end) of each paragraph (text between blank-line or line breaks)."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            yield pos + lead, pos + len(line.rstrip())
        pos += len(line) + 1


def _covered(quotes: list[QuoteSpan], start: int, end: int) -> bool:
    """Is the span already part of a direct quotation? (Reported speech inside a pull quote is
    nested speech: the pull quote replaces it, see ``drop_nested``.)"""
    return any(q.type == "direct" and q.content.start < end and start < q.content.end for q in quotes)


def drop_nested(quotes: list[QuoteSpan], pulled: list[QuoteSpan]) -> list[QuoteSpan]:
    """The quotes of ``quotes`` not inside one of the pull quotes found."""
    return [q for q in quotes if not any(p.content.start <= q.content.start and q.content.end <= p.content.end
                                         for p in pulled)]


@rule("layout.signed-pull-quote", "link")
def signed_pull_quotes(text: str, quotes: list[QuoteSpan], sentence_of) -> list[QuoteSpan]:
    """An unmarked paragraph signed by a name the article uses elsewhere: that person's words."""
    out: list[QuoteSpan] = []
    for start, end in _paragraphs(text):
        para = text[start:end]
        if any(ch in para for ch in _MARKS) or _covered(quotes, start, end):
            continue
        if para[-1] in ".!?":
            continue  # a signature carries no sentence punctuation ("Mayor Smith, the chair, resigned.")
        m = _SIGNED.search(para)
        if m is None or len(m.group("body").split()) < MIN_WORDS or len(m.group("title").split()) > 8:
            continue
        name = m.group("name")
        elsewhere = text[:start].count(name) + text[end:].count(name)
        surname = name.split()[-1]
        if not elsewhere and text.count(surname) < 2:
            continue  # a signature names someone the article is about
        b0, b1 = start + m.start("body"), start + m.end("body")
        n0 = start + m.start("name")
        out.append(QuoteSpan("direct", Span(b0, b1, text[b0:b1]), sentence_of(b0) or 0, None,
                             Span(n0, n0 + len(name), name), None, CONFIDENCE["layout.signed-pull-quote"],
                             "layout-pull-quote", rules=("layout.signed-pull-quote",),
                             speaker_rule="layout.signed-pull-quote"))
    return out


def _norm(s: str) -> str:
    return " ".join(s.replace("’", "'").split()).strip(_MARKS + " ")


@rule("layout.repeated-pull-quote", "post")
def repeated_pull_quotes(text: str, quotes: list[QuoteSpan], sentence_of) -> list[QuoteSpan]:
    """An unmarked paragraph opening with sentences of a direct quotation found elsewhere: a pull
    quote of the same speaker (only the repeated sentences are the quotation)."""
    direct = [(q, _norm(q.content.text)) for q in quotes if q.type == "direct" and q.mention is not None]
    out: list[QuoteSpan] = []
    for start, end in _paragraphs(text):
        para = text[start:end]
        if not direct or any(ch in para for ch in _MARKS) or _covered(quotes + out, start, end):
            continue
        cuts = [start] + [start + m.end() for m in _SENTENCE_END.finditer(para)] + [end]
        for q, body in direct:
            if q.content.start <= start < q.content.end:
                continue
            k = 1  # the longest run of opening sentences found word for word in the quotation
            while k < len(cuts) and _norm(text[start:cuts[k]]) in body:
                k += 1
            stop = cuts[k - 1]
            if stop > start and len(text[start:stop].split()) >= MIN_WORDS:
                seg = text[start:stop].rstrip()
                out.append(QuoteSpan("direct", Span(start, start + len(seg), seg), sentence_of(start) or 0,
                                     q.cue, q.mention, q.via, CONFIDENCE["layout.repeated-pull-quote"],
                                     "layout-pull-quote", rules=("layout.repeated-pull-quote",),
                                     speaker_rule="layout.repeated-pull-quote"))
                break
    return out
