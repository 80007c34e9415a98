"""The SQLite export, and Datasette serving it: facet counts and full-text search equal pandas."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pandas as pd
import pytest
import sqlite_utils
import yaml

from framing.cli import main
from framing.interfaces.export import METADATA_YML, tables, write_sqlite
from framing.interfaces.synthetic import seed_scores


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return seed_scores()


@pytest.fixture(scope="module")
def db_path(seed, tmp_path_factory):
    return write_sqlite(seed, tmp_path_factory.mktemp("db") / "scores.db")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def datasette(db_path):
    """Datasette serving the export on 127.0.0.1 (a subprocess, stopped after the tests)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(db_path), "-m", str(db_path.with_name(METADATA_YML)),
                             "-h", "127.0.0.1", "-p", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if proc.poll() is not None:
                raise AssertionError("datasette exited: " + proc.stdout.read().decode(errors="replace"))
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("datasette did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def get(url: str) -> dict | list:
    with urllib.request.urlopen(url, timeout=30) as r:
        return json.loads(r.read())


def test_tables_keys_and_fts(db_path, seed):
    db = sqlite_utils.Database(db_path)
    assert db["sentences"].count == len(seed)
    assert db["articles"].count == seed.article.nunique()
    assert {(fk.column, fk.other_table) for fk in db["sentences"].foreign_keys} == {("article", "articles")}
    assert {(fk.column, fk.other_table) for fk in db["loaded_term_hits"].foreign_keys} == {("sentence_id", "sentences")}
    assert db["sentences"].detect_fts() == "sentences_fts"
    assert db.execute("pragma foreign_key_check").fetchall() == []
    assert db["loaded_term_hits"].count == len(tables(seed)["loaded_term_hits"]) > 0


def test_duplicate_sentence_ids_are_an_error(seed):
    with pytest.raises(ValueError, match="duplicate sentence_id"):
        tables(pd.concat([seed, seed.head(1)]), source="x.csv")


def test_cli_export_writes_database_and_metadata(tmp_path, seed):
    seed.to_parquet(tmp_path / "scores.parquet")
    assert main(["export", str(tmp_path / "scores.parquet"), "--sqlite", str(tmp_path / "out" / "s.db")]) == 0
    meta = yaml.safe_load((tmp_path / "out" / METADATA_YML).read_text())
    assert {"most_critical_own_sentences", "sentences_with_term"} <= set(meta["databases"]["s"]["queries"])
    assert main(["export", str(tmp_path / "nope.parquet"), "--sqlite", str(tmp_path / "x.db")]) == 2


def test_datasette_facets_equal_pandas(datasette, db_path, seed):
    r = get(f"{datasette}/{db_path.stem}/sentences.json?_size=0")
    facets = r["facet_results"]
    facets = facets.get("results", facets)  # Datasette 1.0 nests them under "results"
    for col in ("outlet", "voice", "stance_partnership", "stance_west"):
        got = {f["value"]: f["count"] for f in facets[col]["results"]}
        assert got == seed[col].value_counts().to_dict(), col
    cats = seed.loaded_categories.str.split(";").explode()
    got = {f["value"]: f["count"] for f in facets["categories"]["results"]}
    assert got == cats[cats != ""].value_counts().to_dict()


@pytest.mark.parametrize("term", ["imperialism", "sanctions", "Kim"])
def test_datasette_full_text_search_finds_every_sentence(datasette, db_path, seed, term):
    r = get(f"{datasette}/{db_path.stem}/sentences.json?_search={term}&_size=max&_col=sentence_id&_shape=objects")
    found = {row["sentence_id"] for row in r["rows"]}
    word = re.compile(rf"(?<![^\W_]){re.escape(term)}(?![^\W_])", re.IGNORECASE)
    expect = set(seed[seed.text.map(lambda t: bool(word.search(t)))].sentence_id)
    assert expect and found == expect


def test_datasette_canned_queries(datasette, db_path, seed):
    outlet = seed.outlet.iloc[0]
    rows = get(f"{datasette}/{db_path.stem}/most_critical_own_sentences.json?outlet={urllib.request.quote(outlet)}&target=west&_shape=array")
    own = seed[(seed.outlet == outlet) & (seed.voice == "authorial")].sort_values("stance_west_score")
    assert [r["sentence_id"] for r in rows][:5] == own.sentence_id.head(5).tolist()
    hits = tables(seed)["loaded_term_hits"]
    term = hits.term_id.value_counts().index[0]
    rows = get(f"{datasette}/{db_path.stem}/sentences_with_term.json?term={term}&_shape=array")
    assert {r["sentence_id"] for r in rows} == set(hits[hits.term_id == term].sentence_id)
