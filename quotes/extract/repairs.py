"""Speaker repairs: the cue's speaker read off the parse, then the repairs of the ways a weak parse
loses it (an inverted subject after the cue, a quotation's words taken for a subject, a subject
inside an aside, a speaker only the surface shows). Some repairs move the content with the speaker.
"""

from __future__ import annotations

from quotes.extract.cue import Cue, CueDraft, Reading
from quotes.extract.gates import name_ends
from quotes.extract.labels import CLAUSE_SUBJ_DEPS, FINITE_OR_MODAL_XPOS, MENTION_HEAD_UPOS, SUBJ_DEPS
from quotes.extract.rules import Verdict, rule
from quotes.extract.subjects import (
    NOT_SUBJECT_PRONOUNS,
    after_quote_speaker,
    find_speaker_traced,
    mention_tokens,
)
from quotes.extract.surface import misparsed_inverted, name_aside_in_clause, surface_forward, surface_inverted
from quotes.extract.complements import that_follows
from quotes.extract.tree import Tree


def _noun_phrase_before(tree: Tree, verb: int) -> list[int]:
    """The noun phrase that ends right before a cue the parser read as a noun: the speaker, whatever
    the parser made of it ("The Center at the Carnegie Institution estimates that ...")."""
    first = verb
    while first > 1 and tree.tok(first - 1).upos in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "CCONJ", "ADP", "PART"):
        first -= 1
    while first < verb and tree.tok(first).upos in ("ADP", "CCONJ", "PART"):
        first += 1
    return list(range(first, verb))


def _main_verb_read_as_modifier(tree: Tree, tok) -> tuple[int, list[int], str] | None:
    """"Trump, appearing at the forum, cited problems in ...": in a sentence with no finite verb before it the
    parser may read the main verb after an aside as a participle on its object ("cited problems");
    the speaker is the noun phrase opening the sentence and the object is what the cue reports."""
    if tok.deprel != "amod" or tok.xpos != "VBN" or tok.index < 3 or tree.tok(tok.index - 1).text != "," \
            or tok.head != tok.index + 1 and not all(tree.tok(i).upos in ("DET", "ADJ") for i in range(tok.index + 1, tok.head)):
        return None
    if any(t.xpos in FINITE_OR_MODAL_XPOS for t in tree.tokens if t.index < tok.index):
        return None  # the subject before it has no verb of its own
    first = next((t for t in tree.tokens if t.upos != "PUNCT"), None)
    if first is None or first.upos not in ("PROPN", "NOUN", "DET", "PRON") or tree.tok(tok.head).upos != "NOUN":
        return None
    comma = next(i for i in range(1, tok.index) if tree.tok(i).text == ",")
    subject = [i for i in range(1, comma) if tree.tok(i).upos in ("PROPN", "NOUN", "PRON")]
    content = [i for i in tree.subtree(tok.head) if i > tok.index]
    while content and tree.tok(content[-1]).upos == "PUNCT":
        content.pop()
    if not subject or len(content) < 2:
        return None
    return subject[-1], content, "obj"


def _inverted_from_surface(d: CueDraft, found: tuple[list[int], list[int]] | None) -> Verdict | None:
    """Complete the cue as an inverted attribution from a surface reading (content, speaker chunk)."""
    if found is None:
        return None
    content, chunk = found
    root = d.tree.span_root(content)
    d.content, d.kind, d.root, d.speaker = content, "inverted", root, chunk[-1]
    d.final = Cue(d.tree.s.index, d.verb, d.lemma, [d.verb], chunk[-1], chunk, content,
                  "inverted", weak=d.lemma in d.lex.weak, root=root)
    return Verdict.DONE


@rule("speaker.misparsed-inverted", "speaker")
def misparsed(d: CueDraft) -> Verdict | None:
    """"CLAUSE, a spokesman announced Monday morning.": the cue read as a modifier; the surface
    gives the clause before the comma and the noun chunk after it."""
    return _inverted_from_surface(d, misparsed_inverted(d.tree, d.verb) if d.lemma in d.lex.clausal else None)


