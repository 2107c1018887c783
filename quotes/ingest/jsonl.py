"""JSONL input, streamed: one article object per line, already clean.

Text is stored verbatim (the producer chose it, and offsets must match it). The file is read one
line at a time and never held whole, so a 10 GB dump streams in constant memory; each non-blank
line becomes one :class:`InputRecord` (an article, or an error naming the line), and a bad line
never stops the lines after it. Blank lines are not input units and yield nothing.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from quotes.ingest.dates import parse_date
from quotes.ingest.decode import guess_decode, sniff_utf16
from quotes.ingest.lexicon import load_lexicon
from quotes.ingest.limits import MAX_ARTICLE_CHARS, MAX_LINE_BYTES, SKIP_CHUNK_BYTES
from quotes.ingest.records import InputRecord, check_text, make_article
from quotes.types import IngestError

_BOM_TEXT_ENCODINGS = (  # longest first: the UTF-32 LE BOM starts like the UTF-16 LE one
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
)  # fmt: skip
_SNIFF_BYTES = 4096
_MESSAGE_VALUE_CHARS = 80  # how much of a bad value an error message quotes
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # \ud800-\udfff written in the JSON
_SURROGATE = re.compile("[\ud800-\udfff]")
_FIELDS = ("id", "text", "title", "url", "published", "outlet")
TEXT_SOURCE = "jsonl"  # Article.text_source: the line's own "text", stored verbatim


def _str(obj: dict, key: str) -> str | None:
    value = obj.get(key)
    return (value.strip() or None) if isinstance(value, str) else None


def _short(value: str) -> str:
    return repr(value if len(value) <= _MESSAGE_VALUE_CHARS else value[:_MESSAGE_VALUE_CHARS] + "...")


def _peekable(stream: BinaryIO) -> BinaryIO:
    return stream if hasattr(stream, "peek") else io.BufferedReader(stream)  # type: ignore[arg-type]


def _wide_encoding(head: bytes) -> tuple[str, bool] | None:
    """(encoding, has_bom) for UTF-16/32 input, which cannot be split into lines as bytes."""
    for bom, encoding in _BOM_TEXT_ENCODINGS:
        if head.startswith(bom):
            return encoding, True
    sniffed = sniff_utf16(head)
    return (sniffed, False) if sniffed else None


def _split_cr(line: str | bytes) -> list:
    """A lone CR is a line break too (old Mac files), as when the whole text was normalized."""
    cr = "\r" if isinstance(line, str) else b"\r"
    if line.endswith(cr):
        line = line[:-1]
    return line.split(cr) if cr in line else [line]


def _lines(stream, limit: int) -> Iterator[tuple[int, str | bytes | None, int]]:
    """``(line number, content, length)`` per line; content is None for a line over ``limit``
    (bytes for a binary stream, characters for a text one), which is read past in chunks."""
    lineno = 0
    nl = "\n" if isinstance(stream, io.TextIOBase) else b"\n"
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        ended = raw.endswith(nl)
        content = raw[:-1] if ended else raw
        length = len(content)
        lineno += 1
        if length > limit:
            while not ended:
                chunk = stream.readline(SKIP_CHUNK_BYTES)
                if not chunk:
                    break
                ended = chunk.endswith(nl)
                length += len(chunk) - ended
            yield lineno, None, length
            continue
        for i, piece in enumerate(_split_cr(content)):
            lineno += i > 0
            yield lineno, piece, len(piece)


class _LineDecoder:
    """UTF-8 per line; a line that is not is decoded like a legacy-encoded file (charset guess,
    reported as a repair), and the guess is reused for later such lines of the same file."""

    def __init__(self) -> None:
        self.encoding: str | None = None

    def __call__(self, data: bytes, first: bool) -> tuple[str | None, str | None]:
        try:
            return data.decode("utf-8-sig" if first else "utf-8"), None
        except UnicodeDecodeError as exc:
            if self.encoding is None:
                guessed = guess_decode(data)
                if guessed is None:
                    return None, f"not text in any known encoding ({exc.reason})"
                self.encoding = guessed[1]
            return data.decode(self.encoding, errors="replace"), \
                f"not valid UTF-8 (byte {exc.start}); decoded as {self.encoding}"


def iter_jsonl(stream: BinaryIO, *, input_path: str, stem: str, article_path: str | None = None,
               max_line_bytes: int = MAX_LINE_BYTES,
               max_chars: int = MAX_ARTICLE_CHARS) -> Iterator[InputRecord]:
    """Stream ``{"id", "text", "title"?, "url"?, "published"?, "outlet"?}`` lines as records.

    ``source_id`` is ``id`` (else ``<stem>:<line no>``); articles keep ``article_path`` (default
    ``input_path``) as their ``source_path``, records and errors name ``<input_path>:<line>``.
    Error kinds: "json" (not a JSON object, or nested too deep), "missing_text" (no non-empty string
    "text", or no letter in it), "too_large" (line over ``max_line_bytes``, text over ``max_chars``),
    "binary" (undecodable line); "decode" and "date" are repairs of a kept article.
    """
    wide: tuple[str, bool] | None = None
    note = None
    if isinstance(stream, io.TextIOBase):  # already text (a stdin without .buffer)
        lines = _lines(stream, max_line_bytes)
    else:
        stream = _peekable(stream)
        wide = _wide_encoding(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
    if wide is not None:
        # UTF-16/32: newline bytes are not b"\n"; decode the stream, count the limit in characters
        reader = io.TextIOWrapper(stream, encoding=wide[0], errors="replace", newline="\n")  # type: ignore[arg-type]
        lines = _lines(reader, max_line_bytes // 2)
        note = None if wide[1] else f"UTF-16 without a BOM; decoded as {wide[0]}"
    elif not isinstance(stream, io.TextIOBase):
        lines = _lines(stream, max_line_bytes)
    decode = _LineDecoder()
    lex = load_lexicon()
    for lineno, content, length in lines:
        where = f"{input_path}:{lineno}"

        def record(article=None, *errors: IngestError) -> InputRecord:
            return InputRecord(where, input_path, lineno, article, errors)

        if content is None:
            unit = "characters" if wide else "bytes"
            yield record(None, IngestError(where, "too_large",
                                           f"line {lineno}: {length} {unit} > MAX_LINE_BYTES={max_line_bytes}"))
            continue
        repairs: list[IngestError] = []
        if isinstance(content, bytes):
            text, problem = decode(content, lineno == 1)
            if text is None:
                yield record(None, IngestError(where, "binary", f"line {lineno}: {problem}"))
                continue
            if problem:
                repairs.append(IngestError(where, "decode", f"line {lineno}: {problem}", skipped=False))
        else:
            text = content.lstrip("\ufeff") if lineno == 1 else content
            if note:
                repairs.append(IngestError(where, "decode", f"line {lineno}: {note}", skipped=False))
        if not text.strip():
            continue
        yield _parse_line(text, lineno=lineno, where=where, record=record, repairs=repairs, stem=stem,
                          article_path=article_path or input_path, max_chars=max_chars, lex=lex)


def _replace_surrogates(obj: dict) -> bool:
    """Replace lone surrogates ("\\ud800" in JSON: no character, and no UTF-8 writer takes them) in
    the fields read, one for one with U+FFFD so offsets into the text stay valid."""
    changed = False
    for key in _FIELDS:
        value = obj.get(key)
        if isinstance(value, str) and _SURROGATE.search(value):
            obj[key] = _SURROGATE.sub("\ufffd", value)
            changed = True
    return changed


def _parse_line(text: str, *, lineno: int, where: str, record, repairs: list[IngestError], stem: str,
                article_path: str, max_chars: int, lex) -> InputRecord:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return record(None, IngestError(where, "json", f"line {lineno}: {exc.msg} (column {exc.colno})"))
    except (ValueError, RecursionError) as exc:  # an integer of 5,000 digits, [[[[... nested too deep
        return record(None, IngestError(where, "json", f"line {lineno}: {type(exc).__name__}: {str(exc)[:80]}"))
    if not isinstance(obj, dict):
        kind = "null" if obj is None else type(obj).__name__
        return record(None, IngestError(where, "json", f"line {lineno}: expected an object, got {kind}"))
    if _SURROGATE_ESCAPE.search(text) and _replace_surrogates(obj):
        message = f"line {lineno}: lone UTF-16 surrogate escapes replaced with U+FFFD"
        repairs.append(IngestError(where, "decode", message, skipped=False))
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        got = "" if body is None else f" (got {type(body).__name__})"
        return record(None, IngestError(where, "missing_text", f"line {lineno}: no text{got}"))
    refused = check_text(body, where, max_chars, where=f"line {lineno}: ")
    if refused is not None:
        return record(None, refused)
    raw_id = obj.get("id")
    ok_id = isinstance(raw_id, (str, int)) and not isinstance(raw_id, bool) and str(raw_id).strip()
    published_raw = _str(obj, "published")
    published = parse_date(published_raw) if published_raw else None
    if published_raw and published is None:
        message = f"line {lineno}: unparseable published {_short(published_raw)}; kept without a date"
        repairs.append(IngestError(where, "date", message, skipped=False))
    url = _str(obj, "url")
    article = make_article(
        body,
        source_id=str(raw_id).strip() if ok_id else f"{stem}:{lineno}",
        source_path=article_path,
        title=_str(obj, "title"),
        url=url,
        outlet=_str(obj, "outlet") or lex.outlet_for_url(url),
        published=published,
        text_source=TEXT_SOURCE,
    )
    return record(article, *repairs)
