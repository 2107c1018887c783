"""The named extraction rules on hand-written parses (tests/conllu): each test pins the parse its
rule reads, so it holds whatever the embedded model does. A few end-to-end checks through the
model stay in test_extract.py and test_seeds.py; ``quotes explain`` is checked on a seed quote."""

from __future__ import annotations

import inspect

import pytest

from quotes.attribute import attribute
from quotes.extract import extract_quotes
from quotes.extract.cues import draft_for, read_verb
from quotes.extract.lexicon import cue_lexicon
from quotes.extract.rules import ORDER, PHASES, registered
from quotes.extract.subjects import quoted_tokens
from quotes.extract.tree import Tree
from quotes.types import Article
from tests.conllu import doc_from_conllu

SAID_THAT = """
1	Smith	Smith	PROPN	NNP	_	2	nsubj	_	NER=S-PER
2	said	say	VERB	VBD	_	0	root	_	_
3	that	that	SCONJ	IN	_	6	mark	_	_
4	taxes	tax	NOUN	NNS	_	6	nsubj	_	_
5	would	would	AUX	MD	_	6	aux	_	_
6	rise	rise	VERB	VB	_	2	ccomp	_	SpaceAfter=No
7	.	.	PUNCT	.	_	2	punct	_	_
"""

NOT_SAY = """
1	Smith	Smith	PROPN	NNP	_	4	nsubj	_	NER=S-PER
2	did	do	AUX	VBD	_	4	aux	_	_
3	not	not	PART	RB	_	4	advmod	_	_
4	say	say	VERB	VB	_	0	root	_	_
5	that	that	SCONJ	IN	_	8	mark	_	_
6	taxes	tax	NOUN	NNS	_	8	nsubj	_	_
7	would	would	AUX	MD	_	8	aux	_	_
8	rise	rise	VERB	VB	_	4	ccomp	_	SpaceAfter=No
9	.	.	PUNCT	.	_	4	punct	_	_
"""

SAID_GOVERNOR = """
1	“	“	PUNCT	``	_	4	punct	_	SpaceAfter=No
2	We	we	PRON	PRP	_	4	nsubj	_	_
3	will	will	AUX	MD	_	4	aux	_	_
4	win	win	VERB	VB	_	7	ccomp	_	SpaceAfter=No
5	,	,	PUNCT	,	_	4	punct	_	SpaceAfter=No
6	”	”	PUNCT	''	_	4	punct	_	_
7	said	say	VERB	VBD	_	0	root	_	_
8	Governor	governor	PROPN	NNP	_	7	nsubj	_	_
9	Ana	Ana	PROPN	NNP	_	8	flat	_	NER=B-PER
10	Ruiz	Ruiz	PROPN	NNP	_	8	flat	_	SpaceAfter=No|NER=E-PER
11	.	.	PUNCT	.	_	7	punct	_	_
"""

# the parser ran the relative clause on into the main clause ("left" hung on "dead")
SENATOR_WHO_SAID = """
1	The	the	DET	DT	_	2	det	_	_
2	senator	senator	NOUN	NN	_	0	root	_	SpaceAfter=No
3	,	,	PUNCT	,	_	5	punct	_	_
4	who	who	PRON	WP	_	5	nsubj	_	_
5	said	say	VERB	VBD	_	2	acl:relcl	_	_
6	the	the	DET	DT	_	7	det	_	_
7	bill	bill	NOUN	NN	_	9	nsubj	_	_
8	was	be	AUX	VBD	_	9	cop	_	_
9	dead	dead	ADJ	JJ	_	5	ccomp	_	SpaceAfter=No
10	,	,	PUNCT	,	_	5	punct	_	_
11	left	leave	VERB	VBD	_	9	conj	_	_
12	early	early	ADV	RB	_	11	advmod	_	SpaceAfter=No
13	.	.	PUNCT	.	_	11	punct	_	_
"""

WHEN_ASKED = """
1	When	when	SCONJ	WRB	_	2	mark	_	_
2	asked	ask	VERB	VBN	_	9	advcl	_	_
3	about	about	ADP	IN	_	5	case	_	_
4	the	the	DET	DT	_	5	det	_	_
5	delay	delay	NOUN	NN	_	2	obl	_	SpaceAfter=No
6	,	,	PUNCT	,	_	2	punct	_	_
7	the	the	DET	DT	_	8	det	_	_
8	spokesman	spokesman	NOUN	NN	_	9	nsubj	_	_
9	said	say	VERB	VBD	_	0	root	_	_
10	repairs	repair	NOUN	NNS	_	12	nsubj	_	_
11	would	would	AUX	MD	_	12	aux	_	_
12	take	take	VERB	VB	_	9	ccomp	_	_
13	a	a	DET	DT	_	14	det	_	_
14	week	week	NOUN	NN	_	12	obj	_	SpaceAfter=No
15	.	.	PUNCT	.	_	9	punct	_	_
"""

