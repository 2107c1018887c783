"""``write_version``: publish whole in-memory tables as the next version (one part per table).

A thin wrapper over :class:`~quotes.dataset.version_writer.VersionWriter` for callers whose rows
already fit in memory (tests, small builds); streaming builds use ``VersionWriter`` directly.
"""

from __future__ import annotations

import os
from pathlib import Path

from .schema import SCHEMA_VERSION, TABLES, SchemaError, check_rows
from .version_writer import DatasetWriteError, PartInfo, VersionWriter, existing_versions, write_latest  # noqa: F401


def write_version(
    out_dir: str | os.PathLike,
    tables: dict[str, list[dict]],
    manifest_extra: dict | None = None,
    *,
    validate: bool = True,
) -> Path:
    """Publish ``tables`` as the next version and return its directory.

    Rows are checked against the schema first (``SchemaError`` on violations, nothing is created).
    With ``validate`` the staged version is also run through the full validator (offsets,
    references, counts) before it becomes visible, so ``LATEST`` only ever points at a valid version.
    """
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise SchemaError(f"unknown table(s) {unknown}; expected {list(TABLES)}")
    clean = {t: check_rows(t, list(tables.get(t) or []), SCHEMA_VERSION) for t in TABLES}  # before any I/O
    with VersionWriter(out_dir, validate=validate) as w:
        for t in TABLES:
            w.write_part(t, clean[t])
        return w.publish(manifest_extra)
