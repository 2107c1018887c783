"""Property-based tests (hypothesis) over ingest and extraction: random Unicode, quotation-mark
soup, control characters, enormous tokens, HTML fragments and malformed JSONL never raise, and
cost grows linearly with the input.

Linear cost is checked two ways, never against absolute seconds:
- operation counts: Python calls (and C calls made from Python) counted with ``sys.setprofile``
  at size n and 4n; deterministic, so the factor can be tight (linear gives 4x, quadratic 16x);
- CPU time at n and 4n with a generous factor, for work done inside C (regular expressions,
  lxml, charset detection) that no call count sees.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from quotes.attribute import attribute
from quotes.extract import extract_quotes
from quotes.extract.marks import find_marks
from quotes.ingest import iter_file, iter_stream, parse_text
from quotes.ingest.decode import decode_bytes
from quotes.ingest.html import parse_html
from quotes.ingest.text import clean_text
from quotes.types import Article, ParsedDoc, Sentence, Token

FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])

OPS_FACTOR = 6.0  # 4x the input may cost at most this many times the operations (linear: ~4)
TIME_FACTOR = 10.0  # same for CPU time, generous for a shared machine
TIME_FLOOR = 0.003  # seconds: below this, a measurement is noise
# HTML main-text extraction takes different paths (trafilatura's fallbacks, our body completion)
# depending on where a repeated fragment is cut: a 20k page of tag soup can find no text in 1 ms
# and the 80k page a few words in 0.2 s, linear work on both. Growth that matters (quadratic
# fallbacks, deep nesting) costs seconds at 80k, far above this floor.
HTML_TIME_FLOOR = 0.05


# --- measuring ----------------------------------------------------------------------------------


def count_ops(fn, *args, **kwargs) -> int:
    """Function calls (Python and C) made while running ``fn``: a deterministic cost measure."""
    n = 0

    def prof(frame, event, arg):
        nonlocal n
        if event in ("call", "c_call"):
            n += 1

    old = sys.getprofile()
    sys.setprofile(prof)
    try:
        fn(*args, **kwargs)
    finally:
        sys.setprofile(old)
    return n


def cpu_seconds(fn, *args, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        fn(*args)
        best = min(best, time.process_time() - t0)
    return best


def assert_ops_linear(fn, small, large, what: str) -> None:
    a, b = count_ops(fn, small), count_ops(fn, large)
    assert b <= OPS_FACTOR * max(a, 50), f"{what}: {a} operations at n, {b} at 4n"


def assert_time_linear(fn, small, large, what: str, floor: float = TIME_FLOOR) -> None:
    fn(small)  # warm caches (lexicons, regex compilation)
    a, b = cpu_seconds(fn, small), cpu_seconds(fn, large)
    assert b <= TIME_FACTOR * max(a, floor), f"{what}: {a:.4f}s at n, {b:.4f}s at 4n"


# --- strategies ---------------------------------------------------------------------------------

MARKS = ['"', "\u201c", "\u201d", "\u201e", "\u00ab", "\u00bb", "\u2018", "\u2019", "'", "``", "''"]
unicode_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)
controls = st.text(st.characters(min_codepoint=0, max_codepoint=0x9F), max_size=200)
mark_soup = st.lists(st.sampled_from(MARKS + [" ", "\n", "\n\n", "a", "said", ".", ",", "We"]), max_size=120).map("".join)
enormous_token = st.builds(lambda ch, n: ch * n, st.sampled_from(["a", '"', "-", "\u00e9", "\u201c", "x1"]),
                           st.integers(1_000, 40_000))
any_text = st.one_of(unicode_text, controls, mark_soup, enormous_token)
html_fragment = st.lists(st.sampled_from([
    "<html>", "<head>", "<title>", "</title>", "<body>", "</body>", "<p>", "</p>", "<div>", "</div>", "<article>",
    "<script>", "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "&bogus;",
    "<a href='http://x.com/a'>", "</a>", "<", ">", "<meta charset='utf-16'>", "<?xml version='1.0' encoding='latin-1'?>",
    "<meta property='article:published_time' content='2021-13-45'>", "<span>", "</span>", "<br/>",
    "The minister said the talks would resume on Monday.", "\u201cWe will win,\u201d she said.", '"', "\x00", "\n",
]), max_size=80).map("".join)
json_value = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | unicode_text,
                          lambda kids: st.lists(kids, max_size=4) | st.dictionaries(unicode_text, kids, max_size=4),
                          max_leaves=12)
lone_surrogates = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF) | st.sampled_from("ab "),
                          max_size=20)  # json.dumps writes them as "\\ud800" escapes
article_object = st.fixed_dictionaries({}, optional={k: json_value | unicode_text | lone_surrogates for k in
                                                     ("id", "text", "title", "url", "published", "outlet")})
jsonl_line = st.one_of(article_object.map(json.dumps), json_value.map(json.dumps), unicode_text,
                       st.just('{"text": "unterminated'), st.just("[" * 5000), st.just("9" * 5000))


# --- ingest never raises ------------------------------------------------------------------------


@FAST
@given(st.one_of(st.binary(max_size=2000), any_text.map(lambda t: t.encode("utf-8")),
                 unicode_text.map(lambda t: t.encode("utf-16")), unicode_text.map(lambda t: t.encode("utf-16-le"))))
def test_any_bytes_decode_and_clean_without_raising(data):
    text, errors = decode_bytes(data, "x.txt")
    assert (text is None) == any(e.skipped for e in errors)
    if text is not None:
        articles, more = parse_text(text, source_id="x", source_path="x.txt")
        assert len(articles) + sum(e.skipped for e in more) == 1
        lines = set(text.split("\n")) | {""}
        for a in articles:  # every line kept is a line of the input, verbatim
            assert a.text.strip() and set(a.text.split("\n")) <= lines


_TMP = tempfile.TemporaryDirectory(prefix="quotes-properties-")


@FAST
@given(st.binary(max_size=3000) | any_text.map(lambda t: t.encode("utf-8")) | html_fragment.map(str.encode),
       st.sampled_from([".txt", ".html", ".jsonl"]))
def test_any_file_yields_records_without_raising(data, suffix):
    path = Path(_TMP.name, "input" + suffix)
    path.write_bytes(data)
    records = list(iter_file(path))
    assert records, "every file is accounted for"
    if suffix != ".jsonl":
        assert len(records) == 1 and records[0].source_path == str(path)
    for r in records:
        assert r.outcome and (r.article is not None or r.errors)


@FAST
@given(html_fragment)
@example("<html><body>" + "<div>" * 3000 + "The minister said." + "</div>" * 3000 + "</body></html>")
def test_html_fragments_never_raise(html):
    article, errors = parse_html(html, source_id="h", source_path="h.html")
    assert (article is None) == bool(errors)


@FAST
@given(st.lists(jsonl_line, max_size=12))
def test_malformed_jsonl_gives_one_record_per_line(lines):
    lines = [ln.replace("\n", " ").replace("\r", " ") for ln in lines]
    data = "\n".join(lines).encode("utf-8")
    records = list(iter_stream(io.BytesIO(data)))
    numbered = [(i, ln) for i, ln in enumerate(lines, start=1)
                if (ln.lstrip("\ufeff") if i == 1 else ln).strip()]
    if not numbered:
        assert [r.outcome for r in records] == ["empty"]
        return
    assert [r.line for r in records] == [i for i, _ in numbered]
    assert [r.source_path for r in records] == [f"-:{i}" for i, _ in numbered]
    for r, (_, ln) in zip(records, numbered):
        if r.article is not None:
            obj = json.loads(ln)
            assert len(r.article.text) == len(obj["text"])  # verbatim, lone surrogates replaced one for one
            for value in (r.article.text, r.article.source_id, r.article.title or "", r.article.url or ""):
                value.encode("utf-8")


# --- ingest cost is linear ----------------------------------------------------------------------


def _repeat(unit: str, n_chars: int) -> str:
    return (unit * (n_chars // max(len(unit), 1) + 1))[:n_chars]


@FEW
@given(st.one_of(mark_soup, controls, unicode_text, html_fragment).filter(lambda u: len(u) >= 4))
@example("\"" * 8)
@example("word " * 4)
@example("The minister said the talks went well. ")
def test_text_ingest_cost_is_linear(unit):
    small, large = _repeat(unit, 15_000), _repeat(unit, 60_000)
    read = lambda t: parse_text(t, source_id="x", source_path="x.txt")  # noqa: E731
    assert_ops_linear(read, small, large, f"parse_text on {unit[:40]!r}")
    assert_time_linear(read, small, large, f"parse_text on {unit[:40]!r}")
    as_lines = lambda t: clean_text(t.replace(" ", "\n"))  # noqa: E731  many short lines
    assert_time_linear(as_lines, small, large, f"clean_text over lines of {unit[:40]!r}")


@FEW
@given(st.one_of(st.binary(min_size=8, max_size=64), controls.map(lambda t: t.encode("utf-8"))).filter(len))
def test_decode_cost_is_linear(unit):
    small, large = unit * (20_000 // len(unit) + 1), unit * (80_000 // len(unit) + 1)
    assert_time_linear(lambda d: decode_bytes(d, "x"), small, large, f"decode_bytes on {unit[:16]!r}")


@FEW
@given(html_fragment.filter(lambda h: len(h) >= 10))
@example("<span>word</span> ")
@example("<p>The minister said the talks would resume on Monday.</p>\n")
@example("--><meta charset='utf-16'><span>")  # unclosed spans nest 2,500 deep: the chunk rule's walks
@example("<li>word said ")  # thousands of short paragraphs: jusText's neighbour search (justext_linear)
@example("</title></body></a><title></title><title>")  # no text at n, a few words at 4n
def test_html_cost_is_linear_below_the_element_limit(unit):
    small, large = _repeat(unit, 20_000), _repeat(unit, 80_000)
    read = lambda h: parse_html(h, source_id="h", source_path="h.html")  # noqa: E731
    assert_time_linear(read, small, large, f"parse_html on {unit[:40]!r}", floor=HTML_TIME_FLOOR)


@FEW
@given(jsonl_line.filter(lambda ln: "\n" not in ln and "\r" not in ln and len(ln) > 2))
def test_jsonl_cost_is_linear_in_lines(line):
    small, large = ((line + "\n") * n for n in (300, 1200))
    stream = lambda s: sum(1 for _ in iter_stream(io.BytesIO(s.encode())))  # noqa: E731
    assert_ops_linear(stream, small, large, f"iter_stream on {line[:40]!r}")


# --- quotation marks ----------------------------------------------------------------------------


@FAST
@given(st.one_of(mark_soup, unicode_text))
@example('"' * 5000)
def test_marks_are_well_formed_and_linear(text):
    spans = find_marks(text)
    for m in spans:
        assert m.outer_start <= m.start < m.end <= m.outer_end <= len(text)
        assert text[m.start:m.end].strip()
    assert [m.outer_start for m in spans] == sorted(m.outer_start for m in spans)
    if len(text) >= 4:
        assert_ops_linear(find_marks, _repeat(text, 4_000), _repeat(text, 16_000), f"find_marks on {text[:40]!r}")


# --- extraction on hand-built parses ------------------------------------------------------------

VOCAB = [  # (text, upos, lemma)
    ("said", "VERB", "say"), ("told", "VERB", "tell"), ("added", "VERB", "add"), ("says", "VERB", "say"),
    ("according", "VERB", "accord"), ("to", "ADP", "to"), ("he", "PRON", "he"), ("she", "PRON", "she"),
    ("they", "PRON", "they"), ("Smith", "PROPN", "Smith"), ("John", "PROPN", "John"), ("Ministry", "PROPN", "Ministry"),
    ("minister", "NOUN", "minister"), ("spokesman", "NOUN", "spokesman"), ("statement", "NOUN", "statement"),
    ("the", "DET", "the"), ("a", "DET", "a"), ("that", "SCONJ", "that"), ("we", "PRON", "we"), ("will", "AUX", "will"),
    ("win", "VERB", "win"), ("not", "PART", "not"), ("on", "ADP", "on"), ("Monday", "PROPN", "Monday"),
    (",", "PUNCT", ","), (".", "PUNCT", "."), (":", "PUNCT", ":"), ("—", "PUNCT", "—"), ('"', "PUNCT", '"'),
    ("\u201c", "PUNCT", '"'), ("\u201d", "PUNCT", '"'), ("'", "PUNCT", "'"), ("\u2019", "PUNCT", "'"), ("``", "PUNCT", '"'),
    ("''", "PUNCT", '"'), ("(", "PUNCT", "("), (")", "PUNCT", ")"),
]
DEPRELS = ["nsubj", "obj", "ccomp", "parataxis", "punct", "conj", "flat", "appos", "compound", "nmod", "xcomp",
           "advcl", "mark", "det", "case", "acl:relcl", "obl", "advmod", "amod", "cc", "nsubj:pass", "dep", "nmod:poss"]
NER = ["O", "O", "O", "S-PER", "B-PER", "E-PER", "S-ORG", "S-GPE"]
PARAGRAPH = ("\u00b6", "", "")  # ends the sentence and the paragraph

token_draw = st.tuples(st.sampled_from(VOCAB + [PARAGRAPH]), st.sampled_from(DEPRELS), st.sampled_from(NER),
                       st.integers(0, 10**6), st.sampled_from([" ", " ", ""]))


def build_doc(draws) -> ParsedDoc:
    """A ParsedDoc whose sentences are valid dependency trees over the drawn words.

    Sentences end after "." or a paragraph mark; each tree gets a random shape: a random order
    of its tokens, the first is the root and every later one hangs on one placed before it.
    """
    text, sentences, current = "", [], []

    def close():
        if not current:
            return
        m = len(current)
        order = sorted(range(m), key=lambda k: (current[k][3], k))
        heads = [0] * m
        for rank, k in enumerate(order[1:], start=1):
            heads[k] = order[current[k][3] % rank] + 1
        toks = []
        for k, (word, upos, lemma, _, deprel, ner, start) in enumerate(current):
            toks.append(Token(k + 1, word, lemma, upos, "_", "_", heads[k], "root" if heads[k] == 0 else deprel,
                              start, start + len(word), ner))
        sentences.append(Sentence(len(sentences), toks[0].start, toks[-1].end, tuple(toks)))
        current.clear()

    for (word, upos, lemma), deprel, ner, r, sep in draws:
        if upos == "":
            close()
            text += "\n\n"
            continue
        if text and not text.endswith("\n"):
            text += sep
        current.append((word, upos, lemma, r, deprel, ner if upos == "PROPN" else "O", len(text)))
        text += word
        if word == ".":
            close()
    close()
    return ParsedDoc(text, tuple(sentences), "hand-built")


def tile(doc: ParsedDoc, copies: int) -> ParsedDoc:
    """``copies`` paragraphs of the same parse, offsets shifted: an article ``copies`` times as long."""
    texts, sentences, offset = [], [], 0
    for _ in range(copies):
        for s in doc.sentences:
            toks = tuple(replace(t, start=t.start + offset, end=t.end + offset) for t in s.tokens)
            sentences.append(Sentence(len(sentences), s.start + offset, s.end + offset, toks))
        texts.append(doc.text)
        offset += len(doc.text) + 2
    return ParsedDoc("\n\n".join(texts), tuple(sentences), doc.model_id)


def extract_and_attribute(doc: ParsedDoc):
    spans = extract_quotes(doc)
    article = Article("a_test", "t", "t.txt", doc.text, "")
    return spans, attribute(article, doc, spans)


def check_quotes(doc: ParsedDoc, spans, quotes) -> None:
    n = len(doc.text)
    for q in spans:
        assert 0 <= q.content.start <= q.content.end <= n
        assert 0 <= q.sentence < len(doc.sentences)
        for part in q.parts:
            assert q.content.start <= part.start <= part.end <= q.content.end
    for q in quotes:
        assert 0 <= q.start <= q.end <= n
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start <= q.speaker_end <= n


@settings(FAST, max_examples=80)
@given(st.lists(token_draw, max_size=60))
def test_extraction_never_raises_on_any_tree(draws):
    doc = build_doc(draws)
    spans, quotes = extract_and_attribute(doc)
    check_quotes(doc, spans, quotes)
    assert len(quotes) == len(spans)


@FEW
@given(st.lists(token_draw, min_size=5, max_size=40))
def test_extraction_never_raises_on_long_tiled_trees(draws):
    doc = tile(build_doc(draws), 12)
    spans, quotes = extract_and_attribute(doc)
    check_quotes(doc, spans, quotes)


def _said(n: int, last: tuple) -> list:
    return [(("said", "VERB", "say"), "nsubj", "O", 0, " ")] * n + [last]


def test_regression_punctuation_conjunct_of_a_speech_verb():
    """Shrunk by hypothesis: "said said ," with the comma parsed as a conjunct of the first verb
    raised IndexError in quotes/extract/surface.py (a conjunct with no word, only punctuation)."""
    doc = build_doc(_said(2, ((",", "PUNCT", ","), "conj", "O", 0, " ")))
    assert [t.head for t in doc.sentences[0].tokens] == [0, 1, 1]
    spans, quotes = extract_and_attribute(doc)
    check_quotes(doc, spans, quotes)


# --- extraction cost on a real parse --------------------------------------------------------------

NEWS = (
    "The health minister said on Tuesday that the new hospital would open next spring.\n\n"
    "\u201cWe have the staff and we have the money,\u201d Carla Mendes told reporters. \u201cWhat we need is time.\u201d\n\n"
    "Opposition leader Tom Birch said the plan was \u201cthe same promise we heard in 2015\u201d and called for a vote.\n\n"
    "According to the ministry, 400 beds will be ready by June. \"It is a start,\" a nurse said.\n"
)


def test_extraction_cost_is_linear_in_article_length(parse):
    doc = parse(NEWS)
    small, large = tile(doc, 8), tile(doc, 32)
    assert len(extract_quotes(small)) * 4 == len(extract_quotes(large))  # the same quotes, 4x over
    assert_ops_linear(extract_quotes, small, large, "extract_quotes on tiled news")
    assert_ops_linear(extract_and_attribute, small, large, "extract + attribute on tiled news")
