"""The stance data sets: real sentences with gold labels (seeds + dev) and written training sentences.

* **Seeds**: the seed corpus's sentences with their gold labels (``framing.annotations.build_gold``).
* **Dev**: every prose row of ``data/dev`` (40 articles, 40 outlets). Gold = the shipped
  labels where the blind second pass agrees, else the adjudicated label
  (``data/annotations/dev_stance_adjudication.csv``).
* **Written**: sentences written to the codebook, training only (``source=written``):
  version 1 (``supplementary_written_*.csv``, labels by their writers) and version 2
  (``written_v2.csv``, two blind passes and adjudication; see ``data/annotations/README.md``).

Every real sentence carries ``outlet``, ``outlet_type`` (the dev set's coarse scheme),
``corpus`` (``seed`` / ``dev``), ``prev_text`` and ``headline`` for context features, and
``speaker`` as the corpus pipeline attributes it (for dev sentences: the pipeline's
speaker of the output sentence each labelled row falls in, not the annotated speaker, so
that evaluation sees what scoring a user's corpus sees).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing import config
from framing.schema import COLS, LABELS
from framing.stance.features import add_context

DEV_PASS_B = config.DEV_STANCE_PASS_B_CSV_NAME
DEV_ADJUDICATION = config.DEV_STANCE_ADJUDICATION_CSV_NAME
WRITTEN_V2 = config.WRITTEN_V2_CSV_NAME
REAL_COLUMNS = ["sentence_id", "article", "outlet", "outlet_type", "corpus", "stance_lean", "voice", "speaker", "text",
                "prev_text", "headline", "source", *COLS.values()]


def dev_labels(folder: Path | None = None) -> pd.DataFrame:
    """All labelled rows of the dev set (chrome rows included, corrections applied), with the sources' columns."""
    from framing.dev import load_labels, load_sources

    src = load_sources(folder)[["article", "outlet", "outlet_type", "country", "stance_lean"]]
    return load_labels(folder).merge(src, on="article", how="left", validate="many_to_one")


def dev_pipeline_speakers(folder: Path | None = None) -> pd.DataFrame:
    """Per labelled dev row (``article``, ``sentence``): the speaker the corpus pipeline gives it."""
    from framing.dev import load_labels, match, run_pipeline

    m = match(load_labels(folder), run_pipeline(folder))
    return m[["article", "sentence", "speaker_out"]].rename(columns={"speaker_out": "speaker_pipeline"})


def dev_gold(folder: Path | None = None, annotations: Path | None = None) -> pd.DataFrame:
    """Gold stance labels of every dev sentence (prose rows), with how each was decided."""
    ann = Path(annotations or config.ANNOTATIONS)
    rows = dev_labels(folder)
    prose = rows[rows.chrome == "no"].copy()
    prose["n"] = prose.groupby("article").cumcount()
    sp = dev_pipeline_speakers(folder)
    if len(sp) != len(rows) or not (sp.article.to_numpy() == rows.article.to_numpy()).all():
        raise RuntimeError("dev gold: the pipeline match does not return one row per label row in order")
    prose["speaker"] = sp.speaker_pipeline.to_numpy()[(rows.chrome == "no").to_numpy()]
    b = pd.read_csv(ann / DEV_PASS_B, keep_default_na=False)
    m = prose.merge(b[["article", "sentence", "task_id", "stance_partnership", "stance_west"]], on=["article", "sentence"],
                    how="left", validate="one_to_one", suffixes=("", "_b"))
    if m.task_id.isna().any():
        raise ValueError(f"{DEV_PASS_B}: {int(m.task_id.isna().sum())} dev sentence(s) have no second-pass label")
    adj = pd.read_csv(ann / DEV_ADJUDICATION, keep_default_na=False).set_index("task_id") if (ann / DEV_ADJUDICATION).exists() else None
    agree = (m.partnership == m.stance_partnership) & (m.west == m.stance_west)
    out = m.assign(stance_partnership=m.partnership, stance_west=m.west, decided_by="agreement of the two passes", reason="")
    for i in m.index[~agree]:
        if adj is None or m.at[i, "task_id"] not in adj.index:
            raise ValueError(f"{DEV_ADJUDICATION}: no adjudication for {m.at[i, 'task_id']}")
        a = adj.loc[m.at[i, "task_id"]]
        out.loc[i, ["stance_partnership", "stance_west", "decided_by", "reason"]] = [
            a.stance_partnership, a.stance_west, "adjudication of a disagreement", a.reason]
    for c in COLS.values():
        bad = set(out[c]) - set(LABELS)
        if bad:
            raise ValueError(f"dev gold: invalid {c} labels {bad}")
    out["sentence_id"] = out.article + "-" + out.n.map("{:04d}".format)
    out = out.rename(columns={"sentence": "text"}).assign(corpus="dev", source="corpus", sentence=out.n)
    return add_context(out)[REAL_COLUMNS + ["decided_by", "reason"]]


def seed_gold(sentences: pd.DataFrame, annotations: Path | None = None) -> pd.DataFrame:
    """Gold stance labels of the seed corpus's sentences, with outlet type and context."""
    from framing.annotations import build_gold
    from framing.distinctive import coarse_outlet_type
    from framing.ingest import read_manifest

    gold = build_gold(sentences, annotations)
    manifest = read_manifest(config.ARTICLES_CSV)
    types = {a: coarse_outlet_type(r.get("outlet_type", "")) for a, r in manifest.items()}
    s = sentences if "speaker" in sentences else sentences.assign(speaker="")
    ctx = add_context(s[["sentence_id", "article", "sentence", "text", "speaker"]]).set_index("sentence_id")[["prev_text", "headline", "speaker"]]
    g = gold.drop(columns=[c for c in ctx.columns if c in gold]).join(ctx, on="sentence_id")
    return g.assign(outlet_type=g.article.map(types).fillna("unknown"), corpus="seed", stance_lean="", source="corpus")[REAL_COLUMNS]


def written(annotations: Path | None = None) -> pd.DataFrame:
    """Every written training sentence (version 1 and, where present, version 2), ``source=written``."""
    from framing.annotations import load_supplementary

    ann = Path(annotations or config.ANNOTATIONS)
    parts = [load_supplementary(ann).assign(version="v1")]
    if (ann / WRITTEN_V2).exists():
        parts.append(pd.read_csv(ann / WRITTEN_V2, keep_default_na=False).assign(version="v2"))
    w = pd.concat(parts, ignore_index=True)
    if "voice" not in w:
        w["voice"] = "authorial"
    w["voice"] = w["voice"].replace("", "authorial")
    return w.assign(source="written", outlet="", prev_text="", headline="", speaker="")[
        ["sentence_id", "text", "outlet_type", "voice", "speaker", "source", "outlet", "prev_text", "headline", "version", *COLS.values()]]
