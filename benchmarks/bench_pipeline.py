"""Benchmark: Stanza parse vs quote extraction + attribution, measured in one run.

Usage: python benchmarks/bench_pipeline.py [INPUT ...] [--repeat N] [--json]
Defaults to ../shared/seeds (if present) and examples/. Reports tokens/s of the full Stanza
pipeline on this machine, the cost of extraction + attribution as a fraction of parse time
(target: <= 10%), model load time, and peak resident memory.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.build import quotes_for  # noqa: E402
from quotes.ingest import read_inputs  # noqa: E402
from quotes.nlp.pipeline import get_pipeline, parse_text  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--repeat", type=int, default=3, help="Extraction repeats (it is fast; averages noise).")
    ap.add_argument("--model", default="embedded")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    inputs = args.inputs or [p for p in (ROOT.parent / "shared" / "seeds", ROOT / "examples") if p.exists()]
    articles, errors = read_inputs([str(p) for p in inputs])

    t0 = time.perf_counter()
    pipe, info = get_pipeline(args.model)
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    docs = [parse_text(pipe, a.text, info.model_id) for a in articles]
    parse_s = time.perf_counter() - t0
    n_tokens = sum(len(s.tokens) for d in docs for s in d.sentences)

    t0 = time.perf_counter()
    n_quotes = 0
    for _ in range(args.repeat):
        n_quotes = sum(len(quotes_for(a, d)) for a, d in zip(articles, docs))
    extract_s = (time.perf_counter() - t0) / args.repeat

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result = {
        "model": info.model_id, "articles": len(articles), "tokens": n_tokens, "quotes": n_quotes,
        "model_load_s": round(load_s, 2), "parse_s": round(parse_s, 3),
        "parse_tokens_per_s": round(n_tokens / parse_s, 1),
        "extract_attribute_s": round(extract_s, 4),
        "extract_vs_parse_ratio": round(extract_s / parse_s, 4),
        "peak_rss_mb": round(peak_mb, 1),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:>24}: {v}")


if __name__ == "__main__":
    main()
