"""One test per quoting phenomenon, on sentences written for the tests and parsed by the embedded model."""

from __future__ import annotations

import pytest

from quotes.extract.marks import find_marks


def _one(quotes, type_=None, contains=None):
    found = [q for q in quotes if (type_ is None or q.type == type_) and (contains is None or contains in q.text)]
    assert found, f"no {type_ or ''} quote containing {contains!r} in {[(q.type, q.text) for q in quotes]}"
    return found[0]


# --- quotation marks on raw text (no parser) ---------------------------------------------------

def test_marks_curly_straight_single_and_apostrophes():
    text = 'He said "we will stay." It’s Pakistan’s view, ‘a real step’ and “a second one.”'
    spans = [text[m.start:m.end] for m in find_marks(text)]
    assert spans == ["we will stay.", "a real step", "a second one."]


def test_marks_latex_and_doubled_apostrophe_pairs():
    text = "''This isn't tax reform,'' he said. He called it ``a mess'' and ''a trap.''"
    spans = [text[m.start:m.end] for m in find_marks(text)]
    assert spans == ["This isn't tax reform,", "a mess", "a trap."]


def test_marks_unclosed_quote_runs_to_paragraph_end_and_mismatched_marks_pair():
    text = "“The first paragraph opens a quote\n\n“and the next one closes it,” she said.\nIt shared 'an assessment\" today."
    spans = [text[m.start:m.end] for m in find_marks(text)]
    assert spans[0] == "The first paragraph opens a quote"
    assert spans[1] == "and the next one closes it,"
    assert spans[2] == "an assessment"


def test_marks_closing_mark_typed_as_opener_at_a_line_start():
    text = "”Fear. I am truly afraid of him.” ― Edwin Monroy\nHe said it was “fine” and left."
    spans = [text[m.start:m.end] for m in find_marks(text)]
    assert spans == ["Fear. I am truly afraid of him.", "fine"]


@pytest.mark.parametrize("junk", ['"', "“”", "”“ ’‘", "''``", 'a "b', "«»"])
def test_marks_degrade_gracefully_on_junk(junk):
    for m in find_marks(junk):
        assert 0 <= m.start <= m.end <= len(junk)


# --- direct speech -------------------------------------------------------------------------------

def test_direct_quote_with_trailing_cue(quotes_of):
    qs = quotes_of("“We will rebuild the bridge before winter,” Mayor Jane Doe said on Tuesday.")
    q = _one(qs, "direct", "rebuild the bridge")
    assert q.text == "We will rebuild the bridge before winter,"
    assert q.speaker == "Jane Doe"
    assert q.role and "Mayor" in q.role
    assert q.cue == "said"


def test_split_quote_resumes_after_an_adverbial_aside(quotes_of):
    qs = quotes_of('"I think the moderator will be very fair," Trump said during a rally in Kenansville, N.C., '
                   '"but a lot of people are going to be watching to see if that\'s true."')
    q = _one(qs, "direct", "moderator will be very fair")
    assert q.text == ("I think the moderator will be very fair, but a lot of people are going to be "
                      "watching to see if that's true.")
    assert len(q.parts) == 2 and q.speaker == "Trump"


def test_second_piece_is_not_given_to_the_next_paragraphs_cue(quotes_of):
    text = ('"Many folks in Congress know little about these issues," said Cornell William Brooks, '
            'president of the NAACP. "We need people of substance."\n\nPeople like Scott, he said.')
    q = _one(quotes_of(text), "direct", "Many folks")
    assert q.text.endswith("We need people of substance.")
    assert q.speaker == "Cornell William Brooks"


def test_direct_quote_split_by_cue(quotes_of):
    qs = quotes_of("“The river is rising,” Police Chief Daniel Harlow said, “and we are ready to evacuate the valley.”")
    q = _one(qs, "direct", "river is rising")
    # one utterance made of both pieces, without the attribution between them
    assert q.text == "The river is rising, and we are ready to evacuate the valley."
    assert len(q.parts) == 2 and q.parts[0][0] == q.start and q.parts[1][1] == q.end
    assert q.speaker == "Daniel Harlow"
    assert len([x for x in qs if x.type == "direct"]) == 1


def test_quote_continued_after_the_attribution_sentence(quotes_of):
    qs = quotes_of("“These are strange days,” said Peter Morgan, a lawyer for the Sierra Club, who has been "
                   "challenging the coal industry for years. “I am skeptical he can pull it off.”")
    q = _one(qs, "direct", "strange days")
    assert q.text == "These are strange days, I am skeptical he can pull it off."
    assert q.speaker == "Peter Morgan"
    assert len(qs) == 1, [(x.type, x.text) for x in qs]  # the appositive is not reported speech


def test_doubled_apostrophe_quotes_and_attribution_with_apposition(quotes_of):
    qs = quotes_of("''Our assumption is that the veto will be overridden,'' Senate Majority Leader "
                   "Mitch McConnell, R-Ky., said Tuesday.")
    q = _one(qs, "direct", "veto will be overridden")
    assert q.text == "Our assumption is that the veto will be overridden,"
    assert q.speaker == "Mitch McConnell"


def test_negation_inside_the_quote_does_not_negate_the_cue(quotes_of):
    qs = quotes_of('"Are we where we need to be? Probably not," Ms. Moore said.')
    q = _one(qs, "direct", "Probably not")
    assert q.speaker == "Moore" and q.role is None  # an honorific is no role


def test_subheading_in_quotes_is_not_a_continued_quote(quotes_of):
    qs = quotes_of("“We were floored,” said Kevin Barrett, a former miner.\n\n'Legend in the Coal Fields.'\n\n"
                   "Bankruptcy is like a chess game.")
    assert [q.text for q in qs if q.type == "direct"] == ["We were floored,"]


def test_title_cased_name_in_quotes_is_not_speech(quotes_of):
    qs = quotes_of('Listeners called his "Keepin\' It Real" radio program, his advisers said.')
    assert not [q for q in qs if q.type == "direct"]
    qs = quotes_of('Gingrich made enlargement part of his 1994 "Contract with America," aides said.')
    assert not [q for q in qs if q.type == "direct"]


def test_multi_sentence_direct_quote(quotes_of):
    qs = quotes_of("The minister spoke to reporters.\n\n“We have no plan to raise taxes. The budget is balanced,” "
                   "Finance Minister Carla Mendes told reporters.")
    q = _one(qs, "direct", "no plan to raise taxes")
    assert "The budget is balanced" in q.text
    assert q.speaker == "Carla Mendes"


def test_colon_introduced_quote(quotes_of):
    qs = quotes_of("Russian Foreign Minister Sergey Lavrov remarked in a statement: "
                   "\"We stand ready to strengthen our cooperation with Pakistan.\"")
    q = _one(qs, "direct", "stand ready")
    assert q.speaker == "Sergey Lavrov"


def test_clause_before_a_colon_frames_the_quotation_of_an_inverted_attribution(quotes_of):
    qs = quotes_of("The letter ended with a warning about the cost of delay: “If we wait another year, "
                   "the river will be gone,” the mayors wrote.")
    q = _one(qs, "direct", "river will be gone")
    assert q.text == "If we wait another year, the river will be gone,"
    assert q.cue == "wrote"
    assert q.speaker_mention == "the mayors"


def test_split_quotation_hung_on_an_inverted_cue_is_direct_in_two_pieces(quotes_of):
    qs = quotes_of('Single mothers struggle, she wrote in an essay last week. "The number of households led by '
                   'single mothers has doubled in the past three decades," she wrote, "and the majority of these '
                   'women work in low-paying jobs."')
    q = _one(qs, "direct", "households led by")
    assert len(q.parts) == 2 and q.text.endswith("work in low-paying jobs.")
    assert q.cue == "wrote"


def test_quotation_content_ends_before_a_trailing_adverbial_clause(quotes_of):
    qs = quotes_of('She then urges her son to come out of the house and repeatedly says, "Don\'t you do it," '
                   'until sirens are heard.')
    q = _one(qs, "direct", "do it")
    assert q.text == "Don't you do it,"


def test_quote_paragraph_without_cue_inherits_previous_speaker(quotes_of):
    text = ("“The storm damaged forty homes,” said Governor Ana Ruiz.\n\n"
            "“We will help every family rebuild, and we will start this week.”")
    qs = quotes_of(text)
    q = _one(qs, "direct", "help every family")
    assert q.speaker == "Ana Ruiz"


def test_scare_quotes_and_titles_are_not_quotes(quotes_of):
    qs = quotes_of("The so-called “green corridor” plan was debated in the council on Monday.")
    assert qs == []


# --- reported speech --------------------------------------------------------------------------

def test_indirect_said_that(quotes_of):
    qs = quotes_of("The health minister, Carla Mendes, said that the new hospital would open in March.")
    q = _one(qs, "indirect", "hospital would open")
    assert not q.text.startswith("that")
    assert q.speaker == "Carla Mendes"


def test_indirect_object_cue(quotes_of):
    qs = quotes_of("Prime Minister Imran Khan stressed the importance of adopting coordinated approaches.")
    q = _one(qs, "indirect", "importance of adopting")
    assert q.cue == "stressed"
    assert q.speaker == "Imran Khan"


def test_blamed_x_for_y(quotes_of):
    qs = quotes_of("Opposition leader Maria Lopez has blamed the government for the collapse of the talks.")
    q = _one(qs, "indirect", "collapse of the talks")
    assert q.speaker == "Maria Lopez"


