"""Notebook housekeeping: strip execution metadata, and check that figures are stored.

``python -m framing.nbtools strip NB...`` removes what an execution adds besides the
outputs (per-cell timing metadata, papermill's run record), so that a re-executed
notebook differs from the committed one only where its outputs differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

#: Cell metadata keys added by nbconvert, papermill and JupyterLab when a cell runs.
EXECUTION_KEYS = ("execution", "papermill", "ExecuteTime", "collapsed", "scrolled")


def strip(path: Path | str) -> bool:
    """Remove execution metadata from one notebook in place; return True if it changed."""
    import nbformat

    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    before = json.dumps(nb, sort_keys=True)
    nb.get("metadata", {}).pop("papermill", None)
    for cell in nb.get("cells", []):
        md = cell.get("metadata", {})
        for key in EXECUTION_KEYS:
            md.pop(key, None)
        tags = md.get("tags")
        if tags is not None and not tags:
            md.pop("tags")
    if json.dumps(nb, sort_keys=True) == before:
        return False
    nbformat.write(nb, path)
    return True


#: Cell tag of sections that run only in the project's own analysis (they draw nothing on another corpus).
PROJECT_ONLY_TAG = "project-only"


def figure_cells_without_image(path: Path | str, skip_tags: tuple[str, ...] = ()) -> list[int]:
    """Indices of code cells that draw (``plt.show()`` or ``save_figure``) but store no PNG output.

    Cells carrying one of ``skip_tags`` are not checked (``framing run`` skips project-only sections).
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    bad = []
    for i, cell in enumerate(nb.get("cells", [])):
        src = "".join(cell.get("source", ""))
        if cell.get("cell_type") != "code" or not ("plt.show()" in src or "save_figure(" in src):
            continue
        if set(cell.get("metadata", {}).get("tags", [])) & set(skip_tags):
            continue
        if not any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
            bad.append(i)
    return bad


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] != "strip":
        print("usage: python -m framing.nbtools strip NOTEBOOK...", file=sys.stderr)
        return 2
    changed = [p for p in args[1:] if strip(p)]
    print(f"stripped execution metadata from {len(changed)} of {len(args) - 1} notebook(s)")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
