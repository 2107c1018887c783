"""Tests for the ingest stage: every input kind, every bad input, ids, dates, and the real seeds."""

from __future__ import annotations

import hashlib
import io
import json
import re
import sys
import tomllib
from datetime import datetime
from importlib import resources
from pathlib import Path

import pytest

from quotes.ids import article_id, normalize_for_id, stable_id, text_sha256
from quotes.ingest import SUFFIXES, InputRecord, iter_inputs, read_file, read_inputs
from quotes.ingest.dates import find_published, parse_date
from quotes.ingest.text import clean_text, infer_outlet

FIXTURES = Path(__file__).parent / "fixtures"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "eval" / "seeds" / "articles.jsonl"

SCRAPE = (
    "Minister vows to reopen schools by spring\n"
    "\n"
    "Web DeskWeb Editor\n"
    "\n"
    "3rd Mar, 2022. 09:05 am\n"
    "\n"
    "KABUL: The education minister said on Wednesday that girls\u2019 schools would reopen.\n"
    "\n"
    "\u201cWe\u00a0will keep our promise,\u201d he told reporters.\n"
    "\n"
    "Related Stories\n"
    "\n"
    "No stories found.\n"
    "\n"
    "Post a Comment\n"
)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def kinds(errors) -> list[str]:
    return [e.kind for e in errors]


# --- plain text ---------------------------------------------------------------------------------


def test_txt_is_cleaned_and_keeps_article_verbatim(tmp_path):
    f = write(tmp_path / "kabul-schools.txt", SCRAPE)
    articles, errors = read_inputs([f])
    assert errors == []
    (a,) = articles
    assert a.source_id == "kabul-schools"
    assert a.source_path == str(f)
    assert a.title == "Minister vows to reopen schools by spring"
    assert a.text == (
        "Minister vows to reopen schools by spring\n\n"
        "KABUL: The education minister said on Wednesday that girls\u2019 schools would reopen.\n\n"
        "\u201cWe\u00a0will keep our promise,\u201d he told reporters."
    )
    assert a.published_at == "2022-03-03T09:05:00" and a.published_precision == "minute"
    assert a.outlet is None
    assert a.text_sha256 == text_sha256(a.text)
    assert a.article_id == article_id(a.text)


def test_first_line_sentence_is_not_a_title():
    cleaned = clean_text("The minister said on Monday that talks would resume.\n\nHe gave no date.\n")
    assert cleaned.title is None
    assert cleaned.text.startswith("The minister said")


def test_removed_line_keeps_neighbouring_line_breaks():
    cleaned = clean_text("Para one.\nAdvertisement\nPara two.\n\n\n\nPara three.\n")
    assert cleaned.text == "Para one.\nPara two.\n\nPara three."


def test_body_lines_resembling_boilerplate_survive():
    body = [
        "By Tuesday, Kabul had fallen.",
        "Updated figures from 2020 show growth.",
        "The report was published on Aug 10, 2021 by the ministry.",
        "Subscribers were told the service would end, the company said.",
        "According to Dawn, the meeting lasted two hours.",
    ]
    cleaned = clean_text("\n\n".join(body))
    assert cleaned.text.split("\n\n") == body
    assert cleaned.dropped == ()
    assert infer_outlet(cleaned.dropped_lines()) is None


def test_outlet_comes_from_boilerplate_not_body():
    cleaned = clean_text(
        "Talks end without a deal\n\nThe talks ended, according to Dawn.\n\nwww.newindianexpress.com\n"
    )
    assert infer_outlet(cleaned.dropped_lines()) == "The New Indian Express"


def test_crlf_input_gives_lf_text(tmp_path):
    f = write(tmp_path / "crlf.txt", SCRAPE.replace("\n", "\r\n"))
    (a,), _ = read_inputs([f])
    assert "\r" not in a.text
    assert a.text == read_inputs([write(tmp_path / "lf.txt", SCRAPE)])[0][0].text


# --- HTML ---------------------------------------------------------------------------------------


def test_html_uses_trafilatura_text_and_metadata():
    articles, errors = read_file(FIXTURES / "article.html")
    assert errors == []
    (a,) = articles
    assert a.source_id == "article"
    assert a.title == "Kabul airport reopens for aid flights, UN says"
    assert a.url == "https://www.dawn.com/news/1644000/kabul-airport-reopens-for-aid-flights"
    assert a.outlet == "Dawn"  # known domain of the canonical URL
    assert (a.published_at, a.published_precision) == ("2021-09-02", "day")
    assert "\u201cWe are relieved that the first aid planes could land this morning,\u201d" in a.text
    assert "Mary-Ellen McGroarty" in a.text
    for junk in ("Home", "Privacy policy", "All rights reserved", "Advertisement", "Also read", "Related Stories"):
        assert junk not in a.text


