"""Sharded versions: the streaming VersionWriter, readers of every kind, and old single-file versions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.dataset import (
    TABLES,
    DatasetWriteError,
    SchemaError,
    VersionWriter,
    file_digest,
    load_schema,
    open_dataset,
    table_files,
    validate,
)
from quotes.search import search
from tests.test_dataset import EXTRA, make_tables, write_sharded


def _listing(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name != ".lock")


def test_parts_are_numbered_listed_and_checked(tmp_path: Path) -> None:
    vdir = write_sharded(tmp_path / "ds")
    assert [p.name for p in table_files(vdir, "quotes")] == ["part-00000.parquet", "part-00001.parquet"]
    assert [p.name for p in table_files(vdir, "speakers")] == ["part-00000.parquet"]
    m = json.loads((vdir / "manifest.json").read_text())
    assert m["row_counts"] == {"articles": 2, "quotes": 4, "speakers": 1, "statements": 1}
    assert m["files"]["quotes/part-00001.parquet"]["rows"] == 2
    for t in TABLES:
        for f in table_files(vdir, t):
            rel = f.relative_to(vdir).as_posix()
            assert m["files"][rel] == {**file_digest(f), "rows": pq.read_metadata(f).num_rows}
    report = validate(tmp_path / "ds")
    assert report.ok and not report.warnings, str(report)


def test_write_part_returns_part_info_and_sorts_for_determinism(tmp_path: Path) -> None:
    t = make_tables()
    with VersionWriter(tmp_path / "a") as w:
        info = w.write_part("quotes", list(reversed(t["quotes"])))
        staged = w.staging / info.path
        assert (info.path, info.rows) == ("quotes/part-00000.parquet", 4)
        assert info.sha256 == file_digest(staged)["sha256"]
        assert pq.read_table(staged).column("quote_id").to_pylist() == ["q1", "q2", "q3", "q4"]
        # the same rows given as an Arrow table (columns shuffled) or a polars frame: the same bytes
        arrow = pa.Table.from_pylist(t["quotes"], schema=load_schema("quotes").arrow())
        again = w.write_part("quotes", arrow.select(list(reversed(arrow.column_names))))
        frame = w.write_part("quotes", pl.from_arrow(arrow))
        assert info.sha256 == again.sha256 == frame.sha256
        w.abort()
    assert _listing(tmp_path / "a") == []


def test_write_part_refuses_rows_off_the_schema(tmp_path: Path) -> None:
    t = make_tables()
    with VersionWriter(tmp_path / "ds") as w:
        bad = dict(t["quotes"][0], type="paraphrase")
        with pytest.raises(SchemaError, match="not one of"):
            w.write_part("quotes", [bad])
        arrow = pa.Table.from_pylist(t["quotes"], schema=load_schema("quotes").arrow())
        with pytest.raises(SchemaError, match="not one of"):
            w.write_part("quotes", arrow.set_column(2, "type", pa.array(["paraphrase"] * 4)))
        with pytest.raises(SchemaError, match="missing"):
            w.write_part("quotes", arrow.drop_columns(["confidence"]))
        with pytest.raises(SchemaError, match="unknown table"):
            w.write_part("quote", t["quotes"])
        assert w.parts["quotes"] == []  # nothing was written for the refused parts
        w.abort()


def test_duplicate_key_across_parts_and_offsets_across_parts_are_refused(tmp_path: Path) -> None:
    t = make_tables()
    with pytest.raises(DatasetWriteError, match="duplicate quote_id 'q1'"):
        with VersionWriter(tmp_path / "ds") as w:
            w.write_part("articles", t["articles"])
            w.write_part("quotes", t["quotes"])
            w.write_part("quotes", t["quotes"][:1])
            w.write_part("speakers", t["speakers"])
            w.write_part("statements", t["statements"])
            w.publish(EXTRA)
    t["quotes"][2]["start"] += 5  # q3 (in quotes part 0) refers to a2 (in articles part 1)
    with pytest.raises(DatasetWriteError, match="q3"):
        write_sharded(tmp_path / "ds", t)
    assert _listing(tmp_path / "ds") == []


def test_zero_row_table_still_has_a_part_with_the_schema(tmp_path: Path) -> None:
    t = make_tables()
    for q in t["quotes"]:
        q["statement_id"] = None
    t["statements"] = []
    vdir = write_sharded(tmp_path / "ds", t)
    (part,) = table_files(vdir, "statements")
    assert pq.read_metadata(part).num_rows == 0
    assert pq.read_schema(part).remove_metadata().equals(load_schema("statements").arrow())
    assert open_dataset(vdir).statements.columns == load_schema("statements").names
    assert pl.read_parquet(str(vdir / "statements" / "*.parquet")).height == 0
    assert validate(vdir).ok


def test_exception_inside_the_writer_publishes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    write_sharded(out)
    with pytest.raises(RuntimeError, match="parser died"):
        with VersionWriter(out) as w:
            w.write_part("articles", make_tables()["articles"])
            staging = w.staging
            assert staging.is_dir()
            raise RuntimeError("parser died")
    assert not staging.exists() and _listing(out) == ["LATEST", "v0001"]
    assert (out / "LATEST").read_text() == "v0001\n"
    w2 = VersionWriter(out)
    w2.abort()
    with pytest.raises(DatasetWriteError, match="already"):
        w2.write_part("quotes", [])


def test_engines_read_a_multi_part_table_with_one_path(tmp_path: Path) -> None:
    import duckdb
    import pandas as pd

    vdir = write_sharded(tmp_path / "ds")
    want = sorted(q["quote_id"] for q in make_tables()["quotes"])
    assert sorted(pl.read_parquet(str(vdir / "quotes" / "*.parquet"))["quote_id"]) == want
    assert sorted(pl.scan_parquet(str(vdir / "quotes" / "*.parquet")).collect()["quote_id"]) == want
    assert sorted(pd.read_parquet(vdir / "quotes")["quote_id"]) == want
    assert sorted(r[0] for r in duckdb.sql(f"select quote_id from '{vdir}/quotes/*.parquet'").fetchall()) == want
    ds = open_dataset(tmp_path / "ds")
    assert sorted(ds.quotes["quote_id"]) == want and ds.articles.height == 2
    assert open_dataset(tmp_path / "ds", lazy=True).quotes.collect().sort("quote_id").equals(ds.quotes.sort("quote_id"))


def test_commands_read_sharded_versions(tmp_path: Path) -> None:
    write_sharded(tmp_path / "ds")
    ds = str(tmp_path / "ds")
    run = CliRunner().invoke
    res = run(app, ["validate", ds])
    assert res.exit_code == 0 and "valid" in res.output
    res = run(app, ["show", ds, "--speaker", "Wong"])
    assert res.exit_code == 0 and "3 of 4 quotes shown" in res.output
    res = run(app, ["search", "interests", "--dataset", ds])
    assert res.exit_code == 0 and "q2" in res.output and "q3" in res.output
    res = run(app, ["cite", "q3", "--dataset", ds, "--format", "bibtex"])
    assert res.exit_code == 0 and "Wong on China talks" in res.output and "Penny Wong" in res.output
    assert search(tmp_path / "ds", speaker="senator wong")["quote_id"].to_list() == ["q1", "q2", "q3"]


def to_single_file(vdir: Path) -> None:
    """Rewrite a version the way versions were written before sharding (one <table>.parquet, no card)."""
    m = json.loads((vdir / "manifest.json").read_text())
    files = {}
    for t in TABLES:
        table = pa.concat_tables(pq.read_table(f) for f in table_files(vdir, t))
        shutil.rmtree(vdir / t)
        pq.write_table(table, vdir / f"{t}.parquet", compression="zstd")
        files[f"{t}.parquet"] = file_digest(vdir / f"{t}.parquet")
    for name in ("README.md", "croissant.json"):
        (vdir / name).unlink()
    del m["manifest_sha256"]
    m["files"] = files
    (vdir / "manifest.json").write_text(json.dumps(m, indent=2))


def test_single_file_versions_stay_readable(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    v1 = write_sharded(out)
    to_single_file(v1)
    assert table_files(v1, "quotes") == [v1 / "quotes.parquet"]
    report = validate(out)
    assert report.ok, str(report)
    assert any("no manifest_sha256" in w for w in report.warnings)
    ds = open_dataset(out)
    assert ds.quotes.height == 4 and ds.statements["quote_ids"].to_list() == [["q2", "q3"]]
    assert search(out, text="constructive")["quote_id"].to_list() == ["q4"]
    res = CliRunner().invoke(app, ["cite", "q4", "--dataset", str(out)])
    assert res.exit_code == 0 and "the talks were constructive" in res.output
    # tampering is still caught in the old layout, and a new sharded version can follow it
    (v1 / "speakers.parquet").write_bytes((v1 / "speakers.parquet").read_bytes()[:-9] + b"xxxxxxxxx")
    assert any("speakers.parquet" in e for e in validate(out).errors)
    v2 = write_sharded(out)
    assert v2.name == "v0002" and validate(out).ok


def test_parts_written_by_workers_are_adopted(tmp_path: Path) -> None:
    from quotes.dataset.version_writer import write_part_file

    t = make_tables()
    worker_file = tmp_path / "worker-3.parquet"
    assert write_part_file("quotes", t["quotes"][2:], worker_file) == 2
    with VersionWriter(tmp_path / "ds") as w:
        w.write_part("articles", t["articles"])
        direct = w.write_part("quotes", t["quotes"][2:])
        w.abort()
    with VersionWriter(tmp_path / "ds") as w:
        w.write_part("articles", t["articles"])
        w.write_part("quotes", t["quotes"][:2])
        info = w.adopt_part("quotes", worker_file)
        assert (info.path, info.rows, info.sha256) == ("quotes/part-00001.parquet", 2, direct.sha256)
        assert not worker_file.exists()
        speakers_file = tmp_path / "speakers.parquet"
        write_part_file("statements", t["statements"], speakers_file)
        with pytest.raises(SchemaError, match="schema differs"):
            w.adopt_part("speakers", speakers_file)
        w.write_part("speakers", t["speakers"])
        w.adopt_part("statements", speakers_file)
        vdir = w.publish(EXTRA)
    assert validate(vdir).ok and open_dataset(vdir).quotes.height == 4


def test_part_order_is_numeric(tmp_path: Path) -> None:
    (tmp_path / "quotes").mkdir()
    for n in (100000, 99999, 2):
        (tmp_path / "quotes" / f"part-{n:05d}.parquet").write_bytes(b"")
    (tmp_path / "quotes" / "notes.txt").write_bytes(b"")
    assert [p.name for p in table_files(tmp_path, "quotes")] == [
        "part-00002.parquet", "part-99999.parquet", "part-100000.parquet"]


def test_validation_reads_parts_a_batch_at_a_time_and_still_checks_every_row(tmp_path: Path, monkeypatch) -> None:
    """With one-row record batches (a part far larger than a batch), every check still sees every
    row: keys across batches, offsets against articles in other batches and parts."""
    import importlib

    validate_mod = importlib.import_module("quotes.dataset.validate")
    monkeypatch.setattr(validate_mod, "BATCH_ROWS", 1)
    vdir = write_sharded(tmp_path / "ok")
    assert validate(vdir).ok
    t = make_tables()
    t["quotes"][2]["start"] += 5  # q3: its article is in the other articles part
    t["quotes"][3]["end"] += 10_000  # q4 runs past its article's end
    with pytest.raises(DatasetWriteError) as err:
        write_sharded(tmp_path / "bad", t)
    assert "q3" in str(err.value) and "q4" in str(err.value)
    with pytest.raises(DatasetWriteError, match="duplicate quote_id 'q1'"):
        with VersionWriter(tmp_path / "dup") as w:
            w.write_part("articles", t["articles"])
            w.write_part("quotes", make_tables()["quotes"])
            w.write_part("quotes", make_tables()["quotes"][:1])
            w.write_part("speakers", t["speakers"])
            w.write_part("statements", t["statements"])
            w.publish(EXTRA)
