"""Stance models. Each takes a frame (see :mod:`framing.stance.features`) and returns
class probabilities in the order of :data:`framing.schema.LABELS`.

* :class:`LexiconBaseline`: the sum of the lexicon's directions for the target.
* :class:`ZeroShot`: cosine similarity of the sentence embedding to label descriptions
  written from the codebook (no training).
* :class:`StanceLR`: features (embedding, optionally lexicon counts, voice, context) →
  multinomial logistic regression, with three options for coverage unlike the training
  data: written sentences down-weighted (``written_weight``), a class-prior correction
  that shifts the logits from the training prior to the prior of the real (not written)
  training sentences (Saerens et al. 2002), and temperature scaling fitted on inner
  outlet-grouped folds (Guo et al. 2017).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from framing import config
from framing.encoder import embed
from framing.schema import LABELS
from framing.stance.features import FeatureSpec, as_frame, build_features, lexicon_features, softmax

#: Logistic regression is solved in float64 to this tolerance, far below lbfgs's default (1e-4), so
#: the weights are the unique optimum of the data rather than a point on the solver's path: the
#: tiny differences in embeddings between CPUs and batchings (~2e-7) then move probabilities by
#: ~1e-6, not ~1e-3 (measured: a fresh clone against this checkout's cache, 6.7e-4 in float32).
LR_TOL = 1e-8
LR_MAX_ITER = 20_000
#: Inner folds for temperature scaling.
CALIBRATION_FOLDS = 3


class LexiconBaseline:
    """Favourable if the target's lexicon directions sum above zero, critical below, else neutral."""

    name = "a · lexicon baseline"

    def __init__(self, target: str):
        self.target = target

    def fit(self, frame, y, **_) -> LexiconBaseline:
        return self

    def predict_proba(self, frame) -> np.ndarray:
        f = lexicon_features(as_frame(frame).text.tolist(), self.target)
        s = f[:, 0] - f[:, 1]
        p = np.tile([0.1, 0.8, 0.1], (len(s), 1))
        p[s > 0] = [0.05, 0.15, 0.8]
        p[s < 0] = [0.8, 0.15, 0.05]
        return p


#: Label descriptions for zero-shot similarity, written from the codebook's definitions.
DESCRIPTIONS = {
    "partnership": {
        "favorable": [
            "Russia and North Korea are close friends and their partnership is strong and good.",
            "The cooperation between Moscow and Pyongyang is celebrated as historic and beneficial.",
            "North Korea stands with Russia, and the alliance between them is praised.",
        ],
        "critical": [
            "The cooperation between Russia and North Korea is dangerous, illegal and threatens the world.",
            "Officials condemn the arms deal between Moscow and Pyongyang as a violation of sanctions.",
            "Two isolated pariah regimes are desperately turning to each other.",
        ],
        "neutral": [
            "The leaders travelled by train and the delegation toured the facility.",
            "The meeting took place on Wednesday and lasted several hours.",
            "This sentence reports facts without any evaluation.",
        ],
    },
    "west": {
        "favorable": [
            "The United States and its allies are right, and their sanctions are justified.",
            "Washington's position is credible and authoritative.",
            "Western governments responded wisely and firmly.",
        ],
        "critical": [
            "The United States is an aggressive imperialist hegemon imposing illegal sanctions.",
            "The hypocritical West and its hysterical media are in decline.",
            "American domination and Western pressure are condemned.",
        ],
        "neutral": [
            "The leaders travelled by train and the delegation toured the facility.",
            "The meeting took place on Wednesday and lasted several hours.",
            "This sentence reports facts without any evaluation.",
        ],
    },
}


class ZeroShot:
    """Cosine similarity to label descriptions (averaged per label), softmax with a fixed temperature."""

    name = "b · zero-shot similarity"
    temperature = 20.0

    def __init__(self, target: str):
        self.target = target
        d = DESCRIPTIONS[target]
        self.protos = np.stack([embed(d[lab]).mean(axis=0) for lab in LABELS])
        self.protos /= np.linalg.norm(self.protos, axis=1, keepdims=True)

    def fit(self, frame, y, **_) -> ZeroShot:
        return self

    def predict_proba(self, frame) -> np.ndarray:
        X = embed(as_frame(frame).text.tolist())
        return softmax(self.temperature * X @ self.protos.T)


