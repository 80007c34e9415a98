"""Weighted log-odds with an informative Dirichlet prior (Monroe et al. 2008), against a hand-computed example."""

import math

import numpy as np
import pandas as pd

from framing.distinctive import distinctive_terms, log_odds_dirichlet


def test_worked_example():
    # y_i = (3, 1), y_j = (1, 3), alpha = (1, 1): n_i = n_j = 4, alpha_0 = 2
    # delta_0 = log(4 / 2) - log(2 / 4) = 2 log 2;  var = 1/4 + 1/2;  z = 2 log 2 / sqrt(0.75)
    delta, z = log_odds_dirichlet([3, 1], [1, 3], [1, 1])
    assert math.isclose(delta[0], 2 * math.log(2))
    assert math.isclose(z[0], 2 * math.log(2) / math.sqrt(0.75))
    assert math.isclose(delta[1], -delta[0]) and math.isclose(z[1], -z[0])


def test_equal_use_gives_zero():
    delta, z = log_odds_dirichlet([5, 5], [5, 5], [0.5, 0.5])
    assert np.allclose(delta, 0) and np.allclose(z, 0)


def test_group_word_stands_out():
    s = pd.DataFrame({
        "outlet": ["A"] * 4 + ["B"] * 4,
        "text": ["imperialism again and again", "imperialism is bad", "the summit", "imperialism"]
        + ["the summit was calm", "talks went well", "the summit ended", "calm talks"],
    })
    d = distinctive_terms(s, alpha0=10, min_count=1)
    a = d[d.outlet == "A"].set_index("term")
    assert a.loc["imperialism", "z"] > 1 and a.loc["imperialism", "in_lexicon"]
    assert a.loc["imperialism", "z"] > a.loc["summit", "z"]
