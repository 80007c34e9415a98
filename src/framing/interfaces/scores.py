"""Read and check a scores table (what ``framing score`` writes), for the interfaces.

Example:
    >>> import pandas as pd
    >>> t = prepare(pd.DataFrame({"article": ["a"], "outlet": ["O"], "sentence_id": ["a-0000"], "text": ["Hi."],
    ...     "voice": ["authorial"], "speaker": [""], "stance_partnership": ["neutral"], "stance_west": ["neutral"],
    ...     "stance_partnership_score": [0.0], "stance_west_score": [0.1], "loaded_terms": [""], "loaded_categories": [""]}))
    >>> t.outlet_type.tolist()
    ['unknown']
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing import config
from framing.schema import COLS

#: Columns every interface needs (a subset of :data:`framing.score.SCORE_COLUMNS`).
REQUIRED = ["article", "outlet", "sentence_id", "text", "voice", "speaker", *COLS.values(),
            *(f"{c}_score" for c in COLS.values()), "loaded_terms", "loaded_categories"]
#: Text columns where an empty value means "none" (CSV readers would turn them into NaN).
TEXT_COLUMNS = ["article", "outlet", "sentence_id", "text", "voice", "speaker", "loaded_terms", "loaded_categories",
                "outlet_type", "event", "date"]
#: The outlet type shown when neither the table nor the article manifest has one.
UNKNOWN_TYPE = "unknown"


def read_scores(path: str | Path) -> pd.DataFrame:
    """Read a scores table (``.csv`` or ``.parquet``, or a folder of Parquet parts) and check its columns.

    Raises:
        FileNotFoundError: the file does not exist.
        ValueError: the file has another suffix, cannot be parsed, or lacks a required column.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such file")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            df = pd.read_parquet(path)
        elif suffix == ".csv":
            df = pd.read_csv(path, keep_default_na=False, dtype={c: str for c in TEXT_COLUMNS})
        else:
            raise ValueError(f"{path}: a scores table must end in .csv or .parquet")
    except (OSError, pd.errors.ParserError, ValueError) as e:
        if str(path) in str(e):
            raise
        raise ValueError(f"{path}: cannot be read as a scores table ({e})") from None
    return prepare(df, source=str(path))


def prepare(df: pd.DataFrame, source: str = "scores table", manifest: Path | None = None) -> pd.DataFrame:
    """A checked copy: required columns present, text columns as strings, ``outlet_type`` filled in.

    The outlet type comes from the table's ``outlet_type`` column, else from the article
    manifest (``data/articles.csv`` in a checkout, coarse scheme of the dev set), else
    :data:`UNKNOWN_TYPE`.
    """
    missing = [c for c in REQUIRED if c not in df.columns]
    if missing:
        raise ValueError(f"{source}: missing column(s) {', '.join(missing)} (expected the table `framing score` writes)")
    out = df.copy().reset_index(drop=True)
    for c in TEXT_COLUMNS:
        if c in out.columns:
            out[c] = out[c].fillna("").astype(str)
    for c in COLS.values():
        out[f"{c}_score"] = pd.to_numeric(out[f"{c}_score"], errors="coerce")
    if "outlet_type" not in out.columns or (out.outlet_type == "").all():
        out["outlet_type"] = out.article.map(outlet_types(manifest)).fillna(UNKNOWN_TYPE)
    out["outlet_type"] = out.outlet_type.replace("", UNKNOWN_TYPE)
    return out


def outlet_types(manifest: Path | None = None) -> dict[str, str]:
    """``{article: coarse outlet type}`` from an article manifest (default: the checkout's ``articles.csv``)."""
    from framing.distinctive import coarse_outlet_type
    from framing.ingest import read_manifest

    path = manifest or config.ARTICLES_CSV
    return {a: coarse_outlet_type(r.get("outlet_type", "")) or UNKNOWN_TYPE for a, r in read_manifest(Path(path)).items()}
