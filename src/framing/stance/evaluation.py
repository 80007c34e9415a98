"""How well a stance model transfers to outlets it never saw.

* **Protocol v2** (:func:`protocol_v2`): outlet-grouped cross-validation over the seed
  corpus and ``data/dev`` together (45 articles from 44 outlets). Outlets are split into
  :data:`N_FOLDS` folds (an outlet's articles share a fold); each fold is predicted by a
  model trained on the other folds' real sentences plus every written sentence, so every
  prediction is out of its outlet's fold. Written sentences are never evaluated.
  :func:`report_v2` gives the figures for seeds and dev separately, per outlet type, per
  class, and at article level (:func:`article_level`: each dev article's mean score
  against its annotated ``stance_lean``: AUC of critical vs favourable articles, and
  group means with bootstrap 95 % intervals over articles).
* **Version 1** (:func:`loo_outlet`): leave one seed outlet out, kept for comparison.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.metrics import confusion_matrix, f1_score, roc_auc_score
from sklearn.model_selection import GroupKFold

from framing import config
from framing.schema import COLS, LABELS
from framing.stats import bootstrap_mean

#: Number of outlet-grouped folds of protocol v2.
N_FOLDS = 5


def _prediction_frame(test: pd.DataFrame, y: np.ndarray, p: np.ndarray, **extra) -> pd.DataFrame:
    keep = [c for c in ("sentence_id", "article", "outlet", "outlet_type", "corpus", "stance_lean", "voice", "text") if c in test]
    out = test[keep].reset_index(drop=True).assign(y_true=y, y_pred=np.array(LABELS)[p.argmax(axis=1)], **extra)
    for k, lab in enumerate(LABELS):
        out[f"p_{lab}"] = p[:, k]
    return out


def outlet_folds(real: pd.DataFrame, n_splits: int = N_FOLDS) -> list[tuple[np.ndarray, np.ndarray]]:
    """Train/test index pairs that keep each outlet's sentences in one fold (fixed seed)."""
    splitter = GroupKFold(n_splits=n_splits, shuffle=True, random_state=config.SEED)
    return list(splitter.split(real, groups=real.outlet.to_numpy()))


def protocol_v2(factory, target: str, real: pd.DataFrame, written: pd.DataFrame | None, n_splits: int = N_FOLDS) -> pd.DataFrame:
    """Out-of-fold predictions for every real sentence (see the module docstring)."""
    col = COLS[target]
    real = real.reset_index(drop=True)
    parts = []
    for k, (tr, te) in enumerate(outlet_folds(real, n_splits)):
        train = pd.concat([real.iloc[tr], written], ignore_index=True) if written is not None else real.iloc[tr]
        model = factory(target).fit(train, train[col].to_numpy())
        test = real.iloc[te]
        parts.append(_prediction_frame(test, test[col].to_numpy(), model.predict_proba(test), fold=k))
    out = pd.concat(parts, ignore_index=True)
    if out.sentence_id.duplicated().any() or len(out) != len(real):
        raise RuntimeError("protocol v2: every real sentence must be predicted exactly once")
    return out


def loo_outlet(factory, target: str, gold: pd.DataFrame, supplementary: pd.DataFrame | None) -> pd.DataFrame:
    """Version 1: out-of-fold predictions for every seed sentence, holding out one outlet at a time."""
    col = COLS[target]
    parts = []
    for outlet in sorted(gold.outlet.unique()):
        test = gold[gold.outlet == outlet]
        train = pd.concat([gold[gold.outlet != outlet], supplementary], ignore_index=True) if supplementary is not None else gold[gold.outlet != outlet]
        model = factory(target).fit(train[["text"] + [c for c in ("voice", "source", "outlet", "prev_text", "headline") if c in train]],
                                    train[col].to_numpy())
        parts.append(_prediction_frame(test, test[col].to_numpy(), model.predict_proba(test)))
    return pd.concat(parts, ignore_index=True)


def reliability(p: np.ndarray, y_true: np.ndarray, bins: int = 10) -> pd.DataFrame:
    """Reliability of the top-class probability per non-empty equal-width bin.

    Bins and their means come from :func:`sklearn.calibration.calibration_curve`
    (``strategy="uniform"``; a bin holds confidences in ``(low, high]``). Columns: ``bin``
    (0 = lowest), ``mean_confidence``, ``share_correct``, ``n`` (sentences).
    """
    conf = p.max(axis=1)
    correct = (np.array(LABELS)[p.argmax(axis=1)] == np.asarray(y_true)).astype(int)
    share, mean_conf = calibration_curve(correct, conf, n_bins=bins, strategy="uniform")
    counts = np.bincount(np.searchsorted(np.linspace(0, 1, bins + 1)[1:-1], conf), minlength=bins)  # calibration_curve's bins
    filled = np.flatnonzero(counts)
    return pd.DataFrame({"bin": filled, "mean_confidence": mean_conf, "share_correct": share, "n": counts[filled]})


