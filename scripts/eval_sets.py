"""Build and score the three dev sets (seeds, gum-news, PolNeAR dev) in one run and print one table.

    python scripts/eval_sets.py [--cache DIR] [--out DIR] [--sets seeds,gum-news,polnear-dev] [--json FILE]

Every change to extraction, attribution or the parse is measured with this script on all three
sets (the numbers go in the commit message). ``--cache`` shares a parse cache between runs and
worktrees (parses are keyed by model sha, so a changed model never reads stale parses). Reads the
gold sets from ``../shared/eval`` and never copies them.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.build import build  # noqa: E402
from quotes.evaluate import evaluate_dataset  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SETS = {
    "seeds": (lambda: [str(ROOT.parent / "shared" / "seeds")], "seeds/quotes.jsonl"),
    "gum-news": (lambda: [str(EVAL / "gum-news" / "articles.jsonl")], "gum-news/quotes.jsonl"),
    "polnear-dev": (lambda: [str(EVAL / "polnear-dev" / "articles.jsonl")], "polnear-dev/quotes.jsonl"),
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=None, help="shared parse cache directory")
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "eval")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--json", type=Path, default=None, help="also write the full reports here")
    args = ap.parse_args()
    if not EVAL.is_dir():
        print(f"no gold sets at {EVAL}", file=sys.stderr)
        return 2
    reports = {}
    for name in args.sets.split(","):
        inputs, gold = SETS[name]
        out = args.out / name
        res = build(inputs(), out, command=["eval_sets", name], cache_dir=args.cache)
        reports[name] = evaluate_dataset(out, EVAL / gold).as_dict()
        reports[name]["version_dir"] = str(res.version_dir)
    print(f"{'set':12} {'direct F1':>9} {'ind+mix F1':>10} {'all F1':>7} {'all P':>6} {'all R':>6} "
          f"{'tp/pred/gold':>15} {'speaker':>7} {'role':>6} {'date':>6}")
    for name, r in reports.items():
        q = r["quotes"]
        a = q["all"]
        print(f"{name:12} {q['direct']['f1']:9.4f} {q['indirect']['f1']:10.4f} {a['f1']:7.4f} "
              f"{a['precision']:6.3f} {a['recall']:6.3f} {a['tp']:>5}/{a['pred']}/{a['gold']:<5} "
              f"{r.get('speaker_accuracy') or 0:7.4f} {r.get('role_accuracy') or 0:6.3f} {r.get('date_accuracy') or 0:6.3f}")
    if args.json:
        args.json.write_text(json.dumps(reports, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
