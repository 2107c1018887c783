"""Gates and checks: a speech-verb token that reports nothing is dropped before (gates) or right
after (checks) its content frame is read ("did not say", "Asked to describe the device, ...",
"Repairs are estimated at ...", "declined to comment on the lawsuit")."""

from __future__ import annotations

from functools import lru_cache

from quotes.extract.complements import ADVERBIAL_OPENERS, that_follows
from quotes.extract.cue import CueDraft
from quotes.extract.labels import AUX_DEPS, SUBJ_DEPS, SUBJ_EXPL_DEPS, VERBAL_UPOS
from quotes.extract.lexicon import WORDS, cue_lexicon, nominal_nouns
from quotes.extract.rules import Verdict, rule
from quotes.extract.subjects import passive_agent
from quotes.extract.tree import Tree, word_forms

DROP = Verdict.DROP


def name_ends(tree: Tree, i: int) -> bool:
    """A name ends at token ``i``: a proper noun, or a capitalised noun inside the sentence
    ("Brookings Institution", which the tagger reads as a common noun)."""
    t = tree.tok(i)
    return t.upos == "PROPN" or t.upos == "NOUN" and i > 1 and t.text[:1].isupper() and t.text[1:].islower()


def _document_before(tree: Tree, i: int) -> bool:
    """A document noun with its determiner right before token ``i`` ("The report", "the study")."""
    if i < 3:
        return False
    prev, det = tree.tok(i - 1), tree.tok(i - 2)
    return prev.upos == "NOUN" and prev.text.lower() in _document_nouns() and det.upos == "DET"


@lru_cache(maxsize=1)
def _document_nouns() -> frozenset[str]:
    lex = cue_lexicon()
    return frozenset(lex.documents | lex.evidence_nouns)


def acts_as_verb(tree: Tree, tok) -> bool:
    """"Trump claims that ...", "The alliance advocates for ...": a form the tagger took for a plural
    noun but the parser gave a subject and a complement is used as a verb."""
    if not (tok.upos == "NOUN" and tok.text.endswith("s") and tok.text[:1].islower()):
        return False
    if tree.children(tok.index, "nsubj") and tree.children(tok.index, "ccomp", "xcomp", "obj", "obl"):
        return True
    # "The New York Post reports that ...", "Mr. McKinley notes that ...": read as one noun phrase
    # ("Post reports") heading the sentence, with the that-clause as its relative clause
    # ("The New York Times reports:" before a quotation)
    nxt = tree.tok(tok.index + 1) if tok.index < len(tree.tokens) else None
    if tok.index < 2 or nxt is None:
        return False
    prev = tree.tok(tok.index - 1)
    if tok.head == 0 and prev.upos == "PROPN" \
            and (nxt.text.lower() == "that" and nxt.upos == "SCONJ" or nxt.text == ":" and nxt.index == len(tree.tokens)):
        return True
    # wherever the parser hung it: a name (or a relative pronoun) right before and a complementizer
    # right after ("The Tax Policy Center estimates that ...", "the study -- which notes that ...")
    # leave no noun reading ("Amendment claims that ..." would need an article)
    named = name_ends(tree, prev.index) or prev.text.lower() in WORDS.relative.aside
    if named and nxt.text.lower() == "that" and nxt.upos == "SCONJ":
        return True
    # "The report states that few ...": a document noun before it reports ("report states" is no
    # compound noun), whatever tag the parser gave the "that" after it
    if _document_before(tree, tok.index) and nxt.text.lower() == "that":
        return True
    # "Lynch notes they were appointed ...": a nominative pronoun after it opens the reported clause
    if name_ends(tree, prev.index) and nxt.upos == "PRON" and "Case=Nom" in nxt.feats \
            and tree.children(nxt.head, "nsubj") and nxt.head > nxt.index:
        return True
    # "..., The Wall Street Journal reports.": a name set off by a comma at the sentence end
    if prev.upos == "PROPN" and nxt.upos == "PUNCT" and nxt.index == len(tree.tokens) and nxt.text in (".", "!", "?"):
        chunk = tok.index - 1
        while chunk > 1 and tree.tok(chunk - 1).upos in ("PROPN", "DET"):
            chunk -= 1
        return chunk > 1 and tree.tok(chunk - 1).text == ","
    return False


