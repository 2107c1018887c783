"""Stream one dataset version to disk part by part, then publish it atomically as the next ``vNNNN``.

A build hands over its rows one part at a time (``write_part``), so memory stays bounded by one part
whatever the corpus size. Everything is staged in ``out_dir/.tmp-<random>/``; ``publish`` writes the
manifest, dataset card and ``croissant.json``, validates the whole staged version, and only then
renames it into place and moves ``LATEST`` under the dataset lock. A build killed at any moment, or
aborted, leaves earlier versions and ``LATEST`` untouched.

Concurrent builds on one ``out_dir`` are safe: version numbers are allocated under ``out_dir/.lock``,
and each staging dir is held by its own lock (``.tmp-<random>.lock``) for the writer's lifetime, so
the clean-up of a killed build's leftovers never removes a live build's staging dir.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from quotes.memory import release

from .card import croissant_json, dataset_card
from .layout import CARD, CROISSANT, LATEST, LOCK, MANIFEST, TMP_PREFIX, VERSION_RE, part_name
from .manifest import base_manifest, build_manifest, dumps, file_digest
from .schema import SCHEMA_VERSION, TABLES, SchemaError, check_rows, load_schema
from .validate import validate as validate_version

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


@dataclass(frozen=True)
class PartInfo:
    """One written part: ``path`` relative to the version dir, its row count and SHA-256."""

    table: str
    path: str
    rows: int
    sha256: str
    bytes: int


# --- file-system helpers ------------------------------------------------------------------------


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


try:
    import fcntl
except ImportError:  # pragma: no cover - non-POSIX: no locking, single writer assumed
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def _lock(out_dir: Path) -> Iterator[None]:
    """Serialise version allocation, ``LATEST`` updates and stale clean-up on one dataset root."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(out_dir / LOCK, "a+") as f:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _staging_lock_path(staging: Path) -> Path:
    return staging.with_name(staging.name + ".lock")


def _hold_staging_lock(path: Path) -> Any:
    """Open and exclusively lock ``path``; the lock lives as long as the returned file (or process)."""
    f = open(path, "a+")
    if fcntl is not None:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    return f


def _is_live(lock_path: Path) -> bool:
    """A staging dir is live while some open file holds its lock (flock dies with its process)."""
    if fcntl is None or not lock_path.exists():  # pragma: no cover - no locks: nothing is provably live
        return False
    try:
        with open(lock_path, "a+") as f:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
            return False
    except FileNotFoundError:
        return False


def existing_versions(out_dir: Path) -> list[int]:
    out = []
    if out_dir.is_dir():
        for p in out_dir.iterdir():
            m = VERSION_RE.match(p.name)
            if m and p.is_dir():
                out.append(int(m.group(1)))
    return sorted(out)


def clean_stale(out_dir: Path) -> list[str]:
    """Remove leftovers of killed builds; call with the dataset lock held. Returns the names removed.

    A ``.tmp-*`` staging dir is removed only when nobody holds its lock, so another build's live
    staging dir survives. ``.LATEST.tmp-*`` files are only ever written under the dataset lock, so
    any present while we hold it is a leftover.
    """
    removed = []
    for p in sorted(out_dir.iterdir()):
        name = p.name
        if name.startswith(f".{LATEST}.tmp"):
            p.unlink(missing_ok=True)
            removed.append(name)
        elif name.startswith(TMP_PREFIX) and not name.endswith(".lock"):
            lock_path = _staging_lock_path(p)
            if _is_live(lock_path):
                continue
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
            lock_path.unlink(missing_ok=True)
            removed.append(name)
        elif name.startswith(TMP_PREFIX) and name.endswith(".lock"):
            if not Path(str(p)[: -len(".lock")]).exists() and not _is_live(p):
                p.unlink(missing_ok=True)  # lock left by a build killed after its rename
                removed.append(name)
    return removed


def write_latest(out_dir: Path, name: str) -> None:
    """Point ``LATEST`` at ``name`` via temp file + ``os.replace`` (readers never see a partial file)."""
    tmp = out_dir / f".{LATEST}.tmp-{secrets.token_hex(4)}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(name + "\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, out_dir / LATEST)
    _fsync_dir(out_dir)


# --- rows to Arrow ------------------------------------------------------------------------------


