"""Typed records passed between the stages (ingest -> nlp -> extract -> attribute -> dataset).

Each stage is a function from one of these to the next, so every stage can be tested alone.
Offsets are Python ``str`` indices into ``Article.text`` (the cleaned text that is stored).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One news article after ingest: cleaned text plus the metadata needed to cite it."""

    article_id: str
    source_id: str
    source_path: str
    text: str
    text_sha256: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published_at: str | None = None  # ISO 8601, as precise as the source allows
    published_precision: str | None = None  # "minute" | "day" | "month" | "year" | None
    # which ingest path produced ``text``, so ingest can be audited: "trafilatura",
    # "trafilatura+chunks", "json-ld" (HTML, see quotes.ingest.html_body), "text" (a plain-text
    # file), "jsonl" (a JSONL line's own text); None only when not recorded (an article carried
    # over by --append from a version written before schema 3)
    text_source: str | None = None


@dataclass(frozen=True)
class IngestError:
    """An input that was skipped or repaired; recorded in the manifest, never silently dropped."""

    source_path: str
    kind: str  # "empty" | "binary" | "decode" | "too_large" | "json" | "missing_text" | "unreadable" | ...
    message: str
    skipped: bool = True


@dataclass(frozen=True)
class Token:
    """One syntactic word of a parsed sentence (1-based ``index`` and ``head`` as in CoNLL-U)."""

    index: int
    text: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    start: int
    end: int
    ner: str = "O"  # BIOES tag from the NER model, "O" when none


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    tokens: tuple[Token, ...]

    def token(self, index: int) -> Token:
        return self.tokens[index - 1]

    def children(self, index: int) -> list[Token]:
        return [t for t in self.tokens if t.head == index]


@dataclass(frozen=True)
class ParsedDoc:
    text: str
    sentences: tuple[Sentence, ...]
    model_id: str = ""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation found in the text, before speaker resolution.

    ``mention`` is the syntactic source of the cue as written ("he", "the premier", "Kirby");
    ``via`` is an outer relaying source ("The US State Department said Blinken highlighted ...").
    ``parts`` holds the pieces of a quote interrupted by its attribution (“A,” he said. “B.”); then
    ``content`` runs from the first piece's start to the last one's end and its text joins the pieces.
    ``rules`` names the extraction rules that made it, in order (``quotes.extract.rules``);
    ``speaker_rule`` how its mention was found ("speaker.subject", "link.continuation > ...").
    """

    type: str  # "direct" | "indirect" | "mixed"
    content: Span
    sentence: int
    cue: Span | None
    mention: Span | None
    via: Span | None = None
    confidence: float = 0.5
    parts: tuple[Span, ...] = ()
    rules: tuple[str, ...] = ()
    speaker_rule: str = ""


@dataclass(frozen=True)
class Quote:
    """A quotation with its resolved speaker, role and date: one row of ``quotes.parquet``."""

    article_id: str
    type: str
    text: str
    start: int
    end: int
    sentence: int
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: str | None
    speaker_mention: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_type: str  # "person" | "organization" | "unknown"
    role: str | None
    via: str | None
    said_on: str | None
    said_on_precision: str | None
    said_on_source: str
    confidence: float
    speaker_key: str | None = None  # canonical entity key inside the article, linked across articles later
    parts: tuple[tuple[int, int], ...] = ()  # (start, end) of each piece; one piece unless interrupted
    rule: tuple[str, ...] = ()  # the extraction rules that made the quote, in order
    speaker_rule: str | None = None  # how the speaker was found: mention rule > resolution rule
    extra: dict = field(default_factory=dict, compare=False)
