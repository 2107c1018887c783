from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _shared() -> Path:
    """$QUOTES_SHARED, else the nearest ``shared`` folder above the repository (beside it, or beside
    the folder of worktrees, so a worktree in /work/wt/NAME finds /work/shared)."""
    import os

    if os.environ.get("QUOTES_SHARED"):
        return Path(os.environ["QUOTES_SHARED"])
    return next((p / "shared" for p in ROOT.parents if (p / "shared").is_dir()), ROOT.parent / "shared")


SHARED = _shared()


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a reason when that data is not present."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not available (the read-only ../shared data sits beside the repository)")
    return p


@pytest.fixture(scope="session")
def nlp():
    """The embedded Stanza pipeline, loaded once for the whole test session."""
    from quotes.nlp.pipeline import get_pipeline

    pipe, info = get_pipeline("embedded")
    return pipe, info


@pytest.fixture(scope="session")
def parse(nlp):
    from quotes.nlp.pipeline import parse_text

    pipe, info = nlp
    cache: dict[str, object] = {}

    def _parse(text: str):
        if text not in cache:
            cache[text] = parse_text(pipe, text, info.model_id)
        return cache[text]

    return _parse


@pytest.fixture(scope="session")
def quotes_of(parse):
    """Extract and attribute the quotes of a hand-written article."""
    from quotes.build import quotes_for
    from quotes.ids import stable_id
    from quotes.types import Article

    def _quotes(text: str, published: str | None = None):
        art = Article(article_id=stable_id("a", text), source_id="t", source_path="t.txt", text=text,
                      text_sha256="", published_at=published, published_precision="day" if published else None)
        return quotes_for(art, parse(text))

    return _quotes


@pytest.fixture(scope="session")
def quotes_of_article(parse):
    """Extract and attribute the quotes of an ingested Article."""
    from quotes.build import quotes_for

    return lambda article: quotes_for(article, parse(article.text))
