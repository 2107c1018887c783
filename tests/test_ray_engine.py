"""The Ray Data engine: same rows and ids as the inline engine, and the retry-alone rule kept.

The tests that need Ray share one local Ray (``ray.init(num_cpus=2)``), started once for this module
and stopped after it, so its processes do not linger through the rest of the suite (move the
fixture to conftest.py, session-scoped, when other modules need Ray).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, shared_path

ray = pytest.importorskip("ray", reason="ray is not installed (the optional extra: pip install 'quotes[ray]')")
pytest.importorskip("ray.data", reason="ray is installed without Ray Data (pip install 'quotes[ray]')")

from quotes.build import BuildOptions, build  # noqa: E402
from quotes.build.process import BatchOutcome, BatchTask  # noqa: E402
from quotes.build.ray_engine import LOST_SUFFIX, STARTED_SUFFIX, RayEngine, _ParseExtract  # noqa: E402
from quotes.dataset import open_dataset  # noqa: E402
from quotes.ingest import read_inputs  # noqa: E402

TABLE_KEYS = {"articles": "article_id", "quotes": "quote_id", "speakers": "speaker_id",
              "statements": "statement_id"}


@pytest.fixture(scope="module")
def local_ray():
    """One local Ray for these tests; left alone if the caller already started one."""
    if ray.is_initialized():
        yield ray
        return
    ray.init(num_cpus=2, include_dashboard=False, logging_level="WARNING")
    yield ray
    ray.shutdown()


def _inputs() -> list[str]:
    """32 articles, all CC-BY or fictional: the bundled examples, the seeds and GUM's Wikinews."""
    return [str(ROOT / "examples" / "articles.jsonl"), str(ROOT / "examples" / "harbor-bridge.txt"),
            str(ROOT / "examples" / "water-rates.html"), str(shared_path("seeds")),
            str(shared_path("eval", "gum-news", "articles.jsonl"))]


def _sorted_rows(version_dir: Path) -> dict[str, list[dict]]:
    ds = open_dataset(version_dir)
    return {t: ds[t].sort(key).to_dicts() for t, key in TABLE_KEYS.items()}


def test_ray_engine_gives_the_inline_rows(local_ray, tmp_path):
    inputs = _inputs()
    cache = tmp_path / "cache"
    options = BuildOptions(batch_articles=4)  # 8 batches for 2 actors: queueing, not one batch each
    # Ray first, on an empty cache: its actors parse for real; the inline build then reads their parses.
    on_ray = build(inputs, tmp_path / "ray", engine="ray", workers=2, cache_dir=cache, options=options)
    parsed_by_ray = sum(1 for _ in cache.rglob("*.json"))
    inline = build(inputs, tmp_path / "inline", cache_dir=cache, options=options)

    assert ray.is_initialized(), "the engine shut down a Ray it did not start"
    assert on_ray.errors == [] and inline.errors == []
    assert on_ray.n_articles == inline.n_articles == 32
    assert parsed_by_ray == 32 and on_ray.n_parsed == 32
    assert on_ray.model.sha256 == inline.model.sha256
    assert on_ray.n_quotes > 200 and on_ray.n_speakers > 50 and on_ray.n_statements > 0
    assert open_dataset(on_ray.version_dir).manifest["build"]["engine"] == "ray"

    a, b = _sorted_rows(on_ray.version_dir), _sorted_rows(inline.version_dir)
    for table in TABLE_KEYS:
        assert len(a[table]) == len(b[table]), table
        for row_ray, row_inline in zip(a[table], b[table]):
            assert row_ray == row_inline, table


# The actor's bookkeeping, run in this process (the session's pipeline is loaded once): a task that
# already cost an actor is reported lost, not run again, whatever Ray's own retries do.

@pytest.fixture
def keep_threads():
    """The stage sets torch to 1 thread, as an actor should; this process gets its own back."""
    import torch

    threads = torch.get_num_threads()
    yield
    torch.set_num_threads(threads)


@pytest.fixture
def stage(nlp, tmp_path, keep_threads):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    _, info = nlp
    return _ParseExtract(BuildOptions(), str(drafts), info.sha256), drafts


def _task(key: str) -> BatchTask:
    articles, _ = read_inputs([str(ROOT / "examples" / "articles.jsonl")])
    articles = tuple(articles)
    return BatchTask(key, articles, tuple(range(len(articles))))


def test_actor_runs_a_task_once_and_reports_a_rerun_lost(stage):
    import pickle

    fn, drafts = stage
    task = _task("000000000")
    key, blob, kind, _ = fn._run(task)
    outcome = pickle.loads(blob)
    assert key == task.key and kind is None
    assert outcome.n_articles == 2 and outcome.n_quotes > 0 and Path(outcome.draft).exists()
    assert not (drafts / f"{task.key}{STARTED_SUFFIX}").exists()

    # the actor died while running this task (its start marker is there) and Ray runs it again
    dead = _task("000000002")
    (drafts / f"{dead.key}{STARTED_SUFFIX}").touch()
    assert fn._run(dead)[1:3] == (None, "crash")
    # the watchdog stopped the actor and said why
    (drafts / f"{dead.key}{LOST_SUFFIX}").write_text("timeout\nover the time budget of 60 s")
    assert fn._run(dead)[1:] == (None, "timeout", "over the time budget of 60 s")
    assert not list(drafts.glob(f"{dead.key}*.draft.pkl"))


def test_actor_refuses_another_model(nlp, tmp_path, keep_threads):
    with pytest.raises(RuntimeError, match="another model"):
        _ParseExtract(BuildOptions(), str(tmp_path), "0" * 64)


def test_actor_refuses_a_draft_dir_it_cannot_see(tmp_path, keep_threads):
    with pytest.raises(RuntimeError, match="storage that every node mounts"):
        _ParseExtract(BuildOptions(), str(tmp_path / "elsewhere"), "0" * 64)


def test_run_feeds_windows_lazily_retries_first(tmp_path):
    """The driver's loop on its own: a window never pulls more than its size from the stream, and
    retries (of failures and lost batches) lead the next window, the last ones in a window of their own."""
    engine = RayEngine.__new__(RayEngine)
    engine.window = 3
    pulled: list[str] = []
    windows: list[list[str]] = []

    def tasks():
        for i in range(7):
            pulled.append(f"b{i}")
            yield BatchTask(f"b{i}", (), ())

    def run_window(window):
        windows.append([t.key for t in window])
        fresh = sum(1 for w in windows for k in w if "-r" not in k)
        assert len(pulled) == fresh  # nothing read ahead of the window
        for t in window:
            retry = [BatchTask(f"{t.key}-r000", (), (), attempt=1)] if t.key in ("b1", "b6") else []
            yield BatchOutcome(t.key, None), retry

    engine._run_window = run_window
    keys = [o.key for o in engine.run(tasks())]
    assert windows == [["b0", "b1", "b2"], ["b1-r000", "b3", "b4"], ["b5", "b6"], ["b6-r000"]]
    assert sorted(keys) == sorted(k for w in windows for k in w)
