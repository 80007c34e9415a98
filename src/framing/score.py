"""Score articles: the corpus pipeline, the lexicon and the saved stance model, in one table.

``score(paths)`` returns, and ``framing score PATH... --out FILE`` writes, one row per
kept sentence with at least: ``article`` (file stem), ``outlet``, ``sentence_id``,
``text``, ``voice``, ``speaker``, ``stance_partnership``, ``stance_west``
(``favorable|neutral|critical``), ``stance_partnership_score``, ``stance_west_score``
(P(favorable) − P(critical)), ``loaded_terms`` and ``loaded_categories``
(``;``-separated). Page chrome is removed exactly as in the corpus pipeline; bad files
are reported and skipped while the rest are scored.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.corpus import build_corpus
from framing.ingest import Skipped
from framing.language import SUPPORTED
from framing.stance import SavedStanceModel, add_context, load_model

#: The output contract (column order).
SCORE_COLUMNS = [
    "article", "outlet", "sentence_id", "text", "voice", "speaker",
    "stance_partnership", "stance_west", "stance_partnership_score", "stance_west_score",
    "loaded_terms", "loaded_categories",
]
EXTRA_COLUMNS = ["event", "date", "paragraph", "sentence", "kind", "n_words", "truncated", "voice_type", "relayed_by",
                 "p_partnership_critical", "p_partnership_neutral", "p_partnership_favorable",
                 "p_west_critical", "p_west_neutral", "p_west_favorable"]


@dataclass
class ScoreResult:
    table: pd.DataFrame
    skipped: list[Skipped] = field(default_factory=list)


def score_sentences(sentences: pd.DataFrame, model: SavedStanceModel | None = None, progress: bool = False) -> pd.DataFrame:
    """Add stance labels, scores and probabilities to a sentence table."""
    model = model or load_model()
    from framing.lexicon import LEX_COUNT_COLUMNS

    counts = sentences[LEX_COUNT_COLUMNS] if set(LEX_COUNT_COLUMNS) <= set(sentences.columns) else None
    frame = add_context(sentences) if model.spec.context and {"article", "sentence"} <= set(sentences.columns) else sentences
    st = model.score_table(frame.reset_index(drop=True), progress=progress, lex_counts=counts)
    out = pd.concat([sentences.reset_index(drop=True), st], axis=1)
    return out[SCORE_COLUMNS + [c for c in EXTRA_COLUMNS if c in out.columns]]


def score_paths(paths: Iterable[Path | str], model: SavedStanceModel | None = None, progress: bool = False,
                manifest_path: Path | None = None, any_language: bool = False) -> ScoreResult:
    """Score article files or folders; returns the table and the skipped files.

    Articles not in English are skipped with a message unless ``any_language``.
    """
    corpus = build_corpus(list(paths), manifest_path=manifest_path, progress=progress,
                          languages=None if any_language else SUPPORTED)
    if corpus.sentences.empty:
        return ScoreResult(pd.DataFrame(columns=SCORE_COLUMNS + EXTRA_COLUMNS), corpus.skipped)
    return ScoreResult(score_sentences(corpus.sentences, model, progress), corpus.skipped)


def score(paths: Iterable[Path | str], model_dir: Path | None = None) -> pd.DataFrame:
    """The Python face of ``framing score``: the same table as a DataFrame."""
    return score_paths(paths, load_model(model_dir) if model_dir else None).table


def write_table(df: pd.DataFrame, out: Path) -> None:
    """Write ``.csv`` or ``.parquet`` by the file's suffix."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix.lower() == ".parquet":
        df.to_parquet(out, index=False)
    elif out.suffix.lower() == ".csv":
        df.to_csv(out, index=False)
    else:
        raise ValueError(f"{out.name}: the output must end in .csv or .parquet")


def main_score(paths: list[str], out: str, model_dir: str | None = None, progress: bool = True,
               engine: str = "local", scheduler: str | None = None, any_language: bool = False) -> int:
    """CLI body: score, write, report skipped files; exit 1 only when nothing was scored."""
    if engine == "dask":
        from framing.distributed import score_dask

        if Path(out).suffix.lower() != ".parquet":
            print(f"error: --out {out}: the dask engine writes partitioned Parquet; name a folder ending in .parquet", file=sys.stderr)
            return 2
        rows, skipped = score_dask(paths, Path(out), scheduler=scheduler, model_dir=model_dir)
        for s in skipped:
            print(f"skipped {s}", file=sys.stderr)
        if not rows:
            print("error: nothing could be scored", file=sys.stderr)
            return 1
        print(f"scored {rows} sentences -> {out}/part.*.parquet" + (f"; {len(skipped)} file(s) skipped" if skipped else ""), file=sys.stderr)
        return 0
    if Path(out).suffix.lower() not in (".csv", ".parquet"):
        print(f"error: --out {out}: the output must end in .csv or .parquet", file=sys.stderr)
        return 2
    model = load_model(Path(model_dir) if model_dir else None)
    res = score_paths(paths, model, progress=progress, any_language=any_language)
    for s in res.skipped:
        print(f"skipped {s}", file=sys.stderr)
    if res.table.empty:
        print("error: nothing could be scored", file=sys.stderr)
        return 1
    write_table(res.table, Path(out))
    print(f"scored {res.table.article.nunique()} article(s), {len(res.table)} sentences -> {out}"
          + (f"; {len(res.skipped)} file(s) skipped" if res.skipped else ""), file=sys.stderr)
    return 0
