"""What was said, read off the parse: the content a cue licenses.

The clausal complement (ccomp), the object of an object-taking cue ("stressed the importance of
..."), an infinitival complement ("agreed to cooperate"), a prepositional complement ("called for
engagement") or both complements of a labelling verb ("called Clinton a liar"). Which structures a
verb licenses is data (``cues.toml``).
"""

from __future__ import annotations

from quotes.extract.lexicon import WORDS, CueLexicon, time_words
from quotes.extract.subjects import nominal_after_quote
from quotes.extract.tree import MAY_CLOSE, QUOTE_MARKS, Tree
from quotes.extract.labels import (
    CLAUSE_SUBJ_DEPS,
    FINITE_XPOS,
    LOOSE_CLAUSE_DEPS,
    NAME_UPOS,
    NSUBJ_EXPL_DEPS,
    PRONOUN_OR_DET_UPOS,
    PUNCT_OR_CONJ_UPOS,
    SUBJ_DEPS,
    SUBJ_EXPL_DEPS,
    VERBAL_UPOS,
)


OBJ_FOLLOW_CASES = WORDS.phrases.object_follow
ADVERBIAL_OPENERS = WORDS.clauses.adverbial_openers  # time, reason, concession: never reported content


def strip_mark(tree: Tree, indices: list[int], root: int) -> list[int]:
    marks = {k.index for k in tree.children(root, "mark") if k.lemma.lower() in WORDS.clauses.complementizers}
    kept = [i for i in indices if i not in marks]
    first = min(marks) if marks else None
    if first is not None and first > min(indices) and tree.tok(first).text.lower() == "that" \
            and all(tree.tok(i).upos in ("ADV", "PUNCT") for i in indices if i < first):
        # "said, however, that ...": an aside before the complementizer is the reporter's
        kept = [i for i in kept if i > first]
    return kept


def _object_complement_in(tree: Tree, k, lex: CueLexicon) -> bool:
    """"denied any involvement in the attacks", "highlighted differences in how to spur growth": an
    "in" phrase the parser hung on the verb continues the object noun before it, unless it names the
    channel, time or place of the speech act ("in a tweet", "in 1995", "in Florida")."""
    if not any(c.lemma.lower() == "in" for c in tree.children(k.index, "case")):
        return False
    return k.lemma.lower() not in lex.channels | lex.documents and k.upos not in ("NUM", "PROPN") \
        and k.text not in time_words() and k.lemma.lower() not in time_words() \
        and not k.ner.endswith(("LOC", "GPE", "DATE", "TIME"))


def _stray_object(tree: Tree, verb: int) -> list:
    """"stopped short of recognising it, reiterating concerns about ...": the parser gave the
    object after the cue to the verb before it, which already has one."""
    after = [t for t in tree.tokens if t.index > verb and t.upos != "PUNCT"]
    obj = next((t for t in after if t.deprel == "obj"), None)
    if obj is None or obj.head >= verb or any(t.index < obj.index and t.upos in VERBAL_UPOS for t in after):
        return []
    if not any(k.index < verb for k in tree.children(obj.head, "obj")):
        return []
    return [obj]


def _with_coordinated_verbs(tree: Tree, kids: list, indices: list[int], lex: CueLexicon) -> list[int]:
    """"the need to train and keep more nurses": a verb the parser coordinated with the cue itself
    that directly continues the content (and is no cue of its own) belongs to it. Coordination joins
    like forms: a verb with no verb of its form in the content is the speaker's next act ("promised
    a veto and attempted to ...", "praised his work preserving it but also had to ...")."""
    for k in kids:
        if k.deprel == "conj" and k.index > max(indices) and min(tree.subtree(k.index)) == max(indices) + 1 \
                and tree.tok(max(indices) + 1).upos == "CCONJ" and not tree.children(k.index, "nsubj") \
                and lex.cue_lemma(k.lemma, k.text) is None \
                and (k.upos not in VERBAL_UPOS or any(tree.tok(i).xpos == k.xpos for i in indices)):
            # without a cue clause of its own hanging on it (", noting that ...")
            other_cues = {c.index for c in tree.children(k.index, "advcl", "conj", "parataxis")
                          if lex.cue_lemma(c.lemma, c.text) is not None}
            added = tree.subtree(k.index, exclude=other_cues)
            while added and tree.tok(max(added)).upos == "PUNCT":
                added.remove(max(added))
            indices = sorted(set(indices) | set(added))
    return indices


