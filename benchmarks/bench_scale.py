"""How the build scales, measured in one run: corpus size, engines, the cross-article pass, append.

    python benchmarks/bench_scale.py [--sizes 1000,5000,20000] [--engines-articles 500]
                                     [--quote-rows 100000,1000000] [--append 1000:10] [--only ...]

Articles are real news articles (``../shared/eval``: gum-news, PolNeAR dev, seeds; read at run
time, never copied) repeated with a per-copy variation, so every text is unique and is parsed
(the parse cache is off). Each build runs in a fresh subprocess so its peak RSS is its own: the
coordinator's and the largest worker's are reported separately. Sections:

- sizes: wall time and peak RSS of ``--workers 2`` builds of N articles;
- engines: the same articles inline (1 process, 2 threads), with 2 workers x 1 thread, on Ray (2 CPUs);
- cross-article: speaker linking and statement grouping on synthetic quote rows;
- append: a base build, then 10 new articles appended, as a ratio of times.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
SOURCES = [EVAL / "gum-news" / "articles.jsonl", EVAL / "polnear-dev" / "articles.jsonl",
           EVAL / "seeds" / "articles.jsonl"]
PLACES = ["Leeds", "Austin", "Lagos", "Perth", "Quito", "Bergen", "Osaka", "Turin", "Dakar", "Hanoi"]


def source_articles() -> list[dict]:
    rows = []
    for src in SOURCES:
        if src.exists():
            rows.extend(json.loads(line) for line in src.read_text(encoding="utf-8").splitlines() if line.strip())
    if not rows:
        sys.exit(f"no source articles under {EVAL}")
    return rows


def corpus(n: int, path: Path, offset: int = 0) -> Path:
    """n unique articles: copy k of a real article gets a closing line naming k and a place."""
    base = source_articles()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(offset, offset + n):
            a = base[i % len(base)]
            k = i // len(base)
            text = a["text"].rstrip() + f"\n\nThis report was filed from {PLACES[k % len(PLACES)]} (edition {k + 1})."
            fh.write(json.dumps({"id": f"{a['id']}-{i}", "title": a.get("title"), "text": text}) + "\n")
    return path


def words(path: Path) -> int:
    return sum(len(json.loads(l)["text"].split()) for l in path.read_text(encoding="utf-8").splitlines())


CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from quotes.build import build
args = json.loads(sys.argv[2])
t0 = time.perf_counter()
res = build(args["inputs"], args["out"], use_cache=args.get("cache", False), workers=args["workers"],
            engine=args.get("engine", "local"), append=args.get("append", False), command=["bench_scale"])
wall = time.perf_counter() - t0
self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps({"wall": wall, "articles": res.n_articles, "quotes": res.n_quotes, "parsed": res.n_parsed,
                  "coordinator_mb": self_rss, "largest_worker_mb": child_rss, "timings": res.timings,
                  "errors": len(res.errors)}))
"""


def run_build(**args) -> dict:
    if args.get("engine") == "ray":
        args.setdefault("workers", 2)
    out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), json.dumps(args, default=str)],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def section_sizes(sizes: list[int], tmp: Path) -> None:
    print("\n## Corpus size (--workers 2, cache off)")
    print(f"{'articles':>9} {'words':>10} {'wall s':>8} {'words/s':>8} {'coord MB':>9} {'worker MB':>10}")
    for n in sizes:
        src = corpus(n, tmp / f"c{n}.jsonl")
        r = run_build(inputs=[str(src)], out=str(tmp / f"o{n}"), workers=2)
        w = words(src)
        print(f"{n:>9} {w:>10} {r['wall']:>8.1f} {w / r['wall']:>8.0f} {r['coordinator_mb']:>9.0f} {r['largest_worker_mb']:>10.0f}")


def section_engines(n: int, tmp: Path) -> None:
    print(f"\n## Engines on the same {n} articles (cache off)")
    src = corpus(n, tmp / f"e{n}.jsonl")
    w = words(src)
    print(f"{'engine':>22} {'wall s':>8} {'words/s':>8} {'coord MB':>9} {'worker MB':>10}")
    for label, kw in (("inline, 1 x 2 threads", {"workers": 0}), ("local, 2 workers x 1", {"workers": 2}),
                      ("ray, 2 CPUs", {"engine": "ray", "workers": 2})):
        try:
            r = run_build(inputs=[str(src)], out=str(tmp / f"e-{label[:5]}"), **kw)
        except RuntimeError as exc:
            print(f"{label:>22} failed: {str(exc).splitlines()[-1]}")
            continue
        print(f"{label:>22} {r['wall']:>8.1f} {w / r['wall']:>8.0f} {r['coordinator_mb']:>9.0f} {r['largest_worker_mb']:>10.0f}")


