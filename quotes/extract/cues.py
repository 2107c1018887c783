"""Find speech cues in a dependency parse: the speech verbs of the lexicon with their speaker and
content, then the cues of fixed patterns (``pattern_cues``). Speakers come from ``subjects``,
contents from ``complements``, with ``surface`` readings where the parse fails.
"""

from __future__ import annotations

from quotes.extract.complements import ADVERBIAL_OPENERS, content_for, only_time, that_follows, without_leading_time
from quotes.extract.cue import Cue
from quotes.extract.lexicon import WORDS, CueLexicon, cue_lexicon
from quotes.extract.pattern_cues import (
    according_cues,
    as_put_it,
    characterisations,
    colon_statements,
    predicative_cues,
    evidence_cues,
    headline_cues,
    misread_evidence_verbs,
    nominal_cues,
)
from quotes.extract.subjects import (
    NOT_SUBJECT_PRONOUNS,
    after_quote_speaker,
    find_speaker,
    mention_tokens,
    passive_agent,
    quoted_tokens,
)
from quotes.extract.surface import (
    after_addressee,
    misparsed_inverted,
    parenthetical_subject,
    quotation_then_adverbial,
    relative_aside_close,
    surface_forward,
    surface_inverted,
)
from quotes.extract.tree import MAY_CLOSE, MAY_OPEN, QUOTE_MARKS, Tree
from quotes.extract.labels import (
    CLAUSE_SUBJ_DEPS,
    FINITE_OR_MODAL_XPOS,
    MENTION_HEAD_UPOS,
    PUNCT_OR_CONJ_UPOS,
    SUBJ_DEPS,
    SUBJ_EXPL_DEPS,
    VERBAL_UPOS,
)


def _name_ends(tree: Tree, i: int) -> bool:
    """A name ends at token ``i``: a proper noun, or a capitalised noun inside the sentence
    ("Brookings Institution", which the tagger reads as a common noun)."""
    t = tree.tok(i)
    return t.upos == "PROPN" or t.upos == "NOUN" and i > 1 and t.text[:1].isupper() and t.text[1:].islower()


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


