"""Evaluating the loaded-terms lexicon on the development set: loader, span matching, recall, neutral hit rate.

The dev set (``data/dev/``, see its README) has one label row per line a reader would see;
``chrome == "no"`` rows are the dev sentences. Their ``loaded`` column lists loaded
expressions as written (``;``-separated), filled liberally by one AI annotator, so the
evaluation reads an adjudication (``data/annotations/dev_loaded_adjudicated.csv``) that says
which listed expressions count as loaded under the category definitions of ``docs/lexicon.md``.

* **Recall** = share of adjudicated loaded expressions (``counts_as_loaded == "yes"``) that
  at least one lexicon hit overlaps (character spans in the sentence intersect).
* **Neutral hit rate** = lexicon hits per 100 *neutral* sentences: dev sentences labelled
  neutral toward both targets with no adjudicated loaded expression.

The dev sentences are taken from the label files, not from the pipeline's output, so the
figures do not depend on chrome removal or segmentation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from framing import config
from framing.lexicon import Lexicon

DEV_DIR: Path = config.DEV
ADJUDICATED_CSV: Path = config.LEXICON_ADJUDICATED_CSV
ADJUDICATION_COLUMNS = ["article", "sentence", "expression", "counts_as_loaded", "category", "reason"]
LABEL_COLUMNS = ["article", "sentence", "chrome", "voice", "speaker", "partnership", "west", "clarity", "loaded"]

# Typographic variants mapped one character to one character, so offsets are preserved.
_FOLD = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'", "–": "-", "—": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Lower-case and map curly quotes and dashes to ASCII, keeping the length (offsets stay valid)."""
    out = text.translate(_FOLD).lower()
    return out if len(out) == len(text) else text.translate(_FOLD)


def split_loaded(cell: str) -> list[str]:
    """The expressions of one ``loaded`` cell (``;``-separated), stripped, empties dropped."""
    return [e.strip() for e in (cell or "").split(";") if e.strip()]


def read_labels(dev_dir: Path | str | None = None) -> pd.DataFrame:
    """All label rows of the dev set (corrections applied), with ``outlet_type`` and ``stance_lean`` from the SOURCES files."""
    from framing.dev import load_labels, load_sources

    src = load_sources(Path(dev_dir) if dev_dir else None)[["article", "outlet", "outlet_type", "stance_lean"]]
    labels = load_labels(Path(dev_dir) if dev_dir else None)
    return labels.drop(columns=["row"]).merge(src, on="article", how="left", validate="many_to_one")


def dev_sentences(dev_dir: Path | str | None = None) -> pd.DataFrame:
    """The dev sentences: label rows with ``chrome == "no"``.

    Adds ``sentence_index`` (0-based position among the article's non-chrome rows, in file
    order), ``text`` (= ``sentence``) and ``loaded_list`` (the split ``loaded`` cell).
    """
    lab = read_labels(dev_dir)
    s = lab[lab.chrome == "no"].copy()
    s["sentence_index"] = s.groupby("article").cumcount()
    s["text"] = s["sentence"]
    s["loaded_list"] = s["loaded"].map(split_loaded)
    return s.reset_index(drop=True)


