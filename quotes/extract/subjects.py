"""Who speaks, read off the parse: the cue's subject, agent or inverted subject, and its mention.

A weak parse loses subjects in predictable ways ("..., said Kirby" as an object, a relative
pronoun for its antecedent, a quotation's own words taken for a subject); each repair is here.
"""

from __future__ import annotations

from quotes.extract.lexicon import WORDS, cue_lexicon
from quotes.extract.tree import (
    CLOSING_MARKS,
    EITHER_MARKS,
    MAY_CLOSE,
    OPENING_MARKS,
    QUOTE_MARKS,
    Tree,
)
from quotes.extract.labels import NAME_UPOS, VERBAL_UPOS


_SCENE_PREPOSITIONS = WORDS.phrases.scene
MENTION_DROP = {"acl:relcl", "acl", "appos", "punct", "parataxis", "dep", "advcl", "cc:preconj"}
INHERIT_SUBJECT = {"advcl", "xcomp", "conj", "acl"}


def mention_tokens(tree: Tree, head: int, stop: int | None = None) -> list[int]:
    """The speaker's noun phrase without relative clauses or punctuation.

    An apposition naming the person behind a title is kept ("the health minister, Carla Mendes");
    the mention is widened over adjacent capitalized words the parser left out of it
    ("Russian Foreign Minister Sergey Lavrov"), never past the cue at ``stop``.
    """
    head_tok = tree.tok(head)
    keep_appos = head_tok.upos == "NOUN"
    drop = set()
    for t in tree.subtree(head):
        for k in tree.children(t):
            rel = k.deprel.split(":")[0]
            if k.deprel in MENTION_DROP or rel in {"acl", "appos", "parataxis"}:
                if keep_appos and t == head and _is_name_apposition(tree, head, k.index):
                    continue
                if keep_appos and tree.tok(t).head == head and tree.tok(t).deprel == "nmod" \
                        and rel == "appos" and _is_name_apposition(tree, t, k.index) \
                        and max(tree.subtree(k.index)) >= max(i for i in tree.subtree(t) if tree.tok(i).upos != "PUNCT"):
                    continue  # "A spokesman for the army, Brig Gen Nabil Abdallah," (parsed as the army's)
                drop.add(k.index)
            elif t == head and rel == "conj" and keep_appos and _is_name_apposition(tree, head, k.index):
                continue
    drop |= {k.index for k in tree.children(head, "case", "mark")}  # "according to X", "by X"
    # "US on Tuesday"; but "his partner at Lenox, Lawrence Cummings" keeps the phrase up to the name
    named_at = min((k.index for k in tree.children(head) if k.deprel.split(":")[0] in ("appos", "conj")
                    and keep_appos and _is_name_apposition(tree, head, k.index)), default=0)
    drop |= {k.index for k in tree.children(head, "nmod", "obl") if k.index > named_at and any(
        c.lemma.lower() in _SCENE_PREPOSITIONS for c in tree.children(k.index, "case"))}
    kept = set(tree.subtree(head, exclude=drop))
    # commas inside an apposition do not break the phrase
    kept |= {i for i in range(min(kept), max(kept) + 1) if tree.tok(i).upos == "PUNCT"
             and tree.tok(i).text in (",", "-", "–") and i - 1 in kept and i + 1 in kept | {i + 1}
             and any(j in kept for j in range(i + 1, max(kept) + 1))}
    idx = tree.contiguous(sorted(kept), head)
    while len(idx) > 1 and tree.tok(idx[-1]).upos == "PUNCT":
        idx.pop()
    return _widen(tree, idx, stop)


def _is_name_apposition(tree: Tree, head: int, k: int) -> bool:
    """"the minister, Carla Mendes" (appos, or conj as weak parsers have it): a name after a comma."""
    tok = tree.tok(k)
    comma = any(tree.tok(i).text == "," for i in range(head + 1, k))
    return comma and (tok.upos == "PROPN" or tok.ner != "O" or tok.text[:1].isupper()) and k > head


def _widen(tree: Tree, idx: list[int], stop: int | None) -> list[int]:
    lo, hi = min(idx), max(idx)
    n = len(tree.tokens)

    def cap(i: int) -> bool:
        t = tree.tok(i)
        return t.text[:1].isupper() and t.upos not in ("PUNCT", "VERB", "AUX", "PRON") and t.deprel != "root"

    while hi + 1 <= n and (stop is None or hi + 1 < stop) and cap(hi + 1) and cap(hi):
        hi += 1
    while lo - 1 >= 1 and (stop is None or lo - 1 > stop) and cap(lo - 1) and cap(lo) and lo - 1 > 1:
        lo -= 1
    return list(range(lo, hi + 1))


