"""Trims: what is not said cut off a cue's content, in order (the speaker's relative aside, the
next speech act, the clause governing the cue, the channel of the speech, a leading time phrase),
and the resets of a content that turns out to be no words at all ("said Friday as he entered")."""

from __future__ import annotations

from quotes.extract.complements import ADVERBIAL_OPENERS, only_time, without_leading_time
from quotes.extract.cue import CueDraft
from quotes.extract.labels import PUNCT_OR_CONJ_UPOS
from quotes.extract.lexicon import WORDS, CueLexicon
from quotes.extract.rules import rule
from quotes.extract.surface import (
    after_addressee,
    parenthetical_subject,
    quotation_then_adverbial,
    relative_aside_close,
)
from quotes.extract.tree import QUOTE_MARKS, Tree


def _adverbial_clause(tree: Tree, content: list[int], verb: int) -> bool:
    """Content that is one clause opened by a subordinator of time or cause is the circumstance of
    the speech, not its words ("said Friday as he entered the talks", "when Congress cut funding,
    Mexico said enough"); after the cue, "when" and "if" ask a question ("would not say when they
    would vote"), and "said if the bill passes, prices will rise" reports the main clause, as does
    "said that because ... does not mean ..." (the complementizer opens the words)."""
    t = next((tree.tok(i) for i in content if tree.tok(i).upos not in ("CCONJ", "PUNCT")), tree.tok(content[0]))
    word = t.text.lower()
    question = word in WORDS.clauses.questions and t.index > verb
    after_that = verb < t.index - 1 and tree.tok(t.index - 1).text.lower() == "that"  # "said that because ..."
    # ("as" read as the preposition of the clause's subject: "indicates a tight race as(case) Trump gains")
    opener = t.upos == "SCONJ" or t.deprel in ("mark", "advmod") \
        or t.deprel == "case" and tree.tok(t.head).deprel.startswith("nsubj") and tree.tok(t.head).head in content
    if question or after_that or not ((word in ADVERBIAL_OPENERS or word in WORDS.clauses.circumstance) and opener):
        return False
    inside = set(content)
    roots = [i for i in content if tree.tok(i).head not in inside]
    anchor = tree.tok(t.head).head if t.deprel == "case" else t.head
    return anchor in roots or t.index in roots


_CONTRAST = WORDS.clauses.contrast


def _before_next_cue(tree: Tree, content: list[int], quoted: set[int], lex: CueLexicon) -> list[int]:
    """"said X, arguing that Y", "said X and warned Y", "said X, and when pressed, she replied ...":
    a later speech act set off by a comma or a conjunction ends the content, wherever the parser
    hung it (it is reported as a quote of its own)."""
    inside = set(content)
    for i in content[2:]:
        t = tree.tok(i)
        relation = t.deprel.split(":")[0]
        # ("said X, while others said Y", "urged X, although they say Y": a contrasted speaker's own act)
        contrast = any(m.lemma.lower() in _CONTRAST for m in tree.children(i, "mark")) \
            and bool(tree.children(i, "nsubj"))
        if t.upos != "VERB" or i in quoted or lex.cue_lemma(t.lemma, t.text) is None \
                or not (contrast or relation in ("advcl", "conj", "parataxis") or relation == "ccomp" and t.xpos == "VBG") \
                or tree.children(i, "mark") and not contrast:
            continue
        start = min(tree.subtree(i))
        if start not in inside or not (tree.tok(start).upos == "CCONJ" or tree.tok(start).text in (",", ";")
                                       or tree.tok(start - 1).text in (",", ";")):
            continue
        cut = start
        while cut - 1 in inside and tree.tok(cut - 1).upos in PUNCT_OR_CONJ_UPOS \
                and tree.tok(cut - 1).text not in QUOTE_MARKS:
            cut -= 1
        kept = [j for j in content if j < cut]
        return kept if len(kept) >= 2 else content
    return content


def _before_main_subject(tree: Tree, verb: int, content: list[int]) -> list[int]:
    """"While he acknowledged X, Ham also noted Y", "Back when he wrote his book, McKinley said ...",
    "Now that he has said his piece, he is ready to ...": a cue inside an adverbial clause of time or
    concession reports nothing past the comma that opens the main clause (a subject whose verb lies
    outside the cue's clause, however the parser hung it); "As he said, Y" reports the main clause
    and is left alone."""
    openers = [k for k in tree.children(verb, "mark", "advmod") if k.index < verb and (
        k.text.lower() in ADVERBIAL_OPENERS
        or k.text.lower() == "that" and k.index > 1 and tree.tok(k.index - 1).text.lower() == "now")]
    if not openers:
        return content
    own = set(tree.subtree(verb))
    inside = set(content)
    for i in content:
        t = tree.tok(i)
        if i <= verb or not t.deprel.startswith(("nsubj", "expl")) or t.head in own or t.head < i:
            continue
        start = min(tree.subtree(i))
        if start in inside and tree.tok(start - 1).text == "," and start - 1 > verb:
            kept = [j for j in content if j < start - 1]
            return kept if len(kept) >= 2 else content
    return content


