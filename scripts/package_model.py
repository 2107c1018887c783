"""Copy trained weights from a training work dir into quotes/models/<model-id>/ with a manifest.

Usage: python scripts/package_model.py WORK_DIR MODEL_ID [--scores scores.json]
The manifest records the files and their sha256, the training data with its commit and license,
the exact trainer commands and hyperparameters (from quotes.nlp.train), the scores measured
(a JSON file written by scripts/score_model.py), and the Stanza and torch versions.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotes.nlp.models import package_model  # noqa: E402
from quotes.nlp.static_vectors import describe  # noqa: E402
from quotes.nlp.train import (HYPERPARAMETERS, MODEL_FILES, PARSER_GUM_PHASES, STAGES, VECTORS_FILE,  # noqa: E402
                              WARM_STARTS, WITH_VECTORS)

TRAINING_DATA = {
    "tokenize": "UD English EWT train (dev for model selection)",
    "mwt": "UD English EWT train",
    "pos": "UD English EWT train (word vectors: quotes.nlp.static_vectors)",
    "lemma": "UD English EWT train + GUM (CC-BY genres) train, as (form, UPOS, lemma) types "
             "repeated by log2 frequency (quotes.nlp.lemma_types)",
    "depparse": "UD English EWT train (word vectors: quotes.nlp.static_vectors): gold tags, then (warm phase) tags predicted by the embedded "
                "tagger (quotes.nlp.retag), selected on a retagged EWT dev; then (quotes.nlp.train.PARSER_GUM_PHASES) "
                "EWT + GUM (CC-BY genres) train, both retagged, still selected on retagged EWT dev",
    "ner": "UD English GUM (CC-BY genres) train (word vectors: quotes.nlp.static_vectors), Entity= mentions with proper-noun heads -> PER/ORG/LOC, "
           "plus one copy of each sentence naming a place or organization, its LOC/ORG names swapped for "
           "gazetteer names of the same type (quotes.nlp.gum_ner.augment, seed 13; names.toml)",
}
DATA = {
    "en_ewt": {"name": "UD English EWT", "commit": "15d613d8", "license": "CC BY-SA 4.0"},
    "en_gum": {"name": "UD English GUM (CC-BY genres)", "commit": "afb41ee9", "license": "CC BY 4.0"},
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("work_dir", type=Path)
    ap.add_argument("model_id")
    ap.add_argument("--scores", type=Path, default=None)
    ap.add_argument("--training-time", type=Path, default=None, help="JSON: stage -> minutes")
    ap.add_argument("--carried-over", default="", help="STAGE,...=MODEL_ID: weights copied unchanged from an earlier model")
    args = ap.parse_args()

    import stanza
    import torch

    weights = {s: args.work_dir / MODEL_FILES[s] for s in STAGES if (args.work_dir / MODEL_FILES[s]).exists()}
    vectors = args.work_dir / VECTORS_FILE if any(s in WITH_VECTORS for s in weights) else None
    info = {
        "language": "en",
        "stanza_version": stanza.__version__,
        "torch_version": torch.__version__.split("+")[0],
        "training_data": {s: TRAINING_DATA[s] for s in weights},
        "datasets": DATA,
        "hyperparameters": {s: HYPERPARAMETERS[s] for s in weights},
        "warm_start_phase": {s: WARM_STARTS[s] for s in weights if s in WARM_STARTS},
        "parser_gum_phases": [list(p) for p in PARSER_GUM_PHASES] if "depparse" in weights else [],
        "trainer_command": "quotes models train --ud-dir ../shared/ud (see quotes/nlp/train.py)",
        "pretrained_embeddings": {**describe(vectors), "processors": [s for s in weights if s in WITH_VECTORS]}
        if vectors else None,
        "scores": json.loads(args.scores.read_text()) if args.scores else {},
        "training_minutes": json.loads(args.training_time.read_text()) if args.training_time else {},
    }
    if args.carried_over:
        stages, _, source = args.carried_over.partition("=")
        info["carried_over_from"] = {s: source for s in stages.split(",")}
    dest = package_model(args.model_id, weights, info, vectors=vectors)
    size = sum(f.stat().st_size for f in dest.iterdir())
    print(f"packaged {len(weights)} processors into {dest} ({size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
