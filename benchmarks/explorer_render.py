"""Sentence explorer at scale: page size, build time, time to first render, filter and search times in headless Chromium,
and whether the counts shown equal the same filters in pandas.

Usage::

    PYTHONPATH=src .venv/bin/python benchmarks/explorer_render.py            # 1k, 10k and 100k synthetic sentences
    PYTHONPATH=src .venv/bin/python benchmarks/explorer_render.py --quick    # 1k and 10k

Synthetic sentences are the seed corpus's sentences resampled with random outlets (20),
outlet types, voices, speakers (60) and stance scores (``framing.interfaces.synthetic``).
"Time to first render" runs from the browser's navigation to the page until the first
page of rows and the filter panes are drawn and the count line shows the total (polled
every 50 ms); filter and search times run from the click or the typing (Selenium, which
adds its own few tens of milliseconds) until the count line shows pandas' count. Writes ``benchmarks/results/explorer.json`` and ``explorer.md``
(``explorer-quick.*`` with ``--quick``).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # tests.browser: the Selenium helpers the browser tests use

from framing.interfaces.explore import VIEW_TOTAL_MAX_ROWS, write_explorer  # noqa: E402
from framing.interfaces.synthetic import seed_scores, synthetic_scores  # noqa: E402
from tests import browser  # noqa: E402
from tests.test_explore import matches  # noqa: E402


def settle(drv, expected: int, timeout: float = 600) -> tuple[int, float]:
    """Wait until the count shown equals ``expected`` (or the timeout); return the count shown and the seconds waited."""
    t0 = time.perf_counter()
    try:
        browser.wait(lambda: browser.info_count(drv) == expected, timeout=timeout, step=0.05)
    except AssertionError:
        pass
    return browser.info_count(drv), time.perf_counter() - t0


def measure(n: int, folder: Path, drv) -> dict:
    """Build the explorer of ``n`` synthetic sentences, open it, filter and search; return the numbers."""
    syn = synthetic_scores(seed_scores(), n)
    t0 = time.perf_counter()
    page = write_explorer(syn, folder / f"explorer-{n}.html")
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    drv.get(page.as_uri())
    browser.wait(lambda: drv.find_elements("css selector", ".dtsp-searchPane tbody tr") and browser.info_count(drv) == n,
                 timeout=600, step=0.05)
    first_render = time.perf_counter() - t0
    heap = drv.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : null")
    checks = []
    t0 = time.perf_counter()
    browser.select(drv, "outlet type", "blog")
    d = syn[syn.outlet_type == "blog"]
    got, _ = settle(drv, len(d))
    filter_s = time.perf_counter() - t0
    checks.append(("outlet type = blog", got, len(d)))
    browser.select(drv, "stance: west", "critical")
    d = d[d.stance_west == "critical"]
    got, _ = settle(drv, len(d))
    checks.append(("+ stance west = critical", got, len(d)))
    expect = int(matches(d, "putin").sum())
    t0 = time.perf_counter()
    browser.search(drv, "putin")
    got, _ = settle(drv, expect)
    search_s = time.perf_counter() - t0
    checks.append(("+ search 'putin'", got, expect))
    return {"sentences": n, "pane_counts_follow_filters": n <= VIEW_TOTAL_MAX_ROWS, "html_mb": round(page.stat().st_size / 1e6, 2), "build_s": round(build, 2),
            "first_render_s": round(first_render, 2), "filter_s": round(filter_s, 2), "search_s": round(search_s, 2),
            "js_heap_mb": round(heap / 1e6, 1) if heap else None,
            "checks": [{"filter": f, "shown": g, "pandas": e} for f, g, e in checks],
            "counts_equal_pandas": all(g == e for _, g, e in checks)}


def markdown(rows: list[dict]) -> str:
    head = ("| sentences | pane counts follow filters | HTML (MB) | build (s) | first render (s) | filter (s) | search (s) | JS heap (MB) | counts = pandas |\n"
            "|---:|:---:|---:|---:|---:|---:|---:|---:|:---:|\n")
    return head + "".join(f"| {r['sentences']:,} | {'yes' if r['pane_counts_follow_filters'] else 'no'} | {r['html_mb']} | {r['build_s']} | "
                          f"{r['first_render_s']} | {r['filter_s']} | "
                          f"{r['search_s']} | {r['js_heap_mb']} | {'yes' if r['counts_equal_pandas'] else 'no'} |\n"
                          for r in rows)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="1k and 10k sentences only")
    ap.add_argument("--sizes", type=int, nargs="+", help="other sizes (results go to explorer-custom.*)")
    args = ap.parse_args()
    sizes = args.sizes or ([1_000, 10_000] if args.quick else [1_000, 10_000, 100_000])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            drv = browser.driver()  # a fresh browser per size
            try:
                rows.append(measure(n, Path(tmp), drv))
            finally:
                drv.quit()
            print(rows[-1], file=sys.stderr)
    name = "explorer-custom" if args.sizes else "explorer-quick" if args.quick else "explorer"
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    env = {"machine": platform.machine(), "python": platform.python_version(), "cpus": __import__("os").cpu_count(),
           "browser": browser.CHROMIUM, "flags": list(browser.FLAGS)}
    (out / f"{name}.json").write_text(json.dumps({"environment": env, "results": rows}, indent=2) + "\n", encoding="utf-8")
    (out / f"{name}.md").write_text(markdown(rows), encoding="utf-8")
    print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
