"""Content frames: what a cue licenses, read off its parse, as named rules of the ``content``
phase tried in their listed order (``rules.ORDER``); the first that matches is the cue's content.

The clausal complement (ccomp) and the ways a parser misreads it (the reported clause before
"..., Kirby said", an object plus infinitive, a relative clause on the addressee, ...), the object of
an object-taking cue ("stressed the importance of ..."), both complements of a labelling verb
("called Clinton a liar"), an infinitival complement ("agreed to cooperate") and a prepositional
complement ("called for engagement"). Which structures a verb licenses is data (``cues.toml``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from quotes.extract.complements import (
    ADVERBIAL_OPENERS,
    OBJ_FOLLOW_CASES,
    _RELATIVE_WORDS,
    _after_colon,
    _cast_without_object,
    _charge_after_aside,
    _loose_label,
    _lost_sentence_break,
    _object_complement_in,
    _only_punct_between,
    _opens_noun_phrase,
    _passive_label,
    _stray_object,
    _with_coordinated_nouns,
    _with_coordinated_verbs,
    _without_cue_conjuncts,
    after_that,
    strip_mark,
    that_follows,
    without_leading_time,
)
from quotes.extract.cue import NO_READING, Reading
from quotes.extract.labels import (
    CLAUSE_SUBJ_DEPS,
    FINITE_XPOS,
    LOOSE_CLAUSE_DEPS,
    NSUBJ_EXPL_DEPS,
    SUBJ_DEPS,
    SUBJ_EXPL_DEPS,
    VERBAL_UPOS,
)
from quotes.extract.lexicon import WORDS, CueLexicon, time_words
from quotes.extract.rules import rule, rules
from quotes.extract.subjects import nominal_after_quote
from quotes.extract.tree import MAY_CLOSE, QUOTE_MARKS, Tree


@dataclass
class Frame:
    """The context of the content frames: a cue verb in its parse, and what the frames share."""

    tree: Tree
    verb: int
    lemma: str
    lex: CueLexicon

    @cached_property
    def kids(self) -> list:
        return self.tree.children(self.verb)

    @cached_property
    def particles(self) -> set[str]:
        return {k.lemma.lower() for k in self.kids if k.deprel == "compound:prt"}

    @cached_property
    def objs_after(self) -> list:
        """Objects after the verb (the clausal misreadings start from them)."""
        return [k for k in self.kids if k.deprel == "obj" and k.index > self.verb]

    @cached_property
    def objs(self) -> list:
        """The verb's objects (or one the parser gave the verb before it); for a labelling verb, with
        its indirect objects ("called Burma(iobj) a success(obj)")."""
        objs = [k for k in self.kids if k.deprel == "obj"] or _stray_object(self.tree, self.verb)
        if self.lemma in self.lex.labelling:
            objs = sorted(objs + [k for k in self.kids if k.deprel == "iobj"], key=lambda k: k.index)
        return objs


def clausal_frame(name: str):
    """Register a frame that only a clausal cue ([verbs] clausal) can have."""
    def register(fn):
        def frame(f: Frame) -> Reading | None:
            return fn(f) if f.lemma in f.lex.clausal else None
        frame.__doc__, frame.__name__ = fn.__doc__, fn.__name__
        rule(name, "content")(frame)
        return fn
    return register


def read_content(tree: Tree, verb: int, lemma: str, lex: CueLexicon) -> tuple[str, Reading]:
    """The first frame that matches, by name, and its reading (``("", NO_READING)``: none)."""
    f = Frame(tree, verb, lemma, lex)
    for r in rules("content"):
        reading = r.fn(f)
        if reading is not None:
            return r.name, reading
    return "", NO_READING


@clausal_frame("content.clausal")
def clausal(f: Frame) -> Reading | None:
    """The clausal complement ("said (that) ..."), or the clause after a colon ("said: ...")."""
    tree, verb, lex, kids = f.tree, f.verb, f.lex, f.kids
    # a complement after the cue first ("However, earlier this week, Qureshi said that ..."),
    # unless a quotation closes right before the cue ('“...,” said O'Neill, on what was ...')
    quote_first = verb > 1 and tree.tok(verb - 1).text in MAY_CLOSE
    for k in sorted(kids, key=lambda k: ((k.index < verb) != quote_first, k.index)):
        if nominal_after_quote(tree, verb, k):
            continue  # '”, said 9/11 widow Terry Strada': the speaker, misread as a complement
        if k.deprel == "ccomp" or (k.deprel == "parataxis" and k.index > verb and _after_colon(tree, verb, k.index)):
            indices = tree.subtree(k.index)
            # (the opener of the part after the cue, when the parse ran the clause across it)
            own = [i for i in indices if i > verb] if k.index > verb else indices
            opener = next((i for i in own if tree.tok(i).upos != "PUNCT"), min(own))
            if tree.tok(opener).text.lower() in ADVERBIAL_OPENERS:
                continue  # "said after Pagliano failed to show up": when, not what
            if k.xpos == "VBG" and k.index > verb and tree.tok(k.index - 1).text == "," \
                    and not tree.children(k.index, "nsubj", "nsubj:pass", "mark"):
                continue  # "Tester said, referring to the excuse, “...”": a participle adjunct
            if tree.tok(opener).text.lower() in WORDS.relative.pronouns and opener > 1 \
                    and tree.tok(opener - 1).text == ",":
                continue  # "said Mr. Kamin, who emphasized ...": a relative clause on the speaker
            # ("warned that A, adding that B": a participle cue is a speech act of its own)
            later = [c for c in kids if c.deprel == "ccomp" and c.index > k.index > verb
                     and not (c.xpos == "VBG" and lex.cue_lemma(c.lemma, c.text) is not None)
                     and not _lost_sentence_break(tree, c.index, lex)]
            # "shared that A and whether B": a coordinated complement hung on the cue
            # (or as an adverbial clause opened by "and whether")
            later += [c for c in kids if c.index > k.index > verb
                      and (c.deprel == "conj" or c.deprel == "advcl" and tree.children(c.index, "cc"))
                      and any(m.lemma.lower() in WORDS.clauses.coordinated_complements
                              for m in tree.children(c.index, "mark"))]
            # "said builders drew the districts ... so they could claim credits": a clause of
            # purpose straight after the complement (no comma) is part of it, wherever it was hung
            later += [c for c in kids if c.index > k.index > verb and c.deprel.split(":")[0] in ("parataxis", "advcl")
                      and min(tree.subtree(c.index)) == max(indices) + 1
                      and tree.tok(min(tree.subtree(c.index))).text.lower() in WORDS.clauses.purpose]
            if later:  # one clause the parser cut into several complements
                last = max(later, key=lambda c: c.index)
                indices = list(range(min(indices), max(tree.subtree(last.index)) + 1))
            subject = [c for c in kids if c.deprel == "obj" and verb < c.index < min(indices)]
            if subject and k.index > verb and not tree.children(k.index, *CLAUSE_SUBJ_DEPS):
                # "said Democrats and the media are to blame": the clause's subject read as the
                # cue's object
                indices = list(range(min(tree.subtree(subject[0].index)), max(indices) + 1))
            if k.index > verb and min(indices) < verb and any(
                    tree.tok(i).text in QUOTE_MARKS for i in range(max(1, min(indices) - 1), verb)):
                # '“Every time you say that,” Tester said, “you give ...”': the parser hung the
                # quotation's first part on its second; the cue splits them (without marks,
                # "Though X, he said, Y" is one clause around an aside)
                indices = [i for i in indices if i > verb]
            that = [m.index for m in tree.children(k.index, "mark") if m.lemma.lower() == "that"
                    and verb < m.index < min(i for i in indices if i != m.index)]
            if that:  # "warn that if the bloc fails ..., it could fall apart": a clause between
                # the complementizer and its clause, hung on the cue, is said too
                indices = list(range(that[0], max(indices) + 1))
            indices = strip_mark(tree, indices, k.index)
            if tree.tok(indices[0]).upos == "ADP":  # "wrote in a 42-page ruling that the state had ..."
                indices = after_that(tree, indices)
            return Reading(without_leading_time(tree, indices), "ccomp", k.index)
    return None


@clausal_frame("content.inverted-aside")
def inverted_aside(f: Frame) -> Reading | None:
    """"The economy, the governor said on Monday, is stronger": the attribution set off by commas
    inside the clause it reports."""
    tree, verb = f.tree, f.verb
    tok = tree.tok(verb)
    own = tree.contiguous(tree.subtree(verb), verb)  # (not the sentence's final stop hung on it)
    aside = tok.deprel in LOOSE_CLAUSE_DEPS or (  # "X, advisers to Mr. Obama say, Y"
        tok.deprel == "advcl" and not tree.children(verb, "mark") and bool(tree.children(verb, "nsubj")))
    if aside and tok.head > verb and min(own) > 1 \
            and tree.tok(min(own) - 1).text == "," and max(own) < len(tree.tokens) \
            and tree.tok(max(own) + 1).text == "," and any(i < min(own) for i in tree.subtree(tok.head)):
        # "The economy, the governor said on Monday, is stronger": the attribution set off by
        # commas inside the clause it reports
        return Reading([i for i in tree.subtree(tok.head) if i not in own], "inverted", tok.head)
    return None


@clausal_frame("content.inverted-parataxis")
def inverted_parataxis(f: Frame) -> Reading | None:
    """"CLAUSE, Kirby said": the cue hung loose on the clause it reports, which a comma or a closing
    quote ends."""
    tree, verb = f.tree, f.verb
    tok = tree.tok(verb)
    head = tree.tok(tok.head) if tok.head else None
    # "Asked to describe the device, O'Neill said, “...”": a subjectless verb opening the sentence
    # is an adjunct of the attribution (whatever its tag), not what was said
    adjunct = head is not None and head.upos == "VERB" and head.index == 1 \
        and not tree.children(head.index, *SUBJ_EXPL_DEPS)
    if tok.deprel in LOOSE_CLAUSE_DEPS and tok.head and tok.head < verb and not adjunct:
        content = tree.subtree(tok.head, exclude={verb})
        words = [i for i in content if tree.tok(i).upos != "PUNCT" and i < verb]
        # "CLAUSE, Kirby said": a comma or closing quote ends the reported clause
        if words and words[-1] < len(tree.tokens) and tree.tok(words[-1] + 1).text in (",", "”", '"', "’", "'"):
            return Reading(content, "inverted", tok.head)
    return None


@clausal_frame("content.inverted-misread-adverbial")
def inverted_misread_adverbial(f: Frame) -> Reading | None:
    """"The middle fifth paid 8.9 percent, the agency said in a report": the reported clause before
    the cue, misread as an adverbial clause of it or buried in a noun phrase."""
    tree, verb, kids = f.tree, f.verb, f.kids
    for k in kids:
        # "The middle fifth paid 8.9 percent, the agency said in a report": the reported
        # clause before the cue, misread as an adverbial clause of it (it has no subordinator)
        sub = [i for i in tree.subtree(k.index) if k.index >= i or tree.tok(i).upos != "PUNCT"]
        clause = k.deprel == "advcl" and k.upos in ("VERB", "AUX", "ADJ") \
            and tree.children(k.index, *SUBJ_EXPL_DEPS)
        # or a clause whose verb the parser buried in a noun phrase ("paid(amod) 8.9 percent(obl)"):
        # a noun before a past or present tense verb (the tagger may call "paid" a participle)
        # (not the verb of a relative clause on it: "Mr. Obama, who understood that ..., told")
        buried = k.deprel.split(":")[0] in ("obl", "obj", "nsubj", "dep") and any(
            tree.tok(i).xpos in ("VBD", "VBZ", "VBP", "VBN") and any(
                tree.tok(j).upos in ("NOUN", "PROPN", "PRON", "NUM") for j in sub if j < i)
            and not any(tree.tok(a).deprel == "acl:relcl" for a in [i, *tree.ancestors(i)]
                        if a in sub and a != k.index) for i in sub)
        if (clause or buried) and k.index < verb and min(sub) == 1 \
                and not tree.children(k.index, "mark") and tree.tok(max(sub) + 1).text == "," \
                and not any(tree.tok(i).upos in VERBAL_UPOS for i in range(max(sub) + 2, verb)):
            return Reading(sub, "inverted", k.index)
    return None


@clausal_frame("content.object-then-infinitive")
def object_then_infinitive(f: Frame) -> Reading | None:
    """"said Blinken called X": a clause misread as object + infinitive complement."""
    tree, lemma, lex, kids = f.tree, f.lemma, f.lex, f.kids
    # "said Blinken called X": a clause misread as object + infinitive complement
    objs = f.objs_after
    xcomps = [k for k in kids if k.deprel == "xcomp" and objs and k.index > objs[0].index
              and k.upos == "VERB"]
    if objs and xcomps and lemma not in lex.xcomp:
        span = tree.subtree(objs[0].index) + tree.subtree(xcomps[0].index)
        span = _with_coordinated_verbs(tree, kids, list(range(min(span), max(span) + 1)), lex)
        return Reading(list(range(min(span), max(span) + 1)), "ccomp", xcomps[0].index)
    return None


@clausal_frame("content.relative-on-addressee")
def relative_on_addressee(f: Frame) -> Reading | None:
    """"told an invited crowd that he would win": the complement misread as a relative clause on
    the addressee."""
    tree = f.tree
    objs = f.objs_after
    # "told an invited crowd that he would win": the complement misread as a relative clause on
    # the addressee (a real one has "that" as its subject: "the crowd that was waiting")
    # ("told a meeting of island leaders that few people understood the stakes": on a noun
    # inside the addressee too, and "that" read as the object of a verb that has its own)
    holders = [objs[0].index] + [i for i in tree.subtree(objs[0].index)
                                 if tree.tok(i).deprel == "nmod" and i > objs[0].index] if objs else []
    for k in [k for h in holders for k in tree.children(h, "acl")]:
        if k.index > objs[0].index and tree.children(k.index, *SUBJ_DEPS) and any(
                m.text.lower() == "that" and m.index < k.index and (
                    m.deprel == "mark" or m.upos == "SCONJ"  # (a tagged subordinator hung as an object too)
                    or m.deprel == "obj" and len(tree.children(k.index, "obj")) > 1)
                for m in tree.children(k.index)):
            return Reading(strip_mark(tree, tree.subtree(k.index), k.index), "ccomp", k.index)
    return None


@clausal_frame("content.relative-on-oblique")
def relative_on_oblique(f: Frame) -> Reading | None:
    """"said after the convention he would not accept X": the complement read as a relative clause
    on the noun of a phrase after the cue."""
    tree, verb, kids = f.tree, f.verb, f.kids
    # "said after the convention he would not accept X": the complement read as a relative clause
    # on the noun of a phrase after the cue (a real one has a gap: "the convention he attended")
    for o in [k for k in kids if k.deprel.startswith("obl") and k.index > verb]:
        for r in tree.children(o.index, "acl:relcl"):
            lead = [i for i in tree.subtree(r.index) if i < r.index]
            if r.index > o.index and tree.children(r.index, "nsubj") and tree.children(r.index, "obj") \
                    and not any(tree.tok(i).text.lower() in _RELATIVE_WORDS for i in lead):
                return Reading(tree.subtree(r.index), "ccomp", r.index)
    return None


@clausal_frame("content.subject-read-as-object")
def subject_read_as_object(f: Frame) -> Reading | None:
    """"predicted that advanced economies - which include ... - will grow": the clause's subject read
    as the object, its verb hung loose after the aside."""
    tree, kids = f.tree, f.kids
    objs = f.objs_after
    # "predicted that advanced economies - which include ... - will grow": the clause's subject
    # read as the object ("that" as its determiner), its verb hung loose after the aside
    loose = [k for k in kids if k.deprel == "parataxis" and objs and k.index > objs[0].index
             and k.upos in VERBAL_UPOS and not tree.children(k.index, *SUBJ_EXPL_DEPS)
             and (tree.children(k.index, "aux") or k.xpos in FINITE_XPOS)]
    first = min(tree.subtree(objs[0].index)) if objs else 0
    if loose and tree.tok(first).text.lower() == "that" and tree.tok(first).head == objs[0].index:
        end = max(tree.subtree(loose[0].index))
        return Reading(list(range(first + 1, end + 1)), "ccomp", loose[0].index)
    return None


@clausal_frame("content.finite-modifier")
def finite_modifier(f: Frame) -> Reading | None:
    """"Police say the suspect fled on foot": a clause misread as an object with a finite verb
    modifying it."""
    tree, verb, lemma, lex, kids = f.tree, f.verb, f.lemma, f.lex, f.kids
    objs = f.objs_after
    # "Police say the suspect fled on foot": a clause misread as an object with a finite
    # verb modifying it (a real modifier is a participle: "announced the plan approved by ...";
    # "say" takes no such object, so any verb form will do: the tagger reads "fled" as VBN)
    # ("said Secretary Blinken highlighted ...": the subject may be read as an indirect object)
    objs = objs or [k for k in kids if k.deprel == "iobj" and k.index > verb and lemma == "say"]
    finite = [c for c in tree.children(objs[0].index, "acl") if c.deprel == "acl"
              and c.index > objs[0].index and c.upos == "VERB" and objs[0].text.lower() not in time_words()
              and (c.xpos in FINITE_XPOS or lemma == "say" and c.xpos != "VBG")] \
        if objs and lemma not in lex.object else []
    if finite:
        return Reading(tree.subtree(objs[0].index), "ccomp", finite[0].index)
    return None


@clausal_frame("content.loose-complement")
def loose_complement(f: Frame) -> Reading | None:
    """A complement the parser attached loosely: a following clause with a subject of its own."""
    tree, verb, lex, kids = f.tree, f.verb, f.lex, f.kids
    # a complement the parser attached loosely: a following clause with a subject of its own
    for k in kids:
        if k.index > verb and k.deprel.split(":")[0] in ("advcl", "conj", "dep", "parataxis") \
                and k.upos in ("VERB", "AUX", "ADJ") and tree.children(k.index, *NSUBJ_EXPL_DEPS) \
                and (lex.cue_lemma(k.lemma, k.text) is None or tree.children(k.index, "mark")) \
                and not any(c.lemma.lower() in WORDS.clauses.loose_complement_blockers
                            for c in tree.children(k.index, "mark", "cc")):
            sub = tree.subtree(k.index)
            later = next((j for j in range(min(sub) - 1, verb, -1) if tree.tok(j).upos != "PUNCT"), None)
            if later is not None and tree.tok(later).deprel == "conj" and tree.tok(later).head == verb \
                    and lex.cue_lemma(tree.tok(later).lemma, tree.tok(later).text) is not None:
                continue  # "pleaded with him ..., but he replied "I am not able"": the later act's words
            if that_follows(tree, verb) and verb + 1 < min(sub):
                # "showed that(obj) as of Friday(obl), X is leading": the clause starts at "that"
                sub = list(range(verb + 2, max(sub) + 1))
            return Reading(strip_mark(tree, sub, k.index), "ccomp", k.index)
    return None


@rule("content.label", "content")
def label(f: Frame) -> Reading | None:
    """"called Clinton a liar": the person or thing named, then what it is called (the parser may
    call the first an indirect object: "called Burma(iobj) a success(obj)"), or a passive label."""
    tree, verb, lemma, lex, kids = f.tree, f.verb, f.lemma, f.lex, f.kids
    if lemma not in lex.labelling:
        return None
    objs = f.objs
    # (after an indirect object the parser has already split the two: "call them messianic impulses")
    second = [k for k in kids if k.deprel in ("obj", "xcomp") and objs and k.index > objs[0].index
              and (k.upos == "ADJ" or k.upos == "NOUN" and (
                  _opens_noun_phrase(tree, k.index) or objs[0].deprel == "iobj"))]
    if not second and tree.children(verb, "aux:pass"):
        passive = _passive_label(tree, verb, kids)
        if passive:
            return Reading(*passive)
    if second:
        span = tree.subtree(objs[0].index) + tree.subtree(second[0].index)
        for k in kids:  # "called him a master | at bolting together deals": what he is a master of
            sub = tree.subtree(k.index)
            if k.index > second[0].index and min(sub) == max(span) + 1 \
                    and not tree.children(k.index, "nsubj") and k.text not in time_words() \
                    and (k.deprel.split(":")[0] in ("advcl", "acl") and k.upos == "VERB" and any(
                         c.lemma.lower() in OBJ_FOLLOW_CASES for c in tree.children(k.index, "mark"))
                         or k.deprel.startswith("obl") and any(  # not the scene: "a liar at the rally"
                             c.lemma.lower() in WORDS.phrases.label_follow
                             for c in tree.children(k.index, "case"))):
                span = span + sub
        span = _with_coordinated_nouns(tree, kids, list(range(min(span), max(span) + 1)), ("conj", "parataxis"))
        return Reading(list(range(min(span), max(span) + 1)), "obj", objs[0].index)
    loose = _loose_label(tree, objs[0].index) if objs and lemma not in lex.object else []
    if loose:
        return Reading(loose, "obj", objs[0].index)
    return None


@rule("content.cast-as", "content")
def cast_as(f: Frame) -> Reading | None:
    """"an explosion that the mayor described as “an intentional act”": with no object after it,
    an object cue reports the "as" phrase, what the thing was cast as."""
    if f.lemma in f.lex.object and not any(o.index > f.verb for o in f.objs):
        cast = _cast_without_object(f.tree, f.verb, f.kids)
        if cast:
            return Reading(*cast)
    return None


@rule("content.object", "content")
def object_content(f: Frame) -> Reading | None:
    """"stressed the importance of ...", "blamed Pakistan for the collapse": the object of an
    object-taking cue, with the phrases and clauses that continue it."""
    tree, verb, lemma, lex, kids = f.tree, f.verb, f.lemma, f.lex, f.kids
    objs, particles = f.objs, f.particles
    if not (objs and (lemma in lex.object or (particles & lex.prepositional.get(lemma, frozenset())))):
        return None
    obj = objs[0]
    indices = _object_with_continuations(f, obj)
    indices = _charge_after_aside(tree, obj.index, indices)
    indices = _with_coordinated_verbs(tree, kids, indices, lex)
    # (or on the verb the cue hangs on: "started off by emphasizing fairness, and a need to ...")
    head = tree.tok(verb).head
    indices = _with_coordinated_nouns(tree, kids + (tree.children(head, "conj") if head else []), indices)
    xcomps = [k for k in kids if k.deprel == "xcomp" and k.index > obj.index]
    if lemma in lex.xcomp and xcomps:  # "urged Congress to act"
        indices = sorted(set(indices) | set(tree.subtree(xcomps[0].index)))
    return Reading(indices, "obj", obj.index)


def _object_with_continuations(f: Frame, obj) -> list[int]:
    """The object's subtree, a split second object, the phrases ("for the collapse") and clauses
    ("his belief that ...") the parser hung on the verb that directly continue it."""
    tree, verb, lex, kids, objs = f.tree, f.verb, f.lex, f.kids, f.objs
    indices = tree.subtree(obj.index)
    for k in objs[1:]:  # "dismissed NATO member | Estonia": one object split in two by the parse
        if min(tree.subtree(k.index)) == max(indices) + 1:
            indices = sorted(set(indices) | set(tree.subtree(k.index)))
    for k in kids:  # "blamed Pakistan for the collapse", "satisfaction at ..."
        if k.deprel.startswith("obl") and k.index > obj.index and (any(
                c.lemma.lower() in OBJ_FOLLOW_CASES for c in tree.children(k.index, "case"))
                or _object_complement_in(tree, k, lex)):
            if _only_punct_between(tree, max(indices), min(tree.subtree(k.index))):
                indices = sorted(set(indices) | set(tree.subtree(k.index)))
    for k in kids:  # "expressed his belief that ...", "his desire for X to support ...":
        # a clause the parser hung on the verb that directly continues the object
        if k.deprel.split(":")[0] in ("ccomp", "advcl", "xcomp", "acl") and k.index > max(indices) \
                and min(tree.subtree(k.index)) == max(indices) + 1 \
                and (lex.cue_lemma(k.lemma, k.text) is None or tree.children(k.index, "mark")) \
                and not any(c.lemma.lower() in WORDS.clauses.object_clause_blockers
                            or (c.lemma.lower() == "as" and tree.children(k.index, "nsubj"))
                            for c in tree.children(k.index, "mark")):
            # "dismissed Estonia as being in the suburbs": "as" without a subject casts the object
            indices = sorted(set(indices) | set(tree.subtree(k.index)))
    return indices


def _addressed_with(tree, kids) -> list:
    """"pleaded with him", "appealed to voters": the person addressed, as a phrase on the cue."""
    return [k for k in kids if k.deprel.startswith("obl")
            and any(c.lemma.lower() in ("with", "to") for c in tree.children(k.index, "case"))]


@rule("content.infinitive", "content")
def infinitive(f: Frame) -> Reading | None:
    """"agreed to cooperate", "agreed 'to continue consultations'": the infinitive complement,
    also when the parser calls it an adverbial clause."""
    tree, verb, lemma, lex, kids = f.tree, f.verb, f.lemma, f.lex, f.kids
    if lemma not in lex.xcomp:
        return None
    for k in kids:
        # "agreed 'to continue consultations'": an infinitive right after the cue is its
        # complement even when the parser calls it an adverbial clause
        to_mark = any(m.lemma.lower() == "to" for m in tree.children(k.index, "mark"))
        infinitive = k.deprel == "advcl" and to_mark and (
            min(tree.subtree(k.index)) <= verb + 2
            # "asked the council to help ...", "urged governments not to turn away boats": the
            # directive's infinitive right after the person addressed, hung as an adverbial clause
            or any(o.index > verb and min(tree.subtree(k.index)) == max(tree.subtree(o.index)) + 1
                   for o in f.objs + _addressed_with(tree, kids)))
        if (k.deprel == "xcomp" or infinitive) and k.index > verb \
                and tree.tok(k.index).upos in ("VERB", "AUX", "ADJ"):
            return Reading(strip_mark(tree, tree.subtree(k.index), k.index), "xcomp", k.index)
    return None


@rule("content.prepositional", "content")
def prepositional(f: Frame) -> Reading | None:
    """"called for engagement", "committed to consultations with X regarding Y": the complement of
    the preposition the cue licenses ([verbs.prepositional]), with what continues it."""
    tree, verb, lemma, lex, kids = f.tree, f.verb, f.lemma, f.lex, f.kids
    preps = lex.prepositional.get(lemma)
    if not preps:
        return None
    for k in kids:
        gerund = k.deprel.split(":")[0] in ("advcl", "xcomp") and k.xpos == "VBG"
        if (k.deprel.startswith("obl") or gerund) and k.index > verb:
            # "called for cuts", and "called for eliminating ...": the gerund's "for" is a mark
            case = [c for c in tree.children(k.index, "case", "mark") if c.lemma.lower() in preps]
            if case and k.text not in time_words() and k.lemma.lower() not in time_words():
                drop = {c.index for c in case}
                indices = [i for i in tree.subtree(k.index) if i not in drop]
                # "committed to consultations with X regarding Y": phrases the parser hung
                # on the verb that directly continue the complement
                for later in kids:
                    sub = tree.subtree(later.index)
                    infinitive = later.deprel in ("advcl", "xcomp") and any(
                        m.lemma.lower() == "to" for m in tree.children(later.index, "mark"))
                    if later.index > k.index and (later.deprel.startswith("obl") or infinitive) \
                            and min(sub) == max(indices) + 1 and tree.tok(min(sub)).upos != "PUNCT":
                        # "called on police to release the videos": the infinitive too, but not
                        # a second cue coordinated under it ("and called on people to ...")
                        indices += _without_cue_conjuncts(tree, later.index, sub, lex)
                indices = _with_coordinated_nouns(tree, kids, indices)
                compared = [o for o in kids if o.deprel == "obj" and verb < o.index < k.index]
                if lemma in lex.comparison and compared:  # "likened RT to the BBC"
                    indices = list(range(min(tree.subtree(compared[0].index)), max(indices) + 1))
                return Reading(indices, "prep", k.index)
    return None
