"""The stance instrument's acceptance targets (set before validation), measured and checked.

The targets are those of the Stance v2 issue: dev macro-F1 ≥ 0.75 on both targets,
known-groups AUC ≥ 0.95, critical-lean articles' mean partnership score ≤ −0.10 and
favourable-lean ≥ +0.15, ECE ≤ 0.05, seeds out of outlet partnership ≥ 0.70 and west ≥
0.80, inter-annotator κ ≥ 0.70 on dev. :func:`acceptance_table` measures each from the
out-of-fold predictions and says whether it is met, so that notebook 06 reports shortfalls
from the data rather than from prose.

Example:
    >>> [t.figure for t in TARGETS_V2][:2]
    ['dev macro-F1, partnership', 'dev macro-F1, west']
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import pandas as pd

from framing.stance.evaluation import article_level, metrics


@dataclass(frozen=True)
class Target:
    """One acceptance target: a figure, how it is compared, and the threshold."""

    figure: str
    op: str  # ">=" or "<="
    threshold: float

    @property
    def symbol(self) -> str:
        return "≥" if self.op == ">=" else "≤"

    def met(self, value: float) -> bool:
        return bool({">=": operator.ge, "<=": operator.le}[self.op](value, self.threshold))


TARGETS_V2: tuple[Target, ...] = (
    Target("dev macro-F1, partnership", ">=", 0.75),
    Target("dev macro-F1, west", ">=", 0.75),
    Target("known-groups AUC (dev articles, partnership)", ">=", 0.95),
    Target("critical-lean articles' mean partnership score", "<=", -0.10),
    Target("favourable-lean articles' mean partnership score", ">=", 0.15),
    Target("dev ECE, partnership", "<=", 0.05),
    Target("dev ECE, west", "<=", 0.05),
    Target("seeds macro-F1 (out of outlet), partnership", ">=", 0.70),
    Target("seeds macro-F1 (out of outlet), west", ">=", 0.80),
    Target("inter-annotator κ on dev, partnership", ">=", 0.70),
    Target("inter-annotator κ on dev, west", ">=", 0.70),
)


def measured_figures(pred: dict[str, pd.DataFrame], kappa: dict[str, float]) -> dict[str, float]:
    """Every figure of :data:`TARGETS_V2`, measured.

    Args:
        pred: per target, out-of-fold predictions of seeds and dev (``corpus``, ``y_true``,
            ``y_pred``, ``p_*``, ``article``, ``stance_lean``, ``outlet``, ``outlet_type``, ``text``).
        kappa: per target, Cohen's κ of the two dev annotation passes.
    """
    out: dict[str, float] = {}
    for t in ("partnership", "west"):
        by = {c: metrics(g) for c, g in pred[t].groupby("corpus")}
        out[f"dev macro-F1, {t}"] = by["dev"]["macro_f1"]
        out[f"dev ECE, {t}"] = by["dev"]["ece"]
        out[f"seeds macro-F1 (out of outlet), {t}"] = by["seed"]["macro_f1"]
        out[f"inter-annotator κ on dev, {t}"] = kappa[t]
    _, fig = article_level(pred["partnership"][pred["partnership"].corpus == "dev"])
    out["known-groups AUC (dev articles, partnership)"] = fig["auc"]
    out["critical-lean articles' mean partnership score"] = fig["mean_critical"]
    out["favourable-lean articles' mean partnership score"] = fig["mean_favorable"]
    return out


def acceptance_table(pred: dict[str, pd.DataFrame], kappa: dict[str, float]) -> pd.DataFrame:
    """One row per acceptance target: ``figure``, ``target`` (e.g. ``≥ 0.75``), ``measured``, ``met``."""
    vals = measured_figures(pred, kappa)
    rows = [{"figure": t.figure, "target": f"{t.symbol} {t.threshold:.2f}", "measured": vals[t.figure], "met": t.met(vals[t.figure])}
            for t in TARGETS_V2]
    return pd.DataFrame(rows)
