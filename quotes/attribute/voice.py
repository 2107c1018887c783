"""The outlet's own voice is not a quotation.

"Wikinews has learned that ...", "The Times observed that ...": the publication reporting in its
own name is the narrator, not a source it quotes (gum-news conventions leave it out, and a user
citing who said what would not cite the paper for its own reporting). Reported speech whose
speaker is the article's outlet, named in the metadata or by the site's domain, is dropped
(rule ``attribute.drop.outlet-voice``). Direct quotations are kept: an outlet quoting its own
earlier editorial in marks is still quoting.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from quotes.types import Article

RULE = "attribute.drop.outlet-voice"
_GENERIC_LABELS = {"www", "en", "m", "news", "com", "org", "net", "co", "uk", "edition", "amp"}


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("the "))


def own_names(article: Article) -> frozenset[str]:
    """The outlet's names as squashed keys: its metadata name and its site's domain label
    ("en.wikinews.org" -> "wikinews")."""
    names = set()
    if article.outlet:
        names.add(_squash(article.outlet))
    host = urlsplit(article.url or "").hostname or ""
    labels = [x for x in host.split(".") if x and x not in _GENERIC_LABELS]
    if labels:
        names.add(_squash(labels[-1]))
    return frozenset(n for n in names if len(n) >= 3)


def is_outlet_voice(own: frozenset[str], quote_type: str, speaker: str | None) -> bool:
    """Reported (not direct) speech whose speaker is the outlet itself."""
    return quote_type != "direct" and bool(speaker) and _squash(speaker) in own