def _to_arrow(table: str, data: Any, schema_version: str) -> pa.Table:
    """Rows (dicts) or an Arrow/polars table -> an Arrow table of exactly the schema, sorted by key.

    Sorting by primary key inside a part makes its bytes independent of the order rows arrived in.
    """
    schema = load_schema(table, schema_version)
    expected = schema.arrow()
    if hasattr(data, "to_arrow") and not isinstance(data, (pa.Table, pa.RecordBatch)):
        data = data.to_arrow()  # polars DataFrame
    if isinstance(data, pa.RecordBatch):
        data = pa.Table.from_batches([data])
    if isinstance(data, pa.Table):
        if data.column_names != expected.names:
            missing = [n for n in expected.names if n not in data.column_names]
            unknown = [n for n in data.column_names if n not in expected.names]
            if missing or unknown:
                raise SchemaError(f"{table}: columns differ from schema v{schema_version}: missing {missing}, unknown {unknown}")
            data = data.select(expected.names)
        for f in expected:
            if not f.nullable and data.column(f.name).null_count:
                raise SchemaError(f"{table}: column {f.name!r} must not be null")
        try:
            data = data.cast(expected)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, ValueError) as e:
            raise SchemaError(f"{table}: cannot store as schema v{schema_version}: {e}") from e
        for c in schema.columns:
            if c.enum:
                bad = set(data.column(c.name).drop_null().unique().to_pylist()) - set(c.enum)
                if bad:
                    raise SchemaError(f"{table}: column {c.name!r} has {sorted(bad)}, not one of {list(c.enum)}")
        keys = data.column(schema.primary_key)
        if len(keys.unique()) != len(keys):
            raise SchemaError(f"{table}: duplicate {schema.primary_key} in one part")
        return data.sort_by(schema.primary_key)
    rows = check_rows(table, list(data or []), schema_version)
    return pa.Table.from_pylist(rows, schema=expected)


def _write_parquet(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path, **PARQUET_OPTIONS)
    _fsync_file(path)


def write_part_file(table: str, data: Iterable[dict] | pa.Table | Any, path: str | os.PathLike,
                    *, schema_version: str = SCHEMA_VERSION) -> int:
    """Write one checked, deterministic part file anywhere (e.g. by a worker process); returns its rows.

    The file is byte-identical to what ``VersionWriter.write_part`` writes for the same rows; hand it
    to the writer with ``VersionWriter.adopt_part``.
    """
    arrow = _to_arrow(table, data, schema_version)
    _write_parquet(arrow, Path(path))
    return arrow.num_rows


# --- the writer ---------------------------------------------------------------------------------


