"""Where the per-article pipeline spends its CPU: each stage's process time on the benchmark's 2,070 sentences.

The stages :func:`framing.corpus.build_corpus` calls (reading, cleaning, language,
segmentation, voice, lexicon, the article checks) are wrapped with a CPU timer and the
corpus is built twice, caches off; the second build is reported (the first loads the
detector and the gazetteer). Each stage is also given as a share of the whole
``framing score`` run's CPU time from ``results/scoring.json`` (the figure issue 15's
"more than 2 % of a run" refers to).

    .venv/bin/python benchmarks/pipeline_share.py     # writes results/pipeline_share.json
"""

from __future__ import annotations

import collections
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_scoring  # noqa: E402

RESULTS = Path(__file__).parent / "results"
#: Names in ``framing.corpus`` wrapped with the timer (``Lexicon.annotate`` is wrapped on its class).
STAGES = ("read_all", "clean", "detect", "segment", "attribute", "check_article")


def timed_stages(times: collections.Counter) -> None:
    """Wrap the pipeline's stages so that each adds its CPU seconds to ``times``."""
    import framing.corpus as corpus
    from framing.lexicon import Lexicon

    def wrap(owner, name: str) -> None:
        inner = getattr(owner, name)

        def timed(*args, **kwargs):
            t = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                times[name] += time.process_time() - t

        setattr(owner, name, timed)

    for name in STAGES:
        wrap(corpus, name)
    wrap(Lexicon, "annotate")


def main() -> None:
    from framing.corpus import build_corpus

    times: collections.Counter = collections.Counter()
    timed_stages(times)
    with tempfile.TemporaryDirectory() as tmp:
        bench_scoring.write_articles(bench_scoring.synthetic_sentences(2070, seed=1), Path(tmp))
        paths = sorted(Path(tmp).glob("*.txt"))
        build_corpus(paths, cache=False)
        times.clear()
        t = time.process_time()
        corpus = build_corpus(paths, cache=False)
        total = time.process_time() - t
    scoring = RESULTS / "scoring.json"
    score_cpu = json.loads(scoring.read_text())["interleaved"]["arms"]["framing_score"]["cpu_seconds"]["median"] if scoring.exists() else None
    out = {"sentences": len(corpus.sentences), "build_cpu_seconds": total, "framing_score_cpu_seconds": score_cpu,
           "stages": {k: {"cpu_seconds": v, "share_of_build": v / total, "share_of_framing_score": v / score_cpu if score_cpu else None}
                      for k, v in times.most_common()}}
    for k, v in out["stages"].items():
        share = f", {100 * v['share_of_framing_score']:.1f} % of framing score" if score_cpu else ""
        print(f"{k:14s} {v['cpu_seconds']:.2f} s ({100 * v['share_of_build']:.0f} % of the build{share})")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "pipeline_share.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
