"""Why a quote is what it is: the trace behind ``quotes explain``.

For a quote of a built dataset (or every quote of a text given on the command line) the article is
parsed again (from the build's parse cache when there is one) and run through extraction and
attribution with tracing on; the trace shows the sentence, the parse of the cue's clause, the
named rules that fired in order (``quotes.extract.rules``, each with the pattern it reads), and the
speaker candidates weighed and the rule that chose the speaker.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from pathlib import Path

from quotes.attribute import attribute
from quotes.attribute.speaker import resolve_speakers
from quotes.extract import extract_quotes
from quotes.extract.rules import describe
from quotes.extract.tree import Tree
from quotes.types import Article, ParsedDoc, Quote, QuoteSpan


@dataclass(frozen=True)
class Explanation:
    quote: Quote
    sentence: str
    clause: tuple[str, ...]  # one line per token of the cue's clause: index, word, tag, relation, head, role
    rules: tuple[tuple[str, str], ...]  # (rule name, what it reads), in the order they fired
    candidates: tuple[str, ...]  # what the speaker search weighed, nearest last


def parse(text: str, model: str = "embedded", cache_dir: Path | None = None) -> ParsedDoc:
    """The parse a build would have made of ``text`` (read from its parse cache when present)."""
    from quotes.nlp.cache import ParseCache
    from quotes.nlp.pipeline import get_pipeline, parse_text

    pipe, info = get_pipeline(model, None)
    cache = ParseCache(cache_dir, info.sha256) if cache_dir is not None and Path(cache_dir).is_dir() else None
    doc = cache.get(text) if cache else None
    return doc if doc is not None else parse_text(pipe, text, info.model_id)


def explain_doc(article: Article, doc: ParsedDoc) -> list[Explanation]:
    """An explanation for every quote extraction and attribution find in one parsed article."""
    spans = extract_quotes(doc)
    traces: list[list[str]] = [[] for _ in spans]
    resolve_speakers(doc, spans, traces=traces)
    quotes = attribute(article, doc, spans)
    return [_explain(doc, q, span, trace) for q, span, trace in zip(quotes, spans, traces)]


def explain_text(text: str, model: str = "embedded") -> list[Explanation]:
    article = Article("text", "text", "<text>", text, hashlib.sha256(text.encode()).hexdigest())
    return explain_doc(article, parse(text, model))


def explain_quote(quote_id: str, dataset: str | Path, cache_dir: Path | None = None) -> Explanation:
    """The explanation of one quote of a built dataset (``LookupError`` when it is not there)."""
    import polars as pl

    from quotes.dataset import open_dataset

    ds = open_dataset(dataset)
    rows = ds.quotes.filter(pl.col("quote_id") == quote_id)
    if rows.height == 0:
        raise LookupError(f"no quote {quote_id!r} in {ds.version_dir}")
    row = rows.row(0, named=True)
    art = ds.articles.filter(pl.col("article_id") == row["article_id"]).row(0, named=True)
    article = Article(**{f.name: art.get(f.name) for f in fields(Article)})  # older versions lack text_source
    cache = cache_dir if cache_dir is not None else Path(ds.version_dir).parent / ".cache"
    for e in explain_doc(article, parse(article.text, cache_dir=cache)):
        if (e.quote.type, e.quote.start, e.quote.end) == (row["type"], row["start"], row["end"]):
            return e
    raise LookupError(f"quote {quote_id!r} is not extracted from its article by this version of quotes")


def _explain(doc: ParsedDoc, q: Quote, span: QuoteSpan, trace: list[str]) -> Explanation:
    sentence = doc.sentences[q.sentence] if doc.sentences else None
    words = doc.text[sentence.start:sentence.end] if sentence else q.text
    anchor = span.cue.start if span.cue else q.start
    tree = next((Tree(s) for s in doc.sentences if s.start <= anchor < max(s.end, s.start + 1)), None)
    clause = _clause(tree, span) if tree is not None else ()
    return Explanation(q, " ".join(words.split()), clause,
                       tuple((name, describe(name)) for name in span.rules), tuple(trace))


def _clause(tree: Tree, span: QuoteSpan) -> tuple[str, ...]:
    """The cue's clause as CoNLL-like rows, the cue, speaker and content tokens marked."""
    cue = tree.token_at(span.cue.start) if span.cue else None
    if cue is None:
        return ()
    top = cue.head if cue.head and len(tree.subtree(cue.index)) < 3 else cue.index
    idx = tree.subtree(top)
    marks = {"cue": span.cue, "speaker": span.mention}

    def role(t) -> str:
        for name, s in marks.items():
            if s is not None and s.start <= t.start < s.end:
                return name
        return "content" if any(p.start <= t.start < p.end for p in span.parts or (span.content,)) else ""
    rows = []
    for i in range(min(idx), max(idx) + 1):
        t = tree.tok(i)
        rows.append(f"{t.index:>3} {t.text:<16} {t.upos:<6} {t.deprel:<11} {t.head:>3}  {role(t)}".rstrip())
    return tuple(rows)


def render(e: Explanation) -> str:
    q = e.quote
    out = [f"{q.type} quote: “{q.text}”", f"sentence {q.sentence}: {e.sentence}"]
    if e.clause:
        out += ["parse of the cue's clause (index, word, tag, relation, head):", *("  " + r for r in e.clause)]
    out.append("rules, in the order they fired:")
    out += [f"  {n}. {name}" + (f" — {why}" if why else "") for n, (name, why) in enumerate(e.rules, 1)]
    who = f"{q.speaker} ({q.speaker_type}{', ' + q.role if q.role else ''})" if q.speaker else "none"
    out.append(f"speaker: {who}; mention {q.speaker_mention!r}; cue {q.cue!r}")
    if q.speaker_rule:
        out.append(f"  found by: {q.speaker_rule}")
    out += ["  candidates weighed:", *("    " + c for c in e.candidates)] if e.candidates else []
    return "\n".join(out)
