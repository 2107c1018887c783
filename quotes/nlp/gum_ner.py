"""Turn GUM's mention-level entity annotation into flat named-entity training data for Stanza NER.

GUM marks every mention ("he", "the city", "Pakistan's Foreign Minister Shah Mehmood Qureshi")
with an entity type in the MISC column (``Entity=(3-person-...`` opens, ``3)`` closes). Speaker
typing needs *named* entities, so a mention is kept only when its syntactic head is a proper noun,
and its span is trimmed to the run of proper nouns around that head ("Bank of America" keeps its
inner "of"). Types map to PER / ORG / LOC.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

TYPE_MAP = {"person": "PER", "organization": "ORG", "place": "LOC"}
_OPEN = re.compile(r"\((\d+)-([a-z]+)")
_CLOSE = re.compile(r"(\d+)\)")
_JOINERS = {"of", "the", "and", "&", "for", "de", "'s"}


def _sentences(path: Path) -> Iterator[list[list[str]]]:
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield rows
                rows = []
            elif not line.startswith("#"):
                cols = line.split("\t")
                if cols[0].isdigit():  # skip multiword-token ranges and empty nodes
                    rows.append(cols)
    if rows:
        yield rows


def _mentions(rows: list[list[str]]) -> list[tuple[int, int, str]]:
    """Return (start, end_inclusive, gum_type) for every mention in the sentence (0-based)."""
    open_stack: dict[str, list[tuple[int, str]]] = {}
    out = []
    for i, cols in enumerate(rows):
        misc = cols[9]
        ent = next((m[len("Entity="):] for m in misc.split("|") if m.startswith("Entity=")), "")
        if not ent:
            continue
        # Opening and closing brackets appear in order; a "(...)" pair on one token is a one-word mention.
        pos = 0
        while pos < len(ent):
            if ent[pos] == "(":
                m = _OPEN.match(ent, pos)
                if not m:
                    pos += 1
                    continue
                eid, etype = m.group(1), m.group(2)
                end = ent.find("(", pos + 1)
                segment = ent[pos: end if end != -1 else len(ent)]
                if segment.endswith(")"):
                    out.append((i, i, etype))
                else:
                    open_stack.setdefault(eid, []).append((i, etype))
                pos += len(segment)
            else:
                m = _CLOSE.match(ent, pos)
                if m and open_stack.get(m.group(1)):
                    start, etype = open_stack[m.group(1)].pop()
                    out.append((start, i, etype))
                    pos = m.end()
                else:
                    pos += 1
    return out


def _head(rows: list[list[str]], start: int, end: int) -> int:
    """The mention token whose syntactic head lies outside the mention."""
    for i in range(start, end + 1):
        h = int(rows[i][6]) - 1
        if h < start or h > end:
            return i
    return start


def _name_span(rows: list[list[str]], start: int, end: int) -> tuple[int, int] | None:
    head = _head(rows, start, end)
    if rows[head][3] != "PROPN":
        # "music journalist Stanley Mitchell": a common-noun head followed by the name itself.
        if rows[end][3] != "PROPN" or end == start:
            return None
        head = end
    lo = hi = head
    while lo - 1 >= start and rows[lo - 1][3] == "PROPN":
        lo -= 1
    while hi + 1 <= end:
        nxt = rows[hi + 1]
        if nxt[3] == "PROPN":
            hi += 1
        elif nxt[1].lower() in _JOINERS and hi + 2 <= end and rows[hi + 2][3] == "PROPN":
            hi += 2
        else:
            break
    return lo, hi


def sentence_to_bio(rows: list[list[str]]) -> list[dict[str, str]]:
    tags = ["O"] * len(rows)
    spans = []
    for start, end, gtype in _mentions(rows):
        label = TYPE_MAP.get(gtype)
        if not label:
            continue
        span = _name_span(rows, start, end)
        if span:
            spans.append((span[1] - span[0], span[0], span[1], label))
    # Outer (longer) names win over names nested inside them.
    for _, lo, hi, label in sorted(spans, reverse=True):
        if all(t == "O" for t in tags[lo: hi + 1]):
            tags[lo] = f"B-{label}"
            for k in range(lo + 1, hi + 1):
                tags[k] = f"I-{label}"
    return [{"text": cols[1], "ner": tag} for cols, tag in zip(rows, tags)]


def convert(conllu: Path, out_json: Path, augmented: bool = False) -> dict[str, int]:
    """Write Stanza's NER JSON (a list of sentences of {text, ner}); return entity counts per type.

    ``augmented`` adds the mention-replacement copies of :func:`augment` (for the train split).
    """
    sentences = [sentence_to_bio(rows) for rows in _sentences(conllu)]
    if augmented:
        sentences += augment(sentences, gazetteer_names())
    counts: dict[str, int] = {}
    for sent in sentences:
        for tok in sent:
            if tok["ner"].startswith("B-"):
                counts[tok["ner"][2:]] = counts.get(tok["ner"][2:], 0) + 1
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    return counts


def _spans(sentence: list[dict[str, str]]) -> list[tuple[int, int, str]]:
    out, start = [], None
    for i, tok in enumerate(sentence + [{"ner": "O"}]):
        if start is not None and not tok["ner"].startswith("I-"):
            out.append((start, i, sentence[start]["ner"][2:]))
            start = None
        if tok["ner"].startswith("B-"):
            start = i
    return out


def augment(sentences: list[list[dict[str, str]]], names: dict[str, list[str]],
            seed: int = 13) -> list[list[dict[str, str]]]:
    """Mention replacement (Dai & Adel, COLING 2020): each sentence holding a LOC or ORG name is
    copied once with every such name swapped for a random known name of the same type.

    GUM's train set names too few places for a model without pretrained vectors to learn that
    "Austria" or "Prague" are places (it tagged them as persons 107 times on GUM test); the copies
    put the gazetteer's places and organizations into real sentence contexts.
    """
    rng = random.Random(seed)
    out = []
    for sent in sentences:
        spans = [s for s in _spans(sent) if s[2] in names]
        if not spans:
            continue
        new, last = [], 0
        for start, end, label in spans:
            new.extend(sent[last:start])
            words = rng.choice(names[label]).split()
            new.extend({"text": w, "ner": ("B-" if k == 0 else "I-") + label} for k, w in enumerate(words))
            last = end
        new.extend(sent[last:])
        out.append(new)
    return out


def gazetteer_names() -> dict[str, list[str]]:
    """Place and organization names from the package's names.toml, for :func:`augment`."""
    from quotes.extract.lexicon import load_toml

    data = load_toml("names.toml")
    places = list(data["places"]["names"])
    places += [key.title() for key in data["countries"]]  # canonical names, not demonyms
    orgs = list(data["organizations"]["known"]) + sorted(set(data["organizations"]["aliases"].values()))
    return {"LOC": sorted(set(places)), "ORG": sorted(set(orgs))}
