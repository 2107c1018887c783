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
