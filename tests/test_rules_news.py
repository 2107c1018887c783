"""Rules for the ways news writing lays out quotations and names its sources (issue 23), each on
sentences written for the test; parse-pinned through tests/conllu where a rule reads the parse."""

from __future__ import annotations

from quotes.extract import extract_quotes
from quotes.extract.layout import layout_quotes
from quotes.extract.marks import find_marks
from tests.conllu import doc_from_conllu

# the parser hung the fronted "After the game" on the quoted clause, as it often does
FRONTED_THEN_TWO_PARAGRAPHS = """
1	After	after	ADP	IN	_	3	case	_	_
2	the	the	DET	DT	_	3	det	_	_
3	game	game	NOUN	NN	_	10	obl	_	SpaceAfter=No
4	,	,	PUNCT	,	_	3	punct	_	_
5	Kim	Kim	PROPN	NNP	_	6	nsubj	_	NER=S-PER
6	said	say	VERB	VBD	_	0	root	_	SpaceAfter=No
7	,	,	PUNCT	,	_	10	punct	_	_
8	"	"	PUNCT	``	_	10	punct	_	SpaceAfter=No
9	We	we	PRON	PRP	_	10	nsubj	_	_
10	played	play	VERB	VBD	_	6	ccomp	_	_
11	well	well	ADV	RB	_	10	advmod	_	SpaceAfter=No
12	.	.	PUNCT	.	_	10	punct	_	_

# newpar
1	It	it	PRON	PRP	_	5	nsubj	_	_
2	was	be	AUX	VBD	_	5	cop	_	_
3	a	a	DET	DT	_	5	det	_	_
4	long	long	ADJ	JJ	_	5	amod	_	_
5	day	day	NOUN	NN	_	0	root	_	SpaceAfter=No
6	.	.	PUNCT	.	_	5	punct	_	SpaceAfter=No
7	"	"	PUNCT	''	_	5	punct	_	_
"""


def test_fronted_adverbial_is_not_quoted_and_the_quote_stays_direct():
    first, _ = extract_quotes(doc_from_conllu(FRONTED_THEN_TWO_PARAGRAPHS))
    assert (first.type, first.content.text, first.mention.text) == ("direct", "We played well.", "Kim")
    assert "trim.fronted-adverbial" in first.rules


def test_quotation_closed_in_the_next_paragraph_continues_the_speaker():
    _, second = extract_quotes(doc_from_conllu(FRONTED_THEN_TWO_PARAGRAPHS))
    assert (second.type, second.content.text, second.mention.text) == ("direct", "It was a long day.", "Kim")
    assert second.rules[-2:] == ("link.continuation", "marks.closed-in-next-paragraph")


def test_marks_closed_in_next_paragraph_only_after_an_unclosed_one():
    text = 'He said, "We won.\n\nIt was hard." Then he left.'
    spans = [(text[m.start:m.end], m.carried) for m in find_marks(text)]
    assert spans == [("We won.", False), ("It was hard.", True)]
    # a closed quotation before: the next paragraph's plural possessive is no closing mark
    text = 'He said, "We won."\n\nThe players\' bus left. "Good," she said.'
    assert [text[m.start:m.end] for m in find_marks(text)] == ["We won.", "Good,"]
    # an apostrophe never closes a double quotation left open
    text = 'He said, "We won.\n\nThe players\' bus left.'
    assert [m.carried for m in find_marks(text)] == [False]


def _layout(text: str):
    return layout_quotes(text, find_marks(text), set(), lambda c: 0)


def test_quotation_signed_after_a_spaced_hyphen_at_the_line_end():
    text = 'Sites kept the video.\n\n"So far it is a long game." - Matthew Ingram\n\nIngram wrote more.'
    (q,) = _layout(text)
    assert (q.type, q.content.text, q.mention.text) == ("direct", "So far it is a long game.", "Matthew Ingram")
    assert q.rules == ("layout.hyphen-signature",)
    # a hyphen inside a sentence ('"..." - Smith and others said') signs nothing
    assert _layout('"We will win this vote." - Smith and Jones said so.') == []


