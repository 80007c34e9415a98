"""``framing run --corpus PATH --out DIR``: the notebook series on another corpus.

Executes the notebooks that need no hand annotations (01 corpus, 02 loaded terms,
05 outlet comparison) with papermill, passing ``corpus_dir`` and ``out_dir`` to each
notebook's parameters cell. Executed copies go to ``DIR/notebooks/``, data to
``DIR/interim`` and ``DIR/processed``, figures to ``DIR/figures``, the findings table to
``DIR/tables``, and notebook 05 writes the sentence explorer beside the figures
(``DIR/figures/explorer.html``, :mod:`framing.interfaces.explore`). The committed notebooks are never modified. Notebooks 03 and 04 evaluate
against the seed corpus's hand labels and are not run.
"""

from __future__ import annotations

import sys
from pathlib import Path

from framing import config

RUN_NOTEBOOKS = ("01-corpus.ipynb", "02-loaded-terms.ipynb", "05-outlet-comparison.ipynb")


def run(corpus: Path, out: Path, progress: bool = True) -> list[Path]:
    """Execute the series against ``corpus``; return the executed notebooks' paths."""
    import papermill as pm

    from framing.outputs import atomic_path, check_out

    if not Path(corpus).exists():
        raise FileNotFoundError(f"{corpus}: no such file or folder")
    check_out(out, folder=True)
    corpus, out = Path(corpus).resolve(), Path(out).resolve()
    (out / config.NOTEBOOKS_NAME).mkdir(parents=True, exist_ok=True)
    done = []
    for name in RUN_NOTEBOOKS:
        src = config.NOTEBOOKS / name
        dst = out / config.NOTEBOOKS_NAME / name
        with atomic_path(dst) as tmp:  # a failed or killed notebook never leaves a partial copy under its name
            pm.execute_notebook(str(src), str(tmp), parameters={"corpus_dir": str(corpus), "out_dir": str(out)},
                                cwd=str(out), progress_bar=progress, kernel_name="python3")
        done.append(dst)
    return done


def main_run(corpus: str, out: str, progress: bool = True) -> int:
    try:
        paths = run(Path(corpus), Path(out), progress)
    except (FileNotFoundError, ValueError) as e:  # a missing corpus, an unusable --out
        print(f"framing: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        raise
    except Exception as e:  # papermill raises PapermillExecutionError with the failing cell
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        print(f"framing: error: a notebook failed: {first}", file=sys.stderr)
        return 1
    from framing.interfaces.explore import EXPLORER_HTML

    explorer = Path(out) / config.FIGURES_NAME / EXPLORER_HTML
    print(f"executed {len(paths)} notebooks into {Path(out) / config.NOTEBOOKS_NAME}; figures in {Path(out) / config.FIGURES_NAME}"
          + (f"; sentence explorer: {explorer}" if explorer.exists() else ""), file=sys.stderr)
    return 0
