"""Check a published version against its manifest and the schema contract.

Catches what a consumer would otherwise discover late: corrupted or swapped files, schema drift,
dangling references, and quote offsets that no longer point at the quoted words.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .manifest import MANIFEST, REQUIRED_KEYS, file_digest, read_manifest
from .reader import DatasetNotFound, resolve_version
from .schema import TABLES, SchemaError, load_schema

MAX_PER_CHECK = 20
QUOTE_MARKS = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u2018\u2019\u201a\u201b\u300c\u300d\u300e\u300f\u2032\u2033"
_STRIP = QUOTE_MARKS + " \t\r\n\u00a0"
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ISO_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$")


@dataclass
class ValidationReport:
    version_dir: Path | None
    ok: bool = False
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _counts: Counter = field(default_factory=Counter, repr=False)

    def error(self, check: str, msg: str) -> None:
        self._add(self.errors, check, msg)

    def warn(self, check: str, msg: str) -> None:
        self._add(self.warnings, "w:" + check, msg)

    def _add(self, out: list[str], check: str, msg: str) -> None:
        """Keep the first few messages per check so a systematic bug does not flood the report."""
        self._counts[check] += 1
        if self._counts[check] <= MAX_PER_CHECK:
            out.append(f"[{check.removeprefix('w:')}] {msg}")

    def _finish(self) -> ValidationReport:
        for check, n in self._counts.items():
            if n > MAX_PER_CHECK:
                out = self.warnings if check.startswith("w:") else self.errors
                out.append(f"[{check.removeprefix('w:')}] ... and {n - MAX_PER_CHECK} more")
        self.ok = not self.errors
        return self

    def __str__(self) -> str:
        head = f"{self.version_dir}: {'OK' if self.ok else 'INVALID'} ({len(self.errors)} errors, {len(self.warnings)} warnings)"
        return "\n".join([head, *(f"ERROR {e}" for e in self.errors), *(f"WARNING {w}" for w in self.warnings)])


def _same_text(quote: str, span: str) -> bool:
    return quote == span or quote.strip(_STRIP) == span.strip(_STRIP)


def validate(path: str | os.PathLike) -> ValidationReport:
    """Validate a dataset root (via ``LATEST``) or a version dir; never raises on bad data."""
    try:
        vdir = resolve_version(path)
    except DatasetNotFound as e:
        r = ValidationReport(version_dir=None)
        r.error("resolve", str(e))
        return r._finish()
    r = ValidationReport(version_dir=vdir)
    try:
        manifest = read_manifest(vdir)
    except (OSError, ValueError) as e:
        r.error("manifest", f"cannot read {MANIFEST}: {e}")
        return r._finish()
    for k in REQUIRED_KEYS:
        if k not in manifest:
            r.error("manifest", f"missing key {k!r}")
    if r.errors:
        return r._finish()

    version = str(manifest["dataset_schema_version"])
    try:
        schemas = {t: load_schema(t, version) for t in TABLES}
    except SchemaError as e:
        r.error("schema", str(e))
        return r._finish()

    _check_files(r, vdir, manifest)
    data: dict[str, pa.Table] = {}
    for t in TABLES:
        path_t = vdir / f"{t}.parquet"
        if not path_t.is_file():
            continue  # reported by _check_files
        try:
            table = pq.read_table(path_t)
        except Exception as e:  # corrupt file: pyarrow raises several kinds
            r.error("read", f"{t}.parquet cannot be read: {e}")
            continue
        expected = schemas[t].arrow()
        if not table.schema.equals(expected, check_metadata=False):
            r.error("schema", f"{t}.parquet schema differs from schemas/v{version}/{t}.json:\n"
                    f"    got      {_fmt(table.schema)}\n    expected {_fmt(expected)}")
            continue
        counted = manifest["row_counts"].get(t) if isinstance(manifest["row_counts"], dict) else None
        if counted != table.num_rows:
            r.error("row_count", f"{t}: manifest says {counted} rows, file has {table.num_rows}")
        data[t] = table
        _check_columns(r, t, table, schemas[t])
    if len(data) == len(TABLES):
        rows = {t: data[t].to_pylist() for t in TABLES}
        _check_articles_quotes(r, rows["articles"], rows["quotes"])
        _check_speakers(r, rows["speakers"], rows["quotes"])
        _check_statements(r, rows["statements"], rows["quotes"], {s["speaker_id"] for s in rows["speakers"]})
    return r._finish()


def _fmt(schema: pa.Schema) -> str:
    return ", ".join(f"{f.name}: {f.type}{'' if f.nullable else ' not null'}" for f in schema)


def _check_files(r: ValidationReport, vdir: Path, manifest: dict) -> None:
    files = manifest["files"] if isinstance(manifest["files"], dict) else {}
    for t in TABLES:
        if f"{t}.parquet" not in files:
            r.error("files", f"manifest does not list {t}.parquet")
    for name, meta in sorted(files.items()):
        p = vdir / name
        if not p.is_file():
            r.error("files", f"{name} is listed in the manifest but missing")
            continue
        got = file_digest(p)
        if got["bytes"] != meta.get("bytes"):
            r.error("checksum", f"{name}: size {got['bytes']} bytes, manifest says {meta.get('bytes')}")
        if got["sha256"] != meta.get("sha256"):
            r.error("checksum", f"{name}: sha256 {got['sha256'][:12]}..., manifest says {str(meta.get('sha256'))[:12]}...")
    for p in sorted(vdir.iterdir()):
        if p.name != MANIFEST and p.name not in files:
            r.warn("files", f"unexpected file {p.name} (not in manifest)")


def _check_columns(r: ValidationReport, t: str, table: pa.Table, schema) -> None:
    pk = table.column(schema.primary_key).to_pylist()
    dupes = [k for k, n in Counter(pk).items() if n > 1]
    for k in dupes:
        r.error("primary_key", f"{t}: duplicate {schema.primary_key} {k!r}")
    for col in schema.columns:
        arr = table.column(col.name)
        if not col.nullable and arr.null_count:
            r.error("null", f"{t}.{col.name}: {arr.null_count} nulls in a non-null column")
        if col.enum:
            bad = {v for v in arr.to_pylist() if v is not None and v not in col.enum}
            for v in sorted(bad):
                r.error("enum", f"{t}.{col.name}: {v!r} is not one of {list(col.enum)}")


def _check_span(r: ValidationReport, qid: str, text: str, what: str, value, start, end, quote: bool) -> None:
    if start is None and end is None:
        return
    if start is None or end is None:
        r.error("offsets", f"quote {qid}: {what} has only one of start/end ({start}, {end})")
        return
    if not 0 <= start <= end <= len(text):
        r.error("offsets", f"quote {qid}: {what} [{start}:{end}] outside article text of length {len(text)}")
        return
    span = text[start:end]
    if value is not None and not (_same_text(value, span) if quote else value == span):
        r.error("offsets", f"quote {qid}: {what} {value[:60]!r} != article text[{start}:{end}] {span[:60]!r}")


def _check_quote_text(r: ValidationReport, qid: str, text: str, q: dict) -> None:
    parts = q.get("parts") or []
    if len(parts) <= 1:
        _check_span(r, qid, text, "text", q["text"], q["start"], q["end"], quote=True)
        return
    bounds = [(p["start"], p["end"]) for p in parts]
    if bounds != sorted(bounds) or bounds[0][0] != q["start"] or bounds[-1][1] != q["end"] \
            or any(b[1] > c[0] for b, c in zip(bounds, bounds[1:])):
        r.error("offsets", f"quote {qid}: parts {bounds} do not run in order from start {q['start']} to end {q['end']}")
        return
    joined = " ".join(text[s:e] for s, e in bounds)
    if q["text"] != joined:
        r.error("offsets", f"quote {qid}: text {q['text'][:60]!r} != its parts joined {joined[:60]!r}")


def _check_articles_quotes(r: ValidationReport, articles: list[dict], quotes: list[dict]) -> None:
    texts = {a["article_id"]: a["text"] for a in articles}
    per_article = Counter(q["article_id"] for q in quotes)
    for a in articles:
        if a["n_quotes"] != per_article.get(a["article_id"], 0):
            r.error("n_quotes", f"article {a['article_id']}: n_quotes={a['n_quotes']} but {per_article.get(a['article_id'], 0)} quotes")
        if a["text"] is not None and hashlib.sha256(a["text"].encode("utf-8")).hexdigest() != a["text_sha256"]:
            r.warn("text_sha256", f"article {a['article_id']}: text_sha256 is not the SHA-256 of text")
        if a["published_at"] is not None and not ISO_RE.match(a["published_at"]):
            r.warn("dates", f"article {a['article_id']}: published_at {a['published_at']!r} is not ISO 8601")
    for q in quotes:
        qid = q["quote_id"]
        text = texts.get(q["article_id"])
        if text is None:
            r.error("reference", f"quote {qid}: article_id {q['article_id']!r} not in articles")
            continue
        _check_quote_text(r, qid, text, q)
        _check_span(r, qid, text, "cue", q["cue"], q["cue_start"], q["cue_end"], quote=False)
        _check_span(r, qid, text, "speaker_mention", q["speaker_mention"], q["speaker_start"], q["speaker_end"], quote=False)
        if q["said_on"] is not None and not DATE_RE.match(q["said_on"]):
            r.error("dates", f"quote {qid}: said_on {q['said_on']!r} is not YYYY-MM-DD")
        if not 0.0 <= q["confidence"] <= 1.0:
            r.warn("confidence", f"quote {qid}: confidence {q['confidence']} outside [0, 1]")


def _check_speakers(r: ValidationReport, speakers: list[dict], quotes: list[dict]) -> None:
    ids = {s["speaker_id"] for s in speakers}
    n_quotes: Counter = Counter()
    articles: dict[str, set] = defaultdict(set)
    for q in quotes:
        sid = q["speaker_id"]
        if sid is None:
            continue
        if sid not in ids:
            r.error("reference", f"quote {q['quote_id']}: speaker_id {sid!r} not in speakers")
        n_quotes[sid] += 1
        articles[sid].add(q["article_id"])
    for s in speakers:
        sid = s["speaker_id"]
        if s["n_quotes"] != n_quotes[sid]:
            r.error("n_quotes", f"speaker {sid}: n_quotes={s['n_quotes']} but {n_quotes[sid]} quotes")
        if s["n_articles"] != len(articles[sid]):
            r.error("n_articles", f"speaker {sid}: n_articles={s['n_articles']} but quoted in {len(articles[sid])} articles")


def _check_statements(r: ValidationReport, statements: list[dict], quotes: list[dict], speaker_ids: set) -> None:
    by_id = {q["quote_id"]: q for q in quotes}
    listed: dict[str, str] = {}
    for st in statements:
        sid = st["statement_id"]
        if st["speaker_id"] is not None and st["speaker_id"] not in speaker_ids:
            r.error("reference", f"statement {sid}: speaker_id {st['speaker_id']!r} not in speakers")
        if st["first_said_on"] is not None and not DATE_RE.match(st["first_said_on"]):
            r.error("dates", f"statement {sid}: first_said_on {st['first_said_on']!r} is not YYYY-MM-DD")
        if st["n_quotes"] != len(st["quote_ids"]):
            r.error("n_quotes", f"statement {sid}: n_quotes={st['n_quotes']} but {len(st['quote_ids'])} quote_ids")
        arts = set()
        for qid in st["quote_ids"]:
            q = by_id.get(qid)
            if q is None:
                r.error("reference", f"statement {sid}: quote_id {qid!r} not in quotes")
                continue
            if qid in listed and listed[qid] != sid:
                r.error("reference", f"quote {qid} is listed by statements {listed[qid]} and {sid}")
            listed[qid] = sid
            if q["statement_id"] != sid:
                r.error("reference", f"statement {sid} lists quote {qid}, whose statement_id is {q['statement_id']!r}")
            arts.add(q["article_id"])
        if st["n_articles"] != len(arts):
            r.error("n_articles", f"statement {sid}: n_articles={st['n_articles']} but its quotes are in {len(arts)} articles")
    known = {st["statement_id"] for st in statements}
    for q in quotes:
        if q["statement_id"] is not None and q["statement_id"] not in known:
            r.error("reference", f"quote {q['quote_id']}: statement_id {q['statement_id']!r} not in statements")
        elif q["statement_id"] is not None and listed.get(q["quote_id"]) != q["statement_id"]:
            r.error("reference", f"quote {q['quote_id']}: statement {q['statement_id']} does not list it in quote_ids")
