"""Acceptance targets of the stance instrument: thresholds, direction, and the measured table."""

import numpy as np
import pandas as pd
import pytest

from framing.stance.acceptance import TARGETS_V2, Target, acceptance_table


def test_target_direction_and_boundary():
    assert Target("x", ">=", 0.75).met(0.75) and not Target("x", ">=", 0.75).met(0.7499)
    assert Target("y", "<=", -0.10).met(-0.10) and not Target("y", "<=", -0.10).met(-0.09)


def test_the_issue_thresholds():
    t = {x.figure: (x.op, x.threshold) for x in TARGETS_V2}
    assert t["dev macro-F1, partnership"] == (">=", 0.75) and t["dev macro-F1, west"] == (">=", 0.75)
    assert t["known-groups AUC (dev articles, partnership)"] == (">=", 0.95)
    assert t["critical-lean articles' mean partnership score"] == ("<=", -0.10)
    assert t["favourable-lean articles' mean partnership score"] == (">=", 0.15)
    assert t["seeds macro-F1 (out of outlet), partnership"] == (">=", 0.70)
    assert t["seeds macro-F1 (out of outlet), west"] == (">=", 0.80)
    assert t["inter-annotator κ on dev, west"] == (">=", 0.70)


def _pred(y_true, y_pred, corpus, lean, article):
    p = {lab: np.where(np.array(y_pred) == lab, 0.8, 0.1) for lab in ("critical", "neutral", "favorable")}
    return pd.DataFrame({"y_true": y_true, "y_pred": y_pred, "corpus": corpus, "stance_lean": lean, "article": article,
                         "outlet": article, "outlet_type": "wire", "text": "s", **{f"p_{k}": v for k, v in p.items()}})


def test_acceptance_table_measures_and_judges():
    dev = _pred(["critical", "critical", "favorable", "favorable", "neutral", "neutral"],
                ["critical", "neutral", "favorable", "favorable", "neutral", "neutral"],
                "dev", ["critical", "critical", "favorable", "favorable", "neutral", "neutral"], ["a", "a", "b", "b", "c", "c"])
    seed = _pred(["neutral", "favorable"], ["neutral", "favorable"], "seed", "", ["s", "s"])
    pred = {"partnership": pd.concat([dev, seed]), "west": pd.concat([dev, seed])}
    t = acceptance_table(pred, {"partnership": 0.9, "west": 0.6}).set_index("figure")
    # dev F1: critical 2/3, favourable 1, neutral 0.8 -> mean 0.8222
    assert t.loc["dev macro-F1, partnership", "measured"] == pytest.approx((2 / 3 + 1 + 0.8) / 3)
    assert bool(t.loc["dev macro-F1, partnership", "met"])
    assert t.loc["seeds macro-F1 (out of outlet), west", "measured"] == pytest.approx(1.0)
    assert not bool(t.loc["inter-annotator κ on dev, west", "met"])
    # article a: scores (0.1-0.8) and (0.1-0.1) -> mean -0.35; b: +0.7
    assert t.loc["critical-lean articles' mean partnership score", "measured"] == pytest.approx(-0.35)
    assert t.loc["known-groups AUC (dev articles, partnership)", "measured"] == pytest.approx(1.0)
    assert list(t.target[:2]) == ["≥ 0.75", "≥ 0.75"]
