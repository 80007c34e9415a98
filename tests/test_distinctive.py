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


def _toy_corpus():
    a = ["The imperialists hiss at the heroic people.", "Sacred friendship forever, sacred friendship again.",
         "Sacred friendship and Vostochny talks.", "Kim Jong Un met Putin at Vostochny."]
    b = ["Kim Jong Un met Putin at Vostochny.", "The talks lasted five hours.", "Officials said the talks ended.",
         "Reporters said the talks were long.", "The meeting at Vostochny ended."]
    return pd.DataFrame({"outlet_type": ["state-media"] * len(a) + ["wire"] * len(b), "text": a + b})


def test_mine_candidates_keeps_distinctive_phrases_the_lexicon_lacks():
    from framing.distinctive import mine_candidates

    c = mine_candidates(_toy_corpus(), by="outlet_type", ngram_range=(1, 3), alpha0=10, min_count=2, z_min=0.5)
    sm = c[c.outlet_type == "state-media"]
    assert "sacred friendship" in set(sm.term)
    # the unigrams inside a longer kept term of the same count are dropped
    assert "friendship" not in set(sm.term)
    # names (always capitalised) and lexicon-covered terms are not candidates
    assert not ({"vostochny", "kim jong un", "kim", "jong"} & set(c.term))
    assert not c.term.str.contains("imperialist").any()
    # no candidate begins or ends with a stop word, and all pass the z threshold
    assert (c.z >= 0.5).all()
    assert not c.term.str.match(r"^(the|and|at)\b|\b(the|and|at)$").any()


def test_coarse_outlet_type_maps_seed_labels_to_dev_scheme():
    from framing.distinctive import coarse_outlet_type

    assert coarse_outlet_type("Russian state media") == "state-media"
    assert coarse_outlet_type("news aggregator republishing a Russian government newspaper") == "aggregator"
    assert coarse_outlet_type("blog (Substack newsletter)") == "blog"
    assert coarse_outlet_type("Indian alternative news site") == "blog"
    assert coarse_outlet_type("wire") == "wire"


def test_candidates_review_covers_every_candidate():
    from framing import config

    cand = pd.read_csv(config.LEXICON_DIR / "candidates.csv")
    rev = pd.read_csv(config.LEXICON_DIR / "candidates_review.csv", keep_default_na=False)
    assert set(zip(cand.term, cand.outlet_type)) == set(zip(rev.term, rev.outlet_type))
    assert rev.decision.isin(["added", "rejected", "already_covered"]).all()
    assert (rev.reason.str.len() > 10).all()


def test_top_terms_keep_the_highest_z_and_drop_contained_terms_of_the_same_count():
    from framing.distinctive import lexicon_candidates, top_terms

    dist = pd.DataFrame({"outlet": ["A"] * 5 + ["B"], "term": ["sacred fight", "sacred", "fight", "the", "calm", "west"],
                         "n_words": [2, 1, 1, 1, 1, 1], "count": [5, 5, 7, 9, 3, 4], "count_rest": 0, "delta": 1.0,
                         "z": [3.0, 3.0, 2.5, 4.0, 1.0, 2.0], "stopwords_only": [False, False, False, True, False, False],
                         "in_lexicon": [True, False, False, False, False, False]})
    t = top_terms(dist)
    # "the" is stop words only, "calm" is below z 1.96, "sacred" is inside "sacred fight" with the same count
    assert t[t.outlet == "A"].term.tolist() == ["sacred fight", "fight"] and t[t.outlet == "B"].term.tolist() == ["west"]
    assert top_terms(dist, n=1).term.tolist() == ["sacred fight", "west"]
    c = lexicon_candidates(dist)
    assert "sacred fight" not in set(c.term) and "sacred" in set(c.term)
    assert list(c.columns) == ["outlet", "term", "count", "count_rest", "z"]
