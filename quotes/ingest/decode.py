"""Bytes -> str for every input kind, without ever raising.

Scraped dumps come in odd encodings; a wrong guess would corrupt names and quotes, so anything
that is not clean UTF-8 is decoded by charset-normalizer and reported (``skipped=False``).
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from quotes.types import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings a web page can declare (WHATWG Encoding Standard), as Python codec names.
# DOS and most Mac code pages are left out: they are rare in scrapes yet often "win" on short text.
_WEB_ENCODINGS = (
    "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u",
    "cp866", "mac_cyrillic", "iso8859_5", "cp1253", "iso8859_7", "cp1254", "iso8859_9",
    "cp1255", "iso8859_8", "cp1256", "iso8859_6", "cp1257", "iso8859_13", "cp1258", "cp874",
    "iso8859_3", "iso8859_4", "iso8859_10", "iso8859_14", "iso8859_16", "mac_roman",
    "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
)  # fmt: skip
_WESTERN = "cp1252"
_WESTERN_TOLERANCE = 0.1  # chaos-score slack granted to a cp1252 reading
_MAX_CONTROL_RATIO = 0.05  # more C0 controls than this and it is not prose
# Unicode category Cc (C0, DEL, C1) minus the whitespace controls \t \n \v \f \r.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# UTF-16 without a BOM: text in Latin script has a NUL as every other byte. Judged on a sample.
_UTF16_SAMPLE = 4096
_UTF16_NUL_SHARE = 0.4  # NULs on one side of the byte pairs ...
_UTF16_OTHER_SIDE = 0.02  # ... and hardly any on the other


def _control_ratio(text: str) -> float:
    return len(_CONTROLS.findall(text)) / max(len(text), 1)


def sniff_utf16(data: bytes) -> str | None:
    """"utf-16-le" / "utf-16-be" for BOM-less UTF-16 text (NULs at every other byte), else None.

    Windows tools write UTF-16 without a BOM often enough; read as bytes it is "binary" (NULs),
    though it is plain text in a known encoding.
    """
    sample = data[:_UTF16_SAMPLE]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    if odd >= _UTF16_NUL_SHARE and even <= _UTF16_OTHER_SIDE:
        return "utf-16-le"
    if even >= _UTF16_NUL_SHARE and odd <= _UTF16_OTHER_SIDE:
        return "utf-16-be"
    return None


def guess_decode(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's guess, preferring Windows-1252 when it reads the bytes about as well.

    On short Western text charset-normalizer often picks mac_latin2 or cp1250 ("café" ->
    "cafť"); news scrapes that are not UTF-8 are far more often cp1252, so a cp1252-compatible
    reading within ``_WESTERN_TOLERANCE`` of the best chaos score wins.
    """
    matches = from_bytes(data, cp_isolation=list(_WEB_ENCODINGS))
    best = matches.best()
    if best is None:
        return None
    for match in matches:
        if _WESTERN in match.could_be_from_charset and match.chaos <= best.chaos + _WESTERN_TOLERANCE:
            return str(match), _WESTERN
    return str(best), best.encoding


def _decode_or_none(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_bytes(data: bytes, source_path: str) -> tuple[str | None, list[IngestError]]:
    """Return ``(text, errors)``; ``text`` is None when the input is skipped.

    Kinds: "empty" (no bytes or only whitespace), "binary" (NUL bytes, undecodable, or mostly
    control characters), "decode" (not UTF-8; decoded with the reported encoding, not skipped).
    Newlines are normalized to "\\n". Cost is linear in ``len(data)`` (charset-normalizer
    samples the bytes).
    """
    if not data.strip():
        return None, [IngestError(source_path, "empty", "file is empty or only whitespace")]
    errors: list[IngestError] = []
    bom = next((enc for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError as exc:
            return None, [IngestError(source_path, "binary", f"bad {bom} data after BOM: {exc}")]
    elif b"\x00" in data:
        utf16 = sniff_utf16(data)
        decoded = _decode_or_none(data, utf16) if utf16 else None
        if decoded is None:
            return None, [IngestError(source_path, "binary", "contains NUL bytes")]
        text = decoded
        errors.append(IngestError(source_path, "decode", f"UTF-16 without a BOM; decoded as {utf16}", skipped=False))
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            best = guess_decode(data)
            if best is None:
                return None, [IngestError(source_path, "binary", f"not text in any known encoding ({exc.reason})")]
            text, encoding = best
            errors.append(
                IngestError(
                    source_path,
                    "decode",
                    f"not valid UTF-8 (byte {exc.start}); decoded as {encoding}",
                    skipped=False,
                )
            )
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if _control_ratio(text) > _MAX_CONTROL_RATIO:
        return None, [IngestError(source_path, "binary", "mostly control characters")]
    if not text.strip():
        return None, [IngestError(source_path, "empty", "file is empty or only whitespace")]
    return text, errors
