"""Encode sentences while the article pipeline is still running.

Reading, cleaning, segmenting and attributing an article is Python (one core, holding the
GIL); encoding its sentences is ONNX Runtime (which releases the GIL). Run one after the
other, the encoder waits for the whole corpus and the pipeline's core idles while it
encodes. :func:`build_while_encoding` runs the pipeline in a thread and, in the calling
thread, embeds each finished group of articles (at least ``chunk`` sentences, whole
articles, in file order; the first group a quarter of that, so that encoding starts
early) into the embedding cache. The stance model then reads every embedding from the
cache. Measured on 2 cores (medians of 3 interleaved rounds, ``benchmarks/README.md``)
it cuts ``framing score`` on 2,070 sentences from 19.5 s to 17.5 s; on 312 sentences
(one or two groups) it was slower, 5.8 s against 5.3 s.

The groups depend only on the articles and ``chunk``, never on timing, so a run encodes
the same batches every time. Nothing is prefetched when the cache cannot be written (the
work would be done twice); the corpus is then built first, as before.

Example:
    >>> from framing.corpus import build_corpus
    >>> corpus = build_while_encoding(lambda on_article: build_corpus(on_article=on_article))  # doctest: +SKIP
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from typing import TypeVar

from framing.article_result import ArticleResult

#: Sentences gathered (whole articles) before they are encoded.
PREFETCH_CHUNK = 512
#: Set to 0 to build the whole corpus first, then encode (the benchmark's serial arm).
PREFETCH_ENV = "FRAMING_PREFETCH"

T = TypeVar("T")
Build = Callable[[Callable[[ArticleResult], None]], T]


class _Stop(Exception):
    """Raised inside the pipeline thread when the encoding side failed: stop building."""


def can_prefetch(engine: str | None = None) -> bool:
    """True when there is something to overlap and a way to hand embeddings over.

    That is: the engine is ONNX (torch's own threads would fight the pipeline's), the
    process may use more than one core (not so in a Dask worker, which has one), and the
    embedding cache can be written; and ``FRAMING_PREFETCH`` is not ``0``.
    """
    from framing.embedding_cache import get_cache
    from framing.encoder_base import cache_model_id, default_threads, encoder_engine

    if os.environ.get(PREFETCH_ENV, "").strip() == "0":
        return False
    name = encoder_engine(engine)
    return name == "onnx" and default_threads() > 1 and get_cache(model=cache_model_id(name)).writable


def build_while_encoding(build: Build[T], chunk: int = PREFETCH_CHUNK, progress: bool = False,
                         encode: Callable[[list[str]], object] | None = None) -> T:
    """Run ``build(on_article)`` in a thread and ``encode`` each finished group of sentences meanwhile.

    Args:
        build: builds the corpus, calling ``on_article(result)`` for each kept article
            (:func:`framing.corpus.build_corpus` with ``on_article``).
        chunk: encode once at least this many sentences (whole articles) are waiting.
        progress: show a bar of the sentences embedded so far (read from the cache or encoded).
        encode: what to do with each group of texts (default: :func:`framing.encoder.embed`,
            which stores them in the embedding cache).

    Returns:
        What ``build`` returned. An exception raised in ``build`` is raised here.
    """
    if encode is None:
        from framing.encoder import embed as encode
    todo: queue.Queue[list[str] | None] = queue.Queue()
    stop = threading.Event()
    box: dict = {}

    def on_article(result: ArticleResult) -> None:
        if stop.is_set():
            raise _Stop
        todo.put(result.sentences["text"].tolist())

    def run() -> None:
        try:
            box["result"] = build(on_article)
        except BaseException as e:  # noqa: BLE001 (handed to the calling thread)
            box["error"] = e
        finally:
            todo.put(None)

    worker = threading.Thread(target=run, name="framing-pipeline", daemon=True)
    worker.start()
    try:
        _encode_groups(todo, chunk, encode, progress)
    finally:
        stop.set()
    worker.join()
    if "error" in box:
        raise box["error"]
    return box["result"]


def _encode_groups(todo: queue.Queue, chunk: int, encode: Callable[[list[str]], object], progress: bool) -> None:
    """Take texts from ``todo`` until ``None``; encode them ``chunk`` or more at a time."""
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(desc="sentences embedded (cache or encoder)", unit=" sentences", position=1)
    pending: list[str] = []
    need = max(1, chunk // 4)  # a small first group: the encoder starts early
    while True:
        item = todo.get()
        if item is not None:
            pending.extend(item)
        if pending and (item is None or len(pending) >= need):
            encode(pending)
            if bar is not None:
                bar.update(len(pending))
            pending, need = [], chunk
        if item is None:
            break
    if bar is not None:
        bar.close()
