"""Findings for the README, written by notebook 05 and never typed by hand.

Notebook 05 writes ``docs/findings/findings.md``; :func:`update_readme` copies it into
``README.md`` between the markers ``<!-- findings:start -->`` and ``<!-- findings:end -->``.
A test checks that the two agree.
"""

from __future__ import annotations

from pathlib import Path

from framing import config

START, END = "<!-- findings:start -->", "<!-- findings:end -->"


def write_findings(markdown: str, folder: Path | None = None) -> Path:
    """Write the findings Markdown file."""
    folder = Path(folder or (config.DOCS / "findings"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "findings.md"
    path.write_text(markdown.rstrip() + "\n", encoding="utf-8")
    return path


def readme_findings(readme: Path | None = None) -> str:
    """The findings block currently in the README."""
    text = Path(readme or (config.ROOT / "README.md")).read_text(encoding="utf-8")
    a, b = text.index(START) + len(START), text.index(END)
    return text[a:b].strip()


def update_readme(markdown: str, readme: Path | None = None) -> None:
    """Replace the README's findings block with ``markdown``."""
    path = Path(readme or (config.ROOT / "README.md"))
    text = path.read_text(encoding="utf-8")
    a, b = text.index(START) + len(START), text.index(END)
    path.write_text(text[:a] + "\n" + markdown.strip() + "\n" + text[b:], encoding="utf-8")