CONTINUED = """
1	“	“	PUNCT	``	_	4	punct	_	SpaceAfter=No
2	We	we	PRON	PRP	_	4	nsubj	_	_
3	will	will	AUX	MD	_	4	aux	_	_
4	win	win	VERB	VB	_	10	ccomp	_	_
5	the	the	DET	DT	_	6	det	_	_
6	vote	vote	NOUN	NN	_	4	obj	_	SpaceAfter=No
7	,	,	PUNCT	,	_	4	punct	_	SpaceAfter=No
8	”	”	PUNCT	''	_	4	punct	_	_
9	Smith	Smith	PROPN	NNP	_	10	nsubj	_	NER=S-PER
10	said	say	VERB	VBD	_	0	root	_	SpaceAfter=No
11	.	.	PUNCT	.	_	10	punct	_	_

# newpar
1	“	“	PUNCT	``	_	5	punct	_	SpaceAfter=No
2	It	it	PRON	PRP	_	5	nsubj	_	_
3	is	be	AUX	VBZ	_	5	cop	_	_
4	our	our	PRON	PRP$	_	5	nmod:poss	_	_
5	time	time	NOUN	NN	_	0	root	_	SpaceAfter=No
6	.	.	PUNCT	.	_	5	punct	_	SpaceAfter=No
7	”	”	PUNCT	''	_	5	punct	_	_
"""


def _article(doc) -> Article:
    return Article("a1", "s1", "<conllu>", doc.text, "0" * 64)


def _draft(conllu: str, word: str):
    """The per-verb rules run on one token of a one-sentence fixture: (draft, cue or None)."""
    tree = Tree(doc_from_conllu(conllu).sentences[0])
    tok = next(t for t in tree.tokens if t.text == word)
    d = draft_for(tree, tok, cue_lexicon(), quoted_tokens(tree))
    return d, read_verb(d)


def test_fixture_builds_text_and_offsets_from_rows():
    doc = doc_from_conllu(CONTINUED)
    assert doc.text == "“We will win the vote,” Smith said.\n“It is our time.”"
    smith = doc.sentences[0].tokens[8]
    assert doc.text[smith.start:smith.end] == "Smith" and smith.ner == "S-PER"
    assert doc.sentences[1].start == doc.text.index("\n") + 1


def test_every_listed_rule_is_registered_once_with_its_reason():
    rules = registered()
    listed = [name for phase in PHASES for name in ORDER.get(phase, ())]
    assert sorted(listed) == sorted(rules) and len(listed) == len(set(listed))
    for name, r in rules.items():
        assert r.phase in PHASES and name in ORDER[r.phase]
        assert "." in name and name == name.lower() and " " not in name
        assert len(r.why) > 20, f"{name} says nothing about the pattern it reads"


def test_per_verb_rules_take_one_typed_context():
    for r in registered().values():
        if r.phase in ("gate", "check", "speaker", "trim"):
            assert list(inspect.signature(r.fn).parameters) == ["d"], r.name


def test_clausal_complement_and_subject_are_named_on_the_quote():
    doc = doc_from_conllu(SAID_THAT)
    (q,) = extract_quotes(doc)
    assert (q.type, q.content.text, q.mention.text) == ("indirect", "taxes would rise", "Smith")
    assert q.rules == ("content.clausal", "speaker.subject", "quote.indirect")
    assert q.speaker_rule == "speaker.subject"


def test_quote_rows_carry_rule_and_speaker_rule():
    doc = doc_from_conllu(SAID_THAT)
    (quote,) = attribute(_article(doc), doc, extract_quotes(doc))
    assert quote.speaker == "Smith"
    assert list(quote.rule) == ["content.clausal", "speaker.subject", "quote.indirect"]
    assert quote.speaker_rule.startswith("speaker.subject > speaker.")


def test_negated_cue_is_dropped_by_its_gate():
    assert extract_quotes(doc_from_conllu(NOT_SAY)) == []
    d, cue = _draft(NOT_SAY, "say")
    assert cue is None and d.dropped_by == "cue.drop.negated"


def test_inverted_subject_after_a_quotation():
    (q,) = extract_quotes(doc_from_conllu(SAID_GOVERNOR))
    assert q.type == "direct" and q.content.text == "We will win,"
    assert q.mention.text == "Governor Ana Ruiz"
    assert q.speaker_rule == "speaker.inverted" and q.rules[-1] == "link.cue-whole-quotation"


