"""Rows of the dataset tables made from one article: the last step that still sees its parse.

Everything after this (cross-article linking, writing) works on these rows alone, so a parse can
be dropped as soon as its article's rows exist.
"""

from __future__ import annotations

from dataclasses import asdict

from quotes.attribute import attribute
from quotes.extract import extract_quotes
from quotes.ids import stable_id
from quotes.types import Article, ParsedDoc, Quote


def quotes_for(article: Article, doc: ParsedDoc) -> list[Quote]:
    """Extraction and attribution for one parsed article."""
    return attribute(article, doc, extract_quotes(doc))


def quote_rows(article: Article, quotes: list[Quote]) -> list[dict]:
    """``quotes`` table rows (``speaker_id``/``statement_id`` come from the cross-article pass)."""
    rows = []
    for q in quotes:
        row = asdict(q)
        row.pop("extra", None)
        row["parts"] = [{"start": s, "end": e} for s, e in q.parts]
        row["quote_id"] = stable_id("q", article.article_id, q.type, str(q.start), str(q.end))
        rows.append(row)
    return rows


def article_row(article: Article, n_quotes: int) -> dict:
    row = asdict(article)
    row["n_quotes"] = n_quotes
    return row
