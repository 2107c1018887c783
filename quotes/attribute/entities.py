"""Named mentions of people and organizations in one article, grouped into entities.

Names come from the NER tags and, where NER missed one, from runs of proper nouns. A person
entity gathers its full name and its short forms ("Antony Blinken", "Blinken"); its role is the
title written in front of a name ("Pentagon Press Secretary John F Kirby") or beside it in an
apposition ("Ned Price, the department spokesman").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from quotes.attribute.titles import honorifics, is_title_word, mention_lexicon, title_lexicon
from quotes.extract.pattern_cues import headline_cue
from quotes.extract.lexicon import cue_lexicon, load_toml
from quotes.extract.tree import Tree
from quotes.types import ParsedDoc

NAME_DEPRELS = {"flat", "flat:name", "compound", "nmod:poss"}


@dataclass
class Mention:
    sentence: int
    tokens: list[int]
    start: int
    end: int
    text: str
    kind: str  # "PER" | "ORG" | "LOC" | "MISC" | ""
    role: str | None = None
    is_subject: bool = False
    definite: bool = False  # "the Charlotte Observer": a name with an article names no person


@dataclass
class Entity:
    key: str
    kind: str
    names: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    @property
    def canonical(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n))) if self.names else self.key

    @property
    def role(self) -> str | None:
        return self.roles[0] if self.roles else None

    @property
    def surname(self) -> str:
        return self.canonical.split()[-1].lower()


def _ner_spans(tree: Tree) -> list[tuple[int, int, str]]:
    spans, start, label = [], None, ""
    for t in tree.tokens:
        tag = t.ner or "O"
        if tag == "O":
            if start is not None:
                spans.append((start, t.index - 1, label))
            start = None
            continue
        pre, _, lab = tag.partition("-")
        if pre in ("B", "S") or start is None or lab != label:
            if start is not None:
                spans.append((start, t.index - 1, label))
            start, label = t.index, lab
        if pre in ("E", "S"):
            spans.append((start, t.index, label))
            start = None
    if start is not None:
        spans.append((start, tree.tokens[-1].index, label))
    return spans


_NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "meanwhile", "however", "furthermore", "moreover",
              "earlier", "later", "today", "yesterday", "tomorrow", "addressing", "speaking", "talking"}


# A name run ends after an organization head: "UN General Assembly" | "Blinken".
@lru_cache(maxsize=1)
def org_heads() -> frozenset[str]:
    """Words that end an organization's name ("Interior Ministry", "World Food Programme")."""
    return frozenset(load_toml("names.toml")["organizations"]["heads"])



def _name_word(t) -> bool:
    """A word that can be part of a name even if the tagger missed PROPN: capitalized content word."""
    if t.text.lower() in _NOT_NAMES:
        return False
    if t.upos == "PROPN" or t.upos == "PRON" and len(t.text) >= 3 and t.text.isupper():
        return True  # "WHO said": an abbreviation the tagger took for the pronoun
    return t.text[:1].isupper() and t.upos in ("NOUN", "X", "ADJ") and not is_title_word(t.text) \
        and t.text.lower() != t.text


def _title_before(tree: Tree, a: int) -> bool:
    """Does a title end right before token ``a`` ("Minister Imran Khan", "Secretary of State Antony")?"""
    if a <= 1:
        return False
    if is_title_word(tree.tok(a - 1).text):
        return True
    before = " ".join(t.text.lower() for t in tree.tokens[max(0, a - 5):a - 1])
    return any(before.endswith(p) and " " in p for p in title_lexicon().phrases)


def _title_part(t) -> bool:
    """A word of a title written before a name: "US Secretary of State", "Pentagon Press"."""
    return is_title_word(t.text) or t.text.lower() in org_heads() or \
        (t.text[:1].isupper() and t.upos not in ("PUNCT", "VERB", "AUX", "DET", "PRON")) \
        or t.text.lower() in ("of", "'s", "’s") or (t.upos == "ADJ" and t.text[:1].isupper())


def _split_at_org_head(tree: Tree, a: int, b: int, label: str) -> list[tuple[int, int, str]]:
    """"UN General Assembly Blinken" is an organization followed by a person."""
    for i in range(a, b):
        if tree.tok(i).text.lower() in org_heads() and tree.tok(i + 1).text[:1].isupper() \
                and tree.tok(i + 1).text.lower() not in org_heads():  # "Central News Agency" is one
            return [(a, i, "ORG"), (i + 1, b, label)]
    return [(a, b, label)]


def _split_at(blocked: set[int], a: int, b: int, label: str) -> list[tuple[int, int, str]]:
    """"Chris Christie Calls Hillary Clinton": a headline's names run over its speech verb; NER
    spans run over lower-case verbs too."""
    cut = next((i for i in sorted(blocked) if a <= i <= b), None)
    if cut is None:
        return [(a, b, label)]
    return [piece for x, y in ((a, cut - 1), (cut + 1, b)) if x <= y for piece in _split_at(blocked, x, y, label)]


def _split_people_at_and(tree: Tree, a: int, b: int, label: str) -> list[tuple[int, int, str]]:
    """"Lavrov and Blinken" tagged as one person: two people (an organization may hold an "and")."""
    if label != "PER":
        return [(a, b, label)]
    out, start = [], a
    for i in range(a, b + 1):
        if tree.tok(i).upos == "CCONJ":
            if i > start:
                out.append((start, i - 1, label))
            start = i + 1
    if start <= b:
        out.append((start, b, label))
    return out


def _connected(tree: Tree, run: list[int], i: int) -> bool:
    """Words of one name hang together in the tree ("UN General Assembly" | "Blinken" do not)."""
    return tree.tok(i).head in run or any(tree.tok(r).head == i for r in run) \
        or tree.tok(i).head == tree.tok(run[-1]).head and tree.tok(i).deprel in ("flat", "compound")


