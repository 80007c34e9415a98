"""Stance annotations: the two labelling passes, agreement, adjudication and the gold labels.

Files in ``data/annotations/`` (who made each is in its README):

* ``pass_a.csv``, ``pass_b.csv`` — two independent labellings (``sentence_id, text,
  stance_partnership, stance_west, note, annotator``), made on the corpus build of their
  day; they are matched to the current build by article and exact text.
* ``adjudication.csv`` — gold labels and reasons for every disagreement, and labels for
  sentences the current build segments differently from the annotated build.
* ``supplementary_written_*.csv`` — training sentences written to the codebook
  (``source=written``); never used for evaluation.

:func:`build_gold` combines them: agreed labels where A and B agree, adjudicated labels
otherwise; every current corpus sentence must end up with exactly one gold label.
"""

from __future__ import annotations

from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from framing import config, errors
from framing.schema import COLS, LABEL_VALUE, LABELS, TARGETS  # noqa: F401  (re-exported)


def _article(sentence_id: pd.Series) -> pd.Series:
    return sentence_id.str.rsplit("-", n=1).str[0]


def load_pass(name: str, folder: Path | None = None) -> pd.DataFrame:
    """One annotation pass (``pass_a`` or ``pass_b``), with an ``article`` column."""
    d = pd.read_csv(Path(folder or config.ANNOTATIONS) / f"{name}.csv", keep_default_na=False)
    for c in COLS.values():
        bad = set(d[c]) - set(LABELS)
        if bad:
            raise errors.AnnotationError(errors.INVALID_LABELS.format(file=f"{name}.csv", bad=sorted(bad)))
    d["article"] = _article(d.sentence_id)
    return d


def agreement(a: pd.DataFrame, b: pd.DataFrame) -> pd.DataFrame:
    """Cohen's κ, Krippendorff's α (nominal) and raw agreement per target on the doubly coded sentences."""
    m = a.merge(b, on=["article", "text"], suffixes=("_a", "_b"))
    rows = []
    code = {lab: i for i, lab in enumerate(LABELS)}
    for t, c in COLS.items():
        ya, yb = m[f"{c}_a"], m[f"{c}_b"]
        alpha = krippendorff.alpha(reliability_data=np.array([ya.map(code), yb.map(code)], dtype=float), level_of_measurement="nominal")
        rows.append({"target": t, "sentences": len(m), "agreement": float((ya == yb).mean()),
                     "cohen_kappa": float(cohen_kappa_score(ya, yb, labels=list(LABELS))), "krippendorff_alpha": float(alpha),
                     "disagreements": int((ya != yb).sum())})
    return pd.DataFrame(rows).set_index("target")


def confusion(a: pd.DataFrame, b: pd.DataFrame, target: str) -> pd.DataFrame:
    """Cross-tabulation of the two passes for one target."""
    m = a.merge(b, on=["article", "text"], suffixes=("_a", "_b"))
    c = COLS[target]
    return pd.crosstab(m[f"{c}_a"].rename("pass A"), m[f"{c}_b"].rename("pass B")).reindex(index=list(LABELS), columns=list(LABELS), fill_value=0)


def build_gold(sentences: pd.DataFrame, folder: Path | None = None) -> pd.DataFrame:
    """Gold labels for every current corpus sentence, with how each was decided."""
    folder = Path(folder or config.ANNOTATIONS)
    a, b = load_pass("pass_a", folder), load_pass("pass_b", folder)
    adj = pd.read_csv(folder / config.ADJUDICATION_CSV_NAME, keep_default_na=False)
    adj["article"] = _article(adj.sentence_id)
    m = a.merge(b, on=["article", "text"], suffixes=("_a", "_b"))
    agree = m[(m.stance_partnership_a == m.stance_partnership_b) & (m.stance_west_a == m.stance_west_b)]
    gold_agree = pd.DataFrame({"article": agree.article, "text": agree.text,
                               "stance_partnership": agree.stance_partnership_a, "stance_west": agree.stance_west_a,
                               "decided_by": "agreement of passes A and B", "reason": ""})
    gold_adj = pd.DataFrame({"article": adj.article, "text": adj.text, "stance_partnership": adj.stance_partnership,
                             "stance_west": adj.stance_west,
                             "decided_by": np.where(adj.kind == "disagreement", "adjudication of a disagreement", "labelled after re-segmentation"),
                             "reason": adj.reason})
    gold = pd.concat([gold_agree, gold_adj], ignore_index=True).drop_duplicates(["article", "text"], keep="last")
    out = sentences[["sentence_id", "article", "outlet", "voice", "text"]].merge(gold, on=["article", "text"], how="left", validate="one_to_one")
    missing = out[out.stance_partnership.isna()]
    if not missing.empty:
        raise errors.AnnotationError(errors.MISSING_GOLD.format(n=len(missing), ids=missing.sentence_id.tolist()[:5]))
    for c in COLS.values():
        bad = set(out[c]) - set(LABELS)
        if bad:
            raise errors.AnnotationError(errors.INVALID_LABELS.format(file=f"{folder / config.ADJUDICATION_CSV_NAME}", bad=sorted(bad)))
    return out


def load_supplementary(folder: Path | None = None) -> pd.DataFrame:
    """The written training sentences (both files), marked ``source=written``."""
    folder = Path(folder or config.ANNOTATIONS)
    parts = [pd.read_csv(p, keep_default_na=False) for p in sorted(folder.glob(config.SUPPLEMENTARY_WRITTEN_GLOB))]
    d = pd.concat(parts, ignore_index=True)
    files = config.SUPPLEMENTARY_WRITTEN_GLOB
    if not (d.source == "written").all():
        raise errors.AnnotationError(errors.NOT_WRITTEN.format(file=folder / files))
    for c in COLS.values():
        bad = set(d[c]) - set(LABELS)
        if bad:
            raise errors.AnnotationError(errors.INVALID_LABELS.format(file=folder / files, bad=sorted(bad)))
    return d.rename(columns={"sent_id": "sentence_id"})


def distribution(df: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Label shares per group and target (rows: group × target; columns: labels)."""
    rows = []
    for t, c in COLS.items():
        tab = pd.crosstab(df[by], df[c], normalize="index").reindex(columns=list(LABELS), fill_value=0)
        tab["n"] = df.groupby(by).size()
        tab["target"] = t
        rows.append(tab.reset_index())
    out = pd.concat(rows, ignore_index=True).set_index(["target", by])
    errors.check(bool(np.allclose(out[list(LABELS)].sum(axis=1), 1.0)), errors.SHARES_SUM_TO_ONE)
    return out
