"""Annotation passes, agreement and the gold labels, on small files written by the tests."""

import pandas as pd
import pytest

from framing.annotations import agreement, build_gold, confusion, distribution, load_pass, load_supplementary
from framing.errors import AnnotationError

HEAD = "sentence_id,text,stance_partnership,stance_west\n"


def _folder(tmp_path, b_rows: str, adjudication: str = ""):
    a_rows = "art-0000,One.,favorable,neutral\nart-0001,Two.,neutral,critical\nart-0002,Three.,critical,neutral\n"
    (tmp_path / "pass_a.csv").write_text(HEAD + a_rows, encoding="utf-8")
    (tmp_path / "pass_b.csv").write_text(HEAD + b_rows, encoding="utf-8")
    (tmp_path / "adjudication.csv").write_text(HEAD.rstrip() + ",kind,reason\n" + adjudication, encoding="utf-8")
    return tmp_path


def _sentences():
    return pd.DataFrame({"sentence_id": ["art-0000", "art-0001", "art-0002"], "article": "art", "outlet": "A", "voice": "authorial",
                         "text": ["One.", "Two.", "Three."]})


def test_agreement_and_confusion_of_two_passes(tmp_path):
    folder = _folder(tmp_path, "art-0000,One.,favorable,neutral\nart-0001,Two.,neutral,critical\nart-0002,Three.,neutral,neutral\n")
    a, b = load_pass("pass_a", folder), load_pass("pass_b", folder)
    agr = agreement(a, b)
    assert agr.loc["west", "agreement"] == 1.0 and agr.loc["west", "cohen_kappa"] == pytest.approx(1.0)
    assert agr.loc["partnership", "disagreements"] == 1 and agr.loc["partnership", "agreement"] == pytest.approx(2 / 3)
    c = confusion(a, b, "partnership")
    assert c.loc["critical", "neutral"] == 1 and c.to_numpy().sum() == 3


def test_gold_takes_agreed_labels_and_adjudications(tmp_path):
    folder = _folder(tmp_path, "art-0000,One.,favorable,neutral\nart-0001,Two.,neutral,critical\nart-0002,Three.,neutral,neutral\n",
                     "art-0002,Three.,critical,neutral,disagreement,the pass B label missed the threat frame\n")
    gold = build_gold(_sentences(), folder).set_index("sentence_id")
    assert gold.loc["art-0000", "decided_by"] == "agreement of passes A and B"
    assert gold.loc["art-0002", ["stance_partnership", "decided_by"]].tolist() == ["critical", "adjudication of a disagreement"]
    d = distribution(gold.reset_index())
    assert d.loc[("partnership", "A"), ["critical", "neutral", "favorable"]].tolist() == pytest.approx([1 / 3, 1 / 3, 1 / 3])


def test_gold_names_sentences_without_a_label(tmp_path):
    folder = _folder(tmp_path, "art-0000,One.,favorable,neutral\nart-0001,Two.,neutral,critical\nart-0002,Three.,neutral,neutral\n")
    with pytest.raises(AnnotationError, match=r"1 corpus sentence\(s\) have no gold label: \['art-0002'\]"):
        build_gold(_sentences(), folder)


def test_adjudication_with_an_invalid_label_names_the_file(tmp_path):
    folder = _folder(tmp_path, "art-0000,One.,favorable,neutral\nart-0001,Two.,neutral,critical\nart-0002,Three.,neutral,neutral\n",
                     "art-0002,Three.,pro,neutral,disagreement,typo\n")
    with pytest.raises(AnnotationError, match=r"adjudication.csv: invalid labels \['pro'\]"):
        build_gold(_sentences(), folder)


def test_supplementary_sentences_must_be_written_and_validly_labelled(tmp_path):
    head = "sent_id,text,stance_partnership,stance_west,source\n"
    (tmp_path / "supplementary_written_a.csv").write_text(head + "w1,A text.,favorable,neutral,written\n", encoding="utf-8")
    d = load_supplementary(tmp_path)
    assert d.sentence_id.tolist() == ["w1"]
    (tmp_path / "supplementary_written_b.csv").write_text(head + "w2,B text.,neutral,neutral,corpus\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match="source=written"):
        load_supplementary(tmp_path)
    (tmp_path / "supplementary_written_b.csv").write_text(head + "w2,B text.,neutral,against,written\n", encoding="utf-8")
    with pytest.raises(AnnotationError, match=r"supplementary_written_\*.csv: invalid labels \['against'\]"):
        load_supplementary(tmp_path)
