"""The outlet's own voice ("Wikinews has learned ...") is not a quotation; its sources are.
Sentences written for these tests."""

from __future__ import annotations

from quotes.attribute.voice import is_outlet_voice, own_names
from quotes.types import Article

TEXT = ("The Harbour Ledger has learned that the mayor will resign next week. "
        "The mayor said the claim was false. The Harbour Ledger observed that the council was quiet.")


def _article(url: str | None, outlet: str | None = None) -> Article:
    return Article(article_id="a_1", source_id="t", source_path="t.txt", text=TEXT, text_sha256="",
                   url=url, outlet=outlet)


def test_own_names_come_from_the_outlet_and_the_domain():
    assert own_names(_article("https://www.harbourledger.com/2026/story")) == {"harbourledger"}
    assert own_names(_article("https://en.wikinews.org/wiki/Story")) == {"wikinews"}
    assert own_names(_article(None, outlet="The Harbour Ledger")) == {"harbourledger"}
    assert own_names(_article(None)) == frozenset()


def test_only_reported_speech_in_the_outlets_name_is_its_voice():
    own = own_names(_article("https://www.harbourledger.com/x"))
    assert is_outlet_voice(own, "indirect", "Harbour Ledger")
    assert not is_outlet_voice(own, "direct", "Harbour Ledger")  # quoting itself in marks is quoting
    assert not is_outlet_voice(own, "indirect", "mayor")


def test_the_outlets_voice_is_dropped_and_its_sources_kept(quotes_of_article):
    quotes = quotes_of_article(_article("https://www.harbourledger.com/2026/story"))
    assert [q.text for q in quotes] == ["the claim was false"]
    # without knowing the outlet, the sentences are reported speech like any other
    assert len(quotes_of_article(_article(None))) == 3
