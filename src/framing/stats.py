"""Resampling statistics: seeded bootstrap intervals and permutation tests.

Five articles are a small sample; every rate and mean in the notebooks carries a
bootstrap 95 % interval over *sentences* (resampled with replacement, fixed seed).
Such intervals describe uncertainty about one article's sentences, not about an
outlet's coverage in general.
"""

from __future__ import annotations

import hashlib

import numpy as np

from framing import config

N_BOOT = 2000


def rng_for(*key) -> np.random.Generator:
    """A generator seeded from the project seed and a key, so results do not depend on group order."""
    h = int(hashlib.sha256(repr((config.SEED,) + key).encode()).hexdigest()[:16], 16)
    return np.random.default_rng(h)


def bootstrap_ratio(num: np.ndarray, den: np.ndarray, n_boot: int = N_BOOT, key=(), scale: float = 1.0) -> tuple[float, float, float]:
    """Point estimate and percentile 95 % interval of ``scale * sum(num) / sum(den)``, units resampled."""
    num = np.asarray(num, float)
    den = np.asarray(den, float)
    if len(num) == 0 or den.sum() == 0:
        return float("nan"), float("nan"), float("nan")
    est = scale * num.sum() / den.sum()
    idx = rng_for("ratio", *key).integers(0, len(num), size=(n_boot, len(num)))
    d = den[idx].sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        boots = scale * num[idx].sum(axis=1) / d
    boots = boots[np.isfinite(boots)]
    lo, hi = np.percentile(boots, [2.5, 97.5])
    return float(est), float(lo), float(hi)


def bootstrap_mean(x: np.ndarray, n_boot: int = N_BOOT, key=()) -> tuple[float, float, float]:
    """Mean and percentile 95 % interval of the mean."""
    x = np.asarray(x, float)
    return bootstrap_ratio(x, np.ones_like(x), n_boot=n_boot, key=("mean", *key))


def permutation_test(x: np.ndarray, y: np.ndarray, n_perm: int = 5000, key=()) -> tuple[float, float]:
    """Two-sided permutation test of a difference in means. Returns (observed difference, p)."""
    x = np.asarray(x, float)
    y = np.asarray(y, float)
    obs = x.mean() - y.mean()
    pooled = np.concatenate([x, y])
    rng = rng_for("perm", *key)
    count = 0
    for _ in range(n_perm):
        p = rng.permutation(pooled)
        if abs(p[: len(x)].mean() - p[len(x) :].mean()) >= abs(obs) - 1e-12:
            count += 1
    return float(obs), (count + 1) / (n_perm + 1)
