"""Old against new statistics: the numbers behind the README findings computed by two versions of ``src``.

Usage::

    python benchmarks/stats_versions.py --ref 8440592        # that commit's src/ against the working tree's

Each version runs in its own process (``PYTHONPATH`` set to its ``src``) on the committed
data (``data/processed/sentences.parquet``, ``stance_oof.parquet``, ``models/stance``):
outlet means with bootstrap intervals, loaded-term rates, pairwise permutation tests with
Holm's adjustment, gold-label means, the findings Markdown, and the calibration tables and
ECE of the out-of-fold predictions. Printed: the largest absolute difference of each
quantity, how many values differ at the precision the notebooks display, whether the
findings text is identical, and the time each version took. Results:
``benchmarks/results/stats-versions.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Displayed precision (decimals) of each quantity in notebook 05 / the README findings / notebook 04.
DISPLAYED = {"mean_scores": 2, "rates": 1, "perm": 3, "gold": 2, "calibration": 2, "ece": 3}


def _timed(fn, *a, **k):
    t = time.perf_counter()
    out = fn(*a, **k)
    return out, time.perf_counter() - t


def dump(out: Path) -> None:
    """Compute every quantity with the ``framing`` on ``sys.path`` and pickle it to ``out``."""
    import pandas as pd

    from framing import config
    from framing.compare import gold_means, mean_scores, pairwise_permutation
    from framing.corpus import load_sentences
    from framing.loaded import corpus_hits, own_share, rates
    from framing.report import FindingsInput, findings_markdown
    from framing.schema import LABELS, TARGETS
    from framing.stance.card import headline_f1
    from framing.stance.evaluation import calibration_table, expected_calibration_error

    sentences = load_sentences(config.PROCESSED / "sentences.parquet")
    scores = pd.read_parquet(config.PROCESSED / "stance_oof.parquet")
    df = sentences.merge(scores, on="sentence_id", how="left", validate="one_to_one")
    res, secs = {}, {}
    res["mean_scores"], secs["mean_scores"] = _timed(mean_scores, df)
    hits = corpus_hits(sentences)
    res["rates"], secs["rates"] = _timed(rates, sentences, hits)
    res["perm"], secs["perm"] = _timed(lambda: pd.concat([pairwise_permutation(df, t).assign(target=t) for t in TARGETS], ignore_index=True))
    res["gold"], secs["gold"] = _timed(gold_means, df)
    card = json.loads((config.MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    r = res["rates"]
    f = FindingsInput(df=df, ms=res["mean_scores"], rate=r[(r.voice == "all") & (r.category == "all")].set_index("outlet"),
                      own=own_share(sentences, hits), perm=res["perm"], source="out-of-fold predictions of the chosen model (notebook 04)",
                      gold_means=res["gold"], model_f1=headline_f1(card))
    res["findings"] = findings_markdown(f)
    cal, ece = [], {}
    for t in TARGETS:
        for corpus, g in scores.groupby("corpus"):
            pred = g.assign(y_true=g[f"stance_{t}_gold"], **{f"p_{lab}": g[f"p_{t}_{lab}"] for lab in LABELS})
            cal.append(calibration_table(pred).assign(target=t, corpus=corpus))
            ece[f"{t}/{corpus}"] = expected_calibration_error(pred[[f"p_{lab}" for lab in LABELS]].to_numpy(), pred.y_true.to_numpy())
    res["calibration"], res["ece"], res["seconds"] = pd.concat(cal, ignore_index=True), ece, secs
    out.write_bytes(pickle.dumps(res))


def _values(name: str, v):
    """The numeric values of one quantity, in a fixed order."""
    import numpy as np
    import pandas as pd

    if name == "mean_scores":
        return v.sort_values(["outlet", "sentences", "target"])[["mean_score", "ci_low", "ci_high"]].to_numpy()
    if name == "rates":
        return v.sort_values(["outlet", "voice", "category"])[["rate_per_1000", "ci_low", "ci_high"]].to_numpy()
    if name == "perm":
        return v.sort_values(["target", "a", "b"])[["difference", "p", "p_holm"]].to_numpy()
    if name == "gold":
        return pd.concat(v, axis=0).sort_index().to_numpy()
    if name == "calibration":
        return v.sort_values(["target", "corpus", "bin"])[["mean_confidence", "share_correct", "n"]].to_numpy()
    return np.array([v[k] for k in sorted(v)])


def compare(old: dict, new: dict) -> dict:
    """Largest absolute difference and number of values differing at displayed precision, per quantity."""
    import numpy as np

    report = {}
    for name, digits in DISPLAYED.items():
        a, b = _values(name, old[name]).astype(float), _values(name, new[name]).astype(float)
        if a.shape != b.shape:
            report[name] = {"shape_old": a.shape, "shape_new": b.shape}
            continue
        report[name] = {"values": int(a.size), "max_abs_diff": float(np.nanmax(np.abs(a - b))) if a.size else 0.0,
                        f"differ_at_{digits}_decimals": int((np.round(a, digits) != np.round(b, digits)).sum()), "decimals": digits}
    report["findings_identical"] = old["findings"] == new["findings"]
    report["seconds_old"], report["seconds_new"] = old["seconds"], new["seconds"]
    return report


def _run(src: Path, out: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(src), "MPLBACKEND": "Agg", "FRAMING_ROOT": str(ROOT)}
    subprocess.run([sys.executable, __file__, "--dump", str(out)], check=True, env=env, cwd=ROOT)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref", default="HEAD", help="git commit whose src/ is the old version")
    ap.add_argument("--dump", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.dump:
        return dump(args.dump)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        subprocess.run(f"git archive {args.ref} src | tar -x -C {tmp}", shell=True, check=True, cwd=ROOT)
        _run(tmp / "src", tmp / "old.pkl")
        _run(ROOT / "src", tmp / "new.pkl")
        report = compare(pickle.loads((tmp / "old.pkl").read_bytes()), pickle.loads((tmp / "new.pkl").read_bytes()))
    report["ref"] = args.ref
    out = ROOT / "benchmarks" / "results" / "stats-versions.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, default=str) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, default=str))


if __name__ == "__main__":
    main()
