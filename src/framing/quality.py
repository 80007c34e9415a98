"""Compare the pipeline's sentences, voices and speakers with the hand check.

The hand check (``data/annotations/corpus_check.csv``) judged every sentence of the
seed corpus: boundary correct?, chrome left in it?, gold voice and speaker. Rows are
matched to the current pipeline output by article *and* exact sentence text, so a check
made on an earlier build only counts where the sentence is unchanged (ids may shift when
a boundary is fixed).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from framing import config

CHECK_CSV = config.CORPUS_CHECK_CSV


def load_check(path: Path | None = None) -> pd.DataFrame:
    """The hand-check table."""
    return pd.read_csv(Path(path or CHECK_CSV), keep_default_na=False)


def compare_with_check(sentences: pd.DataFrame, check: pd.DataFrame) -> pd.DataFrame:
    """One row per current sentence with the hand check's judgement (NaN where unmatched)."""
    cols = ["text", "boundary_ok", "chrome_in_sentence", "voice_gold", "speaker_gold", "note", "checked_by"]
    ref = check[[c for c in cols if c in check.columns]].copy()
    ref.insert(0, "article", check.sentence_id.str.rsplit("-", n=1).str[0])
    ref = ref.drop_duplicates(["article", "text"], keep=False)
    m = sentences.merge(ref, on=["article", "text"], how="left", validate="many_to_one")
    m["matched"] = m.voice_gold.notna() & (m.voice_gold != "")
    m["voice_ok"] = m.voice == m.voice_gold
    # compare names without punctuation and without notes in parentheses ("(unnamed)")
    norm = lambda s: s.fillna("").str.lower().str.replace(r"\(.*?\)", "", regex=True).str.replace(r"[^a-z& ]", "", regex=True).str.strip()  # noqa: E731
    m["speaker_ok"] = norm(m.speaker) == norm(m.speaker_gold)
    return m


def check_metrics(merged: pd.DataFrame) -> dict[str, float]:
    """Boundary error rate, chrome left, voice accuracy, speaker accuracy (on matched rows)."""
    m = merged[merged.matched]
    both_quoted = m[(m.voice == "quoted") & (m.voice_gold == "quoted")]
    return {
        "sentences": int(len(merged)),
        "matched": int(len(m)),
        "boundary_errors": int((m.boundary_ok == "no").sum()),
        "boundary_error_rate": float((m.boundary_ok == "no").mean()) if len(m) else float("nan"),
        "chrome_sentences": int((m.chrome_in_sentence == "yes").sum()),
        "voice_accuracy": float(m.voice_ok.mean()) if len(m) else float("nan"),
        "voice_errors": int((~m.voice_ok).sum()),
        "speaker_accuracy": float(both_quoted.speaker_ok.mean()) if len(both_quoted) else float("nan"),
    }