def test_according_to(quotes_of):
    qs = quotes_of("The factory will close in June, according to the company's chief executive, Tom Becker.")
    q = _one(qs, None, "factory will close")
    assert q.cue == "according to"
    assert "Becker" in (q.speaker or "")


def test_according_to_vouches_for_the_whole_clause_not_the_phrase_it_hangs_on(quotes_of):
    qs = quotes_of("About 9.9 million single mothers with young children live in the United States, "
                   "according to federal statistics.")
    q = _one(qs, None, "single mothers")
    assert q.text == "About 9.9 million single mothers with young children live in the United States"
    assert q.speaker == "federal statistics"


def test_agentless_passive_and_noun_phrases_are_not_reported_speech(quotes_of):
    qs = quotes_of("Repairs are estimated at $18.4 million. The plan would eventually add a protected "
                   "bike lane and a bus-only lane to the bridge.")
    assert qs == []


def test_negated_speech_is_not_a_quote(quotes_of):
    qs = quotes_of("The ministry would not say whether the border would reopen.")
    assert qs == []


def test_mixed_quote(quotes_of):
    qs = quotes_of('Mayor Elena Varga said the new budget was "a first step" toward fixing the roads.')
    q = _one(qs, "mixed", "first step")
    assert '"a first step"' in q.text
    assert q.speaker == "Elena Varga"


def test_relayed_speech_gives_quote_to_inner_speaker(quotes_of):
    qs = quotes_of("The State Department said Secretary of State Antony Blinken highlighted "
                   "“the importance of coordinating our diplomatic engagement” in talks with Pakistan.")
    q = _one(qs, None, "importance of coordinating")
    assert q.speaker == "Antony Blinken"
    assert q.via and "State Department" in q.via


def test_topic_only_inner_verb_keeps_relay_as_speaker(quotes_of):
    qs = quotes_of("Russia's foreign ministry said Lavrov and Blinken discussed the situation in Afghanistan.")
    q = _one(qs, None, "discussed the situation")
    assert "ministry" in (q.speaker or "")
    assert q.speaker_type == "organization"


def test_a_person_relays_nothing_the_claim_is_theirs(quotes_of):
    # A ministry's readout passes on another's words (test above); a person reporting what
    # someone did makes a claim of their own.
    qs = quotes_of("Dr. Connie Mariano said that in 1998, Clinton allowed her staff to think that "
                   "the problem was a pulled muscle.")
    q = _one(qs, None, "allowed her staff")
    assert q.speaker == "Connie Mariano"
    assert q.via is None


def test_a_reporting_noun_in_the_content_relays_nothing(quotes_of):
    # "the sheriff's claim that ..." is the writer's aside inside what the footage shows, not the
    # verb of a speaker the footage relays
    qs = quotes_of("Footage shows that the driver stopped at the light, contradicting the sheriff's "
                   "earlier claim that he had sped through it.")
    q = _one(qs, "indirect", "the driver stopped at the light")
    assert q.speaker == "Footage"
    assert q.cue == "shows"


def test_quotation_after_the_cue_ends_before_an_adverbial_clause(quotes_of):
    qs = quotes_of('Protesters chanted "What curfew?" as they marched past the police line.')
    q = _one(qs, "direct", "curfew")
    assert q.text == "What curfew?"
    assert q.speaker == "Protesters"


def test_quoted_utterance_ends_at_its_closing_mark_but_a_quoted_phrase_keeps_its_clause(quotes_of):
    qs = quotes_of('The coach walked along the bench and kept shouting, "Stay in your lanes," until the final '
                   'whistle blew.\n\nDozens of the applicants only specified “Buddhist” as their faith.')
    shout = _one(qs, None, "lanes")
    assert shout.text == "Stay in your lanes," and shout.type == "direct"
    listed = _one(qs, "mixed", "Buddhist")
    assert listed.text == "“Buddhist” as their faith"


def test_a_second_subject_hung_on_the_cue_is_the_reported_clauses_own(quotes_of):
    qs = quotes_of("That did not go over well with parents of the students, many of whom say the district's "
                   "warnings about possible cuts from the state government are unfounded.")
    q = _one(qs, None, "unfounded")
    assert q.text == "the district's warnings about possible cuts from the state government are unfounded"


def test_an_object_that_is_only_a_time_phrase_is_not_what_was_said(quotes_of):
    qs = quotes_of('So when the firm signaled last summer that it was going to sign a deal with Mr. Park, '
                   'the mayor said, "we were stunned."')
    assert not [q for q in qs if q.text.strip() == "last summer"]
    assert _one(qs, "direct", "stunned").cue == "said"


def test_the_speakers_apposition_before_the_cue_is_not_part_of_the_quotation(quotes_of):
    qs = quotes_of("“There's a huge gap between this council and frankly the mayor and our police,” Baker, "
                   "a veteran city commissioner, said Monday night on Channel 5’s “Evening Report.”")
    q = _one(qs, None, "huge gap")
    assert q.type == "direct" and q.speaker == "Baker" and "commissioner" not in q.text


def test_a_relative_aside_after_the_object_is_cut_even_when_its_comma_hangs_outside(quotes_of):
    qs = quotes_of("As someone who had to reject his church and its harsh teachings, who spent many lonely "
                   "years trying to fit in, and who has found peace at last, I tell myself that things will get better.")
    assert _one(qs, None, "harsh teachings").text == "his church and its harsh teachings"


def test_a_reported_clause_ending_on_a_speech_verb_runs_through_its_quotation(quotes_of):
    qs = quotes_of('I hope in 2019 Ohio says, "Senator Brown, thank you for a lifetime of hard work."')
    q = _one(qs, None, "Ohio says")
    assert q.cue == "hope" and q.text.endswith('hard work."')


def test_a_participle_on_a_channel_noun_is_no_cue(quotes_of):
    assert quotes_of("In a written statement on Friday, the senator was critical of the plan.") == []


def test_a_quotation_after_a_later_adverbial_cue_belongs_to_that_cue(quotes_of):
    qs = quotes_of('“Keep your eyes on the road,” Ortiz sings to the senator before asking him, '
                   '“I just want to know, where do we go from here?”')
    q = _one(qs, None, "where do we go")
    assert q.type == "direct" and q.cue == "asking" and q.speaker == "Ortiz"
    assert q.text == "I just want to know, where do we go from here?"


def test_a_subject_inside_a_dash_aside_does_not_speak_for_a_cue_after_it(quotes_of):
    qs = quotes_of("Dozens of students kept marching toward the capitol, circling the plaza near City Hall - where "
                   "the state's Supreme Court justices heard the appeal - while chanting, \"No justice, no peace.\"")
    assert _one(qs, "direct", "No justice").speaker == "Dozens of students"


def test_a_cue_inside_a_reported_clause_does_not_cut_it_short(quotes_of):
    qs = quotes_of("Warner said builders had loosely drawn these districts by adding a few poor neighborhoods to "
                   "richer suburbs so they could claim federal credits to build hotels, stadiums and malls.")
    (q,) = qs
    assert q.cue == "said" and q.text.startswith("builders had") and q.text.endswith("stadiums and malls")


def test_a_predicate_with_a_copula_after_and_is_not_the_speakers_next_act(quotes_of):
    qs = quotes_of("He says Smith’s early-morning tweets accusing Maria Lopez of having a criminal past and a "
                   "fake degree are “lies and wild fantasies.”")
    q = _one(qs, None, "wild fantasies")
    assert q.cue == "says" and q.text.startswith("Smith’s early-morning tweets")


def test_reported_words_stopping_on_a_subordinator_go_on_in_the_quotation(quotes_of):
    qs = quotes_of("She added that most of the young vote in Ohio seems more anti-Smith than pro-Jones, which is a "
                   "problem because, “In the end, we don’t vote against somebody. We vote for somebody.”")
    (q,) = qs
    assert q.type == "mixed" and q.cue == "added"
    assert q.text.startswith("most of the young vote") and q.text.endswith("for somebody.”")


def test_a_mixed_first_piece_joins_the_quotation_after_its_attribution(quotes_of):
    qs = quotes_of('Both political parties "saw Cuba as a country that was really reeling under pressure from '
                   'Russia," said Ana Ruiz, who served as Latin America director at the State Department. '
                   '"In that sense, it was like pushing on an open door."')
    (q,) = qs
    assert q.type == "mixed" and q.speaker == "Ana Ruiz"
    assert q.text.startswith("Both political parties") and q.text.endswith("open door.")


def test_an_inverted_speaker_after_the_cue_leaves_the_subject_before_it_to_the_clause(quotes_of):
    (q,) = quotes_of('The answers to the housing shortage are "not meeting the need," says Paul Diaz, founder of Homes Now.')
    assert q.speaker == "Paul Diaz" and q.text.startswith("The answers to the housing shortage are")


def test_object_cue_stops_before_a_second_cue_clause(quotes_of):
    qs = quotes_of('Prime Minister Imran Khan expressed satisfaction at their "upward trajectory", noting '
                   'that high-level exchanges were increasing and cooperation in various sectors was growing.')
    first = _one(qs, None, "satisfaction")
    assert first.text == 'satisfaction at their "upward trajectory"'
    second = _one(qs, None, "exchanges were increasing")
    assert second.cue == "noting" and second.speaker == "Imran Khan"


