"""The one place that builds a ``stanza.Pipeline``: the embedded models by default, official ones on request.

The embedded models ship inside the package (``quotes/models/<model-id>/``) and are loaded with
``download_method=None`` so nothing ever touches the network. Official Stanza models are used
when asked for (``model="official"``), from ``stanza_dir`` or ``$STANZA_RESOURCES_DIR``.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from quotes.nlp.datelines import separate_datelines
from quotes.types import ParsedDoc, Sentence, Token

PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
MODEL_FILE = {p: f"{p}.pt" for p in PROCESSORS}
# Word vectors shared by the processors trained with them (quotes.nlp.static_vectors).
VECTORS_FILE = "vectors.pt"
VECTOR_PROCESSORS = ("pos", "depparse", "ner")


class ModelNotFoundError(RuntimeError):
    """Raised with instructions when the requested models are not on disk."""


@dataclass(frozen=True)
class ModelInfo:
    model_id: str
    kind: str  # "embedded" | "official"
    path: str
    sha256: str  # over the weight files, so caches and manifests change when weights change
    stanza_version: str


def models_root() -> Path:
    return Path(str(resources.files("quotes") / "models"))


def embedded_model_ids() -> list[str]:
    root = models_root()
    return sorted(p.name for p in root.iterdir() if (p / "manifest.json").exists()) if root.exists() else []


def default_model_id() -> str:
    ids = embedded_model_ids()
    if not ids:
        raise ModelNotFoundError(
            f"No embedded model found under {models_root()}. Reinstall quotes, or train one with "
            "`quotes models train --ud-dir ../shared/ud`.")
    return ids[-1]


def load_manifest(model_dir: Path) -> dict:
    return json.loads((model_dir / "manifest.json").read_text(encoding="utf-8"))


def _files_sha256(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(f.name.encode())
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def resolve_stanza_dir(stanza_dir: str | os.PathLike | None) -> Path:
    if stanza_dir:
        return Path(stanza_dir).expanduser()
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env).expanduser()
    from stanza.resources.common import DEFAULT_MODEL_DIR
    return Path(DEFAULT_MODEL_DIR)


def _official_missing_message(directory: Path) -> str:
    return (
        f"Official Stanza English models were not found in {directory}.\n"
        "Download them on a machine with internet access:\n"
        f"    python -c \"import stanza; stanza.download('en', model_dir='{directory}', "
        "processors='tokenize,mwt,pos,lemma,depparse,ner')\"\n"
        "then pass --stanza-dir DIR (or set STANZA_RESOURCES_DIR). "
        "Without them, use the embedded model (the default, --model embedded).")


def _build_embedded(model_id: str | None) -> tuple[object, ModelInfo]:
    import stanza

    model_id = model_id or default_model_id()
    model_dir = models_root() / model_id
    if not (model_dir / "manifest.json").exists():
        raise ModelNotFoundError(
            f"Unknown embedded model {model_id!r}; available: {', '.join(embedded_model_ids()) or 'none'}")
    files = {p: model_dir / MODEL_FILE[p] for p in PROCESSORS if (model_dir / MODEL_FILE[p]).exists()}
    processors = [p for p in PROCESSORS if p in files]
    kwargs = {f"{p}_model_path": str(f) for p, f in files.items()}
    kwargs.update(vector_paths(model_dir))
    # resources.json is a stub ({}): it tells Stanza there is nothing to download or look up,
    # and Stanza then warns that "en" is unknown to it; that warning is expected, so muted.
    stanza_log = logging.getLogger("stanza")
    level = stanza_log.level
    stanza_log.setLevel(logging.ERROR)
    try:
        pipe = _embedded_pipeline(stanza, model_dir, processors, kwargs)
    finally:
        stanza_log.setLevel(level)
    weights = list(files.values()) + [model_dir / VECTORS_FILE] * (model_dir / VECTORS_FILE).exists()
    info = ModelInfo(model_id, "embedded", str(model_dir), _files_sha256(weights), stanza.__version__)
    return pipe, info


def vector_paths(model_dir: Path) -> dict[str, str]:
    """Stanza's per-processor pretrain arguments, when the model ships word vectors. A processor
    trained without them ignores the argument."""
    vectors = model_dir / VECTORS_FILE
    return {f"{p}_pretrain_path": str(vectors) for p in VECTOR_PROCESSORS} if vectors.exists() else {}


def _embedded_pipeline(stanza, model_dir: Path, processors: list[str], kwargs: dict):
    return stanza.Pipeline(
        lang="en", dir=str(model_dir), processors=",".join(processors), download_method=None,
        allow_unknown_language=True, use_gpu=False, logging_level="ERROR",
        **kwargs)


def _build_official(stanza_dir: str | os.PathLike | None) -> tuple[object, ModelInfo]:
    import stanza

    directory = resolve_stanza_dir(stanza_dir)
    if not (directory / "resources.json").exists() or not (directory / "en").is_dir():
        raise ModelNotFoundError(_official_missing_message(directory))
    try:
        pipe = stanza.Pipeline(lang="en", dir=str(directory), processors=",".join(PROCESSORS),
                               download_method=None, use_gpu=False, logging_level="WARN")
    except (FileNotFoundError, ValueError) as exc:
        raise ModelNotFoundError(f"{_official_missing_message(directory)}\n(stanza said: {exc})") from exc
    weights = [p for p in (directory / "en").rglob("*.pt")]
    info = ModelInfo(f"stanza-official-en-{stanza.__version__}", "official", str(directory),
                     _files_sha256(weights), stanza.__version__)
    return pipe, info


# Batch sizes for CPU inference with several articles per call (quotes.nlp.batch), measured on
# PolNeAR dev (benchmarks/bench_throughput.py): the parser's batch is counted in words, and a
# smaller one keeps sentences of similar length together (its score tensors grow with the square
# of the longest sentence in the batch): 2000 -> 500 cut the parser's time by a fifth. The
# tokenizer's batch is in paragraphs, the tagger's and NER's in sentences. None changes a parse.
BATCH_SIZES = {"tokenize": 32, "pos": 50, "lemma": 50, "depparse": 500, "ner": 128}


def tune_for_cpu(pipe) -> None:
    """Set :data:`BATCH_SIZES`, the faster tree search (quotes.nlp.fast_mst), labels scored for the
    tree's arcs only (quotes.nlp.arc_labels), per-tag classifiers in the tagger
    (quotes.nlp.tag_bilinear), tokenizer rows packed at their own lengths
    (quotes.nlp.tokenize_lengths), the stand-ins for Stanza's slow spots (quotes.nlp.stanza_speedups)
    and its vocabulary lookups as comprehensions (quotes.nlp.vocab_lookup) on a pipeline."""
    from quotes.nlp import (arc_labels, fast_mst, stanza_speedups, tag_bilinear, tokenize_lengths,
                            vocab_lookup)

    for name, size in BATCH_SIZES.items():
        proc = pipe.processors.get(name)
        if proc is None:
            continue
        proc.config["batch_size"] = size
        if name == "tokenize":  # the tokenizer reads its batch size from the trainer's arguments
            proc.trainer.args["batch_size"] = size
    fast_mst.install(pipe)
    arc_labels.install(pipe)
    tag_bilinear.install(pipe)
    stanza_speedups.install(pipe)
    vocab_lookup.install()
    tokenize_lengths.install(pipe)


def configure_threads(n: int) -> None:
    """Torch intra-op threads for this process (a worker of N on C cores: ``C // N``, at least 1)."""
    import torch

    torch.set_num_threads(max(1, int(n)))


_LOCK = threading.Lock()
_PIPELINES: dict[tuple, tuple[object, ModelInfo]] = {}


def get_pipeline(model: str = "embedded", stanza_dir: str | None = None,
                 model_id: str | None = None) -> tuple[object, ModelInfo]:
    """Load the pipeline once per process and reuse it (loading costs seconds; parsing is per article)."""
    key = (model, str(stanza_dir), model_id)
    with _LOCK:
        if key not in _PIPELINES:
            from quotes.nlp.lazy_dynamo import optimizers_without_dynamo
            from quotes.nlp.stanza_import import import_stanza

            import_stanza()  # first import here, without IPython
            logging.getLogger("stanza").setLevel(logging.WARNING)
            if model not in ("embedded", "official"):
                raise ValueError(f"model must be 'embedded' or 'official', not {model!r}")
            with optimizers_without_dynamo():  # the trainers' unused optimizers import no compiler
                if model == "embedded":
                    _PIPELINES[key] = _build_embedded(model_id)
                else:
                    _PIPELINES[key] = _build_official(stanza_dir)
            tune_for_cpu(_PIPELINES[key][0])
        return _PIPELINES[key]


# Curly quotes, guillemets and no-break spaces are rare in the UD training data but everywhere in
# news; they are mapped one-to-one onto the ASCII forms the models know before parsing. Each
# replacement is a single character, so every offset into the original text stays valid.
# Latin letters with diacritics go to their base letter for the same reason: the models were
# trained on English text and split unseen words like "Inês" into "Inê" + "s".
def _base_letters() -> dict[str, str]:
    out = {}
    for code in range(0xC0, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            out[ch] = base
    return out


_PARSE_TABLE = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                              "\u00a0": " ", "\u2009": " ", "\u202f": " ", "′": "'", "″": '"',
                              **_base_letters()})


