"""The training recipe's own pieces: lemma type data, retagging, and the trainer invocations."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.nlp.lemma_types import read_types, write_types
from quotes.nlp.pipeline import MODEL_FILE, VECTORS_FILE, default_model_id, models_root
from quotes.nlp.train import (PARSER_GUM_PHASES, STAGES, WARM_STARTS, WITH_VECTORS, TrainPaths, ewt_gum_train,
                              gum_phase_command, retagged, stage_command, warm_command)

TREEBANK = """# sent_id = 1
# text = The dogs saw it.
1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_
2\tdogs\tdog\tNOUN\tNNS\tNumber=Plur\t3\tnsubj\t_\t_
3\tsaw\tsee\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
4\tit\tit\tPRON\tPRP\tCase=Nom|Gender=Neut|Number=Sing|Person=3|PronType=Prs\t3\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = 2
# text = She saw the saw, and we're done.
1\tShe\tshe\tPRON\tPRP\tCase=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs\t2\tnsubj\t_\t_
2\tsaw\tsee\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_
4\tsaw\tsaw\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\tSpaceAfter=No
5\t,\t,\tPUNCT\t,\t_\t9\tpunct\t_\t_
6\tand\tand\tCCONJ\tCC\t_\t9\tcc\t_\t_
7-8\twe're\t_\t_\t_\t_\t_\t_\t_\t_
7\twe\twe\tPRON\tPRP\tCase=Nom|Number=Plur|Person=1|PronType=Prs\t9\tnsubj\t_\t_
8\t're\tbe\tAUX\tVBP\tMood=Ind|Tense=Pres|VerbForm=Fin\t9\tcop\t_\t_
9\tdone\tdone\tADJ\tJJ\tDegree=Pos\t2\tconj\t_\tSpaceAfter=No
10\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

"""


@pytest.fixture()
def treebank(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.conllu"
    path.write_text(TREEBANK, encoding="utf-8")
    return path


def test_lemma_types_are_log_repeated_and_keep_the_majority_lemma(tmp_path, treebank):
    # "saw" VERB -> see twice in a second file, "saw" NOUN -> saw once; "saw" VERB also -> saw once
    other = tmp_path / "other.conllu"
    other.write_text(TREEBANK.replace("saw\tsee\tVERB", "saw\tsaw\tVERB", 1), encoding="utf-8")
    out = tmp_path / "types.conllu"
    written = write_types([treebank, treebank, other], out)
    rows = list(read_types(out))
    assert len(rows) == written
    # multi-word token lines ("we're") are not words
    assert ("we're", "PRON", "we're") not in rows and ("we", "PRON", "we") in rows
    see = rows.count(("saw", "VERB", "see"))
    saw = rows.count(("saw", "VERB", "saw"))
    assert see > saw >= 1  # 5 vs 1 occurrences: log-compressed, the majority still ahead
    assert rows.count(("The", "DET", "the")) == 2  # ceil(log2(3 + 1))


def test_retag_keeps_words_and_trees_and_replaces_tags(tmp_path, treebank):
    from quotes.nlp.retag import retag

    model_dir = models_root() / default_model_id()
    vectors = model_dir / VECTORS_FILE
    out = tmp_path / "retagged.conllu"
    assert retag(model_dir / MODEL_FILE["pos"], treebank, out, vectors=vectors if vectors.exists() else None) == 15
    gold = [line.split("\t") for line in TREEBANK.splitlines() if line[:1].isdigit()]
    pred = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines() if line[:1].isdigit()]
    assert [(g[0], g[1], g[2], g[6], g[7]) for g in gold] == [(p[0], p[1], p[2], p[6], p[7]) for p in pred]
    words = {(p[1], p[6]): p[3] for p in pred if "-" not in p[0]}
    assert words[("dogs", "3")] == "NOUN" and words[("The", "2")] == "DET" and words[("saw", "0")] == "VERB"
    assert [p[3] for p in pred if "-" not in p[0]] == _tagger_upos(model_dir, vectors)
    assert out.read_text(encoding="utf-8").startswith("# sent_id = 1\n# text = The dogs saw it.\n")


def _tagger_upos(model_dir: Path, vectors: Path) -> list[str]:
    """The tagger's own UPOS for the tiny treebank's words, from a pretokenized Stanza run."""
    import stanza

    pipe = stanza.Pipeline(lang="en", dir=str(model_dir), processors="tokenize,pos", download_method=None,
                           allow_unknown_language=True, use_gpu=False, logging_level="ERROR",
                           tokenize_pretokenized=True, pos_model_path=str(model_dir / MODEL_FILE["pos"]),
                           **({"pos_pretrain_path": str(vectors)} if vectors.exists() else {}))
    doc = pipe([["The", "dogs", "saw", "it", "."], ["She", "saw", "the", "saw", ",", "and", "we", "'re", "done", "."]])
    return [w.upos for s in doc.sentences for w in s.words]


@pytest.mark.parametrize("stage", STAGES)
def test_trainer_commands_are_accepted_by_stanza(tmp_path, stage):
    import importlib

    paths = TrainPaths(tmp_path / "ud", tmp_path / "work")
    commands = [stage_command(stage, paths)]
    if stage in WARM_STARTS:
        commands.append(warm_command(stage, paths, tmp_path / "init.pt"))
    for command in commands:
        module_at = command.index("-m") + 1
        if command[module_at] == "quotes.nlp.warm_start":
            module, args = {"tagger": "stanza.models.tagger", "parser": "stanza.models.parser"}[
                command[module_at + 2]], command[module_at + 3:]
        else:
            module, args = command[module_at], command[module_at + 1:]
        parsed = importlib.import_module(module).parse_args(args)
        parsed = parsed if isinstance(parsed, dict) else vars(parsed)
        assert parsed["mode"] == "train"
        if stage in WITH_VECTORS:  # both phases read the shared word vectors
            assert parsed["pretrain"] and parsed["wordvec_pretrain_file"] == str(paths.vectors)
        if stage == "depparse" and command is commands[-1]:
            # the second phase reads the retagged treebank and keeps its own checkpoint
            assert parsed["train_file"] == str(retagged(paths, "train"))
            assert parsed["eval_file"] == str(retagged(paths, "dev"))
            assert parsed["checkpoint_save_name"].endswith(".warm_checkpoint.pt")
        if stage == "lemma":
            assert parsed["train_file"].endswith("en_ewt_gum.types.conllu")
            assert not parsed["dict_only"]


def test_parser_gum_phases_train_on_both_treebanks_with_their_own_checkpoints(tmp_path):
    from stanza.models import parser

    paths = TrainPaths(tmp_path / "ud", tmp_path / "work")
    checkpoints = set()
    for phase, overrides in enumerate(PARSER_GUM_PHASES):
        command = gum_phase_command(paths, phase, tmp_path / f"init{phase}.pt")
        assert command[command.index("-m") + 1] == "quotes.nlp.warm_start"
        parsed = parser.parse_args(command[command.index("parser") + 1:])
        parsed = parsed if isinstance(parsed, dict) else vars(parsed)
        assert parsed["train_file"] == str(ewt_gum_train(paths))
        assert parsed["eval_file"] == str(retagged(paths, "dev"))  # selection stays on EWT dev
        assert parsed["lr"] == float(overrides[overrides.index("--lr") + 1])
        checkpoints.add(parsed["checkpoint_save_name"])
    assert len(checkpoints) == len(PARSER_GUM_PHASES)
