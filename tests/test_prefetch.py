"""Encoding while the corpus is built (framing.prefetch) and batches side by side (OnnxEncoder.run_batches)."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from framing.prefetch import build_while_encoding, can_prefetch


def _article(name: str, n: int):
    return SimpleNamespace(sentences=pd.DataFrame({"text": [f"{name} sentence {i}." for i in range(n)]}))


def _fake_build(sizes, fail_after=None):
    def build(on_article):
        for k, n in enumerate(sizes):
            if fail_after is not None and k == fail_after:
                raise ValueError("pipeline broke")
            on_article(_article(f"a{k}", n))
        return "corpus"

    return build


def test_groups_are_whole_articles_in_order_and_fixed_by_the_input():
    sizes = [3, 5, 2, 7, 1, 4, 6]
    runs = []
    for _ in range(3):
        groups: list[list[str]] = []
        assert build_while_encoding(_fake_build(sizes), chunk=8, encode=groups.append) == "corpus"
        runs.append(groups)
    assert runs[0] == runs[1] == runs[2]  # never depends on timing
    groups = runs[0]
    flat = [t for g in groups for t in g]
    assert flat == [f"a{k} sentence {i}." for k, n in enumerate(sizes) for i in range(n)]
    assert [len(g) for g in groups] == [3, 14, 11]  # first group >= 8 // 4, then >= 8 each (the last: the rest)
    assert all(g[0].endswith("sentence 0.") for g in groups)  # articles are never split


def test_encoding_runs_in_the_calling_thread_and_building_in_another():
    where = {}

    def build(on_article):
        where["build"] = threading.current_thread()
        on_article(_article("a", 2))
        return "ok"

    def encode(texts):
        where["encode"] = threading.current_thread()

    build_while_encoding(build, chunk=1, encode=encode)
    assert where["encode"] is threading.current_thread() is not where["build"]


def test_a_pipeline_error_reaches_the_caller():
    with pytest.raises(ValueError, match="pipeline broke"):
        build_while_encoding(_fake_build([2, 2, 2], fail_after=2), chunk=1, encode=lambda texts: None)


def test_an_encoding_error_stops_the_pipeline_and_reaches_the_caller():
    built = []

    def build(on_article):
        for k in range(1000):
            on_article(_article(f"a{k}", 1))
            built.append(k)
        return "never"

    def encode(texts):
        raise RuntimeError("encoder broke")

    with pytest.raises(RuntimeError, match="encoder broke"):
        build_while_encoding(build, chunk=1, encode=encode)
    assert len(built) < 1000


def test_nothing_is_prefetched_where_it_cannot_help_or_be_handed_over(monkeypatch, tmp_path):
    from framing import config, embedding_cache

    monkeypatch.setattr(config, "CACHE", tmp_path)
    clear = embedding_cache.get_cache.cache_clear
    clear()
    try:
        monkeypatch.setenv("FRAMING_THREADS", "2")
        assert can_prefetch("onnx")
        assert not can_prefetch("torch")
        monkeypatch.setenv("FRAMING_PREFETCH", "0")  # asked not to
        assert not can_prefetch("onnx")
        monkeypatch.delenv("FRAMING_PREFETCH")
        monkeypatch.setenv("FRAMING_THREADS", "1")  # a Dask worker's single thread
        assert not can_prefetch("onnx")
        monkeypatch.setenv("FRAMING_THREADS", "2")
        monkeypatch.setattr(embedding_cache, "get_cache", lambda **k: SimpleNamespace(writable=False))
        assert not can_prefetch("onnx")
    finally:
        clear()


def test_score_paths_gives_the_same_scores_with_and_without_prefetch(monkeypatch, corpus_dir):
    from framing import score as score_mod

    calls = []
    real = score_mod.build_while_encoding

    def spy(*a, **k):
        calls.append(1)
        return real(*a, **k)

    monkeypatch.setattr(score_mod, "build_while_encoding", spy)
    monkeypatch.setattr(score_mod, "can_prefetch", lambda: True)
    streamed = score_mod.score_paths([corpus_dir])
    monkeypatch.setattr(score_mod, "can_prefetch", lambda: False)
    serial = score_mod.score_paths([corpus_dir])
    assert calls == [1]
    assert [s.path.name for s in streamed.skipped] == [s.path.name for s in serial.skipped]
    pd.testing.assert_frame_equal(streamed.table, serial.table, check_dtype=False, atol=1e-6)


def _onnx_encoder(threads: int):
    from framing.onnx_engine import OnnxEncoder, _session_for, verified_model_file

    return OnnxEncoder(_session_for(verified_model_file()), threads=threads)


@pytest.mark.parametrize("threads", [2, 3])
def test_batches_side_by_side_give_the_same_digits_in_the_same_order(threads):
    texts = [("The summit " + "and the treaty " * (k % 9) + f"ended on day {k}.") for k in range(300)]
    serial = _onnx_encoder(1)
    parallel = _onnx_encoder(threads)
    seen: list[np.ndarray] = []
    a = serial.encode_uncached(texts, token_budget=512)
    b = parallel.encode_uncached(texts, token_budget=512, on_batch=lambda idx, emb: seen.append(idx))
    assert np.array_equal(a, b)  # each batch is computed by one thread either way
    ids = serial.token_ids(texts)
    from framing.encoder_base import token_batches

    expected = token_batches([len(x) for x in ids], 512)
    assert len(seen) == len(expected) > threads
    assert all(np.array_equal(s, e) for s, e in zip(seen, expected))  # committed in order: a prefix on a kill
    assert parallel.last_padding == serial.last_padding


def test_batches_run_on_several_threads_at_once(monkeypatch):
    enc = _onnx_encoder(2)
    running, peak, calls, lock = [0], [0], [0], threading.Lock()
    barrier = threading.Barrier(2, timeout=10)
    real = enc.forward

    def forward(ids, mask):
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            calls[0] += 1
            first_two = calls[0] <= 2
        try:
            if first_two:
                barrier.wait()  # times out if batches run one at a time
            return real(ids, mask)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(enc, "forward", forward)
    enc.encode_uncached([f"Sentence number {k} about the summit." for k in range(40)], token_budget=128)
    assert peak[0] == 2 and calls[0] > 2
