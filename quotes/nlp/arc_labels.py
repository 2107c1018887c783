"""Relation labels for the arcs of the chosen tree only, instead of for every pair of words.

Stanza's graph parser scores every label for every (dependent, head) pair of a batch: a tensor of
sentences x words x words x 51 labels, which it then reduces twice (an argmax, and a log-softmax
kept for its head-constraint repair) and copies to numpy, although a tree uses one arc per word.
On PolNeAR dev that pairwise work was about a tenth of all parse time (py-spy, one thread).

The label scorer is a biaffine form: ``score[l, m, o] = a[l] W[:, :, o] b[m] + bias[o]``, and a
tree needs it for one head per word: the tree from :mod:`quotes.nlp.fast_mst`, and (only in
sentences the head-constraint repair touches) the other heads of a repaired word. The costly part
is the contraction with ``W`` (hidden x hidden x labels per arc); it is done once per distinct
head, ``W b[m]``, and shared by the head's dependents (a head has about two on average), then
each arc costs one hidden x labels product with ``a[l]``. Computing ``a[l] W`` for every word
first, as Stanza's order would, cost one contraction per word: 8% of all parse time. The arc
scores (unlabeled, linearization, distance) and the tree search are Stanza's own arithmetic, so heads are the same; a label is the same unless two labels
of one arc tie to the last float bits (``tests/test_arc_labels.py`` compares whole parses).
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

    def __init__(self, deps: torch.Tensor, heads: torch.Tensor, weight: torch.Tensor,
                 bias: torch.Tensor, length: int, by_head: torch.Tensor | None = None):
        self._deps = deps  # (length, hidden + 1): a[l]
        self._heads = heads  # (length, hidden + 1): b[m]
        self._weight = weight  # (hidden + 1, hidden + 1, labels)
        self._by_head = by_head if by_head is not None else heads_first(weight)
        self._bias = bias
        self.shape = (length, length, weight.size(-1))
        self._rows: dict[tuple[int, int], np.ndarray] = {}

    def _scores(self, deps_t: torch.Tensor, heads_t: torch.Tensor) -> torch.Tensor:
        if deps_t.numel() and bool((deps_t == deps_t[0]).all()):  # one word, many heads (repair)
            half = torch.einsum("I,IJO->JO", self._deps[deps_t[0]], self._weight)
            return self._heads[heads_t] @ half + self._bias
        return _per_head_scores(self._deps[deps_t], self._heads, heads_t, self)

    def best(self, deps, heads, keep: bool = True) -> np.ndarray:
        """The best label id (without Stanza's vocabulary offset) of each arc ``deps[k] <- heads[k]``:
        the argmax of the raw scores, as Stanza takes it. With ``keep`` their log-probabilities
        are cached for the head-constraint repair, the only reader of them."""
        deps_t = torch.as_tensor(np.asarray(deps, dtype=np.int64))
        heads_t = torch.as_tensor(np.asarray(heads, dtype=np.int64))
        with torch.no_grad():  # the repair may ask after Stanza's no_grad block has ended
            scores = self._scores(deps_t, heads_t)
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


def best_of_trees(labels: list[ArcLabels], trees: list[np.ndarray]) -> list[np.ndarray]:
    """:meth:`ArcLabels.best` for the arcs of every sentence's tree (``tree[d]`` is word ``d``'s
    head; index 0 is the root) in one pass over the batch: the heads of all sentences share one
    matrix product, where one per sentence ran at a few rows each. Nothing is cached (the
    head-constraint repair, which reads the cache, calls ``best`` per sentence)."""
    if not labels:
        return []
    first = labels[0]
    with torch.no_grad():
        deps = torch.cat([lab._deps[1:] for lab in labels])
        offsets = np.cumsum([0] + [lab.shape[0] for lab in labels[:-1]])
        heads = torch.as_tensor(np.concatenate(
            [np.asarray(tree[1:], dtype=np.int64) + off for tree, off in zip(trees, offsets)]))
        if deps.size(0) == 0:
            return [np.zeros(0, dtype=np.int64) for _ in labels]
        head_rows = torch.cat([lab._heads for lab in labels])
        best = _per_head_scores(deps, head_rows, heads, first).argmax(1).numpy()
    return np.split(best, np.cumsum([lab.shape[0] - 1 for lab in labels[:-1]]))


def _per_head_scores(dep_rows, head_rows, heads, labels: ArcLabels) -> torch.Tensor:
    """Scores of arcs ``dep_rows[k] <- head_rows[heads[k]]``: ``W b[m]`` once per distinct head,
    then one hidden x labels product per arc."""
    distinct, which = torch.unique(heads, return_inverse=True)
    hidden, classes = labels._weight.size(0), labels._weight.size(2)
    per_head = (head_rows[distinct] @ labels._by_head).view(-1, hidden, classes)
    return torch.bmm(dep_rows.unsqueeze(1), per_head[which]).squeeze(1) + labels._bias


def heads_first(weight: torch.Tensor) -> torch.Tensor:
    """``W`` (dep hidden x head hidden x labels) as head hidden x (dep hidden * labels), contiguous,
    so that ``b[m] W`` for many heads is one matrix product."""
    return weight.permute(1, 0, 2).reshape(weight.size(1), -1).contiguous()


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


def _label_vectors(scorer, x):
    """A ``DeepBiaffineScorer``'s dependent vectors ``a`` and head vectors ``b`` (each with the
    bias column of ones its ``PairwiseBiaffineScorer`` appends), its weight and its bias."""
    a = scorer.hidden_func(scorer.W1(x))
    b = scorer.hidden_func(scorer.W2(x))
    a = torch.cat([a, a.new_ones(*a.size()[:-1], 1)], -1)
    b = torch.cat([b, b.new_ones(*b.size()[:-1], 1)], -1)
    bilinear = scorer.scorer.W_bilin
    return a, b, bilinear.weight, bilinear.bias


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
        a, b, weight, bias = _label_vectors(m.deprel, x)
        by_head = heads_first(weight)
        labels = [ArcLabels(a[i, :n], b[i, :n], weight, bias, n, by_head)
                  for i, n in enumerate(sentlens)]
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