def test_prepositional_cue_keeps_the_phrases_that_continue_its_complement(quotes_of):
    qs = quotes_of("Blinken committed to consultations with the Government of Afghanistan, NATO allies, and "
                   "international partners regarding a collective strategy for Afghanistan.")
    q = _one(qs, None, "consultations")
    assert q.text.startswith("consultations with the Government of Afghanistan")
    assert q.text.endswith("a collective strategy for Afghanistan")


def test_labelling_reports_both_complements_and_phoning_reports_nothing(quotes_of):
    qs = quotes_of("Trump called Clinton a liar at the rally. She called him on Tuesday to discuss the deal.")
    q = _one(qs, None, "liar")
    assert q.text == "Clinton a liar" and q.speaker == "Trump"
    assert not [q for q in qs if "Tuesday" in q.text or "deal" in q.text]


def test_labelling_complement_hung_loosely_by_the_parser(quotes_of):
    qs = quotes_of("Senator Ana Rivera called her vote in favor of the Iraq war a mistake. The governor called "
                   "the holiday “a celebration of the ways faith can unite us.” Ms. Rivera called the company "
                   "in a hurry.")
    vote = _one(qs, None, "mistake")
    assert vote.text == "her vote in favor of the Iraq war a mistake" and vote.speaker == "Ana Rivera"
    holiday = _one(qs, None, "celebration")
    assert holiday.text.startswith("the holiday") and holiday.speaker == "governor"
    assert not [q for q in qs if "hurry" in q.text]


def test_intentions_and_beliefs_are_weak_cues_with_a_named_holder(quotes_of):
    qs = quotes_of("Senator Maria Lopez wants to expand paid leave for new parents. Many economists suspect "
                   "that the losses came from tax breaks. The storm is expected to feel colder tonight.")
    want = _one(qs, "indirect", "paid leave")
    assert want.cue == "wants" and want.speaker == "Maria Lopez"
    assert want.confidence < 0.5  # intentions and beliefs are reported with less confidence than speech
    belief = _one(qs, "indirect", "losses came from tax breaks")
    assert belief.cue == "suspect"
    assert not [q for q in qs if "colder" in q.text]  # "feel colder": no complement clause, no holder


def test_weak_verb_followed_by_that_reports_the_clause_however_it_is_attached(quotes_of):
    qs = quotes_of("The Charlotte Observer found that 1 in 4 residents lived in distressed neighborhoods. "
                   "The team found a way to win.")
    found = _one(qs, "indirect", "residents lived")
    assert found.text == "1 in 4 residents lived in distressed neighborhoods"
    assert found.speaker == "Charlotte Observer" and found.speaker_type == "organization"
    assert not [q for q in qs if "way to win" in q.text]

def test_attribution_set_off_by_commas_inside_the_reported_clause(quotes_of):
    qs = quotes_of("Acts of protest, Mr. Obama said, are acts of patriotism. "
                   "The economy, the governor said on Monday, is stronger than it was a year ago.")
    protest = _one(qs, "indirect", "acts of patriotism")
    assert protest.text == "Acts of protest are acts of patriotism" and protest.speaker == "Obama"
    assert [protest.start, protest.end] == [protest.parts[0][0], protest.parts[1][1]]
    economy = _one(qs, "indirect", "stronger")
    assert economy.text == "The economy is stronger than it was a year ago"
    assert "governor" in economy.speaker_mention and len(economy.parts) == 2


def test_reported_clause_ends_where_the_main_clause_resumes_and_skips_asides(quotes_of):
    qs = quotes_of("The senator, who said the bill was dead, left early. The mayor said, however, that the "
                   "plan was dead. That was what Liz Wahl said when she resigned from the network.")
    assert _one(qs, "indirect", "bill").text == "the bill was dead"
    assert _one(qs, "indirect", "plan").text == "the plan was dead"
    assert not [q for q in qs if "resigned" in q.text]  # when she said it, not what she said


def test_subject_of_the_reported_clause_misread_as_the_cues_object(quotes_of):
    qs = quotes_of("The Indiana governor said Democrats and the media are to blame for the chaos.")
    assert _one(qs, "indirect", "blame").text.startswith("Democrats and the media are to blame")


def test_relative_pronoun_speaker_is_the_person_it_stands_for(quotes_of):
    # (outside an editor's note, which is not reporting: see test_an_editors_note_is_not_reporting)
    qs = quotes_of("Senator Ana Rivera said the plant would close.\n\nDonald Trump is a serial liar "
                   "and birther who has repeatedly pledged to ban all Muslims from entering the U.S.")
    assert _one(qs, "indirect", "ban all Muslims").speaker == "Donald Trump"

def test_the_person_addressed_is_not_part_of_what_was_told(quotes_of):
    qs = quotes_of("Merkel told reporters after the meeting that was held on a boat that the bloc was united. "
                   "Trump told an invited crowd that he would win.")
    assert _one(qs, "indirect", "bloc").text == "the bloc was united"
    assert _one(qs, "indirect", "would win").text == "he would win"

def test_title_case_headlines_are_read_off_the_surface(quotes_of):
    qs = quotes_of("Chris Christie Calls Hillary Clinton ‘A Disgrace’ Over Police Shooting Comments\n\n"
                   "Trump Could Address Clean Energy, Lindsey Graham Says\n\n"
                   "Imran-Putin Discuss Afghanistan")
    calls = _one(qs, None, "Disgrace")
    assert calls.speaker == "Chris Christie" and calls.cue == "Calls" and calls.type == "mixed"
    says = _one(qs, None, "Clean Energy")
    assert says.text == "Trump Could Address Clean Energy" and says.speaker == "Lindsey Graham"
    assert not [q for q in qs if "Afghanistan" in q.text]  # a headline naming a topic reports nothing

# --- attribution ------------------------------------------------------------------------------

def test_plural_mention_resolves_to_the_last_pair_of_names(quotes_of):
    text = ("China and Russia have moved to engage with the new government. However, both superpowers "
            "have stopped short of recognising it, reiterating concerns about its treatment of women.")
    q = _one(quotes_of(text), None, "concerns about its treatment")
    assert q.speaker == "China and Russia"  # a participle's subject, not the object before it


def test_parenthetical_relay_gives_the_agreement_to_its_parties(quotes_of):
    qs = quotes_of('Prime Minister Imran Khan called President Vladimir Putin on Tuesday.\n\n'
                   'Khan and Putin agreed to "closely cooperate for promoting regional peace", it added.')
    q = _one(qs, None, "closely cooperate")
    assert q.speaker == "Imran Khan and Vladimir Putin"
    assert q.via == "it"


def test_pronoun_agrees_in_gender_with_its_antecedent(quotes_of):
    text = ("Ms. Laura Rivera, the city's housing director, met Mr. Daniel Okafor on Monday.\n\n"
            "Mr. Okafor asked for more money. She said the city would double the housing budget.")
    q = _one(quotes_of(text), None, "double the housing budget")
    assert q.speaker == "Laura Rivera"


def test_pronoun_and_nominal_mentions_resolve_to_the_named_person(quotes_of):
    text = ("Pentagon Press Secretary John F Kirby said the talks were useful.\n\n"
            "He added that the United States would stay engaged.\n\n"
            "Later, the Pentagon press secretary said that no decision had been made.")
    qs = quotes_of(text)
    added = _one(qs, "indirect", "stay engaged")
    later = _one(qs, "indirect", "no decision")
    assert added.speaker == "John F Kirby" and added.speaker_mention == "He"
    assert later.speaker == "John F Kirby"
    assert added.role == "Pentagon Press Secretary"
    assert added.speaker_type == "person"


def test_organization_speaker_type(quotes_of):
    qs = quotes_of("The Ministry of Health said in a statement that vaccination would resume next week.")
    q = _one(qs, "indirect", "vaccination would resume")
    assert q.speaker_type == "organization"


def test_hyphenated_names_stay_whole_and_a_possessive_title_keeps_its_country(quotes_of):
    qs = quotes_of("Civil Defense Authority director Khaled Al-Maeena said the fire was under control. "
                   "New Zealand's Prime Minister John Key said the vote would be close.")
    fire = _one(qs, "indirect", "fire")
    assert fire.speaker == "Khaled Al-Maeena" and fire.role == "Civil Defense Authority director"
    vote = _one(qs, "indirect", "vote")
    assert vote.speaker == "John Key" and vote.role == "New Zealand's Prime Minister"


def test_lower_case_name_particles_and_organization_names_ending_in_their_head(quotes_of):
    qs = quotes_of("Spokesman Suleiman al-Amr said the wounded were taken to hospital. According to the Saudi "
                   "Interior Ministry, 700 pilgrims have been killed in a stampede near Mecca.")
    assert _one(qs, "indirect", "wounded").speaker == "Suleiman al-Amr"
    ministry = _one(qs, "indirect", "pilgrims")
    assert ministry.speaker == "Saudi Interior Ministry" and ministry.role is None

def test_two_honorific_names_joined_by_and_are_one_group_speaker(quotes_of):
    qs = quotes_of("Senator Chuck Grassley and Senator Patrick Leahy wrote to the agency in May.\n\n"
                   "But Mr. Grassley and Mr. Leahy said developers had stretched the rules.")
    assert _one(qs, "indirect", "developers").speaker == "Chuck Grassley and Patrick Leahy"

def test_places_speaking_for_their_governments_are_not_people(quotes_of):
    qs = quotes_of("Virginia said it would appeal the ruling. Charlotte Gray said the ruling was fair.")
    assert _one(qs, "indirect", "appeal").speaker_type == "organization"
    assert _one(qs, "indirect", "fair").speaker_type == "person"

