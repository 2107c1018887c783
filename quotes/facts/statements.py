"""The same statement across outlets: near-duplicate quotes of one speaker become one statement.

A wire story is re-run by many outlets, each trimming or re-punctuating the quote; counting those
as separate statements would inflate how often something was said. Candidates are blocked by
speaker and by shared rare 3-word shingles (an inverted index), so the work grows with the number
of true near-duplicates, not with the square of the number of quotes; groups are closed with
union-find.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence

from rapidfuzz import fuzz

from quotes.ids import stable_id

SHINGLE = 3
MAX_POSTING = 50  # beyond this, a shingle's quotes are compared only with a few anchors
ANCHORS = 5
MIN_CONTAINED_WORDS = 6  # a fragment this long found inside a longer quote is the same statement
TOKEN_SET_MIN = 90.0
ORDER_MIN = 75.0  # plain ratio guard: same words in another order ("not" moved) is not a duplicate
MIN_WORDS_FUZZY = 4
NEGATIONS = frozenset(
    {"not", "no", "never", "nor", "nothing", "nobody", "none", "cannot", "cant", "wont", "dont", "doesnt",
     "didnt", "isnt", "arent", "wasnt", "werent", "shouldnt", "wouldnt", "couldnt", "without"}
)


def normalize(text: str) -> list[str]:
    """Words of a quote, case-, accent-, quote-mark- and punctuation-insensitive."""
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).casefold()
    t = t.replace("’", "'").replace("‘", "'")
    t = re.sub(r"(\w)'(\w)", r"\1\2", t)  # "don't" -> "dont", "we're" -> "were"
    t = re.sub(r"[^\w\s]", " ", t)
    return t.split()


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def _contains(long_: str, short: str) -> bool:
    return f" {short} " in f" {long_} "


def _negations(words: list[str]) -> set[tuple[str, str]]:
    """Each negation with the word it negates: "will not recognise" != "will recognise ... not"."""
    return {(w, words[i + 1] if i + 1 < len(words) else "") for i, w in enumerate(words) if w in NEGATIONS}


def same_statement(a: list[str], b: list[str]) -> bool:
    """Near-duplicates: equal, a fragment of >= 6 words inside the other, or token-set similar
    (>= 90) with a similar word order, comparable length and the same negations."""
    if not a or not b:
        return False
    sa, sb = " ".join(a), " ".join(b)
    if sa == sb:
        return True
    short, long_ = (sa, sb) if len(a) <= len(b) else (sb, sa)
    n_short = min(len(a), len(b))
    if n_short >= MIN_CONTAINED_WORDS and _contains(long_, short):
        return True
    n_long = max(len(a), len(b))
    if n_short < MIN_WORDS_FUZZY or n_short / n_long < 0.5:
        return False
    if fuzz.token_set_ratio(sa, sb) < TOKEN_SET_MIN:
        return False
    if _negations(a) != _negations(b):
        return False  # fuzzy scores cannot see "will (not) recognise"
    if n_short >= MIN_CONTAINED_WORDS and n_short <= 0.8 * n_long and fuzz.partial_ratio(short, long_) >= 95:
        return True  # a trimmed fragment with a small edit
    return fuzz.ratio(sa, sb) >= ORDER_MIN


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _candidate_pairs(idx: list[int], words: list[list[str]]) -> set[tuple[int, int]]:
    """Pairs of quotes (one speaker's) that share a shingle.

    A shingle held by many quotes (a catchphrase, or a quote reprinted hundreds of times) links its
    quotes to its first few holders only: linear in the posting, and enough for union-find to
    gather reprints, which all match those anchors.
    """
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in idx:
        for sh in _shingles(words[i]):
            index[sh].append(i)
    pairs: set[tuple[int, int]] = set()
    for posting in index.values():
        if len(posting) < 2:
            continue
        heads = posting if len(posting) <= MAX_POSTING else posting[:ANCHORS]
        for x, i in enumerate(heads):
            for j in posting[x + 1 :]:
                pairs.add((i, j))
    return pairs


def group_statements(rows: Sequence[Mapping]) -> tuple[list[str], list[dict]]:
    """Statement id per row and the ``statements`` table rows (singletons included).

    Rows need ``quote_id, article_id, speaker_id, text, said_on``. Quotes without a speaker_id are
    never merged: the same words from unknown mouths are not known to be one statement.
    """
    words = [normalize(str(r.get("text") or "")) for r in rows]
    uf = _UnionFind(len(rows))
    by_speaker: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(rows):
        if r.get("speaker_id"):
            by_speaker[str(r["speaker_id"])].append(i)
    for idx in by_speaker.values():
        for i, j in sorted(_candidate_pairs(idx, words)):
            if uf.find(i) != uf.find(j) and same_statement(words[i], words[j]):
                uf.union(i, j)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(rows)):
        groups[uf.find(i)].append(i)
    ids: list[str] = [""] * len(rows)
    table: list[dict] = []
    for members in sorted(groups.values(), key=lambda m: m[0]):
        quote_ids = sorted(str(rows[i]["quote_id"]) for i in members)
        sid = stable_id("st", *quote_ids)
        rep = max(members, key=lambda i: (len(words[i]), len(str(rows[i].get("text") or "")), -i))
        dates = [str(rows[i]["said_on"]) for i in members if rows[i].get("said_on")]
        for i in members:
            ids[i] = sid
        table.append(
            {
                "statement_id": sid,
                "speaker_id": rows[members[0]].get("speaker_id"),
                "text": str(rows[rep].get("text") or ""),
                "first_said_on": min(dates) if dates else None,
                "n_articles": len({rows[i].get("article_id") for i in members}),
                "n_quotes": len(members),
                "quote_ids": quote_ids,
            }
        )
    return ids, table
