"""Build :class:`Article` records in one place, so ids and hashes are computed the same way for
every input kind."""

from __future__ import annotations

from quotes.ids import article_id, text_sha256
from quotes.types import Article


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None


def make_article(
    text: str,
    *,
    source_id: str,
    source_path: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: tuple[str, str] | None = None,
) -> Article:
    """Article with ``article_id`` from the normalized text and ``text_sha256`` of ``text`` as stored."""
    return Article(
        article_id=article_id(text),
        source_id=source_id,
        source_path=source_path,
        text=text,
        text_sha256=text_sha256(text),
        title=_clean(title),
        url=_clean(url),
        outlet=_clean(outlet),
        published_at=published[0] if published else None,
        published_precision=published[1] if published else None,
    )