# --- layout attribution (no parser needed) ---------------------------------------------------

def test_layout_dash_epigraph_and_transcript_labels():
    from quotes.extract.layout import layout_quotes

    text = ("“Hearing his words makes me afraid for our future.” ― Krystal Correa\n\n"
            "WASHINGTON: The debate starts at nine.\n\n"
            "WALLACE: Let us start with the news of the day.\n\n"
            "PENCE: Well, look, the tweet was a joke and nothing more.\n\n"
            "WALLACE: Do you really see those two as equivalent?\n\n"
            "PENCE: I do, and I will say it again tonight.")
    marks = find_marks(text)
    used: set[int] = set()
    qs = layout_quotes(text, marks, used, lambda c: 0)
    dash = [q for q in qs if q.rules == ("layout.dash",)]
    assert len(dash) == 1 and dash[0].mention.text == "Krystal Correa" and dash[0].cue.text == "―"
    labels = sorted({q.mention.text for q in qs if q.rules in (("layout.transcript",), ("layout.headline-label",))})
    assert labels == ["PENCE", "WALLACE"]  # the one-off dateline "WASHINGTON:" is no speaker
    assert all(text[q.content.start:q.content.end] == q.content.text for q in qs)


def test_layout_transcript_turn_over_paragraphs_reopened_by_a_mark():
    from quotes.extract.layout import layout_quotes

    text = ('"HOST: Is the bridge going to open on time this spring?\n\n'
            '"MAYOR: Well, the crews are working nights.\n\n'
            '"And the steel arrived last week, so we are ahead of plan.\n\n'
            '"(LAUGHTER.)\n\n'
            '"HOST: Then we will see you at the ribbon cutting.\n\n'
            '"MAYOR: You will, and bring the family.\n\n'
            '"Follow the show on Twitter @citydesk."')
    qs = layout_quotes(text, find_marks(text), set(), lambda c: 0)
    turns = sorted((q.mention.text, q.content.text) for q in qs)
    assert turns == [("HOST", "Is the bridge going to open on time this spring?"),
                     ("HOST", "Then we will see you at the ribbon cutting."),
                     ("MAYOR", "Well, the crews are working nights.\n\n\"And the steel arrived last week, "
                               "so we are ahead of plan."),
                     ("MAYOR", "You will, and bring the family.")]
    assert all(text[q.content.start:q.content.end] == q.content.text for q in qs)


def test_layout_headline_label_naming_a_person_before_quoted_words():
    from quotes.extract.layout import layout_quotes

    text = ("Advice from Maria Okafor: 'Build the bridge before the stadium.'\n\n"
            "The council heard from Maria Okafor, the city engineer, on Tuesday.")
    (q,) = [q for q in layout_quotes(text, find_marks(text), set(), lambda c: 0) if q.rules == ("layout.headline-label",)]
    assert q.type == "indirect" and q.mention.text == "Maria Okafor"
    assert q.content.text == "'Build the bridge before the stadium.'"
    for text in ("A Bold Plan for the Harbor: Dredge Deeper, Build 'Higher.'\n\nThe port board met on Monday.",
                 "Okafor on the Budget: The Bridge Comes First.\n\nThe council heard from Maria Okafor."):
        assert not [q for q in layout_quotes(text, find_marks(text), set(), lambda c: 0)]


def test_layout_signed_testimonial_runs_from_its_paragraph_opening_mark():
    from quotes.extract.layout import layout_quotes

    text = ("“Nobody in my family wants a leader like this. As my aunt says ‘Some people have only money.” "
            "And that is all he has, “the root of all evil’.” ― Rosa Delgado.\n\nMore stories below.")
    (q,) = layout_quotes(text, find_marks(text), set(), lambda c: 0)
    assert q.mention.text == "Rosa Delgado" and q.content.text.startswith("Nobody in my family")
    assert q.content.text.endswith("the root of all evil’.")


def test_marks_quote_inside_a_quote_stays_inside():
    text = "“I’d rather live in what he calls “hell” than in his world,” she wrote. He said “yes” and “no.”"
    spans = [text[m.start:m.end] for m in find_marks(text)]
    assert spans == ["I’d rather live in what he calls “hell” than in his world,", "yes", "no."]


def test_lower_case_heads_that_name_no_source_are_not_speakers(parse):
    from quotes.attribute.speaker import SpeakerResolver
    from quotes.types import Span

    text = ("The developers said the plan works. A compliment came from the spokesman. "
            "Kadzik's refusal angered the lawmakers. The delay surprised the pollster.")
    resolver = SpeakerResolver(parse(text))

    def plausible(phrase: str) -> bool:
        start = text.index(phrase)
        return resolver._plausible_source(Span(start, start + len(phrase), phrase))

    for source in ("The developers", "the spokesman", "the lawmakers", "the pollster"):
        assert plausible(source), source
    for misparse in ("A compliment", "Kadzik's refusal", "The delay"):
        assert not plausible(misparse), misparse


def test_title_apposed_to_a_name_and_gendered_nominal_resolve_to_that_person(quotes_of):
    text = ("Opposition health spokesman Jonas Weller said that the announcement recycled old promises.\n\n"
            "Ana Carvalho, a spokeswoman for the Ministry of Health, said earlier this week that a detailed "
            "schedule would be released within weeks. The spokeswoman added that district councils would "
            "be consulted before any site is chosen.")
    qs = quotes_of(text)
    assert _one(qs, None, "detailed schedule").speaker == "Ana Carvalho"
    assert _one(qs, None, "district councils").speaker == "Ana Carvalho"  # not the spokesman
    assert _one(qs, None, "recycled old promises").speaker == "Jonas Weller"


def test_sentence_adverb_is_never_a_name(quotes_of):
    qs = quotes_of('Prime Minister Imran Khan spoke to Putin. Furthermore, the premier stressed that the '
                   'international community must stay "positively engaged in support of the people of Afghanistan".')
    assert _one(qs, None, "international community").speaker == "Imran Khan"


def test_object_content_keeps_a_coordinated_verb_the_parser_hung_on_the_cue(quotes_of):
    qs = quotes_of("She stressed the need to train and keep more nurses outside the big cities, noting that "
                   "a third of rural nursing posts are currently vacant.")
    assert _one(qs, None, "need to train").text == "the need to train and keep more nurses outside the big cities"
    assert _one(qs, None, "third of rural").cue == "noting"


def test_time_phrase_before_that_is_not_content_and_accented_names_stay_whole(quotes_of):
    qs = quotes_of("Inês Carvalho, a spokeswoman for the Ministry of Health, said earlier this week that a "
                   "detailed schedule would be released “within weeks.”")
    q = _one(qs, None, "detailed schedule")
    assert q.text.startswith("a detailed schedule would be released")
    assert q.speaker == "Inês Carvalho"


def test_speaker_is_not_the_outlet_named_in_a_phrase_before_it(quotes_of):
    qs = quotes_of("In an interview on CBS's \"Face the Nation,\" House Speaker Paul D. Ryan (R-Wis.) said the "
                   "recent spate of police shootings and protests demands that all Americans engage in "
                   "\"more listening\" and \"more learning.\"")
    q = _one(qs, None, "recent spate")
    assert q.speaker == "Paul D. Ryan"


def test_according_to_a_document_names_it_without_the_preposition_as_an_organization(quotes_of):
    qs = quotes_of("Mrs. Clinton now holds a gaping advantage among black voters, according to a New York "
                   "Times/CBS News poll released last week.")
    q = _one(qs, None, "gaping advantage")
    assert q.speaker == "New York Times/CBS News poll"
    assert q.speaker_type == "organization"


def test_inverted_speaker_misread_as_complement_and_passive_misread_subject(quotes_of):
    qs = quotes_of("“The president’s rationales to veto the bill don’t hold weight. They are 100 percent wrong,” "
                   "said 9/11 widow Terry Strada.")
    q = _one(qs, "direct", "rationales")
    assert q.speaker == "Terry Strada"
    qs = quotes_of('While having a heated debate about the presidential nominees, a friend commented: '
                   '"For you, immigration is the most important reason to not vote for Trump."')
    q = _one(qs, "direct", "immigration")
    assert q.speaker == "friend" and q.speaker_type == "person"


def test_quoted_show_name_after_a_possessive_is_not_a_quote(quotes_of):
    qs = quotes_of("Heading into the first debate, Sanders told MSNBC's \"Morning Joe\" that nobody would "
                   "question her intelligence.")
    assert not [q for q in qs if q.type == "direct"]
    assert _one(qs, None, "nobody would question").speaker == "Sanders"


def test_the_two_agreed_to_is_the_agreement_of_the_last_pair_named(quotes_of):
    qs = quotes_of("Russian Foreign Minister Sergey Lavrov and US Secretary of State Antony Blinken spoke by "
                   "phone on Monday. The two agreed 'to continue consultations' that would involve China and "
                   "the UN.")
    q = _one(qs, None, "continue consultations")
    assert q.speaker == "Sergey Lavrov and Antony Blinken"
    assert q.cue == "agreed"


def test_a_sentence_that_starts_inside_a_quotation_takes_no_speaker_from_it(quotes_of):
    qs = quotes_of("“Hillary Clinton’s campaign is in panic mode. Full panic mode,” said Leslie Wimes, a "
                   "South Florida-based president of the Democratic African-American Women Caucus.")
    (q,) = qs
    assert q.type == "direct" and q.speaker == "Leslie Wimes"
    assert q.text == "Hillary Clinton’s campaign is in panic mode. Full panic mode,"


