"""The parser's tree search (quotes.nlp.fast_mst) returns Stanza's trees."""

from __future__ import annotations

import numpy as np
import pytest

from quotes.nlp import fast_mst


def _log_softmax_rows(s: np.ndarray) -> np.ndarray:
    return s - np.log(np.exp(s - s.max(1, keepdims=True)).sum(1, keepdims=True)) - s.max(1, keepdims=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_same_trees_as_stanza_on_random_scores(seed):
    from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root as stanza_tree

    rng = np.random.default_rng(seed)
    for n in range(2, 70):
        for scale in (0.3, 3.0, 12.0):  # flat scores give many cycles, peaked ones few
            scores = _log_softmax_rows(rng.normal(size=(n, n)) * scale).astype(np.float32)
            ours = fast_mst.chuliu_edmonds_one_root(scores)
            assert (ours == stanza_tree(scores)).all(), (n, scale)
            assert ours[0] == 0 and np.count_nonzero(ours[1:] == 0) == 1


def test_greedy_tree_is_returned_without_search():
    # every word's best head already forms a tree: 2 is the root, 1 and 3 hang from it
    scores = np.log(np.array([[1, 0, 0, 0], [0.1, 0, 0.8, 0.1], [0.9, 0.05, 0, 0.05], [0.1, 0.1, 0.8, 0]],
                             dtype=np.float64) + 1e-9)
    assert fast_mst._greedy_tree(scores.copy()).tolist() == [0, 2, 0, 2]
    # two words choosing the root: no greedy tree, the search picks one root
    scores[1] = np.log(np.array([0.9, 0, 0.05, 0.05]) + 1e-9)
    assert fast_mst._greedy_tree(scores.copy()) is None
    tree = fast_mst.chuliu_edmonds_one_root(scores)
    assert np.count_nonzero(tree[1:] == 0) == 1


def test_parses_equal_with_stanzas_own_decoder(nlp):
    from quotes.nlp.batch import parse_texts

    pipe, info = nlp
    text = ("Officials who had asked not to be named said on Tuesday that the deal, which both sides "
            "described as fragile, could collapse. “We are not there yet,” the envoy told reporters, "
            "adding that talks would resume. Markets fell.")
    model = pipe.processors["depparse"].trainer.model
    assert model.__dict__.get("decode_graph_predictions") is fast_mst.decode_graph_predictions
    fast = parse_texts(pipe, [text], info.model_id)
    del model.decode_graph_predictions
    try:
        stock = parse_texts(pipe, [text], info.model_id)
    finally:
        fast_mst.install(pipe)
    assert fast == stock
