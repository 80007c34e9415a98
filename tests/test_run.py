"""`framing run` on a small corpus the test writes: every figure, committed notebooks untouched; README findings."""

import hashlib
import re
from pathlib import Path
from urllib.parse import quote

import pytest

from framing import config
from framing.cli import main
from framing.nbtools import PROJECT_ONLY_TAG, figure_cells_without_image
from framing.report import readme_findings
from tests.corpora import EIGHT_OUTLETS

ARTICLES = {f"a{k}.txt": f"---\noutlet: {o}\nevent: pyongyang-2024\n---\nA Headline About the Visit\n\n{body}\n"
            for k, (o, body) in enumerate(EIGHT_OUTLETS.items())} | {"broken.txt": "---\noutlet: [oops\n---\nText.\n"}
FIGURES = [
    "voice-share-by-outlet", "loaded-terms-rate-by-outlet-and-category", "loaded-terms-authorial-vs-quoted",
    "distinctive-terms-by-outlet", "stance-distribution-by-outlet", "stance-map-partnership-vs-west",
    "loaded-language-beside-stance", "stance-by-event",
]


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.ipynb"))}


@pytest.mark.slow
def test_framing_run_produces_every_figure(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in ARTICLES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    before = _digest(config.ROOT / "notebooks")
    out = tmp_path / "out"
    assert main(["run", "--corpus", str(corpus), "--out", str(out), "--no-progress"]) == 0
    for fig in FIGURES:
        for ext in ("png", "svg", "csv"):
            assert (out / "figures" / f"{fig}.{ext}").stat().st_size > 0, f"{fig}.{ext}"
    assert (out / "tables" / "findings.md").read_text().count("|") > 10
    assert (out / "interim" / "skipped.csv").read_text().count("broken.txt") == 1
    for nb in (out / "notebooks").glob("*.ipynb"):
        assert figure_cells_without_image(nb, skip_tags=(PROJECT_ONLY_TAG,)) == [], f"{nb.name} stores no chart"
    findings = (out / "tables" / "findings.md").read_text(encoding="utf-8")
    assert findings.count("\n| ") == 9 and "8 outlets" in findings
    assert all(f"[{o}](../figures/explorer.html#outlet=" in findings for o in EIGHT_OUTLETS), "findings link each outlet's sentences"
    assert _digest(config.ROOT / "notebooks") == before, "committed notebooks must stay untouched"
    explorer = (out / "figures" / "explorer.html").read_text(encoding="utf-8")
    assert all(f'href="#outlet={quote(o)}"' in explorer for o in EIGHT_OUTLETS), "the explorer links every outlet"


def test_readme_findings_are_the_notebooks_output():
    """The same block, its explorer links relative to where each file lives."""
    generated = (config.DOCS / "findings" / "findings.md").read_text(encoding="utf-8").strip()
    assert "](../../figures/explorer.html#outlet=" in generated and "](figures/explorer.html#outlet=" in readme_findings()
    unlink = lambda md: re.sub(r"\]\([^)]*\)", "]", md)
    assert unlink(readme_findings()) == unlink(generated)
