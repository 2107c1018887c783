"""Stanza's vocabulary lookups as comprehensions (quotes.nlp.vocab_lookup) give Stanza's ids and strings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes.nlp import vocab_lookup
from quotes.nlp.batch import parse_texts

NEWS = ("“We will not back down,” said Maria Lopez, a spokeswoman for the union, on Tuesday. "
        "Ms. Lopez said the strike at the Hafnarfjörður plant would go on. The company declined "
        "to comment; its shares fell 3.5% to $12.40 in New York.")


def _vocabs(pipe):
    """Every vocabulary the shipped pipeline's processors hold, by a readable name."""
    from stanza.models.common.vocab import BaseMultiVocab

    out = {}
    for name, proc in pipe.processors.items():
        trainer = proc.trainer
        vocab = getattr(trainer, "vocab", None) or trainer.model.vocab
        for key, v in (vocab._vocabs.items() if isinstance(vocab, BaseMultiVocab) else [("", vocab)]):
            out[f"{name}.{key}"] = v
        pretrain = getattr(proc, "_pretrain", None)
        if pretrain is not None:
            out[f"{name}.pretrain"] = pretrain.vocab
    return out


def _units(vocab):
    """Units a lookup meets: known ones, their other cases, unknown ones, spaces, None, ignore marks."""
    known = [u for u in vocab._id2unit[:400] if isinstance(u, str)]
    return (known + [u.upper() for u in known] + [u.title() for u in known]
            + ["qwzx", "Hafnarfjörður", "", " ", "New York", "new york", "_", None, "<UNK>", "3.5%"])


def _stock_map(vocab, units):
    return [vocab.unit2id(u) for u in units]


def test_the_stand_ins_are_installed_by_the_pipeline(nlp):
    from stanza.models.common.vocab import BaseVocab

    assert BaseVocab.map is vocab_lookup.fast_map
    assert BaseVocab.unmap is vocab_lookup.fast_unmap


def test_every_vocabulary_of_the_pipeline_maps_as_stanza_does(nlp):
    from stanza.models.common.vocab import CompositeVocab

    pipe, _ = nlp
    vocabs = _vocabs(pipe)
    # the shapes that take the inlined paths are all there: lower-cased words, pretrained
    # words (spaces to no-break spaces), a tag vocabulary with an ignore mark, characters
    assert {"pos.word", "pos.xpos", "pos.char", "pos.pretrain", "ner.word", "lemma.char"} <= set(vocabs)
    assert vocabs["pos.xpos"].ignore == ["_"] and vocabs["pos.word"].lower
    inlined = 0
    for name, vocab in vocabs.items():
        if isinstance(vocab, CompositeVocab):  # feature bundles and NER tags: Stanza's own lookup
            assert vocab_lookup._kinds(type(vocab))[1] is None, name
            continue
        units = _units(vocab)
        try:
            stock = _stock_map(vocab, units)
        except (AttributeError, KeyError, TypeError) as err:  # Stanza's own method fails on some units
            with pytest.raises(type(err)):
                vocab.map(units)
            units = [u for u in units if u is not None]
            stock = _stock_map(vocab, units)
        assert vocab.map(units) == stock, name
        ids = list(range(len(vocab)))
        assert vocab.unmap(ids) == [vocab.id2unit(i) for i in ids], name
        inlined += vocab_lookup._kinds(type(vocab))[0] is not None
    assert inlined >= 15


@settings(max_examples=150, deadline=None)
@given(words=st.lists(st.one_of(st.none(), st.text(max_size=8)), max_size=20))
def test_any_string_maps_as_stanza_maps_it(nlp, words):
    pipe, _ = nlp
    for name, vocab in _vocabs(pipe).items():
        if vocab_lookup._kinds(type(vocab))[1] is None:
            continue  # not inlined: Stanza's own method runs
        if name.startswith("tokenize"):  # its unit2id reads characters, never None
            words = [w for w in words if w is not None]
        try:
            stock = _stock_map(vocab, words)
        except (AttributeError, TypeError):
            continue
        assert vocab.map(words) == stock, name


def test_an_instance_with_its_own_lookup_keeps_it(nlp):
    pipe, _ = nlp
    vocab = _vocabs(pipe)["pos.upos"]
    vocab.unit2id = lambda unit: 7
    vocab.id2unit = lambda i: "X"
    try:
        assert vocab.map(["NOUN", "VERB"]) == [7, 7]
        assert vocab.unmap([4, 5]) == ["X", "X"]
    finally:
        del vocab.unit2id, vocab.id2unit


def test_parses_are_equal_with_and_without_the_stand_ins(nlp):
    pipe, info = nlp
    fast = parse_texts(pipe, [NEWS, NEWS.lower()], info.model_id)
    vocab_lookup.uninstall()
    try:
        stock = parse_texts(pipe, [NEWS, NEWS.lower()], info.model_id)
    finally:
        vocab_lookup.install()
    assert fast == stock
    assert any(t.lemma == "say" for s in fast[0].sentences for t in s.tokens)


def test_small_vocabularies_of_each_kind_map_as_stanza_does():
    """Built by hand so that every branch has a unit that tells it apart (a known multiword
    pretrained entry, an ignore mark, an upper-case known word)."""
    from stanza.models.common.pretrain import PretrainedWordVocab
    from stanza.models.pos.vocab import WordVocab

    vocab_lookup.install()
    pretrained = PretrainedWordVocab(["new\xa0york", "the", "said"], lower=True)
    words = WordVocab([[["The"], ["said"], ["_"]]], lower=True, ignore=["_"])
    tags = WordVocab([[["NOUN"], ["_"]]], idx=0, ignore=["_"])
    units = ["New York", "new york", "THE", "said", "_", "", None, "Said", "nowhere"]
    for vocab in (pretrained, words, tags):
        assert vocab.map(units) == [vocab.unit2id(u) for u in units]
        assert vocab.unmap(range(len(vocab))) == [vocab.id2unit(i) for i in range(len(vocab))]
    assert pretrained.map(["New York"]) == [pretrained._unit2id["new\xa0york"]]
    assert words.map(["_"]) == [2] and words.unmap([2]) == ["_"]
