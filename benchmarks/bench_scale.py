"""How the build scales, measured in one run: corpus size, engines, the cross-article pass, append.

    python benchmarks/bench_scale.py [--sizes 1000,5000,20000] [--engines-articles 500]
                                     [--quote-rows 100000,1000000] [--append 1000:10] [--only ...]
                                     [--text window|full]

Articles are real news (``../shared``: gum-news and PolNeAR dev from ``eval/``, the seed articles;
read at run time, never copied). By default each article is a *passage*: 80-150 consecutive words
of one real article, opening with a sentence that holds a quotation (about 410 distinct passages,
92 words on average), because parsing 20,000 whole articles takes hours on 2 shared cores;
``--text full`` uses whole articles. Copy k of a passage gets an opening dateline and a closing line
naming k and a place, so every text is unique and is parsed (the parse cache is off). Each build runs
in a fresh subprocess so its peak RSS is its own: the coordinator's and the largest worker's are
reported separately. Sections:

- sizes: wall time and peak RSS of ``--workers 2`` builds of N articles, and RSS against the first size;
- engines: the same articles inline (1 process, 2 threads), with 2 workers x 1 thread, on Ray (2 CPUs);
- cross-article: speaker linking and statement grouping on synthetic quote rows, in memory (as
  before the partitioned pass) and partitioned (the build's pass), each in its own process;
- append: a base build of whole real articles, then 10 new whole articles appended, as a ratio of
  times. Whole articles (``--append-text full``, the default whatever ``--text`` says) because the
  target is about realistic builds: 1,000 passages of 80 words make a full build so short (about a
  minute on 2 cores) that an append's fixed costs (loading the model once, rewriting and validating
  the version) dominate the ratio, while the parse time they are measured against grows with words.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _shared() -> Path:
    """The read-only ``shared`` data: $QUOTES_SHARED, else beside the repository, else beside the
    folder of worktrees (a worktree in /work/wt/NAME finds /work/shared)."""
    import os

    if os.environ.get("QUOTES_SHARED"):
        return Path(os.environ["QUOTES_SHARED"])
    return next((p / "shared" for p in ROOT.parents if (p / "shared").is_dir()), ROOT.parent / "shared")


SHARED = _shared()
EVAL = SHARED / "eval"
SOURCES = [EVAL / "gum-news" / "articles.jsonl", EVAL / "polnear-dev" / "articles.jsonl"]
PLACES = ["Leeds", "Austin", "Lagos", "Perth", "Quito", "Bergen", "Osaka", "Turin", "Dakar", "Hanoi"]
WINDOW_WORDS = (80, 150)
TEXT_LABEL = {"window": "80-150-word real news passages", "full": "whole real news articles"}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|(?<=[.!?][”\"’])\s+")


def source_texts() -> list[tuple[str, str]]:
    """(id, text) of the real news articles: gum-news, PolNeAR dev, the seed articles."""
    rows = []
    for src in SOURCES:
        if src.exists():
            for line in src.read_text(encoding="utf-8").splitlines():
                if line.strip() and json.loads(line).get("text"):
                    a = json.loads(line)
                    rows.append((a["id"], a["text"]))
    rows.extend((f.stem, f.read_text(encoding="utf-8")) for f in sorted((SHARED / "seeds").glob("*.txt")))
    if not rows:
        sys.exit(f"no source articles under {SHARED}")
    return rows


def windows() -> list[tuple[str, str]]:
    """Real news passages of 80-150 words that open with a sentence holding a quotation mark:
    consecutive sentences of one article, as written, none overlapping."""
    out = []
    for aid, text in source_texts():
        sents = [x for x in _SENTENCE_END.split(" ".join(text.split())) if x]
        i = 0
        while i < len(sents):
            if re.search(r"[“\"]", sents[i]):
                j, n = i, 0
                while j < len(sents) and n < WINDOW_WORDS[0]:
                    n += len(sents[j].split())
                    j += 1
                if WINDOW_WORDS[0] <= n <= WINDOW_WORDS[1]:
                    out.append((f"{aid}-w{i}", " ".join(sents[i:j])))
                    i = j
                    continue
            i += 1
    return out


def corpus(n: int, path: Path, offset: int = 0, text: str = "window") -> Path:
    """n unique articles: copy k of a real passage (or whole article, ``text="full"``) gets an
    opening dateline and a closing line naming k and a place, so every text differs."""
    base = windows() if text == "window" else source_texts()
    with path.open("w", encoding="utf-8") as fh:
        for i in range(offset, offset + n):
            aid, body = base[i % len(base)]
            k = i // len(base)
            place = PLACES[k % len(PLACES)]
            body = f"{place.upper()}, edition {k + 1} — " + body.rstrip() + f"\n\nThis report was filed from {place}."
            fh.write(json.dumps({"id": f"{aid}-{i}", "text": body}) + "\n")
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


def section_sizes(sizes: list[int], tmp: Path, text: str) -> None:
    print(f"\n## Corpus size (--workers 2, cache off, {TEXT_LABEL[text]})")
    print(f"{'articles':>9} {'words':>10} {'quotes':>7} {'wall s':>8} {'s/1k art':>9} {'words/s':>8} "
          f"{'2nd pass s':>11} {'coord MB':>9} {'worker MB':>10}")
    first = None
    for n in sizes:
        src = corpus(n, tmp / f"c{n}.jsonl", text=text)
        r = run_build(inputs=[str(src)], out=str(tmp / f"o{n}"), workers=2)
        w = words(src)
        first = first or r
        print(f"{n:>9} {w:>10} {r['quotes']:>7} {r['wall']:>8.1f} {r['wall'] / n * 1000:>9.1f} {w / r['wall']:>8.0f} "
              f"{r['timings']['cross_article_and_write']:>11.1f} {r['coordinator_mb']:>9.0f} {r['largest_worker_mb']:>10.0f}"
              f"   RSS vs first: coord {r['coordinator_mb'] / first['coordinator_mb']:.2f}x, "
              f"worker {r['largest_worker_mb'] / first['largest_worker_mb']:.2f}x", flush=True)
        shutil.rmtree(tmp / f"o{n}", ignore_errors=True)


def section_engines(n: int, tmp: Path, text: str) -> None:
    print(f"\n## Engines on the same {n} articles (cache off, {TEXT_LABEL[text]})")
    src = corpus(n, tmp / f"e{n}.jsonl", text=text)
    w = words(src)
    print(f"{'engine':>22} {'wall s':>8} {'words/s':>8} {'coord MB':>9} {'worker MB':>10}")
    for label, kw in (("inline, 1 x 2 threads", {"workers": 0}), ("local, 2 workers x 1", {"workers": 2}),
                      ("ray, 2 CPUs", {"engine": "ray", "workers": 2})):
        try:
            r = run_build(inputs=[str(src)], out=str(tmp / f"e-{label[:5]}"), **kw)
        except RuntimeError as exc:
            print(f"{label:>22} failed: {str(exc).splitlines()[-1]}")
            continue
        print(f"{label:>22} {r['wall']:>8.1f} {w / r['wall']:>8.0f} {r['coordinator_mb']:>9.0f} {r['largest_worker_mb']:>10.0f}"
              f"  ({r['quotes']} quotes)", flush=True)


def synthetic_quotes(n: int, seed: int = 7) -> Iterator[dict]:
    """Rows shaped like the build's, made one at a time: persons named by full name or surname,
    organizations, and quotes of which one in five is a near-copy (another outlet re-running the
    same words); 20 rows per article, in article order as the build hands them over."""
    rnd = random.Random(seed)
    given = [f"G{i}" for i in range(2000)]
    family = [f"Fam{i}" for i in range(20000)]
    vocab = [f"w{i}" for i in range(30000)]
    said: list[str] = []
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
        yield {"quote_id": f"q_{i:012d}", "article_id": art, "speaker": name, "speaker_type": typ,
               "speaker_mention": name.split()[-1], "role": None, "said_on": "2024-05-01", "text": text}


CROSS_CHILD = r"""
import hashlib, json, resource, sys, time
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[1] + "/benchmarks")
from bench_scale import synthetic_quotes
n, mode, scratch = int(sys.argv[2]), sys.argv[3], sys.argv[4]
h = hashlib.sha256()
def digest(items):
    for x in items:
        h.update(json.dumps(x, sort_keys=True, default=str).encode())
