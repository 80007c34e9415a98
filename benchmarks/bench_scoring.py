"""Benchmark `framing score` against the encoders it could be built on, on this machine, in one run.

Measures, and writes to ``benchmarks/results/scoring.json`` (``scoring-quick.json`` with
``--quick``) with a Markdown summary and a plot:

(a) interleaved rounds (A B C D, A B C D, ...) on the same sentences, each arm a fresh
    process timed from start to exit (imports and model loading included), min/median/max:
    the torch fp32 encoder as the project ran it before (character-sorted batches of 64:
    the old limit), the ONNX Runtime encoder (token-budget batches), sentence-transformers'
    ``encode`` on the same packaged model, and `framing score` end to end (empty embedding
    and article caches; reading, cleaning, segmentation, voice, lexicon, encoder,
    classifier, writing Parquet);
(b) the padding share of both batching recipes on those sentences;
(c) scaling over corpus sizes (default 1k, 10k, 30k, 100k sentences), each a fresh
    `framing score` process with fresh caches: time and peak resident memory;
(d) a cached re-run of the 10k corpus (whole process, caches filled);
(e) CPU time (user + system, all processes) of `framing score` locally and with
    ``--engine dask`` (the default local cluster: one worker process, one thread per core),
    and Dask with one single-threaded worker process per core, on the same articles, interleaved;
(f) stance-label and embedding agreement of ONNX Runtime with torch on the fixed
    2,000-sentence probe (:mod:`framing.engine_check`).

The exported ONNX file is made once before the timed runs (and its export time reported),
then shared by every run's otherwise empty cache folder. The load average is recorded
before and after each phase: on a shared machine other work slows every arm alike, which
the interleaving spreads evenly.

Usage: ``python benchmarks/bench_scoring.py [--sizes 1000 10000 30000 100000] [--rounds 3] [--quick]``.
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
import statistics
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



ENV = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "HF_HUB_DISABLE_PROGRESS_BARS": "1", "TOKENIZERS_PARALLELISM": "false"}
ARMS = ["torch_fp32", "onnx", "sentence_transformers", "framing_score", "framing_score_serial"]
#: The serial arm: the same command with the corpus built before any encoding (FRAMING_PREFETCH=0).
ARM_ENV = {"framing_score_serial": {"FRAMING_PREFETCH": "0"}}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(cmd: list[str], env: dict) -> dict:
    """Run ``cmd``: wall time, CPU time (user + system, with its waited-for children: Dask's workers) and peak RSS.

    A JSON line the process prints last is merged into the result.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        t = time.perf_counter()
        proc = subprocess.Popen(cmd, env=dict(os.environ, **ENV, **env), stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode:
        raise RuntimeError(f"{' '.join(cmd[:5])}... failed ({proc.returncode}): {stderr[-2000:]}")
    r = {"seconds": wall, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}
    lines = [x for x in stdout.splitlines() if x.startswith("{")]
    if lines:
        r.update({k: v for k, v in json.loads(lines[-1]).items() if k != "peak_rss_mb"})
    return r


def fresh_cache(root: Path, name: str, onnx_dir: Path) -> Path:
    """An empty cache folder that shares the exported ONNX encoder."""
    d = root / name
    shutil.rmtree(d, ignore_errors=True)
    d.mkdir(parents=True)
    (d / "onnx").symlink_to(onnx_dir, target_is_directory=True)
    return d


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "framing.cli", *args]


def child_arm(arm: str, texts_file: Path) -> dict:
    """One encoder arm, in this (fresh) process: load, then encode every text once. Prints a JSON line."""
    t0 = time.perf_counter()
    texts = json.loads(texts_file.read_text(encoding="utf-8"))
    info: dict = {}
    if arm == "torch_fp32":
        info = torch_old_recipe(texts)
    elif arm == "onnx":
        from framing.encoder import padding_share
        from framing.onnx_engine import OnnxEncoder

        enc = OnnxEncoder()
        enc.encode_uncached(texts)
        info = {"padding_share": padding_share(enc.last_padding)}
    elif arm == "sentence_transformers":
        from sentence_transformers import SentenceTransformer

        from framing.encoder import model_path

        SentenceTransformer(str(model_path()), device="cpu", local_files_only=True).encode(texts, normalize_embeddings=True)
    return {"in_process_seconds": time.perf_counter() - t0, "peak_rss_mb": peak_rss_mb(), **info}


def torch_old_recipe(texts: list[str], batch_size: int = 64) -> dict:
    """The torch fp32 encoder as the project ran it before: character-sorted batches of 64, padded by the tokenizer."""
    import numpy as np
    import torch

    from framing.encoder import MAX_LENGTH, Encoder

    enc = Encoder()
    order = np.argsort([len(t) for t in texts], kind="stable")
    real = executed = 0
    with torch.inference_mode():
        for i in range(0, len(order), batch_size):
            batch = [texts[j] for j in order[i : i + batch_size]]
            t = enc.tokenizer(batch, padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="np")
            enc.forward(t["input_ids"].astype(np.int64), t["attention_mask"].astype(np.int64))
            real, executed = real + int(t["attention_mask"].sum()), executed + int(t["attention_mask"].size)
    return {"padding_share": 1 - real / executed}


def arm_command(arm: str, texts_file: Path, folder: Path, out: Path) -> list[str]:
    if arm.startswith("framing_score"):
        return cli("score", str(folder), "--out", str(out), "--no-progress")
    return [sys.executable, __file__, "--child-arm", arm, str(texts_file)]


def stats(xs: list[float]) -> dict:
    return {"min": min(xs), "median": statistics.median(xs), "max": max(xs), "runs": xs}


def interleaved(tmp: Path, onnx_dir: Path, n: int, rounds: int) -> dict:
    """(a, b): every arm on the same sentences, in rounds A B C D, A B C D, ..."""
    import pandas as pd

    folder = tmp / "compare"
    write_articles(synthetic_sentences(n, seed=1), folder)
    first = timed(cli("score", str(folder), "--out", str(tmp / "c0.parquet"), "--no-progress"), {"FRAMING_CACHE": str(fresh_cache(tmp, "c0", onnx_dir))})
    texts = pd.read_parquet(tmp / "c0.parquet").text.tolist()
    texts_file = tmp / "texts.json"
    texts_file.write_text(json.dumps(texts), encoding="utf-8")
    runs: dict[str, list[dict]] = {a: [] for a in ARMS}
    for r in range(rounds):
        for arm in ARMS:
            cache = fresh_cache(tmp, f"c-{arm}-{r}", onnx_dir)
            res = timed(arm_command(arm, texts_file, folder, tmp / f"o-{r}.parquet"),
                        {"FRAMING_CACHE": str(cache), "FRAMING_ENCODER": "onnx", **ARM_ENV.get(arm, {})})
            res["sentences_per_second"] = len(texts) / res["seconds"]
            runs[arm].append(res)
            print(f"round {r} {arm}: {res['seconds']:.1f} s, load {os.getloadavg()[0]:.1f}", file=sys.stderr, flush=True)
    out = {"sentences": len(texts), "rounds": rounds, "warm_up_score_seconds": first["seconds"], "arms": {}}
    for arm, rs in runs.items():
        out["arms"][arm] = {"seconds": stats([x["seconds"] for x in rs]), "sentences_per_second": stats([x["sentences_per_second"] for x in rs]),
                            "cpu_seconds": stats([x["cpu_seconds"] for x in rs]),
                            "padding_share": rs[0].get("padding_share")}
    med = {a: out["arms"][a]["sentences_per_second"]["median"] for a in ARMS}
    out["score_over_torch_fp32"] = med["framing_score"] / med["torch_fp32"]
    out["score_over_sentence_transformers"] = med["framing_score"] / med["sentence_transformers"]
    out["onnx_over_torch_fp32"] = med["onnx"] / med["torch_fp32"]
    out["score_over_serial"] = med["framing_score"] / med["framing_score_serial"]
    return out


def scaling(tmp: Path, onnx_dir: Path, sizes: list[int], report: dict, save) -> None:
    """(c, d): each size in a fresh process with fresh caches; the 10k corpus (or the largest below it) re-run cached."""
    import pandas as pd

    report["scaling"] = []
    rerun_size = max([n for n in sizes if n <= 10000] or sizes[:1])
    for n in sizes:
        f = tmp / f"n{n}"
        write_articles(synthetic_sentences(n, seed=n), f)
        cache = fresh_cache(tmp, f"cache-{n}", onnx_dir)
        load = os.getloadavg()[0]
        r = timed(cli("score", str(f), "--out", str(tmp / f"n{n}.parquet"), "--no-progress"), {"FRAMING_CACHE": str(cache)})
        rows = len(pd.read_parquet(tmp / f"n{n}.parquet", columns=["text"]))
        r.update({"target_sentences": n, "sentences": rows, "articles": len(list(f.glob("*.txt"))), "sentences_per_second": rows / r["seconds"],
                  "load_before": load, "load_after": os.getloadavg()[0]})
        report["scaling"].append(r)
        print(json.dumps(r), file=sys.stderr, flush=True)
        if n == rerun_size:
            again = timed(cli("score", str(f), "--out", str(tmp / f"n{n}-again.parquet"), "--no-progress"), {"FRAMING_CACHE": str(cache)})
            report["cached_rerun"] = {"sentences": rows, "first_seconds": r["seconds"], "rerun_seconds": again["seconds"],
                                      "rerun_cpu_seconds": again["cpu_seconds"], "peak_rss_mb": again["peak_rss_mb"]}
        save()
        shutil.rmtree(f)


DASK_PROCESSES = ("import sys; from pathlib import Path; from framing.distributed import score_dask\n"
                  "if __name__ == '__main__':\n    score_dask([sys.argv[1]], Path(sys.argv[2]), processes=True)")


def dask_vs_local(tmp: Path, onnx_dir: Path, n: int, rounds: int) -> dict:
    """(e): CPU time of local scoring, ``--engine dask`` (threads) and Dask with worker processes, interleaved, fresh caches each run."""
    f = tmp / "dask"
    write_articles(synthetic_sentences(n, seed=3), f)
    script = tmp / "dask_processes.py"
    script.write_text(DASK_PROCESSES, encoding="utf-8")
    commands = {"local": cli("score", str(f), "--out", str(tmp / "l.parquet"), "--no-progress"),
                "dask": cli("score", str(f), "--out", str(tmp / "d.parquet"), "--no-progress", "--engine", "dask"),
                "dask_processes": [sys.executable, str(script), str(f), str(tmp / "p.parquet")]}
    res: dict[str, list[dict]] = {k: [] for k in commands}
    for r in range(rounds):
        for arm, cmd in commands.items():
            res[arm].append(timed(cmd, {"FRAMING_CACHE": str(fresh_cache(tmp, f"d-{arm}-{r}", onnx_dir))}))
        print(f"dask round {r}: " + ", ".join(f"{k} {v[-1]['cpu_seconds']:.1f} s CPU" for k, v in res.items()), file=sys.stderr, flush=True)
    out = {"sentences_target": n, "rounds": rounds}
    for k, v in res.items():
        out[k] = {"cpu_seconds": stats([x["cpu_seconds"] for x in v]), "seconds": stats([x["seconds"] for x in v])}
    out["dask_cpu_over_local"] = out["dask"]["cpu_seconds"]["median"] / out["local"]["cpu_seconds"]["median"]
    out["dask_processes_cpu_over_local"] = out["dask_processes"]["cpu_seconds"]["median"] / out["local"]["cpu_seconds"]["median"]
    return out


def export_onnx(tmp: Path) -> tuple[Path, dict]:
    """Export the ONNX encoder once into a cache folder the timed runs share; report how long it took."""
    cache = tmp / "export-cache"
    code = ("import json,time;t=time.perf_counter();from framing.onnx_engine import verified_model_file,record_path;"
            "verified_model_file();print(json.dumps({'export_seconds':time.perf_counter()-t,**json.loads(record_path().read_text())}))")
    r = timed([sys.executable, "-c", code], {"FRAMING_CACHE": str(cache)})
    return cache / "onnx", r


def agreement(env_cache: Path) -> dict:
    code = ("import json;from framing.engine_check import probe_texts,compare_engines;"
            "print(json.dumps(compare_engines(probe_texts())))")
    return timed([sys.executable, "-c", code], {"FRAMING_CACHE": str(env_cache)})


def machine() -> dict:
    from importlib.metadata import version

    return {"host": platform.node(), "cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            **{p: version(p) for p in ("torch", "onnxruntime", "sentence-transformers", "transformers")}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 30000, 100000])
    ap.add_argument("--compare", type=int, default=2000, help="sentences for the interleaved arms")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds")
    ap.add_argument("--dask", type=int, default=3000, help="sentences for the Dask vs local CPU comparison")
    ap.add_argument("--skip", nargs="*", default=[], choices=["interleaved", "scaling", "dask", "agreement"])
    ap.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    ap.add_argument("--name", help="results file stem (default scoring, or scoring-quick with --quick)")
    ap.add_argument("--resume", action="store_true", help="keep the phases of the existing results file (use with --skip)")
    ap.add_argument("--merge", nargs="+", metavar="JSON", help="combine the phases of several results files into --name (no measuring)")
    ap.add_argument("--child-arm", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.merge:
        merge([Path(x) for x in args.merge], args.name or "scoring")
        return
    if args.child_arm:
        print(json.dumps(child_arm(args.child_arm[0], Path(args.child_arm[1]))))
        return
    if args.quick:
        args.sizes, args.compare, args.rounds, args.dask = [200, 1000], 300, 2, 300
    name = args.name or ("scoring-quick" if args.quick else "scoring")
    RESULTS.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    report = {"machine": machine(), "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "load_average": {"start": os.getloadavg()}}
    if args.resume and (RESULTS / f"{name}.json").exists():
        old = json.loads((RESULTS / f"{name}.json").read_text(encoding="utf-8"))
        report = {**old, "load_average": {**old.get("load_average", {}), "resumed": os.getloadavg()}}

    def save() -> None:
        (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")

    try:
        onnx_dir, report["onnx_export"] = export_onnx(tmp)
        phases = [("interleaved", lambda: interleaved(tmp, onnx_dir, args.compare, args.rounds)), ("dask", lambda: dask_vs_local(tmp, onnx_dir, args.dask, 3)),
                  ("scaling", lambda: scaling(tmp, onnx_dir, args.sizes, report, save)), ("agreement", lambda: agreement(onnx_dir.parent))]
        for phase, fn in phases:
            if phase in args.skip:
                continue
            result = fn()
            if result is not None:
                report[phase] = result
            report["load_average"][phase] = os.getloadavg()
            save()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        save()
    (RESULTS / f"{name}.md").write_text(summary(report), encoding="utf-8")
    plot(report, RESULTS / f"{name}.png")
    print(json.dumps(report, indent=2))


def merge(files: list[Path], name: str) -> None:
    """One report from the phases of several runs (each phase taken from the last file that has it)."""
    report: dict = {"load_average": {}, "merged_from": [f.name for f in files]}
    for f in files:
        part = json.loads(f.read_text(encoding="utf-8"))
        report["load_average"].update({f"{f.stem}:{k}": v for k, v in part.pop("load_average", {}).items()})
        report.update({k: v for k, v in part.items() if k not in ("scaling",) or v})
    (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    (RESULTS / f"{name}.md").write_text(summary(report), encoding="utf-8")
    plot(report, RESULTS / f"{name}.png")


def _smm(d: dict, fmt: str = "{:.1f}") -> str:
    return " / ".join(fmt.format(d[k]) for k in ("min", "median", "max"))


def _dask_lines(d: dict) -> list[str]:
    lines = [f"(e) CPU seconds (min / median / max of {d['rounds']}), {d['sentences_target']:,} sentences: local {_smm(d['local']['cpu_seconds'])}, "
             f"`--engine dask` (one worker process, a thread per core) {_smm(d['dask']['cpu_seconds'])}: "
             f"Dask / local = **{d['dask_cpu_over_local']:.2f}**."]
    if "dask_processes" in d:
        lines.append(f"Dask with one single-threaded worker process per core: {_smm(d['dask_processes']['cpu_seconds'])}, "
                     f"{d['dask_processes_cpu_over_local']:.2f} × local.")
    return lines + [""]


def summary(report: dict) -> str:
    """A Markdown summary of one benchmark run (written beside the JSON)."""
    m = report["machine"]
    la = report["load_average"]
    lines = [f"# Scoring benchmark ({report['date']})", "",
             f"Machine: {m['cpus']} CPU cores, Python {m['python']}, torch {m['torch']}, onnxruntime {m['onnxruntime']}, "
             f"sentence-transformers {m['sentence-transformers']}, {m['platform']}.",
             "Load average (1 min) at the start and after each phase: " + ", ".join(f"{k} {v[0]:.1f}" for k, v in la.items()) + ".", ""]
    if "onnx_export" in report:
        lines += [f"ONNX export (once, cached): {report['onnx_export']['export_seconds']:.1f} s.", ""]
    if "interleaved" in report:
        iv = report["interleaved"]
        lines += [f"(a) Interleaved, {iv['rounds']} rounds on the same {iv['sentences']:,} sentences, each a fresh process (load included); "
                  "min / median / max:", "",
                  "| arm | sentences/s | seconds | CPU seconds | padding share |", "|---|---|---|---|---|"]
        for arm, a in iv["arms"].items():
            pad = f"{a['padding_share']:.1%}" if a.get("padding_share") is not None else ""
            lines.append(f"| {arm} | {_smm(a['sentences_per_second'])} | {_smm(a['seconds'])} | {_smm(a['cpu_seconds'])} | {pad} |")
        lines += ["", f"Medians: `framing score` / torch fp32 encoder = **{iv['score_over_torch_fp32']:.2f}×**; "
                  f"/ sentence-transformers = **{iv['score_over_sentence_transformers']:.2f}×**; ONNX encoder / torch = {iv['onnx_over_torch_fp32']:.2f}×"
                  + (f"; encoding while the corpus is built / building it first (`FRAMING_PREFETCH=0`) = {iv['score_over_serial']:.2f}×"
                     if "score_over_serial" in iv else "") + ".", ""]
    if "agreement" in report:
        ag = report["agreement"]
        lines += [f"(f) ONNX vs torch on the {ag['sentences']:,}-sentence probe: labels identical on "
                  f"{ag['partnership']['label_agreement']:.2%} (partnership) and {ag['west']['label_agreement']:.2%} (west); "
                  f"min cosine {ag['min_cosine']:.7f}; max probability difference "
                  f"{max(ag['partnership']['max_abs_probability_diff'], ag['west']['max_abs_probability_diff']):.1e}.", ""]
    if "dask" in report:
        lines += _dask_lines(report["dask"])
    if "cached_rerun" in report:
        cr = report["cached_rerun"]
        lines += [f"(d) Cached re-run of {cr['sentences']:,} sentences: **{cr['rerun_seconds']:.2f} s** wall, {cr['rerun_cpu_seconds']:.2f} s CPU "
                  f"(whole process), vs {cr['first_seconds']:.1f} s for the first run.", ""]
    if "cached_rerun_quiet" in report:
        q = report["cached_rerun_quiet"]
        lines += [f"(d) measured again at a lower load ({report.get('cached_rerun_note', 'see the JSON')}): "
                  f"{' and '.join(f'{x:.2f} s' for x in q['runs_seconds'])} wall, {' and '.join(f'{x:.2f} s' for x in q['runs_cpu_seconds'])} CPU.", ""]
    if report.get("scaling"):
        lines += ["(c) Scaling, each size a fresh `framing score` process with fresh caches (wall time includes start-up and loading):", "",
                  "| sentences | articles | seconds | sentences/s | s per 1k sentences | CPU s per 1k sentences | peak RSS (MB) | load avg before / after |",
                  "|---|---|---|---|---|---|---|---|"]
        for r in report["scaling"]:
            lines.append(f"| {r['sentences']:,} | {r['articles']:,} | {r['seconds']:.1f} | {r['sentences_per_second']:.1f} | "
                         f"{1000 * r['seconds'] / r['sentences']:.2f} | {1000 * r['cpu_seconds'] / r['sentences']:.2f} | "
                         f"{r['peak_rss_mb']:.0f} | {r['load_before']:.1f} / {r['load_after']:.1f} |")
    return "\n".join(lines) + "\n"


def plot(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from framing.figures import use_style

    use_style()
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.2))
    sc = report.get("scaling") or []
    if sc:
        n = [r["sentences"] for r in sc]
        axes[0].plot(n, [r["seconds"] for r in sc], "o-", color="#0072B2")
        per = sc[-1]["seconds"] / sc[-1]["sentences"]
        axes[0].plot(n, [per * x for x in n], "--", color="grey", lw=0.8, label="linear from the largest run")
        axes[0].legend(fontsize=8)
        axes[0].set_xscale("log")
        axes[0].set_yscale("log")
        axes[1].plot(n, [r["peak_rss_mb"] for r in sc], "o-", color="#D55E00")
        axes[1].axhline(2048, color="grey", ls="--", lw=0.8)
        axes[1].set_xscale("log")
    axes[0].set_xlabel("sentences")
    axes[0].set_title("time to score (s)", fontsize=10)
    axes[1].set_xlabel("sentences")
    axes[1].set_title("peak RSS (MB; dashed 2 GB)", fontsize=10)
    if "interleaved" in report:
        arms = report["interleaved"]["arms"]
        meds = [a["sentences_per_second"]["median"] for a in arms.values()]
        lo = [m - a["sentences_per_second"]["min"] for m, a in zip(meds, arms.values())]
        hi = [a["sentences_per_second"]["max"] - m for m, a in zip(meds, arms.values())]
        axes[2].bar([a.replace("_", "\n") for a in arms], meds, yerr=[lo, hi], color=["#999999", "#56B4E9", "#E69F00", "#009E73", "#CC79A7"][: len(arms)])
        axes[2].set_title("sentences/s, load included (median, min-max)", fontsize=10)
        axes[2].tick_params(axis="x", labelsize=7)
    fig.suptitle(f"framing score on {report['machine']['cpus']} CPU cores", x=0.01, y=1.04, ha="left", fontweight="bold", fontsize=11)
    fig.savefig(path, bbox_inches="tight")


if __name__ == "__main__":
    main()
