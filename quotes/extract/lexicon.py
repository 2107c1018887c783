"""The one lexicon module: every word list the extraction and speaker rules read, loaded once from
``quotes/data/*.toml`` into typed frozen dataclasses. Rules name a list here, never spell words.

- :func:`cue_lexicon` — speech cues (``cues.toml``): which verbs and nouns report speech, and how;
- :data:`WORDS` — function words of English grammar (``grammar.toml``): relative pronouns,
  subordinators, time leads, prepositions of scene or channel, ... one named set per use.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CueLexicon:
    clausal: frozenset[str]
    object: frozenset[str]
    xcomp: frozenset[str]
    prepositional: dict[str, frozenset[str]]
    comparison: frozenset[str]
    particle: dict[str, frozenset[str]]
    requires_particle: frozenset[str]
    topic_only: frozenset[str]
    weak: frozenset[str]
    quotation_only: frozenset[str]
    transfer: frozenset[str]
    labelling: frozenset[str]
    refusal: frozenset[str]
    predicative: dict[str, frozenset[str]]
    addressee: frozenset[str]
    according: tuple[str, ...]
    reporting_nouns: frozenset[str]
    reporting_nouns_weak: frozenset[str]
    evidence_nouns: frozenset[str]
    evidence_verbs: frozenset[str]
    documents: frozenset[str]
    channels: frozenset[str]
    issuing: frozenset[str]
    not_speakers: frozenset[str]
    verb_forms: dict[str, str]

    def is_cue(self, lemma: str) -> bool:
        return lemma in self.clausal or lemma in self.object or lemma in self.xcomp \
            or lemma in self.prepositional or lemma in self.labelling

    def cue_lemma(self, lemma: str, form: str) -> str | None:
        """The lexicon lemma for a verb, also when the lemmatizer left an unseen form unchanged."""
        lemma, form = lemma.lower(), form.lower()
        if self.is_cue(lemma):
            return lemma
        for cand in _base_forms(form):
            if self.is_cue(cand):
                return cand
        return None


def _base_forms(form: str) -> list[str]:
    """Regular English inflections undone: reiterated -> reiterate, stressed -> stress, urging -> urge."""
    out = []
    for suffix in WORDS.morphology.inflections:
        if form.endswith(suffix) and len(form) > len(suffix) + 2:
            stem = form[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # committed -> commit
            if stem.endswith("i"):
                out.append(stem[:-1] + "y")  # denied -> deny
    return out


def load_toml(name: str) -> dict:
    with (resources.files("quotes") / "data" / name).open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=None)
def nominal_nouns(kind: str) -> frozenset[str]:
    """Common nouns that name a ``kind`` of source ("person": "official", "student"; "organization":
    "ministry", "campaign"), the ``[nominal]`` lists of ``data/mentions.toml``."""
    return frozenset(load_toml("mentions.toml")["nominal"][kind])


@lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    data = load_toml("cues.toml")
    verbs, nouns = data["verbs"], data["nouns"]
    return CueLexicon(
        clausal=frozenset(verbs["clausal"]),
        object=frozenset(verbs["object"]),
        xcomp=frozenset(verbs["xcomp"]),
        prepositional={k: frozenset(v) for k, v in verbs["prepositional"].items()},
        comparison=frozenset(verbs["comparison"]["lemmas"]),
        particle={k: frozenset(v) for k, v in verbs["particle"].items()},
        requires_particle=frozenset(verbs["requires_particle"]["lemmas"]),
        topic_only=frozenset(verbs["topic_only"]["lemmas"]),
        quotation_only=frozenset(verbs["quotation_only"]["lemmas"]),
        transfer=frozenset(verbs["transfer"]["lemmas"]),
        labelling=frozenset(verbs["labelling"]["lemmas"]),
        refusal=frozenset(verbs["refusal"]["lemmas"]),
        predicative={k: frozenset(v) for k, v in verbs["predicative"].items()},
        addressee=frozenset(verbs["addressee"]["lemmas"]),
        weak=frozenset(verbs["weak"]["lemmas"]),
        according=tuple(nouns["according"]),
        reporting_nouns=frozenset(nouns["reporting"]),
        reporting_nouns_weak=frozenset(nouns["reporting_weak"]),
        evidence_nouns=frozenset(nouns["evidence"]),
        evidence_verbs=frozenset(verbs["evidence"]["lemmas"]),
        documents=frozenset(nouns["documents"]),
        channels=frozenset(nouns["channels"]),
        issuing=frozenset(verbs["issuing"]["lemmas"]),
        not_speakers=frozenset(data["not_speakers"]["words"]),
        verb_forms=dict(data["verb_forms"]),
    )


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Weekday and month names (data/dates.toml) and common time nouns: "called him on Tuesday"
    names a time, not whom he called on."""
    data = load_toml("dates.toml")
    return frozenset([*data["weekdays"], *data["months"], *WORDS.time.units])


