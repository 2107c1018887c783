"""Roles as news writes them: post-nominal appositions, of/for affiliations, titles with a
complement before the name, and a role carried to later mentions. Sentences written for these
tests (never taken from an evaluation set)."""

from __future__ import annotations

import pytest

from quotes.attribute.entities import build_entities, find_mentions, join_roles


@pytest.fixture(scope="module")
def people(parse):
    """Person entities of a text: name -> role."""
    def _people(text: str) -> dict[str, str | None]:
        doc = parse(text)
        return {e.canonical: e.role for e in build_entities(find_mentions(doc), doc.text) if e.kind == "PER"}
    return _people


def _quote(quotes, contains):
    (q,) = [q for q in quotes if contains in q.text]
    return q


def test_role_from_an_apposition_with_an_article_carries_to_the_surname(quotes_of):
    qs = quotes_of("Maria Lopez, the city's chief engineer, said the bridge would reopen in May. "
                   "Lopez said the repairs would cost two million dollars.")
    first, later = _quote(qs, "bridge"), _quote(qs, "repairs")
    assert first.speaker == later.speaker == "Maria Lopez"
    assert first.role == later.role == "city's chief engineer"


def test_role_from_an_apposition_with_a_preposition_phrase(people):
    assert people("Tom Reyes, a spokesman for the port authority, told reporters the port was closed.") \
        == {"Tom Reyes": "spokesman for the port authority"}


def test_role_from_an_apposition_without_an_article_needs_a_title_word(people):
    assert people("Sara Kim, head coach, said the team had played well.") == {"Sara Kim": "head coach"}
    # a place after the comma is no title
    assert people("Omar Haddad, Beirut, wrote that the port was quiet.").get("Omar Haddad") is None


def test_role_from_an_of_or_for_affiliation(people):
    assert people("Dr. Anil Gupta of the Mayo Clinic said the drug was safe.")["Anil Gupta"] == "of the Mayo Clinic"
    assert people("Ana Ruiz, for the health agency, said the clinics would open.")["Ana Ruiz"] \
        == "for the health agency"


def test_two_coordinated_titles_are_one_role(people):
    roles = people("Professor Cres Eastman, Director of the National Iodine Study, and Chairman of the "
                   "Australian Centre for Iodine Disorders, said the children were at risk.")
    assert roles["Cres Eastman"] == ("Professor, Director of the National Iodine Study, and Chairman of "
                                     "the Australian Centre for Iodine Disorders")


def test_an_occupation_after_an_article_is_a_persons_role_but_a_clause_is_not(people):
    assert people("Tariq Nasser, a practising dentist, decided to treat the boy himself.")["Tariq Nasser"] \
        == "practising dentist"
    assert people("Tariq Nasser, a man who lives nearby, said the road flooded.").get("Tariq Nasser") is None


def test_a_title_with_its_complement_before_the_name(quotes_of):
    q = _quote(quotes_of("Mayor of Leeds Judith Blake said the city would bid for the games."), "city")
    assert q.speaker == "Judith Blake" and q.role == "Mayor of Leeds"
    q = _quote(quotes_of("Governor of Oregon Chris Kotek said the museum had worked hard."), "museum")
    assert q.speaker == "Chris Kotek" and q.role == "Governor of Oregon"


def test_a_complement_name_is_not_the_persons_name(people):
    roles = people("Ambassador to France Jane Hartley said the talks were useful.")
    assert roles == {"Jane Hartley": "Ambassador to France"}
    roles = people("Undersecretary for Education Mr. Toccafondi says many schools will close.")
    assert roles == {"Toccafondi": "Undersecretary for Education"}


def test_join_roles_keeps_both_titles_in_order_and_drops_repeats():
    assert join_roles("Emeritus Professor", "chairman of the panel") == "Emeritus Professor, chairman of the panel"
    assert join_roles("Senator", None) == "Senator"
    assert join_roles(None, "head coach") == "head coach"
    assert join_roles("head coach", "coach") == "head coach"


def test_a_title_phrase_before_a_comma_and_a_name_is_the_role(people):
    # the parser often makes the title and the name two subjects; the role is read on the surface
    assert people("Also the mayor of the Tuscany province, Carla Benetti, has criticised the plan.") \
        == {"Carla Benetti": "mayor of the Tuscany province"}
    assert people("Speaking at a rally, Ghana's Finance Minister, Kwame Asante said taxes would fall.") \
        == {"Kwame Asante": "Ghana's Finance Minister"}
    # the object of a preposition is apposed to the name only when a comma closes the name too
    assert people("In the words of the chief prosecutor, Helen Marsh, QC, the case was simple.")["Helen Marsh"] \
        == "chief prosecutor"
    assert people("Speaking to the president, Omar Haddad said the port was quiet.").get("Omar Haddad") is None


def test_a_title_that_the_parser_cut_from_its_name_still_names_the_person(quotes_of):
    q = _quote(quotes_of("University of Leeds Islamic Student Society president Amina Farouk said the "
                         "large amount of support had helped the students."), "support")
    assert (q.speaker, q.role) == ("Amina Farouk", "University of Leeds Islamic Student Society president")
    q = _quote(quotes_of("Coast Guard Authority director General Farid al-Masri said the harbour "
                         "would stay closed."), "harbour")
    assert q.speaker == "Farid al-Masri" and q.role.endswith("director General")


