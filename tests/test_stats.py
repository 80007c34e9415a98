"""Bootstrap intervals and permutation tests on inputs whose answers are known.

These pin the method (percentile interval, paired resampling, two-sided test), the level
(95 %) and the seeding: a change to any of them fails here, not only in a notebook diff.
"""

from itertools import combinations

import numpy as np
import pytest

from framing import stats
from framing.stats import N_BOOT, bootstrap_mean, bootstrap_ratio, permutation_test, rng_for


def _percentile_reference(x: np.ndarray, key, level: float = 95.0) -> tuple[float, float]:
    """The percentile interval written out: the same seeded resamples of the mean, their 2.5th and 97.5th percentiles."""
    idx = rng_for("ratio", "mean", *key).integers(0, len(x), size=(N_BOOT, len(x)))
    tail = (100 - level) / 2
    lo, hi = np.percentile(x[idx].mean(axis=1), [tail, 100 - tail])
    return float(lo), float(hi)


def test_mean_interval_is_the_95_percent_percentile_interval_of_the_seeded_resamples():
    x = np.random.default_rng(3).exponential(size=40)  # skewed: BCa and basic intervals differ from percentile
    est, lo, hi = bootstrap_mean(x, key=("k",))
    assert est == pytest.approx(x.mean())
    assert (lo, hi) == pytest.approx(_percentile_reference(x, ("k",)), abs=1e-12)
    # an 80 % (or 90 %) interval is visibly narrower than this one
    lo80, hi80 = _percentile_reference(x, ("k",), level=80)
    assert hi - lo > (hi80 - lo80) * 1.3


def test_interval_width_matches_normal_theory_for_95_percent():
    x = np.random.default_rng(0).normal(size=400)
    _, lo, hi = bootstrap_mean(x, key=("normal",))
    z = (hi - lo) / 2 / (x.std(ddof=1) / np.sqrt(len(x)))
    assert 1.8 < z < 2.15  # 1.96 for 95 %; 1.28 for 80 %, 1.64 for 90 %


def test_confidence_level_is_a_parameter():
    x = np.random.default_rng(1).normal(size=200)
    _, lo80, hi80 = bootstrap_mean(x, key=("c",), confidence=0.80)
    assert (lo80, hi80) == pytest.approx(_percentile_reference(x, ("c",), level=80), abs=1e-12)


def test_ratio_resamples_units_jointly():
    den = np.array([10.0, 20.0, 5.0, 40.0, 25.0])
    est, lo, hi = bootstrap_ratio(3 * den, den, key=("paired",))
    # every resample keeps each numerator with its own denominator: the ratio is exactly 3 in all of them
    assert est == lo == hi == pytest.approx(3.0)


def test_ratio_scale_and_interval_contain_the_estimate():
    hits = np.array([0, 1, 0, 2, 0, 0, 1, 0, 0, 3] * 5, float)
    words = np.array([12, 20, 8, 30, 15, 9, 22, 11, 14, 40] * 5, float)
    est, lo, hi = bootstrap_ratio(hits, words, key=("s",), scale=1000)
    assert est == pytest.approx(1000 * hits.sum() / words.sum())
    assert lo < est < hi and lo >= 0


def test_degenerate_inputs():
    assert all(np.isnan(bootstrap_ratio(np.array([]), np.array([]))))
    assert all(np.isnan(bootstrap_ratio(np.array([1.0, 2.0]), np.array([0.0, 0.0]))))
    assert bootstrap_mean(np.array([0.4])) == (0.4, 0.4, 0.4)
    assert bootstrap_mean(np.array([0.5] * 6)) == pytest.approx((0.5, 0.5, 0.5))


def test_resamples_with_a_zero_denominator_are_left_out():
    # resamples drawing only the second unit have no words; all others have ratio 1
    est, lo, hi = bootstrap_ratio(np.array([4.0, 0.0]), np.array([4.0, 0.0]), key=("zero",))
    assert (est, lo, hi) == (1.0, 1.0, 1.0)


def test_same_key_same_interval_and_keys_are_independent():
    x = np.random.default_rng(5).normal(size=30)
    assert bootstrap_mean(x, key=("a",)) == bootstrap_mean(x, key=("a",))
    assert bootstrap_mean(x, key=("a",))[1:] != bootstrap_mean(x, key=("b",))[1:]


def test_exact_permutation_test_is_two_sided():
    # 20 ways to split six values into two groups of three; only the observed split and its mirror
    # are as far apart as |mean(x) - mean(y)| = 3, so the two-sided p is 2 / 20 (one-sided: 1 / 20)
    diff, p = permutation_test(np.array([1.0, 2.0, 3.0]), np.array([4.0, 5.0, 6.0]))
    assert diff == -3.0
    assert p == pytest.approx(0.1)


def test_exact_p_equals_enumeration_of_all_splits():
    x, y = np.array([0.2, 0.5, 0.1, 0.9]), np.array([0.4, 0.8, 0.7])
    pooled, obs = np.concatenate([x, y]), abs(x.mean() - y.mean())
    splits = [pooled[list(c)].mean() - np.delete(pooled, list(c)).mean() for c in combinations(range(7), 4)]
    expected = np.mean(np.abs(splits) >= obs - 1e-12)
    assert permutation_test(x, y)[1] == pytest.approx(expected)


def test_monte_carlo_p_counts_the_observed_labelling():
    rng = np.random.default_rng(2)
    x, y = rng.normal(3, 1, 60), rng.normal(0, 1, 60)  # far apart: no relabelling is as extreme
    diff, p = permutation_test(x, y, n_perm=999, key=("mc",))
    assert diff == pytest.approx(x.mean() - y.mean())
    assert p == pytest.approx(1 / 1000)
    assert permutation_test(x, y, n_perm=999, key=("mc",)) == (diff, p)


def test_identical_groups_are_not_different():
    _, p = permutation_test(np.array([0.1, 0.3] * 20), np.array([0.3, 0.1] * 20), n_perm=500, key=("same",))
    assert p == 1.0


def test_settings_are_the_documented_ones():
    assert stats.CONFIDENCE == 0.95 and stats.CI_METHOD == "percentile" and stats.N_BOOT == 2000


def test_batching_long_groups_does_not_change_results(monkeypatch):
    rng = np.random.default_rng(4)
    x, w, y = rng.normal(size=300), rng.integers(1, 20, 300).astype(float), rng.normal(0.2, 1, 250)
    whole = bootstrap_ratio(x, w, key=("b",)), permutation_test(x, y, n_perm=999, key=("b",))
    monkeypatch.setattr(stats, "BATCH_VALUES", 7 * 300)  # 7 resamples at a time, the last batch shorter
    assert stats._batch(300, 2000) == 7
    assert bootstrap_ratio(x, w, key=("b",)) == pytest.approx(whole[0], abs=1e-12)
    assert permutation_test(x, y, n_perm=999, key=("b",)) == whole[1]
