"""A build's private scratch directory under the dataset root, alive only while its build is.

Drafts (one file per batch) live in ``<out>/.work-<token>/``. The build holds an exclusive
``flock`` on the directory's lock file for its whole life, so a later build can tell a live
neighbour (lock held: leave it alone) from the leftovers of a killed one (lock free: remove).
"""

from __future__ import annotations

import fcntl
import secrets
import shutil
from pathlib import Path

PREFIX = ".work-"
LOCK = ".alive"


class WorkDir:
    def __init__(self, out_dir: Path):
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_stale(out_dir)
        self.path = out_dir / f"{PREFIX}{secrets.token_hex(6)}"
        self.path.mkdir()
        self._fh = open(self.path / LOCK, "w")
        fcntl.flock(self._fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        self.drafts = self.path / "drafts"
        self.drafts.mkdir()

    def close(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        self._fh.close()

    def __enter__(self) -> WorkDir:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def remove_stale(out_dir: Path) -> list[Path]:
    """Remove the work dirs of builds that are no longer running."""
    removed = []
    for p in out_dir.glob(f"{PREFIX}*"):
        lock = p / LOCK
        try:
            fh = open(lock, "a")
        except OSError:
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
            continue
        with fh:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue  # a live build
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p)
    return removed


