"""Continue training a Stanza tagger or parser from earlier weights.

Stanza's tagger trainer keeps no checkpoint, so a run cut short by the session clock would have to
start over; and the parser's own ``--continue_from`` indexes its training data with a vocabulary
rebuilt from that data, which breaks as soon as the data differs (retagged features). This runs
the stock trainers unchanged except that the saved model's vocabulary indexes the data and its
weights initialise the model; the optimizer starts fresh.

    python -m quotes.nlp.warm_start INIT.pt tagger|parser [Stanza trainer arguments ...]
"""

from __future__ import annotations

import sys


def _saved_vocab(init_model: str):
    import torch
    from stanza.models.pos.vocab import MultiVocab

    checkpoint = torch.load(init_model, lambda storage, loc: storage, weights_only=True)
    return MultiVocab.load_state_dict(checkpoint["vocab"])


def run_tagger(init_model: str, tagger_args: list[str]) -> None:
    from stanza.models import tagger

    vocab = _saved_vocab(init_model)
    tagger.Dataset.init_vocab = staticmethod(lambda *args, **kwargs: vocab)  # new training files too
    original = tagger.Trainer

    def warm_trainer(*args, **kwargs):
        if kwargs.get("model_file") is None:
            kwargs["model_file"] = init_model
            kwargs.pop("vocab", None)  # the saved model carries its own vocabulary
        return original(*args, **kwargs)

    tagger.Trainer = warm_trainer
    tagger.main(tagger_args)


def run_parser(init_model: str, parser_args: list[str]) -> None:
    from stanza.models import parser

    vocab = _saved_vocab(init_model)
    original = parser.DataLoader

    def saved_vocab_loader(doc, batch_size, args, pretrain, vocab_=None, *rest, **kwargs):
        kwargs.pop("vocab", None)
        return original(doc, batch_size, args, pretrain, *rest, vocab=vocab, **kwargs)

    parser.DataLoader = saved_vocab_loader
    parser.main([*parser_args, "--continue_from", init_model])


if __name__ == "__main__":
    {"tagger": run_tagger, "parser": run_parser}[sys.argv[2]](sys.argv[1], sys.argv[3:])
