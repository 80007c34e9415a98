"""The encoder on ONNX Runtime: the packaged MiniLM exported once with ``torch.onnx``, then run without torch.

The graph (BERT forward, mean pooling over the attention mask, L2 normalisation) is
exported from the packaged weights with torch's maintained exporter (``torch.onnx.export``,
``dynamo=True``) the first time it is needed, and kept under ``config.CACHE / "onnx"``.
The file name holds the model id and the versions of torch, onnxscript and onnxruntime
and of this export recipe, so a change of any of them exports again. Beside it a JSON
record holds the SHA-256 of the exported file and how closely it reproduced the torch
embeddings on the probe sentences at export time; a file whose hash does not match is
not loaded but exported again. An ONNX file is data (a graph of standard operators),
never executed as code.

The export is accepted only if its embeddings agree with torch's (cosine at least
:data:`MIN_COSINE` on every probe sentence); otherwise :class:`OnnxUnavailable` is raised
and :func:`framing.encoder.get_encoder` falls back to torch. The test suite compares the
stance labels of both engines on a fixed 2,000-sentence probe (``tests/test_onnx_engine.py``).

Tokenisation uses the model's ``tokenizer.json`` with the ``tokenizers`` library directly
(the same fast tokenizer transformers wraps), so a process that only encodes with ONNX
Runtime never imports torch or transformers.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import numpy as np

from framing import config
from framing.encoder_base import MAX_LENGTH, cache_model_id, default_threads, model_id, model_path, pad_batch, warn_once
from framing.torch_engine import Encoder

#: Bump when the exported graph changes (inputs, pooling, exporter options).
RECIPE = 1
OPSET = 18
#: Export-time check against torch: the smallest cosine accepted on any probe sentence.
MIN_COSINE = 0.99999
INPUTS = ("input_ids", "attention_mask")
OUTPUT = "pooled"  # not "embedding": a node of the exported graph already has that name
#: Sentences the export is checked on when the model's probe file is not there.
FALLBACK_PROBE = ["Putin met Kim Jong Un at the Vostochny cosmodrome on Wednesday.",
                  "Critics in Seoul called the pact a threat to regional peace.",
                  "The two sides signed a comprehensive strategic partnership treaty, the Kremlin said."]


class OnnxUnavailable(RuntimeError):
    """The ONNX Runtime engine cannot be used here (missing package, failed export or check)."""


def _version(pkg: str) -> str:
    try:
        return version(pkg)
    except PackageNotFoundError:
        return "none"


def export_key() -> str:
    """What the exported file depends on: model id, exporter and runtime versions, recipe."""
    parts = [model_id(), f"torch-{_version('torch')}", f"onnxscript-{_version('onnxscript')}",
             f"onnxruntime-{_version('onnxruntime')}", f"recipe-{RECIPE}", f"opset-{OPSET}"]
    return re.sub(r"[^A-Za-z0-9._+-]+", "_", "__".join(parts))


def record_path(cache_dir: Path | None = None) -> Path:
    """The JSON record of the current export (its file name, SHA-256 and export-time check)."""
    return Path(cache_dir or config.CACHE / config.ONNX_CACHE_NAME) / f"{export_key()}.json"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _probe_texts() -> list[str]:
    probe = config.MODEL_DIR / config.PROBE_CSV_NAME
    if probe.exists():
        import pandas as pd

        texts = pd.read_csv(probe, keep_default_na=False).text.tolist()
        if texts:
            return texts
    return FALLBACK_PROBE


def _pooled_module(bert):
    """The exported module: BERT, mean pooling over the mask, L2 normalisation (torch imported only here)."""
    import torch

    class Pooled(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.bert = inner

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids)).last_hidden_state
            m = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1)

    return Pooled(bert).eval()


@contextlib.contextmanager
def _quiet_exporter():
    """Silence the exporter's warnings, log lines and progress prints (they would land in notebook outputs,
    which must not depend on whether the export happened in this process)."""
    loggers = [logging.getLogger(n) for n in ("torch", "torch.onnx", "torch.export", "onnxscript")]
    levels = [lg.level for lg in loggers]
    try:
        for lg in loggers:
            lg.setLevel(logging.ERROR)
        with warnings.catch_warnings(), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            warnings.simplefilter("ignore")
            yield
    finally:
        for lg, lv in zip(loggers, levels):
            lg.setLevel(lv)


def export(cache_dir: Path | None = None) -> Path:
    """Export the packaged encoder to ONNX, check it against torch, and record its hash. Returns the record's path."""
    import torch

    rec = record_path(cache_dir)
    rec.parent.mkdir(parents=True, exist_ok=True)
    ref = Encoder()
    module = _pooled_module(ref.model)
    ids, mask = pad_batch(ref.token_ids(["A short example sentence.", "Another, slightly longer example sentence for the export."]))
    batch, seq = torch.export.Dim("batch"), torch.export.Dim("sequence")
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=rec.parent)
    os.close(fd)
    try:
        with _quiet_exporter():
            torch.onnx.export(module, (torch.from_numpy(ids), torch.from_numpy(mask)), tmp, input_names=list(INPUTS), output_names=[OUTPUT],
                              dynamic_shapes={"input_ids": {0: batch, 1: seq}, "attention_mask": {0: batch, 1: seq}},
                              opset_version=OPSET, dynamo=True, optimize=True, external_data=False, verbose=False)
        digest = sha256_file(Path(tmp))
        onnx_file = rec.parent / f"{export_key()}.{digest[:16]}.onnx"
        os.replace(tmp, onnx_file)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    texts = _probe_texts()
    cos = check_against(ref, OnnxEncoder(_session_for(onnx_file)), texts)
    if cos < MIN_COSINE:
        raise OnnxUnavailable(f"{onnx_file.name}: exported encoder disagrees with torch (min cosine {cos:.6f} < {MIN_COSINE})")
    meta = {"file": onnx_file.name, "sha256": digest, "model": model_id(), "key": export_key(),
            "exporter": f"torch.onnx (dynamo) torch {_version('torch')}, onnxscript {_version('onnxscript')}",
            "onnxruntime": _version("onnxruntime"), "opset": OPSET, "probe_sentences": len(texts), "min_cosine_vs_torch": cos}
    fd, tmp = tempfile.mkstemp(suffix=".json", dir=rec.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(meta, fh, indent=2)
    os.replace(tmp, rec)
    return rec


def check_against(reference: Encoder, other: Encoder, texts: Sequence[str]) -> float:
    """The smallest cosine between the two encoders' embeddings of ``texts``."""
    a, b = reference.encode_uncached(texts), other.encode_uncached(texts)
    return float(np.min(np.sum(a * b, axis=1) / (np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1))))


