"""Score a dataset version against gold quotations (format: ``../shared/eval/README.md``).

Per article, a predicted quote matches a gold quote when the Dice overlap of their lowercased
word tokens is at least 0.5, pairing greedily by best overlap. A prediction interrupted by its
attribution (two or more ``pieces``) may match as a whole or piece by piece, because gold sets
differ on whether “A,” she said, “B.” is one row or two: it counts once for precision, and every
gold row it matches counts for recall. ``mixed`` is scored with
``indirect``; "all" ignores type. Speaker accuracy is over matched quotes (gold pronoun speakers
skipped; a prediction is right when its resolved speaker or its mention matches the gold speaker,
which is a canonical name in the seeds and the mention as written in PolNeAR), role accuracy over matched quotes with a gold role, date accuracy over matched quotes
with a gold date.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

_WORD = re.compile(r"\w+", re.UNICODE)
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "who", "which", "that", "him", "her", "them"}
CLASSES = {"direct": ("direct",), "indirect": ("indirect", "mixed"), "all": ("direct", "indirect", "mixed")}


def words(text: str | None) -> list[str]:
    return _WORD.findall((text or "").lower())


def dice(a: str, b: str) -> float:
    wa, wb = Counter(words(a)), Counter(words(b))
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 0.0


def units(pred: dict) -> list[str]:
    """The texts a prediction may match by: its whole text, then each piece when it has 2+ pieces."""
    pieces = [t for t in pred.get("pieces") or () if t]
    return [pred["text"]] + (pieces if len(pieces) >= 2 else [])


def greedy_match(preds: list[dict], golds: list[dict], threshold: float = 0.5) -> list[tuple[int, int, float]]:
    """``(pred index, gold index, dice)`` pairs, best overlap first.

    Unit 0 is the prediction as a whole; units 1.. are its pieces. Once a prediction matches as a
    whole (preferred on equal overlap) it takes no more gold rows; once one of its pieces matches, the whole is out, and each
    piece takes at most one gold row. A prediction can therefore appear in several pairs.
    """
    pairs = sorted(((dice(u, g["quote"]), k == 0, i, j, k) for i, p in enumerate(preds)
                    for k, u in enumerate(units(p)) for j, g in enumerate(golds)), reverse=True)
    whole: set[int] = set()
    split: set[int] = set()
    used_pieces: set[tuple[int, int]] = set()
    used_g: set[int] = set()
    out: list[tuple[int, int, float]] = []
    for score, _, i, j, k in pairs:
        if score < threshold:
            break
        if j in used_g or i in whole or (k == 0 and i in split) or (i, k) in used_pieces:
            continue
        if k == 0:
            whole.add(i)
        else:
            split.add(i)
            used_pieces.add((i, k))
        used_g.add(j)
        out.append((i, j, score))
    return out


def speaker_ok(pred: str | None, gold: str | None) -> bool:
    p, g = words(pred), words(gold)
    if not p or not g:
        return False
    return p[-1] == g[-1] or " ".join(p) in " ".join(g) or " ".join(g) in " ".join(p)


def role_ok(pred: str | None, gold: str | None) -> bool:
    g = words(gold)
    p = set(words(pred))
    return bool(g) and sum(w in p for w in g) * 2 > len(g)


@dataclass
class Score:
    """``tp`` counts matched gold rows (recall), ``tp_pred`` matched predictions (precision)."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    tp_pred: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "tp_pred": self.tp_pred, "pred": self.n_pred, "gold": self.n_gold}


@dataclass
class EvalReport:
    scores: dict[str, Score]
    speaker: tuple[int, int] = (0, 0)
    role: tuple[int, int] = (0, 0)
    date: tuple[int, int] = (0, 0)
    misses: list[dict] = field(default_factory=list)
    false_positives: list[dict] = field(default_factory=list)
    wrong_speakers: list[dict] = field(default_factory=list)
    wrong_roles: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        acc = lambda t: round(t[0] / t[1], 4) if t[1] else None  # noqa: E731
        return {"quotes": {k: v.as_dict() for k, v in self.scores.items()},
                "speaker_accuracy": acc(self.speaker), "speaker_n": self.speaker[1],
                "role_accuracy": acc(self.role), "role_n": self.role[1],
                "date_accuracy": acc(self.date), "date_n": self.date[1]}


