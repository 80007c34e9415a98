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


def test_heatmap_annotates_every_cell_and_slants_many_columns():
    from framing.figures import heatmap

    table = pd.DataFrame([[1.0, 10.0], [2.5, 0.0]], index=["A", "B"], columns=["x", "y"])
    fig, ax = plt.subplots()
    heatmap(ax, table)
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["0.0", "1.0", "10.0", "2.5"]
    assert {t.get_text(): t.get_color() for t in ax.texts}["10.0"] == "white"  # the darkest cell gets white text
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y"] and ax.get_xticklabels()[0].get_rotation() == 0
    wide = pd.DataFrame([list(range(8))], index=["A"], columns=[f"c{i}" for i in range(8)], dtype=float)
    fig2, ax2 = plt.subplots()
    heatmap(ax2, wide, xlabels=[f"cat\n{i}" for i in range(8)])
    assert ax2.get_xticklabels()[0].get_rotation() == 30 and ax2.get_xticklabels()[0].get_text() == "cat 0"
    plt.close(fig)
    plt.close(fig2)


def test_stacked_shares_stack_to_one_with_counts():
    from framing.figures import STANCE_COLORS, stacked_shares

    shares = pd.DataFrame({"critical": [0.2, 0.5], "neutral": [0.5, 0.5], "favorable": [0.3, 0.0]}, index=["A", "B"])
    fig, ax = plt.subplots()
    stacked_shares(ax, shares, STANCE_COLORS, pd.Series({"A": 10, "B": 4}))
    right = {}
    for bar in ax.patches:
        y = round(bar.get_y() + bar.get_height() / 2)
        right[y] = max(right.get(y, 0), bar.get_x() + bar.get_width())
    assert right == pytest.approx({0: 1.0, 1: 1.0})
    assert sorted(t.get_text() for t in ax.texts) == ["n=10", "n=4"]
    assert ax.get_xlim() == (0, 1)
    plt.close(fig)


def test_style_is_applied():
    from framing.figures import use_style

    with plt.rc_context():
        use_style()
        assert plt.rcParams["savefig.dpi"] == 160 and plt.rcParams["axes.spines.top"] is False
