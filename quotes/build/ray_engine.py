"""Run the build's batches on Ray Data: on this machine, or on a cluster (``address``).

Each *window* of tasks becomes one Ray Data pipeline::

    ray.data.from_items(tasks) -> map_batches(_ParseExtract, ActorPoolStrategy(size=N)) -> outcome rows

``_ParseExtract`` is a callable class: each of the N actors builds one :class:`ArticleProcessor`
(the model is loaded once per actor, torch set to one thread) and runs the same code as the local
engines, so the rows are the same. The actors write the drafts into the build's draft dir
themselves, so only small :class:`BatchOutcome` rows travel back to the driver. On a cluster the
draft dir (inside ``--out``) and the parse cache must be on storage every node sees.

Why windows: a Ray Data pipeline built with ``from_items`` holds its input, and the task stream
may be a whole corpus; a window holds ``BATCHES_PER_ACTOR`` batches per actor (at most
``MAX_WINDOW``). Each window starts its own actor pool, so the model is loaded once per actor
per window: a few seconds against minutes of parsing.

Why fractional CPUs: actors that ask for whole CPUs can take every CPU of a small machine and
starve the tasks Ray Data itself needs (ray-project/ray#44687), so the pool asks for the CPUs
less ``RESERVED_CPUS``, shared among the actors.

Failures, mapped onto the local engines' retry-alone rule (``retries_for`` / ``lost_batch``):

- an exception in one article comes back in its batch's outcome, as with the other engines;
- an actor that dies (a crash, Ray's memory monitor, a lost node) is restarted by Ray, which then
  runs its task again (Ray Data's defaults, ``max_restarts=-1``, ``max_task_retries=-1``). An
  actor marks each task as started in the draft dir before running it, so the re-run sees that
  the task already cost an actor and reports the batch lost instead of running it again: every
  article of it is then retried alone in the next window, and one that is lost again alone is
  recorded as an error. (Re-running blindly would loop for ever on an article that kills its
  actor.) If Ray gives up on a task, Ray Data drops its block (``max_errored_blocks=-1`` on this
  dataset only) and the driver, seeing that the batch never came back, does the same;
- the time budget (``BuildOptions.time_budget``) and an explicit ``memory_limit`` are watched
  inside the actor; on an overrun the actor leaves a marker and exits, so the error row says
  ``timeout`` or ``memory`` rather than ``crash``. Without ``memory_limit``, memory is left to
  Ray's memory monitor (its kills are reported as ``crash``).
"""

from __future__ import annotations

import itertools
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from quotes.build.engines import lost_batch, retries_for
from quotes.build.options import BuildOptions, default_workers
from quotes.build.process import ArticleProcessor, BatchOutcome, BatchTask

RESERVED_CPUS = 0.5  # of the cluster's CPUs, left to Ray Data's own tasks
BATCHES_PER_ACTOR = 128  # per window: 2,048 articles per actor at 16 per batch
MAX_WINDOW = 4096  # batches per window, whatever the cluster size (bounds the driver's memory)
LOST_SUFFIX = ".lost"  # marker an actor leaves before it stops itself (timeout, memory)
STARTED_SUFFIX = ".started"  # marker of a task an actor began: a re-run after its death reports it lost
WATCH_SECONDS = 0.5
CRASH_MESSAGE = ("the Ray actor running it died (a crash, Ray's memory monitor, or a lost node; "
                 "see the Ray logs)")


def _rss() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


