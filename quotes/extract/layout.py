"""Attribution carried by layout rather than syntax: transcripts, epigraphs and headline labels.

- ``“...” ― Sonya Herridge``: a quotation followed by a dash and a name on the same line (or by a
  spaced hyphen and a name that ends the line: ``"..." - Matthew Ingram``);
- ``PENCE: Well, look, ...``: interview transcripts label each turn with the speaker (a label
  counts only when it opens two or more paragraphs, so a dateline like "WASHINGTON:" does not);
- ``Pence: Gennifer Flowers Won’t Be at Debate``: a headline label naming a person of the article
  reports what that person said (indirect);
- ``"Headline" ― CBC.ca, August 15, 2008``: a line of the source list, no quotation.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from quotes.extract.lexicon import WORDS
from quotes.extract.marks import MarkSpan
from quotes.extract.offsets import ForwardCover
from quotes.extract.rules import CONFIDENCE, rule, rules
from quotes.types import QuoteSpan, Span

_NAME = r"(?:[A-Z][\w.'’-]*)(?:[ \t\u00a0]+(?:[A-Z][\w.'’-]*|de|van|von|al|bin))*"
_DASH_NAME = re.compile(r"[ \t\u00a0]*[―—–][ \t\u00a0]*(" + _NAME + r")")
# '"..." - Matthew Ingram': a hyphen set off by spaces signs only when the name ends the line
_HYPHEN_NAME = re.compile(r"[ \t\u00a0]+-[ \t\u00a0]+(" + _NAME + r")[ \t\u00a0]*(?=\n|$)")
_LABEL = re.compile(r"^[ \t\u00a0]*[\"“]?(" + _NAME + r"):[ \t\u00a0]+(\S.*)$", re.MULTILINE)
_LABEL_STOP = WORDS.layout_label_stop


_HANDLE = re.compile(r"(?:^|\s)@\w+")
_NEXT_PARAGRAPH = re.compile(r"[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*[ \t\u00a0]*[\"“]([^\n]*)")


def _turn_end(text: str, label, body_end: int) -> int:
    """Where a transcript turn opened by a quotation mark ends: a quotation over several paragraphs
    reopens each with a mark ("PENCE: ...\n\n"But the truth is ..."), so the turn runs on until a
    paragraph with no opening mark, a new speaker label, or a stage note such as "(CROSSTALK.)"."""
    if text[label.start():label.start(1)].strip() not in ('"', "“"):
        return body_end
    end, pos = body_end, label.end(2)
    while (m := _NEXT_PARAGRAPH.match(text, pos)) is not None:
        line = m.group(1)
        if not line.strip() or line.lstrip().startswith("(") or _LABEL.match(line) or _HANDLE.search(line):
            break  # (a line with a social media handle is the site's sign-off: "Follow X on Twitter @x")
        pos = m.end(1)
        end = m.start(1) + len(line.rstrip().rstrip("\"”").rstrip())
    return end


_HEADLINE = re.compile(r"[ \t\u00a0]*([^:\n]{3,80}?):[ \t\u00a0]+(\S[^\n]*)")
_CAPITALISED_RUN = re.compile(r"[A-Z][\w.'’-]*(?:[ \t\u00a0]+[A-Z][\w.'’-]*)*")


def _recurring_name(label: str, rest: str) -> tuple[int, int] | None:
    """The name in a headline label that the article names again mid-sentence (after a lower-case
    word or a title such as "Mr."), so a capital owed only to the headline style does not count:
    the longest such start of a run of capitalised words ("Elizabeth Warren" of "Elizabeth Warren
    Hammers Wells Fargo CEO")."""
    for run in _CAPITALISED_RUN.finditer(label):
        words = run.group(0).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if len(name) > 2 and re.search(r"(?:[a-z,]|\b[A-Z][a-z]{0,3}\.)[ \t\u00a0]+" + re.escape(name) + r"\b", rest):
                return run.start(), run.start() + len(name)
    return None


def _headline_quotation(text: str, marks: list[MarkSpan]) -> QuoteSpan | None:
    """"A lesson from Loretta Lynch: 'Be the voice ...'", "Obama on Climate Change: The Trends Are
    'Terrifying.'": a headline whose label names a person of the article and whose words after the
    colon carry quotation marks reports that person's words, whatever else the label says."""
    m = _HEADLINE.match(text)
    if m is None or len(m.group(1).split()) > 8 or m.group(1).strip().lower() in _LABEL_STOP:
        return None
    body_start, line_end = m.start(2), m.end(2)
    if len(m.group(2).split()) > 20:
        return None  # a paragraph, not a headline
    if not any(body_start <= q.outer_start and q.outer_end <= line_end for q in marks):
        return None
    name = _recurring_name(m.group(1), text[line_end:])
    if name is None:
        return None
    body = text[body_start:line_end].rstrip()
    colon = m.end(1)
    return QuoteSpan("indirect", Span(body_start, body_start + len(body), body), 0, Span(colon, colon + 1, ":"),
                     Span(m.start(1) + name[0], m.start(1) + name[1], text[m.start(1) + name[0]:m.start(1) + name[1]]),
                     None, CONFIDENCE["layout.headline-label"],
                     rules=("layout.headline-label",), speaker_rule="layout.headline-label")


def _from_paragraph_opening(text: str, m: MarkSpan) -> MarkSpan:
    """'“No one wants ... To quote Marley ‘...’ ... “the root of all evil’.” ― Name': a testimonial
    paragraph opened by a quotation mark and signed after a dash is one quotation from its opening
    mark, whatever inner marks mispaired on the way."""
    para = text.rfind("\n", 0, m.outer_start) + 1
    lead = len(text[para:m.outer_start]) - len(text[para:m.outer_start].lstrip())
    opening = para + lead
    if opening >= m.outer_start or text[opening] not in "“\"":
        return m
    return MarkSpan(opening + 1, m.end, opening, m.outer_end, m.closed, m.kind)


@dataclass(frozen=True)
class LayoutContext:
    """The context of the ``layout`` rules: the article's text, its quotation marks (``used``: the
    indices cue rules claimed; a signature rule adds the ones it takes), the sentence lookup, the
    speaker labels opening its lines, and the layout quotes the rules before found."""

    text: str
    marks: list[MarkSpan]
    used: set[int]
    sentence_of: Callable[[int], int | None]
    labels: tuple[re.Match, ...]
    found: list[QuoteSpan]


def layout_quotes(text: str, marks: list[MarkSpan], used: set[int], sentence_of) -> list[QuoteSpan]:
    """The quotes attributed by layout: the ``layout`` rules in their order."""
    ctx = LayoutContext(text, marks, used, sentence_of, tuple(_LABEL.finditer(text)), [])
    for r in rules("layout"):
        ctx.found.extend(r.fn(ctx))
    return ctx.found


def _signed(ctx: LayoutContext, m: MarkSpan, sign: re.Match, name_rule: str) -> QuoteSpan:
    text = ctx.text
    m = _from_paragraph_opening(text, m)
    name = sign.group(1).rstrip(".")
    s = sign.start(1)
    d_at = sign.start() + next(k for k, ch in enumerate(sign.group(0)) if ch in "―—–-")
    return QuoteSpan("direct", Span(m.start, m.end, text[m.start:m.end]), ctx.sentence_of(m.start) or 0,
                     Span(d_at, d_at + 1, text[d_at]), Span(s, s + len(name), name), None,
                     CONFIDENCE["layout.dash"], rules=(name_rule,), speaker_rule=name_rule)


def _signatures(ctx: LayoutContext, name_rule: str, sign_of) -> list[QuoteSpan]:
    """The closed, unclaimed quotations of three words or more that ``sign_of`` finds signed."""
    out = []
    for i, m in enumerate(ctx.marks):
        if i in ctx.used or not m.closed:
            continue
        sign = sign_of(m)
        if sign and len(ctx.text[m.start:m.end].split()) >= 3:
            out.append(_signed(ctx, m, sign, name_rule))
            ctx.used.add(i)
    return out


_CITATION_TAIL = re.compile(r"[ \t\u00a0]*,[^\n]*\b(?:1[89]|20)\d\d\b")


@rule("layout.drop.source-citation", "layout")
def source_citations(ctx: LayoutContext) -> list[QuoteSpan]:
    """'"Sensitive document found on street" ― CBC.ca, August 15, 2008': a headline signed by an
    outlet and a date is a line of the article's source list, not a quotation.

    (A quotation's signature names a person, not a dated byline: the marks are set aside so that
    no signature rule after this one takes them.)"""
    for i, m in enumerate(ctx.marks):
        if i in ctx.used or not m.closed:
            continue
        sign = _DASH_NAME.match(ctx.text, m.outer_end) or _HYPHEN_NAME.match(ctx.text, m.outer_end)
        if sign and _CITATION_TAIL.match(ctx.text, sign.end(1)):
            ctx.used.add(i)
    return []


@rule("layout.dash", "layout")
def dash(ctx: LayoutContext) -> list[QuoteSpan]:
    """"“...” ― Sonya Herridge": a quotation signed after a dash on the same line.

    (A testimonial paragraph opened by a quotation mark is one quotation from that mark.)"""
    return _signatures(ctx, "layout.dash", lambda m: _DASH_NAME.match(ctx.text, m.outer_end))


@rule("layout.hyphen-signature", "layout")
def hyphen_signature(ctx: LayoutContext) -> list[QuoteSpan]:
    """'"..." - Matthew Ingram': a quotation signed after a spaced hyphen by a name that ends the line."""
    return _signatures(ctx, "layout.hyphen-signature", lambda m: None if _DASH_NAME.match(ctx.text, m.outer_end)
                       else _HYPHEN_NAME.match(ctx.text, m.outer_end))


def _label_body(text: str, lm: re.Match) -> tuple[str, int, int] | None:
    """A speaker label's name and the span of its words (None: a stop word, or too short)."""
    label = lm.group(1)
    if label.lower() in _LABEL_STOP or len(label.split()) > 4:
        return None
    body_start, body_end = lm.start(2), lm.end(2)
    body = text[body_start:body_end].rstrip()
    while body and body[-1] in "\"”":
        body = body[:-1].rstrip()
    if len(body.split()) < 3:
        return None
    return label, body_start, body_start + len(body)


def _labelled(text: str, lm: re.Match, label: str, qtype: str, name: str, body: tuple[int, int],
              sentence_of) -> QuoteSpan:
    body_start, body_end = body
    colon = lm.end(1)
    return QuoteSpan(qtype, Span(body_start, body_end, text[body_start:body_end]),
                     sentence_of(body_start) or 0, Span(colon, colon + 1, ":"),
                     Span(lm.start(1), lm.end(1), label), None, CONFIDENCE[name],
                     rules=(name,), speaker_rule=name)


@rule("layout.transcript", "layout")
def transcript(ctx: LayoutContext) -> list[QuoteSpan]:
    """"PENCE: Well, look, ...": a label opening two or more paragraphs names each turn's speaker.

    (So a dateline like "WASHINGTON:" does not; a turn opened by a quotation mark runs on over the
    paragraphs that reopen it.)"""
    text, out = ctx.text, []
    counts = Counter(m.group(1) for m in ctx.labels)
    made = ForwardCover(lambda q: q.content.start, lambda q: q.content.end)
    for q in ctx.found:
        made.add(q)
    for lm in ctx.labels:
        found = _label_body(text, lm)
        if found is None or counts[found[0]] < 2 or made.covers(found[1]):
            continue
        label, body_start, body_end = found
        q = _labelled(text, lm, label, "direct", "layout.transcript",
                      (body_start, _turn_end(text, lm, body_end)), ctx.sentence_of)
        out.append(q)
        made.add(q)
    return out


@rule("layout.headline-label", "layout")
def headline_label(ctx: LayoutContext) -> list[QuoteSpan]:
    """"Pence: Gennifer Flowers Won't Be at Debate": a headline label naming a person of the article.

    The headline reports what that person said (indirect): its label recurs in the body, or names a
    person the article names again and the words after the colon carry quotation marks."""
    text, out = ctx.text, []
    counts = Counter(m.group(1) for m in ctx.labels)
    first_line_end = text.find("\n") if "\n" in text else len(text)

    def inside_found(at: int) -> bool:
        return any(q.content.start <= at < q.content.end for q in ctx.found + out)
    for lm in ctx.labels:
        found = _label_body(text, lm)
        if found is None or counts[found[0]] >= 2 or not lm.start() < first_line_end:
            continue
        label, body_start, body_end = found
        if label.lower() in text[first_line_end:].lower() and not inside_found(body_start):
            out.append(_labelled(text, lm, label, "indirect", "layout.headline-label", (body_start, body_end),
                                 ctx.sentence_of))
    headline = _headline_quotation(text, ctx.marks)
    if headline is not None and not inside_found(headline.content.start):
        out.append(headline)
    return out
