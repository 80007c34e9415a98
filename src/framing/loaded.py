"""Loaded-term rates per outlet with bootstrap intervals, and a concordance (keyword in context)."""

from __future__ import annotations

import pandas as pd

from framing import errors
from framing.lexicon import CATEGORIES, Lexicon
from framing.stats import bootstrap_ratio


def sentence_counts(sentences: pd.DataFrame, hits: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Per sentence: its group (``by``), voice, words and number of hits in total and per category."""
    per = hits.groupby(["sentence_id", "category"]).size().unstack(fill_value=0)
    per = per.reindex(columns=list(CATEGORIES), fill_value=0)
    out = sentences[list(dict.fromkeys(["sentence_id", by, "voice", "n_words"]))].merge(per, left_on="sentence_id", right_index=True, how="left")
    out[list(CATEGORIES)] = out[list(CATEGORIES)].fillna(0).astype(int)
    out["all"] = out[list(CATEGORIES)].sum(axis=1)
    errors.check(out["all"].sum() == len(hits), errors.HITS_OUTSIDE_TABLE.format(hits=len(hits), counted=int(out["all"].sum())))
    return out


def rates(sentences: pd.DataFrame, hits: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Hits per 1,000 words by ``by`` × voice (all/authorial/quoted) × category (all and each), with 95 % CIs.

    Intervals: bootstrap over sentences within each group (fixed seed), 2,000 resamples.
    """
    counts = sentence_counts(sentences, hits, by)
    rows = []
    for group, g in counts.groupby(by):
        for voice in ("all", "authorial", "quoted"):
            gv = g if voice == "all" else g[g.voice == voice]
            for cat in ["all", *CATEGORIES]:
                est, lo, hi = bootstrap_ratio(gv[cat].to_numpy(), gv.n_words.to_numpy(), key=(group, voice, cat), scale=1000)
                rows.append({by: group, "voice": voice, "category": cat, "sentences": len(gv), "words": int(gv.n_words.sum()),
                             "hits": int(gv[cat].sum()), "rate_per_1000": est, "ci_low": lo, "ci_high": hi})
    out = pd.DataFrame(rows)
    # invariant: category hits add up to all hits in every group
    tot = out[out.category == "all"].set_index([by, "voice"]).hits
    parts = out[out.category != "all"].groupby([by, "voice"]).hits.sum()
    errors.check(bool((tot.sort_index() == parts.sort_index()).all()), errors.CATEGORY_SUMS)
    return out


def own_share(sentences: pd.DataFrame, hits: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """How much of each group's loaded language is its own (authorial) vs quoted."""
    h = hits.merge(sentences[["sentence_id", by]].rename(columns={by: "_g"}), on="sentence_id") if by not in hits else hits.assign(_g=hits[by])
    t = h.groupby(["_g", "voice"]).size().unstack(fill_value=0).reindex(columns=["authorial", "quoted"], fill_value=0)
    t["hits"] = t.sum(axis=1)
    t["share_own"] = t.authorial / t.hits
    t.index.name = by
    errors.check(bool(((t.authorial + t.quoted) == t.hits).all()), errors.OWN_QUOTED_SUMS)
    return t


def concordance(sentences: pd.DataFrame, hits: pd.DataFrame, term: str | None = None, width: int = 45) -> pd.DataFrame:
    """Keyword in context: each hit with outlet, voice, speaker and ``width`` characters either side.

    ``term`` filters by entry id or canonical term (case-insensitive substring of either).
    """
    h = hits
    if term:
        t = term.lower()
        h = h[h.term_id.str.lower().str.contains(t, regex=False) | h.term.str.lower().str.contains(t, regex=False)]
    text = sentences.set_index("sentence_id").text
    rows = []
    for r in h.itertuples(index=False):
        s = text[r.sentence_id]
        left = s[max(0, r.start - width) : r.start]
        right = s[r.end : r.end + width]
        rows.append({"outlet": r.outlet, "voice": r.voice, "speaker": r.speaker, "left": ("…" if r.start > width else "") + left,
                     "term": s[r.start : r.end], "right": right + ("…" if r.end + width < len(s) else ""), "sentence_id": r.sentence_id})
    return pd.DataFrame(rows, columns=["outlet", "voice", "speaker", "left", "term", "right", "sentence_id"])


def corpus_hits(sentences: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The hits table of a sentence table (default lexicon)."""
    return (lexicon or Lexicon.load()).hits_table(sentences)
