"""Names and paths inside a dataset: the one place the reader, writer and validator agree on.

A dataset root holds ``vNNNN/`` version dirs and a ``LATEST`` pointer. A version holds, per table,
a directory of part files (``quotes/part-00000.parquet``, ...) so every engine reads a table with
one directory or glob path. Versions written before sharding hold one ``<table>.parquet`` per table;
they stay readable, so both layouts are resolved here and nowhere else.
"""

from __future__ import annotations

import re
from pathlib import Path

VERSION_RE = re.compile(r"^v(\d{4,})$")
PART_RE = re.compile(r"^part-(\d{5,})\.parquet$")
LATEST = "LATEST"
TMP_PREFIX = ".tmp-"
LOCK = ".lock"
MANIFEST = "manifest.json"
CARD = "README.md"
CROISSANT = "croissant.json"


def part_name(table: str, index: int) -> str:
    """Path of part ``index`` of ``table``, relative to the version dir (``quotes/part-00003.parquet``)."""
    return f"{table}/part-{index:05d}.parquet"


def table_glob(table: str) -> str:
    """Glob, relative to the version dir, that matches every part of ``table`` (engines take it as-is)."""
    return f"{table}/*.parquet"


def legacy_name(table: str) -> str:
    """The single file a table had before versions were sharded (``quotes.parquet``)."""
    return f"{table}.parquet"


def table_of(name: str) -> str | None:
    """Which table a manifest file name belongs to: ``quotes/part-00000.parquet`` or ``quotes.parquet``."""
    head, sep, tail = name.partition("/")
    if sep:
        return head if PART_RE.match(tail) else None
    return name[: -len(".parquet")] if name.endswith(".parquet") else None


def table_files(version_dir: str | Path, table: str) -> list[Path]:
    """The Parquet files of ``table`` in reading order; ``[]`` if the version has no such table.

    A sharded table's parts come sorted by number; an old single-file version gives its one file.
    """
    vdir = Path(version_dir)
    tdir = vdir / table
    if tdir.is_dir():
        parts = [(int(m.group(1)), p) for p in tdir.iterdir() if (m := PART_RE.match(p.name)) and p.is_file()]
        return [p for _, p in sorted(parts)]
    legacy = vdir / legacy_name(table)
    return [legacy] if legacy.is_file() else []


def is_sharded(version_dir: str | Path, table: str) -> bool:
    return (Path(version_dir) / table).is_dir()