def test_html_without_main_text_is_an_error(tmp_path):
    not_found = (
        "<html><head><title>Page not found</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/world'>World</a></li></ul></nav><footer><p>\u00a9 2021 Dawn.</p></footer></body></html>"
    )
    f1 = write(tmp_path / "404.html", not_found)
    f2 = write(tmp_path / "blank.htm", "<html><body></body></html>")
    articles, errors = read_inputs([f1, f2])
    assert articles == []
    assert [(e.source_path, e.kind) for e in errors] == [(str(f1), "missing_text"), (str(f2), "missing_text")]


# --- JSONL and stdin ----------------------------------------------------------------------------

GOOD = {"id": "x1", "text": "\u201cWe are ready,\u201d Lavrov said.", "title": "Lavrov ready",
        "url": "https://www.thehindu.com/news/a1", "published": "2021-08-16T10:00:00+03:00"}


def test_jsonl_good_bad_and_missing_lines(tmp_path):
    lines = [
        json.dumps(GOOD),
        '{"id": "broken", "text": "unterminated',
        "",
        json.dumps({"text": "Second article without id.", "outlet": "Dawn", "published": "Aug 2021"}),
        json.dumps({"id": "no-text", "title": "x"}),
        json.dumps({"id": "blank", "text": "   "}),
        "[1, 2]",
        json.dumps({"id": 7, "text": "Third.", "published": "last Tuesday"}),
    ]
    f = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    articles, errors = read_inputs([f])
    assert [a.source_id for a in articles] == ["x1", "batch:4", "7"]
    first, second, third = articles
    assert first.text == GOOD["text"] and first.title == "Lavrov ready"
    assert first.outlet == "The Hindu"  # from the URL's domain
    assert (first.published_at, first.published_precision) == ("2021-08-16T10:00:00+03:00", "minute")
    assert second.outlet == "Dawn" and (second.published_at, second.published_precision) == ("2021-08", "month")
    assert third.published_at is None
    assert [(e.kind, e.message.split(":")[0], e.skipped) for e in errors] == [
        ("json", "line 2", True),
        ("missing_text", "line 5", True),
        ("missing_text", "line 6", True),
        ("json", "line 7", True),
        ("date", "line 8", False),
    ]


def test_stdin_dash_reads_jsonl(monkeypatch):
    payload = (json.dumps(GOOD) + "\n" + json.dumps({"text": "From a pipe."}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload), encoding="utf-8"))
    articles, errors = read_inputs(["-"])
    assert errors == []
    assert [a.source_id for a in articles] == ["x1", "stdin:2"]
    assert all(a.source_path == "-" for a in articles)
    assert articles[1].text == "From a pipe."


