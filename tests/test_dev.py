"""The dev-set loader and matcher (framing.dev) on small invented data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from framing import dev
from framing.corpus import build_corpus

HEADER = "\t".join(dev.LABEL_COLUMNS)


def _row(article, sentence, chrome="no", voice="authorial", speaker=""):
    return "\t".join([article, sentence, chrome, voice, speaker, "neutral", "neutral", "clear", ""])


@pytest.fixture
def devset(tmp_path: Path) -> Path:
    d = tmp_path / "dev"
    (d / "articles").mkdir(parents=True)
    (d / "articles" / "X01_test.txt").write_text(
        "---\noutlet: Test Outlet\n---\n"
        "Leaders meet at the spaceport\n\n"
        "Share on Facebook\n\n"
        "The two leaders met on Wednesday for five hours. Some officials said the talks went well.\n\n"
        "NEWS\n\n"
        "The talks ended late in the evening and the guests left by train.\n",
        encoding="utf-8",
    )
    rows = [
        _row("X01_test", "Leaders meet at the spaceport"),
        _row("X01_test", "Share on Facebook", chrome="yes"),
        _row("X01_test", "The two leaders met on Wednesday for five hours."),
        _row("X01_test", "Some officials said the talks went well.", voice="quoted", speaker="officials"),
        _row("X01_test", "NEWS", chrome="yes"),
        _row("X01_test", "The talks ended late in the evening and the guests left by train."),
        _row("X01_test", "This line is not in the article at all."),
    ]
    (d / "labels_A.tsv").write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    (d / "SOURCES_A.tsv").write_text("article\toutlet\toutlet_type\nX01_test\tTest Outlet\tblog\n", encoding="utf-8")
    return d


def _match(devset: Path, corrections=False) -> pd.DataFrame:
    labels = dev.load_labels(devset, corrections=corrections)
    return dev.match(labels, build_corpus([devset / "articles"], cache=False))


def test_labels_read_without_quoting(tmp_path: Path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "labels_A.tsv").write_text(HEADER + "\n" + _row("a", 'He said "yes" and left') + "\n", encoding="utf-8")
    lab = dev.load_labels(d, corrections=False)
    assert lab.sentence.iloc[0] == 'He said "yes" and left'
    assert list(lab.columns[:2]) == ["row", "article"]


def test_unmatched_rows_are_reported(devset: Path):
    m = _match(devset)
    assert len(m) == 7  # nothing dropped
    un = dev.error_tables(m)["unmatched"]
    assert list(un.sentence) == ["This line is not in the article at all."]
    assert dev.dev_quality(m)["unmatched"] == 1


def test_chrome_and_prose_matching(devset: Path):
    m = _match(devset).set_index("sentence")
    assert not m.loc["Share on Facebook", "kept"]  # removed by the share rule
    assert m.loc["The two leaders met on Wednesday for five hours.", "kept"]
    assert m.loc["Some officials said the talks went well.", "voice_out"] == "quoted"
    q = dev.dev_quality(m.reset_index())
    assert q["prose_lost"] == 1  # the row that is not in the article
    assert q["voice_accuracy"] == 1.0


def test_repeated_short_line_takes_its_own_occurrence():
    idx = dev.ArticleIndex("a", [(t, 0, 0) for t in "news a b news c".split()], [0] * 5)
    for k, (t, _, _) in enumerate(idx.toks):
        idx.by_first.setdefault(t, []).append(k)
    assert idx.locate(["news"], 0) == 0
    assert idx.locate(["news"], 1) == 3
    assert idx.locate(["news", "a"], 4) == 0  # wraps round to the start


def test_boundary_split_and_merge():
    m = pd.DataFrame(
        {
            "chrome": ["no", "no", "no"],
            "kept": [True, True, True],
            "n_sentences": [2, 1, 1],
            "best_sentence": ["s1", "s2", "s2"],
        }
    )
    b = dev._boundary(m)
    assert list(b.split) == [True, False, False]
    assert list(b.merged) == [False, True, True]


def test_corrections_applied_and_checked(devset: Path, tmp_path: Path):
    corr = tmp_path / "corr.csv"
    pd.DataFrame(
        [{"article": "X01_test", "sentence": "NEWS", "field": "chrome", "old": "yes", "new": "no", "reason": "test"}]
    ).to_csv(corr, index=False)
    lab = dev.load_labels(devset, corrections=corr)
    assert lab.set_index("sentence").loc["NEWS", "chrome"] == "no"
    bad = tmp_path / "bad.csv"
    pd.DataFrame(
        [{"article": "X01_test", "sentence": "NEWS", "field": "chrome", "old": "no", "new": "yes", "reason": "test"}]
    ).to_csv(bad, index=False)
    with pytest.raises(ValueError):
        dev.load_labels(devset, corrections=bad)


def test_speaker_names_normalised():
    assert dev.norm_speaker("The Kremlin") == dev.norm_speaker("kremlin")
    assert dev.norm_speaker("Kim Jong-un.") == dev.norm_speaker("kim jong un")


def test_cli_dev_writes_error_tables(devset: Path, tmp_path: Path, capsys):
    from framing.cli import main

    out = tmp_path / "errors"
    assert main(["dev", "--dev", str(devset), "--errors", str(out)]) == 0
    assert "chrome_kept_share" in capsys.readouterr().out
    assert (out / "unmatched.csv").exists() and len(pd.read_csv(out / "unmatched.csv")) == 1


def test_quality_by_outlet_type(devset: Path):
    m = _match(devset)
    t = dev.quality_by(m, dev.load_sources(devset))
    assert list(t.outlet_type) == ["blog"] and t.rows.iloc[0] == len(m)