def locate(expression: str, sentence: str, avoid: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Character spans of ``expression`` in ``sentence`` (case-, quote- and dash-insensitive).

    Occurrences inside one of the ``avoid`` spans (longer expressions listed for the same
    sentence) are dropped unless every occurrence lies inside one. Trailing punctuation of the
    expression is ignored when the exact form is not found. Returns ``[]`` if not found.
    """
    hay = fold(sentence)
    for needle in dict.fromkeys([fold(expression), fold(expression).rstrip(".,;:!?"), fold(expression).strip("\"'.,;:!? ")]):
        if not needle:
            continue
        spans = [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), hay)]
        if spans:
            if avoid:
                free = [sp for sp in spans if not any(a <= sp[0] and sp[1] <= b and (a, b) != sp for a, b in avoid)]
                spans = free or spans
            return spans
    return []


def overlaps(span: tuple[int, int], hit_spans: list[tuple[int, int]]) -> bool:
    """True if ``span`` shares at least one character with any of ``hit_spans``."""
    a, b = span
    return any(s < b and a < e for s, e in hit_spans)


def expression_rows(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per listed expression: article, sentence_index, sentence, expression and its spans."""
    rows = []
    for r in sentences.itertuples(index=False):
        exprs = r.loaded_list
        for e in exprs:
            longer = [sp for o in exprs if o != e and fold(e) in fold(o) for sp in locate(o, r.sentence)]
            rows.append({"article": r.article, "sentence_index": r.sentence_index, "sentence": r.sentence,
                         "expression": e, "spans": locate(e, r.sentence, avoid=longer)})
    return pd.DataFrame(rows, columns=["article", "sentence_index", "sentence", "expression", "spans"])


def read_adjudication(path: Path | str | None = None) -> pd.DataFrame:
    """The adjudicated expressions (``counts_as_loaded`` yes/no), validated."""
    a = pd.read_csv(path or ADJUDICATED_CSV, dtype=str, keep_default_na=False)
    missing = [c for c in ADJUDICATION_COLUMNS if c not in a.columns]
    if missing:
        raise ValueError(f"adjudication lacks column(s) {', '.join(missing)}")
    bad = a[~a.counts_as_loaded.isin(["yes", "no"])]
    if len(bad):
        raise ValueError(f"counts_as_loaded must be yes/no (rows {list(bad.index[:5])})")
    return a


def check_adjudication(adjudicated: pd.DataFrame, sentences: pd.DataFrame) -> None:
    """Every listed expression is adjudicated exactly once, and nothing else is."""
    listed = expression_rows(sentences)[["article", "sentence", "expression"]]
    key = ["article", "sentence", "expression"]
    a = adjudicated[key].value_counts()
    dup = a[a > 1]
    if len(dup):
        raise ValueError(f"adjudicated more than once: {list(dup.index[:3])}")
    l_set = set(map(tuple, listed.to_numpy()))
    a_set = set(map(tuple, adjudicated[key].to_numpy()))
    if l_set != a_set:
        raise ValueError(f"adjudication does not match the labels: {len(l_set - a_set)} missing, {len(a_set - l_set)} extra "
                         f"(e.g. {sorted(l_set - a_set)[:2] or sorted(a_set - l_set)[:2]})")


def recall_table(adjudicated: pd.DataFrame, sentences: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Adjudicated-loaded expressions with ``found`` (some hit overlaps) and the overlapping entry ids."""
    lx = lexicon or Lexicon.load()
    ex = expression_rows(sentences).merge(adjudicated, on=["article", "sentence", "expression"], how="inner", validate="one_to_one")
    ex = ex[ex.counts_as_loaded == "yes"].copy()
    found, ids = [], []
    for r in ex.itertuples(index=False):
        hits = lx.match(r.sentence)
        over = [h.id for h in hits if any(overlaps((h.start, h.end), [sp]) for sp in r.spans)]
        found.append(bool(over))
        ids.append(";".join(dict.fromkeys(over)))
    ex["found"] = found
    ex["term_ids"] = ids
    return ex.drop(columns=["spans"]).reset_index(drop=True)


def recall(adjudicated: pd.DataFrame, sentences: pd.DataFrame, lexicon: Lexicon | None = None) -> float:
    """Share of adjudicated loaded expressions overlapped by some lexicon hit."""
    t = recall_table(adjudicated, sentences, lexicon)
    return float(t.found.mean()) if len(t) else float("nan")


def neutral_sentences(adjudicated: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Dev sentences neutral toward both targets with no adjudicated loaded expression."""
    loaded = adjudicated[adjudicated.counts_as_loaded == "yes"]
    has = set(zip(loaded.article, loaded.sentence))
    keep = (sentences.partnership == "neutral") & (sentences.west == "neutral")
    keep &= pd.Series([(a, s) not in has for a, s in zip(sentences.article, sentences.sentence)], index=sentences.index)
    return sentences[keep].reset_index(drop=True)


def neutral_hits(adjudicated: pd.DataFrame, sentences: pd.DataFrame, lexicon: Lexicon | None = None) -> tuple[int, int, pd.DataFrame]:
    """(number of neutral sentences, number of hits in them, the hits table)."""
    lx = lexicon or Lexicon.load()
    n = neutral_sentences(adjudicated, sentences)
    h = lx.hits_table(n)
    return len(n), len(h), h


def neutral_hit_rate(adjudicated: pd.DataFrame, sentences: pd.DataFrame, lexicon: Lexicon | None = None) -> float:
    """Lexicon hits per 100 neutral sentences."""
    n, k, _ = neutral_hits(adjudicated, sentences, lexicon)
    return 100.0 * k / n if n else float("nan")


def seed_sentences() -> pd.DataFrame:
    """The seed corpus sentences (``data/processed/sentences.parquet``)."""
    return pd.read_parquet(config.SENTENCES_PARQUET)


HITS_COLUMNS = ["corpus", "sentence_id", "article", "sentence_index", "sentence", "term_id", "category", "surface", "start", "end"]


def hits_for_check(dev: pd.DataFrame, seeds: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Every lexicon hit on the dev sentences and the seed sentences, one row each (input for a blind precision check).

    Dev rows are identified by ``article`` + ``sentence_index`` (see :func:`dev_sentences`),
    seed rows by ``sentence_id``; ``start``/``end`` are character offsets in ``sentence``.
    """
    lx = lexicon or Lexicon.load()
    rows = []
    for corpus, df in (("dev", dev), ("seed", seeds)):
        for r in df.itertuples(index=False):
            text = r.text
            for h in lx.match(text):
                rows.append({"corpus": corpus, "sentence_id": getattr(r, "sentence_id", "") if corpus == "seed" else "",
                             "article": r.article, "sentence_index": r.sentence_index if corpus == "dev" else r.sentence,
                             "sentence": text, "term_id": h.id, "category": h.category, "surface": h.surface,
                             "start": h.start, "end": h.end})
    return pd.DataFrame(rows, columns=HITS_COLUMNS)


# ---- the seed hand check (data/annotations/lexicon_check*.csv) -----------------------------------

SEED_CHECK_CSVS = list(config.LEXICON_SEED_CHECK_CSVS)
SEED_MISSES_CSV: Path = config.LEXICON_SEED_MISSES_CSV


def seed_judgements(paths: list[Path] | None = None) -> pd.DataFrame:
    """Every judged seed hit (``sentence_id, term_id, surface, correct``); later files win on duplicates."""
    frames = [pd.read_csv(p, dtype=str, keep_default_na=False) for p in (paths or SEED_CHECK_CSVS) if Path(p).exists()]
    j = pd.concat(frames, ignore_index=True)
    return j.drop_duplicates(["sentence_id", "term_id", "surface"], keep="last").reset_index(drop=True)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return [tuple(x) for x in out]


def seed_known_loaded(seeds: pd.DataFrame, judgements: pd.DataFrame | None = None, misses: pd.DataFrame | None = None) -> pd.DataFrame:
    """The seed corpus's known loaded expressions: spans of hits judged correct (any lexicon version)
    and of the misses listed by the first check, merged where they overlap (one row per expression)."""
    j = seed_judgements() if judgements is None else judgements
    m = pd.read_csv(SEED_MISSES_CSV, dtype=str, keep_default_na=False) if misses is None else misses
    text = seeds.set_index("sentence_id").text
    spans: dict[str, list[tuple[int, int]]] = {}
    for sid, phrase in list(zip(j[j.correct == "yes"].sentence_id, j[j.correct == "yes"].surface)) + list(zip(m.sentence_id, m.words)):
        if sid in text.index:
            spans.setdefault(sid, []).extend(locate(phrase, text[sid]))
    rows = [{"sentence_id": sid, "start": a, "end": b, "expression": text[sid][a:b]} for sid, sp in spans.items() for a, b in _merge(sp)]
    return pd.DataFrame(rows, columns=["sentence_id", "start", "end", "expression"])


def seed_check(seeds: pd.DataFrame, lexicon: Lexicon | None = None) -> dict:
    """Precision of the lexicon's seed hits against the hand judgements and recall of the known loaded expressions.

    ``unjudged`` lists hits no judgement covers (they must be judged before precision is final).
    """
    lx = lexicon or Lexicon.load()
    j = seed_judgements()
    verdict = {(r.sentence_id, r.term_id, r.surface): r.correct for r in j.itertuples()}
    hits = lx.hits_table(seeds)
    keys = list(zip(hits.sentence_id, hits.term_id, hits.surface))
    judged = [verdict[k] for k in keys if k in verdict]
    unjudged = [k for k in keys if k not in verdict]
    known = seed_known_loaded(seeds, j)
    by_sid: dict[str, list[tuple[int, int]]] = {}
    for sid, a, b in zip(hits.sentence_id, hits.start, hits.end):
        by_sid.setdefault(sid, []).append((a, b))
    found = [overlaps((r.start, r.end), by_sid.get(r.sentence_id, [])) for r in known.itertuples()]
    return {"hits": len(hits), "judged": len(judged), "correct": judged.count("yes"), "unjudged": unjudged,
            "precision": judged.count("yes") / len(judged) if judged else float("nan"),
            "known_loaded": len(known), "known_found": int(sum(found)),
            "recall": sum(found) / len(known) if len(known) else float("nan")}


BLIND_CHECK_CSV: Path = config.LEXICON_BLIND_CHECK_CSV


def blind_precision(path: Path | str | None = None, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """Precision of the blind check per corpus (``dev``, ``seed``, ``all``): hits judged, judged loaded, precision.

    With ``lexicon``, only the judged hits whose entry still exists and still matches the
    same span count (the figure for the current lexicon on the same judgements).
    """
    chk = pd.read_csv(Path(path or BLIND_CHECK_CSV), keep_default_na=False)
    if lexicon is not None:
        keep = [any(h.id == r.term_id and (h.start, h.end) == (r.start, r.end) for h in lexicon.match(r.sentence)) for r in chk.itertuples()]
        chk = chk[keep]
    rows = [(c, g) for c, g in chk.groupby("corpus")] + [("all", chk)]
    return pd.DataFrame([{"corpus": c, "hits": len(g), "loaded": int((g.loaded == "yes").sum()),
                          "precision": float((g.loaded == "yes").mean())} for c, g in rows]).set_index("corpus")
