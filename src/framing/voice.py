"""Who speaks in each sentence: the outlet itself (``authorial``) or someone it quotes or relays.

Rules, applied per sentence in article order (documented with hard cases in
``docs/voice.md``):

1. **Relayed blocks.** A paragraph-final sentence that ends in a colon and announces a
   source (``An AP report said:``, ``Here is an excerpt:``, ``Now let's read what Putin
   has to say:``) opens a block. Every sentence after it is ``quoted`` with
   ``voice_type=relayed_block`` until a heading, a paragraph that opens another block,
   an editor's bracket note (``[My Emphasis]``), a paragraph that starts with the
   author's own marker (``IMO``, ``In my view``), or the end. The intro names the source
   (``relayed_by``); an intro that names none takes the last source named earlier in
   its paragraph (``RT reports ... Here is an excerpt:``).
2. **Direct quotation.** Quotation marks are paired per paragraph (see
   :func:`framing.segment.quote_spans`). A sentence at least 60 % inside quotation
   marks is ``direct_quote``; so is a sentence with an attribution and a quoted stretch
   of three or more words.
3. **Reported speech.** A speech or stance verb (said, told, noted, warned, claimed,
   according to, per, in his words, is convinced that, …) whose subject is a speaker
   mention: a name from ``data/speakers.csv``, a full name seen earlier in the article
   (or its surname), a role (``the scholar``, ``officials``), or a pronoun. Inverted
   forms (``…," said Kim``) and passives (``was stated by X``) count; a verb in a
   relative clause (``which Washington claimed``) or a negated one (``Neither Moscow nor
   Pyongyang has expressed``) does not.
4. Otherwise ``authorial``.

``speaker`` is the innermost speaker: in a relayed news report, ``"…," Kim said`` is
Kim's, relayed by AP. In a block written by a person (a reproduced letter or article),
reported speech inside it stays the author's, since the author asserts it.

Speaker names are canonical (``Kim Jong-un``, ``the North Korean leader``, ``Kim`` →
``Kim Jong Un``). Pronouns resolve to the speaker of the previous quoted sentence, else a
person named earlier in the same sentence, else the first person named in the previous
sentence, else the last named speaker. ``the analyst`` resolves to the person named with
that role, and a title (``Russia's Deputy Foreign Minister``) to the one person the article
names with it; ``his spokesman`` stays a role, never the person it belongs to, and ``a
Russian expert`` is a role unless a new person speaks in the very next sentence (a
cataphoric name). Full rules, named constants and hard cases: ``docs/voice.md``.

Code layout: mentions (:func:`find_mentions`, an article :class:`Registry` of names,
roles and groups); attribution rules (``ATTRIBUTION_RULES`` over an ``_AttrContext``,
:func:`main_attribution`); per article (:func:`attribute`, with the article in an
``_Article``, the state carried between sentences in a ``_Discourse`` and each sentence
seen as a ``_Sent``). Name stop-lists are data (``data/name_stoplist.csv``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from framing import config
from framing.once import by_identity
from framing.segment import Sentence, normalise, quote_spans

# --------------------------------------------------------------------------- lexicon

SPEECH_VERBS = (
    r"said|says|say|saying|told|tells|tell|telling|stated|states|stating|stressed|stresses|stressing|"
    r"noted|notes|noting|added|adds|adding|explained|explains|explaining|continued|concluded|summari[sz]ed|"
    r"recalled|recalls|assured|assures|warned|warns|warning|claimed|claims|claiming|claim|pointed out|points out|"
    r"highlighted|highlights|argued|argues|argue|wrote|writes|announced|announces|declared|declares|declare|"
    r"thanked|thanks|reiterated|reiterates|pledged|pledges|accused|accuses|insisted|insists|emphasi[sz]ed|"
    r"emphasi[sz]es|urged|urges|praised|praises|hinted|hinting|asked|asks|responded|responds|replied|replies|"
    r"mentioned|mentions|shared|expressed|expresses|expressing|denied|denies|deny|condemned|condemns|condemn|"
    r"reported|reports|quoted|quotes|cited|cites|confirmed|confirms|vowed|vows|promised|promises|"
    r"acknowledged|admitted|alleged|alleges|suggested|suggests|outlined|outlining|called|calls|described|"
    r"describes|listed|lists|toasted|reminded|spoke (?:of|about)|speaks (?:of|about)|commented|remarked|boasted|"
    r"predicted|believes|believe|believed|is (?:confident|convinced|sure|certain)|are (?:confident|convinced)|"
    r"hopes?|expects?|feared|fears|dismissed|dismisses|underlined|underlines|reaffirmed|reaffirms|characteri[sz]ed|"
    r"characteri[sz]es|slammed|slams|commended|commends|signall?ed|signals|voiced|voices|questioned|questions|"
    r"think|thinks|indicated?|indicates|made (?:plain|clear)|makes (?:plain|clear)|criticized|criticised|criticizes|"
    r"branded|brands|labelled|labeled|hailed|hails|rejected|rejects|blamed|blames|observed|observes"
)
_VERB = re.compile(rf"(?<![\w-])(?:{SPEECH_VERBS})(?![\w-])", re.IGNORECASE)
#: Verbs of quoting: "X quoted Y expressing fears" -> Y speaks.
_QUOTING = re.compile(r"^(?:quoted|quotes|cited|cites)$", re.IGNORECASE)

#: Verbs whose object is the addressee: ``..., told Sputnik`` names no speaker.
_ADDRESSEE = re.compile(r"^(?:told|tells|tell|telling|asked|asks|thanked|thanks|urged|urges|reminded|accused|accuses|"
                        r"quoted|quotes|cited|cites)$", re.IGNORECASE)
#: Adjectival participles: ``an alleged arms deal`` is no attribution.
_ADJECTIVAL = re.compile(r"\b(?:an?|the|its|their|his|her)\s+$", re.IGNORECASE)

_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
_OBJ_PRONOUN = re.compile(r"\b(?:him|her|them)\b", re.IGNORECASE)
#: Role nouns for one person: they resolve to the last named person who spoke.
#: Role nouns for one person (``the scholar``, ``his spokesman``, ``a Russian expert``).
_ROLE_NOUNS = (
    r"(?:scholar|analyst|expert|professor|researcher|diplomat|envoy|aide|official|spokes(?:man|person|woman)|head|chief|"
    r"leader|president|minister|general|commentator|author|editor|ambassador|representative|adviser|advisor)"
)
_PERSON_ROLE = re.compile(rf"\b(?:the|this|that|his|her|their|its|an?|[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s)\s+(?:[\w-]+\s+){{0,3}}?{_ROLE_NOUNS}\b",
                          re.IGNORECASE)
#: A title before a full name (``Deputy Foreign Minister Andrey Rudenko``): ``Russia's Deputy Foreign Minister`` elsewhere is that person.
_TITLED_NAME = re.compile(rf"((?:(?:U\.S\.|[A-Z][\w'’-]*) ){{1,4}}?(?i:{_ROLE_NOUNS})) ([A-Z][a-z]+(?:-[a-z]+)?(?:[ -][A-Z][a-z]+(?:-[a-z]+)?){{1,3}})\b")
#: Words of a title that only say whose it is (``Russian``, ``Russia's``, ``U.S.``), dropped from its key.
_TITLE_OWNER = re.compile(r"^(?:[Tt]he|[Ff]ormer|[Tt]hen|[A-Z][\w.-]*['’]s|[A-Z][\w-]*(?:an|ese|ish|i)|U\.?S\.?|UK|North|South)$")
#: A title key has at least this many words (``foreign minister``), so a bare ``minister`` never picks one of several.
TITLE_KEY_MIN_WORDS = 2
#: A "sentence" longer than this (a page without punctuation, a data dump) is not read by the voice rules, whose
#: cost grows with the square of a sentence's length; it is left in the author's voice with the cue ``TOO_LONG_CUE``.
MAX_RULE_CHARS = 5000
TOO_LONG_CUE = "too_long_for_rules"
#: Collective speakers kept under their own name ("the Primorye authorities").
_GROUP_ROLE = re.compile(
    r"\b(?:(?:the|some|many|several|other|both|most)\s+)?(?:(?!(?:According|As|In|On|At|For|By|From|With|To|Per|Under|But|And)\b)[A-Z][\w.-]*(?:['’]s)?\s+(?:and\s+(?=[A-Z]))?){0,4}"
    r"(?:(?!(?:to|for|what|of|in|on|at|by|with|from|that|which|who|and|or|but|as|than|a|an|the|said|says|while|when)\b)[a-z-]+\s+){0,2}?"
    r"(?i:officials|authorities|experts|analysts|observers|critics|diplomats|sources|media|press|journalists|"
    r"reports|report|government|ministry|agenc(?:y|ies)|television|newspapers?|prosecutors|investigators|lawmakers|"
    r"legislators|residents|witnesses|aides|advisers|advisors|spokesmen|document|statement|message|embassy|council|commission|committee|office|"
    r"department|parliament)\b"
)
_NAME = re.compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Comrade|President|Chairman|Minister)\.?\s+)?"
    r"[A-Z][a-z]+(?:-[a-z]+)?(?:[-\s][A-Z][a-z]+(?:-[a-z]+)?){1,5}"
)
_TITLE_PREFIX = re.compile(r"^(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Comrade|President|Chairman|Minister)\.?\s+")


@lru_cache(maxsize=4)
def load_name_stoplist(path: Path | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """The name stop-list (words that are not name tokens) and the institution words, from ``data/name_stoplist.csv``."""
    path = Path(path or config.NAME_STOPLIST_CSV)
    stop: set[str] = set()
    inst: set[str] = set()
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            (inst if row["list"] == "institution" else stop).add(row["word"])
    return frozenset(stop), frozenset(inst)


_INTRO = re.compile(
    rf"(?:\b(?:{SPEECH_VERBS}|reads|read|has to say|had to say|wrote|writes)\s*:\s*$)|"
    r"(?:^(?:here is|here's|below is|the following is|what follows is)\b.*:\s*$)",
    re.IGNORECASE,
)
_DEICTIC_INTRO = re.compile(r"^(?:here is|here's|below is|the following is|what follows is)\b", re.IGNORECASE)
#: A headline of the form "Speaker: statement".
_HEADLINE_SPEAKER = re.compile(r"^(?P<name>[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2}):\s+\S")
#: "This was stated by X": X is also the source of the sentence before.
_CATAPHORIC = re.compile(r"^(?:This|That|It|These|Such plans)\s+(?:is|are|was|were|has been)\s+(?:stated|said|announced|reported|noted|written|"
    r"confirmed)\s+by\b")
_BLOCK_END_NOTE = re.compile(r"^\[(?:my |emphasis|end|editor|ed\.|note)", re.IGNORECASE)
_AUTHOR_MARKER = re.compile(r"^(?:IMO|IMHO|In my (?:view|opinion)|My (?:take|comment|view)|Editor['’]s note)\b")


@dataclass(frozen=True)
class SpeakerEntry:
    canonical: str
    kind: str
    pattern: re.Pattern


@lru_cache(maxsize=4)
def load_speakers(path: Path | None = None) -> tuple[SpeakerEntry, ...]:
    """Load the speaker gazetteer (canonical name, type, alias regex)."""
    path = Path(path or config.SPEAKERS_CSV)
    entries = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            aliases = row["aliases"]
            # short all-capital acronyms (RT, AP, UN) must match case-sensitively
            flags = 0 if re.fullmatch(r"[A-Z.]{2,5}(?:\|.*)?", aliases) or row["type"] == "media" else re.IGNORECASE
            entries.append(SpeakerEntry(row["canonical"], row["type"], re.compile(rf"(?<![\w-])(?:{aliases})(?![\w])", flags)))
    return tuple(entries)


# --------------------------------------------------------------------------- mentions

#: Role nouns that name a news source: ``the agency`` resolves to the last news source named.
_MEDIA_ROLE = re.compile(r"\bthe\s+(?:news\s+|state\s+)?(?:agency|newspaper|paper|broadcaster|channel|daily|outlet|network|wire|report)\b", re.IGNORECASE)
#: ``both leaders``, ``the two countries``: the last two people (or governments) named.
_PAIR = re.compile(r"\b(?:both|the two)\s+(?:(leaders|men|presidents|heads of state)|(countries|sides|governments|nations|states|capitals))\b", re.IGNORECASE)
#: Nouns for documents: subjects only of the verbs in DOCUMENT_VERBS (``the document says``).
_DOCUMENT_NOUNS = re.compile(r"(?:document|statement|text|communiqu[eé]|message)$", re.IGNORECASE)
DOCUMENT_VERBS = re.compile(r"^(?:says|said|states|stated|reads|read|notes|noted|stresses|stressed|declares|declared)$", re.IGNORECASE)
#: A group of officials of a government named in the gazetteer (``the Moscow government``) is that government.
_GOVERNMENT_HEAD = re.compile(r"\b(?:government|authorities|side|administration|leadership)$", re.IGNORECASE)


@dataclass
class Mention:
    """A mention of a possible speaker in one sentence."""

    start: int
    end: int
    text: str
    canonical: str | None  # resolved name, or None for pronouns/roles until resolved
    kind: str  # person, government, organisation, media, group, pronoun, role, media_role, impersonal


class Registry(dict):
    """Full names seen in one article, keyed by full name, first name and surname.

    ``surnames`` holds article-local people (not in the gazetteer) by surname: a bare
    ``Kim`` after ``Kim Hong-kyun`` is that person until a gazetteer person with the same
    surname is named in full again. ``version`` changes whenever the registry changes.
    """

    def __init__(self) -> None:
        super().__init__()
        self.surnames: dict[str, str] = {}
        self.roles: dict[str, str] = {}  # role noun -> the person last named with it
        self.groups: dict[str, str] = {}  # head noun -> the last group named in full with it ("South Korea's Foreign Ministry")
        self.version = 0


def _strip_titles(name: str, stop: frozenset[str]) -> str:
    """``Industry Minister Denis Manturov`` → ``Denis Manturov`` (title and place words from the stop-list go)."""
    toks = _TITLE_PREFIX.sub("", name).split()
    while len(toks) > 1 and toks[0] in stop:
        toks = toks[1:]
    return " ".join(toks)


def title_key(title: str) -> tuple[str, str]:
    """The owner and the title proper: ``Russia's Deputy Foreign Minister`` and ``Russian Deputy Foreign Minister``
    → (``russia``, ``deputy foreign minister``); the title is empty when shorter than ``TITLE_KEY_MIN_WORDS``."""
    toks, owner = title.split(), []
    while toks and _TITLE_OWNER.match(toks[0]):
        owner.append(toks.pop(0))
    own = re.sub(r"\b(\w+a)n\b", r"\1", re.sub(r"['’]s\b|\b(?:the|former|then)\b", "", " ".join(owner).lower()))
    return " ".join(own.split()), " ".join(toks).lower() if len(toks) >= TITLE_KEY_MIN_WORDS else ""


def titled_names(text: str) -> dict[str, list[tuple[str, str]]]:
    """Title → the (owner, full name) pairs given with that title anywhere in the article (cataphora included)."""
    stop = load_name_stoplist()[0]
    out: dict[str, list[tuple[str, str]]] = {}
    for m in _TITLED_NAME.finditer(text):
        owner, key = title_key(m.group(1))
        pair = (owner, _strip_titles(m.group(2), stop))
        if key and pair not in out.setdefault(key, []):
            out[key].append(pair)
    return out


def _same_owner(a: str, b: str) -> bool:
    """Owners agree when either is unsaid or one is the other's stem (``exland`` / ``exlandia``, ``china`` / ``chinese``)."""
    short, long_ = sorted((a, b), key=len)
    return not short or long_.startswith(short[:-1])


