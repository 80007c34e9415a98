"""Rates per 1,000 words with bootstrap intervals, own vs quoted shares, concordance."""

import pandas as pd
import pytest

from framing.loaded import concordance, corpus_hits, own_share, rates


@pytest.fixture
def toy():
    s = pd.DataFrame({
        "sentence_id": [f"s{i}" for i in range(6)],
        "outlet": ["A", "A", "A", "B", "B", "B"],
        "voice": ["authorial", "quoted", "quoted", "authorial", "authorial", "quoted"],
        "speaker": ["", "Kim Jong Un", "Kim Jong Un", "", "", "AP"],
        "text": ["The imperialists and the hegemonic West.", "A sacred fight.", "Talks went on.", "Talks ended.", "Nothing here.", "A pariah state."],
    })
    s["n_words"] = s.text.str.split().str.len()
    return s, corpus_hits(s)


def test_rates_match_hand_count(toy):
    s, h = toy
    r = rates(s, h).set_index(["outlet", "voice", "category"])
    a_words = s[s.outlet == "A"].n_words.sum()
    assert r.loc[("A", "all", "all"), "hits"] == 3
    assert r.loc[("A", "all", "all"), "rate_per_1000"] == pytest.approx(3000 / a_words)
    assert r.loc[("A", "authorial", "anti_western"), "hits"] == 2
    assert r.loc[("B", "quoted", "desperation_isolation"), "hits"] == 1  # "pariah" (lexicon v2 category)
    row = r.loc[("A", "all", "all")]
    assert row.ci_low <= row.rate_per_1000 <= row.ci_high


def test_bootstrap_is_reproducible(toy):
    s, h = toy
    pd.testing.assert_frame_equal(rates(s, h), rates(s, h))


def test_own_share(toy):
    s, h = toy
    o = own_share(s, h)
    assert o.loc["A", "share_own"] == pytest.approx(2 / 3)
    assert o.loc["B", "share_own"] == 0


def test_concordance_shows_context_and_speaker(toy):
    s, h = toy
    k = concordance(s, h, "sacred")
    assert len(k) == 1 and k.iloc[0].speaker == "Kim Jong Un" and k.iloc[0].term == "sacred fight"
