"""Drafts -> a published version: input order restored, cross-article ids given, parts written.

Drafts are read back twice, one batch at a time: once to spill the slim speaker and statement
views to scratch files for the cross-article pass (``crossarticle``, partition by partition), once
to give each quote its ids (streamed back in row order) and write it, so no pass holds every row.
Rows are written in input order (by each article's position in the de-duplicated input), whatever
engine or number of workers made them and whatever was retried, so every engine writes the same rows.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from quotes.build.crossarticle import CrossArticle
from quotes.build.options import BuildOptions
from quotes.build.process import DRAFT_SUFFIX, read_draft
from quotes.memory import release

INTERNAL = ("_seq", "speaker_key")


@dataclass
class Written:
    version_dir: Path
    n_articles: int
    n_quotes: int
    quotes_by_type: dict[str, int]
    n_speakers: int
    n_statements: int


def draft_batches(drafts: list[str]) -> Iterator[tuple[list[dict], list[dict]]]:
    """(article rows, quote rows) per batch, in input order; a batch's retries join their batch."""
    groups: dict[str, list[str]] = defaultdict(list)
    for d in drafts:
        groups[Path(d).name.removesuffix(DRAFT_SUFFIX).split("-r")[0]].append(d)
    for base in sorted(groups):
        arts: list[dict] = []
        quotes: list[dict] = []
        for d in groups[base]:
            data = read_draft(d)
            arts.extend(data["articles"])
            quotes.extend(data["quotes"])
        arts.sort(key=lambda r: r["_seq"])
        quotes.sort(key=lambda r: r["_seq"])  # stable: an article's quotes keep their order
        yield arts, quotes


class _Sink:
    """Rows in, Parquet parts out, each table cut into parts of a bounded size.

    A part's rows wait as Arrow tables (a few times smaller than the row dicts); a part closes at
    its table's row limit or at ``part_bytes`` of Arrow data, whichever comes first, so what the
    sink holds is bounded by bytes, not by the corpus (at 20,000 rows a row limit alone let the
    articles and quotes buffers and their sort at write time grow the coordinator by ~100 MB).
    Writing a part sorts it whole, so its bytes are those of the same rows handed over at once.
    """

    CHUNK_ROWS = 1024  # rows converted to Arrow at a time: the granularity of a byte cut

    def __init__(self, out: Path, options: BuildOptions):
        from quotes.dataset import VersionWriter

        self.writer = VersionWriter(out)
        self.limits = {"articles": options.articles_per_part, "quotes": options.quotes_per_part,
                       "speakers": options.quotes_per_part, "statements": options.quotes_per_part}
        self.part_bytes = options.part_bytes
        self.buffers: dict[str, list[pa.Table]] = defaultdict(list)
        self.counts: Counter[str] = Counter()
        self.bytes: Counter[str] = Counter()
        self.parts: Counter[str] = Counter()

    def add(self, table: str, rows: list[dict]) -> None:
        limit = self.limits[table]
        while rows:
            room = min(limit - self.counts[table], self.CHUNK_ROWS)
            head, rows = rows[:room], rows[room:]
            chunk = self._arrow(table, head)
            self.buffers[table].append(chunk)
            self.counts[table] += len(head)
            self.bytes[table] += chunk.nbytes
            if self.counts[table] >= limit or self.bytes[table] >= self.part_bytes:
                self._flush(table)

    def _arrow(self, table: str, rows: list[dict]) -> pa.Table:
        from quotes.dataset.schema import check_rows, load_schema

        version = self.writer.schema_version
        return pa.Table.from_pylist(check_rows(table, rows, version), schema=load_schema(table, version).arrow())

    def _flush(self, table: str) -> None:
        buf = self.buffers.pop(table, [])
        self.writer.write_part(table, pa.concat_tables(buf).combine_chunks() if buf else [])
        del buf
        release()  # the part's buffers and its sorted copy are freed: give their pages back
        self.counts[table] = self.bytes[table] = 0
        self.parts[table] += 1

    def publish(self, manifest_extra: dict) -> Path:
        for table in self.limits:
            if self.counts[table] or not self.parts[table]:
                self._flush(table)
        return self.writer.publish(manifest_extra)

    def abort(self) -> None:
        self.writer.abort()


def assemble(out: Path, drafts: list[str], parent, manifest_extra: dict, options: BuildOptions,
             scratch: Path) -> Written:
    """Write the version from ``drafts`` (after ``parent``'s rows, if any), using ``scratch`` for
    the second pass's files."""
    parent_rows = parent.rows(scratch / "parent") if parent is not None else None

    def batches() -> Iterator[tuple[list[dict], list[dict]]]:
        if parent_rows is not None:
            yield from parent_rows.batches()
        yield from draft_batches(drafts)

    cross = CrossArticle(scratch / "cross", options.rows_per_partition)
    for _, quotes in batches():
        for q in quotes:
            cross.add(q)
    cross.run()
    release()  # the second pass's partitions are freed: the writing starts from what is live

    sink = _Sink(out, options)
    try:
        ids = cross.ids()
        i, n_articles, by_type = 0, 0, Counter()
        for arts, quotes in batches():
            for q in quotes:
                q["speaker_id"], q["statement_id"] = next(ids)
                i += 1
                by_type[q["type"]] += 1
                for k in INTERNAL:
                    q.pop(k, None)
            for a in arts:
                a.pop("_seq", None)
            n_articles += len(arts)
            sink.add("articles", arts)
            sink.add("quotes", quotes)
        if next(ids, None) is not None:
            raise RuntimeError("the second pass saw more quote rows than were written")
        for table, rows in (("speakers", cross.speakers()), ("statements", cross.statements())):
            for chunk in _chunks(rows, _Sink.CHUNK_ROWS):  # as dicts, a statement row is ~1 KB
                sink.add(table, chunk)
        version_dir = sink.publish(manifest_extra)
    except BaseException:
        sink.abort()
        raise
    finally:
        cross.remove()
        if parent_rows is not None:
            parent_rows.remove()
    return Written(version_dir, n_articles, i, dict(sorted(by_type.items())), cross.n_speakers, cross.n_statements)


def _chunks(rows: Iterator[dict], size: int) -> Iterator[list[dict]]:
    chunk: list[dict] = []
    for r in rows:
        chunk.append(r)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
