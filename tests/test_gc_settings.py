"""Parsing processes collect garbage less often (quotes.build.gc_settings), and give it back."""

from __future__ import annotations

import gc

from quotes.build import gc_settings
from quotes.build.engines import InlineEngine
from quotes.build.options import BuildOptions


def test_tune_freezes_what_is_alive_and_restore_gives_the_settings_back():
    before = gc.get_threshold()
    token = gc_settings.tune_for_parsing()
    try:
        assert token == before
        assert gc.get_threshold() == gc_settings.THRESHOLDS
        assert gc.get_freeze_count() > 10_000  # this test process: pytest, polars, the tests' imports
    finally:
        gc_settings.restore(token)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_cycles_made_while_tuned_are_still_freed():
    token = gc_settings.tune_for_parsing()
    try:
        class Node:
            pass

        import weakref
        a, b = Node(), Node()
        a.other, b.other = b, a
        probe = weakref.ref(a)
        del a, b
        keep = [[] for _ in range(gc_settings.THRESHOLDS[0] * 2)]  # enough for a young collection
        assert probe() is None and len(keep) == 2 * gc_settings.THRESHOLDS[0]
    finally:
        gc_settings.restore(token)


def test_the_inline_engine_tunes_while_it_runs_and_restores_on_close(nlp, tmp_path):
    before = gc.get_threshold()
    engine = InlineEngine(BuildOptions(), tmp_path)
    try:
        assert gc.get_threshold() == gc_settings.THRESHOLDS and gc.get_freeze_count() > 0
    finally:
        engine.close()
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
