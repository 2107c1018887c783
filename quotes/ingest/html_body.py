"""Completeness of an HTML article body after trafilatura: chunked bodies and JSON-LD bodies.

trafilatura keeps the first element that looks like an article body (its ``BODY_XPATH`` ends in
``[1]``) and only falls back to another algorithm when that one is much longer. Two common page
layouts then lose part of the article:

* **Chunked bodies.** Large templates cut one article into several sibling containers of the same
  tag and class (``<div class="X">`` ... an ad, a "related" box, a newsletter form ...
  ``<div class="X">`` ...) under one parent. trafilatura returns the first chunk.
* **JSON-LD bodies.** Many pages declare the article to search engines as schema.org JSON-LD
  (``"@type": "NewsArticle"``, ``"articleBody"``) and carry the whole text there, while the
  visible markup is cut (paywall, lazy loading, "read more" buttons).

Both rules are about structure, not about outlets: no site or class name appears here. A chunk is
recognised because the template gave the blocks the *same* tag and class as the block trafilatura
chose (that is the template saying "these are the same kind of thing"), and a sibling's paragraphs
are taken only where they sit at the same place inside it (same path of tags and classes) as the
paragraphs trafilatura kept in its chunk, so an ad or embed nested inside a chunk stays out. A
JSON-LD body is used only when it is longer than the markup *and* contains most of its words, so
a teaser ("description"-like bodies) or a body of another article on the page is ignored.

:func:`complete_body` returns the text (one paragraph per line, before line cleaning) and which
path produced it, recorded on each article as ``text_source`` so ingest can be audited.
"""

from __future__ import annotations

import html
import json
import re
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

TRAFILATURA = "trafilatura"
CHUNKS = "trafilatura+chunks"
JSON_LD = "json-ld"
HTML_SOURCES = (TRAFILATURA, CHUNKS, JSON_LD)

# schema.org types whose articleBody is the text of a news article: Article, its news-writing
# subtypes and NewsArticle's own subtypes. AdvertiserContentArticle (sponsored) is left out.
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
    "BackgroundNewsArticle", "ReviewNewsArticle", "AskPublicNewsArticle", "Report", "BlogPosting",
    "LiveBlogPosting", "SatiricalArticle",
})  # fmt: skip

# Elements whose text is one paragraph of a page (matched against trafilatura's lines).
_PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
                             "td", "th", "dd", "dt", "figcaption"})
# Containers that hold a paragraph directly when a template writes text without <p>.
_TEXT_CONTAINERS = frozenset({"div", "section", "article", "main", "span", "font", "center"})
_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "object")

ANCHOR_SHARE = 0.9  # the chunk holds at least this share of the matched words (a headline may not)
MIN_MATCHED_SHARE = 0.5  # below this share of the extraction found in the page, do not guess
MAX_CLIMB = 3  # levels above the extracted paragraphs' container searched for sibling chunks
CLIMB_COVERAGE = 0.8  # a container is still "the extracted one" while this share of its words was kept
JSON_LD_CONTAINS = 0.8  # share of the markup's words a JSON-LD body must contain
JSON_LD_GAIN = 1.05  # and it must be at least this much longer (in words) ...
JSON_LD_MIN_EXTRA = 10  # ... and by at least this many words
LINK_LIST_SHARE = 0.8  # an extraction this much made of link labels is a menu, not an article
_MAX_JSON_DEPTH = 12
# Deepest element nesting at which the chunk rule still runs. Real templates nest article text a few
# dozen levels deep; far deeper trees are unclosed-tag soup, where every per-element text and
# ancestor walk costs the depth, so the rule's cost would grow with depth times page size.
MAX_TEMPLATE_DEPTH = 128

_WORD = re.compile(r"\w+")
_HTML_IN_BODY = re.compile(r"<\s*(?:p|br|div|h[1-6]|li|blockquote)\b[^>]*>", re.I)


@dataclass(frozen=True)
class BodyText:
    """An article body as paragraphs (one per line, before line cleaning) and the path that made it."""

    text: str
    source: str


def norm(s: str) -> str:
    """Whitespace-insensitive form of a paragraph, to compare text across markup and extraction."""
    return " ".join(s.split())


def words(s: str) -> list[str]:
    return _WORD.findall(s.lower())


