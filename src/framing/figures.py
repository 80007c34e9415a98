"""One figure style for the project, stable outlet colours, and the one way figures are saved.

Every chart goes through :func:`save_figure`, which writes ``figures/NAME.png``,
``figures/NAME.svg`` and ``figures/NAME.csv`` (the data behind the chart) side by side.
Colours: the Okabe–Ito palette (safe for the common colour-vision deficiencies), then
Paul Tol's "muted" palette; every outlet of a corpus gets its own colour, the same in
every figure of that corpus. No matplotlib backend is forced here: notebooks draw
inline, and scripts choose theirs (the Makefile sets ``MPLBACKEND=Agg`` for the tests).
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from framing import config

STYLE = Path(__file__).with_name("framing.mplstyle")

#: Okabe & Ito (2008) colour-blind-safe palette (black left out: it is the text colour).
OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "#F0E442"]
#: Paul Tol's "muted" qualitative palette (colour-blind safe), for corpora with more outlets.
TOL_MUTED = ["#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#CC6677", "#882255", "#AA4499", "#DDDDDD"]
#: Every outlet colour, in the order they are handed out.
PALETTE = OKABE_ITO + TOL_MUTED

#: Outlets of the seed corpus, in manifest order: they keep the first colours in every corpus they appear in.
SEED_OUTLETS = ["Sputnik", "Countercurrents", "Unidentified blog", "Karlof1 (Substack)", "ePrimefeed (Rossiyskaya Gazeta)"]

STANCE_COLORS = {"favorable": "#0072B2", "neutral": "#BBBBBB", "critical": "#D55E00"}
VOICE_COLORS = {"authorial": "#009E73", "quoted": "#CC79A7"}


def use_style() -> None:
    """Apply the project style to matplotlib."""
    plt.style.use(str(STYLE))


def outlet_colors(outlets: Iterable[str]) -> dict[str, str]:
    """A distinct colour for every outlet of a corpus.

    Seed outlets keep their fixed colours; the others take the unused palette colours in
    sorted order, so a corpus's colours do not depend on the order outlets are listed.
    Past ``len(PALETTE)`` outlets colours repeat, with a warning.

    Example:
        >>> cols = outlet_colors(["B", "A", "Sputnik"])
        >>> cols["Sputnik"] == PALETTE[0], len(set(cols.values()))
        (True, 3)
    """
    names = sorted(dict.fromkeys(outlets))
    out = {o: PALETTE[SEED_OUTLETS.index(o)] for o in names if o in SEED_OUTLETS}
    free = [c for c in PALETTE if c not in out.values()]
    others = [o for o in names if o not in out]
    if len(others) > len(free):
        warnings.warn(f"{len(names)} outlets but {len(PALETTE)} distinct colours: some colours repeat", stacklevel=2)
    for k, o in enumerate(others):
        out[o] = free[k % len(free)]
    return out


def slug(name: str) -> str:
    """A file-name-safe version of a figure name."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def save_figure(fig, name: str, data: pd.DataFrame, out_dir: Path | None = None) -> dict[str, Path]:
    """Save ``fig`` as PNG and SVG and ``data`` as CSV under ``figures/`` (or ``out_dir``).

    ``name`` should say what the figure shows (``stance-by-outlet``). Returns the paths.
    """
    out = Path(out_dir or config.FIGURES)
    out.mkdir(parents=True, exist_ok=True)
    base = out / slug(name)
    paths = {"png": base.with_suffix(".png"), "svg": base.with_suffix(".svg"), "csv": base.with_suffix(".csv")}
    fig.savefig(paths["png"], metadata={"Software": None})
    fig.savefig(paths["svg"], metadata={"Date": None, "Creator": None})
    data.to_csv(paths["csv"], index=isinstance(data.index, pd.MultiIndex) or data.index.name is not None)
    return paths


def heatmap(ax, table: pd.DataFrame, xlabels: list[str] | None = None, cmap: str = "Oranges", fmt: str = "{:.1f}", fontsize: int = 8):
    """An annotated heatmap of ``table`` (rows on y, columns on x); returns the image for a colour bar."""
    import numpy as np

    data = table.to_numpy(dtype=float)
    im = ax.imshow(data, cmap=cmap, aspect="auto")
    labels = xlabels or [str(c) for c in table.columns]
    if table.shape[1] > 6:  # many columns: slant the labels so neighbours do not overlap
        ax.set_xticks(range(table.shape[1]), [lab.replace("\n", " ") for lab in labels], fontsize=fontsize, rotation=30, ha="right",
                      rotation_mode="anchor")
    else:
        ax.set_xticks(range(table.shape[1]), labels, fontsize=fontsize)
    ax.set_yticks(range(table.shape[0]), table.index)
    top = np.nanmax(data) if data.size else 0
    for i in range(table.shape[0]):
        for j in range(table.shape[1]):
            v = data[i, j]
            ax.text(j, i, fmt.format(v), ha="center", va="center", fontsize=fontsize, color="white" if top and v > top * 0.6 else "black")
    ax.grid(False)
    return im


def stacked_shares(ax, shares: pd.DataFrame, colors: dict[str, str], label_counts: pd.Series | None = None) -> None:
    """Horizontal 100 % stacked bars: one row per index entry, one segment per column (in order)."""
    import numpy as np

    left = np.zeros(len(shares))
    for col in shares.columns:
        ax.barh(shares.index, shares[col], left=left, color=colors[col], label=col)
        left += shares[col].to_numpy()
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    if label_counts is not None:
        for k, o in enumerate(shares.index):
            ax.text(1.01, k, f"n={int(label_counts[o])}", va="center", fontsize=7, transform=ax.get_yaxis_transform())