def _with_coordinated_nouns(tree: Tree, kids: list, indices: list[int], relations=("conj",)) -> list[int]:
    """"called for increased spending and an end to sequestration", "emphasizing fairness, and a need
    to ...": a noun phrase the parser coordinated with the cue itself that directly continues the
    content (after a comma or a conjunction) is one more conjunct of it."""
    for k in sorted(kids, key=lambda k: k.index):
        if k.deprel not in relations or k.upos not in NAME_UPOS or k.index <= max(indices) \
                or tree.children(k.index, "nsubj", "nsubj:pass", "cop"):
            continue
        sub = tree.subtree(k.index)
        if min(sub) > max(indices) + 1 and not all(tree.tok(i).upos in PUNCT_OR_CONJ_UPOS
                                                   for i in range(max(indices) + 1, min(sub))):
            continue
        lead = [i for i in range(max(indices) + 1, k.index) if i in sub or i < min(sub)]
        if not any(tree.tok(i).upos == "CCONJ" or tree.tok(i).text == "," for i in lead):
            continue
        indices = sorted(set(indices) | set(range(max(indices) + 1, min(sub))) | set(sub))
    return indices


def _opens_noun_phrase(tree: Tree, head: int) -> bool:
    """A second object that starts a phrase of its own ("a liar", "“a disgrace”"), not the rest of
    a name the parser split ("Pakistan Prime | Minister Imran Khan")."""
    first = tree.tok(min(tree.subtree(head)))
    return first.upos in PRONOUN_OR_DET_UPOS or first.text in QUOTE_MARKS


def _without_cue_conjuncts(tree: Tree, head: int, sub: list[int], lex: CueLexicon) -> list[int]:
    for c in tree.children(head, "conj"):
        if lex.cue_lemma(c.lemma, c.text) is not None:
            cut = min(tree.subtree(c.index))
            if cut > 1 and tree.tok(cut - 1).upos == "CCONJ":
                cut -= 1
            return [i for i in sub if i < cut]
    return sub


def _loose_label(tree: Tree, obj: int) -> list[int]:
    """What a thing is called, hung by the parser inside or after the first complement ("called her
    vote in favor of the war a mistake", 'called the holiday “a celebration of ...”'): a phrase
    opening with a quotation mark or "a"/"an" after a stretch of nouns and prepositions only."""
    span = tree.subtree(obj)
    n = len(tree.tokens)
    for k in span:  # inside: "called the citation and the demand for X a ploy", read as an apposition
        t = tree.tok(k)
        if t.text.lower() in WORDS.phrases.indefinite and t.upos == "DET" and k > obj and tree.tok(k - 1).upos != "PUNCT" \
                and tree.tok(t.head).deprel == "appos" and min(tree.subtree(t.head)) == k:
            return list(range(min(span), max(span) + 1))
    nxt = max(span) + 1
    if nxt <= n and tree.tok(nxt).text in QUOTE_MARKS:
        close = next((i for i in range(nxt + 1, n + 1) if tree.tok(i).text in QUOTE_MARKS), None)
        return list(range(min(span), close + 1)) if close and close > nxt + 1 else []
    for k in range(nxt, n + 1):
        t = tree.tok(k)
        if t.text.lower() in WORDS.phrases.indefinite and t.upos == "DET":
            head = t.head
            if head and tree.tok(head).upos in ("NOUN", "ADJ") and min(tree.subtree(head)) == k:
                end = max(tree.subtree(head))
                if end == n or tree.tok(end + 1).upos == "PUNCT":
                    return list(range(min(span), end + 1))
            return []
        if t.upos in ("VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON"):
            return []
    return []


