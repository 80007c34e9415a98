"""Per-outlet summaries of the sentence corpus (the tables of notebook 01).

``outlet_summary`` gives articles, sentences, words, the share of raw text removed,
the quoted shares and the most frequent quoted speakers of each outlet.
"""

from __future__ import annotations

import pandas as pd

from framing.errors import check


def top_speakers(sentences: pd.DataFrame, n: int = 3) -> pd.Series:
    """The ``n`` most frequent speakers of quoted sentences per outlet, as 'name (count)' text."""
    q = sentences[sentences.voice == "quoted"]
    out = {}
    for outlet, grp in q.groupby("outlet"):
        counts = grp.speaker.value_counts().head(n)
        out[outlet] = "; ".join(f"{k} ({v})" for k, v in counts.items())
    return pd.Series(out, name="top_speakers")


def outlet_summary(sentences: pd.DataFrame, accounting: pd.DataFrame) -> pd.DataFrame:
    """Per-outlet table: articles, sentences, words, share of raw text removed, share quoted, top speakers."""
    s = sentences.copy()
    s["quoted_words"] = s.n_words.where(s.voice == "quoted", 0)
    g = s.groupby("outlet")
    acc = accounting.groupby("outlet")[["kept_chars", "removed_chars"]].sum()
    out = pd.DataFrame(
        {
            "articles": g.article.nunique(),
            "sentences": g.size(),
            "words": g.n_words.sum(),
            "share_removed": acc.removed_chars / (acc.kept_chars + acc.removed_chars),
            "share_quoted_sentences": g.apply(lambda d: (d.voice == "quoted").mean(), include_groups=False),
            "share_quoted_words": g.quoted_words.sum() / g.n_words.sum(),
        }
    )
    out = out.join(top_speakers(s))
    check(out.sentences.sum() == len(sentences), "per-outlet sentence counts must add up to the corpus")
    check(bool(out.share_quoted_sentences.between(0, 1).all()), "quoted shares must lie in [0, 1]")
    return out
