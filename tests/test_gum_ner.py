"""GUM entity annotation -> flat NER training data, and mention-replacement augmentation."""

from __future__ import annotations

from quotes.nlp import gum_ner

# A GUM-style sentence: mentions open "(id-type" and close "id)" in MISC; heads in column 7.
SENTENCE = """\
1	Foreign	foreign	ADJ	JJ	_	2	amod	_	Entity=(1-person
2	Minister	minister	PROPN	NNP	_	6	nsubj	_	_
3	Anna	Anna	PROPN	NNP	_	2	flat	_	_
4	Berg	Berg	PROPN	NNP	_	2	flat	_	Entity=1)
5	then	then	ADV	RB	_	6	advmod	_	_
6	visited	visit	VERB	VBD	_	0	root	_	_
7	Vienna	Vienna	PROPN	NNP	_	6	obj	_	Entity=(2-place)
8	and	and	CCONJ	CC	_	10	cc	_	_
9	the	the	DET	DT	_	10	det	_	Entity=(3-organization
10	ministry	ministry	NOUN	NN	_	7	conj	_	Entity=3)
11	.	.	PUNCT	.	_	6	punct	_	_
"""


def _rows():
    return [line.split("\t") for line in SENTENCE.splitlines()]


def test_only_proper_noun_names_become_entities():
    tags = [t["ner"] for t in gum_ner.sentence_to_bio(_rows())]
    # the person's name run keeps its PROPN words; "the ministry" has a common-noun head: no name
    assert tags == ["O", "B-PER", "I-PER", "I-PER", "O", "O", "B-LOC", "O", "O", "O", "O"]


def test_augment_swaps_places_for_known_names_deterministically():
    sent = gum_ner.sentence_to_bio(_rows())
    names = {"LOC": ["New Delhi", "Prague"]}
    first = gum_ner.augment([sent], names, seed=3)
    assert first == gum_ner.augment([sent], names, seed=3)
    (copy,) = first
    words = [t["text"] for t in copy]
    tags = [t["ner"] for t in copy]
    place = [w for w, t in zip(words, tags) if t.endswith("LOC")]
    assert " ".join(place) in names["LOC"] and "Vienna" not in words
    assert tags[:4] == ["O", "B-PER", "I-PER", "I-PER"]  # other names untouched
    assert tags[words.index(place[0])] == "B-LOC" and all(t == "I-LOC" for t in tags[words.index(place[0]) + 1:][:len(place) - 1])
    assert gum_ner.augment([[{"text": "Hi", "ner": "O"}]], names) == []  # nothing to swap, no copy


def test_gazetteer_names_cover_countries_and_cities_not_demonyms():
    names = gum_ner.gazetteer_names()
    assert {"Austria", "Prague", "Virginia", "United States"} <= set(names["LOC"])
    assert "Chinese" not in names["LOC"] and "Taliban" in names["ORG"]
