"""Time and peak memory of the bootstrap interval and the permutation test for growing groups, old code against new.

Usage::

    python benchmarks/bench_stats.py --ref 8440592       # that commit's framing.stats against the working tree's

Each (version, size) runs in a fresh process: ``bootstrap_ratio`` (2,000 resamples) on ``n``
sentences and ``permutation_test`` (5,000 relabellings) on two groups of ``n / 2``; the
process's peak resident memory is read from ``resource``. Results:
``benchmarks/results/stats.json`` and a table on standard output.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (1_000, 10_000, 100_000)


def measure(n: int) -> dict:
    """Run both statistics once on ``n`` synthetic sentences with the ``framing`` on ``sys.path``."""
    import resource
    import time

    import numpy as np

    from framing.stats import bootstrap_ratio, permutation_test

    rng = np.random.default_rng(0)
    words = rng.integers(5, 40, n).astype(float)
    hits = rng.poisson(0.02 * words)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    bootstrap_ratio(hits, words, key=("bench",), scale=1000)
    boot = time.perf_counter() - t
    x, y = rng.normal(0, 1, n // 2), rng.normal(0.05, 1, n - n // 2)
    t = time.perf_counter()
    permutation_test(x, y, key=("bench",))
    perm = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"n": n, "bootstrap_s": round(boot, 3), "permutation_s": round(perm, 3), "peak_rss_mb": round(peak / 1024, 1),
            "peak_above_start_mb": round((peak - base) / 1024, 1)}


def _run(src: Path, n: int) -> dict:
    env = {**os.environ, "PYTHONPATH": str(src), "FRAMING_ROOT": str(ROOT)}
    out = subprocess.run([sys.executable, __file__, "--measure", str(n)], check=True, env=env, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default="HEAD", help="git commit whose src/ is the old version")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    ap.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(f"git archive {args.ref} src | tar -x -C {tmp}", shell=True, check=True, cwd=ROOT)
        for n in args.sizes:
            for version, src in (("old", Path(tmp) / "src"), ("new", ROOT / "src")):
                rows.append({"version": version, **_run(src, n)})
                print(rows[-1], flush=True)
    out = ROOT / "benchmarks" / "results" / "stats.json"
    out.write_text(json.dumps({"ref": args.ref, "rows": rows}, indent=2) + "\n", encoding="utf-8")
    print("| version | n | bootstrap s | permutation s | peak RSS MB | above start MB |\n|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['version']} | {r['n']:,} | {r['bootstrap_s']} | {r['permutation_s']} | {r['peak_rss_mb']} | {r['peak_above_start_mb']} |")


if __name__ == "__main__":
    main()
