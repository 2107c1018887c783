"""Write one immutable dataset version ``out_dir/vNNNN/`` atomically and point ``LATEST`` at it.

Everything is written into ``out_dir/.tmp-*`` first and renamed into place, so a build killed at any
moment leaves earlier versions and ``LATEST`` untouched. Files are deterministic: the same rows give
byte-identical Parquet files, which makes versions diffable by checksum.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .manifest import MANIFEST, build_manifest, dumps, file_digest
from .schema import SCHEMA_VERSION, TABLES, SchemaError, check_rows, load_schema

VERSION_RE = re.compile(r"^v(\d{4,})$")
LATEST = "LATEST"
TMP_PREFIX = ".tmp-"
PARQUET_OPTIONS = dict(
    compression="zstd",
    compression_level=3,
    version="2.6",
    use_dictionary=True,
    write_statistics=True,
    store_schema=True,  # keeps not-null flags; holds no timestamps
)


class DatasetWriteError(RuntimeError):
    """The version was not published (the dataset is unchanged)."""


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # e.g. Windows cannot open directories
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


@contextlib.contextmanager
def _lock(out_dir: Path) -> Iterator[None]:
    """Serialise writers on one dataset so version numbers and temp cleanup cannot race."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    with open(out_dir / ".lock", "a+") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def existing_versions(out_dir: Path) -> list[int]:
    out = []
    if out_dir.is_dir():
        for p in out_dir.iterdir():
            m = VERSION_RE.match(p.name)
            if m and p.is_dir():
                out.append(int(m.group(1)))
    return sorted(out)


def _clean_stale(out_dir: Path) -> None:
    """Remove leftovers of killed builds (we hold the lock, so none is still in progress)."""
    for p in out_dir.iterdir():
        if p.name.startswith(TMP_PREFIX) or p.name.startswith(f".{LATEST}.tmp"):
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)


def _write_parquet(rows: list[dict], schema: pa.Schema, path: Path) -> None:
    table = pa.Table.from_pylist(rows, schema=schema)
    pq.write_table(table, path, **PARQUET_OPTIONS)
    _fsync_file(path)


def write_latest(out_dir: Path, name: str) -> None:
    """Point ``LATEST`` at ``name`` via temp file + ``os.replace`` (readers never see a partial file)."""
    tmp = out_dir / f".{LATEST}.tmp-{secrets.token_hex(4)}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out_dir / LATEST)
    _fsync_dir(out_dir)


def write_version(
    out_dir: str | os.PathLike,
    tables: dict[str, list[dict]],
    manifest_extra: dict | None = None,
    *,
    validate: bool = True,
) -> Path:
    """Publish ``tables`` as the next version and return its directory.

    Rows are checked against ``schemas/v1`` first (``SchemaError`` on violations). With ``validate``
    the finished temp dir is also run through the full validator (offsets, references, counts)
    before it becomes visible, so ``LATEST`` only ever points at a valid version.
    """
    out_dir = Path(out_dir)
    unknown = sorted(set(tables) - set(TABLES))
    if unknown:
        raise SchemaError(f"unknown table(s) {unknown}; expected {list(TABLES)}")
    clean = {t: check_rows(t, list(tables.get(t) or []), SCHEMA_VERSION) for t in TABLES}

    out_dir.mkdir(parents=True, exist_ok=True)
    with _lock(out_dir):
        _clean_stale(out_dir)
        tmp = out_dir / f"{TMP_PREFIX}{secrets.token_hex(6)}"
        tmp.mkdir()
        try:
            files = {}
            for t in TABLES:
                name = f"{t}.parquet"
                _write_parquet(clean[t], load_schema(t).arrow(), tmp / name)
                files[name] = file_digest(tmp / name)
            manifest = build_manifest(manifest_extra or {}, {t: len(clean[t]) for t in TABLES}, files)
            (tmp / MANIFEST).write_text(dumps(manifest), encoding="utf-8")
            _fsync_file(tmp / MANIFEST)
            if validate:
                from .validate import validate as _validate

                report = _validate(tmp)
                if not report.ok:
                    raise DatasetWriteError("refusing to publish an invalid version:\n  " + "\n  ".join(report.errors))
            _fsync_dir(tmp)
            n = (existing_versions(out_dir) or [0])[-1] + 1
            final = out_dir / f"v{n:04d}"
            os.rename(tmp, final)
            _fsync_dir(out_dir)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        write_latest(out_dir, final.name)
    return final
