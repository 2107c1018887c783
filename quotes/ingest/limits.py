"""Size limits of the ingest stage: what one input may cost before it is refused.

Scraped folders hold things no reader should try to swallow whole (a 10 GB dump named .txt, a
page of 150,000 highlighted code spans, a one-line JSONL file of a whole corpus). Every limit
here turns such an input into one ``too_large`` :class:`~quotes.types.IngestError` whose message
names the limit, so a build goes on and the manifest says what was left out. Each is a keyword
argument of :func:`quotes.ingest.iter_inputs` as well, for callers who know their data.
"""

from __future__ import annotations

# A .txt or .html file is read into memory whole; larger files are refused unread.
# (JSONL files have no file limit: they are streamed line by line.)
MAX_FILE_BYTES = 20_000_000

# One JSONL line (one article object). A longer line is skipped by reading past it in
# ``SKIP_CHUNK_BYTES`` pieces, never held whole; the lines after it still load.
MAX_LINE_BYTES = 20_000_000
SKIP_CHUNK_BYTES = 1 << 20

# Cleaned article text, in characters, for every input kind. Parsing costs about a second per
# 10 KB on a CPU, so a longer "article" (a whole book, a log dump) would hold a worker for hours;
# real news articles are under 100 KB.
MAX_ARTICLE_CHARS = 5_000_000

# HTML elements in a page handed to trafilatura. Its cost grows faster than linearly with the
# element count (measured: 52k inline spans 3.3 s, 210k 27 s; a 154k-element page 89 s), while
# news pages have a few thousand. Counted with lxml first, which is linear and fast.
MAX_HTML_ELEMENTS = 50_000

# Date strings ("published" in JSONL, page metadata) longer than this are not dates; dateparser
# is not asked to read them.
MAX_DATE_CHARS = 200