def _before_governing_clause(tree: Tree, verb: int, content: list[int]) -> list[int]:
    """"..., who came out knowing that love is the way, I tell myself that ...": a clause that
    governs the cue is never its content; read off the surface, the content ends where the
    governing clause resumes (its own subject and punctuation before it)."""
    above = set(tree.ancestors(verb))
    top = next((i for i in content if i > verb and i in above), None)
    if top is None:
        return content
    path = [verb] + [a for a in tree.ancestors(verb) if tree.dominates(top, a) and a != top]
    if not any(tree.tok(a).deprel == "acl:relcl" for a in path):
        return content  # only a cue inside a relative clause: elsewhere the parse may have put the cue under its content
    branch = path[-1]
    cut = top
    while cut - 1 > verb and tree.dominates(top, cut - 1) and not tree.dominates(branch, cut - 1):
        cut -= 1
    if not any(k.deprel.startswith("nsubj") and cut <= k.index < top for k in tree.children(top)):
        return content
    kept = [i for i in content if i < cut]
    while kept and tree.tok(kept[-1]).upos == "PUNCT":
        kept.pop()
    return kept if len([i for i in kept if tree.tok(i).upos != "PUNCT"]) >= 2 else content


def _without_aside(tree: Tree, content: list[int], quoted: set[int]) -> list[int]:
    """"praised Clinton's proposals, which include a provision ...": a relative clause set off by a
    comma after the object is the writer's gloss on what was praised, not part of it."""
    for n, i in enumerate(content[1:-1], start=1):
        nxt = tree.tok(content[n + 1])
        if tree.tok(i).text == "," and i not in quoted and nxt.text.lower() in WORDS.relative.gloss \
                and tree.tok(nxt.head).deprel == "acl:relcl":
            return content[:n]
        # (the comma may hang outside the content: "rejected her parents and their beliefs, who ...")
        if nxt.index == i + 2 and tree.tok(i + 1).text == "," and i + 1 not in quoted and nxt.index not in quoted \
                and nxt.text.lower() in WORDS.relative.gloss and tree.tok(nxt.head).deprel == "acl:relcl":
            return content[:n + 1]
    return content


def _without_channel(tree: Tree, content: list[int], lex: CueLexicon) -> list[int]:
    """"rejected that argument in a ruling released Thursday", "likened RT to the BBC ... in an
    interview with The Post": a closing phrase naming the channel of the speech act is not what was
    said, wherever the parser hung it."""
    for n, i in enumerate(content[1:], start=1):
        t = tree.tok(i)
        if t.upos != "ADP" or t.text.lower() not in WORDS.phrases.channel or tree.tok(content[n - 1]).upos == "ADP":
            continue
        noun = tree.tok(t.head) if t.head else None
        if noun is not None and noun.index in content and noun.lemma.lower() in lex.channels | lex.documents \
                and all(tree.tok(j).upos in ("DET", "ADJ", "NOUN", "PROPN", "PUNCT", "NUM")
                        for j in range(i + 1, noun.index)):
            cut = content[:n]
            while cut and tree.tok(cut[-1]).upos == "PUNCT":
                cut.pop()
            return cut if len(cut) >= 2 else content
    return content


@rule("trim.parenthetical-subject", "trim")
def parenthetical(d: CueDraft) -> None:
    """"Acts of protest, Mr. Obama said, are acts of patriotism": the subject before the
    attribution joins the content (``surface.parenthetical_subject``)."""
    if d.kind in ("ccomp", "surface") and d.speaker is not None and d.lemma in d.lex.clausal:
        d.content = parenthetical_subject(d.tree, d.verb, d.speaker, d.content)


_FRAMING_RELATIONS = ("obl", "advmod", "advcl", "nmod:tmod", "obl:tmod", "obl:npmod")


def _without_fronted_adverbial(tree: Tree, verb: int, speaker: int, content: list[int],
                               quoted: set[int]) -> list[int]:
    """The content less a phrase set off by a comma before the speaker, when that phrase is a
    circumstance (a prepositional phrase, an adverb, an adverbial clause) and the words after the
    cue open with a quotation mark: 'After the match, Kim said, “...”' quotes only the quotation."""
    subject_start = min(tree.subtree(speaker))
    before = [i for i in content if i < subject_start]
    after = [i for i in content if i > verb]
    if not before or not after or any(i in quoted for i in before):
        return content
    first_after = next((i for i in after if tree.tok(i).upos != "PUNCT" or i in quoted), None)
    if first_after is None or first_after not in quoted:
        return content
    if tree.tok(subject_start - 1).text != "," or max(before) > subject_start - 1:
        return content
    inside = set(before)
    roots = [i for i in before if tree.tok(i).head not in inside]
    if not all(tree.tok(r).deprel in _FRAMING_RELATIONS or tree.tok(r).upos == "PUNCT" for r in roots):
        return content
    return after


