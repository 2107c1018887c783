"""quotes.facts.statements: the same statement across outlets."""

from __future__ import annotations

import hashlib
import time

from quotes.facts.statements import group_statements


def q(qid, article, speaker, text, said_on=None):
    return {"quote_id": qid, "article_id": article, "speaker_id": speaker, "text": text, "said_on": said_on}


KIRBY = "s_kirby"
PRICE = "s_price"


def test_same_statement_in_two_articles_is_one_statement():
    rows = [
        q("q1", "a1", KIRBY, "And again, we’re having that conversation with the Pakistanis all the time,", "2021-08-10"),
        q("q2", "a2", KIRBY, '"We\'re having that conversation with the Pakistanis all the time."', "2021-08-09"),
        q("q3", "a2", KIRBY, "Nobody is walking away from that."),
    ]
    ids, table = group_statements(rows)
    assert ids[0] == ids[1] != ids[2]
    st = next(s for s in table if s["statement_id"] == ids[0])
    assert st["n_articles"] == 2 and st["n_quotes"] == 2
    assert st["quote_ids"] == ["q1", "q2"]
    assert st["first_said_on"] == "2021-08-09"
    assert st["speaker_id"] == KIRBY
    assert st["text"] == rows[0]["text"]  # the more complete version
    assert st["statement_id"] == "st_" + hashlib.sha256("q1\x1fq2".encode()).hexdigest()[:16]


def test_fragment_of_six_words_inside_a_longer_quote_joins_it():
    rows = [
        q("q1", "a1", KIRBY, "We are mindful that those safe havens are providing a source of more insecurity and more instability inside Afghanistan."),
        q("q2", "a2", KIRBY, "a source of more insecurity and more instability"),
        q("q3", "a3", KIRBY, "more instability"),  # too short to say
    ]
    ids, _ = group_statements(rows)
    assert ids[0] == ids[1] != ids[2]


def test_different_speakers_with_the_same_words_are_not_merged():
    text = "We are having that conversation with the Pakistanis all the time."
    ids, table = group_statements([q("q1", "a1", KIRBY, text), q("q2", "a2", PRICE, text), q("q3", "a3", None, text), q("q4", "a4", None, text)])
    assert len(set(ids)) == 4 and len(table) == 4


def test_paraphrase_with_low_overlap_is_not_merged():
    rows = [
        q("q1", "a1", KIRBY, "We are having that conversation with the Pakistanis all the time."),
        q("q2", "a2", KIRBY, "Washington talks with Islamabad constantly about the border sanctuaries."),
    ]
    ids, _ = group_statements(rows)
    assert ids[0] != ids[1]


def test_negation_is_not_a_near_duplicate():
    rows = [
        q("q1", "a1", KIRBY, "The United States will recognise the Taliban government."),
        q("q2", "a2", KIRBY, "The United States will not recognise the Taliban government."),
    ]
    ids, _ = group_statements(rows)
    assert ids[0] != ids[1]


def test_every_quote_gets_a_statement_and_ids_are_deterministic():
    rows = [q(f"q{i}", f"a{i}", KIRBY, f"Statement number {i} about topic {i * 7}.") for i in range(5)]
    ids1, t1 = group_statements(rows)
    ids2, t2 = group_statements(list(reversed(rows)))
    assert len(set(ids1)) == 5 and all(i.startswith("st_") for i in ids1)
    assert ids1 == list(reversed(ids2))
    assert sorted(t1, key=lambda s: s["statement_id"]) == sorted(t2, key=lambda s: s["statement_id"])
    assert all(s["n_quotes"] == 1 and s["n_articles"] == 1 for s in t1)


def test_scales_to_many_quotes_and_a_widely_reprinted_one():
    import random

    rnd = random.Random(0)
    words = [f"w{i}" for i in range(3000)]
    rows = [q(f"r{i}", f"a{i}", f"s{i % 50}", " ".join(rnd.choices(words, k=15))) for i in range(6000)]
    wire = "we will continue to work with our partners to make sure the region is stable"
    rows += [q(f"w{i}", f"b{i}", KIRBY, wire + (" today" if i % 2 else "")) for i in range(400)]
    t0 = time.perf_counter()
    ids, table = group_statements(rows)
    assert time.perf_counter() - t0 < 20
    assert len({ids[i] for i in range(6000, 6400)}) == 1  # all reprints: one statement
    assert len(table) == 6001
