"""Find speech cues in a dependency parse and read off their speaker mention and content.

A cue is a verb from the lexicon (or "according to X") used with a speaker. Its content is the
clausal complement (ccomp), an inverted main clause ("..., Kirby said" parses the cue as a
parataxis of the quoted clause), the object of an object-taking cue ("stressed the importance of
..."), an infinitival complement ("agreed to cooperate"), or a prepositional complement
("called for engagement"). Which structures a verb licenses is data (``cues.toml``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quotes.extract.lexicon import CueLexicon, cue_lexicon, time_words, title_cased
from quotes.extract.tree import (
    CLOSING_MARKS,
    EITHER_MARKS,
    MAY_CLOSE,
    MAY_OPEN,
    OPENING_MARKS,
    QUOTE_MARKS,
    Tree,
)

_SCENE_PREPOSITIONS = {"on", "in", "at", "during", "after", "before", "since", "while", "amid", "over"}
MENTION_DROP = {"acl:relcl", "acl", "appos", "punct", "parataxis", "dep", "advcl", "cc:preconj"}
OBJ_FOLLOW_CASES = {"for", "at", "about", "over", "of", "on", "regarding", "towards", "toward", "as"}
SUBJECT_DEPRELS = ("nsubj", "nsubj:pass", "csubj")
INHERIT_SUBJECT = {"advcl", "xcomp", "conj", "acl"}


@dataclass
class Cue:
    sentence: int
    verb: int  # token index of the cue verb ("according" for according-to cues)
    lemma: str
    cue_tokens: list[int]
    speaker_head: int | None
    speaker_tokens: list[int]
    content: list[int]
    kind: str  # "ccomp" | "inverted" | "obj" | "xcomp" | "prep" | "according" | "colon"
    weak: bool = False
    via_tokens: list[int] = field(default_factory=list)
    via_head: int | None = None
    root: int | None = None  # head token of the content (relays are found through it)


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
                drop.add(k.index)
            elif t == head and rel == "conj" and keep_appos and _is_name_apposition(tree, head, k.index):
                continue
    drop |= {k.index for k in tree.children(head, "case", "mark")}  # "according to X", "by X"
    drop |= {k.index for k in tree.children(head, "nmod", "obl") if any(   # "US on Tuesday"
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


def _nominal_after_quote(tree: Tree, verb: int, k) -> bool:
    """A verbless noun-phrase "complement" right after '”, said': the inverted speaker."""
    return k.deprel == "ccomp" and k.index > verb and k.upos in ("NOUN", "PROPN") and verb >= 2 \
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
             or _nominal_after_quote(tree, verb, k)]
    if after and (after[0].upos in ("PROPN", "NOUN", "PRON") or after[0].ner != "O"):
        return after[0].index
    return None


_CLOSING_MARKS = {"”", '"', "''", "’", "'"}


def _after_quote_speaker(tree: Tree, verb: int) -> list[int]:
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
        if t.upos in ("VERB", "AUX") or t.text in _CLOSING_MARKS:
            return []
        phrase.append(i)
    # a capitalized word counts as a name whatever the tagger says ("Gowdy/ADV said")
    heads = [i for i in phrase if tree.tok(i).upos in ("PROPN", "NOUN", "PRON") or tree.tok(i).text[:1].isupper()]
    if not heads or not (tree.tok(phrase[0]).upos in ("DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM")
                         or tree.tok(phrase[0]).text[:1].isupper()):
        return []
    return phrase[:phrase.index(heads[-1]) + 1]


def quoted_tokens(tree: Tree) -> set[int]:
    """Tokens between quotation marks within the sentence (a quote's words are never its speaker).

    A sentence whose first mark closes a quotation ('Full panic mode,” said Leslie Wimes') begins
    inside the quotation the previous sentence opened.
    """
    marks = [t for t in tree.tokens if t.text in QUOTE_MARKS]
    inside = bool(marks) and marks[0].index > 1 and (
        marks[0].text in CLOSING_MARKS
        or (marks[0].text in EITHER_MARKS and tree.tok(marks[0].index - 1).text in (",", ".", "?", "!", "…")))
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
_NOT_SUBJECT_PRONOUNS = {"him", "her", "them", "me", "us", "you", "yourself", "myself", "himself", "herself"}


def _nominal(tree: Tree, i: int) -> bool:
    t = tree.tok(i)
    return t.upos in _NOMINAL or t.ner != "O"


def find_speaker(tree: Tree, verb: int) -> int | None:
    """Subject of the cue, the agent of a passive, or the subject of the clause it modifies."""
    inverted = _inverted_speaker(tree, verb)
    if inverted is not None:
        return inverted
    found = _find_speaker(tree, verb)
    if found is not None:
        found = _antecedent(tree, found)
    if found is None or not _nominal(tree, found) or tree.tok(found).text.lower() in cue_lexicon().not_speakers:
        return None
    return found


def _antecedent(tree: Tree, subject: int) -> int:
    """"a birther who has repeatedly pledged ...": a relative pronoun stands for the noun its clause
    modifies, and a predicate noun ("Trump is a ... birther who ...") for the copula's subject."""
    tok = tree.tok(subject)
    clause = tree.tok(tok.head) if tok.head else None
    if tok.text.lower() not in ("who", "that", "which") or clause is None \
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


def _agent(tree: Tree, verb: int) -> int | None:
    """The "by" phrase of a passive: "was announced by the ministry"."""
    for obl in tree.children(verb, "obl"):
        if obl.deprel == "obl:agent" or any(c.lemma == "by" for c in tree.children(obl.index, "case")):
            return obl.index
    return None


def _find_speaker(tree: Tree, verb: int) -> int | None:
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
                return before[-1].index  # the subject closest before the verb
            if subj:
                return subj[0].index
        agent = _agent(tree, index)
        if agent is not None and (tree.children(index, "nsubj:pass") or tree.children(index, "aux:pass")):
            return agent
        numeral = [k for k in tree.children(index, "nummod") if k.index < index and tree.tok(k.index).text.lower()
                   in ("two", "three", "both")]
        if numeral and index == verb:
            return numeral[0].index  # "The two agreed": a numeral the parser left without its noun
        tok = tree.tok(index)
        if tok.deprel == "ccomp" and tok.head:
            # "said Secretary of State Antony Blinken highlighted": the parser gave the reported
            # clause's subject to the verb reporting it
            stray = [k for k in tree.children(tok.head, "nsubj", "obj") if tok.head < k.index < index]
            if stray:
                return stray[-1].index
        if tok.deprel.split(":")[0] in INHERIT_SUBJECT or tok.deprel == "acl":
            if tok.deprel.startswith("acl") and tok.head and tree.tok(tok.head).upos in ("NOUN", "PROPN"):
                return tok.head  # "a statement saying that ..."
            if tok.deprel == "xcomp":
                objs = [k for k in tree.children(tok.head, "obj") if k.index < tok.index]
                if objs:
                    return objs[0].index  # object control: "said Blinken highlighted", "urged X to"
            index = tok.head
            hops += 1
            continue
        return None
    return None


def _strip_mark(tree: Tree, indices: list[int], root: int) -> list[int]:
    marks = {k.index for k in tree.children(root, "mark") if k.lemma.lower() in ("that", "to")}
    kept = [i for i in indices if i not in marks]
    first = min(marks) if marks else None
    if first is not None and first > min(indices) and tree.tok(first).text.lower() == "that" \
            and all(tree.tok(i).upos in ("ADV", "PUNCT") for i in indices if i < first):
        # "said, however, that ...": an aside before the complementizer is the reporter's
        kept = [i for i in kept if i > first]
    return kept


# Words that open an adverbial clause (time, reason, concession), never reported content.
_ADVERBIAL_OPENERS = {"after", "before", "because", "while", "when", "although", "though", "since",
                      "until", "once", "unless", "whereas"}


def _stray_object(tree: Tree, verb: int) -> list:
    """"stopped short of recognising it, reiterating concerns about ...": the parser gave the
    object after the cue to the verb before it, which already has one."""
    after = [t for t in tree.tokens if t.index > verb and t.upos != "PUNCT"]
    obj = next((t for t in after if t.deprel == "obj"), None)
    if obj is None or obj.head >= verb or any(t.index < obj.index and t.upos in ("VERB", "AUX") for t in after):
        return []
    if not any(k.index < verb for k in tree.children(obj.head, "obj")):
        return []
    return [obj]


def _with_coordinated_verbs(tree: Tree, kids: list, indices: list[int], lex: CueLexicon) -> list[int]:
    """"the need to train and keep more nurses": a verb the parser coordinated with the cue itself
    that directly continues the content (and is no cue of its own) belongs to it."""
    for k in kids:
        if k.deprel == "conj" and k.index > max(indices) and min(tree.subtree(k.index)) == max(indices) + 1 \
                and tree.tok(max(indices) + 1).upos == "CCONJ" and not tree.children(k.index, "nsubj") \
                and lex.cue_lemma(k.lemma, k.text) is None:
            # without a cue clause of its own hanging on it (", noting that ...")
            other_cues = {c.index for c in tree.children(k.index, "advcl", "conj", "parataxis")
                          if lex.cue_lemma(c.lemma, c.text) is not None}
            added = tree.subtree(k.index, exclude=other_cues)
            while added and tree.tok(max(added)).upos == "PUNCT":
                added.remove(max(added))
            indices = sorted(set(indices) | set(added))
    return indices


def _opens_noun_phrase(tree: Tree, head: int) -> bool:
    """A second object that starts a phrase of its own ("a liar", "“a disgrace”"), not the rest of
    a name the parser split ("Pakistan Prime | Minister Imran Khan")."""
    first = tree.tok(min(tree.subtree(head)))
    return first.upos in ("DET", "PRON") or first.text in QUOTE_MARKS


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
    nxt = max(span) + 1
    if nxt <= n and tree.tok(nxt).text in QUOTE_MARKS:
        close = next((i for i in range(nxt + 1, n + 1) if tree.tok(i).text in QUOTE_MARKS), None)
        return list(range(min(span), close + 1)) if close and close > nxt + 1 else []
    for k in range(nxt, n + 1):
        t = tree.tok(k)
        if t.text.lower() in ("a", "an") and t.upos == "DET":
            head = t.head
            if head and tree.tok(head).upos in ("NOUN", "ADJ") and min(tree.subtree(head)) == k:
                end = max(tree.subtree(head))
                if end == n or tree.tok(end + 1).upos == "PUNCT":
                    return list(range(min(span), end + 1))
            return []
        if t.upos in ("VERB", "AUX", "PUNCT", "SCONJ", "CCONJ", "PRON"):
            return []
    return []


def _content_for(tree: Tree, verb: int, lemma: str, lex: CueLexicon) -> tuple[list[int], str, int | None]:
    kids = tree.children(verb)
    particles = {k.lemma.lower() for k in kids if k.deprel == "compound:prt"}
    if lemma in lex.clausal:
        # a complement after the cue first ("However, earlier this week, Qureshi said that ...")
        for k in sorted(kids, key=lambda k: (k.index < verb, k.index)):
            if _nominal_after_quote(tree, verb, k):
                continue  # '”, said 9/11 widow Terry Strada': the speaker, misread as a complement
            if k.deprel == "ccomp" or (k.deprel == "parataxis" and k.index > verb and _after_colon(tree, verb, k.index)):
                indices = tree.subtree(k.index)
                if tree.tok(min(indices)).text.lower() in _ADVERBIAL_OPENERS:
                    continue  # "said after Pagliano failed to show up": when, not what
                later = [c for c in kids if c.deprel == "ccomp" and c.index > k.index > verb]
                # "shared that A and whether B": a coordinated complement hung on the cue
                later += [c for c in kids if c.deprel == "conj" and c.index > k.index > verb
                          and any(m.lemma.lower() in ("that", "whether", "if")
                                  for m in tree.children(c.index, "mark"))]
                if later:  # one clause the parser cut into several complements
                    last = max(later, key=lambda c: c.index)
                    indices = list(range(min(indices), max(tree.subtree(last.index)) + 1))
                subject = [c for c in kids if c.deprel == "obj" and verb < c.index < min(indices)]
                if subject and k.index > verb and not tree.children(k.index, "nsubj", "nsubj:pass", "expl", "csubj"):
                    # "said Democrats and the media are to blame": the clause's subject read as the
                    # cue's object
                    indices = list(range(min(tree.subtree(subject[0].index)), max(indices) + 1))
                return _strip_mark(tree, indices, k.index), "ccomp", k.index
        # inverted: "..., Kirby said" — the cue hangs off the clause it reports
        tok = tree.tok(verb)
        own = tree.subtree(verb)
        if tok.deprel in ("parataxis", "dep") and tok.head > verb and min(own) > 1 \
                and tree.tok(min(own) - 1).text == "," and max(own) < len(tree.tokens) \
                and tree.tok(max(own) + 1).text == "," and any(i < min(own) for i in tree.subtree(tok.head)):
            # "The economy, the governor said on Monday, is stronger": the attribution set off by
            # commas inside the clause it reports
            return [i for i in tree.subtree(tok.head) if i not in own], "inverted", tok.head
        if tok.deprel in ("parataxis", "dep") and tok.head and tok.head < verb:
            content = tree.subtree(tok.head, exclude={verb})
            words = [i for i in content if tree.tok(i).upos != "PUNCT" and i < verb]
            # "CLAUSE, Kirby said": a comma or closing quote ends the reported clause
            if words and words[-1] < len(tree.tokens) and tree.tok(words[-1] + 1).text in (",", "”", '"', "’", "'"):
                return content, "inverted", tok.head
        # "said Blinken called X": a clause misread as object + infinitive complement
        objs = [k for k in kids if k.deprel == "obj" and k.index > verb]
        xcomps = [k for k in kids if k.deprel == "xcomp" and objs and k.index > objs[0].index
                  and k.upos == "VERB"]
        if objs and xcomps and lemma not in lex.xcomp:
            span = tree.subtree(objs[0].index) + tree.subtree(xcomps[0].index)
            span = _with_coordinated_verbs(tree, kids, list(range(min(span), max(span) + 1)), lex)
            return list(range(min(span), max(span) + 1)), "ccomp", xcomps[0].index
        # a complement the parser attached loosely: a following clause with a subject of its own
        for k in kids:
            if k.index > verb and k.deprel.split(":")[0] in ("advcl", "conj", "dep", "parataxis") \
                    and k.upos in ("VERB", "AUX", "ADJ") and tree.children(k.index, "nsubj", "expl") \
                    and (lex.cue_lemma(k.lemma, k.text) is None or tree.children(k.index, "mark")) \
                    and not any(c.lemma.lower() in ("as", "because", "while", "when", "if", "after",
                                                    "before", "although", "since", "but", "and")
                                for c in tree.children(k.index, "mark", "cc")):
                return _strip_mark(tree, tree.subtree(k.index), k.index), "ccomp", k.index
    objs = [k for k in kids if k.deprel == "obj"] or _stray_object(tree, verb)
    if lemma in lex.labelling:
        # "called Clinton a liar": the person or thing named, then what it is called (the parser
        # may call the first an indirect object: "called Burma(iobj) a success(obj)")
        objs = sorted(objs + [k for k in kids if k.deprel == "iobj"], key=lambda k: k.index)
        second = [k for k in kids if k.deprel in ("obj", "xcomp") and objs and k.index > objs[0].index
                  and (k.upos == "ADJ" or k.upos == "NOUN" and _opens_noun_phrase(tree, k.index))]
        if second:
            span = tree.subtree(objs[0].index) + tree.subtree(second[0].index)
            return list(range(min(span), max(span) + 1)), "obj", objs[0].index
        loose = _loose_label(tree, objs[0].index) if objs and lemma not in lex.object else []
        if loose:
            return loose, "obj", objs[0].index
    if objs and (lemma in lex.object or (particles & lex.prepositional.get(lemma, frozenset()))):
        obj = objs[0]
        indices = tree.subtree(obj.index)
        for k in objs[1:]:  # "dismissed NATO member | Estonia": one object split in two by the parse
            if min(tree.subtree(k.index)) == max(indices) + 1:
                indices = sorted(set(indices) | set(tree.subtree(k.index)))
        for k in kids:  # "blamed Pakistan for the collapse", "satisfaction at ..."
            if k.deprel.startswith("obl") and k.index > obj.index and any(
                    c.lemma.lower() in OBJ_FOLLOW_CASES for c in tree.children(k.index, "case")):
                if _only_punct_between(tree, max(indices), min(tree.subtree(k.index))):
                    indices = sorted(set(indices) | set(tree.subtree(k.index)))
        for k in kids:  # "expressed his belief that ...", "his desire for X to support ...":
            # a clause the parser hung on the verb that directly continues the object
            if k.deprel.split(":")[0] in ("ccomp", "advcl", "xcomp", "acl") and k.index > max(indices) \
                    and min(tree.subtree(k.index)) == max(indices) + 1 \
                    and (lex.cue_lemma(k.lemma, k.text) is None or tree.children(k.index, "mark")) \
                    and not any(c.lemma.lower() in ("while", "because", "when", "after", "before")
                                or (c.lemma.lower() == "as" and tree.children(k.index, "nsubj"))
                                for c in tree.children(k.index, "mark")):
                # "dismissed Estonia as being in the suburbs": "as" without a subject casts the object
                indices = sorted(set(indices) | set(tree.subtree(k.index)))
        indices = _with_coordinated_verbs(tree, kids, indices, lex)
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
                return _strip_mark(tree, tree.subtree(k.index), k.index), "xcomp", k.index
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
                                and min(sub) == max(indices) + 1:
                            # "called on police to release the videos": the infinitive too, but not
                            # a second cue coordinated under it ("and called on people to ...")
                            indices += _without_cue_conjuncts(tree, later.index, sub, lex)
                    return indices, "prep", k.index
    return [], "", None


def _surface_inverted(tree: Tree, verb: int, speaker: int) -> tuple[list[int], str, int | None]:
    """"CLAUSE, sources said." read off the surface when the parser missed the inversion.

    The cue and its speaker close the sentence after a comma; everything before that comma is
    the reported clause.
    """
    mention = mention_tokens(tree, speaker, verb)
    first = min(mention + [verb])
    last_words = [t for t in tree.tokens if t.index > max(mention + [verb]) and t.upos != "PUNCT"]
    if len(last_words) > 4 or any(t.upos in ("VERB", "AUX") for t in last_words):
        return [], "bare", None  # the cue does not close the sentence: "..., Qureshi said that ..."
    if first < 3 or tree.tok(first - 1).text not in (",", "”", '"', "’", "'"):
        return [], "bare", None
    comma = first - 1
    while comma > 1 and tree.tok(comma).upos == "PUNCT":
        comma -= 1
    content = list(range(1, comma + 1))
    if len([i for i in content if tree.tok(i).upos != "PUNCT"]) < 3:
        return [], "bare", None
    root = next((i for i in content if tree.tok(i).head not in content), content[0])
    return content, "inverted", root


_CHUNK_POS = {"NOUN", "PROPN", "ADJ", "DET", "PRON", "NUM", "PART", "X"}


def _quotation_then_adverbial(tree: Tree, content: list[int]) -> list[int]:
    """'chanted "What curfew?" as they marched': a quotation opening the content, followed by an
    adverbial clause or phrase, is the content on its own."""
    if not content or tree.tok(content[0]).text not in MAY_OPEN:
        return content
    for n, i in enumerate(content[1:], start=1):
        if tree.tok(i).text in MAY_CLOSE:
            rest = content[n + 1:]
            if rest and (tree.tok(rest[0]).text in (",", ";") or tree.tok(rest[0]).upos in ("SCONJ", "ADP")
                         or tree.tok(rest[0]).text.lower() in _ADVERBIAL_OPENERS):
                return content[:n + 1]
            return content
    return content


def _after_addressee(tree: Tree, content: list[int]) -> list[int]:
    """"told reporters after the meeting that was held on a boat that the bloc was united": the
    person addressed, read into the content, ends at the complementizer "that"."""
    words = [i for i in content if tree.tok(i).upos != "PUNCT"]
    if not words or tree.tok(words[0]).upos not in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM"):
        return content
    for i in words[1:]:
        t = tree.tok(i)
        if t.text.lower() == "that" and t.upos in ("SCONJ", "PRON") and not _relative_that(tree, i):
            return [j for j in content if j > i]
        # a determiner opens a noun phrase, never a clause: a verb inside it is a mistagged noun
        if t.upos in ("VERB", "AUX") and t.deprel != "amod" and tree.tok(words[0]).upos != "DET" and not any(tree.tok(a).deprel.startswith("acl") for a in
                                                 [i, *tree.ancestors(i)] if a in content):
            return content  # the clause's own verb came first: no addressee before it
    return content


def _before_main_clause(tree: Tree, verb: int, content: list[int]) -> list[int]:
    """"The senator, who said the bill was dead, left early": a cue inside a relative clause
    reports up to the comma where the main clause's verb resumes."""
    if tree.tok(verb).deprel != "acl:relcl":
        return content
    for n, i in enumerate(content[:-1]):
        nxt = tree.tok(content[n + 1])
        if tree.tok(i).text == "," and nxt.upos in ("VERB", "AUX") and not tree.dominates(verb, nxt.index):
            return content[:n]
    return content


def _relative_that(tree: Tree, i: int) -> bool:
    """A complementizer "that" is followed by its clause's subject; "that was held" is a relative."""
    return i >= len(tree.tokens) or tree.tok(i + 1).upos in ("VERB", "AUX", "ADV", "PUNCT")


def after_that(tree: Tree, indices: list[int]) -> list[int]:
    """The words after a cue without the complementizer, and without a time phrase before it:
    "said (earlier this week) that ..." reports what follows "that"."""
    that = next((n for n, i in enumerate(indices[:8]) if tree.tok(i).text.lower() == "that"
                 and not _relative_that(tree, i)), None)
    if that is not None and not any(tree.tok(i).upos in ("VERB", "AUX") and tree.tok(i).deprel not in ("amod", "compound")
                                    for i in indices[:that]):
        return indices[that + 1:]
    return indices


def _surface_forward(tree: Tree, verb: int) -> tuple[list[int], str, int | None, int | None]:
    """"SPEAKER says CLAUSE." read off the surface when the parser lost the cue's complement.

    The clause after the cue must contain a verb of its own; the speaker is the noun chunk
    right before the cue.
    """
    after = [tree.tok(i) for i in after_that(tree, [t.index for t in tree.tokens if t.index > verb])]
    if after and after[0].upos == "PUNCT" and after[0].text in (",", ":"):
        return [], "bare", None, None  # "said, “...”": quotation marks handle it
    opening = next((t.index for t in after if t.text in MAY_OPEN), None)
    if opening is not None and opening > after[0].index and tree.tok(opening - 1).text == "," and not any(
            t.upos in ("VERB", "AUX") for t in after if t.index < opening):
        return [], "bare", None, None  # 'said during a rally in Kenansville, "but ...': a split quote
    if after and after[0].text.lower() in _ADVERBIAL_OPENERS:
        return [], "bare", None, None  # "what Wahl said when she resigned": when, not what
    content = _quotation_then_adverbial(tree, [t.index for t in after])
    content = _before_main_clause(tree, verb, content)
    # 'chanted "What curfew?" and kept going': the speaker's next act is not what was said
    for c in tree.children(verb, "conj"):
        if c.index in content and not tree.children(c.index, "nsubj") \
                and tree.tok(min(tree.subtree(c.index))).upos == "CCONJ":
            cut = min(tree.subtree(c.index))
            while cut - 1 in content and tree.tok(cut - 1).upos in ("CCONJ", "PUNCT") \
                    and tree.tok(cut - 1).text not in QUOTE_MARKS:
                cut -= 1
            content = [i for i in content if i < cut]
    quotation = len(content) > 2 and tree.tok(content[0]).text in MAY_OPEN \
        and tree.tok(content[-1]).text in MAY_CLOSE
    while content and tree.tok(content[-1]).upos == "PUNCT" and not quotation:
        content.pop()
    words = [i for i in content if tree.tok(i).upos != "PUNCT"]
    # a clause needs a verb of its own: not "protected" in "a protected lane", not "according";
    # a quotation right after the cue is speech whatever its form ('chanted "What curfew?"')
    that = _that_follows(tree, verb)  # "found that 1 in 4 residents lived ...": a clause whatever the parse
    if not quotation and (len(words) < 4 or not any(
            tree.tok(i).upos in ("VERB", "AUX") and (that or tree.tok(i).deprel.split(":")[0] not in
                                                     ("amod", "case", "mark", "acl"))
            for i in content)):
        return [], "bare", None, None
    left = verb - 1
    while left >= 1 and (tree.tok(left).upos == "AUX" or tree.tok(left).text.lower() in
                         ("also", "further", "now", "later", "then", "again", "had", "has", "have")):
        left -= 1
    chunk = []
    while left >= 1 and (tree.tok(left).upos in _CHUNK_POS or _inner_of(tree, left)) \
            and tree.tok(left).text not in (",", ";"):
        chunk.insert(0, left)
        left -= 1
    if not any(tree.tok(i).upos in ("NOUN", "PROPN", "PRON", "X") for i in chunk):
        chunk = []
    root = next((i for i in content if tree.tok(i).head not in content), content[0])
    return content, "surface", root, chunk


def _parenthetical_subject(tree: Tree, verb: int, speaker: int, content: list[int]) -> list[int]:
    """"Acts of protest, Mr. Obama said, are acts of patriotism": the attribution set off by commas
    inside the reported clause, whose subject the parser gave to the cue. The subject before the
    first comma joins the content (the engine keeps the attribution out as a gap between parts).
    """
    first = min(mention_tokens(tree, speaker, verb))
    words = [i for i in content if tree.tok(i).upos != "PUNCT"]
    if first < 3 or tree.tok(first - 1).text != "," or not words or min(words) < verb:
        return content
    clause_verb = next((i for i in words if tree.tok(i).upos in ("VERB", "AUX")), max(words))
    comma = next((i for i in range(verb + 1, clause_verb) if tree.tok(i).text == ","), None)
    if comma is None or any(tree.tok(i).upos in ("VERB", "AUX") for i in range(verb + 1, comma)):
        return content  # "X said are ...": no comma closes the attribution
    prefix = [i for i in range(1, first - 1) if tree.tok(i).upos != "PUNCT" or i > 1]
    lead = tree.tok(prefix[0]) if prefix else None
    if lead is None or lead.upos in ("ADP", "SCONJ", "ADV", "CCONJ", "VERB", "AUX", "PART") \
            or any(tree.tok(i).upos in ("VERB", "AUX") for i in prefix) \
            or not any(tree.tok(i).upos in ("NOUN", "PROPN", "PRON", "NUM") for i in prefix) \
            or not any(tree.tok(i).head == verb or tree.tok(i).head in content for i in prefix):
        return content  # "On Monday, he said, ...": an adverbial, not the clause's subject
    return prefix + [i for i in content if i > comma]


def _inner_of(tree: Tree, i: int) -> bool:
    """"Commission on Presidential Debates": a preposition between capitalized words of one name."""
    return tree.tok(i).upos == "ADP" and 1 < i < len(tree.tokens) and \
        tree.tok(i - 1).text[:1].isupper() and tree.tok(i + 1).text[:1].isupper()


def _after_colon(tree: Tree, verb: int, target: int) -> bool:
    return any(tree.tok(i).text == ":" for i in range(verb + 1, target))


def _only_punct_between(tree: Tree, a: int, b: int) -> bool:
    return all(tree.tok(i).upos == "PUNCT" for i in range(a + 1, b))


def _acts_as_verb(tree: Tree, tok) -> bool:
    """"Trump claims that ...", "The alliance advocates for ...": a form the tagger took for a plural
    noun but the parser gave a subject and a complement is used as a verb."""
    return tok.upos == "NOUN" and tok.text.endswith("s") and tok.text[:1].islower() \
        and bool(tree.children(tok.index, "nsubj")) \
        and bool(tree.children(tok.index, "ccomp", "xcomp", "obj", "obl"))


def _participles_share_the_speaker(tree: Tree, cues: list[Cue]) -> None:
    """"Analysts said X, citing Y": the participle's speaker is the one who said X, not a subject
    inside X the parser hung it under."""
    for c in cues:
        t = tree.tok(c.verb)
        if t.xpos != "VBG" or not c.content or c.verb < 2 or tree.tok(c.verb - 1).text != ",":
            continue
        before = [p for p in cues if p.verb < c.verb and p.content and max(p.content) < c.verb
                  and p.speaker_head is not None]
        if before and (c.speaker_head is None or c.speaker_head in before[-1].content):
            c.speaker_head, c.speaker_tokens = before[-1].speaker_head, before[-1].speaker_tokens


def _adverbial_clause(tree: Tree, content: list[int], verb: int) -> bool:
    """Content that is one clause opened by a subordinator of time or cause is the circumstance of
    the speech, not its words ("said Friday as he entered the talks", "when Congress cut funding,
    Mexico said enough"); after the cue, "when" and "if" ask a question ("would not say when they
    would vote"), and "said if the bill passes, prices will rise" reports the main clause."""
    t = next((tree.tok(i) for i in content if tree.tok(i).upos not in ("CCONJ", "PUNCT")), tree.tok(content[0]))
    word = t.text.lower()
    question = word in ("when", "if") and t.index > verb
    if question or not ((word in _ADVERBIAL_OPENERS or word in ("as", "if"))
                        and (t.upos == "SCONJ" or t.deprel in ("mark", "advmod"))):
        return False
    inside = set(content)
    roots = [i for i in content if tree.tok(i).head not in inside]
    return t.head in roots or t.index in roots


def _before_next_cue(tree: Tree, content: list[int], quoted: set[int], lex: CueLexicon) -> list[int]:
    """"said X, arguing that Y", "said X and warned Y", "said X, and when pressed, she replied ...":
    a later speech act set off by a comma or a conjunction ends the content, wherever the parser
    hung it (it is reported as a quote of its own)."""
    inside = set(content)
    for i in content[2:]:
        t = tree.tok(i)
        relation = t.deprel.split(":")[0]
        if t.upos != "VERB" or i in quoted or lex.cue_lemma(t.lemma, t.text) is None \
                or not (relation in ("advcl", "conj", "parataxis") or relation == "ccomp" and t.xpos == "VBG") \
                or tree.children(i, "mark"):
            continue
        start = min(tree.subtree(i))
        if start not in inside or not (tree.tok(start).upos == "CCONJ" or tree.tok(start).text in (",", ";")
                                       or tree.tok(start - 1).text in (",", ";")):
            continue
        cut = start
        while cut - 1 in inside and tree.tok(cut - 1).upos in ("PUNCT", "CCONJ") \
                and tree.tok(cut - 1).text not in QUOTE_MARKS:
            cut -= 1
        kept = [j for j in content if j < cut]
        return kept if len(kept) >= 2 else content
    return content


def _that_follows(tree: Tree, verb: int) -> bool:
    """"found that ...": the complementizer settles a weak verb's clausal reading however the
    parser attached the clause."""
    return verb < len(tree.tokens) and tree.tok(verb + 1).text.lower() == "that" \
        and tree.tok(verb + 1).upos == "SCONJ"


def find_cues(tree: Tree, lex: CueLexicon | None = None) -> list[Cue]:
    lex = lex or cue_lexicon()
    headline = _headline_cues(tree, lex)
    if headline is not None:
        return headline + _according_cues(tree, lex)
    cues: list[Cue] = []
    quoted = quoted_tokens(tree)
    for tok in tree.tokens:
        if tok.upos != "VERB" and tok.text.lower() not in lex.verb_forms and not _acts_as_verb(tree, tok):
            continue
        lemma = lex.cue_lemma(tok.lemma, tok.text) or lex.verb_forms.get(tok.text.lower())
        if lemma is None or tree.is_negated(tok.index):
            continue
        if tree.children(tok.index, "aux:pass") and _agent(tree, tok.index) is None:
            continue  # "Repairs are estimated at ...": a passive with no agent names no speaker
        particles = [k for k in tree.children(tok.index) if k.deprel == "compound:prt"]
        if lemma in lex.requires_particle and not any(
                p.lemma.lower() in lex.particle.get(lemma, ()) for p in particles):
            continue
        content, kind, root = _content_for(tree, tok.index, lemma, lex)
        if not content or len([i for i in content if tree.tok(i).upos != "PUNCT"]) < 2:
            content, kind, root = [], "bare", None  # kept to link quotation marks to a speaker
        elif kind == "ccomp" and not any(tree.tok(i).upos in ("VERB", "AUX") for i in content) \
                and any(t.upos in ("VERB", "AUX") for t in tree.tokens if t.index > max(content)):
            content, kind, root = [], "bare", None  # a clause cut short by the parse: read the surface
        if lemma in lex.weak and kind not in ("ccomp", "prep", "xcomp", "bare"):
            continue
        speaker = find_speaker(tree, tok.index)
        first = tree.tok(min(mention_tokens(tree, speaker, tok.index))) if speaker is not None else None
        if first is not None and (
                first.text.lower() in lex.not_speakers or first.upos == "CCONJ"
                or (tree.tok(speaker).text.lower() in _NOT_SUBJECT_PRONOUNS
                    and not tree.tok(speaker).text.isupper())):  # "US" is a country
            speaker = None  # "Addressing reporters, ...", "and the nation", "him": no speaker
        if speaker is not None and speaker in quoted and tok.index not in quoted:
            speaker = None  # “… at the top of his game,” Rendell said: the parse reached into the quote
        surface_mention: list[int] = []
        if speaker is None:
            surface_mention = _after_quote_speaker(tree, tok.index)
            speaker = surface_mention[-1] if surface_mention else None
            if surface_mention and surface_mention[0] in content:
                content, kind, root = [], "bare", None  # the parse ran the quote into its attribution
        if kind == "bare" and lemma in lex.clausal and speaker is not None and not surface_mention:
            content, kind, root = _surface_inverted(tree, tok.index, speaker)
        elif kind in ("ccomp", "inverted") and speaker is not None and content and max(content) < tok.index \
                and min(content) > 1 and lemma in lex.clausal:
            # "A cashier who ... is held accountable, Warren said": the parse lost the clause's
            # start (its subject hung on the cue); the clause runs from the sentence start
            surface = _surface_inverted(tree, tok.index, speaker)
            if surface[0] and min(surface[0]) < min(content) and max(content) <= max(surface[0]) + 1:
                content, kind, root = surface
        if kind == "bare" and lemma in lex.clausal and not surface_mention and (
                lemma not in lex.weak or _that_follows(tree, tok.index)):
            content, kind, root, surface_mention = _surface_forward(tree, tok.index)
            if (speaker is None or speaker in content) and surface_mention:
                speaker = next(i for i in reversed(surface_mention)
                               if tree.tok(i).upos in ("NOUN", "PROPN", "PRON", "X"))
            else:
                surface_mention = []
            if kind == "surface" and (speaker is None or speaker in content):
                # "The ministry would not say ... but said ...": the clause's first subject
                subjects = [t.index for t in tree.tokens if t.index < tok.index and t.deprel == "nsubj"
                            and t.index not in content and t.text.lower() not in lex.not_speakers]
                speaker = subjects[0] if subjects else None
        if speaker is not None and speaker in content:
            speaker = None
        if kind in ("ccomp", "surface") and speaker is not None and lemma in lex.clausal:
            content = _parenthetical_subject(tree, tok.index, speaker, content)
        if lemma in lex.addressee and kind in ("surface", "xcomp", "ccomp"):
            content = _after_addressee(tree, content)
        if kind in ("ccomp", "surface", "obj", "xcomp"):
            content = _before_next_cue(tree, content, quoted, lex)
        if content and content[0] > tok.index and tree.tok(content[0]).text.lower() in ("by", "through", "via") \
                and tree.tok(content[0]).upos == "ADP":
            content, kind, root = [], "bare", None  # "Reporting by ...", "comment through a spokesman"
        if content and _adverbial_clause(tree, content, tok.index):
            content, kind, root = [], "bare", None  # "said Friday as he entered the talks": when, not what
        if lemma in lex.quotation_only and not any(tree.tok(i).text in QUOTE_MARKS for i in content) \
                and not (content and content[0] > 1 and tree.tok(content[0] - 1).text.lower() == "that"):
            content, kind, root = [], "bare", None  # "continue to show signs": no words reported
        cue_tokens = [tok.index] + [p.index for p in particles if p.lemma.lower() in lex.particle.get(lemma, ())]
        cues.append(Cue(tree.s.index, tok.index, lemma, sorted(cue_tokens), speaker,
                        surface_mention or (mention_tokens(tree, speaker, tok.index) if speaker else []),
                        content, kind, weak=lemma in lex.weak, root=root))
    _participles_share_the_speaker(tree, cues)
    cues.extend(_characterisations(tree, lex, {c.verb for c in cues}))
    cues.extend(_nominal_cues(tree, lex))
    cues.extend(_as_put_it(tree, {c.verb for c in cues}))
    cues.extend(_evidence_cues(tree, lex, {c.verb for c in cues if c.content}))
    cues.extend(_according_cues(tree, lex))
    return cues


def _evidence_cues(tree: Tree, lex: CueLexicon, taken: set[int]) -> list[Cue]:
    """"Polls show a close contest in the state": evidence reporting its object (weak)."""
    out = []
    for tok in tree.tokens:
        if tok.upos != "VERB" or tok.index in taken or tok.lemma.lower() not in lex.evidence_verbs \
                or tree.is_negated(tok.index):
            continue
        subject = tree.children(tok.index, "nsubj")
        objs = [k for k in tree.children(tok.index, "obj") if k.index > tok.index]
        if not subject or not objs or subject[0].lemma.lower() not in lex.evidence_nouns \
                and subject[0].text.lower() not in lex.evidence_nouns:
            continue
        content = tree.subtree(objs[0].index)
        for k in tree.children(tok.index):  # "Clinton | with a lead | in the low single digits"
            sub = tree.subtree(k.index)
            if k.index > objs[0].index and k.deprel.split(":")[0] in ("obl", "xcomp", "advmod") \
                    and min(sub) == max(content) + 1:
                content = content + sub
        content = list(range(min(content), max(content) + 1))
        if len([i for i in content if tree.tok(i).upos != "PUNCT"]) < 2:
            continue
        out.append(Cue(tree.s.index, tok.index, tok.lemma.lower(), [tok.index], subject[0].index,
                       mention_tokens(tree, subject[0].index, tok.index), content, "obj", weak=True,
                       root=objs[0].index))
    return out


def _as_put_it(tree: Tree, taken: set[int]) -> list[Cue]:
    """"As Ms. Simonyan put it, RT is ...": the idiom reports the clause it is set off from."""
    out = []
    for tok in tree.tokens:
        if tok.lemma.lower() != "put" or tok.index in taken \
                or not any(k.text.lower() == "it" for k in tree.children(tok.index, "obj")):
            continue
        aside = tree.subtree(tok.index)
        if tree.tok(min(aside)).text.lower() != "as":
            continue
        speaker = find_speaker(tree, tok.index)
        content = [i for i in range(1, len(tree.tokens) + 1) if i not in aside]
        while content and tree.tok(content[0]).upos in ("PUNCT", "CCONJ") and tree.tok(content[0]).text not in QUOTE_MARKS:
            content.pop(0)
        while content and tree.tok(content[-1]).upos == "PUNCT" and tree.tok(content[-1]).text not in QUOTE_MARKS:
            content.pop()
        if speaker is None or len(content) < 3:
            continue
        root = next((i for i in content if tree.tok(i).head not in content), content[0])
        out.append(Cue(tree.s.index, tok.index, "put it", [tok.index, tok.index + 1], speaker,
                       mention_tokens(tree, speaker, tok.index), content, "inverted", root=root))
    return out


def _nominal_cues(tree: Tree, lex: CueLexicon) -> list[Cue]:
    """"Trump's claim that ...", "his warning that ...": a reporting noun with a possessor and a
    that-clause right after it, however the parser attached the clause."""
    out = []
    for tok in tree.tokens:
        lemma = tok.lemma.lower()
        if tok.upos != "NOUN" or lemma not in lex.reporting_nouns | lex.reporting_nouns_weak:
            continue
        owner = tree.children(tok.index, "nmod:poss")
        if not owner or tok.index >= len(tree.tokens) or tree.tok(tok.index + 1).text.lower() != "that":
            continue
        that = tree.tok(tok.index + 1)
        head = that.head
        if that.upos != "SCONJ" or not head or head <= that.index:
            continue
        content = [i for i in tree.subtree(head) if i > that.index]
        if not any(tree.tok(i).upos in ("VERB", "AUX") for i in content) or len(content) < 3:
            continue
        content = list(range(content[0], content[-1] + 1))
        while content and tree.tok(content[-1]).upos == "PUNCT" and tree.tok(content[-1]).text not in QUOTE_MARKS:
            content.pop()
        speaker = owner[0].index
        out.append(Cue(tree.s.index, tok.index, lemma, [tok.index], speaker, mention_tokens(tree, speaker, tok.index),
                       content, "ccomp", weak=lemma in lex.reporting_nouns_weak, root=head))
    return out


def _characterisations(tree: Tree, lex: CueLexicon, taken: set[int]) -> list[Cue]:
    """'admires Putin as a “strong leader”', 'has gone after Trump as a “human leech”': any verb
    that casts someone or something as a phrase in quotation marks reports the subject's words
    (weak: the verb itself is no speech cue)."""
    out = []
    for tok in tree.tokens:
        if tok.upos != "VERB" or tok.index in taken or tree.is_negated(tok.index):
            continue
        kids = tree.children(tok.index)
        as_phrase = next((k for k in kids if k.deprel.split(":")[0] in ("obl", "advcl", "xcomp")
                          and k.index > tok.index and tree.tok(min(tree.subtree(k.index))).text.lower() == "as"
                          and any(tree.tok(i).text in MAY_OPEN for i in tree.subtree(k.index))), None)
        if as_phrase is None:
            continue
        target = [k for k in kids if k.deprel in ("obj", "obl") and tok.index < k.index < as_phrase.index]
        speaker = find_speaker(tree, tok.index)
        if not target or speaker is None or not _nominal(tree, speaker):
            continue
        content = list(range(min(tree.subtree(target[0].index)), max(tree.subtree(as_phrase.index)) + 1))
        while content and tree.tok(content[-1]).upos == "PUNCT" and tree.tok(content[-1]).text not in QUOTE_MARKS:
            content.pop()
        out.append(Cue(tree.s.index, tok.index, tok.lemma.lower(), [tok.index], speaker,
                       mention_tokens(tree, speaker, tok.index), content, "obj", weak=True, root=target[0].index))
    return out


def headline_cue(tree: Tree) -> Cue | None:
    """The speech cue of a title-case headline, if the sentence is one and has one."""
    found = _headline_cues(tree, cue_lexicon())
    return found[0] if found else None


def _headline_cues(tree: Tree, lex: CueLexicon) -> list[Cue] | None:
    """"Chris Christie Calls Hillary Clinton ‘A Disgrace’", "Trump ... Could Address Clean Energy,
    Lindsey Graham Says": a title-case headline, read off the surface (a parser trained on running
    text cannot tag it). The cue is a present-tense speech verb; the speaker is the name before it,
    or after it when it closes the headline behind a comma. None when the sentence is no headline.
    """
    words = [t.text for t in tree.tokens if t.text[:1].isalpha()]
    if len(words) < 4 or not title_cased(words) or tree.tokens[0].text[:1].islower():
        return None
    out: list[Cue] = []
    for t in tree.tokens[1:]:
        low = t.text.lower()
        if not t.text[:1].isupper() or not low.endswith("s") or low in lex.not_speakers:
            continue
        lemma = lex.verb_forms.get(low) or lex.cue_lemma(low[:-1], low) or lex.cue_lemma(low, low)
        if lemma is None or (lemma in lex.topic_only and lemma not in lex.labelling) \
                or lemma in lex.requires_particle \
                or lemma in lex.quotation_only:
            continue
        before = [i for i in range(1, t.index) if tree.tok(i).upos != "PUNCT" or tree.tok(i).text in MAY_OPEN | MAY_CLOSE]
        after = [i for i in range(t.index + 1, len(tree.tokens) + 1)]
        while after and tree.tok(after[-1]).upos == "PUNCT" and tree.tok(after[-1]).text not in MAY_CLOSE:
            after.pop()
        comma = max((i for i in range(1, t.index) if tree.tok(i).text == ","), default=None)
        if not after and comma is not None:  # "..., Lindsey Graham Says."
            speaker, content = list(range(comma + 1, t.index)), list(range(1, comma))
        else:
            speaker, content = before, after
        speaker = [i for i in speaker if tree.tok(i).upos != "PUNCT"]
        if not speaker or len(speaker) > 6 or ":" in {tree.tok(i).text for i in speaker} \
                or not any(tree.tok(i).text[:1].isupper() for i in speaker) \
                or len([i for i in content if tree.tok(i).text[:1].isalnum()]) < 2:
            continue
        out.append(Cue(tree.s.index, t.index, lemma, [t.index], speaker[-1], speaker, content, "headline",
                       weak=True, root=content[0]))
        break
    return out


def _clause_head(tree: Tree, i: int) -> bool:
    t = tree.tok(i)
    if t.deprel == "root" or tree.children(i, "nsubj", "nsubj:pass", "csubj", "cop", "expl"):
        return True
    return t.upos in ("VERB", "AUX") and t.deprel.split(":")[0] not in ("acl", "amod", "conj")


def _according_surface(tree: Tree, according: int, source: int) -> list[int]:
    """"CLAUSE, according to X." and "According to X, CLAUSE.": the source vouches for the whole
    sentence on the other side of the comma, wherever the parser hung the phrase."""
    n = len(tree.tokens)
    words_before = [i for i in range(1, according) if tree.tok(i).upos not in ("PUNCT", "CCONJ")]
    if not words_before:  # sentence-initial: the clause starts after the comma closing the source
        end = max(tree.subtree(source))
        comma = next((i for i in range(end, n + 1) if tree.tok(i).text == ","), None)
        # the source phrase's own appositions run to the comma ("According to Ann Lee, a lawyer, ...")
        after = [i for i in range((comma or n) + 1, n + 1)]
        while after and tree.tok(after[-1]).upos == "PUNCT":
            after.pop()
        return after if comma and any(tree.tok(i).upos in ("VERB", "AUX") for i in after) else []
    if according < 3 or tree.tok(according - 1).text != ",":
        return []
    rest = [i for i in range(according + 2, n + 1) if tree.tok(i).upos != "PUNCT"]
    if any(tree.tok(i).upos in ("VERB", "AUX") and tree.tok(i).deprel.split(":")[0] not in ("acl", "amod")
           for i in rest):
        return []  # the source phrase does not close the sentence
    before = list(range(1, according - 1))
    while before and tree.tok(before[0]).upos in ("CCONJ", "PUNCT"):
        before.pop(0)
    lex = cue_lexicon()
    if any(tree.tok(i).upos == "VERB" and lex.cue_lemma(tree.tok(i).lemma, tree.tok(i).text) for i in before):
        return []  # "X agreed to ..., it added, according to Dawn": speech relayed, left to the parse
    return before


def _according_cues(tree: Tree, lex: CueLexicon) -> list[Cue]:
    """"..., according to X": X is the source of the clause the phrase is attached to."""
    out = []
    for tok in tree.tokens:
        if tok.lemma.lower() != "according" and tok.text.lower() != "according":
            continue
        nxt = tree.tok(tok.index + 1) if tok.index < len(tree.tokens) else None
        if not nxt or nxt.text.lower() != "to":
            continue
        source = tok.head if tok.deprel in ("case", "mark") else None
        if source is None:
            objs = [k for k in tree.children(tok.index) if k.deprel in ("obl", "obj", "nmod")]
            source = objs[0].index if objs else None
        if source is None or source == 0:
            continue
        clause = tree.tok(source).head
        if not clause:
            continue
        # the parser often hangs the phrase on the nearest noun ("live in the United States,
        # according to ..."): the source vouches for the whole clause around it
        while not _clause_head(tree, clause) and tree.tok(clause).head:
            clause = tree.tok(clause).head
        content = _according_surface(tree, tok.index, source) or tree.subtree(clause, exclude={source})
        if tok.index > 1 and tree.tok(tok.index - 1).text == ",":
            # "The company, according to two people familiar with the talks, is ...": the aside
            # runs from comma to comma whatever the parser hung inside it
            close = next((i for i in range(tok.index, len(tree.tokens) + 1) if tree.tok(i).text == ","), None)
            if close is not None:
                content = [i for i in content if not tok.index - 1 <= i <= close]
        if len([i for i in content if tree.tok(i).upos != "PUNCT"]) < 3:
            continue
        mention = [i for i in mention_tokens(tree, source) if i not in (tok.index, nxt.index)]
        out.append(Cue(tree.s.index, tok.index, "according to", [tok.index, nxt.index], source,
                       mention, content, "according", root=clause))
    return out
