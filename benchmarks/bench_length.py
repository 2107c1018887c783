"""Benchmark: cost of ONE article as it grows (10 KB, 100 KB, 1 MB, 3 MB), per stage (issue #21).

Usage: python benchmarks/bench_length.py [--stages ingest,extract[,parse]] [--sizes 10k,100k,1m,3m]
                                         [--source ARTICLES.jsonl] [--cache DIR] [--json]

News-like text is built at run time from real articles (default: ../shared/eval/gum-news/
articles.jsonl, read, never copied): their paragraphs repeated, each copy made unique by a
varying lead-in ("Update 17: ..."), joined into one article of the wanted size.

Stages, each measured in a fresh subprocess so the peak RSS belongs to that one article:
- ingest:  the article as a .txt file through ``quotes.ingest.iter_inputs``;
- extract: extraction + attribution (``quotes.build.quotes_for``) on a parse of the article.
           Without the parse stage the parse is the real parse of the source articles, tiled
           to the size (offsets shifted), so this stage runs without parsing megabytes;
- parse:   the Stanza parse of the whole article, then extraction on that parse (slow; opt-in).
Each stage runs once on a 2 KB article first, so one-time costs (lexicons, model warm-up) are
not counted as the article's.
Prints seconds, seconds per MB and peak RSS per stage and size, and for each stage the spread of
seconds-per-MB across sizes (max / min; issue #21 asks for <= 2).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_SOURCE = ROOT.parent / "shared" / "eval" / "gum-news" / "articles.jsonl"
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "3m": 3_000_000}


def _status(field: str) -> int:
    """A memory figure of this process from /proc, in KB (0 where /proc is missing)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark to the current RSS (Linux), so the peak is this stage's."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def source_articles(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def news_like(texts: list[str], n_chars: int) -> str:
    """Paragraphs of real articles, repeated with a per-copy lead-in, up to ``n_chars``."""
    paragraphs = [p.strip() for t in texts for p in t.split("\n\n") if len(p.split()) >= 8]
    out, size, k = [], 0, 0
    while size < n_chars:
        p = f"Update {k}: {paragraphs[k % len(paragraphs)]}"
        out.append(p)
        size += len(p) + 2
        k += 1
    return "\n\n".join(out)[:n_chars].rsplit(" ", 1)[0] + "."


def tile_docs(docs, n_chars: int):
    """One ParsedDoc of about ``n_chars``: the parsed articles one after another, offsets shifted."""
    from quotes.types import ParsedDoc, Sentence

    texts, sentences, offset, k = [], [], 0, 0
    while offset < n_chars:
        d = docs[k % len(docs)]
        k += 1
        for s in d.sentences:
            toks = tuple(replace(t, start=t.start + offset, end=t.end + offset) for t in s.tokens)
            sentences.append(Sentence(len(sentences), s.start + offset, s.end + offset, toks))
        texts.append(d.text)
        offset += len(d.text) + 2
    return ParsedDoc("\n\n".join(texts), tuple(sentences), docs[0].model_id)


def _pipeline(cache_dir: str | None):
    from quotes.nlp.cache import ParseCache
    from quotes.nlp.pipeline import get_pipeline

    pipe, info = get_pipeline("embedded")
    return pipe, info, (ParseCache(cache_dir, info.sha256) if cache_dir else None)


def _parsed_sources(texts: list[str], cache_dir: str | None):
    from quotes.nlp.pipeline import parse_text

    pipe, info, cache = _pipeline(cache_dir)
    docs = []
    for t in texts:
        doc = cache.get(t) if cache else None
        if doc is None:
            doc = parse_text(pipe, t, info.model_id)
            if cache:
                cache.put(doc)
        docs.append(doc)
    return docs


