"""Display helpers for notebooks: stable, rounded tables (nbval compares their text)."""

from __future__ import annotations

import pandas as pd


def as_percent(df: pd.DataFrame, cols, digits: int = 1) -> pd.DataFrame:
    """Copy of ``df`` with shares in ``cols`` shown as rounded percentages (column names get ' %')."""
    out = df.copy()
    for c in cols:
        out[c] = (out[c] * 100).round(digits)
    return out.rename(columns={c: f"{c} %" for c in cols})


def rounded(df: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    """Copy of ``df`` with every float column rounded."""
    out = df.copy()
    for c in out.select_dtypes("float").columns:
        out[c] = out[c].round(digits)
    return out


def to_markdown(df: pd.DataFrame, digits: int = 3) -> str:
    """A GitHub-flavoured Markdown table (no extra dependency)."""
    d = rounded(df.reset_index() if df.index.name or isinstance(df.index, pd.MultiIndex) else df, digits)
    head = "| " + " | ".join(map(str, d.columns)) + " |"
    sep = "|" + "|".join("---" for _ in d.columns) + "|"
    rows = ["| " + " | ".join("" if pd.isna(v) else str(v) for v in r) + " |" for r in d.itertuples(index=False)]
    return "\n".join([head, sep, *rows])
