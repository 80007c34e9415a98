"""Score articles: the corpus pipeline, the lexicon and the saved stance model, in one table.

``score(paths)`` returns, and ``framing score PATH... --out FILE`` writes, one row per
kept sentence with at least: ``article`` (file stem), ``outlet``, ``sentence_id``,
``text``, ``voice``, ``speaker``, ``stance_partnership``, ``stance_west``
(``favorable|neutral|critical``), ``stance_partnership_score``, ``stance_west_score``
(P(favorable) − P(critical)), ``loaded_terms`` and ``loaded_categories``
(``;``-separated), and ``over_window`` (True when the sentence has more tokens than the
encoder reads, so its stance was scored on its first ``MAX_LENGTH`` tokens). Page chrome
is removed exactly as in the corpus pipeline; bad files are reported and skipped while
the rest are scored; the output is written atomically (see :mod:`framing.outputs`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing.corpus import build_corpus
from framing.ingest import Skipped
from framing.language import SUPPORTED
from framing.outputs import atomic_path
from framing.prefetch import build_while_encoding, can_prefetch
from framing.stance import SavedStanceModel, add_context, load_model

#: The output contract (column order).
SCORE_COLUMNS = [
    "article", "outlet", "sentence_id", "text", "voice", "speaker",
    "stance_partnership", "stance_west", "stance_partnership_score", "stance_west_score",
    "loaded_terms", "loaded_categories",
]
EXTRA_COLUMNS = ["outlet_type", "event", "date", "paragraph", "sentence", "kind", "n_words", "truncated", "voice_type", "relayed_by",
                 "p_partnership_critical", "p_partnership_neutral", "p_partnership_favorable",
                 "p_west_critical", "p_west_neutral", "p_west_favorable", "over_window"]


@dataclass
class ScoreResult:
    table: pd.DataFrame
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[Skipped] = field(default_factory=list)
    no_outlet: list[str] = field(default_factory=list)  # articles named after their file (no outlet in any metadata)


#: Sentences scored at a time (whole articles): the feature matrix of a chunk is about
#: 10 KB per sentence, so memory stays flat however large the corpus (see ``benchmarks/``).
SCORE_CHUNK = 4096


def article_chunks(articles: pd.Series, size: int = SCORE_CHUNK) -> list[slice]:
    """Row slices of at most ``size`` rows (more only when one article is longer) that never split an article.

    When an article's rows are not together (the corpus keeps them together), the whole
    table is one chunk, so an article's context is never cut.

    >>> article_chunks(pd.Series(["a", "a", "b", "c", "c"]), size=3)
    [slice(0, 3, None), slice(3, 5, None)]
    """
    values = articles.to_numpy()
    starts = [0] + [i for i in range(1, len(values)) if values[i] != values[i - 1]]
    if len(starts) != len(set(values)):
        return [slice(0, len(values))] if len(values) else []
    bounds = starts + [len(values)]
    chunks, begin = [], 0
    for prev, nxt in zip(bounds, bounds[1:]):
        if nxt - begin > size and prev > begin:
            chunks.append(slice(begin, prev))
            begin = prev
    if len(values):
        chunks.append(slice(begin, len(values)))
    return chunks


def score_sentences(sentences: pd.DataFrame, model: SavedStanceModel | None = None, progress: bool = False,
                    chunk: int = SCORE_CHUNK) -> pd.DataFrame:
    """Add stance labels, scores and probabilities to a sentence table, ``chunk`` sentences (whole articles) at a time."""
    model = model or load_model()
    sentences = sentences.reset_index(drop=True)
    if "article" not in sentences.columns or len(sentences) <= chunk:
        return _score_chunk(sentences, model, progress)
    return pd.concat([_score_chunk(sentences.iloc[sl], model, progress) for sl in article_chunks(sentences["article"], chunk)],
                     ignore_index=True)


def _score_chunk(sentences: pd.DataFrame, model: SavedStanceModel, progress: bool) -> pd.DataFrame:
    from framing.lexicon import LEX_COUNT_COLUMNS

    counts = sentences[LEX_COUNT_COLUMNS] if set(LEX_COUNT_COLUMNS) <= set(sentences.columns) else None
    frame = add_context(sentences) if model.spec.context and {"article", "sentence"} <= set(sentences.columns) else sentences
    st = model.score_table(frame.reset_index(drop=True), progress=progress, lex_counts=counts)
    out = pd.concat([sentences.reset_index(drop=True), st], axis=1)
    out["over_window"] = over_window(out["text"])
    return out[SCORE_COLUMNS + [c for c in EXTRA_COLUMNS if c in out.columns]]


def over_window(texts: pd.Series) -> pd.Series:
    """True for texts longer than the encoder's window (``MAX_LENGTH`` tokens): scored on their first tokens only."""
    from framing.encoder import MAX_LENGTH, token_counts

    return pd.Series(token_counts(texts.tolist()) > MAX_LENGTH, index=texts.index, name="over_window")


def score_paths(paths: Iterable[Path | str], model: SavedStanceModel | None = None, progress: bool = False,
                manifest_path: Path | None = None, any_language: bool = False, recursive: bool = False) -> ScoreResult:
    """Score article files or folders; returns the table, the skipped files and the paths not read.

    Articles not in English are skipped with a message unless ``any_language``. Each row
    carries its article's ``outlet_type`` (front matter or manifest; empty where not given),
    which the sentence explorer filters by. With the ONNX engine, sentences are encoded
    while later articles are still being built (:mod:`framing.prefetch`).
    """
    paths = list(paths)

    def build(on_article=None):
        return build_corpus(paths, manifest_path=manifest_path, progress=progress, languages=None if any_language else SUPPORTED,
                            recursive=recursive, on_article=on_article)

    corpus = build_while_encoding(build, progress=progress) if can_prefetch() else build()
    if corpus.sentences.empty:
        return ScoreResult(pd.DataFrame(columns=SCORE_COLUMNS + EXTRA_COLUMNS), corpus.skipped, corpus.ignored, corpus.no_outlet)
    types = {r.article.article: str(r.article.meta.get("outlet_type", "") or "") for r in corpus.articles}
    sentences = corpus.sentences.assign(outlet_type=corpus.sentences.article.map(types).fillna(""))
    return ScoreResult(score_sentences(sentences, model, progress), corpus.skipped, corpus.ignored, corpus.no_outlet)


def score(paths: Iterable[Path | str], model_dir: Path | None = None) -> pd.DataFrame:
    """The Python face of ``framing score``: the same table as a DataFrame."""
    return score_paths(paths, load_model(model_dir) if model_dir else None).table


def write_table(df: pd.DataFrame, out: Path) -> None:
    """Write ``.csv`` or ``.parquet`` by the file's suffix, atomically (temp file, then rename)."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise ValueError(f"{out}: the output must end in .csv or .parquet")
    with atomic_path(out) as tmp:
        if suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        else:
            df.to_csv(tmp, index=False)
