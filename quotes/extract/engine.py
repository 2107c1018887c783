"""Combine speech cues and quotation marks into typed quote spans for one parsed article.

Order of decisions, each a general pattern of news writing:
1. cues inside quotation marks are nested speech and belong to the quote around them;
2. relayed speech ("the ministry said Blinken highlighted ...", "..., the statement said",
   "according to a handout") gives the quote to the inner speaker when the inner verb carries a
   proposition, and keeps the relaying source in ``via``; topic-only inner verbs ("discussed")
   leave the relay as the speaker;
3. a cue whose content is a whole quotation is direct speech; content holding a quoted fragment
   is mixed; content without marks is indirect;
4. quotations no cue has claimed are linked to a cue elsewhere in their sentence, to a short
   attribution sentence next to them ("he said."), to a colon-introduced cue, or continue the
   previous paragraph's speaker; a quotation with none of these is a title or scare quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from quotes.extract.complements import ADVERBIAL_OPENERS, after_that
from quotes.extract.cue import Cue
from quotes.extract.cues import find_cues
from quotes.extract.phrases import in_the_words_of
from quotes.extract.pullquotes import colon_block_quotes, drop_nested, repeated_pull_quotes, signed_pull_quotes
from quotes.extract.layout import layout_quotes
from quotes.extract.lexicon import WORDS, cue_lexicon, load_toml, title_cased
from quotes.extract.marks import MarkSpan, find_marks
from quotes.extract.offsets import Containment, ForwardCover, MarkIndex, SentenceIndex
from quotes.extract.rules import CONFIDENCE, name_only
from quotes.extract.tree import Tree, word_forms
from quotes.types import ParsedDoc, QuoteSpan, Span

MIN_DIRECT_WORDS = 2


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _tokens_span(text: str, tree: Tree, indices: list[int]) -> Span | None:
    cs = tree.char_span(indices)
    return _span(text, *cs) if cs else None


_RELATIVE = WORDS.relative.clause_openers
_LEADING_WORDS = WORDS.clauses.leading_words
# Longest attribution between the two pieces of a split quote ("said X, a lawyer for ... who has ...").
_SPLIT_GAP_MAX = 400


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


class _Doc:
    """One article's text, parse trees and quotation marks, with lookups by offset and by sentence
    that cost a bisection or a dictionary hit (so an article's cost stays linear in its length)."""

    def __init__(self, doc: ParsedDoc):
        self.doc = doc
        self.text = doc.text
        self.trees = [Tree(s) for s in doc.sentences]
        self.marks = find_marks(doc.text)
        self.mark_index = MarkIndex(self.marks)
        self._sentences = SentenceIndex(doc.sentences)
        self._newlines = [i for i, ch in enumerate(self.text) if ch == "\n"]
        self._cues_by_sentence: dict[int, list[tuple[int, Cue]]] = {}

    def sentence_of(self, char: int) -> int | None:
        return self._sentences.of(char)

    def inside_mark(self, start: int, end: int) -> MarkSpan | None:
        return self.mark_index.inside(start, end)

    def paragraph_start(self, char: int) -> int:
        k = bisect_left(self._newlines, min(char, len(self.text)))  # (text.rfind("\n", 0, char) + 1)
        return self._newlines[k - 1] + 1 if k else 0

    def has_newline(self, lo: int, hi: int) -> bool:
        """``"\\n" in text[lo:hi]`` for 0 <= lo, hi."""
        return bisect_left(self._newlines, hi) > bisect_left(self._newlines, lo)

    def index_cues(self, cues: list[Cue]) -> None:
        """Group the article's cues by sentence, keeping their order."""
        self._cues_by_sentence = {}
        for k, c in enumerate(cues):
            self._cues_by_sentence.setdefault(c.sentence, []).append((k, c))

    def cues_in(self, first: int, last: int) -> list[Cue]:
        """The cues of sentences ``first``..``last``, in the order of the article's cue list."""
        return self.cues_at(range(first, last + 1))

    def cues_at(self, sentences) -> list[Cue]:
        """The cues of these sentences, in the order of the article's cue list."""
        found = [kc for s in set(sentences) for kc in self._cues_by_sentence.get(s, ())]
        return [c for _, c in sorted(found, key=lambda kc: kc[0])]


def _person_like(tree: Tree, tokens: list[int]) -> bool:
    toks = [tree.tok(i) for i in tokens]
    return any(t.upos == "PROPN" or t.ner.endswith("PER") or t.text.lower() in WORDS.pronouns.person_like for t in toks)


def _person_source(tree: Tree, c: Cue) -> bool:
    """A person relays nothing: "Mook asserted that Trump tells so many lies ..." is Mook's claim
    about Trump, whereas a ministry's readout or a statement passes on another's words."""
    if c.speaker_head is None:
        return False
    head = tree.tok(c.speaker_head)
    if head.text.lower() in WORDS.pronouns.person_source:
        return True
    forms = word_forms(head)
    if forms & _organization_heads() or forms & cue_lexicon().documents:
        return False  # "The State Department", whatever the tagger calls it
    return any(tree.tok(i).ner.endswith("PER") for i in c.speaker_tokens)


@lru_cache(maxsize=1)
def _organization_heads() -> frozenset[str]:
    return frozenset(load_toml("mentions.toml")["nominal"]["organization"])


def _inner_cue(ci: int, cues: list[Cue], trees: list[Tree], same: list[int]) -> int | None:
    """The cue carrying the words relayed by ``cues[ci]``: its content's root, or a cue inside its
    content whose own speaker is a person also inside it ("the ministry said Blinken highlighted ...").
    ``same``: the indices of the cues of its sentence, in order."""
    c = cues[ci]
    root = c.root
    content = set(c.content)
    for oi in same:
        other = cues[oi]
        if oi == ci or other.sentence != c.sentence or other.kind == "according":
            continue
        if other.verb == root:
            return oi
        # a reporting noun inside the content ("..., contradicting police's claim that ...") is the
        # writer's aside, not the relayed speaker's verb
        if other.verb in content and other.speaker_head in content and trees[c.sentence].tok(other.verb).upos == "VERB" \
                and _person_like(trees[c.sentence], other.speaker_tokens):
            return oi
    return None


def _resolve_relays(cues: list[Cue], lex, trees: list[Tree]) -> list[Cue]:
    """Apply the principal-speaker rule inside each sentence (``relay.inner-speaker``)."""
    cues = list(cues)
    dropped: set[int] = set()
    by_sentence: dict[int, list[int]] = {}
    for ci, c in enumerate(cues):
        by_sentence.setdefault(c.sentence, []).append(ci)
    for ci, c in enumerate(cues):
        c = cues[ci]
        if c.root is None:
            continue
        same = by_sentence[c.sentence]
        if _person_source(trees[c.sentence], c):
            ii = _inner_cue(ci, cues, trees, same) if c.kind == "inverted" else None
            if ii is not None and cues[ii].content and cues[ii].speaker_head in c.content:
                dropped.add(ci)  # "DuVernay said she felt X, she said": the inner cue reports X
            continue
        ii = _inner_cue(ci, cues, trees, same)
        inner = cues[ii] if ii is not None else None
        if inner is None or ii in dropped or inner.root == c.verb or not inner.content \
                or inner.lemma in lex.topic_only or (inner.weak and c.kind != "inverted"):
            # "X reiterated that the US hopes ...": a belief inside the statement stays in it; but
            # "X and Y agreed to ..., it added" is the agreement of X and Y, relayed
            continue
        if inner.speaker_head is None:
            continue
        # The inner verb carries a position: it owns the words; the outer source is the channel.
        if inner.via_head is None:
            cues[ii] = replace(inner, via_head=c.speaker_head, via_tokens=c.speaker_tokens,
                               rules=inner.rules + ("relay.inner-speaker",))
        dropped.add(ci)
    return [c for i, c in enumerate(cues) if i not in dropped]


@dataclass(frozen=True)
class Link:
    """A quotation-mark span given to a cue by a linking rule (``name``, in ``rules.ORDER["link"]``)
    with the confidence of that rule; ``rule`` is the short frame label kept on the span."""

    mark: MarkSpan
    cue: Cue | None
    rule: str
    name: str
    confidence: float


def _cues_of(d: _Doc, lex) -> list[Cue]:
    """The article's cues, without nested speech inside a quotation, relays resolved."""
    cues: list[Cue] = []
    for tree in d.trees:
        for c in find_cues(tree, lex):
            tok = tree.tok(c.verb)
            if d.inside_mark(tok.start, tok.end):
                continue  # nested speech inside a quotation
            cues.append(c)
    return _resolve_relays(cues, lex, d.trees)


def extract_quotes(doc: ParsedDoc) -> list[QuoteSpan]:
    lex = cue_lexicon()
    d = _Doc(doc)
    text = d.text
    cues = _cues_of(d, lex)
    d.index_cues(cues)
    quotes: list[QuoteSpan] = []
    used_marks: set[int] = set()
    linked: list[Link] = []
    for c in cues:
        q = _quote_from_cue(d, c, used_marks, linked) if c.content else None
        if q is not None:
            quotes.append(q)

    layout = layout_quotes(text, d.marks, used_marks, d.sentence_of)
    layout += in_the_words_of(text, d.marks, used_marks, d.sentence_of)
    for lq in layout:
        used_marks.update(d.mark_index.opening_between(lq.content.start - 2, lq.content.end))
    # speech reported inside a transcript turn belongs to that turn
    turns = Containment([(lq.content.start, lq.content.end + 1) for lq in layout if lq.type == "direct"])
    quotes = [q for q in quotes if not turns.covers(q.content.start, q.content.end)]
    quotes.extend(layout)
    quotes.extend(_link_marks(d, cues, used_marks, linked))
    pulled = signed_pull_quotes(text, quotes, d.sentence_of)
    quotes = drop_nested(quotes, pulled) + pulled
    quotes = [q for q in quotes if not _in_boilerplate(d, q.content.start)]
    quotes.sort(key=lambda q: (q.content.start, q.content.end))
    quotes = _join_dangling(text, _merge_split(text, _dedupe(quotes)))
    pulled = repeated_pull_quotes(text, quotes, d.sentence_of)
    quotes = colon_block_quotes(text, drop_nested(quotes, pulled) + pulled, d.sentence_of)
    return sorted(quotes, key=lambda q: (q.content.start, q.content.end))


def _quote_from_cue(d: _Doc, c: Cue, used_marks: set[int], linked: list[Link]) -> QuoteSpan | None:
    """A cue's content as a quote: a whole quotation it frames (linked as direct speech), the two
    quoted pieces around an inverted attribution, or the content itself, mixed when it holds a
    quoted fragment and indirect when it holds none."""
    text, tree = d.text, d.trees[c.sentence]
    cspan = tree.char_span(c.content)
    if not cspan:
        return None
    start, end = cspan
    end = _quotation_ends_content(d, start, end)
    overlapping = [i for i in d.mark_index.touching(start, end)
                   if d.marks[i].outer_start < end and d.marks[i].outer_end > start and i not in used_marks]
    cue_tok = tree.tok(c.verb)
    speaker = _tokens_span(text, tree, c.speaker_tokens) if c.speaker_tokens else None
    whole = [i for i in overlapping if _covers(d.marks[i], start, end, text)
             or _framed(d.marks[i], start, text, cue_tok.start, speaker)]
    if whole and not (d.marks[whole[0]].outer_start <= cue_tok.start < d.marks[whole[0]].outer_end):
        m = d.marks[whole[0]]
        if _direct_like(text, m, cue_tok.end):
            used_marks.add(whole[0])
            linked.append(Link(m, c, f"cue-{c.kind}", "link.cue-whole-quotation",
                               CONFIDENCE["link.cue-whole-quotation"]))
            return None
    pieces = _quoted_pieces(d, tree, c) if c.kind == "inverted" else None
    if pieces:
        for i in pieces:
            used_marks.add(i)
            linked.append(Link(d.marks[i], c, f"cue-{c.kind}", "link.cue-pieces", CONFIDENCE["link.cue-pieces"]))
        return None
    if overlapping:
        for i in overlapping:
            m = d.marks[i]
            start, end = min(start, m.outer_start), max(end, m.outer_end)
            used_marks.add(i)
        qtype = "mixed"
    else:
        start, end = _strip_edges(text, start, end, object_content=c.kind == "obj")
        qtype = "indirect"
    if end - start < 3 or text[start:end].split(" ", 1)[0].lower() in _RELATIVE:
        return None  # "who was shot ...": a relative clause the parser hung on the cue
    conf = CONFIDENCE["quote.from-weak-cue" if c.weak else
                      "quote.from-according" if c.kind == "according" else "quote.from-cue"]
    q = _around_attribution(d, tree, _quote(d, qtype, start, end, c, conf, f"{qtype}-{c.kind}", f"quote.{qtype}"), c)
    if q.mention is not None and any(p.start <= q.mention.start and q.mention.end <= p.end
                                     for p in q.parts or (q.content,)):
        # the parse took the reported clause's own subject for its speaker
        q = replace(q, mention=None, rules=q.rules + ("speaker.drop-inside-content",), speaker_rule="")
    return q


@lru_cache(maxsize=1)
def _boilerplate_openers() -> tuple[str, ...]:
    return tuple(load_toml("cues.toml")["boilerplate"]["paragraph_openers"])


def _in_boilerplate(d: _Doc, char: int) -> bool:
    """"Editor's note: Trump ... has repeatedly pledged to ...": the publisher's note appended to an
    article is its house disclaimer, not reporting (a line broken inside a sentence stays in its
    paragraph)."""
    i = d.sentence_of(char)
    start = d.paragraph_start(d.doc.sentences[i].start if i is not None else char)
    return d.text[start:start + 20].lstrip().lower().startswith(_boilerplate_openers())


_DASHES = ("--", "—", "–", "―")


def _quotation_ends_content(d: _Doc, start: int, end: int) -> int:
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


def _quoted_pieces(d: _Doc, tree: Tree, c: Cue) -> list[int] | None:
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


def _around_attribution(d: _Doc, tree: Tree, q: QuoteSpan, c: Cue) -> QuoteSpan:
    """Reported speech interrupted by its attribution ("A, he said, B") in two parts without it."""
    before = [i for i in c.content if i < c.verb]
    after = [i for i in c.content if i > c.verb]
    if not before or not after or max(before) >= min(c.speaker_tokens or [c.verb]):
        return q
    a, b = tree.char_span(before), tree.char_span(after)
    if not a or not b or not (q.content.start < a[1] and b[1] <= q.content.end):  # edges may be trimmed
        return q
    parts = (_span(d.text, q.content.start, a[1]), _span(d.text, b[0], q.content.end))
    content = Span(q.content.start, q.content.end, " ".join(p.text for p in parts))
    return replace(q, content=content, parts=parts, rules=q.rules + ("quote.around-attribution",))


_OWN_SPEAKER = ("quote.indirect", "quote.mixed", "link.cue-whole-quotation", "link.cue-pieces")


def _quote(d: _Doc, qtype: str, start: int, end: int, c: Cue | None, conf: float, rule: str, name: str,
           speaker_from: Cue | None = None) -> QuoteSpan:
    """A quote span made by rule ``name`` from cue ``c`` (or with the speaker of ``speaker_from``);
    its rules are the cue's then ``name``, its speaker rule the cue's, behind the link that reached it."""
    text = d.text
    src = speaker_from or c
    tree = d.trees[src.sentence] if src else None
    mention = _tokens_span(text, tree, src.speaker_tokens) if src and src.speaker_tokens else None
    via = _tokens_span(text, tree, src.via_tokens) if src and src.via_tokens else None
    cue = None
    if src:
        ctoks = [tree.tok(i) for i in src.cue_tokens]
        cue = _span(text, ctoks[0].start, ctoks[-1].end)  # "issued a statement", words between included
    sentence = d.sentence_of(start)
    why = ""
    if mention is not None:
        why = src.speaker_rule if name in _OWN_SPEAKER else " > ".join(x for x in (name, src.speaker_rule) if x)
    return QuoteSpan(type=qtype, content=_span(text, start, end), sentence=sentence or 0,
                     cue=cue, mention=mention, via=via, confidence=conf, rule=rule,
                     rules=(src.rules if src else ()) + (name,), speaker_rule=why)


def _link_marks(d: _Doc, cues: list[Cue], used: set[int], linked: list[Link]) -> list[QuoteSpan]:
    """Turn quotation-mark spans into direct quotes, finding each one's cue (the ``link`` rules)."""
    out: list[QuoteSpan] = []
    cover = ForwardCover(lambda q: q.content.start, lambda q: q.content.end)  # the spans of ``out``
    prev: tuple[QuoteSpan, Cue | None] | None = None
    by_mark = {id(link.mark): link for link in linked}
    for i, m in enumerate(d.marks):
        link = by_mark.get(id(m))
        if link is not None:
            q = _quote(d, "direct", m.start, m.end, link.cue, link.confidence, link.rule, link.name)
            out.append(q)
            cover.add(q)
            prev = (q, link.cue)
            continue
        if i in used:
            continue
        q, new_prev = _link_mark(d, cues, m, prev, cover)
        if q is not None:
            out.append(q)
            cover.add(q)
        if new_prev is not None:
            prev = new_prev
    return out


def _link(m: MarkSpan, c: Cue | None, rule: str) -> Link | None:
    return Link(m, c, rule, f"link.{rule}", CONFIDENCE[f"link.{rule}"]) if c is not None else None


def _link_mark(d: _Doc, cues: list[Cue], m: MarkSpan, prev: tuple[QuoteSpan, Cue | None] | None,
               out: ForwardCover) -> tuple[QuoteSpan | None, tuple[QuoteSpan, Cue | None] | None]:
    """The quote a mark no cue claimed makes, in rule order: a one-word label, a cue near it, the
    previous quote's cue in the same paragraph, a paragraph continuing a quotation, a labelling
    cue, the speech of the previous sentence; with the quote that becomes ``prev``, if any."""
    text = d.text
    body = text[m.start:m.end]
    if len(body.split()) < MIN_DIRECT_WORDS and body.strip() and not _after_preposition(d, m):
        # 'called half of his supporters “deplorables.”': a one-word label is still a label
        return _unless_inside(out, m, _labelled_by(d, cues, m)), None
    if len(body.split()) < MIN_DIRECT_WORDS or _after_preposition(d, m) or _title_like(body):
        return None, None
    link = _cue_near(d, cues, m)
    if link is None and prev is not None and prev[1] is not None and prev[0].type == "direct" \
            and 0 <= m.outer_start - prev[0].content.end <= _SPLIT_GAP_MAX \
            and "\n" not in text[prev[0].content.end:m.outer_start] and body[:1].isupper():
        link = _link(m, prev[1], "same-paragraph")  # “A,” she said. “B.”
    if link is None and prev is not None and _continues(d, prev[0], m):
        q = _continuation(d, m, prev)
        return q, (q, prev[1])
    if link is None:
        label = _labelled_by(d, cues, m)
        if label is not None:
            return _unless_inside(out, m, label), None
        link = _link(m, _previous_sentence_cue(d, cues, m), "previous-sentence")
    if link is None:
        return None, None
    c = link.cue
    cue_end = d.trees[c.sentence].tok(max(c.cue_tokens)).end
    between = text[cue_end:m.outer_start] if cue_end <= m.outer_start else "x"
    after_cue = between.strip() in (",", ":")
    # “A,” Trump said during a rally in Kenansville, N.C., “but B”: the second piece of a split quote
    resumes = between.rstrip().endswith(",") and prev is not None and prev[1] is c \
        and prev[0].type == "direct" and prev[0].content.end <= cue_end
    if not (_sentence_like(body) or after_cue or resumes):
        return _unless_inside(out, m, _fragment_clause(d, c, m)), None
    q = _quote(d, "direct", m.start, m.end, c, link.confidence, link.rule, link.name)
    return q, (q, c)


def _unless_inside(out: ForwardCover, m: MarkSpan, q: QuoteSpan | None) -> QuoteSpan | None:
    """``q``, unless the mark already sits inside a quote made before."""
    return q if q is not None and not out.covers(m.outer_start) else None


def _continuation(d: _Doc, m: MarkSpan, prev: tuple[QuoteSpan, Cue | None]) -> QuoteSpan:
    """A paragraph opening with a quotation after a paragraph that ended in one: the same speaker
    goes on (``link.continuation``)."""
    name, conf = "link.continuation", CONFIDENCE["link.continuation"]
    extra = ("marks.closed-in-next-paragraph",) if m.carried else ()
    c = prev[1]
    if c is not None:
        q = _quote(d, "direct", m.start, m.end, None, conf, "continuation", name, speaker_from=c)
        return replace(q, rules=q.rules + extra)
    p = prev[0]
    return QuoteSpan("direct", _span(d.text, m.start, m.end), d.sentence_of(m.start) or 0,
                     p.cue, p.mention, p.via, conf, "continuation", rules=(name,) + extra,
                     speaker_rule=f"{name} > {p.speaker_rule}" if p.mention is not None and p.speaker_rule
                     else (name if p.mention is not None else ""))


def _labelled_by(d: _Doc, cues: list[Cue], m: MarkSpan) -> QuoteSpan | None:
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
            return _quote(d, "mixed", start, m.outer_end, c, CONFIDENCE["link.label"], "mixed-label", "link.label")
    return None


def _previous_sentence_cue(d: _Doc, cues: list[Cue], m: MarkSpan) -> Cue | None:
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
              and not c.weak or c.kind == "statement")]  # "X issued a statement. “...”"
    return speech[-1] if speech else None