def _cast_without_object(tree: Tree, verb: int, kids: list) -> tuple[list[int], str, int] | None:
    """"an explosion that the mayor described as “an intentional act”", "what analysts described as
    pre-debate tactics": with its object fronted as a relative pronoun (or left out), an object cue
    reports the "as" phrase right after it, what the thing was cast as."""
    for k in kids:
        sub = tree.subtree(k.index)
        if k.index > verb and k.deprel.split(":")[0] in ("obl", "advcl", "xcomp") \
                and tree.tok(min(sub)).text.lower() == "as" and tree.tok(min(sub)).head == k.index \
                and all(tree.tok(i).upos == "ADV" for i in range(verb + 1, min(sub))):
            sub = [i for i in sub if not any(tree.tok(j).text in (":", ";") for j in range(min(sub), i + 1))]
            while sub and tree.tok(sub[-1]).upos == "PUNCT" and tree.tok(sub[-1]).text not in QUOTE_MARKS:
                sub.pop()
            return sub, "obj", k.index
    return None


def _passive_label(tree: Tree, verb: int, kids: list) -> tuple[list[int], str, int] | None:
    """"Oz has been called a charlatan by fellow physicians": in the passive the one named is the
    subject, and the label follows the cue; the content is both, without the agent (wherever the
    parser hung it). A relative pronoun as the subject is left out ("who was dubbed ...")."""
    subject = [k for k in kids if k.deprel == "nsubj:pass" and k.index < verb]
    label = [k for k in kids if k.deprel in ("obj", "xcomp") and k.index > verb and k.upos in ("NOUN", "ADJ")]
    if not subject or not label:
        return None
    agent = {i for k in tree.subtree(label[0].index) for i in [k] if tree.tok(k).deprel == "nmod"
             and any(c.lemma == "by" for c in tree.children(k, "case"))}
    named = tree.subtree(label[0].index, exclude=agent)
    if tree.tok(min(named)).upos == "PUNCT" or len(named) != max(named) - min(named) + 1:
        return None
    first = tree.subtree(subject[0].index)
    if tree.tok(min(first)).text.lower() in _RELATIVE_WORDS:
        first = []
    return first + named, "obj", label[0].index


_RELATIVE_WORDS = WORDS.relative.all


def _charge_after_aside(tree: Tree, obj: int, indices: list[int]) -> list[int]:
    """"accused Rafael Cruz, who was born in Cuba, of associating with Oswald": the charge after an
    aside on the object is content, wherever the parser hung it (the span runs through the aside)."""
    def set_off(k) -> bool:
        first = min(tree.subtree(k.index))
        return tree.tok(first).text == "," or first > 1 and tree.tok(first - 1).text == ","

    asides = [k for k in tree.children(obj) if k.deprel in ("acl:relcl", "appos") and k.index > obj and set_off(k)]
    if not asides:
        return indices
    aside = set(tree.subtree(asides[0].index))
    for i in sorted(aside):
        t = tree.tok(i)
        marks = [m for m in tree.children(i, "mark") if m.lemma.lower() in WORDS.phrases.charge_marks]
        if t.xpos == "VBG" and t.deprel.split(":")[0] == "advcl" and marks \
                and tree.tok(marks[0].index - 1).text == ",":
            charge = [j for j in tree.subtree(i) if j >= marks[0].index]
            return sorted({j for j in indices if j not in aside} | set(charge))
    return indices


def _lost_sentence_break(tree: Tree, i: int, lex: CueLexicon) -> bool:
    """"said A for the centers The S.E.C. said B": a speech verb whose subject opens with a capitalised
    determiner or pronoun right after a lower-case word is the next sentence's report, the period
    between them lost in the text."""
    subject = tree.children(i, "nsubj")
    if not subject or lex.cue_lemma(tree.tok(i).lemma, tree.tok(i).text) is None:
        return False
    start = min(tree.subtree(subject[0].index))
    first, before = tree.tok(start), tree.tok(start - 1) if start > 1 else None
    return before is not None \
        and first.upos in PRONOUN_OR_DET_UPOS and first.text[:1].isupper() and first.text != "I" \
        and before.upos != "PUNCT" and before.text[:1].islower()


