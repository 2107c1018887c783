"""The rule registry: every extraction decision is a small function under a stable dotted name.

Shaped like Stanza's processor registry (``@register_processor``): a rule module decorates each
rule with :func:`rule`, giving its name and phase; :data:`ORDER` lists, per phase, the order in
which the rules run (the order matters: a later rule reads what an earlier one decided). A rule
takes one typed context (:class:`quotes.extract.cue.CueDraft` for the per-verb phases) and
returns a :class:`Verdict` or None; the names of the rules that changed something are recorded in
order on the cue and reach each quote row as its ``rule`` column (``quotes explain`` prints them).

Phases, in the order the engine runs them:

- ``sentence``: a whole sentence read by one pattern (a title-case headline), no other rule after;
- ``gate``: drop a speech-verb token that reports nothing ("did not say", "Asked to ...");
- ``content``: the content frames of ``complements`` (first match wins: the clausal complement,
  the inverted clause before "..., Kirby said", the object, the infinitive, the preposition);
- ``check``: reject or reset a frame that cannot be the words (too short, cut short, weak verb);
- ``speaker``: the cue's speaker and the repairs of a weak parse (inverted subject, quoted words
  taken for a subject, a speaker read off the surface);
- ``trim``: cut what is not said off the content (a relative aside, the next speech act, a
  channel phrase, a time phrase);
- ``pass``: passes over all cues of a sentence (a later cue owns its complement) and the cues of
  fixed patterns ("according to X", "Trump's claim that ...");

then, over the whole article (:mod:`quotes.extract.engine`), each rule taking one frozen context:

- ``marks``: quotation-mark pairing across a paragraph break (:mod:`~quotes.extract.marks`);
- ``relay``: relayed speech gives the words to the inner speaker (:mod:`~quotes.extract.relays`);
- ``quote``: a cue's content as a quote, first match wins (direct, in pieces, mixed, indirect),
  then ``refine``: each revises the quote made (:mod:`~quotes.extract.cue_quotes`);
- ``layout``: attribution by layout: signatures, transcripts, headlines (:mod:`~quotes.extract.layout`);
- ``link``: quotation marks no cue claimed, linked to a cue, first match wins (same sentence,
  colon, next sentence, paragraph continuation, label, previous sentence), then ``fragment``: a
  linked quotation that is no sentence (:mod:`~quotes.extract.links`);
- ``post``: passes over all quotes of the article: notes dropped, nested ones dropped, split
  quotes merged (:mod:`~quotes.extract.postpasses`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Callable


class Verdict(Enum):
    DROP = "drop"  # the token reports nothing: no cue
    DONE = "done"  # the cue is complete: later per-verb rules do not run


@dataclass(frozen=True)
class Rule:
    name: str
    phase: str
    fn: Callable
    why: str  # the first paragraph of the rule's docstring: the pattern of news writing it reads


PHASES = ("sentence", "gate", "content", "check", "speaker", "trim", "pass",
          "marks", "relay", "quote", "refine", "layout", "link", "fragment", "post")
_REGISTRY: dict[str, Rule] = {}


def rule(name: str, phase: str) -> Callable[[Callable], Callable]:
    """Register ``fn`` under ``name`` in ``phase`` (names are unique and never reused)."""
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}")

    def register(fn: Callable) -> Callable:
        if name in _REGISTRY:
            raise ValueError(f"rule {name!r} registered twice")
        doc = " ".join((fn.__doc__ or "").strip().split("\n\n")[0].split())
        _REGISTRY[name] = Rule(name, phase, fn, doc)
        return fn
    return register


ORDER: dict[str, tuple[str, ...]] = {
    "sentence": (
        "pattern.headline",
    ),
    "gate": (
        "cue.drop.negated",
        "cue.drop.refused",
        "cue.drop.purpose-clause",
        "cue.drop.inside-name",
        "cue.drop.hyphen-compound",
        "cue.drop.channel-participle",
        "cue.drop.opening-adjunct",
        "cue.drop.reduced-passive",
        "cue.drop.agentless-passive",
        "cue.drop.missing-particle",
        "cue.drop.transfer-to",
    ),
    "content": (
        "content.clausal",
        "content.inverted-aside",
        "content.inverted-parataxis",
        "content.inverted-misread-adverbial",
        "content.object-then-infinitive",
        "content.relative-on-addressee",
        "content.relative-on-oblique",
        "content.subject-read-as-object",
        "content.finite-modifier",
        "content.loose-complement",
        "content.label",
        "content.cast-as",
        "content.object",
        "content.infinitive",
        "content.prepositional",
    ),
    "check": (
        "check.too-short",
        "check.clause-cut-short",
        "check.that-follows",
        "cue.drop.weak-without-clause",
        "cue.drop.refusal-without-words",
    ),
    "speaker": (
        "speaker.misparsed-inverted",
        "speaker.name-aside-in-clause",
        "speaker.subject",
        "speaker.verbless-main-verb",
        "speaker.noun-read-cue",
        "speaker.not-a-speaker",
        "speaker.inverted-after-cue",
        "content.without-speaker-apposition",
        "speaker.not-quoted",
        "speaker.participle-main-subject",
        "speaker.conjunct-agreement",
        "speaker.outside-dash-aside",
        "speaker.surface-before-cue",
        "content.with-second-subject",
        "speaker.after-quotation",
        "content.surface-inverted",
        "content.surface-forward",
        "speaker.not-in-content",
        "cue.drop.infinitive-on-noun",
    ),
    "trim": (
        "trim.parenthetical-subject",
        "trim.fronted-adverbial",
        "trim.after-addressee",
        "trim.relative-aside",
        "trim.governing-clause",
        "trim.before-next-cue",
        "trim.quotation-then-adverbial",
        "trim.before-main-subject",
        "trim.channel-and-aside",
        "trim.leading-time",
        "trim.only-time",
        "trim.means",
        "trim.adverbial-clause",
        "trim.quotation-only",
    ),
    "pass": (
        "pass.nearest-cue-takes-complement",
        "pass.reported-quotation-joins",
        "pass.later-cue-owns-quotation",
        "pass.outer-clause-through-inner",
        "pass.participle-shares-speaker",
        "pattern.characterisation",
        "pattern.nominal",
        "pattern.as-put-it",
        "pattern.colon-statement",
        "pattern.predicative",
        "pattern.evidence",
        "pattern.misread-evidence-verb",
        "pattern.according",
    ),
    # the rules over the article, in the order the engine runs them
    "marks": (
        "marks.closed-in-next-paragraph",
    ),
    "relay": (
        "relay.inner-speaker",
    ),
    "quote": (
        "link.cue-whole-quotation",
        "link.cue-pieces",
        "quote.mixed",
        "quote.indirect",
    ),
    "refine": (
        "quote.around-attribution",
        "speaker.drop-inside-content",
    ),
    "layout": (
        "layout.drop.source-citation",
        "layout.dash",
        "layout.hyphen-signature",
        "layout.transcript",
        "layout.headline-label",
        "layout.in-the-words-of",
    ),
    "link": (
        "link.same-sentence",
        "link.colon",
        "link.cue-closes-paragraph",
        "link.next-sentence",
        "link.same-paragraph",
        "link.continuation",
        "link.label",
        "link.previous-sentence",
    ),
    "fragment": (
        "link.fragment-clause",
    ),
    "post": (
        "layout.signed-pull-quote",
        "post.drop-boilerplate",
        "post.dedupe",
        "post.merge-split",
        "post.join-dangling",
        "layout.repeated-pull-quote",
        "layout.colon-block-quote",
    ),
}

# How sure a quote is, by the rule that made it (before the speaker's own confidence caps it).
CONFIDENCE: dict[str, float] = {
    "quote.from-cue": 0.75,
    "quote.from-weak-cue": 0.45,
    "quote.from-according": 0.6,
    "link.cue-whole-quotation": 0.9,
    "link.cue-pieces": 0.9,
    "link.same-sentence": 0.85,
    "link.colon": 0.8,
    "link.cue-closes-paragraph": 0.75,
    "link.next-sentence": 0.75,
    "link.same-paragraph": 0.75,
    "link.continuation": 0.6,
    "link.previous-sentence": 0.6,
    "link.label": 0.55,
    "link.fragment-clause": 0.55,
    "layout.dash": 0.8,
    "layout.signed-pull-quote": 0.7,
    "layout.repeated-pull-quote": 0.7,
    "layout.colon-block-quote": 0.7,
    "layout.in-the-words-of": 0.8,
    "layout.transcript": 0.75,
    "layout.headline-label": 0.5,
}


def registered() -> dict[str, Rule]:
    return dict(_REGISTRY)


def rules(phase: str) -> tuple[Rule, ...]:
    """The rules of a phase, in their order (every listed rule must be registered)."""
    return tuple(_REGISTRY[name] for name in ORDER[phase])


def describe(name: str) -> str:
    r = _REGISTRY.get(name)
    return r.why if r else ""
