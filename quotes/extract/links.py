"""Quotation marks no cue claimed, linked to a speaker (phases ``link`` and ``fragment`` of
:mod:`quotes.extract.rules`).

Marks are read in text order. For each, the ``link`` rules are tried in their order and the first
that answers decides: a cue (a :class:`Link`), or a finished quote (a :class:`Marked`: the
continuation of a paragraph's speaker, a quoted label). A linked quotation that reads as a
sentence (or follows its cue after a comma or colon, or resumes a split quote) is direct speech;
otherwise the ``fragment`` rule makes the rest of the cue's clause mixed. A one-word quotation can
only be a label; a title or a show's name ('said on “Fox News Sunday”') is no quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quotes.extract.complements import after_that
from quotes.extract.cue import Cue
from quotes.extract.document import MIN_DIRECT_WORDS, SPLIT_GAP_MAX, Document, span_of
from quotes.extract.lexicon import WORDS, cue_lexicon, title_cased
from quotes.extract.marks import MarkSpan
from quotes.extract.offsets import ForwardCover
from quotes.extract.quoting import Link, link_to, linked_quote, make_quote
from quotes.extract.rules import CONFIDENCE, rule, rules
from quotes.types import QuoteSpan

Previous = tuple[QuoteSpan, Cue | None]  # the last direct quote linked, with its cue


@dataclass(frozen=True)
class MarkContext:
    """The context of the ``link`` rules: one unclaimed quotation mark of the article, the cues,
    the last direct quote linked before it (``prev``) and the quotes made so far (``made``);
    for the ``fragment`` rule, the link a ``link`` rule found."""

    doc: Document
    mark: MarkSpan
    prev: Previous | None
    made: ForwardCover
    link: Link | None = None

    @property
    def body(self) -> str:
        return self.doc.text[self.mark.start:self.mark.end]


@dataclass(frozen=True)
class Marked:
    """A ``link`` rule's finished answer: the quote made (None: none) and the new ``prev``."""

    quote: QuoteSpan | None
    prev: Previous | None = None


def link_marks(d: Document, used: set[int], linked: list[Link]) -> list[QuoteSpan]:
    """Turn the article's quotation marks into quotes: the marks cue rules linked, then the
    unclaimed ones through the ``link`` rules (``d`` has its cues indexed)."""
    out: list[QuoteSpan] = []
    made = ForwardCover(lambda q: q.content.start, lambda q: q.content.end)  # the spans of ``out``
    prev: Previous | None = None
    by_mark = {id(link.mark): link for link in linked}
    for i, m in enumerate(d.marks):
        link = by_mark.get(id(m))
        if link is not None:
            q = linked_quote(d, link)
            out.append(q)
            made.add(q)
            prev = (q, link.cue)
            continue
        if i in used:
            continue
        answer = link_mark(MarkContext(d, m, prev, made))
        if answer.quote is not None:
            out.append(answer.quote)
            made.add(answer.quote)
        if answer.prev is not None:
            prev = answer.prev
    return out


def link_mark(ctx: MarkContext) -> Marked:
    """The quote one unclaimed mark makes, by the first ``link`` rule that answers."""
    d, m, body = ctx.doc, ctx.mark, ctx.body
    if len(body.split()) < MIN_DIRECT_WORDS and body.strip() and not _after_preposition(d, m):
        # 'called half of his supporters “deplorables.”': a one-word label is still a label
        return label(ctx) or Marked(None)
    if len(body.split()) < MIN_DIRECT_WORDS or _after_preposition(d, m) or _title_like(body):
        return Marked(None)
    for r in rules("link"):
        answer = r.fn(ctx)
        if isinstance(answer, Marked):
            return answer
        if answer is not None:
            return _linked(replace(ctx, link=answer))
    return Marked(None)


def _linked(ctx: MarkContext) -> Marked:
    """A mark given a cue: direct speech when it reads as speech, else the ``fragment`` rule."""
    d, m, prev, c = ctx.doc, ctx.mark, ctx.prev, ctx.link.cue
    cue_end = d.trees[c.sentence].tok(max(c.cue_tokens)).end
    between = d.text[cue_end:m.outer_start] if cue_end <= m.outer_start else "x"
    after_cue = between.strip() in (",", ":")
    # “A,” Trump said during a rally in Kenansville, N.C., “but B”: the second piece of a split quote
    resumes = between.rstrip().endswith(",") and prev is not None and prev[1] is c \
        and prev[0].type == "direct" and prev[0].content.end <= cue_end
    if not (_sentence_like(ctx.body) or after_cue or resumes):
        q = next((found for r in rules("fragment") if (found := r.fn(ctx)) is not None), None)
        return Marked(_unless_inside(ctx, q))
    q = linked_quote(d, ctx.link)
    return Marked(q, (q, c))


