"""Do the encoder engines agree? Stance labels and embeddings of ONNX Runtime vs the torch reference on a fixed probe.

The probe is built from the project's own sentences: the development set's labelled
sentences (``data/dev/labels_*.tsv``), the processed seed corpus and the written v2
sentences (``data/annotations/written_v2.csv``), deduplicated and ordered by the SHA-256
of their text (so the choice does not depend on file order), first :data:`PROBE_N`.
``tests/test_onnx_engine.py`` requires the labels of both targets to agree on at least
:data:`MIN_LABEL_AGREEMENT` of it; ``benchmarks/bench_scoring.py`` reports the figures.
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd

from framing import config
from framing.schema import LABELS, TARGETS

PROBE_N = 2000
MIN_LABEL_AGREEMENT = 0.995


def probe_texts(n: int = PROBE_N) -> list[str]:
    """The fixed agreement probe: ``n`` distinct sentences of the dev set, the seed corpus and the written v2 set."""
    texts: list[str] = []
    for f in sorted(config.DEV.glob(config.DEV_LABELS_GLOB)):
        texts += pd.read_csv(f, sep="\t", keep_default_na=False).sentence.tolist()
    if config.SENTENCES_PARQUET.exists():
        texts += pd.read_parquet(config.SENTENCES_PARQUET, columns=["text"]).text.tolist()
    written = config.WRITTEN_V2_CSV
    if written.exists():
        texts += pd.read_csv(written, keep_default_na=False).text.tolist()
    distinct = [t for t in dict.fromkeys(texts) if t.strip()]
    return sorted(distinct, key=lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest())[:n]


def compare_engines(texts: list[str], model=None, engines: tuple[str, str] = ("torch", "onnx")) -> dict:
    """Embeddings (cosine) and stance labels (share identical, per target) of two engines on ``texts``, uncached."""
    from framing.encoder import get_encoder
    from framing.stance import load_model
    from framing.stance.features import as_frame

    model = model or load_model()
    ref, other = (get_encoder(e) for e in engines)
    if (ref.engine, other.engine) != tuple(engines):
        raise RuntimeError(f"engines {engines} requested, {ref.engine} and {other.engine} loaded")
    A, B = ref.encode_uncached(texts), other.encode_uncached(texts)
    cos = np.sum(A * B, axis=1) / (np.linalg.norm(A, axis=1) * np.linalg.norm(B, axis=1))
    frame = as_frame(texts)
    out = {"sentences": len(texts), "engines": list(engines), "min_cosine": float(cos.min()), "mean_cosine": float(cos.mean()),
           "max_abs_embedding_diff": float(np.abs(A - B).max())}
    for t in TARGETS:
        pa, pb = model.predict_proba(frame, t, X=A), model.predict_proba(frame, t, X=B)
        la, lb = np.array(LABELS)[pa.argmax(1)], np.array(LABELS)[pb.argmax(1)]
        out[t] = {"label_agreement": float((la == lb).mean()), "labels_differing": int((la != lb).sum()),
                  "max_abs_probability_diff": float(np.abs(pa - pb).max())}
    return out
