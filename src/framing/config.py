"""Project paths, all derived from the project root.

Every other module takes its paths from here so that notebooks, the CLI and the
tests agree on where data lives. ``FRAMING_ROOT`` overrides the root (used by
``framing run`` and the tests to work on a copy).
"""

from __future__ import annotations

import os
from pathlib import Path


def _find_root() -> Path:
    env = os.environ.get("FRAMING_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "data").is_dir():
            return parent
    return Path.cwd()


ROOT: Path = _find_root()
DATA: Path = ROOT / "data"
RAW: Path = DATA / "raw"
INTERIM: Path = DATA / "interim"
PROCESSED: Path = DATA / "processed"
LEXICON_DIR: Path = DATA / "lexicon"
ANNOTATIONS: Path = DATA / "annotations"
ARTICLES_CSV: Path = DATA / "articles.csv"
SPEAKERS_CSV: Path = DATA / "speakers.csv"
SHA256SUMS: Path = RAW / "SHA256SUMS"
DEV: Path = DATA / "dev"
DEV_ARTICLES: Path = DEV / "articles"
DEV_CORRECTIONS: Path = ANNOTATIONS / "dev_corrections.csv"
NAME_STOPLIST_CSV: Path = DATA / "name_stoplist.csv"
FIGURES: Path = ROOT / "figures"
MODELS: Path = ROOT / "models"
DOCS: Path = ROOT / "docs"
CACHE: Path = Path(os.environ.get("FRAMING_CACHE", ROOT / ".cache"))

SENTENCES_PARQUET: Path = PROCESSED / "sentences.parquet"
SENTENCES_CSV: Path = PROCESSED / "sentences.csv"
REMOVED_CSV: Path = INTERIM / "removed.csv"
CLEAN_DIR: Path = INTERIM / "clean"

#: Seed used wherever randomness enters (bootstrap, permutation, training).
SEED: int = 20230913


from dataclasses import dataclass  # noqa: E402


@dataclass(frozen=True)
class RunPaths:
    """Where one run of the notebook series reads and writes.

    The committed analysis uses the project's own folders; ``framing run --corpus PATH
    --out DIR`` points every notebook at another corpus and writes under ``DIR``.
    """

    corpus: Path
    interim: Path
    processed: Path
    figures: Path
    tables: Path

    @property
    def sentences(self) -> Path:
        return self.processed / "sentences.parquet"


def run_paths(corpus_dir: str | Path | None = None, out_dir: str | Path | None = None) -> RunPaths:
    """Paths for a run: the project's folders by default, or everything under ``out_dir``."""
    corpus = Path(corpus_dir) if corpus_dir else RAW
    if out_dir is None:
        return RunPaths(corpus, INTERIM, PROCESSED, FIGURES, DOCS / "findings")
    out = Path(out_dir)
    return RunPaths(corpus, out / "interim", out / "processed", out / "figures", out / "tables")