@rule("speaker.name-aside-in-clause", "speaker")
def name_aside(d: CueDraft) -> Verdict | None:
    """"Institutional recipients, said Mauer, are required to ...": the inverted name between
    commas is the speaker, and the clause around the aside is what was said (the parser took the
    noun phrase before the cue for its subject)."""
    return _inverted_from_surface(d, name_aside_in_clause(d.tree, d.verb) if d.lemma in d.lex.clausal else None)


@rule("speaker.subject", "speaker")
def subject(d: CueDraft) -> None:
    """The subject of the cue, its passive agent, its inverted subject, or the subject of the
    clause it modifies (``subjects.find_speaker``)."""
    d.speaker, d.speaker_rule = find_speaker_traced(d.tree, d.verb)


@rule("speaker.verbless-main-verb", "speaker")
def verbless_main_verb(d: CueDraft) -> None:
    """"Trump, appearing at the forum, cited problems in ...": the main verb read as a participle
    on its object; the speaker opens the sentence and the object is what was said."""
    verbless = _main_verb_read_as_modifier(d.tree, d.tok) if d.kind == "bare" and d.lemma in d.lex.object else None
    if verbless is not None:
        d.speaker, d.content, d.kind = verbless
        d.root = d.tree.span_root(d.content)


@rule("speaker.noun-read-cue", "speaker")
def noun_read_cue(d: CueDraft) -> None:
    """"Mr. Jenkins notes that ...", "The New York Times reports:" parsed as one noun phrase: the
    name before the cue is its speaker (wherever the phrase sits in the sentence)."""
    tok, tree = d.tok, d.tree
    if d.speaker in (None, tok.index - 1) and tok.upos == "NOUN" and tok.index > 1 and name_ends(tree, tok.index - 1):
        d.speaker = tok.index - 1
        d.noun_read = _noun_phrase_before(tree, tok.index)


@rule("speaker.not-a-speaker", "speaker")
def not_a_speaker(d: CueDraft) -> None:
    """"Addressing reporters, ...", "and the nation", "him": no speaker ("US" is a country)."""
    tree, speaker = d.tree, d.speaker
    first = tree.tok(min(mention_tokens(tree, speaker, d.verb))) if speaker is not None else None
    if first is not None and (
            first.text.lower() in d.lex.not_speakers or first.upos == "CCONJ"
            or (tree.tok(speaker).text.lower() in NOT_SUBJECT_PRONOUNS
                and not tree.tok(speaker).text.isupper())):
        d.speaker = None


@rule("speaker.inverted-after-cue", "speaker")
def inverted_after_cue(d: CueDraft) -> None:
    """'The answers are "not meeting the need," says Paul Diaz': with an inverted subject after the
    cue, the subject before it is the reported clause's own (a name the parser made an object
    there: "says(root) Paul(iobj) Rieckhoff")."""
    tree, tok, speaker, root, content = d.tree, d.tok, d.speaker, d.root, d.content
    if not (d.kind == "ccomp" and speaker is not None and root is not None and speaker < root < tok.index
            and not tree.children(root, *CLAUSE_SUBJ_DEPS)):
        return
    after = [k for k in tree.children(tok.index, "nsubj", "iobj", "obj") if k.index > tok.index
             and (k.upos == "PROPN" or k.deprel == "nsubj" and k.upos == "NOUN")]
    span = sorted(tree.subtree(speaker))
    if after and content and max(span) < min(content) \
            and all(i in span for i in range(span[0], min(content))):
        d.content = span + content
        d.speaker = after[0].index


@rule("content.without-speaker-apposition", "speaker")
def without_speaker_apposition(d: CueDraft) -> None:
    """'“...,” Flynn, a top surrogate, said': the speaker's apposition the parser hung on the
    reported clause is not said; nothing between the speaker and the cue is."""
    speaker, content = d.speaker, d.content
    if d.kind in ("inverted", "ccomp") and speaker is not None and speaker < d.verb and content \
            and min(content) < speaker < max(content):
        first_mention = min(mention_tokens(d.tree, speaker, d.verb))
        d.content = [i for i in content if not first_mention <= i < d.verb]


@rule("speaker.not-quoted", "speaker")
def not_quoted(d: CueDraft) -> None:
    """“… at the top of his game,” Rendell said: the parse reached into the quote for a subject."""
    if d.speaker is not None and d.speaker in d.quoted and d.verb not in d.quoted:
        d.speaker = None