t0 = time.perf_counter()
if mode == "memory":  # as main's assemble did: every slim view in lists, one call each
    from quotes.build.crossarticle import slim
    from quotes.facts.speakers import link_speakers
    from quotes.facts.statements import group_statements
    sp, st = [], []
    for r in synthetic_quotes(n):
        a, b = slim(r)
        sp.append(a); st.append(b)
    t1 = time.perf_counter()
    ids, speakers = link_speakers(sp)
    t2 = time.perf_counter()
    for r, sid in zip(st, ids):
        r["speaker_id"] = sid
    stids, statements = group_statements(st)
    t3 = time.perf_counter()
    digest(zip(ids, stids)); digest(speakers); digest(statements)
    parts = 1
    n_sp, n_st = len(speakers), len(statements)
else:  # the build's second pass: spilled, partitioned, merged back in row order
    from pathlib import Path
    from quotes.build.crossarticle import CrossArticle
    cross = CrossArticle(Path(scratch))
    for r in synthetic_quotes(n):
        cross.add(r)
    t1 = time.perf_counter()
    cross.run()
    t2 = t1 + cross.seconds["speakers"]
    t3 = time.perf_counter()
    digest(cross.ids()); digest(cross.speakers()); digest(cross.statements())
    parts = cross.partitions[0]
    n_sp, n_st = cross.n_speakers, cross.n_statements
    cross.remove()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"views": t1 - t0, "speakers": t2 - t1, "statements": t3 - t2, "rss": rss, "parts": parts,
                  "n_speakers": n_sp, "n_statements": n_st, "digest": h.hexdigest()[:12]}))
