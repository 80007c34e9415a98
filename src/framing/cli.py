"""The ``framing`` command line.

``framing corpus [PATH ...] [--out DIR] [--recursive]``
    Build the sentence corpus from article files or folders (default ``data/raw``).
    Bad files are reported and skipped; the exit code is non-zero only when nothing
    could be processed.

``framing train [--model NAME] [--out DIR]``
    Train the stance model on the gold corpus labels and the written sentences, and
    save weights, metadata (with the weights' SHA-256) and a model card.

``framing score PATH ... --out FILE.csv|FILE.parquet [--recursive] [--model DIR] [--engine dask [--scheduler ADDRESS]] [--encoder onnx|torch]``
    Score article files or folders: one row per kept sentence with voice, speaker,
    stance labels and scores, and loaded terms. The encoder runs on ONNX Runtime by
    default; ``--encoder torch`` (or ``FRAMING_ENCODER=torch``) uses the torch reference.

``framing dev [--dev DIR] [--errors DIR] [-v]``
    Evaluate the corpus pipeline on the development set (default ``data/dev``): chrome
    kept, prose lost, boundary errors, voice and speaker accuracy (see ``framing.dev``);
    ``--errors`` writes every remaining error as CSV tables, ``-v`` prints them.

``framing explore SCORES --out DIR``
    Write the offline HTML sentence explorer (``DIR/explorer.html``) and, with
    ``--terms``, the scattertext term explorers of a scores table.

``framing export SCORES --sqlite FILE``
    Write a SQLite database (articles, sentences, loaded-term hits, full-text search)
    and its Datasette ``metadata.yml`` beside it.

``framing run --corpus PATH --out DIR``
    Execute the notebook series (corpus, loaded terms, outlet comparison) on another
    folder of articles, writing executed notebooks, data and figures under DIR.

Errors a user can cause (bad paths, files, models, a full disk) print one line
``framing: error: <file>: <problem>`` and exit 2; Ctrl-C prints one line and exits 130;
``--debug`` (before or after the command) shows the traceback instead. See
``docs/reliability.md``.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from framing import __version__


def _cmd_corpus(args: argparse.Namespace) -> int:
    from framing.corpus_cli import main_build

    return main_build(args.paths or None, Path(args.out) if args.out else None, any_language=args.any_language, recursive=args.recursive)


def _cmd_train(args: argparse.Namespace) -> int:
    from framing.train import main_train

    return main_train(args.model, Path(args.out) if args.out else None)


def _cmd_score(args: argparse.Namespace) -> int:
    import os

    from framing.encoder import ENGINE_ENV
    from framing.score_cli import main_score

    if args.encoder:
        os.environ[ENGINE_ENV] = args.encoder  # read by this process and inherited by Dask's local workers

    return main_score(args.paths, args.out, args.model, progress=not args.no_progress, engine=args.engine, scheduler=args.scheduler,
                      any_language=args.any_language, recursive=args.recursive)


def _cmd_dev(args: argparse.Namespace) -> int:
    from framing.dev import main_dev

    return main_dev(Path(args.dev) if args.dev else None, Path(args.errors) if args.errors else None, args.verbose)


def _cmd_run(args: argparse.Namespace) -> int:
    from framing.run import main_run

    return main_run(args.corpus, args.out, progress=not args.no_progress)


def _cmd_explore(args: argparse.Namespace) -> int:
    from framing.interfaces.explore import main_explore

    return main_explore(args.scores, args.out, terms=args.terms)


def _cmd_export(args: argparse.Namespace) -> int:
    from framing.interfaces.export import main_export

    return main_export(args.scores, args.sqlite)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs)."""
    p = argparse.ArgumentParser(prog="framing", description="Framing and stance analysis of news coverage.")
    p.add_argument("--version", action="version", version=f"framing {__version__}")
    p.add_argument("--debug", action="store_true", help="show full tracebacks instead of one-line errors")
    sub = p.add_subparsers(dest="command", required=True)
    common = argparse.ArgumentParser(add_help=False)  # options every command takes too
    common.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help="show full tracebacks instead of one-line errors")

    c = sub.add_parser("corpus", parents=[common], help="build the clean, voice-attributed sentence corpus")
    c.add_argument("paths", nargs="*", help="article files or folders (default: data/raw)")
    c.add_argument("--out", help="write interim/ and processed/ under DIR instead of data/")
    c.add_argument("--any-language", action="store_true", help="keep articles not detected as English (the models are English-only)")
    c.add_argument("--recursive", action="store_true", help="read subfolders too (article ids are the paths below the folder)")
    c.set_defaults(func=_cmd_corpus)

    t = sub.add_parser("train", parents=[common], help="train and save the stance model (deterministic)")
    t.add_argument("--model", default=None, help="model variant (default: the one chosen in models/evaluation/choice.json)")
    t.add_argument("--out", help="folder for the saved model (default: models/stance)")
    t.set_defaults(func=_cmd_train)

    s = sub.add_parser("score", parents=[common], help="score article files: voice, stance and loaded terms per sentence")
    s.add_argument("paths", nargs="+", help="article files (UTF-8 text, optional YAML front matter) or folders of them")
    s.add_argument("--out", required=True, help="output file, .csv or .parquet")
    s.add_argument("--recursive", action="store_true", help="read subfolders too (article ids are the paths below the folder)")
    s.add_argument("--model", help="saved model folder (default: models/stance)")
    s.add_argument("--no-progress", action="store_true", help="no progress bar")
    s.add_argument("--any-language", action="store_true", help="score articles not detected as English too (the models are English-only)")
    s.add_argument("--engine", choices=["local", "dask"], default="local", help="local (default) or dask: partitions scored on Dask workers")
    s.add_argument("--scheduler", help="with --engine dask: address of an existing scheduler (default: a LocalCluster)")
    s.add_argument("--encoder", choices=["onnx", "torch"], default=None,
                   help="sentence encoder engine: onnx (ONNX Runtime, the default) or torch (the fp32 reference); env FRAMING_ENCODER")
    s.set_defaults(func=_cmd_score)

    d = sub.add_parser("dev", parents=[common], help="evaluate the pipeline on the labelled development set")
    d.add_argument("--dev", help="dev-set folder (default: data/dev)")
    d.add_argument("--errors", help="write the error tables as CSV files into DIR")
    d.add_argument("-v", "--verbose", action="store_true", help="print every remaining error")
    d.set_defaults(func=_cmd_dev)

    e = sub.add_parser("explore", parents=[common], help="write the offline HTML sentence explorer of a scores table")
    e.add_argument("scores", help="the table `framing score` writes (.csv or .parquet)")
    e.add_argument("--out", required=True, help="folder for explorer.html (and terms/ with --terms)")
    e.add_argument("--terms", action="store_true", help="also write the scattertext term explorers (each outlet and outlet type against the rest)")
    e.set_defaults(func=_cmd_explore)

    x = sub.add_parser("export", parents=[common], help="write a SQLite database of a scores table for Datasette")
    x.add_argument("scores", help="the table `framing score` writes (.csv or .parquet)")
    x.add_argument("--sqlite", required=True, help="database file to write (replaced if it exists); metadata.yml goes beside it")
    x.set_defaults(func=_cmd_export)

    r = sub.add_parser("run", parents=[common], help="run the notebook series on another corpus")
    r.add_argument("--corpus", required=True, help="folder of article files")
    r.add_argument("--out", required=True, help="folder for executed notebooks, data and figures")
    r.add_argument("--no-progress", action="store_true", help="no progress bar")
    r.set_defaults(func=_cmd_run)
    return p


