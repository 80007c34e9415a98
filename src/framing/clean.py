"""Remove page chrome from a captured web page, logging every removal.

Captured pages carry navigation, photo captions and credits, bylines, page-date stamps,
related-story teasers, newsletter/donation/sharing blocks, author boxes, redistribution
notices, site chrome in other languages and reader comments. The rules below are general
patterns of how CMS templates render such chrome, not offsets into particular files or
phrases of particular outlets. Rules, thresholds and hard cases: ``docs/cleaning.md``.

:func:`clean` runs named passes over the page's lines, sharing their state in a
:class:`_CleanState`:

1. **line rules** (:func:`_pass_line_rules`): a whole line is chrome (``LINE_RULES`` and
   the function rules ``stamp_only``, ``glyph``, ``source_tag``, ``pipe_menu``,
   ``caption_credit``, ``foreign_script``, ``multi_chrome``); an *end marker* in the
   second half of the page cuts the footer (``after_end_marker``);
2. **context rules** using neighbouring lines: repeated lines and caption twins
   (:func:`_pass_repeats`), titles next to a captioned line (:func:`_pass_caption_titles`),
   runs of short lines and author names next to a role (:func:`_pass_menus`);
3. **inline rules** cut chrome inside a kept line (:func:`_pass_inline`): photo-bank
   captions, glued menus, glued teasers, and a page-date stamp or dateline at the front
   of a lede (the sentence after it is kept);
4. **layout** (:func:`_pass_layout`): the headline is chosen in the header zone, short
   labels before it are section labels, short fragments after it are captions, later
   lines repeating it are removed.

Every removal becomes a :class:`Removal` with the rule that made it and its character
span in the article body; kept characters plus removed characters plus blank/separator
whitespace equal the body's length (asserted in :func:`_check_accounting`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import Iterable

from framing import errors

# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class LineRule:
    """A rule that marks a whole line as chrome when ``pattern`` matches it (``search``)."""

    name: str
    pattern: re.Pattern
    end_marker: bool = False  # True: the page footer starts here
    description: str = ""
    max_words: int | None = None  # the rule applies only to lines of at most this many words


def _rx(p: str) -> re.Pattern:
    return re.compile(p, re.IGNORECASE)


_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
#: Weekday names and their abbreviations (``Tue``, ``Thurs.``).
_WEEKDAY_ANY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:[a-z]*day)?"
#: A calendar date in the forms pages print: ISO, day/month/year, ``Month D, YYYY``, ``D Month YYYY``.
_DATE = (
    rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|"
    rf"(?:{_WEEKDAY_ANY},?\s+)?(?:{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\.?,?\s+\d{{4}}))"
)
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}(?:[+-]\d{1,2})?))?"

# Named thresholds (cited in docs/cleaning.md).
#: A line of at least this many words, or of BODY_MIN_TERMINAL_WORDS ending in punctuation, is body prose.
BODY_MIN_WORDS = 12
BODY_MIN_TERMINAL_WORDS = 5
#: The headline is the first line of the header zone with at least this many words (else the first line).
HEADLINE_MIN_WORDS = 5
#: Header-zone fragments after the headline of at most this many words, without sentence punctuation, are captions.
HEADER_CAPTION_MAX_WORDS = 8
#: A run of at least MENU_MIN_LINES lines of at most MENU_MAX_WORDS words each is a menu of links.
MENU_MIN_LINES = 4
MENU_MAX_WORDS = 3
#: A line split by ``|`` into at least this many parts of at most MENU_MAX_PART_WORDS words is a menu or a metadata bar.
PIPE_MENU_MIN_PARTS = 3
MENU_MAX_PART_WORDS = 8
#: Byline, credit, stamp and role lines are at most this long (words); longer lines are prose.
BYLINE_MAX_WORDS = 40
CREDIT_MAX_WORDS = 15
STAMP_MAX_WORDS = 15
ROLE_LINE_MAX_WORDS = 5
#: A line repeated verbatim, or a line containing its neighbour, counts when it has at least this many words.
REPEAT_MIN_WORDS = 5
#: A caption's title or section label next to a captioned line is at most this long (words).
CAPTION_TITLE_MAX_WORDS = 8
#: Footer markers cut the page only in its second half (share of the body's characters).
FOOTER_MIN_POSITION = 0.5
#: A line whose letters are more than this share in another script than the page's is chrome.
FOREIGN_SCRIPT_MIN_SHARE = 0.5
#: Name lines of at most this many words just above an author bio belong to the author box.
AUTHOR_NAME_MAX_WORDS = 4
#: A line wholly in parentheses is a note when it has at most this many words.
BRACKET_NOTE_MAX_WORDS = 25
#: A dateline on its own line has at most this many words.
DATELINE_ONLY_MAX_WORDS = 5
#: A cross-post or licence note has at most this many words (longer lines are prose about publishing).
REPUBLICATION_NOTE_MAX_WORDS = 20

#: Verbs of a redistribution notice (``may not be published, broadcast, rewritten or redistributed``).
_REDIST = r"(?:re)?(?:published|distributed|broadcast|reproduced|rewritten|copied)"

LINE_RULES: list[LineRule] = [
    LineRule("separator", re.compile(r"^[\s*•·—–\-_=~#|]+$"), description="a line of asterisks, dashes or bullets"),
    LineRule(
        "standalone_date",
        _rx(rf"^{_DATE}$"),
        description="a page date on a line of its own",
    ),
    LineRule(
        "date_time_stamp",
        _rx(r"^(?:date|published|updated|posted)(?:\s+on)?\s*:?\s*.{0,40}\d{4}.{0,30}$"),
        description="a 'Date: ... Time: ...' or 'Published ...' stamp",
    ),
    LineRule("breadcrumb", re.compile(r"^Home(?=[A-Z])|^Home\s*[›»>/|]"), description="breadcrumb navigation starting at 'Home'"),
    LineRule("breadcrumb_fragment", re.compile(r"^[/›»>]\s"), description="a short line opening with a path separator (``/ Section …``)", max_words=8),
    LineRule(
        "widget",
        _rx(
            r"^(?:advertisement|advert|ad|sponsored(?: content)?|post (?:top|bottom) ad|hit tracker|hit counter|"
            r"skip to (?:main )?content|menu|search|home|print|email|tweet|share|share this(?: article| story)?:?|"
            r"follow us(?: on .{1,40})?|copy link|toggle navigation|back to top|scroll to top|loading\.{0,3}|"
            r"close(?: this)?(?: search(?: box)?| menu| window)?\.?|settings|highlights|latest|font-?size|listen(?: to (?:this )?article)?|"
            r"live(?: reporting| updates| blog| stream| coverage)?|(?:\w+ )?edition|skip to content.*|\W*font-?size)[.!:]?$|"
            r"^all times (?:are |stated |shown )*(?:are )?[A-Z]{2,4}\b|couldn['’]t load this|please refresh the page|"
            r"^(?:the )?(?:story|article|text) continues (?:below|after)\b|^(?:read (?:the )?)?full (?:article|story)\b.{0,20}$|^continue reading\b.{0,30}$|"
            r"^(?:see|watch|view|listen to) (?:the |this |our )?(?:clip|video|footage|gallery|photos?|map|chart|graphic|audio)s?\b.{0,20}:?$"
        ),
        description="site widgets, ad slots and buttons rendered as text",
    ),
    LineRule(
        "share",
        _rx(r"^share (?:on|via|to) (?:facebook|twitter|x|whatsapp|telegram|linkedin|reddit|email|vk)\b|\bshare button$|^copy link button$|"
            r"^share this (?:article|story|page)\b"),
        description="sharing buttons",
    ),
    LineRule(
        "newsletter",
        _rx(
            r"newsletter|straight to your inbox|in your (?:e-?mail|inbox)$|^\*\s*indicates required|enter your e-?mail|"
            r"^subscribe(?: now| today| for free)?!?$|updates on our (?:whatsapp|telegram)|"
            r"^join our (?:whatsapp|telegram)|^get .{0,40}updates\b|^sign up (?:for|to|now|here|today)\b"
        ),
        end_marker=True,
        description="newsletter and channel sign-up blocks",
    ),
    LineRule(
        "donation",
        _rx(
            r"^support (?:us|our (?:work|journalism)|(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,2}))\s*!?$|^donate\b|\bbecome a (?:patron|member|supporter|"
            r"subscriber)\b|patreon|"
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
            r"^(?:related(?: posts| articles| stories| news| coverage| videos?| audio| topics)?(?: and (?:video|audio)s?)?|read (?:also|more)|see also|"
            r"more (?:stories|news|from .{1,30})|next up|up next|"
            r"latest (?:news|posts|stories)|most (?:popular|read|viewed)|recent (?:posts|comments)|trending(?: now)?|"
            r"popular posts|you may (?:also )?like|recommended(?: for you)?|editor['’]s picks)\s*:?$"
        ),
        end_marker=True,
        description="related-story and most-read blocks",
    ),
    LineRule(
        "comments",
        _rx(
            r"^(?:\d+\s+)?(?:comments?|responses?|replies)\s*:?$|^leave a (?:comment|reply)|^add (?:a )?comment|^post a comment|^show comments|"
            r"\bcomment on (?:this |our )?articles?\b|\bpost(?:ing)? (?:your |a )?(?:first )?comment|\bdisplay name\b|"
            r"\b(?:log|sign) ?in to (?:comment|reply)|comments? (?:are|is) (?:closed|moderated)"
        ),
        end_marker=True,
        description="reader-comment section headers",
    ),
    LineRule(
        "disclaimer",
        _rx(
            r"this (?:website|site|page) (?:provides|aggregates|collects)\b.{0,40}content|not responsible for the accuracy|all rights reserved|©|"
            rf"\bmay not be {_REDIST}(?:,?\s+(?:or\s+)?{_REDIST})+|\b(?:reproduced|republished|redistributed|copied|used) without (?:prior )?"
            r"(?:written )?permission"
        ),
        end_marker=True,
        description="aggregator disclaimers and copyright lines",
    ),
    LineRule(
        "republication_note",
        _rx(
            r"^(?:this (?:article|story|piece|post) )?(?:was )?(?:originally |first )?(?:published|appeared) (?:on|in|at|by) (?-i:[A-Z])|"
            r"^republished (?:from|with)\b|^cross-?posted (?:from|with)\b|\b(?:licensed|available) under (?:a |the )?(?:creative commons|cc[- ]by)"
        ),
        description="a cross-post, republication or licence note",
        max_words=REPUBLICATION_NOTE_MAX_WORDS,
    ),
    LineRule(
        "author_box",
        _rx(r"\bis an? (?:[\w-]+\s+){0,3}(?:editor|writer|reporter|journalist|contributor|correspondent|columnist|author) (?:for|at|with)\b"),
        end_marker=True,
        description="an author's bio line",
    ),
    LineRule(
        "wire_slug",
        re.compile(r"^[a-z]{2,6}(?:/[a-z]{2,6}){2,}$|^[A-Z0-9]{2,}(?:-[A-Z0-9]{2,}){2,}$"),
        description="a wire service's desk slug or photo keyword line (``abc/def/ghi``, ``TOPSHOT-COUNTRY-EVENT``)",
    ),
    LineRule(
        "byline",
        re.compile(
            r"^(?i:authors?|reporter|reporters|writer|written by|text)\s*:\s*\S|"
            r"^(?i:from)\s+(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*['’]s\s+[A-Z][^.!?]*$|"
            r"^(?i:published|produced|edited|compiled|curated)\s+(?:[a-z]+\s+){0,3}by\s+\S[^.!?]*$"
        ),
        description="an author line (``Authors: …``, ``From <outlet>'s …``, ``Published every week by …``); ``By …`` lines: :func:`_is_byline`",
        max_words=BYLINE_MAX_WORDS,
    ),
    LineRule(
        "author_role",
        _rx(
            r"^(?:[\w&-]+\s+){0,3}(?:editor|correspondent|reporter|writer|columnist|contributor|producer|journalist|"
            r"presenter|anchor|desk|bureau chief)s?$"
        ),
        description="an author's role on its own line (``China correspondent``, ``Web Desk``)",
        max_words=ROLE_LINE_MAX_WORDS,
    ),
    LineRule(
        "tag_list",
        _rx(r"^#[\w-]+(?:.*\s#[\w-]+)+|^(?:tags?|topics?|keywords?|filed under)\s*:\s*\S"),
        description="a list of tags or topics (``#Tag #Other``, ``Tags: …``)",
    ),
    LineRule(
        "caption_label",
        _rx(r"^(?:image|photo|picture|video) (?:caption|source|copyright)\b|^caption\s*:"),
        description="a labelled caption or image source (``Image caption, …``, ``Image source, Agency``), whatever its length",
    ),
    LineRule(
        "credit_line",
        _rx(
            r"^(?:photo|photograph|image|picture|video|source|credit|editor|illustration|graphic|footage|caption|file)s?"
            r"(?:\s+(?:by|credit|courtesy(?: of)?|source|caption|copyright))?\s*:\s*\S|^image (?:caption|source|copyright)\b|"
            r"^last (?:updated|modified)\b|^(?:photo|image|video)s?\s+(?:by|courtesy of)\s+\S"
        ),
        description="a photo, video or source credit line, an 'Image caption' label or a 'Last updated' stamp",
        max_words=CREDIT_MAX_WORDS,
    ),
    LineRule(
        "bracket_note",
        re.compile(r"^\((?:[^()]|\([^()]*\))*(?<![.!?])\)$"),
        description="a line wholly in parentheses: a cross-post or source note (``(Agencies)``, ``(EDITORIAL from …)``, ``(Video: …)``)",
        max_words=BRACKET_NOTE_MAX_WORDS,
    ),
    LineRule(
        "dateline_only",
        re.compile(r"^[A-Z]{3,}(?:[ /-][A-Z]{2,})*,\s*[A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2}$|^[A-Z]{2,}$"),
        description="a dateline, or a line in capitals, on a line of its own (``VLADIVOSTOK, Russia``)",
        max_words=DATELINE_ONLY_MAX_WORDS,
    ),
    LineRule(
        "bullet_widget",
        re.compile(r"^[•·▪◦‣∙]\s*\S+(?:\s+\S+){0,3}$"),
        description="a bulleted button or control (``• Copy link button``, ``• +1``)",
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

#: The end of a captioned line: a photo or video credit (the whole line is a caption).
CREDIT_TAIL = re.compile(
    r"(?:\b(?:Photograph|Photo|Image|Picture|Video|Credit|Illustration|Footage)s?\s*(?:by\s+|:\s*)[^.!?]{1,80}"
    r"|\((?=[^()]*(?:/|\bvia\b|\b[Pp]hoto\b|\b[Ff]ile\b))[^()]{2,80}\)"
    r"|\[(?=[^\]]*(?:/|\bvia\b|\b[Pp]hoto\b))[^\]]{2,80}\]"
    r"|\|[^|]*\b(?:[Pp]hoto|[Ii]mage|[Pp]icture|[Vv]ideo)s?\b[^|]*"
    r"|(?<=[\s.])[-–]?/?[A-Z][\w.&-]*(?:\s*/\s*[A-Za-z][\w.&-]*(?:\s[A-Z][\w.&-]*)*)+"
    r"|\b[A-Z][\w.&-]*\s+via\s+(?:[A-Z][\w.&-]*[\s/]*){1,5}"  # "Name via AGENCY", not "shipped via Country"
    r"|(?<=\.)\s+[A-Z]{2,}[\w]*(?:[-/][A-Z][\w]*)+"
    r")\s*$"
)

#: A page-date stamp glued to the front of a lede: ``date 2024-06-19 On Wednesday, …``.
LEDE_STAMP = re.compile(
    rf"^(?:(?:date|published|updated|posted)(?:\s+on)?\s*:?\s*)?{_DATE}(?:,?\s+{_TIME})?\s*[|:–—-]?\s+(?=[\"“‘'A-Z])",
    re.IGNORECASE,
)
#: A dateline at the front of a lede: a place in capitals with a date (``PLACE /Region/, September 13. /AGENCY/.``),
#: any place with a date and an agency tag (``Place, Sep 13 (Agency) --``), or a place in capitals with an
#: agency tag and a dash (``PLACE (Agency) –``).
_DATELINE_DATE = rf"{_MONTH}\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?\.?"
_DATELINE_TAG = r"(?:/[A-Z][\w .-]{0,30}/\.?|\([A-Z][\w .-]{0,30}\))"
DATELINE = re.compile(
    rf"^(?:[A-Z]{{2,}}(?:[ /-][A-Z]{{2,}}){{0,3}}(?:\s*/[^/\n]{{1,40}}/)?,\s+{_DATELINE_DATE}\s*{_DATELINE_TAG}?"
    rf"|[A-Z][A-Za-z'.-]+(?:[ /-][A-Z][A-Za-z'.-]+){{0,3}},\s+{_DATELINE_DATE}\s*{_DATELINE_TAG}"
    rf"|[A-Z]{{2,}}(?:[ /-][A-Z]{{2,}}){{0,3}}\s*\([A-Z][\w .-]{{0,30}}\)\s*(?=--|—|–|-))"
    r"\s*(?:--|—|–|-)?\s+(?=[\"“A-Z])"
)

#: Words a date/time stamp line may carry besides dates and times (``Updated 2 min ago``, ``2 minute read``).
STAMP_WORDS = frozenset(
    "published updated last posted date time on at am pm a m p min mins minute minutes hour hours hr hrs h ago read "
    "reading modified edited first created sec secs second seconds day days week weeks month months year years yesterday today "
    "views view st nd rd th".split()
)
_STAMP_TOKENS = re.compile(
    rf"\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|"
    rf"(?<![A-Za-z]){_MONTH}\.?(?![a-z])|(?<![A-Za-z]){_WEEKDAY_ANY}\.?(?![a-z])|(?<![A-Za-z])(?:GMT|UTC|CET|CEST|EST|EDT|BST|KST|JST|MSK|ET|PT)(?:[+-]\d{{1,2}})?(?![a-z])|\d+",
)

#: A line that is body prose: long enough, or a sentence ending in punctuation.
_TERMINAL = re.compile(r"[.!?:;\"”»’)\]]\s*$")

RULE_DESCRIPTIONS: dict[str, str] = {r.name: r.description for r in LINE_RULES} | {
    "byline": "a byline: ``By``/``Edited by``/``Reporting by`` and names, places, dates only",
    "stamp_only": "a line of dates, times and stamp words only (``Tue 12 Sep 2023``, ``31 min ago``, ``2 minute read``)",
    "caption_credit": "a line ending in a photo or video credit (``… Photograph: Agency``, ``… [AGENCY via AFP]``, ``… -/Agency/dpa``): a caption",
    "pipe_menu": "a line of short items separated by ``|``: a menu or a metadata bar",
    "source_tag": "a line made only of news-source names (``Xinhua``, ``BBC``)",
    "glyph": "a line without any word of two letters (``x``, ``0``, ``+2``)",
    "other_language": "a Latin-script line in another language than English (menus, flags, sign-up calls of multilingual templates)",
    "multi_chrome": "a line whose every sentence is chrome by the line rules (``Share this article. Donate to …``)",
    "repeated_line": "a line that repeats another line of the page, or contains its neighbour (caption twins, teasers)",
    "menu": "a run of short lines: a menu or a list of links",
    "caption_title": "a short title or section label directly next to a captioned line",
    "author_name": "a name on its own line next to an author's role or byline",
    "section_label": "short labels before the headline (section names, kickers)",
    "trailing_credit": "a wire credit after the last sentence of a line (``… — Agency``, ``… (Agency)``)",
    "lede_stamp": "a page-date stamp at the front of a body line (the sentence after it is kept)",
    "dateline": "a dateline with date or agency tag at the front of a body line (the sentence after it is kept)",
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
    return n >= BODY_MIN_WORDS or (n >= BODY_MIN_TERMINAL_WORDS and bool(_TERMINAL.search(line)))


def is_heading_line(line: str) -> bool:
    """A short line without sentence-final punctuation: a headline or subheading."""
    n = len(_words(line))
    return 1 <= n <= 14 and not _TERMINAL.search(line.rstrip())


# --------------------------------------------------------------------------- state


@dataclass
class _Line:
    """One non-blank line of the body: its stripped span, and its raw line number."""

    start: int
    end: int
    number: int
    text: str
    rule: str | None = None  # set when the whole line is removed
    pieces: list[tuple[int, int]] = field(default_factory=list)  # kept spans after inline rules
    kind: str | None = None  # headline, heading, body, or a positional rule that removes it

    @property
    def n_words(self) -> int:
        return len(_words(self.text))


@dataclass
class _CleanState:
    """Everything the passes of :func:`clean` share: the body, its lines and the removal log."""

    body: str
    script: str
    sources: list[str]
    lines: list[_Line]
    removed: list[Removal] = field(default_factory=list)

    def drop(self, rule: str, a: int, b: int) -> None:
        if b > a:
            self.removed.append(Removal(rule, a, b, self.body[a:b]))

    def kept(self) -> list[_Line]:
        return [ln for ln in self.lines if ln.rule is None]


def _split_lines(body: str) -> list[_Line]:
    out, pos = [], 0
    for k, raw_line in enumerate(body.split("\n")):
        seg = raw_line
        a = pos + len(seg) - len(seg.lstrip())
        b = pos + len(seg.rstrip())
        if b > a:
            out.append(_Line(a, b, k, body[a:b]))
        pos += len(raw_line) + 1
    return out


# --------------------------------------------------------------------------- line rules


def _is_stamp_line(s: str, sources: list[str]) -> bool:
    """Dates, times and stamp words only (source names allowed: ``Xinhua) 15:06, September 14, 2023``)."""
    if len(_words(s)) > STAMP_MAX_WORDS:
        return False
    rest, n = _STAMP_TOKENS.subn(" ", _strip_sources(s, sources))
    if n == 0:
        return False
    words = re.findall(r"[^\W\d_]+", rest.lower())
    clock = bool(re.search(r"\d{1,2}[:.]\d{2}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}", s))  # a time or a numeric date
    return all(w in STAMP_WORDS for w in words) and (n >= 2 or clock or not words or any(w in ("ago", "read") for w in words))


def _strip_sources(s: str, sources: list[str]) -> str:
    for name in sources:
        if s.isascii() and name.isascii() and name.lower() not in s.lower():
            continue  # ASCII: case-insensitive matching is equality after lower(), so no substring means no match
        s = _source_pattern(name).sub(" ", s)
    return s


@lru_cache(maxsize=4096)
def _source_pattern(name: str) -> re.Pattern:
    """A news-source name as a whole word, case-insensitive."""
    return re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)


def _is_source_tag(s: str, sources: list[str]) -> bool:
    """A line made of news-source names, web addresses and bracketed language tags only."""
    rest = re.sub(r"\([^)]{0,20}\)|\b[\w-]+\.(?:com|kp|ru|cn|org|net|kr|jp|co|uk|in)\b", " ", s)
    stripped = _strip_sources(rest, sources)
    if stripped == rest:
        return False
    rest = stripped
    return not re.search(r"\w", rest)


def _is_pipe_menu(s: str) -> bool:
    parts = [p for p in s.split("|") if p.strip()]
    return len(parts) >= PIPE_MENU_MIN_PARTS and all(len(_words(p)) <= MENU_MAX_PART_WORDS for p in parts)


#: ``By …`` lead-ins of a byline (``Reporting by X; Editing by Y``).
_BYLINE_LEAD = re.compile(
    r"^(?:by|written by|edited by|reporting by|additional reporting by|compiled by|words by|with (?:additional )?reporting (?:from|by))\s+(?=[A-Z])",
    re.IGNORECASE,
)
#: Lower-case words a byline may contain besides names, places and dates (``and The Example Post news desk``).
BYLINE_WORDS = frozenset(
    "and in the of at for with from by news desk staff bureau team contributed contributing reporting editing writing additional "
    "am pm min mins minute read updated published on a an".split()
)


def _is_byline(s: str) -> bool:
    """``By Jane Roe and the news desk, 3 May 2021, 2 min read``: after the lead-in, only capitalised words, dates,
    numbers and BYLINE_WORDS. ``By Tuesday, the troops had withdrawn`` is prose."""
    lead = _BYLINE_LEAD.match(s)
    if not lead or len(_words(s)) > BYLINE_MAX_WORDS or re.search(r"[!?]", s):
        return False
    rest = _STAMP_TOKENS.sub(" ", s[lead.end() :])
    return all(w[0].isupper() or w.lower() in BYLINE_WORDS for w in re.findall(r"[^\W\d_][\w'’-]*", rest))


#: English function words: a line with none of them and several of OTHER_LANGUAGE_WORDS is in another language.
ENGLISH_WORDS = frozenset("the of and to in an as is are was for on with that by at from it this be or not".split())
#: Function words of other languages written in Latin script (Spanish, French, German, Portuguese, Italian, Dutch, Indonesian).
OTHER_LANGUAGE_WORDS = frozenset(
    "el los las del y en una para por con su sus nuestro nuestra le les des du au aux une pour dans est notre votre "
    "der das und ein eine mit für von zu auf ist nicht unser unseren uma dos em na nosso nossa della di che gli "
    "nostra het een voor zijn yang dengan untuk dari ini".split()
)
#: A line needs at least this many such words, making up this share of its words, and no English one,
#: to count as another language (one word is enough in a sign-up call).
OTHER_LANGUAGE_MIN_WORDS = 2
OTHER_LANGUAGE_MIN_SHARE = 0.25
#: Sign-up and subscription calls in other languages (Latin script).
_FOREIGN_SIGNUP = re.compile(
    r"\b(?:suscr[ií]b\w*|bolet[ií]n|abonnez|inscrivez|newsletter|abonnieren|anmelden|assine|inscreva|iscriviti|berlangganan|"
    r"abone ol|subskrybuj|zapisz si[ęe]|aanmelden|abonneer)\b",
    re.IGNORECASE,
)


def _is_other_language(s: str) -> bool:
    """A Latin-script line in another language (site chrome of a multilingual template) or a foreign sign-up call."""
    words = [w.lower() for w in re.findall(r"[^\W\d_]+", s)]
    if len(words) < 3 or any(w in ENGLISH_WORDS for w in words):
        return False
    foreign = sum(w in OTHER_LANGUAGE_WORDS for w in words)
    if _FOREIGN_SIGNUP.search(s):
        return foreign >= 1
    return foreign >= OTHER_LANGUAGE_MIN_WORDS and foreign / len(words) >= OTHER_LANGUAGE_MIN_SHARE


def _is_caption_credit(s: str, sources: list[str]) -> bool:
    """A photo caption's credit: a credit tail without final punctuation, a trailing ``AGENCY/Name`` or a named source's stamp."""
    if CREDIT_TAIL.search(s) and not s.rstrip().endswith((".", "!", "?", '"', "”")):
        return True
    if re.search(r"(?<=\.)\s+[A-Z]{2,}[\w]*(?:[-/][A-Z][\w]*)+\s*$", s):
        return True
    return bool(sources) and _source_credit(s, sources)


def _single_line_rule(s: str, script: str, sources: list[str]) -> LineRule | str | None:
    """The first rule that marks the line ``s`` as chrome, or None."""
    n = len(_words(s))
    for rule in LINE_RULES:
        if (rule.max_words is None or n <= rule.max_words) and rule.pattern.search(s):
            return rule
    checks = (  # in order: the first that holds names the rule
        ("byline", lambda: _is_byline(s)),
        ("glyph", lambda: not re.search(r"[^\W\d_]{2}", s)),
        ("stamp_only", lambda: _is_stamp_line(s, sources)),
        ("source_tag", lambda: _is_source_tag(s, sources)),
        ("pipe_menu", lambda: _is_pipe_menu(s)),
        ("caption_credit", lambda: _is_caption_credit(s, sources)),
        ("foreign_script", lambda: _foreign_share(s, script) > FOREIGN_SCRIPT_MIN_SHARE),
        ("other_language", lambda: script == "LATIN" and _is_other_language(s)),
    )
    return next((name for name, holds in checks if holds()), None)


def _line_rule(line: str, script: str, sources: list[str] = ()) -> LineRule | str | None:
    """The rule that removes ``line`` whole; a line of several chrome phrases is ``multi_chrome``."""
    s = line.strip()
    rule = _single_line_rule(s, script, list(sources))
    if rule is not None:
        return rule
    parts = [p for p in re.split(r"(?<=[.!?])\s+", s) if p]
    if len(parts) > 1 and all(_single_line_rule(p, script, list(sources)) is not None for p in parts):
        return "multi_chrome"
    return None


def _rule_name(rule: LineRule | str) -> str:
    return rule if isinstance(rule, str) else rule.name


def _pass_line_rules(st: _CleanState) -> None:
    """Pass 1: whole-line rules, and the footer cut after an end marker in the page's second half."""
    seen_body = False
    cut = False
    for k, ln in enumerate(st.lines):
        if cut:
            ln.rule = "after_end_marker"
            continue
        rule = _line_rule(ln.text, st.script, st.sources)
        if rule is None:
            seen_body = seen_body or is_body_line(ln.text)
            continue
        ln.rule = _rule_name(rule)
        if isinstance(rule, LineRule) and rule.end_marker and seen_body and ln.start >= len(st.body) * FOOTER_MIN_POSITION:
            cut = True
            # author names standing just above an author bio belong to the same box
            j = k - 1
            while rule.name == "author_box" and j >= 0 and st.lines[j].rule is None and st.lines[j].n_words <= AUTHOR_NAME_MAX_WORDS:
                st.lines[j].rule = "author_box"
                j -= 1