def parse_tree(raw: str) -> etree._Element | None:
    """The page as lxml reads it (comments dropped), or None when it cannot be read."""
    parser = etree.HTMLParser(recover=True, huge_tree=True, no_network=True, remove_comments=True, encoding="utf-8")
    try:
        return etree.fromstring(raw.encode("utf-8", "surrogatepass"), parser)
    except (etree.LxmlError, ValueError):
        return None


def complete_body(root: etree._Element | None, extracted: str | None,
                  clean: Callable[[str], str] = lambda s: s) -> BodyText | None:
    """The whole article body of a page, given trafilatura's extraction of it (or None).

    ``root`` is the page parsed by :func:`parse_tree`; it is modified (scripts and styles are
    removed once the JSON-LD has been read). ``clean`` is the boilerplate line cleaning applied to
    each added chunk's text, the same that the whole text gets afterwards. Returns None when
    neither trafilatura nor JSON-LD has a body.
    """
    extracted = (extracted or "").strip("\n")
    ld_bodies = list(json_ld_bodies(root)) if root is not None else []
    markup = BodyText(extracted, TRAFILATURA) if extracted.strip() else None
    if markup is not None and root is not None:
        etree.strip_elements(root, *_NOT_TEXT, with_tail=False)
        if is_link_list(root, extracted):
            markup = extracted = None
    if markup is not None and root is not None and tree_depth(root, MAX_TEMPLATE_DEPTH) <= MAX_TEMPLATE_DEPTH:
        chunked = add_sibling_chunks(root, extracted, clean)
        if chunked is not None:
            markup = BodyText(chunked, CHUNKS)
    markup_text = markup.text if markup else ""
    fuller = [b for b in ld_bodies if longer_and_containing(b, markup_text)]
    if fuller:
        body = max(fuller, key=lambda b: len(words(b)))  # the first of the longest
        return BodyText(split_paragraphs(body, markup_text.split("\n")), JSON_LD)
    return markup


def tree_depth(root: etree._Element, stop: int) -> int:
    """Element nesting depth of ``root``'s tree, counted up to ``stop + 1`` (one linear walk)."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > deepest:
            deepest = depth
            if deepest > stop:
                break
    return deepest


def is_link_list(root: etree._Element, extracted: str) -> bool:
    """The extraction is (nearly all) the labels of the page's links: a menu or a list of teasers.

    trafilatura falls back to such text on pages that hold no article (a section front, a 404
    page). Link labels are what a reader clicks away on, not what an article says, so a text
    made of them is no article body whatever its length.
    """
    labels = {t for a in root.iter("a") if (t := _text(a))}
    lines = [norm(line) for line in extracted.split("\n") if line.strip()]
    total = sum(len(words(line)) for line in lines)
    linked = sum(len(words(line)) for line in lines if line in labels)
    return total > 0 and linked >= LINK_LIST_SHARE * total


# --- rule (a): sibling chunks -------------------------------------------------------------------

def _classes(el: etree._Element) -> frozenset[str]:
    return frozenset((el.get("class") or "").split())


def _text(el: etree._Element) -> str:
    return norm("".join(el.itertext()))


def _has_own_text(el: etree._Element) -> bool:
    return bool((el.text or "").strip()) or any((c.tail or "").strip() for c in el)


def _paragraph_elements(root: etree._Element) -> Iterator[etree._Element]:
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _PARAGRAPH_TAGS:
            yield el
        elif el.tag in _TEXT_CONTAINERS and _has_own_text(el) and not any(
                isinstance(d.tag, str) and (d.tag in _PARAGRAPH_TAGS or d.tag == "div") for d in el.iterdescendants()):
            yield el


def _match_lines(root: etree._Element, lines: list[str]) -> dict[int, etree._Element]:
    """Line index -> the page element whose text is that line (first unused in page order).

    When a wrapper and its only paragraph hold the same text (``blockquote > p``), the deeper one
    is kept: it is the paragraph. Linear in the page: candidates of a text are taken in order.
    """
    index: dict[str, deque[etree._Element]] = {}
    for el in _paragraph_elements(root):  # page order: a wrapper comes just before its paragraph
        t = _text(el)
        if not t:
            continue
        same = index.setdefault(t, deque())
        if same and same[-1] in el.iterancestors():
            same[-1] = el
        else:
            same.append(el)
    found: dict[int, etree._Element] = {}
    for i, line in enumerate(lines):
        same = index.get(norm(line))
        if same:
            found[i] = same.popleft()
    return found


def _anchor(matched: dict[int, etree._Element], lines: list[str]) -> etree._Element | None:
    """The deepest container (not a matched paragraph itself) holding ANCHOR_SHARE of the matched words."""
    weight: Counter = Counter()
    total = 0
    for i, el in matched.items():
        n = len(words(lines[i]))
        total += n
        for anc in el.iterancestors():
            weight[anc] += n
    own = set(matched.values())
    held = {a for a, w in weight.items() if total and w >= ANCHOR_SHARE * total and a not in own}
    # elements holding 90% of the words lie on one line of ancestors: the deepest is met first
    for el in matched.values():
        for anc in el.iterancestors():
            if anc in held:
                return anc
    return None


def _coverage(el: etree._Element, kept: Counter) -> float:
    """Share of ``el``'s words that the extraction kept (as a bag of words)."""
    bag = Counter(words(_text(el)))
    n = sum(bag.values())
    return sum(min(c, kept[w]) for w, c in bag.items()) / n if n else 0.0


