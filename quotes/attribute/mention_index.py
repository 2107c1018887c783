"""Name mentions by character offset, so a speaker lookup reads the mentions near it, not all.

The resolver asks per quote "which entity has a mention inside this span?", "which name stands
right after this title?", "who was the last subject before this pronoun?". Scanning every entity's
every mention for each question makes an article of n names cost n² (issue #21). Here the
mentions are sorted by offset once; a query takes the ones in its offset range and hands them back
in the order the scan would have met them (entity by entity, mention by mention), so the first
match, and every tie, stays the same.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Callable, Iterator, Sequence


class MentionIndex:
    def __init__(self, entities: Sequence, mentions: Sequence):
        # (start, entity position, mention position, entity, mention) for every entity mention
        rows = sorted((x.start, ei, mi, ent, x) for ei, ent in enumerate(entities)
                      for mi, x in enumerate(ent.mentions))
        self._rows = rows
        self._starts = [r[0] for r in rows]
        by_end = sorted(rows, key=lambda r: (r[4].end, r[1], r[2]))
        self._by_end, self._ends = by_end, [r[4].end for r in by_end]
        self._longest = max((x.end - x.start for *_, x in rows), default=0)
        self._entities = [(ent, sorted(x.start for x in ent.mentions),
                           sorted(x.start for x in ent.mentions if x.is_subject)) for ent in entities]
        plain = sorted((x.start, k, x) for k, x in enumerate(mentions))
        self._plain, self._plain_starts = plain, [p[0] for p in plain]

    @staticmethod
    def _in_scan_order(rows) -> list[tuple]:
        return [(r[3], r[4]) for r in sorted(rows, key=lambda r: (r[1], r[2]))]

    def ending(self, lo: int, hi: int) -> list[tuple]:
        """(entity, mention) pairs with ``lo <= mention.end <= hi``, in scan order."""
        return self._in_scan_order(self._by_end[bisect_left(self._ends, lo):bisect_right(self._ends, hi)])

    def _holding(self, at: int) -> list[tuple]:
        rows = self._rows[bisect_left(self._starts, at - self._longest):bisect_right(self._starts, at)]
        return [r for r in rows if r[4].start <= at < r[4].end]

    def starting_or_holding(self, lo: int, hi: int, at: int | None) -> list[tuple]:
        """(entity, mention) pairs with ``lo <= mention.start <= hi`` or (``at`` given) holding
        ``at`` (``mention.start <= at < mention.end``), in scan order."""
        rows = self._rows[bisect_left(self._starts, lo):bisect_right(self._starts, hi)]
        if at is not None:
            rows = list({(r[1], r[2]): r for r in rows + self._holding(at)}.values())
        return self._in_scan_order(rows)

    def mentions_starting(self, lo: int, hi: int) -> list:
        """Mentions of the article's list with ``lo <= start <= hi``, in the list's order."""
        found = self._plain[bisect_left(self._plain_starts, lo):bisect_right(self._plain_starts, hi)]
        return [x for _, _, x in sorted(found, key=lambda p: p[1])]

    def latest(self, before: int, keep: Callable, subjects_only: bool = False) -> tuple | None:
        """``max`` by start over the mentions starting before ``before`` (``subjects_only``: the
        subjects) of the entities that ``keep(entity)``, as ``(start, entity)``; of equal starts the
        first in scan order, as ``max`` keeps. One bisection per entity, not a pass over mentions."""
        best = None
        for ent, starts, subjects in self._entities:
            found = subjects if subjects_only else starts
            k = bisect_left(found, before)
            if k and (best is None or found[k - 1] > best[0]) and keep(ent):
                best = (found[k - 1], ent)
        return best

    def earliest(self, at: int, keep: Callable) -> tuple | None:
        """``min`` by start over the mentions starting at or after ``at`` of the entities that ``keep``."""
        best = None
        for ent, starts, _ in self._entities:
            k = bisect_left(starts, at)
            if k < len(starts) and (best is None or starts[k] < best[0]) and keep(ent):
                best = (starts[k], ent)
        return best

    def pairs(self) -> Iterator[tuple]:
        """Every (entity, mention) pair in scan order."""
        return iter(self._in_scan_order(self._rows))


class Stabbing:
    """Does any of a fixed set of half-open spans hold an offset? (sorted starts, running max end)"""

    def __init__(self, spans: Sequence[tuple[int, int]]):
        pairs = sorted(spans)
        self._starts = [a for a, _ in pairs]
        self._reach: list[int] = []
        for _, b in pairs:
            self._reach.append(b if not self._reach else max(self._reach[-1], b))
        self.size = len(pairs)

    def holds(self, at: int) -> bool:
        k = bisect_right(self._starts, at)
        return k > 0 and self._reach[k - 1] > at


class SpeakerHistory:
    """The speakers resolved so far, ``(char, entity, speaker)`` in article order, and the latest
    whose entity passes a test, found without re-reading the whole history per quote.

    Entries are grouped by entity: an entity of the article's list by identity; an unnamed speaker
    (an entity made during resolution, with no mention and never changed after) by what a test can
    read of it (key, kind, names, roles), so that members of a group pass or fail together. The
    latest fitting entry is then the latest entry of the latest group whose entity fits.
    """

    def __init__(self):
        self._entries: list[tuple] = []
        self._chars: list[int] = []
        self._groups: dict[tuple, list[int]] = {}
        self._in_order = True  # the anchors never go back (resolution runs in article order)

    def append(self, entry: tuple) -> None:
        char, ent, _ = entry
        self._in_order = self._in_order and (not self._chars or char >= self._chars[-1])
        self._entries.append(entry)
        self._chars.append(char)
        if ent is not None:
            key = ("entity", id(ent)) if ent.mentions else \
                ("unnamed", ent.key, ent.kind, tuple(ent.names), tuple(ent.roles))
            self._groups.setdefault(key, []).append(len(self._entries) - 1)

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, k):
        return self._entries[k]

    def latest(self, before: int, fits: Callable) -> tuple | None:
        """``(char, entity)`` of the last entry with ``char < before`` whose entity ``fits``."""
        if not self._in_order:
            return next(((c, e) for c, e, _ in reversed(self._entries) if c < before and e is not None and fits(e)),
                        None)
        k = bisect_left(self._chars, before)
        last = []
        for positions in self._groups.values():
            j = bisect_left(positions, k)
            if j:
                last.append(positions[j - 1])
        for pos in sorted(last, reverse=True):
            char, ent, _ = self._entries[pos]
            if fits(ent):
                return char, ent
        return None
