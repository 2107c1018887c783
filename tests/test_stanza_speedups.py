"""The stand-ins for Stanza's slow spots (quotes.nlp.stanza_speedups) compute what Stanza computes."""

from __future__ import annotations

import numpy as np
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.nlp import stanza_speedups
from quotes.nlp.batch import parse_texts

NEWS = ("Officials who had asked not to be named said on Tuesday that the deal, which both sides "
        "described as fragile, could collapse. “We are not there yet,” the envoy told reporters in "
        "Geneva, adding that the talks would resume. The envoy said the talks were hard. Markets fell, "
        "and the Finance Ministry said it would not comment on the deal.")


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(st.integers(0, 10_000), max_size=12), min_size=1, max_size=8),
       extra=st.integers(0, 3), pad=st.sampled_from([0, 1, 7]))
def test_get_long_tensor_equals_stanzas(rows, extra, pad):
    from stanza.models.common.data import get_long_tensor as maybe_ours

    original = stanza_speedups._original_get_long_tensor()
    assert maybe_ours in (original, stanza_speedups.get_long_tensor)
    if max(len(r) for r in rows) == 0:
        return  # Stanza's own version cannot build a tensor of width 0 either
    ours = stanza_speedups.get_long_tensor(rows, len(rows) + extra, pad)
    assert ours.dtype == torch.int64
    assert torch.equal(ours, original(rows, len(rows) + extra, pad))


def test_get_long_tensor_hands_nested_rows_to_stanza():
    rows = [[[1, 2], [3, 4]], [[5, 6]]]  # a batch of sentences of fixed-width rows
    original = stanza_speedups._original_get_long_tensor()
    assert torch.equal(stanza_speedups.get_long_tensor(rows, 2, 0), original(rows, 2, 0))


def test_the_pipeline_runs_with_the_stand_ins(nlp):
    from stanza.models.common.char_model import CharacterModel

    pipe, _ = nlp
    chars = [m for p in pipe.processors.values() for m in getattr(getattr(p, "trainer", None), "model", torch.nn.Module()).modules()
             if isinstance(m, CharacterModel)]
    assert len(chars) == 3  # tagger, parser, NER
    assert all(isinstance(m.__dict__.get("forward"), stanza_speedups._DedupForward) for m in chars)


def test_parses_are_equal_with_and_without_the_stand_ins(nlp):
    pipe, info = nlp
    fast = parse_texts(pipe, [NEWS, NEWS.upper()], info.model_id)
    stanza_speedups.uninstall(pipe)
    try:
        stock = parse_texts(pipe, [NEWS, NEWS.upper()], info.model_id)
    finally:
        stanza_speedups.install(pipe)
    assert fast == stock
    # and the words behind it: the tags, lemmas and heads are the ones Stanza gives
    assert [t.upos for t in fast[0].sentences[0].tokens][:3] == [t.upos for t in stock[0].sentences[0].tokens][:3]


def test_character_model_runs_each_distinct_word_once(nlp):
    pipe, info = nlp
    model = pipe.processors["pos"].trainer.model.charmodel
    seen = []
    lstm = model.charlstm
    original = lstm.forward

    def counting(x, lengths, hx=None):
        seen.append(len(lengths))
        return original(x, lengths, hx)

    lstm.forward = counting
    try:
        parse_texts(pipe, ["The cat said the dog saw the cat and the dog."], info.model_id)
    finally:
        del lstm.forward
    # 12 tokens, 7 distinct words (The, cat, said, the, dog, saw, and, .) -> 8 rows
    assert seen == [8]


def test_feature_vocabulary_cache_returns_what_stanza_returns(nlp):
    from stanza.models.common.vocab import CompositeVocab

    pipe, info = nlp
    parse_texts(pipe, [NEWS], info.model_id)
    vocabs = [v for v in pipe.processors["pos"].trainer.vocab._vocabs.values() if isinstance(v, CompositeVocab)]
    assert vocabs
    for v in vocabs:
        cached = v.__dict__["id2unit"]
        assert len(cached.cache) >= 5  # the tagger asked for several bundles
        stock = type(v).id2unit.__get__(v)
        for ids in list(cached.cache):
            assert cached(list(ids)) == stock(list(ids))
            # a list of ints and the same ids as an array share one cache entry
            size = len(cached.cache)
            assert cached(np.array(ids)) == stock(list(ids)) and len(cached.cache) == size


def test_the_lemmatizer_builds_only_the_loader_its_model_reads(nlp, monkeypatch):
    """In dictionary-first mode the first of Stanza's two loaders is reduced to its document; the
    loader of the words the dictionary does not know is Stanza's own, and so are the lemmas."""
    from stanza.models.lemma.data import DataLoader
    from stanza.pipeline import lemma_processor

    pipe, info = nlp
    assert pipe.processors["lemma"].config.get("ensemble_dict")
    built = []

    class Counting(DataLoader):
        def __init__(self, *args, **kwargs):
            built.append(kwargs.get("skip") is not None)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(lemma_processor, "DataLoader", stanza_speedups._lemma_loader(Counting))
    text = "The Qwertyville councillors outvoted the mayor, who said she was disappointed."
    fast = parse_texts(pipe, [text], info.model_id)
    assert built == [True]  # only the loader of the dictionary's unknown words
    monkeypatch.setattr(lemma_processor, "DataLoader", Counting)
    built.clear()
    stock = parse_texts(pipe, [text], info.model_id)
    assert built == [False, True]
    assert fast == stock
    lemmas = {t.text: t.lemma for t in fast[0].sentences[0].tokens}
    assert (lemmas["councillors"], lemmas["outvoted"], lemmas["said"]) == ("councillor", "outvote", "say")


def test_document_get_returns_what_stanzas_returns(nlp):
    from stanza.models.common.doc import Document

    pipe, _ = nlp
    assert Document.get is stanza_speedups.document_get
    doc = pipe("Mr. O'Neil said he won't go. “Never,” he added.")
    stock = stanza_speedups.document_get.__wrapped__
    asks = [(fields, False) for fields in ("text", ["text"], ["text", "upos", "lemma"], ["id", "head", "deprel"])]
    asks += [(fields, True) for fields in ("text", ["id", "text", "ner", "start_char"])]  # tokens' own fields
    for fields, from_token in asks:
        for as_sentences in (False, True):
            got = doc.get(fields, as_sentences=as_sentences, from_token=from_token)
            assert got == stock(doc, fields, as_sentences=as_sentences, from_token=from_token)
    assert doc.get(["text", "upos"])[:2] == [["Mr.", "PROPN"], ["O'Neil", "PROPN"]]
    assert len(doc.get("text", as_sentences=True)) == 2
