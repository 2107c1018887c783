"""Readings off the surface where the parse fails: "CLAUSE, sources said." and "SPEAKER says
CLAUSE." by word order, addressees and parenthetical attributions cut out of the content."""

from __future__ import annotations

from quotes.extract.complements import ADVERBIAL_OPENERS, after_that, relative_that, that_follows
from quotes.extract.lexicon import WORDS, time_words
from quotes.extract.subjects import mention_tokens
from quotes.extract.tree import (
    MAY_CLOSE,
    MAY_OPEN,
    QUOTE_MARKS,
    Tree,
)
from quotes.extract.labels import FINITE_OR_MODAL_XPOS, MENTION_HEAD_UPOS, NAME_UPOS, NOMINAL_UPOS, SUBJ_DEPS, VERBAL_UPOS


_CHUNK_POS = {"NOUN", "PROPN", "ADJ", "DET", "PRON", "NUM", "PART", "X"}


def surface_inverted(tree: Tree, verb: int, speaker: int) -> tuple[list[int], str, int | None]:
    """"CLAUSE, sources said." read off the surface when the parser missed the inversion.

    The cue and its speaker close the sentence after a comma; everything before that comma is
    the reported clause.
    """
    mention = mention_tokens(tree, speaker, verb)
    first = min(mention + [verb])
    while first > 1 and tree.tok(first - 1).upos in ("PROPN", "DET") and first <= tree.tok(first - 1).head <= verb:
        first -= 1  # "Senator | Warren said": a title the parser made a second subject
        # ("The Wall Street | Journal reports": a name read as a noun phrase on the cue)
    last_words = [t for t in tree.tokens if t.index > max(mention + [verb]) and t.upos != "PUNCT"]
    if len(last_words) > 4 or any(t.upos in VERBAL_UPOS for t in last_words):
        return [], "bare", None  # the cue does not close the sentence: "..., Qureshi said that ..."
    if any(t.head == verb and t.deprel in ("obj", "iobj") and t.text not in time_words() for t in last_words):
        return [], "bare", None  # "In her book, Clinton noted the clot's existence": it has its object
    if first < 3 or tree.tok(first - 1).text not in (",", "”", '"', "’", "'"):
        return [], "bare", None
    comma = first - 1
    while comma > 1 and tree.tok(comma).upos == "PUNCT":
        comma -= 1
    content = list(range(1, comma + 1))
    if len([i for i in content if tree.tok(i).upos != "PUNCT"]) < 3:
        return [], "bare", None
    finite = any(tree.tok(i).upos in VERBAL_UPOS and tree.tok(i).xpos not in ("VBG", "VBN", "TO")
                 or tree.tok(i).deprel.startswith(("nsubj", "expl")) for i in content)
    if not finite:
        return [], "bare", None  # "Campaigning in 2012, Alexander mentioned ...": no clause reported
    root = tree.span_root(content)
    return content, "inverted", root


def _before_party_label(tree: Tree, left: int) -> int:
    """"Paul D. Ryan (R-Wis.) said": the token before a party label that ends at ``left``."""
    if left >= 1 and tree.tok(left).text == ")":
        opening = next((i for i in range(left - 1, max(left - 7, 0), -1) if tree.tok(i).text == "("), None)
        return opening - 1 if opening is not None else left
    return left


def misparsed_inverted(tree: Tree, verb: int) -> tuple[list[int], list[int]] | None:
    """"CLAUSE, a spokesman announced Monday morning.": the parser read the cue as a modifier
    inside a noun phrase ("announced morning"). On the surface a noun chunk after a comma, the cue
    and at most a short time phrase close the sentence: (content, speaker tokens)."""
    deprel = tree.tok(verb).deprel.split(":")[0]
    # or hung loose on the clause it reports, its name read as an apposition there ("..., Sen.
    # Lindsey Graham (R-S.C.) told The Huffington Post on Thursday.")
    loose = deprel == "parataxis" and not tree.children(verb, *SUBJ_DEPS) \
        and tree.tok(verb).head < verb
    if deprel not in ("amod", "compound", "acl") and not loose:
        return None
    after = [t for t in tree.tokens if t.index > verb and t.upos != "PUNCT"]
    if len(after) > (6 if loose else 4) or any(t.upos in ("VERB", "AUX", "SCONJ") for t in after):
        return None
    chunk: list[int] = []
    left = _before_party_label(tree, verb - 1)
    while left >= 1 and tree.tok(left).upos in _CHUNK_POS and tree.tok(left).text not in (",", ";"):
        chunk.insert(0, left)
        left -= 1
    if not chunk or left < 3 or tree.tok(left).text != "," or len(chunk) > 6 \
            or tree.tok(chunk[-1]).upos not in NOMINAL_UPOS:
        return None
    content = [i for i in range(1, left) if not (i == 1 and tree.tok(i).upos == "PUNCT")]
    if not any(tree.tok(i).upos in VERBAL_UPOS for i in content):
        return None
    return content, chunk


