"""The torch fp32 engine: the packaged MiniLM encoder on torch, the reference and the fallback.

torch and transformers are imported only when an :class:`Encoder` is made.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from framing.embedding_cache import EmbeddingCache, get_cache
from framing.encoder_base import DIM, MAX_BATCH, MAX_LENGTH, TOKEN_BUDGET, cache_model_id, cached_embed, default_threads, model_path, pad_batch, token_batches


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
        done = self.run_batches(ids, batches)
        if progress:
            from tqdm.auto import tqdm

            done = tqdm(done, total=len(batches), desc="encoding", unit="batch")
        for idx, emb, mask in done:
            out[idx] = emb
            if on_batch is not None:
                on_batch(idx, emb)
            stats["real_tokens"] += int(mask.sum())
            stats["executed_tokens"] += int(mask.size)
        self.last_padding = stats  # this call's counts, also when several threads share the encoder
        return out

    def run_batches(self, ids: list[list[int]], batches: list[np.ndarray]) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """``(indices, embeddings, attention mask)`` of each batch, in order (one at a time; torch uses its own threads)."""
        for idx in batches:
            yield self.run_batch(ids, idx)

    def run_batch(self, ids: list[list[int]], idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(idx, embeddings, attention mask)`` of the texts ``idx``, padded into one batch."""
        input_ids, mask = pad_batch([ids[i] for i in idx])
        return idx, self.forward(input_ids, mask), mask

    def encode(self, texts: Sequence[str], cache: EmbeddingCache | None | bool = True, batch_size: int = MAX_BATCH,
               progress: bool = False) -> np.ndarray:
        """Embed ``texts``, reading and filling the on-disk cache (``cache=False`` to bypass it)."""
        texts = list(texts)
        if cache is False or cache is None:
            return self.encode_uncached(texts, batch_size, progress)
        store = cache if isinstance(cache, EmbeddingCache) else get_cache(model=self.id)
        return cached_embed(texts, store, lambda missing, on_batch: self.encode_uncached(missing, batch_size, progress, on_batch=on_batch))
