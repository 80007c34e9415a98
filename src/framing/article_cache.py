"""The article cache: processed articles on disk, in a data format, validated on read.

A re-run over the same files reads the stored sentence tables instead of cleaning,
segmenting and attributing again. Each entry is one Parquet file
(``FRAMING_CACHE/articles/<key>.parquet``): the sentence table as columns, and the
cleaned text, removal log and accounting as JSON in the file's key-value metadata,
with a schema version. Nothing in the cache is unpickled or executed: a file planted in
the folder is at worst data that fails validation.

Every entry is checked on read (schema version, key, the raw file's SHA-256, column
names and Arrow types, JSON field types, and the invariants of
:func:`framing.article_result.check_article`); a corrupt, foreign, wrong-typed or swapped entry
is a cache miss, logged once, and rewritten. The cache is an optimisation: a folder that
cannot be read or written (read-only, full disk) gives one warning and the run goes on
without it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from framing import config
from framing.article_result import SENTENCE_COLUMNS, ArticleResult, check_article
from framing.errors import InvariantError

log = logging.getLogger("framing")

#: Bumped whenever the entry layout changes (old entries become misses).
SCHEMA_VERSION = 1
#: Key of the JSON blob in the Parquet file's metadata.
META_KEY = b"framing.article_cache"
REMOVED_COLUMNS = ["article", "rule", "raw_start", "raw_end", "chars", "text"]
#: Arrow types a sentence-table column may have in a valid entry.
ALLOWED_TYPES = (pa.string(), pa.large_string(), pa.int64(), pa.bool_(), pa.float64(), pa.null())
#: pandas dtypes a sentence-table column may be restored to.
ALLOWED_DTYPES = {"str", "string", "object", "int64", "bool", "float64"}


class CacheEntryError(ValueError):
    """A cache entry that fails validation (treated as a miss)."""


def _require(cond: bool, problem: str) -> None:
    if not cond:
        raise CacheEntryError(problem)


class ArticleCache:
    """Processed articles keyed by the pipeline fingerprint, the raw file's hash, the article id and its manifest row."""

    def __init__(self, fingerprint: str, folder: Path | None = None):
        self.folder = Path(folder or (config.CACHE / config.ARTICLE_CACHE_NAME))
        self.fingerprint = fingerprint  # of the pipeline's code and data (framing.corpus.pipeline_fingerprint)
        self.enabled = True

    def key(self, art) -> str:
        """The entry's key: bounded inputs only (the manifest row is CSV text; the front matter is in the file's hash)."""
        row = json.dumps(art.source_row, sort_keys=True, ensure_ascii=True)
        parts = f"{SCHEMA_VERSION}|{self.fingerprint}|{art.sha256}|{art.article}|{row}"
        return hashlib.sha256(parts.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def path(self, art) -> Path:
        return self.folder / f"{self.key(art)}.parquet"

    def _disable(self, action: str, err: OSError) -> None:
        if self.enabled:
            log.warning("framing: warning: article cache %s: cannot %s (%s); going on without the article cache",
                        self.folder, action, err.strerror or err)
        self.enabled = False

    def get(self, art):
        """The stored :class:`~framing.article_result.ArticleResult` for ``art``, or ``None`` (a miss)."""
        if not self.enabled:
            return None
        path = self.path(art)
        try:
            if not path.is_file():
                return None
            table = pq.read_table(path)
        except PermissionError as e:
            self._disable("read", e)
            return None
        except Exception as e:  # corrupt or foreign file: a miss
            log.warning("framing: warning: article cache entry %s is unreadable (%s); it will be rewritten", path.name, type(e).__name__)
            return None
        try:
            return self._load(art, table)
        except (CacheEntryError, InvariantError, ValueError, TypeError, KeyError) as e:
            log.warning("framing: warning: article cache entry %s is invalid (%s); it will be rewritten", path.name, e)
            return None

    def _load(self, art, table: pa.Table):
        """Validate a stored table and turn it into an ArticleResult (raises on anything unexpected)."""
        raw = (table.schema.metadata or {}).get(META_KEY)
        _require(raw is not None, "no framing metadata")
        d = json.loads(raw)
        _require(isinstance(d, dict) and d.get("schema") == SCHEMA_VERSION, "wrong schema version")
        _require(d.get("key") == self.key(art) and d.get("sha256") == art.sha256 and d.get("article") == art.article,
                 "entry belongs to another article")
        _require(table.schema.names == SENTENCE_COLUMNS, "unexpected columns")
        _require(all(any(f.type == t for t in ALLOWED_TYPES) for f in table.schema), "unexpected column types")
        clean_text, acc, removed = d.get("clean_text"), d.get("accounting"), d.get("removed")
        _require(isinstance(clean_text, str), "clean_text is not text")
        _require(isinstance(acc, dict) and all(isinstance(k, str) for k in acc), "accounting is not a mapping")
        _require(isinstance(removed, list) and all(isinstance(r, list) and len(r) == len(REMOVED_COLUMNS) for r in removed),
                 "removed is not a list of rows")
        dtypes = d.get("dtypes") or {}
        _require(isinstance(dtypes, dict) and set(dtypes.values()) <= ALLOWED_DTYPES, "unexpected dtypes")
        sentences = table.replace_schema_metadata(None).to_pandas()
        differ = {c: t for c, t in dtypes.items() if str(sentences[c].dtype) != t}  # an unknown column: KeyError, a miss
        if differ:  # usually none: Arrow restores them (and astype copies every column even then)
            sentences = sentences.astype(differ)
        removed_df = pd.DataFrame([dict(zip(REMOVED_COLUMNS, r)) for r in removed], columns=REMOVED_COLUMNS)
        _require(acc.get("sha256") == art.sha256, "accounting of another file")
        check_article(art, clean_text, sentences, acc)
        return ArticleResult(art, clean_text, sentences, removed_df, acc)

    def put(self, res) -> None:
        """Store a processed article (atomically: a reader never sees half a file)."""
        if not self.enabled:
            return
        art = res.article
        meta = {
            "schema": SCHEMA_VERSION, "key": self.key(art), "sha256": art.sha256, "article": art.article,
            "clean_text": res.clean_text, "accounting": res.accounting,
            "removed": res.removed[REMOVED_COLUMNS].values.tolist() if len(res.removed) else [],
            "dtypes": {c: str(t) for c, t in res.sentences.dtypes.items()},
        }
        table = pa.Table.from_pandas(res.sentences, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), META_KEY: json.dumps(meta, default=_json_default)})
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".parquet", dir=self.folder)
            os.close(fd)
            try:
                pq.write_table(table, tmp)
                os.replace(tmp, self.path(art))
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        except OSError as e:
            self._disable("write", e)


def _json_default(value):
    """JSON for the numpy scalars an accounting row may hold."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON data")
