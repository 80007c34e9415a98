"""Stance models and metrics on small data written for the tests."""

import numpy as np
import pandas as pd
import pytest

from framing.annotations import LABELS, agreement, build_gold
from framing.corpus import load_sentences
from framing.stance import EmbeddingLR, LexiconBaseline, expected_calibration_error, loo_outlet, metrics


def test_lexicon_baseline_directions():
    p = LexiconBaseline("west").predict_proba(["The hegemonic imperialists.", "Talks went on."])
    assert np.array(LABELS)[p.argmax(1)].tolist() == ["critical", "neutral"]
    p = LexiconBaseline("partnership").predict_proba(["Two isolated pariah regimes met."])
    assert LABELS[p.argmax()] == "critical"


def test_metrics_on_known_predictions():
    pred = pd.DataFrame({"outlet": ["A", "A", "B", "B"], "y_true": ["neutral", "critical", "neutral", "critical"],
                         "y_pred": ["neutral", "critical", "critical", "critical"],
                         "p_critical": [0.1, 0.9, 0.6, 0.8], "p_neutral": [0.8, 0.05, 0.3, 0.1], "p_favorable": [0.1, 0.05, 0.1, 0.1]})
    m = metrics(pred)
    # critical: P=2/3, R=1 -> F1=0.8; neutral: P=1, R=1/2 -> F1=2/3; favorable absent from gold
    assert m["labels_in_macro"] == ["critical", "neutral"]
    assert m["macro_f1"] == pytest.approx((0.8 + 2 / 3) / 2)
    assert m["accuracy"] == 0.75
    assert m["fold_macro_f1"]["A"] == 1.0


def test_ece_of_perfectly_calibrated_predictions_is_zero():
    p = np.array([[1.0, 0, 0], [0, 1.0, 0]])
    assert expected_calibration_error(p, np.array(["critical", "neutral"])) == 0


def test_loo_never_trains_on_the_held_out_outlet(monkeypatch):
    seen = []

    class Spy:
        def __init__(self, t):
            pass

        def fit(self, frame, y):
            seen.append(set(frame.text))
            return self

        def predict_proba(self, frame):
            return np.tile([0.2, 0.6, 0.2], (len(frame), 1))

    gold = pd.DataFrame({"sentence_id": list("abcd"), "outlet": ["X", "X", "Y", "Y"], "voice": "authorial",
                         "text": ["x one", "x two", "y one", "y two"], "stance_partnership": ["neutral"] * 4})
    pred = loo_outlet(Spy, "partnership", gold, None)
    assert len(pred) == 4
    assert seen == [{"y one", "y two"}, {"x one", "x two"}]


def test_embedding_lr_learns_a_separable_toy_task():
    texts = (["We warmly welcome our great friends and their glorious alliance."] * 3
             + ["The dangerous illegal arms pact threatens the world."] * 3 + ["The train arrived at noon."] * 3)
    y = ["favorable"] * 3 + ["critical"] * 3 + ["neutral"] * 3
    m = EmbeddingLR("partnership").fit(texts, y)
    p = m.predict_proba(["A glorious alliance of great friends.", "An illegal and dangerous pact.", "The train left at one."])
    assert np.array(LABELS)[p.argmax(1)].tolist() == ["favorable", "critical", "neutral"]
    assert np.allclose(p.sum(1), 1)


def test_gold_covers_every_sentence_and_agreement_is_recorded():
    from framing.annotations import load_pass

    s = load_sentences()
    g = build_gold(s)
    assert len(g) == len(s)
    agr = agreement(load_pass("pass_a"), load_pass("pass_b"))
    assert agr.loc["partnership", "sentences"] >= 0.25 * len(s)


def test_protocol_v2_holds_out_whole_outlets_and_never_evaluates_written():
    from framing.stance import protocol_v2

    seen = []

    class Spy:
        def __init__(self, t):
            pass

        def fit(self, frame, y):
            seen.append(frame)
            return self

        def predict_proba(self, frame):
            return np.tile([0.2, 0.6, 0.2], (len(frame), 1))

    outlets = [f"O{k}" for k in range(10)]
    real = pd.DataFrame({"sentence_id": [f"{o}-{i}" for o in outlets for i in range(3)], "outlet": [o for o in outlets for _ in range(3)],
                         "corpus": "dev", "text": [f"{o} {i}" for o in outlets for i in range(3)], "stance_partnership": "neutral"})
    written = pd.DataFrame({"sentence_id": ["w1", "w2"], "outlet": "", "text": ["w one", "w two"], "stance_partnership": "critical",
                            "source": "written"})
    pred = protocol_v2(Spy, "partnership", real, written, n_splits=5)
    assert sorted(pred.sentence_id) == sorted(real.sentence_id) and "w1" not in set(pred.sentence_id)
    for k, train in enumerate(seen):
        test_outlets = set(pred[pred.fold == k].outlet)
        assert not test_outlets & set(train.outlet), "an outlet is in both the training and the test part of a fold"
        assert {"w one", "w two"} <= set(train.text), "written sentences are always in training"


def test_prior_correction_moves_predictions_toward_the_real_prior():
    from framing.schema import LABELS
    from framing.stance.models import StanceLR

    m = StanceLR("partnership", prior_correction=True)
    y = np.array(["favorable"] * 8 + ["neutral"] * 2 + ["neutral"] * 10)
    w = np.ones(len(y))
    real = np.array([False] * 10 + [True] * 10)
    shift = m._prior_shift(y, w, real)
    # training prior: 40 % favourable; real prior: 0 %: the favourable logit must go down, the neutral one up
    assert shift[LABELS.index("favorable")] < -3 and shift[LABELS.index("neutral")] > 0.5


