"""The embedded Stanza models: real parses, treebank scoring, and the official-model error path."""

from __future__ import annotations

import json

import pytest

from quotes.nlp.pipeline import ModelNotFoundError, embedded_model_ids, get_pipeline, load_manifest, models_root
from tests.conftest import shared_path


def test_embedded_model_is_shipped_with_manifest():
    ids = embedded_model_ids()
    assert ids, "no embedded model under quotes/models"
    man = load_manifest(models_root() / ids[-1])
    assert set(man["processors"]) >= {"tokenize", "pos", "lemma", "depparse", "ner"}
    for name, meta in man["files"].items():
        assert (models_root() / ids[-1] / name).stat().st_size == meta["bytes"]


def test_parse_main_verb_and_subject(parse):
    doc = parse("The minister said the talks would resume on Monday.")
    assert len(doc.sentences) == 1
    toks = {t.text: t for t in doc.sentences[0].tokens}
    said, minister, resume = toks["said"], toks["minister"], toks["resume"]
    assert said.deprel == "root" and said.head == 0 and said.lemma == "say" and said.upos == "VERB"
    assert minister.head == said.index and minister.deprel == "nsubj"
    assert resume.head == said.index and resume.deprel == "ccomp"


def test_offsets_point_into_the_text(parse):
    text = "“We’re ready,” she said.\n\nDon't worry, the U.S. envoy added."
    doc = parse(text)
    for s in doc.sentences:
        for t in s.tokens:
            assert 0 <= t.start < t.end <= len(text)
    assert len(doc.sentences) >= 2


def test_ner_tags_people_and_places(parse):
    doc = parse("Antony Blinken met Sergey Lavrov in Geneva on Friday.")
    tags = {t.text: t.ner for t in doc.sentences[0].tokens}
    assert tags["Blinken"].endswith("PER") and tags["Lavrov"].endswith("PER")
    assert tags["Geneva"].endswith("LOC")


def test_models_eval_on_a_slice_of_ewt_dev(tmp_path):
    from quotes.nlp.models import evaluate_treebank

    dev = shared_path("ud", "en_ewt-ud-dev.conllu")
    res = evaluate_treebank(dev, save_pred=tmp_path / "pred.conllu", limit=60)
    s = res["scores"]
    assert s["Tokens"]["f1"] > 0.95
    assert s["UPOS"]["f1"] > 0.85
    assert s["LAS"]["f1"] > 0.6
    assert (tmp_path / "pred.conllu").read_text(encoding="utf-8").count("\n\n") >= 30
    assert res["tokens_per_second"] > 0


def test_official_models_missing_raise_documented_error(tmp_path):
    with pytest.raises(ModelNotFoundError) as exc:
        get_pipeline("official", stanza_dir=str(tmp_path / "nowhere"))
    msg = str(exc.value)
    assert "stanza.download" in msg and "--stanza-dir" in msg and "STANZA_RESOURCES_DIR" in msg


def test_official_models_missing_via_env(tmp_path, monkeypatch):
    monkeypatch.setenv("STANZA_RESOURCES_DIR", str(tmp_path))
    with pytest.raises(ModelNotFoundError):
        get_pipeline("official")


def test_cli_models_list_shows_the_embedded_model():
    from typer.testing import CliRunner

    from quotes.cli import app

    res = CliRunner().invoke(app, ["models", "list"])
    assert res.exit_code == 0, res.output
    assert embedded_model_ids()[-1] in res.output


def test_cli_models_eval_json(tmp_path):
    from typer.testing import CliRunner

    from quotes.cli import app

    dev = shared_path("ud", "en_ewt-ud-dev.conllu")
    res = CliRunner().invoke(app, ["models", "eval", "--treebank", str(dev), "--limit", "20", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert data["scores"]["Tokens"]["f1"] > 0.9


def test_accented_letters_parse_as_their_base_letters_with_offsets_kept(parse):
    from quotes.nlp.pipeline import normalize_for_parse

    text = "Inês Núñez said “no.”"
    assert len(normalize_for_parse(text)) == len(text)
    assert normalize_for_parse(text).startswith('Ines Nunez said "no."')
    doc = parse(text)
    words = [t.text for s in doc.sentences for t in s.tokens]
    assert words[:2] == ["Inês", "Núñez"]  # one word each, in the original spelling


@pytest.mark.parametrize("text, lead", [
    ("WASHINGTON -- President Obama said it would tell a story.", "WASHINGTON"),
    ("Headline.\n\nFLINT, Mich., Oct. 4 (UPI) — Former President Bill Clinton spoke.", "FLINT, Mich., Oct. 4 (UPI)"),
    ("NEW YORK—Stocks fell.", "NEW YORK"),
])
def test_datelines_are_set_apart_with_offsets_kept(text, lead):
    from quotes.nlp.datelines import separate_datelines

    out = separate_datelines(text)
    assert len(out) == len(text)
    at = text.index(lead) + len(lead)
    assert out[:at] == text[:at] and out[at] in "\n." and "—" not in out and "--" not in out


@pytest.mark.parametrize("text", ["The US - China talks - resumed.", "I — I don't know.", "NATO said — Yes."])
def test_text_without_a_dateline_is_untouched(text):
    from quotes.nlp.datelines import separate_datelines

    assert separate_datelines(text) == text


def test_dateline_place_is_not_the_subject_of_the_first_sentence(quotes_of):
    qs = quotes_of("WASHINGTON -- President Obama, dedicating the museum on Saturday, said it would tell an "
                   "American story.")
    (q,) = qs
    assert q.speaker == "Obama" and q.text == "it would tell an American story"