def _name_before_name(tree: Tree, t) -> bool:
    """"spokesman Ned Price" with "Ned" mistagged: a capitalized word right before a proper noun."""
    if t.index <= 1 or t.index >= len(tree.tokens) or not t.text[:1].isupper() or t.text.isupper():
        return False
    nxt = tree.tok(t.index + 1)
    return nxt.upos == "PROPN" and nxt.text[:1].isupper() and t.text.lower() not in _NOT_NAMES \
        and not is_title_word(t.text)


def _extend_name_left(tree: Tree, a: int) -> int:
    """"Maria" + NER's "Lopez": given names NER left out, joined to the name in the tree."""
    while a - 1 >= 1:
        if a - 2 >= 1 and _glued_hyphen(tree, a - 1):
            a -= 2
            continue
        prev, cur = tree.tok(a - 1), tree.tok(a)
        if f"{prev.text} {cur.text}" in _gazetteer():
            a -= 1  # "United | Nations Secretary-General ...": a known name the tagger split
            continue
        linked = (cur.head == a - 1 and cur.deprel.startswith(("flat", "compound"))) or \
            (prev.head == a and prev.deprel.startswith(("flat", "compound"))) or \
            (prev.head == cur.head and prev.deprel == cur.deprel
             and (prev.upos == cur.upos == "PROPN" or prev.deprel == "compound"))
            # "Ana | Carvalho said": a weak parse made both words subjects of the verb
        if not (linked and _name_word(prev) and not is_title_word(prev.text) and prev.text not in _gazetteer()):
            break
        a -= 1
    return a


@lru_cache(maxsize=1)
def _name_particles() -> frozenset[str]:
    """Lower-case particles joined to the next part of a name ("al-Amr"): names.toml's list."""
    return frozenset(load_toml("names.toml")["names"]["particles"])


def _glued_hyphen(tree: Tree, i: int) -> bool:
    """"El-Hassan", "Al-Maeena": a hyphen written inside a name, which the tokenizer splits off."""
    if i <= 1 or i >= len(tree.tokens) or tree.tok(i).text not in ("-", "‐"):
        return False
    prev, t, nxt = tree.tok(i - 1), tree.tok(i), tree.tok(i + 1)
    return prev.end == t.start and t.end == nxt.start and nxt.text[:1].isupper() \
        and (_name_word(prev) or prev.text.lower() in _name_particles())


def extend_body_left(tree: Tree, a: int, b: int, label: str) -> int:
    """"Korean" + "Central News Agency": a capitalized adjective modifying an organization's name
    is part of it (a country's demonym names which agency it is)."""
    while label == "ORG" and a - 1 >= 1:
        prev = tree.tok(a - 1)
        if not (prev.upos == "ADJ" and prev.text[:1].isupper() and a <= prev.head <= b):
            break
        a -= 1
    return a


def _extend_name(tree: Tree, b: int) -> int:
    a = b
    while b + 1 <= len(tree.tokens):
        if _glued_hyphen(tree, b + 1):
            b += 2
        elif _name_word(tree.tok(b + 1)) and not is_title_word(tree.tok(b + 1).text) \
                and _connected(tree, list(range(a, b + 1)), b + 1):
            b += 1
        else:
            break
    return b


def _trim_span(tree: Tree, a: int, b: int) -> tuple[int, int]:
    """A name never starts or ends with "'s", "of", "and" or a hyphen, whatever NER tagged."""
    edge = ("'s", "’s", "of", "and", "-", "‐")
    while a < b and tree.tok(a).text.lower() in edge:
        a += 1
    while b > a and tree.tok(b).text.lower() in edge:
        b -= 1
    return a, b


def split_title(tree: Tree, indices: list[int]) -> tuple[list[int], list[int]]:
    """Split "Pentagon Press Secretary John F Kirby" into (title tokens, name tokens)."""
    idx = sorted(indices)
    while idx and tree.tok(idx[0]).upos in ("DET", "PUNCT"):
        idx.pop(0)
    if idx and tree.tok(idx[-1]).text.lower() in org_heads():
        return [], idx  # "the Saudi Interior Ministry": an organization's name, not a titled person
    name: list[int] = []
    for i in reversed(idx):
        t = tree.tok(i)
        if name and _glued_hyphen(tree, i):
            if is_title_word(tree.tok(i - 1).text):  # "Secretary-General Antonio Guterres"
                name = [n for n in name if n > i + 1]
                break
            name.insert(0, i)
            continue
        if is_title_word(t.text) or t.text in ("'s", "’s") or not (_name_word(t) or t.text[:1].isupper()):
            break
        if i > 1 and f"{tree.tok(i - 1).text} {t.text}".lower() in title_lexicon().phrases:
            break  # "Brigadier General Nabil Abdallah", "Attorney General Merrick Garland"
        if i > 1 and tree.tok(i - 1).text.lower() == "of" and name:
            break  # "Secretary of State Antony Blinken": "State" belongs to the title
        name.insert(0, i)
    title = [i for i in idx if i < (name[0] if name else 10 ** 6)]
    if title and not any(is_title_word(tree.tok(i).text) for i in title):
        return [], idx  # "Bank of America": no title inside
    return title, name


def _title_text(tree: Tree, text: str, title: list[int], require_title: bool = True) -> str | None:
    while title and tree.tok(title[0]).upos == "PUNCT":
        title.pop(0)
    while title and tree.tok(title[-1]).upos == "PUNCT" and tree.tok(title[-1]).text != ")":
        title.pop()
    while title and tree.tok(title[0]).upos == "DET":
        title.pop(0)
    while title and tree.tok(title[-1]).text.lower().rstrip(".") in honorifics():
        title.pop()  # "Ms." is no role
    while title and tree.tok(title[0]).text.lower().rstrip(".") in honorifics():
        title.pop(0)
    if not title or require_title and not any(is_title_word(tree.tok(i).text) for i in title):
        return None
    return text[tree.tok(title[0]).start:tree.tok(title[-1]).end]


def _appositive_role(tree: Tree, text: str, head: int) -> str | None:
    for k in tree.children(head, "appos"):
        toks = [i for i in tree.subtree(k.index) if tree.tok(i).upos != "PUNCT"]
        toks = [i for i in toks if i not in {c.index for c in tree.children(k.index, "acl:relcl")}]
        if toks and is_title_word(tree.tok(k.index).text):
            role = _title_text(tree, text, toks)
            if role:
                return role
    return None