def test_called_on_someone_to_act_and_described_as(quotes_of):
    qs = quotes_of("Scott's family has called on police to release the videos and called on people to protest "
                   "peacefully. In contrast, Ham described Clinton as “a lifetime politician.” Ms. Ortiz called "
                   "him on Friday to thank him.")
    assert _one(qs, "indirect", "release").text == "police to release the videos"
    assert _one(qs, "indirect", "protest").text == "people to protest peacefully"
    described = _one(qs, None, "lifetime")
    assert described.text == "Clinton as “a lifetime politician.”" and described.speaker == "Ham"
    assert not [q for q in qs if "thank" in q.text]


def test_plural_noun_tags_on_speech_verbs_and_joked_that(quotes_of):
    qs = quotes_of("But Senator Trent Lowe claims that he should be the exception. The alliance advocates for "
                   "equal educational opportunities. Mr. Lee joked that the committee would need a bigger room. "
                   "The crowd shouted profanities.")
    claims = _one(qs, "indirect", "exception")
    assert claims.text == "he should be the exception" and claims.speaker == "Trent Lowe"
    assert _one(qs, "indirect", "equal educational").cue == "advocates"
    assert _one(qs, "indirect", "bigger room").cue == "joked"
    assert not [q for q in qs if "profanities" in q.text]


def test_surface_reading_stops_before_the_speakers_next_act_and_skips_a_phrase_before_that(quotes_of):
    qs = quotes_of("Protesters chanted \"What curfew?\" and kept going until nearly 2 a.m.\n\nMr. Hale tweeted in "
                   "the early morning hours that Ms. Cruz was “disgusting.”")
    chant = _one(qs, None, "curfew")
    assert chant.text == "What curfew?" and chant.type == "direct"
    tweet = _one(qs, None, "disgusting")
    assert tweet.text.startswith("Ms. Cruz was") and tweet.speaker == "Hale"


def test_casting_someone_as_a_quoted_phrase_is_a_weak_mixed_quote(quotes_of):
    qs = quotes_of("Senator Harry Reid has gone after Trump as a “human leech who will bleed the country.” "
                   "Mr. Gingrich dismissed NATO member Estonia as being in the “suburbs of St. Petersburg.” "
                   "She worked as a “fixer” for the campaign.")
    leech = _one(qs, "mixed", "leech")
    assert leech.speaker == "Harry Reid" and leech.confidence < 0.5
    assert _one(qs, "mixed", "suburbs").text.startswith("NATO member Estonia as being")
    assert not [q for q in qs if "fixer" in q.text]  # no object cast as anything


def test_reporting_noun_with_a_possessor_and_a_that_clause(quotes_of):
    qs = quotes_of("Politifact examined Donald Trump’s claim that there have been “thousands of shootings” in "
                   "Chicago this year alone. The claim that the vote was rigged spread quickly.")
    claim = _one(qs, None, "thousands")
    assert claim.speaker == "Donald Trump" and claim.cue == "claim"
    assert claim.text.startswith("there have been “thousands of shootings”")
    assert not [q for q in qs if "rigged" in q.text]  # nobody's claim


def test_evidence_subjects_report_their_object(quotes_of):
    qs = quotes_of("Polling averages show Clinton with a lead in the low single digits. A 2014 study found 31 "
                   "incidents of voter impersonation. The team found a way to win.")
    poll = _one(qs, "indirect", "lead")
    assert poll.text == "Clinton with a lead in the low single digits" and poll.confidence < 0.5
    assert _one(qs, "indirect", "impersonation").cue == "found"
    assert not [q for q in qs if "way to win" in q.text]  # a team is no piece of evidence


def test_a_later_speech_act_ends_the_content_and_shares_the_speaker(quotes_of):
    qs = quotes_of("Foreign policy analysts said geopolitical factors have contributed to Burma's bipartisan "
                   "appeal, citing the strategic importance of a nation that borders China. Even China said it "
                   "was \"resolutely opposed\" to the test and warned North Korea to refrain from further actions.")
    said = _one(qs, "indirect", "geopolitical")
    assert said.text == "geopolitical factors have contributed to Burma's bipartisan appeal"
    citing = _one(qs, "indirect", "strategic importance")
    assert citing.cue == "citing" and citing.speaker == "Foreign policy analysts"
    assert _one(qs, "mixed", "resolutely").text == 'it was "resolutely opposed" to the test'
    assert _one(qs, "indirect", "refrain").cue == "warned"


def test_a_circumstance_clause_is_not_what_was_said(quotes_of):
    qs = quotes_of("But when Congress cut funding for the pilot program two years later, Mexico said enough. "
                   "Mr. Hollande spoke as he entered the talks. He said if the bill passes, prices will rise.")
    assert not [q for q in qs if "Congress cut" in q.text]
    assert _one(qs, "indirect", "prices will rise").text == "if the bill passes, prices will rise"


def test_called_for_a_gerund_and_called_an_indirect_object_something(quotes_of):
    qs = quotes_of("Senator Ana Rivera has called for eliminating the tax treatment of carried interest. "
                   "He called Burma a \"good news story.\" Officials thanked the volunteers for their help.")
    assert _one(qs, "indirect", "eliminating").text == "eliminating the tax treatment of carried interest"
    assert _one(qs, None, "news story").text.startswith("Burma a")
    assert _one(qs, "indirect", "volunteers").cue == "thanked"


def test_according_to_vouches_for_the_clause_across_the_comma(quotes_of):
    qs = quotes_of("When the training is tailored to the veteran, it can be effective in reducing suicide, "
                   "according to Craig Bryan, head of the center, and other scientists. According to the union, "
                   "the company took steps to improve its chances in court. The company, according to two "
                   "people familiar with the talks, is close to a deal.")
    assert _one(qs, "indirect", "suicide").text == ("When the training is tailored to the veteran, it can be "
                                                    "effective in reducing suicide")
    assert _one(qs, "indirect", "chances").text == "the company took steps to improve its chances in court"
    assert _one(qs, "indirect", "deal").text == "The company is close to a deal"


def test_inverted_attribution_keeps_the_clause_from_the_sentence_start(quotes_of):
    qs = quotes_of("A cashier who “steals a handful of $20s” is held accountable, Senator Warren said.")
    (q,) = qs
    assert q.text == "A cashier who “steals a handful of $20s” is held accountable" and q.speaker == "Warren"


def test_as_someone_put_it_reports_the_clause(quotes_of):
    qs = quotes_of("As one analyst put it, the plan is dead on arrival. He put it on the table.")
    (q,) = qs
    assert q.text == "the plan is dead on arrival" and q.speaker == "one analyst" and q.cue == "put it"


def test_agent_or_channel_after_the_cue_is_no_content(quotes_of):
    qs = quotes_of("(Reporting by Valerie Volcovici; Editing by Will Dunham)\n\nMr. Clarke commented "
                   "through a spokesman.")
    assert qs == []


def test_labelling_keeps_its_complement_and_an_apposed_name_after_an_affiliation_speaks(quotes_of):
    qs = quotes_of("His former business partner at Lenox, Lawrence B. Cummings, called him a master at bolting "
                   "together impossible business transactions.")
    (q,) = qs
    assert q.text == "him a master at bolting together impossible business transactions"
    assert q.speaker == "Lawrence B. Cummings" and q.speaker_type == "person"


def test_the_subject_before_an_apposition_speaks_and_a_plural_party_is_an_organization(quotes_of):
    qs = quotes_of("The Greens, a junior partner in the coalition, said they backed the plan.")
    (q,) = qs
    assert q.speaker == "Greens" and q.speaker_type == "organization"


def test_a_name_apposed_to_a_titled_phrase_speaks_and_a_time_phrase_opens_no_content(quotes_of):
    qs = quotes_of("A spokesman for the Sudanese army, Brigadier General Nabil Abdallah, said on Tuesday the "
                   "army was open to talks. The spokesman added that the army controlled most of the capital.",
                   published="2024-04-16")
    first, second = sorted(qs, key=lambda q: q.start)
    assert first.text == "the army was open to talks"
    assert first.speaker == "Nabil Abdallah" and first.role == "spokesman for the Sudanese army"
    assert first.said_on == "2024-04-16"  # "on Tuesday" is when it was said, not what
    assert second.speaker == "Nabil Abdallah" and second.role == "spokesman for the Sudanese army"


def test_a_named_organization_ends_in_an_organization_word(quotes_of):
    (q,) = quotes_of("Aid groups have warned of famine, according to the World Food Programme.")
    assert q.speaker == "World Food Programme" and q.speaker_type == "organization"


def test_a_subject_that_is_a_day_stays_in_the_content(quotes_of):
    (q,) = quotes_of("The governor said Monday was the deadline for the bill.")
    assert q.text == "Monday was the deadline for the bill"


def test_inverted_cue_followed_by_a_reason_clause_reports_the_clause_before_it(quotes_of):
    qs = quotes_of("The senator's stance on trade has badly hurt the party with factory workers, Miller said, "
                   "since many of them firmly believe that tariffs protect their jobs.")
    q = _one(qs, "indirect", "stance on trade")
    assert q.text == "The senator's stance on trade has badly hurt the party with factory workers"
    assert q.speaker == "Miller"


def test_inverted_cue_misparsed_as_a_modifier_still_names_the_speaker(quotes_of):
    (q,) = quotes_of("In addition, the campaign plans to make more detailed medical records available soon, "
                     "a spokesman announced Monday morning.")
    assert "medical records available soon" in q.text and "spokesman" not in q.text
    assert q.speaker == "spokesman" and q.speaker_type == "person"