def _user_errors() -> tuple[type[BaseException], ...]:
    """Exceptions a user can cause (bad paths, files, models, a full disk): one line, not a traceback."""
    from framing.ingest import BadInput
    from framing.lexicon import LexiconError
    from framing.stance import ModelIntegrityError

    return (BadInput, LexiconError, ModelIntegrityError, OSError, ValueError)


def error_line(e: BaseException) -> str:
    """The one-line message for a user error: ``<file>: <problem>`` for OS errors, else the exception's text."""
    if isinstance(e, OSError) and e.strerror:
        where = e.filename if e.filename is not None else ""
        hint = " (free some space, or point FRAMING_CACHE / --out elsewhere)" if e.errno == errno.ENOSPC else ""
        return f"{where}: {e.strerror}{hint}" if where else f"{e.strerror}{hint}"
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``framing`` console script.

    Errors a user can cause print ``framing: error: <file>: <problem>`` and exit 2;
    Ctrl-C exits 130 with one line; ``--debug`` shows the tracebacks instead.
    """
    args = build_parser().parse_args(argv)
    if getattr(args, "debug", False):
        return int(args.func(args) or 0)
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        print("framing: interrupted (no output was left half-written)", file=sys.stderr)
        return 130
    except _user_errors() as e:
        print(f"framing: error: {error_line(e)}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