def _fragment_clause(d: _Doc, c: Cue, m: MarkSpan) -> QuoteSpan | None:
    """A quoted fragment after a cue the parser gave no complement: the rest of the clause is mixed."""
    tree = d.trees[c.sentence]
    cue_end = tree.tok(max(c.cue_tokens)).end
    if cue_end > m.outer_start:
        return None
    rest = after_that(tree, [t.index for t in tree.tokens if t.start >= cue_end])
    cs = tree.char_span(rest)
    if not cs:
        return None
    start, end = cs[0], max(cs[1], m.outer_end)
    return _quote(d, "mixed", start, end, c, CONFIDENCE["link.fragment-clause"], "mixed-fragment",
                  "link.fragment-clause")


def _after_preposition(d: _Doc, m: MarkSpan) -> bool:
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


def _cue_near(d: _Doc, cues: list[Cue], m: MarkSpan) -> Link | None:
    """A speech cue in the mark's sentence (the nearest), or a short attribution sentence right
    after it, or a colon-closed cue sentence right before it."""
    s_first, s_last = d.sentence_of(m.outer_start), d.sentence_of(max(m.outer_end - 1, m.outer_start))
    if s_first is None:
        return None
    best, best_dist = None, None
    lex = cue_lexicon()
    for c in d.cues_in(s_first, s_last):
        if c.speaker_head is None or c.kind == "according" or c.lemma not in lex.clausal and c.kind != "colon":
            continue  # only speech verbs anchor quotation marks ("so-called" does not)
        tree = d.trees[c.sentence]
        tok = tree.tok(c.verb)
        if m.outer_start <= tok.start < m.outer_end:
            continue
        if s_first <= c.sentence <= s_last:
            dist = min(abs(tok.start - m.outer_end), abs(m.outer_start - tok.end))
            if best_dist is None or dist < best_dist:
                best, best_dist = c, dist
    if best is not None:
        return _link(m, best, "same-sentence")
    # "“...” / He said." or "He said: / “...”": a short attribution sentence right next to it.
    for c in d.cues_at((s_first - 1, s_last + 1)):
        if c.speaker_head is None:
            continue
        tree = d.trees[c.sentence]
        n_words = sum(1 for t in tree.tokens if t.upos != "PUNCT")
        if c.sentence == s_last + 1 and n_words <= 8 and tree.tokens[0].start - m.outer_end <= 3 \
                and "\n" not in d.text[m.outer_end:tree.tokens[0].start]:  # not the next paragraph's
            return _link(m, c, "next-sentence")
        if c.sentence == s_first - 1 and tree.tokens[-1].text == ":" and \
                m.outer_start - tree.tokens[-1].end <= 3:
            return _link(m, c, "colon")
        if c.sentence == s_first - 1 and tree.tokens[-1].text == "," and c.lemma in lex.clausal \
                and d.text[tree.tokens[-1].end:m.outer_start].strip() == "" \
                and "\n" in d.text[tree.tokens[-1].end:m.outer_start]:
            return _link(m, c, "cue-closes-paragraph")  # "Rathbun stated,\n\n“Daniel was ...”"
    return None


