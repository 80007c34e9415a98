"""The ``framing`` command line.

``framing corpus [PATH ...] [--out DIR]``
    Build the sentence corpus from article files or folders (default ``data/raw``).
    Bad files are reported and skipped; the exit code is non-zero only when nothing
    could be processed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing import __version__


def _cmd_corpus(args: argparse.Namespace) -> int:
    from framing.corpus import main_build

    return main_build(args.paths or None, Path(args.out) if args.out else None)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs)."""
    p = argparse.ArgumentParser(prog="framing", description="Framing and stance analysis of news coverage.")
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("corpus", help="build the clean, voice-attributed sentence corpus")
    c.add_argument("paths", nargs="*", help="article files or folders (default: data/raw)")
    c.add_argument("--out", help="write interim/ and processed/ under DIR instead of data/")
    c.set_defaults(func=_cmd_corpus)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``framing`` console script."""
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