@pytest.mark.slow
def test_protocol_v2_reproduces_the_model_card():
    """The numbers nbval masks in notebooks 04-06 are checked here, with a tolerance for other CPUs."""
    import json

    from framing.stance import MODEL_DIR, protocol_v2, report_v2
    from framing.stance.variants import factory
    from framing.train import training_frames

    meta = json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    real, written = training_frames()
    for t in ("partnership", "west"):
        r = report_v2(protocol_v2(factory(meta["model"]), t, real, written))
        card = meta["evaluation"][t]
        for corpus in ("dev", "seed"):
            assert abs(r[corpus]["macro_f1"] - card[corpus]["macro_f1"]) <= 0.02, (t, corpus)
            assert abs(r[corpus]["ece"] - card[corpus]["ece"]) <= 0.02, (t, corpus)
        if t == "partnership":
            for k in ("auc", "mean_critical", "mean_favorable"):
                assert abs(r["dev_articles"][k] - card["dev_articles"][k]) <= 0.02, k


def test_reliability_bins_and_ece_on_known_predictions():
    from framing.stance.evaluation import calibration_table, reliability

    # top-class confidences 0.9, 0.9 (one right), 0.5, 0.5 (both right), 0.6 (right; on an edge of 5 bins: (0.4, 0.6])
    p = np.array([[0.9, 0.05, 0.05], [0.9, 0.05, 0.05], [0.5, 0.3, 0.2], [0.2, 0.5, 0.3], [0.6, 0.2, 0.2]])
    y = np.array(["critical", "neutral", "critical", "neutral", "critical"])
    r = reliability(p, y, bins=5)
    assert r.bin.tolist() == [2, 4] and r.n.tolist() == [3, 2]
    assert r.share_correct.tolist() == pytest.approx([1.0, 0.5])
    assert r.mean_confidence.tolist() == pytest.approx([1.6 / 3, 0.9])
    ece = expected_calibration_error(p, y, bins=5)
    assert ece == pytest.approx(3 / 5 * (1 - 1.6 / 3) + 2 / 5 * 0.4)
    pred = pd.DataFrame({"y_true": y, **{f"p_{lab}": p[:, k] for k, lab in enumerate(LABELS)}})
    assert calibration_table(pred, bins=5).equals(r)


def test_variant_choice_takes_the_best_savable_mean_and_the_first_on_a_tie():
    from framing.stance.variants import choose, factory

    comp = pd.DataFrame({"key": ["zeroshot", "zeroshot", "lr_lex", "lr_lex", "lr_lex_cal", "lr_lex_cal"],
                         "target": ["partnership", "west"] * 3, "dev_macro_f1": [0.99, 0.99, 0.6, 0.5, 0.5, 0.6]})
    assert choose(comp) == "lr_lex"  # zero-shot is not savable; lr_lex and lr_lex_cal tie at 0.55, lr_lex is listed first
    comp.loc[5, "dev_macro_f1"] = 0.7
    assert choose(comp) == "lr_lex_cal"
    with pytest.raises(ValueError, match="unknown stance variant 'nope'"):
        factory("nope")


def test_variant_comparison_runs_protocol_v2_per_target():
    from framing.stance.variants import compare
    from tests.helpers import stance_real, stance_written

    table, oofs = compare(["lexicon"], stance_real(), stance_written())
    assert table[["key", "target"]].values.tolist() == [["lexicon", "partnership"], ["lexicon", "west"]]
    assert table.dev_macro_f1.between(0, 1).all() and set(oofs) == {("lexicon", "partnership"), ("lexicon", "west")}
    assert len(oofs[("lexicon", "partnership")]) == 24


def test_temperature_scaling_and_zero_shot_give_probabilities():
    from framing.stance.models import StanceLR, ZeroShot
    from tests.helpers import stance_real

    real = stance_real()
    m = StanceLR("partnership", calibrate=True, prior_correction=True).fit(real, real.stance_partnership.to_numpy())
    assert np.exp(-3) - 1e-6 <= m.temperature_ <= np.exp(3) and m.temperature_ != 1.0  # the search bounds; separable data sharpen
    p = m.predict_proba(real)
    assert np.allclose(p.sum(axis=1), 1) and (p > 0).all()
    few = real[real.outlet.isin(["Outlet 0", "Outlet 1"])]
    assert StanceLR("partnership", calibrate=True).fit(few, few.stance_partnership.to_numpy()).temperature_ == 1.0  # too few outlets
    z = ZeroShot("partnership").fit(None, None)
    pz = z.predict_proba(["The illegal arms deal between Moscow and Pyongyang threatens the world."])
    assert np.allclose(pz.sum(axis=1), 1) and LABELS[pz.argmax()] == "critical"


def test_the_stance_package_loads_its_names_on_first_use():
    import framing.stance as stance

    assert "load_model" in dir(stance) and "protocol_v2" in dir(stance)
    assert stance.load_model is __import__("framing.stance.saved", fromlist=["load_model"]).load_model
    with pytest.raises(AttributeError, match="no attribute 'nothing_here'"):
        stance.nothing_here  # noqa: B018
