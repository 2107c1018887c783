"""Relayed speech: "the ministry said Blinken highlighted ...", "..., the statement said",
"according to a handout". The rules of phase ``relay`` run over all cues of the article after cue
finding (nested speech inside quotation marks already left out) and return the cues that speak.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from quotes.extract.cue import Cue
from quotes.extract.document import Document
from quotes.extract.cues import find_cues
from quotes.extract.lexicon import WORDS, CueLexicon, cue_lexicon, nominal_nouns
from quotes.extract.rules import rule, rules
from quotes.extract.tree import Tree, word_forms


def article_cues(d: Document, lex: CueLexicon) -> list[Cue]:
    """The article's cues, without nested speech inside a quotation, after the relay rules."""
    cues: list[Cue] = []
    for tree in d.trees:
        for c in find_cues(tree, lex):
            tok = tree.tok(c.verb)
            if d.inside_mark(tok.start, tok.end):
                continue  # nested speech inside a quotation belongs to the quote around it
            cues.append(c)
    for r in rules("relay"):
        cues = r.fn(RelayContext(tuple(cues), lex, tuple(d.trees)))
    return cues


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
    if forms & nominal_nouns("organization") or forms & cue_lexicon().documents:
        return False  # "The State Department", whatever the tagger calls it
    return any(tree.tok(i).ner.endswith("PER") for i in c.speaker_tokens)


def _inner_cue(ci: int, cues: list[Cue], trees, same: list[int]) -> int | None:
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


@dataclass(frozen=True)
class RelayContext:
    """The context of the relay rules: the article's cues (nested speech left out), the cue
    lexicon and the parse trees the cues index into."""

    cues: tuple[Cue, ...]
    lex: CueLexicon
    trees: tuple[Tree, ...]


@rule("relay.inner-speaker", "relay")
def inner_speaker(ctx: RelayContext) -> list[Cue]:
    """"the ministry said Blinken highlighted ...": the inner speaker owns relayed words; the outer
    source is kept as ``via``.

    Inside each sentence, a source that is no person (a ministry, a statement, "it") relaying a cue
    whose verb carries a position gives the words to that cue's speaker; topic-only inner verbs
    ("discussed") and beliefs inside the statement leave the relay as the speaker. Returns the cues
    with the relaying ones dropped."""
    cues, lex, trees = list(ctx.cues), ctx.lex, ctx.trees
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
