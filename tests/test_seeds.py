"""One test per real seed article (../shared/seeds): its key quotes, speakers, roles and dates."""

from __future__ import annotations

import pytest

from quotes.ingest import read_inputs
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def seed_quotes(quotes_of_article):
    seeds = shared_path("seeds")
    articles, errors = read_inputs([str(seeds)])
    assert not [e for e in errors if e.skipped]
    return {a.source_id[:3]: quotes_of_article(a) for a in articles}


def find(quotes, words, type_=None):
    hits = [q for q in quotes if words in q.text and (type_ is None or q.type == type_)]
    assert hits, f"no quote with {words!r}: {[(q.type, q.text[:60]) for q in quotes]}"
    return hits[0]


def test_seed_000_blinken_and_qureshi(seed_quotes):
    qs = seed_quotes["000"]
    unity = find(qs, "very strong unity of approach", "direct")
    assert unity.speaker == "Antony Blinken" and unity.speaker_type == "person"
    assert "Secretary of State" in (unity.role or "")
    legit = find(qs, "The Taliban says that it seeks legitimacy", "direct")
    assert legit.speaker == "Antony Blinken"  # "The top US diplomat said"
    objective = find(qs, "We have to find a way", "direct")
    assert objective.speaker == "Shah Mehmood Qureshi"
    rush = find(qs, "no rush to recognise")
    assert rush.type == "indirect" and rush.speaker == "Shah Mehmood Qureshi"


def test_seed_001_price_and_blinken_with_dates(seed_quotes):
    qs = seed_quotes["001"]
    price = find(qs, "The Secretary highlighted robust diplomatic support", "direct")
    assert price.speaker == "Ned Price"
    asked = find(qs, "Yes, we have asked him", "direct")
    assert asked.speaker == "Antony Blinken"
    assert asked.said_on == "2021-01-27"  # "press conference on Wednesday", published Fri 29 Jan 2021
    shared = find(qs, "the United States is reviewing", "indirect")
    assert shared.speaker == "Antony Blinken" and shared.said_on == "2021-01-28"


def test_seed_002_imran_khan_lavrov_saleh(seed_quotes):
    qs = seed_quotes["002"]
    stressed = find(qs, "importance of adopting coordinated approaches")
    assert stressed.type == "indirect" and stressed.speaker == "Imran Khan" and stressed.cue == "stressed"
    assert "Prime Minister" in (stressed.role or "")
    ready = find(qs, "We stand ready to strengthen", "direct")
    assert ready.speaker == "Sergey Lavrov"
    blamed = find(qs, "for the collapse of the erstwhile government forces")
    assert blamed.speaker == "Amrullah Saleh" and "vice president" in (blamed.role or "")
    trajectory = find(qs, "upward trajectory")
    assert trajectory.type == "mixed" and trajectory.speaker == "Imran Khan"


def test_seed_003_kirby_pronouns_role_and_date(seed_quotes):
    qs = seed_quotes["003"]
    again = find(qs, "we’re having that conversation with the Pakistanis", "direct")
    assert again.speaker in ("John F Kirby", "John Kirby")
    assert again.role == "Pentagon Press Secretary"
    remind = find(qs, "I would remind you", "direct")
    assert remind.speaker == again.speaker and remind.speaker_mention == "he"
    assert remind.said_on == "2021-08-10"
    assert not any("terrorist safe havens" == q.text for q in qs)  # headline scare quote


def test_seed_004_price_china_and_ministry(seed_quotes):
    qs = seed_quotes["004"]
    called = find(qs, "Blinken called Chinese Foreign Minister Wang Yi")
    assert called.speaker == "Ned Price" and called.type == "indirect"
    embassy = find(qs, "its embassy in Kabul remains open")
    assert embassy.speaker == "China" and embassy.speaker_type == "organization"
    assert not any("would recognize the Taliban" in q.text for q in qs)  # "would not say"
