"""Figure helpers: distinct outlet colours, saving PNG + SVG + CSV."""

import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from framing.figures import PALETTE, SEED_OUTLETS, outlet_colors, save_figure, slug  # noqa: E402

EIGHT = ["Agence Est", "Baltic Post", "Cape Herald", "Delta Wire", "Eastern Star", "Fjord Times", "Gulf Daily", "Han River News"]


def test_eight_outlets_get_eight_distinct_colours():
    cols = outlet_colors(EIGHT)
    assert len(set(cols.values())) == 8


def test_colours_do_not_depend_on_order_and_seed_outlets_keep_theirs():
    a = outlet_colors(EIGHT + ["Sputnik"])
    b = outlet_colors(list(reversed(EIGHT)) + ["Sputnik"])
    assert a == b
    assert a["Sputnik"] == PALETTE[SEED_OUTLETS.index("Sputnik")]
    assert len(set(a.values())) == 9


def test_all_palette_colours_before_any_repeat_and_a_warning_after():
    names = [f"outlet {i:02d}" for i in range(len(PALETTE))]
    assert len(set(outlet_colors(names).values())) == len(PALETTE)
    with pytest.warns(UserWarning, match="repeat"):
        outlet_colors(names + ["one more"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        outlet_colors(names)


def test_save_figure_writes_png_svg_csv(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 0])
    paths = save_figure(fig, "A Test Figure", pd.DataFrame({"x": [0, 1]}), out_dir=tmp_path)
    plt.close(fig)
    assert slug("A Test Figure") == "a-test-figure"
    for ext in ("png", "svg", "csv"):
        assert paths[ext].stat().st_size > 0