def _acts_as_verb(tree: Tree, tok) -> bool:
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
    named = _name_ends(tree, prev.index) or prev.text.lower() in WORDS.relative.aside
    if named and nxt.text.lower() == "that" and nxt.upos == "SCONJ":
        return True
    # "Lynch notes they were appointed ...": a nominative pronoun after it opens the reported clause
    if _name_ends(tree, prev.index) and nxt.upos == "PRON" and "Case=Nom" in nxt.feats \
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
    pronoun ("police questioned the suspect", "questioned him") is its other sense."""
    return root is not None and tree.tok(root).upos == "NOUN" and "PERSON" not in (tree.tok(root).ner or "")


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


def _nearest_cue_takes_the_complement(tree: Tree, cues: list[Cue]) -> None:
    """“A,” Trump said, adding later, “B.”: a complement after a second cue belongs to that cue, the
    nearer one, even when the parser hung it on the first (whole, or as the second half of a clause
    that spans the attribution); the second speech act keeps the speaker."""
    for c in cues:
        after = [i for i in c.content if i > c.verb]
        if c.kind != "ccomp" or not after:
            continue
        start = min(after)
        for w in cues:
            if w.kind != "bare" or not c.verb < w.verb < start or tree.tok(w.verb).head != c.verb:
                continue
            if not all(tree.tok(i).upos in ("PUNCT", "ADV") for i in range(w.verb + 1, start)):
                continue
            before = [i for i in c.content if i < c.verb]
            w.content, w.kind = after, c.kind
            w.root = tree.span_root(after)
            if w.speaker_head is None:
                w.speaker_head, w.speaker_tokens = c.speaker_head, list(c.speaker_tokens)
            c.content = before
            c.kind = c.kind if before else "bare"
            c.root = tree.span_root(before)
            break


def _reported_quotation_joins(tree: Tree, cues: list[Cue]) -> None:
    """'I hope in 2017 America says, "Thank you."': a reported clause that ends on a speech verb
    whose quotation follows it runs through that quotation, however the parser hung it."""
    bare = {w.verb for w in cues if w.kind == "bare"}
    for c in cues:
        words = [i for i in c.content if tree.tok(i).upos != "PUNCT"]
        if c.kind != "ccomp" or not words or words[-1] not in bare or words[-1] <= c.verb \
                or tree.span_root(c.content) != words[-1]:
            continue  # (the reported clause is that act itself, not a clause coordinated with it)
        end = words[-1]
        n = len(tree.tokens)
        if end + 2 > n or tree.tok(end + 1).text not in (",", ":") or tree.tok(end + 2).text not in MAY_OPEN:
            continue
        close = next((j for j in range(end + 3, n + 1) if tree.tok(j).text in MAY_CLOSE), None)
        if close is not None:
            c.content = sorted(set(c.content) | set(range(end + 1, close + 1)))


def _later_cue_owns_the_quotation(tree: Tree, cues: list[Cue]) -> None:
    """'sings to Clinton before asking her, “...”': a quotation right after a second cue (past its
    addressee) inside the first one's content belongs to the second, nearer one; the first keeps
    only a clause of its own before it."""
    for c in cues:
        if c.kind not in ("surface", "ccomp", "obj", "prep") or not c.content:
            continue
        inside = set(c.content)
        for w in cues:
            if w.kind != "bare" or w.verb not in inside or w.verb <= c.verb \
                    or tree.tok(w.verb).deprel != "advcl" or not tree.children(w.verb, "mark"):
                continue  # (an adverbial act of the speaker's: "before asking her", "after telling them")
            j = w.verb + 1
            while j <= len(tree.tokens) and tree.tok(j).head == w.verb \
                    and tree.tok(j).deprel.split(":")[0] in ("obj", "iobj", "advmod"):
                j += 1
            if j + 1 > len(tree.tokens) or tree.tok(j).text not in (",", ":") or tree.tok(j + 1).text not in MAY_OPEN \
                    or j + 1 not in inside:
                continue
            start = min(i for i in tree.subtree(w.verb) if i < j)
            w.content = [i for i in c.content if i > j]
            w.kind, w.root = c.kind, tree.span_root(w.content)
            if w.speaker_head is None:
                w.speaker_head, w.speaker_tokens = c.speaker_head, list(c.speaker_tokens)
            before = [i for i in c.content if i < start]
            if any(tree.tok(i).upos in VERBAL_UPOS for i in before):
                c.content, c.root = before, tree.span_root(before)
            else:
                c.content, c.kind, c.root = [], "bare", None
            break


def _outer_clause_runs_through_inner_surface(tree: Tree, cues: list[Cue]) -> None:
    """'claiming that he had a source who told him the nominee paid no taxes', 'said it was too early
    to tell whether ...': a cue inside a reported clause whose content the parse lost, read off the
    surface past the end of that clause, marks where the clause really ends; what it reports is
    part of the outer speech (nested speech is not kept apart)."""
    for c in cues:
        if c.kind not in ("ccomp", "obj") or not c.content:
            continue
        inside = set(c.content)
        for w in cues:
            if w is c or w.kind != "surface" or w.verb not in inside or w.verb <= c.verb or not w.content \
                    or w.verb == tree.span_root(c.content) \
                    or max(w.content) <= max(c.content) or min(w.content) <= w.verb - 1 and min(w.content) < min(c.content):
                continue
            c.content = sorted(inside | set(range(max(c.content) + 1, max(w.content) + 1)))
            c.root = tree.span_root(c.content)
            w.content, w.kind, w.root = [], "bare", None
            break


def find_cues(tree: Tree, lex: CueLexicon | None = None) -> list[Cue]:
    lex = lex or cue_lexicon()
    headline = headline_cues(tree, lex)
    if headline is not None:
        return headline + according_cues(tree, lex)
    cues: list[Cue] = []
    quoted = quoted_tokens(tree)
    for tok in tree.tokens:
        if tok.upos != "VERB" and tok.text.lower() not in lex.verb_forms and not _acts_as_verb(tree, tok):
            continue
        lemma = lex.cue_lemma(tok.lemma, tok.text) or lex.verb_forms.get(tok.text.lower())
        refused = tok.deprel == "xcomp" and tok.head and tree.tok(tok.head).lemma.lower() in lex.refusal
        if lemma is None or tree.is_negated(tok.index) or refused or _inside_name(tree, tok.index) \
                or _hyphen_compound(tree, tok.index):
            continue
        if tok.deprel == "amod" and tok.head and tree.tok(tok.head).lemma.lower() in lex.channels | lex.documents:
            continue  # "In a written statement, X was ...", "prepared remarks": a participle on the channel
        if _opening_adjunct(tree, tok.index) or tok.deprel.split(":")[0] in ("xcomp", "ccomp") \
                and tok.head and _opening_adjunct(tree, tok.head):
            continue  # "Asked to describe the device, O'Neill said ...": an adjunct, nobody's words
        if tok.xpos in ("VBD", "VBN") and tok.deprel == "advcl" and any(
                k.index < tok.index and k.text.lower() in ADVERBIAL_OPENERS | {"if"}
                for k in tree.children(tok.index, "mark", "advmod")) \
                and not tree.children(tok.index, "aux", "aux:pass", *SUBJ_DEPS):
            continue  # "When asked about the delay, the spokesman said ...": a reduced passive, no speaker
        if tree.children(tok.index, "aux:pass") and passive_agent(tree, tok.index) is None:
            continue  # "Repairs are estimated at ...": a passive with no agent names no speaker
        particles = [k for k in tree.children(tok.index) if k.deprel == "compound:prt"]
        if lemma in lex.requires_particle and not any(
                p.lemma.lower() in lex.particle.get(lemma, ()) for p in particles):
            continue
        content, kind, root = content_for(tree, tok.index, lemma, lex)
        if not content or len([i for i in content if tree.tok(i).upos != "PUNCT"]) < 2:
            content, kind, root = [], "bare", None  # kept to link quotation marks to a speaker
        elif kind == "ccomp" and not any(tree.tok(i).upos in VERBAL_UPOS for i in content) \
                and any(t.upos in VERBAL_UPOS for t in tree.tokens if t.index > max(content)):
            content, kind, root = [], "bare", None  # a clause cut short by the parse: read the surface
        if kind not in ("ccomp", "xcomp", "bare") and that_follows(tree, tok.index):
            content, kind, root = [], "bare", None  # "showed that ...": a clause, whatever the parse made of it
        if lemma in lex.weak and kind not in ("ccomp", "prep", "xcomp", "bare") \
                and not (kind == "obj" and lemma in lex.object and _abstract_object(tree, root)):
            continue
        if lemma in lex.refusal and kind == "xcomp" and root is not None and (
                lex.cue_lemma(tree.tok(root).lemma, tree.tok(root).text) or tree.tok(root).lemma in lex.topic_only):
            continue  # "declined to comment on the lawsuit": no words reported
        misparsed = misparsed_inverted(tree, tok.index) if lemma in lex.clausal else None
        if misparsed is not None:
            content, chunk = misparsed
            root = tree.span_root(content)
            cues.append(Cue(tree.s.index, tok.index, lemma, [tok.index], chunk[-1], chunk, content,
                            "inverted", weak=lemma in lex.weak, root=root))
            continue
        speaker = find_speaker(tree, tok.index)
        verbless = _main_verb_read_as_modifier(tree, tok) if kind == "bare" and lemma in lex.object else None
        if verbless is not None:
            speaker, content, kind = verbless
            root = tree.span_root(content)
        noun_read: list[int] = []
        if speaker in (None, tok.index - 1) and tok.upos == "NOUN" and tok.index > 1 and _name_ends(tree, tok.index - 1):
            # "Mr. Jenkins notes that ...", "The New York Times reports:" parsed as one noun phrase
            # (whatever its place in the sentence: "..., The Wall Street Journal reports.")
            speaker = tok.index - 1
            noun_read = _noun_phrase_before(tree, tok.index)
        first = tree.tok(min(mention_tokens(tree, speaker, tok.index))) if speaker is not None else None
        if first is not None and (
                first.text.lower() in lex.not_speakers or first.upos == "CCONJ"
                or (tree.tok(speaker).text.lower() in NOT_SUBJECT_PRONOUNS
                    and not tree.tok(speaker).text.isupper())):  # "US" is a country
            speaker = None  # "Addressing reporters, ...", "and the nation", "him": no speaker
        if kind == "ccomp" and speaker is not None and root is not None and speaker < root < tok.index \
                and not tree.children(root, *CLAUSE_SUBJ_DEPS):
            # 'The answers are "not meeting the need," says Paul Diaz': with an inverted subject
            # after the cue, the subject before it is the reported clause's own
            # (a name the parser made an object there: "says(root) Paul(iobj) Rieckhoff")
            after = [k for k in tree.children(tok.index, "nsubj", "iobj", "obj") if k.index > tok.index
                     and (k.upos == "PROPN" or k.deprel == "nsubj" and k.upos == "NOUN")]
            span = sorted(tree.subtree(speaker))
            if after and content and max(span) < min(content) \
                    and all(i in span for i in range(span[0], min(content))):
                content = span + content
                speaker = after[0].index
        if kind in ("inverted", "ccomp") and speaker is not None and speaker < tok.index and content \
                and min(content) < speaker < max(content):
            # '“...,” Flynn, a top surrogate, said': the speaker's apposition the parser hung on the
            # reported clause is not said; nothing between the speaker and the cue is
            first_mention = min(mention_tokens(tree, speaker, tok.index))
            content = [i for i in content if not first_mention <= i < tok.index]
        if speaker is not None and speaker in quoted and tok.index not in quoted:
            speaker = None  # “… at the top of his game,” Rendell said: the parse reached into the quote
        if speaker is None and tok.xpos == "VBG" and tok.index > 1 and tree.tok(tok.index - 1).text == "," \
                and tok.deprel.split(":")[0] in ("amod", "acl", "advcl", "conj"):
            # "..., reiterating(amod) concerns about ...": a participle set off by a comma, whatever
            # the parser hung it on, shares the subject of the main clause before it
            main = next((t for t in tree.tokens if t.head == 0), None)
            subject = tree.children(main.index, "nsubj") if main is not None and main.index < tok.index else []
            if subject and subject[0].index < tok.index:
                speaker = subject[0].index
                content = [i for i in content if i > tok.index]
        if speaker is not None and speaker < tok.index and not tree.children(tok.index, *SUBJ_DEPS):
            # "looping the streets - where the Panthers played - while chanting ...": a subject inside
            # a dash aside closed before the cue is not the subject of a cue outside it
            dashes = [i for i in range(2, tok.index) if tree.tok(i).text in ("-", "--", "—", "–")
                      and tree.tok(i - 1).end < tree.tok(i).start]  # (spaced: not a hyphen)
            inside_aside = len(dashes) >= 2 and dashes[-2] < speaker < dashes[-1]
            main = next((t for t in tree.tokens if t.head == 0), None)
            subject = tree.children(main.index, "nsubj") if main is not None else []
            if inside_aside and subject and subject[0].index < dashes[-2]:
                speaker = subject[0].index
        surface_mention: list[int] = []
        if speaker is not None and kind == "ccomp" and root is not None and tok.index < speaker < root \
                and lemma in lex.clausal and not tree.children(root, *CLAUSE_SUBJ_DEPS):
            # "Ryan said the recent spate of shootings demands ...": a subject after the cue is the
            # reported clause's own, misattached; the speaker is the noun chunk before the cue
            content, kind, root, surface_mention = surface_forward(tree, tok.index)
            nouns = [i for i in surface_mention or [] if tree.tok(i).upos in MENTION_HEAD_UPOS]
            speaker = nouns[-1] if nouns else None
            surface_mention = surface_mention or []
        if kind == "ccomp" and root is not None and content and min(content) > tok.index \
                and not tree.children(root, *CLAUSE_SUBJ_DEPS):
            # "many of whom say the president's claims are unfounded": a second subject the parser
            # hung on the cue, between it and the reported clause, is that clause's own subject
            own = [k for k in tree.children(tok.index, "nsubj") if tok.index < k.index < min(content)
                   and k.index != speaker]
            if own:
                span = sorted(tree.subtree(own[0].index))
                if span and span[0] > tok.index and max(span) < min(content) \
                        and all(i in span for i in range(span[0], min(content))):
                    content = span + content
        if speaker is None:
            surface_mention = after_quote_speaker(tree, tok.index)
            speaker = surface_mention[-1] if surface_mention else None
            if surface_mention and surface_mention[0] in content:
                content, kind, root = [], "bare", None  # the parse ran the quote into its attribution
        if kind == "bare" and lemma in lex.clausal and speaker is not None and not surface_mention:
            content, kind, root = surface_inverted(tree, tok.index, speaker)
        elif kind in ("ccomp", "inverted") and speaker is not None and content and max(content) < tok.index \
                and min(content) > 1 and lemma in lex.clausal:
            # "A cashier who ... is held accountable, Warren said": the parse lost the clause's
            # start (its subject hung on the cue); the clause runs from the sentence start
            surface = surface_inverted(tree, tok.index, speaker)
            if surface[0] and min(surface[0]) < min(content) and max(content) <= max(surface[0]) + 1:
                content, kind, root = surface
        if kind == "bare" and lemma in lex.clausal and not surface_mention and (
                lemma not in lex.weak or that_follows(tree, tok.index)):
            content, kind, root, surface_mention = surface_forward(tree, tok.index)
            if (speaker is None or speaker in content) and surface_mention:
                speaker = next(i for i in reversed(surface_mention)
                               if tree.tok(i).upos in MENTION_HEAD_UPOS)
            else:
                surface_mention = []
            if kind == "surface" and (speaker is None or speaker in content):
                # "The ministry would not say ... but said ...": the clause's first subject
                subjects = [t.index for t in tree.tokens if t.index < tok.index and t.deprel == "nsubj"
                            and t.index not in content and t.text.lower() not in lex.not_speakers]
                speaker = subjects[0] if subjects else None
        if speaker is not None and speaker in content:
            speaker = None
        if speaker is not None and speaker == tok.head and tok.deprel == "acl" \
                and any(k.deprel == "mark" and k.lemma.lower() == "to" for k in tree.children(tok.index)) \
                and not tree.children(speaker, "nmod:poss"):
            continue  # "no way to tell without ...", "a proposal likely to appeal to voters": the noun
            # an infinitive modifies is no speaker, and the infinitive nobody's words ("his refusal to
            # answer" has one)
        if kind in ("ccomp", "surface") and speaker is not None and lemma in lex.clausal:
            content = parenthetical_subject(tree, tok.index, speaker, content)
        if lemma in lex.addressee and kind in ("surface", "xcomp", "ccomp"):
            content = after_addressee(tree, content)
        close = relative_aside_close(tree, tok.index)
        if close is not None and content and min(content) > tok.index:
            # "The senator, who said the bill was dead, left early": the aside ends at its comma
            content = [i for i in content if i < close]
        if kind == "surface":
            content = _before_governing_clause(tree, tok.index, content)
        if kind in ("ccomp", "surface", "obj", "xcomp"):
            content = _before_next_cue(tree, content, quoted, lex)
            if content and content[0] > tok.index:  # (a quotation before the cue is split by the engine)
                content = quotation_then_adverbial(tree, content)
        content = _before_main_subject(tree, tok.index, content)
        if kind in ("obj", "prep"):
            content = _without_aside(tree, _without_channel(tree, content, lex), quoted)
        if kind == "obj":
            content = without_leading_time(tree, content)
            if only_time(tree, content):
                content, kind, root = [], "bare", None
        if content and content[0] > tok.index and tree.tok(content[0]).text.lower() in WORDS.phrases.means \
                and tree.tok(content[0]).upos == "ADP":
            content, kind, root = [], "bare", None  # "Reporting by ...", "comment through a spokesman"
        if content and _adverbial_clause(tree, content, tok.index):
            content, kind, root = [], "bare", None  # "said Friday as he entered the talks": when, not what
        if lemma in lex.quotation_only and not any(tree.tok(i).text in QUOTE_MARKS for i in content) \
                and not (content and content[0] > 1 and tree.tok(content[0] - 1).text.lower() == "that"):
            content, kind, root = [], "bare", None  # "continue to show signs": no words reported
        cue_tokens = [tok.index] + [p.index for p in particles if p.lemma.lower() in lex.particle.get(lemma, ())]
        cues.append(Cue(tree.s.index, tok.index, lemma, sorted(cue_tokens), speaker,
                        surface_mention or (noun_read if noun_read and speaker == tok.index - 1 else [])
                        or (mention_tokens(tree, speaker, tok.index) if speaker else []),
                        content, kind, weak=lemma in lex.weak, root=root))
    _nearest_cue_takes_the_complement(tree, cues)
    _reported_quotation_joins(tree, cues)
    _later_cue_owns_the_quotation(tree, cues)
    _outer_clause_runs_through_inner_surface(tree, cues)
    _participles_share_the_speaker(tree, cues)
    cues.extend(characterisations(tree, lex, {c.verb for c in cues}))
    cues.extend(nominal_cues(tree, lex))
    cues.extend(as_put_it(tree, {c.verb for c in cues}))
    cues.extend(colon_statements(tree, lex, {c.verb for c in cues}))
    cues.extend(predicative_cues(tree, lex, {c.verb for c in cues}))
    cues.extend(evidence_cues(tree, lex, {c.verb for c in cues if c.content}))
    cues.extend(misread_evidence_verbs(tree, lex, {c.verb for c in cues}))
    cues.extend(according_cues(tree, lex))
    return cues
