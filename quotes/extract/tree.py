"""Dependency-tree helpers over ``quotes.types.Sentence`` (children, subtrees, character spans)."""

from __future__ import annotations

from functools import cached_property

from quotes.extract.lexicon import WORDS
from quotes.types import Sentence, Token

PUNCT_EDGE = {"PUNCT"}
NEG_WORDS = WORDS.negation
# Double quotation marks as tokens: curly and LaTeX pairs have a direction, straight ones do not.
OPENING_MARKS = {"“", "``"}
CLOSING_MARKS = {"”"}
EITHER_MARKS = {'"', "''"}
QUOTE_MARKS = OPENING_MARKS | CLOSING_MARKS | EITHER_MARKS
MAY_OPEN = OPENING_MARKS | EITHER_MARKS
MAY_CLOSE = CLOSING_MARKS | EITHER_MARKS


def word_forms(tok: Token) -> set[str]:
    """A token's word and lemma, lower-cased: lexicons list words as written ("superpowers",
    "officials") while lemmas are singular."""
    return {tok.text.lower(), tok.lemma.lower()}


class Tree:
    def __init__(self, sentence: Sentence):
        self.s = sentence
        self.tokens = sentence.tokens

    @cached_property
    def _children(self) -> dict[int, list[Token]]:
        out: dict[int, list[Token]] = {}
        for t in self.tokens:
            out.setdefault(t.head, []).append(t)
        return out

    def tok(self, index: int) -> Token:
        return self.tokens[index - 1]

    def children(self, index: int, *deprels: str) -> list[Token]:
        kids = self._children.get(index, [])
        if not deprels:
            return kids
        return [k for k in kids if k.deprel in deprels or k.deprel.split(":")[0] in deprels]

    def subtree(self, index: int, exclude: set[int] | None = None) -> list[int]:
        """Token indices under ``index`` (inclusive), skipping any subtree rooted in ``exclude``."""
        exclude = exclude or set()
        out, stack = [], [index]
        while stack:
            i = stack.pop()
            if i in exclude:
                continue
            out.append(i)
            stack.extend(k.index for k in self._children.get(i, []))
        return sorted(out)

    def ancestors(self, index: int) -> list[int]:
        out, seen = [], set()
        h = self.tok(index).head
        while h and h not in seen:
            seen.add(h)
            out.append(h)
            h = self.tok(h).head
        return out

    def dominates(self, top: int, index: int) -> bool:
        return index == top or top in self.ancestors(index)

    def is_negated(self, index: int) -> bool:
        """"did not say", "never said"; a "not" across a quotation mark belongs to the quote
        ("Probably not," Ms. Moore said) whatever the parse says."""
        return any((k.lemma.lower() in NEG_WORDS or k.text.lower() in NEG_WORDS)
                   and not any(self.tok(i).text in QUOTE_MARKS for i in range(min(k.index, index) + 1, max(k.index, index)))
                   for k in self.children(index, "advmod", "neg"))

    def char_span(self, indices: list[int], trim_punct: bool = True) -> tuple[int, int] | None:
        """Character span covering the tokens, without leading/trailing punctuation tokens."""
        idx = sorted(indices)
        if trim_punct:
            while idx and self.tok(idx[0]).upos in PUNCT_EDGE:
                idx.pop(0)
            while idx and self.tok(idx[-1]).upos in PUNCT_EDGE:
                idx.pop()
        if not idx:
            return None
        return self.tok(idx[0]).start, self.tok(idx[-1]).end

    def contiguous(self, indices: list[int], around: int) -> list[int]:
        """The maximal run of consecutive indices containing ``around``."""
        pool = set(indices)
        lo = hi = around
        while lo - 1 in pool:
            lo -= 1
        while hi + 1 in pool:
            hi += 1
        return list(range(lo, hi + 1))

    def token_at(self, char: int) -> Token | None:
        for t in self.tokens:
            if t.start <= char < t.end:
                return t
        return None

    def span_root(self, indices: list[int]) -> int | None:
        """The token of a span whose head lies outside it (the span's own head)."""
        inside = set(indices)
        return next((i for i in indices if self.tok(i).head not in inside), None)

    def tokens_in(self, start: int, end: int) -> list[int]:
        return [t.index for t in self.tokens if t.start >= start and t.end <= end]
