"""Training data for the seq2seq lemmatizer: word types, not running text.

The lemmatizer is context-free, and its seq2seq half only answers for words its dictionary has not
seen. Training it on each (form, UPOS, lemma) type, repeated by the logarithm of its frequency,
teaches it the inflection patterns those rare words follow at a seventh of the cost of running
text, while keeping the most frequent lemma of an ambiguous form the most frequent in the file (the
dictionary half is built from the same file).
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator


def read_types(conllu: Path) -> Iterator[tuple[str, str, str]]:
    """(form, UPOS, lemma) for every syntactic word of a CoNLL-U file (no ranges, no empty nodes)."""
    with conllu.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            yield cols[1], cols[3], cols[2]


def repeats(count: int) -> int:
    """How often a type seen `count` times is written: log-compressed, monotone in `count`."""
    return math.ceil(math.log2(count + 1))


def write_types(sources: Iterable[Path], out: Path) -> int:
    """Write one single-word sentence per repeat of each type; returns the number written."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for source in sources:
        counts.update(read_types(source))
    # Log compression can tie an ambiguous form's lemmas; one extra copy keeps the majority ahead.
    best: dict[tuple[str, str], tuple[int, str]] = {}
    lemmas: Counter[tuple[str, str]] = Counter()
    for (form, upos, lemma), count in sorted(counts.items()):
        lemmas[(form, upos)] += 1
        if count > best.get((form, upos), (0, ""))[0]:
            best[(form, upos)] = (count, lemma)
    out.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    tmp = out.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as f:
        for (form, upos, lemma), count in sorted(counts.items()):
            row = f"1\t{form}\t{lemma}\t{upos}\t_\t_\t0\troot\t_\t_\n\n"
            extra = lemmas[(form, upos)] > 1 and best[(form, upos)][1] == lemma
            for _ in range(repeats(count) + extra):
                f.write(row)
                written += 1
    tmp.replace(out)
    return written
