"""One parsed article as the article-level rules read it: its text, parse trees, quotation marks
and cues, with lookups by offset and by sentence that cost a bisection or a dictionary hit, so
an article's cost stays linear in its length (issue #21).
"""

from __future__ import annotations

from bisect import bisect_left

from quotes.extract.cue import Cue
from quotes.extract.marks import MarkSpan, find_marks
from quotes.extract.offsets import MarkIndex, SentenceIndex
from quotes.extract.tree import Tree
from quotes.types import ParsedDoc, Span

MIN_DIRECT_WORDS = 2  # a quotation of fewer words is a label or a title, not a direct quote
SPLIT_GAP_MAX = 400  # longest attribution between two pieces of a quote ("said X, a lawyer for ...")


def span_of(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def tokens_span(text: str, tree: Tree, indices: list[int]) -> Span | None:
    cs = tree.char_span(indices)
    return span_of(text, *cs) if cs else None


class Document:
    """The article: ``text``, ``trees`` (one per sentence), ``marks`` (its quotation-mark spans,
    in text order) and, once :meth:`index_cues` ran, its cues grouped by sentence."""

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
        """The sentence holding ``char`` (between sentences: the next one)."""
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
