"""Read article files: finding inputs, decoding, YAML front matter, manifest rows, bad-input checks.

An article is a text file (``.txt`` or ``.md``; UTF-8, or UTF-16/32 with a byte-order
mark) or an HTML page (``.html``/``.htm``, converted to text with trafilatura). A text
file may start with YAML front matter between ``---`` lines (``outlet``, ``title``,
``date``, ``url``, ``event``; other keys are kept). For the seed corpus the same metadata
comes from ``data/articles.csv``. An HTML page's own metadata (site name, or else its
host, as the outlet; title, date, canonical address) fills what its manifest row leaves
empty. An article with no outlet from any of these is named after its file, and the run
says so (:data:`MSG` ``["no_outlet"]``).

Every problem raises :class:`BadInput` naming the file (as the user wrote its path) and
the problem; the corpus builder catches it, skips that file and reports it at the end of
the run. What is promised for each kind of bad input is listed in ``docs/reliability.md``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as _dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import yaml

#: File endings read as articles when a folder is given.
ARTICLE_SUFFIXES = (".txt", ".md")
#: File endings read as HTML pages (converted to text with trafilatura).
HTML_SUFFIXES = (".html", ".htm")

#: Metadata keys with a meaning in the pipeline; any other front-matter key is kept as is.
KNOWN_KEYS = ("outlet", "title", "date", "url", "event")
#: Keys whose value must be one scalar (text, number, boolean or date), stored as text.
TEXT_KEYS = (*KNOWN_KEYS, "outlet_type", "country", "genre", "original_source")
#: At most this many YAML aliases (``*name``) in one front matter (an alias bomb has hundreds).
MAX_ALIASES = 8
#: At most this deep a nesting of lists and mappings in a front-matter value.
MAX_DEPTH = 8

#: Byte-order marks decoded (longest first: the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))

_OPENER = re.compile(r"\A(?:[ \t]*\n)*---[ \t]*\n")
_CLOSER = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>])", re.I)

#: Messages for problems with inputs (one place, so the wording stays consistent).
MSG = {
    "missing": "no such file or folder",
    "broken_link": "broken link (points to {target}, which does not exist)",
    "collision": "article id '{article}' is already the id of {other}; rename one of the two files",
    "suffix": "only {suffixes} files are read from a folder (give the file by name to read it anyway)",
    "subfolder": "folder not searched (use --recursive to read subfolders)",
    "dir_link": "link to a folder, not followed (give its target as an input to read it)",
    "not_file": "not a regular file",
    "empty": "file is empty or whitespace only",
    "binary_nul": "binary file (contains NUL bytes), not text",
    "utf16_no_bom": "binary file (contains NUL bytes); it looks like UTF-16 without a byte-order mark: re-save it as UTF-8",
    "bad_bom": "starts with a {encoding} byte-order mark but cannot be decoded as {encoding}",
    "binary_controls": "binary file (mostly control characters), not text",
    "no_body": "no article text after the front matter",
    "html_missing": "HTML page: converting HTML needs the trafilatura package (pip install trafilatura); save the page as text instead",
    "html_empty": "HTML page: the extractor found no article text in it",
    "no_outlet": ("{n} article(s) with no outlet (no front-matter `outlet:`, manifest row or page site name), "
                  "each named after its file: {ids}"),
}


def no_outlet_message(ids: list[str], shown: int = 10) -> str:
    """The one-line notice for articles whose outlet is their file's name (the first ``shown`` ids listed)."""
    listed = ", ".join(ids[:shown]) + (f", … ({len(ids) - shown} more)" if len(ids) > shown else "")
    return MSG["no_outlet"].format(n=len(ids), ids=listed)


class BadInput(ValueError):
    """An input file that cannot be processed. ``str()`` names the file and the problem."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass
class Article:
    """One article: its body text (front matter removed) and metadata."""

    article: str  # the article's id everywhere: the path below the folder given, without the ending
    path: Path
    raw: str  # the whole decoded file (for HTML: the extracted text)
    body: str  # raw minus front matter
    body_offset: int  # where body starts in raw
    meta: dict = field(default_factory=dict)
    sha256: str = ""
    source_row: dict = field(default_factory=dict)  # the manifest row merged into meta (part of the cache key)

    @property
    def outlet(self) -> str:
        """The outlet from the metadata, else the article's id (see :attr:`has_outlet`)."""
        return str(self.meta.get("outlet") or self.article)

    @property
    def has_outlet(self) -> bool:
        """Whether front matter, the manifest or the page named the outlet (else :attr:`outlet` is the file's id)."""
        return bool(self.meta.get("outlet"))


