"""Dataset stage: versioning, atomicity, determinism, validation and cross-engine readability."""

from __future__ import annotations

import hashlib
import json
import os
import random
from importlib import resources
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from quotes.dataset import (
    DatasetNotFound,
    DatasetWriteError,
    VersionWriter,
    SchemaError,
    TABLES,
    load_schema,
    open_dataset,
    resolve_version,
    table_files,
    validate,
    write_version,
)
from quotes.dataset import SCHEMA_VERSION
from quotes.dataset import version_writer as writer_mod

A1 = (
    'Foreign Minister Penny Wong said on Tuesday that Australia would keep talking to Beijing. '
    '"We have been clear about our interests," Wong told reporters in Canberra.'
)
A2 = (
    'CANBERRA (Reuters) - "We have been clear about our interests," Australian Foreign Minister '
    "Penny Wong said on Monday. The Chinese foreign ministry said the talks were constructive."
)


def _span(text: str, s: str) -> tuple[int, int]:
    i = text.index(s)
    return i, i + len(s)


def _article(aid: str, text: str, n: int, **kw) -> dict:
    row = dict(
        article_id=aid, source_id=f"src-{aid}", source_path=f"inputs/{aid}.html", url=f"https://example.org/{aid}",
        outlet="Example News", title="Wong on China talks", published_at="2024-05-14T09:30:00+10:00",
        published_precision="minute", text=text, text_sha256=hashlib.sha256(text.encode()).hexdigest(), n_quotes=n,
        text_source="trafilatura",
    )
    row.update(kw)
    return row


def _quote(qid: str, aid: str, text: str, content: str, *, cue: str, mention: str | None, quoted: bool = True, **kw) -> dict:
    s, e = _span(text, f'"{content}"' if quoted else content)
    cs, ce = _span(text, cue)
    ms, me = _span(text, mention) if mention else (None, None)
    row = dict(
        quote_id=qid, article_id=aid, type="direct" if quoted else "indirect", text=text[s:e], start=s, end=e, parts=[{"start": s, "end": e}],
        sentence=0, cue=cue, cue_start=cs, cue_end=ce, speaker="Penny Wong", speaker_mention=mention,
        speaker_start=ms, speaker_end=me, speaker_id="sp-penny-wong", speaker_type="person",
        role="Foreign Minister", via=None, said_on="2024-05-14", said_on_precision="day",
        said_on_source="explicit", confidence=0.9, rule=["content.clausal", "speaker.subject", "quote.indirect"],
        speaker_rule="speaker.subject > speaker.name", statement_id=None,
    )
    row.update(kw)
    return row


def make_tables() -> dict[str, list[dict]]:
    quotes = [
        _quote("q1", "a1", A1, "Australia would keep talking to Beijing", cue="said", mention="Penny Wong",
               quoted=False, sentence=0, confidence=0.7),
        _quote("q2", "a1", A1, "We have been clear about our interests,", cue="told", mention="Wong",
               sentence=1, statement_id="st1"),
        _quote("q3", "a2", A2, "We have been clear about our interests,", cue="said", mention="Penny Wong",
               said_on="2024-05-13", said_on_source="relative", statement_id="st1"),
        _quote("q4", "a2", A2, "the talks were constructive", cue="said", mention="The Chinese foreign ministry",
               quoted=False, sentence=1, speaker="Chinese foreign ministry", speaker_id=None,
               speaker_type="organization", role=None, said_on=None, said_on_precision=None,
               said_on_source="unknown", confidence=0.55),
    ]
    return {
        "articles": [_article("a1", A1, 2), _article("a2", A2, 2, published_precision="day", published_at="2024-05-13")],
        "quotes": quotes,
        "speakers": [dict(
            speaker_id="sp-penny-wong", name="Penny Wong", type="person", roles=["Foreign Minister"],
            aliases=["Wong", "Senator Wong"], n_quotes=3, n_articles=2,
            role_spans=[{"role": "Foreign Minister", "first_seen": "2024-05-13", "last_seen": "2024-05-14"}],
        )],
        "statements": [dict(
            statement_id="st1", speaker_id="sp-penny-wong", text="We have been clear about our interests",
            first_said_on="2024-05-13", n_articles=2, n_quotes=2, quote_ids=["q2", "q3"],
        )],
    }


EXTRA = {
    "command": ["quotes", "build", "inputs/"],
    "model": {"name": "stanza-en", "package": "default"},
    "inputs": [{"path": "inputs/a1.html", "sha256": "0" * 64, "bytes": 1234}],
    "errors": [{"source_path": "inputs/bad.bin", "kind": "binary", "message": "not text", "skipped": True}],
}