class VersionWriter:
    """Stage a version part by part; ``publish`` makes it the next ``vNNNN``. Use as a context manager.

    ``with VersionWriter(out) as w: w.write_part("quotes", rows); ...; w.publish(extra)`` — an
    exception inside the block removes the staging dir and publishes nothing.
    """

    def __init__(self, out_dir: str | os.PathLike, *, schema_version: str = SCHEMA_VERSION, validate: bool = True):
        self.out_dir = Path(out_dir)
        self.schema_version = schema_version
        self.validate = validate
        self.parts: dict[str, list[PartInfo]] = {t: [] for t in TABLES}
        self.published: Path | None = None
        for t in TABLES:
            load_schema(t, schema_version)  # fail now, not after an hour of parsing
        self.out_dir.mkdir(parents=True, exist_ok=True)
        with _lock(self.out_dir):
            clean_stale(self.out_dir)
            name = f"{TMP_PREFIX}{secrets.token_hex(6)}"
            self.staging = self.out_dir / name
            self._lock_file = _hold_staging_lock(_staging_lock_path(self.staging))
            self.staging.mkdir()
        self._open = True

    # context manager ----------------------------------------------------------------------------
    def __enter__(self) -> VersionWriter:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is not None or self.published is None:
            self.abort()

    def _check_open(self) -> None:
        if not self._open:
            raise DatasetWriteError("this VersionWriter was already published or aborted")

    # parts --------------------------------------------------------------------------------------
    def write_part(self, table: str, data: Iterable[dict] | pa.Table | Any) -> PartInfo:
        """Check ``data`` against the schema and write it as the table's next part file.

        Same rows (in any order) give a byte-identical file. Raises ``SchemaError`` before writing.
        """
        self._check_open()
        if table not in TABLES:
            raise SchemaError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
        arrow = _to_arrow(table, data, self.schema_version)
        rel = part_name(table, len(self.parts[table]))
        path = self.staging / rel
        path.parent.mkdir(exist_ok=True)
        _write_parquet(arrow, path)
        digest = file_digest(path)
        info = PartInfo(table, rel, arrow.num_rows, digest["sha256"], digest["bytes"])
        self.parts[table].append(info)
        return info

    def adopt_part(self, table: str, path: str | os.PathLike) -> PartInfo:
        """Move a part file written elsewhere (``write_part_file``) in as the table's next part.

        Only its footer is read (schema and row count), so adopting costs no memory; the full
        content check runs in ``publish``'s validation.
        """
        self._check_open()
        if table not in TABLES:
            raise SchemaError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
        src = Path(path)
        meta = pq.read_metadata(src)
        got = meta.schema.to_arrow_schema()
        expected = load_schema(table, self.schema_version).arrow()
        if not got.equals(expected, check_metadata=False):
            raise SchemaError(f"{src}: schema differs from the {table} schema v{self.schema_version}")
        rel = part_name(table, len(self.parts[table]))
        dest = self.staging / rel
        dest.parent.mkdir(exist_ok=True)
        shutil.move(src, dest)
        _fsync_file(dest)
        digest = file_digest(dest)
        info = PartInfo(table, rel, meta.num_rows, digest["sha256"], digest["bytes"])
        self.parts[table].append(info)
        return info

    # publish / abort ----------------------------------------------------------------------------
    def publish(self, manifest_extra: dict | None = None) -> Path:
        """Seal, validate and publish the staged version; return its final ``vNNNN`` directory.

        On any failure (invalid version, disk error) nothing becomes visible and the staging dir
        is removed; ``DatasetWriteError`` says why validation refused it.
        """
        self._check_open()
        try:
            final = self._publish(manifest_extra or {})
        except BaseException:
            self.abort()
            raise
        self.published = final
        self._release()
        return final

    def _publish(self, manifest_extra: dict) -> Path:
        for t in TABLES:
            if not self.parts[t]:  # readers always find every table, even an empty one
                self.write_part(t, [])
        row_counts = {t: sum(p.rows for p in self.parts[t]) for t in TABLES}
        files = {p.path: {"sha256": p.sha256, "bytes": p.bytes, "rows": p.rows} for t in TABLES for p in self.parts[t]}
        provenance = base_manifest(manifest_extra, self.schema_version)
        for name, text in ((CARD, dataset_card(provenance, row_counts, self.schema_version)),
                           (CROISSANT, croissant_json(provenance, row_counts, self.schema_version))):
            (self.staging / name).write_text(text, encoding="utf-8")
            _fsync_file(self.staging / name)
            files[name] = file_digest(self.staging / name)
        manifest = build_manifest(manifest_extra, row_counts, files, self.schema_version)
        (self.staging / MANIFEST).write_text(dumps(manifest), encoding="utf-8")
        _fsync_file(self.staging / MANIFEST)
        if self.validate:
            release()  # what writing the parts freed, so the validator starts from what is live
            report = validate_version(self.staging)
            if not report.ok:
                raise DatasetWriteError("refusing to publish an invalid version:\n  " + "\n  ".join(report.errors))
        for t in TABLES:
            _fsync_dir(self.staging / t)
        _fsync_dir(self.staging)
        with _lock(self.out_dir):
            n = (existing_versions(self.out_dir) or [0])[-1] + 1
            final = self.out_dir / f"v{n:04d}"
            os.rename(self.staging, final)
            _fsync_dir(self.out_dir)
            write_latest(self.out_dir, final.name)
        return final

    def abort(self) -> None:
        """Drop the staged version (idempotent); earlier versions and ``LATEST`` are untouched."""
        if not getattr(self, "_open", False):
            return
        shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        self._open = False
        lock_path = _staging_lock_path(self.staging)
        with contextlib.suppress(OSError):
            lock_path.unlink()
        with contextlib.suppress(OSError):
            self._lock_file.close()
