"""Synthetic news pages with known bodies, for ``bench_html.py --demo`` (no crawled pages ship here).

Each page is one of the layouts that decide whether a body comes through whole: a plain
``<article>``, a body cut into sibling chunks with ads and "related" boxes between (uneven and even
chunk sizes, bare or wrapped, several class spellings), a paywalled markup with the full body in
JSON-LD (with and without line breaks), a JSON-LD teaser over a full markup, and an article with
figures, pull quotes and inline promos. Text is made from templates of news sentences with
invented names, so words repeat the way they do in real reporting. Scores on these pages are
synthetic: they show a regression, not how real pages fare.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

PEOPLE = ["Ines Okafor", "Tomas Reyes", "Marta Lindqvist", "Daniel Achebe", "Priya Natarajan", "Lukas Brandt",
          "Amara Diallo", "Sofia Marquez", "Kenji Watanabe", "Helen Osei"]
ROLES = ["the harbour master", "a local fisherman", "the council leader", "the transport minister",
         "a spokesperson for the port authority", "the mayor", "an economist at the regional bank",
         "the head of the nurses' union"]
PLACES = ["the harbour", "the outer islands", "the old mill district", "the river valley", "the capital",
          "the northern coast"]
THINGS = ["the new ferry service", "the dredging contract", "the water rate increase", "the hospital plan",
          "the budget", "the school closures", "the bridge repairs", "the housing scheme"]
VERBS = ["said", "told reporters", "said on Tuesday", "added", "warned", "said in a statement"]
CLAIMS = ["would cost far more than the council had promised", "was the only way to keep the town alive",
          "had been delayed for too long", "would be finished before the winter", "could not go ahead without more money",
          "was a first step and not the end of the matter", "had divided families across the region"]
FACTS = ["The plan was approved by {n} votes to {m} after a debate that lasted most of the night.",
         "About {n} residents attended the meeting in {place}, many of them standing at the back of the hall.",
         "Officials said the work on {thing} would take {n} months and employ {m} people.",
         "The council has spent {n} million on {thing} since the project began {m} years ago.",
         "Critics say {thing} favours {place} over the rest of the region.",
         "Figures published last week show that {n} percent of households in {place} rely on the service.",
         "The decision follows {n} years of campaigning by residents of {place}."]


def _sentence(rng: random.Random) -> str:
    kind = rng.random()
    who, role = rng.choice(PEOPLE), rng.choice(ROLES)
    if kind < 0.3:
        return f"\u201c{rng.choice(THINGS).capitalize()} {rng.choice(CLAIMS)},\u201d {who}, {role}, {rng.choice(VERBS)}."
    if kind < 0.5:
        return f"{who}, {role}, {rng.choice(VERBS)} that {rng.choice(THINGS)} {rng.choice(CLAIMS)}."
    return rng.choice(FACTS).format(n=rng.randint(2, 90), m=rng.randint(2, 40), place=rng.choice(PLACES),
                                    thing=rng.choice(THINGS))


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    return [" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def _p(paras: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paras)


_AD = '<div class="{c}"><p>Advertisement</p><p>Subscribe now for unlimited access to every story.</p></div>'
_RELATED = ('<aside class="{c}"><h3>Related stories</h3><ul><li><a href="/x">Council to review ferry fares '
            'after complaints</a></li><li><a href="/y">Harbour works to start in spring</a></li></ul></aside>')
_CHUNK_CLASSES = ["article-body__text", "body__container article__body", "story-body-chunk article-body",
                  "articleBody-part"]


def _page(title: str, body: str, ld: str = "") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title} | The Coastal Times</title>'
            f'<meta property="og:site_name" content="The Coastal Times">{ld}</head><body>'
            '<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>'
            '<li><a href="/sport">Sport</a></li></ul></nav></header>'
            f"<main>{body}</main><footer><p>Copyright 2024 The Coastal Times. All rights reserved.</p>"
            '<p><a href="/privacy">Privacy</a> | <a href="/terms">Terms</a></p></footer></body></html>')


def _ld(body: str, kind: str = "NewsArticle") -> str:
    doc = {"@context": "https://schema.org", "@graph": [{"@type": "WebSite", "name": "The Coastal Times"},
                                                        {"@type": kind, "headline": "x", "articleBody": body}]}
    return f'<script type="application/ld+json">{json.dumps(doc)}</script>'


def make_page(rng: random.Random, layout: str) -> tuple[str, list[str]]:
    """(html, gold paragraphs) for one page of ``layout``."""
    title = f"{rng.choice(THINGS).capitalize()} divides {rng.choice(PLACES)}"
    head = f"<h1>{title}</h1>"
    if layout == "plain":
        paras = _paragraphs(rng, rng.randint(5, 14))
        return _page(title, f'<article>{head}<div class="entry-content">{_p(paras)}</div></article>'), paras
    if layout in ("chunks", "chunks-even", "chunks-wrapped"):
        sizes = [4] * rng.randint(3, 5) if layout == "chunks-even" else \
            [rng.randint(5, 9)] + [rng.randint(1, 3) for _ in range(rng.randint(1, 4))]
        chunks = [_paragraphs(rng, n) for n in sizes]
        cls = rng.choice(_CHUNK_CLASSES)
        parts = []
        for i, c in enumerate(chunks):
            block = f'<div class="{cls}">{_p(c)}</div>'
            parts.append(f'<section class="chunk-wrap">{block}</section>' if layout == "chunks-wrapped" else block)
            if i < len(chunks) - 1:
                parts.append(rng.choice([_AD.format(c="ad-slot"), _RELATED.format(c="related")]))
        body = f'<article>{head}<div class="article__chunks">{"".join(parts)}</div></article>'
        return _page(title, body), [p for c in chunks for p in c]
    if layout in ("json-ld", "json-ld-one-line"):
        paras = _paragraphs(rng, rng.randint(6, 12))
        shown = rng.randint(1, 3)
        sep = "\n\n" if layout == "json-ld" else " "
        body = (f'<article>{head}<div class="article-body">{_p(paras[:shown])}<div class="paywall">'
                "<p>Subscribe to continue reading.</p><p>Already a subscriber? Sign in</p></div></div></article>")
        return _page(title, body, _ld(sep.join(paras), rng.choice(["NewsArticle", "Article", "ReportageNewsArticle"]))), paras
    if layout == "teaser":
        paras = _paragraphs(rng, rng.randint(5, 10))
        body = f'<article>{head}<div class="article-body">{_p(paras)}</div></article>'
        return _page(title, body, _ld(paras[0][:120] + "\u2026")), paras
    if layout == "figures":
        paras = _paragraphs(rng, rng.randint(6, 12))
        html = []
        for i, p in enumerate(paras):
            html.append(f"<p>{p}</p>")
            if i == 1:
                html.append('<figure><img src="a.jpg" alt="The harbour"><figcaption>The harbour at dawn. '
                            "Photo: Coastal Times</figcaption></figure>")
            if i == 3:
                html.append('<div class="inline-promo"><p>Read more: Harbour works to start in spring</p></div>')
        return _page(title, f'<article>{head}<div class="story-content">{"".join(html)}</div></article>'), paras
    raise ValueError(layout)


LAYOUTS = ("plain", "chunks", "chunks-even", "chunks-wrapped", "json-ld", "json-ld-one-line", "teaser", "figures")


def write_demo(folder: Path, n: int, seed: int = 25) -> Path:
    """Write ``n`` pages (layouts in turn) and ``gold.jsonl`` into ``folder``; returns the gold path."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    gold = folder / "gold.jsonl"
    with gold.open("w", encoding="utf-8") as g:
        for i in range(n):
            layout = LAYOUTS[i % len(LAYOUTS)]
            page, paras = make_page(rng, layout)
            pid = f"{i:03d}-{layout}"
            (folder / f"{pid}.html").write_text(page, encoding="utf-8")
            g.write(json.dumps({"id": pid, "text": "\n".join(paras)}, ensure_ascii=False) + "\n")
    return gold
