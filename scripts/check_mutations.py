"""Mutation check of the statistics: each deliberate error in the code must fail at least one unit test.

Usage::

    python scripts/check_mutations.py            # every mutation; exit code 1 if one survives

Each mutation replaces one exact piece of source text (it must occur once), runs the unit
tests of the statistics (``tests/test_stats.py``, ``tests/test_compare.py``,
``tests/test_report.py`` without the slow eight-outlet corpus) with ``PYTHONPATH`` set to
this checkout's ``src``, records the failing tests, and restores the file whatever happens.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = ["tests/test_stats.py", "tests/test_compare.py", "tests/test_report.py", "-k", "not eight_outlet"]

#: (name, file, original text, mutated text)
MUTATIONS = [
    ("Holm -> Bonferroni", "src/framing/compare.py", 'HOLM = "holm"', 'HOLM = "bonferroni"'),
    ("Holm without the step-down maximum", "src/framing/compare.py", "    return multipletests(p, method=HOLM)[1] if len(p) else p",
     "    o = np.argsort(p); q = np.empty_like(p); q[o] = np.minimum(1, (len(p) - np.arange(len(p))) * p[o]); return q"),
    ("95 % -> 80 % interval", "src/framing/stats.py", "CONFIDENCE = 0.95", "CONFIDENCE = 0.80"),
    ("percentile -> BCa interval", "src/framing/stats.py", 'CI_METHOD = "percentile"', 'CI_METHOD = "BCa"'),
    ("unpaired ratio resampling", "src/framing/stats.py", "vectorized=True, paired=True", "vectorized=True, paired=False"),
    ("one-sided permutation test", "src/framing/stats.py", "    return np.abs(x.mean(axis=axis) - y.mean(axis=axis))",
     "    return y.mean(axis=axis) - x.mean(axis=axis)"),
    ("compare: a lean on an interval touching zero", "src/framing/compare.py", 'out[d.ci_low > 0] = "favorable"',
     'out[d.ci_low >= 0] = "favorable"'),
    ("compare: pair order swapped (sign of the difference)", "src/framing/compare.py", "permutation_test(x, y, n_perm", "permutation_test(y, x, n_perm"),
    ("compare: authorial subset ignored", "src/framing/compare.py", 'dd = d if subset == "all" else d[d.voice == "authorial"]', "dd = d"),
    ("report: significance at p <= alpha", "src/framing/report.py", "sig = int((f.perm.p_holm < ALPHA).sum())",
     "sig = int((f.perm.p_holm <= ALPHA).sum())"),
    ("report: alpha 0.05 -> 0.10", "src/framing/report.py", "ALPHA = 0.05", "ALPHA = 0.10"),
]


def run_tests() -> list[str]:
    """The failing test ids of the statistics tests (empty if all pass)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MPLBACKEND": "Agg"}
    out = subprocess.run([sys.executable, "-m", "pytest", *TESTS, "-q", "-p", "no:cacheprovider", "-rf"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    return [line.split()[1] for line in out.stdout.splitlines() if line.startswith("FAILED ")]


def main() -> int:
    if run_tests():
        print("the tests fail without any mutation: fix them first", file=sys.stderr)
        return 2
    survivors = 0
    for name, rel, old, new in MUTATIONS:
        path = ROOT / rel
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            print(f"{name}: the text to mutate occurs {text.count(old)} times in {rel}", file=sys.stderr)
            return 2
        try:
            path.write_text(text.replace(old, new), encoding="utf-8")
            failed = run_tests()
        finally:
            path.write_text(text, encoding="utf-8")
        survivors += not failed
        print(f"{'caught' if failed else 'SURVIVED'}: {name} ({rel}) — {len(failed)} failing test(s): {', '.join(failed)}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
