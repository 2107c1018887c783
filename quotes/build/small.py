"""Whether an ``--append`` is small enough to parse in this process rather than in worker processes.

An append of a few articles spent most of its time not parsing but starting workers: each worker
is a fresh interpreter that imports torch and Stanza and loads the model, then has to be shut down
(measured: 9 s of a 15 s append of 10 passages waiting for two workers to be ready, 2 s joining
them, 1.6 s parsing). Parsed in-process (one model load, one torch thread, which on CPU parses
faster than one process with several) the same articles give the same rows: every engine runs the
same :class:`~quotes.build.process.ArticleProcessor` (``tests/test_build_engines.py``). What is lost
is the workers' isolation (time and memory budgets), which matters for a corpus, not for a handful
of articles.

The input is peeked lazily: records are read until more than ``limit`` articles not in the parent
have been seen (then the build uses workers, with the peeked records first) or the input ends.
At most ``max_records`` records are held, so re-appending a large corpus whose articles are all in
the parent does not buffer it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from itertools import chain
from pathlib import Path

from quotes.idmap import IdMap

INLINE_APPEND_ARTICLES = 32  # new articles up to which an append parses in-process (two batches)
MAX_PEEKED_RECORDS = 4096  # input records held while deciding


def article_ids(parts: Iterable[Path]) -> IdMap:
    """``article_id -> source_path`` of the articles parts ``parts``, read a part at a time."""
    import pyarrow.parquet as pq

    seen = IdMap("a")
    for f in parts:
        t = pq.read_table(f, columns=["article_id", "source_path"])
        seen.update(zip(t.column("article_id").to_pylist(), t.column("source_path").to_pylist()))
    return seen


def latest_article_ids(out: Path) -> IdMap | None:
    """``article_id -> source_path`` of the latest version at ``out``, or None when there is none."""
    from quotes.dataset import DatasetNotFound, resolve_version, table_files

    try:
        vdir = resolve_version(out)
    except DatasetNotFound:
        return None
    return article_ids(table_files(vdir, "articles"))


def few_new_articles(records: Iterable, seen: Container[str], limit: int = INLINE_APPEND_ARTICLES,
                     max_records: int = MAX_PEEKED_RECORDS) -> tuple[bool, Iterator]:
    """(at most ``limit`` articles of ``records`` are new, the records again from the first)."""
    it = iter(records)
    head: list = []
    new: set[str] = set()
    for rec in it:
        head.append(rec)
        art = getattr(rec, "article", None)
        if art is not None and art.article_id not in seen:
            new.add(art.article_id)
        if len(new) > limit or len(head) >= max_records:
            return False, chain(head, it)
    return True, iter(head)