_RELATIVES = {"who", "which", "that", "whose", "where", "when", "whom"}
_ROLE_PREPOSITIONS = {"of", "for", "at", "in", "to", "from", "with", "on"}
# nouns an apposition can have that describe no one ("Smith, a day after the vote, said")
_NOT_ROLE_HEADS = {"day", "week", "month", "year", "time", "moment", "decade", "hour", "minute",
                   "number", "percent", "lot", "bit", "way", "thing", "part", "result", "reason"}


def _skip_age(tree: Tree, last: int) -> int:
    """"Maria Lopez, 42, a teacher from Phoenix": the age between a name and its role."""
    n = len(tree.tokens)
    if last + 4 <= n and tree.tok(last + 1).text == "," and tree.tok(last + 2).upos == "NUM" \
            and tree.tok(last + 3).text == ",":
        return last + 2
    return last


def _coordinated_title(tree: Tree, i: int) -> bool:
    """Does a title follow the comma at ``i`` ("director of X, and chairman of Y")?"""
    n = len(tree.tokens)
    j = i + 1
    if j <= n and tree.tok(j).text.lower() in ("and", "or"):
        j += 1
    while j <= n and tree.tok(j).upos == "DET":
        j += 1
    return j > i + 1 and j <= n and is_title_word(tree.tok(j).text)


def _phrase_tokens(tree: Tree, start: int, limit: int = 30) -> list[int] | None:
    """The tokens of a comma-set phrase from ``start`` up to its closing punctuation, or None
    when a verb or a relative clause comes first (then it is a clause, not a title). Commas
    before a coordinated title stay inside ("Director of X, and Chairman of Y")."""
    n, toks = len(tree.tokens), []
    for i in range(start, n + 1):
        t = tree.tok(i)
        low = t.text.lower()
        if t.text == "," and _coordinated_title(tree, i):
            toks.append(i)
            continue
        if t.upos == "PUNCT" and t.xpos != "HYPH" and t.text not in ("(", ")"):
            return toks or None
        if low in _RELATIVES or t.upos == "AUX" or t.upos == "VERB" and t.deprel not in ("amod", "compound"):
            return None
        toks.append(i)
        if len(toks) > limit:
            return None
    return toks or None


def _head_words(tree: Tree, toks: list[int]) -> list:
    """The words of a phrase before its first preposition: "chief engineer" of "chief engineer of Leeds"."""
    out = []
    for i in toks:
        t = tree.tok(i)
        if t.text.lower() in _ROLE_PREPOSITIONS and t.upos == "ADP" or t.text == ",":
            break
        out.append(t)
    return out


def _describes_person(head: list, with_article: bool, person: bool) -> bool:
    """A title word leads the phrase ("head coach", "spokesman for ..."); with an article, any
    noun describes a person named as one ("Thomas Sam, a practising homeopath")."""
    words = [t for t in head if t.upos not in ("DET", "PUNCT")]
    if any(is_title_word(t.text) for t in words[:5]):
        return True
    if words and words[0].text[:1].isupper() and words[0].text.lower() in mention_lexicon()["party_members"]["words"]:
        return True  # "John Cornyn, Republican from Texas,"
    if not (with_article and person and words):
        return False
    last = words[-1]
    low = last.text.lower()
    return last.upos == "NOUN" and low not in _NOT_ROLE_HEADS \
        and low not in mention_lexicon()["nominal"]["organization"] and low not in org_heads()


def role_from_apposition(tree: Tree, text: str, first: int, last: int, person: bool = False) -> str | None:
    """A post-nominal apposition, news's commonest way to give a title: "Maria Lopez, the city's
    chief engineer, said", "Sara Kim, head coach, said", "Ana Ruiz, for the health agency, said",
    "Cres Eastman, Director of X, and Chairman of Y". Without an article a title word must lead
    the phrase; with one, any noun will do for a person ("a practising homeopath"). A name with
    an article ("The Greens, a junior partner in the coalition") is a group and takes no role."""
    n = len(tree.tokens)
    if first > 1 and tree.tok(first - 1).text.lower() in ("the", "a", "an"):
        return None
    last = _skip_age(tree, last)
    if last + 2 > n or tree.tok(last + 1).text != ",":
        return None
    toks = _phrase_tokens(tree, last + 2)
    if not toks:
        return None
    lead = tree.tok(toks[0]).text.lower()
    if tree.tok(toks[0]).upos == "CCONJ":
        return None  # "Thomas Sam, 42, and his wife Manju Sam": a second person, no title
    if lead in ("of", "for") and len(toks) >= 2:
        return _affiliation(tree, text, toks)
    if not _describes_person(_head_words(tree, toks), lead in ("a", "an", "the"), person):
        return None
    return _title_text(tree, text, toks, require_title=False)


def _affiliation(tree: Tree, text: str, toks: list[int]) -> str | None:
    """"of the Mayo Clinic", "for Food Standards Australia": an of/for phrase naming a body."""
    body = [tree.tok(i) for i in toks[1:] if tree.tok(i).upos != "DET"]
    if not body or not (body[0].text[:1].isupper()
                        or any(t.text.lower() in org_heads() or
                               t.text.lower() in mention_lexicon()["nominal"]["organization"] for t in body)):
        return None
    return text[tree.tok(toks[0]).start:tree.tok(toks[-1]).end]