def test_iter_inputs_names_every_unit(tmp_path, monkeypatch):
    """One record per file and per non-blank JSONL line, named "<file>:<line>" ("-:<line>" on stdin),
    in read_inputs' order; errors carry the unit's name too."""
    f = write(tmp_path / "batch.jsonl", json.dumps(GOOD) + "\n\n" + "[1]\n" + json.dumps({"text": "More."}) + "\n")
    t = write(tmp_path / "a.txt", "A short article, the mayor said.\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "Piped."}\n')))
    records = list(iter_inputs([f, t, "-"]))
    assert all(isinstance(r, InputRecord) for r in records)
    assert [(r.source_path, r.input_path, r.line, r.outcome) for r in records] == [
        (f"{f}:1", str(f), 1, "article"),
        (f"{f}:3", str(f), 3, "json"),
        (f"{f}:4", str(f), 4, "article"),
        (str(t), str(t), None, "article"),
        ("-:1", "-", 1, "article"),
    ]
    assert records[1].errors[0].source_path == f"{f}:3" and records[1].errors[0].message.startswith("line 3: ")
    assert records[0].article.source_path == str(f)  # the article's source is the file


# --- bad inputs ---------------------------------------------------------------------------------


def test_empty_and_whitespace_files(tmp_path):
    _, errors = read_inputs([write(tmp_path / "a.txt", b""), write(tmp_path / "b.txt", b" \n\n\t\n")])
    assert kinds(errors) == ["empty", "empty"] and all(e.skipped for e in errors)


def test_only_boilerplate_is_empty(tmp_path):
    articles, errors = read_inputs([write(tmp_path / "junk.txt", "Post a Comment\nAdvertisement\nX\n")])
    assert articles == [] and kinds(errors) == ["empty"]


def test_binary_files(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
    junk = bytes((i * 37 + 11) % 256 for i in range(4000)).replace(b"\x00", b"\x01")
    articles, errors = read_inputs([write(tmp_path / "img.txt", png), write(tmp_path / "junk.html", junk)])
    assert articles == []
    assert kinds(errors) == ["binary", "binary"]


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252"])
def test_legacy_encoding_is_decoded_and_reported(tmp_path, encoding):
    text = "Le caf\u00e9 \u00e9tait ferm\u00e9, a d\u00e9clar\u00e9 le porte-parole \u00e0 Kaboul.\n"
    f = write(tmp_path / "fr.txt", text.encode(encoding))
    articles, errors = read_inputs([f])
    assert len(articles) == 1
    assert "caf\u00e9" in articles[0].text and articles[0].text == text.strip("\n")
    (err,) = errors
    assert err.kind == "decode" and err.skipped is False
    assert "cp1252" in err.message


def test_utf16_with_bom_is_plain_text(tmp_path):
    f = write(tmp_path / "u16.txt", "\ufeffThe caf\u00e9 reopened on Monday.\n".encode("utf-16"))
    articles, errors = read_inputs([f])
    assert errors == [] and articles[0].text == "The caf\u00e9 reopened on Monday."


def test_too_large_is_skipped(tmp_path):
    f = write(tmp_path / "big.txt", "Some article text here.\n" * 10)
    articles, errors = read_inputs([f], max_bytes=100)
    assert articles == [] and kinds(errors) == ["too_large"]
    assert read_inputs([f], max_bytes=1000)[1] == []


def test_unreadable_and_unsupported_paths(tmp_path):
    missing = tmp_path / "nope.txt"
    doc = write(tmp_path / "report.pdf", b"%PDF-1.4")
    articles, errors = read_inputs([missing, doc])
    assert articles == []
    assert [(e.source_path, e.kind) for e in errors] == [(str(missing), "unreadable"), (str(doc), "unsupported")]


def test_folders_are_recursive_sorted_and_skip_unknown(tmp_path):
    write(tmp_path / "b" / "2.txt", "Second folder article text.\n")
    write(tmp_path / "a.txt", "First article text.\n")
    write(tmp_path / "b" / "1.jsonl", json.dumps({"id": "j", "text": "JSONL article."}) + "\n")
    write(tmp_path / "b" / "image.png", b"\x89PNG\x00")
    write(tmp_path / ".hidden" / "x.txt", "Hidden.\n")
    write(tmp_path / "notes.md", "# not an article\n")
    articles, errors = read_inputs([tmp_path, tmp_path / "a.txt"])
    assert errors == []
    assert [a.source_id for a in articles] == ["a", "j", "2"]  # a.txt, b/1.jsonl, b/2.txt; a.txt once
    assert set(SUFFIXES) >= {".txt", ".html", ".jsonl"}


# --- ids ----------------------------------------------------------------------------------------


def test_stable_id_format_and_separator():
    sid = stable_id("q", "a_1", 10, 20)
    assert re.fullmatch(r"q_[0-9a-f]{16}", sid)
    assert sid == stable_id("q", "a_1", 10, 20)
    assert stable_id("q", "ab", "c") != stable_id("q", "a", "bc")
    assert stable_id("s", "x")[2:] == stable_id("q", "x")[2:]  # the prefix labels, it is not hashed
    assert stable_id("q", None, "x") == stable_id("q", "", "x")


def test_article_id_ignores_whitespace_and_composition_only():
    base = "Blinken said \u201cwe are united.\u201d\n\nKirby agreed."
    variants = [
        "  Blinken  said \u201cwe are united.\u201d Kirby\tagreed.\n",
        "Blinken\u00a0said \u201cwe are united.\u201d\r\nKirby agreed.",
    ]
    expected = "a_" + hashlib.sha256("Blinken said \u201cwe are united.\u201d Kirby agreed.".encode()).hexdigest()[:16]
    assert article_id(base) == expected
    for v in variants:
        assert article_id(v) == article_id(base)
        assert text_sha256(v) != text_sha256(base)
    assert article_id("caf\u00e9") == article_id("cafe\u0301")  # NFC
    assert article_id(base) != article_id(base.replace("Kirby", "Price"))
    assert normalize_for_id(" a \n b ") == "a b"


def test_same_text_same_id_across_input_kinds(tmp_path):
    text = "The envoy said talks would resume.\n\nNo date was set."
    (t,), _ = read_inputs([write(tmp_path / "t.txt", text + "\n")])
    (j,), _ = read_inputs([write(tmp_path / "t.jsonl", json.dumps({"text": text}) + "\n")])
    assert t.text == j.text and t.article_id == j.article_id


# --- dates --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jan 29 2021 | 6:29 AM IST", ("2021-01-29T06:29:00+05:30", "minute")),
        ("10th Aug, 2021. 02:16 pm", ("2021-08-10T14:16:00", "minute")),
        ("Sept 5, 2019", ("2019-09-05", "day")),
        ("August 2021", ("2021-08", "month")),
        ("2021", ("2021", "year")),
        ("2021-08-10", ("2021-08-10", "day")),
        ("2021-08-10T14:16:00Z", ("2021-08-10T14:16:00+00:00", "minute")),
        ("yesterday", None),
        ("Monday", None),
        ("3 Months", None),
        ("Aug 10", None),  # no year: would depend on today's date
        ("", None),
        ("not a date", None),
    ],
)
def test_parse_date(value, expected):
    assert parse_date(value) == expected


