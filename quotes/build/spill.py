"""Append-only scratch files of rows, read back in the order written.

The second pass and ``--append`` move rows between passes through these instead of lists, so the
coordinator holds one chunk per open file, not the corpus. Rows are pickled a chunk at a time (one
``pickle.load`` per chunk keeps reading fast).
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Any

CHUNK_ROWS = 1024
SET_ROWS = 8192  # rows a set of spills written at once (one per partition) buffers in all


class Spill:
    def __init__(self, path: Path, chunk_rows: int = CHUNK_ROWS):
        self.path = Path(path)
        self.chunk_rows = chunk_rows
        self.n = 0
        self._buf: list[Any] = []
        self._fh = open(self.path, "wb")

    def add(self, item: Any) -> None:
        self._buf.append(item)
        self.n += 1
        if len(self._buf) >= self.chunk_rows:
            self._flush()

    def _flush(self) -> None:
        if self._buf:
            pickle.dump(self._buf, self._fh, protocol=pickle.HIGHEST_PROTOCOL)
            self._buf = []

    def close(self) -> Spill:
        if not self._fh.closed:
            self._flush()
            self._fh.close()
        return self

    def __iter__(self) -> Iterator[Any]:
        self.close()
        with open(self.path, "rb") as fh:
            while True:
                try:
                    chunk = pickle.load(fh)
                except EOFError:
                    return
                yield from chunk

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)


def spills(directory: Path, name: str, n: int) -> list[Spill]:
    """``n`` spills filled side by side (rows dealt out to partitions). Their buffers together hold
    at most about ``SET_ROWS`` rows: with a fixed chunk each, the memory of dealing rows out grew
    with the number of partitions, that is with the corpus (200 x 1,024 rows at 1M quotes)."""
    directory.mkdir(parents=True, exist_ok=True)
    chunk = max(64, min(CHUNK_ROWS, SET_ROWS // max(1, n)))
    return [Spill(directory / f"{name}-{i:05d}.pkl", chunk) for i in range(n)]