# --------------------------------------------------------------------------- context rules


def _adjacent(a: _Line, b: _Line) -> bool:
    return abs(a.number - b.number) == 1


def _is_short_label(ln: _Line, max_words: int) -> bool:
    return 1 <= ln.n_words <= max_words and not _TERMINAL.search(ln.text)


def _pass_repeats(st: _CleanState) -> None:
    """Lines that repeat another line of the page, or contain their direct neighbour (caption twins, teasers)."""
    groups: dict[str, list[int]] = {}
    for k, ln in enumerate(st.lines):
        groups.setdefault(_norm(ln.text), []).append(k)
    first_body = next((ln.start for ln in st.lines if ln.rule is None and is_body_line(ln.text)), len(st.body))
    for key, idx in groups.items():
        if len(idx) < 2 or not key:
            continue
        first = st.lines[idx[0]]
        keep_first = is_heading_line(first.text) and first.start <= first_body and len(key.split()) >= HEADLINE_MIN_WORDS
        # twins next to each other (alt text and caption) both go; a line repeated further down (a pull
        # quote of a sentence, a repeated menu entry) goes as a repeat and its first occurrence stays
        twins = {j for a, b in zip(idx, idx[1:]) if b == a + 1 for j in (a, b)}
        for j in idx:
            if j == idx[0] and (keep_first or j not in twins):
                continue
            st.lines[j].rule = st.lines[j].rule or "repeated_line"
    for a, b in zip(st.lines, st.lines[1:]):
        if not _adjacent(a, b) or a.rule and b.rule:
            continue
        na, nb = _norm(a.text), _norm(b.text)
        short, long_ = sorted((na, nb), key=len)
        if na != nb and len(short.split()) >= REPEAT_MIN_WORDS and (long_.endswith(short) or long_.startswith(short)):
            a.rule, b.rule = a.rule or "repeated_line", b.rule or "repeated_line"


