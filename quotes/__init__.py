"""quotes: turn news articles into a versioned Parquet dataset of who said what, in what role, and when.

Public API (the CLI is a thin layer over these)::

    from quotes import build, open_dataset, cite
    result = build(["examples/"], "build/quotes")
    ds = open_dataset("build/quotes")          # polars DataFrames: ds.quotes, ds.articles, ...
"""

__version__ = "0.1.0"


def build(*args, **kwargs):
    from quotes.build import build as _build

    return _build(*args, **kwargs)


def open_dataset(*args, **kwargs):
    from quotes.dataset import open_dataset as _open

    return _open(*args, **kwargs)


def cite(*args, **kwargs):
    from quotes.cite import cite as _cite

    return _cite(*args, **kwargs)


__all__ = ["__version__", "build", "open_dataset", "cite"]