def name_aside_in_clause(tree: Tree, verb: int) -> tuple[list[int], list[int]] | None:
    """"Institutional recipients, said Mauer, are required to ...": an inverted name set off by
    commas inside the clause it reports. The parser makes the cue the root, the noun phrase before
    it the cue's subject and the name the subject of the clause after it. On the surface: a noun
    phrase with no verb opens the sentence, then ", CUE NAME," and the rest of the clause with its
    finite verb; no quotation marks (a quotation split by the cue is direct speech, read
    elsewhere). Returns (content: the noun phrase and the rest of the clause, speaker tokens)."""
    n = len(tree.tokens)
    if verb < 3 or tree.tok(verb - 1).text != "," or any(t.text in MAY_OPEN for t in tree.tokens):
        return None
    chunk: list[int] = []
    j = verb + 1
    while j <= n and tree.tok(j).upos == "PROPN" and len(chunk) < 4:
        chunk.append(j)
        j += 1
    if not chunk or j >= n or tree.tok(j).text != ",":
        return None
    before = [i for i in range(1, verb - 1) if tree.tok(i).upos != "PUNCT" or i > 1]
    after = list(range(j + 1, n + 1))
    while after and tree.tok(after[-1]).upos == "PUNCT":
        after.pop()
    if not before or tree.tok(before[0]).upos not in (*NOMINAL_UPOS, "DET", "ADJ", "NUM") \
            or any(tree.tok(i).upos in (*VERBAL_UPOS, "SCONJ") for i in before):
        return None
    # the clause goes on with its own finite verb, and the subject it lacks is the noun phrase
    if not after or not any(tree.tok(i).xpos in FINITE_OR_MODAL_XPOS for i in after[:4]) \
            or any(tree.tok(i).deprel.startswith("nsubj") and i not in chunk for i in after):
        return None
    return before + after, chunk


def quotation_then_adverbial(tree: Tree, content: list[int]) -> list[int]:
    """'chanted "What curfew?" as they marched', 'says, "Don't do it," until shots ring out': a
    quotation opening the content, followed by an adverbial clause or phrase, is the content on its
    own. A quoted phrase inside a clause keeps the rest ('specified "Christian" as their religion',
    'reported "2,521 incidents" in the city'): only a quoted utterance (punctuation before its
    closing mark) ends at the closing mark."""
    lead = 0
    while lead < len(content) and tree.tok(content[lead]).text in (",", ":"):
        lead += 1
    if lead >= len(content) or tree.tok(content[lead]).text not in MAY_OPEN:
        return content
    opening = content[lead]
    # the closing mark may hang outside the content (on the cue): find it in the sentence
    close = next((j for j in range(opening + 1, len(tree.tokens) + 1) if tree.tok(j).text in MAY_CLOSE), None)
    if close is None:
        return content
    rest = [i for i in content if i > close]
    if not rest:
        return content
    utterance = tree.tok(close - 1).upos == "PUNCT"
    if utterance and (tree.tok(rest[0]).text in (",", ";") or tree.tok(rest[0]).upos in ("SCONJ", "ADP")
                      or tree.tok(rest[0]).text.lower() in ADVERBIAL_OPENERS):
        return [i for i in content if i <= close]
    return content