def _trailing_speaker(tree: Tree, verb: int) -> int | None:
    """"..., Sputnik reported." — a name between a comma and a cue that ends the sentence."""
    rest = [t for t in tree.tokens if t.index > verb and t.upos != "PUNCT"]
    if rest or verb < 3:
        return None
    i = verb - 1
    while i >= 1 and tree.tok(i).upos in ("PROPN", "NOUN", "DET", "ADJ") and tree.tok(i).text != ",":
        i -= 1
    if i >= 1 and i < verb - 1 and tree.tok(i).text in (",", "”", '"') and \
            tree.tok(verb - 1).upos in ("PROPN", "NOUN"):
        return verb - 1
    return None


def nominal_after_quote(tree: Tree, verb: int, k) -> bool:
    """A verbless noun-phrase "complement" right after '”, said': the inverted speaker."""
    return k.deprel == "ccomp" and k.index > verb and k.upos in NAME_UPOS and verb >= 2 \
        and tree.tok(verb - 1).text in MAY_CLOSE | {","} \
        and not tree.children(k.index, "nsubj", "cop", "mark")


def _inverted_speaker(tree: Tree, verb: int) -> int | None:
    """"“...,” said Governor Ana Ruiz." — the name right after a cue that follows a quote or comma."""
    trailing = _trailing_speaker(tree, verb)
    if trailing is not None:
        return trailing
    if verb < 2 or tree.tok(verb).text.lower().endswith("ing"):
        return None  # "..., reiterating concerns": a participle never inverts its subject
    prev = tree.tok(verb - 1)
    if prev.text not in (",", '"', "”", "’", "'") and prev.upos != "PUNCT":
        return None
    quoted = quoted_tokens(tree)
    if any(k.index < verb and k.index not in quoted for k in tree.children(verb, "nsubj")):
        return None  # "Imran Khan, during the call, stressed the importance ...": not inverted
    after = [k for k in tree.children(verb) if k.index > verb and k.deprel.split(":")[0] in ("nsubj", "obj", "iobj")
             or nominal_after_quote(tree, verb, k)]
    if after and (after[0].upos in ("PROPN", "NOUN", "PRON") or after[0].ner != "O"):
        return after[0].index
    return None


_CLOSING_MARKS = {"”", '"', "''", "’", "'"}


def after_quote_speaker(tree: Tree, verb: int) -> list[int]:
    """“…,” Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday: the noun phrase that opens
    the attribution after a quotation, read off the surface when the parse lost the subject.

    Appositives after the first comma or bracket may hold verbs ("one of the states suing the
    EPA"); the phrase itself may not.
    """
    marks = [t.index for t in tree.tokens if t.index < verb and t.text in _CLOSING_MARKS]
    if not marks:
        return []
    close = marks[-1]
    if close < 3 or tree.tok(close - 1).text not in (",", "?", "!", "…", "--"):
        return []
    phrase = []
    for i in range(close + 1, verb):
        t = tree.tok(i)
        if t.text in (",", "(", "--", "—", "–"):
            break
        if t.upos in VERBAL_UPOS or t.text in _CLOSING_MARKS:
            return []
        phrase.append(i)
    # a capitalized word counts as a name whatever the tagger says ("Gowdy/ADV said")
    heads = [i for i in phrase if tree.tok(i).upos in ("PROPN", "NOUN", "PRON") or tree.tok(i).text[:1].isupper()]
    if not heads or not (tree.tok(phrase[0]).upos in ("DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM")
                         or tree.tok(phrase[0]).text[:1].isupper()):
        return []
    return phrase[:phrase.index(heads[-1]) + 1]


def _opens_by_spacing(tree: Tree, i: int) -> bool:
    """A straight mark with a space before it and none after opens a quotation ('said, "I think')."""
    t = tree.tok(i)
    nxt = tree.tok(i + 1) if i + 1 <= len(tree.tokens) else None
    return tree.tok(i - 1).end < t.start and nxt is not None and nxt.start == t.end


