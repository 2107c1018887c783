"""Tampering is detected, and concurrent builds on one dataset root never corrupt it or LATEST."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotes.dataset import TABLES, VersionWriter, open_dataset, table_files, validate
from quotes.dataset.version_writer import clean_stale
from tests.conftest import ROOT
from tests.test_dataset import EXTRA, write_sharded


@pytest.fixture
def vdir(tmp_path: Path) -> Path:
    return write_sharded(tmp_path / "ds")


def _files(vdir: Path) -> list[str]:
    return sorted(json.loads((vdir / "manifest.json").read_text())["files"])


def _errors(vdir: Path) -> str:
    report = validate(vdir)
    assert not report.ok
    return "\n".join(report.errors)


# --- tampering ---------------------------------------------------------------------------------


def test_every_file_is_covered(vdir: Path) -> None:
    on_disk = sorted(p.relative_to(vdir).as_posix() for p in vdir.rglob("*") if p.is_file())
    assert on_disk == sorted([*_files(vdir), "manifest.json"])
    assert len([f for f in _files(vdir) if f.endswith(".parquet")]) == 6


@pytest.mark.parametrize("index", range(8))
def test_flipped_byte_in_any_file_is_caught(vdir: Path, index: int) -> None:
    name = _files(vdir)[index]  # 6 parts, README.md, croissant.json
    path = vdir / name
    data = bytearray(path.read_bytes())
    data[len(data) // 3] ^= 0x01
    path.write_bytes(bytes(data))
    errors = _errors(vdir)
    assert f"[checksum] {name}: sha256" in errors


def test_missing_part_is_caught(vdir: Path) -> None:
    (vdir / "quotes" / "part-00001.parquet").unlink()
    errors = _errors(vdir)
    assert "quotes/part-00001.parquet is listed in the manifest but missing" in errors


def test_missing_table_dir_is_caught(vdir: Path) -> None:
    for f in table_files(vdir, "statements"):
        f.unlink()
    (vdir / "statements").rmdir()
    assert "statements/part-00000.parquet is listed in the manifest but missing" in _errors(vdir)


@pytest.mark.parametrize("extra", ["quotes/part-00002.parquet", "notes.txt", "speakers/.hidden"])
def test_extra_file_is_caught(vdir: Path, extra: str) -> None:
    (vdir / extra).write_bytes((vdir / "quotes" / "part-00000.parquet").read_bytes())
    assert f"unexpected file {extra}" in _errors(vdir)


def _edit_manifest(vdir: Path, edit) -> None:
    path = vdir / "manifest.json"
    m = json.loads(path.read_text())
    edit(m)
    path.write_text(json.dumps(m, sort_keys=True, indent=2, ensure_ascii=False) + "\n")


@pytest.mark.parametrize(
    "edit",
    [
        lambda m: m["errors"].clear(),  # hides an input error; every data file still matches
        lambda m: m["model"].update(name="another-model"),
        lambda m: m.update(created_at="2020-01-01T00:00:00Z"),
    ],
    ids=["errors", "model", "created_at"],
)
def test_edited_manifest_is_caught(vdir: Path, edit) -> None:
    _edit_manifest(vdir, edit)
    assert "manifest.json was edited after it was written" in _errors(vdir)


def test_swapped_part_with_rewritten_checksums_is_caught(tmp_path: Path, vdir: Path) -> None:
    """A part replaced by another valid file, with its sha256/bytes updated in the manifest."""
    other = write_sharded(tmp_path / "other", _with_title("a2", "A different headline"))
    src = other / "articles" / "part-00001.parquet"
    (vdir / "articles" / "part-00001.parquet").write_bytes(src.read_bytes())
    meta = json.loads((other / "manifest.json").read_text())["files"]["articles/part-00001.parquet"]
    _edit_manifest(vdir, lambda m: m["files"].update({"articles/part-00001.parquet": meta}))
    errors = _errors(vdir)
    assert "edited after it was written" in errors and "[checksum]" not in errors


def test_removed_manifest_checksum_is_caught(vdir: Path) -> None:
    _edit_manifest(vdir, lambda m: m.pop("manifest_sha256"))
    assert "manifest has no manifest_sha256" in _errors(vdir)


def test_edited_row_count_is_caught_twice(vdir: Path) -> None:
    _edit_manifest(vdir, lambda m: m["row_counts"].update(quotes=5))
    errors = _errors(vdir)
    assert "edited after it was written" in errors and "quotes: manifest says 5 rows, files have 4" in errors


def _with_title(aid: str, title: str) -> dict:
    from tests.test_dataset import make_tables

    t = make_tables()
    for a in t["articles"]:
        if a["article_id"] == aid:
            a["title"] = title
    return t


# --- concurrency ---------------------------------------------------------------------------------

_WORKER = r"""
import sys, time
from pathlib import Path
from quotes.dataset import VersionWriter
from tests.test_dataset import EXTRA, make_tables

