"""Load the pipeline without importing ``torch._dynamo`` (1.0-1.5 s of every worker's start).

Stanza's trainers build an optimizer (and the parser a learning-rate scheduler) even to predict.
Torch wraps the optimizer's methods in ``torch._disable_dynamo``, whose wrapper imports the whole
compiler stack on its first call, to tell the compiler not to trace them. Nothing in a parse
compiles, so for the duration of :func:`optimizers_without_dynamo` each wrapped method is marked
with itself as its "disabled" form (the attribute torch's wrapper caches on first use), and the
marks are removed on exit: code that uses torch's optimizers later imports the compiler as usual.
Measured: ``get_pipeline`` 5.0 -> 3.6 s (cProfile), the first ``Adam`` alone 1.0-1.4 s.
"""

from __future__ import annotations

import contextlib
import sys

_MARK = "__dynamo_disable"


def _wrapped_methods():
    """The raw functions behind ``torch._disable_dynamo`` wrappers on ``torch.optim.Optimizer``."""
    import torch

    for value in vars(torch.optim.Optimizer).values():
        raw = getattr(value, "__wrapped__", None)
        if raw is not None and getattr(value, "__module__", None) == raw.__module__ \
                and getattr(getattr(value, "__code__", None), "co_filename", "").endswith("_compile.py"):
            yield raw


@contextlib.contextmanager
def optimizers_without_dynamo():
    """Within the block, torch's optimizers are built without importing ``torch._dynamo``."""
    marked = []
    if "torch._dynamo" not in sys.modules:
        for raw in _wrapped_methods():
            if getattr(raw, _MARK, None) is None:
                setattr(raw, _MARK, raw)
                marked.append(raw)
    try:
        yield
    finally:
        for raw in marked:
            if getattr(raw, _MARK, None) is raw:
                delattr(raw, _MARK)