def quoted_tokens(tree: Tree) -> set[int]:
    """Tokens between quotation marks within the sentence (a quote's words are never its speaker).

    A sentence whose first mark closes a quotation ('Full panic mode,” said Leslie Wimes') begins
    inside the quotation the previous sentence opened.
    """
    marks = [t for t in tree.tokens if t.text in QUOTE_MARKS]
    inside = bool(marks) and marks[0].index > 1 and (
        marks[0].text in CLOSING_MARKS
        or (marks[0].text in EITHER_MARKS and tree.tok(marks[0].index - 1).text in (",", ".", "?", "!", "…")
            and not _opens_by_spacing(tree, marks[0].index)))
    out: set[int] = set(range(1, marks[0].index)) if inside else set()
    inside = False
    for t in tree.tokens:
        if t.text in OPENING_MARKS or (t.text in EITHER_MARKS and not inside):
            inside = True
        elif t.text in CLOSING_MARKS or (t.text in EITHER_MARKS and inside):
            inside = False
        elif inside:
            out.add(t.index)
    return out


_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X", "SYM"}
# Object and second-person pronouns are never the narrator's speaker of reported speech.
NOT_SUBJECT_PRONOUNS = WORDS.pronouns.not_subject


def is_nominal(tree: Tree, i: int) -> bool:
    t = tree.tok(i)
    return t.upos in _NOMINAL or t.ner != "O"


def find_speaker(tree: Tree, verb: int) -> int | None:
    """Subject of the cue, the agent of a passive, or the subject of the clause it modifies."""
    return find_speaker_traced(tree, verb)[0]


def find_speaker_traced(tree: Tree, verb: int) -> tuple[int | None, str]:
    """:func:`find_speaker` with how it was found ("speaker.subject", "speaker.inverted",
    "speaker.passive-agent", ...; "+relative-antecedent" when a "who" stood for its noun)."""
    trailing = _trailing_speaker(tree, verb)
    if trailing is not None:  # "..., Sputnik reported."
        return trailing, "speaker.name-before-final-cue"
    inverted = _inverted_speaker(tree, verb)
    if inverted is not None:  # "“...,” said Governor Ana Ruiz."
        return inverted, "speaker.inverted"
    found, why = _find_speaker(tree, verb)
    if found is not None:
        antecedent = _antecedent(tree, found)
        why += "+relative-antecedent" if antecedent != found else ""
        found = antecedent
    if found is not None and not is_nominal(tree, found):
        # "American academic and professor Marc Lamont Hill commented": the tagger read the first
        # of two coordinated descriptions as an adjective; the named conjunct is the speaker
        named = [k.index for k in tree.children(found, "conj") if tree.tok(k.index).upos == "PROPN"]
        if named:
            found, why = named[-1], why + "+named-conjunct"
    if found is not None and not is_nominal(tree, found):
        # "A psychology(NOUN) major(ADJ) at the University of Texas, Amy Cho, said": a mis-tagged
        # description whose name, set off by commas, stands right before the cue
        named = _name_between_commas_before(tree, verb)
        if named is not None:
            found, why = named, why + "+apposed-name"
    if found is None or not is_nominal(tree, found) or tree.tok(found).text.lower() in cue_lexicon().not_speakers:
        return None, ""
    return found, why


def _name_between_commas_before(tree: Tree, verb: int) -> int | None:
    """The last token of a person's name between two commas that ends right before the cue."""
    if verb < 4 or tree.tok(verb - 1).text != ",":
        return None
    i = verb - 2
    while i >= 1 and tree.tok(i).upos == "PROPN" and tree.tok(i).ner.endswith("PER"):
        i -= 1
    if i == verb - 2 or i < 1 or tree.tok(i).text != ",":
        return None
    return verb - 2


def _antecedent(tree: Tree, subject: int) -> int:
    """"a birther who has repeatedly pledged ...": a relative pronoun stands for the noun its clause
    modifies, and a predicate noun ("Trump is a ... birther who ...") for the copula's subject."""
    tok = tree.tok(subject)
    clause = tree.tok(tok.head) if tok.head else None
    if tok.text.lower() not in WORDS.relative.subjects or clause is None \
            or clause.deprel != "acl:relcl" or not clause.head:
        return subject
    noun = clause.head
    while tree.tok(noun).deprel == "conj" and tree.tok(noun).head:
        noun = tree.tok(noun).head  # "a liar and birther who ...": the first conjunct carries the copula
    if tree.children(noun, "cop"):
        subj = tree.children(noun, "nsubj")
        if subj:
            return subj[0].index
    return clause.head


