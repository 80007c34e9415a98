"""Writing outputs safely: checked before any work, written to a temporary file and renamed into place.

A run never leaves a partial file under the final name (a full disk or a kill leaves
the previous version, or nothing), and ``--out`` is refused before any work when it is a
folder where a file is expected (or the reverse), lies below a file, or is one of the
inputs.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path


class OutputError(ValueError):
    """An output path that cannot be used. ``str()`` names the path and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"--out {self.path}: {problem}")


def check_out(out: Path | str, inputs: Iterable[Path | str] = (), folder: bool = False) -> Path:
    """Refuse an unusable output path before any work; return it as a Path.

    Args:
        out: the output file (or, with ``folder``, the output folder).
        inputs: the input files (the output must not be one of them).
        folder: the output is a folder (``framing corpus``/``run``, the Dask engine).
    """
    out = Path(out)
    if folder and out.exists() and not out.is_dir():
        raise OutputError(out, "is a file; give a folder")
    if not folder and out.is_dir():
        raise OutputError(out, "is a folder; give a file name")
    for parent in out.parents:
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(out, f"{parent} is a file, not a folder")
            break
    target = out.resolve()
    for p in inputs:
        if Path(p).exists() and Path(p).resolve() == target:
            raise OutputError(out, "is one of the input files; it would be overwritten")
    return out


@contextmanager
def atomic_path(dst: Path | str) -> Iterator[Path]:
    """A temporary path beside ``dst``; renamed onto ``dst`` when the block ends without error, else removed."""
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=f".tmp{dst.suffix}", dir=dst.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, dst)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextmanager
def atomic_folder(dst: Path | str) -> Iterator[Path]:
    """A temporary folder beside ``dst``; it replaces ``dst`` when the block ends without error, else it is removed."""
    dst = Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent))
    try:
        yield tmp
        old = None
        if dst.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dst.name}.", suffix=".old", dir=dst.parent))
            os.replace(dst, old / dst.name)
        os.replace(tmp, dst)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
