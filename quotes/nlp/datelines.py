"""Paragraph-opening datelines ("WASHINGTON (AP) —") set apart from the sentence they lead.

A weak parser reads "WASHINGTON -- President Obama ... said" with the place as the subject of
"said". Replacing the dash by a paragraph break of the same length keeps every character offset
valid while Stanza's tokenizer makes the dateline a sentence of its own.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    data = tomllib.loads(resources.files("quotes.data").joinpath("datelines.toml").read_text(encoding="utf-8"))
    return re.compile(data["pattern"], re.MULTILINE)


def separate_datelines(text: str) -> str:
    """The text with each dateline's dash turned into a same-length break ("\\n\\n" or ".")."""
    out = list(text)
    for m in _pattern().finditer(text):
        start, end = m.span("dash")
        width = end - start
        out[start:end] = list("." if width == 1 else "\n\n" + " " * (width - 2))
    return "".join(out)
