"""The linear jusText revision gives jusText's own classes, and trafilatura calls it."""

from __future__ import annotations

import random
from dataclasses import dataclass

from hypothesis import given, settings
from hypothesis import strategies as st
from justext.core import revise_paragraph_classification as justext_revise

import quotes.ingest.html  # noqa: F401  (installs the linear revision)
from quotes.ingest.justext_linear import revise_paragraph_classification


@dataclass
class Para:
    cf_class: str
    heading: bool
    text: str
    class_type: str = ""


paragraph = st.builds(Para, st.sampled_from(["good", "bad", "neargood", "short"]), st.booleans(),
                      st.text(alphabet="ab ", max_size=120))


def _classes(paras, revise):
    copy = [Para(p.cf_class, p.heading, p.text) for p in paras]
    revise(copy, 150)
    return [p.class_type for p in copy]


@settings(max_examples=400, deadline=None)
@given(st.lists(paragraph, max_size=40))
def test_same_classes_as_justext(paras):
    assert _classes(paras, revise_paragraph_classification) == _classes(paras, justext_revise)


def test_same_classes_on_long_mixed_runs():
    rng = random.Random(7)
    kinds = ["short"] * 6 + ["neargood"] * 2 + ["good", "bad"]
    paras = [Para(rng.choice(kinds), rng.random() < 0.1, "x" * rng.randrange(0, 200)) for _ in range(3000)]
    ours = _classes(paras, revise_paragraph_classification)
    assert ours == _classes(paras, justext_revise)
    assert {"good", "bad"} == set(ours)  # every short and near-good paragraph was decided


def test_trafilatura_fallback_uses_the_linear_revision():
    from trafilatura import external

    assert external.revise_paragraph_classification is revise_paragraph_classification
