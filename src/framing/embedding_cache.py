"""The on-disk embedding cache: a SQLite table keyed by (model id, SHA-256 of the text).

The cache is an optimisation, never a reason for a run to fail:

* a cache that cannot be opened or read (missing folder that cannot be made, no
  permission) gives one warning and the run goes on without it;
* a cache that cannot be written (read-only file or folder, full disk) gives one
  warning; what is stored is still read, nothing more is written;
* a malformed file (truncated, not a database) is rebuilt empty, with one warning.

Embeddings are committed batch by batch (:meth:`framing.torch_engine.Encoder.encode`), so a
run that is killed keeps everything it encoded before its last batch.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from framing import config
from framing.encoder_base import DIM, model_id
from framing.once import process_wide

log = logging.getLogger("framing")

#: SQLite's limit on bound parameters per statement is 999 in old builds: look keys up in chunks.
LOOKUP_CHUNK = 900
CREATE = "CREATE TABLE IF NOT EXISTS emb (model TEXT, key TEXT, vec BLOB, PRIMARY KEY (model, key))"


def _malformed(err: BaseException) -> bool:
    """A SQLite error that means the file itself is broken (rebuild it), not that it is busy, read-only or full."""
    return isinstance(err, sqlite3.DatabaseError) and not isinstance(err, sqlite3.OperationalError)


class EmbeddingCache:
    """A SQLite table of embeddings keyed by (model id, SHA-256 of the text), degrading to no cache on any fault.

    Thread-safe: one connection, used under a lock (the threads of a Dask worker share it).
    """

    def __init__(self, path: Path | None = None, model: str | None = None):
        self.dim = DIM
        self.path = Path(path or (config.CACHE / config.EMBEDDINGS_SQLITE_NAME))
        self.model = model or model_id()
        self.readable = self.writable = True
        self._warned = False
        self._con: sqlite3.Connection | None = None
        self._lock = threading.RLock()
        self._open()

    def _warn(self, what: str, err: BaseException) -> None:
        if not self._warned:
            log.warning("framing: warning: embedding cache %s: %s (%s); going on without it", self.path, what, err)
        self._warned = True

    def _open(self, rebuilt: bool = False) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # several Dask workers may share the file; the lock serialises this process's threads
            self._con = sqlite3.connect(self.path, timeout=60, check_same_thread=False)
            self._con.execute("SELECT name FROM sqlite_master LIMIT 1").fetchall()
            try:
                self._con.execute(CREATE)
                self._con.commit()
            except sqlite3.OperationalError as e:  # read-only or full: reads may still work
                if "no such table" in str(e) or not self._has_table():
                    raise
                self.writable = False
                self._warn("cannot be written", e)
        except (sqlite3.Error, OSError) as e:
            if _malformed(e) and not rebuilt:
                self._rebuild(e)
                return
            self._disable("cannot be opened", e)

    def _has_table(self) -> bool:
        row = self._con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'emb'").fetchone()
        return row is not None

    def _close(self) -> None:
        if self._con is not None:
            try:
                self._con.close()
            except sqlite3.Error:
                pass
        self._con = None

    def _disable(self, what: str, err: BaseException) -> None:
        self._warn(what, err)
        self.readable = self.writable = False
        self._close()

    def _rebuild(self, err: BaseException) -> None:
        """Replace a malformed file by an empty cache (one warning)."""
        log.warning("framing: warning: embedding cache %s is malformed (%s); rebuilding it empty", self.path, err)
        self._close()
        try:
            for suffix in ("", "-journal", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        except OSError as e:
            self._disable("is malformed and cannot be removed", e)
            return
        self._open(rebuilt=True)

    def _fault(self, err: BaseException, what: str, retry) -> object:
        """Handle a fault during use: rebuild when malformed (and retry once), else stop using the cache for that."""
        if _malformed(err):
            self._rebuild(err)
            return retry() if self._con is not None else None
        if what == "write":
            self.writable = False
            self._warn("cannot be written", err)
        else:
            self._disable("cannot be read", err)
        return None

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored embeddings among ``keys`` (an empty dict when the cache is unusable)."""
        with self._lock:
            if not self.readable or self._con is None:
                return {}
            try:
                return self._get_many(keys)
            except (sqlite3.Error, OSError) as e:
                return self._fault(e, "read", lambda: self._get_many(keys)) or {}

    def _get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        for i in range(0, len(keys), LOOKUP_CHUNK):
            chunk = list(keys[i : i + LOOKUP_CHUNK])
            q = f"SELECT key, vec FROM emb WHERE model = ? AND key IN ({','.join('?' * len(chunk))})"
            for k, v in self._con.execute(q, [self.model, *chunk]):
                if isinstance(v, bytes) and len(v) == 4 * self.dim:  # a wrong-typed or wrong-sized row is a miss
                    out[k] = np.frombuffer(v, dtype=np.float32)
        return out

    def put_many(self, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Store embeddings and commit (one transaction per call); a fault stops further writes with one warning."""
        rows = [(self.model, k, np.asarray(v, np.float32).tobytes()) for k, v in items]
        with self._lock:
            if not self.writable or self._con is None or not rows:
                return
            try:
                self._put(rows)
            except (sqlite3.Error, OSError) as e:
                try:
                    self._con.rollback()
                except (sqlite3.Error, AttributeError):
                    pass
                self._fault(e, "write", lambda: self._put(rows))

    def _put(self, rows: list[tuple]) -> None:
        self._con.executemany("INSERT OR REPLACE INTO emb (model, key, vec) VALUES (?, ?, ?)", rows)
        self._con.commit()

    def __len__(self) -> int:
        with self._lock:
            if self._con is None:
                return 0
            try:
                return self._con.execute("SELECT COUNT(*) FROM emb WHERE model = ?", [self.model]).fetchone()[0]
            except sqlite3.Error:
                return 0

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


@process_wide
def get_cache(path: str | None = None, model: str | None = None) -> EmbeddingCache:
    """The process-wide embedding cache (of ``model``'s embeddings; default: the torch reference's); thread-safe."""
    return EmbeddingCache(Path(path) if path else None, model)
