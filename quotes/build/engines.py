"""Engines run :class:`BatchTask`s and yield :class:`BatchOutcome`s; the coordinator does the rest.

- :class:`InlineEngine` runs in the calling process (``workers=0``): no start-up cost, but a
  runaway article can only be caught if it raises.
- :class:`ProcessEngine` runs N worker processes (``workers=N``), each loading the model once with
  ``cores // N`` torch threads. A worker that raises, overruns its time budget, grows past its
  memory limit or dies (the kernel's OOM killer) costs its batch, and every article of that batch is
  then retried alone once in a fresh worker: an article that fails alone again is recorded as an
  error (``timeout``, ``memory``, ``crash``, ``exception``), the rest of the build goes on.
- ``quotes.build.ray_engine.RayEngine`` runs the same tasks on Ray Data (one machine or a cluster).

Outcomes come back in completion order; drafts are keyed by task, so order does not matter.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from quotes.build import gc_settings
from quotes.build.options import BuildOptions
from quotes.build.process import ArticleProcessor, BatchOutcome, BatchTask, _failure

POLL_SECONDS = 0.5


def retries_for(task: BatchTask, outcome: BatchOutcome) -> tuple[BatchOutcome, list[BatchTask]]:
    """First failures are retried alone once (a poisoned input fails again; a transient fault does
    not); failures of a retry are final."""
    if task.attempt or not outcome.failures:
        return outcome, []
    index = {seq: i for i, seq in enumerate(task.seqs)}
    retry = [task.alone(index[f.seq]) for f in outcome.failures]
    outcome.failures = []
    return outcome, retry


def lost_batch(task: BatchTask, kind: str, message: str) -> tuple[BatchOutcome, list[BatchTask]]:
    """A batch whose worker was stopped or died: nothing of it was written."""
    if task.attempt:
        return BatchOutcome(task.key, None, failures=[_failure(task, 0, kind, message)]), []
    return BatchOutcome(task.key, None), [task.alone(i) for i in range(len(task.articles))]


class InlineEngine:
    """``threads``: torch threads while this engine runs (restored on ``close``); None leaves the
    caller's setting. On CPU one process parses faster with one thread than with several."""

    def __init__(self, options: BuildOptions, draft_dir: Path, threads: int | None = None):
        self.processor = ArticleProcessor(options, draft_dir)
        self.info = self.processor.info
        self._gc_before: tuple[int, int, int] | None = gc_settings.tune_for_parsing()
        self._threads_before: int | None = None
        if threads:
            import torch

            self._threads_before = torch.get_num_threads()
            torch.set_num_threads(threads)

    def run(self, tasks: Iterable[BatchTask]) -> Iterator[BatchOutcome]:
        feed = _Feed(tasks)
        while (task := feed.next()) is not None:
            outcome, retry = retries_for(task, self.processor.run(task))
            feed.retry(retry)
            yield outcome

    def close(self) -> None:
        if self._gc_before is not None:
            gc_settings.restore(self._gc_before)
            self._gc_before = None
        if self._threads_before is not None:
            import torch

            torch.set_num_threads(self._threads_before)
            self._threads_before = None


