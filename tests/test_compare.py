"""Comparing outlets: distributions, means, leans, extremes and Holm-adjusted pairwise tests on known frames."""

import numpy as np
import pandas as pd
import pytest

from framing.compare import extremes, holm, leans, mean_scores, pairwise_permutation, stance_distribution
from framing.schema import LABELS


def _frame(spec: dict[str, list[float]], quoted: dict[str, int] | None = None) -> pd.DataFrame:
    rows = []
    for outlet, scores in spec.items():
        for i, s in enumerate(scores):
            rows.append({"outlet": outlet, "voice": "quoted" if quoted and i < quoted.get(outlet, 0) else "authorial",
                         "speaker": "Someone" if quoted and i < quoted.get(outlet, 0) else "", "text": f"{outlet} {i}",
                         "stance_partnership_score": s, "stance_west_score": -s,
                         "stance_partnership": "favorable" if s > 0.3 else "critical" if s < -0.3 else "neutral",
                         "stance_west": "neutral"})
    return pd.DataFrame(rows)


def test_holm_on_known_p_values_is_not_bonferroni():
    p = np.array([0.01, 0.02, 0.03, 0.04])
    # Holm: 4·0.01, max(0.04, 3·0.02), max(0.06, 2·0.03), max(0.06, 0.04); Bonferroni would give 0.04, 0.08, 0.12, 0.16
    assert holm(p) == pytest.approx([0.04, 0.06, 0.06, 0.06])
    assert holm(np.array([0.5, 0.6])) == pytest.approx([1.0, 1.0])  # capped at one
    assert holm(np.array([0.03, 0.01])) == pytest.approx([0.03, 0.02])  # order of the input kept
    assert len(holm(np.array([]))) == 0


def test_pairwise_p_holm_is_the_step_down_adjustment_of_p():
    rng = np.random.default_rng(0)
    df = _frame({"A": list(rng.normal(0.3, 0.3, 25)), "B": list(rng.normal(0.0, 0.3, 25)),
                 "C": list(rng.normal(-0.2, 0.3, 25)), "D": list(rng.normal(0.05, 0.3, 25))})
    out = pairwise_permutation(df, "partnership", n_perm=999)
    assert len(out) == 6 and list(out.p) == sorted(out.p)
    m = len(out)
    step_down = np.maximum.accumulate([min(1.0, (m - i) * p) for i, p in enumerate(out.p)])
    assert out.p_holm.to_numpy() == pytest.approx(step_down)
    assert (out.p_holm >= out.p).all()
    # at least one adjusted p differs from Bonferroni's m·p (Holm is uniformly more powerful)
    assert (out.p_holm < np.minimum(1, m * out.p) - 1e-12).any()


def test_pairwise_difference_is_mean_of_a_minus_mean_of_b():
    df = _frame({"A": [0.5, 0.7, 0.6, 0.4, 0.8, 0.6], "B": [-0.1, 0.1, 0.0, -0.2, 0.2, 0.0]})
    out = pairwise_permutation(df, "partnership", n_perm=1000)  # more than the C(12, 6) = 924 splits: exact
    row = out.iloc[0]
    assert (row.a, row.b) == ("A", "B")
    assert row.difference == pytest.approx(0.6)
    assert out.iloc[0].p == pytest.approx(2 / 924)  # exact: only the observed split and its mirror reach 0.6 among C(12, 6)


def test_one_group_has_no_pairs():
    out = pairwise_permutation(_frame({"A": [0.1, 0.2, 0.3]}), "partnership")
    assert len(out) == 0 and {"a", "b", "difference", "p", "p_holm"} <= set(out.columns)


def test_mean_scores_by_subset_with_intervals_around_the_mean():
    df = _frame({"A": [0.9, 0.9, 0.1, 0.1, 0.1, 0.1], "B": [0.0, 0.2, -0.2, 0.0]}, quoted={"A": 2})
    ms = mean_scores(df).set_index(["outlet", "sentences", "target"])
    assert ms.loc[("A", "all", "partnership"), "mean_score"] == pytest.approx(2.2 / 6)
    assert ms.loc[("A", "authorial", "partnership"), "mean_score"] == pytest.approx(0.1)
    assert ms.loc[("A", "authorial", "partnership"), "n"] == 4 and ms.loc[("A", "all", "west"), "n"] == 6
    assert ms.loc[("A", "all", "west"), "mean_score"] == pytest.approx(-2.2 / 6)
    assert (ms.ci_low <= ms.mean_score + 1e-12).all() and (ms.mean_score <= ms.ci_high + 1e-12).all()
    assert ms.loc[("A", "authorial", "partnership"), "ci_low"] == ms.loc[("A", "authorial", "partnership"), "ci_high"]


def test_leans_need_the_interval_to_exclude_zero():
    ms = pd.DataFrame({"outlet": ["A", "B", "C", "D"], "sentences": "all", "target": "west", "n": 5,
                       "mean_score": [0.3, -0.3, 0.1, 0.2], "ci_low": [0.1, -0.5, -0.1, 0.0], "ci_high": [0.5, -0.1, 0.3, 0.4]})
    assert leans(ms, "west").to_dict() == {"A": "favorable", "B": "critical", "C": "none", "D": "none"}  # D touches zero
    assert leans(ms, "partnership").empty


def test_stance_distribution_shares_and_counts():
    df = _frame({"A": [0.9, 0.9, 0.0, -0.9], "B": [0.0, 0.0]}, quoted={"A": 2})
    d = stance_distribution(df, "partnership")
    assert d.loc["A", list(LABELS)].tolist() == pytest.approx([0.25, 0.25, 0.5])
    assert d.loc["B", "neutral"] == 1.0 and d.loc["B", "favorable"] == 0.0
    assert d.sentences.to_dict() == {"A": 4, "B": 2}
    own = stance_distribution(df, "partnership", authorial_only=True)
    assert own.loc["A", "favorable"] == 0.0 and own.loc["A", "sentences"] == 2


def test_extremes_are_the_highest_and_lowest_sentences():
    df = _frame({"A": [0.2, 0.9, -0.4, 0.0], "B": [0.1, -0.8]})
    ex = extremes(df, "partnership")
    top = ex[ex.end == "most favourable"].set_index("outlet").stance_partnership_score.to_dict()
    low = ex[ex.end == "most critical"].set_index("outlet").stance_partnership_score.to_dict()
    assert top == {"A": 0.9, "B": 0.1} and low == {"A": -0.4, "B": -0.8}
    assert list(ex.columns) == ["outlet", "end", "stance_partnership_score", "voice", "speaker", "text"]
