"""A wheel built from the repository installs and runs anywhere, outside any checkout.

The test builds the wheel from a copy of the tracked tree, installs it (without its
dependencies) into a fresh virtual environment, makes the test environment's
dependencies visible to it through a ``.pth`` file (so no multi-GB reinstall of torch),
and runs ``framing score`` and ``framing run`` from an empty folder with a fresh home.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pandas as pd
import pytest

from framing import config

ARTICLES = {
    "east.txt": "---\noutlet: East Wire\nevent: pyongyang-2024\n---\nPutin and Kim Sign Treaty\n\n"
    "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a partnership treaty on Wednesday in Pyongyang. "
    "\"Our friendship is invincible,\" Kim said. The Kremlin said the illegal sanctions imposed by Washington would fail.\n",
    "west.txt": "---\noutlet: West Daily\nevent: pyongyang-2024\n---\nA Dangerous Pact\n\n"
    "The pact between two isolated pariah regimes is a grave threat to security in Europe and in Asia. "
    "The State Department warned that arms transfers from Pyongyang violate UN Security Council resolutions.\n",
}
IGNORE = shutil.ignore_patterns(".git", ".venv", ".cache", "build", "dist", "*.egg-info", "reports", "__pycache__", ".pytest_cache")


def _run(cmd: list[str], cwd: Path, env: dict, timeout: int = 900) -> subprocess.CompletedProcess:
    res = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert res.returncode == 0, f"{' '.join(map(str, cmd))} failed:\n{res.stdout[-2000:]}\n{res.stderr[-4000:]}"
    return res


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src-copy"
    shutil.copytree(config.ROOT, src, ignore=IGNORE)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FRAMING_") and k != "PYTHONPATH"}  # the wheel, not a checkout
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp / "dist"), str(src)], tmp, env)
    wheel = next((tmp / "dist").glob("framing_news-*.whl"))
    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], tmp, env)
    py = venv / "bin" / "python"
    _run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)], tmp, env)
    site = Path(_run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp, env).stdout.strip())
    (site / "zz_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    work = tmp / "empty"
    work.mkdir()
    corpus = tmp / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    env = env | {"HOME": str(tmp / "home"), "XDG_CACHE_HOME": str(tmp / "home" / ".cache")}
    return {"venv": venv, "py": py, "work": work, "corpus": corpus, "env": env, "wheel": wheel}


@pytest.mark.slow
def test_wheel_imports_from_the_venv_with_packaged_resources(installed):
    out = _run([str(installed["py"]), "-c", "import framing, framing.config as c; print(framing.__file__); print(c.IN_CHECKOUT); "
                "print(c.LEXICON_CSV.exists(), c.MODEL_DIR.joinpath('weights.npz').exists(), c.NOTEBOOKS.joinpath('05-outlet-comparison.ipynb').exists())"],
               installed["work"], installed["env"]).stdout.split("\n")
    assert out[0].startswith(str(installed["venv"])), out
    assert out[1] == "False" and out[2] == "True True True"


@pytest.mark.slow
def test_wheel_framing_score_from_an_empty_folder(installed):
    fr = installed["venv"] / "bin" / "framing"
    _run([str(fr), "score", str(installed["corpus"]), "--out", "scores.csv", "--no-progress"], installed["work"], installed["env"])
    df = pd.read_csv(installed["work"] / "scores.csv")
    assert set(df.outlet) == {"East Wire", "West Daily"} and len(df) >= 6
    assert (Path(installed["env"]["XDG_CACHE_HOME"]) / "framing").is_dir(), "caches go to the user's cache folder"


@pytest.mark.slow
def test_wheel_framing_run_from_an_empty_folder(installed):
    fr = installed["venv"] / "bin" / "framing"
    _run([str(fr), "run", "--corpus", str(installed["corpus"]), "--out", "results", "--no-progress"], installed["work"], installed["env"], timeout=1200)
    res = installed["work"] / "results"
    assert (res / "figures" / "stance-map-partnership-vs-west.png").stat().st_size > 0
    assert (res / "tables" / "findings.md").read_text(encoding="utf-8").count("|") > 10
    assert "East Wire" in (res / "figures" / "explorer.html").read_text(encoding="utf-8"), "the explorer (and its script) ship in the wheel"
    import json
    nb = json.loads((res / "notebooks" / "05-outlet-comparison.ipynb").read_text(encoding="utf-8"))
    assert any("image/png" in o.get("data", {}) for c in nb["cells"] for o in c.get("outputs", [])), "charts stored inline"


@pytest.mark.slow
def test_wheel_user_errors_are_one_line(installed):
    fr = installed["venv"] / "bin" / "framing"
    res = subprocess.run([str(fr), "score", "no-such-folder", "--out", "x.csv", "--model", "no-such-model"], cwd=installed["work"],
                         env=installed["env"], capture_output=True, text=True, timeout=300)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and len(res.stderr.strip().splitlines()) == 1, res.stderr
