"""Faster stand-ins for five slow spots of Stanza's inference, each computing the same values.

Measured on PolNeAR dev with one thread (py-spy, ``benchmarks/bench_throughput.py``):

- :func:`get_long_tensor` (Stanza's ``common.data.get_long_tensor``) fills each padded id tensor
  row by row from Python lists, about 5% of all parse time; here one numpy fill per tensor. The
  ids are integers, so the tensors are equal element for element. Stanza's modules import the
  function by name, so every module that holds the original gets this one (process-wide; the
  function is pure, so other pipelines in the process only get faster).
- :func:`dedup_char_model` makes a character model (the per-word character LSTM of the tagger,
  the parser and NER) compute each distinct word of a batch once and copy it to every token of
  that word: a word's character representation depends on its characters alone, and in news
  text about half the tokens of a batch repeat an earlier word ("the", "said", names).
- :func:`cached_id2unit` memoizes the tagger's feature-bundle vocabulary (``CompositeVocab``),
  which rebuilds a string like ``Number=Sing|Person=3`` from ids for every word it tags.
- :func:`install_lemma_doc_loader`: ``LemmaProcessor.process`` builds a ``DataLoader`` over every
  word of the document (character ids, a document-wide character vocabulary) and, when the
  dictionary answers first (``ensemble_dict``, our config), reads nothing of it but the document;
  the words the dictionary does not know get a second ``DataLoader``, which is the one the model
  reads. That first one becomes a holder of the document.

- :func:`document_get` (``Document.get``, how every processor reads the words' fields, about 2%
  of parse CPU) reads each word's fields with one ``operator.attrgetter`` call instead of a
  Python loop of ``getattr``; same properties read, same lists returned. Class-wide, like the loader.

``install(pipe)`` applies all five to a pipeline; ``tests/test_stanza_speedups.py`` checks each
against Stanza's own function and parses with and without them.
"""

from __future__ import annotations

import sys
from itertools import chain
from operator import attrgetter

import numpy as np
import torch
from torch.nn.utils.rnn import pack_padded_sequence, pack_sequence, pad_packed_sequence, PackedSequence


def _original_get_long_tensor():
    from stanza.models.common import data

    return getattr(data.get_long_tensor, "__wrapped__", data.get_long_tensor)


def get_long_tensor(tokens_list, batch_size, pad_id=None):
    """Stanza's ``get_long_tensor``: (lists of) ids to a LongTensor padded with ``pad_id``.

    Rows of ids (the common case) are filled with one numpy assignment; anything deeper goes to
    Stanza's own version."""
    from stanza.models.common import seq2seq_constant as constant

    if pad_id is None:
        pad_id = constant.PAD_ID
    if not tokens_list or any(not isinstance(row, list) or (row and isinstance(row[0], list))
                              for row in tokens_list):
        return _original_get_long_tensor()(tokens_list, batch_size, pad_id)
    lengths = np.fromiter((len(row) for row in tokens_list), dtype=np.int64, count=len(tokens_list))
    width = int(lengths.max())
    out = np.full((batch_size, width), pad_id, dtype=np.int64)
    flat = np.fromiter(chain.from_iterable(tokens_list), dtype=np.int64, count=int(lengths.sum()))
    out[:len(tokens_list)][np.arange(width) < lengths[:, None]] = flat
    return torch.from_numpy(out)


get_long_tensor.__wrapped__ = None  # set by install_get_long_tensor


def install_get_long_tensor() -> int:
    """Point every loaded Stanza module that holds the original function at :func:`get_long_tensor`
    (they import it by name); returns how many modules were changed."""
    from stanza.models.common import data

    original = data.get_long_tensor
    if original is get_long_tensor:
        return 0
    get_long_tensor.__wrapped__ = original
    count = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("stanza.") and getattr(module, "get_long_tensor", None) is original:
            module.get_long_tensor = get_long_tensor
            count += 1
    return count


def dedup_char_model(charmodel) -> None:
    """Make one ``CharacterModel`` instance run its LSTM once per distinct word of a batch."""
    charmodel.forward = _DedupForward(charmodel)


class _DedupForward:
    """``CharacterModel.forward`` over the distinct rows of the character id matrix.

    The rows come in sorted by length (longest first), padded with id 0; distinct rows are found
    with ``torch.unique``, sorted by length again for packing, run exactly as Stanza runs all rows,
    and copied back to every row they stand for."""

    def __init__(self, model):
        self.model = model

    def __call__(self, chars, chars_mask, word_orig_idx, sentlens, wordlens):
        from stanza.models.common.utils import tensor_unsort

        m = self.model
        uniq, inverse = torch.unique(chars, dim=0, return_inverse=True)
        first = torch.full((uniq.size(0),), chars.size(0), dtype=torch.long)
        first.scatter_reduce_(0, inverse, torch.arange(chars.size(0)), reduce="amin")
        lens = torch.as_tensor(wordlens)[first]
        order = torch.argsort(lens, descending=True, stable=True)
        rows, row_lens = uniq[order], lens[order].tolist()
        embs = m.dropout(m.char_emb(rows))
        batch = embs.size(0)
        embs = pack_padded_sequence(embs, row_lens, batch_first=True)
        layers = m.num_dir * m.args["char_num_layers"]
        output = m.charlstm(embs, row_lens, hx=(
            m.charlstm_h_init.expand(layers, batch, m.args["char_hidden_dim"]).contiguous(),
            m.charlstm_c_init.expand(layers, batch, m.args["char_hidden_dim"]).contiguous()))
        if m.attn:
            char_reps = output[0]
            weights = torch.sigmoid(m.char_attn(m.dropout(char_reps.data)))
            char_reps = PackedSequence(char_reps.data * weights, char_reps.batch_sizes)
            char_reps, _ = pad_packed_sequence(char_reps, batch_first=True)
            res = char_reps.sum(1)
        else:
            h, _ = output[1]
            res = h[-2:].transpose(0, 1).contiguous().view(batch, -1)
        res = res[torch.argsort(order)][inverse]
        res = tensor_unsort(res, word_orig_idx)
        res = pack_sequence(res.split(sentlens))
        if m.pad:
            res = pad_packed_sequence(res, batch_first=True)[0]
        return res


