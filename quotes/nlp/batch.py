"""Parse many articles per Stanza call, with every sentence bounded in length.

Stanza pads each batch to its longest sentence, and the parser's cost per sentence grows with the
square of its length, so one article per call (a batch of an article's own, mixed-length
sentences) wastes most of the parser's work on padding. :func:`parse_texts` hands Stanza several
articles at once (``Pipeline.bulk_process``), so each processor sorts the sentences of all of them
by length and fills its batches with sentences of similar length.

Sentences are capped at :data:`MAX_SENTENCE_WORDS` words: a longer one (a list run together, a
scrape with no sentence punctuation, a text of quotation marks) is cut into chunks before tagging,
at the last comma-like token of each window when there is one. Without the cap, one 100 KB
unpunctuated text became a single sentence whose parser score tensor (words x words x relations)
did not fit in memory; with it, cost is linear in the length of the text.

The results do not depend on which articles share a call (``tests/test_parse_batch.py``).
"""

from __future__ import annotations

import hashlib
import json

from quotes.types import ParsedDoc

# Longest sentence, in syntactic words, handed to the tagger and parser. News sentences stay far
# below it (the longest in PolNeAR dev has 163 words); a chunk of this size still costs the parser
# only ~35 MB of scores.
MAX_SENTENCE_WORDS = 200
# Characters of text per Stanza call: bounds memory whatever the number of articles passed.
CALL_CHARS = 150_000
# Tokens after which a chunk may end (the cut falls after the last one in the second half).
_BREAKS = frozenset({",", ";", ":", "—", "–", "-", "--", ")", "]", '"', "'", "..."})


def parse_settings() -> dict:
    """Everything besides the weights that can change a parse; the parse cache is keyed by it."""
    return {"max_sentence_words": MAX_SENTENCE_WORDS, "tree_search": "fast_mst/1",
            "stanza_speedups": "char-dedup/1", "arc_labels": "tree-arcs/1",
            "tag_bilinear": "per-tag/1", "tokenize_lengths": "own-length+1/1"}


def parse_settings_id() -> str:
    blob = json.dumps(parse_settings(), sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:10]


def _chunk_sentence(entries: list[dict], limit: int) -> list[list[dict]]:
    """Cut one sentence (Stanza's token/word dicts) into pieces of at most ``limit`` words, only
    between tokens (never inside a multi-word token), renumbering word ids from 1 in each piece."""
    units: list[list[dict]] = []  # one token each: [token] or [mwt range, word, word, ...]
    i = 0
    while i < len(entries):
        e = entries[i]
        if isinstance(e["id"], tuple):
            n = e["id"][1] - e["id"][0] + 1
            units.append(entries[i:i + 1 + n])
            i += 1 + n
        else:
            units.append([e])
            i += 1
    pieces: list[list[list[dict]]] = []
    current: list[list[dict]] = []
    words = 0
    last_break = -1
    for unit in units:
        n = max(1, len(unit) - 1) if isinstance(unit[0]["id"], tuple) else 1
        if current and words + n > limit:
            cut = last_break + 1 if last_break >= len(current) // 2 else len(current)
            pieces.append(current[:cut])
            current = current[cut:]
            words = sum(max(1, len(u) - 1) if isinstance(u[0]["id"], tuple) else 1 for u in current)
            last_break = -1
            for k, u in enumerate(current):
                if u[0]["text"] in _BREAKS:
                    last_break = k
        current.append(unit)
        words += n
        if unit[0]["text"] in _BREAKS:
            last_break = len(current) - 1
    if current:
        pieces.append(current)
    out = []
    for piece in pieces:
        first = piece[0][0]["id"]
        offset = (first[0] if isinstance(first, tuple) else first) - 1
        renumbered = []
        for unit in piece:
            for e in unit:
                e = dict(e)
                e["id"] = tuple(x - offset for x in e["id"]) if isinstance(e["id"], tuple) else e["id"] - offset
                renumbered.append(e)
        out.append(renumbered)
    return out


def split_long_sentences(doc, limit: int = MAX_SENTENCE_WORDS):
    """The tokenized Stanza ``Document`` with every sentence over ``limit`` words cut into chunks
    (the same object when none is that long)."""
    from stanza.models.common.doc import Document

    if all(len(s.words) <= limit for s in doc.sentences):
        return doc
    sentences = []
    for sent, entries in zip(doc.sentences, doc.to_dict()):
        sentences.extend(_chunk_sentence(entries, limit) if len(sent.words) > limit else [entries])
    return Document(sentences, text=doc.text)


def _groups(order: list[int], lengths: list[int], budget: int) -> list[list[int]]:
    groups, current, size = [], [], 0
    for i in order:
        if current and size + lengths[i] > budget:
            groups.append(current)
            current, size = [], 0
        current.append(i)
        size += lengths[i]
    if current:
        groups.append(current)
    return groups


def parse_texts(pipe, texts: list[str], model_id: str = "") -> list[ParsedDoc]:
    """Parse many articles, several per Stanza call; one ParsedDoc per text, in input order.

    Texts are sorted by length and grouped up to :data:`CALL_CHARS` characters per call; each is
    normalized for the models (same-length rewrites, so offsets index the original text) and its
    sentences capped at :data:`MAX_SENTENCE_WORDS` words.
    """
    from quotes.nlp.pipeline import normalize_for_parse, to_parsed

    out: list[ParsedDoc | None] = [None] * len(texts)
    todo = []
    for i, text in enumerate(texts):
        if text.strip():
            todo.append(i)
        else:
            out[i] = ParsedDoc(text=text, sentences=(), model_id=model_id)
    lengths = [len(t) for t in texts]
    order = sorted(todo, key=lambda i: (lengths[i], i))
    for group in _groups(order, lengths, CALL_CHARS):
        docs = pipe.bulk_process([normalize_for_parse(texts[i]) for i in group], processors="tokenize,mwt")
        docs = [split_long_sentences(d) for d in docs]
        docs = pipe.process(docs, processors="pos,lemma,depparse,ner")
        for i, doc in zip(group, docs):
            out[i] = to_parsed(doc, texts[i], model_id)
    return out  # type: ignore[return-value]
