"""quotes.cite: four citation formats."""

from __future__ import annotations

import json

import pytest

from quotes.cite import bibtex_escape, cite

QUOTE = {
    "quote_id": "q_0123456789abcdef",
    "article_id": "a_1",
    "type": "direct",
    "text": "Yes, we have asked him to continue the vital work that he is performing,",
    "speaker": "Antony Blinken",
    "role": "Secretary of State",
    "said_on": "2021-01-27",
    "said_on_precision": "day",
}
ARTICLE = {
    "article_id": "a_1",
    "title": "US State Secy speaks with Afghan President, discusses bilateral partnership",
    "outlet": "Business Standard",
    "url": "https://www.business-standard.com/article/a_1.html",
    "source_path": "seeds/001_bb12d731cec2f8ab.txt",
    "published_at": "2021-01-29T06:29:00+05:30",
}


def test_text():
    out = cite(QUOTE, ARTICLE)
    for part in (
        "“Yes, we have asked him",
        "Antony Blinken, Secretary of State",
        "2021-01-27",
        "Business Standard",
        ARTICLE["title"],
        ARTICLE["url"],
        "published 2021-01-29",
    ):
        assert part in out


def test_text_without_url_uses_source_path_and_marks_reported_speech():
    q = dict(QUOTE, type="indirect", said_on="2021-01-01", said_on_precision="month")
    out = cite(q, dict(ARTICLE, url=None))
    assert ARTICLE["source_path"] in out
    assert "reported speech" in out and "“" not in out
    assert "(2021-01)" in out and "2021-01-01" not in out  # shown only as precisely as known


def test_markdown():
    out = cite(QUOTE, ARTICLE, "markdown")
    assert out.startswith("> “Yes, we have asked him")
    assert "**Antony Blinken**, Secretary of State (2021-01-27)" in out
    assert f"[{ARTICLE['title']}](<{ARTICLE['url']}>)" in out
    assert "*Business Standard*" in out


def test_csl_json_parses_with_required_keys():
    item = json.loads(cite(QUOTE, ARTICLE, "csl-json"))
    assert item["type"] == "article-newspaper"
    assert item["id"] == QUOTE["quote_id"]
    assert item["title"] == ARTICLE["title"]
    assert item["container-title"] == "Business Standard"
    assert item["URL"] == ARTICLE["url"]
    assert item["issued"] == {"date-parts": [[2021, 1, 29]]}
    assert QUOTE["text"] in item["abstract"]
    assert "Antony Blinken" in item["note"] and "2021-01-27" in item["note"]


def test_csl_json_without_url_or_date_is_still_valid():
    item = json.loads(cite(QUOTE, dict(ARTICLE, url=None, published_at=None), "csl-json"))
    assert "URL" not in item and "issued" not in item
    assert item["archive_location"] == ARTICLE["source_path"]


def test_bibtex_entry():
    out = cite(QUOTE, ARTICLE, "bibtex")
    assert out.startswith("@article{blinken2021_89abcdef,")
    assert out.rstrip().endswith("}")
    assert "journal = {Business Standard}" in out
    assert "date = {2021-01-29}" in out and "year = {2021}" in out
    assert f"url = {{{ARTICLE['url']}}}" in out
    assert "Yes, we have asked him" in out


def _balanced(s: str) -> bool:
    depth = 0
    for c in s:  # BibTeX counts every brace, escaped or not
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_escapes_braces_and_specials():
    q = dict(QUOTE, text="Costs rose 50% & {more} }} for $5_x \\o/ #1 ~ ^")
    out = cite(q, dict(ARTICLE, title="A {title"), "bibtex")
    assert _balanced(out)
    assert r"50\% \&" in out and r"\$5\_x" in out and r"\#1" in out
    assert "{more}" not in out and r"\textbraceleft{}more\textbraceright{}" in out
    assert r"A \textbraceleft{}title" in out
    assert bibtex_escape("a\\b") == r"a\textbackslash{}b"


def test_unknown_format():
    with pytest.raises(ValueError):
        cite(QUOTE, ARTICLE, "ris")
