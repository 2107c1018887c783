"""quotes.search: filters over a tiny dataset version written here with polars."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from quotes.dataset import table_files
from quotes.search import COLUMNS, search


@pytest.fixture(params=["single-file", "sharded"])
def vdir(tmp_path, request):
    quotes = pl.DataFrame(
        {
            "quote_id": ["q1", "q2", "q3", "q4", "q5"],
            "article_id": ["a1", "a1", "a2", "a2", "a3"],
            "type": ["direct", "indirect", "direct", "mixed", "indirect"],
            "text": [
                "I think there is very strong unity of approach.",
                "the world is united over pressurizing the Taliban",
                "We stand ready to strengthen the anti-terrorist potential of Pakistan.",
                "Pakistan gave \"high importance\" to the Troika Plus format",
                "there was no rush to recognise a new Taliban government",
            ],
            "speaker": ["Antony Blinken", "Blinken", "Sergey Lavrov", "Imran Khan", None],
            "speaker_id": ["s_blinken", "s_blinken", "s_lavrov", "s_khan", None],
            "speaker_type": ["person", "person", "person", "person", "unknown"],
            "role": ["Secretary of State", "Secretary of State", "Foreign Minister", "Prime Minister", None],
            "said_on": ["2021-01-28", "2021-01-27", "2021-04-07", None, "2021-09-10"],
            "statement_id": ["st_1", "st_2", "st_3", "st_4", "st_5"],
        }
    )
    articles = pl.DataFrame(
        {
            "article_id": ["a1", "a2", "a3"],
            "title": ["Blinken on unity", "Russia and Pakistan", "No rush"],
            "outlet": ["Outlet One", None, "Outlet Three"],
            "published_at": ["2021-01-29", None, "2021-09-11"],
        }
    )
    speakers = pl.DataFrame(
        {
            "speaker_id": ["s_blinken", "s_lavrov", "s_khan"],
            "name": ["Antony Blinken", "Sergey Lavrov", "Imran Khan"],
            "type": ["person", "person", "person"],
            "aliases": [["Blinken"], ["Sergei Lavrov", "Lavrov"], ["Imran"]],
        }
    )
    if request.param == "single-file":  # versions written before sharding: one <table>.parquet each
        quotes.write_parquet(tmp_path / "quotes.parquet")
        articles.write_parquet(tmp_path / "articles.parquet")
        speakers.write_parquet(tmp_path / "speakers.parquet")
    else:  # sharded: each table a dir of parts; quotes split over two
        for name, df in (("articles", articles), ("speakers", speakers)):
            (tmp_path / name).mkdir()
            df.write_parquet(tmp_path / name / "part-00000.parquet")
        (tmp_path / "quotes").mkdir()
        quotes[:2].write_parquet(tmp_path / "quotes" / "part-00000.parquet")
        quotes[2:].write_parquet(tmp_path / "quotes" / "part-00001.parquet")
    return tmp_path


def ids(df: pl.DataFrame) -> list[str]:
    return df["quote_id"].to_list()


def test_all_rows_joined_and_sorted_newest_first(vdir):
    df = search(vdir)
    assert df.columns == COLUMNS
    assert ids(df) == ["q5", "q3", "q1", "q2", "q4"]  # undated last
    assert df.filter(pl.col("quote_id") == "q1")["title"].item() == "Blinken on unity"
    assert df.filter(pl.col("quote_id") == "q1")["outlet"].item() == "Outlet One"


def test_text_is_case_insensitive_substring(vdir):
    assert ids(search(vdir, text="TALIBAN")) == ["q5", "q2"]
    assert ids(search(vdir, text="troika plus")) == ["q4"]
    assert ids(search(vdir, text="(")) == []  # literal, not a regex


def test_speaker_matches_name_or_alias(vdir):
    assert ids(search(vdir, speaker="sergei")) == ["q3"]  # alias only
    assert ids(search(vdir, speaker="blinken")) == ["q1", "q2"]
    assert ids(search(vdir, speaker="antony")) == ["q1", "q2"]  # canonical name covers "Blinken" rows
    assert ids(search(vdir, speaker="nobody")) == []


def test_since_until_inclusive(vdir):
    assert ids(search(vdir, since="2021-01-28")) == ["q5", "q3", "q1"]
    assert ids(search(vdir, until="2021-01-28")) == ["q1", "q2"]
    assert ids(search(vdir, since=dt.date(2021, 1, 28), until="2021-04-07")) == ["q3", "q1"]
    with pytest.raises(ValueError):
        search(vdir, since="last week")


def test_type_and_limit(vdir):
    assert ids(search(vdir, type="indirect")) == ["q5", "q2"]
    assert ids(search(vdir, type="direct", speaker="blinken")) == ["q1"]
    assert ids(search(vdir, limit=2)) == ["q5", "q3"]
    with pytest.raises(ValueError):
        search(vdir, type="quote")


def test_works_without_speakers_table(vdir):
    for f in table_files(vdir, "speakers"):
        f.unlink()
    assert ids(search(vdir, speaker="lavrov")) == ["q3"]
    assert ids(search(vdir, speaker="sergei")) == []
