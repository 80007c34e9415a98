"""The sentence explorer: built offline, and in headless Chromium its filters, search and counts equal pandas."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from framing.cli import main
from framing.interfaces.explore import SEARCHABLE, explorer_html, outlet_link, spans, write_explorer
from framing.interfaces.scores import read_scores
from framing.interfaces.synthetic import seed_scores, synthetic_scores
from framing.lexicon import CATEGORIES
from tests import browser


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return seed_scores()


@pytest.fixture(scope="module")
def drv():
    d = browser.driver()
    yield d
    d.quit()


def matches(df: pd.DataFrame, words: str) -> pd.Series:
    """DataTables' smart search over the searchable columns: every word, case-insensitive, anywhere in the row."""
    hay = df[SEARCHABLE].agg(" ".join, axis=1).str.lower()
    mask = pd.Series(True, index=df.index)
    for w in words.lower().split():
        mask &= hay.str.contains(w, regex=False)
    return mask


def has_category(df: pd.DataFrame, cat: str) -> pd.Series:
    return df.loaded_categories.str.split(";").apply(lambda cs: cat in cs)


def test_page_is_self_contained(seed):
    page = explorer_html(seed)
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", page)
    assert not re.search(r"import\s*\(?\s*[\"']https?:", page)
    assert "DataTable" in page and "SearchPanes" in page or "searchPanes" in page


def test_spans_are_lexicon_hits(seed):
    row = seed[seed.loaded_terms != ""].iloc[0]
    (s,) = spans(pd.Series([row.text]))
    a, b, cat, _ = s.split(";")[0].split(",")
    assert row.text[int(a):int(b)] in row.loaded_terms.split(";")
    assert cat in row.loaded_categories.split(";")


def test_outlet_link_quotes_names():
    assert outlet_link("x.html", "A & B") == "x.html#outlet=A%20%26%20B"


def test_read_scores_names_file_and_columns(tmp_path):
    bad = tmp_path / "s.csv"
    pd.DataFrame({"text": ["x"]}).to_csv(bad, index=False)
    with pytest.raises(ValueError, match=r"s\.csv: missing column\(s\) article"):
        read_scores(bad)
    with pytest.raises(ValueError, match="must end in .csv or .parquet"):
        read_scores(tmp_path / "s.txt") if (tmp_path / "s.txt").write_text("x") else None


def test_cli_writes_explorer_and_errors_in_one_line(tmp_path, seed, capsys):
    seed.to_csv(tmp_path / "scores.csv", index=False)
    assert main(["explore", str(tmp_path / "scores.csv"), "--out", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "explorer.html").stat().st_size > 100_000
    assert main(["explore", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "out")]) == 2
    assert "missing.csv" in capsys.readouterr().err


def test_seed_filters_search_and_counts_equal_pandas(tmp_path, seed, drv):
    page = write_explorer(seed, tmp_path)
    drv.get(page.as_uri())
    assert browser.wait_ready(drv) == len(seed)
    outlet = seed.outlet.value_counts().index[0]
    browser.select(drv, "outlet", outlet)
    d = seed[seed.outlet == outlet]
    browser.wait(lambda: browser.info_count(drv) == len(d))
    browser.wait(lambda: browser.pane_options(drv, "voice") == d.voice.value_counts().to_dict())
    browser.select(drv, "voice", "quoted")
    d = d[d.voice == "quoted"]
    browser.wait(lambda: browser.info_count(drv) == len(d))
    other = sorted(set(seed.outlet) - {outlet})[0]
    browser.select(drv, "outlet", other, add=True)
    d = seed[seed.outlet.isin([outlet, other]) & (seed.voice == "quoted")]
    assert browser.wait(lambda: browser.info_count(drv) == len(d))
    browser.search(drv, "kim")
    expect = int(matches(d, "kim").sum())
    assert 0 < expect < len(d)
    assert browser.wait(lambda: browser.info_count(drv) == expect)


def test_seed_category_filter_and_highlight(tmp_path, seed, drv):
    page = write_explorer(seed, tmp_path)
    drv.get(page.as_uri())
    browser.wait_ready(drv)
    cat = seed.loaded_categories.str.split(";").explode().replace("", pd.NA).dropna().value_counts().index[0]
    browser.select(drv, "category", cat)
    assert browser.wait(lambda: browser.info_count(drv) == int(has_category(seed, cat).sum()))
    from selenium.webdriver.common.by import By

    titles = [m.get_attribute("title") for m in drv.find_elements(By.CSS_SELECTOR, "#sentences mark.lt")]
    assert titles and any(CATEGORIES[cat] in t for t in titles)


def test_address_preselects_outlet(tmp_path, seed, drv):
    page = write_explorer(seed, tmp_path)
    outlet = sorted(seed.outlet.unique())[-1]
    drv.get(outlet_link(page.as_uri(), outlet) + "&voice=authorial")
    n = browser.wait_ready(drv)
    assert n == int(((seed.outlet == outlet) & (seed.voice == "authorial")).sum())


def test_synthetic_5000_filters_and_search_equal_pandas(tmp_path, seed, drv):
    syn = synthetic_scores(seed, 5000)
    page = write_explorer(syn, tmp_path)
    drv.get(page.as_uri())
    assert browser.wait_ready(drv) == 5000
    browser.select(drv, "outlet type", "blog")
    browser.select(drv, "stance: west", "critical")
    d = syn[(syn.outlet_type == "blog") & (syn.stance_west == "critical")]
    assert browser.wait(lambda: browser.info_count(drv) == len(d))
    browser.wait(lambda: browser.pane_options(drv, "stance: partnership") == d.stance_partnership.value_counts().to_dict())
    speaker = d[d.speaker != ""].speaker.value_counts().index[0]
    browser.select(drv, "speaker", speaker)
    d = d[d.speaker == speaker]
    assert browser.wait(lambda: browser.info_count(drv) == len(d))
    browser.search(drv, "putin")
    assert browser.wait(lambda: browser.info_count(drv) == int(matches(d, "putin").sum()))
