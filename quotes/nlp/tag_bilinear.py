"""The tagger's XPOS and feature classifiers as one matrix product per classifier.

Stanza's tagger predicts XPOS and each of 21 morphological features with a biaffine classifier
conditioned on the word's predicted UPOS: ``score[o] = h W[o] p + b[o]``, where ``p`` is the
embedding of that UPOS (plus a constant 1). ``torch.nn.Bilinear`` computes the full
hidden x embedding x outputs product for every word, 22 calls per batch; on PolNeAR dev that was
about 4% of all parse time (py-spy, one thread).

There are only as many distinct ``p`` as UPOS tags (21), so ``W p`` is a fixed matrix per tag,
computed once when installed: each classifier becomes one product of the words' hidden vectors
with all 21 matrices and a pick of the word's own tag, 2.4x fewer multiply-adds in one kernel. The
arithmetic is regrouped, so a score can differ from Stanza's in its last float bits; a tag changes
only if two tags tie to that precision (``tests/test_tag_bilinear.py`` compares whole parses).
"""

from __future__ import annotations

import torch


class _PerTagForward:
    """``BiaffineScorer.forward(hid, parent)`` for a parent that is an embedded UPOS tag."""

    def __init__(self, scorer, tagger):
        self.scorer = scorer
        self.tagger = tagger
        bilinear = scorer.W_bilin
        table = tagger.upos_emb.weight.detach()
        table = torch.cat([table, table.new_ones(table.size(0), 1)], 1)  # (tags, J)
        # per_tag[t, o, i] = sum_j W[o, i, j] table[t, j]
        per_tag = torch.einsum("oij,tj->toi", bilinear.weight.detach(), table)
        self.tags, self.outputs = per_tag.size(0), per_tag.size(1)
        self.flat = per_tag.reshape(-1, per_tag.size(2)).t().contiguous()  # (I, tags * O)
        self.bias = bilinear.bias.detach()
        self.original = type(scorer).forward.__get__(scorer)

    def __call__(self, hid, parent):
        ids = getattr(self.tagger, "_quotes_upos_ids", None)
        if self.scorer.training or ids is None or ids.size(0) != hid.size(0):
            return self.original(hid, parent)
        hid = torch.cat([hid, hid.new_ones(hid.size(0), 1)], 1)
        scores = (hid @ self.flat).view(-1, self.tags, self.outputs)
        return scores[torch.arange(hid.size(0)), ids] + self.bias


class _ParentRepresentation:
    """``Tagger.parent_representation`` that also leaves the predicted UPOS ids on the tagger."""

    def __init__(self, tagger):
        self.tagger = tagger
        self.original = type(tagger).parent_representation.__get__(tagger)

    def __call__(self, name, hids, tag_scores, gold):
        t = self.tagger
        t._quotes_upos_ids = None
        if not t.training and tuple(t.column_parents[name]) == ("upos",):
            t._quotes_upos_ids = tag_scores["upos"].max(1)[1]
            return t.upos_emb(t._quotes_upos_ids)
        return self.original(name, hids, tag_scores, gold)


def _tagger(pipe):
    proc = getattr(pipe, "processors", {}).get("pos")
    trainer = getattr(proc, "trainer", None) or getattr(proc, "_trainer", None)
    return getattr(trainer, "model", None)


def install(pipe) -> int:
    """Use per-tag classifiers in this pipeline's tagger; returns how many classifiers changed
    (0 for a tagger not conditioned on an embedded UPOS)."""
    from stanza.models.common.biaffine import BiaffineScorer

    model = _tagger(pipe)
    if model is None or "parent_representation" in vars(model) or not hasattr(model, "upos_emb"):
        return 0
    if getattr(model, "share_hid", True) or getattr(model, "link_mode", None) != "tag_emb":
        return 0
    changed = 0
    for name, clf in model.tag_clf.items():
        if tuple(model.column_parents[name]) != ("upos",):
            continue
        for scorer in (clf if isinstance(clf, torch.nn.ModuleList) else [clf]):
            if isinstance(scorer, BiaffineScorer):
                scorer.forward = _PerTagForward(scorer, model)
                changed += 1
    if changed:
        model.parent_representation = _ParentRepresentation(model)
    return changed


def uninstall(pipe) -> None:
    model = _tagger(pipe)
    if model is None or "parent_representation" not in vars(model):
        return
    del model.parent_representation
    for module in model.modules():
        if isinstance(vars(module).get("forward"), _PerTagForward):
            del module.forward