def titled_person(role: str, titles: dict[str, list[tuple[str, str]]]) -> str:
    """The one person named with this role's title and a compatible owner (``Russia's`` = ``Russian``), else ``""``."""
    if re.match(r"(?:his|her|their|its|an?)\b", role, re.IGNORECASE):
        return ""  # "his spokesman", "a deputy minister": someone else, or one of several
    owner, key = title_key(role)
    names = {n for o, n in titles.get(key, []) if _same_owner(o, owner)}
    return next(iter(names)) if len(names) == 1 else ""


def _gazetteer_mentions(text: str, speakers: tuple[SpeakerEntry, ...]) -> list[Mention]:
    """Every alias hit in ``text``, entry by entry (only the entries the combined search finds are run)."""
    return [Mention(m.start(), m.end(), m.group(0), e.canonical, e.kind) for e in _speakers_in(text, speakers) for m in e.pattern.finditer(text)]


@by_identity
def _speaker_scan(speakers: tuple[SpeakerEntry, ...]) -> re.Pattern:
    """All aliases in one case-insensitive pattern: it matches wherever some entry matches (and maybe elsewhere)."""
    start, end = r"(?<![\w-])(?:", r")(?![\w])"
    pats = [e.pattern.pattern for e in speakers]
    if pats and all(x.startswith(start) and x.endswith(end) for x in pats):  # the shared lookbehind outside: a faster search
        return re.compile(start + "|".join(f"(?:{x[len(start):-len(end)]})" for x in pats) + end, re.IGNORECASE)
    return re.compile("|".join(f"(?:{x})" for x in pats) or r"(?!)", re.IGNORECASE)


