"""How an article-level rule turns its decision into a :class:`QuoteSpan`: the span of the words,
the cue's speaker mention, channel and cue words, and the provenance (``rules``: the cue's rules
then the rule that made the quote; ``speaker_rule``: the cue's, behind the link that reached it).
"""

from __future__ import annotations

from dataclasses import dataclass

from quotes.extract.cue import Cue
from quotes.extract.document import Document, span_of, tokens_span
from quotes.extract.marks import MarkSpan
from quotes.extract.rules import CONFIDENCE
from quotes.types import QuoteSpan


@dataclass(frozen=True)
class Link:
    """A quotation-mark span given to a cue by a linking rule (``name``, a registered rule) with the
    confidence of that rule."""

    mark: MarkSpan
    cue: Cue | None
    name: str
    confidence: float


def link_to(m: MarkSpan, c: Cue | None, rule: str) -> Link | None:
    """The link of rule ``link.<rule>`` from mark ``m`` to cue ``c`` (None without a cue)."""
    return Link(m, c, f"link.{rule}", CONFIDENCE[f"link.{rule}"]) if c is not None else None


# rules whose quote is the cue's own words: the speaker rule is the cue's, with no link before it
_OWN_SPEAKER = ("quote.indirect", "quote.mixed", "link.cue-whole-quotation", "link.cue-pieces")


def make_quote(d: Document, qtype: str, start: int, end: int, c: Cue | None, conf: float, name: str,
               speaker_from: Cue | None = None) -> QuoteSpan:
    """A quote span made by rule ``name`` from cue ``c`` (or with the speaker of ``speaker_from``);
    its rules are the cue's then ``name``, its speaker rule the cue's, behind the link that reached it."""
    text = d.text
    src = speaker_from or c
    tree = d.trees[src.sentence] if src else None
    mention = tokens_span(text, tree, src.speaker_tokens) if src and src.speaker_tokens else None
    via = tokens_span(text, tree, src.via_tokens) if src and src.via_tokens else None
    cue = None
    if src:
        ctoks = [tree.tok(i) for i in src.cue_tokens]
        cue = span_of(text, ctoks[0].start, ctoks[-1].end)  # "issued a statement", words between included
    sentence = d.sentence_of(start)
    why = ""
    if mention is not None:
        why = src.speaker_rule if name in _OWN_SPEAKER else " > ".join(x for x in (name, src.speaker_rule) if x)
    return QuoteSpan(type=qtype, content=span_of(text, start, end), sentence=sentence or 0,
                     cue=cue, mention=mention, via=via, confidence=conf,
                     rules=(src.rules if src else ()) + (name,), speaker_rule=why)


def linked_quote(d: Document, link: Link) -> QuoteSpan:
    """The direct quote a link makes of its quotation's words."""
    m = link.mark
    return make_quote(d, "direct", m.start, m.end, link.cue, link.confidence, link.name)
