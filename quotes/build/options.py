"""Every knob of a build in one frozen record, so engines, workers and actors get the same settings.

The record is pickled to worker processes and Ray actors, so it holds only plain values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_BATCH_ARTICLES = 16  # articles per parse call: enough for Stanza's bulk batching, small for retries
DEFAULT_ARTICLE_SECONDS = 300.0  # time budget per article before its worker is stopped
DEFAULT_BATCH_SECONDS = 60.0  # plus this much per batch (model warm-up, a slow disk)
DEFAULT_QUOTES_PER_PART = 200_000  # rows per Parquet part at most (DEFAULT_PART_BYTES closes one first)
DEFAULT_ARTICLES_PER_PART = 20_000
# A part also closes at this much Arrow data (about 1.5-2 MB of Parquet): the sink's memory bound.
# Writing a part sorts it whole, and articles and quotes fill their parts at once, so the
# coordinator briefly holds ~4x this; 4 MB keeps a 20k-article build within 1.2x of a 1k one
# (bench_scale), at the price of more, smaller files for big corpora (every reader takes a glob).
DEFAULT_PART_BYTES = 4 << 20
# Quote rows per partition of the second pass: its memory bound (a partition costs ~2.5 KB per row
# in ``link_speakers``/``group_statements``: ~25 MB at 10k, under the sink's and the validator's
# peaks) against its time (each partition has a fixed cost: 1M rows took 2.5x longer in 5k-row
# partitions than in 50k-row ones, bench_scale).
DEFAULT_ROWS_PER_PARTITION = 10_000


def default_workers() -> int:
    """One worker process per usable core: on CPU, N processes x 1 torch thread beats 1 x N."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def default_memory_limit() -> int:
    """Bytes of RSS one worker may use before it is stopped: half of RAM, shared by the workers."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover
        total = 8 << 30
    return max(2 << 30, total // 2)


@dataclass(frozen=True)
class BuildOptions:
    """How to build. ``workers=0`` runs everything in the calling process (no isolation from a
    crash or a runaway article, but no start-up cost: tests and notebooks); ``workers>=1`` runs
    that many worker processes, each loading the model once, so one bad article costs one error row.
    """

    model: str = "embedded"
    stanza_dir: str | None = None
    cache_dir: str | None = None  # None: no parse cache
    workers: int = 0
    threads_per_worker: int | None = None  # None: cores // workers
    batch_articles: int = DEFAULT_BATCH_ARTICLES
    article_seconds: float = DEFAULT_ARTICLE_SECONDS
    batch_seconds: float = DEFAULT_BATCH_SECONDS
    memory_limit: int | None = None  # bytes of RSS per worker; None: default_memory_limit() / workers
    quotes_per_part: int = DEFAULT_QUOTES_PER_PART
    articles_per_part: int = DEFAULT_ARTICLES_PER_PART
    part_bytes: int = DEFAULT_PART_BYTES
    rows_per_partition: int = DEFAULT_ROWS_PER_PARTITION

    def threads(self) -> int:
        if self.threads_per_worker:
            return self.threads_per_worker
        return max(1, default_workers() // max(1, self.workers))

    def worker_memory_limit(self) -> int:
        if self.memory_limit:
            return self.memory_limit
        return max(1 << 30, default_memory_limit() // max(1, self.workers))

    def time_budget(self, n_articles: int) -> float:
        return self.batch_seconds + self.article_seconds * n_articles

    @property
    def cache_path(self) -> Path | None:
        return Path(self.cache_dir) if self.cache_dir else None
