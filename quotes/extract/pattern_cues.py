"""Cues found by fixed patterns rather than a speech verb's complement: "according to X", a
reporting noun with a possessor ("Trump's claim that ..."), evidence ("Polls show ..."), casting
someone as a quoted phrase, "as X put it", and title-case headlines."""

from __future__ import annotations

from quotes.extract.complements import relative_that, strip_mark
from quotes.extract.cue import Cue
from quotes.extract.lexicon import WORDS, CueLexicon, cue_lexicon, title_cased
from quotes.extract.subjects import find_speaker, is_nominal, mention_tokens
from quotes.extract.surface import surface_forward
from quotes.extract.tree import (
    MAY_CLOSE,
    MAY_OPEN,
    QUOTE_MARKS,
    Tree,
)
from quotes.extract.labels import FINITE_OR_MODAL_XPOS, PUNCT_OR_CONJ_UPOS, SUBJ_DEPS, VERBAL_UPOS


def evidence_cues(tree: Tree, lex: CueLexicon, taken: set[int]) -> list[Cue]:
    """"Polls show a close contest in the state": evidence reporting its object (weak)."""
    out = []
    for tok in tree.tokens:
        if tok.upos != "VERB" or tok.index in taken or tok.lemma.lower() not in lex.evidence_verbs \
                or tree.is_negated(tok.index):
            continue
        # (any subject: "POLITICO's Battleground States(nsubj) average(nsubj) shows ..." split in two)
        subject = [k for k in tree.children(tok.index, "nsubj")
                   if k.lemma.lower() in lex.evidence_nouns or k.text.lower() in lex.evidence_nouns]
        objs = [k for k in tree.children(tok.index, "obj") if k.index > tok.index]
        if not subject or not objs:
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
        mention = mention_tokens(tree, subject[0].index, tok.index)
        split = [i for k in tree.children(tok.index, "nsubj") if k.index < subject[0].index
                 for i in tree.subtree(k.index)]
        if split and max(split) + 1 == min(mention):
            mention = split + mention  # the parser's first "subject" is the start of the name
        out.append(Cue(tree.s.index, tok.index, tok.lemma.lower(), [tok.index], subject[0].index,
                       mention, content, "obj", weak=True,
                       root=objs[0].index))
    return out


def _evidence_before(tree: Tree, lex: CueLexicon, i: int) -> int | None:
    """The plural evidence noun heading the phrase that ends right before ``i``, if any ("leaked
    documents | from his 1995 tax return", "Data | from the 2014 survey")."""
    j = i - 1
    while j >= 1 and tree.tok(j).upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON", "PART", "ADP") \
            or j >= 1 and tree.tok(j).text in ("-", "/", "’s", "'s"):
        t = tree.tok(j)
        if t.upos == "NOUN" and (t.text.lower() in lex.evidence_nouns and t.text.lower().endswith("s")
                                 or t.text.lower() == "data") \
                and (j == i - 1 or tree.tok(j + 1).upos == "ADP"):
            return j
        j -= 1
    return None


def misread_evidence_verbs(tree: Tree, lex: CueLexicon, taken: set[int]) -> list[Cue]:
    """"Data from the census show(NOUN) that ...", "leaked documents from his tax return show(NOUN) he
    took a loss": after plural evidence and the phrase qualifying it, the bare form of an evidence
    verb the tagger read as a noun is the verb, when a clause follows it (weak)."""
    out = []
    for tok in tree.tokens:
        if tok.upos != "NOUN" or tok.index in taken or tok.text.lower() != tok.lemma.lower() \
                or tok.text.lower() not in lex.evidence_verbs or tok.index >= len(tree.tokens):
            continue
        source = _evidence_before(tree, lex, tok.index)
        if source is None:
            continue
        after = [t for t in tree.tokens if t.index > tok.index]
        # (a clause, not a relative one on a noun "show": "Records from the radio show that ran ...")
        clause = after[0].text.lower() == "that" and not relative_that(tree, after[0].index) or any(
            t.xpos in FINITE_OR_MODAL_XPOS and any(k.index > tok.index and k.text.lower() not in WORDS.relative.subjects
                                                         for k in tree.children(t.index, "nsubj"))
            for t in after[:6])
        if not clause:
            continue
        content, _, root, _ = surface_forward(tree, tok.index)
        if not content:
            continue
        start = source
        while start > 1 and tree.tok(start - 1).upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM") \
                or start > 1 and tree.tok(start - 1).xpos == "VBN" and tree.tok(start - 1).deprel == "amod":
            start -= 1
        out.append(Cue(tree.s.index, tok.index, tok.lemma.lower(), [tok.index], source,
                       list(range(start, tok.index)), content, "surface", weak=True, root=root))
    return out


