"""The build as a stream: engines agree row for row, workers isolate failures, append reuses rows.

Worker tests spawn real worker processes that load the embedded model (a few seconds each); they
share one parse cache so that only the first build of an input pays for the parse.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal

import polars as pl
import pytest

from quotes.build import BuildOptions, build
from quotes.dataset import open_dataset, validate
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
TABLES = ("articles", "quotes", "speakers", "statements")


def tables(out) -> dict[str, pl.DataFrame]:
    ds = open_dataset(out)
    return {t: ds[t] for t in TABLES}


def assert_same_rows(a, b) -> None:
    for t in TABLES:
        x, y = a[t], b[t]
        assert x.columns == y.columns, t
        key = x.columns[0]
        assert x.sort(key).equals(y.sort(key)), f"{t} differs"


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("parse-cache")


@pytest.fixture(scope="module")
def inline(tmp_path_factory, cache):
    out = tmp_path_factory.mktemp("inline") / "q"
    build([str(EXAMPLES)], out, cache_dir=cache, command=["test"])
    return out


def test_workers_give_the_same_rows_as_inline(inline, cache, tmp_path):
    res = build([str(EXAMPLES)], tmp_path / "q", cache_dir=cache, workers=2, command=["test"])
    assert res.n_articles == 4 and not res.errors
    assert_same_rows(tables(inline), tables(tmp_path / "q"))
    for t in TABLES:  # same rows in the same order: the same bytes
        a = sorted((inline / "v0001").glob(f"{t}*")) or sorted((inline / "v0001" / t).glob("*.parquet"))
        assert a, t


def test_killed_workers_are_replaced_and_their_articles_retried(inline, cache, tmp_path):
    """SIGKILL every worker after the first finished batch: the lost batches are retried alone in
    fresh workers (a transient fault), and the build ends with the rows of an undisturbed one."""
    killed = []

    def kill_workers(outcome):
        if not killed:
            for child in mp.active_children():
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)

    res = build([str(EXAMPLES)], tmp_path / "q", cache_dir=cache, workers=2, command=["test"],
                options=BuildOptions(batch_articles=1), on_batch=kill_workers)
    assert killed
    assert not res.errors, res.errors
    assert_same_rows(tables(inline), tables(tmp_path / "q"))


def test_an_article_over_its_time_budget_is_an_error_not_a_lost_build(cache, tmp_path):
    res = build([str(EXAMPLES / "articles.jsonl")], tmp_path / "q", use_cache=False, workers=1,
                command=["test"], options=BuildOptions(article_seconds=0.0, batch_seconds=0.0))
    assert res.n_articles == 0
    assert res.errors and {e.kind for e in res.errors} == {"timeout"}
    assert len(res.errors) == res.accounting["failed"] >= 2
    man = json.loads((res.version_dir / "manifest.json").read_text())
    assert {e["kind"] for e in man["errors"]} == {"timeout"}
    assert validate(tmp_path / "q").ok


def test_a_worker_over_its_memory_limit_is_stopped(cache, tmp_path):
    res = build([str(EXAMPLES / "harbor-bridge.txt")], tmp_path / "q", use_cache=False, workers=1,
                command=["test"], options=BuildOptions(memory_limit=64 << 20))
    assert res.n_articles == 0
    assert [e.kind for e in res.errors] == ["memory"]
    assert "harbor-bridge.txt" in res.errors[0].source_path
    assert validate(tmp_path / "q").ok


def test_an_article_that_raises_is_retried_alone_then_recorded(cache, tmp_path, monkeypatch):
    import quotes.build.process as qp

    real = qp.quotes_for
    calls = []

    def flaky(article, doc):
        calls.append(article.source_id)
        if "harbor" in article.source_path:
            raise ValueError("poisoned input")
        return real(article, doc)

    monkeypatch.setattr(qp, "quotes_for", flaky)
    res = build([str(EXAMPLES)], tmp_path / "q", cache_dir=cache, command=["test"])
    assert [e.kind for e in res.errors] == ["exception"]
    assert "poisoned input" in res.errors[0].message and "harbor-bridge" in res.errors[0].source_path
    assert sum("harbor" in c for c in calls) == 2  # once in its batch, once alone
    assert res.n_articles == 3 and res.accounting["failed"] == 1


def test_append_parses_only_new_articles_and_equals_a_full_build(cache, tmp_path, monkeypatch):
    import quotes.build.parent as parent_mod

    out = tmp_path / "q"
    first = build([str(EXAMPLES / "articles.jsonl")], out, cache_dir=cache, command=["test"])
    monkeypatch.setattr(parent_mod, "QUOTES_PER_RUN", 2)  # the parent's quotes come back in several runs
    grown = build([str(EXAMPLES / "harbor-bridge.txt"), str(EXAMPLES / "articles.jsonl")], out,
                  cache_dir=cache, append=True, command=["test"])
    assert grown.parent == first.version_dir.name
    assert grown.n_parsed == 1  # the JSONL articles are in the parent: duplicates, not parsed
    assert grown.n_articles == first.n_articles + 1
    assert grown.accounting["duplicate"] == first.n_articles
    full = build([str(EXAMPLES / "articles.jsonl"), str(EXAMPLES / "harbor-bridge.txt")], tmp_path / "full",
                 cache_dir=cache, command=["test"])
    assert_same_rows(tables(full.version_dir), tables(grown.version_dir))
    man = json.loads((grown.version_dir / "manifest.json").read_text())
    assert man["append"] == {"parent": "v0001", "reused": True, "reason": man["append"]["reason"]}


def test_append_after_a_version_change_parses_everything_again(cache, tmp_path, monkeypatch):
    out = tmp_path / "q"
    first = build([str(EXAMPLES / "articles.jsonl")], out, cache_dir=cache, command=["test"])
    import quotes.dataset.manifest as man_mod

    monkeypatch.setattr(man_mod, "quotes_version", lambda: "0.0.0+other")
    grown = build([str(EXAMPLES / "harbor-bridge.txt")], out, cache_dir=cache, append=True, command=["test"])
    assert grown.n_parsed == first.n_articles + 1
    man = json.loads((grown.version_dir / "manifest.json").read_text())
    assert man["append"]["reused"] is False and "quotes version changed" in man["append"]["reason"]


def test_a_small_append_parses_in_process_and_equals_a_full_build(cache, tmp_path, monkeypatch):
    """--workers 2 on an append of one article starts no worker (their start-up would cost more
    than the parse) and still gives the rows of a full build."""
    import quotes.build.engines as engines_mod

    out = tmp_path / "q"
    build([str(EXAMPLES / "articles.jsonl")], out, cache_dir=cache, command=["test"])

    def no_workers(*a, **k):
        raise AssertionError("an append of one article started worker processes")

    monkeypatch.setattr(engines_mod.ProcessEngine, "__init__", no_workers)
    grown = build([str(EXAMPLES / "harbor-bridge.txt")], out, cache_dir=cache, workers=2, append=True,
                  command=["test"])
    assert grown.n_parsed == 1
    man = json.loads((grown.version_dir / "manifest.json").read_text())
    assert man["build"]["workers"] == 0 and man["append"]["reused"] is True
    full = build([str(EXAMPLES / "articles.jsonl"), str(EXAMPLES / "harbor-bridge.txt")], tmp_path / "full",
                 cache_dir=cache, command=["test"])
    assert_same_rows(tables(full.version_dir), tables(grown.version_dir))


def test_a_small_append_onto_a_stale_parent_goes_back_to_workers(cache, tmp_path, monkeypatch):
    """When the parent's rows cannot be reused, its articles are parsed again: a corpus, so the
    build leaves the in-process engine for the one asked for."""
    import quotes.build as build_mod
    import quotes.dataset.manifest as man_mod
    from quotes.build.engines import InlineEngine

    out = tmp_path / "q"
    first = build([str(EXAMPLES / "articles.jsonl")], out, cache_dir=cache, command=["test"])
    monkeypatch.setattr(man_mod, "quotes_version", lambda: "0.0.0+other")
    made = []

    def make_engine(engine, options, draft_dir, ray_address):
        made.append(options.workers)
        return InlineEngine(options, draft_dir)  # stands in for the workers (no model load per test)

    monkeypatch.setattr(build_mod, "_make_engine", make_engine)
    grown = build([str(EXAMPLES / "harbor-bridge.txt")], out, cache_dir=cache, workers=2, append=True,
                  command=["test"])
    assert made == [2]
    assert grown.n_parsed == first.n_articles + 1
    man = json.loads((grown.version_dir / "manifest.json").read_text())
    assert man["build"]["workers"] == 2 and man["append"]["reused"] is False


def test_few_new_articles_peeks_without_losing_records():
    from types import SimpleNamespace as NS

    from quotes.build.small import few_new_articles

    recs = [NS(article=NS(article_id=f"a{i}")) for i in range(10)] + [NS(article=None)]
    small, again = few_new_articles(iter(recs), seen={"a0": "x", "a1": "y"}, limit=8)
    assert small and list(again) == recs
    small, again = few_new_articles(iter(recs), seen={}, limit=3)
    assert not small and list(again) == recs
    small, again = few_new_articles(iter(recs), seen={f"a{i}": "" for i in range(10)}, max_records=5)
    assert not small and list(again) == recs  # never holds more than max_records


def test_parts_cut_by_bytes_and_tiny_partitions_give_the_same_rows(inline, cache, tmp_path):
    """The coordinator's memory bounds (a part closes at ``part_bytes``, the second pass runs on
    ``rows_per_partition`` rows at a time) change the shard layout only, never a row or an id."""
    from quotes.dataset import table_files

    res = build([str(EXAMPLES)], tmp_path / "q", cache_dir=cache, command=["test"],
                options=BuildOptions(part_bytes=1, rows_per_partition=2, batch_articles=1))
    assert len(table_files(res.version_dir, "articles")) == res.n_articles == 4  # a part per batch
    assert len(table_files(res.version_dir, "quotes")) > 1
    assert_same_rows(tables(inline), tables(tmp_path / "q"))
