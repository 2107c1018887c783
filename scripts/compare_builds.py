"""Compare two built dataset versions column by column: did a change move any row?

    python scripts/compare_builds.py OLD_VERSION_DIR NEW_VERSION_DIR [--allow-new rule,speaker_rule]
                                     [--ignore source_path]

A refactor that claims to change no output is checked with it: every column the old version has
must be byte-identical, row by row (rows matched by the table's primary key), in every table; the
new version may only add the columns named with ``--allow-new``. Each directory is a version
(``.../v0001``) or a dataset root with a ``LATEST`` file. ``--ignore`` leaves out columns that
depend on where the inputs were read from, not on what was extracted (``articles.source_path``
differs between two checkouts reading the same ``../shared``). Exit code 0 when identical, 1 otherwise;
the first differences of each column are printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pyarrow.parquet as pq

TABLES = {"articles": "article_id", "quotes": "quote_id", "speakers": "speaker_id",
          "statements": "statement_id"}


def version_dir(path: Path) -> Path:
    latest = path / "LATEST"
    return path / latest.read_text().strip() if latest.is_file() else path


def table_path(version: Path, table: str) -> Path:
    """A table of a version: one ``TABLE.parquet`` file, or a ``TABLE/`` folder of part files."""
    single = version / f"{table}.parquet"
    return single if single.exists() else version / table


def _rows(path: Path, key: str) -> tuple[list[str], dict[str, dict]]:
    table = pq.read_table(path)
    rows = table.to_pylist()
    return table.column_names, {r[key]: r for r in rows}


def compare_table(old: Path, new: Path, key: str, allow_new: set[str], ignore: frozenset[str] = frozenset(),
                  show: int = 3) -> list[str]:
    """Differences between two Parquet files of one table, as readable lines (empty: identical)."""
    old_cols, old_rows = _rows(old, key)
    new_cols, new_rows = _rows(new, key)
    old_cols, new_cols = [c for c in old_cols if c not in ignore], [c for c in new_cols if c not in ignore]
    problems = [f"column {c!r} missing in new" for c in old_cols if c not in new_cols]
    problems += [f"column {c!r} added but not allowed" for c in new_cols
                 if c not in old_cols and c not in allow_new]
    if set(old_rows) != set(new_rows):
        gone, added = sorted(set(old_rows) - set(new_rows)), sorted(set(new_rows) - set(old_rows))
        problems.append(f"rows: {len(gone)} only in old {gone[:show]}, {len(added)} only in new {added[:show]}")
    shared = sorted(set(old_rows) & set(new_rows))
    for col in (c for c in old_cols if c in new_cols):
        diffs = [k for k in shared if repr(old_rows[k][col]) != repr(new_rows[k][col])]
        problems += [f"{col} [{k}]: {old_rows[k][col]!r} -> {new_rows[k][col]!r}" for k in diffs[:show]]
        if len(diffs) > show:
            problems.append(f"{col}: {len(diffs) - show} more rows differ")
    return problems


def compare_versions(old: Path, new: Path, allow_new: set[str],
                     ignore: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    old, new = version_dir(old), version_dir(new)
    return {t: compare_table(table_path(old, t), table_path(new, t), key, allow_new, ignore)
            for t, key in TABLES.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--allow-new", default="rule,speaker_rule",
                    help="comma-separated columns the new version may add")
    ap.add_argument("--ignore", default="", help="comma-separated columns left out of the comparison")
    args = ap.parse_args(argv)
    allow = {c for c in args.allow_new.split(",") if c}
    report = compare_versions(args.old, args.new, allow, frozenset(c for c in args.ignore.split(",") if c))
    same = True
    for table, problems in report.items():
        n = pq.read_table(table_path(version_dir(args.new), table)).num_rows
        print(f"{table:11} {n:6} rows  {'identical' if not problems else 'DIFFERENT'}")
        for p in problems:
            print(f"    {p}")
        same = same and not problems
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