def _path(el: etree._Element, top: etree._Element) -> tuple | None:
    """Tags and classes from ``top`` (exclusive) down to ``el``; the paragraph itself by tag only."""
    steps: list = [el.tag]
    for anc in el.iterancestors():
        if anc is top:
            return tuple(reversed(steps))
        steps.append((anc.tag, _classes(anc)))
    return None


def _chunk_paragraphs(chunk: etree._Element, shapes: set[tuple]) -> list[str]:
    """The paragraphs of a sibling chunk that sit where the extracted chunk's paragraphs sit.

    Walks no deeper than the deepest of those places, and not into a paragraph once taken.
    """
    deepest = max(len(s) for s in shapes)
    out: list[str] = []
    stack: list[tuple[etree._Element, tuple]] = [(c, ()) for c in reversed(chunk)]
    while stack:
        el, above = stack.pop()
        if not isinstance(el.tag, str):
            continue
        if above + (el.tag,) in shapes and (t := _text(el)):
            out.append(t)
            continue
        if len(above) + 1 < deepest:
            here = above + ((el.tag, _classes(el)),)
            stack.extend((c, here) for c in reversed(el))
    return out


def _find_chunks(anchor: etree._Element, kept: Counter) -> tuple[etree._Element, list[etree._Element]] | None:
    """The extracted chunk and its same-tag, same-class siblings, climbing at most MAX_CLIMB levels."""
    node = anchor
    for _ in range(MAX_CLIMB + 1):
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html"):
            return None
        cls = _classes(node)
        if cls:
            sibs = [c for c in parent if c is not node and c.tag == node.tag and _classes(c) == cls]
            if sibs:
                return node, sibs
        if _coverage(parent, kept) < CLIMB_COVERAGE:
            return None  # the parent holds text trafilatura left out on purpose: not one body
        node = parent
    return None


def add_sibling_chunks(root: etree._Element, extracted: str, clean: Callable[[str], str]) -> str | None:
    """``extracted`` with the paragraphs of its chunk's sibling chunks added in page order, or None.

    The sibling chunks' paragraphs go before the first / after the last extracted line of the
    chunk, as the siblings stand before / after it; a paragraph already in the text is not added
    again, and each sibling's text goes through ``clean`` (boilerplate lines).
    """
    lines = extracted.split("\n")
    matched = _match_lines(root, lines)
    n_words = sum(len(words(line)) for line in lines)
    if not matched or sum(len(words(lines[i])) for i in matched) < MIN_MATCHED_SHARE * n_words:
        return None
    anchor = _anchor(matched, lines)
    if anchor is None:
        return None
    kept = Counter(words(extracted))
    found = _find_chunks(anchor, kept)
    if found is None:
        return None
    chunk, siblings = found
    inside = sorted(i for i, el in matched.items() if chunk in el.iterancestors())
    if not inside:
        return None
    shapes = {_path(matched[i], chunk) for i in inside}
    seen = {norm(line) for line in lines}
    parent = chunk.getparent()
    at = parent.index(chunk)
    before: list[str] = []
    after: list[str] = []
    for sib in siblings:
        paras = [p for p in clean("\n".join(_chunk_paragraphs(sib, shapes))).split("\n") if p.strip()]
        new = [p for p in paras if norm(p) not in seen]
        seen.update(norm(p) for p in new)
        (before if parent.index(sib) < at else after).extend(new)
    if not before and not after:
        return None
    first, last = inside[0], inside[-1]
    return "\n".join(lines[:first] + before + lines[first:last + 1] + after + lines[last + 1:])


