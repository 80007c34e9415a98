"""The committed notebooks are readable: charts stored as images, no execution metadata, no machine paths."""

import json
import re
from pathlib import Path

import pytest

from framing import config
from framing.nbtools import figure_cells_without_image, strip

NOTEBOOKS = sorted((config.ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_every_figure_cell_stores_an_image(nb):
    assert figure_cells_without_image(nb) == [], f"{nb.name}: cells that draw but store no PNG"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_no_execution_metadata_and_no_machine_paths(nb):
    d = json.loads(nb.read_text(encoding="utf-8"))
    assert "papermill" not in d["metadata"]
    for cell in d["cells"]:
        assert not set(cell.get("metadata", {})) & {"execution", "papermill", "ExecuteTime"}, nb.name
        for out in cell.get("outputs", []):
            text = json.dumps({k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")} | {"t": out.get("text", "")})
            assert not re.search(r"/(work|root|home|tmp)/", text), f"{nb.name}: an output shows a machine path"


def test_figure_check_detects_a_missing_image(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": "plt.show()", "outputs": [], "metadata": {}, "execution_count": 1},
                    {"cell_type": "code", "source": "x = 1", "outputs": [], "metadata": {}, "execution_count": 2}],
          "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    p = tmp_path / "n.ipynb"
    p.write_text(json.dumps(nb), encoding="utf-8")
    assert figure_cells_without_image(p) == [0]


def test_strip_removes_execution_metadata(tmp_path):
    nb = {"cells": [{"cell_type": "code", "source": "1", "outputs": [], "execution_count": 1,
                     "metadata": {"execution": {"iopub.execute_input": "2026"}, "tags": []}}],
          "metadata": {"papermill": {"duration": 1}}, "nbformat": 4, "nbformat_minor": 5}
    p = tmp_path / "n.ipynb"
    p.write_text(json.dumps(nb), encoding="utf-8")
    assert strip(p) is True
    d = json.loads(p.read_text(encoding="utf-8"))
    assert d["cells"][0]["metadata"] == {} and "papermill" not in d["metadata"]
    assert strip(p) is False


def test_notebooks_ask_for_inline_charts():
    for nb in NOTEBOOKS:
        src = "".join("".join(c["source"]) for c in json.loads(nb.read_text(encoding="utf-8"))["cells"])
        if "plt." in src:
            assert "%matplotlib inline" in src, nb.name


def test_package_forces_no_backend():
    src = (Path(config.__file__).parent / "figures.py").read_text(encoding="utf-8")
    assert "matplotlib.use(" not in src


def test_nbtools_cli_strips_or_prints_usage(tmp_path, capsys):
    import nbformat

    from framing.nbtools import main

    nb = nbformat.v4.new_notebook(metadata={"papermill": {"x": 1}})
    nb.cells.append(nbformat.v4.new_code_cell("1", metadata={"execution": {"iopub.status.busy": "2026-01-01T00:00:00Z"}}))
    p = tmp_path / "n.ipynb"
    nbformat.write(nb, p)
    assert main([]) == 2 and "usage" in capsys.readouterr().err
    assert main(["strip", str(p)]) == 0
    assert "from 1 of 1 notebook(s)" in capsys.readouterr().out
    assert "papermill" not in json.loads(p.read_text(encoding="utf-8"))["metadata"]


def test_figure_cells_skip_tagged_and_flag_missing_images(tmp_path):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells += [nbformat.v4.new_code_cell("plt.show()"), nbformat.v4.new_code_cell("plt.show()", metadata={"tags": ["project-only"]}),
                 nbformat.v4.new_markdown_cell("plt.show()")]
    p = tmp_path / "f.ipynb"
    nbformat.write(nb, p)
    assert figure_cells_without_image(p) == [0, 1]
    assert figure_cells_without_image(p, skip_tags=("project-only",)) == [0]
