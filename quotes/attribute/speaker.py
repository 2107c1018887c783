"""Resolve each quote's speaker mention to an entity of the article: name, type and role.

Names link to the entity holding that name or its full form. Pronouns ("he", "it") go to the
most recent compatible speaker, then to the most recent compatible subject. Nominal mentions
("the Pentagon press secretary", "the premier", "the top US diplomat") go to the most recent
person whose title shares the mention's head word or a synonym of it; organizations named by a
common noun ("the foreign ministry") keep their wording without the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from quotes.attribute.entities import (
    Entity,
    Mention,
    _normal,
    build_entities,
    find_mentions,
)
from quotes.attribute.gender import entity_gender, noun_gender, pronoun_gender
from quotes.attribute.mention_index import MentionIndex, SpeakerHistory, Stabbing
from quotes.attribute.titles import is_title_word, mention_lexicon, title_lexicon
from quotes.extract.lexicon import WORDS, cue_lexicon
from quotes.extract.marks import find_marks
from quotes.extract.offsets import SentenceIndex
from quotes.extract.tree import Tree, word_forms
from quotes.types import ParsedDoc, QuoteSpan, Span

KIND_TO_TYPE = {"PER": "person", "ORG": "organization", "LOC": "organization", "GPE": "organization",
                "NORP": "organization"}


@dataclass(frozen=True)
class Speaker:
    name: str | None
    type: str
    role: str | None
    key: str | None
    confidence: float
    rule: str = ""  # how the mention was resolved ("speaker.pronoun.recent-speaker", "speaker.name", ...)


class SpeakerResolver:
    def __init__(self, doc: ParsedDoc):
        self.doc = doc
        self.trees = [Tree(s) for s in doc.sentences]
        self.mentions = find_mentions(doc)
        self.entities = build_entities(self.mentions, doc.text)
        self.index = MentionIndex(self.entities, self.mentions)  # (lookups by offset: issue #21)
        self.sentences = SentenceIndex(doc.sentences)
        self._quoted_index: Stabbing | None = None
        self._plural_heads: dict[int, bool] = {}
        self.lex = mention_lexicon()
        self._history = SpeakerHistory()  # (char, entity, speaker) in article order
        self._genders: dict[str, str | None] = {}
        self._sources: frozenset[str] | None = None
        self._plural: set[str] = set()  # keys of groups and plural nouns: never "he" or "she"
        # what is quoted (quotation marks, the contents of reported speech) names no antecedent
        # for the attribution: '"Trump is wrong," he said' is not Trump speaking
        self.quoted: list[tuple[int, int]] = [(m.start, m.end) for m in find_marks(doc.text)]
        # why the last antecedent search chose what it chose, and (when tracing) what it weighed
        self._why = ""
        self.trace: list[str] | None = None

    # -- lookups -----------------------------------------------------------------------------
    def _entity_for_span(self, start: int, end: int, head=None) -> Entity | None:
        """The entity named in a mention: the one holding the mention's head, else the longest."""
        best = None
        # (every mention in scan order, but only those that can match: issue #21)
        for ent, m in self.index.starting_or_holding(start, end, head.start if head is not None else None):
            if head is not None and m.start <= head.start < m.end:
                return ent  # the mention's head sits inside a longer name ("Ned Price")
            if m.start >= start and m.end <= end:
                if head is not None and m.start <= head.start < m.end:
                    return ent
                if best is None or (m.end - m.start) > (best[1].end - best[1].start):
                    best = (ent, m)
        return best[0] if best else None

    def _gender(self, ent: Entity) -> str | None:
        if ent.key not in self._genders:
            self._genders[ent.key] = entity_gender(ent, self.doc.text)
        return self._genders[ent.key]

    def _recent(self, before: int, want: set[str], nominal_head: str | None = None,
                gender: str | None = None, plural: bool = False, said: tuple[Span, ...] = ()) -> Entity | None:
        """Most recent compatible speaker or subject; untyped names count when nothing typed fits.
        ``said``: the pieces of a direct quotation, whose speaker is nobody they name in full."""
        ent = self._recent_typed(before, want, nominal_head, gender=gender, plural=plural, said=said)
        if ent is None and "person" in want:
            ent = self._recent_typed(before, want | {"unknown"}, nominal_head, person_like=True, gender=gender,
                                     plural=plural, said=said)
        return ent

    def _recent_typed(self, before: int, want: set[str], nominal_head: str | None = None,
                      person_like: bool = False, gender: str | None = None, plural: bool = False,
                      said: tuple[Span, ...] = ()) -> Entity | None:
        def ok(ent: Entity) -> bool:
            if said and ent.kind == "PER" and any(
                    p.start <= x.start < p.end and len(x.text.split()) >= 2 for p in said for x in ent.mentions):
                # 'He said, "Andy Warhol was the center of the Zeitgeist"': nobody calls himself by
                # his full name in his own words, so a person the quotation names in full is not "he"
                return False
            kind = KIND_TO_TYPE.get(ent.kind, "unknown")
            if plural and ent.kind in ("LOC", "GPE", "PER") and not self._is_plural(ent):
                # "Tasmania was excluded ... They say": a place is "it", never "they"; and one named
                # person is "he" or "she" ("Whitmore stated ... officials went where they claimed")
                return False
            if gender is not None and self._gender(ent) == gender:
                kind = "person"  # "Mr. Brandt" or "Leo" is a person whatever the NER said
            if kind not in want:
                return False
            if gender is not None and self._gender(ent) not in (None, gender):
                return False
            if gender is not None and self._is_plural(ent):
                return False  # "Demonstrators said ...", "Obama and Clinton": never "he" or "she"
            return kind != "unknown" or not person_like or bool(ent.roles) or len(ent.canonical.split()) >= 2

        if nominal_head is None:
            same = self._same_sentence_subject(before, ok)
            if same is not None:
                return self._chose("same-sentence-subject", same)
            holder = self._stance_holder(before, ok)
            if holder is not None:
                return self._chose("stance-holder", holder)
        spoken = self._history.latest(before, lambda ent: ok(ent) and (
            nominal_head is None or self._role_matches(ent, nominal_head)))
        self._note("recent speaker", [spoken] if spoken else [])
        if spoken is not None and nominal_head is None:
            # "X said A. Y responded on Tuesday. He said B": a person named as a subject after the
            # last compatible speaker (and outside what was quoted) is the nearer antecedent
            subj = [(m.start, ent) for ent, m in self.index.starting_or_holding(spoken[0] + 1, before - 1, None)
                    if spoken[0] < m.start < before and self._main_subject(m) and ok(ent)
                    and not self._is_quoted(m.start)]
            self._note("main-clause subjects named since", subj)
            return self._chose("subject-after-speaker", max(subj, key=lambda x: x[0])[1]) if subj \
                else self._chose("recent-speaker", spoken[1])
        if spoken is not None:
            return self._chose("recent-speaker", spoken[1])
        if self.trace is None:  # the latest match, searched backwards from ``before`` (issue #21)
            return self._recent_untraced(before, ok, nominal_head)
        candidates = [(m.start, ent) for ent, m in self.index.pairs() if m.start < before and ok(ent)]
        if nominal_head is not None:
            candidates = [(s, e) for s, e in candidates if self._role_matches(e, nominal_head)]
            self._note(f"names with a role headed {nominal_head!r}", candidates)
            if not candidates:  # a standfirst can name the role before the article names the person
                later = [(m.start, ent) for ent, m in self.index.pairs()
                         if m.start >= before and ok(ent) and self._role_matches(ent, nominal_head)]
                return self._chose("later-role", min(later, key=lambda x: x[0])[1] if later else None)
        else:
            subj = [(m.start, ent) for ent, m in self.index.pairs()
                    if m.start < before and m.is_subject and ok(ent)]
            self._note("subjects before", subj)
            if not subj:
                self._note("names before", candidates)
            self._why = "recent-subject" if subj else "recent-name"
            candidates = subj or candidates
        return self._chose(self._why if nominal_head is None else "recent-role",
                           max(candidates, key=lambda x: x[0])[1] if candidates else None)

    def _same_sentence_subject(self, before: int, ok) -> Entity | None:
        """"Thomas' sister pleaded with him ..., but he replied": a pronoun's antecedent is first
        sought in its own sentence, among the subjects of the clauses before it, or the owner of
        such a subject ("Thomas' sister") when the subject itself cannot be "he". Names in
        objects and adjuncts ("Asked about Trump, he said") are passed over, as are quoted words."""
        k = self.sentences.of(before)
        if k is None:
            return None
        tree, lo = self.trees[k], self.doc.sentences[k].start
        found = None
        for ent, m in self.index.starting_or_holding(lo, before - 1, None):
            if not (m.sentence == k and m.tokens and m.end <= before and ok(ent)) or self._is_quoted(m.start):
                continue
            head = tree.tok(_mention_head(tree, m))
            owner = tree.tok(head.head) if head.deprel == "nmod:poss" and head.head else None
            if m.is_subject or (owner is not None and owner.deprel.startswith("nsubj")):
                if found is None or m.start > found[0]:
                    found = (m.start, ent)
        return found[1] if found else None

    def _stance_holder(self, before: int, ok) -> Entity | None:
        """"For Kevin Allton, a USI instructor, Warhol was a legend. He said, ...": a sentence opening
        with "For NAME," gives that person's view, and a pronoun opening the next sentence goes on
        with that person rather than with the subject of the view."""
        k = self.sentences.of(before)
        if k is None or k == 0:
            return None
        tree, own = self.trees[k - 1], self.trees[k]
        first = next((t for t in own.tokens if t.upos != "PUNCT"), None)
        if len(tree.tokens) < 4 or tree.tokens[0].text != "For" or first is None or first.start != before:
            return None
        for ent, m in self.index.starting_or_holding(tree.tokens[1].start, tree.tokens[1].end, None):
            if m.sentence == k - 1 and m.start == tree.tokens[1].start and ent.kind == "PER" and ok(ent) \
                    and self.doc.text[m.end:m.end + 1] == ",":
                return ent
        return None

    def _recent_untraced(self, before: int, ok, nominal_head: str | None) -> Entity | None:
        """What the traced search of :meth:`_recent_typed` chooses when no speaker fits, found
        by reading the mentions backwards (forwards for a role named later) until one fits."""
        if nominal_head is not None:
            fits = lambda ent: ok(ent) and self._role_matches(ent, nominal_head)  # noqa: E731
            found = self.index.latest(before, fits)
            if found is None:
                later = self.index.earliest(before, fits)
                return self._chose("later-role", later[1] if later else None)
            return self._chose("recent-role", found[1])
        found = self.index.latest(before, ok, subjects_only=True)
        self._why = "recent-subject" if found else "recent-name"
        if found is None:
            found = self.index.latest(before, ok)
        return self._chose(self._why, found[1] if found else None)

    def _chose(self, why: str, ent: Entity | None) -> Entity | None:
        self._why = why if ent is not None else ""
        return ent

    def _note(self, what: str, found: list) -> None:
        """With tracing on, the candidates an antecedent search weighed (nearest last)."""
        if self.trace is not None:
            names = ", ".join(f"{e.canonical} @{c}" for c, e in sorted(found, key=lambda x: x[0])[-4:])
            self.trace.append(f"{what}: {names or 'none'}")

    def _main_subject(self, m: Mention) -> bool:
        """The subject of a sentence's main clause ("Scott joked that Trump ranks fourth": Scott,
        not Trump; "the fire Mr. Obama has": not Mr. Obama)."""
        if not m.is_subject or not m.tokens:
            return False
        tree = self.trees[m.sentence]
        head = _mention_head(tree, m)
        if tree.tok(head).deprel == "appos":  # "presidential nominee Hillary Clinton was ..."
            head = tree.tok(head).head
        verb = tree.tok(head).head
        while verb and tree.tok(verb).deprel == "conj":
            verb = tree.tok(verb).head
        return verb == 0 or tree.tok(verb).deprel == "root"

    def _is_quoted(self, at: int) -> bool:
        if self._quoted_index is None or self._quoted_index.size != len(self.quoted):
            self._quoted_index = Stabbing(self.quoted)
        return self._quoted_index.holds(at)

    def _is_plural(self, ent: Entity) -> bool:
        """A group ("Obama and Clinton"), or a name whose head is a plural noun ("Demonstrators")."""
        if ent.key in self._plural or " and " in ent.canonical:
            return True
        if id(ent) not in self._plural_heads:  # (its mentions are fixed: read them once, issue #21)
            heads = [self.trees[m.sentence].tok(m.tokens[-1]) for m in ent.mentions if m.tokens]
            # a surname that looks plural ("Gates", "Sanders") keeps its form as its lemma
            self._plural_heads[id(ent)] = bool(heads) and all(
                t.xpos == "NNS" or t.xpos == "NNPS" and t.lemma.lower() != t.text.lower() for t in heads)
        return self._plural_heads[id(ent)]

    def _apposed_name(self, end: int, allow_titles: bool = False):
        """"Former Afghanistan vice president Amrullah Saleh": the name right after a title. With
        ``allow_titles``, rank words may stand between ("director General Suleiman al-Amr") and
        the entity comes with where its name starts."""
        for ent, x in self.index.starting_or_holding(end, end + (40 if allow_titles else 3), None):
            gap = self.doc.text[end:x.start]
            if 0 <= x.start - end <= 3 and gap.strip() in ("", ",") and ent.kind in ("PER", ""):
                return (ent, x.start) if allow_titles else ent
            if allow_titles and ent.kind == "PER" and gap.strip() and "," not in gap \
                    and (all(is_title_word(w) for w in gap.split()) or self._title_phrase(end, gap)):
                return ent, x.start
        return None

    def _named_document(self, m: Span, head, low: str) -> tuple[Speaker, Entity | None] | None:
        """"The results of the National Salt Survey were published ... The report says ...": a
        definite document noun ("the report", "the study", "the survey") refers back to the latest
        name before it that is itself headed by a document noun (``speaker.document-antecedent``)."""
        words = low.split()
        if head is None or len(words) != 2 or words[0] != "the" or not word_forms(head) & self._document_nouns:
            return None
        nouns = self._document_nouns
        found = self.index.latest(m.start, lambda e: e.kind != "PER" and e.canonical[:1].isupper()
                                  and e.canonical.split()[-1].lower() in nouns)
        if found is None:
            return None
        ent = found[1]
        return replace(self._from_entity(ent, 0.6), type="organization", rule="speaker.document-antecedent"), ent

    @property
    def _document_nouns(self) -> frozenset[str]:
        lex = cue_lexicon()
        return lex.documents | lex.evidence_nouns

    def _document_owner(self, m: Span, head) -> tuple[Speaker, Entity | None] | None:
        """"Cornyn's statement said", "the ministry's report says": a document speaks for the one
        who owns it, when the article names that owner (an unnamed "the statement" stays as written)."""
        if head is None or not word_forms(head) & cue_lexicon().documents:
            return None
        tree, _ = self._head_token(m.start, m.end)
        owner = next((t for t in tree.tokens if t.head == head.index and t.deprel == "nmod:poss"
                      and m.start <= t.start < m.end and t.upos == "PROPN"), None) if tree else None
        if owner is None:
            return None
        ent = self._entity_for_span(owner.start, owner.end, owner)
        if ent is None:
            return None
        return replace(self._from_entity(ent, 0.7), rule="speaker.document-owner"), ent

    def _title_phrase(self, end: int, gap: str) -> bool:
        """Do the word before ``end`` and the gap make one title ("director" + "General")?"""
        before = self.doc.text[max(0, end - 30):end].split()
        return bool(before) and " ".join([before[-1], *gap.split()]).lower() in title_lexicon().phrases

    def _name_before(self, start: int) -> Entity | None:
        """"Inês Carvalho, a spokeswoman for the ministry, said": the name the title is apposed to."""
        for ent, x in self.index.ending(start - 8, start):
            between = " ".join(self.doc.text[x.end:start].split()).lower() if 0 <= start - x.end <= 8 else ""
            if between in WORDS.speaker.apposition_links \
                    and (ent.kind in ("PER", "ORG") or ent.kind == "" and len(x.text.split()) >= 2):
                return ent  # not "Furthermore, the premier said"; "The Greens, a junior partner, said"
        return None

    def _role_matches(self, ent: Entity, head: str) -> bool:
        """"the Secretary" fits "Secretary of State" (its head noun), not "Department Spokesperson"."""
        head = head.lower()
        synonyms = self.lex["synonyms"].get(head)
        for role in (r.lower() for r in ent.roles):
            if synonyms and any(w in role for w in synonyms):
                return True
            # "an Australian woman and former Scientologist": each coordinated title has a head
            if any(_role_head(part) == head for part in role.split(" and ") if part.strip()):
                return True
        return False

    # -- resolution --------------------------------------------------------------------------
    def resolve(self, q: QuoteSpan) -> Speaker:
        if q.mention is None and q.cue is not None and q.cue.text.lower().endswith("ing"):
            shared = self._same_sentence_speaker(q.cue.start)
            if shared is not None:  # "X expressed ..., noting that ...": the participle shares X
                shared = (shared[0], replace(shared[1], rule="speaker.participle-shares-speaker"))
                self._history.append((q.cue.start, *shared))
                return shared[1]
        found = ""
        if q.mention is None and q.cue is not None:
            q = self._fallback_mention(q)
            found = "mention.first-name-before-cue" if q.mention is not None else ""
        elif q.mention is not None and q.cue is not None and q.cue.text.lower() != "according to" \
                and not self._plausible_source(q.mention):
            q = self._fallback_mention(replace(q, mention=None))  # "a compliment said": a misparse
            found = "mention.implausible-replaced"
        spk, ent = self._resolve(q)
        if found and spk.name:
            spk = replace(spk, rule=f"{found} > {spk.rule}")
        pronoun = spk.name is not None and spk.name.lower() in sum(self.lex["pronouns"].values(), [])
        if ent is None and spk.name and spk.type in ("organization", "person") and not pronoun:
            # "the foreign ministry said ... It said ...": unnamed speakers can be referred back to
            # (an unresolved "she" is nobody to refer back to)
            ent = Entity(key=spk.key or spk.name, kind="ORG" if spk.type == "organization" else "PER",
                         names=[spk.name], roles=[spk.role] if spk.role else [])
            _, head = self._head_token(q.mention.start, q.mention.end) if q.mention is not None else (None, None)
            if " and " in spk.name or head is not None and head.xpos in ("NNS", "NNPS"):
                self._plural.add(ent.key)  # "experts", "high school administrators"
        anchor = q.cue.start if q.cue else q.content.start
        self._history.append((anchor, ent, spk))
        return spk

    def _same_sentence_speaker(self, at: int) -> tuple[Entity | None, Speaker] | None:
        """The speaker resolved last, if its cue stands earlier in the sentence holding `at`."""
        if not self._history:
            return None
        anchor, ent, spk = self._history[-1]
        tree = next((t for t in self._trees_at(at) if t.s.start <= at <= t.s.end), None)
        if tree is None or not (tree.s.start <= anchor < at) or spk.name is None:
            return None
        return ent, spk

    def _plausible_source(self, m: Span) -> bool:
        """Could this mention name a speaker? Rejects lower-case heads that are neither people,
        bodies, documents, titles nor agent nouns ("the same way", "Kadzik's refusal")."""
        _, head = self._head_token(m.start, m.end)
        if head is None or not head.text[:1].islower() or head.upos == "PRON":
            return True
        if head.upos not in ("NOUN", "VERB", "ADJ", "ADV", "ADP"):
            return True  # numbers ("74 percent"), determiners ("some"), symbols: left to the rules
        forms, lemma = word_forms(head), head.lemma.lower()
        if forms & self._source_words or any(is_title_word(w) for w in forms):
            return True
        return len(lemma) >= 6 and not lemma.endswith("ment") and \
            lemma.endswith(tuple(self.lex["sources"]["agent_suffixes"]))

    @property
    def _source_words(self) -> frozenset[str]:
        if self._sources is None:
            lex = self.lex
            words = [*lex["sources"]["heads"], *lex["nominal"]["person"], *lex["nominal"]["organization"],
                     *lex["plural_groups"]["heads"], *cue_lexicon().documents]
            self._sources = frozenset(w.lower() for w in words)
        return self._sources

    def _fallback_mention(self, q: QuoteSpan) -> QuoteSpan:
        """No syntactic speaker (a weak parse): the first name or pronoun opening the cue's clause."""
        for tree in self._trees_at(q.cue.start):
            if tree.s.start <= q.cue.start <= tree.s.end:
                before = [t for t in tree.tokens if t.end <= q.cue.start
                          and not (q.content.start <= t.start < q.content.end)]
                names = [x for x in self.index.mentions_starting(tree.s.start, q.cue.start)
                         if tree.s.start <= x.start and x.end <= q.cue.start
                         and not (q.content.start <= x.start < q.content.end)
                         and not (x.text.isupper() and x.start == tree.s.start)]  # a dateline
                if names:
                    # a name right before the cue is its subject on the surface ("Talking about
                    # Pakistan-Russia relations, Prime Minister Imran Khan expressed ...")
                    adjacent = [x for x in names if _only_auxiliaries(self.doc.text[x.end:q.cue.start])]
                    # "In an interview on CBS's "Face the Nation," Ryan said": not a name in a phrase
                    free = [x for x in names if not _after_preposition(self.doc.text, x.start)]
                    x = adjacent[-1] if adjacent else (free or names)[0]
                    return replace(q, mention=Span(x.start, x.end, x.text))
                if before and before[0].upos == "PRON" and before[0].text.lower() in WORDS.pronouns.fallback_subjects:
                    t = before[0]
                    return replace(q, mention=Span(t.start, t.end, t.text))
        return q

    def _resolve(self, q: QuoteSpan) -> tuple[Speaker, Entity | None]:
        """The speaker a mention names: a pronoun's antecedent, the entity holding a name, a
        group, an organization named by a common noun, or a title's holder (``Speaker.rule`` says
        which)."""
        m = q.mention
        if m is None:
            return Speaker(None, "unknown", None, None, 0.0), None
        tree, head = self._head_token(m.start, m.end)
        text = m.text.strip()
        low = text.lower()
        pron = self.lex["pronouns"]
        is_pronoun = (head is not None and head.upos == "PRON" and not text.isupper()) or \
            (low in sum(pron.values(), []) and not (text.isupper() and len(text) > 1))
        if is_pronoun:
            antecedent = self._relative_antecedent(tree, head) if low in WORDS.relative.subjects else None
            if antecedent is not None:
                spk, ent = self._resolve(replace(q, mention=antecedent))
                return replace(spk, rule=f"speaker.relative-antecedent > {spk.rule}"), ent
            said = (q.parts or (q.content,)) if q.type == "direct" else ()
            return self._resolve_pronoun(m, text, said)
        named = self._resolve_name(m, tree, head, text)
        if named is not None:
            return named
        example = _named_example(tree, head, self.doc.text)
        if example is not None:
            return example, None
        return self._resolve_nominal(m, head, text)

    def _relative_antecedent(self, tree: Tree | None, head) -> Span | None:
        """"Devocht, who had told Montalvo he would ...": a relative pronoun subject stands for the
        noun its clause modifies, never for the last speaker. The name holding that noun, or the
        noun with its own modifiers ("officials who said ...")."""
        if tree is None or head is None or not head.deprel.startswith("nsubj"):
            return None
        verb = tree.tok(head.head) if head.head else None
        if verb is not None and verb.deprel == "acl:relcl" and verb.head:
            noun = tree.tok(verb.head)
        elif head.text.lower() == "who" and head.index > 1:
            # the parser lost the relative clause ("..., who had told X" hung as an adverbial):
            # "who" right after a noun, or after a noun and a comma, still modifies that noun
            before = tree.tok(head.index - 1)
            noun = tree.tok(head.index - 2) if before.text == "," and head.index > 2 else before
        else:
            return None
        if noun.upos not in ("NOUN", "PROPN"):
            return None
        held = [x for x in self.index.mentions_starting(tree.s.start, noun.start)
                if x.start <= noun.start < x.end]
        if held:
            x = held[0]
            return Span(x.start, x.end, x.text)
        mods = [t.index for t in tree.children(noun.index)
                if t.index < noun.index and t.deprel in ("det", "amod", "compound", "nmod:poss")]
        first = tree.tok(min(mods + [noun.index]))
        return Span(first.start, noun.end, self.doc.text[first.start:noun.end])

    def _resolve_pronoun(self, m: Span, text: str, said: tuple[Span, ...] = ()) -> tuple[Speaker, Entity | None]:
        """"he", "it", "they": the most recent compatible speaker or subject before it."""
        low = text.lower()
        pron = self.lex["pronouns"]
        want = {"person"} if low in pron["person"] else (
            {"organization"} if low in pron["organization"] else {"person", "organization"})
        ent = self._recent(m.start, want, gender=pronoun_gender(low), plural=low in pron["plural"], said=said)
        if ent is None and low in pron["organization"]:
            ent = self._recent(m.start, {"person", "organization"})
        if ent is None:
            return Speaker(text, "person" if low in pron["person"] else "unknown", None, None, 0.3,
                           "speaker.pronoun.unresolved"), None
        return replace(self._from_entity(ent, 0.7), rule=f"speaker.pronoun.{self._why}"), ent

    def _resolve_name(self, m: Span, tree, head, text: str) -> tuple[Speaker, Entity | None] | None:
        """A mention holding a name of the article's entities (or a group of names)."""
        low = text.lower()
        ent = self._entity_for_span(m.start, m.end, head)
        if ent is not None and head is not None and not self._owns_head(ent, head, m):
            # "Senior researcher Mu Li, of the University of X": the longest name inside the mention
            # may not be the one the title is apposed to; "Russia's foreign ministry": none is
            inside = sorted(((x.start, e) for e, x in self.index.starting_or_holding(m.start, m.end, None)
                             if x.end <= m.end), key=lambda p: p[0])
            ent = next((e for _, e in inside if e is not ent and self._owns_head(e, head, m)), None)
        org_nouns = self.lex["nominal"]["organization"]
        forms = word_forms(head) if head is not None else {low.split()[-1]}
        if ent is None and head is not None and head.text[:1].islower() and forms & set(org_nouns):
            body = self._body_modifying(tree, head, m)
            if body is not None:  # "the M5S party", "the Reuters news agency": the body named
                return replace(self._from_entity(body, 0.8), rule="speaker.body-before-noun"), body
        if ent is not None and ent.kind != "PER" and head is not None and forms & set(org_nouns):
            # "The Ministry of Health": the organization is the whole phrase, not its capitalized head
            return Speaker(_strip_det(text), "organization", None, _normal(text), 0.7, "speaker.organization-name"), ent
        if ent is not None and not self._is_conjunction(tree, head, m):
            spk = replace(self._from_entity(ent, 0.9), rule="speaker.name")
            local_role = self._role_in_mention(m.start, m.end)
            title = self._apposed_title(ent, head, m)
            if title:  # "A spokesman for the army, Brig Gen Nabil Abdallah": the title phrase is the role
                if title not in ent.roles:
                    ent.roles.append(title)  # "The spokesman added" finds him again
                return Speaker(spk.name, "person", title, spk.key, spk.confidence, "speaker.name.apposed-title"), ent
            if local_role and not spk.role:
                spk = Speaker(spk.name, "person", local_role, spk.key, spk.confidence, "speaker.name")
            return spk, ent
        if self._is_conjunction(tree, head, m):
            members = [x for x in self.index.mentions_starting(m.start, m.end) if m.start <= x.start and x.end <= m.end]
            return replace(self._group([self._entity_for_span(x.start, x.end) for x in members], text),
                           rule="speaker.group"), None
        if head is not None and forms & set(self.lex["plural_groups"]["heads"]) and \
                any(w in self.lex["plural_groups"]["determiners"] for w in low.split()[:2]):
            pair = self._recent_pair(m.start)  # "both superpowers", "the two leaders"
            if pair:
                return replace(self._group(pair, text), rule="speaker.recent-pair"), None
        return None

    def _body_modifying(self, tree, head, m: Span) -> Entity | None:
        """The organization named by a compound modifier of the lower-case head noun, if any."""
        if tree is None:
            return None
        mods = {t.index for t in tree.children(head.index) if t.deprel == "compound"}
        for e, x in self.index.starting_or_holding(m.start, m.end, None):
            toks = set(tree.tokens_in(x.start, x.end)) if x.end <= m.end else set()
            # (a lone capitalized word may be a person NER took for a body: "the Reyes campaign")
            if e.kind == "ORG" and toks and toks & mods and (len(e.canonical.split()) >= 2 or x.text.isupper()):
                return e
        return None

    def _resolve_nominal(self, m: Span, head, text: str) -> tuple[Speaker, Entity | None]:
        """A common noun: an organization ("the foreign ministry"), a title whose holder the article
        named ("the spokeswoman"), a document ("a handout"), or the words as written."""
        titled = self._name_after_title(m) or self._name_closing_title(m, head) or self._document_owner(m, head)
        if titled is not None:
            return titled
        low = text.lower()
        forms = word_forms(head) if head is not None else {low.split()[-1]}
        head_word = (head.lemma if head is not None else low.split()[-1]).lower()
        nominal = self.lex["nominal"]
        words = low.replace("’s", " 's").replace("'s", " 's").split()
        # "the secretary of state's office"; not "a representative for the LA Sheriff's office",
        # whose head is the person noun
        owned_body = len(words) >= 3 and words[-2] == "'s" and words[-1] in nominal["organization"] \
            and (head is None or head.text.lower() == words[-1])
        named = self._named_document(m, head, low)
        if named is not None:
            return named
        if forms & set(nominal["organization"]) or " ".join(low.split()[-2:]) in nominal["organization"] \
                or owned_body:  # "the secretary of state's office", however the parser hung it
            local = self._local_government(m, words, head_word)
            if local is not None:
                return local, None
            return Speaker(_strip_det(text), "organization", None, _normal(text), 0.6,
                           "speaker.organization-noun"), None
        if forms & set(nominal["person"]) or any(is_title_word(w) for w in forms):
            return self._resolve_title(m, head_word, forms, text)
        if forms & cue_lexicon().documents:  # "a handout", "a New York Times/CBS News poll"
            return Speaker(_strip_det(text), "organization", None, _normal(text), 0.5, "speaker.document"), None
        return Speaker(_strip_det(text), "unknown", None, _normal(text), 0.4, "speaker.as-written"), None

    def _local_government(self, m: Span, words: list[str], head_word: str) -> Speaker | None:
        """"The request was advanced by the Municipality of Livorno. The city reasoned, ...": a
        definite "the city" (or town, municipality, ...) is the local government the article last
        named as "<noun> of <Place>" (NER often tags the place alone), within a few paragraphs."""
        bodies = self.lex["nominal"]["place_bodies"]
        if head_word not in bodies or len(words) != 2 or words[0] != "the":
            return None
        text, best = self.doc.text, None
        for _, x in self.index.starting_or_holding(max(0, m.start - LOCAL_GOVERNMENT_WINDOW), m.start - 1, None):
            lo = max(0, x.start - 16)
            of = _BODY_OF.search(text, lo, x.start)
            if of and of.group(1).lower() in bodies and x.end <= m.start and (best is None or of.start(1) > best[0]):
                best = (of.start(1), x.end)
        if best is None:
            return None
        name = text[best[0]:best[1]]
        return Speaker(name, "organization", None, _normal(name), 0.6, "speaker.local-government")

    def _name_after_title(self, m: Span) -> tuple[Speaker, Entity | None] | None:
        """"University of Texas Arlington Muslim Student Association president Sehar Memon said",
        "Civil Defense Authority director General Suleiman al-Amr said": the parser may leave the
        name out of the subject it found, which then ends in a title word; the person named right
        after it (across rank words such as "General") is the speaker and the phrase is the role."""
        words = m.text.split()
        if not words or not is_title_word(words[-1]):
            return None
        found = self._apposed_name(m.end, allow_titles=True)
        if found is None:
            return None
        ent, name_start = found
        return self._titled(ent, _strip_det(self.doc.text[m.start:name_start].strip(" ,")), "speaker.name-after-title")

    def _titled(self, ent: Entity, role: str, rule: str) -> tuple[Speaker, Entity]:
        """The person named after a title phrase, with that phrase as the role (kept on the entity,
        so a later "the ambassador" finds the person again)."""
        if role not in ent.roles:
            ent.roles.append(role)
        spk = self._from_entity(ent, 0.8)
        return Speaker(spk.name, "person", role, spk.key, spk.confidence, rule), ent

    def _name_closing_title(self, m: Span, head) -> tuple[Speaker, Entity | None] | None:
        """"Ambassador to France Jane Hartley said": the subject is headed by its title, with the name
        hung inside it at its end; the person is the speaker and the words before the name the role."""
        if head is None or not any(is_title_word(w) for w in word_forms(head)):
            return None
        pairs = [(e, x) for e, x in self.index.starting_or_holding(m.start, m.end, None)
                 if e.kind == "PER" and m.start < x.start and x.end == m.end and head.end <= x.start
                 and len(e.canonical.split()) >= 2]
        if not pairs:
            return None
        ent, x = pairs[0]  # (the longest: it starts first)
        # the title's complement stands between ("to France"), ending on a name, not on a
        # preposition whose object the name is ("advisers to Mr. Obama", "Secretary of State")
        between = self.doc.text[head.end:x.start].split()
        if not between or not between[-1][:1].isupper() or not set(between) & WORDS.phrases.title_complement:
            return None  # (a bare "President Marc Morial" is read by the name rules)
        tree, name = self._head_token(x.start, x.end)
        if tree is None or name is None or tree.children(name.index, "case"):
            return None  # "advisers to Mr. Obama": the name is the preposition's object
        return self._titled(ent, _strip_det(self.doc.text[m.start:x.start].strip(" ,")), "speaker.name-closing-title")

    def _resolve_title(self, m: Span, head_word: str, forms: set[str], text: str) -> tuple[Speaker, Entity | None]:
        """"the spokeswoman", "the premier": the name apposed to it, else the last person whose role
        the title fits; generic nouns ("an official") stay as written."""
        gender = next((g for g in map(noun_gender, forms) if g), None)
        apposed = self._apposed_name(m.end) or self._name_before(m.start)
        if apposed is not None and not apposed.roles:
            apposed.roles.append(_strip_det(text))  # "The spokeswoman added" finds her again
        ent = apposed or self._recent(m.start, {"person"}, nominal_head=head_word, gender=gender)
        why = "apposed-name" if apposed is not None else self._why
        generic = bool(forms & WORDS.speaker.generic_people)
        if generic:  # (a role-headed match of "woman" alone is no evidence)
            described = self._described_person(_strip_det(text))
            if described is not None:
                return replace(self._from_entity(described, 0.6), rule="speaker.title.described-person"), described
        if ent is not None and not generic:
            spk = replace(self._from_entity(ent, 0.65), rule=f"speaker.title.{why}")
            named = next((r for r in ent.roles if head_word in r.lower().split()), None)
            if named and spk.type == "person":  # "The spokesman added": the role that says spokesman
                spk = replace(spk, role=named)
            return spk, ent
        return Speaker(_strip_det(text), "person", None, _normal(text), 0.5, "speaker.title.as-written"), None

    def _described_person(self, phrase: str) -> Entity | None:
        """"Australian woman claims ..." (a headline) and "Valeska Paris, an Australian woman and
        former Scientologist": a generic noun with its own modifiers ("woman" alone says nothing)
        is the one person the article describes with those very words."""
        words = phrase.lower().split()
        if len(words) < 2:
            return None
        found = [e for e in self.entities if e.kind == "PER" and any(
            f" {' '.join(words)} " in f" {r.lower()} " for r in e.roles)]
        return found[0] if len(found) == 1 else None

    def _from_entity(self, ent: Entity, conf: float) -> Speaker:
        kind = KIND_TO_TYPE.get(ent.kind, "unknown")
        if kind == "unknown" and ent.roles:
            kind = "person"
        name = ent.canonical if kind == "person" else _strip_det(ent.canonical)
        return Speaker(name, kind, ent.role if kind == "person" else None, ent.key, conf)

    def _apposed_title(self, ent: Entity, head, m) -> str | None:
        """The nominal phrase before a comma-apposed name, when the mention's head is a title noun."""
        if head is None or ent.kind not in ("PER", "") or head.upos != "NOUN":
            return None
        forms = word_forms(head)
        if not (forms & set(self.lex["nominal"]["person"]) or any(is_title_word(w) for w in forms)):
            return None
        if any(x.start <= head.start < x.end for x in ent.mentions):
            return None
        phrase = self.doc.text[m.start:m.end].split(",")[0].strip()
        if "," in self.doc.text[m.start:m.end] and any(m.start <= x.start < m.start + len(phrase)
                                                        for x in ent.mentions):
            return None  # "Senior researcher Mu Li, of the University": the name's own title applies
        return _strip_det(phrase) if head.start < m.start + len(phrase) else None

    def _owns_head(self, ent: Entity, head, m) -> bool:
        """The entity names the speaker: it holds the mention's head or stands in apposition after it."""
        for x in ent.mentions:
            if x.start <= head.start < x.end:
                return True
            if not (m.start <= x.start and x.end <= m.end):
                continue  # only a name inside the mention can stand in apposition (no slice of the text)
            between = self.doc.text[head.end:x.start].replace(",", " ").split() if x.start >= head.end else ["of"]
            # "Police Chief Daniel Harlow", "the health minister, Carla Mendes"; not "Secretary of State"
            between = [w.lstrip("-‐") for w in between]  # "Secretary-General Antonio Guterres"
            apposed = all(w[:1].isupper() or is_title_word(w) for w in between) and "of" not in between
            # "his former partner at Lenox, Lawrence Cummings": a name set off by a comma is apposed
            gap = self.doc.text[head.end:x.start] if x.start > head.end else ""
            after_comma = gap.rsplit(",", 1)[1].split() if "," in gap else None
            apposed = apposed or (after_comma is not None and all(w[:1].isupper() or is_title_word(w)
                                                                  for w in after_comma))
            if m.start <= x.start and x.end <= m.end and apposed and ent.kind in ("PER", ""):
                return True  # "the health minister, Carla Mendes"
        return False

    def _head_token(self, start: int, end: int):
        for tree in self._trees_at(start):
            if tree.s.start <= start < tree.s.end + 1:
                idx = tree.tokens_in(start, end)
                if not idx:
                    return tree, None
                outside = [i for i in idx if tree.tok(i).head not in idx]
                # "a spokesman" misparsed inside a larger phrase: both words hang outside it
                head = next((i for i in outside if tree.tok(i).upos not in ("DET", "PUNCT", "ADP")),
                            outside[0] if outside else idx[-1])
                return tree, tree.tok(head)
        return None, None

    def _trees_at(self, char: int) -> list[Tree]:
        """The trees whose sentence can hold ``char`` (start <= char <= end), in order."""
        return [self.trees[i] for i in self.sentences.holding(char)]

    def _group(self, ents: list[Entity | None], text: str) -> Speaker:
        """"Imran and Putin" -> "Imran Khan and Vladimir Putin": each member by its fullest name."""
        named = [e for e in ents if e is not None]
        if len(named) < 2:
            return Speaker(_strip_det(text), "unknown", None, _normal(text), 0.5)
        name = " and ".join(dict.fromkeys(e.canonical for e in named))
        kind = "person" if all(e.kind == "PER" for e in named) else \
            "organization" if all(e.kind in ("ORG", "LOC", "GPE") for e in named) else "unknown"
        return Speaker(name, kind, None, _normal(name), 0.6)

    def _recent_pair(self, before: int) -> list[Entity] | None:
        """The latest two names joined by "and" before a plural mention."""
        ms = sorted((x for x in self.mentions if x.end <= before), key=lambda x: x.start)
        for a, b in zip(reversed(ms[:-1]), reversed(ms[1:])):
            between = self.doc.text[a.end:b.start].strip(" ,")
            # "Sergey Lavrov and US Secretary of State Antony Blinken": the second name's title between
            if between == "and" or b.role and between.startswith("and ") and between[4:].strip() == b.role:
                ea, eb = self._entity_for_span(a.start, a.end), self._entity_for_span(b.start, b.end)
                if ea is not None and eb is not None and ea is not eb:
                    return [ea, eb]
        return None

    def _is_conjunction(self, tree: Tree | None, head, m) -> bool:
        if tree is None or head is None:
            return False
        # "Mr. Grassley and Mr. Leahy", "Senators Grassley and Leahy": two names joined inside the
        # mention (the "and" may hang on the second name's honorific, the conjunct on a flat name)
        idx = tree.tokens_in(m.start, m.end)
        # "K.C. Maurer, chief financial officer and treasurer at X": titles joined inside the
        # apposition after a name are one person's roles, not two speakers
        comma = next((i for i in idx if tree.tok(i).text == ","), None)
        return any(tree.tok(k).deprel == "conj" and tree.tok(k).head in idx
                   and any(tree.tok(i).upos == "CCONJ" for i in range(tree.tok(k).head + 1, k))
                   and not (comma is not None and tree.tok(k).upos == "NOUN"
                            and (tree.tok(k).head > comma or k > comma and tree.tok(k).text[:1].islower()))
                   for k in idx)  # (or the second title hung on the name: "X, a nurse and former union leader")

    def _role_in_mention(self, start: int, end: int) -> str | None:
        roles = [x.role for x in self.index.mentions_starting(start, end)
                 if start <= x.start and x.end <= end and x.role]
        return roles[0] if roles else None


