"""framing.score_cli: the dask branch of ``framing score`` with the engine replaced by a stand-in (no cluster)."""

from pathlib import Path

import pytest

from framing import distributed
from framing.ingest import Skipped
from framing.score_cli import main_score


@pytest.fixture
def articles(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Title\n\nA sentence of the article.\n", encoding="utf-8")
    return d


def test_dask_needs_a_parquet_folder(articles, tmp_path, capsys):
    assert main_score([str(articles)], str(tmp_path / "out.csv"), engine="dask") == 2
    assert "dask engine writes partitioned Parquet" in capsys.readouterr().err


def test_a_bad_suffix_is_refused_before_any_work(articles, tmp_path, capsys):
    assert main_score([str(articles)], str(tmp_path / "out.txt")) == 2
    assert ".csv or .parquet" in capsys.readouterr().err


def test_dask_rows_and_skipped_files_are_reported(articles, tmp_path, monkeypatch, capsys):
    seen = {}

    def fake(paths, out, scheduler=None, model_dir=None, recursive=False, any_language=False):
        seen.update(paths=paths, out=out, scheduler=scheduler, recursive=recursive)
        return 7, [Skipped(Path("bad.txt"), "not UTF-8")], [Skipped(Path("x.pdf"), "not an article file")], ["a"]

    monkeypatch.setattr(distributed, "score_dask", fake)
    out = tmp_path / "scores.parquet"
    assert main_score([str(articles)], str(out), engine="dask", scheduler="tcp://h:8786") == 0
    err = capsys.readouterr().err
    assert "skipped bad.txt: not UTF-8" in err and "not read x.pdf: not an article file" in err
    assert f"scored 7 sentences -> {out}/part.*.parquet; 1 file(s) skipped" in err
    assert "note: 1 article(s) with no outlet" in err and "named after its file: a" in err
    assert seen == {"paths": [str(articles)], "out": out, "scheduler": "tcp://h:8786", "recursive": False}


def test_dask_with_nothing_scored_is_exit_1(articles, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(distributed, "score_dask", lambda *a, **k: (0, [], [], []))
    assert main_score([str(articles)], str(tmp_path / "scores.parquet"), engine="dask") == 1
    assert "nothing could be scored" in capsys.readouterr().err
