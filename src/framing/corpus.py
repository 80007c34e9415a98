"""Build and load the sentence corpus.

``build_corpus`` runs ingest → clean → segment → voice on every article file, one
article at a time: a bad article is skipped with a reason and never stops the others.
``write_corpus`` stores the tiers (``data/interim``: cleaned texts, removal log,
accounting; ``data/processed``: ``sentences.parquet`` and a CSV twin), and
``load_sentences`` reads the processed table back.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from framing import config
from framing.article_cache import ArticleCache
from framing.article_result import SENTENCE_COLUMNS, VOICES, ArticleResult, check_article  # noqa: F401 (re-exported)
from framing.clean import clean
from framing.errors import InvariantError, check
from framing.ingest import Article, Skipped, no_outlet_message, read_all, read_manifest
from framing.language import SUPPORTED, detect, unsupported_message
from framing.lexicon import LEX_COUNT_COLUMNS, Lexicon
from framing.outputs import atomic_path
from framing.segment import is_truncated, segment
from framing.voice import attribute, load_speakers


@dataclass
class Corpus:
    """The result of a corpus build."""

    sentences: pd.DataFrame
    removed: pd.DataFrame
    accounting: pd.DataFrame
    articles: list[ArticleResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[Skipped] = field(default_factory=list)  # not article files (other endings, unsearched subfolders)

    def report(self, not_read: bool = False) -> str:
        """A short text report: what was processed, what was skipped and why (and, with ``not_read``, the paths not read)."""
        lines = [f"{len(self.articles)} article(s) processed, {len(self.sentences)} sentences."]
        if self.skipped:
            lines.append(f"{len(self.skipped)} file(s) skipped:")
            lines += [f"  - {s}" for s in self.skipped]
        else:
            lines.append("No file skipped.")
        if not_read and self.ignored:
            lines.append(f"{len(self.ignored)} path(s) not read (not article files):")
            lines += [f"  - {s}" for s in self.ignored]
        if self.no_outlet:
            lines.append(no_outlet_message(self.no_outlet))
        return "\n".join(lines)

    @property
    def no_outlet(self) -> list[str]:
        """Ids of the kept articles that no metadata named an outlet for (their outlet is the id)."""
        return [r.article.article for r in self.articles if not r.article.has_outlet]


#: Outlet types whose pages are the organisation's own publication (an unattributed quotation there is the publisher's).
PUBLISHER_VOICE_TYPES = frozenset({"think-tank", "government"})


def publisher_of(art: Article) -> str:
    """The outlet's name without its parenthesised note (``Example Institute (Research Desk)`` → ``Example Institute``)
    when its pages are its own publication (``PUBLISHER_VOICE_TYPES``), else ``""``."""
    if str(art.meta.get("outlet_type", "")) not in PUBLISHER_VOICE_TYPES:
        return ""
    return art.outlet.split(" (")[0].strip()


def process_article(art: Article) -> ArticleResult:
    """Clean, segment and attribute one article. Raises ValueError if no prose is left."""
    sources = [e.canonical for e in load_speakers() if e.kind == "media"]
    sources += [art.outlet, str(art.meta.get("original_source", "")).split(";")[0].split("(")[0]]
    res = clean(art.body, sources)
    body_paras = [p for p in res.paragraphs if p.kind == "body"]
    if not body_paras:
        rules = sorted({r.rule for r in res.removed})
        raise ValueError(
            "nothing but page chrome: no article text is left after cleaning"
            + (f" (rules that fired: {', '.join(rules)})" if rules else "")
        )
    sents = segment(res)
    voices = attribute(res.text, sents, load_speakers(), publisher_of(art))
    df = Lexicon.load().annotate(pd.DataFrame(_sentence_rows(art, res.text, sents, voices), columns=SENTENCE_COLUMNS[: -2 - len(LEX_COUNT_COLUMNS)]))
    removed = pd.DataFrame(
        [
            {"article": art.article, "rule": r.rule, "raw_start": art.body_offset + r.start, "raw_end": art.body_offset + r.end,
             "chars": r.end - r.start, "text": r.text}
            for r in res.removed
        ],
        columns=["article", "rule", "raw_start", "raw_end", "chars", "text"],
    )
    accounting = {
        "article": art.article,
        "outlet": art.outlet,
        "raw_chars": len(art.raw),
        "front_matter_chars": art.body_offset,
        "kept_chars": res.kept_chars,
        "removed_chars": res.removed_chars,
        "whitespace_chars": res.whitespace_chars,
        "share_removed": round(res.removed_chars / max(1, res.kept_chars + res.removed_chars), 4),
        "sha256": art.sha256,
        "headline": res.headline,
    }
    accounting["language"], accounting["language_confidence"] = detect(res.text)
    check_article(art, res.text, df, accounting)
    return ArticleResult(art, res.text, df, removed, accounting)


def _sentence_rows(art: Article, clean_text: str, sents: list, voices: list) -> list[dict]:
    """One row per sentence (the columns before the lexicon's)."""
    meta = art.meta
    last_body = max((i for i, s in enumerate(sents) if s.kind == "body"), default=-1)
    rows = []
    for i, (s, v) in enumerate(zip(sents, voices)):
        text = clean_text[s.start : s.end]
        rows.append(
            {
                "sentence_id": f"{art.article}-{i:04d}",
                "article": art.article,
                "outlet": art.outlet,
                "event": str(meta.get("event", "") or ""),
                "date": str(meta.get("date", "") or ""),
                "paragraph": s.paragraph,
                "sentence": i,
                "kind": s.kind,
                "start": s.start,
                "end": s.end,
                "text": text,
                "n_words": len(text.split()),
                "truncated": i == last_body and is_truncated(text),
                "voice": v.voice,
                "voice_type": v.voice_type,
                "speaker": v.speaker,
                "relayed_by": v.relayed_by,
                "voice_cue": v.cue,
            }
        )
    return rows


def pipeline_fingerprint() -> str:
    """A hash of everything that decides an article's processed form: the pipeline's code and data files.

    ``ingest`` counts: an HTML page's metadata (its outlet) is read there, and the cache key holds only the raw bytes.
    """
    from framing import article_result as _article_result
    from framing import clean as _clean
    from framing import ingest as _ingest
    from framing import lexicon as _lexicon
    from framing import segment as _segment
    from framing import voice as _voice

    h = hashlib.sha256()
    for mod in (_ingest, _clean, _segment, _voice, _lexicon, _article_result, sys.modules[__name__]):
        h.update(Path(mod.__file__).read_bytes())
    for f in (config.SPEAKERS_CSV, config.NAME_STOPLIST_CSV, config.LEXICON_CSV):
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _process_or_skip(art: Article, store: ArticleCache | None, languages: tuple[str, ...] | None,
                     skipped: list[Skipped]) -> ArticleResult | None:
    """One article processed (or read from ``store``), or ``None`` with the reason added to ``skipped``."""
    try:
        hit = store.get(art) if store else None
        if hit is None:
            hit = process_article(art)
            if store:
                store.put(hit)
        lang = hit.accounting.get("language", "und")
        if languages is not None and lang not in (*languages, "und"):
            skipped.append(Skipped(art.path, unsupported_message(lang, hit.accounting["language_confidence"])))
            return None
        return hit
    except InvariantError:
        raise  # a bug in the pipeline, not a bad file: the run fails
    except ValueError as e:
        skipped.append(Skipped(art.path, str(e)))
    except Exception as e:  # one bad article never stops the others
        skipped.append(Skipped(art.path, f"could not be processed ({type(e).__name__}: {e})"))
    return None


def build_corpus(paths: Iterable[Path | str] | None = None, manifest_path: Path | None = None, cache: bool = True,
                 progress: bool = False, languages: tuple[str, ...] | None = SUPPORTED, recursive: bool = False,
                 on_article: Callable[[ArticleResult], None] | None = None) -> Corpus:
    """Process every article file under ``paths`` (default ``data/raw``; subfolders too with ``recursive``).

    ``cache`` reuses processed articles from ``.cache/articles`` (see :class:`ArticleCache`).
    Articles detected in a language outside ``languages`` are skipped with a message
    (``languages=None`` keeps every language; see :mod:`framing.language`). An article
    that fails in any way is skipped with the reason; it never stops the others.
    ``on_article(result)``, if given, is called with each kept article as soon as it is done
    (:func:`framing.score.score_paths` starts encoding its sentences while later ones are built).
    """
    paths = list(paths) if paths is not None else [config.RAW]
    manifest = read_manifest(Path(manifest_path or config.ARTICLES_CSV))
    articles, skipped, ignored = read_all(paths, manifest, recursive)
    store = ArticleCache(fingerprint=pipeline_fingerprint()) if cache else None
    done: list[ArticleResult] = []
    it = articles
    if progress:
        from tqdm.auto import tqdm

        it = tqdm(articles, desc="articles read", unit="article")
    for art in it:
        hit = _process_or_skip(art, store, languages, skipped)
        if hit is not None:
            done.append(hit)
            if on_article is not None:  # outside the article's try: a failing callback is not the article's fault
                on_article(hit)
    sentences = pd.concat([r.sentences for r in done], ignore_index=True) if done else pd.DataFrame(columns=SENTENCE_COLUMNS)
    removed = pd.concat([r.removed for r in done], ignore_index=True) if done else pd.DataFrame()
    accounting = pd.DataFrame([r.accounting for r in done])
    if done:
        per_article = sentences.groupby("article").size()
        check(per_article.sum() == len(sentences), "per-article sentence counts must add up to the corpus")
        check(set(per_article.index) == {r.article.article for r in done}, "an article produced no sentences")
    return Corpus(sentences, removed, accounting, done, skipped, ignored)


def write_corpus(corpus: Corpus, processed: Path | None = None, interim: Path | None = None) -> None:
    """Write the interim and processed tiers of a built corpus (every file atomically: temp file, then rename)."""
    processed = Path(processed or config.PROCESSED)
    interim = Path(interim or config.INTERIM)
    (interim / config.CLEAN_DIR_NAME).mkdir(parents=True, exist_ok=True)
    processed.mkdir(parents=True, exist_ok=True)
    for r in corpus.articles:
        dst = interim / config.CLEAN_DIR_NAME / f"{r.article.article}.txt"
        dst.parent.mkdir(parents=True, exist_ok=True)  # ids of files in subfolders hold a '/'
        with atomic_path(dst) as tmp:
            tmp.write_text(r.clean_text, encoding="utf-8")
    skipped = pd.DataFrame([{"file": str(s.path), "problem": s.problem} for s in corpus.skipped], columns=["file", "problem"])
    tables = [(corpus.removed, interim / config.REMOVED_CSV_NAME), (corpus.accounting, interim / config.ACCOUNTING_CSV_NAME),
              (skipped, interim / config.SKIPPED_CSV_NAME)]
    for df, dst in tables:
        with atomic_path(dst) as tmp:
            df.to_csv(tmp, index=False)
    with atomic_path(processed / config.SENTENCES_PARQUET_NAME) as tmp:
        corpus.sentences.to_parquet(tmp, index=False)
    with atomic_path(processed / config.SENTENCES_CSV_NAME) as tmp:
        corpus.sentences.to_csv(tmp, index=False)


def load_sentences(path: Path | None = None) -> pd.DataFrame:
    """Load the processed sentence table (``data/processed/sentences.parquet``)."""
    path = Path(path or config.SENTENCES_PARQUET)
    if not path.exists():
        raise FileNotFoundError(f"{path} does not exist: build it with `framing corpus` or `make analysis`")
    return pd.read_parquet(path)


def load_removed(path: Path | None = None) -> pd.DataFrame:
    """Load the removal log (``data/interim/removed.csv``)."""
    return pd.read_csv(Path(path or config.REMOVED_CSV))


def load_accounting(path: Path | None = None) -> pd.DataFrame:
    """Load the per-article character accounting (``data/interim/accounting.csv``)."""
    return pd.read_csv(Path(path or config.ACCOUNTING_CSV))


# Re-exported for notebook 01 (``from framing.corpus import outlet_summary``); new code imports framing.summaries.
from framing.summaries import outlet_summary, top_speakers  # noqa: E402,F401
