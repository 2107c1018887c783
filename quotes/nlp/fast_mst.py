"""Maximum spanning tree decoding for the dependency parser, without Stanza's recursive Tarjan.

Stanza decodes every sentence with Chu-Liu-Edmonds (``chuliu_edmonds_one_root``), finding the
cycles of each intermediate graph with a general strongly-connected-components search written in
Python; on news that search alone was a quarter of the parser's time. The graph searched is a
*functional* graph (every word has exactly one head), whose only non-trivial components are simple
cycles, found by following heads from each unvisited word: a loop of a few steps per word.

Everything else is Stanza's algorithm with the same arithmetic (the same root reweighting,
contraction and expansion on float64 scores), so the tree is the same maximum single-root tree;
``tests/test_fast_mst.py`` checks it against Stanza's decoder on random and real score matrices.
"""

from __future__ import annotations

import numpy as np


def _one_cycle(tree: np.ndarray) -> np.ndarray | None:
    """A boolean mask of one cycle of the head array ``tree`` (``tree[0] == 0``), or None."""
    heads = tree.tolist()
    n = len(heads)
    state = [0] * n  # 0 unseen, 1 on the current path, 2 finished
    state[0] = 2
    for start in range(1, n):
        if state[start]:
            continue
        path = []
        v = start
        while state[v] == 0:
            state[v] = 1
            path.append(v)
            v = heads[v]
        if state[v] == 1:  # the walk came back onto itself: path[path.index(v):] is a cycle
            mask = np.zeros(n, dtype=bool)
            mask[path[path.index(v):]] = True
            return mask
        for u in path:
            state[u] = 2
    return None


def _prepare(scores: np.ndarray) -> None:
    np.fill_diagonal(scores, -np.inf)
    scores[0] = -np.inf
    scores[0, 0] = 0


def _contract(tree, cycle, scores):
    cycle_locs = np.where(cycle)[0]
    cycle_scores = scores[cycle, tree[cycle]]
    cycle_score = cycle_scores.sum()
    noncycle = ~cycle
    noncycle_locs = np.where(noncycle)[0]
    head_scores = scores[cycle][:, noncycle] - cycle_scores[:, None] + cycle_score
    dep_scores = scores[noncycle][:, cycle]
    metanode_heads = np.argmax(head_scores, axis=0)
    metanode_deps = np.argmax(dep_scores, axis=1)
    n = len(noncycle_locs)
    sub = np.zeros((n + 1, n + 1))
    sub[:n, :n] = scores[noncycle][:, noncycle]
    sub[-1, :-1] = head_scores[metanode_heads, np.arange(n)]
    sub[:-1, -1] = dep_scores[np.arange(n), metanode_deps]
    return sub, cycle_locs, noncycle_locs, metanode_heads, metanode_deps


def _expand(tree, contracted, cycle_locs, noncycle_locs, metanode_heads, metanode_deps):
    cycle_head = contracted[-1]
    contracted = contracted[:-1]
    new_tree = -np.ones_like(tree)
    inside = contracted < len(contracted)
    new_tree[noncycle_locs[inside]] = noncycle_locs[contracted[inside]]
    outside = ~inside
    new_tree[noncycle_locs[outside]] = cycle_locs[metanode_deps[outside]]
    new_tree[cycle_locs] = tree[cycle_locs]
    new_tree[cycle_locs[metanode_heads[cycle_head]]] = noncycle_locs[cycle_head]
    return new_tree


def chuliu_edmonds(scores: np.ndarray) -> np.ndarray:
    """Maximum spanning arborescence of ``scores[dependent, head]`` rooted at 0 (scores altered)."""
    stack = []
    _prepare(scores)
    tree = np.argmax(scores, axis=1)
    cycle = _one_cycle(tree)
    while cycle is not None:
        sub, *rest = _contract(tree, cycle, scores)
        stack.append((tree, *rest))
        scores = sub
        _prepare(scores)
        tree = np.argmax(scores, axis=1)
        cycle = _one_cycle(tree)
    while stack:
        contracted = tree
        tree, *rest = stack.pop()
        tree = _expand(tree, contracted, *rest)
    return tree