@dataclass
class StanceLR:
    """Features → multinomial logistic regression, with optional reweighting, prior correction and calibration.

    Attributes:
        target: ``partnership`` or ``west``.
        spec: the feature blocks.
        C: inverse L2 regularisation strength.
        class_weight: ``"balanced"`` or ``None``.
        written_weight: sample weight of written training sentences (``source == "written"``).
        prior_correction: shift logits from the training prior to the real sentences' prior.
        calibrate: fit a temperature on inner outlet-grouped folds of the real sentences.
    """

    target: str
    spec: FeatureSpec = field(default_factory=FeatureSpec)
    C: float = 1.0
    class_weight: str | None = None
    written_weight: float = 1.0
    prior_correction: bool = False
    calibrate: bool = False
    name: str = ""

    def _weights(self, frame: pd.DataFrame) -> np.ndarray:
        written = (frame["source"] == "written").to_numpy() if "source" in frame else np.zeros(len(frame), bool)
        return np.where(written, self.written_weight, 1.0)

    def _fit_lr(self, X: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        clf = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=LR_MAX_ITER, tol=LR_TOL)
        # float64: in float32 lbfgs cannot reach LR_TOL and stops where the last digits send it
        clf.fit(np.asarray(X, dtype=np.float64), y, sample_weight=w)
        coef = np.zeros((len(LABELS), X.shape[1]))
        icpt = np.full(len(LABELS), -30.0)  # a class absent from training keeps probability ~0
        if len(clf.classes_) == 2:  # sklearn's binary form: one row, the log-odds of the second class
            a, b = (LABELS.index(c) for c in clf.classes_)
            coef[a], icpt[a], coef[b], icpt[b] = 0.0, 0.0, clf.coef_[0], clf.intercept_[0]
            return coef, icpt
        for k, lab in enumerate(clf.classes_):
            coef[LABELS.index(lab)], icpt[LABELS.index(lab)] = clf.coef_[k], clf.intercept_[k]
        return coef, icpt

    def _prior_shift(self, y: np.ndarray, w: np.ndarray, real: np.ndarray) -> np.ndarray:
        if not self.prior_correction or real.sum() == 0:
            return np.zeros(len(LABELS))
        eps = 1e-3
        train = np.array([w[y == lab].sum() for lab in LABELS]) / w.sum()
        target = np.array([(y[real] == lab).sum() for lab in LABELS]) / real.sum()
        return np.log(target + eps) - np.log(train + eps)

    def fit(self, frame, y) -> StanceLR:
        frame, y = as_frame(frame), np.asarray(y)
        X = build_features(frame, self.target, self.spec)
        w = self._weights(frame)
        real = w == 1.0 if "source" not in frame else (frame["source"] != "written").to_numpy()
        self.coef_, self.intercept_ = self._fit_lr(X, y, w)
        self.shift_ = self._prior_shift(y, w, real)
        self.temperature_ = self._fit_temperature(frame, X, y, w, real) if self.calibrate else 1.0
        return self

    def _fit_temperature(self, frame: pd.DataFrame, X, y, w, real) -> float:
        groups = frame["outlet"].to_numpy() if "outlet" in frame else np.arange(len(frame))
        idx_real = np.where(real)[0]
        if len(set(groups[idx_real])) < CALIBRATION_FOLDS:
            return 1.0
        logits, ys = [], []
        splitter = GroupKFold(n_splits=CALIBRATION_FOLDS, shuffle=True, random_state=config.SEED)
        X = np.asarray(X, dtype=np.float64)
        for _, held in splitter.split(idx_real, groups=groups[idx_real]):
            test = idx_real[held]
            train = np.setdiff1d(np.arange(len(frame)), test)
            coef, icpt = self._fit_lr(X[train], y[train], w[train])
            logits.append(X[test] @ coef.T + icpt + self._prior_shift(y[train], w[train], real[train]))
            ys.append(y[test])
        Z, Y = np.vstack(logits), np.concatenate(ys)
        onehot = np.array(LABELS)[None, :] == Y[:, None]

        def nll(log_t: float) -> float:
            p = softmax(Z / np.exp(log_t))
            return float(-np.log(np.clip(p[onehot], 1e-12, 1)).mean())

        return float(np.exp(minimize_scalar(nll, bounds=(-3, 3), method="bounded").x))

    def logits(self, frame, X: np.ndarray | None = None) -> np.ndarray:
        frame = as_frame(frame)
        F = build_features(frame, self.target, self.spec, X=X).astype(np.float64)
        return (F @ self.coef_.T + self.intercept_ + self.shift_) / self.temperature_

    def predict_proba(self, frame) -> np.ndarray:
        return softmax(self.logits(frame))


def EmbeddingLR(target: str, lexicon_feats: bool = False, C: float = 1.0, class_weight: str | None = "balanced") -> StanceLR:
    """The version-1 model (c): embeddings (+ lexicon counts) and logistic regression."""
    name = ("c · embeddings + logistic regression" + (" + lexicon features" if lexicon_feats else "")
            + ("" if class_weight else ", unweighted classes"))
    return StanceLR(target, FeatureSpec(lexicon=lexicon_feats), C=C, class_weight=class_weight, name=name)
