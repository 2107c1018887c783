"""Batched parsing (quotes.nlp.batch): same parses whatever the batch, sentences bounded in length."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.nlp import batch
from quotes.nlp.batch import MAX_SENTENCE_WORDS, parse_texts

ROOT = Path(__file__).resolve().parents[1]


def _example_texts() -> list[str]:
    rows = [json.loads(line) for line in (ROOT / "examples" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [r["text"] for r in rows] + [(ROOT / "examples" / "harbor-bridge.txt").read_text(encoding="utf-8")]


def test_batched_parses_equal_one_by_one_in_input_order(nlp, monkeypatch):
    pipe, info = nlp
    texts = _example_texts()
    assert len(texts) >= 3
    texts = [texts[2], "", texts[0], "   \n", *texts[1:], "“We will,” she said."]
    alone = [parse_texts(pipe, [t], info.model_id)[0] for t in texts]
    together = parse_texts(pipe, texts, info.model_id)
    assert [d.text for d in together] == texts
    assert together == alone
    assert together[1].sentences == () and together[3].sentences == ()
    assert all(d.sentences for k, d in enumerate(together) if k not in (1, 3))
    # A smaller budget per Stanza call groups the articles differently: still the same parses.
    monkeypatch.setattr(batch, "CALL_CHARS", 3000)
    assert parse_texts(pipe, texts, info.model_id) == alone


def test_parse_text_is_a_batch_of_one(nlp):
    from quotes.nlp.pipeline import parse_text

    pipe, info = nlp
    text = _example_texts()[0]
    assert parse_text(pipe, text, info.model_id) == parse_texts(pipe, [text], info.model_id)[0]


def test_100_kb_without_sentence_punctuation_is_parsed_in_bounded_chunks(nlp):
    pipe, info = nlp
    vocab = ["officials", "in", "the", "city", "council", "voted", "for", "a", "new", "budget", "and",
             "residents", "asked", "about", "water", "rates", "again"]
    words = [vocab[(i * 7) % len(vocab)] for i in range(18_000)]
    text = " ".join(words)
    assert len(text) > 100_000
    (doc,) = parse_texts(pipe, [text], info.model_id)
    assert len(doc.sentences) >= len(words) // MAX_SENTENCE_WORDS
    assert max(len(s.tokens) for s in doc.sentences) <= MAX_SENTENCE_WORDS
    # every character parsed once, in order (Stanza's tokenizer may cut a word at the edge of its
    # 1000-character window, "of ficials", or join two across it, "council residents"), with offsets
    # into the text and a head inside its chunk
    toks = [t for s in doc.sentences for t in s.tokens]
    assert "".join(t.text for t in toks).replace(" ", "") == "".join(words)
    assert all(text[t.start:t.end] == t.text for t in toks)
    assert all(a.end <= b.start for a, b in zip(toks, toks[1:]))
    for s in doc.sentences:
        assert [t.index for t in s.tokens] == list(range(1, len(s.tokens) + 1))
        assert all(0 <= t.head <= len(s.tokens) for t in s.tokens)
        assert sum(t.head == 0 for t in s.tokens) == 1


def _entries(n_tokens: int, mwt_every: int = 0, comma_every: int = 0) -> list[dict]:
    """Stanza's token/word dicts for a sentence of n tokens; every ``mwt_every``-th is "don't"."""
    out, word, pos = [], 1, 0
    for k in range(n_tokens):
        if mwt_every and k % mwt_every == mwt_every - 1:
            out.append({"id": (word, word + 1), "text": "don't", "start_char": pos, "end_char": pos + 5})
            out.append({"id": word, "text": "do", "start_char": pos, "end_char": pos + 2})
            out.append({"id": word + 1, "text": "n't", "start_char": pos + 2, "end_char": pos + 5})
            word += 2
            pos += 6
        else:
            text = "," if comma_every and k % comma_every == comma_every - 1 else "word"
            out.append({"id": word, "text": text, "start_char": pos, "end_char": pos + len(text)})
            word += 1
            pos += len(text) + 1
    return out


def test_chunks_never_split_a_multiword_token_and_restart_ids():
    entries = _entries(1000, mwt_every=3)
    pieces = batch._chunk_sentence(entries, 50)
    assert [e for p in pieces for e in p if not isinstance(e["id"], tuple)][-1]["start_char"] == entries[-1]["start_char"]
    for piece in pieces:
        word_ids = [e["id"] for e in piece if not isinstance(e["id"], tuple)]
        assert word_ids == list(range(1, len(word_ids) + 1)) and len(word_ids) <= 50
        for k, e in enumerate(piece):
            if isinstance(e["id"], tuple):  # a range is followed by its own words
                a, b = e["id"]
                assert [w["id"] for w in piece[k + 1:k + 2 + b - a]] == list(range(a, b + 1))
    assert sum(len(p) for p in pieces) == len(entries)


def test_chunks_end_after_a_comma_when_one_is_near_the_limit():
    pieces = batch._chunk_sentence(_entries(400, comma_every=30), 100)
    assert all(p[-1]["text"] == "," for p in pieces[:-1])
    assert all(len(p) <= 100 for p in pieces)


def test_chunking_a_60000_token_sentence_keeps_every_token():
    entries = _entries(60_000, mwt_every=11, comma_every=17)
    pieces = batch._chunk_sentence(entries, MAX_SENTENCE_WORDS)
    assert [e["start_char"] for p in pieces for e in p] == [e["start_char"] for e in entries]
    assert len(pieces) < 2 * 60_000 * 12 // 11 // MAX_SENTENCE_WORDS + 2


def test_parse_cache_key_follows_the_parse_settings(tmp_path, monkeypatch):
    from quotes.nlp.cache import ParseCache

    before = ParseCache(tmp_path, "ab" * 32).dir
    monkeypatch.setattr(batch, "MAX_SENTENCE_WORDS", MAX_SENTENCE_WORDS + 1)
    assert ParseCache(tmp_path, "ab" * 32).dir != before


@pytest.mark.parametrize("limit", [5, 12])
def test_split_long_sentences_on_a_stanza_document(nlp, limit):
    pipe, _ = nlp
    text = "The mayor said she doesn't expect the council, which meets on Tuesday, to approve it. Fine."
    doc = pipe.bulk_process([text], processors="tokenize,mwt")[0]
    split = batch.split_long_sentences(doc, limit)
    assert all(len(s.words) <= limit for s in split.sentences)
    assert [w.text for s in split.sentences for w in s.words] == [w.text for s in doc.sentences for w in s.words]
    assert [t.start_char for s in split.sentences for t in s.tokens] == \
        [t.start_char for s in doc.sentences for t in s.tokens]