def run_one(stage: str, n_chars: int, source: Path, cache_dir: str | None) -> dict:
    """Measure one stage on one article of ``n_chars`` (in this process)."""
    from quotes.build import quotes_for
    from quotes.ingest import iter_inputs
    from quotes.types import Article

    texts = source_articles(source)
    extra: dict = {}
    if stage == "ingest":
        text = news_like(texts, n_chars)
        folder = Path(tempfile.mkdtemp(prefix="bench-length-"))
        path = folder / "article.txt"
        path.write_text(text, encoding="utf-8")
        work = lambda: [r.outcome for r in iter_inputs([path])]  # noqa: E731
        warm = folder / "warm.txt"
        warm.write_text(news_like(texts, 2_000), encoding="utf-8")
        warm_up = lambda: list(iter_inputs([warm]))  # noqa: E731
        size = len(text.encode("utf-8"))
    elif stage == "extract":
        sources = _parsed_sources(texts, cache_dir)
        doc = tile_docs(sources, n_chars)
        article = Article("a_bench", "bench", "bench.txt", doc.text, "")
        work = lambda: len(quotes_for(article, doc))  # noqa: E731
        warm_up = lambda: quotes_for(Article("a_w", "w", "w.txt", sources[0].text, ""), sources[0])  # noqa: E731
        size = len(doc.text.encode("utf-8"))
        extra["sentences"] = len(doc.sentences)
    elif stage == "parse":
        from quotes.nlp.pipeline import parse_text

        pipe, info, _ = _pipeline(None)
        text = news_like(texts, n_chars)
        article = Article("a_bench", "bench", "bench.txt", text, "")
        warm_text = news_like(texts, 2_000)
        warm_up = lambda: quotes_for(Article("a_w", "w", "w.txt", warm_text, ""), parse_text(pipe, warm_text))  # noqa: E731

        def work():
            c0 = time.process_time()
            doc = parse_text(pipe, text, info.model_id)
            c1 = time.process_time()
            n = len(quotes_for(article, doc))
            extra.update(sentences=len(doc.sentences), parse_cpu_seconds=round(c1 - c0, 3),
                         extract_cpu_seconds=round(time.process_time() - c1, 3))
            return n
        size = len(text.encode("utf-8"))
    else:
        raise SystemExit(f"unknown stage {stage!r}")
    warm_up()  # one-time costs (lexicons, regex compilation, torch kernels) are not the article's
    rss_before = _status("VmRSS")
    exact_peak = _reset_peak()
    t0 = time.perf_counter()
    c0 = time.process_time()
    result = work()
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = _status("VmHWM")
    return {"stage": stage, "bytes": size, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3),
            "seconds_per_mb": round(seconds / (size / 1e6), 3), "cpu_seconds_per_mb": round(cpu / (size / 1e6), 3),
            "rss_before_mb": round(rss_before / 1024, 1), "peak_rss_mb": round(peak / 1024, 1),
            "peak_exact": exact_peak, "result": result if isinstance(result, int) else len(result), **extra}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--stages", default="ingest,extract", help="comma-separated: ingest, extract, parse")
    ap.add_argument("--sizes", default=",".join(SIZES), help=f"comma-separated from {', '.join(SIZES)} or a number")
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="JSONL of real articles (a 'text' field)")
    ap.add_argument("--cache", default=str(ROOT / "build" / "bench-cache"), help="parse cache for the source articles")
    ap.add_argument("--timeout", type=float, default=3600, help="seconds allowed per stage and size")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", nargs=2, metavar=("STAGE", "CHARS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one[0], int(args.one[1]), args.source, args.cache)))
        return
    if not args.source.exists():
        raise SystemExit(f"{args.source} not found: pass --source with a JSONL of articles")
    sizes = [(s, SIZES.get(s.lower()) or int(float(s))) for s in args.sizes.split(",")]
    rows = []
    for stage in args.stages.split(","):
        for label, n in sizes:
            cmd = [sys.executable, __file__, "--one", stage, str(n), "--source", str(args.source), "--cache", args.cache]
            try:
                out = subprocess.run(cmd, capture_output=True, text=True, timeout=args.timeout,
                                     env={**os.environ, "PYTHONWARNINGS": "ignore"})
            except subprocess.TimeoutExpired:
                row = {"stage": stage, "size": label, "error": f"over --timeout {args.timeout:.0f}s"}
            else:
                last = out.stdout.strip().splitlines()[-1:] if out.returncode == 0 else []
                row = ({"size": label, **json.loads(last[0])} if last else
                       {"stage": stage, "size": label, "error": f"exit {out.returncode}: {out.stderr.strip()[-300:]}"})
            rows.append(row)
            if not args.json:
                _print_row(row)
    spread = {}
    for stage in args.stages.split(","):
        per_mb = [r["cpu_seconds_per_mb"] for r in rows if r["stage"] == stage and "error" not in r]
        if len(per_mb) >= 2 and min(per_mb) > 0:
            spread[stage] = round(max(per_mb) / min(per_mb), 2)
    if args.json:
        print(json.dumps({"rows": rows, "cpu_seconds_per_mb_spread": spread}, indent=2))
    else:
        for stage, ratio in spread.items():
            print(f"{stage}: CPU seconds per MB, max/min across sizes = {ratio} (issue #21 target <= 2)")


def _print_row(r: dict) -> None:
    if "error" in r:
        print(f"{r['stage']:8} {r['size']:>5}  ERROR {r['error']}", flush=True)
        return
    print(f"{r['stage']:8} {r['size']:>5} {r['bytes']:>9} B  {r['seconds']:>9.3f} s  cpu {r['cpu_seconds']:>9.3f} s  "
          f"{r['cpu_seconds_per_mb']:>9.3f} cpu-s/MB  peak RSS {r['peak_rss_mb']:>7.1f} MB "
          f"(before {r['rss_before_mb']:.0f} MB)"
          + (f"  parse {r['parse_cpu_seconds']} + extract {r['extract_cpu_seconds']} cpu-s" if "parse_cpu_seconds" in r else ""),
          flush=True)


if __name__ == "__main__":
    main()
