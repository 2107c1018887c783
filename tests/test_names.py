"""Canonical names: titles, places and organizations are never part of a person's name.
Names and sentences written for these tests."""

from __future__ import annotations

import pytest

from quotes.facts.names import strip_titles


@pytest.mark.parametrize("written, name, title", [
    ("Ambassador to France Jane Hartley", "Jane Hartley", "Ambassador to France"),
    ("Mayor of Leeds Judith Blake", "Judith Blake", "Mayor of Leeds"),
    ("Afghan Ambassador to the United States Hamid Nouri", "Hamid Nouri", "Afghan Ambassador to United States"),
    ("Undersecretary for Education Mr. Rossi", "Rossi", "Undersecretary for Education"),
    ("Secretary of State John F Kerry", "John F Kerry", "Secretary of State"),
    ("US Secretary of State Antony Blinken", "Antony Blinken", "US Secretary of State"),
])
def test_a_titles_complement_stays_in_the_title(written, name, title):
    assert strip_titles(written) == (name, title)


def test_a_title_of_someone_else_is_a_description_not_their_name():
    # "a spokesman for John Smith" speaks for Smith; the speaker is the spokesman
    assert strip_titles("spokesman for John Smith") == ("", "spokesman for John Smith")


def _speakers(quotes_of, text):
    return [(q.speaker_mention, q.speaker) for q in sorted(quotes_of(text), key=lambda q: q.start)]


def test_an_abbreviation_names_the_body_it_abbreviates(quotes_of):
    said = _speakers(quotes_of, "The World Health Organization (WHO) said salt should be iodised. "
                                "WHO said the problem was growing.")
    assert [s for _, s in said] == ["World Health Organization", "World Health Organization"]
    said = _speakers(quotes_of, "The Korean Central News Agency said troops were moving. "
                                "KCNA said the drills were a provocation.")
    assert [s for _, s in said] == ["Korean Central News Agency", "Korean Central News Agency"]


def test_a_surname_that_is_also_a_city_stays_the_persons(quotes_of):
    said = _speakers(quotes_of, "Valeska Paris, a former member of the church, said she was held aboard the "
                                "ship. Paris said she worked from dawn to midnight.")
    assert said == [("Valeska Paris", "Valeska Paris"), ("Paris", "Valeska Paris")]


def test_a_misspelled_surname_is_the_named_person_but_a_different_name_is_not(quotes_of):
    said = _speakers(quotes_of, "Lydia Buchtmann, a spokeswoman for the agency, said the rules were under "
                                "review. Bauchtmann said a decision would come in May.")
    assert [s for _, s in said] == ["Lydia Buchtmann", "Lydia Buchtmann"]
    said = _speakers(quotes_of, "Peter Clinton said the vote was close. Clifton said the count was fair.")
    assert [s for _, s in said] == ["Peter Clinton", "Clifton"]


def test_a_surname_with_a_letter_dropped_is_the_named_person_but_a_changed_letter_is_not(quotes_of):
    said = _speakers(quotes_of, "Anna Maurer, a spokeswoman for the port, said the ferry would sail daily. "
                                "Mauer said the channel had been dredged.")
    assert [s for _, s in said] == ["Anna Maurer", "Anna Maurer"]
    said = _speakers(quotes_of, "Karl Hansen said the vote was close. Hanson said the count was fair.")
    assert [s for _, s in said] == ["Karl Hansen", "Hanson"]


def _org(article, name, mention):
    return {"article_id": article, "speaker": name, "speaker_type": "organization", "role": None,
            "said_on": None, "speaker_mention": mention}


def test_an_abbreviation_joins_its_body_across_articles_unless_two_bodies_share_it():
    from quotes.facts.speakers import link_speakers

    rows = [_org("a1", "Korean Central News Agency", "KCNA"), _org("a2", "KCNA", "KCNA"),
            _org("a3", "Riverside Transit Authority", "the Riverside Transit Authority"), _org("a4", "RTA", "RTA"),
            _org("a5", "ABC", "ABC"), _org("a6", "American Broadcasting Company", "the network"),
            _org("a7", "Australian Broadcasting Corporation", "the broadcaster")]
    ids, table = link_speakers(rows)
    assert ids[0] == ids[1] and ids[2] == ids[3]
    assert len({ids[4], ids[5], ids[6]}) == 3  # "ABC" could be either: left alone
    by_id = {s["speaker_id"]: s for s in table}
    assert by_id[ids[0]]["name"] == "Korean Central News Agency" and by_id[ids[0]]["aliases"] == ["KCNA"]
    assert by_id[ids[2]]["name"] == "Riverside Transit Authority" and by_id[ids[2]]["n_articles"] == 2


def test_they_is_a_group_not_the_one_person_named_last(quotes_of):
    said = _speakers(quotes_of, "Anna Maurer said the harbour would reopen on Monday. Later, officials of the Port "
                                "Authority went to the town hall, where they claimed the dredging had ruined the nets.")
    assert said == [("Anna Maurer", "Anna Maurer"), ("they", "Port Authority")]


def test_he_after_a_view_given_as_for_name_is_that_person(quotes_of):
    # "For Tomas Reyes, ..." gives Reyes's view; "He" goes on with him, not with Okafor, the
    # subject of that view, nor with the last speaker
    said = _speakers(quotes_of, "Maria Lopez said the vote was close. For Tomas Reyes, a fisherman on the island, "
                                'Daniel Okafor was a hero. He said, "Daniel Okafor saved the ferry service for all of us."')
    assert said == [("Maria Lopez", "Maria Lopez"), ("He", "Tomas Reyes")]


def test_a_plural_source_with_one_named_example_is_spoken_for_by_the_name(quotes_of):
    said = _speakers(quotes_of, "Reports in several medical journals including The Lancet have described the "
                                "treatment as unsafe. Doctors said the trial would continue.")
    assert said == [("Reports", "The Lancet"), ("Doctors", "Doctors")]
