"""Open a published version as polars frames.

Readers go through ``LATEST`` (never "the highest vNNNN"), so a half-finished or abandoned build is
never read, and ``.tmp-*`` leftovers are invisible. Sharded versions (``quotes/part-*.parquet``)
and old single-file versions (``quotes.parquet``) open alike.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl

from .layout import LATEST, MANIFEST, VERSION_RE, table_files
from .manifest import read_manifest
from .schema import TABLES

DEFAULT_PATH_ENV = "QUOTES_DATASET"
DEFAULT_PATH = "build/quotes"


class DatasetNotFound(FileNotFoundError):
    """No published version at the given path."""


def resolve_version(path: str | os.PathLike) -> Path:
    """Dataset root -> the version dir named in ``LATEST``; version dir -> itself."""
    p = Path(path)
    if (p / MANIFEST).is_file() and not (p / LATEST).exists():
        return p
    latest = p / LATEST
    if latest.is_file():
        name = latest.read_text(encoding="utf-8").strip()
        if not VERSION_RE.match(name):
            raise DatasetNotFound(f"{latest} does not name a version (got {name!r})")
        target = p / name
        if not (target / MANIFEST).is_file():
            raise DatasetNotFound(f"{latest} points at {name}, but {target / MANIFEST} does not exist")
        return target
    if not p.exists():
        raise DatasetNotFound(f"no dataset at {p}: path does not exist")
    raise DatasetNotFound(f"no dataset at {p}: expected a dataset root with a LATEST file or a version dir with {MANIFEST}")


@dataclass
class Dataset:
    """One version's tables; ``ds.quotes`` or ``ds["quotes"]``."""

    version_dir: Path
    manifest: dict
    articles: pl.DataFrame | pl.LazyFrame
    quotes: pl.DataFrame | pl.LazyFrame
    speakers: pl.DataFrame | pl.LazyFrame
    statements: pl.DataFrame | pl.LazyFrame
    tables: tuple[str, ...] = field(default=TABLES, repr=False)

    def __getitem__(self, table: str) -> pl.DataFrame | pl.LazyFrame:
        if table not in TABLES:
            raise KeyError(table)
        return getattr(self, table)


def open_dataset(path: str | os.PathLike | None = None, *, lazy: bool = False) -> Dataset:
    """Open the latest version under ``path`` (default ``$QUOTES_DATASET`` or ``build/quotes``)."""
    if path is None:
        path = os.environ.get(DEFAULT_PATH_ENV, DEFAULT_PATH)
    vdir = resolve_version(path)
    return Dataset(version_dir=vdir, manifest=read_manifest(vdir), **{t: read_table(vdir, t, lazy=lazy) for t in TABLES})


def read_table(version_dir: str | os.PathLike, table: str, *, lazy: bool = False) -> pl.DataFrame | pl.LazyFrame:
    """One table of a version dir, all its parts in order (lazy: a scan that reads only what it needs)."""
    files = table_files(version_dir, table)
    if not files:
        raise DatasetNotFound(f"{version_dir} has no {table} table (neither {table}/part-*.parquet nor {table}.parquet)")
    load = pl.scan_parquet if lazy else pl.read_parquet
    return load([str(f) for f in files])
