"""``framing.once.process_wide``: one load per process and arguments, however many threads ask at once."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from framing.once import process_wide


def test_threads_arriving_together_load_once():
    calls = []
    gate = threading.Barrier(4)

    @process_wide
    def load(name):
        calls.append(name)
        time.sleep(0.05)  # a slow load: without the lock, every waiting thread would start its own
        return object()

    def ask(_):
        gate.wait()
        return load("model")

    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(ask, range(4)))
    assert calls == ["model"] and all(g is got[0] for g in got)
    assert load("other") is not got[0] and calls == ["model", "other"]
    load.cache_clear()
    load("model")
    assert calls == ["model", "other", "model"]
