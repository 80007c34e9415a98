"""Invariants fail the run with a named exception; bad annotation files are data errors naming the file."""

import pandas as pd
import pytest

from framing import errors
from framing.errors import AnnotationError, InvariantError


def test_invariant_error_is_neither_a_data_error_nor_an_assertion():
    assert not issubclass(InvariantError, (ValueError, AssertionError)) and issubclass(InvariantError, RuntimeError)
    assert issubclass(AnnotationError, ValueError)
    errors.check(True, "never raised")
    with pytest.raises(InvariantError, match="broken"):
        errors.check(False, "broken")


def test_a_hit_outside_the_sentence_table_breaks_an_invariant():
    from framing.loaded import sentence_counts

    sentences = pd.DataFrame({"sentence_id": ["s1"], "outlet": ["A"], "voice": ["authorial"], "n_words": [5]})
    hits = pd.DataFrame({"sentence_id": ["s1", "s9"], "category": ["hegemony", "hegemony"]})
    with pytest.raises(InvariantError, match="every hit must belong to a sentence"):
        sentence_counts(sentences, hits)


def test_overlapping_removals_break_the_cleaning_invariant():
    from framing.clean import CleanResult, Removal, _check_accounting

    body = "abc def"
    res = CleanResult(text="", removed=[Removal("r", 0, 3, "abc"), Removal("r", 2, 7, "c def")], kept_chars=0, removed_chars=8,
                      whitespace_chars=-1, body_chars=7)
    with pytest.raises(InvariantError, match="overlapping removals at character 2"):
        _check_accounting(body, res)


def test_invalid_label_in_an_annotation_pass_names_the_file(tmp_path):
    from framing.annotations import load_pass

    (tmp_path / "pass_a.csv").write_text("sentence_id,text,stance_partnership,stance_west\nx-0000,Text,favourable,neutral\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"pass_a.csv: invalid labels \['favourable'\]"):
        load_pass("pass_a", tmp_path)


def test_build_corpus_lets_an_invariant_error_fail_the_run(corpus_dir, monkeypatch):
    import framing.corpus as corpus

    def broken(art):
        raise InvariantError("offsets are wrong")

    monkeypatch.setattr(corpus, "process_article", broken)
    with pytest.raises(InvariantError, match="offsets are wrong"):
        corpus.build_corpus([corpus_dir], cache=False)