def _pass_menus(st: _CleanState) -> None:
    """Runs of short lines (menus, lists of links), and names next to an author's role."""
    run: list[_Line] = []
    for ln in [*st.lines, None]:
        if ln is not None and (ln.rule in ("menu", "widget", "related", "source_tag", "glyph", "bullet_widget") or
                               ln.rule is None and _is_short_label(ln, MENU_MAX_WORDS)):
            run.append(ln)
            continue
        if len(run) >= MENU_MIN_LINES:
            for r in run:
                r.rule = r.rule or "menu"
        run = []
    for a, b in zip(st.lines, st.lines[1:]):
        if _adjacent(a, b) and b.rule in ("author_role", "byline") and a.rule is None and _is_name_line(a.text):
            a.rule = "author_name"
        if _adjacent(a, b) and a.rule in ("byline",) and b.rule is None and _is_name_line(b.text):
            b.rule = "author_name"


def _is_name_line(s: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z][\w'’.-]*\s+){1,3}[A-Z][\w'’.-]*", s.strip()))


def _pass_caption_titles(st: _CleanState) -> None:
    """A short label directly above or below a captioned line is the caption's title or a section label."""
    for k, ln in enumerate(st.lines):
        if ln.rule != "caption_credit":
            continue
        for j in (k - 1, k + 1):
            if 0 <= j < len(st.lines):
                o = st.lines[j]
                if o.rule is None and _adjacent(o, ln) and _is_short_label(o, CAPTION_TITLE_MAX_WORDS):
                    o.rule = "caption_title"


