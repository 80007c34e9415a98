"""Sentence stance toward the Russia–DPRK partnership and toward the US and its allies.

Sub-modules, one job each:

- :mod:`framing.stance.features`   features of a sentence (embedding, lexicon counts, voice, context)
- :mod:`framing.stance.models`     the models (lexicon baseline, zero-shot, logistic regression variants)
- :mod:`framing.stance.data`       the data sets (seed gold, dev gold, written training sentences)
- :mod:`framing.stance.evaluation` protocol v2 (outlet-grouped CV over seeds + dev), metrics, article level
- :mod:`framing.stance.variants`   the candidate variants compared under protocol v2, and the choice rule
- :mod:`framing.stance.saved`      the saved model: training, saving, loading, hash and probe checks
- :mod:`framing.stance.card`       the model card, generated from the metadata

The names below are imported on first use (PEP 562), so scoring with the saved model
(``framing score``) never imports scikit-learn or ``scipy.stats``, which only training
and evaluation need: that is about 2 s of CPU per process, paid by every Dask worker.
"""

from __future__ import annotations

import importlib
from typing import Any

#: public name -> sub-module that defines it
_EXPORTS = {
    **dict.fromkeys(["confusion", "expected_calibration_error", "loo_outlet", "metrics", "protocol_v2", "report_v2"], "evaluation"),
    **dict.fromkeys(["FeatureSpec", "add_context", "lexicon_features"], "features"),
    **dict.fromkeys(["EmbeddingLR", "LexiconBaseline", "StanceLR", "ZeroShot"], "models"),
    **dict.fromkeys(["MODEL_DIR", "ModelIntegrityError", "SavedStanceModel", "load_model", "train_final", "verify_probe"], "saved"),
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Import ``name`` from its sub-module on first use."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
