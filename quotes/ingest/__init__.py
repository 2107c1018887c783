"""Ingest stage: files, folders or stdin -> cleaned :class:`Article` records + :class:`IngestError`s.

Bad input never raises: every skipped or repaired file is returned as an IngestError so the
manifest can say what was left out and why.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import BinaryIO

from quotes.ingest.decode import decode_bytes
from quotes.ingest.dates import find_published, parse_date
from quotes.ingest.html import parse_html
from quotes.ingest.jsonl import parse_jsonl
from quotes.ingest.records import make_article
from quotes.ingest.text import clean_text, infer_outlet
from quotes.types import Article, IngestError

__all__ = [
    "read_inputs",
    "read_file",
    "read_stream",
    "parse_text",
    "clean_text",
    "parse_date",
    "find_published",
    "SUFFIXES",
]

SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
DEFAULT_MAX_BYTES = 20_000_000

Result = tuple[list[Article], list[IngestError]]


def parse_text(raw: str, *, source_id: str, source_path: str) -> Result:
    """A plain-text scraped dump -> one Article (boilerplate removed, title/date/outlet found)."""
    cleaned = clean_text(raw)
    if not cleaned.text.strip():
        return [], [IngestError(source_path, "empty", "nothing left after removing boilerplate")]
    article = make_article(
        cleaned.text,
        source_id=source_id,
        source_path=source_path,
        title=cleaned.title,
        outlet=infer_outlet(cleaned.dropped_lines()),
        published=find_published(cleaned.lines),
    )
    return [article], []


def _parse(kind: str, data: bytes, path: Path, source_path: str) -> Result:
    text, errors = decode_bytes(data, source_path)
    if text is None:
        return [], errors
    if kind == "jsonl":
        articles, more = parse_jsonl(text, source_path=source_path, stem=path.stem)
        return articles, errors + more
    if kind == "html":
        article, more = parse_html(text, source_id=path.stem, source_path=source_path)
        return ([article] if article else []), errors + more
    articles, more = parse_text(text, source_id=path.stem, source_path=source_path)
    return articles, errors + more


def read_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Result:
    """Read one file, choosing the reader by extension (unknown -> "unsupported" error)."""
    path = Path(path)
    source_path = str(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        return [], [IngestError(source_path, "unsupported", f"unsupported extension {path.suffix or '(none)'!r}")]
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return [], [IngestError(source_path, "too_large", f"{size} bytes > max_bytes={max_bytes}")]
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return [], [IngestError(source_path, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")]
    if len(data) > max_bytes:  # grew while we looked, or a special file
        return [], [IngestError(source_path, "too_large", f"more than max_bytes={max_bytes} bytes")]
    return _parse(kind, data, path, source_path)


def read_stream(stream: BinaryIO, *, name: str = "-", max_bytes: int = DEFAULT_MAX_BYTES) -> Result:
    """JSONL from a binary stream (stdin); ``source_id`` falls back to ``stdin:<line no>``."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        return [], [IngestError(name, "unreadable", f"{type(exc).__name__}: {exc}")]
    if isinstance(data, str):  # a text stream without .buffer
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        return [], [IngestError(name, "too_large", f"more than max_bytes={max_bytes} bytes")]
    return _parse("jsonl", data, Path("stdin.jsonl"), name)


def _walk(folder: Path, errors: list[IngestError]) -> list[Path]:
    """Supported files under ``folder``, recursively, hidden entries skipped, sorted by path."""
    found: list[Path] = []

    def onerror(exc: OSError) -> None:
        errors.append(IngestError(str(exc.filename or folder), "unreadable", f"{type(exc).__name__}: {exc.strerror}"))

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            p = Path(root, name)
            if not name.startswith(".") and p.suffix.lower() in SUFFIXES:
                found.append(p)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def read_inputs(paths: list[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Result:
    """Read files, folders (recursive) and ``"-"`` (JSONL on stdin) into articles and errors.

    Order is deterministic: arguments in the order given, each folder's files sorted by relative
    path; a file reached twice is read once. Unknown extensions are ignored inside folders and
    reported ("unsupported") when named explicitly. Never raises for bad input.
    """
    articles: list[Article] = []
    errors: list[IngestError] = []
    seen: set[str] = set()

    def take(result: Result) -> None:
        articles.extend(result[0])
        errors.extend(result[1])

    for item in paths:
        if str(item) == "-":
            stdin = getattr(sys.stdin, "buffer", sys.stdin)
            take(read_stream(stdin, max_bytes=max_bytes))
            continue
        path = Path(item)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            errors.append(IngestError(str(path), "unreadable", f"{type(exc).__name__}: {exc}"))
            continue
        if not exists:
            errors.append(IngestError(str(path), "unreadable", "no such file or directory"))
            continue
        for file in _walk(path, errors) if is_dir else [path]:
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                take(read_file(file, max_bytes=max_bytes))
    return articles, errors
