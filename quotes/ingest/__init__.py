"""Ingest stage: files, folders or stdin -> a stream of :class:`InputRecord`s (article or error).

Bad input never raises: every skipped or repaired input unit comes with an IngestError so the
manifest can say what was left out and why. :func:`iter_inputs` is lazy and holds one input
unit at a time (one file, or one JSONL line), so a build can stream a corpus of any size; the
cost of one unit is bounded by the limits in :mod:`quotes.ingest.limits`.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from quotes.ingest.dates import find_published, parse_date
from quotes.ingest.decode import decode_bytes
from quotes.ingest.html import parse_html
from quotes.ingest.jsonl import iter_jsonl
from quotes.ingest.limits import MAX_ARTICLE_CHARS, MAX_FILE_BYTES, MAX_LINE_BYTES
from quotes.ingest.records import InputRecord, check_text, make_article
from quotes.ingest.text import clean_text, infer_outlet
from quotes.types import Article, IngestError

__all__ = [
    "InputRecord",
    "iter_inputs",
    "read_inputs",
    "read_file",
    "read_stream",
    "parse_text",
    "clean_text",
    "parse_date",
    "find_published",
    "SUFFIXES",
    "DEFAULT_MAX_BYTES",
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
DEFAULT_MAX_BYTES = MAX_FILE_BYTES  # the name read_inputs has always used
TEXT_SOURCE = "text"  # Article.text_source of a plain-text file (JSONL: quotes.ingest.jsonl.TEXT_SOURCE)

Result = tuple[list[Article], list[IngestError]]


def parse_text(raw: str, *, source_id: str, source_path: str, max_chars: int = MAX_ARTICLE_CHARS) -> Result:
    """A plain-text scraped dump -> one Article (boilerplate removed, title/date/outlet found)."""
    cleaned = clean_text(raw)
    if not cleaned.text.strip():
        return [], [IngestError(source_path, "empty", "nothing left after removing boilerplate")]
    refused = check_text(cleaned.text, source_path, max_chars)
    if refused is not None:
        return [], [refused]
    article = make_article(
        cleaned.text,
        source_id=source_id,
        source_path=source_path,
        title=cleaned.title,
        outlet=infer_outlet(cleaned.dropped_lines()),
        published=find_published(cleaned.lines),
        text_source=TEXT_SOURCE,
    )
    return [article], []


def display_name(name: str | os.PathLike) -> str:
    """A path as valid Unicode text: a file name with bytes that are not UTF-8 (decoded by Python as
    lone surrogates, which Parquet and JSON writers refuse) keeps them as ``\\xff`` escapes."""
    return str(name).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _parse_whole(kind: str, data: bytes, path: Path, source_path: str, max_chars: int) -> Result:
    text, errors = decode_bytes(data, source_path)
    if text is None:
        return [], errors
    stem = display_name(path.stem)
    if kind == "html":
        article, more = parse_html(text, source_id=stem, source_path=source_path)
        if article is not None and (refused := check_text(article.text, source_path, max_chars)):
            return [], errors + [refused]
        return ([article] if article else []), errors + more
    articles, more = parse_text(text, source_id=stem, source_path=source_path, max_chars=max_chars)
    return articles, errors + more


def _file_record(source_path: str, result: Result) -> InputRecord:
    articles, errors = result
    return InputRecord(source_path, source_path, None, articles[0] if articles else None, tuple(errors))


def _error_record(source_path: str, kind: str, message: str) -> InputRecord:
    return InputRecord(source_path, source_path, None, None, (IngestError(source_path, kind, message),))


def _open_regular(path: Path) -> tuple[BinaryIO | None, int, InputRecord | None]:
    """Open a regular file for reading, or say why not: never blocks on a FIFO, never reads a device."""
    source_path = display_name(path)
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        reason = "dangling symbolic link" if path.is_symlink() and not path.exists() else (exc.strerror or str(exc))
        return None, 0, _error_record(source_path, "unreadable", f"{type(exc).__name__}: {reason}")
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device or other special file"
            os.close(fd)
            return None, 0, _error_record(source_path, "unreadable", f"not a regular file ({what})")
        return os.fdopen(fd, "rb"), st.st_size, None
    except OSError as exc:
        os.close(fd)
        return None, 0, _error_record(source_path, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")


def iter_file(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES, max_line_bytes: int = MAX_LINE_BYTES,
              max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[InputRecord]:
    """Records of one file: one for a .txt/.html/unsupported/unreadable file, one per JSONL line
    (or one for the whole JSONL file when it holds no line, or cannot be read)."""
    path = Path(path)
    source_path = display_name(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        yield _error_record(source_path, "unsupported", f"unsupported extension {path.suffix or '(none)'!r}")
        return
    fh, size, refused = _open_regular(path)
    if fh is None:
        yield refused  # type: ignore[misc]
        return
    with fh:
        if kind == "jsonl":
            any_line = False
            try:
                for rec in iter_jsonl(fh, input_path=source_path, stem=display_name(path.stem),
                                      max_line_bytes=max_line_bytes,
                                      max_chars=max_chars):
                    any_line = True
                    yield rec
            except OSError as exc:  # the disk went away mid-file: the lines read so far stand
                yield _error_record(source_path, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
                return
            if not any_line:
                yield _error_record(source_path, "empty", "file is empty or only whitespace")
            return
        if size > max_bytes:
            yield _error_record(source_path, "too_large", f"{size} bytes > MAX_FILE_BYTES={max_bytes}")
            return
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            yield _error_record(source_path, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}")
            return
    if len(data) > max_bytes:  # grew while we looked
        yield _error_record(source_path, "too_large", f"more than MAX_FILE_BYTES={max_bytes} bytes")
        return
    yield _file_record(source_path, _parse_whole(kind, data, path, source_path, max_chars))


def iter_stream(stream: BinaryIO, *, name: str = "-", max_line_bytes: int = MAX_LINE_BYTES,
                max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[InputRecord]:
    """JSONL records from a stream (stdin), line by line; ``source_id`` falls back to ``stdin:<line no>``."""
    any_line = False
    try:
        for rec in iter_jsonl(stream, input_path=name, stem="stdin", max_line_bytes=max_line_bytes,
                              max_chars=max_chars):
            any_line = True
            yield rec
    except OSError as exc:
        yield _error_record(name, "unreadable", f"{type(exc).__name__}: {exc}")
        return
    if not any_line:
        yield _error_record(name, "empty", "no JSONL line on the stream")


def _walk(folder: Path) -> tuple[list[Path], list[InputRecord]]:
    """Supported files under ``folder``, recursively, hidden entries skipped, sorted by path;
    plus a record for each directory that could not be listed."""
    found: list[Path] = []
    errors: list[InputRecord] = []

    def onerror(exc: OSError) -> None:
        where = display_name(exc.filename or folder)
        errors.append(_error_record(where, "unreadable", f"{type(exc).__name__}: {exc.strerror}"))

    for root, dirs, files in os.walk(folder, onerror=onerror):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            p = Path(root, name)
            if not name.startswith(".") and p.suffix.lower() in SUFFIXES:
                found.append(p)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix()), errors


def iter_inputs(paths: Iterable[str | Path], *, max_bytes: int = MAX_FILE_BYTES,
                max_line_bytes: int = MAX_LINE_BYTES, max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[InputRecord]:
    """One :class:`InputRecord` per input unit of files, folders (recursive) and ``"-"`` (stdin JSONL).

    Lazy: a record is made when it is asked for, and only the folder listings (paths) and the set
    of files already read are kept. Order is deterministic: arguments in the order given, each
    folder's files sorted by relative path, a JSONL file's lines in order; a file reached twice is
    read once. Unknown extensions are ignored inside folders and reported ("unsupported") when
    named explicitly. Never raises for bad input.
    """
    seen: set[str] = set()
    limits = {"max_line_bytes": max_line_bytes, "max_chars": max_chars}
    for item in paths:
        if str(item) == "-":
            yield from iter_stream(getattr(sys.stdin, "buffer", sys.stdin), **limits)
            continue
        path = Path(item)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield _error_record(display_name(path), "unreadable", f"{type(exc).__name__}: {display_name(exc)}")
            continue
        if not exists:
            dangling = path.is_symlink()
            yield _error_record(display_name(path), "unreadable",
                                "dangling symbolic link" if dangling else "no such file or directory")
            continue
        if is_dir:
            files, walk_errors = _walk(path)
            yield from walk_errors
        else:
            files = [path]
        for file in files:
            key = os.path.realpath(file)
            if key not in seen:
                seen.add(key)
                yield from iter_file(file, max_bytes=max_bytes, **limits)


def _collect(records: Iterable[InputRecord]) -> Result:
    articles: list[Article] = []
    errors: list[IngestError] = []
    for rec in records:
        if rec.article is not None:
            articles.append(rec.article)
        errors.extend(rec.errors)
    return articles, errors


def read_file(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> Result:
    """Read one file, choosing the reader by extension (unknown -> "unsupported" error)."""
    return _collect(iter_file(path, max_bytes=max_bytes))


def read_stream(stream: BinaryIO, *, name: str = "-", max_bytes: int = MAX_LINE_BYTES) -> Result:
    """JSONL from a binary stream (stdin); ``max_bytes`` bounds each line."""
    return _collect(iter_stream(stream, name=name, max_line_bytes=max_bytes))


def read_inputs(paths: list[str | Path], *, max_bytes: int = MAX_FILE_BYTES) -> Result:
    """All of :func:`iter_inputs` as ``(articles, errors)`` lists, in its order (holds the corpus)."""
    return _collect(iter_inputs(paths, max_bytes=max_bytes))