@rule("speaker.participle-main-subject", "speaker")
def participle_main_subject(d: CueDraft) -> None:
    """"..., reiterating(amod) concerns about ...": a participle set off by a comma, whatever the
    parser hung it on, shares the subject of the main clause before it."""
    tree, tok = d.tree, d.tok
    if d.speaker is None and tok.xpos == "VBG" and tok.index > 1 and tree.tok(tok.index - 1).text == "," \
            and tok.deprel.split(":")[0] in ("amod", "acl", "advcl", "conj"):
        main = next((t for t in tree.tokens if t.head == 0), None)
        subject = tree.children(main.index, "nsubj") if main is not None and main.index < tok.index else []
        if subject and subject[0].index < tok.index:
            d.speaker = subject[0].index
            d.content = [i for i in d.content if i > tok.index]


@rule("speaker.conjunct-agreement", "speaker")
def conjunct_agreement(d: CueDraft) -> None:
    """"They claimed Paris was a volunteer and claim she has ...": a plural-form cue ("claim")
    the parser coordinated inside a reported clause cannot take that clause's singular subject;
    it is coordinated with the outer cue and shares its subject."""
    tree, tok, speaker = d.tree, d.tok, d.speaker
    if speaker is None or tok.deprel != "conj" or tok.xpos not in ("VB", "VBP") \
            or "Number=Sing" not in (tree.tok(speaker).feats or "") or tree.tok(speaker).text.lower() in ("i", "you"):
        return
    if any(t.deprel.startswith("aux") or t.upos == "AUX" for t in tree.children(tok.index)):
        return  # "... and will claim": the base form is a verb group's, and agrees with anyone
    clause = tree.tok(tok.head)
    outer = tree.tok(clause.head) if clause.head and clause.deprel == "ccomp" else None
    if outer is None or outer.lemma.lower() not in d.lex.clausal:
        return  # (the outer verb reports speech too: "claimed ... and claim", "said ... and insist")
    subject = tree.children(outer.index, "nsubj")
    if subject and "Number=Sing" not in (subject[0].feats or ""):
        d.speaker = subject[0].index


@rule("speaker.outside-dash-aside", "speaker")
def outside_dash_aside(d: CueDraft) -> None:
    """"looping the streets - where the Panthers played - while chanting ...": a subject inside a
    dash aside closed before the cue is not the subject of a cue outside it."""
    tree, tok, speaker = d.tree, d.tok, d.speaker
    if speaker is None or speaker >= tok.index or tree.children(tok.index, *SUBJ_DEPS):
        return
    dashes = [i for i in range(2, tok.index) if tree.tok(i).text in ("-", "--", "—", "–")
              and tree.tok(i - 1).end < tree.tok(i).start]  # (spaced: not a hyphen)
    inside_aside = len(dashes) >= 2 and dashes[-2] < speaker < dashes[-1]
    main = next((t for t in tree.tokens if t.head == 0), None)
    subject = tree.children(main.index, "nsubj") if main is not None else []
    if inside_aside and subject and subject[0].index < dashes[-2]:
        d.speaker = subject[0].index


@rule("speaker.surface-before-cue", "speaker")
def surface_before_cue(d: CueDraft) -> None:
    """"Ryan said the recent spate of shootings demands ...": a subject after the cue is the
    reported clause's own, misattached; the speaker is the noun chunk before the cue."""
    tree, tok, speaker, root = d.tree, d.tok, d.speaker, d.root
    if speaker is not None and d.kind == "ccomp" and root is not None and tok.index < speaker < root \
            and d.lemma in d.lex.clausal and not tree.children(root, *CLAUSE_SUBJ_DEPS):
        content, kind, root, mention = surface_forward(tree, tok.index)
        d.read(Reading(content, kind, root))
        nouns = [i for i in mention or [] if tree.tok(i).upos in MENTION_HEAD_UPOS]
        d.speaker = nouns[-1] if nouns else None
        d.surface_mention = mention or []


