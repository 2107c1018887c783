"""Attribution carried by layout rather than syntax: transcripts, epigraphs and headline labels.

- ``“...” ― Sonya Herridge``: a quotation followed by a dash and a name on the same line (or by a
  spaced hyphen and a name that ends the line: ``"..." - Matthew Ingram``);
- ``PENCE: Well, look, ...``: interview transcripts label each turn with the speaker (a label
  counts only when it opens two or more paragraphs, so a dateline like "WASHINGTON:" does not);
- ``Pence: Gennifer Flowers Won’t Be at Debate``: a headline label naming a person of the article
  reports what that person said (indirect).
"""

from __future__ import annotations

import re
from collections import Counter

from quotes.extract.lexicon import WORDS
from quotes.extract.marks import MarkSpan
from quotes.extract.rules import CONFIDENCE, rule
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
                     None, CONFIDENCE["layout.headline-label"], "layout-label",
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


_CITATION_TAIL = re.compile(r"[ \t\u00a0]*,[^\n]*\b(?:1[89]|20)\d\d\b")


@rule("layout.drop.source-citation", "link")
def _source_citation(text: str, name_end: int) -> bool:
    """'"Sensitive document found on street" ― CBC.ca, August 15, 2008': a headline signed by an
    outlet and a date is a line of the article's source list, not a quotation (rule
    ``layout.drop.source-citation``). A quotation's signature names a person, not a dated byline."""
    return _CITATION_TAIL.match(text, name_end) is not None


def layout_quotes(text: str, marks: list[MarkSpan], used: set[int], sentence_of) -> list[QuoteSpan]:
    out: list[QuoteSpan] = []
    for i, m in enumerate(marks):
        if i in used or not m.closed:
            continue
        dash = _DASH_NAME.match(text, m.outer_end)
        name_rule = "layout.dash"
        if dash is None and (dash := _HYPHEN_NAME.match(text, m.outer_end)) is not None:
            name_rule = "layout.hyphen-signature"
        if dash and _source_citation(text, dash.end(1)):
            continue  # layout.drop.source-citation
        if dash and len(text[m.start:m.end].split()) >= 3:
            m = _from_paragraph_opening(text, m)
            name = dash.group(1).rstrip(".")
            s = dash.start(1)
            d_at = dash.start() + next(k for k, ch in enumerate(dash.group(0)) if ch in "―—–-")
            out.append(QuoteSpan("direct", Span(m.start, m.end, text[m.start:m.end]), sentence_of(m.start) or 0,
                                 Span(d_at, d_at + 1, text[d_at]),
                                 Span(s, s + len(name), name), None, CONFIDENCE["layout.dash"], "layout-dash",
                                 rules=(name_rule,), speaker_rule=name_rule))
            used.add(i)
    labels = list(_LABEL.finditer(text))
    counts = Counter(m.group(1) for m in labels)
    first_line_end = text.find("\n") if "\n" in text else len(text)
    for lm in labels:
        label = lm.group(1)
        if label.lower() in _LABEL_STOP or len(label.split()) > 4:
            continue
        body_start, body_end = lm.start(2), lm.end(2)
        body = text[body_start:body_end].rstrip()
        while body and body[-1] in "\"”":
            body = body[:-1].rstrip()
        body_end = body_start + len(body)
        if len(body.split()) < 3:
            continue
        if counts[label] >= 2:
            qtype, name = "direct", "layout.transcript"
            body_end = _turn_end(text, lm, body_end)
        elif lm.start() < first_line_end and label.lower() in text[first_line_end:].lower():
            qtype, name = "indirect", "layout.headline-label"  # headline "Name: claim", the name recurs in the body
        else:
            continue
        if any(q.content.start <= body_start < q.content.end for q in out):
            continue
        colon = lm.end(1)
        out.append(QuoteSpan(qtype, Span(body_start, body_end, text[body_start:body_end]),
                             sentence_of(body_start) or 0, Span(colon, colon + 1, ":"),
                             Span(lm.start(1), lm.end(1), label), None, CONFIDENCE[name], "layout-label",
                             rules=(name,), speaker_rule=name))
    headline = _headline_quotation(text, marks)
    if headline is not None and not any(q.content.start <= headline.content.start < q.content.end for q in out):
        out.append(headline)
    return out