def _abstract_object(tree: Tree, root: int | None) -> bool:
    """"questioned the integrity of the voting system": a weak verb that also takes its content as
    an object reports it when the object is a common noun (a thing said or judged); a person or a
    pronoun ("police questioned the suspect", "questioned him"), named or not ("questioned the
    student"), is its other sense."""
    if root is None or tree.tok(root).upos != "NOUN" or "PER" in (tree.tok(root).ner or ""):
        return False
    return not word_forms(tree.tok(root)) & nominal_nouns("person")


def _opening_adjunct(tree: Tree, i: int) -> bool:
    """"Asked to describe the device, ...", "Speaking to reporters, ...": a participle opening the
    sentence without a subject of its own frames the attribution that follows."""
    tok = tree.tok(i)
    return i == 1 and tok.text.lower().endswith(WORDS.morphology.participles) \
        and not tree.children(i, *SUBJ_EXPL_DEPS)


def _hyphen_compound(tree: Tree, i: int) -> bool:
    """"the so-called “green corridor”", "a self-described populist": a cue word glued to a hyphen
    is part of a modifier, however the tokenizer split it."""
    if i <= 1:
        return False
    prev = tree.tok(i - 1)
    return prev.end == tree.tok(i).start and prev.text.endswith("-")


def _inside_name(tree: Tree, i: int) -> bool:
    """"the Death in Custody Reporting Act": a capitalized cue word between capitalized words is
    part of a name."""
    if i <= 1 or i >= len(tree.tokens) or not tree.tok(i).text[:1].isupper() or tree.tok(i).text.isupper():
        return False
    prev, nxt = tree.tok(i - 1), tree.tok(i + 1)
    return prev.text[:1].isupper() and nxt.text[:1].isupper() and prev.upos != "PUNCT" and nxt.upos != "PUNCT"


@rule("cue.drop.negated", "gate")
def negated(d: CueDraft) -> Verdict | None:
    """"did not say", "never said": a negated cue reports nothing."""
    return DROP if d.tree.is_negated(d.verb) else None


@rule("cue.drop.refused", "gate")
def refused(d: CueDraft) -> Verdict | None:
    """"declined to say": a cue under a verb of refusal is what was not said."""
    tok = d.tok
    return DROP if tok.deprel == "xcomp" and tok.head and d.tree.tok(tok.head).lemma.lower() in d.lex.refusal \
        else None


@rule("cue.drop.purpose-clause", "gate")
def purpose_clause(d: CueDraft) -> Verdict | None:
    """"drew the districts so they could claim federal credits": a cue in a clause of purpose, under
    a modal, is what someone meant to be able to do, not a speech act."""
    tree = d.tree
    # (the parser may hang "so" as an adverb: "so(advmod) they could claim")
    marks = " ".join(m.text.lower() for m in tree.children(d.verb, "mark", "advmod") if m.index < d.verb)
    modal = any(a.xpos == "MD" for a in tree.children(d.verb, "aux"))
    return DROP if modal and marks in WORDS.clauses.purpose else None


@rule("cue.drop.inside-name", "gate")
def inside_name(d: CueDraft) -> Verdict | None:
    """"the Death in Custody Reporting Act": a capitalized cue word inside a name."""
    return DROP if _inside_name(d.tree, d.verb) else None


@rule("cue.drop.hyphen-compound", "gate")
def hyphen_compound(d: CueDraft) -> Verdict | None:
    """"the so-called “green corridor”": a cue word glued to a hyphen is a modifier."""
    return DROP if _hyphen_compound(d.tree, d.verb) else None


@rule("cue.drop.channel-participle", "gate")
def channel_participle(d: CueDraft) -> Verdict | None:
    """"In a written statement, X was ...", "prepared remarks": a participle on the channel."""
    tok, lex = d.tok, d.lex
    return DROP if tok.deprel == "amod" and tok.head \
        and d.tree.tok(tok.head).lemma.lower() in lex.channels | lex.documents else None