def _speakers_in(text: str, speakers: tuple[SpeakerEntry, ...]) -> list[SpeakerEntry]:
    """The entries with a hit in ``text``, in gazetteer order: each entry is tried only where the combined search stops."""
    scan, found = _speaker_scan(speakers), set()
    m = scan.search(text)
    while m is not None:
        pos = m.start()
        found.update(k for k, e in enumerate(speakers) if e.pattern.match(text, pos))
        m = scan.search(text, pos + 1)
    return [speakers[k] for k in sorted(found)]


#: Text with at least this share of capitalised words is title case (a headline): there a capitalised run is no evidence of a name.
TITLE_CASE_MIN_SHARE = 0.6


def _is_title_case(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    return len(words) >= 3 and sum(w[0].isupper() for w in words) / len(words) >= TITLE_CASE_MIN_SHARE


def _name_mentions(text: str, registry: dict[str, str], gazetteer: list[Mention]) -> list[Mention]:
    """Capitalised names not in the gazetteer; a full local name beats a one-word gazetteer alias inside it
    (except in title-case text, where capitals do not mark names)."""
    stop, inst = load_name_stoplist()
    title_case = _is_title_case(text)
    out = []
    for m in _NAME.finditer(text):
        toks = re.split(r"[-\s]+", _TITLE_PREFIX.sub("", m.group(0)))
        if all(t in stop for t in toks) or (toks[0] in stop and len(toks) < 3) or toks[-1] in inst:
            continue
        if re.fullmatch(_ROLE_NOUNS, toks[-1].lower()):
            continue  # "Deputy Trade Minister" is a title, not a name
        clash = [g for g in gazetteer if g.start < m.end() and g.end > m.start()]
        if any(" " in g.text.strip() or g.start < m.start() or g.end > m.end() for g in clash) or (clash and title_case):
            continue  # "Russian President Vladimir Putin": the gazetteer name wins
        for g in clash:  # "Kim" inside "Kim Hong-kyun": the full name wins
            gazetteer.remove(g)
        out.append(Mention(m.start(), m.end(), m.group(0), _registry_name(m.group(0), registry), "person"))
    return out


def _role_mentions(text: str) -> list[Mention]:
    out = [Mention(m.start(), m.end(), m.group(0), None, "media_role") for m in _MEDIA_ROLE.finditer(text)]
    out += [Mention(m.start(), m.end(), m.group(0), None, "role") for m in _PERSON_ROLE.finditer(text)]
    out += [Mention(m.start(), m.end(), m.group(0), _clean_group(m.group(0)), "group") for m in _GROUP_ROLE.finditer(text)]
    out += [Mention(m.start(), m.end(), m.group(0), None, "pronoun") for m in _PRONOUN.finditer(text)]
    out += [Mention(m.start(), m.end(), m.group(0), "person" if m.group(1) else "government", "pair") for m in _PAIR.finditer(text)]
    return out


def _surname_mentions(text: str, registry: dict[str, str], named: list[Mention]) -> list[Mention]:
    """Capitalised words the registry knows (a surname or a registered name), unless inside a longer name."""
    surnames = getattr(registry, "surnames", {})
    out = []
    for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", text):
        name = surnames.get(m.group(0)) or registry.get(m.group(0))
        inside_name = any(n.start <= m.start() and m.end() <= n.end and n.end - n.start > m.end() - m.start() for n in named)
        if name and not inside_name:
            out.append(Mention(m.start(), m.end(), m.group(0), name, "local" if m.group(0) in surnames else "person"))
    return out


def _mark_roles(text: str, roles: list[Mention], gazetteer: list[Mention]) -> None:
    """Re-kind roles that hold a gazetteer name: government groups and owned roles."""
    for r in roles:  # "the Moscow government" is the Russian government; "the NATO Council" is a group of its own
        inner = [g for g in gazetteer if r.start <= g.start and g.end <= r.end and (r.end - r.start) > (g.end - g.start)
                 and (g.kind in ("government", "organisation") or re.match(r"['’]s\b", r.text[g.end - r.start :]))]
        if r.kind == "group" and inner:
            if inner[0].kind != "person" and (_GOVERNMENT_HEAD.search(r.text) or inner[0].kind == "organisation"):
                r.canonical = inner[0].canonical  # "the NATO Council" speaks for NATO
            r.kind = "government_group"
        elif r.kind == "role" and inner and inner[0].start == r.start and re.match(r"['’]s\b", r.text[inner[0].end - r.start :]) \
                and not re.match(r"\s+[A-Z]", text[r.end :]):  # "South Korea's Adviser Chang Ho-jin": a title before a name
            r.kind = "owned_role"  # "South Korea's foreign minister", "Putin's spokesman": the role, not its owner


#: Overlap priority: local surnames, then gazetteer and names, beat roles (lower wins; then longer beats shorter).
_MENTION_PRIORITY = {"local": -1, "government_group": -1, "owned_role": -1, "person": 0, "government": 0, "organisation": 0,
                     "media": 0, "pair": 0, "group": 1, "media_role": 1, "role": 2, "pronoun": 3}


def _without_overlaps(cands: list[Mention]) -> list[Mention]:
    """The candidates kept when overlapping ones are resolved by priority, then length, then position."""
    cands = sorted(cands, key=lambda c: (_MENTION_PRIORITY[c.kind], -(c.end - c.start), c.start))
    chosen: list[Mention] = []
    for c in cands:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return chosen


def _finish_mention(c: Mention, text: str) -> None:
    """Map the working kinds back to the public ones and normalise group names."""
    c.kind = {"local": "person", "government_group": "government", "owned_role": "role"}.get(c.kind, c.kind)
    if c.kind == "group" and c.canonical:
        c.canonical = _source_name(c.canonical)
    if c.kind in ("group", "government") and c.canonical and _ONE_OF.search(text[: c.start]) and c.text.split()[-1].islower():
        c.canonical = _singular(c.canonical)


def find_mentions(text: str, registry: dict[str, str], speakers: tuple[SpeakerEntry, ...]) -> list[Mention]:
    """All speaker mentions in ``text``, longest first where they overlap."""
    gazetteer = _gazetteer_mentions(text, speakers)
    names = _name_mentions(text, registry, gazetteer)
    cands = gazetteer + names
    cands += _surname_mentions(text, registry, gazetteer + names)
    roles = _role_mentions(text)
    _mark_roles(text, roles, gazetteer)
    chosen = _without_overlaps(cands + roles)
    for c in chosen:
        _finish_mention(c, text)
    return sorted(chosen, key=lambda c: c.start)


#: ``one of Putin's aides``: one member of the group speaks.
_ONE_OF = re.compile(r"\bone of\s+$", re.IGNORECASE)


def _singular(group: str) -> str:
    """``Putin's aides`` → ``Putin's aide``, ``authorities`` → ``authority`` (the last word only; ``media`` stays)."""
    head, _, last = group.rpartition(" ")
    last = re.sub(r"ies$", "y", last) if last.endswith("ies") else re.sub(r"(?<=[^s])s$", "", last)
    return f"{head} {last}".strip()


#: Descriptors of a news source around its name: ``state news channel Russia 1``, ``the Interfax news agency``.
_MEDIA_DESCRIPTOR = re.compile(r"\b(?:news\s+)?(?:agency|agencies|channel|newspaper|television|broadcaster|daily|network|outlet|tabloid|wire)\b", re.IGNORECASE)


def _source_name(group: str) -> str:
    """The proper name inside a described news source (``state news channel Russia 1`` → ``Russia 1``).

    A capitalised run that reads as a nationality adjective (``Russian``, ``Chinese``) is a description, not a name.
    """
    g = group.rstrip(" .")
    if not _MEDIA_DESCRIPTOR.search(g):
        return g
    runs = [r for r in re.findall(r"(?:\b[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|\d+))*)", g) if not re.search(r"(?:an|ese|ish|i)$", r.split()[0])]
    runs = [r for r in runs if r.lower() not in ("state", "the", "news")]
    return runs[-1] if runs else g


#: One canonical wording for group speakers that differ only in synonyms (pattern, replacement), applied in order.
GROUP_SYNONYMS = (
    (re.compile(r"\bstate-(?:run|owned|controlled)\b", re.IGNORECASE), "state"),  # "state-run media" = "state media"
    (re.compile(r"^American\b"), "U.S."),  # "American experts" = "U.S. experts"
    (re.compile(r"^(?:news |press |media )?reports$", re.IGNORECASE), "media reports"),  # "news reports", bare "reports"
)


def _clean_group(s: str) -> str:
    s = re.sub(r"^(?:the|some|many|several|other|both|most)\s+", "", s.strip(), flags=re.IGNORECASE)
    for pat, repl in GROUP_SYNONYMS:
        s = pat.sub(repl, s)
    return s[:1].upper() + s[1:]


def _registry_name(name: str, registry: dict[str, str]) -> str:
    bare = _strip_titles(name, load_name_stoplist()[0])
    return registry.get(bare, bare)


def register_names(mentions: list[Mention], registry: dict[str, str], gazetteer_names: frozenset[str] = frozenset()) -> None:
    """Add the full names among ``mentions`` to the article's registry, keyed by name and surname.

    A local name (not in the gazetteer) named in full becomes what its bare surname means
    from then on (``Registry.surnames``); a gazetteer person named in full takes the
    surname back.
    """
    stop = load_name_stoplist()[0]
    surnames = getattr(registry, "surnames", None)
    for m in mentions:
        if m.kind != "person" or not m.canonical or " " not in m.canonical:
            continue
        full = m.canonical
        registry.setdefault(full, full)
        toks = full.split()
        for t in (toks[0], toks[-1]):
            if t not in stop and len(t) > 2:
                registry.setdefault(t, full)
        if surnames is not None and len(m.text.split()) >= 2:
            parts = re.split(r"\s", _strip_titles(m.text, stop))
            for tok in {parts[0], parts[-1].split("-")[0]}:
                if full in gazetteer_names:
                    surnames.pop(tok, None)
                elif tok not in stop and len(tok) > 1 and surnames.get(tok) != full:
                    surnames[tok] = full
                    registry.version += 1


def register_roles(text: str, mentions: list[Mention], registry: dict[str, str]) -> None:
    """Remember who was named with a role noun (``security analyst Mark Sleboda``, ``Ushakov, the aide``),
    and which named group a head noun stands for (``South Korea's foreign ministry`` for a later ``the ministry``)."""
    roles = getattr(registry, "roles", None)
    if roles is None:
        return
    for m in mentions:
        if m.kind in ("group", "government", "organisation") and m.canonical and re.search(r"\b[A-Z]", m.text[1:]) \
                and _GROUP_ROLE.fullmatch(m.text) and not _DOCUMENT_NOUNS.search(m.text):
            registry.groups[m.text.split()[-1].lower()] = m.canonical
    for m in mentions:
        if m.kind != "person" or not m.canonical:
            continue
        before = re.search(r"([A-Za-z-]+)\s*$", text[max(0, m.start - 40) : m.start])
        after = re.match(r",\s+(?:the|a|an|his|her)\s+(?:[\w-]+\s+){0,3}?([a-z-]+)\b", text[m.end : m.end + 60])
        for g in (before, after):
            if g and re.fullmatch(_ROLE_NOUNS, g.group(1).lower()):
                roles[g.group(1).lower()] = m.canonical


# --------------------------------------------------------------------------- attribution rules


@dataclass
class Attribution:
    """A speech or stance verb (or cue such as ``according to``) and the mention that speaks."""

    verb_start: int
    verb: str
    mention: Mention | None
    group: list[Mention] = field(default_factory=list)
    cue: str = ""
    text_before: str = ""  # the sentence up to the subject (subject-verb attributions only)


#: Words that may stand between a subject and its speech verb (auxiliaries, adverbs, quantifiers).
GAP_WORDS = frozenset(
    "has have had also is was were are will would could may might should can did does do then later again recently "
    "previously earlier already both too himself herself itself themselves further once all each publicly repeatedly "
    "separately jointly first".split()
)
#: At most this many words between a subject and its verb (after appositions and time phrases are set aside).
MAX_GAP_WORDS = 4
#: A comma-enclosed apposition between subject and verb has at most this many words.
MAX_APPOSITION_WORDS = 25
#: ``according to`` without a known mention: the phrase after it (at most this many words) is the speaker.
MAX_SOURCE_PHRASE_WORDS = 8
_GAP_PHRASE = re.compile(
    r"\b(?:in|on)\s+(?:a|an|the|his|her|its|their)\s+(?:\w+\s+)?(?:statement|interview|speech|letter|article|op-ed|post|"
    r"message|address|report|briefing|call|editorial)\b|\b(?:on|last|this|earlier|late|early)\s+(?:\w+day|week|month|year|night|"
    r"morning|evening)\b|\bin\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|\d{4})\b|"
    r"\bfor (?:its|his|her|their) part\b|\([^()]{1,30}\)",
    re.IGNORECASE,
)
#: A second main clause with its own speaker: ``…, while Kim announced``.
_COORDINATED = re.compile(r"(?:,\s*(?:while|whereas|and|but)|;\s*(?:and\s+)?)\s*$", re.IGNORECASE)
#: ``call`` + particle is not speech: ``Seoul calls in the envoy``.
_NOT_SPEECH_AFTER = re.compile(r"\s+(?:in|up|off|back)\b", re.IGNORECASE)  # used with .match(text, pos): no ``^``
#: After an inverted attribution's speaker the clause ends (``…, said Kim.``, ``…, said Kim on Monday``);
#: ``…, suggests Kim wants …`` is no inverted attribution.
_INVERTED_END = re.compile(
    r"\s*(?:[,.;:!?\"”»)\]]|$|(?:on|in|at|of|during|after|before|while|with|to|from|last|earlier|late|early|this|who|which|"
    r"adding|noting|according|told|when)\b)",
    re.IGNORECASE,
)
_QUOTED_AS = re.compile(r"\b(?:was|were|is|are|has been|have been)\s+quoted\s+(?:by\s+[^,.;]{1,60}?\s+)?as\s+"
                        r"(?:saying|telling|stating|calling)\b", re.IGNORECASE)
_IMPERSONAL = re.compile(r"^(?:It|This)\s+(?:is|was|has been|had been)\s+(?:reported|said|stated|announced|claimed|alleged|noted|"
                         r"clarified|specified|emphasi[sz]ed|stressed)\s+that\b")
_SOURCE_PHRASE = re.compile(
    rf"(?:the\s+|a\s+|an\s+)?[\w'’.-]+(?:\s+[\w'’.-]+){{0,{MAX_SOURCE_PHRASE_WORDS - 1}}}?(?=\s*(?:[,.;:!?)]|$))", re.IGNORECASE
)


#: Nouns that make ``according to <phrase>`` an attribution when the phrase names no known speaker.
_SOURCE_NOUN = re.compile(
    r"\b(?:reports?|officials?|sources?|media|statements?|images|footage|data|figures|estimates|documents?|survey|poll|"
    r"analysts?|experts?|observers?|witnesses|residents|diplomats?|spokes\w+|ministry|government|agency|intelligence)\b",
    re.IGNORECASE,
)


def _gap_ok(gap: str) -> bool:
    """Text between a subject and its verb: auxiliaries and adverbs, time phrases, or one apposition."""
    g = gap.strip().lstrip(")]").strip()  # "the Korean Central News Agency (KCNA) said"
    if not g:
        return True
    if re.search(r"[;:.?!\"]", _GAP_PHRASE.sub(" ", g)):
        return False
    app = re.match(r"^,([^,]*),\s*", g)
    if app:
        if len(app.group(1).split()) > MAX_APPOSITION_WORDS:
            return False
        g = g[app.end() :]
    g = _GAP_PHRASE.sub(" ", g.strip(", "))
    if "," in g:
        return False
    words = g.split()
    if len(words) > MAX_GAP_WORDS:
        return False
    return all(w.lower() in GAP_WORDS or w.lower().endswith("ly") for w in words)


def _subject_group(text: str, mentions: list[Mention], idx: int) -> list[Mention]:
    """The mention at ``idx`` plus mentions coordinated with it by 'and' / 'nor' to its left.

    Two mentions of the same speaker side by side (``US Secretary of State Antony Blinken``) count once.
    """
    group = [mentions[idx]]
    j = idx - 1
    while j >= 0:
        gap = text[mentions[j].end : group[0].start]
        if re.fullmatch(r"\s*", gap) and mentions[j].canonical and mentions[j].canonical == group[0].canonical:
            group[0] = mentions[j]
        elif re.fullmatch(r"\s*(?:and|nor|or|, and)\s*", gap, re.IGNORECASE):
            group.insert(0, mentions[j])
        else:
            break
        j -= 1
    return group


@dataclass
class _AttrContext:
    """What every attribution rule reads: the sentence, its mentions and its quoted stretches."""

    text: str
    mentions: list[Mention]
    quoted: list[tuple[int, int]]

    def in_quote(self, i: int) -> bool:
        return any(a <= i < b for a, b in self.quoted)


def _rule_according_to(c: _AttrContext) -> list[Attribution]:
    """``according to X``, ``per X``, ``in the words of X``: X speaks (the phrase itself when X is no known mention)."""
    out = []
    for m in re.finditer(r"\b(?:according to|per|in the words of)\s+", c.text, re.IGNORECASE):
        is_per = m.group(0).lower().startswith("per")
        if c.in_quote(m.start()) or (is_per and m.start() != 0 and not re.search(r"[,;]\s*$", c.text[: m.start()])):
            continue
        nxt = [mm for mm in c.mentions if mm.start <= m.end() + 4 and mm.end > m.end() and mm.kind != "pronoun" or m.end() <= mm.start <= m.end() + 4]
        obj = _OBJ_PRONOUN.match(c.text, m.end())
        if obj and not nxt:
            nxt = [Mention(obj.start(), obj.end(), obj.group(0), None, "pronoun")]
        if not nxt and not is_per:
            phrase = _SOURCE_PHRASE.match(c.text, m.end())
            if phrase and (re.search(r"\b[A-Z]", phrase.group(0)) or _SOURCE_NOUN.search(phrase.group(0))):
                within = [mm for mm in c.mentions if phrase.start() <= mm.start < phrase.end() and mm.kind not in ("pronoun",)]
                nxt = within or [Mention(phrase.start(), phrase.end(), phrase.group(0), _source_name(_clean_group(phrase.group(0))), "group")]
        if nxt:
            out.append(Attribution(m.start(), m.group(0).strip(), nxt[0], [nxt[0]], "according_to"))
    for m in re.finditer(r"\bin (his|her|their) words\b", c.text, re.IGNORECASE):
        if not c.in_quote(m.start()):
            pron = Mention(m.start(1), m.end(1), m.group(1), None, "pronoun")
            out.append(Attribution(m.start(), m.group(0), pron, [pron], "in_words"))
    return out


def _rule_quoted_as(c: _AttrContext) -> list[Attribution]:
    """``X was quoted (by Y) as saying``: X speaks; ``It is reported that``: an unnamed source speaks."""
    out = []
    for m in _QUOTED_AS.finditer(c.text):
        if c.in_quote(m.start()):
            continue
        left = [mm for mm in c.mentions if mm.end <= m.start() and not c.in_quote(mm.start) and _gap_ok(c.text[mm.end : m.start()])]
        if left:
            out.append(Attribution(m.start(), "quoted as saying", left[-1], [left[-1]], "quoted_as"))
    for m in re.finditer(r"\b(?:quoted|quotes|cited|cites)\s+", c.text):
        if c.in_quote(m.start()) or re.search(r"\b(?:was|were|is|are|been)\s+$", c.text[: m.start()]):
            continue  # passive forms are _QUOTED_AS above
        tail = re.match(r"[^.;:]{1,80}?\bas\s+(?:saying|telling|stating|calling)\b", c.text[m.end() :])
        if not tail:
            continue
        window = [mm for mm in c.mentions if m.end() <= mm.start < m.end() + tail.end()]
        obj = [mm for mm in window if mm.kind == "person"] or window
        pron = _OBJ_PRONOUN.match(c.text, m.end())
        if pron and (not obj or obj[0].start > pron.start()):
            obj = [Mention(pron.start(), pron.end(), pron.group(0), None, "pronoun")]
        if obj:
            out.append(Attribution(m.start(), "quoted as saying", obj[0], [obj[0]], "quoting"))
    imp = _IMPERSONAL.match(c.text)
    if imp:
        out.append(Attribution(0, imp.group(0), Mention(0, 0, "", None, "impersonal"), [], "impersonal"))
    return out


def _verb_passive(c: _AttrContext, v: re.Match) -> Attribution | None:
    """``was stated by X``."""
    by = re.match(r"\s+by\s+", c.text[v.end() :])
    if not by:
        return None
    after = [mm for mm in c.mentions if v.end() + by.end() <= mm.start <= v.end() + by.end() + 80]
    named = [mm for mm in after if mm.kind not in ("role", "pronoun", "group")] or after
    return Attribution(v.start(), v.group(0), named[0], [named[0]], "passive") if named else None


#: ``…, says the text North Korea released``: a document with the body that issued it named in a relative clause.
_ISSUED_DOCUMENT = re.compile(
    r"\s+the\s+(?:[\w-]+\s+){0,2}?(?:text|document|statement|communiqu[eé]|declaration)\s+(?:that\s+|which\s+)?"
    r"(?P<who>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+(?:has\s+|had\s+)?(?:released|issued|published|put out)\b"
)


def _issuer(name: str) -> str:
    """The gazetteer's canonical name for the body that issued a document, else the name as written."""
    for e in load_speakers():
        if e.canonical == name or e.pattern.fullmatch(name):
            return e.canonical
    return name


def _verb_inverted(c: _AttrContext, v: re.Match) -> Attribution | None:
    """``…, said Kim`` / ``," wrote Kim Jong-un`` / ``…, reports The Outlet`` / ``…, says the text X released``."""
    if _ADDRESSEE.match(v.group(0)):
        return None
    doc = _ISSUED_DOCUMENT.match(c.text, v.end())
    if doc:
        mm = Mention(doc.start("who"), doc.end("who"), doc.group("who"), _issuer(doc.group("who")), "government")
        return Attribution(v.start(), v.group(0), mm, [mm], "inverted")
    after = [mm for mm in c.mentions if v.end() <= mm.start <= v.end() + 2 and _INVERTED_END.match(c.text, mm.end)]
    if after and (after[0].kind != "pronoun" or re.match(r"\s*(?:he|she)\b", c.text[v.end() :], re.IGNORECASE)):
        return Attribution(v.start(), v.group(0), after[0], [after[0]], "inverted")
    name = re.match(r"\s+((?:The\s+)?[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,3})\s*[.,;]?\s*$", c.text[v.end() :])
    if name:  # a source the gazetteer does not know, at the end of the sentence
        n = name.group(1)
        mm = Mention(v.end() + name.start(1), v.end() + name.end(1), n, n, "media")
        return Attribution(v.start(), v.group(0), mm, [mm], "inverted")
    return None


def _subject_index(c: _AttrContext, v: re.Match, before: str) -> int | None:
    """The mention that is the verb's subject; with an apposition (``Chung, a professor of X, told``) it stands before it."""
    left = [i for i, mm in enumerate(c.mentions) if mm.end <= v.start() and not c.in_quote(mm.start)]
    if not left:
        return None
    i = left[-1]
    if before.rstrip().endswith(","):
        for comma in reversed([x.start() for x in re.finditer(",", before.rstrip()[:-1])]):
            cand = [k for k in left if c.mentions[k].end <= comma and not c.text[c.mentions[k].end : comma].strip()]
            if cand and len(c.text[comma : v.start()].split()) <= MAX_APPOSITION_WORDS + 1:
                return cand[-1]
    return i


def _verb_subject(c: _AttrContext, v: re.Match, before: str) -> Attribution | None:
    """Subject + verb, not in a relative clause, not negated, not a document with a verb of another kind."""
    i = _subject_index(c, v, before)
    if i is None:
        return None
    mm = c.mentions[i]
    if not _gap_ok(c.text[mm.end : v.start()]):
        return None
    if mm.kind == "group" and _DOCUMENT_NOUNS.search(mm.text) and not DOCUMENT_VERBS.match(v.group(0)):
        return None
    group = _subject_group(c.text, c.mentions, i)
    lead = c.text[: group[0].start]
    if re.search(r"\b(?:which|who|whom|whose|that|what)\s+$", lead, re.IGNORECASE):
        return None  # relative clause: the main clause is someone else's
    if re.search(r"\bneither\s+$", lead, re.IGNORECASE) or re.search(r"\b(?:not|never)\b", c.text[mm.end : v.start()]):
        return None  # negated: no one is speaking
    return Attribution(v.start(), v.group(0), mm, group, "subject_verb", lead)


def _rule_speech_verbs(c: _AttrContext) -> list[Attribution]:
    """Every speech verb outside quotation marks: passive, inverted, or with its subject."""
    out = []
    for v in _VERB.finditer(c.text):
        if c.in_quote(v.start()) or (v.group(0).lower().startswith("call") and _NOT_SPEECH_AFTER.match(c.text, v.end())):
            continue
        before = c.text[: v.start()]
        if re.search(r"\b(?:was|were|is|are|been)\s+$", before):
            att = _verb_passive(c, v)
        elif re.search(r"[,\"'”»]\s*$", before) and (att := _verb_inverted(c, v)) is not None:
            pass
        elif _ADJECTIVAL.search(before) or re.search(r"so-$", before) or re.search(r"\bquoted\s+(?:by\s+[^,.;]{1,60}?\s+)?as\s+$", before, re.IGNORECASE):
            att = None
        else:
            att = _verb_subject(c, v, before)
        if att is not None:
            out.append(att)
    return out


#: The attribution rules, in the order their findings are merged (sorted by position afterwards).
ATTRIBUTION_RULES = (_rule_according_to, _rule_quoted_as, _rule_speech_verbs)


def find_attributions(text: str, mentions: list[Mention], quoted: list[tuple[int, int]]) -> list[Attribution]:
    """Speech-verb attributions in ``text`` whose verb lies outside quotation marks."""
    c = _AttrContext(text, mentions, quoted)
    out = [a for rule in ATTRIBUTION_RULES for a in rule(c)]
    out.sort(key=lambda a: a.verb_start)
    return out


def main_attribution(atts: list[Attribution]) -> Attribution | None:
    """The attribution that owns the sentence.

    ``X quoted Y as saying`` gives Y; otherwise the first, except that ``according to X``
    yields to a named inner speaker (``According to the embassy, Zinoviev said …`` is
    Zinoviev's, relayed by the embassy).
    """
    if not atts:
        return None
    quoting = [a for a in atts if a.cue == "quoting"]
    if quoting:
        return quoting[0]
    first = atts[0]
    if first.cue == "subject_verb" and first.mention and first.mention.kind == "person":
        for a in atts[1:]:  # "Putin said …, while Kim announced …": both speak
            if a.cue == "subject_verb" and a.mention and a.mention.kind == "person" and a.mention.canonical != first.mention.canonical \
                    and a.group and a.group[0].start > 0 and _COORDINATED.search(a.text_before or ""):
                return Attribution(first.verb_start, first.verb, first.mention, [*first.group, *a.group], "coordinated")
    if first.cue == "according_to":
        inner = [a for a in atts[1:] if a.cue in ("subject_verb", "inverted") and a.mention and a.mention.kind in ("person", "role")]
        if inner:
            return inner[0]
    if _QUOTING.match(first.verb) and len(atts) > 1 and atts[1].mention and first.mention and atts[1].mention.start > first.verb_start:
        return atts[1]
    return first


# --------------------------------------------------------------------------- per article

#: A sentence at least this share inside quotation marks is a direct quote.
DIRECT_QUOTE_MIN_SHARE = 0.6
#: With an attribution, a quoted stretch of at least this many words makes a direct quote.
QUOTED_STRETCH_MIN_WORDS = 3
#: A relay intro (``An AP report said:``) has at most this many words.
INTRO_MAX_WORDS = 14


@dataclass
class VoiceResult:
    """The voice decision for one sentence."""

    voice: str  # authorial | quoted
    voice_type: str  # authorial | direct_quote | reported_speech | relayed_block | relay_intro
    speaker: str  # canonical name, "" for authorial
    relayed_by: str  # the block's source, "" outside blocks
    cue: str  # what triggered the decision


def _word_chars(s: str) -> int:
    return sum(map(str.isalnum, s))


def _overlap(a: int, b: int, spans: list[tuple[int, int]]) -> int:
    return sum(max(0, min(b, y) - max(a, x)) for x, y in spans)


def _is_intro(sentence: str) -> bool:
    s = sentence.strip()
    return s.endswith(":") and len(s.split()) <= INTRO_MAX_WORDS and bool(_INTRO.search(s))


@dataclass
class _Article:
    """One article's sentences, quotation spans and mention cache (read-only for the rules)."""

    text: str
    sentences: list[Sentence]
    speakers: tuple[SpeakerEntry, ...]
    registry: Registry
    spans_by_para: dict[int, list[tuple[int, int]]]
    by_para: dict[int, list[int]]
    person_names: frozenset[str]
    titles: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # title -> (owner, name), from titled_names
    publisher: str = ""  # the organisation whose own page this is (see attribute)
    memo: dict = field(default_factory=dict)

    def mentions_of(self, t: str) -> list[Mention]:
        key = (t, len(self.registry), self.registry.version)  # the registry only grows
        if key not in self.memo:
            self.memo[key] = find_mentions(t, self.registry, self.speakers)
        return self.memo[key]

    def local_quotes(self, j: int) -> list[tuple[int, int]]:
        o = self.sentences[j]
        return [(max(x, o.start) - o.start, min(y, o.end) - o.start) for x, y in self.spans_by_para[o.paragraph] if x < o.end and y > o.start]

    def attribution_of(self, j: int) -> Attribution | None:
        o = self.sentences[j]
        ot = self.text[o.start : o.end]
        return main_attribution(find_attributions(ot, self.mentions_of(ot), self.local_quotes(j)))


@dataclass
class _Discourse:
    """What the rules carry from sentence to sentence."""

    block: dict | None = None  # {"speaker": str, "kind": person|media|...}
    last_person: str | None = None
    last_media: str | None = None
    last_institution: str | None = None  # the last news source, government or organisation named
    prev_speaker: str | None = None
    prev_speaker_is_person: bool = False
    prev_direct_para: int | None = None
    prev_first_person: str | None = None
    prev_sentence_end_colon: bool = False
    prev_att_speaker: str | None = None
    para_source: str | None = None  # the last news source named in this paragraph
    last_quote_para: tuple[int, str] | None = None  # (paragraph, speaker) of the last direct quote
    recent: dict[str, list[str]] = field(default_factory=lambda: {"person": [], "government": []})  # distinct, latest last
    named: set[str] = field(default_factory=set)  # every person named so far
    pending_role: int | None = None  # a sentence whose speaker is an indefinite role ("a Russian expert told …")

    def note_mentions(self, mentions: list[Mention]) -> None:
        """Remember the people and governments named, for ``both leaders`` / ``the two countries``."""
        for m in mentions:
            if m.kind in self.recent and m.canonical:
                lst = self.recent[m.kind]
                if m.canonical in lst:
                    lst.remove(m.canonical)
                lst.append(m.canonical)


@dataclass
class _Sent:
    """One sentence as the rules see it."""

    i: int
    k: int  # position in its paragraph
    para: int
    kind: str
    text: str
    quotes: list[tuple[int, int]]
    mentions: list[Mention]
    att: Attribution | None
    qcover: float
    long_quote: bool


#: Group nouns that name the same kind of speaker: a bare one right after a qualified one continues it.
GROUP_KIN = (frozenset({"experts", "analysts", "observers", "scholars", "commentators", "researchers"}),
             frozenset({"officials", "authorities", "diplomats", "sources"}))


def _same_group_kin(bare: str, prev: str) -> bool:
    """``Analysts`` after ``U.S. experts`` (the previous quoted sentence's speaker): a bare group of the same kin."""
    words, prev_words = bare.strip().lower().split(), prev.lower().split()
    if len(words) != 1 or len(prev_words) < 2:
        return False
    return any(words[0] in kin and prev_words[-1] in kin for kin in GROUP_KIN)


def _resolve(art: _Article, st: _Discourse, m: Mention | None, group: list[Mention] | None = None) -> str:
    """The canonical speaker of a mention (pronouns and roles through the discourse state)."""
    if m is None:
        return ""
    if group and len(group) > 1:
        names = [_resolve(art, st, g) for g in group]
        return " & ".join(dict.fromkeys(n for n in names if n))
    if m.kind == "pronoun":
        return _resolve_pronoun(st, m)
    if m.kind == "impersonal":
        return st.block["speaker"] if st.block else (st.last_media or "unnamed")
    if m.kind == "pair":
        pair = st.recent.get(m.canonical or "person", [])[-2:]
        return " & ".join(pair) if len(pair) == 2 else _clean_group(m.text)
    if m.kind == "group":
        return _resolve_group(art, st, m)
    if m.kind == "media_role":
        return st.last_media or _clean_group(m.text)
    if m.kind == "role":
        return _resolve_role(art, st, m)
    return m.canonical or m.text


def _resolve_pronoun(st: _Discourse, m: Mention) -> str:
    """``they`` is the previous speaker; ``he``/``she`` the previous person who spoke, else the last person named."""
    if m.text.lower() == "they":
        return st.prev_speaker or "unnamed"
    return st.prev_speaker if st.prev_speaker and st.prev_speaker_is_person else (st.prev_first_person or st.last_person or "unnamed")


def _resolve_group(art: _Article, st: _Discourse, m: Mention) -> str:
    """A group mention: the issuing body of a document, the previous speaker of the same kin, a registered group, else itself."""
    if _DOCUMENT_NOUNS.search(m.text) and re.match(r"the\b", m.text, re.IGNORECASE):
        return st.last_institution or _clean_group(m.text)  # "the statement says": the body that issued it
    if _same_group_kin(m.text, st.prev_speaker or ""):
        return st.prev_speaker or ""  # "U.S. experts said …" / "Analysts also questioned …": the same group, qualifier kept
    bare = re.fullmatch(r"(?:the\s+)?(?:[a-z-]+\s+)?([a-z]+)", m.text.strip())
    if bare and bare.group(1) in art.registry.groups:
        return art.registry.groups[bare.group(1)]  # "the ministry" after "South Korea's foreign ministry"
    return m.canonical or m.text


_OWNER_POSSESSIVE = re.compile(r"[A-Z][\w.-]*(?:\s[A-Z][\w.-]*)?['’]s\s")


def _resolve_role(art: _Article, st: _Discourse, m: Mention) -> str:
    """``the Russian president`` → gazetteer; ``the analyst`` → the person named with that role, else the last
    person who spoke; ``his spokesman`` or ``a Russian expert`` → the role itself (never the person it belongs to)."""
    for e in art.speakers:  # a role may be a gazetteer alias ("the Russian president")
        if e.pattern.fullmatch(m.text):
            return e.canonical
    titled = titled_person(m.text, art.titles)
    if titled:
        return art.registry.get(titled, titled)  # "Russia's deputy foreign minister" = "Deputy Foreign Minister A. B."
    noun = re.search(rf"{_ROLE_NOUNS}$", m.text, re.IGNORECASE)
    if noun and noun.group(0).lower() in art.registry.roles:
        return art.registry.roles[noun.group(0).lower()]
    if re.match(r"(?:his|her|their|its|an?)\b", m.text, re.IGNORECASE):
        return _clean_group(re.sub(r"^(?:his|her|their|its|an?)\s+", "", m.text, flags=re.IGNORECASE))
    if _OWNER_POSSESSIVE.match(m.text):
        return _clean_group(m.text)  # "Putin's spokesman" is someone other than Putin
    return st.last_person or "unnamed"


def _view(art: _Article, i: int, k: int) -> _Sent:
    s = art.sentences[i]
    st_text = art.text[s.start : s.end]
    mentions = art.mentions_of(st_text)
    register_names(mentions, art.registry, art.person_names)
    register_roles(st_text, mentions, art.registry)
    mentions = art.mentions_of(st_text)
    q = art.local_quotes(i)
    att = main_attribution(find_attributions(st_text, mentions, q))
    wc = _word_chars(st_text) or 1
    qcover = sum(_word_chars(st_text[a:b]) for a, b in q) / wc
    long_quote = any(len(st_text[a:b].split()) >= QUOTED_STRETCH_MIN_WORDS for a, b in q)
    return _Sent(i, k, s.paragraph, s.kind, st_text, q, mentions, att, qcover, long_quote)


# ------------------------------------------------------------------ decisions


def _decide_relay_intro(art: _Article, st: _Discourse, sv: _Sent) -> VoiceResult:
    """Rule 1: a paragraph-final intro line opens a relayed block with its source."""
    src = [m for m in sv.mentions if m.kind in ("media", "person", "government", "organisation") and m.canonical]
    if src:
        name, kind = _resolve(art, st, src[0]), src[0].kind
    elif _DEICTIC_INTRO.match(sv.text) and st.para_source:
        name, kind = st.para_source, "media"  # "RT reports ... Here is an excerpt:"
    else:
        # unnamed: keep the intro's own subject ("Media reports", "Another report")
        verbs = list(_VERB.finditer(sv.text))
        subj = (sv.text[: verbs[-1].start()] if verbs else sv.text).strip(" :")
        name, kind = (subj[:1].upper() + subj[1:] if subj else "unnamed source"), "media"
    st.block = {"speaker": name, "kind": kind}
    return VoiceResult("authorial", "relay_intro", "", "", "relay_intro")


def _decide_headline(art: _Article, st: _Discourse, sv: _Sent) -> tuple[str, str, str]:
    """Headlines are quoted with a finite speech verb (``…, Says Kremlin``) or a ``Speaker: statement`` form."""
    hm = _HEADLINE_SPEAKER.match(sv.text)
    named = [m for m in sv.mentions if hm and m.start == 0 and m.end == hm.end("name") and m.kind == "person" and m.canonical]
    if sv.att and not sv.att.verb.lower().endswith("ing"):
        return _resolve(art, st, sv.att.mention, sv.att.group), "reported_speech", sv.att.cue
    if named:
        return named[0].canonical, "reported_speech", "headline_colon"
    return "", "authorial", ""


def _speaker_elsewhere_in_quote(art: _Article, st: _Discourse, sv: _Sent) -> str:
    """Rule 6a: the attribution sits in another sentence covered by the same quotation."""
    idxs = art.by_para[sv.para]
    s = art.sentences[sv.i]
    for a, b in art.spans_by_para[sv.para]:
        if not (a < s.end and b > s.start):
            continue
        for j in idxs:
            o = art.sentences[j]
            if j == sv.i or not (o.start < b and o.end > a):
                continue
            oa = art.attribution_of(j)
            if oa:
                if oa.mention and oa.mention.kind == "pronoun" and st.prev_speaker:
                    return st.prev_speaker
                return _resolve(art, st, oa.mention, None if oa.mention and oa.mention.kind in ("pronoun", "role") else oa.group)
    return ""


def _speaker_later_in_run(art: _Article, st: _Discourse, sv: _Sent) -> str:
    """Rule 6c: a run of quoted sentences whose attribution comes at its end."""
    for j in art.by_para[sv.para][sv.k + 1 :]:
        if not art.local_quotes(j):
            break
        oa = art.attribution_of(j)
        if oa:
            return _resolve(art, st, oa.mention, oa.group) if oa.mention.kind != "pronoun" else (st.prev_speaker or "")
    return ""


def _direct_quote_speaker(art: _Article, st: _Discourse, sv: _Sent) -> str:
    """Rule 6: the speaker of a direct quote without its own attribution."""
    speaker = _speaker_elsewhere_in_quote(art, st, sv)
    if not speaker and (st.prev_sentence_end_colon or st.prev_direct_para == sv.para) and st.prev_att_speaker:
        speaker = st.prev_att_speaker  # "He added:" or the previous quoted sentence of the paragraph
    if not speaker:
        speaker = _speaker_later_in_run(art, st, sv)
    if not speaker and sv.k == 0 and st.last_quote_para and st.last_quote_para[0] == _prev_para(art, sv.para):
        speaker = st.last_quote_para[1]  # a quotation continued in the next paragraph
    if not speaker and st.block:
        speaker = st.block["speaker"]
    return speaker or art.publisher or "unnamed"  # on an organisation's own page, an unattributed quote is its own


def _prev_para(art: _Article, p: int) -> int | None:
    earlier = [q for q in art.by_para if q < p]
    return max(earlier) if earlier else None


def _pronoun_in_sentence(st: _Discourse, sv: _Sent) -> str:
    """``Secretary Blinken visited Kyiv, where he pledged …``: with no quoted speaker before, a subject ``he``/``she``
    is the last person named earlier in the same sentence."""
    att = sv.att
    if st.prev_speaker or not att or not att.mention or att.mention.kind != "pronoun" or att.mention.text.lower() not in ("he", "she"):
        return ""
    earlier = [m for m in sv.mentions if m.kind == "person" and m.canonical and m.end <= att.mention.start]
    return earlier[-1].canonical if earlier else ""


def _decide_body(art: _Article, st: _Discourse, sv: _Sent) -> VoiceResult:
    """Rules 2–4 for a sentence that is neither an intro nor an editor's note."""
    relayed_by = st.block["speaker"] if st.block else ""
    speaker, vtype, cue = "", "authorial", ""
    att = sv.att
    if sv.kind in ("headline", "heading"):
        speaker, vtype, cue = _decide_headline(art, st, sv)
    elif sv.qcover >= DIRECT_QUOTE_MIN_SHARE or (att and sv.long_quote):
        vtype, cue = "direct_quote", "quotation_marks"
        speaker = _resolve(art, st, att.mention, att.group) if att else _direct_quote_speaker(art, st, sv)
        if st.block and st.block["kind"] == "person" and not att:
            speaker = speaker if speaker != "unnamed" else st.block["speaker"]
    elif att and not (st.block and st.block["kind"] == "person"):
        speaker, vtype, cue = _resolve(art, st, att.mention, att.group), "reported_speech", att.cue + ":" + att.verb.lower()
        speaker = _pronoun_in_sentence(st, sv) or speaker
    elif st.block:
        speaker, vtype, cue = st.block["speaker"], "relayed_block", "relay_block"
    voice = "authorial" if vtype == "authorial" else "quoted"
    if voice == "quoted" and not speaker:
        speaker = st.block["speaker"] if st.block else "unnamed"
    return VoiceResult(voice, vtype, speaker if voice == "quoted" else "", relayed_by, cue)


#: A capital or country after a preposition of place (``signed in Moscow``) names a place, not a body that issues documents.
_PLACE_BEFORE = re.compile(r"\b(?:in|to|from|at|into|near|outside|via)\s+$", re.IGNORECASE)


def _update(art: _Article, st: _Discourse, sv: _Sent, r: VoiceResult, results: list[VoiceResult | None]) -> None:
    """Carry the discourse state past one decided sentence."""
    if r.voice == "quoted" and r.speaker and r.speaker != "unnamed":
        st.prev_speaker = r.speaker
        st.prev_speaker_is_person = r.speaker in art.person_names or (
            any(r.speaker == m.canonical for m in sv.mentions if m.kind == "person") or r.speaker in art.registry.values()
        )
        if st.prev_speaker_is_person:
            st.last_person = r.speaker
    elif r.voice == "authorial":
        st.prev_speaker, st.prev_speaker_is_person = None, False
    att = sv.att
    st.prev_att_speaker = r.speaker if r.voice == "quoted" else (_resolve(art, st, att.mention, att.group) if att else None)
    st.prev_direct_para = sv.para if r.voice_type == "direct_quote" else None
    if r.voice_type == "direct_quote" and r.speaker and r.speaker != "unnamed":
        st.last_quote_para = (sv.para, r.speaker)
    elif sv.k == 0 or r.voice_type != "direct_quote":
        st.last_quote_para = None if st.last_quote_para and st.last_quote_para[0] != sv.para else st.last_quote_para
    st.prev_sentence_end_colon = sv.text.rstrip().endswith(":")
    firsts = [m for m in sv.mentions if m.kind == "person" and m.canonical]
    st.prev_first_person = firsts[0].canonical if firsts else None
    srcs = [m for m in sv.mentions if m.kind == "media" and m.canonical]
    if srcs:  # "TASS says, citing KCNA": the source that reports, not the one it cites, is the last news source
        own = [m for m in srcs if att and m is att.mention and re.search(r"\b(?:citing|quoting)\b", sv.text[m.end :])]
        st.para_source = st.last_media = (own or srcs)[-1].canonical
    insts = [m for m in sv.mentions if m.kind in ("media", "government", "organisation") and m.canonical
             and not (m.kind == "government" and _PLACE_BEFORE.search(sv.text[: m.start]))]  # "in Moscow" is a place, no issuer
    if insts:
        st.last_institution = insts[-1].canonical
    _cataphoric_role(art, st, sv, r, results)
    # "This was stated by X" also attributes the sentence before it to X
    if att and att.cue == "passive" and _CATAPHORIC.match(sv.text) and sv.k > 0 and r.voice == "quoted":
        j = art.by_para[sv.para][sv.k - 1]
        prev = results[j]
        if prev is not None and prev.voice_type in ("authorial", "reported_speech"):
            results[j] = VoiceResult("quoted", "reported_speech", r.speaker, prev.relayed_by, "cataphoric:" + att.verb.lower())


#: An indefinite role (``a Russian expert told …``) takes the name of a person first named this many sentences later at most.
CATAPHORA_MAX_SENTENCES = 1
_INDEFINITE = re.compile(r"an?\s", re.IGNORECASE)


def _cataphoric_role(art: _Article, st: _Discourse, sv: _Sent, r: VoiceResult, results: list[VoiceResult | None]) -> None:
    """``…, a Russian expert told the agency.`` / ``"…," said A. B., a fellow at …``: the role was A. B., named right after."""
    people = {m.canonical for m in sv.mentions if m.kind == "person" and m.canonical}
    j = st.pending_role
    if j is not None and sv.i - j <= CATAPHORA_MAX_SENTENCES and r.voice == "quoted" and r.speaker in people - st.named:
        prev = results[j]
        if prev is not None:
            results[j] = VoiceResult(prev.voice, prev.voice_type, r.speaker, prev.relayed_by, prev.cue + ":cataphoric")
    m = sv.att.mention if sv.att else None
    indefinite = m is not None and m.kind == "role" and _INDEFINITE.match(m.text) and r.speaker not in st.named
    st.pending_role = sv.i if r.voice == "quoted" and indefinite else None
    st.named |= people


def _named_countries(art: _Article, sv: _Sent) -> list[Mention]:
    """The sentence's mentions (its own speaker aside) plus every gazetteer government named by its canonical name
    (``at home in Russia``), for a later ``both countries``; in text order."""
    out = [m for m in sv.mentions if not (sv.att and sv.att.mention is m)]
    for canonical, pattern in _government_names(art.speakers):
        if canonical not in sv.text:  # the pattern is case-sensitive: no substring, no match
            continue
        for m in pattern.finditer(sv.text):
            if not any(o.start <= m.start() < o.end for o in sv.mentions):
                out.append(Mention(m.start(), m.end(), m.group(0), canonical, "government"))
    return sorted(out, key=lambda m: m.start)


@by_identity
def _government_names(speakers: tuple[SpeakerEntry, ...]) -> tuple[tuple[str, re.Pattern], ...]:
    """Each gazetteer government's canonical name and its whole-word pattern, compiled once per gazetteer."""
    return tuple((e.canonical, re.compile(rf"(?<![\w-]){re.escape(e.canonical)}(?![\w-])")) for e in speakers if e.kind == "government")


def _prepare(text: str, sentences: list[Sentence], speakers: tuple[SpeakerEntry, ...], publisher: str = "") -> _Article:
    norm = normalise(text)
    para_bounds: dict[int, tuple[int, int]] = {}
    by_para: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        a, b = para_bounds.get(s.paragraph, (s.start, s.end))
        para_bounds[s.paragraph] = (min(a, s.start), max(b, s.end))
        by_para.setdefault(s.paragraph, []).append(i)
    spans = {p: quote_spans(norm, a, b) for p, (a, b) in para_bounds.items()}
    persons = frozenset(e.canonical for e in speakers if e.kind == "person")
    return _Article(text, sentences, speakers, Registry(), spans, by_para, persons, titled_names(text), publisher)


def attribute(text: str, sentences: list[Sentence], speakers: tuple[SpeakerEntry, ...] | None = None,
              publisher: str = "") -> list[VoiceResult]:
    """Decide voice, speaker and relay source for every sentence of one cleaned article.

    ``publisher`` names the organisation when the page is its own publication (a think tank's brief, a ministry's
    page): a quotation no rule attributes is then the publisher's, not ``unnamed``.
    """
    art = _prepare(text, sentences, speakers or load_speakers(), publisher)
    st = _Discourse()
    results: list[VoiceResult | None] = [None] * len(sentences)
    for p in sorted(art.by_para):
        idxs = art.by_para[p]
        ptexts = [text[sentences[i].start : sentences[i].end] for i in idxs]
        if st.block is not None and (
            {sentences[i].kind for i in idxs} & {"heading", "headline"} or any(_is_intro(t) for t in ptexts) or _AUTHOR_MARKER.match(ptexts[0])
        ):
            st.block = None  # rule 1: the block ends
        st.para_source = None
        for k, i in enumerate(idxs):
            if sentences[i].end - sentences[i].start > MAX_RULE_CHARS:
                results[i] = VoiceResult("authorial", "authorial", "", "", TOO_LONG_CUE)  # not read by the rules (see MAX_RULE_CHARS)
                continue
            sv = _view(art, i, k)
            st.note_mentions(_named_countries(art, sv))
            if st.block is not None and _BLOCK_END_NOTE.match(sv.text):
                st.block = None
                results[i] = VoiceResult("authorial", "authorial", "", "", "editor_note")
            elif _is_intro(sv.text) and k == len(idxs) - 1:
                results[i] = _decide_relay_intro(art, st, sv)
            else:
                results[i] = _decide_body(art, st, sv)
            _update(art, st, sv, results[i], results)
    return [r for r in results if r is not None]
