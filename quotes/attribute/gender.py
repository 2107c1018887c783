"""Grammatical gender of an entity, for "he" / "she" agreement in speaker resolution.

The article is the best witness: "Mr. Kirby" or "spokeswoman Jen Psaki" settle it whatever the
name; a first-name list adds its vote. Pronouns near a name are not counted: "Warren told Stumpf
he ..." would mislead. Unknown gender agrees with both pronouns.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from quotes.attribute.entities import Entity
from quotes.attribute.titles import mention_lexicon

_HE = {"he", "him", "his", "himself"}
_SHE = {"she", "her", "hers", "herself"}


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, frozenset[str]]:
    g = mention_lexicon()["gender"]
    return {k: frozenset(v) for k, v in g.items()}


def pronoun_gender(word: str) -> str | None:
    w = word.lower()
    return "male" if w in _HE else "female" if w in _SHE else None


def noun_gender(word: str) -> str | None:
    """"the spokeswoman" is a woman, "the chairman" a man; most role words say nothing."""
    lex, w = _lexicon(), word.lower()
    return "male" if w in lex["male_words"] else "female" if w in lex["female_words"] else None


def entity_gender(ent: Entity, text: str) -> str | None:
    lex = _lexicon()
    votes: Counter[str] = Counter()
    for m in ent.mentions:
        before = text[max(0, m.start - 40):m.start].lower().split()
        if before:
            word = before[-1].strip(",")
            if word in lex["male_honorifics"] or word in lex["male_words"]:
                votes["male"] += 3
            elif word in lex["female_honorifics"] or word in lex["female_words"]:
                votes["female"] += 3
    for role in ent.roles:
        words = set(role.lower().split())
        if words & lex["male_words"]:
            votes["male"] += 3
        if words & lex["female_words"]:
            votes["female"] += 3
    # a lone "Warren" is a surname; "Democrat Hillary Clinton" has its first name second
    firsts = {w.lower().strip(".") for n in ent.names if len(n.split()) >= 2 for w in n.split()[:-1]}
    male, female = bool(firsts & lex["male_names"]), bool(firsts & lex["female_names"])
    if male != female:
        votes["male" if male else "female"] += 2
    if not firsts and ent.names and all(len(n.split()) == 1 for n in ent.names):
        # "Gloria", a child the article names by first name alone: a given name of one gender
        # is a weak vote (a lone surname that is also a given name loses to any other evidence)
        lone = {n.lower().strip(".") for n in ent.names}
        male, female = bool(lone & lex["male_names"]), bool(lone & lex["female_names"])
        if male != female:
            votes["male" if male else "female"] += 1
    if not votes:
        return None
    (top, n), *rest = votes.most_common()
    return top if not rest or n > rest[0][1] else None
