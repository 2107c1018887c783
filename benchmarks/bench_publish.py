"""Benchmark: peak RSS of the build's writing alone (second pass, parts, validation), no parse.

Usage: python benchmarks/bench_publish.py [--sizes 1000,20000,100000] [--base DIR] [--json]

A build's coordinator, after its workers are done, only reads drafts back: ``assemble`` runs the
cross-article pass, writes the parts and validates and publishes the version. This replays that on
N articles without parsing anything: the drafts are copies of the rows of a real version (``--base``;
by default one built once with ``--workers 2`` from the 80-150-word real news passages of
``bench_scale.py``, kept in ``--base``). Copy k of an article gets its own article id, and its
quotes the ids the build would give them, so speakers and statements link across copies as they do
in ``bench_scale.py``'s corpus of copied passages. Each size runs in a fresh process; it reports
that process's peak RSS, and its peak before validation started (what the second pass and the
writing reached), so the validator's share is visible.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def make_base(base: Path) -> None:
    """A real version of the distinct passages of ``bench_scale.py`` (parsed once, ~1-2 min)."""
    from bench_scale import corpus, windows

    from quotes.build import build

    base.mkdir(parents=True, exist_ok=True)
    src = corpus(len(windows()), base / "passages.jsonl")
    build([str(src)], base / "dataset", use_cache=False, workers=2, command=["bench_publish"])


def write_drafts(base: str, n: str, draft_dir: str) -> None:
    """Drafts of ``n`` articles, batches of the build's size, copied round-robin from ``base``."""
    n = int(n)
    import pyarrow.parquet as pq

    from quotes.build.options import DEFAULT_BATCH_ARTICLES
    from quotes.build.parent import RECOMPUTED
    from quotes.build.process import DRAFT_SUFFIX, write_draft
    from quotes.dataset import resolve_version, table_files
    from quotes.ids import stable_id

    vdir = resolve_version(Path(base) / "dataset")
    arts = [a for f in table_files(vdir, "articles") for a in pq.read_table(f).to_pylist()]
    quotes: dict[str, list[dict]] = {}
    for f in table_files(vdir, "quotes"):
        for q in pq.read_table(f).to_pylist():
            for k in RECOMPUTED:
                q.pop(k)
            quotes.setdefault(q["article_id"], []).append(q)
    out = Path(draft_dir)
    out.mkdir(parents=True, exist_ok=True)
    for first in range(0, n, DEFAULT_BATCH_ARTICLES):
        batch_arts, batch_quotes = [], []
        for seq in range(first, min(n, first + DEFAULT_BATCH_ARTICLES)):
            src = arts[seq % len(arts)]
            copy = seq // len(arts)
            aid = stable_id("a", src["article_id"], copy)
            batch_arts.append(dict(src, article_id=aid, source_id=f"{src['source_id']}-{copy}",
                                   source_path=f"{src['source_path']}#{copy}", _seq=seq))
            for q in quotes.get(src["article_id"], []):
                batch_quotes.append(dict(q, article_id=aid, _seq=seq,
                                         quote_id=stable_id("q", aid, q["type"], str(q["start"]), str(q["end"]))))
        write_draft(out / f"{first:09d}{DRAFT_SUFFIX}", batch_arts, batch_quotes)


def run_assemble(draft_dir: str, out: str) -> dict:
    """``assemble`` as the build calls it; peak RSS overall and before validation started."""
    import resource
    import time

    import quotes.build.engines  # noqa: F401 - what a build's coordinator has imported by then
    import quotes.build.parent  # noqa: F401
    import quotes.build.small  # noqa: F401
    import quotes.build.workdir  # noqa: F401
    import quotes.ingest  # noqa: F401
    from quotes.build.assemble import assemble
    from quotes.build.options import BuildOptions
    from quotes.build.process import DRAFT_SUFFIX
    from quotes.dataset import version_writer

    def peak() -> float:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    marks = {"after_imports_mb": peak()}
    validate = version_writer.validate_version

    def timed_validate(path):
        marks["before_validate_mb"] = peak()
        t = time.perf_counter()
        report = validate(path)
        marks["validate_s"] = time.perf_counter() - t
        return report

    version_writer.validate_version = timed_validate
    drafts = sorted(str(p) for p in Path(draft_dir).glob(f"*{DRAFT_SUFFIX}"))
    t = time.perf_counter()
    written = assemble(Path(out), drafts, None, {"command": ["bench_publish"]}, BuildOptions(),
                       Path(out) / "second-pass")
    return {**marks, "seconds": time.perf_counter() - t, "peak_mb": peak(), "articles": written.n_articles,
            "quotes": written.n_quotes, "speakers": written.n_speakers, "statements": written.n_statements}


def _child(fn: str, *args: str) -> dict:
    code = (f"import json, sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); sys.path.insert(0, {str(ROOT)!r});"
            f"from bench_publish import {fn} as f; r = f(*{list(args)!r}); print(json.dumps(r))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,20000,100000")
    ap.add_argument("--base", default=str(Path(tempfile.gettempdir()) / "bench-publish-base"),
                    help="a dir holding a real version under dataset/ (built there if absent)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    base = Path(args.base)
    if not (base / "dataset").is_dir():
        make_base(base)
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-publish-") as d:
        for n in (int(x) for x in args.sizes.split(",")):
            drafts, out = Path(d) / f"drafts-{n}", Path(d) / f"out-{n}"
            _child("write_drafts", str(base), str(n), str(drafts))
            r = _child("run_assemble", str(drafts), str(out))
            rows.append(r)
            first = rows[0]
            if not args.json:
                print(f"{r['articles']:>7} articles {r['quotes']:>7} quotes: {r['seconds']:6.1f} s "
                      f"(validate {r['validate_s']:5.1f} s), peak RSS {r['peak_mb']:5.0f} MB "
                      f"({r['peak_mb'] / first['peak_mb']:.2f}x the first), before validation "
                      f"{r['before_validate_mb']:5.0f} MB, after imports {r['after_imports_mb']:4.0f} MB", flush=True)
            subprocess.run(["rm", "-rf", str(drafts), str(out)], check=False)
    if args.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
