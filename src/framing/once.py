"""Memoising decorators.

``process_wide``: a function's result computed once per process and argument list, even when
threads race. The encoder, the embedding cache and the language detector are each loaded once
and shared by the threads of a Dask worker; ``functools.lru_cache`` alone would let two threads
that arrive together both load (and keep) one.

``by_identity``: a one-argument function's result memoised by the argument's identity, for
large immutable arguments (the voice gazetteer) that would be costly to hash on every call.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
A = TypeVar("A")


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


def by_identity(fn: Callable[[A], T], size: int = 8) -> Callable[[A], T]:
    """Decorator: memoise ``fn(x)`` by ``id(x)``, checked with ``is`` (the memo holds ``x``, so its id is not reused).

    >>> calls = []
    >>> @by_identity
    ... def size(xs):
    ...     calls.append(xs)
    ...     return len(xs)
    >>> a = (1, 2)
    >>> size(a), size(a), size((1, 2, 3)), len(calls)
    (2, 2, 3, 2)
    """
    memo: dict[int, tuple[A, T]] = {}

    @functools.wraps(fn)
    def wrapper(x: A) -> T:
        hit = memo.get(id(x))
        if hit is None or hit[0] is not x:
            if len(memo) >= size:
                memo.clear()
            hit = memo[id(x)] = (x, fn(x))
        return hit[1]

    return wrapper
