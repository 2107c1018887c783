"""HTML pages: main text and metadata via trafilatura, then a completeness check on the body.

trafilatura already removes navigation, ads and footers; :mod:`quotes.ingest.html_body` then adds
what it misses on two common layouts (a body cut into sibling chunks, a fuller JSON-LD
``articleBody``), and the same line rules as for plain text catch leftovers inside the article
body ("Also read: ..."). Which path produced the text is kept as ``Article.text_source``.
"""

from __future__ import annotations

from itertools import islice

import trafilatura
from lxml import etree

from quotes.ingest.dates import find_published, parse_date
from quotes.ingest import justext_linear
from quotes.ingest.html_body import TRAFILATURA, BodyText, complete_body, parse_tree
from quotes.ingest.lexicon import load_lexicon
from quotes.ingest.limits import MAX_HTML_ELEMENTS
from quotes.ingest.records import make_article
from quotes.ingest.text import clean_text, infer_outlet
from quotes.types import Article, IngestError

# trafilatura falls back to menu text on pages without an article ("Home\nWorld" on a 404 page);
# fewer words than this after cleaning is not an article.
MIN_WORDS = 8
justext_linear.install()  # trafilatura's jusText fallback is quadratic in runs of short paragraphs
_DATE_PARAMS = {"extensive_search": False, "original_date": True}  # published, not modified


def count_elements(raw: str | etree._Element | None, limit: int) -> int:
    """Elements in the page as lxml parses it (linear time), counting no further than ``limit + 1``."""
    root = parse_tree(raw) if isinstance(raw, str) else raw
    if root is None:
        return 0  # lxml cannot read it either; trafilatura reports the failure
    return sum(1 for _ in islice(root.iter(), limit + 1))


def _clean_lines(text: str) -> str:
    return clean_text(text, detect_title=False).text


def parse_html(raw: str, *, source_id: str, source_path: str,
               max_elements: int = MAX_HTML_ELEMENTS) -> tuple[Article | None, list[IngestError]]:
    """One HTML page -> Article (or a "missing_text" error when no main text is found).

    Text: trafilatura's main text, completed by :func:`quotes.ingest.html_body.complete_body`
    (sibling chunks of a cut body, or a fuller JSON-LD ``articleBody``); ``text_source`` says
    which. Metadata comes from trafilatura even when the text is JSON-LD's.
    Outlet: known domain of the page URL, else the site name from metadata, else removed
    boilerplate. Date: metadata (day precision), else stamp lines in the text. A page of more
    than ``max_elements`` elements is refused ("too_large"): trafilatura's cost grows faster than
    linearly with them.
    """
    root = parse_tree(raw)
    n = count_elements(root, max_elements)
    if n > max_elements:
        message = f"more than MAX_HTML_ELEMENTS={max_elements} HTML elements (main-text extraction cost)"
        return None, [IngestError(source_path, "too_large", message)]
    try:
        doc = trafilatura.bare_extraction(
            raw,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # trafilatura/lxml can fail on pathological markup
        return None, [IngestError(source_path, "html", f"trafilatura failed: {type(exc).__name__}: {exc}")]
    try:
        body = complete_body(root, doc.text if doc is not None else None, clean=_clean_lines)
    except (etree.LxmlError, ValueError, RecursionError):  # keep trafilatura's text rather than fail
        body = BodyText(doc.text, TRAFILATURA) if doc is not None and (doc.text or "").strip() else None
    if body is None:
        return None, [IngestError(source_path, "missing_text", "no main text found in HTML")]
    cleaned = clean_text(body.text, detect_title=False)
    if len(cleaned.text.split()) < MIN_WORDS:
        return None, [IngestError(source_path, "missing_text", f"main text has fewer than {MIN_WORDS} words")]
    lex = load_lexicon()
    meta = doc if doc is not None else trafilatura.extract_metadata(raw, date_config=_DATE_PARAMS)
    outlet = (
        lex.outlet_for_url(meta.url)
        or lex.outlet_for_url(meta.hostname)
        or meta.sitename
        or infer_outlet(cleaned.dropped_lines(), lex)
    )
    published = parse_date(meta.date) or find_published(cleaned.lines)
    article = make_article(
        cleaned.text,
        source_id=source_id,
        source_path=source_path,
        title=meta.title,
        url=meta.url,
        outlet=outlet,
        published=published,
        text_source=body.source,
    )
    return article, []