"""


def section_cross_article(sizes: list[int], modes: list[str], tmp: Path) -> None:
    print("\n## Cross-article pass on synthetic quote rows (each run in its own process)")
    print("memory: every slim view in lists, one link_speakers + one group_statements call (main before the")
    print("partitioned pass); partitioned: the build's pass (spilled, cut by speaker block, merged back).")
    print("'views' is making/spilling the slim views and blocking them; the digest covers ids and both tables.")
    print(f"{'rows':>9} {'mode':>12} {'parts':>6} {'views s':>8} {'speakers s':>11} {'statements s':>13} "
          f"{'us/row':>7} {'speakers':>9} {'statements':>11} {'peak MB':>8} {'digest':>13}")
    for n in sizes:
        for mode in modes:
            out = subprocess.run([sys.executable, "-c", CROSS_CHILD, str(ROOT), str(n), mode, str(tmp / f"x{n}")],
                                 capture_output=True, text=True, cwd=ROOT)
            if out.returncode:
                print(f"{n:>9} {mode:>12} failed: {out.stderr[-500:]}")
                continue
            r = json.loads(out.stdout.strip().splitlines()[-1])
            total = r["views"] + r["speakers"] + r["statements"]
            print(f"{n:>9} {mode:>12} {r['parts']:>6} {r['views']:>8.1f} {r['speakers']:>11.1f} {r['statements']:>13.1f} "
                  f"{total / n * 1e6:>7.1f} {r['n_speakers']:>9} {r['n_statements']:>11} {r['rss']:>8.0f} {r['digest']:>13}",
                  flush=True)


def section_append(base: int, extra: int, tmp: Path, text: str) -> None:
    print(f"\n## Append {extra} articles to a {base}-article dataset (--workers 2, cache off, {TEXT_LABEL[text]})")
    out = tmp / "append"
    base_src = corpus(base, tmp / "base.jsonl", text=text)
    more_src = corpus(extra, tmp / "more.jsonl", offset=base, text=text)
    full = run_build(inputs=[str(base_src)], out=str(out), workers=2)
    more = run_build(inputs=[str(more_src)], out=str(out), workers=2, append=True)
    print(f"full build of {base} ({words(base_src)} words, {full['quotes']} quotes) {full['wall']:.1f} s; "
          f"append of {extra} ({words(more_src)} words) {more['wall']:.1f} s (parsed {more['parsed']}, "
          f"map {more['timings']['map_wall']:.1f} s, cross-article + write {more['timings']['cross_article_and_write']:.1f} s, "
          f"coordinator {more['coordinator_mb']:.0f} MB); ratio {more['wall'] / full['wall']:.3f}", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000,20000")
    ap.add_argument("--engines-articles", type=int, default=500)
    ap.add_argument("--quote-rows", default="100000,1000000")
    ap.add_argument("--cross-modes", default="memory,partitioned")
    ap.add_argument("--append", default="1000:10", help="BASE:EXTRA articles")
    ap.add_argument("--only", default="sizes,engines,cross,append")
    ap.add_argument("--text", choices=("window", "full"), default="window",
                    help="articles are 80-150-word passages of real news (default) or whole articles")
    ap.add_argument("--append-text", choices=("window", "full"), default="full",
                    help="articles of the append section (default whole articles: see the docstring)")
    args = ap.parse_args()
    only = set(args.only.split(","))
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as d:
        tmp = Path(d)
        if "cross" in only:
            section_cross_article([int(x) for x in args.quote_rows.split(",")], args.cross_modes.split(","), tmp)
        if "engines" in only:
            section_engines(args.engines_articles, tmp, args.text)
        if "append" in only:
            b, e = (int(x) for x in args.append.split(":"))
            section_append(b, e, tmp, args.append_text)
        if "sizes" in only:
            section_sizes([int(x) for x in args.sizes.split(",")], tmp, args.text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