@dataclass
class Skipped:
    """A file the run did not process (or a path it could not use), and why."""

    path: Path
    problem: str

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(frozen=True)
class Input:
    """One article file to read and the article id it gets."""

    path: Path
    article: str


@dataclass
class Inputs:
    """What :func:`find_inputs` found: files to read, problems (not processed), files not read by design."""

    files: list[Input] = field(default_factory=list)
    problems: list[Skipped] = field(default_factory=list)
    ignored: list[Skipped] = field(default_factory=list)


def _article_id(path: Path, base: Path | None) -> str:
    """The article id: the path below ``base`` without its ending (``d1/a.txt`` → ``d1/a``), else the file's stem."""
    if base is None:
        return path.stem
    return path.relative_to(base).with_suffix("").as_posix()


def _walk(folder: Path, recursive: bool, found: Inputs) -> None:
    """Add the article files under ``folder``; report everything else in it by name."""
    readable = ARTICLE_SUFFIXES + HTML_SUFFIXES
    for root, dirs, names in os.walk(folder):
        root_p = Path(root)
        dirs.sort()
        if not recursive:
            found.ignored += [Skipped(root_p / d, MSG["subfolder"]) for d in dirs]
            dirs[:] = []
        else:  # links to folders are not followed (they can loop)
            found.ignored += [Skipped(root_p / d, MSG["dir_link"]) for d in dirs if (root_p / d).is_symlink()]
        for name in sorted(names):
            q = root_p / name
            if q.is_symlink() and not q.exists():
                found.problems.append(Skipped(q, MSG["broken_link"].format(target=os.readlink(q))))
            elif not q.is_file():
                found.ignored.append(Skipped(q, MSG["not_file"]))
            elif q.suffix.lower() not in readable:
                found.ignored.append(Skipped(q, MSG["suffix"].format(suffixes="/".join(readable))))
            else:
                found.files.append(Input(q, _article_id(q, folder)))


def find_inputs(paths: Iterable[Path | str], recursive: bool = False) -> Inputs:
    """Expand files and folders into the article files to read, each with its article id.

    Folders are searched for ``.txt``, ``.md`` and ``.html`` files (subfolders only with
    ``recursive``; ids are the path below the folder, so ``d1/a.txt`` and ``d2/a.txt`` stay
    apart). Missing paths, broken links and id collisions (``x.txt`` and ``x.md``) are
    problems; other files and unsearched subfolders are reported as not read.
    """
    found = Inputs()
    for p in map(Path, paths):
        if p.is_dir():
            _walk(p, recursive, found)
        elif p.is_file():
            found.files.append(Input(p, _article_id(p, None)))
        elif p.is_symlink():
            found.problems.append(Skipped(p, MSG["broken_link"].format(target=os.readlink(p))))
        else:
            found.problems.append(Skipped(p, MSG["missing"]))
    seen: set[Path] = set()
    ids: dict[str, Path] = {}
    files = []
    for f in found.files:
        rp = f.path.resolve()
        if rp in seen:  # the same file given twice
            continue
        seen.add(rp)
        if f.article in ids:
            found.problems.append(Skipped(f.path, MSG["collision"].format(article=f.article, other=ids[f.article])))
            continue
        ids[f.article] = f.path
        files.append(f)
    found.files = files
    return found


def discover(paths: Iterable[Path | str], recursive: bool = False) -> list[Path]:
    """The article files under ``paths`` (see :func:`find_inputs`; problems are not raised here)."""
    return [f.path for f in find_inputs(paths, recursive).files]


