"""The ``framing`` command line.

``framing corpus [PATH ...] [--out DIR]``
    Build the sentence corpus from article files or folders (default ``data/raw``).
    Bad files are reported and skipped; the exit code is non-zero only when nothing
    could be processed.

``framing train [--model NAME] [--out DIR]``
    Train the stance model on the gold corpus labels and the written sentences, and
    save weights, metadata (with the weights' SHA-256) and a model card.

``framing score PATH ... --out FILE.csv|FILE.parquet [--model DIR] [--engine dask [--scheduler ADDRESS]] [--encoder onnx|torch]``
    Score article files or folders: one row per kept sentence with voice, speaker,
    stance labels and scores, and loaded terms. The encoder runs on ONNX Runtime by
    default; ``--encoder torch`` (or ``FRAMING_ENCODER=torch``) uses the torch reference.

``framing dev [--dev DIR] [--errors DIR] [-v]``
    Evaluate the corpus pipeline on the development set (default ``data/dev``): chrome
    kept, prose lost, boundary errors, voice and speaker accuracy (see ``framing.dev``);
    ``--errors`` writes every remaining error as CSV tables, ``-v`` prints them.

``framing run --corpus PATH --out DIR``
    Execute the notebook series (corpus, loaded terms, outlet comparison) on another
    folder of articles, writing executed notebooks, data and figures under DIR.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from framing import __version__


def _cmd_corpus(args: argparse.Namespace) -> int:
    from framing.corpus import main_build

    return main_build(args.paths or None, Path(args.out) if args.out else None, any_language=args.any_language)


def _cmd_train(args: argparse.Namespace) -> int:
    from framing.train import main_train

    return main_train(args.model, Path(args.out) if args.out else None)


def _cmd_score(args: argparse.Namespace) -> int:
    import os

    from framing.encoder import ENGINE_ENV
    from framing.score import main_score

    if args.encoder:
        os.environ[ENGINE_ENV] = args.encoder  # read by this process and inherited by Dask's local workers

    return main_score(args.paths, args.out, args.model, progress=not args.no_progress, engine=args.engine, scheduler=args.scheduler,
                      any_language=args.any_language)


def _cmd_dev(args: argparse.Namespace) -> int:
    from framing.dev import main_dev

    return main_dev(Path(args.dev) if args.dev else None, Path(args.errors) if args.errors else None, args.verbose)


def _cmd_run(args: argparse.Namespace) -> int:
    from framing.run import main_run

    return main_run(args.corpus, args.out, progress=not args.no_progress)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs)."""
    p = argparse.ArgumentParser(prog="framing", description="Framing and stance analysis of news coverage.")
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    p.add_argument("--debug", action="store_true", help="show full tracebacks instead of one-line errors")
    sub = p.add_subparsers(dest="command", required=True)

    c = sub.add_parser("corpus", help="build the clean, voice-attributed sentence corpus")
    c.add_argument("paths", nargs="*", help="article files or folders (default: data/raw)")
    c.add_argument("--out", help="write interim/ and processed/ under DIR instead of data/")
    c.add_argument("--any-language", action="store_true", help="keep articles not detected as English (the models are English-only)")
    c.set_defaults(func=_cmd_corpus)

    t = sub.add_parser("train", help="train and save the stance model (deterministic)")
    t.add_argument("--model", default=None, help="model variant (default: the one chosen in models/evaluation/choice.json)")
    t.add_argument("--out", help="folder for the saved model (default: models/stance)")
    t.set_defaults(func=_cmd_train)

    s = sub.add_parser("score", help="score article files: voice, stance and loaded terms per sentence")
    s.add_argument("paths", nargs="+", help="article files (UTF-8 text, optional YAML front matter) or folders of them")
    s.add_argument("--out", required=True, help="output file, .csv or .parquet")
    s.add_argument("--model", help="saved model folder (default: models/stance)")
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    s.add_argument("--any-language", action="store_true", help="score articles not detected as English too (the models are English-only)")
    s.add_argument("--engine", choices=["local", "dask"], default="local", help="local (default) or dask: partitions scored on Dask workers")
    s.add_argument("--scheduler", help="with --engine dask: address of an existing scheduler (default: a LocalCluster)")
    s.add_argument("--encoder", choices=["onnx", "torch"], default=None,
                   help="sentence encoder engine: onnx (ONNX Runtime, the default) or torch (the fp32 reference); env FRAMING_ENCODER")
    s.set_defaults(func=_cmd_score)

    d = sub.add_parser("dev", help="evaluate the pipeline on the labelled development set")
    d.add_argument("--dev", help="dev-set folder (default: data/dev)")
    d.add_argument("--errors", help="write the error tables as CSV files into DIR")
    d.add_argument("-v", "--verbose", action="store_true", help="print every remaining error")
    d.set_defaults(func=_cmd_dev)

    r = sub.add_parser("run", help="run the notebook series on another corpus")
    r.add_argument("--corpus", required=True, help="folder of article files")
    r.add_argument("--out", required=True, help="folder for executed notebooks, data and figures")
    r.add_argument("--no-progress", action="store_true", help="no progress bar")
    r.set_defaults(func=_cmd_run)
    return p


def _user_errors() -> tuple[type[BaseException], ...]:
    """Exceptions a user can cause (bad paths, files, models): one line, not a traceback."""
    from framing.ingest import BadInput
    from framing.lexicon import LexiconError
    from framing.stance import ModelIntegrityError

    return (BadInput, LexiconError, ModelIntegrityError, FileNotFoundError, PermissionError, IsADirectoryError,
            NotADirectoryError, ValueError)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``framing`` console script.

    Errors a user can cause print ``framing: error: <file>: <problem>`` and exit 2;
    Ctrl-C exits 130 with one line; ``--debug`` shows the tracebacks instead.
    """
    args = build_parser().parse_args(argv)
    if args.debug:
        return int(args.func(args) or 0)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
    except _user_errors() as e:
        print(f"framing: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
