"""Notebook display helpers: rounding, percentages and Markdown tables."""

import numpy as np
import pandas as pd

from framing.tables import as_percent, rounded, to_markdown


def test_as_percent_scales_rounds_and_renames_only_the_given_columns():
    df = pd.DataFrame({"share": [0.12345, 1.0], "n": [3, 4]})
    out = as_percent(df, ["share"])
    assert list(out.columns) == ["share %", "n"]
    assert out["share %"].tolist() == [12.3, 100.0] and out.n.tolist() == [3, 4]
    assert df.share.tolist() == [0.12345, 1.0]  # the input is not changed


def test_rounded_touches_float_columns_only():
    df = pd.DataFrame({"x": [0.123456], "k": [7], "s": ["a"]})
    out = rounded(df, 2)
    assert out.x.tolist() == [0.12] and out.k.tolist() == [7] and out.s.tolist() == ["a"]
    assert df.x.tolist() == [0.123456]


def test_to_markdown_rows_index_and_missing_values():
    df = pd.DataFrame({"score": [0.12345, np.nan], "label": ["a", "b"]}, index=pd.Index(["A", "B"], name="outlet"))
    md = to_markdown(df, digits=2).splitlines()
    assert md[0] == "| outlet | score | label |"
    assert md[1] == "|---|---|---|"
    assert md[2] == "| A | 0.12 | a |" and md[3] == "| B |  | b |"
    plain = to_markdown(pd.DataFrame({"a": [1]}))
    assert plain.splitlines()[0] == "| a |"  # an unnamed range index is not a column
