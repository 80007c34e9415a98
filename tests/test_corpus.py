"""The seed corpus and the `framing corpus` command."""

from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main
from framing.corpus import SENTENCE_COLUMNS, build_corpus, load_sentences


@pytest.fixture(scope="module")
def seed_corpus():
    return build_corpus()


def test_seed_corpus_invariants(seed_corpus):
    c = seed_corpus
    assert len(c.articles) == 5 and not c.skipped
    s = c.sentences
    assert list(s.columns) == SENTENCE_COLUMNS
    assert s.groupby("outlet").size().min() >= 15
    assert s.sentence_id.is_unique
    for r in c.articles:
        acc = r.accounting
        assert acc["kept_chars"] + acc["removed_chars"] + acc["whitespace_chars"] + acc["front_matter_chars"] == acc["raw_chars"]
    # every removal is logged with a rule, inside the raw file
    assert c.removed.rule.notna().all() and (c.removed.raw_end <= 12000).all()


def test_known_chrome_is_gone(seed_corpus):
    text = " ".join(seed_corpus.sentences.text)
    for chrome in ("Go to the mediabank", "GMT", "Newsletter", "Patreon", "Похожие", "hit tracker", "Hansen Taylor", "consider subscribing"):
        assert chrome not in text, chrome


def test_committed_processed_table_is_current(seed_corpus):
    stored = load_sentences()
    pd.testing.assert_frame_equal(stored.reset_index(drop=True), seed_corpus.sentences.reset_index(drop=True), check_dtype=False)


def test_cli_on_user_corpus(corpus_dir: Path, tmp_path: Path, capsys):
    out = tmp_path / "out"
    code = main(["corpus", str(corpus_dir), "--out", str(out)])
    assert code == 0
    s = pd.read_parquet(out / "processed" / "sentences.parquet")
    assert set(s.outlet) == {"Outlet A", "Outlet B", "good_c"}
    err = capsys.readouterr().err
    assert "6 file(s) skipped" in err and "binary.txt" in err
    skipped = pd.read_csv(out / "interim" / "skipped.csv")
    assert len(skipped) == 6


def test_cli_fails_only_when_nothing_processed(tmp_path: Path):
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_text("", encoding="utf-8")
    assert main(["corpus", str(d), "--out", str(tmp_path / "o")]) == 1


def test_on_article_sees_each_kept_article_once_and_its_failure_is_not_a_skip(corpus_dir):
    seen = []
    c = build_corpus([corpus_dir], cache=False, on_article=lambda r: seen.append(r.article.article))
    assert seen == [r.article.article for r in c.articles]  # kept ones only, in order; skipped files never
    assert c.skipped

    def broken(result):
        raise RuntimeError("callback broke")

    with pytest.raises(RuntimeError, match="callback broke"):
        build_corpus([corpus_dir], cache=False, on_article=broken)
