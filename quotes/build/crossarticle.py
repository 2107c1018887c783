"""The second pass: speaker ids and statements across articles, from quote rows alone.

It never sees a parse. Speaker linking reads only the speaker columns of every quote row (kept in
memory: a few hundred bytes a row), statement grouping reads the quote texts, blocked by speaker
(near-duplicates of one speaker only), so both grow about linearly with the number of quotes.
"""

from __future__ import annotations

from collections.abc import Sequence

from quotes.facts.speakers import link_speakers
from quotes.facts.statements import group_statements

SPEAKER_COLUMNS = ("article_id", "speaker", "speaker_type", "speaker_mention", "role", "said_on",
                   "aliases", "speaker_key")
STATEMENT_COLUMNS = ("quote_id", "article_id", "text", "said_on")


def slim(row: dict) -> tuple[dict, dict]:
    """The two views of a quote row the second pass needs."""
    return ({k: row.get(k) for k in SPEAKER_COLUMNS if k in row},
            {k: row.get(k) for k in STATEMENT_COLUMNS})


def link_and_group(speaker_rows: Sequence[dict], statement_rows: list[dict]
                   ) -> tuple[list[str | None], list[str], list[dict], list[dict]]:
    """Speaker id and statement id per quote (in the order given) and the two tables' rows."""
    speaker_ids, speaker_table = link_speakers(speaker_rows)
    for row, sid in zip(statement_rows, speaker_ids):
        row["speaker_id"] = sid
    statement_ids, statement_table = group_statements(statement_rows)
    return speaker_ids, statement_ids, speaker_table, statement_table
