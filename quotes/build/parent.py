"""The version an ``--append`` build grows from: its rows, and whether they can be reused.

Rows are reused only when the parent was built with the same model weights and quotes version;
otherwise its articles (whose cleaned text the articles table keeps) are parsed again with the
rest, and the manifest records why.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq

from quotes.types import Article

ARTICLE_FIELDS = ("article_id", "source_id", "source_path", "text", "text_sha256", "title", "url",
                  "outlet", "published_at", "published_precision")
RECOMPUTED = ("speaker_id", "statement_id")


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
        from quotes.dataset import DatasetNotFound, read_manifest, resolve_version
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
        return cls(vdir, manifest, True, "same model and quotes version: rows reused")

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

    def articles(self) -> Iterator[Article]:
        for f in self._parts("articles"):
            for row in pq.read_table(f, columns=list(ARTICLE_FIELDS)).to_pylist():
                yield Article(**row)

    def batches(self) -> Iterator[tuple[list[dict], list[dict]]]:
        """The parent's (article rows, quote rows), part by part, ids to be given again."""
        by_article: dict[str, list[dict]] = {}
        for f in self._parts("quotes"):
            for q in pq.read_table(f).to_pylist():
                for k in RECOMPUTED:
                    q.pop(k, None)
                by_article.setdefault(q["article_id"], []).append(q)
        for f in self._parts("articles"):
            arts = pq.read_table(f).to_pylist()
            yield arts, [q for a in arts for q in by_article.pop(a["article_id"], [])]