def test_a_source_list_line_signed_by_an_outlet_and_a_date_is_no_quotation():
    text = ('The minister resigned.\n\nSources\n\n"Minister quits over lost files" — Harbour Ledger, '
            'March 3, 2021\n\n"Files found on bus" ― The Daily Courier, 3 March 2021')
    assert _layout(text) == []
    # a signature with no date is still a signed quotation
    (q,) = _layout('"We will rebuild the port before winter." — Harbour Minister Ana Ruiz')
    assert q.mention.text == "Harbour Minister Ana Ruiz"


def test_reasoning_and_theorizing_report_speech(quotes_of):
    qs = quotes_of('The city reasoned, "because the parents pay a fee, the school is a business." '
                   "Several engineers theorized that the bridge had been overloaded.")
    assert {(q.type, q.speaker) for q in qs} >= {("direct", "city"), ("indirect", "Several engineers")}


PULL = ("Lena Ortiz spent nine years on the ship. Ortiz says she was told to cut ties with her family.\n\n"
        "I was called in and told that my father had betrayed the group and that I had to stop seeing him. "
        "Lena Ortiz\n\n"
        "The group denies the account.")


def test_an_unmarked_paragraph_signed_by_a_person_of_the_article_is_a_pull_quote(quotes_of):
    (q,) = [q for q in quotes_of(PULL) if q.text.startswith("I was called in")]
    assert (q.type, q.speaker) == ("direct", "Lena Ortiz")
    assert q.text.endswith("stop seeing him.") and q.rule == ("layout.signed-pull-quote",)
    # the reported speech inside the pull quote is nested speech, not a quote of its own
    assert not [x for x in quotes_of(PULL) if x.text.startswith("my father")]


def test_a_signature_needs_a_name_the_article_uses_and_no_sentence_punctuation(quotes_of):
    unknown = PULL.replace("I had to stop seeing him. Lena Ortiz", "I had to stop seeing him. Maria Brandt")
    assert not [q for q in quotes_of(unknown) if q.rule == ("layout.signed-pull-quote",)]
    sentence = ("Lena Ortiz spent nine years on the ship. The council met for three hours on Tuesday "
                "night to discuss it. Mayor Ortiz, the chair, resigned.")
    assert not [q for q in quotes_of(sentence) if q.rule == ("layout.signed-pull-quote",)]


def test_a_paragraph_repeating_a_quotation_word_for_word_is_the_same_speakers_pull_quote(quotes_of):
    text = ('"We thank every city that applied," said Mayor Tom Reyes. "This was a very hard choice, but '
            'one made with the public in mind. The new park will open in May."\n\n'
            "This was a very hard choice, but one made with the public in mind.\n\n"
            "The park covers ten hectares.")
    (q,) = [q for q in quotes_of(text) if q.rule == ("layout.repeated-pull-quote",)]
    assert (q.type, q.speaker, q.text) == ("direct", "Tom Reyes",
                                           "This was a very hard choice, but one made with the public in mind.")


def test_a_cue_closing_a_paragraph_with_a_comma_introduces_the_next_paragraphs_quotation(quotes_of):
    text = ('The detective had been given files by the group. Omar Haddad stated,\n\n'
            '"Daniel was picked up by a driver in a black car. He was taken to an office for two hours."\n\n'
            "The group did not reply.")
    (q,) = [q for q in quotes_of(text) if q.text.startswith("Daniel")]
    assert (q.type, q.speaker) == ("direct", "Omar Haddad")
    assert "link.cue-closes-paragraph" in q.rule


def test_in_the_words_of_names_the_speaker_of_the_quotation_after_it(quotes_of):
    text = ('By the end the rash was severe, and in the words of the chief prosecutor, Helen Marsh, QC, '
            '"the girl spent her last months crying and scratching."')
    (q,) = quotes_of(text)
    assert (q.type, q.speaker, q.role, q.rule) == ("direct", "Helen Marsh", "chief prosecutor",
                                                   ("layout.in-the-words-of",))
    # the phrase with no quotation after it attributes nothing
    assert quotes_of("In the words of the old song, the river runs to the sea.") == []


