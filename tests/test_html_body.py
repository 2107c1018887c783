"""HTML ingest keeps the whole article (issue 25): chunked bodies, JSON-LD bodies, ``text_source``.

Every page here is written for the test and reproduces one layout of real news templates; each
test asserts the exact text recovered, so a paragraph lost, repeated, or a line of boilerplate let
in fails it.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pyarrow.parquet as pq
import pytest

from quotes.ingest import read_file
from quotes.ingest.html import parse_html
from quotes.ingest.html_body import MAX_TEMPLATE_DEPTH, complete_body, parse_tree, split_paragraphs, tree_depth

FEATURE = [  # a long feature, cut by the template into three chunks of 6, 2 and 2 paragraphs
    "The harbour master, Ines Okafor, had been awake since four in the morning when the first ferry "
    "of the season finally came into view over the grey line of the breakwater.",
    "\u201cWe waited three winters for this boat,\u201d she said, pointing at the new blue hull as it "
    "turned slowly toward the stone quay where a small crowd had gathered in the rain.",
    "The town council approved the new service last spring after a long and often bitter fight over "
    "the cost of dredging the channel, which had silted up after two decades of neglect.",
    "Engineers from the regional port authority spent most of the summer measuring the seabed and "
    "arguing with the council about who would pay for the work and when it would begin.",
    "In the end the national transport ministry agreed to cover two thirds of the bill, on the "
    "condition that the ferry would sail every day of the year and not only in the tourist season.",
    "Councillor Marta Lindqvist, who led the campaign for the service, said the agreement had come "
    "\u201cafter more meetings than anyone in this town would care to count.\u201d",
    "Residents of the outer islands had relied for years on a single cargo barge that sailed twice a "
    "week, weather permitting, and carried passengers only when there was room among the crates.",
    "\u201cMy mother missed two hospital appointments last year because the barge did not sail,\u201d "
    "said Tomas Reyes, a fisherman who lives on the largest of the islands with his family.",
    "The ferry company says it will add a second boat next year if passenger numbers hold through "
    "the summer months and the winter timetable proves that the islanders will use it.",
    "Okafor said the town would judge the service not by its first crowded weekend but by whether "
    "the islanders could rely on it on a dark morning in January.",
]

HEAD = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>The long road to the harbour | The Weekly Review</title>
<meta property="og:site_name" content="The Weekly Review">
<meta property="article:published_time" content="2024-06-03T08:00:00Z">
{ld}</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/culture">Culture</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav></header><main>"""
FOOT = """</main><footer><p>Copyright 2024 The Weekly Review. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer></body></html>"""

BETWEEN = [  # what templates put between the chunks of one body
    '<div class="ad-slot"><p>Advertisement</p><p>Subscribe now for unlimited access to every story '
    'we publish, on every device.</p></div>',
    '<aside class="related"><h3>Related stories</h3><ul><li><a href="/a">Ferry fares to rise in the '
    'autumn as fuel costs climb</a></li><li><a href="/b">Dredging contract goes out to tender after '
    'delays</a></li></ul></aside>',
    '<form class="signup"><p>Get the morning briefing in your inbox every weekday before seven.</p>'
    '<input type="email" name="email"><button>Sign up</button></form>',
]
BOILERPLATE = ["Advertisement", "Subscribe now", "Related stories", "Ferry fares to rise", "Dredging contract",
               "morning briefing", "Read more", "Copyright", "Privacy", "Home"]


