"""Would int8 keep the labels? Dynamic int8 quantisation of the ONNX encoder, scored against fp32 on the probe.

Three variants with ONNX Runtime's ``quantize_dynamic`` (int8 weights, per output channel):
every matrix product; the 12 feed-forward ones; the 6 feed-forward up-projections only.
For each: the share of stance labels (both targets) equal to the fp32 engine's on the
2,000-sentence probe of :mod:`framing.engine_check` (the rule is 99.5 %), the smallest
cosine, and the time to encode the benchmark's 2,070 sentences beside the fp32 time.

    .venv/bin/python benchmarks/int8_agreement.py    # writes results/int8_agreement.json
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).parent))
import bench_scoring  # noqa: E402

RESULTS = Path(__file__).parent / "results"
HIDDEN, FFN = 384, 1536


def matmuls(model, shapes: set[tuple[int, ...]] | None) -> list[str]:
    """Names of the MatMul nodes whose weight has one of ``shapes`` (every MatMul with ``None``)."""
    dims = {i.name: tuple(i.dims) for i in model.graph.initializer}
    return [n.name for n in model.graph.node if n.op_type == "MatMul" and (shapes is None or any(dims.get(x) in shapes for x in n.input))]


def labels(model, frame, X) -> dict:
    from framing.schema import TARGETS

    return {t: model.predict_proba(frame, t, X=X).argmax(1) for t in TARGETS}


def timed(enc, texts) -> float:
    t = time.perf_counter()
    enc.encode_uncached(texts)
    return time.perf_counter() - t


def main() -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from framing.engine_check import probe_texts
    from framing.onnx_engine import OnnxEncoder, _session_for, verified_model_file
    from framing.stance import load_model
    from framing.stance.features import as_frame

    src = verified_model_file()
    graph = onnx.load(str(src))
    variants = {"every_matmul": matmuls(graph, None), "feed_forward": matmuls(graph, {(HIDDEN, FFN), (FFN, HIDDEN)}),
                "feed_forward_up": matmuls(graph, {(HIDDEN, FFN)})}
    probe, bench = probe_texts(), bench_scoring.synthetic_sentences(2070, seed=1)
    model, frame = load_model(), as_frame(probe)
    fp32 = OnnxEncoder(_session_for(src))
    A = fp32.encode_uncached(probe)
    ref = labels(model, frame, A)
    out = {"probe_sentences": len(probe), "fp32_seconds_2070": timed(fp32, bench), "variants": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for name, nodes in variants.items():
            dst = Path(tmp) / f"{name}.onnx"
            quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True, nodes_to_quantize=nodes)
            enc = OnnxEncoder(_session_for(dst))
            B = enc.encode_uncached(probe)
            got = labels(model, frame, B)
            out["variants"][name] = {"matmuls": len(nodes), "min_cosine": float(np.min(np.sum(A * B, axis=1))),
                                     "label_agreement": {t: float((ref[t] == got[t]).mean()) for t in ref},
                                     "seconds_2070": timed(enc, bench)}
            print(name, json.dumps(out["variants"][name]), flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "int8_agreement.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