# --------------------------------------------------------------------------- inline rules


def _cut_front(st: _CleanState, ln) -> int:
    """Cut a media-bank caption, the spaces it leaves, a glued menu, a lede stamp and a dateline at the front of ``ln``;
    returns where the kept text now starts."""
    body, sa, sb = st.body, ln.start, ln.end
    m = MEDIABANK.match(body, sa, sb)
    if m and m.end() > sa:
        st.drop("mediabank_caption", sa, m.end())
        sa = m.end()
    cur = sa
    while cur < sb and body[cur].isspace():  # leading spaces left by a caption cut
        cur += 1
    if cur > sa:
        st.removed.append(Removal("whitespace", sa, cur, body[sa:cur]))
    nav = GLUED_NAV.match(body, cur, sb)  # only at the start of a line (after any caption cut)
    if nav and cur == sa:
        st.drop("glued_nav_menu", cur, nav.end())
        cur = nav.end()
    for rule, rx in (("lede_stamp", LEDE_STAMP), ("dateline", DATELINE)):
        front = rx.match(body[cur:sb])  # on the slice: ``^`` anchors at the line's first kept character
        if front and is_body_line(body[cur + front.end() : sb]):
            st.drop(rule, cur, cur + front.end())
            cur += front.end()
    return cur


def _cut_teasers(st: _CleanState, cur: int, sb: int) -> list[tuple[int, int]]:
    """Cut glued teasers between ``cur`` and ``sb``; returns the spans kept around them."""
    keep = []
    for t in TEASER.finditer(st.body, cur, sb):
        if t.start() > cur:
            keep.append((cur, t.start()))
        st.drop("glued_teaser", t.start(), t.end())
        cur = t.end()
    if cur < sb:
        keep.append((cur, sb))
    return keep


