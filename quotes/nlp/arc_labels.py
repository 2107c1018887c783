"""Relation labels for the arcs of the chosen tree only, instead of for every pair of words.

Stanza's graph parser scores every label for every (dependent, head) pair of a batch: a tensor of
sentences x words x words x 51 labels, which it then reduces twice (an argmax, and a log-softmax
kept for its head-constraint repair) and copies to numpy, although a tree uses one arc per word.
On PolNeAR dev that pairwise work was about a tenth of all parse time (py-spy, one thread).

The label scorer is a biaffine form: ``score[l, m, o] = a[l] W[:, :, o] b[m] + bias[o]``. Its first
half, ``a[l] W`` (words x hidden x labels), costs the same whichever head is chosen, so it is
computed as Stanza computes it; the second half is computed only for the arcs asked for: the tree
from :mod:`quotes.nlp.fast_mst`, and (only in sentences the head-constraint repair touches) the
other heads of a repaired word. The arc scores (unlabeled, linearization, distance) and the tree
search are Stanza's own arithmetic, so heads are the same; a label is the same unless two labels
of one arc tie to the last float bit (``tests/test_arc_labels.py`` compares whole parses).
"""

from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F


class ArcLabels:
    """Label log-probabilities of one sentence's arcs, computed on first use.

    Indexing follows Stanza's ``label_log_probs[dep, head]`` (a row over labels) and
    ``label_log_probs[dep, head, label]`` (one value), so Stanza's head-constraint repair can use
    it unchanged."""

    def __init__(self, half: torch.Tensor, heads: torch.Tensor, bias: torch.Tensor, length: int):
        self._half = half  # (length, hidden + 1, labels): a[l] W
        self._heads = heads  # (length, hidden + 1): b[m]
        self._bias = bias
        self.shape = (length, length, half.size(-1))
        self._rows: dict[tuple[int, int], np.ndarray] = {}

    def best(self, deps, heads, keep: bool = True) -> np.ndarray:
        """The best label id (without Stanza's vocabulary offset) of each arc ``deps[k] <- heads[k]``:
        the argmax of the raw scores, as Stanza takes it. With ``keep`` their log-probabilities
        are cached for the head-constraint repair, the only reader of them."""
        deps_t = torch.as_tensor(np.asarray(deps, dtype=np.int64))
        heads_t = torch.as_tensor(np.asarray(heads, dtype=np.int64))
        with torch.no_grad():  # the repair may ask after Stanza's no_grad block has ended
            scores = torch.einsum("dIO,dI->dO", self._half[deps_t], self._heads[heads_t]) + self._bias
            if keep:
                logp = F.log_softmax(scores, 1).numpy()
                for k, (d, h) in enumerate(zip(deps_t.tolist(), heads_t.tolist())):
                    self._rows[(d, h)] = logp[k]
        return scores.argmax(1).numpy()

    def __getitem__(self, key):
        dep, head, *label = key
        row = self._rows.get((int(dep), int(head)))
        if row is None:  # the repair asks for every head of one word: score them together
            length = self.shape[0]
            self.best([int(dep)] * length, range(length))
            row = self._rows[(int(dep), int(head))]
        return row[label[0]] if label else row


def _unlabeled_scores(model, x, word, head):
    """Stanza's ``GraphParser.forward_scores`` arc scores, same operations in the same order."""
    unlabeled = model.unlabeled(x, x).squeeze(3)
    offset = None
    if model.args["linearization"] or model.args["distance"]:
        size = word.size(1)
        offset = (torch.arange(size).view(1, 1, -1).expand(word.size(0), -1, -1)
                  - torch.arange(size).view(1, -1, 1).expand(word.size(0), -1, -1))
    if model.args["linearization"]:
        lin = model.linearization(x, x).squeeze(3)
        unlabeled += F.logsigmoid(lin * torch.sign(offset).float()).detach()
    if model.args["distance"]:
        dist = model.distance(x, x).squeeze(3)
        pred = 1 + F.softplus(dist)
        unlabeled += (-torch.log((torch.abs(offset).float() - pred) ** 2 / 2 + 1)).detach()
    diag = torch.eye(head.size(-1) + 1, dtype=torch.bool).unsqueeze(0)
    unlabeled.masked_fill_(diag, -float("inf"))
    return unlabeled


def _label_halves(scorer, x):
    """The head-independent half ``a W`` of a ``DeepBiaffineScorer`` and the heads' vectors ``b``."""
    a = scorer.hidden_func(scorer.W1(x))
    b = scorer.hidden_func(scorer.W2(x))
    a = torch.cat([a, a.new_ones(*a.size()[:-1], 1)], -1)
    b = torch.cat([b, b.new_ones(*b.size()[:-1], 1)], -1)
    bilinear = scorer.scorer.W_bilin
    return torch.einsum("NLI,IJO->NLJO", a, bilinear.weight), b, bilinear.bias


class _Predict:
    """``GraphParser.predict`` with labels scored per chosen arc (inference only)."""

    def __init__(self, model):
        self.model = model
        self.original = type(model).predict.__get__(model)

    def __call__(self, word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained,
                 lemma, head, deprel, word_orig_idx, sentlens, wordlens, text,
                 resolve_head_constraints=False):
        from quotes.nlp import fast_mst

        m = self.model
        reads_lazy = vars(m).get("decode_graph_predictions") is fast_mst.decode_graph_predictions
        if m.training or m.args.get("use_arc_embedding") or not reads_lazy:
            return self.original(word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats,
                                 pretrained, lemma, head, deprel, word_orig_idx, sentlens, wordlens,
                                 text, resolve_head_constraints=resolve_head_constraints)
        out = m.embed(word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats, pretrained,
                      lemma, head, deprel, word_orig_idx, sentlens, wordlens, text)
        x = m.drop(out)
        arc_logp = F.log_softmax(_unlabeled_scores(m, x, word, head), 2).detach().cpu().numpy()
        half, b, bias = _label_halves(m.deprel, x)
        labels = [ArcLabels(half[i, :n], b[i, :n], bias, n) for i, n in enumerate(sentlens)]
        return m.decode_graph_predictions(m.vocab["deprel"], word.size(0), [arc_logp, labels, labels],
                                          sentlens, resolve_head_constraints=resolve_head_constraints)


def install(pipe) -> bool:
    """Score labels per chosen arc in this pipeline's graph parser (an instance attribute: other
    pipelines and Stanza itself are untouched). Takes effect while :func:`quotes.nlp.fast_mst.install`
    is in place (its decoder reads :class:`ArcLabels`; Stanza's cannot). Returns whether a parser
    was changed."""
    from quotes.nlp.fast_mst import parser_model

    model = parser_model(pipe)
    if model is None or not hasattr(model, "deprel") or "predict" in vars(model):
        return False
    model.predict = _Predict(model)
    return True


def uninstall(pipe) -> None:
    from quotes.nlp.fast_mst import parser_model

    model = parser_model(pipe)
    if model is not None and "predict" in vars(model):
        del model.predict