def colon_statements(tree: Tree, lex: CueLexicon, taken: set[int]) -> list[Cue]:
    """'Sanders made the following comment: “...”', 'The campaign issued a statement: “...”': a
    clause whose object is a reporting or channel noun, closed by a colon, introduces the
    quotation after it; the verb and the noun are the cue."""
    nouns = lex.reporting_nouns | lex.channels
    out = []
    for tok in tree.tokens:
        if tok.upos != "VERB" or tok.index in taken or tree.is_negated(tok.index):
            continue
        for obj in tree.children(tok.index, "obj"):
            end = max(tree.subtree(obj.index))
            if obj.index < tok.index or obj.lemma.lower() not in nouns or end >= len(tree.tokens):
                continue
            kind = "colon" if tree.tok(end + 1).text == ":" else "statement" \
                if _issued_statement(tree, lex, tok, obj) else None
            speaker = find_speaker(tree, tok.index) if kind else None
            if speaker is None or not is_nominal(tree, speaker):
                continue
            out.append(Cue(tree.s.index, tok.index, tok.lemma.lower(), [tok.index, obj.index], speaker,
                           mention_tokens(tree, speaker, tok.index), [], kind))
    return out


def _issued_statement(tree: Tree, lex: CueLexicon, verb, obj) -> bool:
    """"Senator Cornyn issued a statement regarding the decision.": an issuing verb with a document
    as its object, in a sentence that ends there (the quotation, if any, opens the next one: ``link.previous-sentence``)."""
    last = tree.tokens[-1]
    return verb.lemma.lower() in lex.issuing and obj.lemma.lower() in lex.documents and last.text in (".", "!")


def predicative_cues(tree: Tree, lex: CueLexicon, taken: set[int]) -> list[Cue]:
    """"Ham made it clear he had major misgivings", "The governor made clear that ...": a light verb
    with a predicate adjective ([verbs.predicative]) reports the clause after the adjective,
    wherever the parser hung it."""
    out = []
    for tok in tree.tokens:
        adjectives = lex.predicative.get(tok.lemma.lower())
        if not adjectives or tok.index in taken or tree.is_negated(tok.index):
            continue
        adj = next((k for k in tree.children(tok.index) if k.text.lower() in adjectives and k.index > tok.index), None)
        if adj is None:
            continue
        # the clause right after the adjective, as a complement or however else the parser hung it
        clause = next((k for k in tree.children(tok.index) + tree.children(adj.index) if k.index > adj.index
                       and (k.deprel == "ccomp" or k.deprel.split(":")[0] in ("conj", "parataxis", "advcl")
                            and tree.children(k.index, *SUBJ_DEPS) and min(tree.subtree(k.index)) == adj.index + 1)),
                      None)
        speaker = find_speaker(tree, tok.index)
        if clause is None or speaker is None:
            continue
        content = strip_mark(tree, tree.subtree(clause.index), clause.index)
        while content and tree.tok(content[-1]).upos == "PUNCT" and tree.tok(content[-1]).text not in QUOTE_MARKS:
            content.pop()
        out.append(Cue(tree.s.index, tok.index, tok.lemma.lower(), [tok.index, adj.index], speaker,
                       mention_tokens(tree, speaker, tok.index), content, "ccomp", root=clause.index))
    return out


