"""Benchmark `framing score` against the raw encoder on this machine, in one run.

Measures, and writes to ``benchmarks/results/scoring-<host>.json`` with a plot:

(a) the raw encoder's forward pass (tokenise + forward + mean pooling; length-sorted
    batches) in sentences per second on realistic news sentences: the limit;
(b) `framing score` end to end on articles made of the same sentences, with an empty
    embedding cache and article cache (cleaning, segmentation, voice, lexicon, encoder,
    classifier);
(c) peak memory (maximum resident set size) of each scoring process;
(d) scaling from 1k to 100k sentences on a synthetic corpus built from varied sentences
    (each size in a fresh process, fresh caches);
(e) a re-run over the same files with the caches filled.

Usage: ``python benchmarks/bench_scoring.py [--sizes 1000 10000 100000] [--quick]``.
Sentences come from the seed corpus and the written supplementary sentences, varied with
prefixes and suffixes so that every synthetic sentence is distinct (no accidental cache
hits).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"

PREFIXES = ["", "Meanwhile, ", "On Thursday, ", "According to officials, ", "In a statement, ", "Separately, ",
            "Earlier this week, ", "As expected, ", "In Moscow, ", "In Seoul, ", "Analysts noted that ", "Once again, "]
#: Clauses that replace a sentence's final full stop (so the variant stays one sentence).
SUFFIXES = ["", ", officials said.", ", a spokesman added.", ", according to reports.", ", the agency reported.",
            ", diplomats said.", ", state media reported.", ", analysts noted.", ", sources said.", ", the ministry said."]
OUTLETS = [f"Synthetic Outlet {i}" for i in range(10)]


def base_sentences() -> list[str]:
    """Realistic news sentences: the seed corpus and the written supplementary sentences."""

    from framing.annotations import load_supplementary
    from framing.corpus import load_sentences

    s = load_sentences()
    texts = s[s.kind == "body"].text.tolist() + load_supplementary().text.tolist()
    return [t for t in dict.fromkeys(texts) if len(t.split()) >= 5]


def synthetic_sentences(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct sentences made by varying the base sentences."""
    base = base_sentences()
    combos = [(b, p, s) for s in SUFFIXES for p in PREFIXES for b in base]
    rng = random.Random(seed)
    rng.shuffle(combos)
    if n > len(combos):
        raise ValueError(f"at most {len(combos)} distinct synthetic sentences")
    out = []
    for b, p, s in combos[:n]:
        text = p + (b[0].lower() + b[1:] if p and not b[:2].isupper() else b) if p else b
        out.append(text[:-1] + s if s and text.endswith(".") else text)
    return out


def write_articles(sentences: list[str], folder: Path, per_article: int = 25) -> int:
    """Group sentences into articles (headline + paragraphs of five sentences) with front matter."""
    folder.mkdir(parents=True, exist_ok=True)
    k = 0
    for k, i in enumerate(range(0, len(sentences), per_article)):
        chunk = sentences[i : i + per_article]
        paras = ["\n".join([" ".join(chunk[j : j + 5])]) for j in range(0, len(chunk), 5)]
        head = f"Report {k}: Talks in the Far East"
        text = f"---\noutlet: {OUTLETS[k % len(OUTLETS)]}\nevent: vostochny-2023\n---\n{head}\n\n" + "\n\n".join(paras) + "\n"
        (folder / f"a{k:06d}.txt").write_text(text, encoding="utf-8")
    return k + 1


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def one_run(folder: Path, out: Path) -> dict:
    """Score a folder in this process (called in a child process); report times and peak RSS."""
    t0 = time.perf_counter()
    from framing.score import score_paths, write_table
    from framing.stance import load_model

    model = load_model()
    from framing.encoder import get_encoder

    get_encoder()
    t_load = time.perf_counter() - t0
    t1 = time.perf_counter()
    res = score_paths([folder], model)
    write_table(res.table, out)
    t_score = time.perf_counter() - t1
    return {"sentences": int(len(res.table)), "articles": int(res.table.article.nunique()), "load_seconds": t_load,
            "score_seconds": t_score, "sentences_per_second": len(res.table) / t_score, "peak_rss_mb": peak_rss_mb()}


def child(folder: Path, out: Path, cache: Path) -> dict:
    """Run :func:`one_run` in a fresh Python process with its own cache folder."""
    env = dict(os.environ, FRAMING_CACHE=str(cache), HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    cmd = [sys.executable, __file__, "--child", str(folder), str(out)]
    r = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True)
    return json.loads(r.stdout.strip().splitlines()[-1])


