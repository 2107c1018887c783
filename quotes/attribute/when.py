"""When a quote was said: date mentions in the text, resolved against the publication date.

News rarely prints the calendar date of a statement; it says "on Thursday" or "earlier this week"
relative to when the piece ran. So mentions are anchored on the publication date (the local date
as written, never today's date), and a quote without its own mention falls back, in order, to the
same speaker's earlier dated quote, the lede's date and the publication date.
The trigger vocabulary lives in ``quotes/data/dates.toml``.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass
from functools import cache
from importlib import resources

PRECISIONS = ("day", "week", "month", "year")
LEDE_MAX_DAYS = 31


@dataclass(frozen=True)
class DateMention:
    """A date expression in the text; ``date`` is None when it cannot be anchored."""

    start: int
    end: int
    text: str
    date: str | None  # YYYY-MM-DD, truncated to ``precision`` (week -> its Monday)
    precision: str  # "day" | "week" | "month" | "year"
    source: str  # "explicit" | "relative"


@dataclass(frozen=True)
class SaidOn:
    date: str | None
    precision: str | None
    source: str  # "explicit" | "relative" | "published" | "unknown"


@dataclass(frozen=True)
class QuoteWhen:
    """Where a quote sits in the article text (offsets into it), in article order."""

    sentence_start: int
    sentence_end: int
    content_start: int
    content_end: int
    speaker_key: str | None


UNKNOWN = SaidOn(None, None, "unknown")


# --- vocabulary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Vocab:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: tuple[tuple[str, str, int], ...]  # (phrase, unit, offset), longest phrase first
    explicit_re: dict[str, re.Pattern[str]]
    weekday_re: re.Pattern[str]
    relative_re: re.Pattern[str]
    vague_re: re.Pattern[str]
    month_context: frozenset[str]
    month_modifiers: frozenset[str]
    year_context: frozenset[str]
    wd_strict: tuple[str, ...]
    wd_skip: tuple[str, ...]
    rel_skip: tuple[str, ...]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _vocab() -> _Vocab:
    with (resources.files("quotes") / "data" / "dates.toml").open("rb") as fh:
        d = tomllib.load(fh)
    months: dict[str, int] = d["months"]
    weekdays: dict[str, int] = d["weekdays"]
    month = rf"(?P<month>{_alt(list(months))})\.?"
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    wd = rf"(?:(?:{_alt(list(weekdays))}),?\s+(?:the\s+)?)?"
    nn = r"(?![\d:]|,\d|\.\d)"  # "Jan 5:30", "May 2,500" are not dates
    shapes = {
        "iso": r"(?P<year>(?:19|20)\d\d)-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?![\d-])",
        "mdy": rf"{wd}{month}\s+{day}{nn}(?:,?\s+{year}{nn})?",
        "dmy": rf"{wd}(?:the\s+)?{day}(?:\s+of)?\s+{month}(?:,?\s+{year}{nn})?",
        "my": rf"{month},?\s+{year}{nn}",
        "m": rf"{month}(?![\w-])",
        "y": rf"{year}{nn}",
    }
    explicit_re = {k: re.compile(r"(?<![\w-])" + s) for k, s in shapes.items()}
    weekday_re = re.compile(rf"(?<![\w-])(?P<wd>{_alt(list(weekdays))})(?![\w-])")
    rel = sorted(((r["phrase"], r["unit"], int(r["offset"])) for r in d["relative"]), key=lambda r: -len(r[0]))
    relative_re = re.compile(
        r"(?<![\w-])(?P<rel>" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p, _, _ in rel) + r")(?:'s|’s)?(?![\w-])",
        re.IGNORECASE,
    )
    vague_re = re.compile("|".join(f"(?:{p})" for p in d["vague"]["patterns"]), re.IGNORECASE)
    return _Vocab(
        months=months,
        weekdays=weekdays,
        relative=tuple(rel),
        explicit_re=explicit_re,
        weekday_re=weekday_re,
        relative_re=relative_re,
        vague_re=vague_re,
        month_context=frozenset(w.lower() for w in d["month_only"]["context"]),
        month_modifiers=frozenset(w.lower() for w in d["month_only"]["modifiers"]),
        year_context=frozenset(w.lower() for w in d["year_only"]["context"]),
        wd_strict=tuple(d["weekday_rules"]["strictly_before"]),
        wd_skip=tuple(d["weekday_rules"]["skip_before"]),
        rel_skip=tuple(d["relative_rules"]["skip_before"]),
    )


# --- date arithmetic ----------------------------------------------------------------------------


def parse_published(published_at: str | None) -> tuple[dt.date | None, str | None]:
    """ISO string -> (local date as written, precision). Month/year-only values give their first day."""
    if not published_at:
        return None, None
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published_at)
    if not m:
        return None, None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if d:
            return dt.date(int(y), int(mo), int(d)), "day"
        if mo:
            return dt.date(int(y), int(mo), 1), "month"
        return dt.date(int(y), 1, 1), "year"
    except ValueError:
        return None, None


def _month_shift(d: dt.date, months: int) -> dt.date:
    n = d.year * 12 + (d.month - 1) + months
    return dt.date(n // 12, n % 12 + 1, 1)


def truncate(d: dt.date, precision: str) -> dt.date:
    """Represent a date at ``precision``: week -> Monday, month -> 1st, year -> 1 Jan."""
    if precision == "week":
        return d - dt.timedelta(days=d.weekday())
    if precision == "month":
        return d.replace(day=1)
    if precision == "year":
        return dt.date(d.year, 1, 1)
    return d


def _relative(pub: dt.date, unit: str, offset: int) -> dt.date:
    if unit == "day":
        return pub + dt.timedelta(days=offset)
    if unit == "week":
        return truncate(pub, "week") + dt.timedelta(weeks=offset)
    if unit == "month":
        return _month_shift(pub, offset)
    return dt.date(pub.year + offset, 1, 1)


def weekday_on_or_before(pub: dt.date, weekday: int, strictly_before: bool = False) -> dt.date:
    """Most recent ``weekday`` (Mon=0) on or before ``pub``: news says "on Thursday" of the past week."""
    delta = (pub.weekday() - weekday) % 7
    if delta == 0 and strictly_before:
        delta = 7
    return pub - dt.timedelta(days=delta)


def _dateparse(expr: str, base: dt.datetime) -> dt.date | None:
    import dateparser  # slow import; only needed for explicit dates

    got = dateparser.parse(
        expr,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    return got.date() if got else None


# --- mention finding ----------------------------------------------------------------------------


def _word_before(text: str, pos: int, n: int = 2) -> list[str]:
    """Up to ``n`` words right before ``pos`` (nearest last), for context checks."""
    return re.findall(r"[\w'’-]+", text[max(0, pos - 40) : pos])[-n:]


def _preceded_by(text: str, pos: int, phrases: tuple[str, ...], case: bool = False) -> bool:
    before = text[max(0, pos - 30) : pos]
    for p in phrases:
        pat = r"(?<![\w-])" + re.escape(p).replace(r"\ ", r"\s+") + r"\s+$"
        if re.search(pat, before, 0 if case else re.IGNORECASE):
            return True
    return False


_SHAPE_PRECISION = {"iso": "day", "mdy": "day", "dmy": "day", "my": "month", "m": "month", "y": "year"}


def _explicit(text: str, published: dt.date | None, v: _Vocab) -> list[DateMention]:
    """Calendar dates; a bare month or year counts only after a context word ("in March")."""
    raw: list[tuple[int, int, str, re.Match[str]]] = []
    for shape, rx in v.explicit_re.items():
        for m in rx.finditer(text):
            start = m.start()
            if shape in ("m", "y"):
                prev = _word_before(text, start, 1)
                ctx = v.month_context if shape == "m" else v.year_context
                if not prev or prev[-1].lower() not in ctx:
                    continue
                if shape == "m" and prev[-1].lower() in v.month_modifiers:
                    start = text.rfind(prev[-1], 0, start)
            raw.append((start, m.end(), shape, m))
    raw.sort(key=lambda r: (-(r[1] - r[0]), r[0]))
    kept: list[tuple[int, int, str, re.Match[str]]] = []
    taken = _Disjoint()
    for r in raw:
        if not taken.overlaps(r[0], r[1]):
            kept.append(r)
            taken.add(r[0], r[1])
    kept.sort()

    out: list[DateMention] = []
    known_year: int | None = None  # year of the latest full date seen, for year-less ones
    for start, end, shape, m in kept:
        g = m.groupdict()
        prec = _SHAPE_PRECISION[shape]
        span = text[start:end]
        year = int(g["year"]) if g.get("year") else None
        if shape == "iso":
            try:
                date: dt.date | None = dt.date(int(g["year"]), int(g["month"]), int(g["day"]))
            except ValueError:
                continue
        elif shape == "y":
            date = dt.date(year, 1, 1)  # type: ignore[arg-type]
        else:
            if year is not None:
                anchor: dt.date | None = published if published and published.year == year else dt.date(year, 12, 31)
            else:
                anchor = published or (dt.date(known_year, 12, 31) if known_year else None)
            if anchor is None:  # no year and nothing to take it from
                out.append(DateMention(start, end, span, None, prec, "explicit"))
                continue
            expr = " ".join(x for x in (g["month"], g.get("day"), g.get("year")) if x)
            date = _dateparse(expr, dt.datetime.combine(anchor, dt.time(23, 59, 59)))
            if date is None:  # "Feb 30"
                continue
            if shape == "m" and span.lower().startswith("last") and published and date.month == published.month:
                date = date.replace(year=date.year - 1)  # "last January" written in January
        if year is not None:
            known_year = year
        out.append(DateMention(start, end, span, truncate(date, prec).isoformat(), prec, "explicit"))
    return out


def _weekdays(text: str, published: dt.date | None, v: _Vocab) -> list[DateMention]:
    out: list[DateMention] = []
    for m in v.weekday_re.finditer(text):
        if _preceded_by(text, m.start(), v.wd_skip, case=False):
            continue
        start = m.start()
        strict = _preceded_by(text, start, v.wd_strict)
        lead = re.search(r"(?<![\w-])((?:earlier|late|early|last|this\s+past|past)\s+)$", text[max(0, start - 20) : start], re.IGNORECASE)
        if lead:
            start -= len(lead.group(1))
        wd = v.weekdays[m.group("wd")]
        date = weekday_on_or_before(published, wd, strict).isoformat() if published else None
        out.append(DateMention(start, m.end(), text[start : m.end()], date, "day", "relative"))
    return out


def _relatives(text: str, published: dt.date | None, v: _Vocab) -> list[DateMention]:
    out: list[DateMention] = []
    table = {p.lower(): (u, o) for p, u, o in v.relative}
    for m in v.relative_re.finditer(text):
        if _preceded_by(text, m.start(), v.rel_skip):
            continue
        unit, offset = table[" ".join(m.group("rel").lower().split())]
        date = _relative(published, unit, offset).isoformat() if published else None
        out.append(DateMention(m.start(), m.end(), m.group(0), date, unit, "relative"))
    return out


def find_date_mentions(text: str, published: dt.date | None) -> list[DateMention]:
    """All date mentions in ``text``, in order, without overlaps (explicit dates win ties).

    Relative mentions (weekdays, "yesterday", "last month") are anchored on ``published``; without
    it they keep ``date=None``. Vague spans ("a year ago", "in recent weeks") yield nothing.
    """
    v = _vocab()
    vague = [(m.start(), m.end()) for m in v.vague_re.finditer(text)]
    found = _explicit(text, published, v) + _relatives(text, published, v) + _weekdays(text, published, v)
    rank = {"explicit": 0, "relative": 1}
    found.sort(key=lambda x: (-(x.end - x.start), rank[x.source], x.start))
    taken: list[DateMention] = []
    vague_spans, taken_spans = _Disjoint(), _Disjoint()
    for s, e in vague:
        vague_spans.add(s, e)
    for cand in found:
        if vague_spans.overlaps(cand.start, cand.end):
            continue
        if taken_spans.overlaps(cand.start, cand.end):
            continue
        taken.append(cand)
        taken_spans.add(cand.start, cand.end)
    return sorted(taken, key=lambda x: x.start)


class _Disjoint:
    """Spans none of which overlaps another (``a < e and s < b``), sorted: whether a new span
    overlaps one of them is a bisection, not a scan of all (issue #21). Sorted by (start, end),
    such spans have sorted ends too, so the last one starting before ``b`` reaches farthest."""

    def __init__(self):
        self._spans: list[tuple[int, int]] = []

    def overlaps(self, a: int, b: int) -> bool:
        k = bisect_left(self._spans, (b, -1))  # spans starting before b (ends are >= starts >= 0)
        return k > 0 and a < self._spans[k - 1][1] and self._spans[k - 1][0] < b

    def add(self, a: int, b: int) -> None:
        insort(self._spans, (a, b))


# --- resolution ---------------------------------------------------------------------------------

_PARA_SPLIT = re.compile(r"\n\s*\n|\n")
_SENT_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_BODY_END = re.compile(r"[.!?][\"”’')\]]*\s*$")


def lede_span(text: str, n_sentences: int = 2) -> tuple[int, int]:
    """Offsets covering the first ``n_sentences`` body sentences.

    Body paragraphs end with sentence punctuation and have at least six words, which skips the
    headline, a standfirst, bylines and date lines that ingest may have kept.
    """
    sents: list[tuple[int, int]] = []
    pos = 0
    for part in _PARA_SPLIT.split(text):
        p_start = text.find(part, pos) if part else pos
        pos = p_start + len(part)
        para = part.strip()
        if len(para.split()) < 6 or not _BODY_END.search(para):
            continue
        s = p_start + (len(part) - len(part.lstrip()))
        for m in _SENT_END.finditer(text, s, pos):
            sents.append((s, m.start()))
            s = m.end()
        sents.append((s, pos))
        if len(sents) >= n_sentences:
            break
    if not sents:
        return 0, 0
    sents = sents[:n_sentences]
    return sents[0][0], sents[-1][1]


def _own_date(q: QuoteWhen, mentions: list[DateMention], pub: dt.date | None) -> DateMention | None:
    """The dated mention in the quote's sentence but outside its content, nearest to the content."""
    best: tuple[int, int, DateMention] | None = None
    for m in mentions:
        if m.date is None or m.start < q.sentence_start or m.end > q.sentence_end:
            continue
        if m.start < q.content_end and q.content_start < m.end:
            continue  # what the quote talks about is not when it was said
        if pub is not None and m.date > pub.isoformat():
            continue  # nothing is said after the article ran
        dist = q.content_start - m.end if m.end <= q.content_start else m.start - q.content_end
        key = (dist, m.start)
        if best is None or key < best[:2]:
            best = (dist, m.start, m)
    return best[2] if best else None


def resolve_said_on(text: str, published_at: str | None, quotes: list[QuoteWhen]) -> list[SaidOn]:
    """One ``SaidOn`` per quote, by the first rule that applies.

    (a) a date in the quote's sentence, outside the quote; (b) the latest earlier own date of the
    same speaker (same briefing); (c) the lede's date (when the reported event happened), if not
    after publication; (d) the publication date; (e) unknown.
    """
    pub, pub_prec = parse_published(published_at)
    anchor = pub if pub_prec == "day" else None
    mentions = find_date_mentions(text, anchor)

    lede: SaidOn | None = None
    l_start, l_end = lede_span(text)
    for m in mentions:
        if l_start <= m.start and m.end <= l_end and m.date is not None:
            # the lede reports what just happened: a date within a month before publication; an
            # earlier one ("will close starting April 2", read as last year's April) is no event date
            if pub is None or pub_prec != "day" or \
                    0 <= (pub - dt.date.fromisoformat(m.date)).days <= LEDE_MAX_DAYS:
                lede = SaidOn(m.date, m.precision, m.source)
            break
    published = SaidOn(pub.isoformat(), pub_prec, "published") if pub else None

    last_own: dict[str, SaidOn] = {}
    out: list[SaidOn] = []
    by_start = sorted((m.start, k) for k, m in enumerate(mentions))  # (issue #21: no scan per quote)
    starts = [s for s, _ in by_start]
    for q in quotes:
        near = by_start[bisect_left(starts, q.sentence_start):bisect_right(starts, q.sentence_end)]
        own = _own_date(q, [mentions[k] for k in sorted(k for _, k in near)], anchor)
        if own is not None:
            said = SaidOn(own.date, own.precision, own.source)
            if q.speaker_key is not None:
                last_own[q.speaker_key] = said
        elif q.speaker_key is not None and q.speaker_key in last_own:
            said = last_own[q.speaker_key]
        else:
            said = lede or published or UNKNOWN
        out.append(said)
    return out
