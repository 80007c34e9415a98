"""Headless Chromium (Debian's chromium and chromium-driver) driven by Selenium, for the explorer tests
and benchmarks. Without a browser the tests are skipped locally and fail on CI (``CI`` set)."""

from __future__ import annotations

import os
import re
import shutil
import time

import pytest

CHROMEDRIVER = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver") or "/usr/bin/chromedriver"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1800")


def driver():
    """A new headless Chromium session (caller quits it)."""
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        _missing("selenium is not installed")
    if not (os.path.exists(CHROMEDRIVER) and os.path.exists(CHROMIUM)):
        _missing("chromium / chromium-driver not installed")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for f in FLAGS:
        opts.add_argument(f)
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


def _missing(why: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests need {why} (.ci/run installs it)")
    pytest.skip(why)


def wait(fn, timeout: float = 60.0, step: float = 0.1):
    """Poll ``fn`` until it returns a truthy value; return it (``AssertionError`` on timeout)."""
    end = time.monotonic() + timeout
    last = None
    while time.monotonic() < end:
        try:
            last = fn()
        except Exception as e:  # the page may still be building
            last = e
        if last and not isinstance(last, Exception):
            return last
        time.sleep(step)
    raise AssertionError(f"timed out waiting ({last!r})")


def info_count(drv) -> int:
    """The number of matching sentences in the line under the table ("N sentences match ...")."""
    from selenium.webdriver.common.by import By

    text = drv.find_element(By.CSS_SELECTOR, "#sentences_wrapper .dt-info").text
    m = re.match(r"([\d,]+) sentences match", text)
    assert m, text
    return int(m.group(1).replace(",", ""))


def wait_ready(drv, timeout: float = 120.0) -> int:
    """Wait for the explorer's table and panes; return the first count shown."""
    from selenium.webdriver.common.by import By

    wait(lambda: drv.find_elements(By.CSS_SELECTOR, "#sentences_wrapper .dt-info") and drv.find_elements(By.CSS_SELECTOR, ".dtsp-searchPane tbody tr"),
         timeout)
    return wait(lambda: info_count(drv) if "sentences match" in drv.find_element(By.CSS_SELECTOR, "#sentences_wrapper .dt-info").text else None,
                timeout)


def pane(drv, header: str):
    """The filter pane titled ``header``."""
    from selenium.webdriver.common.by import By

    for p in drv.find_elements(By.CSS_SELECTOR, "div.dtsp-searchPane"):
        inp = p.find_elements(By.CSS_SELECTOR, "input.dtsp-paneInputButton")
        if inp and inp[0].get_attribute("placeholder") == header:
            return p
    raise AssertionError(f"no filter pane {header!r}")


def pane_options(drv, header: str) -> dict[str, int]:
    """``{value: count shown}`` of a pane's visible options (the first number of each count pill)."""
    from selenium.webdriver.common.by import By

    out = {}
    for row in pane(drv, header).find_elements(By.CSS_SELECTOR, "tbody tr"):
        names = row.find_elements(By.CSS_SELECTOR, "span.dtsp-name")
        pills = row.find_elements(By.CSS_SELECTOR, "span.dtsp-pill")
        if names and pills:
            out[names[0].get_attribute("textContent")] = int(re.match(r"[\d,]+", pills[0].get_attribute("textContent").strip()).group(0).replace(",", ""))
    return out


def select(drv, header: str, value: str, add: bool = False) -> None:
    """Click ``value`` in the pane ``header`` (Ctrl-click with ``add`` to add it to the selection)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    def row():
        for r in pane(drv, header).find_elements(By.CSS_SELECTOR, "tbody tr"):
            if [n for n in r.find_elements(By.CSS_SELECTOR, "span.dtsp-name") if n.get_attribute("textContent") == value]:
                return r
        return None

    cell, box = row(), None
    if cell is None:  # further down a long list: narrow the pane with its own search box
        box = pane(drv, header).find_element(By.CSS_SELECTOR, "input.dtsp-paneInputButton")
        box.send_keys(value)
        cell = wait(row, 20)
    if add:
        ActionChains(drv).key_down(Keys.CONTROL).click(cell).key_up(Keys.CONTROL).perform()
    else:
        cell.click()
    if box is not None:
        box.send_keys(Keys.CONTROL, "a")
        box.send_keys(Keys.BACKSPACE)


def search(drv, text: str) -> None:
    """Type ``text`` into the explorer's search box."""
    from selenium.webdriver.common.by import By

    box = drv.find_element(By.CSS_SELECTOR, "#sentences_wrapper .dt-search input")
    box.clear()
    box.send_keys(text)
