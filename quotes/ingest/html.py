"""HTML pages: main text and metadata via trafilatura (no hand-written HTML parsing).

trafilatura already removes navigation, ads and footers; the same line rules as for plain text
then catch leftovers inside the article body ("Also read: ...").
"""

from __future__ import annotations

from itertools import islice

import trafilatura
from lxml import etree

from quotes.ingest.dates import find_published, parse_date
from quotes.ingest.lexicon import load_lexicon
from quotes.ingest.limits import MAX_HTML_ELEMENTS
from quotes.ingest.records import make_article
from quotes.ingest.text import clean_text, infer_outlet
from quotes.types import Article, IngestError

# trafilatura falls back to menu text on pages without an article ("Home\nWorld" on a 404 page);
# fewer words than this after cleaning is not an article.
MIN_WORDS = 8
_DATE_PARAMS = {"extensive_search": False, "original_date": True}  # published, not modified


def count_elements(raw: str, limit: int) -> int:
    """Elements in the page as lxml parses it (linear time), counting no further than ``limit + 1``."""
    parser = etree.HTMLParser(recover=True, huge_tree=True, no_network=True)
    try:
        root = etree.fromstring(raw.encode("utf-8", "surrogatepass"), parser)
    except (etree.LxmlError, ValueError):
        return 0  # lxml cannot read it either; trafilatura reports the failure
    if root is None:
        return 0
    return sum(1 for _ in islice(root.iter(), limit + 1))


def parse_html(raw: str, *, source_id: str, source_path: str,
               max_elements: int = MAX_HTML_ELEMENTS) -> tuple[Article | None, list[IngestError]]:
    """One HTML page -> Article (or a "missing_text" error when trafilatura finds no main text).

    Outlet: known domain of the page URL, else the site name from metadata, else removed
    boilerplate. Date: metadata (day precision), else stamp lines in the text. A page of more
    than ``max_elements`` elements is refused ("too_large"): trafilatura's cost grows faster than
    linearly with them.
    """
    n = count_elements(raw, max_elements)
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
    if doc is None or not (doc.text or "").strip():
        return None, [IngestError(source_path, "missing_text", "no main text found in HTML")]
    cleaned = clean_text(doc.text, detect_title=False)
    if len(cleaned.text.split()) < MIN_WORDS:
        return None, [IngestError(source_path, "missing_text", f"main text has fewer than {MIN_WORDS} words")]
    lex = load_lexicon()
    outlet = (
        lex.outlet_for_url(doc.url)
        or lex.outlet_for_url(doc.hostname)
        or doc.sitename
        or infer_outlet(cleaned.dropped_lines(), lex)
    )
    published = parse_date(doc.date) or find_published(cleaned.lines)
    article = make_article(
        cleaned.text,
        source_id=source_id,
        source_path=source_path,
        title=doc.title,
        url=doc.url,
        outlet=outlet,
        published=published,
    )
    return article, []
