"""The speech cue found in a parse: the seam between cue finding and the quote engine."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Cue:
    sentence: int
    verb: int  # token index of the cue verb ("according" for according-to cues)
    lemma: str
    cue_tokens: list[int]
    speaker_head: int | None
    speaker_tokens: list[int]
    content: list[int]
    kind: str  # "ccomp" | "inverted" | "obj" | "xcomp" | "prep" | "according" | "colon"
    weak: bool = False
    via_tokens: list[int] = field(default_factory=list)
    via_head: int | None = None
    root: int | None = None  # head token of the content (relays are found through it)
