"""``framing train`` (``make model``): evaluate the chosen stance variant under protocol v2, train it on all data, save it.

The training data are every real gold-labelled sentence (seed corpus + ``data/dev``)
plus every written sentence; the evaluation stored in the model card is protocol v2's
(:func:`framing.stance.evaluation.protocol_v2`), computed before the final fit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from framing import config
from framing.schema import COLS, TARGETS
from framing.stance.data import dev_gold, seed_gold, written
from framing.stance.evaluation import N_FOLDS, protocol_v2, report_v2
from framing.stance.saved import MODEL_DIR, train_final
from framing.stance.variants import LR_VARIANTS, VARIANTS, factory

CHOICE_JSON = config.CHOICE_JSON
DEFAULT_CHOICE = "lr_lex"
PROTOCOL = (f"v2: {N_FOLDS} outlet-grouped folds over the seed corpus and data/dev together (an outlet's articles share a fold), "
            "written sentences always in training and never evaluated")


def chosen_model(path: Path | None = None) -> str:
    """The variant chosen by notebook 04's comparison (``models/evaluation/choice.json``)."""
    p = Path(path or CHOICE_JSON)
    return json.loads(p.read_text(encoding="utf-8"))["model"] if p.exists() else DEFAULT_CHOICE


def training_frames(sentences: pd.DataFrame | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(real gold sentences of seeds + dev, written sentences)."""
    from framing.corpus import load_sentences

    seeds = seed_gold(load_sentences() if sentences is None else sentences)
    return pd.concat([seeds, dev_gold()], ignore_index=True), written()


def _rounded(d):
    if isinstance(d, dict):
        return {k: _rounded(v) for k, v in d.items() if k != "fold_macro_f1"}
    if isinstance(d, (list, tuple)):
        return [_rounded(v) for v in d]
    return round(d, 4) if isinstance(d, float) else d


def evaluate(name: str, real: pd.DataFrame, wr: pd.DataFrame) -> dict:
    """Protocol v2 figures of a variant for both targets (rounded, JSON-ready)."""
    return {"protocol": PROTOCOL, **{t: _rounded(report_v2(protocol_v2(factory(name), t, real, wr))) for t in TARGETS}}


def train(name: str | None = None, out: Path | None = None) -> Path:
    """Evaluate ``name`` under protocol v2 (for the model card), then train on everything and save."""
    name = name or chosen_model()
    if name not in LR_VARIANTS:
        raise ValueError(f"unknown or non-savable model {name!r}; choose one of {', '.join(LR_VARIANTS)}")
    real, wr = training_frames()
    evaluation = evaluate(name, real, wr)
    counts = {"seed_sentences": int((real.corpus == "seed").sum()), "dev_sentences": int((real.corpus == "dev").sum()),
              "written_sentences": int(len(wr)),
              "label_counts": {t: pd.concat([real[COLS[t]], wr[COLS[t]]]).value_counts().to_dict() for t in TARGETS}}
    return train_final(pd.concat([real, wr], ignore_index=True), factory(name), name, VARIANTS[name][0], out or MODEL_DIR,
                       evaluation, counts)


def main_train(name: str | None, out: Path | None) -> int:
    try:
        path = train(name, out)
    except ValueError as e:
        print(f"framing: error: {e}", file=sys.stderr)
        return 2
    print(f"saved stance model to {path}", file=sys.stderr)
    return 0
