"""Deterministic identifiers shared by every stage.

Ids are content hashes, so re-running the pipeline on the same input gives the same ids and a
dataset can be diffed between versions.
"""

from __future__ import annotations

import hashlib
import unicodedata

_SEP = "\x1f"  # ASCII unit separator: cannot occur in normal text, so ("ab", "c") != ("a", "bc")


def stable_id(prefix: str, *parts: object) -> str:
    """``prefix + "_" + sha256(parts joined by U+001F)[:16]``; ``None`` parts hash as ""."""
    payload = _SEP.join("" if p is None else str(p) for p in parts)
    digest = hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]
    return f"{prefix}_{digest}" if prefix else digest


def normalize_for_id(text: str) -> str:
    """NFC, all whitespace runs (incl. U+00A0) collapsed to one space, stripped.

    Re-scrapes that differ only in spacing or Unicode composition get the same article id.
    """
    return " ".join(unicodedata.normalize("NFC", text).split())


def article_id(text: str) -> str:
    """``"a_" + sha256(normalize_for_id(text))[:16]``."""
    return stable_id("a", normalize_for_id(text))


def text_sha256(text: str) -> str:
    """sha256 of the stored text exactly, so offsets can be checked against the right text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_digest(path) -> dict:
    """``{"sha256", "bytes"}`` of a file, streamed so large inputs and model weights are fine."""
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
            size += len(chunk)
    return {"sha256": h.hexdigest(), "bytes": size}
