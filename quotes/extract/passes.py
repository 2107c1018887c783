"""Passes over the cues of one sentence, after each verb has its reading: a nearer cue takes the
complement the parser hung on a farther one, a quotation goes to the cue right before it, an outer
clause runs through an inner surface reading; then the cues of fixed patterns (``pattern_cues``).
Cues are frozen: a pass puts a revised copy in the list and names itself in its ``rules``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from quotes.extract.cue import Cue
from quotes.extract.labels import VERBAL_UPOS
from quotes.extract.lexicon import CueLexicon
from quotes.extract.pattern_cues import (
    according_cues,
    as_put_it,
    characterisations,
    colon_statements,
    evidence_cues,
    headline_cues,
    misread_evidence_verbs,
    nominal_cues,
    predicative_cues,
)
from quotes.extract.rules import Verdict, rule
from quotes.extract.tree import MAY_CLOSE, MAY_OPEN, Tree


@dataclass
class SentenceCues:
    """The context of the sentence passes: one parsed sentence and the cues found in it so far."""

    tree: Tree
    lex: CueLexicon
    quoted: set[int]
    cues: list[Cue] = field(default_factory=list)


def _fired(c: Cue, name: str, **changes) -> Cue:
    return replace(c, rules=c.rules + (name,), **changes)


def _speaker_of(c: Cue, name: str) -> dict:
    """The fields that give another cue ``c``'s speaker."""
    return dict(speaker_head=c.speaker_head, speaker_tokens=list(c.speaker_tokens), speaker_rule=name)


@rule("pattern.headline", "sentence")
def headline(s: SentenceCues) -> Verdict | None:
    """"Chris Christie Calls Hillary Clinton ‘A Disgrace’": a title-case headline is read off the
    surface alone (with its according-to phrase); no other rule runs on it."""
    found = headline_cues(s.tree, s.lex)
    if found is None:
        return None
    s.cues = _named(found, "pattern.headline") + _named(according_cues(s.tree, s.lex), "pattern.according")
    return Verdict.DONE


@rule("pass.nearest-cue-takes-complement", "pass")
def nearest_cue_takes_the_complement(s: SentenceCues) -> None:
    """“A,” Trump said, adding later, “B.”: a complement after a second cue belongs to that cue, the
    nearer one, even when the parser hung it on the first (whole, or as the second half of a clause
    that spans the attribution); the second speech act keeps the speaker. "X pleaded with him, but
    he replied "..."": the same when the second cue's clause was read off the surface."""
    name, tree, cues = "pass.nearest-cue-takes-complement", s.tree, s.cues
    for ci in range(len(cues)):
        c = cues[ci]
        after = [i for i in c.content if i > c.verb]
        if c.kind != "ccomp" or not after:
            continue
        start = min(after)
        for wi, w in enumerate(cues):
            if w.kind not in ("bare", "surface") or not c.verb < w.verb < start or tree.tok(w.verb).head != c.verb:
                continue  # (a cue whose clause was read off the surface lost it to the same misparse)
            if not all(tree.tok(i).upos in ("PUNCT", "ADV") for i in range(w.verb + 1, start)):
                continue
            before = [i for i in c.content if i < c.verb]
            speaker = _speaker_of(c, name) if w.speaker_head is None else {}
            cues[wi] = _fired(w, name, content=after, kind=c.kind, root=tree.span_root(after), **speaker)
            cues[ci] = _fired(c, name, content=before, kind=c.kind if before else "bare",
                              root=tree.span_root(before))
            break


@rule("pass.reported-quotation-joins", "pass")
def reported_quotation_joins(s: SentenceCues) -> None:
    """'I hope in 2017 America says, "Thank you."': a reported clause that ends on a speech verb
    whose quotation follows it runs through that quotation, however the parser hung it."""
    tree, cues = s.tree, s.cues
    bare = {w.verb for w in cues if w.kind == "bare"}
    for n, c in enumerate(cues):
        words = [i for i in c.content if tree.tok(i).upos != "PUNCT"]
        if c.kind != "ccomp" or not words or words[-1] not in bare or words[-1] <= c.verb \
                or tree.span_root(c.content) != words[-1]:
            continue  # (the reported clause is that act itself, not a clause coordinated with it)
        end = words[-1]
        last = len(tree.tokens)
        if end + 2 > last or tree.tok(end + 1).text not in (",", ":") or tree.tok(end + 2).text not in MAY_OPEN:
            continue
        close = next((j for j in range(end + 3, last + 1) if tree.tok(j).text in MAY_CLOSE), None)
        if close is not None:
            cues[n] = _fired(c, "pass.reported-quotation-joins",
                             content=sorted(set(c.content) | set(range(end + 1, close + 1))))


def _quotation_after_cue(tree: Tree, w: Cue, inside: set[int]) -> int | None:
    """The token after ``w``'s own objects where a quotation opens past a comma or colon, if any."""
    j = w.verb + 1
    while j <= len(tree.tokens) and tree.tok(j).head == w.verb \
            and tree.tok(j).deprel.split(":")[0] in ("obj", "iobj", "advmod"):
        j += 1
    if j + 1 > len(tree.tokens) or tree.tok(j).text not in (",", ":") or tree.tok(j + 1).text not in MAY_OPEN \
            or j + 1 not in inside:
        return None
    return j