def as_put_it(tree: Tree, taken: set[int]) -> list[Cue]:
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
        while content and tree.tok(content[0]).upos in PUNCT_OR_CONJ_UPOS and tree.tok(content[0]).text not in QUOTE_MARKS:
            content.pop(0)
        while content and tree.tok(content[-1]).upos == "PUNCT" and tree.tok(content[-1]).text not in QUOTE_MARKS:
            content.pop()
        if speaker is None or len(content) < 3:
            continue
        root = tree.span_root(content)
        out.append(Cue(tree.s.index, tok.index, "put it", [tok.index, tok.index + 1], speaker,
                       mention_tokens(tree, speaker, tok.index), content, "inverted", root=root))
    return out


def nominal_cues(tree: Tree, lex: CueLexicon) -> list[Cue]:
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
        if not any(tree.tok(i).upos in VERBAL_UPOS for i in content) or len(content) < 3:
            continue
        content = list(range(content[0], content[-1] + 1))
        while content and tree.tok(content[-1]).upos == "PUNCT" and tree.tok(content[-1]).text not in QUOTE_MARKS:
            content.pop()
        speaker = owner[0].index
        out.append(Cue(tree.s.index, tok.index, lemma, [tok.index], speaker, mention_tokens(tree, speaker, tok.index),
                       content, "ccomp", weak=lemma in lex.reporting_nouns_weak, root=head))
    return out


def characterisations(tree: Tree, lex: CueLexicon, taken: set[int]) -> list[Cue]:
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
        if not target or speaker is None or not is_nominal(tree, speaker):
            continue
        content = list(range(min(tree.subtree(target[0].index)), max(tree.subtree(as_phrase.index)) + 1))
        while content and tree.tok(content[-1]).upos == "PUNCT" and tree.tok(content[-1]).text not in QUOTE_MARKS:
            content.pop()
        out.append(Cue(tree.s.index, tok.index, tok.lemma.lower(), [tok.index], speaker,
                       mention_tokens(tree, speaker, tok.index), content, "obj", weak=True, root=target[0].index))
    return out


def headline_cue(tree: Tree) -> Cue | None:
    """The speech cue of a title-case headline, if the sentence is one and has one."""
    found = headline_cues(tree, cue_lexicon())
    return found[0] if found else None


def headline_cues(tree: Tree, lex: CueLexicon) -> list[Cue] | None:
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
    return t.upos in VERBAL_UPOS and t.deprel.split(":")[0] not in ("acl", "amod", "conj")


def _according_surface(tree: Tree, according: int, source: int) -> list[int]:
    """"CLAUSE, according to X." and "According to X, CLAUSE.": the source vouches for the whole
    sentence on the other side of the comma, wherever the parser hung the phrase."""
    n = len(tree.tokens)
    words_before = [i for i in range(1, according) if tree.tok(i).upos not in PUNCT_OR_CONJ_UPOS]
    if not words_before:  # sentence-initial: the clause starts after the comma closing the source
        end = max(tree.subtree(source))
        comma = next((i for i in range(end, n + 1) if tree.tok(i).text == ","), None)
        # the source phrase's own appositions run to the comma ("According to Ann Lee, a lawyer, ...")
        after = [i for i in range((comma or n) + 1, n + 1)]
        while after and tree.tok(after[-1]).upos == "PUNCT":
            after.pop()
        return after if comma and any(tree.tok(i).upos in VERBAL_UPOS for i in after) else []
    if according < 3 or tree.tok(according - 1).text != ",":
        return []
    rest = [i for i in range(according + 2, n + 1) if tree.tok(i).upos != "PUNCT"]
    if any(tree.tok(i).upos in VERBAL_UPOS and tree.tok(i).deprel.split(":")[0] not in ("acl", "amod")
           for i in rest):
        return []  # the source phrase does not close the sentence
    before = list(range(1, according - 1))
    while before and tree.tok(before[0]).upos in ("CCONJ", "PUNCT"):
        before.pop(0)
    lex = cue_lexicon()
    if any(tree.tok(i).upos == "VERB" and lex.cue_lemma(tree.tok(i).lemma, tree.tok(i).text) for i in before):
        return []  # "X agreed to ..., it added, according to Dawn": speech relayed, left to the parse
    return before


def according_cues(tree: Tree, lex: CueLexicon) -> list[Cue]:
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
