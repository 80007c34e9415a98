"""The saved stance model: training on everything, saving with a hash and a probe set, loading with checks.

``models/stance/`` holds ``weights.npz`` (per target: coefficients, intercepts, the
class-prior shift and the calibration temperature), ``model.json`` (the variant, the
feature blocks, training data counts, the evaluation, the weights' SHA-256), ``probe.csv``
(40 fixed written sentences and the probabilities the model gave them) and a model card
generated from ``model.json``. A committed model is accepted on another machine when its
weights match the hash and it reproduces the probe probabilities within
``probe_tolerance`` (embeddings differ across CPUs in the last digits).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from framing import config
from framing.encoder import embed, model_id
from framing.schema import COLS, LABELS, TARGETS
from framing.stance.features import FeatureSpec, as_frame, build_features, softmax

if TYPE_CHECKING:
    from framing.stance.models import StanceLR

MODEL_DIR = config.MODEL_DIR
#: Probe set: this many written sentences (first by id) whose stored probabilities a model on
#: another machine must reproduce within :data:`PROBE_TOLERANCE`.
PROBE_SIZE = 40
PROBE_TOLERANCE = 1e-3


class ModelIntegrityError(RuntimeError):
    """The model's files do not match what was recorded when it was trained."""


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass
class SavedStanceModel:
    """Per target: logistic-regression weights over the model's feature blocks, a prior shift and a temperature."""

    meta: dict
    weights: dict[str, dict[str, np.ndarray]]  # target -> {"coef" [3, d], "intercept" [3], "shift" [3], "temperature" []}

    @property
    def spec(self) -> FeatureSpec:
        return FeatureSpec.from_names(self.meta.get("features", ["embedding", "lexicon"] if self.meta.get("lexicon_features") else ["embedding"]))

    def predict_proba(self, frame, target: str, X: np.ndarray | None = None, lex: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities (columns in :data:`LABELS` order) for one target."""
        frame = as_frame(frame)
        w = self.weights[target]
        F = build_features(frame, target, self.spec, X=X, lex=lex).astype(np.float64)
        return softmax((F @ w["coef"].T + w["intercept"] + w["shift"]) / float(w["temperature"]))

    def score_table(self, frame, progress: bool = False, lex_counts: pd.DataFrame | None = None) -> pd.DataFrame:
        """Labels, probabilities and scores for both targets (``lex_counts``: precomputed ``lex_*`` columns)."""
        frame = as_frame(frame)
        X = embed(frame.text.tolist(), progress=progress)
        out = {}
        for t in TARGETS:
            lex = None if lex_counts is None else lex_counts[[f"lex_{t}_plus", f"lex_{t}_minus"]].to_numpy()
            p = self.predict_proba(frame, t, X, lex)
            out[f"stance_{t}"] = np.array(LABELS)[p.argmax(axis=1)] if len(frame) else np.array([], dtype=object)
            out[f"stance_{t}_score"] = p[:, LABELS.index("favorable")] - p[:, LABELS.index("critical")]
            for k, lab in enumerate(LABELS):
                out[f"p_{t}_{lab}"] = p[:, k]
        return pd.DataFrame(out)


def probe_sentences(written: pd.DataFrame) -> list[str]:
    """The fixed probe set: the first :data:`PROBE_SIZE` written sentences by id (invented text)."""
    return written.sort_values("sentence_id").text.head(PROBE_SIZE).tolist()


def probe_table(model: SavedStanceModel, texts: list[str]) -> pd.DataFrame:
    """Probabilities of ``model`` on ``texts`` for both targets (the probe file's content)."""
    st = model.score_table(texts)
    return pd.concat([pd.DataFrame({"text": texts}), st[[c for c in st.columns if c.startswith("p_")]]], axis=1)


def verify_probe(model: SavedStanceModel, model_dir: Path | None = None) -> float:
    """Re-score the stored probe sentences; return the largest probability difference.

    Raises :class:`ModelIntegrityError` when it exceeds the model's ``probe_tolerance``.
    """
    d = Path(model_dir or MODEL_DIR)
    stored = pd.read_csv(d / model.meta.get("probe_file", config.PROBE_CSV_NAME), keep_default_na=False)
    now = probe_table(model, stored.text.tolist())
    cols = [c for c in stored.columns if c.startswith("p_")]
    diff = float(np.abs(now[cols].to_numpy() - stored[cols].to_numpy()).max())
    tol = float(model.meta.get("probe_tolerance", PROBE_TOLERANCE))
    if diff > tol:
        raise ModelIntegrityError(f"{d}: probe probabilities differ by {diff:.2g} (> {tol:g}) from the stored ones; "
                                  "the encoder or its environment changed: retrain with `framing train`")
    return diff


def train_final(train: pd.DataFrame, factory, variant: str, description: str, out_dir: Path | None = None,
                evaluation: dict | None = None, training_counts: dict | None = None) -> Path:
    """Train ``factory`` (a :class:`StanceLR` per target) on ``train`` and save weights, metadata, probe and card."""
    from framing.stance.card import model_card
    from framing.stance.models import LR_TOL  # scikit-learn: training only, not scoring

    out = Path(out_dir or MODEL_DIR)
    out.mkdir(parents=True, exist_ok=True)
    arrays, weights, spec = {}, {}, None
    for t in TARGETS:
        m: StanceLR = factory(t).fit(train, train[COLS[t]].to_numpy())
        spec = m.spec
        weights[t] = {"coef": m.coef_, "intercept": m.intercept_, "shift": m.shift_, "temperature": np.float64(m.temperature_)}
        arrays |= {f"{t}_{k}": np.asarray(v, dtype=np.float64) for k, v in weights[t].items()}
    wpath = out / config.WEIGHTS_NPZ_NAME
    np.savez(wpath, **arrays)
    m0 = factory(TARGETS[0])
    meta = {
        "model": variant, "description": description, "labels": list(LABELS), "targets": list(TARGETS),
        "encoder": model_id(), "pooling": "mean, L2-normalised", "features": spec.names(),
        "classifier": (f"sklearn LogisticRegression(C={m0.C:g}, class_weight={m0.class_weight!r}, lbfgs, tol={LR_TOL:g}); "
                       f"written sentences weighted {m0.written_weight:g}; class-prior correction {'on' if m0.prior_correction else 'off'}; "
                       f"temperature scaling {'on' if m0.calibrate else 'off'}"),
        "lexicon_sha256": file_sha256(config.LEXICON_CSV) if spec.lexicon else None,
        "temperatures": {t: round(float(weights[t]["temperature"]), 4) for t in TARGETS},
        "training_data": training_counts or {},
        "evaluation": evaluation or {},
        "weights_file": config.WEIGHTS_NPZ_NAME, "weights_sha256": file_sha256(wpath),
        "probe_file": config.PROBE_CSV_NAME, "probe_tolerance": PROBE_TOLERANCE,
    }
    model = SavedStanceModel(meta, weights)
    probe_table(model, probe_sentences(train[train.source == "written"])).to_csv(out / config.PROBE_CSV_NAME, index=False, float_format="%.6f")
    (out / config.MODEL_JSON_NAME).write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / config.MODEL_CARD_NAME).write_text(model_card(meta), encoding="utf-8")
    return out


#: Keys every ``model.json`` must hold.
META_KEYS = ("weights_file", "weights_sha256", "encoder", "targets")


def _read_meta(path: Path) -> dict:
    """``model.json``, refused with :class:`ModelIntegrityError` when it is not JSON or lacks a required key."""
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ModelIntegrityError(f"{path}: not valid JSON ({e}); refusing to load") from None
    missing = [k for k in META_KEYS if not isinstance(meta, dict) or k not in meta]
    if missing:
        raise ModelIntegrityError(f"{path}: lacks {', '.join(missing)}; refusing to load")
    return meta


def load_model(model_dir: Path | None = None) -> SavedStanceModel:
    """Load a saved stance model after checking its weights against the recorded SHA-256."""
    d = Path(model_dir or MODEL_DIR)
    meta_path = d / config.MODEL_JSON_NAME
    if not meta_path.exists():
        raise FileNotFoundError(f"{meta_path}: not found; train a model with `framing train`")
    meta = _read_meta(meta_path)
    wpath = d / meta["weights_file"]
    actual = file_sha256(wpath)
    if actual != meta["weights_sha256"]:
        raise ModelIntegrityError(f"{wpath}: SHA-256 {actual[:12]}… does not match model.json ({meta['weights_sha256'][:12]}…); refusing to load")
    if meta["encoder"] != model_id():
        raise ModelIntegrityError(f"{d}: trained on encoder {meta['encoder']}, but {model_id()} is installed")
    lex = meta.get("lexicon_sha256")
    if lex and lex != file_sha256(config.LEXICON_CSV):
        raise ModelIntegrityError(f"{d}: trained with another version of the lexicon ({config.LEXICON_CSV.name}); retrain with `framing train`")
    z = np.load(wpath, allow_pickle=False)
    weights = {}
    for t in meta["targets"]:
        w = {"coef": z[f"{t}_coef"], "intercept": z[f"{t}_intercept"]}
        w["shift"] = z[f"{t}_shift"] if f"{t}_shift" in z else np.zeros(len(LABELS))
        w["temperature"] = float(z[f"{t}_temperature"]) if f"{t}_temperature" in z else 1.0
        weights[t] = w
    return SavedStanceModel(meta, weights)