def _pass_inline(st: _CleanState) -> None:
    """Pass 2: cut chrome inside kept lines (captions, menus, teasers, stamps and datelines at the front)."""
    body = st.body
    for ln in st.kept():
        sb = ln.end
        cur = _cut_front(st, ln)
        tail = _trailing_credit(body[cur:sb], st.sources)
        if tail:
            st.drop("trailing_credit", sb - len(tail.lstrip()), sb)
            sb -= len(tail)
        ln.pieces = [(x, y) for x, y in _cut_teasers(st, cur, sb) if body[x:y].strip()]
        ln.text = " ".join(body[x:y].strip() for x, y in ln.pieces).strip()


def _source_credit(line: str, sources: list[str]) -> bool:
    """A photo credit that names a news source and goes on with its stamp (``…. – Agency, 1920, 20.06.2024``):
    the line is a caption. A bare ``— Agency`` after prose is a wire credit (:func:`_trailing_credit`)."""
    alt = "|".join(re.escape(n) for n in sorted(sources, key=len, reverse=True) if n)
    return bool(re.search(rf"[.!?]\s*[–—-]\s*(?:{alt})\b[\w ]{{0,20}},(?:[^.!?]|(?<=\d)\.(?=\d))*$", line))


def _trailing_credit(line: str, sources: list[str]) -> str:
    """A wire credit after the last sentence of a line (``… was announced. — Agency``, ``… said. (Agency)``).

    Only names of news sources count (the gazetteer's media and the outlet) and the generic ``Agencies``,
    ``Staff``, ``Wires``, so a dash before a speaker's name (``"…" — Kim``) stays.
    """
    names = [re.escape(n) for n in sources if n] + ["Agencies", "Staff", "Wires", "Newswires"]
    alt = "|".join(sorted(names, key=len, reverse=True))
    m = re.search(rf"(?<=[.!?\"”’])\s*(?:[—–]|--?)\s*(?:{alt})\s*$|(?<=[.!?\"”’])\s*\((?:{alt})(?:\s*[/,]\s*(?:{alt}))*\)\s*$", line)
    return line[m.start() :] if m and m.start() > 0 else ""


