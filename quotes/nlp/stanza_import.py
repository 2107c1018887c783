"""Import Stanza without importing IPython (0.2-0.9 s of every worker's start).

Stanza's modules pick their progress bar at import time with ``stanza.utils.get_tqdm.get_tqdm``,
which imports IPython to ask whether it runs in a notebook, and treats IPython being absent the
same as "not in a notebook". A process that has not imported IPython is not inside one (a shell
or kernel imports it before any user code), so while :func:`import_stanza` imports Stanza for the
first time IPython is marked as absent (``sys.modules["IPython"] = None``, which makes its import
raise ``ImportError``) and the mark is removed afterwards. Inside IPython nothing changes.
"""

from __future__ import annotations

import importlib
import sys


def import_stanza():
    """``import stanza``, without importing IPython when this process is not running in it."""
    if "stanza" in sys.modules or "IPython" in sys.modules:
        return importlib.import_module("stanza")
    sys.modules["IPython"] = None  # type: ignore[assignment]
    try:
        return importlib.import_module("stanza")
    finally:
        if sys.modules.get("IPython", 0) is None:
            del sys.modules["IPython"]