@lru_cache(maxsize=1)
def title_function_words() -> frozenset[str]:
    """Short words a headline leaves in lower case ("Contract with America")."""
    return frozenset(load_toml("cues.toml")["title_case"]["function_words"])


def title_cased(words: list[str]) -> bool:
    """Headline capitals: every word of four letters or more, function words aside, capitalized."""
    minor = title_function_words()
    long_words = [w for w in words if w[:1].isalpha() and len(w) > 3 and w not in minor]
    return len(long_words) >= 2 and all(w[:1].isupper() for w in long_words)


# --- function words (grammar.toml) ----------------------------------------------------------------


@dataclass(frozen=True)
class Relative:
    all: frozenset[str]
    pronouns: frozenset[str]
    clause_openers: frozenset[str]
    aside: frozenset[str]
    gloss: frozenset[str]
    subjects: frozenset[str]


@dataclass(frozen=True)
class Clauses:
    adverbial_openers: frozenset[str]
    contrast: frozenset[str]
    questions: frozenset[str]
    circumstance: frozenset[str]
    complementizers: frozenset[str]
    coordinated_complements: frozenset[str]
    loose_complement_blockers: frozenset[str]
    object_clause_blockers: frozenset[str]
    dangling: frozenset[str]
    leading_words: tuple[str, ...]
    light_verbs: frozenset[str]
    purpose: frozenset[str]


@dataclass(frozen=True)
class Phrases:
    object_follow: frozenset[str]
    label_follow: frozenset[str]
    charge_marks: frozenset[str]
    indefinite: frozenset[str]
    channel: frozenset[str]
    means: frozenset[str]
    scene: frozenset[str]
    comparison: frozenset[str]
    possessive: frozenset[str]
    title_complement: frozenset[str]


@dataclass(frozen=True)
class TimeWords:
    leads: frozenset[str]
    nouns: frozenset[str]
    seasons: frozenset[str]
    units: tuple[str, ...]


@dataclass(frozen=True)
class Pronouns:
    not_subject: frozenset[str]
    person_source: frozenset[str]
    person_like: frozenset[str]
    numeral_subjects: frozenset[str]
    fallback_subjects: frozenset[str]


@dataclass(frozen=True)
class Morphology:
    inflections: tuple[str, ...]
    participles: tuple[str, ...]


@dataclass(frozen=True)
class SpeakerWords:
    between_subject_and_verb: frozenset[str]
    prepositions: frozenset[str]
    articles: frozenset[str]
    apposition_links: frozenset[str]
    generic_people: frozenset[str]


@dataclass(frozen=True)
class Grammar:
    relative: Relative
    clauses: Clauses
    phrases: Phrases
    time: TimeWords
    pronouns: Pronouns
    negation: frozenset[str]
    before_cue: frozenset[str]
    morphology: Morphology
    speaker: SpeakerWords
    layout_label_stop: frozenset[str]


def _section(cls, data: dict):
    """One toml table into its dataclass: tuple fields keep their order, the rest become sets."""
    out = {}
    for name, f in cls.__dataclass_fields__.items():
        values = data[name]
        out[name] = tuple(values) if str(f.type).startswith("tuple") else frozenset(values)
    return cls(**out)


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    data = load_toml("grammar.toml")
    return Grammar(
        relative=_section(Relative, data["relative"]),
        clauses=_section(Clauses, data["clauses"]),
        phrases=_section(Phrases, data["phrases"]),
        time=_section(TimeWords, data["time"]),
        pronouns=_section(Pronouns, data["pronouns"]),
        negation=frozenset(data["negation"]["words"]),
        before_cue=frozenset(data["surface"]["before_cue"]),
        morphology=_section(Morphology, data["morphology"]),
        speaker=_section(SpeakerWords, data["speaker"]),
        layout_label_stop=frozenset(data["layout"]["label_stop"]),
    )


WORDS = grammar()