# --------------------------------------------------------------------------- layout


def _pass_headline(st: _CleanState) -> _Line | None:
    """Pass 3a: choose the headline in the header zone; short labels before it are section labels."""
    lines = [ln for ln in st.kept() if ln.pieces]
    if not lines:
        return None
    zone = []  # the header zone: lines before the first line of prose (a sentence, not a long headline)
    for ln in lines:
        prose = ln_is_lede(ln) or (ln.n_words >= BODY_MIN_TERMINAL_WORDS and bool(_TERMINAL.search(ln.text)))
        if prose and zone:
            break
        zone.append(ln)
        if prose:
            break
    head = next((ln for ln in zone if ln.n_words >= HEADLINE_MIN_WORDS), zone[0])
    if ln_is_lede(head):
        return None  # the page starts with its lede: no headline line
    if len(lines) == 1 and head.n_words >= BODY_MIN_TERMINAL_WORDS and re.search(r"[.!?][\"”’']?\s*$", head.text):
        return None  # a one-paragraph article of sentences, without a title line: its text is the body
    for ln in zone:
        if ln is head:
            break
        ln.kind = "section_label"
    head.kind = "headline"
    return head


def ln_is_lede(ln: _Line) -> bool:
    """A first line that is prose, not a headline: long, and ending in sentence punctuation or holding a sentence end."""
    return ln.n_words >= BODY_MIN_WORDS and bool(re.search(r"[.!?][\"”’']?$|[a-z0-9][.!?][\"”’']?\s+[A-Z]", ln.text))