def _recorded_file(rec: Path) -> Path | None:
    """The ONNX file named by the record ``rec`` if it exists and its SHA-256 matches, else ``None``."""
    try:
        meta = json.loads(rec.read_text(encoding="utf-8"))
        f = rec.parent / Path(str(meta["file"])).name
        return f if f.exists() and sha256_file(f) == meta["sha256"] else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


def verified_model_file(cache_dir: Path | None = None) -> Path:
    """The exported ONNX file, exporting it first if needed; its SHA-256 must match the export record."""
    rec = record_path(cache_dir)
    found = _recorded_file(rec)
    if found:
        return found
    if rec.exists():
        warn_once(f"{rec.parent}: the exported ONNX encoder does not match its record (changed or incomplete); exporting it again")
    if sys.stderr.isatty():  # a terminal only: notebook outputs must not depend on whether the export ran
        print("framing: exporting the encoder to ONNX Runtime once (about half a minute; kept in the cache)", file=sys.stderr, flush=True)
    try:
        export(cache_dir)
    except OnnxUnavailable:
        raise
    except Exception as e:  # the exporter's own failures (missing onnxscript, unsupported operator, ...)
        raise OnnxUnavailable(f"exporting the encoder to ONNX failed ({type(e).__name__}: {str(e).splitlines()[0][:200] if str(e) else ''})") from e
    found = _recorded_file(rec)
    if found is None:
        raise OnnxUnavailable(f"{rec}: the exported ONNX encoder could not be verified")
    return found


def _session_for(path: Path, threads: int = 1):
    """An ONNX Runtime session on ``path`` computing with ``threads`` threads per call (see :class:`OnnxEncoder`)."""
    try:
        import onnxruntime as ort
    except ImportError as e:
        raise OnnxUnavailable("onnxruntime is not installed") from e
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.log_severity_level = 3
    # Idle threads sleep instead of spinning: about 30 % less CPU for the same wall time on a
    # busy 2-core machine, and no CPU burnt beside Dask's other workers.
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(path), sess_options=opts, providers=["CPUExecutionProvider"])


class OnnxEncoder(Encoder):
    """The packaged MiniLM on ONNX Runtime (fp32), with the same tokenisation, batching and pooling as :class:`Encoder`.

    Batches run side by side, one per thread, each on a single ONNX Runtime thread
    (``threads``, default :func:`~framing.encoder_base.default_threads`, read at each call).
    Measured on 2 cores, that is as fast as one batch at a time on two threads, gives the
    same digits (every batch is computed by one thread either way), and leaves no thread
    waiting for another inside an operator when a third thread (the article pipeline in
    :func:`framing.score.score_paths`) shares the cores.
    """

    engine = "onnx"

    def __init__(self, session=None, threads: int | None = None):  # noqa: D107 (no torch here, unlike Encoder)
        from tokenizers import Tokenizer

        self.threads = threads
        self.session = session or _session_for(verified_model_file())
        tok = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
        tok.no_padding()
        tok.enable_truncation(MAX_LENGTH)
        self.tokenizer = tok
        self.id = cache_model_id(self.engine)
        self.last_padding = {"real_tokens": 0, "executed_tokens": 0}

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text (special tokens added, truncated to ``MAX_LENGTH``, no padding)."""
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def run_batches(self, ids: list[list[int]], batches: list[np.ndarray]) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """``(indices, embeddings, attention mask)`` of each batch, in order; up to ``threads`` batches at once."""
        workers = min(self.threads or default_threads(), len(batches))
        if workers <= 1:
            yield from super().run_batches(ids, batches)
            return
        pool = ThreadPoolExecutor(workers, thread_name_prefix="framing-onnx")
        try:
            yield from pool.map(partial(self.run_batch, ids), batches)  # in order: the cache's committed batches stay a prefix
        finally:
            pool.shutdown(wait=True, cancel_futures=True)

    def forward(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """Pooled, L2-normalised embeddings of one padded batch."""
        return self.session.run([OUTPUT], {"input_ids": input_ids, "attention_mask": attention_mask})[0]
