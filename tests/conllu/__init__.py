"""Build a ``ParsedDoc`` from hand-written CoNLL-U rows, so a rule's test pins the parse it reads
and holds whatever the embedded model does (models are retrained for speed).

Columns: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL [DEPS] [MISC]; ``SpaceAfter=No`` in MISC joins
the next token, ``NER=B-PER`` sets the token's entity tag. Sentences are separated by a blank
line, a line ``# newpar`` before a sentence opens a new paragraph (a newline in the text).
"""

from __future__ import annotations

from quotes.types import ParsedDoc, Sentence, Token


def _misc(fields: list[str]) -> dict[str, str]:
    misc = fields[9] if len(fields) > 9 else "_"
    return dict(p.split("=", 1) for p in misc.split("|") if "=" in p)


def doc_from_conllu(conllu: str) -> ParsedDoc:
    """The document the rows describe: its text is the tokens joined by single spaces (none where
    MISC says ``SpaceAfter=No``), sentences by one space or, after ``# newpar``, a newline."""
    text, sentences = "", []
    for block in [b for b in conllu.strip().split("\n\n") if b.strip()]:
        lines = [ln.strip() for ln in block.strip().splitlines()]
        if text:
            text += "\n" if "# newpar" in lines else " "
        start, tokens, space = len(text), [], False
        for line in (ln for ln in lines if ln and not ln.startswith("#")):
            f = line.split("\t") if "\t" in line else line.split()
            if space:
                text += " "
            begin = len(text)
            text += f[1]
            misc = _misc(f)
            tokens.append(Token(int(f[0]), f[1], f[2], f[3], f[4], f[5], int(f[6]), f[7], begin, len(text),
                                misc.get("NER", "O")))
            space = misc.get("SpaceAfter") != "No"
        sentences.append(Sentence(len(sentences), start, len(text), tuple(tokens)))
    return ParsedDoc(text, tuple(sentences), "conllu-fixture")
