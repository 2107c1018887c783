"""Measure an embedded model: UD scores end to end on EWT dev/test, NER F1 per type on GUM test.

Usage: python scripts/score_model.py --ud-dir ../shared/ud [--model-id ID] [--out scores.json]
UD scores come from `quotes models eval` (raw text -> CoNLL 2018 scorer). NER is scored on gold
tokens (GUM test converted as for training) by exact entity span and type.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.nlp import gum_ner  # noqa: E402
from quotes.nlp.models import evaluate_treebank  # noqa: E402
from quotes.nlp.pipeline import default_model_id, models_root, vector_paths  # noqa: E402


def entities(tags: list[str]) -> set[tuple[int, int, str]]:
    out, start, label = set(), None, None
    for i, tag in enumerate(tags + ["O"]):
        pre, _, lab = tag.partition("-")
        if start is not None and (pre in ("O", "B", "S") or lab != label):
            out.add((start, i - 1, label))
            start = None
        if pre in ("B", "S") or (pre in ("I", "E") and start is None):
            start, label = i, lab
        if pre in ("E", "S") and start is not None:
            out.add((start, i, label))
            start = None
    return out


def ner_scores(conllu: Path, model_dir: Path) -> dict:
    import stanza

    sents = [gum_ner.sentence_to_bio(rows) for rows in gum_ner._sentences(conllu)]
    pipe = stanza.Pipeline(lang="en", dir=str(model_dir), processors="tokenize,ner", download_method=None,
                           allow_unknown_language=True, tokenize_pretokenized=True, use_gpu=False,
                           tokenize_model_path=str(model_dir / "tokenize.pt"),
                           ner_model_path=str(model_dir / "ner.pt"), logging_level="ERROR",
                           **vector_paths(model_dir))
    t0 = time.perf_counter()
    doc = pipe([[t["text"] for t in s] for s in sents])
    seconds = time.perf_counter() - t0
    counts: dict[str, list[int]] = {}
    for gold_s, pred_s in zip(sents, doc.sentences):
        gold = entities([t["ner"] for t in gold_s])
        pred = entities([t.ner for t in pred_s.tokens])
        for label in {x[2] for x in gold | pred}:
            g = {x for x in gold if x[2] == label}
            p = {x for x in pred if x[2] == label}
            c = counts.setdefault(label, [0, 0, 0])
            c[0] += len(g & p)
            c[1] += len(p)
            c[2] += len(g)

    def f1(tp, np_, ng):
        p, r = (tp / np_ if np_ else 0.0), (tp / ng if ng else 0.0)
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "gold": ng}

    total = [sum(c[i] for c in counts.values()) for i in range(3)]
    return {"per_type": {k: f1(*v) for k, v in sorted(counts.items())}, "micro_f1": f1(*total)["f1"],
            "seconds": round(seconds, 1)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ud-dir", type=Path, required=True)
    ap.add_argument("--model-id", default=None)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--splits", default="dev,test")
    args = ap.parse_args()
    model_id = args.model_id or default_model_id()
    scores: dict = {}
    for split in args.splits.split(","):
        res = evaluate_treebank(args.ud_dir / f"en_ewt-ud-{split}.conllu", model_id=model_id)
        scores[f"en_ewt_{split}"] = {k: v["f1"] for k, v in res["scores"].items()}
        scores[f"en_ewt_{split}"]["tokens_per_second"] = res["tokens_per_second"]
        print(split, json.dumps(scores[f"en_ewt_{split}"]), flush=True)
    model_dir = models_root() / model_id
    if (model_dir / "ner.pt").exists():
        scores["gum_test_ner"] = ner_scores(args.ud_dir / "en_gum-ccby-test.conllu", model_dir)
        print("ner", json.dumps(scores["gum_test_ner"]), flush=True)
    if args.out:
        args.out.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