def _p(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def chunked_page(wrap: bool = False, ld: str = "") -> str:
    """The feature in three ``div.article-body__text`` chunks under one parent, ads and a related
    box between them, an inline promo and an ad line inside the second chunk; ``wrap`` puts each
    chunk in a ``section`` of its own (the chunk is then one level above the paragraphs' div)."""
    chunks = [
        _p(FEATURE[:6]),
        _p(FEATURE[6:7]) + '<div class="inline-promo"><p>Read more: Ferry fares to rise in the autumn as '
        "fuel costs climb</p></div><p>Advertisement</p>" + _p(FEATURE[7:8]),
        _p(FEATURE[8:]),
    ]
    parts = []
    for i, chunk in enumerate(chunks):
        block = f'<div class="article-body__text">{chunk}</div>'
        parts.append(f'<section class="story-section">{block}</section>' if wrap else block)
        if i < len(chunks) - 1:
            parts.append(BETWEEN[i] + (BETWEEN[2] if i == 1 else ""))
    body = f'<article><h1>The long road to the harbour</h1><div class="article__chunks">{"".join(parts)}</div></article>'
    return HEAD.format(ld=ld) + body + FOOT


def json_ld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def paywalled_page(ld: str, shown: int = 3) -> str:
    """The first ``shown`` paragraphs in the markup, then a paywall; the JSON-LD is the caller's."""
    body = (f'<article><h1>The long road to the harbour</h1><div class="article-body">{_p(FEATURE[:shown])}'
            '<div class="paywall"><p>Subscribe to continue reading.</p><p>Already a subscriber? Sign in</p></div>'
            "</div></article>")
    return HEAD.format(ld=ld) + body + FOOT


def ingest(page: str):
    article, errors = parse_html(page, source_id="t", source_path="t.html")
    return article, errors


def assert_no_boilerplate(text: str) -> None:
    for junk in BOILERPLATE:
        assert junk not in text, junk


# --- chunked bodies -----------------------------------------------------------------------------

@pytest.mark.parametrize("wrap", [False, True], ids=["chunks", "wrapped-chunks"])
def test_chunked_body_comes_out_whole_in_order(wrap):
    article, errors = ingest(chunked_page(wrap))
    assert errors == []
    assert article.text == "\n".join(FEATURE)
    assert article.text_source == "trafilatura+chunks"
    assert_no_boilerplate(article.text)
    assert article.outlet == "The Weekly Review" and article.published_at.startswith("2024-06-03")


def test_tree_depth_counts_nesting_and_stops_early():
    root = parse_tree("<html><body><div><div><p>deep</p></div></div><p>shallow</p></body></html>")
    assert tree_depth(root, 100) == 5  # html > body > div > div > p
    assert tree_depth(parse_tree("<span>" * 5000 + "x"), 10) == 11  # counted no further than stop + 1


def test_chunk_rule_is_off_in_unclosed_tag_soup_and_trafilatura_text_is_kept():
    # The same chunked body below a run of unclosed wrappers deeper than any real template:
    # every element walk of the chunk rule would cost the depth, so the rule does not run.
    soup = "<div>" * (MAX_TEMPLATE_DEPTH + 10)
    page = chunked_page().replace("<main>", "<main>" + soup, 1)
    article, errors = ingest(page)
    assert errors == []
    assert article.text_source == "trafilatura"
    assert FEATURE[0] in article.text and FEATURE[-1] not in article.text  # the first chunk only


def test_chunk_extracted_from_the_middle_gets_its_siblings_before_and_after():
    """Given the middle chunk's text, the chunks before and after it join in page order."""
    root = parse_tree(chunked_page())
    middle = "\n".join(FEATURE[6:8])
    body = complete_body(root, middle, clean=lambda s: "\n".join(l for l in s.split("\n") if l != "Advertisement"))
    assert body.source == "trafilatura+chunks"
    assert body.text == "\n".join(FEATURE)


def test_repeated_paragraph_in_a_sibling_chunk_is_not_added_twice():
    """A template that repeats a paragraph (a pull quote set as a paragraph) in a later chunk."""
    page = chunked_page().replace(_p(FEATURE[8:]), _p([FEATURE[1]] + FEATURE[8:]))
    article, _ = ingest(page)
    assert article.text == "\n".join(FEATURE)
    assert article.text.count(FEATURE[1]) == 1


def test_complete_extraction_is_left_alone():
    """Equal chunks: trafilatura's fallback already returns the whole body; nothing is added."""
    page = (HEAD.format(ld="") + '<article><div class="article__chunks">'
            + "".join(f'<div class="article-body__text">{_p(FEATURE[i:i + 2])}</div>' + BETWEEN[1]
                      for i in range(0, 10, 2)) + "</div></article>" + FOOT)
    article, _ = ingest(page)
    assert article.text_source == "trafilatura"
    assert article.text == "\n".join(FEATURE)


def test_same_class_sidebar_boxes_are_not_chunks_of_the_body():
    """Boxes that share a class with each other but not with the extracted body stay out."""
    sidebar = "".join(f'<div class="card"><p>{t}</p></div>' for t in (
        "Ferry fares to rise in the autumn as fuel costs climb across the whole region this year.",
        "Dredging contract goes out to tender after two years of delays and rising costs for all."))
    page = (HEAD.format(ld="") + f'<article><div class="article-body">{_p(FEATURE)}</div></article>'
            f'<aside>{sidebar}</aside>' + FOOT)
    article, _ = ingest(page)
    assert article.text == "\n".join(FEATURE) and article.text_source == "trafilatura"


# --- JSON-LD bodies -----------------------------------------------------------------------------

def test_json_ld_body_longer_than_the_markup_is_used():
    ld = json_ld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "The Weekly Review"},
        {"@type": ["NewsArticle"], "headline": "The long road to the harbour", "articleBody": "\n\n".join(FEATURE)},
    ]})
    article, errors = ingest(paywalled_page(ld))
    assert errors == []
    assert article.text == "\n".join(FEATURE)
    assert article.text_source == "json-ld"
    assert "Subscribe" not in article.text and "subscriber" not in article.text


