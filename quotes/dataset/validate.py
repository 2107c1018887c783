"""Check a published version against its manifest and the schema contract.

Catches what a consumer would otherwise discover late: corrupted, swapped, missing or extra files,
an edited manifest, schema drift, dangling references, and quote offsets that no longer point at
the quoted words.

Memory stays bounded by one record batch of a part: tables are read batch by batch, only id-level
facts (id sets, counts, with article and speaker ids interned so each is held once) are kept across
batches, and quote offsets are checked against article texts loaded for the ids one batch of quotes
needs, one articles part at a time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .layout import MANIFEST, table_of
from .manifest import CHECKSUM_KEY, REQUIRED_KEYS, file_digest, manifest_checksum, read_manifest
from .reader import DatasetNotFound, resolve_version
from .schema import TABLES, SchemaError, TableSchema, load_schema

MAX_PER_CHECK = 20
BATCH_ROWS = 2048  # rows of a part checked at a time: the validator holds one batch, not one part
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
    if not isinstance(manifest.get("files"), dict) or not isinstance(manifest.get("row_counts"), dict):
        r.error("manifest", "files and row_counts must be JSON objects")
    if r.errors:
        return r._finish()
    _check_manifest_checksum(r, manifest)

    version = str(manifest["dataset_schema_version"])
    try:
        schemas = {t: load_schema(t, version) for t in TABLES}
    except SchemaError as e:
        r.error("schema", str(e))
        return r._finish()

    parts = _check_files(r, vdir, manifest)
    v = _Validator(r, vdir, manifest, schemas, parts)
    v.run()
    return r._finish()


def _check_manifest_checksum(r: ValidationReport, manifest: dict) -> None:
    stored = manifest.get(CHECKSUM_KEY)
    if stored is None:
        sharded = any("/" in name for name in manifest["files"])
        msg = f"manifest has no {CHECKSUM_KEY}, so edits to it cannot be detected"
        if sharded:  # every writer of sharded versions seals the manifest: its absence is an edit
            r.error("manifest", msg)
        else:
            r.warn("manifest", msg + " (written by an older quotes)")
        return
    got = manifest_checksum(manifest)
    if got != stored:
        r.error("manifest", f"{MANIFEST} was edited after it was written: content sha256 {got[:12]}..., "
                f"{CHECKSUM_KEY} says {str(stored)[:12]}...")


def _fmt(schema: pa.Schema) -> str:
    return ", ".join(f"{f.name}: {f.type}{'' if f.nullable else ' not null'}" for f in schema)


def _check_files(r: ValidationReport, vdir: Path, manifest: dict) -> dict[str, list[tuple[str, dict]]]:
    """Every listed file present with its size and sha256, no file on disk that is not listed.

    Returns, per table, its listed Parquet files (name, manifest entry) in part order.
    """
    files: dict = manifest["files"]
    parts: dict[str, list[tuple[str, dict]]] = {t: [] for t in TABLES}
    for name, meta in sorted(files.items()):
        meta = meta if isinstance(meta, dict) else {}
        t = table_of(name)
        if t in parts:
            parts[t].append((name, meta))
        elif name.endswith(".parquet"):
            r.error("files", f"{name} is listed in the manifest but belongs to no table")
        p = vdir / name
        if not p.is_file():
            r.error("files", f"{name} is listed in the manifest but missing")
            continue
        got = file_digest(p)
        if got["bytes"] != meta.get("bytes"):
            r.error("checksum", f"{name}: size {got['bytes']} bytes, manifest says {meta.get('bytes')}")
        if got["sha256"] != meta.get("sha256"):
            r.error("checksum", f"{name}: sha256 {got['sha256'][:12]}..., manifest says {str(meta.get('sha256'))[:12]}...")
    for t in TABLES:
        if not parts[t]:
            r.error("files", f"manifest lists no file of table {t} (expected {t}/part-00000.parquet)")
    for root, dirs, names in os.walk(vdir):
        dirs.sort()
        for n in sorted(names):
            rel = (Path(root) / n).relative_to(vdir).as_posix()
            if rel != MANIFEST and rel not in files:
                r.error("files", f"unexpected file {rel} (not in the manifest; engines reading the table dir would pick it up)")
    return parts


_QUOTE_SPAN_COLS = ["quote_id", "article_id", "text", "start", "end", "parts", "cue", "cue_start", "cue_end",
                    "speaker_mention", "speaker_start", "speaker_end"]


class _Spill:
    """Rows pickled to a scratch file a chunk at a time, read back (any number of times) in order."""

    CHUNK = 1024

    def __init__(self, path: Path):
        self.path, self.buf = path, []
        self.fh = open(path, "wb")

    def add(self, row: dict) -> None:
        self.buf.append(row)
        if len(self.buf) >= self.CHUNK:
            pickle.dump(self.buf, self.fh, protocol=pickle.HIGHEST_PROTOCOL)
            self.buf = []

    def __iter__(self) -> Iterator[dict]:
        if not self.fh.closed:
            if self.buf:
                pickle.dump(self.buf, self.fh, protocol=pickle.HIGHEST_PROTOCOL)
                self.buf = []
            self.fh.close()
        with open(self.path, "rb") as fh:
            while True:
                try:
                    yield from pickle.load(fh)
                except EOFError:
                    return


class _Validator:
    """Walks the tables part by part, keeping only id-level facts (ids, counts) between parts.

    Order matters: articles first (id -> part index, n_quotes), then quotes (offsets checked
    against the article parts they reference), then speakers and statements against the quotes'
    ids. Cross-table checks run only for tables whose every part was readable with the schema.
    """

    def __init__(self, r: ValidationReport, vdir: Path, manifest: dict, schemas: dict[str, TableSchema],
                 parts: dict[str, list[tuple[str, dict]]]):
        self.r, self.vdir, self.manifest, self.schemas, self.parts = r, vdir, manifest, schemas, parts
        self.version = str(manifest["dataset_schema_version"])
        self.intact = {t: bool(parts[t]) for t in TABLES}
        self.keys: dict[str, set] = {t: set() for t in TABLES}
        self.article_part: dict[str, int] = {}  # article_id -> index of its articles part
        self.article_n_quotes: dict[str, int] = {}
        self.quote_meta: dict[str, tuple] = {}  # quote_id -> (article_id, speaker_id, statement_id)
        self.spans: dict[int, _Spill] = {}  # articles part -> span columns of the quotes it holds

    def run(self) -> None:
        with tempfile.TemporaryDirectory(prefix="quotes-validate-") as d:
            self.scratch = Path(d)
            self._run()

    def _run(self) -> None:
        for i, table in self._parts("articles"):
            self._articles_part(i, table)
        for _, table in self._parts("quotes"):
            self._quotes_part(table)
        self._check_offsets()
        self.spans.clear()
        if self.intact["articles"] and self.intact["quotes"]:
            self._check_article_counts()
        ok_q = self.intact["quotes"]
        speaker_stats = self._speaker_stats() if ok_q else None
        for _, table in self._parts("speakers"):
            if speaker_stats:
                self._speakers_part(table, *speaker_stats)
        if ok_q and self.intact["speakers"]:
            for qid, (_, sid, _) in self.quote_meta.items():
                if sid is not None and sid not in self.keys["speakers"]:
                    self.r.error("reference", f"quote {qid}: speaker_id {sid!r} not in speakers")
        listed: dict[str, str] = {}
        for _, table in self._parts("statements"):
            if ok_q:
                self._statements_part(table, listed)
        if ok_q and self.intact["statements"]:
            for qid, (_, _, st) in self.quote_meta.items():
                if st is not None and st not in self.keys["statements"]:
                    self.r.error("reference", f"quote {qid}: statement_id {st!r} not in statements")
                elif st is not None and listed.get(qid) != st:
                    self.r.error("reference", f"quote {qid}: statement {st} does not list it in quote_ids")

    # reading ------------------------------------------------------------------------------------
    def _parts(self, t: str) -> Iterator[tuple[int, pa.Table]]:
        """Each readable part of ``t`` with the schema, after its own checks, one record batch at a
        time (a part may be far larger than what the validator should hold); then the table's row
        count. A part that breaks half-way was still checked up to where it broke."""
        expected = self.schemas[t].arrow()
        total = 0
        for i, (name, meta) in enumerate(self.parts[t]):
            if not (self.vdir / name).is_file():  # missing: reported already
                self.intact[t] = False
                continue
            try:
                pf = pq.ParquetFile(self.vdir / name)
                schema, n_rows = pf.schema_arrow, pf.metadata.num_rows
            except Exception as e:  # corrupt file: pyarrow raises several kinds
                self.r.error("read", f"{name} cannot be read: {e}")
                self.intact[t] = False
                continue
            if not schema.equals(expected, check_metadata=False):
                self.r.error("schema", f"{name} schema differs from schemas/v{self.version}/{t}.json:\n"
                             f"    got      {_fmt(schema)}\n    expected {_fmt(expected)}")
                self.intact[t] = False
                continue
            if "rows" in meta and meta["rows"] != n_rows:
                self.r.error("row_count", f"{name}: manifest says {meta['rows']} rows, file has {n_rows}")
            total += n_rows
            try:
                for batch in pf.iter_batches(batch_size=BATCH_ROWS):
                    table = pa.Table.from_batches([batch], schema=schema)
                    self._check_columns(t, name, table)
                    yield i, table
            except Exception as e:  # noqa: BLE001 - a page that cannot be decoded
                self.r.error("read", f"{name} cannot be read: {e}")
                self.intact[t] = False
        counted = self.manifest["row_counts"].get(t)
        if self.intact[t] and counted != total:
            self.r.error("row_count", f"{t}: manifest says {counted} rows, files have {total}")

    def _check_columns(self, t: str, name: str, table: pa.Table) -> None:
        schema = self.schemas[t]
        seen = self.keys[t]
        for k in table.column(schema.primary_key).to_pylist():
            if k in seen:
                self.r.error("primary_key", f"{t}: duplicate {schema.primary_key} {k!r}")
            seen.add(sys.intern(k) if isinstance(k, str) else k)  # the same object as in quote_meta
        for col in schema.columns:
            arr = table.column(col.name)
            if not col.nullable and arr.null_count:
                self.r.error("null", f"{name} column {col.name}: {arr.null_count} nulls in a non-null column")
            if col.enum:
                bad = {v for v in arr.unique().to_pylist() if v is not None and v not in col.enum}
                for v in sorted(bad):
                    self.r.error("enum", f"{t}.{col.name}: {v!r} is not one of {list(col.enum)}")

    # articles and quotes ------------------------------------------------------------------------
    def _articles_part(self, index: int, table: pa.Table) -> None:
        for a in table.select(["article_id", "text", "text_sha256", "published_at", "n_quotes"]).to_pylist():
            aid = sys.intern(a["article_id"]) if a["article_id"] is not None else None
            self.article_part[aid] = index
            self.article_n_quotes[aid] = a["n_quotes"]
            if a["text"] is not None and hashlib.sha256(a["text"].encode("utf-8")).hexdigest() != a["text_sha256"]:
                self.r.warn("text_sha256", f"article {aid}: text_sha256 is not the SHA-256 of text")
            if a["published_at"] is not None and not ISO_RE.match(a["published_at"]):
                self.r.warn("dates", f"article {aid}: published_at {a['published_at']!r} is not ISO 8601")

    def _quotes_part(self, table: pa.Table) -> None:
        check_refs = self.intact["articles"]
        for q in table.select(["quote_id", "article_id", "speaker_id", "statement_id", "said_on", "confidence"]).to_pylist():
            qid = sys.intern(q["quote_id"]) if q["quote_id"] is not None else None
            aid, sid = q["article_id"], q["speaker_id"]
            self.quote_meta[qid] = (sys.intern(aid) if aid is not None else None,
                                    sys.intern(sid) if sid is not None else None, q["statement_id"])
            if check_refs and q["article_id"] not in self.article_part:
                self.r.error("reference", f"quote {qid}: article_id {q['article_id']!r} not in articles")
            if q["said_on"] is not None and not DATE_RE.match(q["said_on"]):
                self.r.error("dates", f"quote {qid}: said_on {q['said_on']!r} is not YYYY-MM-DD")
            if q["confidence"] is not None and not 0.0 <= q["confidence"] <= 1.0:
                self.r.warn("confidence", f"quote {qid}: confidence {q['confidence']} outside [0, 1]")
        if check_refs:
            for q in table.select(_QUOTE_SPAN_COLS).to_pylist():
                i = self.article_part.get(q["article_id"])
                if i is not None:
                    if i not in self.spans:
                        self.spans[i] = _Spill(self.scratch / f"spans-{i:05d}.pkl")
                    self.spans[i].add(q)

    def _check_offsets(self) -> None:
        """Offsets of every quote against the text of its article, one articles batch at a time.

        The quotes' span columns were spilled to one scratch file per articles part as the quotes
        streamed by; each articles part is then read batch by batch, and its spill is read once per
        batch, so what is held is one batch of texts and one chunk of spans, whatever the corpus.
        """
        for i, spill in sorted(self.spans.items()):
            name = self.parts["articles"][i][0]
            try:
                batches = pq.ParquetFile(self.vdir / name).iter_batches(batch_size=BATCH_ROWS,
                                                                        columns=["article_id", "text"])
                for batch in batches:
                    texts = dict(zip(batch.column("article_id").to_pylist(), batch.column("text").to_pylist()))
                    for q in spill:
                        text = texts.get(q["article_id"])
                        if text is None:
                            continue
                        qid = q["quote_id"]
                        _check_quote_text(self.r, qid, text, q)
                        _check_span(self.r, qid, text, "cue", q["cue"], q["cue_start"], q["cue_end"], quote=False)
                        _check_span(self.r, qid, text, "speaker_mention", q["speaker_mention"], q["speaker_start"],
                                    q["speaker_end"], quote=False)
            except Exception as e:  # noqa: BLE001 - a corrupt articles part (reported, if not already)
                self.r.error("read", f"{name} cannot be read: {e}")

    def _check_article_counts(self) -> None:
        per_article = Counter(aid for aid, _, _ in self.quote_meta.values())
        for aid, n in self.article_n_quotes.items():
            if n != per_article.get(aid, 0):
                self.r.error("n_quotes", f"article {aid}: n_quotes={n} but {per_article.get(aid, 0)} quotes")

    # speakers and statements --------------------------------------------------------------------
    def _speaker_stats(self) -> tuple[Counter, dict[str, set]]:
        n_quotes: Counter = Counter()
        articles: dict[str, set] = defaultdict(set)
        for aid, sid, _ in self.quote_meta.values():
            if sid is not None:
                n_quotes[sid] += 1
                articles[sid].add(aid)
        return n_quotes, articles

    def _speakers_part(self, table: pa.Table, n_quotes: Counter, articles: dict[str, set]) -> None:
        for s in table.select(["speaker_id", "n_quotes", "n_articles"]).to_pylist():
            sid = s["speaker_id"]
            if s["n_quotes"] != n_quotes[sid]:
                self.r.error("n_quotes", f"speaker {sid}: n_quotes={s['n_quotes']} but {n_quotes[sid]} quotes")
            if s["n_articles"] != len(articles.get(sid, ())):
                self.r.error("n_articles", f"speaker {sid}: n_articles={s['n_articles']} but quoted in "
                             f"{len(articles.get(sid, ()))} articles")

    def _statements_part(self, table: pa.Table, listed: dict[str, str]) -> None:
        speakers_ok = self.intact["speakers"]
        cols = ["statement_id", "speaker_id", "first_said_on", "n_quotes", "n_articles", "quote_ids"]
        for st in table.select(cols).to_pylist():
            sid = st["statement_id"]
            if speakers_ok and st["speaker_id"] is not None and st["speaker_id"] not in self.keys["speakers"]:
                self.r.error("reference", f"statement {sid}: speaker_id {st['speaker_id']!r} not in speakers")
            if st["first_said_on"] is not None and not DATE_RE.match(st["first_said_on"]):
                self.r.error("dates", f"statement {sid}: first_said_on {st['first_said_on']!r} is not YYYY-MM-DD")
            if st["n_quotes"] != len(st["quote_ids"]):
                self.r.error("n_quotes", f"statement {sid}: n_quotes={st['n_quotes']} but {len(st['quote_ids'])} quote_ids")
            arts = set()
            for qid in st["quote_ids"]:
                meta = self.quote_meta.get(qid)
                if meta is None:
                    self.r.error("reference", f"statement {sid}: quote_id {qid!r} not in quotes")
                    continue
                if qid in listed and listed[qid] != sid:
                    self.r.error("reference", f"quote {qid} is listed by statements {listed[qid]} and {sid}")
                listed[qid] = sid
                if meta[2] != sid:
                    self.r.error("reference", f"statement {sid} lists quote {qid}, whose statement_id is {meta[2]!r}")
                arts.add(meta[0])
            if st["n_articles"] != len(arts):
                self.r.error("n_articles", f"statement {sid}: n_articles={st['n_articles']} but its quotes are in {len(arts)} articles")


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