def _mention_head(tree: Tree, m: Mention) -> int:
    """The token of a mention whose head lies outside it (its last token when none does)."""
    return next((i for i in m.tokens if tree.tok(i).head not in m.tokens), m.tokens[-1])


LOCAL_GOVERNMENT_WINDOW = 3000  # characters back to look for "the Municipality of X" (a few paragraphs)
_BODY_OF = re.compile(r"(\w+)\s+of\s+$", re.IGNORECASE)  # "Municipality of " right before a name


def _role_head(role: str) -> str:
    words = role.replace("’s", " ").replace("'s", " ").split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1]
    return words[-1] if words else ""


_BETWEEN_SUBJECT_AND_VERB = WORDS.speaker.between_subject_and_verb


_PREPOSITIONS = WORDS.speaker.prepositions


def _after_preposition(text: str, start: int) -> bool:
    before = text[max(0, start - 30):start].split()
    while before and before[-1].lower() in WORDS.speaker.articles:
        before.pop()
    return bool(before) and before[-1].lower() in _PREPOSITIONS


def _named_example(tree: Tree | None, head, text: str) -> Speaker | None:
    """"Articles in academic journals including Social Science & Medicine have characterized ...":
    a plural common noun whose one named instance an "including" phrase gives is spoken for by
    that name, the only source the sentence identifies."""
    if tree is None or head is None or head.upos != "NOUN" or head.xpos != "NNS":
        return None
    for i in tree.subtree(head.index):
        tok = tree.tok(i)
        if tok.upos != "PROPN" or not tok.deprel.startswith("nmod") \
                or not any(c.text.lower() == "including" for c in tree.children(i, "case")):
            continue
        span = [j for j in tree.subtree(i) if tree.tok(j).text.lower() != "including"]
        words = [tree.tok(j) for j in span]
        if not all(w.upos in ("PROPN", "CCONJ", "PUNCT", "DET") or w.text[:1].isupper() for w in words):
            return None
        name = text[words[0].start:words[-1].end]
        kind = "person" if any(w.ner.endswith("PER") for w in words) else "organization"
        return Speaker(name, kind, None, _normal(name), 0.6, "speaker.named-example")
    return None