def test_first_published_beats_last_updated():
    lines = [
        "2 min read Last Updated : Jan 29 2021 | 8:21 AM IST",
        "Body.",
        "First Published: Jan 29 2021 | 6:29 AM IST",
    ]
    assert find_published(lines) == ("2021-01-29T06:29:00+05:30", "minute")
    assert find_published(lines[:2]) == ("2021-01-29T08:21:00+05:30", "minute")
    assert find_published(["He was born on 10th Aug, 2001 in a village near the border, officials said."]) is None


# --- lexicon data -------------------------------------------------------------------------------


def test_boilerplate_lexicon_is_valid_data():
    raw = tomllib.loads(resources.files("quotes").joinpath("data/boilerplate.toml").read_text("utf-8"))
    assert raw["outlets"]["newindianexpress.com"] == "The New Indian Express"
    assert "Business Standard" in raw["outlets"].values()
    for patterns in raw["line_groups"].values():
        assert patterns and all(isinstance(p, str) for p in patterns)


# --- real seeds ---------------------------------------------------------------------------------


def _gold() -> dict[str, dict]:
    if not SEED_GOLD.is_file() or not SEEDS.is_dir():
        pytest.skip(f"shared seeds not found at {SHARED} (the read-only shared/ folder beside the repo)")
    return {row["article"]: row for row in map(json.loads, SEED_GOLD.read_text("utf-8").splitlines()) if row}


@pytest.fixture(scope="module")
def seed_articles():
    gold = _gold()
    articles, errors = read_inputs([SEEDS])
    assert errors == []
    return gold, {a.source_id: a for a in articles}


def test_seeds_all_loaded(seed_articles):
    gold, articles = seed_articles
    assert sorted(articles) == sorted(gold)


SEED_IDS = ["000_46d9467508adc35c", "001_bb12d731cec2f8ab", "002_3ed8a9870f125c70",
            "003_399c2c51e2e4b7ea", "004_69462c89977d92cf"]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_cleaning_matches_gold(seed_articles, seed):
    gold, articles = seed_articles
    g, a = gold[seed], articles[seed]
    original = (SEEDS / f"{seed}.txt").read_text("utf-8").split("\n")
    kept = a.text.split("\n")
    # Every cleaned line is a verbatim line of the scraped file.
    assert all(line == "" or line in original for line in kept)
    # No gold boilerplate line survives, unless the same line is also article text elsewhere.
    body = [line for line in original if line not in g["boilerplate"]]
    survivors = [b for b in g["boilerplate"] if b in kept and b not in body]
    assert survivors == []
    # Nothing but boilerplate was removed: all other non-empty lines are still there, in order.
    assert [line for line in kept if line] == [line for line in body if line.strip()]
    assert a.title == g["title"]


@pytest.mark.parametrize("seed", SEED_IDS)
def test_seed_dates_and_outlets(seed_articles, seed):
    gold, articles = seed_articles
    g, a = gold[seed], articles[seed]
    if g["published"] is None:
        assert a.published_at is None
    else:
        assert datetime.fromisoformat(a.published_at) == datetime.fromisoformat(g["published"])
        assert a.published_precision == "minute"
    assert a.outlet == g["outlet"]


def test_seed_standfirsts_are_kept(seed_articles):
    _, articles = seed_articles
    assert articles["002_3ed8a9870f125c70"].text.split("\n")[1].startswith("In a further indication")
    text_004 = articles["004_69462c89977d92cf"].text
    assert text_004.count("The outreach also comes amid concerns") == 2
    assert "\u00a0" in text_004  # U+00A0 kept verbatim