def _pass_source_tag(st: _CleanState, head: _Line) -> None:
    """Pass 3b: an outlet's name appended to the headline (`` – Rossiyskaya Gazeta``)."""
    names = sorted({n.strip() for n in st.sources if n and n.strip()}, key=len, reverse=True)
    if not names or not head.pieces:
        return
    x, y = head.pieces[-1]
    tag = re.search(r"\s+[–—|-]\s+(?:" + "|".join(map(re.escape, names)) + r")\s*$", st.body[x:y], re.IGNORECASE)
    if tag and tag.start() > 0:
        st.drop("headline_source_tag", x + tag.start() + len(tag.group(0)) - len(tag.group(0).lstrip()), y)
        head.pieces[-1] = (x, x + tag.start())
        head.text = " ".join(st.body[a:b].strip() for a, b in head.pieces).strip()


def _pass_layout(st: _CleanState) -> None:
    """Pass 3: headline, header captions, repeated headlines, and the kind of every other line."""
    head = _pass_headline(st)
    if head is not None:
        _pass_source_tag(st, head)
    headline_norm = _norm(head.text) if head is not None else ""
    in_header = head is not None
    after = head is None
    for ln in st.kept():
        if ln is head:
            after = True
            continue
        if not after or not ln.pieces or ln.kind:
            continue
        t = ln.text
        if in_header and len(_words(t)) >= BODY_MIN_WORDS:
            in_header = False
        if in_header and _is_short_label(ln, HEADER_CAPTION_MAX_WORDS) and not is_heading_subtitle(t):
            ln.kind = "header_caption"
            continue
        tn = _norm(t)
        if len(tn.split()) >= 4 and tn in headline_norm and not re.search(r"[.!?]\s*$", t):
            ln.kind = "repeated_headline"
            continue
        ln.kind = "heading" if is_heading_line(t) else "body"


