"""Publication dates from stamp lines and metadata strings, as ``(iso, precision)``.

Only explicit absolute dates with a year are accepted (no "yesterday", no "Monday"), and
dateparser gets a fixed RELATIVE_BASE, so the result never depends on when the pipeline runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from dateparser.date import DateDataParser

from quotes.ingest.lexicon import load_lexicon
from quotes.ingest.limits import MAX_DATE_CHARS

_SETTINGS = {
    "RELATIVE_BASE": datetime(2000, 1, 1),  # fixed: results must not drift with today's date
    "PARSERS": ["custom-formats", "absolute-time"],  # no relative dates, no bare timestamps
    "REQUIRE_PARTS": ["year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_TIME_AS_PERIOD": True,
}
_PRECISION = {"time": "minute", "day": "day", "month": "month", "year": "year"}
_ISO_YEAR = re.compile(r"\d{4}")
_ISO_MONTH = re.compile(r"\d{4}-\d{2}")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}.*")
_TZ_SUFFIX = re.compile(r"[\s(]*\b([A-Z]{2,5})\)?\s*$")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_MIN_YEAR, _MAX_YEAR = 1800, 2200


@lru_cache(maxsize=8)
def _parser(languages: tuple[str, ...]) -> DateDataParser:
    return DateDataParser(languages=list(languages), settings=_SETTINGS)


def _format(dt: datetime, precision: str) -> str:
    if precision == "year":
        return f"{dt.year:04d}"
    if precision == "month":
        return f"{dt.year:04d}-{dt.month:02d}"
    if precision == "day":
        return dt.date().isoformat()
    return dt.isoformat(timespec="seconds")


def _iso(value: str) -> tuple[str, str] | None:
    if _ISO_YEAR.fullmatch(value):
        return value, "year"
    if _ISO_MONTH.fullmatch(value) and 1 <= int(value[5:]) <= 12:
        return value, "month"
    try:
        if _ISO_DAY.fullmatch(value):
            return datetime.fromisoformat(value).date().isoformat(), "day"
        if _ISO_TIME.fullmatch(value):
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
            return _format(dt, "minute"), "minute"
    except ValueError:
        return None
    return None


def parse_date(value: str | None, *, languages: tuple[str, ...] = ("en",)) -> tuple[str, str] | None:
    """Parse one date string ("Jan 29 2021 | 6:29 AM IST", "2021-08-10", "10th Aug, 2021. 02:16 pm").

    Returns ``(iso, precision)`` with precision "minute" | "day" | "month" | "year", or None.
    Time-zone abbreviations come from the lexicon (IST = +05:30); without one the time is naive.
    """
    if not value or not value.strip() or len(value) > MAX_DATE_CHARS:
        return None  # a longer string is not a date, and dateparser's cost on it is unbounded
    s = " ".join(value.split())
    iso = _iso(s)
    if iso is not None:
        return iso
    s = s.replace("|", " ").strip(" .,;-")
    tz = None
    m = _TZ_SUFFIX.search(s)
    if m and m.group(1) in load_lexicon().tz_offsets:
        tz = load_lexicon().tz_offsets[m.group(1)]
        s = s[: m.start()].strip(" .,;-")
    data = _parser(tuple(languages)).get_date_data(s)
    dt, period = data.date_obj, data.period
    if dt is None or period not in _PRECISION or not _MIN_YEAR <= dt.year <= _MAX_YEAR:
        return None
    if str(dt.year) not in _YEAR.findall(s):  # "Aug 10" is not August 2010: need a written year
        return None
    precision = _PRECISION[period]
    if precision == "minute" and tz is not None:
        dt = dt.replace(tzinfo=tz)
    return _format(dt, precision), precision


def find_published(lines: Iterable[str]) -> tuple[str, str] | None:
    """Publication date from the stamp lines of a scraped page.

    Preference: a "Published"/"First Published" stamp, then a line that is only a date, then a
    "Last Updated" stamp (the first of each kind wins). Long lines are body text and are ignored.
    """
    lex = load_lexicon()
    date_lines = dict(lex.line_groups)["date_lines"]
    best: tuple[int, tuple[str, str]] | None = None
    for line in lines:
        s = line.strip()
        if not s or len(s) > lex.date_max_line_chars:
            continue
        candidates: list[tuple[int, str]] = []
        for rank, patterns in ((0, lex.date_published), (2, lex.date_updated)):
            for p in patterns:
                m = p.fullmatch(s)
                if m:
                    candidates.append((rank, m.group("date")))
        if not candidates and any(p.fullmatch(s) for p in date_lines):
            candidates.append((1, s))
        for rank, text in candidates:
            if best is not None and best[0] <= rank:
                continue
            parsed = parse_date(text)
            if parsed is not None:
                best = (rank, parsed)
    return None if best is None else best[1]
