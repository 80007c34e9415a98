"""Scoring on Dask's distributed scheduler: ``framing score --engine dask [--scheduler ADDRESS]``.

The input files are split into partitions; each partition is scored by the same function
as the local path (:func:`framing.score.score_paths`) on a Dask worker, and the results
are written as partitioned Parquet (a folder of ``part.N.parquet`` files readable with
``pandas.read_parquet(folder)`` or ``dask.dataframe.read_parquet``). Each worker process
loads the encoder and model once and shares the on-disk embedding cache.

Without ``--scheduler`` a ``LocalCluster`` is started on this machine; with
``--scheduler tcp://host:8786`` the work goes to an existing cluster, whose workers need
this package installed (``pip install -c constraints.txt framing``) and, for the shared
embedding cache, the same ``FRAMING_CACHE`` path or their own.

One compute thread per task. Without ``--scheduler`` the local cluster is **one worker
process with one thread per core** (``processes=False``): the encoder, model and language
detector are loaded once and shared by the threads, each task computes with one ONNX
Runtime / torch thread (``FRAMING_THREADS=1``), and ONNX Runtime releases the GIL while it
encodes, so two threads keep two cores busy. Measured on two cores
(``benchmarks/results/scoring.md``, section e): 0.98-1.03 x the local engine's CPU time
over two runs, and 1.01-1.09 x for two single-threaded worker *processes*
(``processes=True``), each of which loads everything itself; the first version, two
workers of two threads each, cost 47 % more.

On a cluster of your own, start one single-threaded worker per core
(``dask worker ADDRESS --nthreads 1 --nworkers auto``) or several threads per worker
(``--nthreads N``): every task sets ``FRAMING_THREADS`` to ``threads_per_worker`` (default
1) before it loads anything, and the encoder, cache and detector are thread-safe.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from framing.ingest import Input, Skipped, find_inputs
from framing.outputs import atomic_folder

#: Dask settings for a batch job: no statistical profiler sampling every worker thread each 10 ms,
#: slower event-loop health checks and memory polling (their CPU time grows with the run's length).
QUIET_DASK = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "500ms",
              "distributed.worker.memory.monitor-interval": "1s", "distributed.admin.system-monitor.interval": "2s"}


def _score_partition(files: list[tuple[str, str]], model_dir: str | None, any_language: bool = False, threads: int = 1
                     ) -> tuple[pd.DataFrame, list[tuple[str, str]], list[str]]:
    """Score one partition of (path, article id) pairs (runs on a worker, with ``threads`` compute threads).

    Returns the table, the skipped files as (path, problem) and the ids of articles with no outlet.
    """
    from framing.encoder import THREADS_ENV

    os.environ[THREADS_ENV] = str(threads)
    from framing.score import score_paths
    from framing.stance import load_model

    inputs = [Input(Path(p), a) for p, a in files]
    res = score_paths(inputs, load_model(Path(model_dir)) if model_dir else None, any_language=any_language)
    return res.table, [(str(s.path), s.problem) for s in res.skipped], list(res.no_outlet)


def _split(files: list[tuple[str, str]], n_partitions: int) -> list[list[tuple[str, str]]]:
    if not files:
        return []
    size = math.ceil(len(files) / max(1, n_partitions))
    return [files[i : i + size] for i in range(0, len(files), size)]


@contextmanager
def _env_restored(name: str) -> Iterator[None]:
    """Put environment variable ``name`` back as it was (tasks on an in-process worker set it in this process)."""
    before = os.environ.get(name)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = before


def local_cluster(n_workers: int | None = None, processes: bool = False, threads: int = 1):
    """A ``LocalCluster`` running ``n_workers`` tasks at once (default: one per core).

    ``processes=False``: one worker process with ``n_workers`` threads, sharing one loaded
    encoder. ``processes=True``: ``n_workers`` single-threaded worker processes (each with
    ``OMP_NUM_THREADS`` and ``FRAMING_THREADS`` = ``threads``).
    """
    from dask.distributed import LocalCluster

    from framing.encoder import THREADS_ENV

    n = n_workers or os.cpu_count() or 1
    if not processes:
        return LocalCluster(n_workers=1, threads_per_worker=n, processes=False, dashboard_address=None)
    one = str(threads)
    env = {"OMP_NUM_THREADS": one, "MKL_NUM_THREADS": one, "OPENBLAS_NUM_THREADS": one, THREADS_ENV: one}
    return LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None, env=env)


def score_dask(paths: Sequence[Path | str], out: Path, scheduler: str | None = None, n_partitions: int | None = None,
               model_dir: str | None = None, n_workers: int | None = None, recursive: bool = False, any_language: bool = False,
               threads_per_worker: int = 1, processes: bool = False) -> tuple[int, list[Skipped], list[Skipped], list[str]]:
    """Score on Dask and write partitioned Parquet to ``out`` (atomically: the folder is replaced only when complete).

    Returns (rows written, skipped files, paths not read, ids of articles with no outlet). Missing paths, broken links
    and id collisions are found here, before any partition is sent. Without ``scheduler``
    a :func:`local_cluster` of ``n_workers`` threads (or processes) runs the partitions;
    each task computes with ``threads_per_worker`` threads.
    """
    import dask
    from dask.distributed import Client

    from framing.encoder import THREADS_ENV

    found = find_inputs(paths, recursive)
    cluster = None
    with dask.config.set(QUIET_DASK):
        if scheduler:
            client = Client(scheduler)
        else:
            cluster = local_cluster(n_workers, processes, threads_per_worker)
            client = Client(cluster)
    try:
        with _env_restored(THREADS_ENV):
            slots = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
            n = n_partitions or max(2, 2 * slots)
            parts = _split([(str(f.path), f.article) for f in found.files], n)
            futures = client.map(_score_partition, parts, model_dir=model_dir, any_language=any_language, threads=threads_per_worker, pure=False)
            results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    rows = 0
    skipped: list[Skipped] = list(found.problems)
    no_outlet: list[str] = []
    k = 0
    with atomic_folder(out) as tmp:
        for table, sk, unnamed in results:
            skipped += [Skipped(Path(p), problem) for p, problem in sk]
            no_outlet += unnamed
            if len(table):
                table.to_parquet(tmp / f"part.{k}.parquet", index=False)
                rows += len(table)
                k += 1
    return rows, skipped, found.ignored, no_outlet
