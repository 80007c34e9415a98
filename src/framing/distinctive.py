"""Distinctive vocabulary: weighted log-odds ratios with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and
Evaluation for Identifying the Content of Political Conflict", *Political Analysis* 16(4),
section 3.5. For word w, group i against group j, prior pseudo-counts α_w (α_0 = Σ α_w):

    δ_w = log[(y_iw + α_w) / (n_i + α_0 − y_iw − α_w)] − log[(y_jw + α_w) / (n_j + α_0 − y_jw − α_w)]
    σ²(δ_w) ≈ 1 / (y_iw + α_w) + 1 / (y_jw + α_w)
    z_w = δ_w / σ(δ_w)

The informative prior is the pooled corpus distribution scaled to ``alpha0`` pseudo-tokens.
No maintained PyPI implementation fits (the packages found are unmaintained scripts), so
this is a small function tested against a hand-computed example (``tests/test_distinctive.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from framing.lexicon import Lexicon

TOKEN_PATTERN = r"(?u)\b[A-Za-z][A-Za-z’'-]*[A-Za-z]\b"


def log_odds_dirichlet(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted log-odds δ and z-scores of group i vs group j under prior ``alpha`` (all per word)."""
    y_i, y_j, alpha = (np.asarray(a, float) for a in (y_i, y_j, alpha))
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), alpha.sum()
    delta = np.log((y_i + alpha) / (n_i + a0 - y_i - alpha)) - np.log((y_j + alpha) / (n_j + a0 - y_j - alpha))
    var = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta, delta / np.sqrt(var)


def _stopword_only(term: str) -> bool:
    return all(t in ENGLISH_STOP_WORDS for t in term.split())


