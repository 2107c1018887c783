"""Loading the pipeline imports neither the compiler nor IPython (quotes.nlp.lazy_dynamo,
quotes.nlp.stanza_import)."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_get_pipeline_does_not_import_dynamo_and_leaves_optimizers_as_they_were():
    script = textwrap.dedent("""
        import sys
        from quotes.nlp.pipeline import get_pipeline, parse_text
        from quotes.nlp.lazy_dynamo import _wrapped_methods
        pipe, info = get_pipeline()
        doc = parse_text(pipe, "The minister said on Monday that the plan was fine.", info.model_id)
        print(sum(len(s.tokens) for s in doc.sentences), "torch._dynamo" in sys.modules)
        marks = [getattr(f, "__dynamo_disable", None) for f in _wrapped_methods()]
        print(len(marks), all(m is None for m in marks))
        import torch
        torch.optim.Adam([torch.nn.Parameter(torch.zeros(2))])  # a user's optimizer, as usual
        print("torch._dynamo" in sys.modules)
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.split("\n")
    tokens, dynamo = lines[0].split()
    assert int(tokens) >= 10 and dynamo == "False"
    count, cleared = lines[1].split()
    assert int(count) >= 1 and cleared == "True"
    assert lines[2] == "True"


def test_stanza_is_imported_without_ipython_which_stays_importable():
    script = textwrap.dedent("""
        import sys
        from quotes.nlp.pipeline import get_pipeline
        get_pipeline()
        print("IPython" in sys.modules)
        from stanza.utils.get_tqdm import get_tqdm
        print(get_tqdm()([1, 2, 3]).disable)  # progress bars off without a terminal, as Stanza's
        print(sys.modules.get("IPython", "unmarked") is not None)  # no absent-mark left behind
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split("\n")[:3] == ["False", "True", "True"]
