"""A processed article and the invariants every processed article satisfies.

Below both the corpus pipeline (:mod:`framing.corpus`, which makes these) and the article
cache (:mod:`framing.article_cache`, which stores them and checks each entry it reads
with :func:`check_article`), so neither imports the other.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from framing.errors import check
from framing.ingest import Article
from framing.lexicon import LEX_COUNT_COLUMNS

VOICES = ("authorial", "quoted")

#: Columns of the sentence table, in order (the column dictionary is in data/README.md).
SENTENCE_COLUMNS = [
    "sentence_id", "article", "outlet", "event", "date", "paragraph", "sentence", "kind",
    "start", "end", "text", "n_words", "truncated", "voice", "voice_type", "speaker", "relayed_by", "voice_cue",
    "loaded_terms", "loaded_categories", *LEX_COUNT_COLUMNS,
]


@dataclass
class ArticleResult:
    """One processed article: its sentences, removals and character accounting."""

    article: Article
    clean_text: str
    sentences: pd.DataFrame
    removed: pd.DataFrame
    accounting: dict


def check_article(art: Article, clean_text: str, df: pd.DataFrame, acc: dict) -> None:
    """Invariants checked for every article (they guard the whole pipeline); raises :class:`InvariantError`."""
    name = art.path.name
    check(acc["front_matter_chars"] + acc["kept_chars"] + acc["removed_chars"] + acc["whitespace_chars"] == acc["raw_chars"],
          f"{name}: kept + removed + whitespace does not add up to the raw file")
    for sid, start, end, text in zip(df["sentence_id"], df["start"], df["end"], df["text"]):
        check(clean_text[start:end] == text, f"{name}: offsets of {sid} are wrong")
    check(bool(df["voice"].isin(VOICES).all()), f"{name}: unknown voice value")
    check(bool((df.loc[df.voice == "quoted", "speaker"] != "").all()), f"{name}: a quoted sentence without speaker")
    check(bool(df["sentence_id"].is_unique), f"{name}: sentence ids are not unique")
