"""What was said, read off the parse: the helpers the content frames (``frames``) and the trims
share — a complementizer stripped, an object's continuations, a label, a time phrase, "that".
"""

from __future__ import annotations

from quotes.extract.labels import NAME_UPOS, PRONOUN_OR_DET_UPOS, PUNCT_OR_CONJ_UPOS, VERBAL_UPOS
from quotes.extract.lexicon import WORDS, CueLexicon, time_words
from quotes.extract.tree import QUOTE_MARKS, Tree


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
