"""Quote extraction: quotation marks and speech cues in dependency parses -> typed quote spans."""

from quotes.extract.engine import extract_quotes

__all__ = ["extract_quotes"]