def load_gold(path: Path) -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = defaultdict(list)
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                g = json.loads(line)
                gold[g["article"]].append(g)
    return gold


def evaluate(pred_by_article: dict[str, list[dict]], gold: dict[str, list[dict]]) -> EvalReport:
    """``pred_by_article`` maps a source id to quote rows (dicts with text, type, speaker, role, said_on,
    and optionally ``pieces``: the text of each part of a quote its attribution interrupts)."""
    report = EvalReport(scores={k: Score() for k in CLASSES})
    sp, ro, da = [0, 0], [0, 0], [0, 0]
    for art in sorted(set(gold) | set(pred_by_article)):
        preds, golds = pred_by_article.get(art, []), gold.get(art, [])
        for cls, types in CLASSES.items():
            p = [x for x in preds if x["type"] in types]
            g = [x for x in golds if x["type"] in types]
            s = report.scores[cls]
            s.n_pred += len(p)
            s.n_gold += len(g)
            m = greedy_match(p, g)
            s.tp += len(m)
            s.tp_pred += len({i for i, _, _ in m})
        matches = greedy_match(preds, golds)
        matched_g = {j for _, j, _ in matches}
        matched_p = {i for i, _, _ in matches}
        for i, j, _ in matches:
            pr, gd = preds[i], golds[j]
            gs = gd.get("speaker")
            if gs and gs.lower() not in PRONOUNS:
                sp[1] += 1
                # gold speakers are canonical names (seeds) or mentions as written (PolNeAR):
                # either the resolved speaker or the mention found in the text may match them
                if speaker_ok(pr.get("speaker"), gs) or speaker_ok(pr.get("speaker_mention"), gs):
                    sp[0] += 1
                else:
                    report.wrong_speakers.append({"article": art, "quote": gd["quote"][:100],
                                                  "gold": gs, "pred": pr.get("speaker"),
                                                  "mention": pr.get("speaker_mention")})
            if gd.get("role"):
                ro[1] += 1
                if role_ok(pr.get("role"), gd["role"]):
                    ro[0] += 1
                else:
                    report.wrong_roles.append({"article": art, "quote": gd["quote"][:100],
                                               "speaker": gs, "gold": gd["role"], "pred": pr.get("role"),
                                               "mention": pr.get("speaker_mention")})
            if gd.get("said_on"):
                da[1] += 1
                da[0] += (pr.get("said_on") or "")[:10] == gd["said_on"][:10]
        report.misses += [{"article": art, **{k: golds[j].get(k) for k in ("type", "quote", "speaker", "cue")}}
                          for j in range(len(golds)) if j not in matched_g]
        report.false_positives += [{"article": art, **{k: preds[i].get(k) for k in ("type", "text", "speaker", "cue")}}
                                   for i in range(len(preds)) if i not in matched_p]
    report.speaker, report.role, report.date = tuple(sp), tuple(ro), tuple(da)
    return report


def evaluate_dataset(version_dir: Path, gold_path: Path) -> EvalReport:
    import polars as pl

    from quotes.dataset import read_table, resolve_version

    vdir = resolve_version(version_dir)
    arts = read_table(vdir, "articles").select("article_id", "source_id", "text")
    texts = dict(zip(arts["article_id"], arts["text"]))
    quotes = read_table(vdir, "quotes").join(arts.drop("text"), on="article_id")
    preds: dict[str, list[dict]] = defaultdict(list)
    for row in quotes.sort("article_id", "start").iter_rows(named=True):
        text = texts[row["article_id"]]
        row["pieces"] = [text[p["start"]:p["end"]] for p in row.get("parts") or ()]
        preds[row["source_id"]].append(row)
    return evaluate(preds, load_gold(gold_path))