def test_one_line_json_ld_body_is_split_where_the_markup_paragraphs_are():
    """A body without line breaks keeps the shown paragraphs' boundaries; the rest is one paragraph."""
    ld = json_ld([{"@type": "ReportageNewsArticle", "articleBody": " ".join(FEATURE)}])
    article, _ = ingest(paywalled_page(ld))
    assert article.text_source == "json-ld"
    assert article.text == "\n".join(FEATURE[:3] + [" ".join(FEATURE[3:])])


def test_json_ld_body_written_as_html_is_read_as_paragraphs():
    ld = json_ld({"@type": "https://schema.org/Article", "articleBody": _p(FEATURE)})
    assert ingest(paywalled_page(ld))[0].text == "\n".join(FEATURE)


def test_json_ld_teaser_shorter_than_the_markup_is_ignored():
    teaser = FEATURE[0][:80] + "\u2026"
    ld = json_ld({"@type": "NewsArticle", "description": teaser, "articleBody": teaser})
    article, _ = ingest(paywalled_page(ld, shown=10))
    assert article.text_source == "trafilatura"
    assert article.text == "\n".join(FEATURE)


def test_json_ld_body_of_another_article_is_ignored():
    """Longer, but it does not contain the page's own text: a related story's markup, not this one's."""
    other = " ".join(f"Paragraph {i} of a different story about the regional football final and its fans." for i in range(40))
    ld = json_ld({"@type": "NewsArticle", "articleBody": other})
    article, _ = ingest(paywalled_page(ld, shown=10))
    assert article.text_source == "trafilatura" and article.text == "\n".join(FEATURE)


def test_json_ld_of_other_types_and_bad_json_are_ignored():
    ld = (json_ld({"@type": "WebPage", "articleBody": "\n".join(FEATURE)})
          + '<script type="application/ld+json">{"@type": "NewsArticle", "articleBody": </script>')
    article, _ = ingest(paywalled_page(ld))
    assert article.text_source == "trafilatura" and article.text == "\n".join(FEATURE[:3])


def test_split_paragraphs_keeps_line_breaks_and_unescapes_entities():
    assert split_paragraphs("First &amp; second.\r\n\r\nThird one.\n", []) == "First & second.\nThird one."


# --- no article ---------------------------------------------------------------------------------

