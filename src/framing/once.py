"""``process_wide``: a function's result computed once per process and argument list, even when threads race.

The encoder, the embedding cache and the language detector are each loaded once and shared
by the threads of a Dask worker; ``functools.lru_cache`` alone would let two threads that
arrive together both load (and keep) one.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def process_wide(fn: Callable[..., T]) -> Callable[..., T]:
    """Decorator: ``lru_cache`` under a lock; ``.cache_clear()`` forgets the results (tests).

    >>> calls = []
    >>> @process_wide
    ... def load(name):
    ...     calls.append(name)
    ...     return name.upper()
    >>> load("a"), load("a"), calls
    ('A', 'A', ['a'])
    """
    cached = functools.lru_cache(maxsize=8)(fn)
    lock = threading.RLock()

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with lock:
            return cached(*args, **kwargs)

    wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
    return wrapper
