"""On-disk cache of parses keyed by text and model, so a rebuild (or a resumed crash) skips Stanza.

One JSON file per (model sha, parse settings, text sha): the settings
(:func:`quotes.nlp.batch.parse_settings`: sentence cap, tree search, quantization, ...) change a
parse as much as the weights do, so a cache made under other settings is never read. Written to a
temp file and renamed, so a killed build never leaves a half-written entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from quotes.types import ParsedDoc, Sentence, Token

CACHE_FORMAT = 4


class ParseCache:
    def __init__(self, root: str | os.PathLike, model_sha: str):
        from quotes.nlp.batch import parse_settings_id

        self.dir = Path(root) / f"{model_sha[:16]}-f{CACHE_FORMAT}-{parse_settings_id()}"

    def _path(self, text: str) -> Path:
        h = hashlib.sha256(text.encode("utf-8")).hexdigest()
        return self.dir / h[:2] / f"{h}.json"

    def get(self, text: str) -> ParsedDoc | None:
        p = self._path(text)
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("text") != text:
            return None
        sentences = tuple(
            Sentence(s["index"], s["start"], s["end"], tuple(Token(**t) for t in s["tokens"]))
            for s in data["sentences"])
        return ParsedDoc(text=text, sentences=sentences, model_id=data.get("model_id", ""))

    def put(self, doc: ParsedDoc) -> None:
        p = self._path(doc.text)
        p.parent.mkdir(parents=True, exist_ok=True)
        payload = {"text": doc.text, "model_id": doc.model_id,
                   "sentences": [asdict(s) for s in doc.sentences]}
        fd, tmp = tempfile.mkstemp(dir=p.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False)
        os.replace(tmp, p)