def test_a_statement_issued_at_the_end_of_a_sentence_anchors_the_quotation_after_it(quotes_of):
    text = ('Mayor Tom Reyes issued a statement on the closure of the port. "Like many residents, I am '
            'disappointed with this decision."')
    (q,) = quotes_of(text)
    assert (q.type, q.speaker) == ("direct", "Tom Reyes")
    assert q.rule[-1] == "link.previous-sentence"
    # a statement that is not issued by anyone named anchors nothing
    assert quotes_of('A statement was read at noon. "Like many residents, I am disappointed."') == []


def test_a_photo_caption_between_two_paragraphs_of_a_quotation_does_not_end_it(quotes_of):
    text = ('Governor Ana Ruiz said she was disappointed. "While the museum was in the running, I am '
            'disappointed that the agency did not choose it."\n\n'
            "In 2008, the two shuttles await a journey on their launchpads. Image: NASA.\n\n"
            '"However, the trainer will soon call the museum home. It will help inspire young people."')
    (q,) = [q for q in quotes_of(text) if q.text.startswith("However")]
    assert (q.type, q.speaker) == ("direct", "Ana Ruiz") and "link.continuation" in q.rule
    # a paragraph of narrative between them does end it
    narrative = text.replace("Image: NASA.", "The museum opened in 1965 and draws many visitors.")
    assert not [q for q in quotes_of(narrative) if q.text.startswith("However") and q.speaker == "Ana Ruiz"]


def test_a_caption_line_ending_in_a_period_is_a_photo_caption():
    from quotes.ingest.lexicon import load_lexicon

    lex = load_lexicon()
    assert lex.line_group("The two shuttles await a journey on their launchpads. Image: NASA.") == "photo"
    assert lex.line_group("The two shuttles await a journey on their launchpads. Image: NASA") == "photo"
    assert lex.line_group("The shuttles await a journey on their launchpads.") is None


def test_a_directive_reports_its_infinitive_after_the_person_addressed(quotes_of):
    (q,) = quotes_of("Mayor Tom Reyes asked the regional transport council to reopen the harbour road.")
    assert (q.type, q.speaker) == ("indirect", "Tom Reyes") and q.text.endswith("reopen the harbour road")
    assert "council" not in q.text  # the person addressed is not what was asked
    (q,) = quotes_of("Several municipalities have started asking religious schools to pay property taxes.")
    assert q.text.endswith("pay property taxes") and q.speaker_type == "organization"


def test_a_named_conjunct_speaks_when_the_first_description_was_read_as_an_adjective(quotes_of):
    (q,) = quotes_of('American academic and professor Dana Whitfield commented, "Hoping that the campaign '
                     'becomes a national conversation on justice."')
    assert (q.type, q.speaker) == ("direct", "Dana Whitfield")


def test_a_cue_closing_its_paragraph_with_a_colon_introduces_an_unmarked_block_quote(quotes_of):
    text = ("In a statement to the Harbour Ledger, the port authority denied the allegations:\n\n"
            "The workers were never forced to stay. They were paid for every hour on the ship.\n\n"
            "The union disputes this.")
    qs = quotes_of(text)
    (q,) = [q for q in qs if q.rule == ("layout.colon-block-quote",)]
    assert (q.type, q.speaker, q.text) == ("direct", "port authority", "The workers were never forced to stay. "
                                           "They were paid for every hour on the ship.")
    assert not [x for x in qs if x.text == "the allegations"]  # the object only announced it
    # a list of points after the colon is no quotation
    listed = text.replace("They were paid for every hour on the ship.", "Pay (hours and rates)")
    assert not [x for x in quotes_of(listed) if x.rule == ("layout.colon-block-quote",)]


