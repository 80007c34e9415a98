"""Regenerate ``data/lexicon/candidates.csv``: lexicon candidates mined from all 45 articles.

Sentences: the 5 seed articles (``data/processed/sentences.parquet``, outlet type from
``data/articles.csv``) and the 40 dev articles (label rows with ``chrome == no``, outlet
type from ``data/dev/SOURCES_*.tsv``). Seed outlet types are mapped to the dev scheme with
:func:`framing.distinctive.coarse_outlet_type`. Each outlet type is compared with all the
others (Fightin' Words, Monroe et al. 2008; uni- to trigrams, alpha0 = 1000, count ≥ 2,
z ≥ 1.96) and :func:`framing.distinctive.mine_candidates` keeps the terms the lexicon lacks.

Run from the repository root:
    PYTHONPATH=src python scripts/mine_lexicon_candidates.py
"""

from __future__ import annotations

import pandas as pd

from framing import config
from framing.distinctive import coarse_outlet_type, mine_candidates
from framing.lexicon import Lexicon
from framing.lexicon_eval import dev_sentences, seed_sentences

OUT = config.LEXICON_DIR / "candidates.csv"


def all_sentences() -> pd.DataFrame:
    seeds = seed_sentences()
    meta = pd.read_csv(config.ARTICLES_CSV, dtype=str, keep_default_na=False)[["article", "outlet_type"]]
    seeds = seeds.merge(meta, on="article", how="left", validate="many_to_one")
    seeds = seeds.assign(corpus="seed", outlet_type=seeds.outlet_type.map(coarse_outlet_type))
    dev = dev_sentences().assign(corpus="dev")
    cols = ["corpus", "article", "outlet", "outlet_type", "text"]
    return pd.concat([seeds[cols], dev[cols]], ignore_index=True)


def main() -> pd.DataFrame:
    s = all_sentences()
    cand = mine_candidates(s, by="outlet_type", ngram_range=(1, 3), alpha0=1000.0, min_count=2, z_min=1.96, lexicon=Lexicon.load())
    cand["z"] = cand.z.round(3)
    cand["delta"] = cand.delta.round(3)
    cand.to_csv(OUT, index=False)
    print(f"{len(s)} sentences, {s.article.nunique()} articles, {s.outlet.nunique()} outlets, "
          f"{s.outlet_type.nunique()} outlet types -> {len(cand)} candidates in {OUT.relative_to(config.ROOT)}")
    print(cand.groupby("outlet_type").size().to_string())
    return cand


if __name__ == "__main__":
    main()
