"""Project paths, in one place.

Two ways to run ``framing``:

* **Inside a checkout** of the repository (``pyproject.toml`` and ``data/`` above this
  file, or ``FRAMING_ROOT`` pointing at one): the project's own folders win. Data,
  lexicon, speaker list, model and notebooks are read from ``data/``, ``models/`` and
  ``notebooks/``, and the committed analysis writes to ``data/interim``,
  ``data/processed``, ``figures/`` and ``docs/findings``.
* **Installed from a wheel** anywhere else: the lexicon, speaker list, name stop-list,
  saved model and the notebooks ``framing run`` executes ship inside the package
  (``framing/_resources``, read with :mod:`importlib.resources`); outputs go where the
  user says (``--out``), and caches to the user's cache folder.

``FRAMING_ROOT`` overrides the root; ``FRAMING_CACHE`` the cache folder;
``FRAMING_OUT_DIR`` sends every output of the notebook series to another folder (the
test suite executes the committed notebooks that way, so that tests never write to
tracked files).

Example:
    >>> from framing import config
    >>> config.LEXICON_CSV.name
    'loaded_terms.csv'
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

#: Seed used wherever randomness enters (bootstrap, permutation, training).
SEED: int = 20230913


def _find_root() -> Path | None:
    """The checkout this module lives in (or ``FRAMING_ROOT``), else ``None``."""
    env = os.environ.get("FRAMING_ROOT")
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists() and (parent / "data").is_dir() and (parent / "src" / "framing").is_dir():
            return parent
    return None


def _packaged(*parts: str) -> Path:
    """A file shipped inside the installed package (``framing/_resources/...``)."""
    return Path(str(resources.files("framing").joinpath("_resources", *parts)))


def _user_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "framing"


#: The checkout's root, or ``None`` when running from an installed wheel.
CHECKOUT: Path | None = _find_root()
IN_CHECKOUT: bool = CHECKOUT is not None
#: Where relative project outputs go: the checkout, else the working directory.
ROOT: Path = CHECKOUT if CHECKOUT is not None else Path.cwd()

DATA: Path = ROOT / "data"
RAW: Path = DATA / "raw"
INTERIM: Path = DATA / "interim"
PROCESSED: Path = DATA / "processed"
ANNOTATIONS: Path = DATA / "annotations"
DEV: Path = DATA / "dev"
ARTICLES_CSV: Path = DATA / "articles.csv"
SHA256SUMS: Path = RAW / "SHA256SUMS"
DEV_ARTICLES: Path = DEV / "articles"
DEV_CORRECTIONS: Path = ANNOTATIONS / "dev_corrections.csv"
FIGURES: Path = ROOT / "figures"
MODELS: Path = ROOT / "models"
DOCS: Path = ROOT / "docs"
FINDINGS: Path = DOCS / "findings"
README: Path = ROOT / "README.md"
EVALUATION: Path = MODELS / "evaluation"

#: Files the pipeline needs at run time: the checkout's copies, else the packaged ones.
LEXICON_DIR: Path = DATA / "lexicon" if IN_CHECKOUT else _packaged("lexicon")
LEXICON_CSV: Path = LEXICON_DIR / "loaded_terms.csv"
SPEAKERS_CSV: Path = DATA / "speakers.csv" if IN_CHECKOUT else _packaged("speakers.csv")
NAME_STOPLIST_CSV: Path = DATA / "name_stoplist.csv" if IN_CHECKOUT else _packaged("name_stoplist.csv")
MODEL_DIR: Path = MODELS / "stance" if IN_CHECKOUT else _packaged("model")
NOTEBOOKS: Path = ROOT / "notebooks" if IN_CHECKOUT else _packaged("notebooks")

CACHE: Path = Path(os.environ.get("FRAMING_CACHE") or (ROOT / ".cache" if IN_CHECKOUT else _user_cache()))

# File and folder names, in one place: the paths below and every module join these to a
# folder (the project's, a run's or ``--out``), so a name is spelled only here.
#: Corpus tiers (``write_corpus``): processed sentence table and its CSV twin; interim logs.
SENTENCES_PARQUET_NAME = "sentences.parquet"
SENTENCES_CSV_NAME = "sentences.csv"
REMOVED_CSV_NAME = "removed.csv"
ACCOUNTING_CSV_NAME = "accounting.csv"
SKIPPED_CSV_NAME = "skipped.csv"
CLEAN_DIR_NAME = "clean"
PROCESSED_NAME = "processed"
INTERIM_NAME = "interim"
#: The article files of a dev-set folder (``data/dev/articles``).
ARTICLES_DIR_NAME = "articles"
#: The dev set's sentence-label tables (``data/dev/labels_*.tsv``).
DEV_LABELS_GLOB = "labels_*.tsv"
#: Folders of a run's output (``framing run --out DIR``): executed notebooks and figures.
NOTEBOOKS_NAME = "notebooks"
FIGURES_NAME = "figures"
#: Caches under ``CACHE`` (joined at call time, so that a changed ``CACHE`` is followed).
ARTICLE_CACHE_NAME = "articles"
EMBEDDINGS_SQLITE_NAME = "embeddings.sqlite"
ONNX_CACHE_NAME = "onnx"
#: A saved stance model's files (``models/stance``).
MODEL_JSON_NAME = "model.json"
WEIGHTS_NPZ_NAME = "weights.npz"
PROBE_CSV_NAME = "probe.csv"
MODEL_CARD_NAME = "MODEL_CARD.md"
#: Annotation tables (``data/annotations``).
ADJUDICATION_CSV_NAME = "adjudication.csv"
SUPPLEMENTARY_WRITTEN_GLOB = "supplementary_written_*.csv"
WRITTEN_V2_CSV_NAME = "written_v2.csv"
DEV_STANCE_PASS_B_CSV_NAME = "dev_stance_pass_b.csv"
DEV_STANCE_ADJUDICATION_CSV_NAME = "dev_stance_adjudication.csv"
#: Other outputs.
CHOICE_JSON_NAME = "choice.json"
FINDINGS_MD_NAME = "findings.md"
STANCE_OOF_PARQUET_NAME = "stance_oof.parquet"

SENTENCES_PARQUET: Path = PROCESSED / SENTENCES_PARQUET_NAME
SENTENCES_CSV: Path = PROCESSED / SENTENCES_CSV_NAME
REMOVED_CSV: Path = INTERIM / REMOVED_CSV_NAME
ACCOUNTING_CSV: Path = INTERIM / ACCOUNTING_CSV_NAME
CLEAN_DIR: Path = INTERIM / CLEAN_DIR_NAME
STANCE_OOF_PARQUET: Path = PROCESSED / STANCE_OOF_PARQUET_NAME
WRITTEN_V2_CSV: Path = ANNOTATIONS / WRITTEN_V2_CSV_NAME
CHOICE_JSON: Path = EVALUATION / CHOICE_JSON_NAME
#: Hand checks of the seed corpus and of the lexicon (``data/annotations``).
CORPUS_CHECK_CSV: Path = ANNOTATIONS / "corpus_check.csv"
LEXICON_ADJUDICATED_CSV: Path = ANNOTATIONS / "dev_loaded_adjudicated.csv"
LEXICON_SEED_CHECK_CSVS: tuple[Path, ...] = (ANNOTATIONS / "lexicon_check.csv", ANNOTATIONS / "lexicon_check_v2.csv")
LEXICON_SEED_MISSES_CSV: Path = ANNOTATIONS / "lexicon_check_misses.csv"
LEXICON_BLIND_CHECK_CSV: Path = ANNOTATIONS / "lexicon_check_v2_blind.csv"

#: Files copied into the wheel (source in the checkout -> place under ``framing/_resources``).
PACKAGED_FILES: dict[str, str] = {
    "data/lexicon/loaded_terms.csv": "lexicon/loaded_terms.csv",
    "data/speakers.csv": "speakers.csv",
    "data/name_stoplist.csv": "name_stoplist.csv",
    "models/stance/model.json": "model/model.json",
    "models/stance/weights.npz": "model/weights.npz",
    "models/stance/probe.csv": "model/probe.csv",
    "models/stance/MODEL_CARD.md": "model/MODEL_CARD.md",
    "notebooks/01-corpus.ipynb": "notebooks/01-corpus.ipynb",
    "notebooks/02-loaded-terms.ipynb": "notebooks/02-loaded-terms.ipynb",
    "notebooks/05-outlet-comparison.ipynb": "notebooks/05-outlet-comparison.ipynb",
}


@dataclass(frozen=True)
class RunPaths:
    """Where one run of the notebook series reads and writes.

    Attributes:
        corpus: the folder of article files.
        interim, processed, figures, tables: output folders.
        annotations_out: where derived annotation tables (``gold.csv``) go.
        evaluation: where model-evaluation tables (``choice.json``) go.
        seed_corpus: the corpus is the project's own seed corpus (``data/raw``), so the
            hand checks and gold labels made for it apply.
        project_outputs: outputs go to the project's tracked folders (the committed
            analysis, ``make analysis``); only then is the README's findings block updated.
    """

    corpus: Path
    interim: Path
    processed: Path
    figures: Path
    tables: Path
    annotations_out: Path
    evaluation: Path
    seed_corpus: bool
    project_outputs: bool

    @property
    def sentences(self) -> Path:
        return self.processed / SENTENCES_PARQUET_NAME


def run_paths(corpus_dir: str | Path | None = None, out_dir: str | Path | None = None) -> RunPaths:
    """Paths for a run: the project's folders by default, or everything under ``out_dir``.

    ``FRAMING_OUT_DIR`` stands in for ``out_dir`` when none is given (used by the tests).

    Example:
        >>> p = run_paths(out_dir="/tmp/x")
        >>> p.figures.as_posix(), p.project_outputs
        ('/tmp/x/figures', False)
    """
    corpus = Path(corpus_dir) if corpus_dir else RAW
    seed = IN_CHECKOUT and corpus.resolve() == RAW.resolve()
    out = out_dir or os.environ.get("FRAMING_OUT_DIR")
    if out is None:
        if not IN_CHECKOUT:
            raise FileNotFoundError("not inside a framing checkout: give an output folder (out_dir / --out)")
        return RunPaths(corpus, INTERIM, PROCESSED, FIGURES, FINDINGS, ANNOTATIONS, EVALUATION, seed, True)
    o = Path(out)
    return RunPaths(corpus, o / INTERIM_NAME, o / PROCESSED_NAME, o / FIGURES_NAME, o / "tables", o / "annotations",
                    o / "evaluation", seed, False)
