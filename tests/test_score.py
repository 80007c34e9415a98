"""`framing score`: the output contract, bad files, CLI = Python function, model integrity."""

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.cli import main
from framing.score import SCORE_COLUMNS, score, score_paths
from framing.stance import MODEL_DIR, ModelIntegrityError, load_model

NEW_ARTICLES = {
    "tass_like.txt": "---\noutlet: Test Wire East\nevent: pyongyang-2024\n---\nPutin and Kim Sign Partnership Treaty\n\n"
    "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a treaty on comprehensive strategic partnership on Wednesday. "
    "\"Our friendship is invincible and our cooperation serves peace,\" Kim said. "
    "The Kremlin said the illegal sanctions imposed by Washington would not stop the two countries.\n",
    "west_paper.txt": "---\noutlet: Test Daily West\n---\nA Dangerous Pact\n\n"
    "The pact between two isolated pariah regimes is a grave threat to security in Europe and Asia. "
    "The State Department rightly warned that arms transfers from Pyongyang violate Security Council resolutions.\n",
    "blog.md": "Notes From the Summit\n\nThe delegation travelled by train and toured the cosmodrome for three hours. "
    "Lunch was served at noon.\n\nJoin Our Newsletter\n",
    "broken.txt": b"\xff\xfe\x00binary\x00junk",
}


@pytest.fixture(scope="module")
def new_corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("new")
    for name, content in NEW_ARTICLES.items():
        p = d / name
        p.write_bytes(content) if isinstance(content, bytes) else p.write_text(content, encoding="utf-8")
    return d


@pytest.fixture(scope="module")
def scored(new_corpus) -> pd.DataFrame:
    return score([new_corpus])


def test_contract_columns_and_values(scored):
    assert list(scored.columns[: len(SCORE_COLUMNS)]) == SCORE_COLUMNS
    assert set(scored.article) == {"tass_like", "west_paper", "blog"}
    assert set(scored.outlet) == {"Test Wire East", "Test Daily West", "blog"}
    for t in ("partnership", "west"):
        assert scored[f"stance_{t}"].isin(["favorable", "neutral", "critical"]).all()
        assert scored[f"stance_{t}_score"].between(-1, 1).all()
    assert set(scored.voice) <= {"authorial", "quoted"}
    assert "Newsletter" not in " ".join(scored.text)


def test_scores_point_the_right_way(scored):
    by = scored.set_index("text")
    pariah = by.filter(like="pariah", axis=0).iloc[0]
    assert pariah.stance_partnership == "critical" and pariah.stance_partnership_score < 0
    assert "pariah" in pariah.loaded_terms
    sanctions = by.filter(like="illegal sanctions", axis=0).iloc[0]
    assert sanctions.stance_west == "critical"
    lunch = by.loc["Lunch was served at noon."]
    assert lunch.stance_partnership == "neutral" and lunch.stance_west == "neutral"


def test_cli_matches_python_function(new_corpus, scored, tmp_path, capsys):
    out = tmp_path / "scores.parquet"
    assert main(["score", str(new_corpus), "--out", str(out), "--no-progress"]) == 0
    cli = pd.read_parquet(out)
    pd.testing.assert_frame_equal(cli.reset_index(drop=True), scored.reset_index(drop=True), check_dtype=False)
    err = capsys.readouterr().err
    assert "broken.txt" in err and "skipped" in err
    out_csv = tmp_path / "scores.csv"
    assert main(["score", str(new_corpus / "west_paper.txt"), "--out", str(out_csv), "--no-progress"]) == 0
    assert list(pd.read_csv(out_csv).columns[: len(SCORE_COLUMNS)]) == SCORE_COLUMNS


