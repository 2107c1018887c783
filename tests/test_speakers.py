"""quotes.facts.speakers: linking speaker names across articles."""

from __future__ import annotations

import hashlib

from quotes.facts.names import org_parts, strip_titles
from quotes.facts.speakers import link_speakers


def row(article, speaker, type_="person", role=None, said_on=None, **extra):
    return {"article_id": article, "speaker": speaker, "speaker_type": type_, "role": role, "said_on": said_on, **extra}


def by_id(table):
    return {s["speaker_id"]: s for s in table}


def test_blinken_variants_merge_with_roles_and_spans():
    rows = [
        row("a1", "Antony Blinken", role="Secretary of State", said_on="2021-01-28"),
        row("a1", "Blinken", role="Secretary of State", said_on="2021-01-27"),
        row("a2", "US Secretary of State Antony Blinken", role="US Secretary of State", said_on="2021-08-16"),
        row("a3", "Secretary of State Antony Blinken", role="secretary of state", said_on="2021-09-01"),
        row("a4", "Blinken", role="Senator", said_on="2001-05-01"),
        row("a4", "Joe Biden", role="President"),
    ]
    ids, table = link_speakers(rows)
    assert len(set(ids[:5])) == 1 and ids[5] != ids[0]
    s = by_id(table)[ids[0]]
    assert s["name"] == "Antony Blinken" and s["type"] == "person"
    assert s["aliases"] == ["Blinken"]
    assert s["roles"] == ["Secretary of State", "Senator", "US Secretary of State"]
    assert (s["n_quotes"], s["n_articles"]) == (5, 4)
    assert s["role_spans"] == [
        {"role": "Senator", "first_seen": "2001-05-01", "last_seen": "2001-05-01"},
        {"role": "Secretary of State", "first_seen": "2021-01-27", "last_seen": "2021-09-01"},
        {"role": "US Secretary of State", "first_seen": "2021-08-16", "last_seen": "2021-08-16"},
    ]
    expected = "s_" + hashlib.sha256("person\x1fantony blinken".encode()).hexdigest()[:16]
    assert ids[0] == expected


def test_two_clintons_are_never_merged_and_bare_surname_follows_its_article():
    rows = [
        row("a1", "Hillary Clinton"),
        row("a2", "Bill Clinton"),
        row("a2", "Clinton"),  # same article as Bill -> Bill
        row("a3", "Clinton"),  # no full name here -> ambiguous, kept apart
    ]
    ids, table = link_speakers(rows)
    hillary, bill, clinton_a2, clinton_a3 = ids
    assert hillary != bill
    assert clinton_a2 == bill
    assert clinton_a3 not in (hillary, bill)
    assert by_id(table)[clinton_a3]["name"] == "Clinton"


def test_surname_merges_build_wide_only_when_unique():
    ids, _ = link_speakers([row("a1", "John F. Kirby"), row("a2", "Kirby"), row("a3", "John Kirby")])
    assert len(set(ids)) == 1


def test_alias_in_the_same_article_links_a_surname():
    rows = [
        row("a1", "Hillary Clinton"),
        row("a2", "Bill Clinton"),
        row("a3", "Clinton", speaker_mention="Former President Bill Clinton"),
    ]
    ids, _ = link_speakers(rows)
    assert ids[2] == ids[1] != ids[0]


def test_transliteration_variants_merge_but_different_people_do_not():
    rows = [
        row("a1", "Sergey Lavrov"),
        row("a2", "Sergei Lavrov"),
        row("a3", "Antonio Lopez"),
        row("a4", "Antonia Lopez"),
        row("a5", "Sergey Ivanov"),
    ]
    ids, table = link_speakers(rows)
    assert ids[0] == ids[1]
    assert ids[2] != ids[3]
    assert ids[4] != ids[0]
    assert "Sergei Lavrov" in by_id(table)[ids[0]]["aliases"] or by_id(table)[ids[0]]["name"] == "Sergei Lavrov"


def test_organizations_normalize_case_article_and_country_prefix():
    rows = [
        row("a1", "US State Department", "organization"),
        row("a2", "The State Department", "organization"),
        row("a3", "state department", "organization"),
        row("a4", "U.S. State Department", "organization"),
        row("a5", "Russia's foreign ministry", "organization"),
        row("a6", "China's foreign ministry", "organization"),
        row("a7", "Chinese Foreign Ministry", "organization"),
        row("a8", "The foreign ministry", "organization"),  # two countries known: stays apart
    ]
    ids, table = link_speakers(rows)
    assert len(set(ids[:4])) == 1
    assert ids[4] != ids[5] and ids[5] == ids[6]
    assert ids[7] not in (ids[4], ids[5])
    assert by_id(table)[ids[0]]["name"] in ("US State Department", "U.S. State Department")  # longest form
    assert "State Department" in by_id(table)[ids[0]]["aliases"]


def test_bare_org_follows_the_country_named_in_its_article():
    rows = [
        row("a1", "Russia's foreign ministry", "organization"),
        row("a2", "China's foreign ministry", "organization"),
        row("a2", "The foreign ministry", "organization"),
    ]
    ids, _ = link_speakers(rows)
    assert ids[2] == ids[1] != ids[0]


def test_person_and_organization_with_the_same_name_are_distinct():
    ids, _ = link_speakers([row("a1", "Jordan", "person"), row("a2", "Jordan", "organization")])
    assert ids[0] != ids[1]


def test_rows_without_speaker_get_none_and_groups_stay_whole():
    ids, table = link_speakers([row("a1", None), row("a1", "Imran Khan and Vladimir Putin"), row("a2", "Vladimir Putin"), row("a3", "Putin")])
    assert ids[0] is None
    assert ids[1] != ids[2] and ids[3] == ids[2]  # the group does not make "Putin" ambiguous
    assert len(table) == 2


def test_ids_are_deterministic_and_order_independent():
    rows = [
        row("a1", "Antony Blinken"),
        row("a2", "Blinken"),
        row("a3", "Russia's foreign ministry", "organization"),
        row("a4", "Sergei Lavrov"),
        row("a5", "Sergey Lavrov"),
    ]
    ids1, t1 = link_speakers(rows)
    ids2, t2 = link_speakers(list(reversed(rows)))
    assert ids1 == list(reversed(ids2))
    assert t1 == t2
    assert all(i.startswith("s_") and len(i) == 18 for i in ids1)


def test_strip_titles():
    assert strip_titles("Pentagon Press Secretary John F Kirby") == ("John F Kirby", "Pentagon Press Secretary")
    assert strip_titles("Former Afghanistan vice president Amrullah Saleh")[0] == "Amrullah Saleh"
    assert strip_titles("Mr. Smith") == ("Smith", "Mr.")
    assert strip_titles("Prime Minister Imran Khan")[0] == "Imran Khan"
    assert strip_titles("John Major")[0] == "John Major"  # a title word as a surname
    assert strip_titles("Dean Phillips")[0] == "Dean Phillips"  # ... and as a given name
    assert strip_titles("the premier")[0] == ""


def test_org_parts():
    assert org_parts("US State Department") == ("united states", "state department")
    assert org_parts("The State Department") == ("", "state department")
    assert org_parts("U.S.") == org_parts("United States") == ("united states", "")
    assert org_parts("Russia's foreign ministry") == ("russia", "foreign ministry")