def test_reported_clause_read_as_an_adverbial_of_a_later_cue(quotes_of):
    qs = quotes_of("The middle one-fifth paid 8.9 percent, the agency said in a June report, and those in the "
                   "bottom fifth of incomes paid 0.8 percent.")
    q = _one(qs, "indirect", "8.9 percent")
    assert q.text == "The middle one-fifth paid 8.9 percent" and q.speaker == "agency"


def test_attribution_set_off_by_commas_after_a_fronted_phrase(quotes_of):
    (q,) = quotes_of("But in recent days, advisers to Mr. Obama say, the president has grown exasperated "
                     "with the tenor of the campaign.")
    assert q.speaker == "advisers to Mr. Obama"
    assert "say" not in q.text.split() and q.text.endswith("the tenor of the campaign")


def test_object_content_leaves_out_a_relative_clause_glossing_it(quotes_of):
    (q,) = quotes_of("Small business groups praised the senator's proposals to help small firms, which include "
                     "a provision that would allow them to deduct investments.")
    assert q.text == "the senator's proposals to help small firms"


def test_a_fronted_phrase_is_no_inverted_clause_when_the_cue_has_its_object(quotes_of):
    for text, fronted in (("In her 2003 book, Living History, the senator noted the clot’s existence.", "2003 book"),
                          ("Campaigning against Mitt Romney in 2012, Alexander mentioned the coal rules.", "Campaigning")):
        assert all(fronted not in q.text for q in quotes_of(text)), text


def test_a_cue_word_inside_a_name_is_no_cue(quotes_of):
    qs = quotes_of("Congress passed the Death in Custody Reporting Act, requiring state police to report deaths.")
    assert all(q.cue != "Reporting" for q in qs)


def test_a_quoted_sentence_after_reported_speech_belongs_to_its_speaker(quotes_of):
    qs = quotes_of("Mayor Jane Smith said the plan was a disaster. “We will fight it all the way to the courts.”")
    q = _one(qs, "direct", "fight it")
    assert q.speaker == "Jane Smith"


def test_a_person_repeating_the_attribution_reports_once(quotes_of):
    qs = quotes_of("Ms. Rivera said she felt the law was worth examining because “most people don’t know about "
                   "that loophole,” she said.")
    assert len(qs) == 1 and qs[0].type == "mixed" and qs[0].text.startswith("she felt the law")


def test_a_comma_set_titled_phrase_after_an_inverted_speaker_is_the_role(quotes_of):
    (q,) = quotes_of("The group sued the county in March, said Dale Whitford, a staff attorney for the group.")
    assert q.text == "The group sued the county in March"
    assert q.speaker == "Dale Whitford" and q.role == "staff attorney for the group"


def test_a_quoted_label_after_a_labelling_cue_is_a_mixed_quote(quotes_of):
    (q,) = quotes_of("Governor Ray Alston called the ruling “judicial activism at its worst” on Friday.")
    assert q.type == "mixed" and "judicial activism at its worst" in q.text
    assert q.speaker == "Ray Alston" and q.cue == "called"


def test_a_prepositional_phrase_before_that_is_not_what_was_written(quotes_of):
    (q,) = quotes_of("Judge Maria Ocampo wrote in a 42-page ruling that the state had violated the law.")
    assert q.text == "the state had violated the law" and q.speaker == "Maria Ocampo"


def test_an_office_owned_by_a_title_is_an_organization(quotes_of):
    (q,) = quotes_of("A statement from the secretary of state's office said the count would resume on Monday.")
    assert q.text == "the count would resume on Monday" and q.speaker_type == "organization"


def test_a_cue_word_in_a_hyphenated_modifier_is_no_cue(quotes_of):
    assert quotes_of("The self-described “fiscal hawk” plan was debated in the council on Monday.") == []


def test_a_relative_clause_on_an_inverted_speaker_leaves_the_quotation_direct(quotes_of):
    qs = quotes_of('As for complexity, "broadening the base and closing loopholes for the wealthy inevitably '
                   'involve a certain amount of administration," said Mr. Kamin, who emphasized that her '
                   'proposals would simplify the code.')
    q = _one(qs, "direct", "broadening the base")
    assert q.text.startswith("broadening") and q.speaker == "Kamin"
    assert _one(qs, "indirect", "simplify").text == "her proposals would simplify the code"


def test_a_colon_after_a_reporting_noun_introduces_a_quotation(quotes_of):
    (q,) = quotes_of("The campaign issued a statement: \"We are confident the voters will see through these attacks.\"")
    assert q.type == "direct" and q.text.startswith("We are confident")
    assert q.speaker == "campaign" and q.cue == "issued a statement"
    assert quotes_of("She gave a speech on Tuesday about trade.") == []


def test_a_clause_misread_as_object_and_modifier_after_say(quotes_of):
    (q,) = quotes_of("Police say the suspect fled on foot.")
    assert q.text == "the suspect fled on foot" and q.speaker == "Police"


def test_a_relative_aside_on_the_speaker_reports_nothing_past_its_comma(quotes_of):
    (q,) = quotes_of("Johnson, who has denied wrongdoing, said in an interview that he was confident "
                     "he would be cleared.")
    assert q.text == "he was confident he would be cleared" and q.speaker == "Johnson"


def test_a_participle_cue_after_a_that_clause_is_its_own_speech_act(quotes_of):
    qs = quotes_of("The senator warned that the deal could collapse, adding that talks would continue next week.")
    assert sorted((q.cue, q.text) for q in qs) == [("adding", "talks would continue next week"),
                                                   ("warned", "the deal could collapse")]


def test_refusing_to_speak_reports_no_words(quotes_of):
    assert quotes_of("The company declined to comment on the lawsuit.") == []
    assert quotes_of("The White House refused to say whether the president had been briefed.") == []
    (q,) = quotes_of("Iran declined to join the talks in Vienna.")
    assert q.cue == "declined" and q.text == "join the talks in Vienna"


def test_a_light_verb_with_a_predicate_adjective_reports_the_clause(quotes_of):
    (q,) = quotes_of("Ham made it clear he had major misgivings about the armed forces.")
    assert q.cue == "made it clear" and q.text == "he had major misgivings about the armed forces"
    (q,) = quotes_of("The governor made clear that she would veto the bill.")
    assert q.cue == "made clear" and q.text == "she would veto the bill"


def test_echoing_a_concern_and_ruling_are_attributions(quotes_of):
    (q,) = quotes_of("Several senators echoed her concerns about the program.")
    assert q.cue == "echoed" and q.text == "her concerns about the program"
    (q,) = quotes_of("The judge ruled that the law was unconstitutional.")
    assert q.cue == "ruled" and q.text == "the law was unconstitutional" and q.confidence < 0.5


def test_an_age_between_the_name_and_its_role(quotes_of):
    (q,) = quotes_of("“We’re not going anywhere,” said Maria Lopez, 42, a teacher from Phoenix.")
    assert q.speaker == "Maria Lopez" and q.role == "teacher from Phoenix"


def test_a_subjectless_participle_opening_the_sentence_is_an_adjunct(quotes_of):
    (q,) = quotes_of("Asked to describe the device that caused the explosion, O'Neill said, “Not going to go into that.”")
    assert q.type == "direct" and q.text == "Not going to go into that." and q.speaker == "O'Neill"


def test_a_participle_adjunct_after_the_cue_leaves_the_split_quotation_whole(quotes_of):
    (q,) = quotes_of("“Every time you say that,” Tester said, referring to the 1 percent excuse, “you give "
                     "ammunition to the people who want to break up the big banks.”")
    assert q.type == "direct" and len(q.parts) == 2 and q.text.startswith("Every time you say that, you give")


def test_a_trailing_participle_takes_the_subject_of_the_clause_right_before_it(quotes_of):
    qs = quotes_of("The rebels seized the airport in a swift offensive after President Maria Duarte withdrew "
                   "the army, saying there was no point in fighting a war that could not be won.")
    q = _one(qs, None, "no point in fighting")
    assert q.speaker == "Maria Duarte" and q.cue == "saying"


def test_a_party_label_between_the_name_and_the_cue_is_skipped(quotes_of):
    qs = quotes_of("In an interview on NBC's \"Meet the Press,\" Senator Jane Holloway (D-Ore.) said the "
                   "recent wave of factory closures shows that Congress has failed the workers.")
    q = _one(qs, None, "factory closures")
    assert q.speaker == "Jane Holloway"


def test_a_second_cue_between_the_pieces_takes_the_second_piece(quotes_of):
    qs = quotes_of("“The rules are clear,” the governor said, adding, “Nobody is above them.”")
    first, second = _one(qs, "direct", "rules are clear"), _one(qs, "direct", "Nobody")
    assert first.text == "The rules are clear," and first.cue == "said"
    assert second.text == "Nobody is above them." and second.cue == "adding" and second.speaker == first.speaker


def test_a_speech_verb_read_as_a_plural_noun_heading_the_sentence(quotes_of):
    (q,) = quotes_of("The New York Post reports that the mayor's team avoided the press after the hearing on Sunday.")
    assert q.type == "indirect" and q.cue == "reports" and q.speaker == "New York Post"
    assert q.text == "the mayor's team avoided the press after the hearing on Sunday"
    (q,) = quotes_of("Mr. Jenkins notes that we're at a rare moment where three things are happening at once.")
    assert q.cue == "notes" and q.speaker == "Jenkins"
    assert q.text == "we're at a rare moment where three things are happening at once"
    (q,) = quotes_of('Few of her donors give small sums.\n\nThe New York Times reports:\n\n"In an illustration of '
                     'the lack of enthusiasm for her, just 24 percent of the contributors have given $200 or less."')
    assert q.type == "direct" and q.cue == "reports" and q.speaker.endswith("New York Times")