def _unless_inside(ctx: MarkContext, q: QuoteSpan | None) -> QuoteSpan | None:
    """``q``, unless the mark already sits inside a quote made before."""
    return q if q is not None and not ctx.made.covers(ctx.mark.outer_start) else None


def _speech_cues(d: Document, first: int, last: int) -> list[Cue]:
    """The cues of sentences ``first``..``last`` that anchor quotation marks: speech verbs with a
    speaker ("so-called" does not), colon statements; no according-to phrase."""
    lex = cue_lexicon()
    return [c for c in d.cues_in(first, last) if c.speaker_head is not None and c.kind != "according"
            and (c.lemma in lex.clausal or c.kind == "colon")]


def _sentences_of(ctx: MarkContext) -> tuple[int | None, int | None]:
    m = ctx.mark
    return ctx.doc.sentence_of(m.outer_start), ctx.doc.sentence_of(max(m.outer_end - 1, m.outer_start))


@rule("link.same-sentence", "link")
def same_sentence(ctx: MarkContext) -> Link | None:
    """A quotation no cue claimed goes to the nearest speech cue of its sentence.

    (A cue inside the quotation is not its own attribution.)"""
    d, m = ctx.doc, ctx.mark
    s_first, s_last = _sentences_of(ctx)
    if s_first is None:
        return None
    best, best_dist = None, None
    for c in _speech_cues(d, s_first, s_last):
        tok = d.trees[c.sentence].tok(c.verb)
        if m.outer_start <= tok.start < m.outer_end:
            continue
        dist = min(abs(tok.start - m.outer_end), abs(m.outer_start - tok.end))
        if best_dist is None or dist < best_dist:
            best, best_dist = c, dist
    return link_to(m, best, "same-sentence")


def _cue_closing_sentence_before(ctx: MarkContext, punct: str, fits) -> Cue | None:
    """A cue with a speaker in the sentence right before the mark's, that sentence ending in
    ``punct`` and the cue passing ``fits(cue, last_token)``."""
    s_first, _ = _sentences_of(ctx)
    if s_first is None:
        return None
    for c in ctx.doc.cues_in(s_first - 1, s_first - 1):
        last = ctx.doc.trees[c.sentence].tokens[-1]
        if c.speaker_head is not None and last.text == punct and fits(c, last):
            return c
    return None


@rule("link.colon", "link")
def colon(ctx: MarkContext) -> Link | None:
    """"He said: / “...”": a cue sentence closed by a colon right before the quotation."""
    m = ctx.mark
    return link_to(m, _cue_closing_sentence_before(ctx, ":", lambda c, last: m.outer_start - last.end <= 3),
                   "colon")


@rule("link.cue-closes-paragraph", "link")
def cue_closes_paragraph(ctx: MarkContext) -> Link | None:
    """"Rathbun stated," closing a paragraph: the quotation opening the next paragraph is what was stated."""
    d, m, lex = ctx.doc, ctx.mark, cue_lexicon()

    def fits(c: Cue, last) -> bool:
        gap = d.text[last.end:m.outer_start] if m.outer_start - last.end <= 8 else "x"
        return c.lemma in lex.clausal and not gap.strip() and "\n" in gap
    return link_to(m, _cue_closing_sentence_before(ctx, ",", fits), "cue-closes-paragraph")


@rule("link.next-sentence", "link")
def next_sentence(ctx: MarkContext) -> Link | None:
    """"“...” / He said.": a short attribution sentence right after the quotation.

    At most eight words, in the same paragraph, starting right after the closing mark."""
    d, m = ctx.doc, ctx.mark
    s_first, s_last = _sentences_of(ctx)
    if s_first is None:
        return None
    for c in d.cues_in(s_last + 1, s_last + 1):
        tree = d.trees[c.sentence]
        n_words = sum(1 for t in tree.tokens if t.upos != "PUNCT")
        if c.speaker_head is not None and n_words <= 8 and tree.tokens[0].start - m.outer_end <= 3 \
                and "\n" not in d.text[m.outer_end:tree.tokens[0].start]:  # not the next paragraph's
            return link_to(m, c, "next-sentence")
    return None


