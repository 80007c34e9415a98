"""The pipeline against the hand check of the seed corpus (acceptance thresholds of the corpus issue)."""

import pytest

from framing.corpus import build_corpus
from framing.quality import check_metrics, compare_with_check, load_check


@pytest.fixture(scope="module")
def metrics():
    return check_metrics(compare_with_check(build_corpus().sentences, load_check()))


def test_every_sentence_is_hand_checked(metrics):
    assert metrics["matched"] == metrics["sentences"]


def test_boundary_errors_at_most_two_percent(metrics):
    assert metrics["boundary_error_rate"] <= 0.02


def test_no_chrome_left(metrics):
    assert metrics["chrome_sentences"] == 0


def test_voice_accuracy_at_least_95_percent(metrics):
    assert metrics["voice_accuracy"] >= 0.95