def role_from_affiliation(tree: Tree, text: str, first: int, last: int) -> str | None:
    """"Dr. Anil Gupta of the Mayo Clinic said", "Lydia Buchtmann for Food Standards Australia,
    says": an of/for phrase naming a body right after a person's name is their role."""
    n = len(tree.tokens)
    if last + 2 > n or tree.tok(last + 1).text.lower() not in ("of", "for"):
        return None
    toks = [last + 1]
    for i in range(last + 2, n + 1):
        t = tree.tok(i)
        if t.upos == "DET" and len(toks) == 1 or t.text[:1].isupper() and t.upos != "PUNCT" \
                or t.text.lower() in ("of", "and", "'s", "’s", "-", "on", "for") and len(toks) > 1:
            toks.append(i)
            continue
        break
    while toks and tree.tok(toks[-1]).text.lower() in ("of", "and", "on", "for", "-"):
        toks.pop()
    if len(toks) < 2 or not (toks[-1] == n or tree.tok(toks[-1] + 1).upos in ("PUNCT", "VERB", "AUX")):
        return None
    return _affiliation(tree, text, toks)


def join_roles(pre: str | None, post: str | None) -> str | None:
    """"Emeritus Professor John Burrows, the chairman of the panel": both titles are the role,
    in the order written ("Emeritus Professor, chairman of the panel")."""
    if pre and post and post.lower() not in pre.lower() and pre.lower() not in post.lower():
        return f"{pre}, {post}"
    return post if post and (not pre or pre.lower() in post.lower()) else pre


def _title_of_apposed(tree: Tree, text: str, name_head: int) -> str | None:
    """"the health minister, Carla Mendes": the title noun the name is apposed to."""
    tok = tree.tok(name_head)
    if tok.deprel.split(":")[0] not in ("appos", "conj") or not tok.head or tok.head > name_head:
        return None
    title_head = tree.tok(tok.head)
    if title_head.upos != "NOUN" or not is_title_word(title_head.text):
        return None
    if not any(tree.tok(i).text == "," for i in range(tok.head + 1, name_head)):
        return None
    toks = [i for i in tree.subtree(tok.head) if i <= tok.head]
    while toks and tree.tok(toks[0]).upos == "ADP":
        toks.pop(0)  # "in the words of the Crown prosecutor, Helen Marsh": not "of the ..."
    return _title_text(tree, text, toks)


def _role_of_name(tree: Tree, text: str, name: list[int], head: int, pre: str | None,
                  person: bool) -> str | None:
    """The title before a name joined with the one after it (apposition or of/for phrase);
    else the title noun the name is apposed to ("the health minister, Carla Mendes")."""
    post = _appositive_role(tree, text, head) \
        or role_from_apposition(tree, text, name[0], name[-1], person or pre is not None) \
        or role_from_affiliation(tree, text, name[0], name[-1])
    return join_roles(pre, post) or _title_of_apposed(tree, text, head) \
        or title_before_comma(tree, text, name[0], name[-1])


def _clause_edge(tree: Tree, i: int) -> bool:
    """Does a noun phrase starting after token ``i`` open its clause (sentence start, a comma,
    a sentence-initial adverb such as "Also")?"""
    if i < 1:
        return True
    t = tree.tok(i)
    return t.text in (",", ";", ":", "--", "—") or t.upos == "ADV" and (i == 1 or tree.tok(i - 1).text == ",")


def title_before_comma(tree: Tree, text: str, first: int, last: int) -> str | None:
    """"the president of the Lombardy region, Roberto Maroni, said", "Malaysia's Prime Minister,
    Najib Razak said", "in the words of the Crown prosecutor, Mark Tedeschi, QC,": a title phrase
    set before a name by a comma is its role, whatever the parser hung where (it often makes
    the two separate subjects). Read on the surface: the phrase back from the comma to the
    start of its clause, holding a title word and no verb. A phrase that is the object of a
    preposition or verb ("Speaking to the president, Maroni said") only counts when a comma
    closes the name too, as an apposition does."""
    if first < 3 or tree.tok(first - 1).text != ",":
        return None
    phrase: list[int] = []
    i = first - 2
    while i >= 1:
        t = tree.tok(i)
        if t.upos in ("VERB", "AUX", "PRON", "SCONJ", "CCONJ") and t.deprel not in ("amod", "compound") \
                or t.text in (",", ";", ":", "--", "—", '"', "“", "”") or _clause_edge(tree, i):
            break
        phrase.insert(0, i)
        i -= 1
    titles = [k for k in phrase if is_title_word(tree.tok(k).text) and tree.tok(k).upos in ("NOUN", "PROPN")]
    if not titles:
        return None
    # where the title's noun phrase starts: the leftmost word hanging from the title word
    # ("Malaysia's Prime Minister"), not a preposition's object before it ("the words of ...")
    inside = set(phrase)
    start = min(min((k for k in tree.subtree(t) if k in inside), default=t) for t in titles)
    while start < titles[0] and tree.tok(start).upos in ("ADP", "DET"):
        start += 1  # "the words of the chief prosecutor": the title's own preposition is not the role
    opener = [k for k in phrase if k < start]
    closed = last + 1 <= len(tree.tokens) and tree.tok(last + 1).text == ","
    if opener and not closed and not all(tree.tok(k).upos in ("ADV", "DET") for k in opener):
        return None
    if not opener and not _clause_edge(tree, i) and not closed:
        return None
    return _title_text(tree, text, [k for k in phrase if k >= start])


def _candidate(tree: Tree, a: int, b: int, label: str) -> tuple[int, int, int, str, int | None]:
    """``(title start, name start, name end, label, fixed name start)`` for a name span: a person's
    name takes in the title written before it ("Pentagon Press Secretary" + "John F Kirby")."""
    fixed = name_after_title_complement(tree, b)
    if fixed is not None:
        return fixed[0], min(a, fixed[1]), b, label, fixed[1]
    # "Secretary of State Antony Blinken": the word after "of" closes the title, not the name
    if b - a >= 2 and a >= 3 and tree.tok(a - 1).text.lower() == "of" and is_title_word(tree.tok(a - 2).text):
        a += 1
    left = a
    if (_title_before(tree, a) or is_title_word(tree.tok(a).text)) and tree.tok(a).text not in _gazetteer():
        while left - 1 >= 1 and _title_part(tree.tok(left - 1)):
            left -= 1
        while left < a and tree.tok(left).text.lower() in ("of", "'s", "’s", "and"):
            left += 1
    return left, a, b, label, None