@rule("link.same-paragraph", "link")
def same_paragraph(ctx: MarkContext) -> Link | None:
    """“A,” she said. “B.”: the next quotation in the paragraph has the same speaker.

    A capitalised quotation shortly after a direct quote of the same paragraph takes its cue."""
    d, m, prev = ctx.doc, ctx.mark, ctx.prev
    if prev is not None and prev[1] is not None and prev[0].type == "direct" \
            and 0 <= m.outer_start - prev[0].content.end <= SPLIT_GAP_MAX \
            and "\n" not in d.text[prev[0].content.end:m.outer_start] and ctx.body[:1].isupper():
        return link_to(m, prev[1], "same-paragraph")
    return None


@rule("link.continuation", "link")
def continuation(ctx: MarkContext) -> Marked | None:
    """A paragraph opening with a quotation after one that ended in a quotation: the same speaker goes on."""
    prev = ctx.prev
    if prev is None or not _continues(ctx.doc, prev[0], ctx.mark):
        return None
    q = _continuation(ctx.doc, ctx.mark, prev)
    return Marked(q, (q, prev[1]))


@rule("link.label", "link")
def label(ctx: MarkContext) -> Marked | None:
    """'called the ruling “judicial activism at its worst”': a quoted label shortly after a labelling cue.

    What the speaker called it, where the parse lost the object: mixed speech from the cue on."""
    found = _labelled_by(ctx.doc, ctx.mark)
    return Marked(_unless_inside(ctx, found)) if found is not None else None


@rule("link.previous-sentence", "link")
def previous_sentence(ctx: MarkContext) -> Link | None:
    """"Smith said the plan was a disaster. “We will fight it.”": the speech of the sentence before."""
    return link_to(ctx.mark, _previous_sentence_cue(ctx.doc, ctx.mark), "previous-sentence")


def _continuation(d: Document, m: MarkSpan, prev: tuple[QuoteSpan, Cue | None]) -> QuoteSpan:
    """The quote of ``link.continuation``: the previous quote's cue, or its speaker as resolved."""
    name, conf = "link.continuation", CONFIDENCE["link.continuation"]
    extra = ("marks.closed-in-next-paragraph",) if m.carried else ()
    c = prev[1]
    if c is not None:
        q = make_quote(d, "direct", m.start, m.end, None, conf, name, speaker_from=c)
        return replace(q, rules=q.rules + extra)
    p = prev[0]
    return QuoteSpan("direct", span_of(d.text, m.start, m.end), d.sentence_of(m.start) or 0,
                     p.cue, p.mention, p.via, conf, rules=(name,) + extra,
                     speaker_rule=f"{name} > {p.speaker_rule}" if p.mention is not None and p.speaker_rule
                     else (name if p.mention is not None else ""))


def _labelled_by(d: Document, m: MarkSpan) -> QuoteSpan | None:
    """'called the ruling "judicial activism at its worst"' where the parse lost the object: a
    quoted label shortly after a labelling cue is what the speaker called it (mixed)."""
    lex = cue_lexicon()
    s = d.sentence_of(m.outer_start)
    for c in d.cues_in(s, s) if s is not None else ():
        if c.sentence != s or c.lemma not in lex.labelling or c.speaker_head is None or c.content:
            continue
        tree = d.trees[c.sentence]
        cue_end = tree.tok(max(c.cue_tokens)).end
        gap = d.text[cue_end:m.outer_start]
        stops = [i for i in tree.tokens_in(cue_end, m.outer_start)
                 if tree.tok(i).upos == "PUNCT" and tree.tok(i).text in (".", ";", ":", "!", "?", '"', "“", "”")]
        if 0 < len(gap) <= 60 and not stops:  # ("Mr." is no stop)
            start = cue_end + len(gap) - len(gap.lstrip())
            return make_quote(d, "mixed", start, m.outer_end, c, CONFIDENCE["link.label"], "link.label")
    return None


