"""Per-outlet summaries (framing.summaries) on small hand-made frames."""

import pandas as pd
import pytest

from framing.errors import InvariantError
from framing.summaries import outlet_summary, top_speakers


def _sentences():
    return pd.DataFrame(
        {
            "outlet": ["A", "A", "A", "A", "B", "B"],
            "article": ["a1", "a1", "a2", "a2", "b1", "b1"],
            "n_words": [10, 20, 30, 40, 5, 15],
            "voice": ["quoted", "quoted", "narrative", "quoted", "narrative", "narrative"],
            "speaker": ["Ann", "Bob", "", "Ann", "", ""],
        }
    )


def _accounting():
    return pd.DataFrame({"outlet": ["A", "A", "B"], "kept_chars": [60, 40, 90], "removed_chars": [0, 100, 10]})


def test_top_speakers_counts_quoted_sentences_per_outlet():
    s = top_speakers(_sentences(), n=1)
    assert s.to_dict() == {"A": "Ann (2)"}
    assert top_speakers(_sentences()).loc["A"] == "Ann (2); Bob (1)"


def test_outlet_summary_values():
    out = outlet_summary(_sentences(), _accounting())
    a, b = out.loc["A"], out.loc["B"]
    assert (a.articles, a.sentences, a.words) == (2, 4, 100)
    assert a.share_removed == pytest.approx(100 / 200) and b.share_removed == pytest.approx(10 / 100)
    assert a.share_quoted_sentences == pytest.approx(3 / 4) and b.share_quoted_sentences == 0
    assert a.share_quoted_words == pytest.approx(70 / 100) and b.share_quoted_words == 0
    assert a.top_speakers == "Ann (2); Bob (1)" and pd.isna(b.top_speakers)


def test_outlet_summary_is_reexported_for_the_notebooks():
    from framing.corpus import outlet_summary as reexported

    assert reexported is outlet_summary


def test_outlet_summary_refuses_counts_that_do_not_add_up():
    s = _sentences()
    s.loc[0, "outlet"] = None  # a sentence without an outlet falls out of the groups
    with pytest.raises(InvariantError):
        outlet_summary(s, _accounting())
