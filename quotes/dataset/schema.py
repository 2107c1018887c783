"""The dataset contract, read from ``schemas/v<N>/<table>.json``.

The JSON files are the single source of truth: the writer builds its Arrow schema from them and
the validator checks published files against them, so the docs and the data cannot drift apart.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import pyarrow as pa

SCHEMA_VERSION = "3"
TABLES: tuple[str, ...] = ("articles", "quotes", "speakers", "statements")

_INT32 = (-(2**31), 2**31 - 1)
_SCALARS: dict[str, pa.DataType] = {
    "string": pa.string(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "float64": pa.float64(),
    "bool": pa.bool_(),
}


class SchemaError(ValueError):
    """Rows do not match the dataset contract; raised before anything is written."""


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    nullable: bool
    meaning: str
    enum: tuple[str, ...] | None = None


@dataclass(frozen=True)
class TableSchema:
    table: str
    schema_version: str
    primary_key: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def arrow(self) -> pa.Schema:
        """Plain Arrow schema (string, int32, float64, list, struct) readable by every engine."""
        return pa.schema([pa.field(c.name, parse_type(c.type), nullable=c.nullable) for c in self.columns])


def _schema_file(version: str, table: str) -> str:
    """Read from the installed ``quotes.schemas`` package, else from the repo's ``schemas/`` dir."""
    name = f"v{version}/{table}.json"
    try:
        res = resources.files("quotes.schemas").joinpath(name)
        if res.is_file():
            return res.read_text(encoding="utf-8")
    except ModuleNotFoundError:
        pass
    path = Path(__file__).resolve().parents[2] / "schemas" / name
    if not path.is_file():
        raise SchemaError(f"no schema for table {table!r} in dataset schema version {version!r}")
    return path.read_text(encoding="utf-8")


@cache
def load_schema(table: str, version: str = SCHEMA_VERSION) -> TableSchema:
    if table not in TABLES:
        raise SchemaError(f"unknown table {table!r}; expected one of {', '.join(TABLES)}")
    doc = json.loads(_schema_file(version, table))
    cols = tuple(
        Column(c["name"], c["type"], bool(c["nullable"]), c["meaning"], tuple(c["enum"]) if c.get("enum") else None)
        for c in doc["columns"]
    )
    return TableSchema(doc["table"], str(doc["schema_version"]), doc["primary_key"], cols)


def parse_type(spec: str) -> pa.DataType:
    """Parse ``string``, ``int32``, ``list<T>``, ``struct<a: T, b: T>`` into an Arrow type."""
    spec = spec.strip()
    if spec in _SCALARS:
        return _SCALARS[spec]
    if spec.startswith("list<") and spec.endswith(">"):
        return pa.list_(parse_type(spec[5:-1]))
    if spec.startswith("struct<") and spec.endswith(">"):
        fields = []
        for part in _split_top(spec[7:-1]):
            name, _, sub = part.partition(":")
            fields.append(pa.field(name.strip(), parse_type(sub)))
        return pa.struct(fields)
    raise SchemaError(f"unsupported column type {spec!r}")


def _split_top(s: str) -> list[str]:
    """Split on commas that are not nested inside ``<...>``."""
    parts, depth, cur = [], 0, []
    for ch in s:
        depth += ch == "<"
        depth -= ch == ">"
        if ch == "," and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return [p for p in (x.strip() for x in parts) if p]


def _coerce(value: Any, spec: str, where: str) -> Any:
    """Return ``value`` checked (and ints widened to float) for ``spec``; raise SchemaError otherwise."""
    spec = spec.strip()
    if value is None:
        return None
    if spec == "string":
        if not isinstance(value, str):
            raise SchemaError(f"{where}: expected string, got {type(value).__name__} {value!r:.60}")
        return value
    if spec in ("int32", "int64"):
        if isinstance(value, bool) or not isinstance(value, int):
            raise SchemaError(f"{where}: expected {spec}, got {type(value).__name__} {value!r:.60}")
        if spec == "int32" and not _INT32[0] <= value <= _INT32[1]:
            raise SchemaError(f"{where}: {value} does not fit in int32")
        return value
    if spec == "float64":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise SchemaError(f"{where}: expected float64, got {type(value).__name__} {value!r:.60}")
        if math.isnan(value):
            raise SchemaError(f"{where}: NaN is not allowed, use null")
        return float(value)
    if spec == "bool":
        if not isinstance(value, bool):
            raise SchemaError(f"{where}: expected bool, got {type(value).__name__} {value!r:.60}")
        return value
    if spec.startswith("list<"):
        if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
            raise SchemaError(f"{where}: expected a list, got {type(value).__name__}")
        inner = spec[5:-1]
        out = [_coerce(v, inner, f"{where}[{i}]") for i, v in enumerate(value)]
        if any(v is None for v in out):
            raise SchemaError(f"{where}: list items must not be null")
        return out
    if spec.startswith("struct<"):
        if not isinstance(value, dict):
            raise SchemaError(f"{where}: expected a struct (dict), got {type(value).__name__}")
        fields = [p.partition(":") for p in _split_top(spec[7:-1])]
        names = [n.strip() for n, _, _ in fields]
        extra = set(value) - set(names)
        if extra:
            raise SchemaError(f"{where}: unknown struct fields {sorted(extra)}")
        return {n.strip(): _coerce(value.get(n.strip()), t, f"{where}.{n.strip()}") for n, _, t in fields}
    raise SchemaError(f"unsupported column type {spec!r}")


def check_rows(table: str, rows: list[dict], version: str = SCHEMA_VERSION) -> list[dict]:
    """Check every row against the contract and return normalised copies sorted by primary key.

    Refusing bad rows here means a published version never needs repairing after the fact.
    """
    schema = load_schema(table, version)
    names = schema.names
    known = set(names)
    out: list[dict] = []
    seen: set[str] = set()
    for i, row in enumerate(rows):
        if not isinstance(row, dict):
            raise SchemaError(f"{table} row {i}: expected a dict, got {type(row).__name__}")
        key = row.get(schema.primary_key)
        where = f"{table} row {i} ({schema.primary_key}={key!r})"
        missing = [n for n in names if n not in row]
        if missing:
            raise SchemaError(f"{where}: missing column(s) {missing}")
        unknown = sorted(set(row) - known)
        if unknown:
            raise SchemaError(f"{where}: unknown column(s) {unknown} not in schema v{version}")
        clean: dict[str, Any] = {}
        for col in schema.columns:
            value = row[col.name]
            if value is None and not col.nullable:
                raise SchemaError(f"{where}: column {col.name!r} must not be null")
            value = _coerce(value, col.type, f"{where} column {col.name!r}")
            if col.enum and value is not None and value not in col.enum:
                raise SchemaError(f"{where}: column {col.name!r} = {value!r} is not one of {list(col.enum)}")
            clean[col.name] = value
        if key in seen:
            raise SchemaError(f"{where}: duplicate {schema.primary_key}")
        seen.add(key)
        out.append(clean)
    out.sort(key=lambda r: r[schema.primary_key])
    return out