def content_for(tree: Tree, verb: int, lemma: str, lex: CueLexicon) -> tuple[list[int], str, int | None]:
    kids = tree.children(verb)
    particles = {k.lemma.lower() for k in kids if k.deprel == "compound:prt"}
    if lemma in lex.clausal:
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
                return without_leading_time(tree, indices), "ccomp", k.index
        # inverted: "..., Kirby said" — the cue hangs off the clause it reports
        tok = tree.tok(verb)
        own = tree.contiguous(tree.subtree(verb), verb)  # (not the sentence's final stop hung on it)
        aside = tok.deprel in LOOSE_CLAUSE_DEPS or (  # "X, advisers to Mr. Obama say, Y"
            tok.deprel == "advcl" and not tree.children(verb, "mark") and bool(tree.children(verb, "nsubj")))
        if aside and tok.head > verb and min(own) > 1 \
                and tree.tok(min(own) - 1).text == "," and max(own) < len(tree.tokens) \
                and tree.tok(max(own) + 1).text == "," and any(i < min(own) for i in tree.subtree(tok.head)):
            # "The economy, the governor said on Monday, is stronger": the attribution set off by
            # commas inside the clause it reports
            return [i for i in tree.subtree(tok.head) if i not in own], "inverted", tok.head
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
                return content, "inverted", tok.head
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
                return sub, "inverted", k.index
        # "said Blinken called X": a clause misread as object + infinitive complement
        objs = [k for k in kids if k.deprel == "obj" and k.index > verb]
        xcomps = [k for k in kids if k.deprel == "xcomp" and objs and k.index > objs[0].index
                  and k.upos == "VERB"]
        if objs and xcomps and lemma not in lex.xcomp:
            span = tree.subtree(objs[0].index) + tree.subtree(xcomps[0].index)
            span = _with_coordinated_verbs(tree, kids, list(range(min(span), max(span) + 1)), lex)
            return list(range(min(span), max(span) + 1)), "ccomp", xcomps[0].index
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
                return strip_mark(tree, tree.subtree(k.index), k.index), "ccomp", k.index
        # "said after the convention he would not accept X": the complement read as a relative clause
        # on the noun of a phrase after the cue (a real one has a gap: "the convention he attended")
        for o in [k for k in kids if k.deprel.startswith("obl") and k.index > verb]:
            for r in tree.children(o.index, "acl:relcl"):
                lead = [i for i in tree.subtree(r.index) if i < r.index]
                if r.index > o.index and tree.children(r.index, "nsubj") and tree.children(r.index, "obj") \
                        and not any(tree.tok(i).text.lower() in _RELATIVE_WORDS for i in lead):
                    return tree.subtree(r.index), "ccomp", r.index
        # "predicted that advanced economies - which include ... - will grow": the clause's subject
        # read as the object ("that" as its determiner), its verb hung loose after the aside
        loose = [k for k in kids if k.deprel == "parataxis" and objs and k.index > objs[0].index
                 and k.upos in VERBAL_UPOS and not tree.children(k.index, *SUBJ_EXPL_DEPS)
                 and (tree.children(k.index, "aux") or k.xpos in FINITE_XPOS)]
        first = min(tree.subtree(objs[0].index)) if objs else 0
        if loose and tree.tok(first).text.lower() == "that" and tree.tok(first).head == objs[0].index:
            end = max(tree.subtree(loose[0].index))
            return list(range(first + 1, end + 1)), "ccomp", loose[0].index
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
            return tree.subtree(objs[0].index), "ccomp", finite[0].index
        # a complement the parser attached loosely: a following clause with a subject of its own
        for k in kids:
            if k.index > verb and k.deprel.split(":")[0] in ("advcl", "conj", "dep", "parataxis") \
                    and k.upos in ("VERB", "AUX", "ADJ") and tree.children(k.index, *NSUBJ_EXPL_DEPS) \
                    and (lex.cue_lemma(k.lemma, k.text) is None or tree.children(k.index, "mark")) \
                    and not any(c.lemma.lower() in WORDS.clauses.loose_complement_blockers
                                for c in tree.children(k.index, "mark", "cc")):
                sub = tree.subtree(k.index)
                if that_follows(tree, verb) and verb + 1 < min(sub):
                    # "showed that(obj) as of Friday(obl), X is leading": the clause starts at "that"
                    sub = list(range(verb + 2, max(sub) + 1))
                return strip_mark(tree, sub, k.index), "ccomp", k.index
    objs = [k for k in kids if k.deprel == "obj"] or _stray_object(tree, verb)
    if lemma in lex.labelling:
        # "called Clinton a liar": the person or thing named, then what it is called (the parser
        # may call the first an indirect object: "called Burma(iobj) a success(obj)")
        objs = sorted(objs + [k for k in kids if k.deprel == "iobj"], key=lambda k: k.index)
        # (after an indirect object the parser has already split the two: "call them messianic impulses")
        second = [k for k in kids if k.deprel in ("obj", "xcomp") and objs and k.index > objs[0].index
                  and (k.upos == "ADJ" or k.upos == "NOUN" and (
                      _opens_noun_phrase(tree, k.index) or objs[0].deprel == "iobj"))]
        if not second and tree.children(verb, "aux:pass"):
            passive = _passive_label(tree, verb, kids)
            if passive:
                return passive
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
            return list(range(min(span), max(span) + 1)), "obj", objs[0].index
        loose = _loose_label(tree, objs[0].index) if objs and lemma not in lex.object else []
        if loose:
            return loose, "obj", objs[0].index
    if lemma in lex.object and not any(o.index > verb for o in objs):
        cast = _cast_without_object(tree, verb, kids)
        if cast:
            return cast
    if objs and (lemma in lex.object or (particles & lex.prepositional.get(lemma, frozenset()))):
        obj = objs[0]
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
        indices = _charge_after_aside(tree, obj.index, indices)
        indices = _with_coordinated_verbs(tree, kids, indices, lex)
        # (or on the verb the cue hangs on: "started off by emphasizing fairness, and a need to ...")
        head = tree.tok(verb).head
        indices = _with_coordinated_nouns(tree, kids + (tree.children(head, "conj") if head else []), indices)
        xcomps = [k for k in kids if k.deprel == "xcomp" and k.index > obj.index]
        if lemma in lex.xcomp and xcomps:  # "urged Congress to act"
            indices = sorted(set(indices) | set(tree.subtree(xcomps[0].index)))
        return indices, "obj", obj.index
    if lemma in lex.xcomp:
        for k in kids:
            # "agreed 'to continue consultations'": an infinitive right after the cue is its
            # complement even when the parser calls it an adverbial clause
            infinitive = k.deprel == "advcl" and min(tree.subtree(k.index)) <= verb + 2 and any(
                m.lemma.lower() == "to" for m in tree.children(k.index, "mark"))
            if (k.deprel == "xcomp" or infinitive) and k.index > verb \
                    and tree.tok(k.index).upos in ("VERB", "AUX", "ADJ"):
                return strip_mark(tree, tree.subtree(k.index), k.index), "xcomp", k.index
    preps = lex.prepositional.get(lemma)
    if preps:
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
                    return indices, "prep", k.index
    return [], "", None