def test_a_person_noun_owning_an_office_is_a_person_not_the_office(quotes_of):
    q = _quote(quotes_of("Dana Pruitt, a representative for the county sheriff's office, told reporters "
                         "that the road was closed."), "road")
    assert (q.speaker, q.role) == ("Dana Pruitt", "representative for the county sheriff's office")


def test_titles_joined_in_an_apposition_are_one_persons_role_not_two_speakers(quotes_of):
    q = _quote(quotes_of("The museum received a gift. J.R. Holt, chief curator and treasurer at the "
                         "Lindell Museum, said 300 schools had asked for loans."), "schools")
    assert q.speaker == "J.R. Holt"
    assert q.role == "chief curator and treasurer at the Lindell Museum"


def test_a_document_speaks_for_its_named_owner(quotes_of):
    qs = quotes_of("Senator Maria Reyes criticised the decision on Tuesday. Reyes's statement said, "
                   "\"The port should never have been sold.\"")
    assert _quote(qs, "port").speaker == "Maria Reyes"
    # an unnamed document stays as written
    qs = quotes_of("The statement said, \"The port should never have been sold.\"")
    assert _quote(qs, "port").speaker == "statement"


def test_a_title_before_a_name_and_an_affiliation_after_it_are_both_the_role(quotes_of):
    q = _quote(quotes_of("Senior lecturer Ana Ruiz, of the University of Leeds's school of law, said "
                         "\"the rules are clear.\""), "rules")
    assert q.speaker == "Ana Ruiz"
    assert q.role.startswith("Senior lecturer") and "University of Leeds" in q.role


def test_a_child_named_by_first_name_alone_is_not_he(quotes_of):
    # "he" after a paragraph about a girl named only "Rosa" goes to the man, not to her
    qs = quotes_of("Thomas Hale, a carpenter, treated his daughter at home. Rosa cried every night and "
                   "Rosa refused to eat. Asked about it, he said \"I could not do more.\"")
    assert _quote(qs, "could not").speaker == "Thomas Hale"


def test_a_party_label_leading_an_apposition_is_a_politicians_role(people):
    assert people("Senator Maria Reyes, Democrat from Ohio, said the plant would stay open.")["Maria Reyes"] \
        == "Senator, Democrat from Ohio"
    # a lower-case adjective is no party label ("Omar Haddad, independent of the board, said")
    assert people("Omar Haddad, independent of the board, said the plant would close.").get("Omar Haddad") is None


def test_the_report_refers_back_to_the_named_study_before_it(quotes_of):
    qs = quotes_of("The results of the National Salt Survey were published on Monday. The report says the "
                   "decline in intake is due to changes in the dairy industry.")
    assert _quote(qs, "decline").speaker == "National Salt Survey"
    # with no named document before it, the report speaks as written
    qs = quotes_of("The report says the decline in intake is due to changes in the dairy industry.")
    assert _quote(qs, "decline").speaker == "report"


def test_they_never_refers_to_a_single_place(quotes_of):
    qs = quotes_of("The researchers said salt intake had fallen. Tasmania was excluded from the survey. "
                   "They say the results are alarming.")
    assert _quote(qs, "alarming").speaker == "researchers"


def test_a_coordinated_person_after_the_age_is_no_role(people):
    roles = people("Omar Haddad, 51, and his wife Lina Haddad, 47, were charged with fraud.")
    assert roles.get("Omar Haddad") is None


def test_a_pronoun_finds_the_owner_of_its_sentences_subject(quotes_of):
    # the last speaker (Reyes) is farther back than the man named in the pronoun's own sentence
    qs = quotes_of("Ana Reyes, the prosecutor, said the parents had ignored the doctors. "
                   "Omar's brother begged him to take the boy to a hospital, but he replied, "
                   "\"I cannot do that.\"")
    q = _quote(qs, "cannot")
    assert q.speaker == "Omar"
    assert q.speaker_rule.endswith("speaker.pronoun.same-sentence-subject")


def test_a_headline_describing_a_person_names_the_person_the_article_describes_so(quotes_of):
    qs = quotes_of("Kenyan man says police beat him at a checkpoint\n\n"
                   "David Mwangi, a Kenyan man and former soldier, has said that police beat him at a "
                   "checkpoint in Nairobi.")
    (head,) = [q for q in qs if q.text.endswith("at a checkpoint")]
    assert head.speaker == "David Mwangi"
    assert head.speaker_rule.endswith("speaker.title.described-person")
    # the bare generic noun is nobody in particular
    qs = quotes_of("A woman said the bus was late. Maria Lopez, a woman of few words, said nothing more.")
    assert _quote(qs, "bus").speaker != "Maria Lopez"


def test_the_later_title_fits_either_of_two_coordinated_roles(quotes_of):
    # (the parser often hangs the second title on the name: still one person, no group)
    qs = quotes_of("Ruth Okafor, a retired nurse and former union leader, said the wards were full. "
                   "The union leader said the strike would go on.")
    assert _quote(qs, "wards").speaker == _quote(qs, "strike").speaker == "Ruth Okafor"


def test_a_title_heading_the_subject_with_the_name_at_its_end(quotes_of):
    q = _quote(quotes_of("Ambassador to France Jane Hartley said the talks were useful."), "talks")
    assert (q.speaker, q.role) == ("Jane Hartley", "Ambassador to France")


def test_a_name_between_commas_after_a_mistagged_description_is_the_speaker(quotes_of):
    q = _quote(quotes_of("A psychology major at the University of Texas, Amy Cho, said the classes would "
                         "resume on Monday."), "classes")
    assert q.speaker == "Amy Cho"