def raw_encoder(texts: list[str], repeats: int = 2) -> dict:
    """Sentences per second of the bare encoder forward pass (model already loaded), best of ``repeats``."""
    from framing.encoder import get_encoder

    enc = get_encoder()
    enc.encode_uncached(texts[:64])  # warm-up
    best = 0.0
    for _ in range(repeats):
        t = time.perf_counter()
        enc.encode_uncached(texts)
        best = max(best, len(texts) / (time.perf_counter() - t))
    return {"sentences": len(texts), "sentences_per_second": best}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000])
    ap.add_argument("--compare", type=int, default=3000, help="sentences for the side-by-side encoder vs end-to-end run")
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(one_run(Path(args.child[0]), Path(args.child[1]))))
        return
    if args.quick:
        args.sizes, args.compare = [200, 1000], 500
    import torch

    tmp = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    report = {"machine": {"host": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(),
                          "torch": torch.__version__, "torch_threads": torch.get_num_threads(), "platform": platform.platform()},
              "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    try:
        # (a) and (b): the same sentences, side by side
        sents = synthetic_sentences(args.compare, seed=1)
        folder = tmp / "compare"
        write_articles(sents, folder)
        first = child(folder, tmp / "compare.parquet", tmp / "cache-compare")
        import pandas as pd

        scored_texts = pd.read_parquet(tmp / "compare.parquet").text.tolist()
        enc = raw_encoder(scored_texts)
        report["side_by_side"] = {"raw_encoder": enc, "framing_score": first,
                                  "ratio_end_to_end_to_encoder": first["sentences_per_second"] / enc["sentences_per_second"]}
        # (e) re-run with the caches filled
        again = child(folder, tmp / "compare-again.parquet", tmp / "cache-compare")
        report["cached_rerun"] = {"first_seconds": first["score_seconds"], "rerun_seconds": again["score_seconds"],
                                  "speedup": first["score_seconds"] / again["score_seconds"], "peak_rss_mb": again["peak_rss_mb"]}
        # (c) and (d): scaling, each size in a fresh process with fresh caches
        report["scaling"] = []
        for n in args.sizes:
            f = tmp / f"n{n}"
            write_articles(synthetic_sentences(n, seed=n), f)
            r = child(f, tmp / f"n{n}.parquet", tmp / f"cache-{n}")
            r["target_sentences"] = n
            report["scaling"].append(r)
            print(json.dumps(r), file=sys.stderr, flush=True)
            shutil.rmtree(f)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    name = "scoring-quick" if args.quick else "scoring"
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    plot(report, RESULTS / f"{name}.png")
    (RESULTS / f"{name}.md").write_text(summary(report), encoding="utf-8")
    print(json.dumps(report, indent=2))


def summary(report: dict) -> str:
    """A Markdown summary of one benchmark run (written beside the JSON)."""
    m, sbs, cr = report["machine"], report["side_by_side"], report["cached_rerun"]
    lines = [f"# Scoring benchmark ({report['date']})", "",
             f"Machine: {m['cpus']} CPU cores, Python {m['python']}, torch {m['torch']} ({m['torch_threads']} threads), {m['platform']}.", "",
             "| measure | value |", "|---|---|",
             f"| (a) raw encoder forward pass | {sbs['raw_encoder']['sentences_per_second']:.1f} sentences/s ({sbs['raw_encoder']['sentences']} sentences) |",
             f"| (b) `framing score` end to end, same sentences, empty caches | {sbs['framing_score']['sentences_per_second']:.1f} sentences/s |",
             f"| (b)/(a) | {sbs['ratio_end_to_end_to_encoder']:.0%} |",
             f"| model + encoder load (once per process) | {sbs['framing_score']['load_seconds']:.1f} s |",
             f"| (e) cached re-run | {cr['rerun_seconds']:.2f} s vs {cr['first_seconds']:.1f} s first run: {cr['speedup']:.0f}× faster |", "",
             "(c, d) Scaling, each size in a fresh process with fresh caches:", "",
             "| sentences | articles | seconds | sentences/s | peak RSS (MB) |", "|---|---|---|---|---|"]
    for r in report["scaling"]:
        lines.append(f"| {r['sentences']:,} | {r['articles']:,} | {r['score_seconds']:.1f} | {r['sentences_per_second']:.1f} | {r['peak_rss_mb']:.0f} |")
    return "\n".join(lines) + "\n"


def plot(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.figures import use_style

    use_style()
    sc = report["scaling"]
    n = [r["sentences"] for r in sc]
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.2))
    axes[0].plot(n, [r["score_seconds"] for r in sc], "o-", color="#0072B2")
    if len(n) > 1:
        per = sc[-1]["score_seconds"] / sc[-1]["sentences"]
        axes[0].plot(n, [per * x for x in n], "--", color="grey", lw=0.8, label="linear from the largest run")
        axes[0].legend(fontsize=8)
    axes[0].set_xscale("log")
    axes[0].set_yscale("log")
    axes[0].set_xlabel("sentences")
    axes[0].set_title("time to score (s)", fontsize=10)
    axes[1].plot(n, [r["peak_rss_mb"] for r in sc], "o-", color="#D55E00")
    axes[1].axhline(3072, color="grey", ls="--", lw=0.8)
    axes[1].set_xscale("log")
    axes[1].set_xlabel("sentences")
    axes[1].set_title("peak RSS (MB; dashed 3 GB)", fontsize=10)
    sbs = report["side_by_side"]
    vals = [sbs["raw_encoder"]["sentences_per_second"], sbs["framing_score"]["sentences_per_second"]]
    axes[2].bar(["raw encoder", "framing score"], vals, color=["#56B4E9", "#009E73"])
    axes[2].set_title(f"sentences/s (end-to-end = {sbs['ratio_end_to_end_to_encoder']:.0%})", fontsize=10)
    fig.suptitle(f"framing score on {report['machine']['cpus']} CPU cores; cached re-run {report['cached_rerun']['speedup']:.0f}× faster",
                 x=0.01, y=1.04, ha="left", fontweight="bold", fontsize=11)
    fig.savefig(path, bbox_inches="tight")


if __name__ == "__main__":
    main()
