"""Benchmark: peak memory of writing and validating a version grows with the part size, not the version size.

Usage: python benchmarks/bench_dataset_parts.py [--articles-per-part N] [--parts 2,8] [--json]

Writes synthetic versions of K parts (each part: N articles of ~2 KB text, 10 quotes each, with
valid offsets) through ``VersionWriter``, then validates them; each step runs in a fresh process
so its peak RSS is its own. Prints wall time and peak RSS per step, and the RSS ratio between the
largest and the smallest version (bounded memory: close to 1.0 while the version grows K-fold).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENT = 'The minister said the plan would go ahead. "We will build it this year," she told reporters. '


def part_rows(part: int, n_articles: int) -> tuple[list[dict], list[dict]]:
    articles, quotes = [], []
    for i in range(n_articles):
        aid = f"a{part:05d}-{i:06d}"
        text = f"Article {aid}. " + SENT * 20
        qs = []
        pos = 0
        for k in range(10):
            s = text.index('"We will build it this year,"', pos)
            e = s + len('"We will build it this year,"')
            pos = e
            qs.append(dict(
                quote_id=f"q-{aid}-{k}", article_id=aid, type="direct", text=text[s:e], start=s, end=e,
                parts=[{"start": s, "end": e}], sentence=2 * k + 1, cue="told", cue_start=None, cue_end=None,
                speaker=None, speaker_mention=None, speaker_start=None, speaker_end=None, speaker_id=None,
                speaker_type="unknown", role=None, via=None, said_on=None, said_on_precision=None,
                said_on_source="unknown", confidence=0.5, statement_id=None,
            ))
        quotes += qs
        articles.append(dict(
            article_id=aid, source_id=aid, source_path=f"in/{aid}.txt", url=None, outlet=None, title=None,
            published_at=None, published_precision=None, text=text,
            text_sha256=hashlib.sha256(text.encode()).hexdigest(), n_quotes=len(qs), text_source="text",
        ))
    return articles, quotes


def _child_write(out: str, parts: int, n: int) -> None:
    from quotes.dataset import VersionWriter

    with VersionWriter(out, validate=False) as w:
        for p in range(parts):
            arts, qs = part_rows(p, n)
            w.write_part("articles", arts)
            w.write_part("quotes", qs)
            del arts, qs
        w.publish({"command": ["bench"]})


def _child_validate(out: str) -> None:
    from quotes.dataset import validate

    report = validate(out)
    assert report.ok, str(report)


def _run(step: str, *args: str) -> dict:
    code = (f"import sys, resource, time; sys.path.insert(0, {str(ROOT)!r});"
            f"from benchmarks.bench_dataset_parts import _child_{step} as f; t = time.perf_counter();"
            f"f(*{list(args)!r}[:1], *[int(a) for a in {list(args)!r}[1:]]);"
            "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    secs, rss_kb = out.stdout.split()[-2:]
    return {"seconds": round(float(secs), 2), "peak_rss_mb": round(int(rss_kb) / 1024, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles-per-part", type=int, default=2000)
    ap.add_argument("--parts", default="2,8")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in (int(x) for x in args.parts.split(",")):
            out = str(Path(tmp) / f"k{k}")
            w = _run("write", out, str(k), str(args.articles_per_part))
            v = _run("validate", out)
            size = sum(f.stat().st_size for f in Path(out).rglob("*.parquet"))
            rows.append({"parts": k, "articles": k * args.articles_per_part, "quotes": k * args.articles_per_part * 10,
                         "parquet_mb": round(size / 2**20, 1), "write": w, "validate": v})
    small, big = rows[0], rows[-1]
    ratios = {"write_rss_ratio": round(big["write"]["peak_rss_mb"] / small["write"]["peak_rss_mb"], 2),
              "validate_rss_ratio": round(big["validate"]["peak_rss_mb"] / small["validate"]["peak_rss_mb"], 2),
              "rows_ratio": big["parts"] / small["parts"]}
    if args.json:
        print(json.dumps({"rows": rows, **ratios}, indent=2))
        return
    print(f"{'parts':>5} {'articles':>9} {'quotes':>8} {'parquet MB':>10} {'write s':>8} {'write RSS MB':>12} "
          f"{'validate s':>10} {'validate RSS MB':>15}")
    for r in rows:
        print(f"{r['parts']:>5} {r['articles']:>9} {r['quotes']:>8} {r['parquet_mb']:>10} {r['write']['seconds']:>8} "
              f"{r['write']['peak_rss_mb']:>12} {r['validate']['seconds']:>10} {r['validate']['peak_rss_mb']:>15}")
    print(f"{ratios['rows_ratio']:.0f}x the rows: write peak RSS x{ratios['write_rss_ratio']}, "
          f"validate peak RSS x{ratios['validate_rss_ratio']}")


if __name__ == "__main__":
    main()
