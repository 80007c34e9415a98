"""Read article files: decoding, optional YAML front matter, manifest rows, bad-input checks.

An article is a UTF-8 text file (``.txt`` or ``.md``). It may start with YAML front
matter between ``---`` lines (``outlet``, ``title``, ``date``, ``url``, ``event``; other
keys are kept). For the seed corpus the same metadata comes from ``data/articles.csv``.

Every problem raises :class:`BadInput` naming the file and the problem; the corpus
builder catches it, skips that file and reports it at the end of the run.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import frontmatter
import yaml

#: File endings read as articles when a folder is given.
ARTICLE_SUFFIXES = (".txt", ".md")

#: Metadata keys with a meaning in the pipeline; any other front-matter key is kept as is.
KNOWN_KEYS = ("outlet", "title", "date", "url", "event")


class BadInput(ValueError):
    """An input file that cannot be processed. ``str()`` names the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


@dataclass
class Article:
    """One article: its body text (front matter removed) and metadata."""

    article: str  # file stem, the article's id everywhere
    path: Path
    raw: str  # the whole decoded file
    body: str  # raw minus front matter
    body_offset: int  # where body starts in raw
    meta: dict = field(default_factory=dict)
    sha256: str = ""

    @property
    def outlet(self) -> str:
        return str(self.meta.get("outlet") or self.article)


@dataclass
class Skipped:
    """A file the run did not process, and why."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.problem}"


def discover(paths: Iterable[Path | str]) -> list[Path]:
    """Expand files and folders into a sorted list of article files.

    Folders are searched (not recursively) for ``.txt`` and ``.md`` files; a path that
    does not exist raises :class:`BadInput`.
    """
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() in ARTICLE_SUFFIXES))
        elif p.is_file():
            found.append(p)
        else:
            raise BadInput(p, "no such file or folder")
    # keep order, drop repeats of the same path
    seen: set[Path] = set()
    out = []
    for p in found:
        rp = p.resolve()
        if rp not in seen:
            seen.add(rp)
            out.append(p)
    return out


def decode(path: Path, data: bytes) -> str:
    """Decode bytes as UTF-8, rejecting empty, binary and non-UTF-8 input with a clear message."""
    if not data.strip():
        raise BadInput(path, "file is empty or whitespace only")
    if b"\x00" in data[:8192]:
        raise BadInput(path, "binary file (contains NUL bytes), not UTF-8 text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise BadInput(
            path,
            f"not UTF-8 text: byte 0x{data[e.start]:02x} at position {e.start} cannot be decoded "
            "(re-save the file as UTF-8)",
        ) from None
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise BadInput(path, "binary file (mostly control characters), not text")
    if not text.strip():
        raise BadInput(path, "file is empty or whitespace only")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """Return (metadata, body, body_offset). Malformed front matter raises :class:`BadInput`."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---", 4)
    if end == -1:
        raise BadInput(path, "malformed front matter: opening '---' has no closing '---' line")
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (front-matter line {mark.line + 2})" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise BadInput(path, f"malformed front matter{where}: {problem}") from None
    if not isinstance(post.metadata, dict):
        raise BadInput(path, "malformed front matter: expected 'key: value' lines")
    close = text.find("\n", end + 4)
    body_offset = len(text) if close == -1 else close + 1
    meta = {str(k): ("" if v is None else v) for k, v in post.metadata.items()}
    for key in ("date",):
        if key in meta and not isinstance(meta[key], str):
            meta[key] = str(meta[key])
    return meta, text[body_offset:], body_offset


def read_manifest(path: Path) -> dict[str, dict]:
    """Read ``articles.csv`` into ``{article: row}``; a missing file gives an empty manifest."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    out = {}
    for row in rows:
        key = Path(row.get("raw_file") or row.get("article", "")).stem
        if key:
            out[key] = row
    return out


def read_article(path: Path, manifest: dict[str, dict] | None = None) -> Article:
    """Read one article file; metadata from front matter, filled in from the manifest row."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BadInput(path, f"cannot be read ({e.strerror})") from None
    text = decode(path, data)
    meta, body, offset = split_front_matter(path, text)
    if not body.strip():
        raise BadInput(path, "no article text after the front matter")
    row = (manifest or {}).get(path.stem, {})
    merged = dict(meta)
    if row:
        mapping = {"outlet": "outlet", "title": "title", "date": "page_date", "event": "event", "url": "url"}
        for key, col in mapping.items():
            if row.get(col):
                merged.setdefault(key, row[col])
        for col in ("outlet_type", "country", "genre", "original_source"):
            if row.get(col):
                merged.setdefault(col, row[col])
    return Article(
        article=path.stem,
        path=path,
        raw=text,
        body=body,
        body_offset=offset,
        meta=merged,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def read_articles(paths: Iterable[Path | str], manifest: dict[str, dict] | None = None) -> tuple[list[Article], list[Skipped]]:
    """Read many files, skipping bad ones and duplicates (same body text) with a reason each."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    by_body: dict[str, str] = {}
    try:
        files = discover(paths)
    except BadInput as e:
        return [], [Skipped(e.path, e.problem)]
    for path in files:
        try:
            art = read_article(path, manifest)
        except BadInput as e:
            skipped.append(Skipped(e.path, e.problem))
            continue
        key = hashlib.sha256(" ".join(art.body.split()).encode()).hexdigest()
        if key in by_body:
            skipped.append(Skipped(path, f"duplicate article: same text as {by_body[key]}"))
            continue
        by_body[key] = path.name
        articles.append(art)
    return articles, skipped