_COMPLEMENT_PREPOSITIONS = {"of", "to", "for", "at", "on", "in"}
_COMPLEMENT_WORDS = {"the", "of", "on", "for", "and", "-", "'s", "’s", "to", "at", "in", "(", ")"}


def name_after_title_complement(tree: Tree, b: int) -> tuple[int, int] | None:
    """``(title start, name start)`` for a title whose of/to/for complement runs into the name:
    "Ambassador to France Jane Hartley", "Mayor of Leeds Judith Blake", "Executive director of
    the Dallas chapter of the Council on American-Islamic Relations Alia Salem". The places and
    bodies of the complement belong to the title, never to the person's name."""
    run0 = b
    while run0 - 1 >= 1 and _name_word(tree.tok(run0 - 1)) and not is_title_word(tree.tok(run0 - 1).text):
        run0 -= 1
    p = _complement_preposition(tree, run0 - 1)
    if p is None:
        return None
    between = [i for i in range(p + 1, run0) if tree.tok(i).upos != "DET"]
    start = _name_start_in_run(tree, run0, b, complement_before=bool(between))
    if start is None:
        return None
    left = p - 1
    while left - 1 >= 1 and _title_part(tree.tok(left - 1)) and tree.tok(left - 1).text.lower() not in ("of", "'s", "’s"):
        left -= 1
    return left, start


def _complement_preposition(tree: Tree, i: int) -> int | None:
    """The preposition after a title word, walking left from ``i`` over a complement's words."""
    for _ in range(14):
        if i < 2:
            return None
        t = tree.tok(i)
        low = t.text.lower()
        if low in _COMPLEMENT_PREPOSITIONS and t.upos == "ADP" and is_title_word(tree.tok(i - 1).text):
            return i
        if not (low in _COMPLEMENT_WORDS or t.upos in ("NOUN", "PROPN", "ADJ")
                or t.text[:1].isupper() and t.upos != "PUNCT"):
            return None
        i -= 1
    return None


def _name_start_in_run(tree: Tree, run0: int, b: int, complement_before: bool) -> int | None:
    """Where a person's name starts in a capitalized run that opens with a title's complement:
    after the known places and bodies and any honorific, at a known given name, else at the last
    two words (with their initials and particles: "John F Kerry", "Claudio De Vincenti")."""
    i = _skip_known_names(tree, run0, b)
    for k in range(i, b + 1):
        if tree.tok(k).text.lower().rstrip(".") in honorifics():
            i = k + 1
    if i > b:
        return None
    g = mention_lexicon()["gender"]
    given = next((k for k in range(i, b) if tree.tok(k).text.lower() in g["male_names"]
                  or tree.tok(k).text.lower() in g["female_names"]), None)
    start = given if given is not None else max(i, b - 1)
    while start - 1 >= i and (len(tree.tok(start - 1).text.rstrip(".")) == 1
                              or tree.tok(start - 1).text.lower() in _name_particles()):
        start -= 1  # an initial or a particle before the surname belongs to the name
    if start <= run0 and not complement_before:
        return None  # "a spokesman for John Smith": the name is the complement itself
    return start


def _skip_known_names(tree: Tree, i: int, b: int) -> int:
    """Past the known places and organizations opening a run ("United States", "Texas")."""
    gaz = _gazetteer()
    moved = True
    while moved and i < b:
        moved = False
        for k in range(min(b - 1, i + 3), i - 1, -1):
            if " ".join(tree.tok(j).text for j in range(i, k + 1)) in gaz:
                i, moved = k + 1, True
                break
    return i


def find_mentions(doc: ParsedDoc) -> list[Mention]:
    """Every name mention of the article: NER spans and proper-noun runs, sentence by sentence."""
    out: list[Mention] = []
    for s_i, sent in enumerate(doc.sentences):
        tree = Tree(sent)
        for left, a, b, label, ns in _chosen_spans(tree, _sentence_spans(tree)):
            mention = _mention_of(doc, tree, s_i, left, a, b, label, ns)
            if mention is not None:
                out.append(mention)
    return out


def _sentence_spans(tree: Tree) -> list[tuple[int, int, str]]:
    """Candidate name spans of one sentence: NER spans repaired, plus proper-noun runs NER missed."""
    spans = [(*_trim_span(tree, a, b), lab) for a, b, lab in _ner_spans(tree)]
    cue = headline_cue(tree)
    blocked = {cue.verb} if cue is not None else set()
    # nor over a lower-case verb ("Ham described Clinton" tagged as one person)
    blocked |= {t.index for t in tree.tokens if t.upos in ("VERB", "AUX") and t.text[:1].islower()}
    # names run on over capitalized words NER cut off ("John" + "F Kirby")
    spans = [(extend_body_left(tree, _extend_name_left(tree, a), b, lab), _extend_name(tree, b), lab)
             for a, b, lab in spans]
    spans = [piece for span in spans for piece in _split_at(blocked, *span)]
    spans = [piece for span in spans for piece in _split_at_org_head(tree, *span)]
    spans = [piece for span in spans for piece in _split_people_at_and(tree, *span)]
    bodies = _bracketed_bodies(tree)  # (they override what NER made of the same words)
    spans = [sp for sp in spans if not any(a <= sp[0] and sp[1] <= b for a, b, _ in bodies)] + bodies
    # proper-noun runs that NER missed
    in_ner = {i for a, b, _ in spans for i in range(a, b + 1)}
    run: list[int] = []
    for t in list(tree.tokens) + [None]:
        if t is not None and (_name_word(t) or _name_before_name(tree, t)) and t.index not in in_ner \
                and t.index not in blocked \
                and (t.upos == "PROPN" or t.index > 1 or run or t.text.isupper()) \
                and (not run or ((_connected(tree, run, t.index) or _name_before_name(tree, tree.tok(run[-1])))
                                 and tree.tok(run[-1]).text.lower() not in org_heads())):
            run.append(t.index)
            continue
        if run:
            spans.append((run[0], run[-1], ""))
            run = []
    return spans


