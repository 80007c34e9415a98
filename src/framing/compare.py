"""Comparing outlets: stance distributions, mean scores with bootstrap intervals, extremes, permutation tests.

Every interval resamples *sentences* within an outlet (fixed seed). With one article per
outlet, a difference between outlets is a difference between two articles: these tools
describe the texts, they cannot separate an outlet's habits from one article's topic.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
from statsmodels.stats.multitest import multipletests

from framing import errors
from framing.annotations import LABELS, TARGETS
from framing.stats import N_PERM, bootstrap_mean, permutation_test

#: Multiple-comparison adjustment of the pairwise tests (a :func:`~statsmodels.stats.multitest.multipletests` method).
HOLM = "holm"


def stance_distribution(df: pd.DataFrame, target: str, by: str = "outlet", authorial_only: bool = False) -> pd.DataFrame:
    """Share of predicted labels per group (rows sum to one), with the number of sentences."""
    d = df[df.voice == "authorial"] if authorial_only else df
    tab = pd.crosstab(d[by], d[f"stance_{target}"], normalize="index").reindex(columns=list(LABELS), fill_value=0.0)
    tab["sentences"] = d.groupby(by).size()
    errors.check(bool(np.allclose(tab[list(LABELS)].sum(axis=1), 1.0)), errors.SHARES_SUM_TO_ONE)
    return tab


def mean_scores(df: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Mean stance score per group, target and voice subset (all / authorial), with bootstrap 95 % CIs."""
    rows = []
    for g, d in df.groupby(by):
        for subset in ("all", "authorial"):
            dd = d if subset == "all" else d[d.voice == "authorial"]
            for t in TARGETS:
                est, lo, hi = bootstrap_mean(dd[f"stance_{t}_score"].to_numpy(), key=(g, subset, t))
                rows.append({by: g, "sentences": subset, "target": t, "n": len(dd), "mean_score": est, "ci_low": lo, "ci_high": hi})
    return pd.DataFrame(rows)


def extremes(df: pd.DataFrame, target: str, n: int = 1, by: str = "outlet") -> pd.DataFrame:
    """The ``n`` most favourable and most critical sentences per group, with voice and speaker."""
    col = f"stance_{target}_score"
    out = []
    for _, d in df.groupby(by):
        d = d.sort_values(col)
        out.append(d.tail(n).assign(end="most favourable"))
        out.append(d.head(n).assign(end="most critical"))
    cols = [by, "end", col, "voice", "speaker", "text"]
    return pd.concat(out)[cols].reset_index(drop=True)


def pairwise_permutation(df: pd.DataFrame, target: str, by: str = "outlet", n_perm: int = N_PERM) -> pd.DataFrame:
    """Permutation tests of the difference in mean stance score for every pair of groups.

    Returns one row per pair (``a`` < ``b``), sorted by ``p``: ``difference`` (mean of ``a``
    minus mean of ``b``), the permutation ``p`` and ``p_holm``, adjusted for the number of
    pairs by Holm's step-down method (:func:`statsmodels.stats.multitest.multipletests`).
    """
    col = f"stance_{target}_score"
    groups = sorted(df[by].unique())
    rows = []
    for a, b in itertools.combinations(groups, 2):
        x, y = df.loc[df[by] == a, col].to_numpy(), df.loc[df[by] == b, col].to_numpy()
        diff, p = permutation_test(x, y, n_perm=n_perm, key=(target, a, b))
        rows.append({"a": a, "b": b, "difference": diff, "p": p})
    out = pd.DataFrame(rows, columns=["a", "b", "difference", "p"]).sort_values("p").reset_index(drop=True)
    out["p_holm"] = holm(out.p.to_numpy())
    return out


def holm(p: np.ndarray) -> np.ndarray:
    """Holm-adjusted p-values (family-wise error rate), in the order of ``p``."""
    p = np.asarray(p, float)
    return multipletests(p, method=HOLM)[1] if len(p) else p


def leans(ms: pd.DataFrame, target: str, subset: str = "all", by: str = "outlet") -> pd.Series:
    """Each group's lean on ``target``: ``favorable`` / ``critical`` only where the 95 % interval excludes zero.

    ``ms`` is the output of :func:`mean_scores`; a group whose interval contains zero (or
    that has no sentences in ``subset``) leans ``none``.

    Example:
        >>> ms = pd.DataFrame({"outlet": ["A", "B"], "sentences": "all", "target": "west",
        ...                    "n": 5, "mean_score": [0.3, 0.1], "ci_low": [0.1, -0.1], "ci_high": [0.5, 0.3]})
        >>> leans(ms, "west").to_dict()
        {'A': 'favorable', 'B': 'none'}
    """
    d = ms[(ms.sentences == subset) & (ms.target == target)].set_index(by)
    out = pd.Series("none", index=d.index, name=f"lean_{target}")
    out[d.ci_low > 0] = "favorable"
    out[d.ci_high < 0] = "critical"
    return out


def gold_means(df: pd.DataFrame, by: str = "outlet") -> dict[str, pd.DataFrame] | None:
    """Per target, each group's mean gold label (+1 / 0 / −1) with a bootstrap 95 % interval (``mean``, ``low``, ``high``).

    ``None`` when ``df`` has no ``stance_<target>_gold`` columns (a corpus without hand labels).
    """
    from framing.schema import LABEL_VALUE

    if not all(f"stance_{t}_gold" in df for t in TARGETS):
        return None
    out = {}
    for t in TARGETS:
        rows = {g: bootstrap_mean(d[f"stance_{t}_gold"].map(LABEL_VALUE).to_numpy(), key=("gold", g, t)) for g, d in df.groupby(by)}
        out[t] = pd.DataFrame(rows, index=["mean", "low", "high"]).T
    return out