def _continues(d: _Doc, prev: QuoteSpan, m: MarkSpan) -> bool:
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
    gap = "\n".join(line for line in text[lo:hi].split("\n") if _caption_line(line) is None)
    return gap.count("\n") >= 1 and len(gap.strip(" \n\"”’'.,")) <= 40


_NON_SPACE = re.compile(r"\S")


def _stripped_len(text: str, lo: int, hi: int, chars: str) -> int:
    """``len(text[lo:hi].strip(chars))`` without copying the slice."""
    while lo < hi and text[lo] in chars:
        lo += 1
    while hi > lo and text[hi - 1] in chars:
        hi -= 1
    return max(0, hi - lo)


def _caption_line(line: str) -> str | None:
    """A photo caption or credit line (the ingest lexicon's ``photo`` group), which a scrape leaves
    between the paragraphs of a quotation."""
    from quotes.ingest.lexicon import load_lexicon

    return "photo" if line.strip() and load_lexicon().line_group(line.strip()) == "photo" else None


def _title_like(body: str) -> bool:
    """'Legend in the Coal Fields.', "Keepin' It Real": headline capitals mark a title or a
    subheading, not speech."""
    words = [w for w in body.split() if w[:1].isalpha()]
    return 0 < len(words) <= 12 and title_cased(words)


