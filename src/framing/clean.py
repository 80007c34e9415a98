"""Remove page chrome from a captured web page, logging every removal.

Captured pages carry navigation, photo-bank captions, related-story teasers glued into
the prose, newsletter/donation/sharing blocks, author boxes, aggregator disclaimers,
site chrome in other languages and reader comments. The rules below are general
patterns of how CMS templates render such chrome, not offsets into particular files.

Three kinds of rule:

* **line rules** remove a whole line that is chrome (``newsletter``, ``share``, ...);
* **end markers**: a line that starts the page footer (comments, related posts,
  subscribe/donate appeals, disclaimers, author boxes). When such a line stands in the
  second half of the body, it and everything after it is removed (``after_end_marker``);
* **inline rules** cut chrome glued into a prose line (``mediabank_caption``,
  ``glued_teaser``, ``glued_nav_menu``).

Two positional rules use the page layout: short caption fragments between the headline
and the first body paragraph (``header_caption``), and later lines that repeat the
headline (``repeated_headline``).

Every removal becomes a :class:`Removal` with the rule that made it and its character
span in the article body; kept characters plus removed characters plus blank/separator
whitespace equal the body's length (asserted in :func:`clean`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable

# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class LineRule:
    """A rule that marks a whole line as chrome when ``pattern`` matches it (``search``)."""

    name: str
    pattern: re.Pattern
    end_marker: bool = False  # True: the page footer starts here
    description: str = ""


def _rx(p: str) -> re.Pattern:
    return re.compile(p, re.IGNORECASE)


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"

LINE_RULES: list[LineRule] = [
    LineRule("separator", re.compile(r"^[\s*•·—–\-_=~#|]+$"), description="a line of asterisks, dashes or bullets"),
    LineRule(
        "standalone_date",
        _rx(rf"^(?:{_WEEKDAY},?\s+)?(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}})$"),
        description="a page date on a line of its own",
    ),
    LineRule(
        "date_time_stamp",
        _rx(r"^(?:date|published|updated|posted)(?:\s+on)?\s*:?\s*.{0,40}\d{4}.{0,30}$"),
        description="a 'Date: ... Time: ...' or 'Published ...' stamp",
    ),
    LineRule("breadcrumb", re.compile(r"^Home(?=[A-Z])|^Home\s*[›»>/|]"), description="breadcrumb navigation starting at 'Home'"),
    LineRule(
        "widget",
        _rx(
            r"^(?:advertisement|advert|ad|sponsored(?: content)?|post (?:top|bottom) ad|hit tracker|hit counter|"
            r"skip to (?:main )?content|menu|search|home|print|email|tweet|share|share this(?: article| story)?:?|"
            r"follow us(?: on .{1,40})?|copy link|toggle navigation|back to top|scroll to top|loading\.{0,3})$"
        ),
        description="site widgets, ad slots and buttons rendered as text",
    ),
    LineRule(
        "share",
        _rx(r"^share (?:on|via|to) (?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|vk)\b"),
        description="sharing buttons",
    ),
    LineRule(
        "newsletter",
        _rx(
            r"newsletter|straight to your inbox|in your (?:e-?mail|inbox)$|^\*\s*indicates required|enter your e-?mail|"
            r"^subscribe(?: now| today| for free)?!?$|updates on our (?:whatsapp|telegram)|"
            r"^join our (?:whatsapp|telegram)|^get .{0,40}updates\b"
        ),
        end_marker=True,
        description="newsletter and channel sign-up blocks",
    ),
    LineRule(
        "donation",
        _rx(
            r"^support (?:us|our (?:work|journalism)|(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}))\s*!?$|^donate\b|\bbecome a (?:patron|member|supporter|subscriber)\b|patreon|"
            r"fund ?raising campaign|^annual (?:subscription|fund)|answerable only to (?:our )?readers|"
            r"support (?:honest|independent|reader-funded) journalism|make a (?:monthly|yearly|one-time)"
        ),
        end_marker=True,
        description="donation and membership appeals",
    ),
    LineRule(
        "subscribe_appeal",
        _rx(r"like what you['’]ve been reading|please consider (?:subscribing|a paid subscription)|thanks for reading\b|^subscribe to\b"),
        end_marker=True,
        description="a blog's subscribe appeal (reader comments follow it)",
    ),
    LineRule(
        "related",
        _rx(
            r"^(?:related(?: posts| articles| stories| news| coverage)?|read (?:also|more)|see also|more (?:stories|news|from .{1,30})|"
            r"latest (?:news|posts|stories)|most (?:popular|read|viewed)|recent (?:posts|comments)|trending(?: now)?|"
            r"popular posts|you may (?:also )?like|recommended(?: for you)?|editor['’]s picks)\s*:?$"
        ),
        end_marker=True,
        description="related-story and most-read blocks",
    ),
    LineRule(
        "comments",
        _rx(r"^(?:\d+\s+)?(?:comments?|responses?|replies)\s*:?$|^leave a (?:comment|reply)|^add (?:a )?comment|^post a comment|^show comments"),
        end_marker=True,
        description="reader-comment section headers",
    ),
    LineRule(
        "disclaimer",
        _rx(r"this (?:website|site|page) (?:provides|aggregates|collects)\b.{0,40}content|not responsible for the accuracy|all rights reserved|©"),
        end_marker=True,
        description="aggregator disclaimers and copyright lines",
    ),
    LineRule(
        "author_box",
        _rx(r"\bis an? (?:[\w-]+\s+){0,3}(?:editor|writer|reporter|journalist|contributor|correspondent|columnist|author) (?:for|at|with)\b"),
        end_marker=True,
        description="an author's bio line",
    ),
    LineRule(
        "foreign_chrome_marker",
        _rx(r"^(?:похожие статьи|читайте также|добавить комментарий|комментарии|поделиться|подписаться)"),
        end_marker=True,
        description="common footer headings of Russian-language CMS templates",
    ),
]

#: Glued related-story teaser: a section label glued to a headline and a timestamp,
#: e.g. ``...continued.MultimediaTo the Stars: ... Cosmodrome13 September, 15:54 GMT``.
TEASER = re.compile(
    r"(?:(?<=[.!?»\"”’)])|^)"
    r"(?P<label>[A-Z][a-z]+)(?=[A-Z‘'\"«“])"
    r"(?P<title>[^\n.!]{3,200}?[?!]?)"
    rf"(?P<stamp>\d{{1,2}}\s+{_MONTH}\.?(?:\s+\d{{4}})?,?\s+\d{{1,2}}:\d{{2}}(?:\s*(?:GMT|UTC|MSK|CET|CEST|EST|EDT|ET))?)",
    re.MULTILINE,
)

#: Photo-bank caption and link: everything up to the last "Go to the mediabank" at a line start
#: (used with ``match`` at the line's start, so no ``^``).
MEDIABANK = re.compile(
    r"(?:.{0,300}?/?\s*Go to the (?:media ?bank|photo ?bank|gallery))+",
    re.IGNORECASE,
)

#: Section menu items glued together and onto the first word: ``InternationalIndiaAfricaRussian``.
GLUED_NAV = re.compile(r"(?:[A-Z][a-z]+){2,}(?=[A-Z][a-z]+\b)")

#: A line that is body prose: long enough, or a sentence ending in punctuation.
_TERMINAL = re.compile(r"[.!?:;\"”»’)\]]\s*$")

RULE_DESCRIPTIONS: dict[str, str] = {r.name: r.description for r in LINE_RULES} | {
    "after_end_marker": "everything after a footer marker in the second half of the page (comments, related posts, author boxes)",
    "glued_teaser": "a related-story teaser (section label + headline + timestamp) glued into prose",
    "mediabank_caption": "a photo caption and its 'Go to the mediabank' link at the start of a line",
    "glued_nav_menu": "section-menu items glued onto the first word of a line",
    "header_caption": "a short caption fragment between the headline and the first body paragraph",
    "repeated_headline": "a line repeating the headline (pull quote or image title)",
    "headline_source_tag": "an outlet's name appended to the headline (' – Rossiyskaya Gazeta')",
    "foreign_script": "a line in a script other than the article's (site chrome in another language)",
}


# --------------------------------------------------------------------------- results


@dataclass
class Removal:
    """One piece of removed chrome: its rule and its span in the article body."""

    rule: str
    start: int
    end: int
    text: str


@dataclass
class Paragraph:
    """One kept paragraph: its span in the cleaned text and its kind."""

    index: int
    start: int
    end: int
    kind: str  # "headline", "heading" or "body"


@dataclass
class CleanResult:
    """The cleaned text, its paragraphs, and the accounting of every body character."""

    text: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    kept_chars: int = 0
    removed_chars: int = 0
    whitespace_chars: int = 0
    body_chars: int = 0

    @property
    def headline(self) -> str:
        for p in self.paragraphs:
            if p.kind == "headline":
                return self.text[p.start : p.end]
        return ""


# --------------------------------------------------------------------------- helpers


def _script(ch: str) -> str:
    try:
        name = unicodedata.name(ch)
    except ValueError:
        return "OTHER"
    return name.split()[0]


def dominant_script(text: str) -> str:
    """The script (LATIN, CYRILLIC, ...) of most letters in ``text``."""
    counts: dict[str, int] = {"LATIN": sum(1 for ch in text if ch < "\x80" and ch.isalpha())}
    for ch in text:
        if ch >= "\x80" and ch.isalpha():  # only non-ASCII letters need a Unicode lookup
            s = _script(ch)
            counts[s] = counts.get(s, 0) + 1
    return max(counts, key=counts.get) if any(counts.values()) else "LATIN"


def _foreign_share(line: str, script: str) -> float:
    letters = [ch for ch in line if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if ("LATIN" if ch < "\x80" else _script(ch)) != script) / len(letters)


def _words(s: str) -> list[str]:
    return re.findall(r"[\w’'-]+", s)


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.lower()))


def is_body_line(line: str) -> bool:
    """A line that reads as body prose rather than a title, caption or label."""
    n = len(_words(line))
    return n >= 12 or (n >= 5 and bool(_TERMINAL.search(line)))


def is_heading_line(line: str) -> bool:
    """A short line without sentence-final punctuation: a headline or subheading."""
    n = len(_words(line))
    return 1 <= n <= 14 and not _TERMINAL.search(line.rstrip())


# --------------------------------------------------------------------------- main


def _line_rule(line: str, script: str) -> LineRule | str | None:
    s = line.strip()
    for rule in LINE_RULES:
        if rule.pattern.search(s):
            return rule
    if _foreign_share(s, script) > 0.5:
        return "foreign_script"
    return None


def clean(body: str, source_names: Iterable[str] = ()) -> CleanResult:
    """Remove page chrome from ``body``; return cleaned text, paragraphs and the removal log.

    ``source_names`` are names of outlets and news sources (the gazetteer's media, the
    article's outlet): a headline ending in `` – <one of them>`` loses that source tag.
    """
    lines: list[tuple[int, int]] = []  # (start, end) of each line in body, without newline
    pos = 0
    for raw_line in body.split("\n"):
        lines.append((pos, pos + len(raw_line)))
        pos += len(raw_line) + 1

    script = dominant_script(body)
    removed: list[Removal] = []
    content: list[tuple[int, int]] = []  # kept line spans (stripped), in order

    def drop(rule: str, a: int, b: int) -> None:
        if b > a:
            removed.append(Removal(rule, a, b, body[a:b]))

    def stripped(a: int, b: int) -> tuple[int, int]:
        seg = body[a:b]
        la = len(seg) - len(seg.lstrip())
        lb = len(seg.rstrip())
        return a + la, a + lb

    # Pass 1: whole-line rules and the footer cut.
    total = len(body)
    seen_body = False
    cut_at: int | None = None
    for a, b in lines:
        if cut_at is not None:
            sa, sb = stripped(a, b)
            drop("after_end_marker", sa, sb)
            continue
        sa, sb = stripped(a, b)
        if sa == sb:
            continue
        text = body[sa:sb]
        rule = _line_rule(text, script)
        if rule is None:
            content.append((sa, sb))
            if is_body_line(text):
                seen_body = True
            continue
        name = rule if isinstance(rule, str) else rule.name
        drop(name, sa, sb)
        if isinstance(rule, LineRule) and rule.end_marker and seen_body and sa >= total * 0.5:
            cut_at = sa
            # author names standing just above an author bio belong to the same box
            while content and rule.name == "author_box" and len(_words(body[content[-1][0] : content[-1][1]])) <= 4:
                na, nb = content.pop()
                drop("author_box", na, nb)

    # Pass 2: inline rules inside kept lines -> list of kept pieces per line.
    pieces_per_line: list[list[tuple[int, int]]] = []
    for sa, sb in content:
        keep = [(sa, sb)]
        m = MEDIABANK.match(body, sa, sb)
        if m and m.end() > sa:
            drop("mediabank_caption", sa, m.end())
            keep = [(m.end(), sb)]
        new_keep = []
        for ka, kb in keep:
            cur = ka
            # strip leading spaces left by a caption cut
            while cur < kb and body[cur].isspace():
                cur += 1
            if cur > ka:
                removed.append(Removal("whitespace", ka, cur, body[ka:cur]))
            nav = GLUED_NAV.match(body, cur, kb)  # only at the start of a line (after any caption cut)
            if nav and cur == ka:
                drop("glued_nav_menu", cur, nav.end())
                cur = nav.end()
            for t in TEASER.finditer(body, cur, kb):
                if t.start() > cur:
                    new_keep.append((cur, t.start()))
                drop("glued_teaser", t.start(), t.end())
                cur = t.end()
            if cur < kb:
                new_keep.append((cur, kb))
        pieces_per_line.append([(x, y) for x, y in new_keep if body[x:y].strip()])

    # Pass 3: positional rules on the line texts.
    line_texts = [" ".join(body[x:y].strip() for x, y in pcs).strip() for pcs in pieces_per_line]
    kinds: list[str | None] = [None] * len(line_texts)
    headline_i = next((i for i, t in enumerate(line_texts) if t), None)
    if headline_i is not None:
        kinds[headline_i] = "headline"
        names = sorted({n.strip() for n in source_names if n and n.strip()}, key=len, reverse=True)
        if names and pieces_per_line[headline_i]:
            x, y = pieces_per_line[headline_i][-1]
            tag = re.search(r"\s+[–—|-]\s+(?:" + "|".join(map(re.escape, names)) + r")\s*$", body[x:y], re.IGNORECASE)
            if tag and tag.start() > 0:
                drop("headline_source_tag", x + tag.start() + len(tag.group(0)) - len(tag.group(0).lstrip()), y)
                pieces_per_line[headline_i][-1] = (x, x + tag.start())
                line_texts[headline_i] = " ".join(body[a:b].strip() for a, b in pieces_per_line[headline_i]).strip()
        headline_norm = _norm(line_texts[headline_i])
        in_header = True
        for i in range(headline_i + 1, len(line_texts)):
            t = line_texts[i]
            if not t:
                continue
            if in_header and len(_words(t)) >= 12:
                in_header = False
            if in_header and len(_words(t)) <= 6 and not _TERMINAL.search(t):
                kinds[i] = "header_caption"
                continue
            tn = _norm(t)
            if len(tn.split()) >= 4 and tn in headline_norm and not re.search(r"[.!?]\s*$", t):
                kinds[i] = "repeated_headline"
                continue
            kinds[i] = "heading" if is_heading_line(t) else "body"

    # Assemble cleaned text.
    out: list[str] = []
    paragraphs: list[Paragraph] = []
    cursor = 0
    kept_chars = 0
    for pcs, kind in zip(pieces_per_line, kinds):
        if not pcs:
            continue
        if kind in ("header_caption", "repeated_headline"):
            for x, y in pcs:
                drop(kind, x, y)
            continue
        parts = []
        for x, y in pcs:
            # pieces were split by inline removals; trim the spaces at the seams
            seg = body[x:y]
            lead = len(seg) - len(seg.lstrip())
            trail = len(seg) - len(seg.rstrip())
            if lead:
                removed.append(Removal("whitespace", x, x + lead, seg[:lead]))
            if trail:
                removed.append(Removal("whitespace", y - trail, y, seg[len(seg) - trail :]))
            parts.append(seg.strip())
            kept_chars += len(seg.strip())
        para = " ".join(parts)
        if out:
            cursor += 2
        start = cursor
        out.append(para)
        cursor += len(para)
        paragraphs.append(Paragraph(len(paragraphs), start, cursor, kind or "body"))
    text = "\n\n".join(out)

    chrome = [r for r in removed if r.rule != "whitespace"]
    removed_chars = sum(r.end - r.start for r in chrome)
    whitespace_chars = len(body) - kept_chars - removed_chars
    result = CleanResult(
        text=text,
        paragraphs=paragraphs,
        removed=sorted(chrome, key=lambda r: r.start),
        kept_chars=kept_chars,
        removed_chars=removed_chars,
        whitespace_chars=whitespace_chars,
        body_chars=len(body),
    )
    _check_accounting(body, result)
    return result


def _check_accounting(body: str, res: CleanResult) -> None:
    """Invariant: removed spans do not overlap, and what is not kept or removed is whitespace."""
    mask = [0] * len(body)
    for r in res.removed:
        for i in range(r.start, r.end):
            assert mask[i] == 0, f"overlapping removals at {i}"
            mask[i] = 1
    assert res.kept_chars + res.removed_chars + res.whitespace_chars == res.body_chars
    assert res.whitespace_chars >= 0, "kept and removed text exceed the body"
    # every character neither removed nor whitespace must appear in the kept text, in order
    kept = "".join(ch for ch, m in zip(body, mask) if not m and not ch.isspace())
    assert kept == "".join(res.text.split()), "kept text does not match the body minus removals"
