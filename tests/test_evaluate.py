"""Scoring of split quotes (``../shared/eval/README.md``): a prediction with two or more pieces may
match gold as a whole or piece by piece; it counts once for precision, each matched gold row once
for recall. Predictions and gold here are written by hand."""

from __future__ import annotations

from quotes.evaluate import evaluate, greedy_match

A = "The bridge will reopen in the spring after the repairs are finished"
B = "and we expect traffic to return to normal by the summer holidays"


def pred(text: str, pieces: list[str] | None = None, type_: str = "direct", **kw) -> dict:
    return {"text": text, "type": type_, "pieces": pieces or [], "speaker": kw.get("speaker"),
            "role": kw.get("role"), "said_on": None}


def gold(quote: str, type_: str = "direct", **kw) -> dict:
    return {"quote": quote, "type": type_, "speaker": kw.get("speaker", "Maria Lopez"), "role": kw.get("role")}


def test_split_prediction_matches_two_gold_rows_piece_by_piece():
    p = [pred(f"{A} {B}", [A, B], speaker="Maria Lopez")]
    g = [gold(A), gold(B)]
    assert sorted(j for _, j, _ in greedy_match(p, g)) == [0, 1]
    rep = evaluate({"x": p}, {"x": g})
    s = rep.scores["direct"]
    assert (s.tp, s.tp_pred, s.n_pred, s.n_gold) == (2, 1, 1, 2)
    assert s.precision == 1.0 and s.recall == 1.0
    assert rep.speaker == (2, 2)


def test_split_prediction_matches_one_gold_row_as_a_whole():
    p = [pred(f"{A} {B}", [A, B])]
    g = [gold(f"{A} {B}")]
    m = greedy_match(p, g)
    assert [(i, j) for i, j, _ in m] == [(0, 0)]
    s = evaluate({"x": p}, {"x": g}).scores["all"]
    assert (s.tp, s.tp_pred) == (1, 1) and s.f1 == 1.0


def test_whole_match_takes_no_further_piece():
    # the whole matches the first gold row; the second gold row (same as piece B) stays unmatched
    p = [pred(f"{A} {B}", [A, B])]
    g = [gold(f"{A} {B}"), gold(B)]
    assert [(i, j) for i, j, _ in greedy_match(p, g)] == [(0, 0)]


def test_unsplit_prediction_matches_only_one_gold_row():
    p = [pred(f"{A} {B}")]
    g = [gold(A), gold(B)]
    # without pieces the joined text overlaps each half at Dice 2/3: it takes one row, not both
    s = evaluate({"x": p}, {"x": g}).scores["direct"]
    assert (s.tp, s.tp_pred, s.n_gold) == (1, 1, 2)


def test_each_piece_matches_at_most_once():
    p = [pred(f"{A} {B}", [A, B])]
    g = [gold(A), gold(A)]
    assert len(greedy_match(p, g)) == 1


def test_piece_below_threshold_does_not_match():
    p = [pred(f"{A} {B}", [A, B])]
    g = [gold(A), gold("Nobody expected the council to approve the budget so quickly")]
    assert [(i, j) for i, j, _ in greedy_match(p, g)] == [(0, 0)]


def test_wrong_role_is_listed_with_gold_and_prediction():
    p = [pred(A, speaker="Maria Lopez", role="engineer")]
    g = [gold(A, role="city's chief engineer")]
    rep = evaluate({"x": p}, {"x": g})
    assert rep.role == (0, 1)
    assert rep.wrong_roles[0]["gold"] == "city's chief engineer" and rep.wrong_roles[0]["pred"] == "engineer"