def _decode_bom(path: Path, data: bytes) -> str | None:
    """Text of a file that starts with a UTF-16/32 byte-order mark, else ``None``."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise BadInput(path, MSG["bad_bom"].format(encoding=encoding.upper())) from None
    return None


def decode(path: Path, data: bytes) -> str:
    """Decode bytes as UTF-8 (or UTF-16/32 with a byte-order mark), rejecting empty, binary and undecodable input."""
    if not data.strip():
        raise BadInput(path, MSG["empty"])
    text = _decode_bom(path, data)
    if text is None:
        if b"\x00" in data:
            odd = data[1::2]
            looks_utf16 = len(data) >= 4 and (data[0::2].count(0) > 0.9 * len(data[0::2]) or odd.count(0) > 0.9 * len(odd))
            raise BadInput(path, MSG["utf16_no_bom"] if looks_utf16 else MSG["binary_nul"])
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise BadInput(
                path,
                f"not UTF-8 text: byte 0x{data[e.start]:02x} at position {e.start} cannot be decoded "
                "(re-save the file as UTF-8)",
            ) from None
    if "\x00" in text:
        raise BadInput(path, MSG["binary_nul"])
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise BadInput(path, MSG["binary_controls"])
    if not text.strip():
        raise BadInput(path, MSG["empty"])
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader (plain data only) that refuses more than ``MAX_ALIASES`` aliases."""

    aliases = 0

    def compose_node(self, parent, index):  # noqa: D102 (PyYAML's hook)
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} YAML aliases (*name): refused, as an alias bomb would expand without bound")
        return super().compose_node(parent, index)


def _check_value(path: Path, key: str, value: object, depth: int = 0) -> None:
    """Refuse values nested too deeply (or recursive) and mappings with keys that are not text."""
    if depth > MAX_DEPTH:
        raise BadInput(path, f"front matter: the value of '{key}' is nested more than {MAX_DEPTH} levels deep (or refers to itself)")
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                raise BadInput(path, f"front matter: key {k!r} inside '{key}' is not text (quote it)")
            _check_value(path, key, v, depth + 1)
    elif isinstance(value, list):
        for v in value:
            _check_value(path, key, v, depth + 1)


def coerce_meta(path: Path, data: dict) -> dict:
    """Metadata from a parsed front-matter mapping, by one rule (documented in docs/reliability.md).

    Keys must be text. Values of ``TEXT_KEYS`` must be one scalar: text is kept, numbers,
    booleans and dates become their text (``2023-09-13``), an empty value ``""``; a list or
    mapping there is an error. Other keys keep their (plain-data) values.
    """
    meta = {}
    for k, v in data.items():
        if not isinstance(k, str):
            raise BadInput(path, f"front matter: key {k!r} is not text (write it in quotes, e.g. '{k}': ...)")
        _check_value(path, k, v)
        if k in TEXT_KEYS:
            if isinstance(v, (list, dict)):
                kind = "list" if isinstance(v, list) else "mapping"
                raise BadInput(path, f"front matter: '{k}' must be one value, not a {kind}")
            v = "" if v is None else v if isinstance(v, str) else str(v)
        elif v is None:
            v = ""
        elif isinstance(v, (_dt.date, _dt.datetime)):
            v = str(v)
        meta[k] = v
    return meta


def split_front_matter(path: Path, text: str) -> tuple[dict, str, int]:
    """Return (metadata, body, body_offset). Malformed front matter raises :class:`BadInput`.

    The opening ``---`` line may follow blank lines (and a byte-order mark, removed when
    decoding) and may carry trailing spaces; the closing line is ``---`` or ``...``.
    """
    opener = _OPENER.match(text)
    if opener is None:
        return {}, text, 0
    close = _CLOSER.search(text, opener.end())
    if close is None:
        raise BadInput(path, "malformed front matter: opening '---' has no closing '---' line")
    first_line = text.count("\n", 0, opener.end()) + 1
    try:
        loader = _FrontMatterLoader(text[opener.end() : close.start()])
        try:
            data = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "context_mark", None) or getattr(e, "problem_mark", None)  # where the broken construct starts
        where = f" (front-matter line {mark.line + first_line})" if mark is not None else ""
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise BadInput(path, f"malformed front matter{where}: {problem}") from None
    except RecursionError:
        raise BadInput(path, f"malformed front matter: nested more than {MAX_DEPTH} levels deep") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise BadInput(path, "malformed front matter: expected 'key: value' lines")
    meta = coerce_meta(path, data)
    nl = text.find("\n", close.end())
    body_offset = len(text) if nl == -1 else nl + 1
    return meta, text[body_offset:], body_offset


def html_article(path: Path, html: str) -> tuple[str, dict[str, str]]:
    """An HTML page's article text (title line, blank line, paragraphs; extracted with trafilatura) and its metadata
    (see :func:`page_metadata`)."""
    try:
        import trafilatura
    except ImportError:
        raise BadInput(path, MSG["html_missing"]) from None
    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not body or not body.strip():
        raise BadInput(path, MSG["html_empty"])
    meta = page_metadata(trafilatura.extract_metadata(html))
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    if meta.get("title") and paras and paras[0] != meta["title"]:
        paras.insert(0, meta["title"])
    return "\n\n".join(paras) + "\n", meta