def test_a_speech_verb_read_as_a_plural_noun_after_a_name_anywhere_in_the_sentence(quotes_of):
    (q,) = quotes_of("Grocery prices rose by a third in two years, The Boston Globe reports.")
    assert q.type == "indirect" and q.cue == "reports" and q.speaker == "Boston Globe"
    assert q.text == "Grocery prices rose by a third in two years"
    (q,) = quotes_of("The Center for Fiscal Research at the Carnegie Institution estimates that the new levy "
                     "would raise $40 billion by 2030.")
    assert q.cue == "estimates" and "Carnegie Institution" in q.speaker_mention
    assert q.text == "the new levy would raise $40 billion by 2030"
    (q,) = quotes_of("The audit -- which notes that 12 agencies kept no records of the payments -- should worry "
                     "every taxpayer.")
    assert q.cue == "notes" and q.text == "12 agencies kept no records of the payments"
    (q,) = quotes_of("Three engineers run the new plant, though Okafor notes they were hired before she took charge.")
    assert q.cue == "notes" and q.speaker == "Okafor" and q.text == "they were hired before she took charge"


def test_a_comparison_aside_between_the_cue_and_its_that_clause(quotes_of):
    (q,) = quotes_of("Several analysts cautioned, as did the mayor's office itself, that the plan might well evolve "
                     "after the election should she win.")
    assert q.type == "indirect" and q.cue == "cautioned" and q.speaker == "Several analysts"
    assert q.text == "the plan might well evolve after the election should she win"


def test_a_report_after_a_lost_sentence_break_is_not_part_of_the_first(quotes_of):
    qs = quotes_of("The Federal Transit Administration, the office that funds the bus program, said it was hiring "
                   "inspectors to improve the review of contracts for the program and its audit of the local depots "
                   "The F.T.C. said it would review the contracts as well.")
    first = _one(qs, "indirect", "hiring")
    assert first.text.endswith("its audit of the local depots") and first.speaker.startswith("Federal Transit")
    assert _one(qs, "indirect", "review the contracts").text == "it would review the contracts as well"


def test_a_main_verb_misparsed_as_a_participle_on_its_object():
    # the weak parser's reading of "Lee, speaking at the forum, cited delays in the permits." (no
    # finite verb; "cited" an adjective on "delays"), written out by hand as the parser gave it
    from quotes.extract.cues import find_cues
    from quotes.extract.tree import Tree
    from quotes.types import Sentence, Token

    rows = [("Lee", "Lee", "PROPN", "NNP", 0, "root"), (",", ",", "PUNCT", ",", 3, "punct"),
            ("speaking", "speak", "VERB", "VBG", 1, "acl"), ("at", "at", "ADP", "IN", 6, "case"),
            ("the", "the", "DET", "DT", 6, "det"), ("forum", "forum", "NOUN", "NN", 3, "obl"),
            (",", ",", "PUNCT", ",", 3, "punct"), ("cited", "cite", "VERB", "VBN", 9, "amod"),
            ("delays", "delay", "NOUN", "NNS", 3, "obj"), ("in", "in", "ADP", "IN", 12, "case"),
            ("the", "the", "DET", "DT", 12, "det"), ("permits", "permit", "NOUN", "NNS", 9, "nmod"),
            (".", ".", "PUNCT", ".", 1, "punct")]
    tokens, at = [], 0
    for n, (text, lemma, upos, xpos, head, rel) in enumerate(rows, 1):
        tokens.append(Token(n, text, lemma, upos, xpos, "", head, rel, at, at + len(text)))
        at += len(text) + 1
    tree = Tree(Sentence(0, 0, at, tuple(tokens)))
    (cue,) = [c for c in find_cues(tree) if c.lemma == "cite"]
    assert cue.speaker_head == 1 and [tree.tok(i).text for i in cue.content] == ["delays", "in", "the", "permits"]


def test_a_that_clause_opening_with_because_is_what_was_said(quotes_of):
    (q,) = quotes_of("Obama said that because terrorists are Muslim does not mean Muslims are terrorists.")
    assert q.type == "indirect" and q.speaker == "Obama"
    assert q.text == "because terrorists are Muslim does not mean Muslims are terrorists"


def test_addressee_with_a_modifier_and_a_subject_read_as_the_object_of_the_clause(quotes_of):
    (q,) = quotes_of("Last week, she told a meeting of island leaders that few people understood the stakes "
                     "of rising seas better than their own residents.")
    assert q.cue == "told" and q.text == "few people understood the stakes of rising seas better than their own residents"
    (q,) = quotes_of("Overall, the fund predicted that advanced economies - which include Europe, Britain, "
                     "Japan and Canada - will grow 1.6 percent this year.")
    assert q.cue == "predicted" and q.text.startswith("advanced economies") and q.text.endswith("1.6 percent this year")


def test_an_inverted_attribution_with_a_party_label_and_an_addressee_at_the_end(quotes_of):
    (q,) = quotes_of("The governor could back a carbon tax next year, but only if he can be convinced that it "
                     "is a good business decision, Sen. Mark Ellison (R-S.C.) told The Huffington Post on Thursday.")
    assert q.cue == "told" and q.speaker == "Mark Ellison"
    assert q.text.startswith("The governor could back a carbon tax") and q.text.endswith("good business decision")


def test_object_content_keeps_its_determiner_and_drops_the_channel_and_a_comparison_keeps_both_sides(quotes_of):
    (q,) = quotes_of("Justice Frank Nervo rejected that argument in a ruling released Thursday.")
    assert q.cue == "rejected" and q.text == "that argument"
    (q,) = quotes_of("Mr. Schultz likened RT to the BBC, which receives some government funding, in an "
                     "interview with The Washington Post last week.")
    assert q.cue == "likened" and q.text == "RT to the BBC"


def test_the_charge_after_an_aside_on_the_accused_is_content(quotes_of):
    (q,) = quotes_of("The minister blamed the opposition, which boycotted the vote, for delaying the budget.")
    assert q.cue == "blamed" and q.text.endswith("for delaying the budget")
    (q,) = quotes_of("She praised Mr. Clarke, who restored the building.")
    assert q.text == "Mr. Clarke"


def test_a_condition_between_that_and_its_clause_is_part_of_what_was_said(quotes_of):
    (q,) = quotes_of("European leaders warn that if the bloc fails to ensure security for its citizens, it "
                     "could rapidly fall apart.")
    assert q.text == "if the bloc fails to ensure security for its citizens, it could rapidly fall apart"
    (q,) = quotes_of("She said that, when the plant closes, hundreds of jobs will go.")
    assert q.text == "when the plant closes, hundreds of jobs will go"


def test_a_document_that_reads_a_quotation_and_a_quote_before_an_inverted_name_and_a_phrase(quotes_of):
    qs = quotes_of("“Our support for charter schools is not abstract, but based on our experience,” the letter reads.")
    assert _one(qs, "direct", "charter schools").cue == "reads"
    assert not quotes_of("She read the report on Monday and left.")
    (q,) = quotes_of("“The exact cause of the explosion has not been determined,” said O'Neill, on what was his "
                     "first full day on the job.")
    assert q.type == "direct" and q.speaker == "O'Neill" and q.text.startswith("The exact cause")


def test_an_unquoted_clause_around_a_parenthetical_attribution_is_one_content(quotes_of):
    (q,) = quotes_of("Though that transition was relatively seamless, he said, replacing the nominee would be "
                     "much more acrimonious.")
    assert q.text.startswith("Though that transition") and q.text.endswith("much more acrimonious")
    (q,) = quotes_of("All of which, he said, would help ensure confidence in the process.")
    assert q.text == "All of which would help ensure confidence in the process"


def test_noted_with_a_noun_phrase_reports_it(quotes_of):
    (q,) = quotes_of("In her 2003 book, Clinton noted the clot's existence.")
    assert q.cue == "noted" and q.text == "the clot's existence"


def test_a_clause_read_as_a_gapless_relative_clause_after_a_phrase_is_the_complement(quotes_of):
    (q,) = quotes_of("Trump said after the convention he would not accept Cruz's endorsement if it were offered.")
    assert q.cue == "said" and q.text == "he would not accept Cruz's endorsement if it were offered"


def test_a_one_word_quoted_label_and_a_label_after_a_titled_name(quotes_of):
    (q,) = quotes_of("Clinton called half of Donald Trump’s supporters “deplorables.”")
    assert q.type == "mixed" and q.cue == "called" and q.text.startswith("half of Donald Trump")
    (q,) = quotes_of("Minyon Moore, a senior adviser to the campaign, called Mr. Obama's remarks on Saturday "
                     "\"a true wake-up call\" to his supporters.")
    assert q.type == "mixed" and q.speaker == "Minyon Moore" and '"a true wake-up call"' in q.text


def test_an_infinitive_modifying_a_noun_reports_nothing(quotes_of):
    assert quotes_of("Without the records, there is no simple way to tell whether the new bridge is safe.") == []
    assert quotes_of("It is a plan likely to appeal to a small group of rural voters.") == []