def distinctive_terms(sentences: pd.DataFrame, by: str = "outlet", ngram_range=(1, 2), alpha0: float = 1000.0,
                      min_count: int = 2, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Each group against all the others: δ and z for every term used ``min_count``+ times by the group.

    ``alpha0`` is the prior's weight in pseudo-tokens (default 1,000: weak against a corpus of
    thousands of words, so frequent words can stand out, while rare words are shrunk).
    ``in_lexicon`` says whether a lexicon entry matches the term; terms made only of
    stop words are flagged ``stopwords_only`` so they can be left out of displays.
    """
    vec = CountVectorizer(lowercase=True, ngram_range=ngram_range, token_pattern=TOKEN_PATTERN)
    docs = sentences.groupby(by).text.apply(" \n ".join)
    # n-grams must not cross sentence boundaries: vectorise sentences, then sum per group
    X = vec.fit_transform(sentences.text)
    vocab = np.array(vec.get_feature_names_out())
    groups = sentences[by].to_numpy()
    counts = {g: np.asarray(X[groups == g].sum(axis=0)).ravel() for g in docs.index}
    total = sum(counts.values())
    a0 = float(alpha0)
    alpha = a0 * total / total.sum()
    lex = lexicon or Lexicon.load()
    rows = []
    for g, y_i in counts.items():
        y_j = total - y_i
        delta, z = log_odds_dirichlet(y_i, y_j, alpha)
        keep = np.where(y_i >= min_count)[0]
        for k in keep:
            rows.append({by: g, "term": vocab[k], "count": int(y_i[k]), "count_rest": int(y_j[k]), "delta": float(delta[k]), "z": float(z[k])})
    out = pd.DataFrame(rows)
    if len(out):
        out["n_words"] = out.term.str.count(" ") + 1
        out["stopwords_only"] = out.term.map(_stopword_only)
        out["in_lexicon"] = out.term.map(lex.covers)
    return out.sort_values([by, "z"], ascending=[True, False]).reset_index(drop=True)


def top_terms(dist: pd.DataFrame, by: str = "outlet", n: int = 10, z_min: float = 1.96) -> pd.DataFrame:
    """The ``n`` highest-z terms per group with z ≥ ``z_min``, stop-word-only terms and terms
    contained in a longer listed term of the same count left out."""
    d = dist[(~dist.stopwords_only) & (dist.z >= z_min)]
    out = []
    for _, grp in d.groupby(by):
        chosen: list = []
        for r in grp.sort_values(["z", "n_words"], ascending=[False, False]).itertuples(index=False):
            if any(r.term in c.term and r.count == c.count for c in chosen):
                continue
            chosen.append(r)
            if len(chosen) == n:
                break
        out.extend(chosen)
    return pd.DataFrame(out, columns=dist.columns)


def lexicon_candidates(dist: pd.DataFrame, by: str = "outlet", n: int = 8, z_min: float = 1.96) -> pd.DataFrame:
    """High-z terms the lexicon lacks: candidates for review (not automatically loaded)."""
    t = top_terms(dist[~dist.in_lexicon], by=by, n=n, z_min=z_min)
    return t[[by, "term", "count", "count_rest", "z"]]


#: Seed outlet types (free text in ``data/articles.csv``) mapped to the dev set's coarse scheme
#: (``data/dev/SOURCES_*.tsv``): first matching keyword wins.
OUTLET_TYPE_KEYWORDS = [
    ("state media", "state-media"), ("state-media", "state-media"), ("aggregator", "aggregator"),
    ("republish", "aggregator"), ("wire", "wire"), ("news agency", "wire"), ("think", "think-tank"),
    ("government", "government"), ("broadcast", "broadcaster"), ("television", "broadcaster"),
    ("blog", "blog"), ("substack", "blog"), ("alternative", "blog"), ("newspaper", "broadsheet"),
    ("broadsheet", "broadsheet"), ("magazine", "broadsheet"),
]


def coarse_outlet_type(label: str) -> str:
    """Map a free-text outlet type to the dev set's scheme (state-media, wire, aggregator, broadsheet,
    broadcaster, think-tank, blog, government); unknown labels are returned unchanged."""
    low = (label or "").lower()
    if low in {t for _, t in OUTLET_TYPE_KEYWORDS}:
        return low
    for key, coarse in OUTLET_TYPE_KEYWORDS:
        if key in low:
            return coarse
    return label


def name_tokens(texts, min_share: float = 0.8, min_count: int = 2) -> set[str]:
    """Lower-cased tokens written with a capital letter in at least ``min_share`` of their
    occurrences that are not sentence-initial (proper names: Kim, Vostochny, Korea, ...)."""
    import re

    tok = re.compile(TOKEN_PATTERN)
    caps: dict[str, list[int]] = {}
    for t in texts:
        for k, m in enumerate(tok.finditer(t)):
            if k == 0:
                continue
            w = m.group(0)
            c = caps.setdefault(w.lower(), [0, 0])
            c[0] += w[0].isupper()
            c[1] += 1
    return {w for w, (up, n) in caps.items() if n >= min_count and up / n >= min_share}


def mine_candidates(sentences: pd.DataFrame, by: str = "outlet_type", ngram_range=(1, 3), alpha0: float = 1000.0,
                    min_count: int = 2, z_min: float = 1.96, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Candidate loaded terms: n-grams distinctive of a group (Fightin' Words, each group against
    the rest) that the lexicon does not cover.

    Kept: z ≥ ``z_min`` and count ≥ ``min_count`` in the group; dropped: n-grams made only of
    stop words or beginning or ending with one (the phrase without the function word is
    itself a candidate), names (every content word is a :func:`name_tokens` token), terms a
    lexicon entry matches, and terms contained in a longer kept term of the same group with the
    same count. Returns ``by, term, n_words, count, count_rest, delta, z`` sorted by group and z;
    candidates are for review, not loaded by themselves.
    """
    lex = lexicon or Lexicon.load()
    dist = distinctive_terms(sentences, by=by, ngram_range=ngram_range, alpha0=alpha0, min_count=min_count, lexicon=lex)
    if dist.empty:
        return pd.DataFrame(columns=[by, "term", "n_words", "count", "count_rest", "delta", "z"])
    names = name_tokens(sentences.text)
    words = dist.term.str.split()
    edge_stop = words.map(lambda w: w[0] in ENGLISH_STOP_WORDS or w[-1] in ENGLISH_STOP_WORDS)
    is_name = words.map(lambda w: all(t in names or t in ENGLISH_STOP_WORDS for t in w))
    d = dist[(dist.z >= z_min) & ~dist.stopwords_only & ~edge_stop & ~is_name & ~dist.in_lexicon]
    out = []
    for _, grp in d.groupby(by):
        grp = grp.sort_values(["n_words", "z"], ascending=[False, False])
        kept: list = []
        for r in grp.itertuples(index=False):
            if any(f" {r.term} " in f" {k.term} " and r.count == k.count for k in kept):
                continue
            kept.append(r)
        out.extend(kept)
    res = pd.DataFrame(out, columns=dist.columns)[[by, "term", "n_words", "count", "count_rest", "delta", "z"]]
    return res.sort_values([by, "z"], ascending=[True, False]).reset_index(drop=True)
