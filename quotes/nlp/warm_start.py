"""Continue training a Stanza tagger from earlier weights.

Stanza's tagger trainer keeps no checkpoint, so a run cut short by the session clock would have to
start over. This runs the stock trainer unchanged except that its model is initialised from a saved
tagger (same vocabulary: same training file) instead of random weights; the optimizer starts fresh.

    python -m quotes.nlp.warm_start INIT.pt [stanza.models.tagger arguments ...]
"""

from __future__ import annotations

import sys


def run(init_model: str, tagger_args: list[str]) -> None:
    from stanza.models import tagger

    original = tagger.Trainer

    def warm_trainer(*args, **kwargs):
        if kwargs.get("model_file") is None:
            kwargs["model_file"] = init_model
            kwargs.pop("vocab", None)  # the saved model carries its own vocabulary
        return original(*args, **kwargs)

    tagger.Trainer = warm_trainer
    tagger.main(tagger_args)


if __name__ == "__main__":
    run(sys.argv[1], sys.argv[2:])
