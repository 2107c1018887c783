"""Combine speech cues and quotation marks into typed quote spans for one parsed article.

The article-level phases of :mod:`quotes.extract.rules`, in the order they run, each rule one
function taking one frozen context (the name a quote carries in its ``rule`` column is the name
it is registered under):

1. cues (:mod:`~quotes.extract.cues`), without those inside quotation marks (nested speech belongs
   to the quote around it), then ``relay`` (:mod:`~quotes.extract.relays`): relayed speech ("the
   ministry said Blinken highlighted ...") gives the quote to the inner speaker, keeping the relay
   in ``via``;
2. ``quote`` and ``refine`` (:mod:`~quotes.extract.cue_quotes`): a cue whose content is a whole
   quotation is direct speech; content holding a quoted fragment is mixed; without marks, indirect;
3. ``layout`` (:mod:`~quotes.extract.layout`): signatures after a dash, transcript labels, headline
   labels; speech reported inside a transcript turn belongs to that turn;
4. ``link`` and ``fragment`` (:mod:`~quotes.extract.links`): quotations no cue has claimed are
   linked to a cue elsewhere in their sentence, to a colon-introduced cue, to a short attribution
   sentence next to them ("he said."), or continue the previous paragraph's speaker; a quotation
   with none of these is a title or scare quote;
5. ``post`` (:mod:`~quotes.extract.postpasses`): passes over all quotes, in text order.
"""

from __future__ import annotations

from quotes.extract import phrases, pullquotes  # noqa: F401  (register their layout and post rules)
from quotes.extract.cue_quotes import cue_quote
from quotes.extract.document import Document
from quotes.extract.layout import layout_quotes
from quotes.extract.lexicon import cue_lexicon
from quotes.extract.links import link_marks
from quotes.extract.offsets import Containment
from quotes.extract.postpasses import post_passes
from quotes.extract.quoting import Link
from quotes.extract.relays import article_cues
from quotes.types import ParsedDoc, QuoteSpan


def extract_quotes(doc: ParsedDoc) -> list[QuoteSpan]:
    """The article's quotes, in text order, each naming the rules that made it."""
    d = Document(doc)
    cues = article_cues(d, cue_lexicon())
    d.index_cues(cues)
    used_marks: set[int] = set()
    linked: list[Link] = []
    quotes = [q for c in cues if c.content and (q := cue_quote(d, c, used_marks, linked)) is not None]
    layout = layout_quotes(d.text, d.marks, used_marks, d.sentence_of)
    for lq in layout:
        used_marks.update(d.mark_index.opening_between(lq.content.start - 2, lq.content.end))
    # speech reported inside a transcript turn (or a signed quotation) belongs to that turn
    turns = Containment([(lq.content.start, lq.content.end + 1) for lq in layout if lq.type == "direct"])
    quotes = [q for q in quotes if not turns.covers(q.content.start, q.content.end)]
    quotes.extend(layout)
    quotes.extend(link_marks(d, used_marks, linked))
    quotes.sort(key=lambda q: (q.content.start, q.content.end))
    return post_passes(d, quotes)
