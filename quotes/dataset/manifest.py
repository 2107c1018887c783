"""``manifest.json``: what produced a version (code, model, inputs, errors) and checksums of its files.

The manifest is what makes a version reproducible and verifiable without re-running the build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

from .layout import MANIFEST
from .schema import SCHEMA_VERSION
from quotes.ids import file_digest  # noqa: F401  (re-exported: the dataset API names it)

REQUIRED_KEYS = ("dataset_schema_version", "created_at", "row_counts", "files")
CHECKSUM_KEY = "manifest_sha256"


def quotes_version() -> str | None:
    try:
        import quotes

        v = getattr(quotes, "__version__", None)
        if v:
            return str(v)
        return metadata.version("quotes")
    except Exception:  # not installed (e.g. run from a bare checkout)
        return None


def _dist_version(name: str) -> str | None:
    """Version from package metadata; never imports the package (stanza pulls in torch)."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _created_at() -> str:
    """UTC now, or ``SOURCE_DATE_EPOCH`` when set so reproducible builds get a fixed stamp."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return now.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _plain(x: Any) -> Any:
    """Dataclasses (e.g. ``IngestError``) and paths to JSON-ready values."""
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return dataclasses.asdict(x)
    if isinstance(x, Path):
        return str(x)
    if isinstance(x, dict):
        return {str(k): _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    return x


def base_manifest(extra: dict | None, schema_version: str = SCHEMA_VERSION) -> dict:
    """Provenance part of a manifest (command, model, inputs, errors, versions), without file facts.

    The dataset card is generated from this, before the file list exists.
    """
    extra = _plain(dict(extra or {}))
    for key in ("row_counts", "files", CHECKSUM_KEY):
        extra.pop(key, None)  # facts only the writer knows; a caller cannot supply them
    m: dict[str, Any] = {
        "command": list(sys.argv),
        "model": {},
        "stanza_version": _dist_version("stanza"),
        "inputs": [],
        "errors": [],
    }
    m.update(extra)
    m.update(
        {
            "dataset_schema_version": schema_version,
            "quotes_version": extra.get("quotes_version") or quotes_version(),
            "created_at": _created_at(),
        }
    )
    return m


def build_manifest(extra: dict, row_counts: dict[str, int], files: dict[str, dict],
                   schema_version: str = SCHEMA_VERSION) -> dict:
    """Merge caller-supplied provenance with the facts only the writer knows, then seal it.

    ``manifest_sha256`` is the SHA-256 of the rest of the manifest in canonical JSON, so an edit
    to any field (a row count, a file checksum, the errors list) is caught by ``validate``.
    """
    m = base_manifest(extra, schema_version)
    m["row_counts"] = dict(row_counts)
    m["files"] = dict(files)
    m[CHECKSUM_KEY] = manifest_checksum(m)
    return m


def manifest_checksum(manifest: dict) -> str:
    """SHA-256 of the manifest without its own checksum field, as sorted compact UTF-8 JSON."""
    rest = {k: v for k, v in manifest.items() if k != CHECKSUM_KEY}
    canon = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canon.encode("utf-8")).hexdigest()


def dumps(manifest: dict) -> str:
    return json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def read_manifest(version_dir: Path) -> dict:
    """Parse a version's manifest; raises ``OSError``/``ValueError`` so callers can report them."""
    data = json.loads((Path(version_dir) / MANIFEST).read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError("manifest.json is not a JSON object")
    return data