def test_relative_aside_ends_at_its_comma_and_speaker_is_the_antecedent():
    (q,) = extract_quotes(doc_from_conllu(SENATOR_WHO_SAID))
    assert q.content.text == "the bill was dead"  # not "..., left early"
    assert "trim.relative-aside" in q.rules
    assert q.mention.text == "The senator" and q.speaker_rule == "speaker.subject+relative-antecedent"


def test_reduced_passive_reports_nothing_but_the_main_cue_does():
    d, cue = _draft(WHEN_ASKED, "asked")
    assert cue is None and d.dropped_by == "cue.drop.reduced-passive"
    (q,) = extract_quotes(doc_from_conllu(WHEN_ASKED))
    assert q.content.text == "repairs would take a week" and q.mention.text == "the spokesman"


def test_paragraph_continuation_keeps_the_speaker_and_says_so():
    first, second = extract_quotes(doc_from_conllu(CONTINUED))
    assert first.mention.text == second.mention.text == "Smith"
    assert second.content.text == "It is our time."
    assert second.rules[-1] == "link.continuation"
    # ('“...,” Smith said.': the name between the closing mark and a sentence-final cue)
    assert second.speaker_rule == "link.continuation > speaker.name-before-final-cue"


@pytest.fixture(scope="module")
def seed_dataset(tmp_path_factory):
    from quotes.build import build
    from tests.conftest import shared_path

    seeds = shared_path("seeds")
    out = tmp_path_factory.mktemp("seeds")
    build([str(seeds)], out, command=["test"])
    return out


def test_explain_a_seed_quote_shows_rules_and_speaker_evidence(seed_dataset):
    import polars as pl
    from typer.testing import CliRunner

    from quotes.cli import app
    from quotes.dataset import open_dataset
    from quotes.explain import explain_quote

    q = open_dataset(seed_dataset).quotes.filter(pl.col("text").str.contains("very strong unity of approach"))
    row = q.row(0, named=True)
    e = explain_quote(row["quote_id"], seed_dataset)
    assert [name for name, _ in e.rules] == list(row["rule"]) and e.rules
    assert all(why for _, why in e.rules)
    assert any("cue" in line for line in e.clause) and any("speaker" in line for line in e.clause)
    result = CliRunner().invoke(app, ["explain", row["quote_id"], str(seed_dataset)])
    assert result.exit_code == 0, result.output
    assert "Antony Blinken" in result.output and row["speaker_rule"] in result.output
    assert all(name in result.output for name in row["rule"])


ARTICLE_PHASES = ("marks", "relay", "quote", "refine", "layout", "link", "fragment", "post")


def test_article_rules_take_one_frozen_context():
    import dataclasses
    import typing

    for r in registered().values():
        if r.phase in ARTICLE_PHASES:
            (param,) = inspect.signature(r.fn).parameters
            context = typing.get_type_hints(r.fn)[param]
            assert dataclasses.is_dataclass(context) and context.__dataclass_params__.frozen, r.name


def _spans(text: str, *pieces: tuple[str, str, str]):
    """QuoteSpans over ``text``: (type, words, cue word) each, found by their first occurrence."""
    from quotes.types import QuoteSpan, Span

    def span(words: str) -> Span:
        at = text.index(words)
        return Span(at, at + len(words), words)
    return [QuoteSpan(t, span(words), 0, span(cue), None) for t, words, cue in pieces]


def test_dedupe_drops_reported_speech_nested_in_reported_speech_and_repeats():
    from quotes.extract.document import Document
    from quotes.extract.postpasses import PostContext, dedupe
    from quotes.types import ParsedDoc

    text = 'Smith said the mayor claimed the bridge was unsafe. "It is safe," Jones said.'
    outer, inner, direct = _spans(text, ("indirect", "the mayor claimed the bridge was unsafe", "said"),
                                  ("indirect", "the bridge was unsafe", "claimed"),
                                  ("direct", "It is safe,", "Jones said"))
    again = direct.__class__(**{**direct.__dict__, "confidence": 0.1})  # the same words twice
    ctx = PostContext(Document(ParsedDoc(text, (), "hand-built")), (outer, inner, direct, again))
    assert dedupe(ctx) == [outer, direct]
    # a direct quotation inside another cue's reported speech is its own speaker's words
    quoted = _spans(text, ("direct", "the bridge was unsafe", "claimed"))[0]
    assert dedupe(PostContext(ctx.doc, (outer, quoted))) == [outer, quoted]