def _worker_main(conn: Connection, options: BuildOptions, draft_dir: str) -> None:
    """Worker loop: load once, then run tasks until told to stop (``None``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the coordinator decides when to stop
    import torch

    torch.set_num_threads(options.threads())
    processor = ArticleProcessor(options, draft_dir)
    gc_settings.tune_for_parsing()  # a worker process only parses: no need to restore
    conn.send(("ready", processor.info))
    while True:
        task = conn.recv()
        if task is None:
            return
        conn.send(("done", processor.run(task)))


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class _Feed:
    """Tasks to hand out: retries first, then the input, pulled lazily so memory stays bounded."""

    def __init__(self, tasks: Iterable[BatchTask]):
        self.source = iter(tasks)
        self.queue: deque[BatchTask] = deque()
        self.exhausted = False

    def retry(self, tasks: list[BatchTask]) -> None:
        self.queue.extend(tasks)

    def next(self) -> BatchTask | None:
        if self.queue:
            return self.queue.popleft()
        if not self.exhausted:
            task = next(self.source, None)
            self.exhausted = task is None
            return task
        return None

    def done(self) -> bool:
        return self.exhausted and not self.queue


@dataclass
class _Worker:
    proc: mp.Process
    conn: Connection
    task: BatchTask | None = None
    deadline: float = 0.0
    ready: bool = False


class ProcessEngine:
    def __init__(self, options: BuildOptions, draft_dir: Path):
        self.options = options
        self.draft_dir = str(draft_dir)
        self.ctx = mp.get_context("spawn")  # no fork of a process that may hold torch threads
        self.workers = [self._start() for _ in range(max(1, options.workers))]
        self.info = None
        self._wait_ready()

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=_worker_main, args=(child, self.options, self.draft_dir), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _wait_ready(self) -> None:
        for w in self.workers:
            if not w.ready:
                try:
                    tag, info = w.conn.recv()
                except EOFError:
                    raise RuntimeError(f"a build worker could not start (exit code {w.proc.exitcode}); "
                                       "run with --workers 0 to see the error") from None
                w.ready, self.info = True, info

    def _replace(self, w: _Worker) -> _Worker:
        if w.proc.is_alive():
            w.proc.kill()
        w.proc.join(5)
        w.conn.close()
        fresh = self._start()
        self.workers[self.workers.index(w)] = fresh
        return fresh

    def run(self, tasks: Iterable[BatchTask]) -> Iterator[BatchOutcome]:
        feed = _Feed(tasks)
        limit = self.options.worker_memory_limit()
        while True:
            for w in self.workers:
                if w.task is None and w.ready:
                    task = feed.next()
                    if task is not None:
                        w.task, w.deadline = task, time.monotonic() + self.options.time_budget(len(task.articles))
                        w.conn.send(task)
            busy = [w for w in self.workers if w.task is not None or not w.ready]
            if not busy and feed.done():
                return
            ready = wait([w.conn for w in busy], timeout=POLL_SECONDS) if busy else []
            for w in busy:
                for outcome in self._check(w, w.conn in ready, limit, feed):
                    yield outcome

    def _check(self, w: _Worker, readable: bool, limit: int, feed: "_Feed") -> list[BatchOutcome]:
        """One worker's state after a wait: a result, a death, an overrun, or nothing yet."""
        lost = None
        if readable:
            try:
                tag, payload = w.conn.recv()
            except (EOFError, OSError):
                w.proc.join(2)
                code = w.proc.exitcode
                if not w.ready:
                    raise RuntimeError(f"a build worker died while loading the model (exit code {code}); "
                                       "run with --workers 0 to see the error") from None
                killed = code is not None and code < 0 and -code == signal.SIGKILL
                lost = ("memory" if killed else "crash",
                        f"worker died (exit code {code}{'; killed, most likely out of memory' if killed else ''})")
            else:
                if tag == "ready":
                    w.ready = True
                    return []
                # a result that came in over budget is not taken: a batch that finished between two
                # polls must meet the same limits as one still running (so does a retry)
                lost = self._overrun(w, limit)
                if lost is None:
                    task, w.task = w.task, None
                    outcome, retry = retries_for(task, payload)
                    feed.retry(retry)
                    return [outcome]
        elif w.task is not None:
            lost = self._overrun(w, limit)
        if not lost:
            return []
        task = w.task
        self._replace(w)
        if task is None:
            return []
        outcome, retry = lost_batch(task, *lost)
        feed.retry(retry)
        return [outcome]

    def _overrun(self, w: _Worker, limit: int) -> tuple[str, str] | None:
        """Why a worker's batch is over its limits (time budget, then memory), or None."""
        if time.monotonic() > w.deadline:
            return "timeout", f"over the time budget of {self.options.time_budget(len(w.task.articles)):.0f} s"
        if _rss(w.proc.pid) > limit:
            return "memory", f"worker memory over the limit of {limit >> 20} MiB"
        return None

    def close(self) -> None:
        for w in self.workers:
            try:
                w.conn.send(None)
            except (OSError, BrokenPipeError):
                pass
        for w in self.workers:
            w.proc.join(10)
            if w.proc.is_alive():
                w.proc.kill()
            w.conn.close()