_NAME_UPOS = ("PROPN", "NOUN", "ADJ", "X", "DET", "ADP")  # "Yesterday" (ADV) opens no name


def _bracketed_bodies(tree: Tree) -> list[tuple[int, int, str]]:
    """"The Union of Rationalist Atheists and Agnostics (UAAR) has launched": a capitalized name
    written out before its abbreviation in brackets is a body's name, whatever NER made of it (the
    compact model often tags only the abbreviation). The name runs back over capitalized words and
    the small words inside names ("of", "and", "for"), at least two capitalized words; the letters
    need not spell the initials, since a translated name keeps its original abbreviation."""
    out = []
    given = mention_lexicon()["gender"]
    for t in tree.tokens:
        if t.text != "(" or t.index + 2 > len(tree.tokens) or tree.tok(t.index + 2).text != ")" \
                or _acronym(tree.tok(t.index + 1).text) is None:
            continue
        words, i = [], t.index - 1
        while i >= 1 and (tree.tok(i).text[:1].isupper() and tree.tok(i).upos in _NAME_UPOS
                          or tree.tok(i).text.lower() in _INITIAL_STOPWORDS and tree.tok(i).text[:1].islower()
                          or tree.tok(i).text.isdigit() and words):  # "Movimento 5 Stelle (M5S)"
            words.append(i)
            i -= 1
        while words and (not tree.tok(words[-1]).text[:1].isupper() or tree.tok(words[-1]).upos == "DET"):
            words.pop()  # the name opens on a capitalized word ("The Union of ...": "Union")
        caps = [k for k in words if tree.tok(k).text[:1].isupper()]
        # "Senator Ann Smith (NY)": a person's name before a bracketed state is no body
        if len(caps) >= 2 and not any(tree.tok(k).text.lower() in given["male_names"]
                                      or tree.tok(k).text.lower() in given["female_names"] for k in caps):
            out.append((words[-1], t.index - 1, "ORG"))
    return out


def _chosen_spans(tree: Tree, spans: list[tuple[int, int, str]]) -> list[tuple]:
    """A person's name takes in the title written before it ("Pentagon Press Secretary" + "John F
    Kirby"); the longest readings win over the pieces inside them. In text order."""
    candidates = [_candidate(tree, a, b, label) for a, b, label in spans]
    chosen = []
    for left, a, b, label, ns in sorted(candidates, key=lambda c: (-(c[2] - c[0]), c[0])):
        if any(not (b < l2 or left > b2) for l2, _, b2, _, _ in chosen):
            continue
        chosen.append((left, a, b, label, ns))
    return sorted(chosen)


def _mention_of(doc: ParsedDoc, tree: Tree, s_i: int, left: int, a: int, b: int, label: str,
                ns: int | None) -> Mention | None:
    """The mention a chosen span makes (title split off as its role), or None for a non-name."""
    idx = list(range(a, b + 1))
    full = list(range(left, b + 1))
    if ns is not None:  # "Ambassador to France | Jane Hartley": the complement is the title's
        title, name = list(range(left, ns)), list(range(ns, b + 1))
    else:
        title, name = split_title(tree, full)
    if not name:
        if all(is_title_word(tree.tok(i).text) or tree.tok(i).text[:1].islower()
               or tree.tok(i).text in _gazetteer() or tree.tok(i).text.lower() in org_heads()
               for i in idx):
            return None  # "diplomat", "the spokesman": a nominal, not a name
        name = idx
    if not any(tree.tok(i).text[:1].isalnum() and tree.tok(i).upos != "PART" for i in name):
        return None  # "Editor’s note": a clitic tagged as a name is none
    if len(name) == 1 and tree.tok(name[0]).text in ("I", "We", "You", "He", "She", "It", "They"):
        return None  # a capitalized pronoun is no name ("as I've suggested, he ...")
    if len(name) == 1 and tree.tok(name[0]).text.lower() in cue_lexicon().not_speakers:
        return None  # "Furthermore, the premier said": a capitalized adverb, not a name
    start, end = tree.tok(name[0]).start, tree.tok(name[-1]).end
    role = _title_text(tree, doc.text, title) if title else None
    head = next((i for i in name if tree.tok(i).head not in name), name[-1])
    definite = name[0] > 1 and tree.tok(name[0] - 1).text.lower() == "the"
    group = definite and len(name) == 1 and tree.tok(name[0]).text.endswith("s")
    if not group:  # "The Greens, a junior partner in the coalition": a group takes no role
        role = _role_of_name(tree, doc.text, name, head, role, label == "PER")
    kind = label or ""
    if role and doc.text[start:end] not in _gazetteer():
        kind = "PER"  # a title in front of a name makes it a person, whatever NER said
    # "presidential nominee Hillary Clinton was ...": the parser may hang the name on its
    # title as an apposition; the name is still the subject
    ht = tree.tok(head)
    subject = ht.deprel.startswith("nsubj") or ht.deprel == "appos" and ht.head \
        and tree.tok(ht.head).deprel.startswith("nsubj") and ht.head == head - 1
    return Mention(s_i, name, start, end, doc.text[start:end], kind, role,
                   is_subject=bool(subject), definite=definite)


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, str]:
    """Known places and organizations (``data/names.toml``): they are never people."""
    data = load_toml("names.toml")
    out = {n: "LOC" for names in data.get("countries", {}).values() for n in names}
    out.update({n: "LOC" for n in data.get("places", {}).get("names", [])})
    orgs = data.get("organizations", {})
    out.update({n: "ORG" for n in orgs.get("aliases", {})})
    out.update({n: "ORG" for n in orgs.get("aliases", {}).values() if n not in out})
    out.update({n: "ORG" for n in orgs.get("known", [])})
    return out


def _own_names(ent: Entity) -> list[str]:
    """The entity's names except a surname standing alone ("Paris" of "Valeska Paris")."""
    full = ent.canonical
    person = bool(ent.roles) or any(m.kind == "PER" and len(m.tokens) >= 2 for m in ent.mentions)
    return [n for n in ent.names if n == full or not (person and len(full.split()) >= 2 and full.split()[-1] == n)]