# --- rule (b): JSON-LD articleBody --------------------------------------------------------------

def _type_names(value: object) -> set[str]:
    """``"NewsArticle"``, ``"schema:NewsArticle"``, ``"https://schema.org/NewsArticle"``, or a list."""
    names = value if isinstance(value, list) else [value]
    return {re.split(r"[/:#]", n)[-1] for n in names if isinstance(n, str)}


def _walk(obj: object, depth: int = 0) -> Iterator[dict]:
    """Every JSON object in a JSON-LD document (``@graph``, lists, nested entities)."""
    if depth > _MAX_JSON_DEPTH:
        return
    if isinstance(obj, dict):
        yield obj
        for v in obj.values():
            if isinstance(v, (dict, list)):
                yield from _walk(v, depth + 1)
    elif isinstance(obj, list):
        for v in obj:
            yield from _walk(v, depth + 1)


def json_ld_bodies(root: etree._Element) -> Iterator[str]:
    """``articleBody`` strings of article-typed JSON-LD objects, in page order (bad JSON skipped)."""
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            doc = json.loads(script.text)
        except (ValueError, RecursionError):
            continue
        for obj in _walk(doc):
            body = obj.get("articleBody")
            if isinstance(body, str) and body.strip() and _type_names(obj.get("@type")) & ARTICLE_TYPES:
                yield body


def longer_and_containing(body: str, markup: str) -> bool:
    """A JSON-LD body replaces the markup's text only when it is longer and holds most of its words."""
    jw, mw = Counter(words(body)), Counter(words(markup))
    nj, nm = sum(jw.values()), sum(mw.values())
    if nj < max(nm * JSON_LD_GAIN, nm + JSON_LD_MIN_EXTRA):
        return False
    return nm == 0 or sum(min(c, jw[w]) for w, c in mw.items()) >= JSON_LD_CONTAINS * nm


def _html_paragraphs(body: str) -> list[str]:
    """Paragraphs of an articleBody written as HTML."""
    root = parse_tree(f"<html><body>{body}</body></html>")
    if root is None:
        return [body]
    etree.strip_elements(root, *_NOT_TEXT, with_tail=False)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    out: list[str] = []
    for el in _paragraph_elements(root):
        if not any(a.tag in _PARAGRAPH_TAGS for a in el.iterancestors()):
            out.extend(t for t in ("".join(el.itertext())).split("\n") if t.strip())
    return out or [norm("".join(root.itertext()))]


def split_paragraphs(body: str, markup_lines: list[str]) -> str:
    """A JSON-LD body as one paragraph per line.

    Line breaks in the body are kept as paragraph breaks; a body written as HTML is read as HTML;
    a body on one line is cut where the markup's own paragraphs begin and end, so the paragraphs
    the page shows keep their boundaries and the text they lack becomes paragraphs of its own.
    """
    body = html.unescape(body) if "&" in body else body
    if _HTML_IN_BODY.search(body):
        paras = _html_paragraphs(body)
    else:
        paras = [line for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n") if line.strip()]
    if len(paras) == 1 and markup_lines:
        paras = _cut_at(norm(paras[0]), [norm(m) for m in markup_lines if len(words(m)) >= 3])
    return "\n".join(norm(p) for p in paras)


def _cut_at(text: str, pieces: list[str]) -> list[str]:
    cuts = {0, len(text)}
    pos = 0
    for piece in pieces:
        at = text.find(piece, pos)
        if at >= 0:
            cuts.update((at, at + len(piece)))
            pos = at + len(piece)
    bounds = sorted(cuts)
    return [p for p in (text[a:b].strip() for a, b in zip(bounds, bounds[1:])) if p]
