"""Evaluate the corpus pipeline on the development set (``data/dev``).

The development set is 40 paraphrased real pages (``data/dev/articles``) whose every
visible line is labelled in ``labels_A.tsv`` / ``labels_B.tsv`` (chrome yes/no, voice,
speaker, stance; see ``data/dev/README.md``). This module runs
:func:`framing.corpus.build_corpus` on the articles and joins each labelled row to the
pipeline sentences that cover it.

**Matching.** Every article body is cut into normalised tokens (quotation marks
normalised, lower case, ``\\w+`` runs), each with its character span in the raw file.

* A *label row* is located as a contiguous run of its tokens in the body, searched
  forward from the previous row's position, then from the start of the article (labels
  follow the page order, and a repeated line such as ``NEWS`` takes the next
  occurrence). A row that cannot be located is reported in the ``unmatched`` table
  (``reason``), never dropped silently.
* A *pipeline sentence* owns the body tokens whose characters it kept. Kept characters
  are mapped back to the raw file through the removal log: characters neither removed
  nor whitespace appear in the cleaned text in the same order (the accounting invariant
  of :mod:`framing.clean`).
* ``coverage(row, sentence)`` = share of the row's tokens owned by the sentence. The
  row's *best* sentence is the one with the highest coverage; the row is **kept** when
  that coverage is more than :data:`KEEP_COVERAGE` ("most of its tokens").

Output sentences that cover no label row are listed by :func:`unlabelled_sentences`.

Corrections to the labels (``data/annotations/dev_corrections.csv``: ``article,
sentence, field, old, new, reason``) are applied before scoring; a correction whose row
or old value is not found raises :class:`ValueError`.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing import config, errors
from framing.corpus import ArticleResult, Corpus, build_corpus
from framing.segment import normalise
from framing.voice import load_speakers

#: A label row is kept as a sentence when one output sentence covers more than this share of its tokens.
KEEP_COVERAGE = 0.5
#: Label columns, in file order.
LABEL_COLUMNS = ["article", "sentence", "chrome", "voice", "speaker", "partnership", "west", "clarity", "loaded"]
#: Columns of the corrections file.
CORRECTION_COLUMNS = ["article", "sentence", "field", "old", "new", "reason"]

_TOKEN = re.compile(r"\w+")


# --------------------------------------------------------------------------- loading


def _read_tsv(path: Path) -> pd.DataFrame:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    header, body = rows[0], rows[1:]
    bad = [i + 2 for i, r in enumerate(body) if len(r) != len(header)]
    if bad:
        raise ValueError(f"{path.name}: lines {bad[:5]} do not have {len(header)} fields")
    return pd.DataFrame(body, columns=header)


def load_labels(dev_dir: Path | None = None, corrections: Path | None | bool = None) -> pd.DataFrame:
    """All label rows of the dev set, in file order, with a ``row`` id; corrections applied.

    Args:
        dev_dir: the dev-set folder (default ``config.DEV``).
        corrections: corrections file (default ``config.DEV_CORRECTIONS``); ``False``
            for the labels as delivered.
    """
    dev_dir = Path(dev_dir or config.DEV)
    files = sorted(dev_dir.glob(config.DEV_LABELS_GLOB))
    if not files:
        raise FileNotFoundError(f"no labels_*.tsv in {dev_dir}")
    df = pd.concat([_read_tsv(f) for f in files], ignore_index=True)
    missing = set(LABEL_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"label files lack columns {sorted(missing)}")
    df.insert(0, "row", range(len(df)))
    if corrections is not False:
        df = apply_corrections(df, load_corrections(None if corrections in (None, True) else Path(corrections)))
    return df


def load_sources(dev_dir: Path | None = None) -> pd.DataFrame:
    """Outlet, outlet type, country and stance lean of every dev article."""
    dev_dir = Path(dev_dir or config.DEV)
    return pd.concat([_read_tsv(f) for f in sorted(dev_dir.glob("SOURCES_*.tsv"))], ignore_index=True)


def load_corrections(path: Path | None = None) -> pd.DataFrame:
    """The label corrections (an empty table if the file does not exist)."""
    path = Path(path or config.DEV_CORRECTIONS)
    if not path.exists():
        return pd.DataFrame(columns=CORRECTION_COLUMNS)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = set(CORRECTION_COLUMNS) - set(df.columns)
    if missing:
        raise ValueError(f"{path.name} lacks columns {sorted(missing)}")
    return df


def apply_corrections(labels: pd.DataFrame, corrections: pd.DataFrame) -> pd.DataFrame:
    """Labels with each correction applied.

    A correction for an article that is not among the labels does not apply (another dev
    set); for an article that is, a missing row or a different old value raises ValueError.
    """
    out = labels.copy()
    articles = set(out.article)
    for c in corrections.itertuples(index=False):
        if c.article not in articles:
            continue
        if c.field not in LABEL_COLUMNS or c.field in ("article", "sentence"):
            raise ValueError(f"correction of unknown or key field {c.field!r} ({c.article})")
        hit = out.index[(out.article == c.article) & (out.sentence == c.sentence)]
        if len(hit) != 1:
            raise ValueError(f"correction for {c.article}: {len(hit)} rows have the sentence {c.sentence[:60]!r}")
        if out.at[hit[0], c.field] != c.old:
            raise ValueError(f"correction for {c.article}: {c.field} is {out.at[hit[0], c.field]!r}, not {c.old!r}")
        out.at[hit[0], c.field] = c.new
    return out


def run_pipeline(dev_dir: Path | None = None, cache: bool = True) -> Corpus:
    """The corpus pipeline on the dev articles."""
    dev_dir = Path(dev_dir or config.DEV)
    return build_corpus([dev_dir / config.ARTICLES_DIR_NAME], cache=cache)


# --------------------------------------------------------------------------- matching


def tokens(text: str) -> list[tuple[str, int, int]]:
    """Normalised tokens of ``text`` with their character spans: quotes normalised, lower case."""
    norm = normalise(text).lower()
    return [(m.group(0), m.start(), m.end()) for m in _TOKEN.finditer(norm)]


def _clean_to_raw(res: ArticleResult) -> list[int]:
    """For each non-whitespace character of the cleaned text, its offset in the raw file."""
    raw = res.article.raw
    removed = [False] * len(raw)
    for a, b in zip(res.removed.raw_start, res.removed.raw_end):
        for i in range(int(a), int(b)):
            removed[i] = True
    kept = [i for i in range(res.article.body_offset, len(raw)) if not removed[i] and not raw[i].isspace()]
    n_clean = sum(1 for ch in res.clean_text if not ch.isspace())
    if len(kept) != n_clean:
        raise errors.InvariantError(errors.KEPT_MAP.format(article=res.article.article))
    return kept


@dataclass
class ArticleIndex:
    """Body tokens of one article and the output sentence that owns each (``-1``: none)."""

    article: str
    toks: list[tuple[str, int, int]]
    owner: list[int]
    sentence_ids: list[str] = field(default_factory=list)
    by_first: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def build(cls, res: ArticleResult) -> ArticleIndex:
        raw = res.article.raw
        toks = [t for t in tokens(raw) if t[1] >= res.article.body_offset]
        raw_pos = _clean_to_raw(res)
        owner_of_char: dict[int, int] = {}
        nonspace = [i for i, ch in enumerate(res.clean_text) if not ch.isspace()]
        clean_rank = {c: k for k, c in enumerate(nonspace)}
        sents = res.sentences.reset_index(drop=True)
        for si, (a, b) in enumerate(zip(sents.start, sents.end)):
            for c in range(int(a), int(b)):
                k = clean_rank.get(c)
                if k is not None:
                    owner_of_char[raw_pos[k]] = si
        owner = []
        for _, a, b in toks:
            owner.append(next((owner_of_char[i] for i in range(a, b) if i in owner_of_char), -1))
        idx = cls(res.article.article, toks, owner, list(sents.sentence_id))
        for k, (t, _, _) in enumerate(toks):
            idx.by_first.setdefault(t, []).append(k)
        return idx

    def locate(self, row_tokens: list[str], cursor: int) -> int | None:
        """Token index where ``row_tokens`` occurs contiguously, searched from ``cursor``, then from 0."""
        if not row_tokens:
            return None
        starts = self.by_first.get(row_tokens[0], [])
        n = len(row_tokens)
        for pool in ([s for s in starts if s >= cursor], [s for s in starts if s < cursor]):
            for s in pool:
                if [t for t, _, _ in self.toks[s : s + n]] == row_tokens:
                    return s
        return None


def match(labels: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """One row per label row with its match to the pipeline output.

    Columns added to the labels: ``located`` (the row was found in the article),
    ``reason`` (why not), ``n_tokens``, ``best_sentence`` (sentence_id), ``coverage``
    (share of the row's tokens in its best sentence), ``kept`` (coverage >
    :data:`KEEP_COVERAGE`), ``n_sentences`` (output sentences owning any of its tokens),
    ``sentences`` (their ids, ``;``-separated), ``tok_start``/``tok_end`` (token span in
    the body), and the best sentence's ``text_out``, ``voice_out``, ``speaker_out``,
    ``truncated_out``.
    """
    by_article = {r.article.article: r for r in corpus.articles}
    sent_by_id = corpus.sentences.set_index("sentence_id")
    rows = []
    for art, grp in labels.groupby("article", sort=False):
        res = by_article.get(art)
        idx = ArticleIndex.build(res) if res is not None else None
        cursor = 0
        for r in grp.to_dict("records"):
            rt = [t for t, _, _ in tokens(r["sentence"])]
            out = {**r, "located": False, "reason": "", "n_tokens": len(rt), "best_sentence": "", "coverage": 0.0,
                   "kept": False, "n_sentences": 0, "sentences": "", "tok_start": -1, "tok_end": -1}
            if idx is None:
                out["reason"] = "article not processed by the pipeline"
            elif not rt:
                out["reason"] = "row has no word tokens"
            else:
                s = idx.locate(rt, cursor)
                if s is None:
                    out["reason"] = "row text not found in the article"
                else:
                    cursor = s + len(rt)
                    owners = Counter(o for o in idx.owner[s : s + len(rt)] if o >= 0)
                    out.update(located=True, tok_start=s, tok_end=s + len(rt), n_sentences=len(owners),
                               sentences=";".join(idx.sentence_ids[o] for o in sorted(owners)))
                    if owners:
                        best, n = max(owners.items(), key=lambda kv: (kv[1], -kv[0]))
                        out.update(best_sentence=idx.sentence_ids[best], coverage=n / len(rt), kept=n / len(rt) > KEEP_COVERAGE)
            rows.append(out)
    m = pd.DataFrame(rows)
    info = sent_by_id.reindex(m.best_sentence.where(m.best_sentence != ""))
    m["text_out"] = info["text"].fillna("").to_numpy()
    m["voice_out"] = info["voice"].fillna("").to_numpy()
    m["speaker_out"] = info["speaker"].fillna("").to_numpy()
    m["truncated_out"] = info["truncated"].fillna(False).astype(bool).to_numpy() if "truncated" in info else False
    return _boundary(m)


def _boundary(m: pd.DataFrame) -> pd.DataFrame:
    """Add ``split`` and ``merged`` (see :func:`dev_quality`) to matched label rows."""
    prose = m[(m.chrome == "no") & m.kept]
    kept_by_sentence: dict[str, list[int]] = {}
    for i, sid in zip(prose.index, prose.best_sentence):
        kept_by_sentence.setdefault(sid, []).append(i)
    m["split"] = (m.chrome == "no") & m.kept & (m.n_sentences > 1)
    m["merged"] = False
    for _sid, rows in kept_by_sentence.items():
        if len(rows) > 1:
            m.loc[rows, "merged"] = True
    m["boundary_error"] = m.split | m.merged
    return m


def unlabelled_sentences(matched: pd.DataFrame, corpus: Corpus) -> pd.DataFrame:
    """Output sentences that own tokens of no label row (text the labels do not account for)."""
    used = {s for ss in matched.sentences for s in ss.split(";") if s}
    return corpus.sentences[~corpus.sentences.sentence_id.isin(used)][["sentence_id", "article", "text", "voice", "speaker"]]


# --------------------------------------------------------------------------- scoring


def _norm_name(name: str) -> str:
    s = normalise(str(name or "")).lower()
    s = re.sub(r"\(.*?\)", " ", s)
    s = re.sub(r"'s\b", "", s)  # "South Korea's ministry" = "South Korean ministry" (with the next line)
    s = re.sub(r"\b(\w+a)n\b", r"\1", s)  # demonyms in -an: Korean, Russian, American
    s = re.sub(r"[^\w\s]", " ", s)
    s = re.sub(r"\bthe\b", " ", s)
    return " ".join(s.split())


def norm_speaker(name: str) -> str:
    """A speaker name for comparison.

    Each ``&``-joined part is resolved through the speaker gazetteer (a label written
    ``Yury Ushakov`` or ``the Kremlin`` compares with the pipeline's canonical name when
    it is one of the entry's aliases, with or without ``the``), then lower-cased,
    stripped of punctuation, of ``the`` and of the possessive ``'s``, and demonyms in
    ``-an`` are reduced to the country (``South Korean`` = ``South Korea's`` →
    ``south korea``); the parts are sorted, so ``A & B`` equals ``B & A``.
    """
    parts = []
    for part in str(name or "").split("&"):
        p = re.sub(r"^\s*the\s+", "", part.strip(), flags=re.IGNORECASE)
        for e in load_speakers():
            if p and (e.pattern.fullmatch(p) or e.pattern.fullmatch("the " + p)):
                p = e.canonical
                break
        if _norm_name(p):
            parts.append(_norm_name(p))
    return " & ".join(sorted(set(parts)))


def error_tables(m: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Every remaining error, one table per kind."""
    cols = ["article", "sentence", "chrome", "voice", "voice_out", "speaker", "speaker_out", "coverage", "n_sentences", "text_out"]
    prose = m[m.chrome == "no"]
    matched_prose = prose[prose.kept]
    both_q = matched_prose[(matched_prose.voice == "quoted") & (matched_prose.voice_out == "quoted")]
    return {
        "unmatched": m[~m.located][["article", "sentence", "chrome", "reason"]],
        "chrome_kept": m[(m.chrome == "yes") & m.kept][cols],
        "chrome_partly_kept": m[(m.chrome == "yes") & ~m.kept & (m.coverage > 0)][cols],
        "prose_lost": prose[prose.located & ~prose.kept][cols],
        "boundary": matched_prose[matched_prose.boundary_error][cols + ["split", "merged"]],
        "voice": matched_prose[matched_prose.voice != matched_prose.voice_out][cols],
        "speaker": both_q[both_q.speaker.map(norm_speaker) != both_q.speaker_out.map(norm_speaker)][cols],
    }


def dev_quality(matched: pd.DataFrame) -> dict:
    """Figures of the pipeline against the dev labels.

    Definitions (``matched`` from :func:`match`):

    * ``chrome_kept`` / ``chrome_kept_share``: chrome rows kept as a sentence (an output
      sentence covers more than :data:`KEEP_COVERAGE` of their tokens), count and share of chrome rows.
    * ``chrome_partly_kept``: chrome rows some of whose tokens (but not most) are in an output
      sentence (chrome glued into prose that a rule only partly cut).
    * ``prose_lost_share``: prose rows not kept, as a share of prose rows.
    * ``boundary_error_share``: share of prose rows with a boundary error, among prose rows.
      A kept prose row is *split* when its tokens are owned by two or more output
      sentences; it is *merged* when its best sentence is also the best sentence of
      another kept prose row. (A prose row merged with chrome shows up as kept chrome.)
    * ``voice_accuracy``: on kept prose rows, the best sentence's voice equals the label.
    * ``speaker_accuracy``: on kept prose rows that both call quoted, the names are equal
      after :func:`norm_speaker`.
    * ``unmatched``: label rows that could not be located in their article (listed in
      :func:`error_tables`).
    """
    chrome = matched[matched.chrome == "yes"]
    prose = matched[matched.chrome == "no"]
    kept_prose = prose[prose.kept]
    both_q = kept_prose[(kept_prose.voice == "quoted") & (kept_prose.voice_out == "quoted")]
    speaker_ok = both_q.speaker.map(norm_speaker) == both_q.speaker_out.map(norm_speaker)
    def share(a, b) -> float:
        return float(a) / b if b else float("nan")

    return {
        "rows": int(len(matched)),
        "unmatched": int((~matched.located).sum()),
        "chrome_rows": int(len(chrome)),
        "chrome_kept": int(chrome.kept.sum()),
        "chrome_kept_share": share(chrome.kept.sum(), len(chrome)),
        "chrome_partly_kept": int(((chrome.coverage > 0) & ~chrome.kept).sum()),
        "prose_rows": int(len(prose)),
        "prose_lost": int((~prose.kept).sum()),
        "prose_lost_share": share((~prose.kept).sum(), len(prose)),
        "boundary_errors": int(kept_prose.boundary_error.sum()),
        "boundary_error_share": share(kept_prose.boundary_error.sum(), len(prose)),
        "voice_accuracy": share((kept_prose.voice == kept_prose.voice_out).sum(), len(kept_prose)),
        "speaker_rows": int(len(both_q)),
        "speaker_accuracy": share(speaker_ok.sum(), len(both_q)),
    }


def quality_by(matched: pd.DataFrame, sources: pd.DataFrame, by: str = "outlet_type") -> pd.DataFrame:
    """:func:`dev_quality` per group of articles (``by`` is a column of the sources table, or ``article``)."""
    m = matched.merge(sources[["article", by]].drop_duplicates("article"), on="article", how="left") if by != "article" else matched
    rows = [{by: key, **dev_quality(grp)} for key, grp in m.groupby(by, dropna=False)]
    return pd.DataFrame(rows)


def evaluate(dev_dir: Path | None = None, cache: bool = True) -> tuple[dict, pd.DataFrame, dict[str, pd.DataFrame]]:
    """Labels (corrected) → pipeline → match → figures and error tables."""
    corpus = run_pipeline(dev_dir, cache=cache)
    matched = match(load_labels(dev_dir), corpus)
    tables = error_tables(matched)
    tables["unlabelled"] = unlabelled_sentences(matched, corpus)
    tables["by_outlet_type"] = quality_by(matched, load_sources(dev_dir))
    return dev_quality(matched), matched, tables


def main_dev(dev_dir: Path | None = None, errors_dir: Path | None = None, verbose: bool = False) -> int:
    """Print the dev figures (and with ``verbose`` every error); write the error tables to ``errors_dir``."""
    figures, _, tables = evaluate(dev_dir)
    for k, v in figures.items():
        print(f"{k:24s} {v:.3f}" if isinstance(v, float) else f"{k:24s} {v}")
    if errors_dir is not None:
        errors_dir.mkdir(parents=True, exist_ok=True)
        for name, t in tables.items():
            t.to_csv(errors_dir / f"{name}.csv", index=False)
    if verbose:
        with pd.option_context("display.max_rows", None, "display.max_colwidth", 90, "display.width", 250):
            for name, t in tables.items():
                print(f"\n=== {name} ({len(t)})")
                if len(t):
                    print(t.to_string())
    return 0


if __name__ == "__main__":  # pragma: no cover
    import sys

    sys.exit(main_dev(verbose="-v" in sys.argv))
