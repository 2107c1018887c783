"""Check a published version against its manifest and the schema contract.

Catches what a consumer would otherwise discover late: corrupted, swapped, missing or extra files,
an edited manifest, schema drift, dangling references, and quote offsets that no longer point at
the quoted words.

Memory stays bounded by one record batch of a part, plus the id-level facts: tables are read batch
by batch, only ids and counts are kept across batches (as Arrow columns, some 25 bytes per id: the
cross-table checks are vectorised look-ups, group-bys and integer sorts over them), and quote offsets
are checked against article texts one articles batch at a time, the quotes' spans spilled to disk.
Between parts and steps the heap's free pages go back to the OS (``quotes.memory.release``): the
buffers of reading one part are freed, but glibc kept their pages, so RSS grew part after part.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from quotes.memory import release

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
    """Rows pickled to a scratch file a chunk at a time (``flush``), read back (any number of times) in order."""

    def __init__(self, path: Path):
        self.path, self.buf = path, []
        self.fh = open(path, "wb")

    def add(self, row: dict) -> None:
        self.buf.append(row)

    def flush(self) -> None:
        if self.buf:
            pickle.dump(self.buf, self.fh, protocol=pickle.HIGHEST_PROTOCOL)
            self.buf = []

    def __iter__(self) -> Iterator[dict]:
        if not self.fh.closed:
            self.flush()
            self.fh.close()
        with open(self.path, "rb") as fh:
            while True:
                try:
                    yield from pickle.load(fh)
                except EOFError:
                    return


# Id-level facts kept per table across batches, as Arrow columns (with the index of each row's part).
FACTS = {"articles": ("article_id", "n_quotes"), "quotes": ("quote_id", "article_id", "speaker_id", "statement_id"),
         "speakers": ("speaker_id", "n_quotes", "n_articles"),
         "statements": ("statement_id", "speaker_id", "n_articles", "quote_ids")}


class _Validator:
    """Walks the tables part by part, keeping only id-level facts (ids, counts) between parts.

    Order matters: articles first (id -> part index, n_quotes), then quotes (offsets checked
    against the article parts they reference), then speakers and statements against the quotes'
    ids. Cross-table checks run only for tables whose every part was readable with the schema.

    The facts are Arrow columns (``FACTS``: some 25 bytes per id, not a Python object each), and the
    cross-table checks are vectorised hash look-ups and group-bys over them. Where an id is held
    twice (itself a ``primary_key`` error), the last row with it stands for it, as in a dict.
    """

    def __init__(self, r: ValidationReport, vdir: Path, manifest: dict, schemas: dict[str, TableSchema],
                 parts: dict[str, list[tuple[str, dict]]]):
        self.r, self.vdir, self.manifest, self.schemas, self.parts = r, vdir, manifest, schemas, parts
        self.version = str(manifest["dataset_schema_version"])
        self.intact = {t: bool(parts[t]) for t in TABLES}
        self.chunks: dict[str, list[pa.Table]] = {t: [_facts(t, schemas[t].arrow().empty_table(), 0)] for t in TABLES}
        self.facts: dict[str, pa.Table] = {}  # per table, once all its parts were read
        self.unique: dict[str, bool] = {}  # per table: no primary key held twice
        self.read: dict[str, list[tuple[str, int]]] = {t: [] for t in TABLES}  # (part, rows read) per table
        self.spans: dict[int, _Spill] = {}  # articles part -> span columns of the quotes it holds

    def run(self) -> None:
        with tempfile.TemporaryDirectory(prefix="quotes-validate-") as d:
            self.scratch = Path(d)
            self._run()

    def _run(self) -> None:
        for table in self._parts("articles"):
            self._articles_part(table)
        articles = self._last("articles")
        for table in self._parts("quotes"):
            self._quotes_part(table)
        if self.intact["articles"]:
            self._spill_spans(articles)
            release()
        self._check_offsets()
        self.spans.clear()
        release()
        quotes = self.facts["quotes"]
        meta = self._last("quotes")  # quote_id -> (article_id, speaker_id, statement_id)
        if self.intact["articles"]:
            self._errors("reference", self._dangling(quotes, "article_id", "articles"),
                         lambda q: f"quote {q['quote_id']}: article_id {q['article_id']!r} not in articles")
            if self.intact["quotes"]:
                self._check_article_counts(articles, meta)
                release()
        ok_q = self.intact["quotes"]
        for _ in self._parts("speakers"):
            pass  # the per-part checks, and the speakers' facts
        if ok_q:
            self._check_speakers(meta)
        for table in self._parts("statements"):
            if ok_q:
                self._statements_part(table)
        if ok_q:
            self._check_statements(meta)

    # reading ------------------------------------------------------------------------------------
    def _parts(self, t: str) -> Iterator[pa.Table]:
        """Each readable part of ``t`` with the schema, after its own checks, one record batch at a
        time (a part may be far larger than what the validator should hold); then the table's row
        count and primary keys. A part that breaks half-way was still checked up to where it broke."""
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
            self.read[t].append((name, 0))
            try:
                for batch in pf.iter_batches(batch_size=BATCH_ROWS):
                    table = pa.Table.from_batches([batch], schema=schema)
                    self._check_columns(t, name, table)
                    self.chunks[t].append(_facts(t, table, i))
                    self.read[t][-1] = (name, self.read[t][-1][1] + len(table))
                    yield table
            except Exception as e:  # noqa: BLE001 - a page that cannot be decoded
                self.r.error("read", f"{name} cannot be read: {e}")
                self.intact[t] = False
            del pf
            release()  # the part's read buffers: the next part starts from what is live
        counted = self.manifest["row_counts"].get(t)
        if self.intact[t] and counted != total:
            self.r.error("row_count", f"{t}: manifest says {counted} rows, files have {total}")
        self.facts[t] = pa.concat_tables(self.chunks.pop(t)).combine_chunks()
        key = self.schemas[t].primary_key
        counts = _group(self.facts[t], key, [([], "count_all")])
        dups = counts.filter(pc.greater(counts["count_all"], 1))
        self.unique[t] = not len(dups)
        for k, n in zip(dups[key].to_pylist(), dups["count_all"].to_pylist()):
            for _ in range(n - 1):
                self.r.error("primary_key", f"{t}: duplicate {key} {k!r}")

    def _last(self, t: str) -> pa.Table:
        """The facts of ``t``, one row per key: its last, as a dict filled row by row keeps it."""
        facts, key = self.facts[t], self.schemas[t].primary_key
        if self.unique[t]:
            return facts
        rows = _group(facts.select([key]).append_column("i", pa.array(np.arange(len(facts)))), key, [("i", "max")])
        return facts.take(np.sort(rows["i_max"].to_numpy()))

    def _check_columns(self, t: str, name: str, table: pa.Table) -> None:
        schema = self.schemas[t]
        for col in schema.columns:
            arr = table.column(col.name)
            if not col.nullable and arr.null_count:
                self.r.error("null", f"{name} column {col.name}: {arr.null_count} nulls in a non-null column")
            if col.enum:
                bad = {v for v in arr.unique().to_pylist() if v is not None and v not in col.enum}
                for v in sorted(bad):
                    self.r.error("enum", f"{t}.{col.name}: {v!r} is not one of {list(col.enum)}")

    def _errors(self, check: str, rows: pa.Table, msg) -> None:
        """One error per row of ``rows``, in their order, worded by ``msg(row as a dict)``."""
        for row in rows.to_pylist():
            self.r.error(check, msg(row))

    def _dangling(self, rows: pa.Table, col: str, table: str) -> pa.Table:
        """``rows`` whose ``col`` is set but is no key of ``table``, in their order."""
        keys = self.facts[table].column(self.schemas[table].primary_key)
        return rows.filter(pc.and_(pc.is_valid(rows[col]), pc.invert(pc.is_in(rows[col], value_set=keys))))

    # articles and quotes ------------------------------------------------------------------------
    def _articles_part(self, table: pa.Table) -> None:
        for a in table.select(["article_id", "text", "text_sha256", "published_at"]).to_pylist():
            aid = a["article_id"]
            if a["text"] is not None and hashlib.sha256(a["text"].encode("utf-8")).hexdigest() != a["text_sha256"]:
                self.r.warn("text_sha256", f"article {aid}: text_sha256 is not the SHA-256 of text")
            if a["published_at"] is not None and not ISO_RE.match(a["published_at"]):
                self.r.warn("dates", f"article {aid}: published_at {a['published_at']!r} is not ISO 8601")

    def _quotes_part(self, table: pa.Table) -> None:
        for q in table.select(["quote_id", "said_on", "confidence"]).to_pylist():
            qid = q["quote_id"]
            if q["said_on"] is not None and not DATE_RE.match(q["said_on"]):
                self.r.error("dates", f"quote {qid}: said_on {q['said_on']!r} is not YYYY-MM-DD")
            if q["confidence"] is not None and not 0.0 <= q["confidence"] <= 1.0:
                self.r.warn("confidence", f"quote {qid}: confidence {q['confidence']} outside [0, 1]")

    def _spill_spans(self, articles: pa.Table) -> None:
        """The span columns of every quote read, to the scratch file of its article's part.

        Every quote's part is looked up at once, after the first read of the quotes (one hash table
        of the article ids: built and freed once per batch, at 100k articles such tables left
        ~150 MB of heap behind), then the quotes parts are read again, span columns only, up to
        the rows the first read got."""
        part_of = pc.fill_null(_lookup(self.facts["quotes"]["article_id"], articles, "article_id", "part"), -1)
        part_of = part_of.to_numpy()
        at = 0
        for name, n in self.read["quotes"]:
            try:
                for batch in pq.ParquetFile(self.vdir / name).iter_batches(batch_size=BATCH_ROWS, columns=_QUOTE_SPAN_COLS):
                    rows = batch.slice(0, n).to_pylist()
                    for q, i in zip(rows, part_of[at:at + len(rows)].tolist()):
                        if i >= 0:
                            if i not in self.spans:
                                self.spans[i] = _Spill(self.scratch / f"spans-{i:05d}.pkl")
                            self.spans[i].add(q)
                    for spill in self.spans.values():
                        spill.flush()
                    at, n = at + len(rows), n - len(rows)
                    if not n:
                        break
            except Exception:  # noqa: BLE001 - a page the first read broke on too (reported then)
                pass
            at += n  # rows this read did not get back (none, unless the file broke)

    def _check_offsets(self) -> None:
        """Offsets of every quote against the text of its article, one articles batch at a time.

        The quotes' span columns were spilled to one scratch file per articles part a batch at a
        time (``_spill_spans``); each articles part is then read batch by batch, and its spill is read once per
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

    def _check_article_counts(self, articles: pa.Table, meta: pa.Table) -> None:
        per_article = _group(meta, "article_id", [([], "count_all")])
        counted = pc.fill_null(_lookup(articles["article_id"], per_article, "article_id", "count_all"), 0)
        bad = articles.append_column("quotes", counted).filter(_differ(articles["n_quotes"], counted))
        self._errors("n_quotes", bad, lambda a: f"article {a['article_id']}: n_quotes={a['n_quotes']} but {a['quotes']} quotes")

    # speakers and statements --------------------------------------------------------------------
    def _check_speakers(self, meta: pa.Table) -> None:
        """Each speaker row's counts against its quotes; each quote's speaker_id against the speakers."""
        stats = _group(meta.select(["speaker_id", "article_id"]), "speaker_id",
                       [([], "count_all"), ("article_id", "count_distinct", ALL)])
        stats = stats.filter(pc.is_valid(stats["speaker_id"]))  # quotes of no speaker
        speakers = self.facts["speakers"]
        n_quotes = pc.fill_null(_lookup(speakers["speaker_id"], stats, "speaker_id", "count_all"), 0)
        n_articles = pc.fill_null(_lookup(speakers["speaker_id"], stats, "speaker_id", "article_id_count_distinct"), 0)
        bad_q, bad_a = _differ(speakers["n_quotes"], n_quotes), _differ(speakers["n_articles"], n_articles)
        rows = speakers.append_column("quotes", n_quotes).append_column("articles", n_articles)
        rows = rows.append_column("bad_q", bad_q).append_column("bad_a", bad_a)
        for s in rows.filter(pc.or_(bad_q, bad_a)).to_pylist():
            sid = s["speaker_id"]
            if s["bad_q"]:
                self.r.error("n_quotes", f"speaker {sid}: n_quotes={s['n_quotes']} but {s['quotes']} quotes")
            if s["bad_a"]:
                self.r.error("n_articles", f"speaker {sid}: n_articles={s['n_articles']} but quoted in "
                             f"{s['articles']} articles")
        if self.intact["speakers"]:
            self._errors("reference", self._dangling(meta, "speaker_id", "speakers"),
                         lambda q: f"quote {q['quote_id']}: speaker_id {q['speaker_id']!r} not in speakers")

    def _statements_part(self, table: pa.Table) -> None:
        for st in table.select(["statement_id", "first_said_on", "n_quotes", "quote_ids"]).to_pylist():
            sid = st["statement_id"]
            if st["first_said_on"] is not None and not DATE_RE.match(st["first_said_on"]):
                self.r.error("dates", f"statement {sid}: first_said_on {st['first_said_on']!r} is not YYYY-MM-DD")
            if st["n_quotes"] != len(st["quote_ids"]):
                self.r.error("n_quotes", f"statement {sid}: n_quotes={st['n_quotes']} but {len(st['quote_ids'])} quote_ids")

    def _check_statements(self, meta: pa.Table) -> None:
        """Statements against speakers and quotes, and each quote's statement_id back against them.

        A quote a statement lists must exist, name that statement and be listed by no other
        statement; a statement's n_articles counts the articles of the listed quotes that exist.
        Listings are taken in stored order, as one pass over the statements meets them. Ids are
        compared as integer codes (a statement id: the first statements row holding it; a quote:
        its row of ``meta``); strings are taken only for the rows reported."""
        statements = self.facts["statements"]
        ids = statements["statement_id"]
        if self.intact["speakers"]:
            self._errors("reference", self._dangling(statements, "speaker_id", "speakers"),
                         lambda s: f"statement {s['statement_id']}: speaker_id {s['speaker_id']!r} not in speakers")
        lists = statements["quote_ids"].combine_chunks()
        row = pc.list_parent_indices(lists).to_numpy()  # listing -> statements row, in stored order
        listed_ids = pc.list_flatten(lists)
        at = pc.index_in(listed_ids, value_set=meta["quote_id"])  # listing -> the listed quote's row of meta
        found = pc.is_valid(at).to_numpy(zero_copy_only=False)
        for sid, qid in zip(ids.take(row[~found]).to_pylist(), listed_ids.filter(pc.invert(pc.is_valid(at))).to_pylist()):
            self.r.error("reference", f"statement {sid}: quote_id {qid!r} not in quotes")
        row, at = row[found], at.drop_null().to_numpy()
        code = pc.index_in(ids, value_set=ids).to_numpy()[row]  # the listing statement's code
        quote_code = _codes(meta["statement_id"], ids)  # meta row -> its statement's code (-1: none)
        bad = np.flatnonzero(quote_code[at] != code)
        for sid, qid, qst in zip(ids.take(row[bad]).to_pylist(), meta["quote_id"].take(at[bad]).to_pylist(),
                                 meta["statement_id"].take(at[bad]).to_pylist()):
            self.r.error("reference", f"statement {sid} lists quote {qid}, whose statement_id is {qst!r}")
        # each quote's listings side by side, in stored order: one listed by two statements shows as a change
        order = np.argsort(at, kind="stable")
        by_quote, by_code, by_row = at[order], code[order], row[order]
        same = by_quote[1:] == by_quote[:-1]
        twice = np.flatnonzero(same & (by_code[1:] != by_code[:-1]))
        for qid, earlier, later in zip(meta["quote_id"].take(by_quote[twice + 1]).to_pylist(),
                                       ids.take(by_row[twice]).to_pylist(), ids.take(by_row[twice + 1]).to_pylist()):
            self.r.error("reference", f"quote {qid} is listed by statements {earlier} and {later}")
        article = pc.dictionary_encode(meta["article_id"].combine_chunks(), null_encoding="encode")
        n_codes = max(1, len(article.dictionary))
        pairs = np.unique(row.astype(np.int64) * n_codes + article.indices.to_numpy()[at])
        n_articles = pa.array(np.bincount(pairs // n_codes, minlength=len(statements)))
        bad_rows = statements.append_column("articles", n_articles).filter(_differ(statements["n_articles"], n_articles))
        self._errors("n_articles", bad_rows, lambda s: f"statement {s['statement_id']}: n_articles={s['n_articles']} "
                                                       f"but its quotes are in {s['articles']} articles")
        if not self.intact["statements"]:
            return
        last = np.flatnonzero(np.append(~same, True)) if len(at) else np.empty(0, np.int64)
        listed_by = np.full(len(meta), -2, dtype=np.int64)  # meta row -> code of the statement listing it last
        listed_by[by_quote[last]] = by_code[last]
        has = pc.is_valid(meta["statement_id"]).to_numpy(zero_copy_only=False)
        back = np.flatnonzero(has & (listed_by != quote_code))
        for qid, sid, known in zip(meta["quote_id"].take(back).to_pylist(), meta["statement_id"].take(back).to_pylist(),
                                   (quote_code[back] >= 0).tolist()):
            if not known:
                self.r.error("reference", f"quote {qid}: statement_id {sid!r} not in statements")
            else:
                self.r.error("reference", f"quote {qid}: statement {sid} does not list it in quote_ids")


def _codes(values, ids) -> np.ndarray:
    """Per value, the first index of ``ids`` holding it, -1 where none or null."""
    return pc.fill_null(pc.index_in(values, value_set=ids, skip_nulls=True), -1).to_numpy()


ALL = pc.CountOptions(mode="all")  # count_distinct counting a null as one value, as a set does


def _facts(t: str, table: pa.Table, part: int) -> pa.Table:
    facts = table.select(list(FACTS[t]))
    return facts.append_column("part", pa.array(np.full(len(facts), part, dtype=np.int32)))


def _group(table: pa.Table, key: str, aggregations: list) -> pa.Table:
    """``key`` and the aggregations, one row per distinct key (a null key is one), in first-seen order."""
    names = [f"{col}_{fn}" if col else fn for col, fn, *_ in aggregations]
    return pa.TableGroupBy(table, key, use_threads=False).aggregate(aggregations).select([key, *names])


def _lookup(keys, table: pa.Table, key: str, column: str) -> pa.Array:
    """``table[column]`` at the row whose ``key`` is each of ``keys`` (null where none; ``key`` unique)."""
    return table[column].take(pc.index_in(keys, value_set=table[key]))


def _differ(a, b) -> pa.Array:
    """``a != b`` per row, as Python compares: a null equals only a null."""
    ne = pc.not_equal(a, b)
    return pc.if_else(pc.is_null(ne), pc.not_equal(pc.is_null(a), pc.is_null(b)), ne)


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
