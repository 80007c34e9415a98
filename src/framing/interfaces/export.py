"""The SQLite export: scored sentences as a database that Datasette browses and publishes.

``framing export SCORES --sqlite FILE`` writes, with ``sqlite-utils``:

* ``articles`` (primary key ``article``): outlet, outlet type, event, date, number of sentences;
* ``sentences`` (primary key ``sentence_id``, foreign key ``article`` → ``articles``): voice,
  speaker, text, both stance labels and scores, loaded terms, and ``categories`` as a JSON
  array (for Datasette's array facet), with full-text search on ``text`` (FTS5, kept in
  step by triggers);
* ``loaded_term_hits`` (foreign key ``sentence_id`` → ``sentences``): one row per lexicon hit
  (entry, category, directions, character span, matched text), with outlet and voice;

and ``metadata.yml`` beside the database: facets (outlet, voice, stance, category) and
canned queries (an outlet's most critical own sentences; every sentence with a given term).
Browse it with ``datasette FILE -m metadata.yml``.

Example:
    >>> from framing.interfaces.export import metadata
    >>> sorted(metadata("scores")["databases"]["scores"]["queries"])
    ['most_critical_own_sentences', 'sentences_with_term']
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from framing.interfaces.scores import prepare, read_scores
from framing.lexicon import Lexicon
from framing.schema import COLS

METADATA_YML = "metadata.yml"
SENTENCE_COLUMNS = ["sentence_id", "article", "outlet", "outlet_type", "voice", "speaker", "text", *COLS.values(),
                    *(f"{c}_score" for c in COLS.values()), "loaded_terms", "categories"]
#: Columns copied when the scores table has them.
OPTIONAL_COLUMNS = ["paragraph", "sentence", "kind", "voice_type", "relayed_by",
                    *(f"p_{t}_{lab}" for t in COLS for lab in ("critical", "neutral", "favorable"))]
HIT_COLUMNS = ["sentence_id", "outlet", "voice", "speaker", "term_id", "term", "category", "partnership_direction",
               "west_direction", "start", "end", "surface"]

MOST_CRITICAL_SQL = """select sentence_id, article, speaker, text, stance_partnership, stance_partnership_score,
  stance_west, stance_west_score, loaded_terms
from sentences
where outlet = :outlet and voice = 'authorial'
order by case :target when 'west' then stance_west_score else stance_partnership_score end asc
limit 50"""
WITH_TERM_SQL = """select distinct s.sentence_id, s.outlet, s.voice, s.speaker, h.term_id, h.surface, h.category, s.text
from loaded_term_hits h join sentences s on s.sentence_id = h.sentence_id
where h.term_id = :term or lower(h.surface) = lower(:term) or lower(h.term) = lower(:term)
order by s.outlet, s.sentence_id"""


def tables(scores: pd.DataFrame, lexicon: Lexicon | None = None, source: str = "scores table") -> dict[str, pd.DataFrame]:
    """The three tables of the database, from a scores table (checked: one row per ``sentence_id``)."""
    t = prepare(scores, source=source)
    dup = t.sentence_id[t.sentence_id.duplicated()]
    if len(dup):
        raise ValueError(f"{source}: {len(dup)} duplicate sentence_id value(s), e.g. {dup.iloc[0]!r}")
    for c in ("event", "date"):
        if c not in t.columns:
            t[c] = ""
    t["categories"] = t.loaded_categories.map(lambda s: json.dumps([c for c in s.split(";") if c]))
    sentences = t[SENTENCE_COLUMNS + [c for c in OPTIONAL_COLUMNS if c in t.columns]]
    articles = (t.groupby("article", sort=True).agg(outlet=("outlet", "first"), outlet_type=("outlet_type", "first"),
                                                    event=("event", "first"), date=("date", "first"),
                                                    sentences=("sentence_id", "size")).reset_index())
    hits = (lexicon or Lexicon.load()).hits_table(t)[HIT_COLUMNS]
    return {"articles": articles, "sentences": sentences, "loaded_term_hits": hits}


def _records(df: pd.DataFrame) -> list[dict]:
    """Rows as dicts with plain Python values (NaN as NULL)."""
    return json.loads(df.to_json(orient="records", force_ascii=False))


def write_sqlite(scores: pd.DataFrame, path: str | Path, source: str = "scores table") -> Path:
    """Write the database to ``path`` (replaced if it exists) and ``metadata.yml`` beside it; return the database path."""
    import sqlite_utils

    path = Path(path)
    t = tables(scores, source=source)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite_utils.Database(tmp)
    db["articles"].insert_all(_records(t["articles"]), pk="article")
    db["sentences"].insert_all(_records(t["sentences"]), pk="sentence_id", foreign_keys=[("article", "articles", "article")])
    db["loaded_term_hits"].insert_all(_records(t["loaded_term_hits"]), pk="id", foreign_keys=[("sentence_id", "sentences", "sentence_id")],
                                      columns={"id": int, **{c: str for c in HIT_COLUMNS}, "start": int, "end": int,
                                               "partnership_direction": int, "west_direction": int})
    db["sentences"].enable_fts(["text"], create_triggers=True)
    for table, cols in (("sentences", ["article"]), ("sentences", ["outlet"]), ("loaded_term_hits", ["sentence_id"]),
                        ("loaded_term_hits", ["term_id"])):
        db[table].create_index(cols, if_not_exists=True)
    db.conn.close()
    tmp.replace(path)
    write_metadata(path)
    return path


def metadata(db_name: str) -> dict:
    """Datasette metadata for the database called ``db_name``: facets and canned queries."""
    return {
        "title": "framing: scored news sentences",
        "description": ("One row per sentence with voice, speaker, stance toward the Russia–DPRK partnership and toward "
                        "the West (labels and scores, P(favourable) − P(critical)) and loaded-lexicon terms."),
        "databases": {db_name: {
            "tables": {
                "sentences": {"facets": ["outlet", "outlet_type", "voice", "stance_partnership", "stance_west", {"array": "categories"}],
                              "sort": "sentence_id", "label_column": "text"},
                "loaded_term_hits": {"facets": ["category", "outlet", "voice", "term_id"]},
                "articles": {"facets": ["outlet_type", "event"]},
            },
            "queries": {
                "most_critical_own_sentences": {
                    "title": "An outlet's most critical own sentences",
                    "description": "The outlet's authorial sentences with the lowest score toward a target (partnership or west).",
                    "sql": MOST_CRITICAL_SQL},
                "sentences_with_term": {
                    "title": "Every sentence with a given loaded term",
                    "description": "Give a lexicon entry id (e.g. imperialism), its term, or the matched words.",
                    "sql": WITH_TERM_SQL},
            },
        }},
    }


def write_metadata(db_path: Path) -> Path:
    """Write :func:`metadata` as ``metadata.yml`` beside ``db_path``."""
    import yaml

    out = Path(db_path).with_name(METADATA_YML)
    out.write_text(yaml.safe_dump(metadata(Path(db_path).stem), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return out


def main_export(scores_path: str, sqlite: str) -> int:
    """CLI body of ``framing export SCORES --sqlite FILE``."""
    scores = read_scores(scores_path)
    path = write_sqlite(scores, sqlite, source=scores_path)
    print(f"{len(scores)} sentences -> {path}; browse with: datasette {path} -m {path.with_name(METADATA_YML)}", file=sys.stderr)
    return 0
