"""Find speech cues in a dependency parse: each speech verb of the lexicon is read by the named
rules of :mod:`quotes.extract.rules`, phase after phase, in their listed order:

1. ``gate`` (``gates``): tokens that report nothing are dropped ("did not say", "Asked to ...");
2. ``content`` (``complements``): the first content frame that matches the verb's parse;
3. ``check`` (``gates``): frames that cannot be the words are reset or dropped;
4. ``speaker`` (``repairs``): the cue's subject, and the repairs of a weak parse;
5. ``trim`` (``trims``): what is not said cut off the content;
6. ``pass`` (``passes``): passes over the sentence's cues, then the cues of fixed patterns.

Each cue records the rules that changed it (``Cue.rules``) and the one that found its speaker
(``Cue.speaker_rule``); ``quotes explain`` prints them.
"""

from __future__ import annotations

from dataclasses import replace

from quotes.extract import gates, repairs, trims  # noqa: F401  (their rules register on import)
from quotes.extract.cue import Cue, CueDraft
from quotes.extract.frames import read_content
from quotes.extract.gates import acts_as_verb
from quotes.extract.lexicon import CueLexicon, cue_lexicon
from quotes.extract.passes import SentenceCues
from quotes.extract.rules import Verdict, rules
from quotes.extract.subjects import mention_tokens, quoted_tokens
from quotes.extract.tree import Tree
from quotes.types import Token

VERB_PHASES = ("gate", "content", "check", "speaker", "trim")


def draft_for(tree: Tree, tok: Token, lex: CueLexicon, quoted: set[int]) -> CueDraft | None:
    """A draft for a token that is a speech verb of the lexicon (or used as one), else None."""
    if tok.upos != "VERB" and tok.text.lower() not in lex.verb_forms and not acts_as_verb(tree, tok):
        return None
    lemma = lex.cue_lemma(tok.lemma, tok.text) or lex.verb_forms.get(tok.text.lower())
    if lemma is None:
        return None
    particles = [k for k in tree.children(tok.index) if k.deprel == "compound:prt"]
    return CueDraft(tree, tok, lemma, lex, quoted, particles)


def run_phase(phase: str, d: CueDraft) -> Verdict | None:
    """Run one phase's rules on the draft, recording those that changed it (content: the first
    frame that matches)."""
    if phase == "content":
        name, reading = read_content(d.tree, d.verb, d.lemma, d.lex)
        d.read(reading)
        if name:
            d.fired.append(name)
        return None
    for r in rules(phase):
        before, speaker, why = d.state(), d.speaker, d.speaker_rule
        verdict = r.fn(d)
        if verdict is Verdict.DROP:
            d.dropped_by = r.name
            return verdict
        if verdict is Verdict.DONE or d.state() != before:
            d.fired.append(r.name)
        if d.speaker != speaker and d.speaker_rule == why:
            d.speaker_rule = r.name if d.speaker is not None else ""
        if verdict is Verdict.DONE:
            return verdict
    return None


def read_verb(d: CueDraft) -> Cue | None:
    """All per-verb phases on one draft: the cue it makes, or None when a gate dropped it."""
    for phase in VERB_PHASES:
        verdict = run_phase(phase, d)
        if verdict is Verdict.DROP:
            return None
        if verdict is Verdict.DONE:
            return replace(d.final, rules=tuple(d.fired), speaker_rule=d.speaker_rule)
    return _cue(d)


def _cue(d: CueDraft) -> Cue:
    tree, tok, lex, speaker = d.tree, d.tok, d.lex, d.speaker
    cue_tokens = [tok.index] + [p.index for p in d.particles if p.lemma.lower() in lex.particle.get(d.lemma, ())]
    mention = d.surface_mention or (d.noun_read if d.noun_read and speaker == tok.index - 1 else []) \
        or (mention_tokens(tree, speaker, tok.index) if speaker else [])
    return Cue(tree.s.index, tok.index, d.lemma, sorted(cue_tokens), speaker, mention, d.content, d.kind,
               weak=d.lemma in lex.weak, root=d.root, rules=tuple(d.fired), speaker_rule=d.speaker_rule)


def find_cues(tree: Tree, lex: CueLexicon | None = None) -> list[Cue]:
    lex = lex or cue_lexicon()
    s = SentenceCues(tree, lex, quoted_tokens(tree))
    for r in rules("sentence"):
        if r.fn(s) is Verdict.DONE:
            return s.cues
    for tok in tree.tokens:
        d = draft_for(tree, tok, lex, s.quoted)
        cue = read_verb(d) if d is not None else None
        if cue is not None:
            s.cues.append(cue)
    for r in rules("pass"):
        r.fn(s)
    return s.cues