# the parser hung the quotation on the first clause's verb across "but he replied"
PLEADED_BUT_HE_REPLIED = """
1	His	his	PRON	PRP$	_	2	nmod:poss	_	_
2	aunt	aunt	NOUN	NN	_	3	nsubj	_	_
3	pleaded	plead	VERB	VBD	_	0	root	_	_
4	with	with	ADP	IN	_	5	case	_	_
5	him	he	PRON	PRP	_	3	obl	_	_
6	to	to	PART	TO	_	7	mark	_	_
7	see	see	VERB	VB	_	3	advcl	_	_
8	a	a	DET	DT	_	9	det	_	_
9	doctor	doctor	NOUN	NN	_	7	obj	_	SpaceAfter=No
10	,	,	PUNCT	,	_	13	punct	_	_
11	but	but	CCONJ	CC	_	13	cc	_	_
12	he	he	PRON	PRP	_	13	nsubj	_	_
13	replied	reply	VERB	VBD	_	3	conj	_	_
14	"	"	PUNCT	``	_	18	punct	_	SpaceAfter=No
15	I	I	PRON	PRP	_	18	nsubj	_	_
16	can	can	AUX	MD	_	18	aux	_	SpaceAfter=No
17	not	not	PART	RB	_	18	advmod	_	_
18	do	do	VERB	VB	_	3	ccomp	_	_
19	that	that	PRON	DT	_	18	obj	_	SpaceAfter=No
20	"	"	PUNCT	''	_	18	punct	_	SpaceAfter=No
21	.	.	PUNCT	.	_	3	punct	_	_
"""


def test_quotation_after_a_second_cue_is_that_cues_direct_speech():
    (q,) = extract_quotes(doc_from_conllu(PLEADED_BUT_HE_REPLIED))
    assert (q.type, q.content.text, q.mention.text, q.cue.text) == ("direct", "I cannot do that", "he", "replied")
    assert "pass.nearest-cue-takes-complement" in q.rules


# "who had told" hung on "meet" as an adverbial: the relative clause is lost in the parse
WHO_CLAUSE_LOST = """
1	Reyes	Reyes	PROPN	NNP	_	2	nsubj	_	NER=S-PER
2	flew	fly	VERB	VBD	_	0	root	_	_
3	to	to	ADP	IN	_	4	case	_	_
4	Lima	Lima	PROPN	NNP	_	2	obl	_	NER=S-GPE
5	to	to	PART	TO	_	6	mark	_	_
6	meet	meet	VERB	VB	_	2	advcl	_	_
7	with	with	ADP	IN	_	8	case	_	_
8	Okafor	Okafor	PROPN	NNP	_	6	obl	_	SpaceAfter=No|NER=S-PER
9	,	,	PUNCT	,	_	12	punct	_	_
10	who	who	PRON	WP	_	12	nsubj	_	_
11	had	have	AUX	VBD	_	12	aux	_	_
12	told	tell	VERB	VBN	_	6	advcl	_	_
13	him	he	PRON	PRP	_	12	iobj	_	_
14	the	the	DET	DT	_	15	det	_	_
15	job	job	NOUN	NN	_	18	nsubj	_	_
16	was	be	AUX	VBD	_	18	cop	_	_
17	still	still	ADV	RB	_	18	advmod	_	_
18	open	open	ADJ	JJ	_	12	ccomp	_	SpaceAfter=No
19	.	.	PUNCT	.	_	2	punct	_	_
"""


def test_a_relative_pronoun_speaker_is_the_noun_before_it_not_the_last_subject():
    from quotes.attribute import attribute
    from quotes.types import Article

    doc = doc_from_conllu(WHO_CLAUSE_LOST)
    spans = extract_quotes(doc)
    (q,) = attribute(Article("a_test", "t", "t.txt", doc.text, ""), doc, spans)
    assert (q.text, q.speaker) == ("the job was still open", "Okafor")
    assert "speaker.relative-antecedent" in q.speaker_rule


