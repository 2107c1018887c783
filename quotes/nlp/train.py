"""Train the embedded English models with Stanza's own trainers, resumably, on 2 CPU cores.

Each processor is one stage run as ``python -m stanza.models.<trainer>`` in its own process (so a
crash or a kill loses at most one checkpoint interval), logging to ``WORK/<stage>/log.txt``. A
stage whose final weights exist is skipped, and the parser resumes from its checkpoint, so the
same command can simply be run again after any interruption.

Hyperparameters are sized for CPU: small hidden sizes, step caps that fit in a few hours, no charlm.
No word-vector file can be downloaded here, so the tagger and NER read vectors distilled from
MiniLM's input embeddings (quotes.nlp.static_vectors), one pretrain file the processors share.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from quotes.nlp import gum_ner
from quotes.nlp import static_vectors
from quotes.nlp.lemma_types import write_types
from quotes.nlp.retag import retag

STAGES = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")
SHORTHAND = "en_ewt"

# Stanza's own default feature set for English tokenization (stanza.utils.training.run_tokenizer).
TOKENIZER_FEATS = ("space_before,capitalized,numeric,end_of_para,start_of_para,"
                   "labeled_field,phone_id,date_pattern,currency")

HYPERPARAMETERS: dict[str, list[str]] = {
    "tokenize": ["--max_seqlen", "300", "--steps", "2000", "--eval_steps", "500",
                 "--feat_funcs", TOKENIZER_FEATS],
    "mwt": ["--num_epoch", "6", "--decay_epoch", "4"],
    # v4 (no vectors): EWT test UPOS 0.905 end to end.
    "pos": ["--hidden_dim", "150", "--char_hidden_dim", "100",
            "--deep_biaff_hidden_dim", "100", "--composite_deep_biaff_hidden_dim", "50",
            "--max_steps", "2500", "--eval_interval", "250", "--fix_eval_interval",
            "--batch_size", "50"],
    # Seq2seq on word types (quotes.nlp.lemma_types): the dictionary alone left 8% of EWT dev
    # words unseen and got a third of those wrong by copying them.
    "lemma": ["--hidden_dim", "128", "--num_epoch", "13", "--decay_epoch", "10"],
    # The shipped parser reads predicted tags (dev LAS 0.839 with gold tags, 0.751 fed by the
    # embedded tagger). A tag-free variant (add "--tag_emb_dim", "0") reached 0.765 on the same
    # predicted input after 1800 steps and was still rising, but it analyses reported speech
    # differently (more parataxis) and the quote rules have not been re-checked against it yet.
    "depparse": ["--hidden_dim", "128", "--deep_biaff_hidden_dim", "128",
                 "--char_hidden_dim", "100", "--batch_size", "2000", "--optim", "adam",
                 "--lr", "2e-3", "--beta2", "0.95", "--no_second_optim", "--max_steps", "1800",
                 "--max_steps_before_stop", "4000", "--eval_interval", "300",
                 "--checkpoint_interval", "300"],
    # GUM is small (107k tokens): a first run (char 64, word dropout 0.05) overfit by step 1000
    # (dev F1 0.52), so characters get more room and words are dropped more often. With the word
    # vectors, fine-tuning them overfit at once (best dev F1 0.699 at step 500, GUM test 0.597);
    # frozen vectors and a wider LSTM reached dev 0.733 at step 3250, GUM test 0.699.
    "ner": ["--hidden_dim", "256", "--char_hidden_dim", "100", "--char_emb_dim", "50",
            "--no_emb_finetune", "--max_steps", "4000",
            "--eval_interval", "250", "--optim", "adam", "--lr", "0.001", "--word_dropout", "0.15",
            "--scheme", "bioes", "--train_scheme", "bio"],
}

# Second phases, continuing from the first phase's best weights with a lower learning rate. The
# tagger keeps no checkpoint, so its phase (quotes.nlp.warm_start) lets training span sessions. The
# parser's phase (Stanza's --continue_from) trains on tags predicted by the embedded tagger
# (quotes.nlp.retag), the tags it reads at run time, and selects on a retagged dev set.
WARM_STARTS: dict[str, list[str]] = {
    "pos": ["--lr", "1e-3", "--max_steps", "2000"],
    "depparse": ["--lr", "1e-3", "--max_steps", "900"],  # v4: 1800 (no vectors, so slower to converge)
}

# Later parser phases train on EWT + GUM (CC-BY) train, both retagged, still selected on retagged
# EWT dev: twice the trees, and GUM's other genres carry the tagger's out-of-domain errors. v6: EWT
# test LAS 0.788 -> 0.798 after the first (dev 0.809 -> 0.821), 0.802 after 300 steps of the second.
PARSER_GUM_PHASES: tuple[list[str], ...] = (
    ["--lr", "7e-4", "--max_steps", "1800"],
    ["--lr", "4e-4", "--max_steps", "300"],
)

# Stages whose trainer reads the shared word vectors (the others run with --no_pretrain).
WITH_VECTORS = ("pos", "depparse", "ner")
VECTORS_FILE = "pretrain/en_quotes_vectors.pt"

MODEL_FILES = {
    "tokenize": "tokenize/en_quotes_tokenizer.pt",
    "mwt": "mwt/en_quotes_mwt_expander.pt",
    "pos": "pos/en_quotes_tagger.pt",
    "lemma": "lemma/en_quotes_lemmatizer.pt",
    "depparse": "depparse/en_quotes_parser.pt",
    "ner": "ner/en_quotes_nertagger.pt",
}


@dataclass(frozen=True)
class TrainPaths:
    ud_dir: Path
    work_dir: Path

    def ud(self, treebank: str, split: str) -> Path:
        stem = {"en_ewt": "en_ewt-ud", "en_gum": "en_gum-ccby"}[treebank]
        return self.ud_dir / f"{stem}-{split}.conllu"

    def model(self, stage: str) -> Path:
        return self.work_dir / MODEL_FILES[stage]

    @property
    def vectors(self) -> Path:
        return self.work_dir / VECTORS_FILE


def prepare(paths: TrainPaths) -> None:
    """Build the tokenizer's character labels (Stanza's script), the NER JSON from GUM and the
    shared word vectors."""
    if not paths.vectors.exists():
        static_vectors.build(paths.vectors)
    tok_dir = paths.work_dir / "data" / "tokenize"
    if not (tok_dir / "en_ewt-ud-train.toklabels").exists():
        udbase = paths.work_dir / "ud" / "UD_English-EWT"
        udbase.mkdir(parents=True, exist_ok=True)
        for split in ("train", "dev", "test"):
            link = udbase / f"en_ewt-ud-{split}.conllu"
            if not link.exists():
                link.symlink_to(paths.ud("en_ewt", split).resolve())
        env = dict(os.environ, UDBASE=str(paths.work_dir / "ud"), TOKENIZE_DATA_DIR=str(tok_dir))
        subprocess.run([sys.executable, "-m", "stanza.utils.datasets.prepare_tokenizer_treebank",
                        "UD_English-EWT"], check=True, env=env, cwd=paths.work_dir)
    lemma_types = paths.work_dir / "data" / "lemma" / "en_ewt_gum.types.conllu"
    if not lemma_types.exists():
        write_types([paths.ud("en_ewt", "train"), paths.ud("en_gum", "train")], lemma_types)
    ner_dir = paths.work_dir / "data" / "ner"
    for split in ("train", "dev", "test"):
        out = ner_dir / f"en_gum.{split}.json"
        if not out.exists():
            gum_ner.convert(paths.ud("en_gum", split), out, augmented=split == "train")


def stage_command(stage: str, paths: TrainPaths) -> list[str]:
    """The exact trainer invocation for one stage (also recorded in the model manifest)."""
    w = paths.work_dir
    model = paths.model(stage)
    common = ["--save_dir", str(model.parent), "--save_name", model.name, "--cpu"]
    train, dev = str(paths.ud("en_ewt", "train")), str(paths.ud("en_ewt", "dev"))
    tok = w / "data" / "tokenize"
    if stage == "tokenize":
        args = ["stanza.models.tokenizer", "--mode", "train", "--lang", "en", "--shorthand", SHORTHAND,
                "--label_file", str(tok / "en_ewt-ud-train.toklabels"),
                "--txt_file", str(tok / "en_ewt.train.txt"),
                "--mwt_json_file", str(tok / "en_ewt-ud-dev-mwt.json"),
                "--dev_txt_file", str(tok / "en_ewt.dev.txt"),
                "--dev_label_file", str(tok / "en_ewt-ud-dev.toklabels"),
                "--dev_conll_gold", str(tok / "en_ewt.dev.gold.conllu")]
    elif stage == "ner":
        ner = w / "data" / "ner"
        args = ["stanza.models.ner_tagger", "--mode", "train", "--shorthand", "en_gum",
                "--train_file", str(ner / "en_gum.train.json"),
                "--eval_file", str(ner / "en_gum.dev.json")]
    else:
        module = {"mwt": "mwt_expander", "pos": "tagger", "lemma": "lemmatizer",
                  "depparse": "parser"}[stage]
        if stage == "lemma":
            train = str(w / "data" / "lemma" / "en_ewt_gum.types.conllu")
        args = [f"stanza.models.{module}", "--mode", "train", "--shorthand", SHORTHAND,
                "--train_file", train, "--eval_file", dev,
                "--output_file", str(model.parent / "dev_pred.conllu")]
        if stage != "lemma":  # the lemmatizer takes neither --lang nor --gold_file
            args += ["--lang", "en"]
        if stage == "mwt":
            args += ["--gold_file", dev]
    vectors = ["--wordvec_pretrain_file", str(paths.vectors)] if stage in WITH_VECTORS else []
    if stage in ("pos", "ner", "depparse") and not vectors:
        vectors = ["--no_pretrain"]
    return [sys.executable, "-m", *args, *vectors, *HYPERPARAMETERS[stage], *common]


def retagged(paths: TrainPaths, split: str, treebank: str = "en_ewt") -> Path:
    return paths.work_dir / "data" / "depparse" / f"{treebank}.{split}.retagged.conllu"


def ewt_gum_train(paths: TrainPaths) -> Path:
    return paths.work_dir / "data" / "depparse" / "en_ewt_gum.train.retagged.conllu"


def warm_command(stage: str, paths: TrainPaths, init: Path) -> list[str]:
    """The second-phase invocation: same trainer arguments, later ones override, warm weights."""
    cold = stage_command(stage, paths)
    module_at = cold.index("-m") + 1
    trainer_args = cold[module_at + 1:]
    if stage == "depparse":
        model = paths.model(stage)
        trainer_args += ["--train_file", str(retagged(paths, "train")),
                         "--eval_file", str(retagged(paths, "dev")),
                         "--checkpoint_save_name", str(model.with_suffix(".warm_checkpoint.pt"))]
    kind = {"pos": "tagger", "depparse": "parser"}[stage]
    return [sys.executable, "-m", "quotes.nlp.warm_start", str(init), kind,
            *trainer_args, *WARM_STARTS[stage]]


def _retag_for_parser(paths: TrainPaths) -> None:
    for treebank, split in (("en_ewt", "train"), ("en_ewt", "dev"), ("en_gum", "train")):
        out = retagged(paths, split, treebank)
        if not out.exists():
            out.parent.mkdir(parents=True, exist_ok=True)
            retag(paths.model("pos"), paths.ud(treebank, split), out,
                  vectors=paths.vectors if "pos" in WITH_VECTORS else None)
    both = ewt_gum_train(paths)
    if not both.exists():
        both.write_text("".join(retagged(paths, "train", tb).read_text(encoding="utf-8")
                                for tb in ("en_ewt", "en_gum")), encoding="utf-8")


def gum_phase_command(paths: TrainPaths, phase: int, init: Path) -> list[str]:
    """A later parser phase: the warm phase's invocation on EWT + GUM, with its own checkpoint (a
    shared one would make the trainer resume the previous phase)."""
    model = paths.model("depparse")
    return [*warm_command("depparse", paths, init), "--train_file", str(ewt_gum_train(paths)),
            *PARSER_GUM_PHASES[phase],
            "--checkpoint_save_name", str(model.with_suffix(f".gum{phase}_checkpoint.pt"))]


def _run(command: list[str], paths: TrainPaths, log_dir: Path, threads: int) -> None:
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    with (log_dir / "log.txt").open("a", encoding="utf-8") as log:
        subprocess.run(command, check=True, env=env, cwd=paths.work_dir,
                       stdout=log, stderr=subprocess.STDOUT)


def train_stage(stage: str, paths: TrainPaths, threads: int = 1) -> Path:
    """Run one trainer to completion unless its final weights already exist."""
    model = paths.model(stage)
    done = model.with_suffix(".done")
    if done.exists() and model.exists():
        return model
    model.parent.mkdir(parents=True, exist_ok=True)
    cold_done = model.with_suffix(".cold.done")
    if not cold_done.exists():
        _run(stage_command(stage, paths), paths, model.parent, threads)
        cold_done.write_text("ok\n")
    if stage in WARM_STARTS:
        if stage == "depparse":
            _retag_for_parser(paths)
        init = model.with_suffix(".cold.pt")
        if not init.exists():
            shutil.copyfile(model, init)
        warm_done = model.with_suffix(".warm.done")
        if not warm_done.exists():
            _run(warm_command(stage, paths, init), paths, model.parent, threads)
            warm_done.write_text("ok\n")
    if stage == "depparse":
        for phase in range(len(PARSER_GUM_PHASES)):
            phase_done = model.with_suffix(f".gum{phase}.done")
            if phase_done.exists():
                continue
            init = model.with_suffix(f".gum{phase}.init.pt")
            if not init.exists():
                shutil.copyfile(model, init)
            _run(gum_phase_command(paths, phase, init), paths, model.parent, threads)
            phase_done.write_text("ok\n")
    done.write_text("ok\n")
    return model


def train_all(ud_dir: Path, work_dir: Path, stages: tuple[str, ...] = STAGES, threads: int = 1) -> None:
    paths = TrainPaths(Path(ud_dir).resolve(), Path(work_dir).resolve())
    paths.work_dir.mkdir(parents=True, exist_ok=True)
    prepare(paths)
    for stage in stages:
        print(f"[train] {stage} -> {paths.model(stage)}", flush=True)
        train_stage(stage, paths, threads=threads)


if __name__ == "__main__":  # python -m quotes.nlp.train UD_DIR WORK_DIR [stage ...]
    train_all(Path(sys.argv[1]), Path(sys.argv[2]), tuple(sys.argv[3:]) or STAGES)
