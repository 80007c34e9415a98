"""Split cleaned text into sentences with exact character offsets.

The segmenter is pysbd (rule-based sentence boundary disambiguation, which knows
abbreviations such as U.S., Dr., Gen.). In front of it sits a documented,
**length-preserving** normalisation, so that every offset pysbd returns is an offset
into the cleaned text and ``text[start:end]`` is always the sentence:

1. quotation marks: « » “ ” „ ‟ become ``"``; ‘ ’ ‚ ‛ become ``'``; no-break spaces
   become spaces (one character for one character);
2. quotation marks are paired per paragraph (:func:`quote_spans`): a mark is an
   *opener* after a space or at the start, a *closer* before a space, punctuation or
   the end; a mark glued on both sides (``Wednesday.»Both``, ``’.»»Today``) takes the
   role that parity gives it. This handles » misused as an opening mark;
3. glued sentences (sentence punctuation directly followed by a capital, with or
   without a quotation mark between: ``historic.The``, ``Wednesday.»Both``) get a
   forced boundary, placed before an opening mark and after a closing one;
4. headlines and subheadings are one sentence each and are never split or merged;
5. after pysbd, a piece that starts with a lower-case letter or with ``, ; :`` is
   joined to the one before it (pysbd splits after some abbreviations such as
   ``Wed.``; translations leave stray ``. ,``), and a piece without any letter or digit
   is joined to the one before.

Datelines (``MOSCOW/SEOUL:``) stay at the start of their sentence.

Captured pages are often cut off mid-sentence. The last body sentence of an article that
does not end in sentence punctuation is kept and flagged (:func:`is_truncated`; the
``truncated`` column of the sentence table), so that analyses can leave such fragments
out or weigh them.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import pysbd

from framing import errors
from framing.clean import CleanResult

_DQ = "«»“”„‟\""
_SQ = "‘’‚‛"
_TRANSLATE = str.maketrans({**{c: '"' for c in _DQ}, **{c: "'" for c in _SQ}, "\u00a0": " ", "\u2009": " ", "\u202f": " "})


def normalise(text: str) -> str:
    """Same-length normalisation of quotation marks and spaces (see module docstring)."""
    out = text.translate(_TRANSLATE)
    errors.check(len(out) == len(text), errors.SAME_LENGTH)
    return out


_LOCAL = threading.local()


def _segmenter() -> pysbd.Segmenter:
    """This thread's pysbd segmenter: a ``Segmenter`` keeps the text it is splitting on itself, so
    threads sharing one (a Dask worker's) would get each other's offsets."""
    seg = getattr(_LOCAL, "segmenter", None)
    if seg is None:
        seg = _LOCAL.segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return seg


#: An attribution right after a mark: the mark closes a quotation even if it looks like an
#: opener (``...Comrade Putin “he said``: a left quotation mark used as a closer).
_ATTRIBUTION_AFTER = re.compile(
    r"\s*(?:he|she|they|the\s+[a-z]+(?:\s+[a-z]+)?|[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*){0,3})\s+"
    r"(?:said|says|added|noted|stated|told|wrote|stressed|explained|continued|concluded)\b"
)


def quote_marks(norm: str, start: int = 0, end: int | None = None) -> list[tuple[int, str]]:
    """Classify each ``"`` in ``norm[start:end]`` as ``open`` or ``close`` (see module docstring)."""
    end = len(norm) if end is None else end
    marks: list[tuple[int, str]] = []
    inside = False
    for i in range(start, end):
        if norm[i] != '"':
            continue
        before = norm[i - 1] if i > start else " "
        after = norm[i + 1] if i + 1 < end else " "
        opener_ctx = before.isspace() or before in "([{—–-/"
        closer_ctx = after.isspace() or after in ",.;:!?)]}—–-"
        if inside and _ATTRIBUTION_AFTER.match(norm, i + 1, end):
            role = "close"
        elif opener_ctx and not closer_ctx:
            role = "open"
        elif closer_ctx and not opener_ctx:
            role = "close"
        else:
            role = "close" if inside else "open"
        if role == "open" and inside:
            # an opener while open: the previous quote was never closed; treat as a new one
            marks.append((i, "open"))
            continue
        inside = role == "open"
        marks.append((i, role))
    return marks


def quote_spans(norm: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans (inclusive of marks) of double-quoted text in ``norm[start:end]``.

    An opener with no closer runs to ``end``; a closer with no opener starts after the
    last sentence end, comma or colon before it (a quotation whose opening mark the page
    lost: ``Putin responded, We came here because of that."``).
    """
    end = len(norm) if end is None else end
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, role in quote_marks(norm, start, end):
        if role == "open":
            if open_at is not None:
                spans.append((open_at, i))
            open_at = i
        else:
            if open_at is None:
                lost = max((m.end() for m in re.finditer(r"[.!?,:;]\s+", norm[start:i])), default=0)
                spans.append((start + lost, i + 1))
            else:
                spans.append((open_at, i + 1))
            open_at = None
    if open_at is not None:
        spans.append((open_at, end))
    return spans


#: Abbreviations after which a full stop does not end a sentence (pysbd knows more;
#: this list guards only the forced boundaries below).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt maj sgt capt adm gov sen rep st mt ft jr sr rev no nos vs etc inc ltd co corp dept est "
    "fig approx al jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun".split()
)

#: Sentence punctuation glued to a capital, with up to two quotation marks between.
_GLUED = re.compile(r"(?<=[a-z0-9%)\]'])([.!?])(\"{0,2})(?=[A-Z])")
#: An ellipsis ends a sentence when a capital follows it after a space (``doesn't either… So``).
#: Sentence punctuation, optional closing marks, space(s), optional opening mark, a capital.
_SPACED = re.compile(r"(?<=[a-z0-9%)\]'])([.!?…])([\"']{0,2})(\s+)(\"?)(?=[A-Z])")


#: Any sentence punctuation followed by more text: only such chunks need pysbd.
_CANDIDATE = re.compile(r"[.!?…;:][\"')\]]*\s+\S")


def _abbreviation_before(norm: str, i: int) -> bool:
    m = re.search(r"([A-Za-z]+)$", norm[max(0, i - 12) : i])
    return bool(m) and (m.group(1).lower() in ABBREVIATIONS or len(m.group(1)) == 1)


def forced_boundaries(norm: str, start: int, end: int) -> list[int]:
    """Positions in ``norm[start:end]`` where sentences must be split before pysbd runs.

    Glued sentences (``historic.The``, ``West."Both``), an opening quotation after a full
    stop (``said. "It``), and ``word. Capital`` after a word that is not an abbreviation
    (pysbd misses such boundaries next to quotation marks and keeps a quoted
    multi-sentence utterance whole).
    """
    roles = dict(quote_marks(norm, start, end))
    cuts: list[int] = []
    for m in _GLUED.finditer(norm, start, end):
        if _abbreviation_before(norm, m.start()):
            continue
        cut = m.start() + 1
        for j in range(m.start(2), m.end(2)):  # closing marks stay with this sentence
            if roles.get(j) == "close":
                cut = j + 1
            else:
                break
        cuts.append(cut)
    for m in _SPACED.finditer(norm, start, end):
        if _abbreviation_before(norm, m.start()):
            continue
        if m.group(2) and any(roles.get(j) == "open" for j in range(m.start(2), m.end(2))):
            continue  # `word. "` with the mark opening mid-sentence is not a boundary we force
        if m.group(4) and roles.get(m.start(4)) != "open":
            continue
        cuts.append(m.start(4))
    return sorted(set(c for c in cuts if start < c < end))


#: How a complete sentence ends: sentence punctuation, optionally followed by closing quotes or brackets.
_COMPLETE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*\s*$|[\"”»]\s*$")


def is_truncated(text: str) -> bool:
    """A sentence cut off by the end of the captured page: it does not end in sentence punctuation."""
    return bool(text.strip()) and not _COMPLETE_END.search(text)


@dataclass
class Sentence:
    """A sentence's place in the cleaned text."""

    paragraph: int
    start: int
    end: int
    kind: str  # headline, heading, body


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


#: A piece of at most this many words after an abbreviation (``7 a.m. | Moscow time.``) continues the sentence before.
ABBREVIATION_TAIL_MAX_WORDS = 3
_INITIAL = re.compile(r"^[A-Z]\.\s")
_ABBREVIATION_END = re.compile(r"(?:\b[a-z]\.[a-z]\.|\b[A-Z][a-z]?\.)$")


def _continues_abbreviation(prev: str, piece: str) -> bool:
    """A split after an abbreviation that pysbd took for a sentence end.

    ``… Named after Yu. | A. Gagarin.``: the piece opens with an initial; ``… after 7 a.m. | Moscow time.``:
    the piece is a short tail after a lower-case abbreviation.
    """
    if not _ABBREVIATION_END.search(prev.rstrip()):
        return False
    return bool(_INITIAL.match(piece)) or len(piece.split()) <= ABBREVIATION_TAIL_MAX_WORDS


def split_paragraph(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within one body paragraph of the normalised text."""
    cuts = [start, *forced_boundaries(norm, start, end), end]
    spans: list[tuple[int, int]] = []
    seg = _segmenter()
    for a, b in zip(cuts, cuts[1:]):
        if a >= b:
            continue
        if not _CANDIDATE.search(norm, a, b):
            # no sentence punctuation followed by more text: pysbd would return the chunk whole
            s, e = _trim(norm, a, b)
            if s < e:
                spans.append((s, e))
            continue
        for piece in seg.segment(norm[a:b]):
            s, e = _trim(norm, a + piece.start, a + piece.end)
            if s < e:
                spans.append((s, e))
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        first = norm[s:e].lstrip("\"'([ ")
        if merged and (not re.search(r"[A-Za-z0-9]", norm[s:e]) or first[:1].islower() or first[:1] in ",;:"
                       or _continues_abbreviation(norm[merged[-1][0] : merged[-1][1]], norm[s:e])):
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def segment(cleaned: CleanResult) -> list[Sentence]:
    """Split every paragraph of a cleaned article into sentences."""
    norm = normalise(cleaned.text)
    out: list[Sentence] = []
    for p in cleaned.paragraphs:
        if p.kind in ("headline", "heading"):
            s, e = _trim(norm, p.start, p.end)
            out.append(Sentence(p.index, s, e, p.kind))
            continue
        for s, e in split_paragraph(norm, p.start, p.end):
            out.append(Sentence(p.index, s, e, "body"))
    return out
