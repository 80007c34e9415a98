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

One compute thread per worker: each task sets ``FRAMING_THREADS`` (the encoder's torch or
ONNX Runtime threads) to ``threads_per_worker`` (default 1) before it loads anything, and
the local cluster's workers start with ``OMP_NUM_THREADS=1``; so two workers on two cores
run two threads in all, not four (which cost 47 % more CPU time for the same output). On a
cluster of your own, start one single-threaded worker per core
(``dask worker ADDRESS --nthreads 1 --nworkers auto``) or pass ``threads_per_worker``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from framing.ingest import Input, Skipped, find_inputs
from framing.outputs import atomic_folder

#: Dask settings for a batch job: no statistical profiler sampling every worker thread each 10 ms,
#: slower event-loop health checks and memory polling (their CPU time grows with the run's length).
QUIET_DASK = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "500ms",
              "distributed.worker.memory.monitor-interval": "1s", "distributed.admin.system-monitor.interval": "2s"}


def _score_partition(files: list[tuple[str, str]], model_dir: str | None, any_language: bool = False, threads: int = 1
                     ) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Score one partition of (path, article id) pairs (runs on a worker, with ``threads`` compute threads)."""
    from framing.encoder import THREADS_ENV

    os.environ[THREADS_ENV] = str(threads)
    from framing.score import score_paths
    from framing.stance import load_model

    inputs = [Input(Path(p), a) for p, a in files]
    res = score_paths(inputs, load_model(Path(model_dir)) if model_dir else None, any_language=any_language)
    return res.table, [(str(s.path), s.problem) for s in res.skipped]


def _split(files: list[tuple[str, str]], n_partitions: int) -> list[list[tuple[str, str]]]:
    if not files:
        return []
    size = math.ceil(len(files) / max(1, n_partitions))
    return [files[i : i + size] for i in range(0, len(files), size)]


def score_dask(paths: Sequence[Path | str], out: Path, scheduler: str | None = None, n_partitions: int | None = None,
               model_dir: str | None = None, n_workers: int = 2, recursive: bool = False, any_language: bool = False,
               threads_per_worker: int = 1) -> tuple[int, list[Skipped], list[Skipped]]:
    """Score on Dask and write partitioned Parquet to ``out`` (atomically: the folder is replaced only when complete).

    Returns (rows written, skipped files, paths not read). Missing paths, broken links
    and id collisions are found here, before any partition is sent. Each worker computes
    with ``threads_per_worker`` threads (one by default: one worker per core).
    """
    import dask
    from dask.distributed import Client, LocalCluster

    from framing.encoder import THREADS_ENV

    found = find_inputs(paths, recursive)
    cluster = None
    with dask.config.set(QUIET_DASK):
        if scheduler:
            client = Client(scheduler)
        else:
            one = str(threads_per_worker)
            cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                   env={"OMP_NUM_THREADS": one, "MKL_NUM_THREADS": one, "OPENBLAS_NUM_THREADS": one, THREADS_ENV: one})
            client = Client(cluster)
    try:
        n = n_partitions or max(2, 2 * len(client.scheduler_info()["workers"]))
        parts = _split([(str(f.path), f.article) for f in found.files], n)
        futures = client.map(_score_partition, parts, model_dir=model_dir, any_language=any_language, threads=threads_per_worker, pure=False)
        results = client.gather(futures)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    rows = 0
    skipped: list[Skipped] = list(found.problems)
    k = 0
    with atomic_folder(out) as tmp:
        for table, sk in results:
            skipped += [Skipped(Path(p), problem) for p, problem in sk]
            if len(table):
                table.to_parquet(tmp / f"part.{k}.parquet", index=False)
                rows += len(table)
                k += 1
    return rows, skipped, found.ignored
