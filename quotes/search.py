"""Search one dataset version: quotes joined with their articles, filtered lazily with polars.

Lazy scans push the filters into the Parquet reader, so a search reads only what it needs.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import polars as pl

from quotes.dataset.layout import table_files
from quotes.dataset.reader import read_table, resolve_version

COLUMNS = ["quote_id", "said_on", "speaker", "role", "type", "text", "title", "outlet"]
QUOTE_TYPES = ("direct", "indirect", "mixed")


def _version_dir(path: str | os.PathLike) -> Path:
    """A dir holding the quotes table (sharded or one file), or a dataset root whose ``LATEST`` names one."""
    p = Path(path)
    if table_files(p, "quotes"):
        return p
    return resolve_version(p)


def _iso(value: str | dt.date | None, name: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError as exc:
        raise ValueError(f"{name} must be a YYYY-MM-DD date, got {value!r}") from exc


def search(
    dataset_version_dir: str | os.PathLike,
    text: str | None = None,
    speaker: str | None = None,
    since: str | dt.date | None = None,
    until: str | dt.date | None = None,
    type: str | None = None,  # noqa: A002 - the dataset column is called "type"
    limit: int = 50,
) -> pl.DataFrame:
    """Quotes matching every given filter, newest ``said_on`` first (undated last).

    ``text``: case-insensitive substring of the quote. ``speaker``: case-insensitive substring of
    the speaker's name or any alias (the speakers table) or of the per-article name.
    ``since``/``until``: inclusive bounds on ``said_on`` (undated quotes are excluded).
    ``type``: direct, indirect or mixed.
    """
    vdir = _version_dir(dataset_version_dir)
    q = read_table(vdir, "quotes", lazy=True)
    arts = read_table(vdir, "articles", lazy=True).select("article_id", "title", "outlet")
    q = q.join(arts, on="article_id", how="left")

    if text:
        q = q.filter(pl.col("text").str.to_lowercase().str.contains(text.lower(), literal=True))
    if speaker:
        needle = speaker.lower()
        cond = pl.col("speaker").str.to_lowercase().str.contains(needle, literal=True).fill_null(False)
        if table_files(vdir, "speakers"):
            ids = (
                read_table(vdir, "speakers", lazy=True)
                .filter(
                    pl.col("name").str.to_lowercase().str.contains(needle, literal=True)
                    | pl.col("aliases").list.eval(pl.element().str.to_lowercase().str.contains(needle, literal=True)).list.any()
                )
                .select("speaker_id")
            )
            q = q.join(ids.with_columns(pl.lit(True).alias("_spk")), on="speaker_id", how="left")
            cond = cond | pl.col("_spk").fill_null(False)
        q = q.filter(cond)
    lo, hi = _iso(since, "since"), _iso(until, "until")
    if lo:
        q = q.filter(pl.col("said_on") >= lo)
    if hi:
        q = q.filter(pl.col("said_on") <= hi)
    if type:
        if type not in QUOTE_TYPES:
            raise ValueError(f"type must be one of {', '.join(QUOTE_TYPES)}, got {type!r}")
        q = q.filter(pl.col("type") == type)
    q = q.sort(["said_on", "quote_id"], descending=[True, False], nulls_last=True)
    return q.select(COLUMNS).limit(limit).collect()
