"""A cue's content as a quote (phases ``quote`` and ``refine`` of :mod:`quotes.extract.rules`).

The ``quote`` rules are tried in order and the first that applies decides: the content is a whole
quotation the cue frames (its marks are linked as direct speech), the two quoted pieces around an
inverted attribution, the content holding a quoted fragment (mixed), or the content alone
(indirect). Each ``refine`` rule then revises the quote made (split around its attribution, a
speaker inside the words dropped).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from quotes.extract.complements import ADVERBIAL_OPENERS
from quotes.extract.cue import Cue
from quotes.extract.document import MIN_DIRECT_WORDS, Document, span_of, tokens_span
from quotes.extract.lexicon import WORDS
from quotes.extract.marks import MarkSpan
from quotes.extract.quoting import Link, make_quote
from quotes.extract.rules import CONFIDENCE, rule, rules
from quotes.extract.tree import Tree
from quotes.types import QuoteSpan, Span

_RELATIVE = WORDS.relative.clause_openers
_LEADING_WORDS = WORDS.clauses.leading_words


@dataclass(frozen=True)
class CueQuoteContext:
    """The context of the ``quote`` rules: one cue with content, its tree, the content's character
    span (ended at a quotation the parser ran past) and the unclaimed marks overlapping it."""

    doc: Document
    cue: Cue
    tree: Tree
    start: int
    end: int
    overlapping: tuple[int, ...]


@dataclass(frozen=True)
class Claim:
    """What a ``quote`` rule decided: the quote made (None: none), the marks it claims and the
    links it gives them (their direct quotes are made when the marks are linked)."""

    quote: QuoteSpan | None
    marks: tuple[int, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class RefineContext:
    """The context of the ``refine`` rules: the quote a cue made, with the cue and its tree."""

    doc: Document
    cue: Cue
    tree: Tree
    quote: QuoteSpan


def cue_quote(d: Document, c: Cue, used_marks: set[int], linked: list[Link]) -> QuoteSpan | None:
    """The quote cue ``c`` makes of its content (None: none, or its marks were linked instead);
    the marks it claims join ``used_marks``, the links it gives them ``linked``."""
    ctx = _context(d, c, used_marks)
    if ctx is None:
        return None
    claim = next((found for r in rules("quote") if (found := r.fn(ctx)) is not None), None)
    if claim is None:
        return None
    used_marks.update(claim.marks)
    linked.extend(claim.links)
    q = claim.quote
    if q is None:
        return None
    for r in rules("refine"):
        q = r.fn(RefineContext(d, c, ctx.tree, q))
    return q


def _context(d: Document, c: Cue, used_marks: set[int]) -> CueQuoteContext | None:
    tree = d.trees[c.sentence]
    cspan = tree.char_span(c.content)
    if not cspan:
        return None
    start, end = cspan
    end = _quotation_ends_content(d, start, end)
    overlapping = tuple(i for i in d.mark_index.touching(start, end)
                        if d.marks[i].outer_start < end and d.marks[i].outer_end > start and i not in used_marks)
    return CueQuoteContext(d, c, tree, start, end, overlapping)


@rule("link.cue-whole-quotation", "quote")
def cue_whole_quotation(ctx: CueQuoteContext) -> Claim | None:
    """A cue whose content is a whole quotation: direct speech.

    The content is (almost) exactly one quotation, or a framing phrase set off by a comma or colon
    then the quotation; the cue stands outside it and the quotation reads as full speech."""
    d, c, tree = ctx.doc, ctx.cue, ctx.tree
    text = d.text
    cue_tok = tree.tok(c.verb)
    speaker = tokens_span(text, tree, c.speaker_tokens) if c.speaker_tokens else None
    whole = [i for i in ctx.overlapping if _covers(d.marks[i], ctx.start, ctx.end, text)
             or _framed(d.marks[i], ctx.start, text, cue_tok.start, speaker)]
    if whole and not (d.marks[whole[0]].outer_start <= cue_tok.start < d.marks[whole[0]].outer_end):
        m = d.marks[whole[0]]
        if _direct_like(text, m, cue_tok.end):
            name = "link.cue-whole-quotation"
            return Claim(None, (whole[0],), (Link(m, c, name, CONFIDENCE[name]),))
    return None


@rule("link.cue-pieces", "quote")
def cue_pieces(ctx: CueQuoteContext) -> Claim | None:
    """'“A,” she wrote, “and B.”': each side of an inverted attribution one whole quotation.

    Direct speech in two pieces, however the parser hung them on the cue."""
    c = ctx.cue
    pieces = _quoted_pieces(ctx.doc, ctx.tree, c) if c.kind == "inverted" else None
    if not pieces:
        return None
    name = "link.cue-pieces"
    return Claim(None, tuple(pieces), tuple(Link(ctx.doc.marks[i], c, name, CONFIDENCE[name])
                                            for i in pieces))


@rule("quote.mixed", "quote")
def mixed(ctx: CueQuoteContext) -> Claim | None:
    """A cue's content holding a quoted fragment is mixed speech.

    The quote runs over the content and the quotations it overlaps (which it claims, even when the
    words turn out to be no quote)."""
    if not ctx.overlapping:
        return None
    start, end = ctx.start, ctx.end
    for i in ctx.overlapping:
        m = ctx.doc.marks[i]
        start, end = min(start, m.outer_start), max(end, m.outer_end)
    return Claim(_reported(ctx, "mixed", start, end), ctx.overlapping)


@rule("quote.indirect", "quote")
def indirect(ctx: CueQuoteContext) -> Claim | None:
    """A cue's content without quotation marks is indirect speech.

    Its edges lose whitespace, dangling punctuation and a leading complementizer ("that")."""
    if ctx.overlapping:
        return None
    start, end = _strip_edges(ctx.doc.text, ctx.start, ctx.end, object_content=ctx.cue.kind == "obj")
    return Claim(_reported(ctx, "indirect", start, end))


def _reported(ctx: CueQuoteContext, qtype: str, start: int, end: int) -> QuoteSpan | None:
    """The reported words as a quote of ``qtype``, unless too short or a relative clause."""
    text, c = ctx.doc.text, ctx.cue
    if end - start < 3 or text[start:end].split(" ", 1)[0].lower() in _RELATIVE:
        return None  # "who was shot ...": a relative clause the parser hung on the cue
    conf = CONFIDENCE["quote.from-weak-cue" if c.weak else
                      "quote.from-according" if c.kind == "according" else "quote.from-cue"]
    return make_quote(ctx.doc, qtype, start, end, c, conf, f"quote.{qtype}")


def _strip_edges(text: str, start: int, end: int, object_content: bool = False) -> tuple[int, int]:
    """Trim whitespace, dangling punctuation and a leading complementizer from reported speech (an
    object keeps its determiner: "rejected that argument")."""
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    for w in _LEADING_WORDS:
        if object_content and w.startswith("that"):
            continue
        if text[start:start + len(w)].lower() == w and end - start > len(w) + 10:
            start += len(w)
            break
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
        end -= 1
    return start, end


_DASHES = ("--", "—", "–", "―")


def _quotation_ends_content(d: Document, start: int, end: int) -> int:
    """'says, "Don't you do it," until the shots are heard', 'as a joke -- "That makes me look
    good" -- and, when pressed, ...': a content that opens with a whole quotation ends with it when
    a subordinate clause, a dash or a new sentence follows the closing mark (the parser ran on)."""
    text = d.text
    # (the parse may leave the opening mark out of the content)
    m = next((m for m in (d.marks[i] for i in d.mark_index.from_offset(start))
              if m.outer_start >= start or m.outer_start <= start <= m.start), None)
    if m is None or text[start:m.outer_start].strip(" ,:") or not m.closed or m.outer_end >= end:
        return end
    tail = text[m.outer_end:end].lstrip(" ,")
    body = text[m.start:m.end].rstrip()
    if tail.startswith(_DASHES) or tail.split(" ", 1)[0].lower() in ADVERBIAL_OPENERS \
            or body.endswith((".", "?", "!")) and tail[:1].isupper():
        return m.outer_end
    return end


def _quoted_pieces(d: Document, tree: Tree, c: Cue) -> list[int] | None:
    """'“A,” she wrote, “and B.”': a content the attribution splits, each side one whole quotation,
    is direct speech in two pieces, however the parser hung them on the cue (the marks' indices)."""
    sides = [[i for i in c.content if i < c.verb], [i for i in c.content if i > c.verb]]
    found = []
    for side in sides:
        span = tree.char_span(side) if side else None
        k = next((i for i in d.mark_index.touching(*span, strict=False) if _covers(d.marks[i], *span, d.text)),
                 None) if span else None
        if k is None:
            return None
        found.append(k)
    return found if found[0] != found[1] else None


def _covers(m: MarkSpan, start: int, end: int, text: str) -> bool:
    """The cue's content is (almost) exactly this quotation."""
    inner = max(0, min(end, m.end) - max(start, m.start))
    content_len = max(1, end - start)
    return inner / content_len >= 0.85 or (m.outer_start <= start and end <= m.outer_end)


def _framed(m: MarkSpan, start: int, text: str, cue_start: int, speaker: Span | None) -> bool:
    """'As for complexity, “A,” said X', 'The letter ended with a warning: “A,” the mayors wrote': a
    framing phrase set off by a comma or a colon, then a whole quotation closing at the attribution;
    the phrase is the writer's, the quotation the speaker's."""
    between = text[m.outer_end:cue_start].strip(" ,")
    frame = text[start:m.outer_start].rstrip()
    # after a comma the phrase may be the speaker's own lead-in ('With so many systems, “...,” Johnson
    # said'); a colon closes a clause of its own
    return start < m.outer_start and m.outer_end <= cue_start and (
        frame.endswith(",") and not between
        or frame.endswith(":") and (not between or speaker is not None and between == speaker.text))


def _direct_like(text: str, m: MarkSpan, cue_end: int) -> bool:
    """A full quotation, not a quoted fragment woven into reported speech."""
    body = text[m.start:m.end].strip()
    if not body:
        return False
    between = text[min(cue_end, m.outer_start):max(cue_end, m.outer_start)]
    if cue_end <= m.outer_start and any(p in between for p in (",", ":")):
        return True
    if cue_end >= m.outer_end:  # "“...,” he said"
        return True
    return body[0].isupper() and len(body.split()) >= MIN_DIRECT_WORDS


@rule("quote.around-attribution", "refine")
def around_attribution(ctx: RefineContext) -> QuoteSpan:
    """"A, he said, B": reported speech interrupted by its attribution, in two parts without it."""
    d, tree, q, c = ctx.doc, ctx.tree, ctx.quote, ctx.cue
    before = [i for i in c.content if i < c.verb]
    after = [i for i in c.content if i > c.verb]
    if not before or not after or max(before) >= min(c.speaker_tokens or [c.verb]):
        return q
    a, b = tree.char_span(before), tree.char_span(after)
    if not a or not b or not (q.content.start < a[1] and b[1] <= q.content.end):  # edges may be trimmed
        return q
    parts = (span_of(d.text, q.content.start, a[1]), span_of(d.text, b[0], q.content.end))
    content = Span(q.content.start, q.content.end, " ".join(p.text for p in parts))
    return replace(q, content=content, parts=parts, rules=q.rules + ("quote.around-attribution",))


@rule("speaker.drop-inside-content", "refine")
def drop_speaker_inside_content(ctx: RefineContext) -> QuoteSpan:
    """A mention inside the reported words is the clause's own subject, not the speaker.

    The parse took the reported clause's subject for the cue's: the quote keeps no mention."""
    q = ctx.quote
    if q.mention is not None and any(p.start <= q.mention.start and q.mention.end <= p.end
                                     for p in q.parts or (q.content,)):
        return replace(q, mention=None, rules=q.rules + ("speaker.drop-inside-content",), speaker_rule="")
    return q
