"""Named groups of Universal Dependencies labels the rules test for (as textacy's ``constants``
names ``SUBJ_DEPS``): one name per group, so a rule says what it looks for, not how it is spelled.

``Tree.children(i, *SUBJ_DEPS)`` also matches subtypes (``nsubj:outer``), as ``children`` does.
"""

from __future__ import annotations

# dependency relations
SUBJ_DEPS = ("nsubj", "nsubj:pass")  # the subject of a verb, active or passive
SUBJ_EXPL_DEPS = ("nsubj", "nsubj:pass", "expl")  # ... or an expletive "it"/"there"
CLAUSE_SUBJ_DEPS = ("nsubj", "nsubj:pass", "expl", "csubj")  # anything that gives a clause its own subject
NSUBJ_EXPL_DEPS = ("nsubj", "expl")
AUX_DEPS = ("aux", "aux:pass")
LOOSE_CLAUSE_DEPS = ("parataxis", "dep")  # a clause hung loose: "X, advisers say, Y"

# parts of speech
VERBAL_UPOS = ("VERB", "AUX")
NAME_UPOS = ("NOUN", "PROPN")
NOMINAL_UPOS = ("NOUN", "PROPN", "PRON")
MENTION_HEAD_UPOS = ("NOUN", "PROPN", "PRON", "X")  # a word that can head a speaker's noun chunk
PUNCT_OR_CONJ_UPOS = ("PUNCT", "CCONJ")
PRONOUN_OR_DET_UPOS = ("DET", "PRON")

# Penn tags
FINITE_XPOS = ("VBD", "VBZ", "VBP")  # a tensed verb form
FINITE_OR_MODAL_XPOS = ("VBD", "VBZ", "VBP", "MD")