def _mixed_first_piece(text: str, q: QuoteSpan) -> bool:
    return q.type == "mixed" and q.cue is not None and q.content.end <= q.cue.start \
        and q.content.text.rstrip()[-1:] in ('"', "”", "’", "'")


def _merge_split(text: str, quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """“A,” he said, “B.” and “A,” he said. “B.” are one utterance: one quote made of both pieces.

    The second piece must hang on the same cue and follow in the same paragraph, with only the
    attribution between the pieces.
    """
    out: list[QuoteSpan] = []
    for q in quotes:
        # a clause the parser hung on the same cue inside the attribution ("said X, a lawyer for
        # ...") sits between the pieces; it goes when they merge
        k = len(out) - 1
        # ('Both parties "saw Burma as a country reeling," Cha said. "In that sense, ..."': a mixed
        # first piece ending on its quotation before the cue joins the same way, and stays mixed)
        while k >= 0 and out[k].type != "direct" and out[k].cue == q.cue and q.cue is not None \
                and not _mixed_first_piece(text, out[k]):
            k -= 1
        prev = out[k] if k >= 0 else None
        if prev is not None and q.type == "direct" and (prev.type == "direct" or _mixed_first_piece(text, prev)) \
                and prev.cue is not None and q.cue == prev.cue \
                and prev.content.end <= prev.cue.start and q.content.start >= prev.cue.end \
                and q.content.start - prev.content.end <= _SPLIT_GAP_MAX \
                and "\n" not in text[prev.content.end:q.content.start] \
                and all(prev.content.end <= o.content.start and o.content.end <= q.content.start
                        for o in out[k + 1:]):
            parts = (prev.parts or (prev.content,)) + (q.parts or (q.content,))
            del out[k + 1:]
            out[k] = QuoteSpan(prev.type, Span(prev.content.start, q.content.end,
                                              " ".join(p.text for p in parts)),
                               prev.sentence, prev.cue, prev.mention, prev.via,
                               max(prev.confidence, q.confidence), prev.rule + "+split", parts,
                               rules=prev.rules + ("post.merge-split",), speaker_rule=prev.speaker_rule)
            continue
        out.append(q)
    return out


_DANGLING = WORDS.clauses.dangling


def _join_dangling(text: str, quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """'added that the vote seems anti-Trump, which is a problem because, “In the end, ...”': reported
    words that stop on a subordinator or conjunction go on in the quotation right after it (the
    sentence splitter may have cut them apart): one mixed quote of the same cue."""
    out: list[QuoteSpan] = []
    for q in quotes:
        prev = out[-1] if out else None
        if prev is not None and q.type == "direct" and prev.type != "direct" and prev.cue is not None \
                and q.cue == prev.cue and prev.content.end <= q.content.start:
            gap = text[prev.content.end:q.content.start]
            words = prev.content.text.split()
            if words and words[-1].lower().strip(",") in _DANGLING and len(gap) <= 4 \
                    and not gap.strip(" ,:\"“‘'"):
                end = q.content.end
                while end < len(text) and text[end] in "\"”’'":
                    end += 1  # (the closing mark belongs to the mixed quote)
                out[-1] = replace(prev, type="mixed", content=Span(prev.content.start, end,
                                                                   text[prev.content.start:end]),
                                  confidence=max(prev.confidence, q.confidence),
                                  rules=prev.rules + ("post.join-dangling",))
                continue
        out.append(q)
    return out


def _dedupe(quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """Drop a quote nested in another of the same speaker cue (keeps the more specific type)."""
    # the same cue twice, or reported speech nested in other reported speech ("X said the
    # protocol called for ..."): the outer quote carries it
    by_cue: dict = {}
    for q in quotes:
        by_cue.setdefault(q.cue, []).append((q.content.start, q.content.end))
    same_cue = {cue: Containment(spans) for cue, spans in by_cue.items()}
    reported = Containment([(q.content.start, q.content.end) for q in quotes if q.type != "direct"])
    out: list[QuoteSpan] = []
    kept: set[tuple[int, int]] = set()
    for q in quotes:
        span = (q.content.start, q.content.end)
        if same_cue[q.cue].holds(*span) or q.type != "direct" and reported.holds(*span):
            continue
        if span in kept:
            continue
        kept.add(span)
        out.append(q)
    return out


for _name, _phase, _why in (
    ("relay.inner-speaker", "link", "\"the ministry said Blinken highlighted ...\": the inner speaker owns relayed words; the outer source is kept as ``via``."),
    ("quote.indirect", "link", "A cue's content without quotation marks is indirect speech."),
    ("quote.mixed", "link", "A cue's content holding a quoted fragment is mixed speech."),
    ("quote.around-attribution", "link", "\"A, he said, B\": reported speech interrupted by its attribution, in two parts."),
    ("speaker.drop-inside-content", "link", "A mention inside the reported words is the clause's own subject, not the speaker."),
    ("layout.dash", "link", "\"“...” ― Sonya Herridge\": a quotation signed after a dash on the same line."),
    ("layout.hyphen-signature", "link", "'\"...\" - Matthew Ingram': a quotation signed after a spaced hyphen by a name that ends the line."),
    ("layout.transcript", "link", "\"PENCE: Well, look, ...\": a label opening two or more paragraphs names each turn's speaker."),
    ("layout.headline-label", "link", "\"Pence: Gennifer Flowers Won't Be at Debate\": a headline label naming a person of the article."),
    ("link.cue-whole-quotation", "link", "A cue whose content is a whole quotation: direct speech."),
    ("link.cue-pieces", "link", "'“A,” she wrote, “and B.”': each side of an inverted attribution one whole quotation."),
    ("link.label", "link", "'called the ruling “judicial activism at its worst”': a quoted label shortly after a labelling cue."),
    ("link.same-sentence", "link", "A quotation no cue claimed goes to the nearest speech cue of its sentence."),
    ("link.colon", "link", "\"He said: / “...”\": a cue sentence closed by a colon right before the quotation."),
    ("link.cue-closes-paragraph", "link", "\"Rathbun stated,\" closing a paragraph: the quotation opening the next paragraph is what was stated."),
    ("link.next-sentence", "link", "\"“...” / He said.\": a short attribution sentence right after the quotation."),
    ("link.same-paragraph", "link", "“A,” she said. “B.”: the next quotation in the paragraph has the same speaker."),
    ("link.continuation", "link", "A paragraph opening with a quotation after one that ended in a quotation: the same speaker goes on."),
    ("marks.closed-in-next-paragraph", "link", "'said, “I think we learned a lot.\\n\\nIt was a long day.”': a quotation opened in one paragraph and closed in the next; the closed part is the same speaker's."),
    ("link.previous-sentence", "link", "\"Smith said the plan was a disaster. “We will fight it.”\": the speech of the sentence before."),
    ("link.fragment-clause", "link", "A quoted fragment after a cue the parser gave no complement: the rest of the clause is mixed."),
    ("post.merge-split", "post", "“A,” he said, “B.”: two pieces of one utterance around its attribution are one quote."),
    ("post.join-dangling", "post", "Reported words stopping on \"because\" go on in the quotation right after them (mixed)."),
):
    name_only(_name, _phase, _why)
