"""Resampling statistics: seeded bootstrap intervals and permutation tests, computed by :mod:`scipy.stats`.

Five articles are a small sample; every rate and mean in the notebooks carries a
bootstrap 95 % interval over *sentences* (resampled with replacement, fixed seed).
Such intervals describe uncertainty about one article's sentences, not about an
outlet's coverage in general.

* Intervals: :func:`scipy.stats.bootstrap` with ``method="percentile"`` (the interval
  the notebooks have always shown; scipy's default BCa would shift the bounds), units
  resampled jointly (``paired=True``) for ratios.
* Tests: :func:`scipy.stats.permutation_test` of the absolute difference in means
  (two-sided as "at least as far from zero as observed"), exact when the number of
  distinct relabellings does not exceed the number of resamples.
"""

from __future__ import annotations

import hashlib

import numpy as np
from scipy import stats

from framing import config

N_BOOT = 2000
N_PERM = 5000
#: Confidence level of every interval.
CONFIDENCE = 0.95
#: Bootstrap interval method (see the module docstring).
CI_METHOD = "percentile"
#: Resampled values held at once (resamples × units): bounds memory for long groups (batching does not change results).
BATCH_VALUES = 1_000_000


def rng_for(*key) -> np.random.Generator:
    """A generator seeded from the project seed and a key, so results do not depend on group order."""
    h = int(hashlib.sha256(repr((config.SEED,) + key).encode()).hexdigest()[:16], 16)
    return np.random.default_rng(h)


def _batch(n_units: int, n_resamples: int) -> int:
    return max(1, min(n_resamples, BATCH_VALUES // max(n_units, 1)))


def _ratio(num: np.ndarray, den: np.ndarray, axis: int = -1) -> np.ndarray:
    d = den.sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(d != 0, num.sum(axis=axis) / np.where(d != 0, d, 1.0), np.nan)


def bootstrap_ratio(num: np.ndarray, den: np.ndarray, n_boot: int = N_BOOT, key=(), scale: float = 1.0,
                    confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """Point estimate and percentile interval (95 % by default) of ``scale * sum(num) / sum(den)``, units resampled.

    Resamples whose denominator sums to zero are left out of the percentiles. ``nan``
    throughout when there are no units or the denominator is zero; a single unit has the
    degenerate interval ``(est, est)``.
    """
    num = np.asarray(num, float)
    den = np.asarray(den, float)
    if len(num) == 0 or den.sum() == 0:
        return float("nan"), float("nan"), float("nan")
    est = scale * num.sum() / den.sum()
    if len(num) == 1:
        return float(est), float(est), float(est)
    res = stats.bootstrap((num, den), _ratio, n_resamples=n_boot, batch=_batch(len(num), n_boot), vectorized=True, paired=True,
                          confidence_level=confidence, method=CI_METHOD, random_state=rng_for("ratio", *key))
    lo, hi = res.confidence_interval
    if not (np.isfinite(lo) and np.isfinite(hi)):  # some resample had a zero denominator
        tail = (1 - confidence) / 2 * 100
        lo, hi = np.nanpercentile(res.bootstrap_distribution, [tail, 100 - tail])
    return float(est), float(scale * lo), float(scale * hi)


def bootstrap_mean(x: np.ndarray, n_boot: int = N_BOOT, key=(), confidence: float = CONFIDENCE) -> tuple[float, float, float]:
    """Mean and percentile interval (95 % by default) of the mean."""
    x = np.asarray(x, float)
    return bootstrap_ratio(x, np.ones_like(x), n_boot=n_boot, key=("mean", *key), confidence=confidence)


def _abs_mean_difference(x: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    return np.abs(x.mean(axis=axis) - y.mean(axis=axis))


def permutation_test(x: np.ndarray, y: np.ndarray, n_perm: int = N_PERM, key=()) -> tuple[float, float]:
    """Two-sided permutation test of a difference in means. Returns (observed difference ``mean(x) - mean(y)``, p).

    p is the share of relabellings whose absolute difference is at least the observed
    one, counting the observed labelling (``(k + 1) / (n_perm + 1)``) unless the test is exact.
    """
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    obs = x.mean() - y.mean()
    res = stats.permutation_test((x, y), _abs_mean_difference, permutation_type="independent", vectorized=True,
                                 n_resamples=n_perm, batch=_batch(len(x) + len(y), n_perm), alternative="greater", random_state=rng_for("perm", *key))
    return float(obs), float(res.pvalue)
