"""Model bookkeeping: list the embedded models, score a pipeline on a treebank, package new weights.

Scores use Stanza's own tools end to end: the treebank's raw text is rebuilt with
``stanza.utils.datasets.conllu_to_text`` (paragraphs from ``# newpar``/``# newdoc``, as Stanza's
own evaluation does), parsed by the pipeline, and compared with the official CoNLL 2018 scorer
(``stanza.models.common.utils.ud_scores``).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from quotes.ids import file_digest
from quotes.nlp.pipeline import (
    MODEL_FILE,
    PROCESSORS,
    VECTORS_FILE,
    embedded_model_ids,
    get_pipeline,
    load_manifest,
    models_root,
)

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS")


def list_models() -> list[dict]:
    out = []
    for model_id in embedded_model_ids():
        d = models_root() / model_id
        man = load_manifest(d)
        size = sum(f.stat().st_size for f in d.iterdir() if f.is_file())
        test = man.get("scores", {}).get("en_ewt_test", {})
        ud = " / ".join(f"{test[k]:.3f}" if k in test else "?" for k in ("Tokens", "UPOS", "Lemmas", "LAS"))
        ner = man.get("scores", {}).get("gum_test_ner", {}).get("micro_f1")
        out.append({"model_id": model_id, "processors": man.get("processors", []),
                    "size_mb": size / 1e6, "ud_scores": ud,
                    "ner_score": f"{ner:.3f}" if isinstance(ner, float) else "?"})
    return out


def _truncate_conllu(src: Path, n_sentences: int, dst: Path) -> None:
    kept, buf = 0, []
    with src.open(encoding="utf-8") as fh:
        for line in fh:
            buf.append(line)
            if not line.strip():
                kept += 1
                if kept >= n_sentences:
                    break
    dst.write_text("".join(buf), encoding="utf-8")


def evaluate_treebank(treebank: Path, save_pred: Path | None = None, model: str = "embedded",
                      stanza_dir: str | None = None, limit: int | None = None,
                      model_id: str | None = None) -> dict:
    from stanza.models.common.utils import ud_scores
    from stanza.utils.conll import CoNLL
    from stanza.utils.datasets.conllu_to_text import convert_text

    pipe, info = get_pipeline(model, stanza_dir, model_id=model_id)
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold.conllu"
        if limit:
            _truncate_conllu(Path(treebank), limit, gold)
        else:
            shutil.copyfile(treebank, gold)
        raw = Path(tmp) / "raw.txt"
        convert_text(str(gold), str(raw))
        text = raw.read_text(encoding="utf-8")
        t0 = time.perf_counter()
        doc = pipe(text)
        seconds = time.perf_counter() - t0
        _restore_surface(doc, text)
        pred = Path(save_pred) if save_pred else Path(tmp) / "pred.conllu"
        pred.parent.mkdir(parents=True, exist_ok=True)
        CoNLL.write_doc2conll(doc, str(pred))
        scores = ud_scores(str(gold), str(pred))
    n_tokens = sum(len(s.words) for s in doc.sentences)
    return {
        "model_id": info.model_id, "treebank": str(treebank), "tokens": n_tokens,
        "seconds": round(seconds, 2), "tokens_per_second": round(n_tokens / seconds, 1) if seconds else None,
        "scores": {k: {"precision": round(scores[k].precision, 4), "recall": round(scores[k].recall, 4),
                       "f1": round(scores[k].f1, 4)} for k in METRICS if k in scores},
    }


def _restore_surface(doc, text: str) -> None:
    """Stanza writes "<UNK>" for characters its tokenizer cannot encode (a 300-character URL in EWT
    test); the scorer needs the text as written, which the character offsets still give."""
    for sent in doc.sentences:
        for token in sent.tokens:
            if token.start_char is None or token.end_char is None:
                continue
            surface = text[token.start_char:token.end_char]
            if token.text != surface:
                token.text = surface
                if len(token.words) == 1:
                    token.words[0].text = surface


def package_model(model_id: str, weights: dict[str, Path], info: dict, dest_root: Path | None = None,
                  vectors: Path | None = None) -> Path:
    """Copy final weights (and the shared word vectors, if the processors read any) into
    ``quotes/models/<model_id>/`` with a manifest (files + sha256)."""
    dest = (dest_root or models_root()) / model_id
    dest.mkdir(parents=True, exist_ok=True)
    files = {}
    for proc in PROCESSORS:
        if proc in weights:
            target = dest / MODEL_FILE[proc]
            shutil.copyfile(weights[proc], target)
            files[target.name] = {"processor": proc, **file_digest(target)}
    if vectors is not None:
        target = dest / VECTORS_FILE
        shutil.copyfile(vectors, target)
        files[target.name] = {"processor": "pretrain", **file_digest(target)}
    (dest / "resources.json").write_text("{}\n", encoding="utf-8")
    manifest = {"model_id": model_id, "processors": [p for p in PROCESSORS if p in weights],
                "files": files, **info}
    (dest / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return dest
