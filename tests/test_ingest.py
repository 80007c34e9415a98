"""Bad input gets a clear error naming the file and the problem; the rest is processed."""

from pathlib import Path

import pytest

from framing.corpus import build_corpus
from framing.ingest import BadInput, read_article, read_articles


def test_front_matter_is_parsed_and_extra_keys_kept(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("---\noutlet: Foo News\ndate: 2024-06-19\nevent: pyongyang-2024\nauthor: J. Doe\n---\n"
                 "Headline\n\nBody text of the article here.\n", encoding="utf-8")
    art = read_article(f)
    assert art.meta["outlet"] == "Foo News"
    assert art.meta["date"] == "2024-06-19"
    assert art.meta["author"] == "J. Doe"
    assert art.body.startswith("Headline")
    assert art.raw[art.body_offset :] == art.body


@pytest.mark.parametrize(
    "name, expected",
    [
        ("empty.txt", "empty or whitespace only"),
        ("binary.txt", "binary file"),
        ("latin1.txt", "not UTF-8"),
        ("badfront.txt", "malformed front matter"),
    ],
)
def test_bad_files_raise_with_file_name_and_problem(corpus_dir: Path, name: str, expected: str):
    with pytest.raises(BadInput) as err:
        read_article(corpus_dir / name)
    assert name in str(err.value)
    assert expected in str(err.value)


def test_unclosed_front_matter(tmp_path: Path):
    f = tmp_path / "open.txt"
    f.write_text("---\noutlet: X\nno closing line\n", encoding="utf-8")
    with pytest.raises(BadInput, match="no closing"):
        read_article(f)


def test_duplicate_is_skipped_and_named(corpus_dir: Path):
    arts, skipped = read_articles([corpus_dir])
    dup = [s for s in skipped if s.path.name in ("zz_dup.txt", "good_c.txt")]
    assert len(dup) == 1 and "duplicate" in dup[0].problem


def test_build_processes_good_files_and_lists_every_skip(corpus_dir: Path):
    corpus = build_corpus([corpus_dir], manifest_path=corpus_dir / "none.csv")
    assert sorted(a.article.article for a in corpus.articles) == ["good_a", "good_b", "good_c"]
    skipped = {s.path.name: s.problem for s in corpus.skipped}
    assert set(skipped) == {"empty.txt", "binary.txt", "latin1.txt", "badfront.txt", "zz_dup.txt", "chrome.txt"}
    assert "nothing but page chrome" in skipped["chrome.txt"]
    report = corpus.report()
    for name in skipped:
        assert name in report


def test_missing_path_is_reported_not_raised(tmp_path: Path):
    corpus = build_corpus([tmp_path / "nope"], manifest_path=tmp_path / "none.csv")
    assert not corpus.articles
    assert "no such file" in corpus.skipped[0].problem
