"""Give the C heap's free pages back to the OS between the phases of a build.

Freed memory is not returned to the OS by default: glibc's malloc keeps what a phase freed (the
Python objects of a second-pass partition, the Arrow buffers of a written part, on Arrow's system
pool) for reuse, scattered through its heap, so RSS stays at the high-water mark of every phase
before. A phase whose working set is larger at 20,000 articles than at 1,000 (partitions and
parts fill up to their bounds) thus raised the baseline of every later phase, and the peaks added
up: without parsing, the coordinator's RSS when validation began was 172 MB at 1k articles and
198 MB at 20k, though the memory still in use at that point was the same (165 vs 171 MB after a
trim). ``release`` (glibc's ``malloc_trim``) returns those free pages, so each phase starts from
what is live. It changes no data, only where pages are; it costs a walk of the heap (about a
millisecond), so it is called at phase boundaries, not per row. Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # absent on musl
    except OSError:  # pragma: no cover - no C library to load
        return None


_TRIM = _malloc_trim()


def release() -> None:
    """Return the heap's free pages to the OS (no-op where malloc has no ``malloc_trim``)."""
    if _TRIM is not None:
        _TRIM(0)
