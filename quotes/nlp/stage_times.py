"""CPU and wall seconds spent in each Stanza processor, for the benchmarks.

Wraps each processor's ``process`` method on one pipeline (an instance attribute; Stanza's classes
are untouched) and adds its time to a dict while the context is open. Bulk calls go through
``process`` too, so the split holds for :func:`quotes.nlp.batch.parse_texts`.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def stage_times(pipe) -> Iterator[dict[str, dict[str, float]]]:
    times: dict[str, dict[str, float]] = {}
    wrapped = []
    for name, proc in pipe.processors.items():
        original = proc.process

        def timed(*args, _original=original, _name=name, **kwargs):
            w, c = time.perf_counter(), time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                slot = times.setdefault(_name, {"wall": 0.0, "cpu": 0.0})
                slot["wall"] += time.perf_counter() - w
                slot["cpu"] += time.process_time() - c

        proc.process = timed
        wrapped.append(proc)
    try:
        yield times
    finally:
        for proc in wrapped:
            del proc.process
