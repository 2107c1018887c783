"""The speech cue found in a parse (the seam between cue finding and the quote engine), and the
draft a speech verb is while the per-verb rules read it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotes.extract.lexicon import CueLexicon
from quotes.extract.tree import Tree
from quotes.types import Token


@dataclass(frozen=True)
class Cue:
    """A speech act: its verb, speaker and content as token indices of one sentence.

    Frozen: a pass that revises a cue returns a new one (``dataclasses.replace``). ``rules`` names
    the rules that made it, in order; ``speaker_rule`` the one that found its speaker.
    """

    sentence: int
    verb: int  # token index of the cue verb ("according" for according-to cues)
    lemma: str
    cue_tokens: list[int]
    speaker_head: int | None
    speaker_tokens: list[int]
    content: list[int]
    kind: str  # "ccomp" | "inverted" | "obj" | "xcomp" | "prep" | "according" | "colon" | ...
    weak: bool = False
    via_tokens: list[int] = field(default_factory=list)
    via_head: int | None = None
    root: int | None = None  # head token of the content (relays are found through it)
    rules: tuple[str, ...] = ()
    speaker_rule: str = ""


@dataclass(frozen=True)
class Reading:
    """What a content frame reads off the parse: the content tokens, the frame's kind and the
    content's head (None with no content)."""

    content: list[int]
    kind: str
    root: int | None


NO_READING = Reading([], "", None)


@dataclass
class CueDraft:
    """One speech-verb token on its way to a :class:`Cue`: the facts the rules read (``tree``,
    ``tok``, ``lemma``, ``lex``, the quoted tokens of the sentence) and the working reading they
    revise in order (content, kind, root, speaker, surface mention). The rule runner records
    which rules changed the reading (``fired``) and which one set the speaker."""

    tree: Tree
    tok: Token
    lemma: str
    lex: CueLexicon
    quoted: set[int]
    particles: list[Token] = field(default_factory=list)
    content: list[int] = field(default_factory=list)
    kind: str = ""
    root: int | None = None
    speaker: int | None = None
    surface_mention: list[int] = field(default_factory=list)
    noun_read: list[int] = field(default_factory=list)
    final: Cue | None = None  # set by a rule that completes the cue itself
    fired: list[str] = field(default_factory=list)
    speaker_rule: str = ""
    dropped_by: str = ""

    @property
    def verb(self) -> int:
        return self.tok.index

    def bare(self) -> None:
        """No content of its own: the cue stays, to link quotation marks to its speaker."""
        self.content, self.kind, self.root = [], "bare", None

    def read(self, r: Reading) -> None:
        self.content, self.kind, self.root = r.content, r.kind, r.root

    def state(self) -> tuple:
        return (tuple(self.content), self.kind, self.root, self.speaker, tuple(self.surface_mention),
                tuple(self.noun_read))
