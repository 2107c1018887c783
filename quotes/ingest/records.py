"""Build :class:`Article` records in one place, so ids and hashes are computed the same way for
every input kind, and the :class:`InputRecord` that says what became of each input unit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from quotes.ids import article_id, text_sha256
from quotes.types import Article, IngestError


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


def check_text(text: str, source_path: str, max_chars: int, where: str = "") -> IngestError | None:
    """The reason an article text is refused, else None: too long to process, or no word at all.

    A text without a single letter or digit (a file of quotation marks, of dashes) is not an
    article, and such runs of punctuation are what makes a parser build one enormous sentence.
    ``where`` prefixes the message ("line 17: ").
    """
    if len(text) > max_chars:
        return IngestError(source_path, "too_large", f"{where}text of {len(text)} characters > MAX_ARTICLE_CHARS={max_chars}")
    if _LETTER_OR_DIGIT.search(text) is None:
        return IngestError(source_path, "missing_text", f"{where}no letter or digit in the text")
    return None


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
    text_source: str | None = None,
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
        text_source=text_source,
    )


@dataclass(frozen=True)
class InputRecord:
    """One input unit and what ingest made of it: the seam between ingest and the build.

    An input unit is a whole file (.txt, .html, an unreadable or unsupported path, a JSONL file
    that holds no line at all) or one non-blank line of a JSONL file or of stdin. Every unit yields
    exactly one record, so a build can account for each input in its manifest (article, duplicate
    or error) without ingest holding the corpus.

    ``source_path`` names the unit: the file path, ``"<file>:<line>"`` for a JSONL line (1-based,
    as an editor counts), ``"-:<line>"`` for stdin. ``input_path`` is the file (or ``"-"``) it came
    from and ``line`` its line number (None for a whole file). ``article`` is the article made from
    it, or None when it was skipped; ``errors`` holds the reasons it was skipped, or the repairs
    made to a kept article (``skipped=False``, e.g. "decode" or "date"). The errors' own
    ``source_path`` is the unit's.
    """

    source_path: str
    input_path: str
    line: int | None
    article: Article | None
    errors: tuple[IngestError, ...] = ()

    @property
    def outcome(self) -> str:
        """``"article"``, else the kind of the error that skipped the unit (e.g. ``"binary"``)."""
        if self.article is not None:
            return "article"
        return next((e.kind for e in self.errors if e.skipped), self.errors[0].kind if self.errors else "skipped")
