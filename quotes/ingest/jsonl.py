"""JSONL input: one article object per line, already clean.

Text is stored verbatim (the producer chose it, and offsets must match it). A bad line is
reported with its line number and the other lines still load.
"""

from __future__ import annotations

import json

from quotes.ingest.dates import parse_date
from quotes.ingest.lexicon import load_lexicon
from quotes.ingest.records import make_article
from quotes.types import Article, IngestError


def _str(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def parse_jsonl(text: str, *, source_path: str, stem: str) -> tuple[list[Article], list[IngestError]]:
    """Parse ``{"id", "text", "title"?, "url"?, "published"?, "outlet"?}`` lines.

    ``source_id`` is ``id`` (else ``<stem>:<line no>``). Kinds: "json" (not a JSON object),
    "missing_text" (no non-empty string "text"), "date" (unparseable "published"; kept, date None).
    """
    lex = load_lexicon()
    articles: list[Article] = []
    errors: list[IngestError] = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(IngestError(source_path, "json", f"line {lineno}: {exc.msg} (column {exc.colno})"))
            continue
        if not isinstance(obj, dict):
            kind = type(obj).__name__
            errors.append(IngestError(source_path, "json", f"line {lineno}: expected an object, got {kind}"))
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            errors.append(IngestError(source_path, "missing_text", f"line {lineno}: no text"))
            continue
        raw_id = obj.get("id")
        ok_id = isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip()
        published_raw = _str(obj, "published")
        published = parse_date(published_raw) if published_raw else None
        if published_raw and published is None:
            message = f"line {lineno}: unparseable published {published_raw!r}; kept without a date"
            errors.append(IngestError(source_path, "date", message, skipped=False))
        url = _str(obj, "url")
        articles.append(
            make_article(
                body,
                source_id=str(raw_id).strip() if ok_id else f"{stem}:{lineno}",
                source_path=source_path,
                title=_str(obj, "title"),
                url=url,
                outlet=_str(obj, "outlet") or lex.outlet_for_url(url),
                published=published,
            )
        )
    return articles, errors
