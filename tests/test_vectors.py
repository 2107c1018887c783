"""Word vectors distilled for the embedded models: vocabulary filter, projection, Stanza format."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest

from quotes.nlp import static_vectors
from quotes.nlp.pipeline import VECTOR_PROCESSORS, vector_paths


def test_whole_words_drop_pieces_and_special_slots():
    vocab = ["[PAD]", "[unused0]", "the", "##ing", "said", "[CLS]", "##s", "kabul"]
    assert [vocab[i] for i in static_vectors.whole_words(vocab)] == ["the", "said", "kabul"]


def test_projection_is_deterministic_and_keeps_neighbours():
    rng = np.random.default_rng(7)
    base = rng.normal(size=(200, 32)).astype(np.float32)
    base[1] = base[0] + 0.01 * rng.normal(size=32)  # a near-duplicate of row 0
    a, b = static_vectors.project(base, 8), static_vectors.project(base.copy(), 8)
    assert a.shape == (200, 8) and a.dtype == np.float32
    assert np.array_equal(a, b)
    assert abs(np.linalg.norm(a, axis=1).mean() - 1.0) < 1e-5
    dist = np.linalg.norm(a - a[0], axis=1)
    assert int(np.argsort(dist)[1]) == 1  # the nearest row stays the nearest


def _safetensors(path, table: np.ndarray) -> None:
    header = {static_vectors.TABLE: {"dtype": "F32", "shape": list(table.shape),
                                     "data_offsets": [0, table.nbytes]}}
    raw = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(raw)) + raw + table.tobytes())


def test_build_writes_a_stanza_pretrain_file(tmp_path):
    from stanza.models.common.pretrain import Pretrain

    vocab = ["[PAD]", "[unused0]", "the", "minister", "said", "##ed", "talks", "monday", "kabul", "war"]
    rng = np.random.default_rng(3)
    (tmp_path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    _safetensors(tmp_path / "model.safetensors", rng.normal(size=(len(vocab), 16)).astype(np.float32))
    out = tmp_path / "vectors.pt"
    facts = static_vectors.build(out, dim=4, model_dir=tmp_path)
    assert facts["words"] == 7 and facts["dim"] == 4
    pt = Pretrain(str(out))
    assert pt.emb.shape == (7 + 4, 4)  # Stanza's four reserved rows (pad, unk, empty, root) first
    assert pt.vocab.unit2id("Minister") == pt.vocab.unit2id("minister") != pt.vocab.unit2id("##ed")
    assert static_vectors.describe(out)["words"] == 7


def test_read_table_refuses_other_dtypes(tmp_path):
    header = {static_vectors.TABLE: {"dtype": "F16", "shape": [2, 2], "data_offsets": [0, 8]}}
    raw = json.dumps(header).encode()
    (tmp_path / "m.safetensors").write_bytes(struct.pack("<Q", len(raw)) + raw + b"\0" * 8)
    with pytest.raises(ValueError, match="F16"):
        static_vectors.read_table(tmp_path / "m.safetensors")


def test_vector_paths_only_when_the_model_ships_vectors(tmp_path):
    assert vector_paths(tmp_path) == {}
    (tmp_path / "vectors.pt").write_bytes(b"")
    paths = vector_paths(tmp_path)
    assert set(paths) == {f"{p}_pretrain_path" for p in VECTOR_PROCESSORS}
