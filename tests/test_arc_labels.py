"""Labels scored for the tree's arcs only (quotes.nlp.arc_labels) are the labels Stanza picks."""

from __future__ import annotations

import numpy as np
import torch

from quotes.nlp import arc_labels
from quotes.nlp.batch import parse_texts

NEWS = ("The mayor, who took office in January, said on Monday that the city would not raise taxes "
        "this year. “We have cut what we could,” she told the council, adding that the budget gap "
        "remained. Critics said the plan relied on one-time money, and the union called it a gamble.")
LONG = " ".join(["The committee, which met in private for three hours on Thursday, said that the report "
                 "its staff had prepared, though incomplete, showed the agency had ignored warnings "
                 "from inspectors, auditors and two former directors about the contracts."] * 2)


def _parser(pipe):
    return pipe.processors["depparse"].trainer.model


def _stanza_batch(pipe, text):
    """One parser batch of ``text`` as Stanza's depparse processor builds it."""
    from stanza.models.depparse.data import DataLoader
    from stanza.models.depparse.trainer import unpack_batch

    proc = pipe.processors["depparse"]
    doc = pipe(text, processors="tokenize,mwt,pos,lemma")
    batch = DataLoader(doc, 500, proc.config, proc.pretrain, vocab=proc.vocab, evaluation=True)
    inputs, _, word_orig_idx, sentlens, wordlens, text_ = unpack_batch(next(iter(batch)), "cpu")
    return (*inputs, word_orig_idx, sentlens, wordlens, text_), sentlens


def test_the_parser_scores_labels_per_arc(nlp):
    pipe, _ = nlp
    assert isinstance(vars(_parser(pipe)).get("predict"), arc_labels._Predict)


def test_every_arc_label_log_probability_is_stanzas(nlp):
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    pipe, _ = nlp
    model = _parser(pipe)
    args, sentlens = _stanza_batch(pipe, NEWS)
    with torch.no_grad():
        model.eval()
        _, preds = type(model).forward(model, *args)  # Stanza's own: every pair, every label
        out = model.embed(*args)
        a, b, weight, bias = arc_labels._label_vectors(model.deprel, model.drop(out))
        unlabeled = arc_labels._unlabeled_scores(model, model.drop(out), args[0], args[9])
    stanza_arcs = preds[0]
    ours_arcs = torch.log_softmax(unlabeled, 2).numpy()
    assert np.array_equal(ours_arcs, stanza_arcs)  # same operations, same order: the same bits
    for i, n in enumerate(sentlens):
        labels = arc_labels.ArcLabels(a[i, :n], b[i, :n], weight, bias, n)
        full = preds[2][i][:n, :n]
        for dep in range(1, n):
            ours = np.stack([labels[dep, h] for h in range(n)])
            np.testing.assert_allclose(ours, full[dep], rtol=0, atol=1e-4)
            best = labels.best([dep] * n, range(n))
            assert (best + VOCAB_PREFIX_SIZE == preds[1][i][dep, :n]).all()  # Stanza's argmax
        assert labels.shape == (n, n, full.shape[-1])
        # a tree's arcs (one head per word, heads shared): scored per distinct head
        rng = np.random.default_rng(n)
        for _ in range(5):
            deps = np.arange(1, n)
            heads = rng.integers(0, n, size=n - 1)
            heads[heads == deps] = 0
            fresh = arc_labels.ArcLabels(a[i, :n], b[i, :n], weight, bias, n)
            best = fresh.best(deps, heads)
            assert (best + VOCAB_PREFIX_SIZE == preds[1][i][deps, heads]).all()
            np.testing.assert_allclose(np.stack([fresh[d, h] for d, h in zip(deps, heads)]),
                                       full[deps, heads], rtol=0, atol=1e-4)


def test_parses_are_equal_with_and_without_per_arc_labels(nlp):
    pipe, info = nlp
    texts = [NEWS, LONG, NEWS.upper()]
    fast = parse_texts(pipe, texts, info.model_id)
    arc_labels.uninstall(pipe)
    try:
        stock = parse_texts(pipe, texts, info.model_id)
    finally:
        assert arc_labels.install(pipe)
    assert fast == stock
    assert any(t.deprel == "nsubj" for t in fast[0].sentences[0].tokens)


def test_the_head_constraint_repair_reads_the_lazy_labels(nlp):
    """Stanza's repair (two subjects or objects on one head) asks for other heads' labels."""
    pipe, info = nlp
    proc = pipe.processors["depparse"]
    before = proc.config.get("resolve_head_constraints", True)
    proc.config["resolve_head_constraints"] = True
    texts = [NEWS, LONG, "He said she said they gave him it and them."]
    try:
        fast = parse_texts(pipe, texts, info.model_id)
        arc_labels.uninstall(pipe)
        try:
            stock = parse_texts(pipe, texts, info.model_id)
        finally:
            arc_labels.install(pipe)
    finally:
        proc.config["resolve_head_constraints"] = before
    assert fast == stock


def test_install_is_idempotent(nlp):
    pipe, _ = nlp
    assert arc_labels.install(pipe) is False  # already there
    assert isinstance(vars(_parser(pipe)).get("predict"), arc_labels._Predict)


def test_labels_of_a_batch_of_trees_are_each_sentences_own(nlp):
    """``best_of_trees`` scores every sentence's tree in one pass: the labels ``best`` gives per
    sentence, and Stanza's argmax."""
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    pipe, _ = nlp
    model = _parser(pipe)
    args, sentlens = _stanza_batch(pipe, NEWS + " " + LONG)
    assert len(sentlens) >= 3
    with torch.no_grad():
        model.eval()
        _, preds = type(model).forward(model, *args)
        a, b, weight, bias = arc_labels._label_vectors(model.deprel, model.drop(model.embed(*args)))
    rng = np.random.default_rng(7)
    labels, trees = [], []
    for i, n in enumerate(sentlens):
        labels.append(arc_labels.ArcLabels(a[i, :n], b[i, :n], weight, bias, n))
        tree = np.concatenate([[0], rng.integers(0, n, size=n - 1)])
        tree[1:][tree[1:] == np.arange(1, n)] = 0
        trees.append(tree)
    batch = arc_labels.best_of_trees(labels, trees)
    for i, (lab, tree, got) in enumerate(zip(labels, trees, batch)):
        n = sentlens[i]
        assert (got == lab.best(range(1, n), tree[1:])).all()
        assert (got + VOCAB_PREFIX_SIZE == preds[1][i][np.arange(1, n), tree[1:]]).all()
