"""How much of each article body HTML ingest recovers: per-page recall and F1 against gold bodies.

    python benchmarks/bench_html.py FOLDER GOLD.jsonl        # pages FOLDER/<id>.html, gold {"id", "text"}
    python benchmarks/bench_html.py --demo 80 [--keep DIR]   # synthetic pages (benchmarks/html_pages.py)
    python benchmarks/bench_html.py examples/ GOLD.jsonl

Scores are bags of words (lower-cased ``\\w+`` tokens, counted with multiplicity): recall is the
share of the gold body's words the article text holds, precision the share of its words that are
in the gold, F1 their harmonic mean; a page with no article scores 0. Each page is scored twice in
the same run: as ingest makes it (``quotes.ingest.html.parse_html``, with the completeness step)
and as trafilatura's text alone after the same line cleaning (what ingest did before issue 25), so
the two columns compare. Prints mean and minimum recall and F1 of both, ``text_source`` counts, and
every page under 0.95 recall. Exit status 1 when a gold id has no page.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402

from quotes.ingest.decode import decode_bytes  # noqa: E402
from quotes.ingest.html import _DATE_PARAMS, MIN_WORDS  # noqa: E402
from quotes.ingest.html import parse_html  # noqa: E402
from quotes.ingest.html_body import words  # noqa: E402
from quotes.ingest.text import clean_text  # noqa: E402

RECALL_FLOOR = 0.95


def score(text: str, gold: str) -> tuple[float, float]:
    """(recall, F1) of ``text`` against ``gold`` as bags of words."""
    got, want = Counter(words(text)), Counter(words(gold))
    overlap = sum((got & want).values())
    if not overlap:
        return 0.0, 0.0
    recall, precision = overlap / sum(want.values()), overlap / sum(got.values())
    return recall, 2 * recall * precision / (recall + precision)


def trafilatura_alone(raw: str) -> str:
    """trafilatura's text after the line cleaning, with ingest's own settings (the old ingest)."""
    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False, include_images=False,
                                      date_extraction_params=_DATE_PARAMS)
    text = clean_text(doc.text, detect_title=False).text if doc is not None and doc.text else ""
    return text if len(text.split()) >= MIN_WORDS else ""


def find_page(folder: Path, pid: str) -> Path | None:
    for cand in (folder / pid, folder / f"{pid}.html", folder / f"{pid}.htm"):
        if cand.is_file():
            return cand
    return next((p for p in sorted(folder.rglob("*.htm*")) if p.stem == pid), None)


def run(folder: Path, gold_path: Path) -> int:
    rows, missing = [], []
    sources: Counter = Counter()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        page = find_page(folder, str(item["id"]))
        if page is None:
            missing.append(str(item["id"]))
            continue
        raw, _ = decode_bytes(page.read_bytes(), str(page))
        article, _ = parse_html(raw or "", source_id=page.stem, source_path=str(page))
        text = article.text if article else ""
        sources[article.text_source if article else "(no article)"] += 1
        rows.append((str(item["id"]), *score(text, item["text"]), *score(trafilatura_alone(raw or ""), item["text"]),
                     article.text_source if article else "-"))
    if not rows:
        print("no page scored", file=sys.stderr)
        return 1
    n = len(rows)
    print(f"{n} pages ({folder}, gold {gold_path.name})")
    print(f"{'':22}{'mean recall':>12}{'min recall':>12}{'mean F1':>10}{'min F1':>9}")
    for name, r, f in (("ingest (completed)", 1, 2), ("trafilatura alone", 3, 4)):
        rec, f1 = [x[r] for x in rows], [x[f] for x in rows]
        print(f"{name:22}{sum(rec) / n:12.4f}{min(rec):12.4f}{sum(f1) / n:10.4f}{min(f1):9.4f}")
    print("text_source: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())))
    low = [x for x in rows if x[1] < RECALL_FLOOR]
    print(f"pages under {RECALL_FLOOR} recall (ingest): {len(low)}")
    for pid, r, f, r0, f0, src in sorted(low, key=lambda x: x[1]):
        print(f"  {pid}: recall {r:.3f} F1 {f:.3f} ({src}; trafilatura alone recall {r0:.3f})")
    if missing:
        print(f"gold ids without a page: {', '.join(missing[:20])}{' ...' if len(missing) > 20 else ''}")
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", type=Path)
    ap.add_argument("gold", nargs="?", type=Path)
    ap.add_argument("--demo", type=int, metavar="N", help="score N synthetic pages instead (html_pages.py)")
    ap.add_argument("--keep", type=Path, help="with --demo: write the pages here and keep them")
    ap.add_argument("--seed", type=int, default=25)
    args = ap.parse_args(argv)
    if args.demo:
        from html_pages import write_demo

        with tempfile.TemporaryDirectory() as tmp:
            folder = args.keep or Path(tmp)
            gold = write_demo(folder, args.demo, args.seed)
            print("SYNTHETIC pages (benchmarks/html_pages.py), not a crawl")
            return run(folder, gold)
    if not (args.folder and args.gold):
        ap.error("FOLDER and GOLD.jsonl are required (or --demo N)")
    return run(args.folder, args.gold)


if __name__ == "__main__":
    sys.exit(main())
