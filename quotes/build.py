"""Build a dataset version from input articles: ingest -> nlp -> extract -> attribute -> facts -> dataset.

The CLI's ``quotes build`` is a thin wrapper over :func:`build`. Parses are cached on disk
(``<out>/.cache``) as they are made, so a build that crashes or is killed resumes where it
stopped; the dataset version itself is written atomically at the end.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from quotes.attribute import attribute
from quotes.extract import extract_quotes
from quotes.ids import file_digest, stable_id
from quotes.ingest import read_inputs
from quotes.nlp.cache import ParseCache
from quotes.nlp.pipeline import ModelInfo, get_pipeline, parse_text
from quotes.types import Article, IngestError, ParsedDoc, Quote

DEFAULT_OUT = Path("build") / "quotes"


@dataclass
class BuildResult:
    version_dir: Path
    n_articles: int
    n_quotes: int
    quotes_by_type: dict[str, int]
    n_speakers: int
    n_statements: int
    errors: list[IngestError]
    seconds: float
    model: ModelInfo | None = None
    timings: dict[str, float] = field(default_factory=dict)


def drop_duplicates(articles: list[Article]) -> tuple[list[Article], list[IngestError]]:
    """The same article text reached twice (a copy, a re-scrape) is kept once; the rest are reported."""
    seen: dict[str, Article] = {}
    kept, errors = [], []
    for art in articles:
        first = seen.get(art.article_id)
        if first is None:
            seen[art.article_id] = art
            kept.append(art)
        else:
            errors.append(IngestError(art.source_path, "duplicate",
                                      f"same text as {first.source_path} ({art.article_id}); kept the first"))
    return kept, errors


def parse_articles(articles: list[Article], model: str = "embedded", stanza_dir: str | None = None,
                   cache_dir: Path | None = None,
                   on_article: Callable[[Article], None] | None = None,
                   timings: dict[str, float] | None = None) -> tuple[list[ParsedDoc], ModelInfo]:
    pipe, info = get_pipeline(model, stanza_dir)
    cache = ParseCache(cache_dir, info.sha256) if cache_dir else None
    docs = []
    for art in articles:
        t0 = time.perf_counter()
        doc = cache.get(art.text) if cache else None
        if doc is None:
            doc = parse_text(pipe, art.text, info.model_id)
            if cache:
                cache.put(doc)
        if timings is not None:
            timings["parse"] = timings.get("parse", 0.0) + time.perf_counter() - t0
        docs.append(doc)
        if on_article:
            on_article(art)
    return docs, info


def quotes_for(article: Article, doc: ParsedDoc) -> list[Quote]:
    """Extraction and attribution for one parsed article."""
    return attribute(article, doc, extract_quotes(doc))


def quote_rows(article: Article, quotes: list[Quote]) -> list[dict]:
    rows = []
    for q in quotes:
        row = asdict(q)
        row.pop("extra", None)
        row["parts"] = [{"start": s, "end": e} for s, e in q.parts]
        row["quote_id"] = stable_id("q", article.article_id, q.type, str(q.start), str(q.end))
        rows.append(row)
    return rows


def _input_records(inputs: Iterable[str | Path]) -> list[dict]:
    files: list[Path] = []
    for raw in inputs:
        p = Path(raw)
        if str(raw) == "-":
            continue
        if p.is_dir():
            files.extend(sorted(x for x in p.rglob("*") if x.is_file()))
        elif p.is_file():
            files.append(p)
    return [{"path": str(f), **file_digest(f)} for f in files]


def build(inputs: list[str | Path], out: str | Path = DEFAULT_OUT, *, model: str = "embedded",
          stanza_dir: str | None = None, use_cache: bool = True, cache_dir: str | Path | None = None,
          on_article: Callable[[Article], None] | None = None,
          on_start: Callable[[int], None] | None = None,
          command: list[str] | None = None) -> BuildResult:
    from quotes.dataset import write_version
    from quotes.facts.speakers import link_speakers
    from quotes.facts.statements import group_statements

    t_start = time.perf_counter()
    out = Path(out)
    articles, errors = read_inputs(list(inputs))
    articles, dup_errors = drop_duplicates(articles)
    errors = errors + dup_errors
    if on_start:
        on_start(len(articles))
    timings: dict[str, float] = {}
    cache = (Path(cache_dir) if cache_dir else out / ".cache") if use_cache else None
    docs, info = parse_articles(articles, model, stanza_dir, cache,
                                on_article, timings)
    t0 = time.perf_counter()
    article_rows, rows = [], []
    for art, doc in zip(articles, docs):
        qs = quote_rows(art, quotes_for(art, doc))
        rows.extend(qs)
        row = {k: v for k, v in asdict(art).items()}
        row["n_quotes"] = len(qs)
        article_rows.append(row)
    timings["extract_attribute"] = time.perf_counter() - t0

    speaker_ids, speaker_rows = link_speakers(rows)
    for row, sid in zip(rows, speaker_ids):
        row["speaker_id"] = sid
    statement_ids, statement_rows = group_statements(rows)
    for row, st in zip(rows, statement_ids):
        row["statement_id"] = st
    for row in rows:
        row.pop("speaker_key", None)

    manifest_extra = {
        "command": command if command is not None else list(sys.argv),
        "model": {"id": info.model_id, "kind": info.kind, "sha256": info.sha256},
        "stanza_version": info.stanza_version,
        "inputs": _input_records(inputs),
        "errors": [asdict(e) for e in errors],
    }
    version_dir = write_version(out, {"articles": article_rows, "quotes": rows,
                                      "speakers": speaker_rows, "statements": statement_rows},
                                manifest_extra)
    return BuildResult(version_dir=version_dir, n_articles=len(article_rows), n_quotes=len(rows),
                       quotes_by_type=dict(sorted(Counter(r["type"] for r in rows).items())),
                       n_speakers=len(speaker_rows), n_statements=len(statement_rows), errors=errors,
                       seconds=time.perf_counter() - t_start, model=info, timings=timings)
