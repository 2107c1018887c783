"""The tagger's per-tag classifiers (quotes.nlp.tag_bilinear) score as Stanza's biaffine ones."""

from __future__ import annotations

import torch

from quotes.nlp import tag_bilinear
from quotes.nlp.batch import parse_texts

NEWS = ("Shares of the company fell 4 percent on Friday after it said its profits had shrunk. "
        "“We expected a better quarter,” an analyst wrote. The firm's chief executive, who is "
        "leaving, declined to comment; her spokesman said she was travelling.")


def _tagger(pipe):
    return pipe.processors["pos"].trainer.model


def _scorers(model):
    return [m for m in model.modules() if isinstance(vars(m).get("forward"), tag_bilinear._PerTagForward)]


def test_xpos_and_every_feature_classifier_is_per_tag(nlp):
    pipe, _ = nlp
    model = _tagger(pipe)
    assert len(_scorers(model)) == 1 + len(model.tag_clf["feats"])  # XPOS and each feature


def test_per_tag_scores_equal_the_bilinear_form(nlp):
    pipe, _ = nlp
    model = _tagger(pipe)
    gen = torch.Generator().manual_seed(5)
    for scorer in _scorers(model):
        per_tag = vars(scorer)["forward"]
        hid = torch.relu(torch.randn(300, scorer.W_bilin.in1_features - 1, generator=gen))
        ids = torch.randint(0, model.upos_emb.num_embeddings, (300,), generator=gen)
        parent = model.upos_emb(ids)
        with torch.no_grad():
            stock = per_tag.original(hid, parent)
            model._quotes_upos_ids = ids
            ours = per_tag(hid, parent)
            model._quotes_upos_ids = None
            fallback = per_tag(hid, parent)  # no ids left by the tagger: Stanza's own form
        torch.testing.assert_close(ours, stock, rtol=1e-4, atol=1e-4)
        assert (ours.argmax(1) == stock.argmax(1)).float().mean() > 0.99
        assert torch.equal(fallback, stock)


def test_tags_are_equal_with_and_without_per_tag_classifiers(nlp):
    pipe, info = nlp
    texts = [NEWS, NEWS.lower()]
    fast = parse_texts(pipe, texts, info.model_id)
    tag_bilinear.uninstall(pipe)
    try:
        assert not _scorers(_tagger(pipe))
        stock = parse_texts(pipe, texts, info.model_id)
    finally:
        assert tag_bilinear.install(pipe) == 22
    assert fast == stock
    feats = [t.feats for t in fast[0].sentences[0].tokens]
    assert any(f and "Tense=Past" in f for f in feats)
