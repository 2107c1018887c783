"""Quotations attributed by a fixed phrase instead of a speech verb.

``layout.in-the-words-of``: '..., and in the words of the Crown prosecutor, Jane Doe, QC, “...”'
and 'In the words of Smith: “...”': the phrase names whose words the quotation right after it
is. No verb governs it, so the parse gives no cue; the phrase and the mark are read on the surface.
"""

from __future__ import annotations

import re

from quotes.extract.layout import LayoutContext
from quotes.extract.rules import CONFIDENCE, rule
from quotes.types import QuoteSpan, Span

# the source runs from "of" to the punctuation right before the opening mark
_IN_THE_WORDS_OF = re.compile(r"\b[Ii]n[ \t\u00a0]+(?:the|his|her|their)[ \t\u00a0]+(?:own[ \t\u00a0]+)?words"
                              r"[ \t\u00a0]+of[ \t\u00a0]+([^\n\"“”.;:]{2,120}?)[ \t\u00a0]*[,:]?[ \t\u00a0]*$")


@rule("layout.in-the-words-of", "layout")
def in_the_words_of(ctx: LayoutContext) -> list[QuoteSpan]:
    """A quotation right after "in the words of X": X's words."""
    text, out = ctx.text, []
    for i, m in enumerate(ctx.marks):
        if i in ctx.used or not m.closed or len(text[m.start:m.end].split()) < 3:
            continue
        window_start = max(0, m.outer_start - 200, text.rfind("\n", 0, m.outer_start) + 1)
        found = _IN_THE_WORDS_OF.search(text, window_start, m.outer_start)
        if found is None:
            continue
        s, e = found.span(1)
        source = text[s:e].rstrip(" ,")
        phrase = found.start()
        out.append(QuoteSpan("direct", Span(m.start, m.end, text[m.start:m.end]), ctx.sentence_of(m.start) or 0,
                             Span(phrase, phrase + len("in the words of"), text[phrase:phrase + 15]),
                             Span(s, s + len(source), source), None, CONFIDENCE["layout.in-the-words-of"],
                             rules=("layout.in-the-words-of",), speaker_rule="layout.in-the-words-of"))
        ctx.used.add(i)
    return out