def _only_auxiliaries(between: str) -> bool:
    between = re.sub(r"\([^()]{1,30}\)", " ", between)  # "Paul D. Ryan (R-Wis.) said"
    if "," in between:
        return False  # "Imran Khan, during the call with Putin, stressed": Putin closes an aside
    words = between.split()
    return all(not w or w.lower() in _BETWEEN_SUBJECT_AND_VERB or w.isdigit() for w in words)


def _strip_det(text: str) -> str:
    words = text.split()
    if words and words[0].lower() in WORDS.speaker.articles:
        words = words[1:]
    return " ".join(words)


def resolve_speakers(doc: ParsedDoc, quotes: list[QuoteSpan],
                     traces: list[list[str]] | None = None) -> list[Speaker]:
    """Resolve in article order so pronouns see the speakers before them. With ``traces`` (one
    list per quote), each quote's list receives the candidates its antecedent search weighed."""
    resolver = SpeakerResolver(doc)
    resolver.quoted += [(q.content.start, q.content.end) for q in quotes]
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].cue.start if quotes[i].cue else quotes[i].content.start))
    out: list[Speaker | None] = [None] * len(quotes)
    for i in order:
        if traces is not None:
            resolver.trace = traces[i]
        out[i] = resolver.resolve(quotes[i])
    return out  # type: ignore[return-value]


__all__ = ["Mention", "Speaker", "SpeakerResolver", "resolve_speakers"]
