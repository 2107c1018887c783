"""The version an ``--append`` build grows from: its rows, and whether they can be reused.

Rows are reused only when the parent was built with the same model weights and quotes version;
otherwise its articles (whose cleaned text the articles table keeps) are parsed again with the
rest, and the manifest records why. A parent of an older dataset schema is read as well: a column
the current schema added since (``articles.text_source`` in schema 3) is null on the rows carried
over, as the schema allows, since the parent never recorded it and its inputs are not re-read.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from quotes.build.spill import Spill, spills
from quotes.idmap import IdMap
from quotes.types import Article

ARTICLE_FIELDS = ("article_id", "source_id", "source_path", "text", "text_sha256", "title", "url",
                  "outlet", "published_at", "published_precision", "text_source")
RECOMPUTED = ("speaker_id", "statement_id")
QUOTES_PER_RUN = 20_000  # parent quotes held at once by an append
MAX_RUNS = 256  # scratch files open at once while the parent's quotes are sorted into runs


def _added_required_columns(older: str) -> list[str]:
    """``table.column`` of the current schema that schema ``older`` lacks and that must not be null."""
    from quotes.dataset import TABLES, SchemaError, load_schema

    out = []
    for table in TABLES:
        try:
            had = set(load_schema(table, older).names)
        except (SchemaError, OSError, ValueError):
            had = set()
        out += [f"{table}.{c.name}" for c in load_schema(table).columns if c.name not in had and not c.nullable]
    return out


@dataclass
class Parent:
    version_dir: Path
    manifest: dict
    reusable: bool
    reason: str

    @property
    def name(self) -> str:
        return self.version_dir.name

    @classmethod
    def latest(cls, out: Path, info) -> Parent | None:
        from quotes.dataset import SCHEMA_VERSION, DatasetNotFound, read_manifest, resolve_version
        from quotes.dataset.manifest import quotes_version

        try:
            vdir = resolve_version(out)
        except DatasetNotFound:
            return None
        manifest = read_manifest(vdir)
        if (manifest.get("model") or {}).get("sha256") != info.sha256:
            return cls(vdir, manifest, False, "model changed: its articles are parsed again")
        if manifest.get("quotes_version") != quotes_version():
            return cls(vdir, manifest, False, "quotes version changed: its articles are parsed again")
        reason = "same model and quotes version: rows reused"
        older = str(manifest.get("dataset_schema_version"))
        if older != SCHEMA_VERSION:
            required = _added_required_columns(older)
            if required:
                return cls(vdir, manifest, False, f"dataset schema {older} lacks {', '.join(required)} "
                                                  f"(not null in schema {SCHEMA_VERSION}): its articles are parsed again")
            reason += f" (dataset schema {older} -> {SCHEMA_VERSION}: the columns it lacks are null on its rows)"
        return cls(vdir, manifest, True, reason)

    def record(self) -> dict:
        return {"parent": self.name, "reused": self.reusable, "reason": self.reason}

    def _parts(self, table: str) -> list[Path]:
        from quotes.dataset import table_files

        return table_files(self.version_dir, table)

    def seen(self) -> IdMap:
        """``article_id -> source_path`` of the parent's articles (compact: one entry per article)."""
        from quotes.build.small import article_ids

        return article_ids(self._parts("articles"))

    def _read(self, f: Path, table: str, columns: list[str] | None = None) -> list[dict]:
        """Rows of one part, with the columns of the current schema it lacks (nullable ones) as None."""
        from quotes.dataset import load_schema

        have = set(pq.read_schema(f).names)
        wanted = columns or load_schema(table).names
        rows = pq.read_table(f, columns=[c for c in wanted if c in have]).to_pylist()
        missing = [c for c in wanted if c not in have]
        for row in rows:
            row.update(dict.fromkeys(missing))
        return rows

    def articles(self) -> Iterator[Article]:
        for f in self._parts("articles"):
            for row in self._read(f, "articles", list(ARTICLE_FIELDS)):
                yield Article(**row)

    def rows(self, scratch: Path) -> ParentRows:
        """The parent's rows to write again, sorted into scratch files under ``scratch``."""
        return ParentRows(self._parts("articles"), self._parts("quotes"), Path(scratch), QUOTES_PER_RUN, MAX_RUNS)


def _with_columns(rows, table: str) -> list[dict]:
    """Rows of a parent of an older schema, with the (nullable) columns the current schema added as
    None ("articles.text_source" of schema 3); rows already complete pass unchanged."""
    from quotes.dataset import load_schema
    names = [c for c in load_schema(table).names if c not in RECOMPUTED]
    out = list(rows)
    for row in out:
        for c in names:
            row.setdefault(c, None)
    return out


class ParentRows:
    """The parent's (article rows, quote rows), a run of articles at a time, ids to be given again.

    Articles come in stored order, each followed by its quotes in stored order, as the parent's
    build wrote them. A version sorts each part by key, so an article's quotes may sit in any quotes
    part: one pass over the quotes parts sorts them into one scratch file per run of articles
    (about ``quotes_per_run`` quotes, by the articles' ``n_quotes``), which are then read one at a
    time, any number of times. Memory: one run and the article ids, not the parent's quotes.
    """

    def __init__(self, article_parts: list[Path], quote_parts: list[Path], scratch: Path,
                 quotes_per_run: int, max_runs: int):
        self.article_parts, self.quote_parts, self.scratch = article_parts, quote_parts, scratch
        counts = [pq.read_table(f, columns=["article_id", "n_quotes"]) for f in article_parts]
        total = sum(pc.sum(t.column("n_quotes")).as_py() or 0 for t in counts)
        per_run = max(quotes_per_run, -(-total // max_runs))  # bounded number of open scratch files
        self.runs: list[tuple[int, int, int]] = []  # (articles part, first row, end row)
        self._run_of: dict[str, int] = {}
        for p, t in enumerate(counts):
            start, in_run = 0, 0
            for row, (aid, nq) in enumerate(zip(t.column("article_id").to_pylist(), t.column("n_quotes").to_pylist())):
                if in_run and in_run + (nq or 0) > per_run:
                    self.runs.append((p, start, row))
                    start, in_run = row, 0
                self._run_of[aid] = len(self.runs)
                in_run += nq or 0
            if start < t.num_rows:
                self.runs.append((p, start, t.num_rows))
        self._spills: list[Spill] | None = None

    def _sort_quotes(self) -> list[Spill]:
        out = spills(self.scratch, "run", len(self.runs))
        for f in self.quote_parts:
            for batch in pq.ParquetFile(f).iter_batches(batch_size=8192):
                for q in batch.to_pylist():
                    run = self._run_of.get(q["article_id"])
                    if run is None:
                        continue  # a quote without its article (validation refuses such versions)
                    for k in RECOMPUTED:
                        q.pop(k, None)
                    out[run].add(q)
        self._run_of.clear()
        return [s.close() for s in out]

    def batches(self) -> Iterator[tuple[list[dict], list[dict]]]:
        if self._spills is None:
            self._spills = self._sort_quotes()
        cached: tuple[int, pa.Table] | None = None
        for (p, start, end), spill in zip(self.runs, self._spills):
            if cached is None or cached[0] != p:
                cached = (p, pq.read_table(self.article_parts[p]))
            arts = _with_columns(cached[1].slice(start, end - start).to_pylist(), "articles")
            by_article: dict[str, list[dict]] = {}
            for q in _with_columns(spill, "quotes"):
                by_article.setdefault(q["article_id"], []).append(q)
            yield arts, [q for a in arts for q in by_article.pop(a["article_id"], [])]

    def remove(self) -> None:
        for s in self._spills or []:
            s.remove()
