"""A set (or map to strings) of every article id of a build, at 8 (16) bytes per id, not ~200.

The build keeps a few things per article for the whole run: which article ids it has seen (to
drop duplicates, with where each was first seen for the error message) and which articles the
speaker blocks are done with (rows of an article must be contiguous). As a Python set or dict of
strings that is ~100-250 bytes per article (the id string, its path, the hash-table slot), so
the coordinator grew with the corpus (~10 MB per 100k articles for the speaker blocks' set alone,
measured, and more for the intake's dict).

Ids are the stable ids of ``quotes.ids``: ``<prefix>_`` and 16 lowercase hex digits, which *are*
a 64-bit number, so an id is stored as that number, exactly (no hashing, no collision): sorted in
a numpy array, with the most recent ones in a small dict that is merged in when it reaches 1/32
of the array (amortised O(log n) per id). Values (strings, read back only on a hit, such as a
duplicate) go to an anonymous temporary file; the map keeps their offsets. Any id of another
form is kept as it is, in a plain dict, so the answers are those of a ``dict`` whatever the ids.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator

import numpy as np

_HEX16 = re.compile(r"[0-9a-f]{16}")
_NO_VALUE = -1


class IdMap:
    """``id -> str`` (or a set of ids, with ``values=False``), first value kept, insert-only."""

    MIN_RECENT = 4096  # ids held in the dict before a merge, at least
    RECENT_SHARE = 32  # ... and at most 1/32 of the sorted ids

    def __init__(self, prefix: str = "a", *, values: bool = True):
        self._head = prefix + "_"
        self._keys = np.empty(0, np.uint64)  # sorted
        self._offsets = np.empty(0, np.int64)  # value of _keys[i] at _offsets[i] in the file
        self._recent: dict[int, int] = {}  # number -> offset, not merged yet
        self._other: dict[str, int] = {}  # ids not of the stable form -> offset
        self._file = tempfile.TemporaryFile() if values else None

    def _number(self, key: str) -> int | None:
        head = self._head
        if len(key) == len(head) + 16 and key.startswith(head) and _HEX16.fullmatch(key, len(head)):
            return int(key[len(head):], 16)
        return None

    def _offset(self, key: str) -> int | None:
        n = self._number(key)
        if n is None:
            return self._other.get(key)
        off = self._recent.get(n)
        if off is not None:
            return off
        i = int(np.searchsorted(self._keys, np.uint64(n)))
        if i < len(self._keys) and int(self._keys[i]) == n:
            return int(self._offsets[i]) if self._file is not None else _NO_VALUE
        return None

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._offset(key) is not None

    def __len__(self) -> int:
        return len(self._keys) + len(self._recent) + len(self._other)

    def get(self, key: str, default: str | None = None) -> str | None:
        """The value first added with ``key`` ("" in a set), else ``default``."""
        off = self._offset(key)
        if off is None:
            return default
        if self._file is None or off == _NO_VALUE:
            return ""
        self._file.seek(off)
        size = int.from_bytes(self._file.read(4), "little")
        return self._file.read(size).decode("utf-8")

    def add(self, key: str, value: str = "") -> None:
        """Add ``key`` (with ``value``); a key already there keeps its first value, as a build
        keeps the first of duplicate articles."""
        if key in self:
            return
        off = _NO_VALUE
        if self._file is not None:
            data = value.encode("utf-8")
            off = self._file.seek(0, 2)
            self._file.write(len(data).to_bytes(4, "little") + data)
        n = self._number(key)
        if n is None:
            self._other[key] = off
            return
        self._recent[n] = off
        if len(self._recent) >= max(self.MIN_RECENT, len(self._keys) // self.RECENT_SHARE):
            self._merge()

    def update(self, pairs: Iterable[tuple[str, str]]) -> None:
        for key, value in pairs:
            self.add(key, value)

    def _merge(self) -> None:
        new = np.fromiter(self._recent.keys(), np.uint64, len(self._recent))
        offsets = np.fromiter(self._recent.values(), np.int64, len(self._recent))
        order = np.argsort(new, kind="stable")
        new, offsets = new[order], offsets[order]
        at = np.searchsorted(self._keys, new)
        self._keys = np.insert(self._keys, at, new)
        self._offsets = np.insert(self._offsets, at, offsets) if self._file is not None else self._offsets
        self._recent = {}

    def clear(self) -> None:
        self._keys, self._offsets = self._keys[:0], self._offsets[:0]
        self._recent, self._other = {}, {}
        if self._file is not None:
            self._file.seek(0)
            self._file.truncate()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()

    def __iter__(self) -> Iterator[str]:  # for tests and debugging: the ids, in no set order
        head = self._head
        for n in (*self._keys.tolist(), *self._recent):
            yield f"{head}{n:016x}"
        yield from self._other
