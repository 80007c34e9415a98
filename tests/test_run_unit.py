"""framing.run without executing notebooks: papermill is replaced by a stand-in that records its calls."""

import papermill
import pytest

from framing import config
from framing.run import RUN_NOTEBOOKS, main_run, run


@pytest.fixture
def fake_papermill(monkeypatch):
    calls = []

    def execute_notebook(src, dst, parameters, cwd, progress_bar, kernel_name):
        calls.append((src, parameters, cwd))
        with open(dst, "w", encoding="utf-8") as f:
            f.write("{}")

    monkeypatch.setattr(papermill, "execute_notebook", execute_notebook)
    return calls


def test_run_executes_each_notebook_with_the_corpus_and_out(tmp_path, fake_papermill):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    out = tmp_path / "out"
    done = run(corpus, out, progress=False)
    assert [p.name for p in done] == list(RUN_NOTEBOOKS) and all(p.exists() for p in done)
    assert all(p.parent == out.resolve() / config.NOTEBOOKS_NAME for p in done)
    assert [c[0] for c in fake_papermill] == [str(config.NOTEBOOKS / n) for n in RUN_NOTEBOOKS]
    assert all(c[1] == {"corpus_dir": str(corpus.resolve()), "out_dir": str(out.resolve())} for c in fake_papermill)


def test_main_run_reports_notebooks_and_the_explorer(tmp_path, fake_papermill, capsys):
    (tmp_path / "corpus").mkdir()
    out = tmp_path / "out"
    (out / "figures").mkdir(parents=True)
    (out / "figures" / "explorer.html").write_text("x", encoding="utf-8")
    assert main_run(str(tmp_path / "corpus"), str(out), progress=False) == 0
    err = capsys.readouterr().err
    assert f"executed {len(RUN_NOTEBOOKS)} notebooks" in err and "sentence explorer" in err


def test_main_run_missing_corpus_is_exit_2(tmp_path, fake_papermill, capsys):
    assert main_run(str(tmp_path / "nothing"), str(tmp_path / "out")) == 2
    assert "no such file or folder" in capsys.readouterr().err and not fake_papermill


def test_a_failing_notebook_is_one_line_exit_1_and_leaves_no_partial_copy(tmp_path, monkeypatch, capsys):
    def broken(src, dst, **kw):
        with open(dst, "w", encoding="utf-8") as f:
            f.write("partial")
        raise RuntimeError("cell 3 failed\ntraceback ...")

    monkeypatch.setattr(papermill, "execute_notebook", broken)
    (tmp_path / "corpus").mkdir()
    assert main_run(str(tmp_path / "corpus"), str(tmp_path / "out")) == 1
    err = capsys.readouterr().err.strip()
    assert err == "framing: error: a notebook failed: cell 3 failed"
    assert not (tmp_path / "out" / "notebooks" / RUN_NOTEBOOKS[0]).exists()


def test_ctrl_c_is_not_swallowed(tmp_path, monkeypatch):
    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(papermill, "execute_notebook", interrupted)
    (tmp_path / "corpus").mkdir()
    with pytest.raises(KeyboardInterrupt):
        main_run(str(tmp_path / "corpus"), str(tmp_path / "out"))
