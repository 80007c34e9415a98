"""The body of ``framing score``: check ``--out``, score locally or on Dask, write, report.

It sits above both engines (:mod:`framing.score` and :mod:`framing.distributed`), so that
neither imports the other's caller: ``distributed`` runs ``score.score_paths`` on its
workers, and ``score`` knows nothing of ``distributed``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from framing.ingest import Skipped, discover, no_outlet_message
from framing.outputs import check_out
from framing.score import score_paths, write_table
from framing.stance import load_model


def _report(skipped: list[Skipped], ignored: list[Skipped], no_outlet: list[str]) -> str:
    """The ``; N file(s) skipped`` tail of the summary line, after printing every skipped and ignored path
    and the articles named after their file."""
    for s in skipped:
        print(f"skipped {s}", file=sys.stderr)
    for s in ignored:
        print(f"not read {s}", file=sys.stderr)
    if no_outlet:
        print(f"note: {no_outlet_message(no_outlet)}", file=sys.stderr)
    return f"; {len(skipped)} file(s) skipped" if skipped else ""


def main_score(paths: list[str], out: str, model_dir: str | None = None, progress: bool = True,
               engine: str = "local", scheduler: str | None = None, any_language: bool = False, recursive: bool = False) -> int:
    """CLI body: check ``--out``, score, write, report skipped files; exit 1 only when nothing was scored."""
    if Path(out).suffix.lower() not in (".csv", ".parquet") or (engine == "dask" and Path(out).suffix.lower() != ".parquet"):
        need = "a folder ending in .parquet (the dask engine writes partitioned Parquet)" if engine == "dask" else "a file ending in .csv or .parquet"
        print(f"framing: error: --out {out}: give {need}", file=sys.stderr)
        return 2
    check_out(out, discover(paths, recursive), folder=engine == "dask")
    if engine == "dask":
        from framing.distributed import score_dask  # dask is imported only for this engine

        rows, skipped, ignored, no_outlet = score_dask(paths, Path(out), scheduler=scheduler, model_dir=model_dir, recursive=recursive,
                                            any_language=any_language)
        tail = _report(skipped, ignored, no_outlet)
        if not rows:
            print("framing: error: nothing could be scored", file=sys.stderr)
            return 1
        print(f"scored {rows} sentences -> {out}/part.*.parquet" + tail, file=sys.stderr)
        return 0
    model = load_model(Path(model_dir) if model_dir else None)
    res = score_paths(paths, model, progress=progress, any_language=any_language, recursive=recursive)
    tail = _report(res.skipped, res.ignored, res.no_outlet)
    if res.table.empty:
        print("framing: error: nothing could be scored", file=sys.stderr)
        return 1
    write_table(res.table, Path(out))
    print(f"scored {res.table.article.nunique()} article(s), {len(res.table)} sentences -> {out}" + tail, file=sys.stderr)
    return 0