def _settle_kind(ent: Entity) -> None:
    """Gazetteer first, then the majority of NER votes over the entity's mentions, then titles."""
    gaz = _gazetteer()
    for name in _own_names(ent):
        if name in gaz or name.removeprefix("the ").removeprefix("The ") in gaz:
            ent.kind = gaz.get(name) or gaz[name.removeprefix("the ").removeprefix("The ")]
            return
    votes = Counter(m.kind for m in ent.mentions if m.kind)
    if votes:
        ent.kind = votes.most_common(1)[0][0]
    if ent.roles or (ent.kind != "ORG" and not any(m.definite for m in ent.mentions)
                     and _given_name_first(ent.canonical)):
        ent.kind = "PER"
    elif not ent.roles and len(ent.canonical.split()) >= 2 and ent.canonical.split()[-1].lower() in org_heads():
        ent.kind = "ORG"  # "the World Food Programme", whatever NER voted
    elif ent.mentions and all(m.definite for m in ent.mentions) and len(ent.canonical.split()) == 1 \
            and ent.canonical.endswith("s"):
        ent.kind = "ORG"  # "the Greens", "the Democrats": a party or group, never one person


def _given_name_first(name: str) -> bool:
    """"Charlotte Gray", "Virginia Foxx": a known given name before a surname names a person, even
    when the given name is also a place the NER has learnt. Firms named for people ("Morgan Stanley")
    are left to an ORG vote; "Victoria Police" ends in a group noun."""
    words = name.split()
    if len(words) < 2 or words[-1].lower() in org_heads():
        return False
    g = mention_lexicon()["gender"]
    first = words[0].lower()
    return first in g["male_names"] or first in g["female_names"]


def build_entities(mentions: list[Mention], text: str | None = None) -> list[Entity]:
    """Group mentions: exact names, then surnames and short forms into the full name seen.

    With the article text, an honorific before a mention ("Mrs. Clinton") keeps it from joining
    a person of the other sex who shares the surname.
    """
    entities: list[Entity] = []
    by_name: dict[str, Entity] = {}
    words: dict[str, list[int]] = {}  # (issue #21) name word -> positions of the entities having it
    position: dict[int, int] = {}
    for m in mentions:
        name = _normal(m.text)
        if not name:
            continue
        gender = _honorific_gender(text, m.start) if text is not None else None
        ent = by_name.get(name)
        if ent is not None and gender and _sex(ent, text) not in (None, gender):
            ent = None  # "Mr. Clinton" after "Mrs. Clinton": another person of the family
        if ent is None and m.text not in _gazetteer():
            ent = _match_person(_sharing_a_word(entities, words, name), name, gender, text)
        if ent is None:
            ent = next((e for rule in ALIAS_RULES if (e := rule(entities, m, text)) is not None), None)
        if ent is None:
            ent = Entity(key=name if name not in by_name else f"{name}#{len(entities)}", kind=m.kind)
            position[id(ent)] = len(entities)
            entities.append(ent)
        by_name[name] = ent
        ent.mentions.append(m)
        if m.text not in ent.names:
            ent.names.append(m.text)
            for key in _name_keys(_normal(m.text).split()):
                words.setdefault(key, []).append(position[id(ent)])
        if m.role and m.role not in ent.roles:
            ent.roles.append(m.role)
        if m.kind and not ent.kind:
            ent.kind = m.kind
    for ent in entities:
        _settle_kind(ent)
    return entities


def _name_keys(words: list[str]) -> list[str]:
    """The words by which :func:`_match_person` can match a name: its last word, and the first
    word of a two-word name ("Imran" ~ "Imran Khan")."""
    if not words:
        return []
    return [f"last:{words[-1]}"] + ([f"first:{words[0]}"] if len(words) == 2 else [])


def _sharing_a_word(entities: list[Entity], words: dict[str, list[int]], name: str) -> list[Entity]:
    """The entities that :func:`_match_person` can match ``name`` to, in their order: the others
    share none of the words it compares, so an article's names are matched in linear time."""
    toks = name.split()
    keys = [f"last:{toks[-1]}"] + ([f"first:{toks[0]}"] if len(toks) == 1 else [])
    return [entities[i] for i in sorted({i for k in keys for i in words.get(k, ())})]


def _honorific_gender(text: str, start: int) -> str | None:
    """"Mr." / "Mrs." / "Ms." written right before a name."""
    before = text[max(0, start - 8):start].split()
    if not before:
        return None
    g = mention_lexicon()["gender"]
    word = before[-1].lower()
    return "male" if word in g["male_honorifics"] else "female" if word in g["female_honorifics"] else None


def _sex(ent: Entity, text: str | None) -> str | None:
    """What the article has said so far of a person's sex: honorifics, then a known first name."""
    votes = Counter(_honorific_gender(text, m.start) for m in ent.mentions) if text is not None else Counter()
    votes.pop(None, None)
    if len(votes) == 1:
        return next(iter(votes))
    if votes:
        return None
    g = mention_lexicon()["gender"]
    firsts = {n.split()[0].lower().strip(".") for n in ent.names if len(n.split()) >= 2}
    male, female = bool(firsts & set(g["male_names"])), bool(firsts & set(g["female_names"]))
    return "male" if male and not female else "female" if female and not male else None


def _same_first(a: str, b: str) -> bool:
    """"Hillary" ~ "Hillary", "J." ~ "John"; "Ivanka" is not "Donald"."""
    a, b = a.strip("."), b.strip(".")
    return a == b or (len(a) == 1 or len(b) == 1) and a[:1] == b[:1]