def synthetic_quotes(n: int, seed: int = 7) -> list[dict]:
    """Rows shaped like the build's: persons named by full name or surname, organizations, and
    quotes of which one in five is a near-copy (another outlet re-running the same words)."""
    rnd = random.Random(seed)
    given = [f"G{i}" for i in range(2000)]
    family = [f"Fam{i}" for i in range(20000)]
    vocab = [f"w{i}" for i in range(30000)]
    rows, said = [], []
    for i in range(n):
        art = f"a_{i // 20:012d}"
        if rnd.random() < 0.8:
            g, f = rnd.choice(given), rnd.choice(family)
            name, typ = (f"{g} {f}" if rnd.random() < 0.6 else f), "person"
        else:
            name, typ = f"Agency {rnd.randrange(3000)}", "organization"
        if said and rnd.random() < 0.2:
            text = " ".join(rnd.choice(said).split()[: rnd.randint(6, 14)])
        else:
            text = " ".join(rnd.choice(vocab) for _ in range(rnd.randint(8, 30)))
            said.append(text)
            if len(said) > 5000:
                said.pop(0)
        rows.append({"quote_id": f"q_{i:012d}", "article_id": art, "speaker": name, "speaker_type": typ,
                     "speaker_mention": name.split()[-1], "role": None, "said_on": "2024-05-01", "text": text})
    return rows


def section_cross_article(sizes: list[int]) -> None:
    from quotes.build.crossarticle import slim
    from quotes.facts.speakers import link_speakers
    from quotes.facts.statements import group_statements

    print("\n## Cross-article pass on synthetic quote rows")
    print(f"{'rows':>9} {'speakers s':>11} {'statements s':>13} {'us/row':>7} {'speakers':>9} {'statements':>11} {'peak MB':>8}")
    for n in sizes:
        rows = synthetic_quotes(n)
        views = [slim(r) for r in rows]
        sp, st = [v[0] for v in views], [v[1] for v in views]
        del views, rows
        t0 = time.perf_counter()
        ids, speakers = link_speakers(sp)
        t1 = time.perf_counter()
        for r, sid in zip(st, ids):
            r["speaker_id"] = sid
        _, statements = group_statements(st)
        t2 = time.perf_counter()
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>9} {t1 - t0:>11.1f} {t2 - t1:>13.1f} {(t2 - t0) / n * 1e6:>7.1f} {len(speakers):>9} "
              f"{len(statements):>11} {rss:>8.0f}")


def section_append(base: int, extra: int, tmp: Path) -> None:
    print(f"\n## Append {extra} articles to a {base}-article dataset (--workers 2, cache off)")
    out = tmp / "append"
    full = run_build(inputs=[str(corpus(base, tmp / "base.jsonl"))], out=str(out), workers=2)
    more = run_build(inputs=[str(corpus(extra, tmp / "more.jsonl", offset=base))], out=str(out), workers=2,
                     append=True)
    print(f"full build {full['wall']:.1f} s; append {more['wall']:.1f} s (parsed {more['parsed']}); "
          f"ratio {more['wall'] / full['wall']:.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--engines-articles", type=int, default=500)
    ap.add_argument("--quote-rows", default="100000,1000000")
    ap.add_argument("--append", default="1000:10", help="BASE:EXTRA articles")
    ap.add_argument("--only", default="sizes,engines,cross,append")
    args = ap.parse_args()
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as d:
        tmp = Path(d)
        if "cross" in only:
            section_cross_article([int(x) for x in args.quote_rows.split(",")])
        if "engines" in only:
            section_engines(args.engines_articles, tmp)
        if "append" in only:
            b, e = (int(x) for x in args.append.split(":"))
            section_append(b, e, tmp)
        if "sizes" in only:
            section_sizes([int(x) for x in args.sizes.split(",")], tmp)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