def _previous_sentence_cue(d: Document, m: MarkSpan) -> Cue | None:
    """"Smith said the plan was a disaster. “We will fight it.”": a quoted sentence with no cue of
    its own, right after a sentence that reports someone's speech in the same paragraph, is theirs."""
    s = d.sentence_of(m.outer_start)
    if not s or d.text[d.doc.sentences[s].start:m.outer_start].strip():
        return None
    prev = d.doc.sentences[s - 1]
    if "\n" in d.text[prev.end:m.outer_start]:
        return None
    lex = cue_lexicon()
    speech = [c for c in d.cues_in(s - 1, s - 1) if c.sentence == s - 1 and (
              c.speaker_head is not None and c.content and c.lemma in lex.clausal and c.kind != "according"
              and not c.weak or c.kind == "statement")]  # "X issued a statement on Y. “...”"
    return speech[-1] if speech else None


@rule("link.fragment-clause", "fragment")
def fragment_clause(ctx: MarkContext) -> QuoteSpan | None:
    """A quoted fragment after a cue the parser gave no complement: the rest of the clause is mixed.

    Applied to a quotation a ``link`` rule gave a cue but that is no sentence of its own."""
    d, c, m = ctx.doc, ctx.link.cue, ctx.mark
    tree = d.trees[c.sentence]
    cue_end = tree.tok(max(c.cue_tokens)).end
    if cue_end > m.outer_start:
        return None
    rest = after_that(tree, [t.index for t in tree.tokens if t.start >= cue_end])
    cs = tree.char_span(rest)
    if not cs:
        return None
    start, end = cs[0], max(cs[1], m.outer_end)
    return make_quote(d, "mixed", start, end, c, CONFIDENCE["link.fragment-clause"], "link.fragment-clause")


def _after_preposition(d: Document, m: MarkSpan) -> bool:
    """“Fox News Sunday” in 'said on “Fox News Sunday”' (or 'told MSNBC's “Morning Joe”') names a show
    or a title; it is no quote."""
    s = d.sentence_of(m.outer_start)
    if s is None:
        return False
    before = [t for t in d.trees[s].tokens if t.end <= m.outer_start]
    if before and before[-1].text.lower() in WORDS.phrases.possessive:
        return True  # 'told MSNBC's "Morning Joe"': a show or a title owned by a name
    return bool(before) and before[-1].upos == "ADP" and before[-1].lemma.lower() not in WORDS.phrases.comparison


def _sentence_like(body: str) -> bool:
    words = body.split()
    return len(words) >= MIN_DIRECT_WORDS and body[:1].isupper()


def _continues(d: Document, prev: QuoteSpan, m: MarkSpan) -> bool:
    """A quotation opening a paragraph right after a paragraph that ended in a quotation."""
    text = d.text
    para = d.paragraph_start(m.outer_start)
    if _NON_SPACE.search(text, para, m.outer_start):  # (slicing a one-line article per mark is quadratic)
        return False
    lo, hi = prev.content.end, para
    if prev.type != "direct" or not d.has_newline(lo, hi):
        return False
    if _stripped_len(text, lo, hi, " \n\"”’'.,") <= 40:
        return True
    # a photo caption between two paragraphs of one quotation ("... Image: NASA."); the gap is
    # read only when it is short, so a one-line article is never sliced per mark
    if hi - lo > 400:
        return False
    gap = "\n".join(line for line in text[lo:hi].split("\n") if not _caption_line(line))
    return gap.count("\n") >= 1 and len(gap.strip(" \n\"”’'.,")) <= 40


def _caption_line(line: str) -> bool:
    """A photo caption or credit line (the ingest lexicon's ``photo`` group), which a scrape
    leaves between the paragraphs of a quotation."""
    from quotes.ingest.lexicon import load_lexicon

    return bool(line.strip()) and load_lexicon().line_group(line.strip()) == "photo"


_NON_SPACE = re.compile(r"\S")


def _stripped_len(text: str, lo: int, hi: int, chars: str) -> int:
    """``len(text[lo:hi].strip(chars))`` without copying the slice."""
    while lo < hi and text[lo] in chars:
        lo += 1
    while hi > lo and text[hi - 1] in chars:
        hi -= 1
    return max(0, hi - lo)


def _title_like(body: str) -> bool:
    """'Legend in the Coal Fields.', "Keepin' It Real": headline capitals mark a title or a
    subheading, not speech."""
    words = [w for w in body.split() if w[:1].isalpha()]
    return 0 < len(words) <= 12 and title_cased(words)
