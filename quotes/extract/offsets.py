"""Lookups by character offset that cost a bisection, not a scan of the whole article.

Extraction asks, for every cue, mark and quote, "which sentence holds this offset?", "which
quotation mark is around these characters?", "which quotes are nested in another?". Answered by
scanning every sentence or mark, an article of n sentences costs n² (issue #21: 140 CPU s per MB
at 1 MB); answered here, on offsets sorted once, it costs n log n. Each index keeps the exact
answer of the scan it replaces (the first match in article order), so no output changes.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from typing import Callable, Sequence


class SentenceIndex:
    """Which sentence holds a character offset (or, between sentences, the next one)."""

    def __init__(self, sentences: Sequence):
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.ends = [max(s.end, s.start + 1) for s in sentences]
        self._raw_ends = [s.end for s in sentences]
        # sorted and disjoint (what a parser gives): the first sentence holding an offset is the
        # last one starting at or before it; otherwise the scan is kept
        self.ordered = all(self.starts[i] < self.starts[i + 1] and self.ends[i] <= self.starts[i + 1]
                           for i in range(len(self.starts) - 1)) and all(s.start <= s.end for s in sentences)

    def of(self, char: int) -> int | None:
        if not self.ordered:
            return self._scan(char)
        i = bisect_right(self.starts, char) - 1
        if i >= 0 and char < self.ends[i]:
            return i
        nxt = i + 1  # between sentences (or before the first): the next one
        if nxt < len(self.starts):
            return nxt
        return len(self.starts) - 1 if self.starts else None

    def holding(self, char: int) -> list[int]:
        """The sentences with ``start <= char <= end``, in order (two when ``char`` is where one
        ends and the next begins)."""
        if not self.ordered:
            return [i for i, s in enumerate(self.sentences) if s.start <= char <= s.end]
        hi = bisect_right(self.starts, char)  # sentences starting at or before char ...
        lo = bisect_left(self._raw_ends, char)  # ... and ending at or after it
        return [i for i in range(lo, hi) if self.sentences[i].start <= char <= self.sentences[i].end]

    def _scan(self, char: int) -> int | None:
        for i, s in enumerate(self.sentences):
            if s.start <= char < max(s.end, s.start + 1):
                return i
        for i, s in enumerate(self.sentences):
            if char < s.start:
                return i
        return len(self.sentences) - 1 if self.sentences else None


class MarkIndex:
    """Quotation-mark spans by offset. ``find_marks`` gives them in text order, none inside
    another; when that holds (``ordered``) a query looks only at the marks near its offsets."""

    def __init__(self, marks: Sequence):
        self.marks = marks
        self.outer_starts = [m.outer_start for m in marks]
        self.outer_ends = [m.outer_end for m in marks]
        self.starts = [m.start for m in marks]
        self.ends = [m.end for m in marks]
        self.ordered = all(m.outer_start <= m.start < m.end <= m.outer_end for m in marks) and all(
            marks[i].outer_end <= marks[i + 1].outer_start for i in range(len(marks) - 1))

    def inside(self, start: int, end: int):
        """The first mark whose content holds ``start``..``end``."""
        if not self.ordered:
            return next((m for m in self.marks if m.start <= start and end <= m.end), None)
        # only marks ending at or after ``end`` and starting at or before ``start`` can hold it
        for i in range(bisect_left(self.ends, end), bisect_right(self.starts, start)):
            m = self.marks[i]
            if m.start <= start and end <= m.end:
                return m
        return None

    def touching(self, start: int, end: int, strict: bool = True) -> range:
        """Indices of the marks, in order, whose outer span overlaps ``start``..``end`` (``strict``:
        sharing at least one character; otherwise touching counts too). A caller still applies its
        own test to each; every mark outside the range fails an overlap test."""
        if not self.ordered:
            return range(len(self.marks))
        if strict:
            lo, hi = bisect_right(self.outer_ends, start), bisect_left(self.outer_starts, end)
        else:
            lo, hi = bisect_left(self.outer_ends, start), bisect_right(self.outer_starts, end)
        return range(lo, max(lo, hi))

    def from_offset(self, start: int) -> range:
        """Indices from the last mark opening at or before ``start`` on: every earlier mark lies wholly
        before that one (for a scan that looks for the first mark at or after an offset)."""
        if not self.ordered:
            return range(len(self.marks))
        return range(max(0, bisect_right(self.outer_starts, start) - 1), len(self.marks))

    def opening_between(self, lo: int, hi: int) -> range:
        """Indices of the marks whose ``outer_start`` lies in ``lo``..``hi`` (both included)."""
        if not self.ordered:
            return range(len(self.marks))
        return range(bisect_left(self.outer_starts, lo), bisect_right(self.outer_starts, hi))


class ForwardCover:
    """Does any span added so far cover an offset, for offsets asked in increasing order?

    A span whose start has been passed stays passed, so it is enough to keep the farthest end
    among them; spans not yet reached wait in a heap by start. Exact when queries never go back,
    which :meth:`covers` checks (it falls back to a scan otherwise)."""

    def __init__(self, start_of: Callable, end_of: Callable):
        self._start, self._end = start_of, end_of
        self._pending: list[tuple[int, int, int]] = []
        self._reach = None
        self._last = None
        self._all: list = []

    def add(self, item) -> None:
        self._all.append(item)
        heapq.heappush(self._pending, (self._start(item), self._end(item), len(self._all)))

    def covers(self, x: int) -> bool:
        if self._last is not None and x < self._last:
            return any(self._start(o) <= x < self._end(o) for o in self._all)
        self._last = x
        while self._pending and self._pending[0][0] <= x:
            _, end, _ = heapq.heappop(self._pending)
            self._reach = end if self._reach is None else max(self._reach, end)
        return self._reach is not None and x < self._reach


class Containment:
    """Is a span properly inside (start <= s, e <= end, not the same span) one of a set of spans?"""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        pairs = sorted(spans)
        self._starts = [s for s, _ in pairs]
        self._prefix_end: list[int] = []  # the farthest end among the spans up to and including k
        reach = None
        for _, e in pairs:
            reach = e if reach is None else max(reach, e)
            self._prefix_end.append(reach)
        self._pairs = pairs

    def covers(self, s: int, e: int) -> bool:
        """Some span starts at or before ``s`` and ends at or after ``e`` (the same span counts)."""
        upto = bisect_right(self._starts, s)
        return upto > 0 and self._prefix_end[upto - 1] >= e

    def holds(self, s: int, e: int) -> bool:
        before = bisect_left(self._starts, s)  # spans starting strictly before s
        if before and self._prefix_end[before - 1] >= e:
            return True
        upto = bisect_right(self._starts, s)  # spans starting at s (sorted by end): the last must end after e
        return upto > before and self._pairs[upto - 1][1] > e
