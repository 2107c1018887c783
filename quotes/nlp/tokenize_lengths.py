"""The tokenizer's LSTMs read each paragraph's own characters, not its batch's padding.

Stanza's tokenizer batches paragraphs sorted by length. A batch whose paragraphs fit in one window
(1,000 characters) is packed at each row's length plus one ``<PAD>``. A batch holding a longer
paragraph is predicted window by window (``tokenization.utils.predict``), and from the second
window on every row is padded to the longest remaining one and packed at that width: a paragraph
that ends in the window is read on through hundreds of ``<PAD>``, and a paragraph finished
windows ago is run again as a row of nothing but padding, once per window. On 40 PolNeAR dev
articles the model read 560k positions for 231k characters.

The padding also reached the characters: the backward LSTM starts at a row's packed end, and the
scores at a paragraph's last characters after one ``<PAD>`` and after hundreds differ by up to 4.5
(log-probability), enough to split a token differently. How many a paragraph got depended on the
other paragraphs of its batch, so on which articles shared a Stanza call.

:func:`install` gives the pipeline's tokenizer trainer a ``predict`` that packs every row that
ends in the window at its length plus :data:`TRAILING_PADS` (what the one-window path always gave
it), a row cut by the window at the window (as Stanza reads it), and skips rows with nothing left.
Scores past a row's end are zeros, positions Stanza's caller never reads. On 434 texts (PolNeAR
dev, seeds, examples, gum-news, EWT and GUM dev documents, 643k characters) the tokens and
sentences are those of Stanza with one article per call, and no longer change with the batch.
"""

from __future__ import annotations

import numpy as np
import torch

PAD = "<PAD>"
# Padding read after the end of every paragraph: one, as Stanza's one-window path reads it (with 16
# or more, 26 of the 434 texts above tokenize differently; it does not settle to a fixed state).
TRAILING_PADS = 1


def real_length(row) -> int:
    """Characters before the first ``<PAD>`` (padding is only ever trailing)."""
    try:
        return row.index(PAD)
    except ValueError:
        return len(row)


class _Predict:
    """``tokenization.Trainer.predict`` with each row packed at its real length plus
    :data:`TRAILING_PADS` of padding where its paragraph ends."""

    def __init__(self, trainer, window: int):
        self.trainer = trainer
        self.window = window

    def __call__(self, inputs):
        model = self.trainer.model
        model.eval()
        units, _, features, text = inputs
        batch, width = units.shape[0], units.shape[1]
        lengths = [real_length(row) for row in text]
        # A row that fills a full window may go on past it (Stanza cut it there): no padding, as
        # Stanza reads it. Every other row ends its paragraph here and gets the same padding.
        cut = width >= self.window
        padded = [n if n == 0 or (cut and n == width) else n + TRAILING_PADS for n in lengths]
        order = sorted((i for i, n in enumerate(lengths) if n > 0), key=lambda i: -padded[i])
        classes = 5 if model.args["use_mwt"] else 3  # as the model's last torch.cat
        out = np.zeros((batch, width, classes), dtype=np.float32)
        if not order:
            return out
        longest = padded[order[0]]
        pad_id = self.trainer.vocab.unit2id(PAD)
        rows = torch.full((len(order), longest), pad_id, dtype=units.dtype)
        feats = torch.zeros((len(order), longest, features.shape[2]), dtype=features.dtype)
        raw = []
        for k, i in enumerate(order):
            n = lengths[i]
            rows[k, :n] = units[i, :n]
            feats[k, :n] = features[i, :n]
            raw.append(list(text[i][:n]) + [PAD] * (padded[i] - n))
        pred = model(rows, feats, [padded[i] for i in order], raw).data.cpu().numpy()
        for k, i in enumerate(order):
            n = lengths[i]
            out[i, :n] = pred[k, :n]
        return out


def install(pipe) -> bool:
    """Pack the tokenizer's rows at their own lengths in this pipeline (an instance attribute of its
    trainer: other pipelines and Stanza itself are untouched). Returns whether it was installed."""
    proc = pipe.processors.get("tokenize")
    trainer = getattr(proc, "trainer", None)
    if trainer is None or getattr(trainer, "model", None) is None or "predict" in vars(trainer):
        return False
    if getattr(trainer.model, "charmodel", None) is not None:  # reads raw rows: not covered here
        return False
    window = max(1000, int(proc.config.get("max_seqlen", 1000)))  # as output_predictions
    trainer.predict = _Predict(trainer, window)
    return True


def uninstall(pipe) -> None:
    proc = pipe.processors.get("tokenize")
    trainer = getattr(proc, "trainer", None)
    if trainer is not None and "predict" in vars(trainer):
        del trainer.predict
