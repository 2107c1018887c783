"""Dataset schema contract (JSON), installed as the ``quotes.schemas`` package.

Kept at the repo top level so other tools can read the contract without importing ``quotes``.
"""