@rule("content.with-second-subject", "speaker")
def with_second_subject(d: CueDraft) -> None:
    """"many of whom say the president's claims are unfounded": a second subject the parser hung on
    the cue, between it and the reported clause, is that clause's own subject."""
    tree, tok, content, root = d.tree, d.tok, d.content, d.root
    if not (d.kind == "ccomp" and root is not None and content and min(content) > tok.index
            and not tree.children(root, *CLAUSE_SUBJ_DEPS)):
        return
    own = [k for k in tree.children(tok.index, "nsubj") if tok.index < k.index < min(content)
           and k.index != d.speaker]
    if own:
        span = sorted(tree.subtree(own[0].index))
        if span and span[0] > tok.index and max(span) < min(content) \
                and all(i in span for i in range(span[0], min(content))):
            d.content = span + content


@rule("speaker.after-quotation", "speaker")
def after_quotation(d: CueDraft) -> None:
    """“…,” Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday: no subject in the parse;
    the noun phrase opening the attribution after the quotation speaks."""
    if d.speaker is not None:
        return
    d.surface_mention = after_quote_speaker(d.tree, d.verb)
    d.speaker = d.surface_mention[-1] if d.surface_mention else None
    if d.surface_mention and d.surface_mention[0] in d.content:
        d.bare()  # the parse ran the quote into its attribution


@rule("content.surface-inverted", "speaker")
def surface_inverted_clause(d: CueDraft) -> None:
    """"CLAUSE, Warren said" read off the surface: the clause before the attribution, when the
    parse gave the cue nothing or lost the clause's start (its subject hung on the cue)."""
    tree, tok, speaker, content = d.tree, d.tok, d.speaker, d.content
    if d.kind == "bare" and d.lemma in d.lex.clausal and speaker is not None and not d.surface_mention:
        d.read(Reading(*surface_inverted(tree, tok.index, speaker)))
    elif d.kind in ("ccomp", "inverted") and speaker is not None and content and max(content) < tok.index \
            and min(content) > 1 and d.lemma in d.lex.clausal:
        surface = surface_inverted(tree, tok.index, speaker)
        if surface[0] and min(surface[0]) < min(content) and max(content) <= max(surface[0]) + 1:
            d.read(Reading(*surface))


@rule("content.surface-forward", "speaker")
def surface_forward_clause(d: CueDraft) -> None:
    """"SPEAKER says CLAUSE." read off the surface when the parser lost the cue's complement; the
    speaker is the noun chunk before the cue ("The ministry would not say ... but said ...": the
    clause's first subject)."""
    tree, tok, lex = d.tree, d.tok, d.lex
    if not (d.kind == "bare" and d.lemma in lex.clausal and not d.surface_mention and (
            d.lemma not in lex.weak or that_follows(tree, tok.index))):
        return
    content, kind, root, mention = surface_forward(tree, tok.index)
    d.read(Reading(content, kind, root))
    if (d.speaker is None or d.speaker in content) and mention:
        d.surface_mention = mention
        d.speaker = next(i for i in reversed(mention) if tree.tok(i).upos in MENTION_HEAD_UPOS)
    else:
        d.surface_mention = []
    if kind == "surface" and (d.speaker is None or d.speaker in content):
        subjects = [t.index for t in tree.tokens if t.index < tok.index and t.deprel == "nsubj"
                    and t.index not in content and t.text.lower() not in lex.not_speakers]
        d.speaker = subjects[0] if subjects else None


@rule("speaker.not-in-content", "speaker")
def not_in_content(d: CueDraft) -> None:
    """A speaker inside what was said is the reported clause's own subject."""
    if d.speaker is not None and d.speaker in d.content:
        d.speaker = None


@rule("cue.drop.infinitive-on-noun", "speaker")
def infinitive_on_noun(d: CueDraft) -> Verdict | None:
    """"no way to tell without ...", "a proposal likely to appeal to voters": the noun an infinitive
    modifies is no speaker, and the infinitive nobody's words ("his refusal to answer" has one)."""
    tree, tok, speaker = d.tree, d.tok, d.speaker
    if speaker is not None and speaker == tok.head and tok.deprel == "acl" \
            and any(k.deprel == "mark" and k.lemma.lower() == "to" for k in tree.children(tok.index)) \
            and not tree.children(speaker, "nmod:poss"):
        return Verdict.DROP
    return None
