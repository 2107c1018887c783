"""The unit of work every engine runs: a batch of articles in, their table rows on disk out.

A batch is parsed in one Stanza call (cached parses are reused), then each article is extracted
and attributed on its own, so an exception costs that article only. The rows are written as a
*draft* file named by the batch key, inside the build's work directory, and only a small
:class:`BatchOutcome` goes back to the coordinator. The same code runs inline, in worker processes
and in Ray actors, which is why every engine gives the same rows.
"""

from __future__ import annotations

import os
import pickle
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from quotes.build.options import BuildOptions
from quotes.build.rows import article_row, quote_rows, quotes_for
from quotes.types import Article, ParsedDoc

DRAFT_SUFFIX = ".draft.pkl"


@dataclass(frozen=True)
class BatchTask:
    """Articles to process together. ``key`` sorts in input order; ``seqs`` are the articles'
    positions in the de-duplicated input, so rows can be put back in input order after retries."""

    key: str
    articles: tuple[Article, ...]
    seqs: tuple[int, ...]
    attempt: int = 0  # 1 for the retry of an article alone

    def alone(self, i: int) -> BatchTask:
        return BatchTask(f"{self.key}-r{i:03d}", (self.articles[i],), (self.seqs[i],), attempt=1)


@dataclass(frozen=True)
class ArticleFailure:
    seq: int
    source_path: str
    article_id: str
    kind: str  # "exception" | "timeout" | "memory" | "crash"
    message: str


@dataclass
class BatchOutcome:
    key: str
    draft: str | None
    n_articles: int = 0
    n_quotes: int = 0
    failures: list[ArticleFailure] = field(default_factory=list)
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0
    parsed_words: int = 0


def write_draft(path: Path, articles: list[dict], quotes: list[dict]) -> None:
    """Temp file + rename: a reader (or a resumed build) never sees half a draft."""
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        pickle.dump({"articles": articles, "quotes": quotes}, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def read_draft(path: str | Path) -> dict:
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _failure(task: BatchTask, i: int, kind: str, message: str) -> ArticleFailure:
    art = task.articles[i]
    return ArticleFailure(task.seqs[i], art.source_path, art.article_id, kind, message[-2000:])


def _short(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)[-3:]
    where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames))
    return f"{type(exc).__name__}: {exc} (at {where})"


class ArticleProcessor:
    """Loads the model once (per process or actor) and turns batches into drafts."""

    def __init__(self, options: BuildOptions, draft_dir: str | Path):
        from quotes.nlp.cache import ParseCache
        from quotes.nlp.pipeline import get_pipeline

        self.options = options
        self.draft_dir = Path(draft_dir)
        self.pipe, self.info = get_pipeline(options.model, options.stanza_dir)
        self.cache = ParseCache(options.cache_path, self.info.sha256) if options.cache_path else None

    def parse(self, articles: tuple[Article, ...]) -> list[ParsedDoc | BaseException]:
        """Parses in input order; a text the parser fails on gives its exception, not the batch's."""
        from quotes.nlp import pipeline as nlp
        from quotes.nlp.batch import parse_texts

        docs: list[ParsedDoc | BaseException | None] = [
            self.cache.get(a.text) if self.cache else None for a in articles]
        todo = [i for i, d in enumerate(docs) if d is None]
        if todo:
            texts = [articles[i].text for i in todo]
            try:
                parsed = parse_texts(self.pipe, texts, self.info.model_id)
            except Exception:  # one text broke the bulk call: parse one by one to find it
                parsed = []
                for t in texts:
                    try:
                        parsed.append(nlp.parse_text(self.pipe, t, self.info.model_id))
                    except Exception as exc:  # noqa: BLE001 - recorded as that article's error
                        parsed.append(exc)
            for i, doc in zip(todo, parsed):
                docs[i] = doc
                if self.cache and isinstance(doc, ParsedDoc):
                    self.cache.put(doc)
        return docs  # type: ignore[return-value]

    def run(self, task: BatchTask) -> BatchOutcome:
        out = BatchOutcome(task.key, None)
        t0 = time.perf_counter()
        docs = self.parse(task.articles)
        out.parse_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        arts, quotes = [], []
        for i, (art, doc) in enumerate(zip(task.articles, docs)):
            if isinstance(doc, BaseException):
                out.failures.append(_failure(task, i, "exception", "parse: " + _short(doc)))
                continue
            try:
                rows = quote_rows(art, quotes_for(art, doc))
            except Exception as exc:  # noqa: BLE001 - one article's bug is one error row
                out.failures.append(_failure(task, i, "exception", _short(exc)))
                continue
            out.parsed_words += sum(len(s.tokens) for s in doc.sentences)
            for r in rows:
                r["_seq"] = task.seqs[i]
            quotes.extend(rows)
            row = article_row(art, len(rows))
            row["_seq"] = task.seqs[i]
            arts.append(row)
        out.extract_seconds = time.perf_counter() - t0
        out.n_articles, out.n_quotes = len(arts), len(quotes)
        path = self.draft_dir / f"{task.key}{DRAFT_SUFFIX}"
        write_draft(path, arts, quotes)
        out.draft = str(path)
        return out
