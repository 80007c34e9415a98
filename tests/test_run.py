"""`framing run` on a small corpus the test writes: every figure, committed notebooks untouched; README findings."""

import hashlib
from pathlib import Path

import pytest

from framing import config
from framing.cli import main
from framing.report import readme_findings

ARTICLES = {
    "east.txt": "---\noutlet: East Wire\nevent: pyongyang-2024\n---\nPutin and Kim Sign Treaty\n\n"
    "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed a partnership treaty on Wednesday. "
    "\"Our friendship is invincible,\" Kim said. The Kremlin said the illegal sanctions imposed by Washington would fail.\n",
    "west.txt": "---\noutlet: West Daily\nevent: pyongyang-2024\n---\nA Dangerous Pact\n\n"
    "The pact between two isolated pariah regimes is a grave threat to security. "
    "The State Department rightly warned that arms transfers violate UN resolutions.\n",
    "south.txt": "---\noutlet: Seoul Times\nevent: vostochny-2023\n---\nSeoul Watches Summit\n\n"
    "South Korea said it was closely monitoring the summit at the Vostochny Cosmodrome. "
    "The leaders toured the launch site after arriving by train.\n",
    "broken.txt": "---\noutlet: [oops\n---\nText.\n",
}

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
    assert _digest(config.ROOT / "notebooks") == before, "committed notebooks must stay untouched"


def test_readme_findings_are_the_notebooks_output():
    generated = (config.DOCS / "findings" / "findings.md").read_text(encoding="utf-8").strip()
    assert readme_findings() == generated
