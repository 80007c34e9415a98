"""``framing train`` on small written data: choice file, protocol v2 figures, the saved model and the CLI body."""

import json

import numpy as np
import pandas as pd
import pytest

from framing import train as tr
from framing.schema import LABELS
from tests.helpers import CRIT, FAV, NEU
from tests.helpers import stance_real as _real
from tests.helpers import stance_written as _written


def test_chosen_model_reads_the_choice_file_or_falls_back(tmp_path):
    assert tr.chosen_model(tmp_path / "missing.json") == tr.DEFAULT_CHOICE
    (tmp_path / "choice.json").write_text(json.dumps({"model": "lr_lex_cal"}), encoding="utf-8")
    assert tr.chosen_model(tmp_path / "choice.json") == "lr_lex_cal"


def test_rounded_drops_fold_details_and_rounds_floats():
    d = {"a": 0.123456789, "fold_macro_f1": {"x": 1.0}, "b": [0.55555555, (1, 2.000001)], "c": "text", "n": 3}
    assert tr._rounded(d) == {"a": 0.1235, "b": [0.5556, [1, 2.0]], "c": "text", "n": 3}


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    out = tmp_path_factory.mktemp("model")
    mp = pytest.MonkeyPatch()
    mp.setattr(tr, "training_frames", lambda sentences=None: (_real(), _written()))
    try:
        path = tr.train("lr_lex", out)
    finally:
        mp.undo()
    return path


def test_train_saves_a_model_with_protocol_v2_figures_and_counts(small_model):
    meta = json.loads((small_model / "model.json").read_text(encoding="utf-8"))
    assert meta["model"] == "lr_lex" and meta["evaluation"]["protocol"] == tr.PROTOCOL
    for t in ("partnership", "west"):
        ev = meta["evaluation"][t]
        assert {"seed", "dev", "dev_by_outlet_type", "dev_articles"} <= set(ev)
        assert ev["seed"]["n"] + ev["dev"]["n"] == 24 and 0 <= ev["dev"]["macro_f1"] <= 1
        assert "fold_macro_f1" not in ev["dev"]
    counts = meta["training_data"]
    assert (counts["seed_sentences"], counts["dev_sentences"], counts["written_sentences"]) == (12, 12, 9)
    assert counts["label_counts"]["partnership"] == {"neutral": 15, "favorable": 9, "critical": 9}
    assert (small_model / "MODEL_CARD.md").exists() and (small_model / "probe.csv").exists()


def test_saved_model_separates_the_written_examples(small_model):
    from framing.stance.saved import load_model

    m = load_model(small_model)
    p = m.predict_proba(pd.DataFrame({"text": [FAV[0], CRIT[0], NEU[0]], "voice": "authorial"}), "partnership")
    assert np.array(LABELS)[p.argmax(axis=1)].tolist() == ["favorable", "critical", "neutral"]
    assert np.allclose(p.sum(axis=1), 1)


def test_unknown_or_unsavable_model_is_a_clear_error(tmp_path, capsys):
    with pytest.raises(ValueError, match="zeroshot"):
        tr.train("zeroshot", tmp_path)
    assert tr.main_train("no_such_model", tmp_path) == 2
    assert "framing: error: unknown or non-savable model 'no_such_model'" in capsys.readouterr().err


def test_main_train_reports_where_it_saved(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(tr, "train", lambda name, out: out)
    assert tr.main_train("lr_lex", tmp_path) == 0
    assert f"saved stance model to {tmp_path}" in capsys.readouterr().err


def test_training_frames_are_the_committed_gold_and_written_sentences():
    real, wr = tr.training_frames()
    assert set(real.corpus) == {"seed", "dev"} and (real.source != "written").all()
    assert (wr.source == "written").all() and len(wr) > 0
    assert real.sentence_id.is_unique and set(LABELS) >= set(real.stance_partnership)


def test_model_card_states_the_stored_figures(small_model):
    from framing.stance.card import headline_f1, model_card

    meta = json.loads((small_model / "model.json").read_text(encoding="utf-8"))
    card = model_card(meta)
    f1 = headline_f1(meta)
    assert f"macro-F1 {f1['partnership']:.2f}" in card and "known-groups AUC" in card
    assert (small_model / "MODEL_CARD.md").read_text(encoding="utf-8") == card
    v1 = {**meta, "targets": ["west"], "evaluation": {"west": {"macro_f1": 0.5, "ece": 0.1, **{f"f1_{lab}": 0.5 for lab in LABELS},
                                                                  **{f"support_{lab}": 3 for lab in LABELS}}}}
    assert headline_f1(v1) == {"west": 0.5}
    assert "leave one seed outlet out" in model_card(v1) and "* `west`: macro-F1 0.50" in model_card(v1)