def test_page_without_an_article_stays_an_error():
    """A section front: navigation, link lists, a footer, and JSON-LD that declares no article."""
    links = "".join(f'<li><a href="/s/{i}">Story number {i} of the day</a></li>' for i in range(12))
    ld = json_ld({"@context": "https://schema.org", "@graph": [
        {"@type": "CollectionPage", "name": "Culture"}, {"@type": "BreadcrumbList", "itemListElement": []}]})
    page = HEAD.format(ld=ld) + f'<div class="teasers"><ul>{links}</ul></div>' + FOOT
    article, errors = ingest(page)
    assert article is None and [e.kind for e in errors] == ["missing_text"]


def test_menu_text_is_not_an_article_even_when_long():
    """trafilatura's fallback on a link-only page returns the link labels; they are not a body."""
    links = "".join(f'<p><a href="/s/{i}">Council agrees new ferry timetable for the islands, part {i}</a></p>'
                    for i in range(8))
    article, errors = ingest(HEAD.format(ld="") + f"<div>{links}</div>" + FOOT)
    assert article is None and [e.kind for e in errors] == ["missing_text"]


# --- text_source in the dataset -----------------------------------------------------------------

def test_text_source_of_every_input_kind(tmp_path):
    (tmp_path / "a.html").write_text(chunked_page(), encoding="utf-8")
    (tmp_path / "b.txt").write_text("\n\n".join(FEATURE[:3]) + "\n", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c", "text": FEATURE[4]}) + "\n", encoding="utf-8")
    sources = {a.source_path.rsplit("/", 1)[-1]: a.text_source for a in read_file(tmp_path / "a.html")[0]
               + read_file(tmp_path / "b.txt")[0] + read_file(tmp_path / "c.jsonl")[0]}
    assert sources == {"a.html": "trafilatura+chunks", "b.txt": "text", "c.jsonl": "jsonl"}


def test_text_source_lands_in_articles_parquet(tmp_path):
    from quotes.build import build
    from quotes.dataset import table_files, validate

    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "feature.html").write_text(chunked_page(), encoding="utf-8")
    (inputs / "lines.jsonl").write_text(json.dumps({"id": "j1", "text": FEATURE[7]}) + "\n", encoding="utf-8")
    result = build([str(inputs)], tmp_path / "ds", command=["test"], cache_dir=tmp_path / "cache")
    rows = pq.read_table(table_files(result.version_dir, "articles")[0]).to_pylist()
    got = {r["source_path"].rsplit("/", 1)[-1]: (r["text_source"], r["text"]) for r in rows}
    assert got == {"feature.html": ("trafilatura+chunks", "\n".join(FEATURE)), "lines.jsonl": ("jsonl", FEATURE[7])}
    assert validate(tmp_path / "ds").ok


def test_append_onto_a_schema_2_parent_reuses_its_rows_with_text_source_null(tmp_path):
    """A version written before text_source existed is still a parent: its rows carry over, null."""
    from quotes.build.parent import Parent
    from quotes.dataset import VersionWriter, check_rows
    from quotes.dataset.manifest import quotes_version

    text = FEATURE[0]
    row = dict(article_id="a1", source_id="s", source_path="old.html", url=None, outlet=None, title=None,
               published_at=None, published_precision=None, text=text, text_sha256="0" * 64, n_quotes=0)
    with VersionWriter(tmp_path, schema_version="2") as w:
        for t in ("articles", "quotes", "speakers", "statements"):
            w.write_part(t, [row] if t == "articles" else [])
        w.publish({"model": {"sha256": "m"}, "quotes_version": quotes_version()})
    parent = Parent.latest(tmp_path, SimpleNamespace(sha256="m"))
    assert parent.reusable and "dataset schema 2 -> 3" in parent.reason
    rows = parent.rows(tmp_path / "scratch")
    (arts, quotes), = rows.batches()
    rows.remove()
    assert arts[0]["text_source"] is None and check_rows("articles", arts)[0]["text"] == text
    assert [a.text_source for a in parent.articles()] == [None]
