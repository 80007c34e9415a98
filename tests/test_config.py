"""framing.config: the root, the run paths and the file names every module joins."""

import importlib
from pathlib import Path

import pytest

from framing import config


def test_checkout_paths_are_under_the_root():
    assert config.IN_CHECKOUT and config.ROOT == config.CHECKOUT
    assert config.SENTENCES_PARQUET == config.PROCESSED / config.SENTENCES_PARQUET_NAME == config.ROOT / "data/processed/sentences.parquet"
    assert config.REMOVED_CSV.parent == config.ACCOUNTING_CSV.parent == config.INTERIM
    assert config.CHOICE_JSON == config.EVALUATION / "choice.json"
    assert config.MODEL_DIR == config.MODELS / "stance" and config.LEXICON_CSV.name == "loaded_terms.csv"


def test_run_paths_default_to_the_project_folders(monkeypatch):
    monkeypatch.delenv("FRAMING_OUT_DIR", raising=False)
    p = config.run_paths()
    assert (p.corpus, p.interim, p.processed, p.figures, p.tables) == (config.RAW, config.INTERIM, config.PROCESSED, config.FIGURES, config.FINDINGS)
    assert p.seed_corpus and p.project_outputs
    assert p.sentences == config.SENTENCES_PARQUET


def test_run_paths_under_an_out_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("FRAMING_OUT_DIR", raising=False)
    p = config.run_paths(tmp_path / "corpus", tmp_path / "out")
    o = tmp_path / "out"
    assert (p.interim, p.processed, p.figures, p.tables, p.annotations_out, p.evaluation) == (
        o / "interim", o / "processed", o / "figures", o / "tables", o / "annotations", o / "evaluation")
    assert p.sentences == o / "processed" / "sentences.parquet"
    assert not p.seed_corpus and not p.project_outputs


def test_framing_out_dir_stands_in_for_out_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_OUT_DIR", str(tmp_path))
    p = config.run_paths()
    assert p.figures == tmp_path / "figures" and p.seed_corpus and not p.project_outputs


def test_outside_a_checkout_outputs_need_a_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("FRAMING_OUT_DIR", raising=False)
    monkeypatch.setattr(config, "IN_CHECKOUT", False)
    with pytest.raises(FileNotFoundError, match="out_dir"):
        config.run_paths()
    assert not config.run_paths(tmp_path, tmp_path / "o").seed_corpus


def test_framing_root_and_cache_overrides(tmp_path, monkeypatch):
    monkeypatch.setenv("FRAMING_ROOT", str(tmp_path))
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "c"))
    try:
        cfg = importlib.reload(config)
        assert cfg.ROOT == tmp_path.resolve() and cfg.RAW == tmp_path.resolve() / "data" / "raw"
        assert cfg.CACHE == tmp_path / "c"
    finally:
        monkeypatch.delenv("FRAMING_ROOT")
        monkeypatch.delenv("FRAMING_CACHE")
        importlib.reload(config)
    assert config.ROOT != tmp_path.resolve()


def test_user_cache_and_packaged_files(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert config._user_cache() == tmp_path / "framing"
    assert config._packaged("model", "model.json").parts[-3:] == ("_resources", "model", "model.json")
    assert all(isinstance(Path(k), Path) for k in config.PACKAGED_FILES)