def normalize_for_parse(text: str) -> str:
    """Same-length rewrites only, so Stanza's offsets index the original text."""
    return separate_datelines(text.translate(_PARSE_TABLE))


def parse_text(pipe, text: str, model_id: str = "") -> ParsedDoc:
    """Parse an article: normalized text in, tokens with offsets into (and text from) the original.

    The same path as a batch of one (:func:`quotes.nlp.batch.parse_texts`), so a parse does not
    depend on whether the article came alone or with others."""
    from quotes.nlp.batch import parse_texts

    return parse_texts(pipe, [text], model_id)[0]


def to_parsed(doc, text: str, model_id: str = "") -> ParsedDoc:
    """Copy a stanza Document into plain dataclasses (cacheable, and independent of stanza's API)."""
    sentences = []
    for s_index, sent in enumerate(doc.sentences):
        tokens = []
        for token in sent.tokens:
            ner = getattr(token, "ner", None) or "O"
            for word in token.words:
                start = word.start_char if word.start_char is not None else token.start_char
                end = word.end_char if word.end_char is not None else token.end_char
                surface = text[start:end] if len(token.words) == 1 and end <= len(text) else word.text
                tokens.append(Token(
                    index=word.id, text=surface, lemma=word.lemma or word.text.lower(),
                    upos=word.upos or "X", xpos=word.xpos or "_", feats=word.feats or "_",
                    head=word.head or 0, deprel=word.deprel or "dep", start=start, end=end, ner=ner))
        if tokens:
            sentences.append(Sentence(index=s_index, start=tokens[0].start, end=tokens[-1].end,
                                      tokens=tuple(tokens)))
    return ParsedDoc(text=text, sentences=tuple(sentences), model_id=model_id)


def parse(text: str, pipeline=None, info: ModelInfo | None = None) -> ParsedDoc:
    if pipeline is None:
        pipeline, info = get_pipeline()
    return parse_text(pipeline, text, info.model_id if info else "")