def test_a_name_written_out_before_its_bracketed_abbreviation_is_one_body(parse):
    from quotes.attribute.entities import build_entities, find_mentions

    doc = parse("The Union of Rural Bakers and Millers (URBM) has launched a petition. "
                "URBM said the tax would close small bakeries.")
    bodies = {e.canonical: sorted(m.text for m in e.mentions) for e in build_entities(find_mentions(doc), doc.text)}
    assert bodies.get("Union of Rural Bakers and Millers") == ["URBM", "URBM", "Union of Rural Bakers and Millers"]
    # a single capitalized word before the brackets is no written-out name
    doc = parse("Senator Ann Smith (NY) said the port was closed.")
    kinds = {e.canonical: e.kind for e in build_entities(find_mentions(doc), doc.text)}
    assert kinds.get("Ann Smith") == "PER" and "Senator Ann Smith" not in kinds


def test_the_city_is_the_local_government_the_article_named(quotes_of):
    qs = quotes_of("The fine was first demanded by the Municipality of Arvena in 2019. "
                   "The city argued that the clinic ran a commercial business.")
    (q,) = [q for q in qs if "commercial" in q.text]
    assert (q.speaker, q.speaker_type) == ("Municipality of Arvena", "organization")
    assert q.speaker_rule.endswith("speaker.local-government")
    # with no such body named, "the city" stays as written
    (q,) = quotes_of("Police closed the road. The city said the bridge was unsafe.")
    assert q.speaker == "city"


def test_a_body_named_before_a_generic_noun_is_that_body(quotes_of):
    qs = quotes_of("The motion came from deputies of the Harbour Workers League (HWL). "
                   "The HWL party said the port must stay public.")
    (q,) = [q for q in qs if "public" in q.text]
    assert q.speaker == "Harbour Workers League"
    assert q.speaker_rule.endswith("speaker.body-before-noun")
    # a person before the noun is no body: "the Reyes campaign" stays the campaign
    (q,) = quotes_of("The Reyes campaign said the poll was wrong.")
    assert q.speaker == "Reyes campaign"


# "claim" hung as a conjunct inside the clause "Okafor was a volunteer"
PLURAL_CUE_IN_REPORTED_CLAUSE = """
1	They	they	PRON	PRP	Number=Plur	3	nsubj	_	_
2	also	also	ADV	RB	_	3	advmod	_	_
3	claimed	claim	VERB	VBD	_	0	root	_	_
4	Okafor	Okafor	PROPN	NNP	Number=Sing	7	nsubj	_	NER=S-PER
5	was	be	AUX	VBD	_	7	cop	_	_
6	a	a	DET	DT	_	7	det	_	_
7	volunteer	volunteer	NOUN	NN	Number=Sing	3	ccomp	_	_
8	and	and	CCONJ	CC	_	9	cc	_	_
9	claim	claim	VERB	VB	VerbForm=Inf	7	conj	_	_
10	she	she	PRON	PRP	Number=Sing	11	nsubj	_	_
11	has	have	VERB	VBZ	_	9	ccomp	_	_
12	a	a	DET	DT	_	13	det	_	_
13	grudge	grudge	NOUN	NN	Number=Sing	11	obj	_	SpaceAfter=No
14	.	.	PUNCT	.	_	3	punct	_	_
"""


def test_a_plural_form_cue_inside_a_reported_clause_shares_the_outer_subject():
    quotes = extract_quotes(doc_from_conllu(PLURAL_CUE_IN_REPORTED_CLAUSE))
    (q,) = [q for q in quotes if "grudge" in q.content.text]
    assert (q.content.text, q.mention.text) == ("she has a grudge", "They")
    assert "speaker.conjunct-agreement" in q.rules


# the parser made "said" the root, "Most of the new money" its subject and "Okafor" the subject of "go"
NAME_ASIDE_IN_CLAUSE = """
1	Most	most	ADJ	JJS	Degree=Sup	7	nsubj	_	_
2	of	of	ADP	IN	_	5	case	_	_
3	the	the	DET	DT	Definite=Def|PronType=Art	5	det	_	_
4	new	new	ADJ	JJ	Degree=Pos	5	amod	_	_
5	money	money	NOUN	NN	Number=Sing	1	nmod	_	SpaceAfter=No
6	,	,	PUNCT	,	_	1	punct	_	_
7	said	say	VERB	VBD	Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin	0	root	_	_
8	Okafor	Okafor	PROPN	NNP	Number=Sing	11	nsubj	_	SpaceAfter=No|NER=S-PER
9	,	,	PUNCT	,	_	11	punct	_	_
10	will	will	AUX	MD	VerbForm=Fin	11	aux	_	_
11	go	go	VERB	VB	VerbForm=Inf	7	ccomp	_	_
12	to	to	SCONJ	IN	_	13	mark	_	_
13	dredging	dredge	VERB	VBG	Tense=Pres|VerbForm=Part	11	advcl	_	_
14	the	the	DET	DT	Definite=Def|PronType=Art	15	det	_	_
15	channel	channel	NOUN	NN	Number=Sing	13	obj	_	SpaceAfter=No
16	.	.	PUNCT	.	_	7	punct	_	_
"""