def expected_calibration_error(p: np.ndarray, y_true: np.ndarray, bins: int = 10) -> float:
    """ECE of the top-class probability: equal-width bins (:func:`reliability`), weighted by their share of sentences."""
    r = reliability(p, y_true, bins)
    return float((r.n / r.n.sum() * (r.share_correct - r.mean_confidence).abs()).sum())


def metrics(pred: pd.DataFrame) -> dict:
    """Pooled metrics of out-of-fold predictions.

    ``macro_f1`` averages F1 over the classes present in the gold labels (a class with no
    gold sentence has no defined recall; wrong predictions of it still lower the other
    classes' precision... and recall). ``macro_f1_all3`` averages over all three classes.
    Also per-class F1 and support, prediction counts, accuracy, ECE, Brier, per-outlet macro-F1.
    """
    y, yhat = pred.y_true.to_numpy(), pred.y_pred.to_numpy()
    present = [lab for lab in LABELS if lab in set(y)]
    per_class = f1_score(y, yhat, labels=list(LABELS), average=None, zero_division=0)
    P = pred[[f"p_{lab}" for lab in LABELS]].to_numpy()
    onehot = (np.array(LABELS)[None, :] == y[:, None]).astype(float)
    folds = {o: float(f1_score(g.y_true, g.y_pred, labels=[lab for lab in LABELS if lab in set(g.y_true)], average="macro", zero_division=0))
             for o, g in pred.groupby("outlet")}
    return {
        "n": int(len(pred)),
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


def article_level(pred: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Each dev article's mean score against its annotated lean: the table and the known-groups figures.

    Returns ``(articles, figures)``: ``articles`` has one row per article (``stance_lean``,
    ``mean_score``, ``gold_mean``); ``figures`` has ``auc`` (critical vs favourable lean,
    by mean score) and, per lean, the mean of the article means with a bootstrap 95 % interval.
    """
    from framing.schema import LABEL_VALUE

    d = pred[pred.stance_lean.isin(LABELS)].assign(score=lambda x: x.p_favorable - x.p_critical,
                                                     gold=lambda x: x.y_true.map(LABEL_VALUE))
    arts = d.groupby("article").agg(outlet=("outlet", "first"), outlet_type=("outlet_type", "first"),
                                    stance_lean=("stance_lean", "first"), sentences=("text", "size"),
                                    mean_score=("score", "mean"), gold_mean=("gold", "mean"))
    two = arts[arts.stance_lean.isin(["critical", "favorable"])]
    fig: dict = {"auc": float(roc_auc_score(two.stance_lean == "favorable", two.mean_score)) if two.stance_lean.nunique() == 2 else float("nan")}
    for lean, g in arts.groupby("stance_lean"):
        est, lo, hi = bootstrap_mean(g.mean_score.to_numpy(), key=("lean", lean))
        fig[f"mean_{lean}"], fig[f"ci_{lean}"], fig[f"articles_{lean}"] = est, (lo, hi), int(len(g))
    return arts, fig


def report_v2(pred: pd.DataFrame) -> dict:
    """Protocol v2's figures for one target: seeds and dev separately, per outlet type (dev), article level."""
    out = {corpus: metrics(g) for corpus, g in pred.groupby("corpus")}
    dev = pred[pred.corpus == "dev"]
    out["dev_by_outlet_type"] = {t: {"macro_f1": metrics(g)["macro_f1"], "n": int(len(g))} for t, g in dev.groupby("outlet_type")}
    if len(dev):
        out["dev_articles"] = article_level(dev)[1]
    return out


def calibration_table(pred: pd.DataFrame, bins: int = 5) -> pd.DataFrame:
    """Reliability of the top-class probability (:func:`reliability`) of out-of-fold predictions."""
    return reliability(pred[[f"p_{lab}" for lab in LABELS]].to_numpy(), pred.y_true.to_numpy(), bins)


def error_gallery(pred: pd.DataFrame, gold: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """The ``n`` most confident wrong predictions, with the gold label's provenance and reason where adjudicated."""
    wrong = pred[pred.y_true != pred.y_pred].copy()
    wrong["confidence"] = wrong[[f"p_{lab}" for lab in LABELS]].max(axis=1)
    wrong["error"] = wrong.y_true + " → " + wrong.y_pred
    info = gold.set_index("sentence_id")[[c for c in ("decided_by", "reason") if c in gold]]
    out = wrong.join(info, on="sentence_id").sort_values("confidence", ascending=False).head(n)
    return out[["outlet", "outlet_type", "voice", "error", "confidence", "text"] + list(info.columns)].reset_index(drop=True)