def is_heading_subtitle(t: str) -> bool:
    """Header fragments that are kept: none at present (hook for subtitles without punctuation)."""
    return False


# --------------------------------------------------------------------------- main


def clean(body: str, source_names: Iterable[str] = ()) -> CleanResult:
    """Remove page chrome from ``body``; return cleaned text, paragraphs and the removal log.

    Args:
        body: the article body (front matter removed).
        source_names: names of outlets and news sources (the gazetteer's media, the
            article's outlet). A headline ending in `` – <one of them>`` loses that tag,
            and a line made only of such names is removed (``source_tag``).
    """
    sources = sorted({n.strip() for n in source_names if n and n.strip() and len(n.strip()) > 1}, key=len, reverse=True)
    st = _CleanState(body, dominant_script(body), sources, _split_lines(body))
    _pass_line_rules(st)
    _pass_repeats(st)
    _pass_caption_titles(st)
    _pass_menus(st)
    for ln in st.lines:
        if ln.rule is not None:
            st.drop(ln.rule, ln.start, ln.end)
    _pass_inline(st)
    _pass_layout(st)
    return _assemble(st)


def _continues_line(out: list[str], paragraphs: list[Paragraph], para: str, kind: str) -> bool:
    """A line that opens in lower case after a body line (or a short line taken for a heading) without sentence
    punctuation continues it: the page broke the sentence across lines."""
    return bool(out) and kind in ("body", "heading") and paragraphs[-1].kind in ("body", "heading") and para[:1].islower() \
        and not _TERMINAL.search(out[-1])


def _assemble(st: _CleanState) -> CleanResult:
    """Join the kept pieces into paragraphs; account for every character of the body."""
    body = st.body
    out: list[str] = []
    paragraphs: list[Paragraph] = []
    cursor = kept_chars = 0
    for ln in st.kept():
        if not ln.pieces:
            continue
        if ln.kind in ("header_caption", "repeated_headline", "section_label"):
            for x, y in ln.pieces:
                st.drop(ln.kind, x, y)
            continue
        parts = []
        for x, y in ln.pieces:
            seg = body[x:y]  # pieces were split by inline removals; trim the spaces at the seams
            lead, trail = len(seg) - len(seg.lstrip()), len(seg) - len(seg.rstrip())
            if lead:
                st.removed.append(Removal("whitespace", x, x + lead, seg[:lead]))
            if trail:
                st.removed.append(Removal("whitespace", y - trail, y, seg[len(seg) - trail :]))
            parts.append(seg.strip())
            kept_chars += len(seg.strip())
        para = " ".join(parts)
        if _continues_line(out, paragraphs, para, ln.kind or "body"):
            # a sentence the page broke across lines: "… one of his aides" / "had said earlier …"
            out[-1] += " " + para
            cursor += 1 + len(para)
            paragraphs[-1] = Paragraph(paragraphs[-1].index, paragraphs[-1].start, cursor, "body")
            continue
        cursor += 2 if out else 0
        out.append(para)
        paragraphs.append(Paragraph(len(paragraphs), cursor, cursor + len(para), ln.kind or "body"))
        cursor += len(para)
    chrome = [r for r in st.removed if r.rule != "whitespace"]
    removed_chars = sum(r.end - r.start for r in chrome)
    result = CleanResult(
        text="\n\n".join(out),
        paragraphs=paragraphs,
        removed=sorted(chrome, key=lambda r: r.start),
        kept_chars=kept_chars,
        removed_chars=removed_chars,
        whitespace_chars=len(body) - kept_chars - removed_chars,
        body_chars=len(body),
    )
    _check_accounting(body, result)
    return result


def _check_accounting(body: str, res: CleanResult) -> None:
    """Invariant: removed spans do not overlap, and what is not kept or removed is whitespace."""
    mask = [0] * len(body)
    for r in res.removed:
        for i in range(r.start, r.end):
            if mask[i]:
                raise errors.InvariantError(errors.OVERLAPPING_REMOVALS.format(i=i))
            mask[i] = 1
    errors.check(res.kept_chars + res.removed_chars + res.whitespace_chars == res.body_chars, errors.ACCOUNTING)
    errors.check(res.whitespace_chars >= 0, errors.NEGATIVE_WHITESPACE)
    # every character neither removed nor whitespace must appear in the kept text, in order
    kept = "".join("".join(compress(body, [not m for m in mask])).split())  # split() drops exactly the isspace() characters
    errors.check(kept == "".join(res.text.split()), errors.KEPT_TEXT)
