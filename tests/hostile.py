"""A folder of the hostile inputs real scrapes contain, beside a few good articles (issue #21).

:func:`write_hostile_folder` writes it and returns what ingest should make of each input unit,
so a test can check that every bad input is named and every good article kept. The three inputs
that each ended a whole build before are here as the issue describes them: 5 KB of nothing but
``"``, 100 KB of words with no sentence punctuation, and a 2.8 MB one-line article of 60,000
short sentences. Everything is generated; nothing is read from ../shared.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from quotes.ingest.limits import MAX_HTML_ELEMENTS, MAX_LINE_BYTES

GOOD_ARTICLES = {
    "good/ministry.txt": (
        "Ministry promises new rail line by 2027\n\n"
        "The transport minister said on Tuesday that the new line would open within four years.\n\n"
        "\u201cWe have the money and we have the plans,\u201d Maria Lopez told reporters in the capital. "
        "\u201cWhat we need now is patience.\u201d\n\n"
        "Opposition leader Tom Birch said the promise was \u201cthe same one we heard in 2015\u201d.\n"
    ),
    "good/harbour.txt": (
        "Harbour workers end three-day strike\n\n"
        "Dock workers returned to work on Friday after the union accepted a pay offer.\n\n"
        "\"This is a fair deal for every family on the docks,\" union secretary Ann Kerr said.\n\n"
        "The port authority said shipping would be back to normal by Monday.\n"
    ),
}
GOOD_HTML = (
    "<html><head><title>Flood defences approved</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Flood defences approved</h1>"
    "<p>The city council approved new flood defences for the river district on Wednesday night.</p>"
    "<p>\u201cThe water came within a metre of our homes last winter,\u201d resident Jon Hale said.</p>"
    "<p>Council leader Priya Shah said work would begin in the spring and end within two years.</p>"
    "</article><footer>Contact us</footer></body></html>"
)
GOOD_LINES = [
    {"id": "jl-good-1", "text": "\u201cThe talks were productive,\u201d the envoy said after the meeting in Geneva.",
     "title": "Envoy upbeat", "published": "2021-05-04"},
    {"id": "jl-good-2", "text": "Police said the road would stay closed until Sunday while engineers inspect the bridge."},
]


@dataclass
class HostileFolder:
    """The folder written by :func:`write_hostile_folder` and what ingest should make of it.

    ``expected`` maps each input unit's ``source_path`` (as :func:`quotes.ingest.iter_inputs`
    names it when given ``root``) to its outcome: ``"article"`` or the error kind. ``good`` lists
    the units that are real articles with quotes (the rest that become articles are hostile texts
    a build must survive: the no-punctuation text, the one-line article, the quote soup).
    """

    root: Path
    expected: dict[str, str] = field(default_factory=dict)
    good: list[str] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # why an outcome is as it is (root, FIFOs)

    def path(self, rel: str) -> str:
        return str(self.root / rel)


def _sentences(n_chars: int, template: str) -> str:
    out, size, i = [], 0, 0
    while size < n_chars:
        s = template.format(i=i)
        out.append(s)
        size += len(s)
        i += 1
    return "".join(out)


def no_punctuation_text(n_chars: int = 100_000) -> str:
    """Words with no sentence punctuation at all: one enormous "sentence" to a tokenizer."""
    words = "the council said new homes would be built near the river after years of delay".split()
    out, size, i = [], 0, 0
    while size < n_chars:
        w = words[i % len(words)] + (str(i // 997) if i % 997 == 0 else "")
        out.append(w)
        size += len(w) + 1
        i += 1
    return " ".join(out)


def one_line_article(n_chars: int = 2_800_000) -> str:
    """A whole article on one line: over 60,000 short sentences at 2.8 MB."""
    return _sentences(n_chars, "He said on day {i} that it was safe. ")


def write_hostile_folder(root: Path, *, long_article_chars: int = 2_800_000,
                         no_punct_chars: int = 100_000, huge_line_bytes: int = MAX_LINE_BYTES + 1) -> HostileFolder:
    """Write the hostile folder under ``root`` (created) and return its expected outcomes.

    Sizes of the long inputs can be lowered for quick tests; the defaults are the issue's.
    """
    root.mkdir(parents=True, exist_ok=True)
    hf = HostileFolder(root)

    def put(rel: str, data: bytes | str, outcome: str) -> Path:
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        hf.expected[hf.path(rel)] = outcome
        return p

    for rel, text in GOOD_ARTICLES.items():
        put(rel, text, "article")
        hf.good.append(hf.path(rel))
    put("good/flood.html", GOOD_HTML, "article")
    hf.good.append(hf.path("good/flood.html"))

    # the three inputs of issue #21
    put("issue/quotes_only.txt", '"' * 5000, "missing_text")  # no letter at all: not an article
    put("issue/no_punctuation.txt", no_punctuation_text(no_punct_chars), "article")
    put("issue/one_line.txt", one_line_article(long_article_chars), "article")
    # quotation marks around words: letters, so it reaches the parser as one sentence of marks
    put("issue/quote_soup.txt", '"a" ' * 1250, "article")

    # bytes that are not an article
    put("bytes/binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary")
    put("bytes/empty.txt", b"", "empty")
    put("bytes/whitespace.txt", b" \n\t\n  \n", "empty")
    put("bytes/controls.txt", bytes(range(1, 9)) * 200, "binary")
    # text in other encodings: decoded (a "decode" repair), kept
    latin = "Le maire a d\u00e9clar\u00e9 que le caf\u00e9 de la gare rouvrirait en \u00e9t\u00e9, selon la mairie.\n"
    put("enc/cp1252.txt", latin.encode("cp1252"), "article")
    put("enc/utf16_bom.txt", ("\ufeff" + GOOD_ARTICLES["good/harbour.txt"].replace("Harbour", "Port")).encode("utf-16"),
        "article")
    put("enc/utf16_nobom.txt", GOOD_ARTICLES["good/harbour.txt"].replace("Harbour", "River").encode("utf-16-le"),
        "article")

    # paths that cannot be read as files
    dangling = root / "paths" / "dangling.txt"
    dangling.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(root / "paths" / "no-such-target.txt", dangling)
    hf.expected[str(dangling)] = "unreadable"
    locked = put("paths/unreadable.txt", "Locked article text that nobody may read, the warden said.\n", "unreadable")
    os.chmod(locked, 0)
    if os.geteuid() == 0 or os.access(locked, os.R_OK):
        hf.expected[str(locked)] = "article"
        hf.notes[str(locked)] = "running as root: a chmod 000 file is still readable"
    if hasattr(os, "mkfifo"):
        fifo = root / "paths" / "pipe.txt"
        os.mkfifo(fifo)
        hf.expected[str(fifo)] = "unreadable"
    else:
        hf.notes["paths/pipe.txt"] = "no os.mkfifo on this platform"

    # a file name that is not UTF-8 (Latin-1 "café"): named with a \\xe9 escape, read as usual
    names = root / "names"
    names.mkdir(exist_ok=True)
    try:
        with open(os.path.join(os.fsencode(names), b"caf\xe9.txt"), "wb") as fh:
            fh.write("The caf\u00e9 owner said the terrace would reopen in May.\n".encode())
        hf.expected[str(names / "caf\\xe9.txt")] = "article"
    except OSError as exc:  # file systems that insist on UTF-8 names
        hf.notes["names/caf\\xe9.txt"] = f"not created: {exc}"

    # HTML: an element bomb trafilatura would take minutes on, and a page with no article
    spans = MAX_HTML_ELEMENTS + 10_000
    put("html/huge.html", "<html><body><div>" + "<span>word</span> " * spans + "</div></body></html>", "too_large")
    put("html/menu_only.html", "<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        "missing_text")

    # JSONL: good lines among malformed and mis-typed ones
    jl = "feeds/mixed.jsonl"
    lines: list[tuple[str, str]] = [
        (json.dumps(GOOD_LINES[0]), "article"),
        ('{"id": "broken", "text": "unterminated', "json"),
        (json.dumps({"id": "num", "text": 5}), "missing_text"),
        (json.dumps({"id": "list", "text": ["a", "b"]}), "missing_text"),
        (json.dumps({"id": "null", "text": None}), "missing_text"),
        ("null", "json"),
        ("[1, 2, 3]", "json"),
        ('"just a string"', "json"),
        ("[" * 100_000 + "]" * 100_000, "json"),  # nested past the JSON parser's recursion limit
        ("1" * 5000, "json"),  # an integer past Python's digit limit
        (json.dumps({"id": "quotes", "text": '"' * 3000}), "missing_text"),
        (json.dumps({"id": "date", "text": "The mayor said the fair would return next year.",
                     "published": "x" * 100_000}), "article"),
        ('{"id": "surrogate", "text": "The \\ud800 mayor said the fair would return.", "title": "\\udfff"}', "article"),
        (json.dumps(GOOD_LINES[1]), "article"),
    ]
    body = "\n".join(line for line, _ in lines) + "\n"
    huge_at = len(lines) + 1
    (root / jl).parent.mkdir(parents=True, exist_ok=True)
    with (root / jl).open("w", encoding="utf-8") as fh:
        fh.write(body)
        fh.write('{"id": "huge", "text": "')
        chunk = "All work and no play makes a long line. " * 1000
        written = len('{"id": "huge", "text": "')
        while written < huge_line_bytes:
            fh.write(chunk)
            written += len(chunk)
        fh.write('"}\n')
        fh.write(json.dumps({"id": "after-huge", "text": "The line after the huge one still loads, the clerk said."}) + "\n")
    for i, (_, outcome) in enumerate(lines, start=1):
        hf.expected[f"{hf.path(jl)}:{i}"] = outcome
    hf.expected[f"{hf.path(jl)}:{huge_at}"] = "too_large"
    hf.expected[f"{hf.path(jl)}:{huge_at + 1}"] = "article"
    hf.good.append(f"{hf.path(jl)}:1")
    put("feeds/empty.jsonl", "\n\n", "empty")
    put("feeds/utf16.jsonl", ("\ufeff" + json.dumps({"id": "u16", "text": "Firefighters said the blaze at the depot was under control by noon."}) + "\r\n").encode("utf-16"),
        "article")
    hf.expected[hf.path("feeds/utf16.jsonl") + ":1"] = hf.expected.pop(hf.path("feeds/utf16.jsonl"))
    return hf