def _listing(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name != ".lock")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    out = tmp_path / "ds"
    write_version(out, make_tables(), EXTRA)
    return out


def write_sharded(out: Path, tables: dict[str, list[dict]] | None = None, **kw) -> Path:
    """A version with two parts for articles and quotes (split so quotes reference the other part too)."""
    t = tables or make_tables()
    with VersionWriter(out, **kw) as w:
        w.write_part("articles", t["articles"][:1])
        w.write_part("articles", t["articles"][1:])
        w.write_part("quotes", [t["quotes"][0], t["quotes"][2]])  # a1 and a2: offsets checked across parts
        w.write_part("quotes", [t["quotes"][1], t["quotes"][3]])
        w.write_part("speakers", t["speakers"])
        if t["statements"]:
            w.write_part("statements", t["statements"])
        return w.publish(EXTRA)


@pytest.fixture
def sharded(tmp_path: Path) -> Path:
    return write_sharded(tmp_path / "sharded")


# --- versioning, determinism, atomicity -------------------------------------------------------


def test_versions_increment_and_latest_updates(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    v1 = write_version(out, make_tables(), EXTRA)
    assert v1 == out / "v0001" and (out / "LATEST").read_text() == "v0001\n"
    assert sorted(p.name for p in v1.iterdir()) == sorted([*TABLES, "README.md", "croissant.json", "manifest.json"])
    assert all([p.name for p in table_files(v1, t)] == ["part-00000.parquet"] for t in TABLES)
    tables = make_tables()
    tables["articles"][0]["title"] = "Wong: talks with Beijing continue"
    v2 = write_version(out, tables, EXTRA)
    assert v2 == out / "v0002" and (out / "LATEST").read_text() == "v0002\n"
    assert resolve_version(out) == v2 and resolve_version(v1) == v1
    assert open_dataset(out).articles.filter(article_id="a1")["title"][0] == "Wong: talks with Beijing continue"
    assert open_dataset(v1).articles.filter(article_id="a1")["title"][0] == "Wong on China talks"


def test_manifest_contents(root: Path) -> None:
    raw = (root / "v0001" / "manifest.json").read_text()
    m = json.loads(raw)
    assert raw == json.dumps(m, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert m["dataset_schema_version"] == "3"
    assert m["row_counts"] == {"articles": 2, "quotes": 4, "speakers": 1, "statements": 1}
    assert m["command"] == EXTRA["command"] and m["model"] == EXTRA["model"]
    assert m["inputs"] == EXTRA["inputs"] and m["errors"] == EXTRA["errors"]
    assert m["created_at"].endswith("Z") and "quotes_version" in m and "stanza_version" in m
    qfile = root / "v0001" / "quotes" / "part-00000.parquet"
    assert m["files"]["quotes/part-00000.parquet"] == {"sha256": hashlib.sha256(qfile.read_bytes()).hexdigest(),
                                                       "bytes": qfile.stat().st_size, "rows": 4}
    assert sorted(m["files"]) == sorted([f"{t}/part-00000.parquet" for t in TABLES] + ["README.md", "croissant.json"])
    rest = {k: v for k, v in m.items() if k != "manifest_sha256"}
    canon = json.dumps(rest, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert m["manifest_sha256"] == hashlib.sha256(canon).hexdigest()


def test_identical_rows_give_byte_identical_files(tmp_path: Path) -> None:
    a = write_version(tmp_path / "a", make_tables(), EXTRA)
    shuffled = make_tables()
    for rows in shuffled.values():
        random.Random(7).shuffle(rows)
    b = write_version(tmp_path / "b", shuffled, {**EXTRA, "command": ["other"]})
    for t in TABLES:
        (fa,), (fb,) = table_files(a, t), table_files(b, t)
        assert fa.read_bytes() == fb.read_bytes(), t
    md = pq.read_metadata(table_files(a, "quotes")[0]).metadata
    assert b"pandas" not in md and all(b"created_at" not in v for v in md.values())
    ids = pq.read_table(table_files(b, "quotes")[0]).column("quote_id").to_pylist()
    assert ids == sorted(ids)


def _assert_unchanged(out: Path) -> None:
    assert (out / "LATEST").read_text() == "v0001\n"
    assert _listing(out) == ["LATEST", "v0001"]
    assert validate(out).ok
    assert open_dataset(out).version_dir == out / "v0001"


def test_crash_at_rename_keeps_previous_version(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a, **k):
        raise OSError("killed")

    monkeypatch.setattr(os, "rename", boom)
    with pytest.raises(OSError, match="killed"):
        write_version(root, make_tables(), EXTRA)
    _assert_unchanged(root)


def test_crash_after_first_parquet_file(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real, calls = writer_mod.pq.write_table, []

    def flaky(*a, **k):
        calls.append(1)
        if len(calls) > 1:
            raise RuntimeError("disk full")
        return real(*a, **k)

    monkeypatch.setattr(writer_mod.pq, "write_table", flaky)
    with pytest.raises(RuntimeError, match="disk full"):
        write_version(root, make_tables(), EXTRA)
    assert len(calls) == 2
    _assert_unchanged(root)


def test_crash_before_latest_update_is_invisible(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*a, **k):
        raise OSError("killed")

    monkeypatch.setattr(writer_mod, "write_latest", boom)
    with pytest.raises(OSError):
        write_version(root, make_tables(), EXTRA)
    assert (root / "LATEST").read_text() == "v0001\n" and open_dataset(root).version_dir == root / "v0001"
    monkeypatch.undo()
    assert write_version(root, make_tables(), EXTRA).name == "v0003"  # never reuses a number


def test_stale_tmp_dir_ignored_then_cleaned(root: Path) -> None:
    stale = root / ".tmp-deadbeef"
    stale.mkdir()
    (stale / "quotes.parquet").write_bytes(b"PAR1 half written")
    (root / ".LATEST.tmp-0000").write_text("v0009\n")
    assert open_dataset(root).version_dir == root / "v0001" and validate(root).ok
    write_version(root, make_tables(), EXTRA)
    assert _listing(root) == ["LATEST", "v0001", "v0002"]


# --- writer refuses rows that break the contract ---------------------------------------------


@pytest.mark.parametrize(
    "table,field,value,match",
    [
        ("quotes", "type", "paraphrase", "not one of"),
        ("quotes", "article_id", None, "must not be null"),
        ("articles", "article_id", None, "must not be null"),
        ("quotes", "start", "12", "expected int32"),
        ("quotes", "said_on_source", "guessed", "not one of"),
        ("speakers", "roles", "Foreign Minister", "expected a list"),
    ],
)
def test_writer_rejects_bad_rows(tmp_path: Path, table: str, field: str, value, match: str) -> None:
    tables = make_tables()
    tables[table][0][field] = value
    with pytest.raises(SchemaError, match=match):
        write_version(tmp_path / "ds", tables, EXTRA)
    assert not (tmp_path / "ds").exists() or _listing(tmp_path / "ds") == []


def test_writer_rejects_missing_and_unknown_columns(tmp_path: Path) -> None:
    tables = make_tables()
    del tables["quotes"][0]["confidence"]
    with pytest.raises(SchemaError, match="missing column"):
        write_version(tmp_path / "ds", tables, EXTRA)
    tables = make_tables()
    tables["quotes"][0]["speaker_key"] = "wong"
    with pytest.raises(SchemaError, match="unknown column"):
        write_version(tmp_path / "ds", tables, EXTRA)


def test_writer_refuses_to_publish_inconsistent_version(root: Path) -> None:
    tables = make_tables()
    tables["quotes"][1]["start"] += 3
    with pytest.raises(DatasetWriteError, match="offsets"):
        write_version(root, tables, EXTRA)
    assert _listing(root) == ["LATEST", "v0001"]


# --- validator --------------------------------------------------------------------------------


def test_validator_passes_good_version(root: Path) -> None:
    for p in (root, root / "v0001"):
        report = validate(p)
        assert report.ok, str(report)
        assert report.errors == [] and report.version_dir == root / "v0001"


def test_validator_catches_tampered_parquet(root: Path) -> None:
    f = root / "v0001" / "quotes" / "part-00000.parquet"
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0xFF
    f.write_bytes(bytes(data))
    report = validate(root)
    assert not report.ok and any("checksum" in e and "quotes/part-00000.parquet" in e for e in report.errors)


def test_validator_catches_deleted_file(root: Path) -> None:
    (root / "v0001" / "speakers" / "part-00000.parquet").unlink()
    report = validate(root)
    assert not report.ok and any("speakers/part-00000.parquet" in e and "missing" in e for e in report.errors)


def test_validator_catches_row_count_mismatch(root: Path) -> None:
    mpath = root / "v0001" / "manifest.json"
    m = json.loads(mpath.read_text())
    m["row_counts"]["quotes"] = 5
    mpath.write_text(json.dumps(m))
    report = validate(root)
    assert not report.ok and any("row_count" in e and "quotes" in e for e in report.errors)


def test_validator_catches_bad_offsets(tmp_path: Path) -> None:
    tables = make_tables()
    tables["quotes"][2]["start"] += 5  # q3 no longer points at its words
    tables["quotes"][3]["end"] = len(A2) + 10  # q4 runs past the end of the article
    vdir = write_version(tmp_path / "ds", tables, EXTRA, validate=False)
    report = validate(vdir)
    assert not report.ok
    assert any("q3" in e and "offsets" in e for e in report.errors)
    assert any("q4" in e and "outside" in e for e in report.errors)


def test_validator_catches_broken_references_and_counts(tmp_path: Path) -> None:
    tables = make_tables()
    tables["quotes"][0]["speaker_id"] = "sp-nobody"
    tables["articles"][0]["n_quotes"] = 7
    tables["statements"][0]["quote_ids"] = ["q2", "q9"]
    vdir = write_version(tmp_path / "ds", tables, EXTRA, validate=False)
    errors = "\n".join(validate(vdir).errors)
    assert "sp-nobody" in errors and "n_quotes=7" in errors and "'q9' not in quotes" in errors


@pytest.mark.parametrize("batch_rows", [2048, 1])
def test_validator_reports_every_cross_table_problem_once(tmp_path: Path, monkeypatch, batch_rows: int) -> None:
    """Each kind of dangling reference and count, across parts and (at 1 row) across record batches:
    exactly these errors, each once."""
    import importlib

    monkeypatch.setattr(importlib.import_module("quotes.dataset.validate"), "BATCH_ROWS", batch_rows)
    t = make_tables()
    q1, q2, q3, q4 = t["quotes"]
    q1["speaker_id"] = "sp-nobody"  # dangling speaker; Penny Wong keeps 2 of her 3 quotes
    q4.update(article_id="a9", statement_id="st-gone")  # dangling article (a2 loses a quote) and statement
    t["statements"][0].update(quote_ids=["q2", "q3", "q9"], n_quotes=3)  # q9 does not exist
    t["statements"].append(dict(t["statements"][0], statement_id="st2", speaker_id="sp-ghost", n_articles=1,
                                n_quotes=2, quote_ids=["q3", "q1"]))  # q3 is st1's; q1 names no statement
    with VersionWriter(tmp_path / "ds", validate=False) as w:
        w.write_part("articles", t["articles"][:1])
        w.write_part("articles", t["articles"][1:])
        w.write_part("quotes", [q1, q3])
        w.write_part("quotes", [q2, q4])
        w.write_part("quotes", [q2])  # q2 twice
        w.write_part("speakers", t["speakers"])
        w.write_part("statements", t["statements"])
        vdir = w.publish(EXTRA)
    assert sorted(validate(vdir).errors) == sorted([
        "[primary_key] quotes: duplicate quote_id 'q2'",
        "[reference] quote q4: article_id 'a9' not in articles",
        "[n_quotes] article a2: n_quotes=2 but 1 quotes",
        "[n_quotes] speaker sp-penny-wong: n_quotes=3 but 2 quotes",
        "[reference] quote q1: speaker_id 'sp-nobody' not in speakers",
        "[reference] statement st2: speaker_id 'sp-ghost' not in speakers",
        "[reference] statement st1: quote_id 'q9' not in quotes",
        "[reference] statement st2 lists quote q3, whose statement_id is 'st1'",
        "[reference] statement st2 lists quote q1, whose statement_id is None",
        "[reference] quote q3 is listed by statements st1 and st2",
        "[n_articles] statement st2: n_articles=1 but its quotes are in 2 articles",
        "[reference] quote q4: statement_id 'st-gone' not in statements",
        "[reference] quote q3: statement st1 does not list it in quote_ids",
    ])


def test_validator_takes_the_last_row_of_a_duplicated_id(tmp_path: Path) -> None:
    """A quote id held twice is one duplicate error; the cross-table checks see its last row, so a
    dangling speaker_id on the first copy only is not reported, and counts count the id once."""
    t = make_tables()
    stray = dict(t["quotes"][0], speaker_id="sp-nobody", statement_id="st-gone")
    with VersionWriter(tmp_path / "ds", validate=False) as w:
        w.write_part("articles", t["articles"])
        w.write_part("quotes", [stray])
        w.write_part("quotes", t["quotes"])
        w.write_part("speakers", t["speakers"])
        w.write_part("statements", t["statements"])
        vdir = w.publish(EXTRA)
    assert validate(vdir).errors == ["[primary_key] quotes: duplicate quote_id 'q1'"]


def test_validator_accepts_quote_marks_difference(tmp_path: Path) -> None:
    tables = make_tables()
    q = tables["quotes"][1]
    q["text"] = q["text"].strip('"')  # stored without the surrounding marks: still consistent
    assert validate(write_version(tmp_path / "ds", tables, EXTRA)).ok


def test_resolve_version_errors(tmp_path: Path) -> None:
    with pytest.raises(DatasetNotFound, match="does not exist"):
        resolve_version(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DatasetNotFound, match="LATEST"):
        resolve_version(tmp_path / "empty")
    assert not validate(tmp_path / "empty").ok


# --- contract files and engines ---------------------------------------------------------------


def test_schema_files_are_the_contract(root: Path) -> None:
    for t in TABLES:
        doc = json.loads(resources.files("quotes.schemas").joinpath(f"v{SCHEMA_VERSION}/{t}.json").read_text())
        assert doc["table"] == t and doc["schema_version"] == SCHEMA_VERSION
        assert all(set(c) >= {"name", "type", "nullable", "meaning"} and c["meaning"] for c in doc["columns"])
        got = pq.read_schema(table_files(root / "v0001", t)[0]).remove_metadata()
        assert got.equals(load_schema(t).arrow()), t
        assert [c["name"] for c in doc["columns"]] == got.names


def test_polars_reads_expected_types(root: Path) -> None:
    import polars as pl

    ds = open_dataset(root)
    assert ds.quotes.schema["start"] == pl.Int32 and ds.quotes.schema["confidence"] == pl.Float64
    assert ds.quotes.schema["type"] == pl.String
    assert ds.speakers.schema["roles"] == pl.List(pl.String)
    assert ds.speakers["role_spans"][0][0]["role"] == "Foreign Minister"
    assert ds["statements"]["quote_ids"].to_list() == [["q2", "q3"]]
    assert ds.manifest["row_counts"]["quotes"] == ds.quotes.height == 4
    assert open_dataset(root, lazy=True).quotes.collect().equals(ds.quotes)


def test_pandas_reads_expected_types(sharded: Path) -> None:
    import pandas as pd

    df = pd.read_parquet(sharded / "quotes", engine="pyarrow")  # the table dir, all parts
    assert sorted(df["quote_id"]) == ["q1", "q2", "q3", "q4"]
    assert list(df.columns) == load_schema("quotes").names
    assert str(df["start"].dtype) == "int32" and str(df["confidence"].dtype) == "float64"
    sp = pd.read_parquet(sharded / "speakers", engine="pyarrow")
    assert list(sp.loc[0, "aliases"]) == ["Wong", "Senator Wong"]
    assert len(pd.read_parquet(sharded / "statements")) == 1


def test_duckdb_reads_expected_types(sharded: Path) -> None:
    import duckdb

    q = str(sharded / "quotes" / "*.parquet")
    types = {r[0]: r[1] for r in duckdb.sql(f"describe select * from read_parquet('{q}')").fetchall()}
    assert types["start"] == "INTEGER" and types["confidence"] == "DOUBLE" and types["quote_id"] == "VARCHAR"
    rows = duckdb.sql(f"select quote_id, \"end\" - start from '{q}' where type = 'direct' order by 1").fetchall()
    assert [r[0] for r in rows] == ["q2", "q3"] and all(n > 0 for _, n in rows)
    a = str(sharded / "articles" / "*.parquet")
    joined = duckdb.sql(f"select q.quote_id, a.title from '{q}' q join '{a}' a using (article_id) order by 1").fetchall()
    assert [r[0] for r in joined] == ["q1", "q2", "q3", "q4"] and all(r[1] for r in joined)
    s = str(sharded / "speakers" / "*.parquet")
    stypes = {r[0]: r[1] for r in duckdb.sql(f"describe select * from read_parquet('{s}')").fetchall()}
    assert stypes["roles"] == "VARCHAR[]" and stypes["role_spans"].startswith("STRUCT(")
    assert duckdb.sql(f"select aliases[1], role_spans[1].last_seen from read_parquet('{s}')").fetchall()[0] == (
        "Wong", "2024-05-14")


def test_validator_checks_the_parts_of_an_interrupted_quote(tmp_path: Path) -> None:
    tables = make_tables()
    q = tables["quotes"][1]
    s, e = q["start"], q["end"]
    mid = s + (e - s) // 2
    q["parts"] = [{"start": s, "end": mid}, {"start": mid + 1, "end": e}]
    text = next(a["text"] for a in tables["articles"] if a["article_id"] == q["article_id"])
    q["text"] = text[s:mid] + " " + text[mid + 1:e]
    assert validate(write_version(tmp_path / "ok", tables, EXTRA)).ok
    q["text"] = text[s:e]  # no longer the parts joined
    report = validate(write_version(tmp_path / "bad", tables, EXTRA, validate=False))
    assert any("parts joined" in err for err in report.errors)
