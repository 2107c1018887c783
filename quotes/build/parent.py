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

import pyarrow.parquet as pq

from quotes.types import Article

ARTICLE_FIELDS = ("article_id", "source_id", "source_path", "text", "text_sha256", "title", "url",
                  "outlet", "published_at", "published_precision", "text_source")
RECOMPUTED = ("speaker_id", "statement_id")


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

    def seen(self) -> dict[str, str]:
        out = {}
        for f in self._parts("articles"):
            t = pq.read_table(f, columns=["article_id", "source_path"])
            out.update(zip(t.column("article_id").to_pylist(), t.column("source_path").to_pylist()))
        return out

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

    def batches(self) -> Iterator[tuple[list[dict], list[dict]]]:
        """The parent's (article rows, quote rows), part by part, ids to be given again."""
        by_article: dict[str, list[dict]] = {}
        for f in self._parts("quotes"):
            for q in self._read(f, "quotes"):
                for k in RECOMPUTED:
                    q.pop(k, None)
                by_article.setdefault(q["article_id"], []).append(q)
        for f in self._parts("articles"):
            arts = self._read(f, "articles")
            yield arts, [q for a in arts for q in by_article.pop(a["article_id"], [])]