def passive_agent(tree: Tree, verb: int) -> int | None:
    """The "by" phrase of a passive: "was announced by the ministry"."""
    for obl in tree.children(verb, "obl"):
        if obl.deprel == "obl:agent" or any(c.lemma == "by" for c in tree.children(obl.index, "case")):
            return obl.index
    # "has been called a charlatan by fellow physicians": the agent hung on the complement before it
    for comp in tree.children(verb, "obj", "xcomp"):
        for k in tree.children(comp.index, "nmod"):
            if k.index > comp.index and any(c.lemma == "by" for c in tree.children(k.index, "case")) \
                    and min(tree.subtree(k.index)) == max(tree.subtree(comp.index, exclude={k.index})) + 1:
                return k.index
    return None


def _nearest_clause_subject(tree: Tree, verb: int) -> int | None:
    """"The Taliban seized Kabul after Biden withdrew troops, saying ...": a subjectless participle
    after a comma modifies the clause just before it (right association), though a parser may hang
    both on the main verb; that clause's subject speaks."""
    tok = tree.tok(verb)
    if tok.xpos != "VBG" or verb < 2 or tree.tok(verb - 1).text != "," or not tok.head \
            or tok.deprel.split(":")[0] not in ("advcl", "conj"):
        return None
    for k in reversed(tree.children(tok.head, "conj", "advcl")):
        if tok.head < k.index < verb and max(tree.subtree(k.index)) == verb - 2:
            subj = tree.children(k.index, "nsubj")
            if subj and subj[0].index < k.index:
                return subj[0].index
    return None


def _find_speaker(tree: Tree, verb: int) -> tuple[int | None, str]:
    nearest = _nearest_clause_subject(tree, verb)
    if nearest is not None and not tree.children(verb, "nsubj", "csubj"):
        return nearest, "speaker.nearest-clause-subject"
    index, hops = verb, 0
    while index and hops < 3:
        for dep in ("nsubj", "csubj"):
            subj = tree.children(index, dep)
            # a passive subject only counts without a passive auxiliary ("a friend commented:"
            # misread as passive); "Later, the secretary said": an adverb is no subject
            subj = [s for s in subj if (s.deprel != "nsubj:pass" or not tree.children(index, "aux:pass"))
                    and s.text.lower() not in cue_lexicon().not_speakers]
            before = [x for x in subj if x.index < index]
            if before:
                return before[-1].index, _via("speaker.subject", hops)  # the subject closest before the verb
            if subj:
                return subj[0].index, _via("speaker.subject", hops)
        agent = passive_agent(tree, index)
        if agent is not None and (tree.children(index, "nsubj:pass") or tree.children(index, "aux:pass")):
            return agent, _via("speaker.passive-agent", hops)
        numeral = [k for k in tree.children(index, "nummod") if k.index < index and tree.tok(k.index).text.lower()
                   in WORDS.pronouns.numeral_subjects]
        if numeral and index == verb:
            return numeral[0].index, "speaker.numeral"  # "The two agreed": a numeral the parser left without its noun
        tok = tree.tok(index)
        if tok.deprel == "ccomp" and tok.head:
            # "said Secretary of State Antony Blinken highlighted": the parser gave the reported
            # clause's subject to the verb reporting it
            stray = [k for k in tree.children(tok.head, "nsubj", "obj") if tok.head < k.index < index]
            if stray:
                return stray[-1].index, _via("speaker.reported-clause-subject", hops)
        if tok.deprel.split(":")[0] in INHERIT_SUBJECT or tok.deprel == "acl":
            if tok.deprel.startswith("acl") and tok.head and tree.tok(tok.head).upos in NAME_UPOS:
                return tok.head, _via("speaker.modified-noun", hops)  # "a statement saying that ..."
            if tok.deprel == "xcomp":
                objs = [k for k in tree.children(tok.head, "obj") if k.index < tok.index]
                if objs:
                    return objs[0].index, _via("speaker.object-control", hops)  # object control: "said Blinken highlighted", "urged X to"
            index = tok.head
            hops += 1
            continue
        return None, ""
    return None, ""


def _via(why: str, hops: int) -> str:
    """A speaker found on a governing clause ("said X, adding ...": the subject of "said")."""
    return why + "+governing-clause" if hops else why
