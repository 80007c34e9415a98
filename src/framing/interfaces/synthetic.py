"""Synthetic scores tables of any size, for the interfaces' browser tests and benchmarks.

Rows are real sentences of a base table (their text, loaded terms and categories kept)
resampled with replacement and given random outlets, outlet types, articles, voices,
speakers and stance scores; labels follow the scores. Deterministic for a seed.

Example:
    >>> import pandas as pd
    >>> base = pd.DataFrame({"text": ["A sentence.", "Another one."], "loaded_terms": ["", ""], "loaded_categories": ["", ""]})
    >>> len(synthetic_scores(base, 10, seed=1))
    10
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from framing import config
from framing.schema import COLS

#: Outlet types the synthetic outlets are drawn from (the dev set's coarse scheme).
TYPES = ("state-media", "wire", "aggregator", "broadsheet", "broadcaster", "think-tank", "blog", "government")


def _label(score: np.ndarray, cut: float = 0.33) -> np.ndarray:
    return np.where(score <= -cut, "critical", np.where(score >= cut, "favorable", "neutral"))


def synthetic_scores(base: pd.DataFrame, n: int, n_outlets: int = 20, n_speakers: int = 60,
                     articles_per_outlet: int = 40, seed: int = config.SEED) -> pd.DataFrame:
    """``n`` rows shaped like the table ``framing score`` writes (plus ``outlet_type``)."""
    rng = np.random.default_rng(seed)
    rows = base[["text", "loaded_terms", "loaded_categories"]].iloc[rng.integers(0, len(base), n)].reset_index(drop=True)
    outlet_no = rng.integers(0, n_outlets, n)
    art_no = rng.integers(0, articles_per_outlet, n)
    quoted = rng.random(n) < 0.6
    speaker = np.where(quoted, np.char.add("Speaker ", rng.integers(0, n_speakers, n).astype(str)), "")
    out = pd.DataFrame({
        "article": [f"syn{o:03d}_{a:03d}" for o, a in zip(outlet_no, art_no)],
        "outlet": [f"Outlet {o:03d}" for o in outlet_no],
        "outlet_type": [TYPES[o % len(TYPES)] for o in outlet_no],
        "sentence_id": [f"syn{o:03d}_{a:03d}-{k:07d}" for k, (o, a) in enumerate(zip(outlet_no, art_no))],
        "text": rows.text, "voice": np.where(quoted, "quoted", "authorial"), "speaker": speaker,
    })
    for c in COLS.values():
        score = np.clip(rng.normal(0, 0.45, n), -1, 1).round(4)
        out[c], out[f"{c}_score"] = _label(score), score
    out["loaded_terms"], out["loaded_categories"] = rows.loaded_terms, rows.loaded_categories
    return out


def seed_scores() -> pd.DataFrame:
    """The seed corpus's sentences with their out-of-fold stance (``data/processed``), as a checked scores table."""
    from framing.interfaces.scores import prepare

    s = pd.read_parquet(config.SENTENCES_PARQUET)
    oof = pd.read_parquet(config.STANCE_OOF_PARQUET)
    keep = ["sentence_id", *COLS.values(), *(f"{c}_score" for c in COLS.values())]
    return prepare(s.merge(oof[oof.corpus == "seed"][keep], on="sentence_id", how="inner", validate="one_to_one"))