@rule("cue.drop.opening-adjunct", "gate")
def opening_adjunct(d: CueDraft) -> Verdict | None:
    """"Asked to describe the device, O'Neill said ...": an adjunct, nobody's words."""
    tok, tree = d.tok, d.tree
    return DROP if _opening_adjunct(tree, tok.index) or tok.deprel.split(":")[0] in ("xcomp", "ccomp") \
        and tok.head and _opening_adjunct(tree, tok.head) else None


@rule("cue.drop.reduced-passive", "gate")
def reduced_passive(d: CueDraft) -> Verdict | None:
    """"When asked about the delay, the spokesman said ...": a reduced passive, no speaker."""
    tok, tree = d.tok, d.tree
    return DROP if tok.xpos in ("VBD", "VBN") and tok.deprel == "advcl" and any(
        k.index < tok.index and k.text.lower() in ADVERBIAL_OPENERS | WORDS.clauses.questions
        for k in tree.children(tok.index, "mark", "advmod")) \
        and not tree.children(tok.index, *AUX_DEPS, *SUBJ_DEPS) else None


@rule("cue.drop.agentless-passive", "gate")
def agentless_passive(d: CueDraft) -> Verdict | None:
    """"Repairs are estimated at ...": a passive with no agent names no speaker."""
    return DROP if d.tree.children(d.verb, "aux:pass") and passive_agent(d.tree, d.verb) is None else None


@rule("cue.drop.missing-particle", "gate")
def missing_particle(d: CueDraft) -> Verdict | None:
    """"point" alone is no cue, "point out" is: a phrasal cue without its particle."""
    lex = d.lex
    return DROP if d.lemma in lex.requires_particle and not any(
        p.lemma.lower() in lex.particle.get(d.lemma, ()) for p in d.particles) else None


@rule("cue.drop.transfer-to", "gate")
def transfer_to(d: CueDraft) -> Verdict | None:
    """"adding the words 'and Emergency' to the name": an object put into a "to" phrase is a thing
    added, not words said ("added that ...", "added, '...'" keep the cue)."""
    if d.lemma not in d.lex.transfer:
        return None
    tree = d.tree
    objs = [k for k in tree.children(d.verb, "obj") if k.index > d.verb]
    to = [k for k in tree.children(d.verb) if k.deprel.startswith("obl") and objs and k.index > objs[0].index
          and any(c.lemma.lower() == "to" for c in tree.children(k.index, "case"))]
    return DROP if objs and to else None


@rule("check.too-short", "check")
def too_short(d: CueDraft) -> None:
    """No content of two words: the cue is kept bare, to link quotation marks to a speaker."""
    if not d.content or len([i for i in d.content if d.tree.tok(i).upos != "PUNCT"]) < 2:
        d.bare()


@rule("check.clause-cut-short", "check")
def clause_cut_short(d: CueDraft) -> None:
    """A clausal complement without a verb while verbs follow: the parse cut it short (read the surface)."""
    tree = d.tree
    if d.kind == "ccomp" and not any(tree.tok(i).upos in VERBAL_UPOS for i in d.content) \
            and any(t.upos in VERBAL_UPOS for t in tree.tokens if t.index > max(d.content)):
        d.bare()


@rule("check.that-follows", "check")
def that_clause_follows(d: CueDraft) -> None:
    """"showed that ...": a clause follows the cue, whatever the parse made of it."""
    if d.kind not in ("ccomp", "xcomp", "bare") and that_follows(d.tree, d.verb):
        d.bare()


@rule("cue.drop.weak-without-clause", "check")
def weak_without_clause(d: CueDraft) -> Verdict | None:
    """A weak verb ("show", "question") reports only a clause, or an abstract object."""
    lex = d.lex
    if d.lemma in lex.weak and d.kind not in ("ccomp", "prep", "xcomp", "bare") \
            and not (d.kind == "obj" and d.lemma in lex.object and _abstract_object(d.tree, d.root)):
        return DROP
    return None


@rule("cue.drop.refusal-without-words", "check")
def refusal_without_words(d: CueDraft) -> Verdict | None:
    """"declined to comment on the lawsuit": no words reported."""
    lex, tree, root = d.lex, d.tree, d.root
    if d.lemma in lex.refusal and d.kind == "xcomp" and root is not None and (
            lex.cue_lemma(tree.tok(root).lemma, tree.tok(root).text) or tree.tok(root).lemma in lex.topic_only):
        return DROP
    return None
