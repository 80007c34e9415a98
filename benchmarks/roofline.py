"""How close the ONNX encoder runs to this machine's matrix-product rate, and what that bounds.

Counts the floating-point work of MiniLM-L6 (6 layers, hidden 384, feed-forward 1,536) on
the benchmark's 2,070 sentences (their real token counts), times the ONNX encoder on them,
and times a float32 matrix product of the feed-forward's shape (numpy, every core). The
ratio says how much faster the forward pass could get in float32 at best.

    .venv/bin/python benchmarks/roofline.py          # writes results/roofline.json
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import bench_scoring  # noqa: E402

LAYERS, HIDDEN, FFN = 6, 384, 1536
RESULTS = Path(__file__).parent / "results"


def model_flops(lengths: list[int]) -> float:
    """Multiply-adds x 2 of the encoder's layers: projections, feed-forward and attention scores."""
    tokens = sum(lengths)
    per_token = 4 * HIDDEN * HIDDEN + 2 * HIDDEN * FFN
    attention = 2 * sum(n * n for n in lengths) * HIDDEN
    return 2.0 * LAYERS * (tokens * per_token + attention)


def gemm_gflops(rounds: int = 50) -> float:
    rng = np.random.default_rng(0)
    a = rng.random((4096, HIDDEN), dtype=np.float32)
    b = rng.random((HIDDEN, FFN), dtype=np.float32)
    for _ in range(3):
        a @ b
    t = time.perf_counter()
    for _ in range(rounds):
        a @ b
    return 2 * 4096 * HIDDEN * FFN * rounds / (time.perf_counter() - t) / 1e9


def main() -> None:
    from framing.onnx_engine import OnnxEncoder

    texts = bench_scoring.synthetic_sentences(2070, seed=1)
    enc = OnnxEncoder()
    flops = model_flops([len(x) for x in enc.token_ids(texts)])
    enc.encode_uncached(texts[:200])  # warm up
    runs = []
    for _ in range(3):
        t = time.perf_counter()
        enc.encode_uncached(texts)
        runs.append(time.perf_counter() - t)
    seconds = float(np.median(runs))
    gemm = float(np.median([gemm_gflops() for _ in range(3)]))
    out = {"sentences": len(texts), "model_gflop": flops / 1e9, "onnx_seconds_median_of_3": seconds,
           "onnx_gflops": flops / seconds / 1e9, "numpy_sgemm_gflops": gemm, "share_of_sgemm": flops / seconds / 1e9 / gemm,
           "forward_seconds_at_sgemm_rate": flops / 1e9 / gemm}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "roofline.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