out, n, mode = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
if mode != "hold":  # start the publishing loops together, after the slow imports
    (out.parent / f"ready-{mode}").touch()
    while not (out.parent / "start").exists():
        time.sleep(0.01)
for i in range(n):
    t = make_tables()
    t["articles"][0]["title"] = f"{mode} build {i}"
    w = VersionWriter(out)
    for name, rows in t.items():
        w.write_part(name, rows)
    if mode == "hold":  # staged, then wait: another build's clean-up must leave this staging alone
        (out.parent / "staged").write_text(w.staging.name)
        while not (out.parent / "go").exists():
            time.sleep(0.05)
    print(w.publish(EXTRA).name, flush=True)
"""


def _spawn(out: Path, n: int, mode: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _WORKER, str(out), str(n), mode], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(p: subprocess.Popen) -> list[str]:
    stdout, stderr = p.communicate(timeout=300)
    assert p.returncode == 0, stderr
    return stdout.split()


def _wait_for(path: Path, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while not path.exists():
        assert proc.poll() is None, proc.communicate()[1]
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def _assert_consistent(out: Path, n_versions: int) -> None:
    names = sorted(p.name for p in out.iterdir() if p.name.startswith("v"))
    assert names == [f"v{i:04d}" for i in range(1, n_versions + 1)]
    assert (out / "LATEST").read_text() == f"v{n_versions:04d}\n"
    for name in names:
        report = validate(out / name)
        assert report.ok, str(report)
    assert not [p.name for p in out.iterdir() if p.name.startswith(".tmp-")]


def test_two_processes_publishing_at_once_get_distinct_versions(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    a, b = _spawn(out, 4, "a"), _spawn(out, 4, "b")
    _wait_for(tmp_path / "ready-a", a)
    _wait_for(tmp_path / "ready-b", b)
    (tmp_path / "start").touch()
    got_a, got_b = _finish(a), _finish(b)
    assert len(got_a) == len(got_b) == 4 and not set(got_a) & set(got_b)
    _assert_consistent(out, 8)
    titles = {open_dataset(out / v).articles.filter(article_id="a1")["title"][0] for v in got_a + got_b}
    assert titles == {f"{m} build {i}" for m in "ab" for i in range(4)}  # no version overwrote another


def test_clean_up_never_removes_a_live_builds_staging(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    holder = _spawn(out, 1, "hold")
    _wait_for(tmp_path / "staged", holder)
    staging = out / (tmp_path / "staged").read_text()
    assert [write_sharded(out).name for _ in range(2)] == ["v0001", "v0002"]  # each runs the stale clean-up
    assert staging.is_dir() and table_files(staging, "quotes")
    (tmp_path / "go").touch()
    assert _finish(holder) == ["v0003"]
    _assert_consistent(out, 3)


def test_killed_builds_staging_is_cleaned_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    holder = _spawn(out, 1, "hold")
    _wait_for(tmp_path / "staged", holder)
    staging = out / (tmp_path / "staged").read_text()
    os.kill(holder.pid, signal.SIGKILL)
    holder.communicate(timeout=60)
    assert staging.is_dir()  # left behind by the killed build
    assert write_sharded(out).name == "v0001"
    assert not staging.exists() and not staging.with_name(staging.name + ".lock").exists()
    _assert_consistent(out, 1)


def test_two_writers_in_one_process_do_not_clean_each_other(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    first = VersionWriter(out)
    first.write_part("quotes", [])
    second = VersionWriter(out)  # runs the clean-up while `first` is staged
    assert first.staging.is_dir() and clean_stale(out) == []
    second.abort()
    first.abort()
    assert sorted(p.name for p in out.iterdir()) == [".lock"]


def test_leftover_latest_temp_is_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "ds"
    write_sharded(out)
    (out / ".LATEST.tmp-0000").write_text("v0009\n")
    (out / ".tmp-deadbeef").mkdir()  # a staging dir of an older build that held no lock
    assert open_dataset(out).version_dir == out / "v0001"
    write_sharded(out)
    assert sorted(p.name for p in out.iterdir()) == [".lock", "LATEST", "v0001", "v0002"]
    assert all(validate(out / v).ok for v in ("v0001", "v0002")) and len(TABLES) == 4
    assert EXTRA["errors"] == json.loads((out / "v0002" / "manifest.json").read_text())["errors"]