class _Watchdog:
    """Stops this actor when its current task overruns its time or memory budget.

    Ray has no timeout for an actor task, and killing the process is the only way to stop a
    parse stuck in native code; the marker file tells the driver why the batch was lost."""

    def __init__(self, draft_dir: Path, memory_limit: int | None):
        self.draft_dir = draft_dir
        self.memory_limit = memory_limit
        self.lock = threading.Lock()
        self.key: str | None = None
        self.deadline = 0.0
        self.budget = 0.0
        threading.Thread(target=self._watch, name="quotes-watchdog", daemon=True).start()

    def start(self, key: str, budget: float) -> None:
        with self.lock:
            self.key, self.budget, self.deadline = key, budget, time.monotonic() + budget

    def stop(self) -> None:
        with self.lock:
            self.key = None

    def _watch(self) -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            with self.lock:
                if self.key is None:
                    continue
                if time.monotonic() > self.deadline:
                    self._stop_actor("timeout", f"over the time budget of {self.budget:.0f} s")
                elif self.memory_limit and _rss() > self.memory_limit:
                    self._stop_actor("memory", f"actor memory over the limit of {self.memory_limit >> 20} MiB")

    def _stop_actor(self, kind: str, message: str) -> None:
        try:
            (self.draft_dir / f"{self.key}{LOST_SUFFIX}").write_text(f"{kind}\n{message}", encoding="utf-8")
        finally:
            os._exit(1)


class _ParseExtract:
    """The actor-pool stage: rows of pickled tasks in, rows of pickled outcomes out."""

    def __init__(self, options: BuildOptions, draft_dir: str, model_sha: str):
        import torch

        torch.set_num_threads(options.threads_per_worker or 1)
        self.options = options
        self.draft_dir = Path(draft_dir)
        if not self.draft_dir.is_dir():
            raise RuntimeError(
                f"the build's draft dir {draft_dir} is not visible on node {os.uname().nodename}: "
                "on a Ray cluster, --out must be on storage that every node mounts at the same path")
        self.processor = ArticleProcessor(options, draft_dir)
        from quotes.build import gc_settings

        gc_settings.tune_for_parsing()  # an actor only parses
        if self.processor.info.sha256 != model_sha:
            raise RuntimeError(
                f"node {os.uname().nodename} has another model ({self.processor.info.model_id}, sha "
                f"{self.processor.info.sha256[:12]}) than the build ({model_sha[:12]}): install the same "
                "quotes version (and --stanza-dir models) on every node")
        self.watchdog = _Watchdog(self.draft_dir, options.memory_limit)

    def __call__(self, batch):
        import pyarrow as pa

        rows = [self._run(pickle.loads(blob)) for blob in batch.column("task").to_pylist()]
        return pa.table({"key": pa.array([r[0] for r in rows], pa.string()),
                         "outcome": pa.array([r[1] for r in rows], pa.binary()),
                         "kind": pa.array([r[2] for r in rows], pa.string()),
                         "error": pa.array([r[3] for r in rows], pa.string())})

    def _run(self, task: BatchTask) -> tuple[str, bytes | None, str | None, str | None]:
        """(key, pickled outcome, None, None), or (key, None, kind, message) for a lost batch."""
        started = self.draft_dir / f"{task.key}{STARTED_SUFFIX}"
        if started.exists():  # Ray re-runs a task whose actor died running it
            return (task.key, None, *lost_reason(self.draft_dir, task.key))
        started.touch()
        self.watchdog.start(task.key, self.options.time_budget(len(task.articles)))
        try:
            outcome = self.processor.run(task)
        except Exception as exc:  # noqa: BLE001 - the batch is lost, its articles retried alone
            return task.key, None, "exception", f"{type(exc).__name__}: {exc}"
        finally:
            self.watchdog.stop()
        started.unlink(missing_ok=True)  # a re-run now would only rewrite the same draft
        return task.key, pickle.dumps(outcome), None, None


def lost_reason(draft_dir: Path, key: str) -> tuple[str, str]:
    """Why a batch was lost: the marker its actor left before stopping itself, else a crash."""
    try:
        kind, message = (draft_dir / f"{key}{LOST_SUFFIX}").read_text(encoding="utf-8").split("\n", 1)
    except (OSError, ValueError):
        return "crash", CRASH_MESSAGE
    return kind, message


def _absolute(path: str | None) -> str | None:
    return str(Path(path).expanduser().resolve()) if path else None


