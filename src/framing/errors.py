"""Named exceptions and their messages, in one place.

* :class:`InvariantError`: an internal invariant does not hold, so the code, not the
  input, is wrong. It is a :class:`RuntimeError` (never a ``ValueError`` or an
  ``AssertionError``), so the corpus build, which reports data errors as skipped files,
  lets it through and the run fails. Unlike ``assert`` it is not removed by ``python -O``.
* :class:`AnnotationError`: a hand-edited annotation file has a bad value (a data
  error: the message names the file and the problem).
"""

from __future__ import annotations

# Messages (formatted with ``str.format``).
HITS_OUTSIDE_TABLE = "every hit must belong to a sentence of the table ({hits} hits, {counted} counted)"
CATEGORY_SUMS = "category hits do not add up to all hits in every group"
OWN_QUOTED_SUMS = "own and quoted hits do not add up to all hits"
SHARES_SUM_TO_ONE = "shares must sum to one in every row"
OVERLAPPING_REMOVALS = "overlapping removals at character {i}"
ACCOUNTING = "kept, removed and whitespace characters do not add up to the body"
NEGATIVE_WHITESPACE = "kept and removed text exceed the body"
KEPT_TEXT = "kept text does not match the body minus removals"
KEPT_MAP = "{article}: kept characters do not map onto the cleaned text"
SAME_LENGTH = "normalisation changed the text's length"
INVALID_LABELS = "{file}: invalid labels {bad}"
MISSING_GOLD = "{n} corpus sentence(s) have no gold label: {ids}"
NOT_WRITTEN = "{file}: every supplementary sentence must have source=written"


class InvariantError(RuntimeError):
    """An internal invariant does not hold (a bug, not bad input): the run must fail."""


class AnnotationError(ValueError):
    """An annotation file holds a value the codebook does not allow."""


def check(condition: bool, message: str) -> None:
    """Raise :class:`InvariantError` with ``message`` unless ``condition`` holds."""
    if not condition:
        raise InvariantError(message)