def test_inverted_name_between_commas_inside_the_clause_is_the_speaker():
    (q,) = extract_quotes(doc_from_conllu(NAME_ASIDE_IN_CLAUSE))
    assert (q.type, q.mention.text) == ("indirect", "Okafor")
    assert [p.text for p in q.parts] == ["Most of the new money", "will go to dredging the channel"]
    assert "speaker.name-aside-in-clause" in q.rules


def test_name_aside_needs_a_verbless_noun_phrase_before_it(quotes_of):
    # a clause before the aside has its own verb: the usual "CLAUSE, said NAME" reading holds
    qs = quotes_of("The ferry will sail daily, said Okafor, and the fares will stay low.")
    assert all("speaker.name-aside-in-clause" not in q.rule for q in qs)


def test_adding_a_thing_to_something_reports_no_words(quotes_of):
    qs = quotes_of('The agency renamed itself in May, adding the words "and Emergency" to its name. '
                   "The mayor added that the plan was sound. She added 200 jobs to the payroll last year, she said.")
    assert [(q.cue, q.text) for q in qs] == [("added", "the plan was sound"),
                                             ("said", "She added 200 jobs to the payroll last year")]


def test_a_belief_told_by_the_writer_is_no_attribution(quotes_of):
    # "think" reports what the writer says someone believed, not words anyone said
    qs = quotes_of("A neighbour wrongly thought the parcel held a bomb. The police chief said the parcel contained old books.")
    assert [(q.cue, q.text) for q in qs] == [("said", "the parcel contained old books")]


def test_a_document_noun_then_a_verb_form_the_tagger_read_as_a_plural_noun(quotes_of):
    qs = quotes_of("The study states that few schools teach first aid to pupils under twelve. "
                   "Several member states that joined the bloc later objected to the rule.")
    assert [(q.speaker, q.text) for q in qs] == [("study", "few schools teach first aid to pupils under twelve")]


def test_characterising_something_as_a_thing_is_reported_like_describing(quotes_of):
    qs = quotes_of("The union characterised the pay offer as an insult to nurses.")
    assert [(q.speaker, q.text, q.type) for q in qs] == [("union", "the pay offer as an insult to nurses", "indirect")]


def test_an_infinitive_after_the_person_pleaded_with_is_the_plea(quotes_of):
    qs = quotes_of("The mayor appealed to residents to stay indoors. "
                   'Her brother pleaded with him to call a doctor, but he replied "I cannot do that".')
    assert [(q.cue, q.text) for q in qs] == [("appealed", "stay indoors"), ("pleaded", "call a doctor"),
                                             ("replied", "I cannot do that")]


def test_a_clause_after_that_may_open_with_an_adverbial_clause(quotes_of):
    qs = quotes_of("The coach agreed, but also contended that since the season was short, the players needed more rest.")
    assert [(q.cue, q.text) for q in qs] == [("contended", "since the season was short, the players needed more rest")]


def test_a_cue_in_a_clause_of_purpose_reports_nothing_and_the_clause_stays_reported(quotes_of):
    qs = quotes_of("The mayor said the council had merged the two wards so it could claim a larger grant from the state. "
                   "The two firms merged last year so they could claim a larger share of the market.")
    assert [(q.cue, q.text) for q in qs] == [
        ("said", "the council had merged the two wards so it could claim a larger grant from the state")]
