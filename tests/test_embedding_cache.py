"""framing.embedding_cache: a store that degrades to no cache, one warning, on every fault."""

import logging
import sqlite3

import numpy as np
import pytest

from framing.embedding_cache import EmbeddingCache


@pytest.fixture
def cache(tmp_path):
    c = EmbeddingCache(tmp_path / "emb.sqlite", model="m")
    yield c
    c.close()


def _vec(c, x):
    return np.full(c.dim, x, dtype=np.float32)


class _Broken:
    """A connection whose every statement fails with an operational (not malformed) error."""

    def __init__(self, message):
        self.message = message

    def execute(self, *a):
        raise sqlite3.OperationalError(self.message)

    executemany = execute

    def rollback(self):
        pass

    def close(self):
        pass


def test_round_trip_by_model(cache, tmp_path):
    cache.put_many([("a", _vec(cache, 1)), ("b", _vec(cache, 2))])
    got = cache.get_many(["a", "b", "c"])
    assert set(got) == {"a", "b"} and np.allclose(got["b"], 2) and len(cache) == 2
    other = EmbeddingCache(tmp_path / "emb.sqlite", model="other")
    assert other.get_many(["a"]) == {} and len(other) == 0
    other.close()


def test_a_wrong_sized_row_is_a_miss(cache):
    cache._con.execute("INSERT INTO emb VALUES (?, ?, ?)", ["m", "short", b"1234"])
    cache._con.execute("INSERT INTO emb VALUES (?, ?, ?)", ["m", "text", "not bytes"])
    assert cache.get_many(["short", "text"]) == {}


def test_a_folder_in_place_of_the_file_disables_the_cache(tmp_path, caplog):
    (tmp_path / "emb.sqlite").mkdir()
    with caplog.at_level(logging.WARNING):
        c = EmbeddingCache(tmp_path / "emb.sqlite", model="m")
    assert not c.readable and not c.writable and c.get_many(["a"]) == {} and len(c) == 0
    c.put_many([("a", _vec(c, 1))])  # a no-op, no error
    assert "cannot be opened" in caplog.text


def test_a_write_fault_stops_writes_but_not_reads(cache, caplog):
    cache.put_many([("a", _vec(cache, 1))])
    real = cache._con
    cache._con = _Broken("database or disk is full")
    with caplog.at_level(logging.WARNING):
        cache.put_many([("b", _vec(cache, 2))])
        cache.put_many([("c", _vec(cache, 3))])
    assert not cache.writable and cache.readable and caplog.text.count("cannot be written") == 1
    cache._con = real
    assert set(cache.get_many(["a", "b", "c"])) == {"a"}


def test_a_read_fault_disables_the_cache(cache, caplog):
    cache._con = _Broken("disk I/O error")
    with caplog.at_level(logging.WARNING):
        assert cache.get_many(["a"]) == {}
    assert not cache.readable and cache._con is None and "cannot be read" in caplog.text


def test_a_broken_connection_is_rebuilt_and_the_read_retried(cache, caplog):
    cache.put_many([("a", _vec(cache, 1))])
    cache._con.close()  # ProgrammingError: a DatabaseError that is not operational, handled as malformed
    with caplog.at_level(logging.WARNING):
        assert cache.get_many(["a"]) == {}
    assert "rebuilding it empty" in caplog.text and cache.readable and len(cache) == 0
    cache.put_many([("b", _vec(cache, 2))])
    assert set(cache.get_many(["b"])) == {"b"}


def test_len_of_a_failing_connection_is_zero(cache):
    cache._con = _Broken("locked")
    assert len(cache) == 0
    cache._con = None


def test_threads_can_share_one_cache(cache):
    """The threads of a Dask worker share the process's cache: reads and writes from several threads at once."""
    from concurrent.futures import ThreadPoolExecutor

    def work(i):
        cache.put_many([(f"k{i}-{j}", _vec(cache, i + j / 100)) for j in range(20)])
        return cache.get_many([f"k{i}-{j}" for j in range(20)])

    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(work, range(16)))
    assert all(len(g) == 20 for g in got)
    assert len(cache) == 16 * 20
    assert cache.get_many(["k3-5"])["k3-5"][0] == pytest.approx(3.05)
