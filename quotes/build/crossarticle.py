"""The second pass: speaker ids and statements across articles, from quote rows alone, on disk.

It never sees a parse, and it never holds all quote rows either. Each row's slim views are spilled
to scratch files as the rows stream by, while :class:`~quotes.facts.blocks.SpeakerBlocks` joins
the blocks ``link_speakers`` may relate. The rows are then cut into partitions of whole groups
(a group never spans two partitions) and ``link_speakers`` runs on one partition at a time;
statements, which only ever join quotes of one speaker, are re-partitioned by speaker id and
``group_statements`` runs on one partition at a time. Results are written to disk per partition
and merged back by row number, so the ids and both tables are exactly those of one in-memory call
(:func:`link_and_group`, the reference) whatever the number of partitions. Memory is bounded by the
largest partition (about ``rows_per_partition`` rows, more only if one group is larger).
"""

from __future__ import annotations

import heapq
import math
import shutil
import time
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path

from quotes.build.options import DEFAULT_ROWS_PER_PARTITION
from quotes.build.spill import Spill, spills
from quotes.facts.blocks import SpeakerBlocks
from quotes.facts.speakers import link_speakers
from quotes.facts.statements import group_statements
from quotes.memory import release

SPEAKER_COLUMNS = ("article_id", "speaker", "speaker_type", "speaker_mention", "role", "said_on",
                   "aliases", "speaker_key")
STATEMENT_COLUMNS = ("quote_id", "article_id", "text", "said_on")


def slim(row: dict) -> tuple[dict, dict]:
    """The two views of a quote row the second pass needs."""
    return ({k: row.get(k) for k in SPEAKER_COLUMNS if k in row},
            {k: row.get(k) for k in STATEMENT_COLUMNS})


def link_and_group(speaker_rows: Sequence[dict], statement_rows: list[dict]
                   ) -> tuple[list[str | None], list[str], list[dict], list[dict]]:
    """The whole pass in memory: speaker id and statement id per quote (in the order given) and
    the two tables' rows. The reference :class:`CrossArticle` must equal (tests, benchmarks)."""
    speaker_ids, speaker_table = link_speakers(speaker_rows)
    for row, sid in zip(statement_rows, speaker_ids):
        row["speaker_id"] = sid
    statement_ids, statement_table = group_statements(statement_rows)
    return speaker_ids, statement_ids, speaker_table, statement_table


def _bucket(key: str, n: int) -> int:
    return zlib.crc32(key.encode("utf-8")) % n if n > 1 else 0


class CrossArticle:
    """``add`` every quote row in output order, ``run``, then read ``ids``, ``speakers``, ``statements``."""

    def __init__(self, scratch: Path, rows_per_partition: int = DEFAULT_ROWS_PER_PARTITION):
        self.dir = Path(scratch)
        self.dir.mkdir(parents=True, exist_ok=True)
        self.rows_per_partition = max(1, rows_per_partition)
        self.blocks = SpeakerBlocks()
        self.n = 0
        self._speaker_in = Spill(self.dir / "speaker-rows.pkl")  # (row, block key, speaker view)
        self._statement_in = Spill(self.dir / "statement-rows.pkl")  # (row, statement view)
        self.n_speakers = self.n_statements = 0
        self.partitions = (0, 0)
        self.seconds: dict[str, float] = {}

    def add(self, row: dict) -> None:
        sp, st = slim(row)
        key = self.blocks.add(sp)
        if key is not None:
            self._speaker_in.add((self.n, key, sp))
        self._statement_in.add((self.n, st))
        self.n += 1

    def _n_parts(self, rows: int) -> int:
        return max(1, math.ceil(rows / self.rows_per_partition))

    def run(self) -> None:
        t0 = time.perf_counter()
        self.blocks.close()
        n_sp = self._n_parts(self._speaker_in.n)
        parts = spills(self.dir / "speakers-in", "part", n_sp)
        for i, key, sp in self._speaker_in:
            parts[_bucket(self.blocks.group(key), n_sp)].add((i, sp))
        self._speaker_in.remove()
        self.blocks = SpeakerBlocks()  # its groups are in the partitions now
        self._speaker_ids = spills(self.dir / "speaker-ids", "part", n_sp)
        self._speaker_rows = spills(self.dir / "speaker-table", "part", n_sp)
        for part, ids_out, rows_out in zip(parts, self._speaker_ids, self._speaker_rows):
            self._link(part, ids_out, rows_out)
            part.remove()
            release()  # each partition starts from what is live, not from the last one's peak
        t1 = time.perf_counter()

        n_st = self._n_parts(self.n)
        parts = spills(self.dir / "statements-in", "part", n_st)
        for (i, st), sid in zip(self._statement_in, self._merged_speaker_ids()):
            st["speaker_id"] = sid
            parts[_bucket(sid, n_st) if sid else i % n_st].add((i, st))  # one speaker, one partition
        self._statement_in.remove()
        self._statement_ids = spills(self.dir / "statement-ids", "part", n_st)
        self._statement_rows = spills(self.dir / "statement-table", "part", n_st)
        for part, ids_out, rows_out in zip(parts, self._statement_ids, self._statement_rows):
            self._group(part, ids_out, rows_out)
            part.remove()
            release()
        self.partitions = (n_sp, n_st)
        self.seconds = {"speakers": t1 - t0, "statements": time.perf_counter() - t1}

    def _link(self, part: Spill, ids_out: Spill, rows_out: Spill) -> None:
        items = list(part)
        ids, table = link_speakers([sp for _, sp in items])
        first: dict[str, int] = {}
        for (i, _), sid in zip(items, ids):
            if sid is not None:
                ids_out.add((i, sid))
                first.setdefault(sid, i)
        del items, ids
        for row in table:  # sorted by speaker id; ties kept in order of first quote, as in one call
            rows_out.add((row["speaker_id"], first[row["speaker_id"]], row))
        self.n_speakers += len(table)
        ids_out.close()
        rows_out.close()

    def _group(self, part: Spill, ids_out: Spill, rows_out: Spill) -> None:
        items = list(part)
        ids, table = group_statements([st for _, st in items])
        firsts: list[int] = []  # each group's first row: the table is in that order
        seen: set[str] = set()
        for (i, _), stid in zip(items, ids):
            ids_out.add((i, stid))
            if stid not in seen:
                seen.add(stid)
                firsts.append(i)
        if len(firsts) != len(table):
            raise RuntimeError("two statements share an id; their order cannot be restored")
        del items, ids
        for i, row in zip(firsts, table):
            rows_out.add((i, row))
        self.n_statements += len(table)
        ids_out.close()
        rows_out.close()

    def _merged_speaker_ids(self) -> Iterator[str | None]:
        """Speaker id of every row in order (None for rows without a speaker)."""
        linked = heapq.merge(*self._speaker_ids)
        nxt = next(linked, None)
        for i in range(self.n):
            if nxt is not None and nxt[0] == i:
                yield nxt[1]
                nxt = next(linked, None)
            else:
                yield None

    def ids(self) -> Iterator[tuple[str | None, str]]:
        """(speaker_id, statement_id) of every row, in the order the rows were added."""
        statement_ids = heapq.merge(*self._statement_ids)
        for sid, (_, stid) in zip(self._merged_speaker_ids(), statement_ids):
            yield sid, stid

    def speakers(self) -> Iterator[dict]:
        for _, _, row in heapq.merge(*self._speaker_rows, key=lambda t: (t[0], t[1])):
            yield row

    def statements(self) -> Iterator[dict]:
        for _, row in heapq.merge(*self._statement_rows, key=lambda t: t[0]):
            yield row

    def remove(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
