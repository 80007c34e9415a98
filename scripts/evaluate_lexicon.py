"""Evaluate a loaded-terms lexicon on the dev set and the seeds; optionally write the hits table.

Figures (printed):
* dev recall: share of adjudicated loaded expressions (data/annotations/dev_loaded_adjudicated.csv)
  that some lexicon hit overlaps, overall and per adjudicated category, with the misses;
* dev neutral hit rate: hits per 100 dev sentences neutral on both targets with no adjudicated
  loaded expression, with the hits;
* seed check: precision of the seed hits against the hand judgements (lexicon_check.csv,
  lexicon_check_v2.csv) and recall of the seeds' known loaded expressions (judged-correct hits
  and the first check's misses, lexicon_check_misses.csv).

Usage, from the repository root:
    PYTHONPATH=src python scripts/evaluate_lexicon.py                       # the current lexicon
    PYTHONPATH=src python scripts/evaluate_lexicon.py --write-hits          # also data/annotations/lexicon_hits_v2.csv
    git show f8bb2b7:data/lexicon/loaded_terms.csv > /tmp/v1.csv
    PYTHONPATH=src python scripts/evaluate_lexicon.py --lexicon /tmp/v1.csv # the lexicon before v2
"""

from __future__ import annotations

import argparse

import pandas as pd

from framing import config
from framing.lexicon import LEXICON_CSV, Lexicon
from framing.lexicon_eval import check_adjudication, dev_sentences, hits_for_check, neutral_hits, read_adjudication, recall_table, seed_check, seed_sentences

HITS_CSV = config.ANNOTATIONS / "lexicon_hits_v2.csv"


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lexicon", default=str(LEXICON_CSV), help="lexicon CSV (default: the project's)")
    ap.add_argument("--write-hits", action="store_true", help=f"write every dev and seed hit to {HITS_CSV.relative_to(config.ROOT)}")
    args = ap.parse_args(argv)
    lx = Lexicon.from_csv(args.lexicon)
    dev, adj, seeds = dev_sentences(), read_adjudication(), seed_sentences()
    check_adjudication(adj, dev)

    t = recall_table(adj, dev, lx)
    print(f"lexicon: {args.lexicon} ({len(lx.entries)} entries)")
    print(f"dev: {len(dev)} sentences, {len(adj)} listed expressions, {len(t)} adjudicated loaded")
    print(f"dev recall: {t.found.sum()}/{len(t)} = {t.found.mean():.3f}")
    print(t.groupby("category").found.agg(["sum", "count"]).rename(columns={"sum": "found", "count": "loaded"}).to_string())
    for r in t[~t.found].itertuples():
        print(f"  miss  {r.article:22} {r.expression!r} ({r.category})")
    n, k, h = neutral_hits(adj, dev, lx)
    print(f"dev neutral sentences: {n}; hits in them: {k}; per 100: {100 * k / n:.2f}")
    for r in h.itertuples():
        print(f"  neutral-sentence hit  {r.article:22} {r.term_id}: {r.surface!r}")
    sc = seed_check(seeds, lx)
    print(f"seed hits: {sc['hits']}; judged {sc['judged']}, correct {sc['correct']}, precision {sc['precision']:.3f}; "
          f"unjudged {len(sc['unjudged'])}")
    for u in sc["unjudged"]:
        print(f"  unjudged seed hit {u}")
    print(f"seed recall of known loaded expressions: {sc['known_found']}/{sc['known_loaded']} = {sc['recall']:.3f}")
    # an extra neutral check on sentences never used for the revision: the written training sentences
    sup = pd.concat([pd.read_csv(config.ANNOTATIONS / f"supplementary_written_{x}.csv", keep_default_na=False) for x in "ab"])
    sup_n = sup[(sup.stance_partnership == "neutral") & (sup.stance_west == "neutral")]
    k_sup = sum(len(lx.match(t)) for t in sup_n.text)
    print(f"written training sentences neutral on both targets: {len(sup_n)}; hits: {k_sup}; per 100: {100 * k_sup / len(sup_n):.2f}")
    if args.write_hits:
        out = hits_for_check(dev, seeds, lx)
        out.to_csv(HITS_CSV, index=False)
        print(f"wrote {len(out)} hits ({(out.corpus == 'dev').sum()} dev, {(out.corpus == 'seed').sum()} seed) to {HITS_CSV.relative_to(config.ROOT)}")
    return {"recall": float(t.found.mean()), "neutral_per_100": 100 * k / n, **{f"seed_{k2}": v for k2, v in sc.items() if k2 != "unjudged"}}


if __name__ == "__main__":
    main()