def page_metadata(doc: object) -> dict[str, str]:
    """``outlet`` (site name, else host), ``title``, ``date`` and ``url`` from trafilatura's metadata; empty ones left out.

    Example:
        >>> from types import SimpleNamespace as NS
        >>> page_metadata(NS(sitename="", hostname="example.org", title=" A ", date="2024-06-19", url=None))
        {'outlet': 'example.org', 'title': 'A', 'date': '2024-06-19'}
    """
    values = {"outlet": getattr(doc, "sitename", None) or getattr(doc, "hostname", None), "title": getattr(doc, "title", None),
              "date": getattr(doc, "date", None), "url": getattr(doc, "url", None)}
    return {k: str(v).strip() for k, v in values.items() if v and str(v).strip()}


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


def _merge_manifest(meta: dict, row: dict) -> dict:
    """Front-matter metadata filled in (never overridden) from the manifest row."""
    merged = dict(meta)
    mapping = {"outlet": "outlet", "title": "title", "date": "page_date", "event": "event", "url": "url"}
    for key, col in mapping.items():
        if row.get(col):
            merged.setdefault(key, row[col])
    for col in ("outlet_type", "country", "genre", "original_source"):
        if row.get(col):
            merged.setdefault(col, row[col])
    return merged


def read_article(path: Path, manifest: dict[str, dict] | None = None, article: str | None = None) -> Article:
    """Read one article file; metadata from front matter, filled in from the manifest row.

    ``article`` is its id (default: the file's stem). HTML pages (by ending or content)
    are converted to text first and have no front matter.
    """
    path = Path(path)
    article = article or path.stem
    try:
        data = path.read_bytes()
    except OSError as e:
        raise BadInput(path, f"cannot be read ({e.strerror})") from None
    text = decode(path, data)
    row = (manifest or {}).get(article, {})
    if path.suffix.lower() in HTML_SUFFIXES or _HTML_START.match(text):
        text, page = html_article(path, text)
        body, offset = text, 0
        meta = _merge_manifest({}, row)  # the manifest row first: the page's own metadata only fills its gaps
        meta.update({k: v for k, v in page.items() if k not in meta})
    else:
        meta, body, offset = split_front_matter(path, text)
        meta = _merge_manifest(meta, row)
    if not body.strip():
        raise BadInput(path, MSG["no_body"])
    return Article(
        article=article,
        path=path,
        raw=text,
        body=body,
        body_offset=offset,
        meta=meta,
        sha256=hashlib.sha256(data).hexdigest(),
        source_row=dict(row),
    )


def read_articles(paths: Iterable[Path | str | Input], manifest: dict[str, dict] | None = None,
                  recursive: bool = False) -> tuple[list[Article], list[Skipped]]:
    """Read many files, skipping bad ones and duplicates (same body text) with a reason each."""
    articles, skipped, _ = read_all(paths, manifest, recursive)
    return articles, skipped


def read_all(paths: Iterable[Path | str | Input], manifest: dict[str, dict] | None = None,
             recursive: bool = False) -> tuple[list[Article], list[Skipped], list[Skipped]]:
    """Read many files, skipping bad ones and duplicates (same body text) with a reason each.

    ``paths`` are files and folders (see :func:`find_inputs`) or :class:`Input` items.
    Returns (articles, skipped, ignored): skipped files had a problem; ignored ones are
    not article files (other endings, unsearched subfolders) and are only reported.
    """
    paths = list(paths)
    given = [p for p in paths if isinstance(p, Input)]
    found = find_inputs([p for p in paths if not isinstance(p, Input)], recursive)
    articles: list[Article] = []
    skipped: list[Skipped] = list(found.problems)
    by_body: dict[str, Path] = {}
    for inp in given + found.files:
        try:
            art = read_article(inp.path, manifest, inp.article)
        except BadInput as e:
            skipped.append(Skipped(e.path, e.problem))
            continue
        except Exception as e:  # one bad file never stops the others
            skipped.append(Skipped(inp.path, f"could not be read ({type(e).__name__}: {e})"))
            continue
        key = hashlib.sha256(" ".join(art.body.split()).encode()).hexdigest()
        if key in by_body:
            skipped.append(Skipped(inp.path, f"duplicate article: same text as {by_body[key]}"))
            continue
        by_body[key] = inp.path
        articles.append(art)
    return articles, skipped, found.ignored
