"""Crash safety under chaos: a build killed with SIGKILL at random moments never damages what was
published, and a rerun resumes from the parse cache and ends with the rows of an undisturbed build."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from quotes.build import build
from quotes.dataset import open_dataset, validate
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples"
TABLES = ("articles", "quotes", "speakers", "statements")


def _versions(out):
    return sorted(p.name for p in out.iterdir() if p.name.startswith("v"))


def _rows(out):
    ds = open_dataset(out)
    return {t: ds[t].sort(ds[t].columns[0]) for t in TABLES}


def _cache_entries(out):
    return sum(1 for _ in (out / ".cache").rglob("*.json")) if (out / ".cache").exists() else 0


def test_sigkill_at_random_moments_then_resume(tmp_path):
    reference = build([str(EXAMPLES)], tmp_path / "ref", use_cache=False, command=["test"])
    out = tmp_path / "q"
    build([str(EXAMPLES / "articles.jsonl")], out, command=["test"])
    cmd = [sys.executable, "-m", "quotes.cli", "build", str(EXAMPLES), "--out", str(out), "--workers", "0"]
    cached = []
    for seed in (1, 2, 3):
        before = _versions(out)
        latest = (out / "LATEST").read_text()
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        if seed == 3:  # this one lands mid-parse: after a new cache entry, before the build ends
            n0, t0 = _cache_entries(out), time.monotonic()
            while _cache_entries(out) == n0 and proc.poll() is None and time.monotonic() - t0 < 120:
                time.sleep(0.05)
        time.sleep(random.Random(seed).uniform(0.0, 6.0 if seed < 3 else 0.3))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = _versions(out)
        # Either the kill came first and nothing changed, or the build had finished one whole version.
        assert after[: len(before)] == before and len(after) - len(before) in (0, 1)
        if after == before:
            assert (out / "LATEST").read_text() == latest
        for v in after:
            report = validate(out / v)
            assert report.ok, report
        assert validate(out).ok
        cached.append(_cache_entries(out))
    rerun = build([str(EXAMPLES)], out, command=["test"])
    assert validate(out).ok
    for t, frame in _rows(rerun.version_dir).items():
        assert frame.equals(_rows(reference.version_dir)[t]), t
    assert cached == sorted(cached), "the parse cache lost entries across kills"
    assert cached[-1] >= 1, "the killed builds cached no parse to resume from"
    assert rerun.timings["parse"] < reference.timings["parse"]