@rule("pass.later-cue-owns-quotation", "pass")
def later_cue_owns_the_quotation(s: SentenceCues) -> None:
    """'sings to Clinton before asking her, “...”': a quotation right after a second cue (past its
    addressee) inside the first one's content belongs to the second, nearer one; the first keeps
    only a clause of its own before it."""
    name, tree, cues = "pass.later-cue-owns-quotation", s.tree, s.cues
    for ci in range(len(cues)):
        c = cues[ci]
        if c.kind not in ("surface", "ccomp", "obj", "prep") or not c.content:
            continue
        inside = set(c.content)
        for wi, w in enumerate(cues):
            if w.kind != "bare" or w.verb not in inside or w.verb <= c.verb \
                    or tree.tok(w.verb).deprel != "advcl" or not tree.children(w.verb, "mark"):
                continue  # (an adverbial act of the speaker's: "before asking her", "after telling them")
            j = _quotation_after_cue(tree, w, inside)
            if j is None:
                continue
            start = min(i for i in tree.subtree(w.verb) if i < j)
            content = [i for i in c.content if i > j]
            speaker = _speaker_of(c, name) if w.speaker_head is None else {}
            cues[wi] = _fired(w, name, content=content, kind=c.kind, root=tree.span_root(content), **speaker)
            before = [i for i in c.content if i < start]
            if any(tree.tok(i).upos in VERBAL_UPOS for i in before):
                cues[ci] = _fired(c, name, content=before, root=tree.span_root(before))
            else:
                cues[ci] = _fired(c, name, content=[], kind="bare", root=None)
            break


@rule("pass.outer-clause-through-inner", "pass")
def outer_clause_runs_through_inner_surface(s: SentenceCues) -> None:
    """'claiming that he had a source who told him the nominee paid no taxes', 'said it was too early
    to tell whether ...': a cue inside a reported clause whose content the parse lost, read off the
    surface past the end of that clause, marks where the clause really ends; what it reports is
    part of the outer speech (nested speech is not kept apart)."""
    name, tree, cues = "pass.outer-clause-through-inner", s.tree, s.cues
    for ci in range(len(cues)):
        c = cues[ci]
        if c.kind not in ("ccomp", "obj") or not c.content:
            continue
        inside = set(c.content)
        for wi, w in enumerate(cues):
            if wi == ci or w.kind != "surface" or w.verb not in inside or w.verb <= c.verb or not w.content \
                    or w.verb == tree.span_root(c.content) \
                    or max(w.content) <= max(c.content) or min(w.content) <= w.verb - 1 and min(w.content) < min(c.content):
                continue
            content = sorted(inside | set(range(max(c.content) + 1, max(w.content) + 1)))
            cues[ci] = _fired(c, name, content=content, root=tree.span_root(content))
            cues[wi] = _fired(w, name, content=[], kind="bare", root=None)
            break


@rule("pass.participle-shares-speaker", "pass")
def participles_share_the_speaker(s: SentenceCues) -> None:
    """"Analysts said X, citing Y": the participle's speaker is the one who said X, not a subject
    inside X the parser hung it under."""
    name, tree, cues = "pass.participle-shares-speaker", s.tree, s.cues
    for n, c in enumerate(cues):
        t = tree.tok(c.verb)
        if t.xpos != "VBG" or not c.content or c.verb < 2 or tree.tok(c.verb - 1).text != ",":
            continue
        before = [p for p in cues if p.verb < c.verb and p.content and max(p.content) < c.verb
                  and p.speaker_head is not None]
        if before and (c.speaker_head is None or c.speaker_head in before[-1].content):
            cues[n] = _fired(c, name, speaker_head=before[-1].speaker_head,
                             speaker_tokens=before[-1].speaker_tokens, speaker_rule=name)


def _named(found: list[Cue], name: str) -> list[Cue]:
    return [replace(c, rules=(name,), speaker_rule=name if c.speaker_head is not None else "") for c in found]


def _taken(s: SentenceCues) -> set[int]:
    return {c.verb for c in s.cues}


def _pattern(name: str, why: str, find) -> None:
    """Register a pass that adds the cues one fixed pattern of ``pattern_cues`` finds."""
    def run(s: SentenceCues) -> None:
        s.cues.extend(_named(find(s), name))
    run.__doc__ = why
    rule(name, "pass")(run)


for _name, _why, _find in (
    ("pattern.characterisation", "'admires Putin as a “strong leader”': casting someone as a quoted phrase (weak).",
     lambda s: characterisations(s.tree, s.lex, _taken(s))),
    ("pattern.nominal", "\"Trump's claim that ...\": a reporting noun with a possessor and a that-clause.",
     lambda s: nominal_cues(s.tree, s.lex)),
    ("pattern.as-put-it", "\"As Ms. Simonyan put it, RT is ...\": the idiom reports the clause it is set off from.",
     lambda s: as_put_it(s.tree, _taken(s))),
    ("pattern.colon-statement", "'The campaign issued a statement: “...”': a reporting noun closed by a colon; "
     "or 'X issued a statement on Y.' right before a quotation.",
     lambda s: colon_statements(s.tree, s.lex, _taken(s))),
    ("pattern.predicative", "\"Ham made it clear he had major misgivings\": a light verb with a predicate adjective.",
     lambda s: predicative_cues(s.tree, s.lex, _taken(s))),
    ("pattern.evidence", "\"Polls show a close contest in the state\": evidence reporting its object (weak).",
     lambda s: evidence_cues(s.tree, s.lex, {c.verb for c in s.cues if c.content})),
    ("pattern.misread-evidence-verb", "\"Data from the census show(NOUN) that ...\": an evidence verb the tagger read as a noun.",
     lambda s: misread_evidence_verbs(s.tree, s.lex, _taken(s))),
    ("pattern.according", "\"..., according to X\": X is the source of the clause the phrase is attached to.",
     lambda s: according_cues(s.tree, s.lex)),
):
    _pattern(_name, _why, _find)