def _suffix(a: list[str], b: list[str]) -> bool:
    """"Democrat Hillary Clinton" ends with "Hillary Clinton": a word before the name is no first name."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 2 and long[-len(short):] == short


def _match_person(entities: list[Entity], name: str, gender: str | None = None,
                  text: str | None = None) -> Entity | None:
    """The person a name or short form belongs to. A full name joins only a person whose full
    names share its first name ("Ivanka Trump" is not "Donald Trump" even after "Trump"); a bare
    surname shared by several people goes to the one the article has named most often, of the
    sex its honorific says."""
    toks = name.split()
    gaz = _gazetteer()
    found: list[Entity] = []
    for ent in reversed(entities):
        if ent.kind == "ORG" or any(n in gaz for n in _own_names(ent)):
            continue
        names = [_normal(n).split() for n in ent.names]
        if any(len(n) >= 2 and n[-1] in org_heads() for n in names):
            continue  # "Clinton Campaign" (a headline's capitals) is no person "Clinton" belongs to
        names = [n for n in names if n]
        full = [n for n in names if len(n) >= 2]
        for other in names:
            # one name's tokens are a suffix/prefix of the other's: "Blinken" ~ "Antony Blinken"
            if toks[-1] == other[-1] and (len(toks) == 1 or len(other) == 1 or _same_first(toks[0], other[0])
                                          or _suffix(toks, other)):
                if len(toks) >= 2 and any(f[-1] == toks[-1] and not _same_first(toks[0], f[0])
                                          and not _suffix(toks, f) for f in full):
                    continue  # "Ivanka Trump" and "Donald Trump": two people of one family
                found.append(ent)
                break
            if len(toks) == 1 and toks[0] == other[0] and len(other) == 2 and ent.kind in ("PER", ""):
                found.append(ent)  # "Imran" ~ "Imran Khan"
                break
    if gender is not None:
        found = [e for e in found if _sex(e, text) in (None, gender)]
    if len(found) <= 1:
        return found[0] if found else None
    # the one last named as a subject ("Hillary Clinton headed to her daughter Chelsea Clinton's
    # home. Clinton had ..."), then the one named most often, then the latest
    def salience(e: Entity) -> tuple[int, int]:
        return max((m.start for m in e.mentions if m.is_subject), default=-1), len(e.mentions)
    return max(found, key=salience)


_INITIAL_STOPWORDS = {"of", "the", "and", "for", "on", "in", "de", "&", "-", "to"}


def initials(name: str) -> str:
    """"World Health Organisation" -> "WHO", "Korean Central News Agency" -> "KCNA"."""
    words = [w for w in name.replace("-", " ").split() if w.lower() not in _INITIAL_STOPWORDS]
    return "".join(w[0].upper() for w in words if w[:1].isalnum())


def _acronym(text: str) -> str | None:
    letters = text.replace(".", "")
    return letters if 2 <= len(letters) <= 8 and letters.isupper() and letters.isalnum() else None


def alias_by_acronym(entities: list[Entity], m: Mention, text: str | None) -> Entity | None:
    """"the World Health Organization (WHO) ... WHO said": an abbreviation written in brackets
    after a body's name, or spelling out its initials, names that body."""
    short = _acronym(m.text)
    if short is None:
        return None
    bodies = [e for e in entities if e.kind != "PER" and len(e.canonical.split()) >= 2]
    if text is not None and text[max(0, m.start - 1):m.start] == "(":
        near = [e for e in bodies if any(0 <= m.start - x.end <= 3 for x in e.mentions)]
        if near:
            return near[-1]
    found = [e for e in bodies if initials(e.canonical) == short]
    return found[-1] if found else None


def alias_by_place_surname(entities: list[Entity], m: Mention, text: str | None) -> Entity | None:
    """"Valeska Paris ... Paris said": once a person is named, their surname is theirs even where
    it is also a city's name."""
    if len(m.tokens) != 1 or m.text not in _gazetteer():
        return None
    found = [e for e in entities if e.kind == "PER" and len(e.canonical.split()) >= 2
             and e.canonical.split()[-1] == m.text]
    return found[-1] if len(found) == 1 else None


def alias_by_misspelling(entities: list[Entity], m: Mention, text: str | None) -> Entity | None:
    """"Lydia Buchtmann ... Bauchtman said", "K.C. Maurer ... said Mauer": a lone surname one slip
    away from a named person's (same first letter, long enough that the likeness means something)
    is that person. A long name may differ by a letter swapped or changed; a shorter one only by a
    letter dropped or doubled, since two real surnames a changed letter apart ("Clinton" and
    "Clifton", "Hansen" and "Hanson") are common."""
    from rapidfuzz import fuzz
    from rapidfuzz.distance import Indel

    word = m.text
    if len(m.tokens) != 1 or len(word) < DROPPED_LETTER_MIN_LENGTH or not word[:1].isupper() or word in _gazetteer():
        return None

    def slip(sur: str) -> bool:
        a, b = sur.lower(), word.lower()
        if min(len(a), len(b)) >= MISSPELLING_MIN_LENGTH and fuzz.ratio(a, b) >= MISSPELLING_MIN_RATIO:
            return True
        return abs(len(a) - len(b)) == 1 and Indel.distance(a, b) == 1  # one letter dropped or added

    found = [e for e in entities if e.kind == "PER" and len(e.canonical.split()) >= 2
             and (sur := e.canonical.split()[-1])[:1] == word[:1] and len(sur) >= DROPPED_LETTER_MIN_LENGTH
             and sur != word and slip(sur)]
    return found[0] if len(found) == 1 else None


MISSPELLING_MIN_RATIO = 85.0  # "buchtmann"/"bauchtman" 89; "johnson"/"jackson" 57
MISSPELLING_MIN_LENGTH = 8  # "clinton"/"clifton" (86) are two people: short names are too alike
DROPPED_LETTER_MIN_LENGTH = 5  # "Mauer"/"Maurer"; "Rice"/"Price" would differ in the first letter anyway
# Tried in order when no exact name, full name or surname matched.
ALIAS_RULES = (alias_by_acronym, alias_by_place_surname, alias_by_misspelling)


def _normal(name: str) -> str:
    words = [w for w in name.replace("’s", "").replace("'s", "").split() if w.lower() not in ("the",)]
    return " ".join(w.lower().strip(".,") for w in words)


__all__ = ["Entity", "Mention", "build_entities", "find_mentions", "split_title", "title_lexicon"]
