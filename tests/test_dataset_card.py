"""The dataset card (README.md, Hugging Face YAML) and croissant.json of a version load in their own tools."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from quotes.dataset import TABLES, load_schema, open_dataset, table_files
from tests.test_dataset import write_sharded


@pytest.fixture(scope="module")
def vdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sharded(tmp_path_factory.mktemp("card") / "ds")


def _front_matter(vdir: Path) -> dict:
    text = (vdir / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_card_configs_name_every_tables_parts(vdir: Path) -> None:
    meta = _front_matter(vdir)
    configs = {c["config_name"]: c for c in meta["configs"]}
    assert sorted(configs) == sorted(TABLES) and configs["quotes"].get("default") is True
    for t in TABLES:
        (entry,) = configs[t]["data_files"]
        assert entry["split"] == "train"
        assert sorted(vdir.glob(entry["path"])) == table_files(vdir, t) and len(table_files(vdir, t)) >= 1
    info = {c["config_name"]: c for c in meta["dataset_info"]}
    rows = json.loads((vdir / "manifest.json").read_text())["row_counts"]
    for t in TABLES:
        assert [f["name"] for f in info[t]["features"]] == load_schema(t).names
        assert info[t]["splits"] == [{"name": "train", "num_examples": rows[t]}]
    assert meta["license"] == "unknown"  # the inputs' license is for the user to fill in
    body = (vdir / "README.md").read_text()
    assert "FILL IN: the license of the input articles" in body
    for c in load_schema("quotes").columns:  # every column documented with its meaning from schemas/
        assert f"| `{c.name}` |" in body and " ".join(c.meaning.split())[:40] in body


def test_hugging_face_datasets_loads_every_config(vdir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import datasets
    from datasets import Features

    meta = _front_matter(vdir)
    info = {c["config_name"]: c for c in meta["dataset_info"]}
    ds = open_dataset(vdir)
    for t in TABLES:
        # the way the Hub reads the card: the dir with its README.md, one config per table
        hub = datasets.load_dataset(str(vdir), name=t, split="train", cache_dir=str(tmp_path / "hf"))
        assert hub.features == Features._from_yaml_list(info[t]["features"])
        key = load_schema(t).primary_key
        assert sorted(hub[key]) == sorted(ds[t][key].to_list())
    # and the way a user passes the card's data_files to the parquet builder
    (entry,) = next(c for c in meta["configs"] if c["config_name"] == "speakers")["data_files"]
    sp = datasets.load_dataset("parquet", data_files=str(vdir / entry["path"]), split="train",
                               cache_dir=str(tmp_path / "hf2"))
    assert sp[0]["aliases"] == ["Wong", "Senator Wong"] and sp[0]["role_spans"][0]["role"] == "Foreign Minister"


def _decode(v):
    if isinstance(v, bytes):
        return v.decode("utf-8")
    if isinstance(v, list):
        return [_decode(x) for x in v]
    if isinstance(v, dict):
        return {k.rsplit("/", 1)[-1]: _decode(x) for k, x in v.items()}
    return v


def test_croissant_validates_and_reads_every_record(vdir: Path) -> None:
    import mlcroissant as mlc
    doc = json.loads((vdir / "croissant.json").read_text())
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.0"
    assert [fs["includes"] for fs in doc["distribution"]] == [f"{t}/*.parquet" for t in TABLES]
    for rs in doc["recordSet"]:
        assert [f["name"] for f in rs["field"]] == load_schema(rs["name"]).names
    dataset = mlc.Dataset(jsonld=str(vdir / "croissant.json"))  # raises ValidationError on any error
    assert not dataset.metadata.ctx.issues.errors
    ds = open_dataset(vdir)
    for t in TABLES:
        records = [{k.split("/", 1)[1]: _decode(v) for k, v in r.items()} for r in dataset.records(record_set=t)]
        key = load_schema(t).primary_key
        want = sorted(ds[t].to_dicts(), key=lambda r: r[key])
        got = sorted(records, key=lambda r: r[key])
        assert got == want, t  # every column, nested lists and structs included
