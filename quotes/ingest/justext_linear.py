"""jusText's context-sensitive paragraph revision in linear time, for trafilatura's fallback.

trafilatura falls back to jusText when its own extraction looks short. jusText 3's
``revise_paragraph_classification`` finds each short or near-good paragraph's nearest good/bad
neighbour by walking from it, so a page of many consecutive short paragraphs (a list of thousands
of ``<li>`` items, unclosed-tag soup) costs the square of their number: an 80 KB page of short
items took 13 s where 20 KB took 0.2 s. One hostile page must cost time linear in its size, so
:func:`revise_paragraph_classification` gives the same classes from one pass each way, and
:func:`install` puts it where trafilatura calls it. ``tests/test_justext_linear.py`` checks it
class for class against jusText's own function on random paragraph sequences.
"""

from __future__ import annotations

from collections.abc import Sequence

from justext.core import MAX_HEADING_DISTANCE_DEFAULT

_GOOD_OR_BAD = frozenset({"good", "bad"})


def _nearest(classes: Sequence[str], order: range, *, ignore_neargood: bool) -> list[str]:
    """For each index, the class jusText's ``_get_neighbour`` finds walking in ``order`` from it."""
    out = ["bad"] * len(classes)
    seen = "bad"  # nothing met yet: jusText's boundary value
    for i in order:
        out[i] = seen
        c = classes[i]
        if c in _GOOD_OR_BAD or (c == "neargood" and not ignore_neargood):
            seen = c
    return out


def _heading_pass(paragraphs: Sequence, max_heading_distance: int, wanted, new_class: str) -> None:
    # Bounded by the heading distance in characters, as in jusText (an empty paragraph adds 0).
    for i, paragraph in enumerate(paragraphs):
        if not wanted(paragraph):
            continue
        j, distance = i + 1, 0
        while j < len(paragraphs) and distance <= max_heading_distance:
            if paragraphs[j].class_type == "good":
                paragraph.class_type = new_class
                break
            distance += len(paragraphs[j].text)
            j += 1


def revise_paragraph_classification(paragraphs, max_heading_distance=MAX_HEADING_DISTANCE_DEFAULT):
    """Drop-in for ``justext.core.revise_paragraph_classification`` (same classes, linear time)."""
    # good headings: a short heading shortly before good text is near-good. As in jusText, each
    # paragraph's class is copied from cf_class in this same loop, so a heading looks ahead at
    # classes not yet copied (on fresh paragraphs: ""); kept as is for identical output.
    def short_heading(p):
        p.class_type = p.cf_class
        return p.heading and p.class_type == "short"

    _heading_pass(paragraphs, max_heading_distance, short_heading, "neargood")

    # short paragraphs take the class of their neighbourhood (classes do not change in this loop)
    classes = [p.class_type for p in paragraphs]
    n = len(classes)
    forward, backward = range(n), range(n - 1, -1, -1)
    prev_gb = _nearest(classes, forward, ignore_neargood=True)
    next_gb = _nearest(classes, backward, ignore_neargood=True)
    prev_any = _nearest(classes, forward, ignore_neargood=False)
    next_any = _nearest(classes, backward, ignore_neargood=False)
    for i, c in enumerate(classes):
        if c != "short":
            continue
        before, after = prev_gb[i], next_gb[i]
        if before == "good" and after == "good":
            new = "good"
        elif before == "bad" and after == "bad":
            new = "bad"
        elif (before == "bad" and prev_any[i] == "neargood") or (after == "bad" and next_any[i] == "neargood"):
            new = "good"
        else:
            new = "bad"
        paragraphs[i].class_type = new

    # near-good paragraphs: bad between bad neighbours, else good. Earlier near-good ones are
    # already revised when a later one looks back, so the look back follows the running classes.
    classes = [p.class_type for p in paragraphs]
    next_gb = _nearest(classes, range(n - 1, -1, -1), ignore_neargood=True)
    before = "bad"
    for i, paragraph in enumerate(paragraphs):
        if paragraph.class_type == "neargood":
            paragraph.class_type = "bad" if (before, next_gb[i]) == ("bad", "bad") else "good"
        if paragraph.class_type in _GOOD_OR_BAD:
            before = paragraph.class_type

    # more good headings
    _heading_pass(paragraphs, max_heading_distance,
                  lambda p: p.heading and p.class_type == "bad" and p.cf_class != "bad", "good")


def install() -> None:
    """Make trafilatura's jusText fallback call the linear revision (idempotent)."""
    from trafilatura import external

    if hasattr(external, "revise_paragraph_classification"):
        external.revise_paragraph_classification = revise_paragraph_classification
