"""The partitioned second pass (quotes.build.crossarticle) equals one in-memory call, row for row.

The rows are written here to hit every rule that links speakers across blocks (bare surnames
resolved build-wide or in their article, a given name alone, spelling variants, shortened forms,
organizations with and without their country, spelling variants of bodies (also under other
initials), acronyms spelled out elsewhere) and statements re-run by several outlets, spread over
many articles so the pass cuts them into many partitions.
"""

from __future__ import annotations

import random

import pytest

from quotes.build.crossarticle import CrossArticle, link_and_group, slim
from quotes.facts.blocks import SpeakerBlocks

PEOPLE = [
    ("Antony Blinken", "Secretary of State"), ("Blinken", None), ("US Secretary of State Antony Blinken", None),
    ("Hillary Clinton", "Senator"), ("Bill Clinton", "President"), ("Clinton", None),
    ("Imran Khan", "Prime Minister"), ("Imran", None), ("Khan", None),
    ("Sergei Lavrov", "Foreign Minister"), ("Sergey Lavrov", None), ("Lavrov", None),
    ("Shah Mehmood Qureshi", "Foreign Minister"), ("Shah Qureshi", None), ("Qureshi", None),
    ("John Smith", None), ("John Paul Smith", None), ("John David Smith", None), ("Smith", None),
    ("Imran Khan and Vladimir Putin", None), ("Vladimir Putin", "President"), ("Putin", None),
    ("Antonio Guterres", "Secretary-General"), ("Antonia Guterres", None), ("Dr. Ana Ruiz", None),
]
BODIES = [
    "Russia's Foreign Ministry", "the Foreign Ministry", "Pakistan's Foreign Ministry",
    "Ministry of Defence", "Ministry of Defense", "the US State Department", "the State Department",
    "World Health Organization", "WHO", "the U.N.", "United Nations", "Korean Central News Agency", "KCNA",
    "Amnesty International", "Amnesty", "the police and the army", "Ministry of Agri-Food", "Ministry of Agrifood",
]
OTHERS = [("a source", "unknown"), ("Officials", "group"), (None, None), ("", None)]
SAYINGS = [
    "we will not recognise the result of this vote under any circumstances",
    "the talks were constructive and we expect to meet again next month",
    "there is no military solution to this conflict and there never was",
    "our doors remain open to dialogue with all parties",
    "this is a first step toward closing the gap",
]


def synthetic_rows(n_articles: int, seed: int) -> list[dict]:
    rnd = random.Random(seed)
    rows = []
    for a in range(n_articles):
        art = f"a{a:04d}"
        for k in range(rnd.randint(1, 6)):
            pick = rnd.random()
            mention, aliases, typ, role = None, [], "person", None
            if pick < 0.6:
                speaker, role = rnd.choice(PEOPLE)
                mention = speaker.split()[-1]
                if rnd.random() < 0.3:
                    aliases = [rnd.choice(PEOPLE)[0]]
            elif pick < 0.9:
                speaker, typ = rnd.choice(BODIES), "organization"
                if speaker == "World Health Organization" and rnd.random() < 0.5:
                    mention = "WHO"
            else:
                speaker, typ = rnd.choice(OTHERS)
            text = rnd.choice(SAYINGS)
            if rnd.random() < 0.5:  # another outlet's cut of the same words
                words = text.split()
                text = " ".join(words[rnd.randint(0, 2):]).capitalize() + "."
            rows.append({"quote_id": f"q{a:04d}-{k}", "article_id": art, "speaker": speaker,
                         "speaker_type": typ, "speaker_mention": mention, "role": role,
                         "said_on": f"2024-0{1 + a % 9}-1{k}", "aliases": aliases, "text": text})
    return rows


def in_memory(rows):
    views = [slim(r) for r in rows]
    return link_and_group([v[0] for v in views], [v[1] for v in views])


def partitioned(rows, tmp_path, rows_per_partition):
    cross = CrossArticle(tmp_path / "cross", rows_per_partition)
    for r in rows:
        cross.add(dict(r))
    cross.run()
    ids = list(cross.ids())
    result = ([s for s, _ in ids], [t for _, t in ids], list(cross.speakers()), list(cross.statements()))
    cross.remove()
    return result, cross.partitions


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_partitioned_pass_equals_the_in_memory_pass(tmp_path, seed):
    rows = synthetic_rows(120, seed)
    expected = in_memory(rows)
    got, (n_speaker_parts, n_statement_parts) = partitioned(rows, tmp_path, rows_per_partition=25)
    assert n_speaker_parts > 5 and n_statement_parts > 5
    speaker_ids, statement_ids, speakers, statements = expected
    assert got[0] == speaker_ids
    assert got[1] == statement_ids
    assert got[2] == speakers
    assert got[3] == statements
    # the rows really link across articles and outlets, so the comparison has something to lose
    assert len(speakers) < len({(r["article_id"], r["speaker"]) for r in rows if r["speaker"]}) / 3
    assert max(s["n_articles"] for s in statements) > 3


def test_blocks_keep_linked_names_together_and_apart_names_apart():
    blocks = SpeakerBlocks()
    keys = [blocks.add({"article_id": art, "speaker": name, "speaker_type": typ})
            for art, name, typ in [("a1", "Imran Khan", "person"), ("a1", "Imran", "person"),
                                   ("a2", "Joe Biden", "person"), ("a3", "World Health Organization", "organization"),
                                   ("a4", "WHO", "organization"), ("a5", "Vladimir Putin", "person")]]
    blocks.close()
    group = [blocks.group(k) for k in keys]
    assert group[0] == group[1]  # a given name alone joins the full name of its article
    assert group[3] == group[4]  # an acronym joins the body whose initials it is
    assert len({group[0], group[2], group[3], group[5]}) == 4
    assert blocks.add({"article_id": "a6", "speaker": "", "speaker_type": "person"}) is None


def test_rows_of_an_article_must_come_together():
    blocks = SpeakerBlocks()
    for art in ("a1", "a2"):
        blocks.add({"article_id": art, "speaker": "Imran Khan", "speaker_type": "person"})
    with pytest.raises(ValueError, match="not contiguous"):
        blocks.add({"article_id": "a1", "speaker": "Imran", "speaker_type": "person"})