def _greedy_tree(scores: np.ndarray) -> np.ndarray | None:
    """Each word's best head, when those choices already form a tree with one root.

    Any tree scores at most the sum of every word's best arc, so a tree made of those arcs is the
    maximum; Stanza's reweighting of root arcs adds the same amount to every single-root tree, so
    it is also the tree Stanza's search returns (barring exactly equal scores).
    """
    masked = scores.copy()
    _prepare(masked)
    tree = np.argmax(masked, axis=1)
    if np.count_nonzero(tree[1:] == 0) != 1 or _one_cycle(tree) is not None:
        return None
    return tree


def chuliu_edmonds_one_root(scores: np.ndarray) -> np.ndarray:
    """Drop-in for ``stanza.models.common.chuliu_edmonds.chuliu_edmonds_one_root``: the best tree
    with exactly one word attached to the root (root arcs reweighted as Stanza does)."""
    scores = scores.astype(np.float64)  # a copy: the caller's array is left alone
    greedy = _greedy_tree(scores)
    if greedy is not None:
        return greedy
    min_score = scores[np.isfinite(scores)].min()
    scores[:, 0] = scores[:, 0] + (min_score * scores.shape[0])
    tree = chuliu_edmonds(scores)
    assert np.count_nonzero(tree[1:] == 0) == 1, "root reweighting should leave exactly one root"
    return tree


def decode_graph_predictions(vocab, batch_size, preds, sentlens, resolve_head_constraints=False):
    """Stanza's ``GraphParser.decode_graph_predictions`` with the faster tree search above.

    The head-constraint repair (two subjects or two objects on one head) is Stanza's own function;
    it only runs its extra tree searches on the sentences that have such a violation.
    """
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse.head_constraints import resolve_head_constraint_violations

    from quotes.nlp.arc_labels import ArcLabels, best_of_trees

    if not resolve_head_constraints and all(isinstance(preds[1][i], ArcLabels)
                                            for i in range(len(sentlens))):
        # every tree first, then their labels in one pass over the batch
        trees = [chuliu_edmonds_one_root(preds[0][i][:n, :n]) for i, n in enumerate(sentlens)]
        labels = best_of_trees([preds[1][i] for i in range(len(sentlens))], trees)
        head_seqs = [tree[1:] for tree in trees]
        deprel_seqs = [vocab.unmap((best + VOCAB_PREFIX_SIZE).tolist()) for best in labels]
        sentences = []
    else:
        head_seqs, deprel_seqs = [], []
        sentences = enumerate(sentlens)
    for i, length in sentences:
        scores = preds[0][i][:length, :length]
        tree = chuliu_edmonds_one_root(scores)
        labels = preds[1][i]
        lazy = isinstance(labels, ArcLabels)
        # with the repair on, this also caches the tree arcs' log-probabilities it reads
        best = labels.best(range(1, length), tree[1:], keep=resolve_head_constraints) if lazy else None
        if resolve_head_constraints:
            label_log_probs = labels if lazy else preds[2][i][:length, :length, :]
            tree, raw_label_ids = resolve_head_constraint_violations(scores, label_log_probs, tree, vocab)
            deprels = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in raw_label_ids])
        elif lazy:
            deprels = vocab.unmap((best + VOCAB_PREFIX_SIZE).tolist())
        else:
            deprels = vocab.unmap([labels[j + 1][h] for j, h in enumerate(tree[1:])])
        head_seqs.append(tree[1:])
        deprel_seqs.append(deprels)
    return [[[head_seqs[i][j], deprel_seqs[i][j]] for j in range(sentlens[i] - 1)]
            for i in range(batch_size)]


def parser_model(pipe):
    """The dependency parser's torch model of a pipeline, or None when it has none."""
    proc = getattr(pipe, "processors", {}).get("depparse")
    return getattr(getattr(proc, "trainer", None), "model", None) if proc is not None else None


def install(pipe) -> bool:
    """Use :func:`decode_graph_predictions` in this pipeline's graph parser (an instance attribute,
    so other pipelines and Stanza itself are untouched). Returns whether a parser was found."""
    model = parser_model(pipe)
    if model is None or not hasattr(model, "decode_graph_predictions"):
        return False
    model.decode_graph_predictions = decode_graph_predictions
    return True
