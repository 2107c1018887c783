"""Passes over all quotes of an article (phase ``post`` of :mod:`quotes.extract.rules`), in order,
each taking the quotes in text order and returning them revised: publishers' notes dropped, nested
duplicates dropped, split quotes merged, reported words that run on into a quotation joined.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from quotes.extract.document import SPLIT_GAP_MAX, Document
from quotes.extract.lexicon import WORDS, load_toml
from quotes.extract.offsets import Containment
from quotes.extract.rules import rule, rules
from quotes.types import QuoteSpan, Span


@dataclass(frozen=True)
class PostContext:
    """The context of the ``post`` rules: the article and its quotes, in text order."""

    doc: Document
    quotes: tuple[QuoteSpan, ...]


def post_passes(d: Document, quotes: list[QuoteSpan]) -> list[QuoteSpan]:
    """The ``post`` rules in their order over the article's quotes (sorted by their span)."""
    for r in rules("post"):
        quotes = r.fn(PostContext(d, tuple(quotes)))
    return list(quotes)


@lru_cache(maxsize=1)
def _boilerplate_openers() -> tuple[str, ...]:
    return tuple(load_toml("cues.toml")["boilerplate"]["paragraph_openers"])


@rule("post.drop-boilerplate", "post")
def drop_boilerplate(ctx: PostContext) -> list[QuoteSpan]:
    """"Editor's note: Trump ... has repeatedly pledged to ...": a publisher's note is no reporting.

    The note appended to an article is its house disclaimer: quotes in a paragraph opening with one
    go (a line broken inside a sentence stays in its paragraph)."""
    return [q for q in ctx.quotes if not _in_boilerplate(ctx.doc, q.content.start)]


def _in_boilerplate(d: Document, char: int) -> bool:
    i = d.sentence_of(char)
    start = d.paragraph_start(d.doc.sentences[i].start if i is not None else char)
    return d.text[start:start + 20].lstrip().lower().startswith(_boilerplate_openers())


def _mixed_first_piece(text: str, q: QuoteSpan) -> bool:
    return q.type == "mixed" and q.cue is not None and q.content.end <= q.cue.start \
        and q.content.text.rstrip()[-1:] in ('"', "”", "’", "'")


@rule("post.merge-split", "post")
def merge_split(ctx: PostContext) -> list[QuoteSpan]:
    """“A,” he said, “B.”: two pieces of one utterance around its attribution are one quote.

    “A,” he said. “B.” too: the second piece must hang on the same cue and follow in the same
    paragraph, with only the attribution between the pieces.
    """
    text, quotes = ctx.doc.text, ctx.quotes
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
                and q.content.start - prev.content.end <= SPLIT_GAP_MAX \
                and "\n" not in text[prev.content.end:q.content.start] \
                and all(prev.content.end <= o.content.start and o.content.end <= q.content.start
                        for o in out[k + 1:]):
            parts = (prev.parts or (prev.content,)) + (q.parts or (q.content,))
            del out[k + 1:]
            out[k] = QuoteSpan(prev.type, Span(prev.content.start, q.content.end,
                                              " ".join(p.text for p in parts)),
                               prev.sentence, prev.cue, prev.mention, prev.via,
                               max(prev.confidence, q.confidence), parts,
                               rules=prev.rules + ("post.merge-split",), speaker_rule=prev.speaker_rule)
            continue
        out.append(q)
    return out


_DANGLING = WORDS.clauses.dangling


@rule("post.join-dangling", "post")
def join_dangling(ctx: PostContext) -> list[QuoteSpan]:
    """Reported words stopping on "because" go on in the quotation right after them (mixed).

    'added that the vote seems anti-Trump, which is a problem because, “In the end, ...”': words
    that stop on a subordinator or conjunction go on in the quotation right after them (the
    sentence splitter may have cut them apart): one mixed quote of the same cue."""
    text, quotes = ctx.doc.text, ctx.quotes
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


@rule("post.dedupe", "post")
def dedupe(ctx: PostContext) -> list[QuoteSpan]:
    """A quote nested in another of the same cue, or reported speech inside reported speech, goes.

    "X said the protocol called for ...": the outer quote carries it; of two quotes over the same
    words, the first (in text order) stays."""
    quotes = ctx.quotes
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