@rule("trim.fronted-adverbial", "trim")
def fronted_adverbial(d: CueDraft) -> None:
    """'After the match, Kim said, “We played well.”': a circumstance fronted before the speaker
    is the writer's framing, whatever clause the parser hung it on; the quotation after the cue is
    all that was said (so it is direct, not mixed)."""
    if d.speaker is not None and d.content and d.kind in ("ccomp", "surface"):
        d.content = _without_fronted_adverbial(d.tree, d.verb, d.speaker, d.content, d.quoted)


@rule("trim.after-addressee", "trim")
def addressee(d: CueDraft) -> None:
    """"told reporters after the meeting that ...": the person addressed is not what was said."""
    if d.lemma in d.lex.addressee and d.kind in ("surface", "xcomp", "ccomp"):
        d.content = after_addressee(d.tree, d.content)


@rule("trim.relative-aside", "trim")
def relative_aside(d: CueDraft) -> None:
    """"The senator, who said the bill was dead, left early": the aside ends at its comma."""
    close = relative_aside_close(d.tree, d.verb)
    if close is not None and d.content and min(d.content) > d.verb:
        d.content = [i for i in d.content if i < close]


@rule("trim.governing-clause", "trim")
def governing_clause(d: CueDraft) -> None:
    """A clause that governs the cue is never its content (surface readings only)."""
    if d.kind == "surface":
        d.content = _before_governing_clause(d.tree, d.verb, d.content)


@rule("trim.before-next-cue", "trim")
def next_cue(d: CueDraft) -> None:
    """"said X, arguing that Y": a later speech act ends the content."""
    if d.kind in ("ccomp", "surface", "obj", "xcomp"):
        d.content = _before_next_cue(d.tree, d.content, d.quoted, d.lex)


@rule("trim.quotation-then-adverbial", "trim")
def quotation_adverbial(d: CueDraft) -> None:
    """'chanted "What curfew?" as they marched': a quotation opening the content is all of it
    (a quotation before the cue is split by the engine)."""
    if d.kind in ("ccomp", "surface", "obj", "xcomp") and d.content and d.content[0] > d.verb:
        d.content = quotation_then_adverbial(d.tree, d.content)


@rule("trim.before-main-subject", "trim")
def main_subject(d: CueDraft) -> None:
    """"While he acknowledged X, Ham also noted Y": a cue in an adverbial clause reports nothing
    past the comma opening the main clause."""
    d.content = _before_main_subject(d.tree, d.verb, d.content)


@rule("trim.channel-and-aside", "trim")
def channel_and_aside(d: CueDraft) -> None:
    """"rejected that argument in a ruling released Thursday", "praised X's proposals, which ...":
    the channel of the speech and the writer's gloss are not what was said."""
    if d.kind in ("obj", "prep"):
        d.content = _without_aside(d.tree, _without_channel(d.tree, d.content, d.lex), d.quoted)


@rule("trim.leading-time", "trim")
def leading_time(d: CueDraft) -> None:
    """"said on Tuesday the army was open to talks": the time phrase dates the saying."""
    if d.kind == "obj":
        d.content = without_leading_time(d.tree, d.content)


@rule("trim.only-time", "trim")
def time_only(d: CueDraft) -> None:
    """"praised Tuesday": an object that is only a time phrase is no content."""
    if d.kind == "obj" and only_time(d.tree, d.content):
        d.bare()


@rule("trim.means", "trim")
def means(d: CueDraft) -> None:
    """"Reporting by ...", "comment through a spokesman": the means, not the words."""
    tree, content = d.tree, d.content
    if content and content[0] > d.verb and tree.tok(content[0]).text.lower() in WORDS.phrases.means \
            and tree.tok(content[0]).upos == "ADP":
        d.bare()


@rule("trim.adverbial-clause", "trim")
def adverbial(d: CueDraft) -> None:
    """"said Friday as he entered the talks": when, not what."""
    if d.content and _adverbial_clause(d.tree, d.content, d.verb):
        d.bare()


@rule("trim.quotation-only", "trim")
def quotation_only(d: CueDraft) -> None:
    """"continue to show signs": a verb that reports only a quotation or a that-clause."""
    tree, content = d.tree, d.content
    if d.lemma in d.lex.quotation_only and not any(tree.tok(i).text in QUOTE_MARKS for i in content) \
            and not (content and content[0] > 1 and tree.tok(content[0] - 1).text.lower() == "that"):
        d.bare()