def _model_info(options: BuildOptions):
    from quotes.nlp.pipeline import get_pipeline

    return get_pipeline(options.model, options.stanza_dir)[1]


class RayEngine:
    """The engine protocol (``info``, ``run``, ``close``) on Ray Data.

    ``address``: a running cluster (``ray://host:10001`` or ``host:6379``); without it, a Ray the
    caller already started is used, else ``RAY_ADDRESS``, else a local Ray on this machine's cores.
    A Ray this engine started is shut down by :meth:`close`; one the caller started is left alone.
    ``options.workers`` actors (0: one per CPU of the cluster).
    """

    def __init__(self, options: BuildOptions, draft_dir: Path, *, address: str | None = None,
                 window: int | None = None):
        import ray

        # Workers on other nodes do not share this process's working directory.
        self.options = replace(options, cache_dir=_absolute(options.cache_dir),
                               stanza_dir=_absolute(options.stanza_dir))
        self.draft_dir = Path(draft_dir).resolve()
        self.owns_ray = not ray.is_initialized()
        if self.owns_ray:
            if address:
                ray.init(address=address, logging_level="WARNING")
            elif os.environ.get("RAY_ADDRESS"):
                ray.init(logging_level="WARNING")
            else:
                ray.init(address="local", num_cpus=default_workers(), include_dashboard=False,
                         logging_level="WARNING")
        try:
            cpus = float(ray.cluster_resources().get("CPU", 1.0))
            self.n_actors = options.workers or max(1, int(cpus))
            self.actor_cpus = round(max(0.01, min(1.0, (cpus - RESERVED_CPUS) / self.n_actors)), 3)
            self.window = window or min(MAX_WINDOW, BATCHES_PER_ACTOR * self.n_actors)
            # One model load before any work: it fails early when the cluster cannot load the model,
            # and the actors check they load the same one.
            probe = ray.remote(num_cpus=self.actor_cpus, max_retries=0)(_model_info)
            self.info = ray.get(probe.remote(self.options))
        except BaseException:
            self.close()
            raise

    def run(self, tasks: Iterable[BatchTask]) -> Iterator[BatchOutcome]:
        source = iter(tasks)
        retries: deque[BatchTask] = deque()
        while True:
            window = [retries.popleft() for _ in range(min(len(retries), self.window))]
            window.extend(itertools.islice(source, self.window - len(window)))
            if not window:
                return
            for outcome, again in self._run_window(window):
                retries.extend(again)
                yield outcome

    def _run_window(self, window: list[BatchTask]) -> Iterator[tuple[BatchOutcome, list[BatchTask]]]:
        import ray

        by_key = {t.key: t for t in window}
        ds = ray.data.from_items([{"key": t.key, "task": pickle.dumps(t)} for t in window],
                                 override_num_blocks=len(window))
        ds = ds.map_batches(
            _ParseExtract, batch_size=1, batch_format="pyarrow",
            fn_constructor_args=(self.options, str(self.draft_dir), self.info.sha256),
            compute=ray.data.ActorPoolStrategy(size=min(self.n_actors, len(window)),
                                               max_tasks_in_flight_per_actor=1),
            num_cpus=self.actor_cpus)
        ctx = ds.context
        ctx.max_errored_blocks = -1  # a task Ray gave up on: its batch is retried alone below
        ctx.enable_progress_bars = False
        ctx.print_on_execution_start = False
        for row in ds.iter_rows():
            task = by_key.pop(row["key"])
            if row["outcome"] is None:
                yield lost_batch(task, row["kind"], row["error"])
            else:
                yield retries_for(task, pickle.loads(row["outcome"]))
        for task in by_key.values():  # never came back
            yield lost_batch(task, *lost_reason(self.draft_dir, task.key))

    def close(self) -> None:
        import ray

        if self.owns_ray and ray.is_initialized():
            ray.shutdown()
        self.owns_ray = False