def test_nonzero_exit_only_when_nothing_scored(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    assert main(["score", str(bad), "--out", str(tmp_path / "o.csv"), "--no-progress"]) == 1
    assert main(["score", str(bad), "--out", str(tmp_path / "o.json"), "--no-progress"]) == 2


def test_tampered_weights_are_refused(tmp_path):
    d = tmp_path / "model"
    shutil.copytree(MODEL_DIR, d)
    z = dict(np.load(d / "weights.npz"))
    z["west_intercept"] = z["west_intercept"] + 1.0
    np.savez(d / "weights.npz", **z)
    with pytest.raises(ModelIntegrityError, match="does not match"):
        load_model(d)


@pytest.mark.parametrize("text, problem", [("{not json", "not valid JSON"), ('{"encoder": "x"}', "lacks weights_file"), ("[1, 2]", "lacks")])
def test_broken_model_json_is_refused_in_one_line(tmp_path, text, problem, capsys):
    d = tmp_path / "model"
    shutil.copytree(MODEL_DIR, d)
    (d / "model.json").write_text(text, encoding="utf-8")
    with pytest.raises(ModelIntegrityError, match=problem):
        load_model(d)
    art = tmp_path / "a.txt"
    art.write_text("Putin meets Kim\n\nThe two leaders met at the cosmodrome on Wednesday.\n", encoding="utf-8")
    assert main(["score", str(art), "--out", str(tmp_path / "o.csv"), "--model", str(d), "--no-progress"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "model.json" in err[0]


def test_saved_model_metadata():
    meta = json.loads((MODEL_DIR / "model.json").read_text())
    assert meta["encoder"].startswith("all-MiniLM-L6-v2")
    assert set(meta["evaluation"]) == {"protocol", "partnership", "west"}
    assert meta["evaluation"]["protocol"].startswith("v2")
    for t in ("partnership", "west"):
        assert {"dev", "seed"} <= set(meta["evaluation"][t]), "protocol v2 reports seeds and dev separately"
    card = (MODEL_DIR / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert f"macro-F1 {meta['evaluation']['partnership']['dev']['macro_f1']:.2f}" in card, "the card is computed from the metadata"


def test_a_model_trained_on_another_lexicon_is_refused(tmp_path):
    d = tmp_path / "model"
    shutil.copytree(MODEL_DIR, d)
    meta = json.loads((d / "model.json").read_text())
    meta["lexicon_sha256"] = "0" * 64
    (d / "model.json").write_text(json.dumps(meta))
    with pytest.raises(ModelIntegrityError, match="lexicon"):
        load_model(d)


def test_loading_and_scoring_never_touch_the_network(new_corpus, monkeypatch):
    import socket

    from framing import encoder

    def no_network(*a, **k):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    encoder.get_encoder.cache_clear()
    df = score([new_corpus / "blog.md"])
    assert len(df) == 3


@pytest.mark.slow
@pytest.mark.parametrize("processes", [False, True], ids=["threads", "processes"])
def test_dask_engine_matches_local_path(new_corpus, scored, tmp_path, processes):
    from framing.distributed import score_dask

    out = tmp_path / "scores.parquet"
    rows, skipped, _, _ = score_dask([new_corpus], out, n_workers=2, n_partitions=3, processes=processes)
    assert [s.path.name for s in skipped] == ["broken.txt"]
    dist = pd.read_parquet(out).sort_values("sentence_id").reset_index(drop=True)
    local = scored.sort_values("sentence_id").reset_index(drop=True)
    assert rows == len(local)
    pd.testing.assert_frame_equal(dist[local.columns], local, check_dtype=False, atol=1e-6)


def test_outlet_type_from_front_matter_reaches_the_score_table(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("---\noutlet: Example Wire\noutlet_type: wire\n---\nPutin meets Kim\n\nThe two leaders met at the cosmodrome on Wednesday.\n",
                 encoding="utf-8")
    b = tmp_path / "b.txt"
    b.write_text("Kim visits Russia\n\nThe leaders toured the launch site together.\n", encoding="utf-8")
    t = score_paths([a, b], manifest_path=tmp_path / "none.csv").table
    assert t.groupby("article").outlet_type.first().to_dict() == {"a": "wire", "b": ""}


@pytest.mark.parametrize(("articles", "size", "expected"), [
    ("aabcc", 3, [(0, 3), (3, 5)]),
    ("aaaaab", 2, [(0, 5), (5, 6)]),  # an article longer than the chunk is one chunk, never split
    ("abc", 1, [(0, 1), (1, 2), (2, 3)]),
    ("abc", 10, [(0, 3)]),
    ("", 3, []),
    ("abab", 1, [(0, 4)]),  # an article's rows apart: one chunk, so no article's context is cut
])
def test_article_chunks_never_split_an_article(articles, size, expected):
    from framing.score import article_chunks

    got = article_chunks(pd.Series(list(articles), dtype=object), size)
    assert [(s.start, s.stop) for s in got] == expected


def test_chunked_scoring_equals_scoring_at_once(scored):
    """Memory is bounded by scoring a few articles at a time; the table is the same (context stays within articles)."""
    from framing.score import score_sentences

    sentences = scored.drop(columns=[c for c in scored.columns if c.startswith(("stance_", "p_")) or c == "over_window"])
    whole = score_sentences(sentences, chunk=10**6)
    chunked = score_sentences(sentences, chunk=2)
    assert chunked.article.tolist() == whole.article.tolist()
    pd.testing.assert_frame_equal(chunked, whole, check_dtype=False, atol=1e-6)
