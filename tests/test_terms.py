"""Term explorers (scattertext): offline pages, one per comparison, lexicon terms marked, a click shows the term's sentences."""

from __future__ import annotations

import re
import time

import pandas as pd
import pytest

from framing.interfaces.synthetic import seed_scores
from framing.interfaces.terms import LOADED_COLOR, comparisons, loaded_metadata, write_term_explorers
from framing.lexicon import CATEGORIES
from tests import browser


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return seed_scores()


@pytest.fixture(scope="module")
def pages(seed, tmp_path_factory):
    return write_term_explorers(seed, tmp_path_factory.mktemp("terms"))


def test_one_page_per_outlet_and_outlet_type(seed, pages):
    expect = seed.outlet.nunique() + seed.outlet_type.nunique()
    assert len(comparisons(seed)) == len(pages) == expect
    assert (pages[0].parent / "index.html").read_text().count("<li>") == expect


def test_pages_load_no_remote_script(pages):
    for p in pages:
        page = p.read_text(encoding="utf-8")
        assert not re.search(r"<script[^>]+src=", page), p.name
        assert "d3.min.js" not in page and "cdnjs" not in page


def test_loaded_metadata_uses_the_lexicon():
    meta = loaded_metadata(["imperialism", "the summit", "pariah"])
    assert set(meta) == {"imperialism", "pariah"}
    assert meta["imperialism"]["category"] in CATEGORIES.values()


def test_click_shows_the_terms_sentences_and_lexicon_terms_are_marked(seed, pages):
    from selenium.webdriver.common.by import By

    page = next(p for p in pages if p.name == "outlet-sputnik.html")
    drv = browser.driver()
    try:
        drv.get(page.as_uri())
        browser.wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#d3-div-1 svg text.pointlabel"))
        data = drv.execute_script("return getDataAndInfo().data.map(d => [d.term, d.etc && d.etc.category ? 1 : 0]);")
        loaded = {t for t, m in data if m}
        assert loaded and loaded == set(loaded_metadata([t for t, _ in data]))
        green = drv.execute_script(f"return Array.from(document.querySelectorAll('#d3-div-1 svg circle'))"
                                   f".filter(c => getComputedStyle(c).fill === '{_rgb(LOADED_COLOR)}').length;")
        assert green == len(loaded)
        labels = {e.text: e for e in drv.find_elements(By.CSS_SELECTOR, "#d3-div-1 svg text.pointlabel")}
        term = sorted(t for t in loaded if t in labels and " " not in t)[0]
        drv.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", labels[term])
        shown = browser.wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#d3-div-1-cat div.snippet, #d3-div-1-notcat div.snippet"))
        time.sleep(0.5)
        shown = drv.find_elements(By.CSS_SELECTOR, "#d3-div-1-cat div.snippet, #d3-div-1-notcat div.snippet")
        word = re.compile(rf"(?<![^\W_]){re.escape(term)}(?![^\W_])", re.IGNORECASE)
        expect = seed[seed.text.map(lambda t: bool(word.search(t)))]
        assert len(shown) == len(expect) > 0
        in_group = drv.find_elements(By.CSS_SELECTOR, "#d3-div-1-cat div.snippet")
        assert len(in_group) == int((expect.outlet == "Sputnik").sum())
        links = drv.find_elements(By.CSS_SELECTOR, "#loaded-terms a.loaded-term")
        assert {a.get_attribute("data-term") for a in links} == loaded, "every lexicon term of the chart is listed"
        other = next(a for a in links if a.get_attribute("data-term") != term)
        other.click()
        word = re.compile(rf"(?<![^\W_]){re.escape(other.get_attribute('data-term'))}(?![^\W_])", re.IGNORECASE)
        n = int(seed.text.map(lambda t: bool(word.search(t))).sum())
        assert browser.wait(lambda: len(drv.find_elements(By.CSS_SELECTOR, "#d3-div-1-cat div.snippet, #d3-div-1-notcat div.snippet")) == n)
    finally:
        drv.quit()


def _rgb(hex_color: str) -> str:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"