def cached_id2unit(vocab) -> None:
    """Memoize ``vocab.id2unit`` (a ``CompositeVocab``) on this instance: same ids, same string."""
    original = vocab.id2unit
    cache: dict = {}

    def id2unit(ids):
        # The tagger passes lists of Python ints (``pred.tolist()``): their tuple is the key as is.
        if type(ids) is list and ids and type(ids[0]) is int:
            key = tuple(ids)
        else:
            key = tuple(int(x) for x in ids) if hasattr(ids, "__iter__") else int(ids)
        if key not in cache:
            cache[key] = original(ids)
        value = cache[key]
        return list(value) if isinstance(value, list) else value

    id2unit.cache = cache
    vocab.id2unit = id2unit


def document_get(self, fields, as_sentences=False, from_token=False):
    """``Document.get``: the named fields of every word (or token), as one list or per sentence."""
    if isinstance(fields, str):
        fields = [fields]
    assert isinstance(fields, list), "Must provide field names as a list."
    assert len(fields) >= 1, "Must have at least one field."
    read = attrgetter(*fields)
    single = len(fields) == 1
    results = []
    for sentence in self.sentences:
        units = sentence.tokens if from_token else sentence.words
        current = [read(unit) for unit in units] if single else [list(read(unit)) for unit in units]
        if as_sentences:
            results.append(current)
        else:
            results += current
    return results


def install_document_get() -> bool:
    """Give Stanza's ``Document`` :func:`document_get`; True if it was not there before."""
    from stanza.models.common.doc import Document

    if Document.get is document_get:
        return False
    document_get.__wrapped__ = Document.get
    Document.get = document_get
    return True


class _DocumentOnly:
    """All that ``LemmaProcessor.process`` reads of its first ``DataLoader`` in dictionary-first mode."""

    def __init__(self, doc):
        self.doc = doc


def _lemma_loader(original):
    def loader(doc, batch_size, args, vocab=None, evaluation=False, conll_only=False, skip=None,
               expand_unk_vocab=False):
        if (evaluation and skip is None and not conll_only and vocab is not None
                and (args.get("ensemble_dict") or args.get("dict_only"))):
            return _DocumentOnly(doc)
        return original(doc, batch_size, args, vocab=vocab, evaluation=evaluation, conll_only=conll_only,
                        skip=skip, expand_unk_vocab=expand_unk_vocab)

    loader.__wrapped__ = original
    return loader


def install_lemma_doc_loader() -> bool:
    """Give ``stanza.pipeline.lemma_processor`` the loader above (process-wide, like
    :func:`install_get_long_tensor`); True if it was not there before."""
    from stanza.pipeline import lemma_processor

    if hasattr(lemma_processor.DataLoader, "__wrapped__"):
        return False
    lemma_processor.DataLoader = _lemma_loader(lemma_processor.DataLoader)
    return True


def uninstall(pipe) -> None:
    """Undo :func:`install` (the tests compare parses with and without the stand-ins)."""
    from stanza.pipeline import lemma_processor

    lemma_processor.DataLoader = getattr(lemma_processor.DataLoader, "__wrapped__", lemma_processor.DataLoader)
    from stanza.models.common.doc import Document

    if Document.get is document_get:
        Document.get = document_get.__wrapped__
    original = get_long_tensor.__wrapped__
    if original is not None:  # stanza.models.common.data is among the modules changed back
        for name, module in list(sys.modules.items()):
            if name.startswith("stanza.") and getattr(module, "get_long_tensor", None) is get_long_tensor:
                module.get_long_tensor = original
    for module, vocab in _targets(pipe):
        if module is not None and "forward" in module.__dict__:
            del module.forward
        if vocab is not None and "id2unit" in vocab.__dict__:
            del vocab.id2unit


def _targets(pipe):
    """(character model, None) and (None, feature vocabulary) pairs of ``pipe``'s processors."""
    from stanza.models.common.char_model import CharacterModel
    from stanza.models.common.vocab import CompositeVocab

    for proc in pipe.processors.values():
        trainer = getattr(proc, "trainer", None) or getattr(proc, "_trainer", None)
        model = getattr(trainer, "model", None)
        if model is not None:
            for module in model.modules():
                if isinstance(module, CharacterModel):
                    yield module, None
        vocab = getattr(trainer, "vocab", None)
        for v in (vocab._vocabs.values() if hasattr(vocab, "_vocabs") else ()):
            if isinstance(v, CompositeVocab):
                yield None, v


def install(pipe) -> dict[str, int]:
    """Apply the four stand-ins to ``pipe``; returns what was changed (idempotent)."""
    done = {"get_long_tensor": install_get_long_tensor(), "char_models": 0, "vocabs": 0,
            "lemma_doc_loader": int(install_lemma_doc_loader()), "document_get": int(install_document_get())}
    for module, vocab in _targets(pipe):
        if module is not None and "forward" not in module.__dict__:
            dedup_char_model(module)
            done["char_models"] += 1
        if vocab is not None and "id2unit" not in vocab.__dict__:
            cached_id2unit(vocab)
            done["vocabs"] += 1
    return done
