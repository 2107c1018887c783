"""Build a dataset version from input articles: ingest -> nlp -> extract -> attribute -> facts -> dataset.

The build is a stream, so memory does not grow with the corpus:

1. *Ingest* reads inputs lazily; duplicates (same text) are dropped as they appear; every input
   is accounted for (article, duplicate or error).
2. *Map*: batches of articles go to an engine (inline, N worker processes, or Ray), which parses
   them (parse cache: a killed build resumes where it stopped), extracts and attributes each article
   and writes its rows as a draft file. Parses are dropped there; only rows travel on.
3. *Cross-article pass* over the quote rows alone: speaker ids and statements.
4. *Write*: drafts are read back in input order, given their ids, written as Parquet parts, and the
   version is published atomically (``quotes.dataset``), so earlier versions and ``LATEST`` never
   see a half-built version.

``append=True`` builds on the latest version: its rows are reused and only new articles are parsed
(when the model or the quotes version changed, its articles are parsed again, and the manifest
says why). An append of a few new articles parses them in this process, whatever ``workers`` says:
starting worker processes would cost more than the parse (``quotes.build.small``). The CLI's ``quotes build`` is a thin wrapper over :func:`build`.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from quotes.build.assemble import Written
from quotes.build.options import BuildOptions, default_workers
from quotes.build.process import BatchOutcome, BatchTask
from quotes.build.rows import article_row, quote_rows, quotes_for
from quotes.idmap import IdMap
from quotes.ids import file_digest
from quotes.nlp.pipeline import ModelInfo
from quotes.types import Article, IngestError

__all__ = ["build", "BuildResult", "BuildOptions", "quotes_for", "quote_rows", "article_row",
           "default_workers", "DEFAULT_OUT"]

DEFAULT_OUT = Path("build") / "quotes"
ENGINES = ("local", "ray")


@dataclass
class BuildResult(Written):
    """What was written (:class:`~quotes.build.assemble.Written`) and how the build went."""

    errors: list[IngestError]
    seconds: float
    model: ModelInfo | None = None
    timings: dict[str, float] = field(default_factory=dict)
    accounting: dict[str, int] = field(default_factory=dict)
    parent: str | None = None
    n_parsed: int = 0  # articles that went through the parser in this build (append reuses the rest)


@dataclass
class _Tally:
    """What the map stage reports back, summed over batches."""

    drafts: list[str] = field(default_factory=list)
    failures: list = field(default_factory=list)
    n_articles: int = 0
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0
    words: int = 0

    def add(self, o: BatchOutcome) -> None:
        if o.draft:
            self.drafts.append(o.draft)
        self.failures.extend(o.failures)
        self.n_articles += o.n_articles
        self.parse_seconds += o.parse_seconds
        self.extract_seconds += o.extract_seconds
        self.words += o.parsed_words


def _input_records(inputs: Iterable[str | Path]) -> list[dict]:
    files: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if str(raw) == "-":
            continue
        try:
            if p.is_dir():
                files.extend(sorted(x for x in p.rglob("*") if x.is_file()))
            elif p.is_file():
                files.append(p)
        except OSError:
            continue
    from quotes.ingest import display_name

    records = []
    for f in files:
        try:
            records.append({"path": display_name(f), **file_digest(f)})
        except OSError as exc:
            records.append({"path": display_name(f), "error": f"{type(exc).__name__}: {exc.strerror or exc}"})
    return records


class _Intake:
    """De-duplicates the article stream, numbers it and cuts it into batches, counting outcomes.

    ``seen`` (article id -> where it was first seen) holds every article of the build and of its
    parent, so it is an :class:`~quotes.idmap.IdMap` (16 bytes an article, the paths on disk), not
    a dict of strings; an ``IdMap`` given is used as it is, not copied.
    """

    def __init__(self, seen: IdMap | Mapping[str, str] | None = None):
        if not isinstance(seen, IdMap):
            ids = IdMap("a")
            ids.update((seen or {}).items())
            seen = ids
        self.seen = seen
        self.errors: list[IngestError] = []
        self.counts: Counter[str] = Counter()
        self.n = 0

    def records(self, records: Iterable) -> Iterator[Article]:
        """Articles of a stream of ``quotes.ingest.InputRecord``s; every unit is counted once."""
        for rec in records:
            for e in rec.errors:
                self.errors.append(e)
                if not e.skipped:
                    self.counts["repaired"] += 1
            if rec.article is None:
                self.counts["error"] += 1
                continue
            yield from self.articles([rec.article])

    def articles(self, articles: Iterable[Article]) -> Iterator[Article]:
        for art in articles:
            first = self.seen.get(art.article_id)
            if first is not None:
                self.errors.append(IngestError(art.source_path, "duplicate",
                                               f"same text as {first} ({art.article_id}); kept the first"))
                self.counts["duplicate"] += 1
                continue
            self.seen.add(art.article_id, art.source_path)
            self.counts["article"] += 1
            yield art

    def batches(self, articles: Iterable[Article], size: int) -> Iterator[BatchTask]:
        batch: list[Article] = []
        for art in articles:
            batch.append(art)
            if len(batch) >= size:
                yield self._task(batch)
                batch = []
        if batch:
            yield self._task(batch)

    def _task(self, batch: list[Article]) -> BatchTask:
        seqs = tuple(range(self.n, self.n + len(batch)))
        self.n += len(batch)
        return BatchTask(f"{seqs[0]:09d}", tuple(batch), seqs)


def _make_engine(engine: str, options: BuildOptions, draft_dir: Path, ray_address: str | None):
    if engine == "ray":
        from quotes.build.ray_engine import RayEngine

        return RayEngine(options, draft_dir, address=ray_address)
    if engine != "local":
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    from quotes.build.engines import InlineEngine, ProcessEngine

    return ProcessEngine(options, draft_dir) if options.workers > 0 else InlineEngine(options, draft_dir)


def _inline(options: BuildOptions, draft_dir: Path):
    """The in-process engine of a small append (``quotes.build.small``), with one torch thread."""
    from quotes.build.engines import InlineEngine

    return InlineEngine(options, draft_dir, threads=1)


def build(inputs: list[str | Path], out: str | Path = DEFAULT_OUT, *, model: str = "embedded",
          stanza_dir: str | None = None, use_cache: bool = True, cache_dir: str | Path | None = None,
          workers: int = 0, engine: str = "local", ray_address: str | None = None, append: bool = False,
          options: BuildOptions | None = None,
          on_batch: Callable[[BatchOutcome], None] | None = None,
          command: list[str] | None = None) -> BuildResult:
    """Build the next version of the dataset at ``out`` from ``inputs`` (files, folders, ``"-"``).

    ``workers=0`` runs in this process; ``workers=N`` uses N isolated worker processes (one bad
    article is one error row); ``engine="ray"`` runs on Ray Data (``ray_address`` for a cluster).
    """
    from quotes.build.assemble import assemble
    from quotes.build.parent import Parent
    from quotes.build.small import few_new_articles, latest_article_ids
    from quotes.build.workdir import WorkDir
    from quotes.ingest import iter_inputs

    t_start = time.perf_counter()
    out = Path(out)
    cache = (Path(cache_dir) if cache_dir else out / ".cache") if use_cache else None
    base = options or BuildOptions()
    options = replace(base, model=model, stanza_dir=stanza_dir, workers=workers,
                      cache_dir=str(cache) if cache else None)
    with WorkDir(out) as work:
        records = iter_inputs(list(inputs))
        seen, in_process = None, False
        if append and engine == "local" and options.workers > 0:  # few new articles: no workers
            seen = latest_article_ids(out)
            if seen is not None:
                in_process, records = few_new_articles(records, seen)
        eng = _inline(options, work.drafts) if in_process else _make_engine(engine, options, work.drafts, ray_address)
        try:
            info = eng.info
            parent = Parent.latest(out, info) if append else None
            if in_process and not (parent and parent.reusable):  # the parent's articles are parsed again
                eng.close()
                eng, in_process = _make_engine(engine, options, work.drafts, ray_address), False
                info = eng.info
            intake = _Intake((seen if seen is not None else parent.seen()) if parent and parent.reusable else None)
            stream = intake.records(records)
            if parent is not None and not parent.reusable:
                stream = _chain(intake.articles(parent.articles()), stream)
            tally = _Tally()
            t0 = time.perf_counter()
            for outcome in eng.run(intake.batches(stream, options.batch_articles)):
                tally.add(outcome)
                if on_batch:
                    on_batch(outcome)
            map_seconds = time.perf_counter() - t0
        finally:
            eng.close()
        failures = [IngestError(f.source_path, f.kind, f"{f.message} (article {f.article_id})")
                    for f in sorted(tally.failures, key=lambda f: f.seq)]
        intake.counts["article"] -= len(failures)
        intake.counts["failed"] += len(failures)
        all_errors = intake.errors + failures
        manifest_extra = {
            "command": command if command is not None else list(sys.argv),
            "model": {"id": info.model_id, "kind": info.kind, "sha256": info.sha256},
            "stanza_version": info.stanza_version,
            "inputs": _input_records(inputs),
            "errors": [asdict(e) for e in all_errors],
            "accounting": dict(sorted(intake.counts.items())),
            "build": {"engine": engine, "workers": 0 if in_process else options.workers,
                      "batch_articles": options.batch_articles},
        }
        if parent is not None:
            manifest_extra["append"] = parent.record()
        t0 = time.perf_counter()
        written = assemble(out, tally.drafts, parent if parent and parent.reusable else None,
                           manifest_extra, options, work.path / "second-pass")
        assemble_seconds = time.perf_counter() - t0
    timings = {"parse": tally.parse_seconds, "extract_attribute": tally.extract_seconds,
               "map_wall": map_seconds, "cross_article_and_write": assemble_seconds}
    return BuildResult(**vars(written), errors=all_errors, seconds=time.perf_counter() - t_start, model=info,
                       timings=timings, accounting=dict(intake.counts),
                       parent=parent.name if parent else None, n_parsed=tally.n_articles)


def _chain(*streams: Iterable[Article]) -> Iterator[Article]:
    for s in streams:
        yield from s
