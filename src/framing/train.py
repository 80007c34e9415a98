"""``framing train``: evaluate the chosen stance model leave-one-outlet-out, train it on all data, save it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from framing import config
from framing.annotations import TARGETS, build_gold, load_supplementary
from framing.corpus import load_sentences
from framing.stance import LR_VARIANTS, MODEL_DIR, MODEL_FACTORIES, loo_outlet, metrics, train_final

CHOICE_JSON = config.EVALUATION / "choice.json"
DEFAULT_CHOICE = "embed_lr_lex_unweighted"


def chosen_model() -> str:
    """The variant chosen by notebook 04's evaluation (``models/evaluation/choice.json``)."""
    if CHOICE_JSON.exists():
        return json.loads(CHOICE_JSON.read_text(encoding="utf-8"))["model"]
    return DEFAULT_CHOICE


def train(name: str | None = None, out: Path | None = None) -> Path:
    """Evaluate ``name`` leave-one-outlet-out (for the model card), then train on everything and save."""
    name = name or chosen_model()
    if name not in LR_VARIANTS:
        raise ValueError(f"unknown or non-savable model {name!r}; choose one of {', '.join(LR_VARIANTS)}")
    gold = build_gold(load_sentences())
    sup = load_supplementary()
    evaluation = {}
    for t in TARGETS:
        m = metrics(loo_outlet(MODEL_FACTORIES[name], t, gold, sup))
        evaluation[t] = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in m.items() if k != "fold_macro_f1"}
    return train_final(gold, sup, name, out or MODEL_DIR, evaluation)


def main_train(name: str | None, out: Path | None) -> int:
    try:
        path = train(name, out)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    print(f"saved stance model to {path}", file=sys.stderr)
    return 0