def test_an_editors_note_is_not_reporting(quotes_of):
    text = ("The council said the new budget would cut waste.\n\n"
            "Editor’s note: The mayor, who has repeatedly promised to close the harbor to tankers, "
            "owns shares in this newspaper.")
    qs = quotes_of(text)
    assert [q.cue for q in qs] == ["said"]


def test_a_verb_coordinated_with_the_cue_unlike_the_content_is_the_speakers_next_act(quotes_of):
    (q,) = quotes_of("The governor promised a veto and attempted to rally lawmakers against the bill.")
    assert q.text == "a veto"
    (q,) = quotes_of("Several council members praised the mayor's work restoring the park but also had to cut its budget.")
    assert q.text == "the mayor's work restoring the park"


def test_a_cue_in_an_adverbial_clause_reports_nothing_past_the_main_clause(quotes_of):
    qs = quotes_of("While she conceded the budget was tight, Mayor Lopez also argued the new library was worth every dollar.")
    assert _one(qs, None, "budget").text == "the budget was tight"
    assert _one(qs, None, "library").speaker == "Lopez"
    qs = quotes_of("Back when he wrote his first novel, the author said that he never planned an ending.")
    assert _one(qs, None, "novel").text == "his first novel"
    assert _one(qs, None, "ending").text == "he never planned an ending"
    (q, *_) = quotes_of("Now that she has said her piece, the senator is ready to move on to the budget.")
    assert q.text == "her piece"


def test_a_contrasted_speech_act_after_a_comma_ends_the_content(quotes_of):
    qs = quotes_of("Most farmers agreed that the harvest was poor, while a few growers said the opposite of the orchards.")
    assert _one(qs, None, "harvest").text == "the harvest was poor"
    qs = quotes_of("Local leaders urged the state to keep the clinic open, although they say they accept some of the cuts.")
    assert _one(qs, None, "clinic").text == "the state to keep the clinic open"
    assert _one(qs, None, "cuts").text == "they accept some of the cuts"
def test_a_weak_object_cue_reports_a_thing_judged_but_not_a_person_questioned(quotes_of):
    qs = quotes_of("The senator questioned the fairness of the new tax rules. Detectives questioned him for several hours.")
    (q,) = qs
    assert q.text == "the fairness of the new tax rules" and q.speaker == "senator"
    # a person named by a common noun is questioned too, not quoted
    qs = quotes_of("The board questioned the cost of the new bridge. Officers arrested and questioned the driver.")
    (q,) = qs
    assert q.text == "the cost of the new bridge" and q.speaker == "board"


def test_labelling_with_an_indirect_object_and_in_the_passive_with_its_agent(quotes_of):
    qs = quotes_of("Some voters would call them reckless gamblers. The new coach has been called a genius by "
                   "several rival managers after the match.")
    q = _one(qs, None, "gamblers")
    assert q.text == "them reckless gamblers" and q.speaker == "Some voters"
    q = _one(qs, None, "genius")
    assert q.text == "The new coach a genius" and q.speaker == "several rival managers"


def test_a_noun_phrase_coordinated_with_the_cue_by_the_parser_continues_the_content(quotes_of):
    qs = quotes_of('She opened by stressing fiscal discipline, and a plan to cut the deficit. '
                   'The coach called the referee a "cheat," a "disgrace" and a "clown."')
    assert _one(qs, None, "discipline").text == "fiscal discipline, and a plan to cut the deficit"
    assert _one(qs, None, "referee").text == 'the referee a "cheat," a "disgrace" and a "clown."'


def test_an_in_phrase_after_the_object_continues_it_unless_it_names_the_channel(quotes_of):
    qs = quotes_of("The two leaders highlighted deep disagreements in how to handle migration. "
                   "The senator praised the new deal in a tweet.")
    assert _one(qs, None, "disagreements").text == "deep disagreements in how to handle migration"
    assert _one(qs, None, "deal").text == "the new deal"


def test_an_object_cue_with_a_fronted_relative_object_reports_what_it_was_cast_as(quotes_of):
    qs = quotes_of("The board approved a merger that the union described as a betrayal of its members.")
    q = _one(qs, None, "betrayal")
    assert q.text == "as a betrayal of its members" and q.speaker == "union"


def test_a_label_the_parser_read_as_an_apposition_inside_the_object_is_still_a_label(quotes_of):
    (q,) = quotes_of("Union leaders called the wage freeze and the demand for the workers' overtime records "
                     "a cheap political trick.")
    assert q.text == "the wage freeze and the demand for the workers' overtime records a cheap political trick"


def test_family_members_sharing_a_surname_stay_apart(quotes_of):
    text = ("Mayor Greta Lindqvist opened the new harbour library on Monday. Her husband, Anders Lindqvist, "
            "said the building had taken far too long. Mrs. Lindqvist said the city would extend its opening "
            "hours. “We waited twelve years for this,” she said. Mr. Lindqvist said he was proud of her.")
    qs = quotes_of(text)
    assert _one(qs, None, "taken far too long").speaker == "Anders Lindqvist"
    assert _one(qs, None, "extend its opening").speaker == "Greta Lindqvist"  # not her husband
    assert _one(qs, None, "twelve years").speaker == "Greta Lindqvist"
    assert _one(qs, None, "proud of her").speaker == "Anders Lindqvist"


def test_pronoun_goes_to_the_nearest_main_subject_of_its_gender_never_to_a_group(quotes_of):
    text = ("Senator Paula Brandt questioned the bank's chief executive, Martin Olsen, on Tuesday. "
            "Olsen said the bank had fired 400 employees. Demonstrators outside said they wanted a new board. "
            "Brandt scolded him: “You should give back the money,” she said. Olsen later spoke to reporters "
            "in the lobby. “We have fixed the problem,” he said.")
    qs = quotes_of(text)
    assert _one(qs, None, "give back the money").speaker == "Paula Brandt"
    assert _one(qs, None, "fixed the problem").speaker == "Martin Olsen"  # not the demonstrators


def test_name_apposed_to_a_subject_title_is_the_subject_a_pronoun_refers_to(quotes_of):
    text = ("Councillor Dana Reyes said the count had been rigged. At a meeting on Friday, "
            "party treasurer Ruth Adler was more cautious than her colleagues. Though she called the result "
            "“a bitter disappointment,” she did not ask for a recount.")
    qs = quotes_of(text)
    assert _one(qs, None, "bitter disappointment").speaker == "Ruth Adler"


def test_a_that_the_parser_took_for_a_pronoun_opens_the_clause_of_a_weak_cue(quotes_of):
    (q,) = quotes_of("The county tracking poll, which surveys voters in the district every week, showed that as of "
                     "Monday, the mayor is leading his challenger 51 percent to 44 percent.")
    assert q.text == "as of Monday, the mayor is leading his challenger 51 percent to 44 percent"
    (q,) = quotes_of("The newest Gallup survey released Tuesday shows that in a two-way race, the governor leads the "
                     "senator by 6 points.")
    assert q.text == "in a two-way race, the governor leads the senator by 6 points"
    assert q.speaker_mention == "The newest Gallup survey"


def test_a_clause_governing_a_cue_in_a_relative_clause_is_not_its_content(quotes_of):
    qs = quotes_of("As a nurse who has come out of the long night knowing that patience and humor are the only cure, "
                   "I tell myself that the storm will pass.")
    assert _one(qs, None, "cure").text == "patience and humor are the only cure"
    assert _one(qs, None, "storm").text == "the storm will pass"


def test_evidence_reports_its_object_when_the_parser_splits_its_subject(quotes_of):
    (q,) = quotes_of("CNN's Battleground States average shows Smith narrowly ahead by 2.1 points, drawing on recent polls.")
    assert q.text == "Smith narrowly ahead by 2.1 points"
    assert q.speaker_mention == "CNN's Battleground States average"


def test_an_as_clause_after_the_object_is_the_circumstance_even_when_as_is_read_as_a_preposition(quotes_of):
    (q,) = quotes_of("The survey indicates a closer race as the governor gains ground among suburban women and the "
                     "senator loses support in rural counties.")
    assert q.text == "a closer race"


def test_a_relative_clause_on_the_subject_is_no_reported_clause_before_the_cue(quotes_of):
    qs = quotes_of("Ms. Park, who knew that another lawsuit would be pointless, told her staff to find out how to cut "
                   "the fees without the board.")
    q = _one(qs, None, "fees")
    assert q.cue == "told" and q.speaker == "Park"
    assert q.text == "find out how to cut the fees without the board"


def test_an_evidence_verb_read_as_a_noun_after_its_plural_source(quotes_of):
    (q,) = quotes_of("Data from the 2019 National Housing Survey show that renters spent about 30 percent of their "
                     "income on housing.")
    assert q.text == "renters spent about 30 percent of their income on housing"
    assert q.speaker_mention == "Data from the 2019 National Housing Survey"
    (q,) = quotes_of("The debate changed after leaked documents from his 2003 divorce filing show he hid a large stake "
                     "in the company.")
    assert q.text == "he hid a large stake in the company"
    assert quotes_of("Records from the radio show that ran for years were lost in the fire.") == []


def test_asking_about_reports_the_topic_asked_but_not_in_a_reduced_passive(quotes_of):
    (q,) = quotes_of("The mayor can't dodge the question if a reporter asks her about the missing funds.")
    assert q.text == "the missing funds" and q.cue == "asks"
    (q,) = quotes_of("When asked about the delay, the spokesman said the parts had not arrived.")
    assert q.text == "the parts had not arrived"
