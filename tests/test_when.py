"""quotes.attribute.when: date mentions and the said_on rules (a)-(e)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from quotes.attribute.when import (
    DateMention,
    QuoteWhen,
    SaidOn,
    find_date_mentions,
    parse_published,
    resolve_said_on,
    weekday_on_or_before,
)

FRI_29_JAN_2021 = dt.date(2021, 1, 29)
SEEDS = Path("/work/shared/eval/seeds")
SEED_TEXTS = Path("/work/shared/seeds")


def dates(text: str, published: dt.date | None) -> list[tuple[str | None, str]]:
    return [(m.date, m.precision) for m in find_date_mentions(text, published)]


# --- weekday arithmetic -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        (dt.date(2021, 1, 29), "Blinken on Thursday spoke with Ghani.", "2021-01-28"),
        (dt.date(2021, 1, 29), "at a press conference on Wednesday", "2021-01-27"),
        (dt.date(2021, 8, 10), "US on Tuesday stated that", "2021-08-10"),  # same day
        (dt.date(2021, 3, 1), "He said on Friday that", "2021-02-26"),  # month boundary
        (dt.date(2021, 1, 2), "She said on Thursday that", "2020-12-31"),  # year boundary
        (dt.date(2021, 1, 29), "Earlier Monday China said", "2021-01-25"),
        (dt.date(2021, 1, 29), "Monday, the ministry said", "2021-01-25"),
    ],
)
def test_weekday_is_most_recent_on_or_before_publication(published, text, expected):
    assert dates(text, published) == [(expected, "day")]


def test_last_weekday_on_the_same_weekday_goes_back_a_week():
    assert weekday_on_or_before(dt.date(2021, 8, 10), 1) == dt.date(2021, 8, 10)
    assert weekday_on_or_before(dt.date(2021, 8, 10), 1, strictly_before=True) == dt.date(2021, 8, 3)
    assert dates("last Tuesday", dt.date(2021, 8, 10)) == [("2021-08-03", "day")]


def test_future_and_named_weekdays_are_not_dates():
    assert dates("They will meet next Monday after Good Friday.", FRI_29_JAN_2021) == []


# --- relative phrases ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "text", "expected"),
    [
        (FRI_29_JAN_2021, "yesterday", ("2021-01-28", "day")),
        (FRI_29_JAN_2021, "today", ("2021-01-29", "day")),
        (dt.date(2021, 3, 1), "yesterday", ("2021-02-28", "day")),
        (FRI_29_JAN_2021, "earlier this week", ("2021-01-25", "week")),
        (FRI_29_JAN_2021, "this week", ("2021-01-25", "week")),
        (FRI_29_JAN_2021, "last week", ("2021-01-18", "week")),
        (dt.date(2021, 1, 1), "last month", ("2020-12-01", "month")),
        (FRI_29_JAN_2021, "this month", ("2021-01-01", "month")),
        (dt.date(2021, 1, 1), "last year", ("2020-01-01", "year")),
        (FRI_29_JAN_2021, "this year", ("2021-01-01", "year")),
    ],
)
def test_relative_phrases(published, text, expected):
    assert dates(f"The minister said {text} that talks would go on.", published) == [expected]


def test_relative_mentions_without_publication_have_no_date():
    got = find_date_mentions("He said on Thursday and yesterday, and last month.", None)
    assert [m.date for m in got] == [None, None, None]
    assert [m.source for m in got] == ["relative"] * 3


# --- explicit dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He spoke on Jan 5.", ("2021-01-05", "day")),
        ("He spoke on August 10.", ("2020-08-10", "day")),  # no year: the latest one before publication
        ("He spoke on Jan. 5, 2021.", ("2021-01-05", "day")),
        ("He spoke on 5 January.", ("2021-01-05", "day")),
        ("It ran on 10th Aug, 2021.", ("2021-08-10", "day")),
        ("He spoke on Thursday, January 28, in Kabul.", ("2021-01-28", "day")),
        ("the February 2020 agreement", ("2020-02-01", "month")),
        ("talks held in March", ("2020-03-01", "month")),
        ("since 2019", ("2019-01-01", "year")),
    ],
)
def test_explicit_dates(text, expected):
    got = find_date_mentions(text, FRI_29_JAN_2021)
    assert [(m.date, m.precision) for m in got] == [expected]
    assert got[0].source == "explicit"


def test_explicit_date_without_year_needs_a_year():
    assert dates("He spoke on Jan 5.", None) == [(None, "day")]
    assert dates("He spoke on Jan. 5, 2021.", None) == [("2021-01-05", "day")]
    # a year known from an earlier full date in the article
    assert dates("On Jan. 3, 2020 he left; on Feb 4 he came back.", None) == [("2020-01-03", "day"), ("2020-02-04", "day")]


def test_mention_offsets_point_into_the_text():
    text = "Blinken on Thursday spoke."
    (m,) = find_date_mentions(text, FRI_29_JAN_2021)
    assert isinstance(m, DateMention) and text[m.start : m.end] == m.text == "Thursday"


@pytest.mark.parametrize(
    "text",
    [
        "Officials may meet again, he said.",
        "Protesters will march on the capital.",
        "Theresa May said so.",
        "The US cut its presence to 2,500 servicemen.",
        "the progress made over the last 20 years",
        "agreements the United States reached a year ago with the Taliban",
        "China has in recent weeks expressed an interest.",
        "in recent times, relations improved",
        "over the last year relations improved",
        "the 2020 election",
        "Officials May meet again.",
    ],
)
def test_false_positives(text):
    assert find_date_mentions(text, FRI_29_JAN_2021) == []


def test_invalid_calendar_date_is_dropped():
    assert find_date_mentions("on Feb 30, 2021", FRI_29_JAN_2021) == []


# --- publication parsing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-01-29T06:29:00+05:30", (dt.date(2021, 1, 29), "day")),
        ("2021-01-29T23:30:00-08:00", (dt.date(2021, 1, 29), "day")),  # local date, not UTC
        ("2021-08-10T14:16", (dt.date(2021, 8, 10), "day")),
        ("2021-08-10", (dt.date(2021, 8, 10), "day")),
        ("2021-08", (dt.date(2021, 8, 1), "month")),
        (None, (None, None)),
        ("not a date", (None, None)),
    ],
)
def test_parse_published(value, expected):
    assert parse_published(value) == expected


# --- resolve_said_on rules ----------------------------------------------------------------------

ARTICLE = (
    "Minister meets envoy\n\n"
    "Foreign Minister Jane Roe on Thursday met the envoy in Geneva.\n\n"
    "Roe said on Wednesday that agreements reached in March must hold.\n\n"
    "\u201cWe will not give up,\u201d Roe said.\n\n"
    "Smith said the talks, planned for Friday, 5 February, were useful.\n\n"
    "Lee said the plan was sound.\n"
)


def _q(text: str, sentence: str, content: str, speaker: str | None) -> QuoteWhen:
    s = text.index(sentence)
    c = text.index(content, s)
    return QuoteWhen(s, s + len(sentence), c, c + len(content), speaker)


QUOTES = [
    # (a) own date outside the content; "in March" inside the content is ignored
    _q(ARTICLE, "Roe said on Wednesday that agreements reached in March must hold.", "agreements reached in March must hold", "roe"),
    # (b) same speaker, no own date: inherits Wednesday
    _q(ARTICLE, "\u201cWe will not give up,\u201d Roe said.", "We will not give up,", "roe"),
    # (c) only a date inside the content -> the lede's date (Thursday)
    _q(ARTICLE, "Smith said the talks, planned for Friday, 5 February, were useful.", "the talks, planned for Friday, 5 February, were useful", "smith"),
    _q(ARTICLE, "Lee said the plan was sound.", "the plan was sound", None),
]


def test_rules_a_b_c():
    got = resolve_said_on(ARTICLE, "2021-01-29T06:29:00+05:30", QUOTES)
    assert got == [
        SaidOn("2021-01-27", "day", "relative"),  # (a)
        SaidOn("2021-01-27", "day", "relative"),  # (b)
        SaidOn("2021-01-28", "day", "relative"),  # (c)
        SaidOn("2021-01-28", "day", "relative"),  # (c)
    ]


def test_rule_b_needs_the_same_speaker_and_an_own_date():
    q = QUOTES[1]
    other = QuoteWhen(q.sentence_start, q.sentence_end, q.content_start, q.content_end, "someone else")
    got = resolve_said_on(ARTICLE, "2021-01-29", [QUOTES[0], other])
    assert got[1] == SaidOn("2021-01-28", "day", "relative")  # not Roe's Wednesday: the lede


def test_rule_d_publication_date_when_the_lede_has_no_date():
    text = "Envoy visits\n\nThe envoy visited Geneva for talks with officials.\n\nLee said the plan was sound.\n"
    q = _q(text, "Lee said the plan was sound.", "the plan was sound", "lee")
    assert resolve_said_on(text, "2021-08-10T14:16", [q]) == [SaidOn("2021-08-10", "day", "published")]


def test_rule_c_skips_a_lede_date_after_publication():
    text = "Summit\n\nLeaders will gather on 3 March, 2021 for a summit in Rome.\n\nLee said the plan was sound.\n"
    q = _q(text, "Lee said the plan was sound.", "the plan was sound", "lee")
    assert resolve_said_on(text, "2021-01-29", [q]) == [SaidOn("2021-01-29", "day", "published")]


def test_rule_e_unknown_without_publication_date():
    got = resolve_said_on(ARTICLE, None, QUOTES)
    assert got == [SaidOn(None, None, "unknown")] * 4


def test_headline_and_dateline_are_not_the_lede():
    text = "Talks on Jan 2 2021\n\n10th Aug, 2021. 02:16 pm\n\nThe envoy said on Monday that talks went well.\n"
    q = _q(text, "The envoy said on Monday that talks went well.", "talks went well", "envoy")
    other = QuoteWhen(0, 0, 0, 0, "x")
    assert resolve_said_on(text, "2021-08-10T14:16", [q, other]) == [
        SaidOn("2021-08-09", "day", "relative"),
        SaidOn("2021-08-09", "day", "relative"),
    ]


# --- seeds --------------------------------------------------------------------------------------


def _sentence(text: str, pos: int, end: int) -> tuple[int, int]:
    """Line-and-punctuation sentence bounds around ``pos`` (enough for the seed texts)."""
    ls = text.rfind("\n", 0, pos) + 1
    le = text.find("\n", pos)
    le = len(text) if le < 0 else le
    start = ls
    for m in re.finditer(r"(?<=[.!?])[\"”’]*\s+(?=[A-Z“\"‘])", text[ls:le]):
        if ls + m.start() >= pos:
            return start, max(ls + m.start(), end)
        start = ls + m.end()
    return start, max(le, end)


@pytest.mark.parametrize("article", ["001_bb12d731cec2f8ab", "003_399c2c51e2e4b7ea"])
def test_seed_said_on(article):
    if not (SEEDS / "quotes.jsonl").is_file() or not (SEED_TEXTS / f"{article}.txt").is_file():
        pytest.skip(f"seed gold or text for {article} not available under /work/shared")
    meta = {json.loads(line)["article"]: json.loads(line) for line in (SEEDS / "articles.jsonl").open(encoding="utf-8")}
    gold = [json.loads(line) for line in (SEEDS / "quotes.jsonl").open(encoding="utf-8")]
    gold = [g for g in gold if g["article"] == article]
    text = (SEED_TEXTS / f"{article}.txt").read_text(encoding="utf-8")
    quotes = [QuoteWhen(*_sentence(text, g["start"], g["end"]), g["start"], g["end"], g["speaker"]) for g in gold]
    got = resolve_said_on(text, meta[article]["published"], quotes)
    scored = [(g["start"], g["said_on"], s.date) for g, s in zip(gold, got) if g["said_on"] is not None]
    assert scored and all(want == have for _, want, have in scored), scored
    if article.startswith("001"):
        wed = [s.date for g, s in zip(gold, got) if g["start"] in (1672, 1905, 2017)]
        thu = [s.date for g, s in zip(gold, got) if g["start"] in (102, 818, 1135, 1383)]
        assert wed == ["2021-01-27"] * 3 and thu == ["2021-01-28"] * 4


def test_lede_future_event_is_not_the_date_said():
    """"will close starting April 2" in a lede of 14 March 2024 is a plan, not when anyone spoke."""
    from quotes.attribute.when import QuoteWhen, resolve_said_on

    text = ("The bridge will close to traffic for six weeks starting April 2 while crews work.\n\n"
            "The closure was unavoidable, the mayor said.")
    start = text.index("The closure")
    q = QuoteWhen(sentence_start=start, sentence_end=len(text), content_start=start,
                  content_end=text.index(", the mayor"), speaker_key="mayor")
    [said] = resolve_said_on(text, "2024-03-14T09:15", [q])
    assert said.date == "2024-03-14" and said.source == "published"
