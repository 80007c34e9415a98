"""The candidate stance models compared under protocol v2, and the rule that chooses one.

Each variant is a factory ``target -> model``. The savable ones are :class:`StanceLR`
configurations; the choice rule (:func:`choose`) takes the savable variant with the
highest mean dev macro-F1 over the two targets (protocol v2), and on a tie the one
listed first (the simpler one).
"""

from __future__ import annotations

from functools import partial

import pandas as pd

from framing.stance.features import FeatureSpec
from framing.stance.models import LexiconBaseline, StanceLR, ZeroShot

_LEX = FeatureSpec(lexicon=True)

#: Savable variants: name -> (description, keyword arguments of StanceLR).
LR_VARIANTS: dict[str, tuple[str, dict]] = {
    "lr_lex": ("c · embeddings + lexicon + LR (version 1's choice)", {"spec": _LEX}),
    "lr_lex_balanced": ("c · + balanced class weights", {"spec": _LEX, "class_weight": "balanced"}),
    "lr_lex_voice": ("c · + voice feature", {"spec": FeatureSpec(lexicon=True, voice=True)}),
    "lr_lex_context": ("c · + context (previous sentence, headline)", {"spec": FeatureSpec(lexicon=True, context=True)}),
    "lr_lex_written_half": ("c · written sentences weighted 0.5", {"spec": _LEX, "written_weight": 0.5}),
    "lr_lex_prior": ("c · + class-prior correction", {"spec": _LEX, "prior_correction": True}),
    "lr_lex_prior_cal": ("c · + class-prior correction + temperature scaling", {"spec": _LEX, "prior_correction": True, "calibrate": True}),
    "lr_lex_cal": ("c · + temperature scaling", {"spec": _LEX, "calibrate": True}),
    "lr_lex_voice_context": ("c · + voice + context", {"spec": FeatureSpec(lexicon=True, voice=True, context=True)}),
    "lr_lex_speaker": ("c · + speaker", {"spec": FeatureSpec(lexicon=True, speaker=True)}),
    "lr_lex_context_speaker": ("c · + context + speaker", {"spec": FeatureSpec(lexicon=True, context=True, speaker=True)}),
}

VARIANTS: dict[str, tuple[str, object]] = {
    "lexicon": ("a · lexicon baseline", LexiconBaseline),
    "zeroshot": ("b · zero-shot similarity", ZeroShot),
    **{k: (d, partial(StanceLR, name=d, **kw)) for k, (d, kw) in LR_VARIANTS.items()},
}


def factory(name: str):
    """The factory ``target -> model`` of a variant."""
    if name not in VARIANTS:
        raise ValueError(f"unknown stance variant {name!r}; one of {', '.join(VARIANTS)}")
    return VARIANTS[name][1]


def choose(comparison: pd.DataFrame) -> str:
    """The savable variant with the highest mean dev macro-F1 over the targets (first listed on a tie).

    ``comparison`` has one row per variant and target with ``key``, ``target`` and ``dev_macro_f1``.
    """
    d = comparison[comparison.key.isin(LR_VARIANTS)]
    mean = d.groupby("key", sort=False).dev_macro_f1.mean().reindex([k for k in LR_VARIANTS if k in set(d.key)])
    return str(mean.round(6).idxmax())


def compare(names, real: pd.DataFrame, written: pd.DataFrame) -> tuple[pd.DataFrame, dict]:
    """Run protocol v2 for each variant and target; return the comparison table and the out-of-fold frames.

    The table has one row per variant and target: macro-F1 on dev and on the seeds, dev
    ECE, and the dev article-level figures (known-groups AUC, mean score of critical-,
    neutral- and favourable-lean articles).
    """
    from framing.stance.evaluation import protocol_v2, report_v2

    rows, oofs = [], {}
    for name in names:
        for t in ("partnership", "west"):
            oof = protocol_v2(factory(name), t, real, written)
            oofs[(name, t)] = oof
            r = report_v2(oof)
            a = r.get("dev_articles", {})
            rows.append({"model": VARIANTS[name][0], "key": name, "target": t, "dev_macro_f1": r["dev"]["macro_f1"],
                         "seed_macro_f1": r["seed"]["macro_f1"], "dev_ece": r["dev"]["ece"], "seed_ece": r["seed"]["ece"],
                         "known_groups_auc": a.get("auc"), "critical_lean_mean": a.get("mean_critical"),
                         "neutral_lean_mean": a.get("mean_neutral"), "favorable_lean_mean": a.get("mean_favorable")})
    return pd.DataFrame(rows), oofs
