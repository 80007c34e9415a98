"""The body of ``framing corpus``: build the corpus, write its tiers, print the report."""

from __future__ import annotations

import sys
from pathlib import Path

from framing import config
from framing.corpus import build_corpus, write_corpus
from framing.language import SUPPORTED
from framing.outputs import check_out


def main_build(paths: list[str] | None = None, out: Path | None = None, any_language: bool = False, recursive: bool = False) -> int:
    """Build and write the corpus; print the report. Returns a process exit code."""
    if out is not None:
        check_out(out, folder=True)
    corpus = build_corpus(paths or None, languages=None if any_language else SUPPORTED, recursive=recursive)
    if out is None:
        write_corpus(corpus)
    else:
        write_corpus(corpus, processed=Path(out) / config.PROCESSED_NAME, interim=Path(out) / config.INTERIM_NAME)
    print(corpus.report(not_read=True), file=sys.stderr if corpus.skipped or corpus.ignored else sys.stdout)
    return 0 if corpus.articles else 1