_TIME_LEADS = WORDS.time.leads
_TIME_NOUNS = WORDS.time.nouns


def only_time(tree: Tree, indices: list[int]) -> bool:
    """"signaled last summer that ...", "praised Tuesday": an object that is only a time phrase
    dates the act; it is not what was said (the parser hung the clause elsewhere)."""
    words = [tree.tok(i) for i in indices if tree.tok(i).upos != "PUNCT"]
    return bool(words) and all(t.text.lower() in _TIME_LEADS | _TIME_NOUNS | _SEASONS or t.text in time_words()
                               or t.text.lower() in time_words() for t in words) \
        and words[-1].text.lower() not in _TIME_LEADS


_SEASONS = WORDS.time.seasons


def without_leading_time(tree: Tree, indices: list[int]) -> list[int]:
    """"said on Tuesday the army was open to talks": the time phrase the parser hung on the
    complement dates the saying; the complement starts after it."""
    n = 0
    while n < len(indices) and n < 2 and tree.tok(indices[n]).text.lower() in _TIME_LEADS:
        n += 1
    first = n
    while n < len(indices) and (tree.tok(indices[n]).text in time_words()
                                or tree.tok(indices[n]).text.lower() in _TIME_NOUNS | time_words()):
        n += 1
    if n == first or n >= len(indices) - 2:
        return indices
    last = tree.tok(indices[n - 1])
    if tree.tok(indices[n]).text in ("'s", "’s") or not last.deprel.startswith(("obl", "nmod:tmod", "advmod")) \
            and not (tree.tok(last.head).deprel.startswith(("obl", "nmod:tmod")) and last.head in indices[first:n]):
        return indices  # "said Tuesday's vote ...", "said Monday was the deadline": the subject
    if tree.tok(indices[n]).text == ",":
        n += 1
    return indices[n:]