def after_addressee(tree: Tree, content: list[int]) -> list[int]:
    """"told reporters after the meeting that was held on a boat that the bloc was united": the
    person addressed, read into the content, ends at the complementizer "that"."""
    words = [i for i in content if tree.tok(i).upos != "PUNCT"]
    if not words or tree.tok(words[0]).upos not in ("NOUN", "PROPN", "PRON", "DET", "ADJ", "NUM"):
        return content
    inside = set(content)
    for i in words[1:]:
        t = tree.tok(i)
        if t.upos in VERBAL_UPOS and any(s.index in inside for s in tree.children(i, *SUBJ_DEPS)) \
                and tree.span_root(content) == i:
            return content  # "showed that the man raised his hands, ... that ...": a clause, no addressee
        if t.text.lower() == "that" and t.upos in ("SCONJ", "PRON") and not relative_that(tree, i):
            return [j for j in content if j > i]
        # a determiner opens a noun phrase, never a clause: a verb inside it is a mistagged noun
        if t.upos in VERBAL_UPOS and t.deprel != "amod" and tree.tok(words[0]).upos != "DET" and not any(tree.tok(a).deprel.startswith("acl") for a in
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
        if tree.tok(i).text == "," and nxt.upos in VERBAL_UPOS and not tree.dominates(verb, nxt.index):
            return content[:n]
    return content


ASIDE_MARKS = (",", "--", "—", "–")


def relative_aside_close(tree: Tree, verb: int) -> int | None:
    """The comma closing a relative clause set off by commas that the cue heads
    ("X, who has denied wrongdoing, said"), or None when the cue is not inside one."""
    left = verb - 1
    while left >= 1 and (tree.tok(left).upos in ("AUX", "ADV", "PART")):
        left -= 1
    if left < 2 or tree.tok(left).text.lower() not in WORDS.relative.aside or tree.tok(left - 1).text not in ASIDE_MARKS:
        return None
    # ("the study -- which notes that ... -- should be": a dash aside closes at the next dash)
    mark = tree.tok(left - 1).text
    return next((i for i in range(verb + 1, len(tree.tokens) + 1) if tree.tok(i).text == mark), None)


def surface_forward(tree: Tree, verb: int) -> tuple[list[int], str, int | None, int | None]:
    """"SPEAKER says CLAUSE." read off the surface when the parser lost the cue's complement.

    The clause after the cue must contain a verb of its own; the speaker is the noun chunk
    right before the cue.
    """
    after = [tree.tok(i) for i in after_that(tree, [t.index for t in tree.tokens if t.index > verb])]
    if after and after[0].upos == "PUNCT" and after[0].text in (",", ":"):
        return [], "bare", None, None  # "said, “...”": quotation marks handle it
    opening = next((t.index for t in after if t.text in MAY_OPEN), None)
    if opening is not None and opening > after[0].index and tree.tok(opening - 1).text == "," and not any(
            t.upos in VERBAL_UPOS for t in after if t.index < opening):
        return [], "bare", None, None  # 'said during a rally in Kenansville, "but ...': a split quote
    if after and after[0].text.lower() in ADVERBIAL_OPENERS and not that_follows(tree, verb):
        # "what Wahl said when she resigned": when, not what ("contended that since she is not
        # running, she should ...": after "that" the adverbial clause opens what was said)
        return [], "bare", None, None
    content = quotation_then_adverbial(tree, [t.index for t in after])
    content = _before_main_clause(tree, verb, content)
    close = relative_aside_close(tree, verb)
    if close is not None:  # "Johnson, who has denied wrongdoing, said ...": the aside ends at its comma
        content = [i for i in content if i < close]
    # 'chanted "What curfew?" and kept going': the speaker's next act is not what was said
    for c in tree.children(verb, "conj"):
        # (the closing marks of the quotation may hang on the next act: skip punctuation)
        words = [i for i in tree.subtree(c.index) if tree.tok(i).upos != "PUNCT"]
        # (a predicate with a copula is no act: "tweets accusing X of A and B are “lies”")
        if c.index in content and not tree.children(c.index, "nsubj", "cop") and words \
                and tree.tok(words[0]).upos == "CCONJ":
            cut = words[0]
            while cut - 1 in content and tree.tok(cut - 1).upos in ("CCONJ", "PUNCT") \
                    and tree.tok(cut - 1).text not in QUOTE_MARKS:
                cut -= 1
            content = [i for i in content if i < cut]
    quotation = len(content) > 2 and tree.tok(content[0]).text in MAY_OPEN \
        and tree.tok(content[-1]).text in MAY_CLOSE
    # ('specified "Christian" as their religion': a quoted phrase opening the content)
    quoted_lead = len(content) > 2 and tree.tok(content[0]).text in MAY_OPEN \
        and any(tree.tok(i).text in MAY_CLOSE for i in content[2:])
    while content and tree.tok(content[-1]).upos == "PUNCT" and not quotation:
        content.pop()
    words = [i for i in content if tree.tok(i).upos != "PUNCT"]
    # a clause needs a verb of its own: not "protected" in "a protected lane", not "according";
    # a quotation right after the cue is speech whatever its form ('chanted "What curfew?"')
    that = that_follows(tree, verb)  # "found that 1 in 4 residents lived ...": a clause whatever the parse
    if not (quotation or quoted_lead) and (len(words) < 4 or not any(
            tree.tok(i).upos in VERBAL_UPOS and (that or tree.tok(i).deprel.split(":")[0] not in
                                                     ("amod", "case", "mark", "acl"))
            for i in content)):
        return [], "bare", None, None
    chunk = _noun_chunk_before(tree, verb)
    root = tree.span_root(content)
    return content, "surface", root, chunk


def _noun_chunk_before(tree: Tree, verb: int) -> list[int]:
    """The noun chunk right before the cue, past auxiliaries and adverbs ("Smith also said"), a
    party label ("Paul D. Ryan (R-Wis.) said") or a participle's time ("The latest poll released
    Friday shows"); empty when it holds no noun."""
    left = verb - 1
    while left >= 1 and (tree.tok(left).upos == "AUX" or tree.tok(left).text.lower() in WORDS.before_cue):
        left -= 1
    left = _before_party_label(tree, left)
    chunk = []
    while left >= 1 and (tree.tok(left).upos in _CHUNK_POS or _inner_of(tree, left)) \
            and tree.tok(left).text not in (",", ";"):
        chunk.insert(0, left)
        left -= 1
    if chunk and all(tree.tok(i).text in time_words() for i in chunk) and left > 1 \
            and tree.tok(left).xpos in ("VBN", "VBD") and tree.tok(left - 1).upos in NAME_UPOS:
        # "The latest poll released Friday shows ...": the time ends a participle modifying the speaker
        chunk, left = [], left - 1
        while left >= 1 and (tree.tok(left).upos in _CHUNK_POS or _inner_of(tree, left)) \
                and tree.tok(left).text not in (",", ";"):
            chunk.insert(0, left)
            left -= 1
    if not any(tree.tok(i).upos in MENTION_HEAD_UPOS for i in chunk):
        chunk = []
    return chunk


def parenthetical_subject(tree: Tree, verb: int, speaker: int, content: list[int]) -> list[int]:
    """"Acts of protest, Mr. Obama said, are acts of patriotism": the attribution set off by commas
    inside the reported clause, whose subject the parser gave to the cue. The subject before the
    first comma joins the content (the engine keeps the attribution out as a gap between parts).
    """
    first = min(mention_tokens(tree, speaker, verb))
    words = [i for i in content if tree.tok(i).upos != "PUNCT"]
    if first < 3 or tree.tok(first - 1).text != "," or not words or min(words) < verb:
        return content
    clause_verb = next((i for i in words if tree.tok(i).upos in VERBAL_UPOS), max(words))
    comma = next((i for i in range(verb + 1, clause_verb) if tree.tok(i).text == ","), None)
    if comma is None or any(tree.tok(i).upos in VERBAL_UPOS for i in range(verb + 1, comma)):
        return content  # "X said are ...": no comma closes the attribution
    prefix = [i for i in range(1, first - 1) if tree.tok(i).upos != "PUNCT" or i > 1]
    lead = tree.tok(prefix[0]) if prefix else None
    if lead is None or lead.upos in ("ADP", "SCONJ", "ADV", "CCONJ", "VERB", "AUX", "PART") \
            or any(tree.tok(i).upos in VERBAL_UPOS for i in prefix) \
            or not any(tree.tok(i).upos in ("NOUN", "PROPN", "PRON", "NUM") for i in prefix) \
            or not any(tree.tok(i).head == verb or tree.tok(i).head in content for i in prefix):
        return content  # "On Monday, he said, ...": an adverbial, not the clause's subject
    return prefix + [i for i in content if i > comma]


def _inner_of(tree: Tree, i: int) -> bool:
    """"Commission on Presidential Debates": a preposition between capitalized words of one name."""
    return tree.tok(i).upos == "ADP" and 1 < i < len(tree.tokens) and \
        tree.tok(i - 1).text[:1].isupper() and tree.tok(i + 1).text[:1].isupper()
