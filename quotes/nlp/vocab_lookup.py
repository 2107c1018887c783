"""Stanza's vocabulary lookups (``BaseVocab.map`` and ``unmap``) as one comprehension each.

Every processor turns each batch's words, characters and tags into ids with ``vocab.map`` and
its predictions back into strings with ``vocab.unmap``; both call a per-unit method
(``unit2id`` -> ``normalize_unit`` -> two dict probes) for every character of every word. Measured
with py-spy on PolNeAR dev (one thread), ``map`` alone was 4.5% of all parse CPU.

The stand-ins here inline those per-unit methods for the classes whose methods they copy exactly:

- ``normalize_unit`` of ``BaseVocab`` (``None`` stays, else lower-cased when ``lower``) or of
  ``PretrainedWordVocab`` (that, then spaces to no-break spaces for a non-empty unit);
- ``unit2id`` of ``BaseVocab`` (unknown units to ``<UNK>``) or of the tagger's ``WordVocab``
  (units in ``ignore`` to ``<EMPTY>`` first);
- ``id2unit`` of ``BaseVocab`` or of ``WordVocab`` (``<EMPTY>`` back to ``_`` when ``ignore``).

Any other class, an instance with its own method (such as :func:`stanza_speedups.cached_id2unit`),
or a vocabulary without ``<UNK>`` goes to Stanza's own method, so every id and string is the one
Stanza returns; ``tests/test_vocab_lookup.py`` checks each vocabulary of the shipped pipeline and
whole parses. The patch is on the class, process-wide, because the lemmatizer builds a new
vocabulary for each document; it only makes other pipelines in the process faster.
"""

from __future__ import annotations

_ORIGINAL: dict[str, object] = {}
_KINDS: dict[type, tuple[str | None, str | None, str | None]] = {}


def _kinds(cls: type) -> tuple[str | None, str | None, str | None]:
    """(normalize, unit2id, id2unit) of ``cls`` as "base"/"pretrained"/"word", None if another."""
    if cls not in _KINDS:
        from stanza.models.common.pretrain import PretrainedWordVocab
        from stanza.models.common.vocab import BaseVocab
        from stanza.models.pos.vocab import WordVocab

        def which(name: str, options: dict) -> str | None:
            method = getattr(cls, name, None)
            return next((kind for kind, owner in options.items() if method is owner.__dict__[name]), None)

        _KINDS[cls] = (which("normalize_unit", {"base": BaseVocab, "pretrained": PretrainedWordVocab}),
                       which("unit2id", {"base": BaseVocab, "word": WordVocab}),
                       which("id2unit", {"base": BaseVocab, "word": WordVocab}))
    return _KINDS[cls]


_MISSING = object()


def fast_map(self, units):
    """``BaseVocab.map``: the id of each unit, unknown units to ``<UNK>``'s id."""
    from stanza.models.common.vocab import EMPTY, UNK

    normalize, unit2id, _ = _kinds(type(self))
    table = self._unit2id
    unk = table.get(UNK, _MISSING)
    if normalize is None or unit2id is None or unk is _MISSING or "unit2id" in self.__dict__ \
            or "normalize_unit" in self.__dict__:
        return _ORIGINAL["map"](self, units)
    get = table.get
    ignore = self.ignore if unit2id == "word" else None
    if normalize == "base" and not ignore:
        if self.lower:
            return [get(u if u is None else u.lower(), unk) for u in units]
        return [get(u, unk) for u in units]
    lower, pretrained, out = self.lower, normalize == "pretrained", []
    for u in units:
        if ignore and u in ignore:
            out.append(table[EMPTY])
            continue
        if u is not None and lower:
            u = u.lower()
        if pretrained and u:
            u = u.replace(" ", "\xa0")
        out.append(get(u, unk))
    return out


def fast_unmap(self, ids):
    """``BaseVocab.unmap``: the unit of each id (``_`` for ``<EMPTY>`` where ``WordVocab`` says so)."""
    from stanza.models.common.vocab import EMPTY_ID

    _, _, id2unit = _kinds(type(self))
    if id2unit is None or "id2unit" in self.__dict__:
        return _ORIGINAL["unmap"](self, ids)
    units = self._id2unit
    if id2unit == "word" and len(self.ignore) > 0:
        return ["_" if x == EMPTY_ID else units[x] for x in ids]
    return [units[x] for x in ids]


def install() -> bool:
    """Put the stand-ins on ``BaseVocab`` (idempotent); True if they were not there before."""
    from stanza.models.common.vocab import BaseVocab

    if BaseVocab.map is fast_map:
        return False
    _ORIGINAL["map"], _ORIGINAL["unmap"] = BaseVocab.map, BaseVocab.unmap
    BaseVocab.map, BaseVocab.unmap = fast_map, fast_unmap
    return True


def uninstall() -> None:
    """Give ``BaseVocab`` Stanza's own methods back (the tests compare with and without)."""
    from stanza.models.common.vocab import BaseVocab

    if BaseVocab.map is fast_map:
        BaseVocab.map, BaseVocab.unmap = _ORIGINAL["map"], _ORIGINAL["unmap"]