def _after_colon(tree: Tree, verb: int, target: int) -> bool:
    return any(tree.tok(i).text == ":" for i in range(verb + 1, target))


def _only_punct_between(tree: Tree, a: int, b: int) -> bool:
    return all(tree.tok(i).upos == "PUNCT" for i in range(a + 1, b))


def relative_that(tree: Tree, i: int) -> bool:
    """A complementizer "that" is followed by its clause's subject; "that was held" is a relative."""
    return i >= len(tree.tokens) or tree.tok(i + 1).upos in ("VERB", "AUX", "ADV", "PUNCT")


def after_that(tree: Tree, indices: list[int]) -> list[int]:
    """The words after a cue without the complementizer, and without a time phrase before it:
    "said (earlier this week) that ..." reports what follows "that"."""
    that = next((n for n, i in enumerate(indices[:12]) if tree.tok(i).text.lower() == "that"
                 and not relative_that(tree, i)), None)
    # a "verb" in a nominal function is a mistagged noun: "in a 42-page ruling(VERB, obl) that ..."
    nominal = ("amod", "compound", "obl", "nmod")
    # nor a comparison aside: "cautioned, as did the campaign itself, that ..."
    aside = {i for n, i in enumerate(indices[:that] if that else []) if tree.tok(i).lemma in WORDS.clauses.light_verbs
             and n > 0 and tree.tok(indices[n - 1]).text.lower() == "as"}
    if that is not None and not any(tree.tok(i).upos in VERBAL_UPOS and tree.tok(i).deprel.split(":")[0] not in nominal
                                    and i not in aside for i in indices[:that]):
        return indices[that + 1:]
    return indices


def that_follows(tree: Tree, verb: int) -> bool:
    """"found that ...": the complementizer settles a weak verb's clausal reading however the
    parser attached the clause."""
    if verb >= len(tree.tokens) or tree.tok(verb + 1).text.lower() != "that":
        return False
    that = tree.tok(verb + 1)
    if that.upos == "SCONJ":
        return True
    # "showed that(PRON, obj) as of Friday, X is leading", "knowing that(DET) love is the way": a
    # pronoun "that" with nothing of its own, or the determiner of the subject of a clause that
    # follows, is the complementizer the parser mistook
    if that.upos not in ("PRON", "DET") or tree.children(that.index) or relative_that(tree, that.index):
        return False
    if that.head != verb:
        noun = tree.tok(that.head) if that.deprel == "det" and that.head > that.index else None
        if noun is None:
            return False
        end = max(tree.subtree(noun.index))  # "that love and kindness | are ...": a finite verb follows
        nxt = tree.tok(end + 1) if end < len(tree.tokens) else None
        return noun.deprel.startswith("nsubj") and noun.head > noun.index or nxt is not None \
            and nxt.upos in VERBAL_UPOS and nxt.xpos in ("VBZ", "VBP", "VBD", "MD")
    return any(t.deprel.startswith(("nsubj", "expl")) and t.head > that.index and t.index > that.index
               and tree.tok(t.head).upos in ("VERB", "AUX", "ADJ", "NOUN") for t in tree.tokens)
