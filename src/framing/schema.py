"""The stance label schema, in one place: targets, labels, their columns and numeric values.

Targets and labels follow ``docs/codebook.md``. Every model returns class probabilities
in the order of :data:`LABELS`; a sentence's stance *score* is P(favorable) − P(critical),
in [−1, 1], comparable with the mean of :data:`LABEL_VALUE` over gold labels.

Example:
    >>> COLS["west"], LABEL_VALUE["critical"]
    ('stance_west', -1.0)
"""

from __future__ import annotations

#: The three stance labels, in the column order of every probability matrix.
LABELS: tuple[str, ...] = ("critical", "neutral", "favorable")
#: The two stance targets: the Russia–DPRK partnership, and the US and its allies.
TARGETS: tuple[str, ...] = ("partnership", "west")
#: The label column of each target in every table.
COLS: dict[str, str] = {t: f"stance_{t}" for t in TARGETS}
#: Labels as numbers (a gold "score" comparable with the model's P(favourable) − P(critical)).
LABEL_VALUE: dict[str, float] = {"critical": -1.0, "neutral": 0.0, "favorable": 1.0}
