"""Would int8 keep the labels? Dynamic int8 quantisation of the ONNX encoder, scored against fp32 on the probe.

Three variants with ONNX Runtime's ``quantize_dynamic`` (int8 weights, per output channel;
one int8 scale for each activation matrix): every matrix product; the 12 feed-forward ones;
the 6 feed-forward up-projections only. Three with ``MatMulNBitsQuantizer`` on every
weight matrix (the 36 projections; attention's two activation products stay float32):
8-bit weights in blocks of 32 or 128 along the inner dimension, each with its own scale,
and int8 arithmetic on activations quantised per row and block (``accuracy_level=4``, the
VNNI kernels); and the same 8-bit weights with float32 arithmetic (``accuracy_level=0``),
which isolates the weights' share of the error. For each: the share of stance labels (both targets) equal to the fp32 engine's on the
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


#: MatMulNBits variants: name -> (block size, accuracy level).
NBITS = {"nbits8_block32_int8": (32, 4), "nbits8_block128_int8": (128, 4), "nbits8_block32_fp32": (32, 0)}


def quantize(src: Path, dst: Path, name: str, nodes: list[str] | None) -> None:
    """Write ``src`` quantised as variant ``name`` to ``dst``."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from onnxruntime.quantization.matmul_nbits_quantizer import DefaultWeightOnlyQuantConfig, MatMulNBitsQuantizer

    if name not in NBITS:
        quantize_dynamic(str(src), str(dst), weight_type=QuantType.QInt8, per_channel=True, nodes_to_quantize=nodes)
        return
    block, level = NBITS[name]
    config = DefaultWeightOnlyQuantConfig(block_size=block, is_symmetric=True, accuracy_level=level, bits=8)
    q = MatMulNBitsQuantizer(onnx.load(str(src)), bits=8, block_size=block, is_symmetric=True, accuracy_level=level, algo_config=config)
    q.process()
    q.model.save_model_to_file(str(dst), use_external_data_format=False)


def quantised_products(path: Path) -> int:
    """How many matrix products of the model at ``path`` run quantised."""
    import onnx

    return sum(n.op_type in ("MatMulInteger", "DynamicQuantizeMatMul", "MatMulNBits") for n in onnx.load(str(path)).graph.node)


def main() -> None:
    import logging

    import onnx

    logging.getLogger("onnxruntime.quantization").setLevel(logging.WARNING)

    from framing.engine_check import probe_texts
    from framing.onnx_engine import OnnxEncoder, _session_for, verified_model_file
    from framing.stance import load_model
    from framing.stance.features import as_frame

    src = verified_model_file()
    graph = onnx.load(str(src))
    variants = {"every_matmul": matmuls(graph, None), "feed_forward": matmuls(graph, {(HIDDEN, FFN), (FFN, HIDDEN)}),
                "feed_forward_up": matmuls(graph, {(HIDDEN, FFN)}),
                **{name: None for name in NBITS}}
    probe, bench = probe_texts(), bench_scoring.synthetic_sentences(2070, seed=1)
    model, frame = load_model(), as_frame(probe)
    fp32 = OnnxEncoder(_session_for(src))
    A = fp32.encode_uncached(probe)
    ref = labels(model, frame, A)
    out = {"probe_sentences": len(probe), "fp32_seconds_2070": timed(fp32, bench), "variants": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for name, nodes in variants.items():
            dst = Path(tmp) / f"{name}.onnx"
            quantize(src, dst, name, nodes)
            enc = OnnxEncoder(_session_for(dst))
            B = enc.encode_uncached(probe)
            got = labels(model, frame, B)
            out["variants"][name] = {"matmuls": quantised_products(dst), "min_cosine": float(np.min(np.sum(A * B, axis=1))),
                                     "label_agreement": {t: float((ref[t] == got[t]).mean()) for t in ref},
                                     "seconds_2070": timed(enc, bench)}
            print(name, json.dumps(out["variants"][name]), flush=True)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "int8_agreement.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
