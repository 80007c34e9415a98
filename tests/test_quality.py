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


def test_seed_figures_hold(metrics):
    """The seed figures before the real-pages work must hold: voice 98.6 %, speaker 97.9 %, no boundary error."""
    assert metrics["boundary_errors"] == 0
    assert metrics["voice_accuracy"] >= 0.985
    assert metrics["speaker_accuracy"] >= 0.979


# --------------------------------------------------------------------------- the dev set (data/dev)
# Real pages from 40 outlets (paraphrased), every visible line labelled; see framing.dev.
# Thresholds: the levels reached by the real-pages issue (all within its acceptance targets —
# chrome kept <= 5 %, prose lost <= 1 %, boundary errors <= 2 %, voice >= 0.95, speaker >= 0.90;
# see docs/voice.md, "Known limits", for the speakers still missed). Measured: chrome kept 3.9 %,
# prose lost 0.2 %, boundary errors 0.9 %, voice 0.979, speaker 0.967.

DEV_MAX_CHROME_KEPT = 0.04
DEV_MAX_PROSE_LOST = 0.005
DEV_MAX_BOUNDARY_ERRORS = 0.01
DEV_MIN_VOICE_ACCURACY = 0.975
DEV_MIN_SPEAKER_ACCURACY = 0.966


@pytest.fixture(scope="module")
def dev_figures():
    from framing.dev import evaluate

    figures, _, _ = evaluate()
    return figures


def test_dev_every_label_row_is_located(dev_figures):
    assert dev_figures["unmatched"] == 0


def test_dev_chrome_kept(dev_figures):
    assert dev_figures["chrome_kept_share"] <= DEV_MAX_CHROME_KEPT


def test_dev_prose_lost(dev_figures):
    assert dev_figures["prose_lost_share"] <= DEV_MAX_PROSE_LOST


def test_dev_boundary_errors(dev_figures):
    assert dev_figures["boundary_error_share"] <= DEV_MAX_BOUNDARY_ERRORS


def test_dev_voice_accuracy(dev_figures):
    assert dev_figures["voice_accuracy"] >= DEV_MIN_VOICE_ACCURACY


def test_dev_speaker_accuracy(dev_figures):
    assert dev_figures["speaker_accuracy"] >= DEV_MIN_SPEAKER_ACCURACY
