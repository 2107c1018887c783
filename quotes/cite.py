"""Cite a quote: the words, who said them in what role and when, and the article they came from.

A quote is only as trustworthy as its source, so every format carries the article's title,
outlet, URL (or source path when there is none) and publication date next to the quote.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

FORMATS = ("text", "markdown", "bibtex", "csl-json")


def _s(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def date_parts(iso: str | None) -> list[int] | None:
    """"2021-01-29T06:29:00+05:30" -> [2021, 1, 29] (the local date as written); "2021-08" -> [2021, 8]."""
    m = re.match(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", iso or "")
    return [int(x) for x in m.groups() if x] if m else None


def said_on_text(said_on: str | None, precision: str | None) -> str | None:
    """Show the date only as precisely as it is known ("2021-01", "week of 2021-01-25")."""
    if not said_on:
        return None
    if precision == "year":
        return said_on[:4]
    if precision == "month":
        return said_on[:7]
    if precision == "week":
        return f"week of {said_on[:10]}"
    return said_on[:10]


def _quoted(q: Mapping) -> str:
    text = _s(q.get("text")) or ""
    if q.get("type") == "direct":
        return f"“{text}”"
    if q.get("type") == "indirect":
        return f"{text} (reported speech)"
    return text


def _who(q: Mapping) -> str:
    speaker = _s(q.get("speaker")) or "Unknown speaker"
    role = _s(q.get("role"))
    return f"{speaker}, {role}" if role else speaker


def _source_ref(a: Mapping) -> str | None:
    return _s(a.get("url")) or _s(a.get("source_path"))


def _text(q: Mapping, a: Mapping) -> str:
    said = said_on_text(_s(q.get("said_on")), _s(q.get("said_on_precision")))
    head = f"{_quoted(q)} — {_who(q)}" + (f" ({said})" if said else "")
    src = [x for x in (_s(a.get("title")), _s(a.get("outlet"))) if x]
    pub = _s(a.get("published_at"))
    if pub:
        src.append(f"published {pub[:10]}")
    ref = _source_ref(a)
    tail = ". ".join(x for x in (", ".join(src), ref) if x)
    return f"{head}. Source: {tail}" if tail else head


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def _markdown(q: Mapping, a: Mapping) -> str:
    said = said_on_text(_s(q.get("said_on")), _s(q.get("said_on_precision")))
    speaker = _md_escape(_s(q.get("speaker")) or "Unknown speaker")
    role = _s(q.get("role"))
    who = f"**{speaker}**" + (f", {_md_escape(role)}" if role else "") + (f" ({said})" if said else "")
    title = _md_escape(_s(a.get("title")) or _s(a.get("source_path")) or "Untitled article")
    url = _s(a.get("url"))
    link = f"[{title}](<{url}>)" if url else title
    parts = [link]
    if _s(a.get("outlet")):
        parts.append(f"*{_md_escape(_s(a.get('outlet')) or '')}*")
    if _s(a.get("published_at")):
        parts.append(f"published {(_s(a.get('published_at')) or '')[:10]}")
    if not url and _s(a.get("source_path")):
        parts.append(f"`{_s(a.get('source_path'))}`")
    quote = "\n".join("> " + line for line in _md_escape(_quoted(q)).splitlines() or [""])
    return f"{quote}\n>\n> — {who}\n\nSource: {', '.join(parts)}"


_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",  # not "\{": BibTeX counts braces even after a backslash
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_escape(text: str) -> str:
    """Escape LaTeX specials so a quote with braces or ``%`` cannot break the entry."""
    return "".join(_BIB_SPECIAL.get(c, c) for c in text)


def _url_safe(url: str) -> str:
    """URL fields are verbatim in biblatex: percent-encode only what could break the braces."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _bibkey(q: Mapping, a: Mapping) -> str:
    speaker = _s(q.get("speaker")) or "quote"
    last = re.sub(r"[^a-z0-9]", "", speaker.split()[-1].lower()) or "quote"
    parts = date_parts(_s(q.get("said_on")) or _s(a.get("published_at")))
    year = str(parts[0]) if parts else "nd"
    tail = re.sub(r"[^A-Za-z0-9]", "", str(q.get("quote_id") or ""))[-8:]
    return f"{last}{year}{('_' + tail) if tail else ''}"


def _bibtex(q: Mapping, a: Mapping) -> str:
    said = said_on_text(_s(q.get("said_on")), _s(q.get("said_on_precision")))
    note = f"{_quoted(q)} — {_who(q)}" + (f", said {said}" if said else "")
    fields: list[tuple[str, str | None]] = [
        ("title", _s(a.get("title")) or _s(a.get("source_path"))),
        ("journal", _s(a.get("outlet"))),
    ]
    pub = date_parts(_s(a.get("published_at")))
    if pub:
        fields.append(("year", str(pub[0])))
        fields.append(("date", "-".join(f"{x:02d}" if i else str(x) for i, x in enumerate(pub))))
    url = _s(a.get("url"))
    fields.append(("url", url))
    if not url:
        fields.append(("howpublished", _s(a.get("source_path"))))
    fields.append(("note", note))
    body = ",\n".join(f"  {k} = {{{_url_safe(v) if k == 'url' else bibtex_escape(v)}}}" for k, v in fields if v)
    return f"@article{{{_bibkey(q, a)},\n{body}\n}}"


def _csl(q: Mapping, a: Mapping) -> str:
    said = said_on_text(_s(q.get("said_on")), _s(q.get("said_on_precision")))
    item: dict[str, object] = {
        "id": str(q.get("quote_id") or _bibkey(q, a)),
        "type": "article-newspaper",
        "title": _s(a.get("title")) or _s(a.get("source_path")) or "Untitled article",
    }
    if _s(a.get("outlet")):
        item["container-title"] = _s(a.get("outlet"))
    if _s(a.get("url")):
        item["URL"] = _s(a.get("url"))
    elif _s(a.get("source_path")):
        item["archive_location"] = _s(a.get("source_path"))
    pub = date_parts(_s(a.get("published_at")))
    if pub:
        item["issued"] = {"date-parts": [pub]}
    item["abstract"] = _s(q.get("text")) or ""
    item["note"] = f"{_quoted(q)} — {_who(q)}" + (f", said {said}" if said else "")
    return json.dumps(item, ensure_ascii=False, indent=2)


def cite(quote_row: Mapping, article_row: Mapping, fmt: str = "text") -> str:
    """Citation of one quote in ``fmt``: "text", "markdown", "bibtex" or "csl-json" (one CSL item)."""
    render = {"text": _text, "markdown": _markdown, "bibtex": _bibtex, "csl-json": _csl}.get(fmt)
    if render is None:
        raise ValueError(f"unknown citation format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return render(quote_row, article_row)
