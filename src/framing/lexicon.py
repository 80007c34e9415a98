"""The loaded-terms lexicon: loading, validation and matching.

The lexicon is data (``data/lexicon/loaded_terms.csv``, documented in ``docs/lexicon.md``):
one row per entry with a regular-expression ``pattern`` covering inflections and
variants, a ``category``, the direction it signals toward each target, a rationale, a
source and ``exceptions``. The matcher applies every entry case-insensitively as a whole
word or phrase (``(?<!\\w)(?:pattern)(?!\\w)``, so a pattern may start with a quotation
mark); a hit is dropped when an exception pattern matches a
span of the sentence that contains it (``sanctions regime`` is not the delegitimising
"regime"). Entries may overlap: one span can be a hit for several entries.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from framing import config

LEXICON_CSV = config.LEXICON_CSV

#: The category scheme (docs/lexicon.md).
CATEGORIES = {
    "anti_western": "anti-hegemonic and anti-Western",
    "solidarity": "solidarity and sacralisation",
    "delegitimising": "delegitimising Russia or the DPRK",
    "euphemism": "war euphemism",
    "threat": "threat and securitisation",
    "sovereignty": "sovereignty and multipolarity",
    "desperation_isolation": "desperation and isolation",
    "illegality": "illegality",
}
#: Two-line labels for charts.
CATEGORY_SHORT = {
    "anti_western": "anti-hegemonic /\nanti-Western",
    "solidarity": "solidarity /\nsacralisation",
    "delegitimising": "delegitimising\nRussia / DPRK",
    "euphemism": "war\neuphemism",
    "threat": "threat /\nsecuritisation",
    "sovereignty": "sovereignty /\nmultipolarity",
    "desperation_isolation": "desperation /\nisolation",
    "illegality": "illegality /\nillicit",
}
#: Per-sentence counts of hits signalling +1 / −1 toward each target (stance-model features).
LEX_COUNT_COLUMNS = ["lex_partnership_plus", "lex_partnership_minus", "lex_west_plus", "lex_west_minus"]
COLUMNS = ["id", "term", "pattern", "category", "partnership_direction", "west_direction", "rationale", "source", "exceptions", "example"]
EXCEPTION_SEP = " || "
#: How an entry's pattern is wrapped: a whole word or phrase.
WORD_START, WORD_END = r"(?<!\w)(?:", r")(?!\w)"


class LexiconError(ValueError):
    """A malformed lexicon file; the message names the file, the row and the problem."""


@dataclass(frozen=True)
class Entry:
    id: str
    term: str
    category: str
    partnership: int
    west: int
    pattern: re.Pattern
    exceptions: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Hit:
    """One lexicon hit in a text."""

    id: str
    term: str
    category: str
    partnership: int
    west: int
    start: int
    end: int
    surface: str


class Lexicon:
    """A compiled lexicon. ``Lexicon.load()`` reads the project's CSV (cached)."""

    def __init__(self, entries: list[Entry], source: Path | None = None):
        self.entries = entries
        self.source = source
        self.by_id = {e.id: e for e in entries}
        # One search of all patterns together finds where the next hit starts (most sentences
        # hold none); the entries matching exactly there are found with an anchored match of
        # each, and the search goes on from the next character (so hits inside other hits are
        # found too). Only those entries are then run over the sentence. The word-boundary
        # lookbehind is hoisted out of the alternation, which lets the search run about 2.5x
        # faster than an alternation of the wrapped patterns. Matches are memoised per text,
        # because scoring asks for them three times.
        self._scan = _combined(entries)
        self._memo = lru_cache(maxsize=200_000)(self._match)

    def _entries_in(self, text: str) -> list[Entry]:
        """The entries that match somewhere in ``text``, in lexicon order."""
        found: set[int] = set()
        m = self._scan.search(text)
        while m is not None:
            pos = m.start()
            found.update(k for k, e in enumerate(self.entries) if e.pattern.match(text, pos))
            m = self._scan.search(text, pos + 1)
        return [self.entries[k] for k in sorted(found)]

    @classmethod
    def from_csv(cls, path: Path | str) -> Lexicon:
        path = Path(path)
        try:
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
        except FileNotFoundError:
            raise LexiconError(f"{path}: lexicon file not found") from None
        if not rows:
            raise LexiconError(f"{path}: no entries")
        missing = [c for c in COLUMNS if c not in rows[0]]
        if missing:
            raise LexiconError(f"{path}: missing column(s) {', '.join(missing)}")
        entries, seen = [], set()
        for n, row in enumerate(rows, start=2):
            where = f"{path.name} line {n} ({row.get('id') or '?'})"
            if not row["id"] or row["id"] in seen:
                raise LexiconError(f"{where}: empty or duplicate id")
            seen.add(row["id"])
            if row["category"] not in CATEGORIES:
                raise LexiconError(f"{where}: unknown category {row['category']!r} (one of {', '.join(CATEGORIES)})")
            try:
                pd_, wd = int(row["partnership_direction"]), int(row["west_direction"])
            except ValueError:
                raise LexiconError(f"{where}: directions must be -1, 0 or +1") from None
            if pd_ not in (-1, 0, 1) or wd not in (-1, 0, 1):
                raise LexiconError(f"{where}: directions must be -1, 0 or +1")
            try:
                pat = re.compile(f"{WORD_START}{row['pattern']}{WORD_END}", re.IGNORECASE)
                exc = tuple(re.compile(x, re.IGNORECASE) for x in row["exceptions"].split(EXCEPTION_SEP) if x.strip())
            except re.error as e:
                raise LexiconError(f"{where}: pattern does not compile ({e})") from None
            entries.append(Entry(row["id"], row["term"], row["category"], pd_, wd, pat, exc))
        return cls(entries, path)

    @classmethod
    def load(cls, path: Path | str | None = None) -> Lexicon:
        return _load_cached(str(path or LEXICON_CSV))

    def match(self, text: str) -> list[Hit]:
        """All hits in ``text``, in order of position; exceptions honoured."""
        return list(self._memo(text))

    def _match(self, text: str) -> tuple[Hit, ...]:
        if self._scan is None:
            return ()
        hits: list[Hit] = []
        for e in self._entries_in(text):
            for m in e.pattern.finditer(text):
                a, b = m.span()
                if any(x.start() <= a and x.end() >= b for ex in e.exceptions for x in ex.finditer(text)):
                    continue
                hits.append(Hit(e.id, e.term, e.category, e.partnership, e.west, a, b, m.group(0)))
        return tuple(sorted(hits, key=lambda h: (h.start, h.end, h.id)))

    def hits_table(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """One row per hit in a sentence table (with outlet, voice, speaker where present)."""
        keep = [c for c in ("sentence_id", "article", "outlet", "voice", "speaker", "event") if c in sentences.columns]
        rows = []
        for rec in sentences[keep + ["text"]].itertuples(index=False):
            r = rec._asdict()
            for h in self.match(r["text"]):
                rows.append({**{k: r[k] for k in keep}, "term_id": h.id, "term": h.term, "category": h.category,
                             "partnership_direction": h.partnership, "west_direction": h.west,
                             "start": h.start, "end": h.end, "surface": h.surface})
        cols = keep + ["term_id", "term", "category", "partnership_direction", "west_direction", "start", "end", "surface"]
        return pd.DataFrame(rows, columns=cols)

    def annotate(self, sentences: pd.DataFrame) -> pd.DataFrame:
        """Copy of ``sentences`` with ``loaded_terms`` and ``loaded_categories`` (``;``-separated)
        and the counts of hits signalling +1 and −1 toward each target (``lex_<target>_plus|minus``)."""
        terms, cats, counts = [], [], []
        for text in sentences["text"]:
            hits = self.match(text)
            terms.append(";".join(dict.fromkeys(h.surface for h in hits)))
            cats.append(";".join(dict.fromkeys(h.category for h in hits)))
            counts.append([*direction_counts(hits, "partnership"), *direction_counts(hits, "west")])
        out = sentences.copy()
        out["loaded_terms"] = terms
        out["loaded_categories"] = cats
        c = (pd.DataFrame(counts, columns=LEX_COUNT_COLUMNS, index=out.index, dtype="int64") if counts
             else pd.DataFrame(columns=LEX_COUNT_COLUMNS, dtype="int64"))
        for col in LEX_COUNT_COLUMNS:
            out[col] = c[col]
        return out

    def covers(self, phrase: str) -> bool:
        """True if some entry matches somewhere in ``phrase`` (used to flag lexicon gaps)."""
        return bool(self.match(phrase))


def direction_counts(hits, target: str) -> tuple[int, int]:
    """How many ``hits`` signal +1 and how many −1 toward ``target`` (``partnership`` or ``west``)."""
    dirs = [h.partnership if target == "partnership" else h.west for h in hits]
    return sum(d > 0 for d in dirs), sum(d < 0 for d in dirs)


def _combined(entries: list[Entry]) -> re.Pattern | None:
    """One pattern matching wherever some entry matches (the shared word-start lookbehind outside the alternation)."""
    if not entries:
        return None
    pats = [e.pattern.pattern for e in entries]
    if all(p.startswith(WORD_START) and p.endswith(WORD_END) for p in pats):
        inner = [p[len(WORD_START) : -len(WORD_END)] for p in pats]
        return re.compile(r"(?<!\w)(?:" + "|".join(rf"(?:{p})(?!\w)" for p in inner) + ")", re.IGNORECASE)
    return re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)


@lru_cache(maxsize=4)
def _load_cached(path: str) -> Lexicon:
    return Lexicon.from_csv(path)


def lexicon_table(path: Path | None = None) -> pd.DataFrame:
    """The lexicon CSV as a DataFrame (for display)."""
    return pd.read_csv(path or LEXICON_CSV, keep_default_na=False)

