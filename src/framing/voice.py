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
``Kim Jong Un``). Pronouns and role nouns (``he``, ``the scholar``) resolve to the
speaker of the previous quoted sentence, else the first person named in the previous
sentence, else the last named speaker.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from framing import config
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
_ADDRESSEE = re.compile(r"^(?:told|tells|tell|telling|asked|asks|thanked|thanks|urged|urges|reminded|accused|accuses|quoted|quotes|cited|cites)$", re.IGNORECASE)
#: Adjectival participles: ``an alleged arms deal`` is no attribution.
_ADJECTIVAL = re.compile(r"\b(?:an?|the|its|their|his|her)\s+$", re.IGNORECASE)

_PRONOUN = re.compile(r"\b(?:he|she|they)\b", re.IGNORECASE)
_OBJ_PRONOUN = re.compile(r"\b(?:him|her|them)\b", re.IGNORECASE)
#: Role nouns for one person: they resolve to the last named person who spoke.
_PERSON_ROLE = re.compile(
    r"\b(?:the|this|that|his|her|their|its)\s+(?:[\w-]+\s+){0,3}?(?:scholar|analyst|expert|professor|researcher|diplomat|envoy|"
    r"aide|official|spokes(?:man|person|woman)|head|chief|leader|president|minister|general|commentator|author|"
    r"editor|ambassador|representative)\b",
    re.IGNORECASE,
)
#: Collective speakers kept under their own name ("the Primorye authorities").
_GROUP_ROLE = re.compile(
    r"\b(?:(?:the|some|many|several|other|both|most)\s+)?(?:(?!(?:According|As|In|On|At|For|By|From|With|To|Per|Under)\b)[A-Z][\w.-]*\s+){0,3}(?:[a-z-]+\s+){0,2}?"
    r"(?i:officials|authorities|experts|analysts|observers|critics|diplomats|sources|media|press|journalists|"
    r"reports|report|government|ministry|agenc(?:y|ies)|television|newspapers?|prosecutors|investigators|lawmakers|"
    r"legislators|residents|witnesses|countries|leaders|sides|document|statement)\b"
)
_NAME = re.compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Comrade|President|Chairman|Minister)\.?\s+)?"
    r"[A-Z][a-z]+(?:[-\s][A-Z][a-z]+){1,3}"
)
_NAME_STOP = frozenset(
    """The A An In On At For During After Before When While With From Per According As If But And Or So Yet This That
    These Those Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December North South East West Far Eastern Western Korea
    Korean Russia Russian Soviet Union Republic Federation People Democratic Peninsula Cosmodrome Forum University
    Ministry Agency Army War Region Council Committee Station Fleet Academy Hotel Hill Sea Ocean City State States United
    Nations Security Economic Space Cold Great Patriotic Liberation Institute Research National Strategy Declaration
    Clause Summit Kremlin Pacific Amur Angara Soyuz Vostochny Moscow Pyongyang Seoul Washington Beijing Tokyo Kiev Kyiv
    Ukraine China Japan America American British Europe European Asia Far-Eastern Roscosmos Aurus Sputnik Media Press
    Multimedia World Comrade Comrades President Chairman Minister Deputy Prime Defense Defence Foreign Affairs Industry
    Trade Transport Health Gazeta Rossiyskaya Post Channel Minutes Substack Party Workers Central News Unification""".split()
)
_INSTITUTION = frozenset(
    """University Institute Ministry Agency Forum Cosmodrome Hotel Council Committee Academy Station Fleet Army Navy
    Party Center Centre Foundation Times Post News Gazeta Channel Program Programme Summit Declaration""".split()
)
_NAME_STOP = _NAME_STOP | frozenset("Neither Nor Either Both Also Says Said Then Now Here There It Its Their His Her".split())
_INTRO = re.compile(
    rf"(?:\b(?:{SPEECH_VERBS}|reads|read|has to say|had to say|wrote|writes)\s*:\s*$)|"
    r"(?:^(?:here is|here's|below is|the following is|what follows is)\b.*:\s*$)",
    re.IGNORECASE,
)
_DEICTIC_INTRO = re.compile(r"^(?:here is|here's|below is|the following is|what follows is)\b", re.IGNORECASE)
#: A headline of the form "Speaker: statement".
_HEADLINE_SPEAKER = re.compile(r"^(?P<name>[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2}):\s+\S")
#: "This was stated by X": X is also the source of the sentence before.
_CATAPHORIC = re.compile(r"^(?:This|That|It|These|Such plans)\s+(?:was|were|has been)\s+(?:stated|said|announced|reported|noted|written|confirmed)\s+by\b")
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


@dataclass
class Mention:
    start: int
    end: int
    text: str
    canonical: str | None  # resolved name, or None for pronouns/roles until resolved
    kind: str  # person, government, organisation, media, group, pronoun, role


def find_mentions(text: str, registry: dict[str, str], speakers: tuple[SpeakerEntry, ...]) -> list[Mention]:
    """All speaker mentions in ``text``, longest first where they overlap."""
    cands: list[Mention] = []
    for e in speakers:
        for m in e.pattern.finditer(text):
            cands.append(Mention(m.start(), m.end(), m.group(0), e.canonical, e.kind))
    gazetteer = list(cands)
    for m in _NAME.finditer(text):
        toks = re.split(r"[-\s]+", re.sub(r"^(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Comrade|President|Chairman|Minister)\.?\s+", "", m.group(0)))
        if all(t in _NAME_STOP for t in toks) or (toks[0] in _NAME_STOP and len(toks) < 3) or toks[-1] in _INSTITUTION:
            continue
        if any(g.start < m.end() and g.end > m.start() for g in gazetteer):
            continue  # "Russian President Vladimir Putin": the gazetteer name wins
        cands.append(Mention(m.start(), m.end(), m.group(0), _registry_name(m.group(0), registry), "person"))
    for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", text):
        name = registry.get(m.group(0))
        if name:
            cands.append(Mention(m.start(), m.end(), m.group(0), name, "person"))
    for m in _PERSON_ROLE.finditer(text):
        cands.append(Mention(m.start(), m.end(), m.group(0), None, "role"))
    for m in _GROUP_ROLE.finditer(text):
        cands.append(Mention(m.start(), m.end(), m.group(0), _clean_group(m.group(0)), "group"))
    for m in _PRONOUN.finditer(text):
        cands.append(Mention(m.start(), m.end(), m.group(0), None, "pronoun"))
    # resolve overlaps: gazetteer and names beat roles; longer beats shorter
    prio = {"person": 0, "government": 0, "organisation": 0, "media": 0, "group": 1, "role": 2, "pronoun": 3}
    cands.sort(key=lambda c: (prio[c.kind], -(c.end - c.start), c.start))
    chosen: list[Mention] = []
    for c in cands:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def _clean_group(s: str) -> str:
    s = re.sub(r"^(?:the|some|many|several|other)\s+", "", s.strip(), flags=re.IGNORECASE)
    return s[:1].upper() + s[1:]


def _registry_name(name: str, registry: dict[str, str]) -> str:
    bare = re.sub(r"^(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Comrade|President|Chairman|Minister)\.?\s+", "", name)
    return registry.get(bare, bare)


def register_names(mentions: list[Mention], registry: dict[str, str]) -> None:
    """Add the full names among ``mentions`` to the article's registry, keyed by name and surname."""
    for m in mentions:
        if m.kind != "person" or not m.canonical or " " not in m.canonical:
            continue
        full = m.canonical
        registry.setdefault(full, full)
        toks = full.split()
        for t in (toks[0], toks[-1]):
            if t not in _NAME_STOP and len(t) > 2:
                registry.setdefault(t, full)


# --------------------------------------------------------------------------- attribution


@dataclass
class Attribution:
    verb_start: int
    verb: str
    mention: Mention | None
    group: list[Mention] = field(default_factory=list)
    cue: str = ""


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
_GAP_PHRASE = re.compile(
    r"\b(?:in|on)\s+(?:a|an|the|his|her|its|their)\s+(?:\w+\s+)?(?:statement|interview|speech|letter|article|op-ed|post|"
    r"message|address|report|briefing|call|editorial)\b|\b(?:on|last|this|earlier|late|early)\s+(?:\w+day|week|month|year|night|"
    r"morning|evening)\b|\bin\s+(?:january|february|march|april|may|june|july|august|september|october|november|december|\d{4})\b|"
    r"\bfor (?:its|his|her|their) part\b",
    re.IGNORECASE,
)


def _gap_ok(gap: str) -> bool:
    """Text between a subject and its verb: auxiliaries and adverbs, time phrases, or one apposition."""
    g = gap.strip()
    if not g:
        return True
    if re.search(r"[;:.?!\"]", g):
        return False
    app = re.match(r"^,([^,]*),\s*", g)
    if app:
        if len(app.group(1).split()) > MAX_APPOSITION_WORDS:
            return False
        g = g[app.end() :]
    if "," in g.strip(", "):
        return False
    g = _GAP_PHRASE.sub(" ", g.strip(", "))
    words = g.split()
    if len(words) > MAX_GAP_WORDS:
        return False
    return all(w.lower() in GAP_WORDS or w.lower().endswith("ly") for w in words)


def _subject_group(text: str, mentions: list[Mention], idx: int) -> list[Mention]:
    """The mention at ``idx`` plus mentions coordinated with it by 'and' / 'nor' to its left."""
    group = [mentions[idx]]
    j = idx - 1
    while j >= 0 and re.fullmatch(r"\s*(?:and|nor|or|, and)\s*", text[mentions[j].end : group[0].start], re.IGNORECASE):
        group.insert(0, mentions[j])
        j -= 1
    return group


def find_attributions(text: str, mentions: list[Mention], quoted: list[tuple[int, int]]) -> list[Attribution]:
    """Speech-verb attributions in ``text`` whose verb lies outside quotation marks."""

    def in_quote(i: int) -> bool:
        return any(a <= i < b for a, b in quoted)

    out: list[Attribution] = []
    low = text
    # "according to X", "per X", "in his words", "X's words"
    for m in re.finditer(r"\b(?:according to|per|in the words of)\s+", low, re.IGNORECASE):
        if in_quote(m.start()) or (m.group(0).lower().startswith("per") and m.start() != 0 and not re.search(r"[,;]\s*$", low[: m.start()])):
            continue
        nxt = [mm for mm in mentions if m.end() <= mm.start <= m.end() + 4]
        obj = _OBJ_PRONOUN.match(low, m.end())
        if obj and not nxt:
            nxt = [Mention(obj.start(), obj.end(), obj.group(0), None, "pronoun")]
        if nxt:
            out.append(Attribution(m.start(), m.group(0).strip(), nxt[0], [nxt[0]], "according_to"))
    for m in re.finditer(r"\bin (his|her|their) words\b", low, re.IGNORECASE):
        if not in_quote(m.start()):
            pron = Mention(m.start(1), m.end(1), m.group(1), None, "pronoun")
            out.append(Attribution(m.start(), m.group(0), pron, [pron], "in_words"))
    for v in _VERB.finditer(low):
        if in_quote(v.start()):
            continue
        before = low[: v.start()]
        # passive: "was stated by X"
        if re.search(r"\b(?:was|were|is|are|been)\s+$", before):
            by = re.match(r"\s+by\s+", low[v.end() :])
            if by:
                after = [mm for mm in mentions if v.end() + by.end() <= mm.start <= v.end() + by.end() + 80]
                named = [mm for mm in after if mm.kind not in ("role", "pronoun", "group")] or after
                if named:
                    out.append(Attribution(v.start(), v.group(0), named[0], [named[0]], "passive"))
            continue
        # inverted: `..., said Kim` / `," wrote Kim Jong-un`
        if re.search(r"[,\"'”»]\s*$", before) and not _ADDRESSEE.match(v.group(0)):
            after = [mm for mm in mentions if v.end() <= mm.start <= v.end() + 2]
            if after and after[0].kind != "pronoun" or (after and re.match(r"\s*(?:he|she)\b", low[v.end() :], re.IGNORECASE)):
                out.append(Attribution(v.start(), v.group(0), after[0], [after[0]], "inverted"))
                continue
        if _ADJECTIVAL.search(before):
            continue
        # subject + verb; with an apposition (``Chung, a retired professor of X, told``) the
        # subject stands before the apposition's opening comma
        left = [i for i, mm in enumerate(mentions) if mm.end <= v.start() and not in_quote(mm.start)]
        if not left:
            continue
        i = left[-1]
        if before.rstrip().endswith(","):
            commas = [c.start() for c in re.finditer(",", before.rstrip()[:-1])]
            for c in reversed(commas):
                cand = [k for k in left if mentions[k].end <= c and not low[mentions[k].end : c].strip()]
                if cand and len(low[c : v.start()].split()) <= 26:
                    i = cand[-1]
                    break
        mm = mentions[i]
        if not _gap_ok(low[mm.end : v.start()]):
            continue
        group = _subject_group(low, mentions, i)
        lead = low[: group[0].start]
        if re.search(r"\b(?:which|who|whom|whose|that|what)\s+$", lead, re.IGNORECASE):
            continue  # relative clause: the main clause is someone else's
        if re.search(r"\bneither\s+$", lead, re.IGNORECASE) or re.search(r"\b(?:not|never)\b", low[mm.end : v.start()]):
            continue  # negated: no one is speaking
        if re.search(r"so-$", before):
            continue
        out.append(Attribution(v.start(), v.group(0), mm, group, "subject_verb"))
    out.sort(key=lambda a: a.verb_start)
    return out


def main_attribution(atts: list[Attribution]) -> Attribution | None:
    """The attribution that owns the sentence: the first, unless it is a verb of quoting."""
    if not atts:
        return None
    first = atts[0]
    if _QUOTING.match(first.verb) and len(atts) > 1 and atts[1].mention and first.mention and atts[1].mention.start > first.verb_start:
        return atts[1]
    return first


# --------------------------------------------------------------------------- per article


@dataclass
class VoiceResult:
    voice: str  # authorial | quoted
    voice_type: str  # authorial | direct_quote | reported_speech | relayed_block | relay_intro
    speaker: str  # canonical name, "" for authorial
    relayed_by: str  # the block's source, "" outside blocks
    cue: str  # what triggered the decision


def _word_chars(s: str) -> int:
    return sum(ch.isalnum() for ch in s)


def _overlap(a: int, b: int, spans: list[tuple[int, int]]) -> int:
    return sum(max(0, min(b, y) - max(a, x)) for x, y in spans)


def _is_intro(sentence: str) -> bool:
    s = sentence.strip()
    return s.endswith(":") and len(s.split()) <= 14 and bool(_INTRO.search(s))


def attribute(text: str, sentences: list[Sentence], speakers: tuple[SpeakerEntry, ...] | None = None) -> list[VoiceResult]:
    """Decide voice, speaker and relay source for every sentence of one cleaned article."""
    speakers = speakers or load_speakers()
    norm = normalise(text)
    registry: dict[str, str] = {}
    memo: dict[tuple[str, int], list[Mention]] = {}

    def mentions_of(t: str) -> list[Mention]:
        # the registry only grows, so its size identifies its state
        key = (t, len(registry))
        if key not in memo:
            memo[key] = find_mentions(t, registry, speakers)
        return memo[key]

    # quote spans per paragraph
    para_bounds: dict[int, tuple[int, int]] = {}
    for s in sentences:
        a, b = para_bounds.get(s.paragraph, (s.start, s.end))
        para_bounds[s.paragraph] = (min(a, s.start), max(b, s.end))
    spans_by_para = {p: quote_spans(norm, a, b) for p, (a, b) in para_bounds.items()}
    by_para: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        by_para.setdefault(s.paragraph, []).append(i)

    results: list[VoiceResult | None] = [None] * len(sentences)
    block: dict | None = None  # {"speaker": str, "kind": person|media|...}
    last_person: str | None = None
    prev_speaker: str | None = None
    prev_direct_para: int | None = None
    prev_first_person: str | None = None
    prev_sentence_end_colon = False
    prev_att_speaker: str | None = None

    def resolve(m: Mention | None, group: list[Mention] | None = None) -> str:
        if m is None:
            return ""
        if group and len(group) > 1:
            names = [resolve(g) for g in group]
            return " & ".join(dict.fromkeys(n for n in names if n))
        if m.kind == "pronoun":
            if m.text.lower() == "they":
                return prev_speaker or "unnamed"
            return prev_speaker if prev_speaker and prev_speaker_is_person else (prev_first_person or last_person or "unnamed")
        if m.kind == "role":
            for e in speakers:  # a role may be a gazetteer alias ("the Russian president")
                if e.pattern.fullmatch(m.text):
                    return e.canonical
            return last_person or "unnamed"
        return m.canonical or m.text

    prev_speaker_is_person = False
    person_names = {e.canonical for e in speakers if e.kind == "person"}

    for p in sorted(by_para):
        idxs = by_para[p]
        ptexts = [text[sentences[i].start : sentences[i].end] for i in idxs]
        kinds = {sentences[i].kind for i in idxs}
        # block ends?
        if block is not None:
            if kinds & {"heading", "headline"} or any(_is_intro(t) for t in ptexts) or _AUTHOR_MARKER.match(ptexts[0]):
                block = None
        qspans = spans_by_para[p]
        para_source = None  # the last news source named in this paragraph
        for k, i in enumerate(idxs):
            s = sentences[i]
            st = text[s.start : s.end]
            register_names(mentions_of(st), registry)
            local_q = [(max(a, s.start) - s.start, min(b, s.end) - s.start) for a, b in qspans if a < s.end and b > s.start]
            mentions = mentions_of(st)
            atts = find_attributions(st, mentions, local_q)
            att = main_attribution(atts)
            wc = _word_chars(st) or 1
            qcover = sum(_word_chars(st[a:b]) for a, b in local_q) / wc
            long_quote = any(len(st[a:b].split()) >= 3 for a, b in local_q)
            person_mentions = [m for m in mentions if m.kind == "person" and m.canonical]

            if block is not None and _BLOCK_END_NOTE.match(st):
                block = None
                results[i] = VoiceResult("authorial", "authorial", "", "", "editor_note")
            elif _is_intro(st) and k == len(idxs) - 1:
                src = [m for m in mentions if m.kind in ("media", "person", "government", "organisation") and m.canonical]
                if src:
                    name, kind = resolve(src[0]), src[0].kind
                elif _DEICTIC_INTRO.match(st) and para_source:
                    name, kind = para_source, "media"  # "RT reports ... Here is an excerpt:"
                else:
                    # unnamed: keep the intro's own subject ("Media reports", "Another report")
                    verbs = list(_VERB.finditer(st))
                    subj = (st[: verbs[-1].start()] if verbs else st).strip(" :")
                    name, kind = (subj[:1].upper() + subj[1:] if subj else "unnamed source"), "media"
                block = {"speaker": name, "kind": kind}
                results[i] = VoiceResult("authorial", "relay_intro", "", "", "relay_intro")
            else:
                relayed_by = block["speaker"] if block else ""
                speaker = ""
                vtype = "authorial"
                cue = ""
                if s.kind in ("headline", "heading"):
                    hm = _HEADLINE_SPEAKER.match(st)
                    named = [m for m in mentions if hm and m.start == 0 and m.end == hm.end("name") and m.kind == "person" and m.canonical]
                    if att and not att.verb.lower().endswith("ing"):
                        speaker, vtype, cue = resolve(att.mention, att.group), "reported_speech", att.cue
                    elif named:
                        speaker, vtype, cue = named[0].canonical, "reported_speech", "headline_colon"
                elif qcover >= 0.6 or (att and long_quote):
                    vtype, cue = "direct_quote", "quotation_marks"
                    if att:
                        speaker = resolve(att.mention, att.group)
                    else:
                        # the attribution may sit in another sentence covered by the same quotation
                        for a, b in qspans:
                            if a < s.end and b > s.start:
                                for j in idxs:
                                    o = sentences[j]
                                    if j != i and o.start < b and o.end > a:
                                        ot = text[o.start : o.end]
                                        oq = [(max(x, o.start) - o.start, min(y, o.end) - o.start) for x, y in qspans if x < o.end and y > o.start]
                                        oa = main_attribution(find_attributions(ot, mentions_of(ot), oq))
                                        if oa and not speaker:
                                            if oa.mention and oa.mention.kind in ("pronoun", "role"):
                                                speaker = prev_speaker if (oa.mention.kind == "pronoun" and prev_speaker) else resolve(oa.mention)
                                            else:
                                                speaker = resolve(oa.mention, oa.group)
                        if not speaker and (prev_sentence_end_colon or prev_direct_para == p) and prev_att_speaker:
                            speaker = prev_att_speaker
                        if not speaker:
                            # a run of quoted sentences whose attribution comes at its end
                            for j in idxs[k + 1 :]:
                                o = sentences[j]
                                ot = text[o.start : o.end]
                                oq = [(max(x, o.start) - o.start, min(y, o.end) - o.start) for x, y in qspans if x < o.end and y > o.start]
                                if not oq:
                                    break
                                oa = main_attribution(find_attributions(ot, mentions_of(ot), oq))
                                if oa:
                                    speaker = resolve(oa.mention, oa.group) if oa.mention.kind != "pronoun" else (prev_speaker or "")
                                    break
                        if not speaker and block:
                            speaker = block["speaker"]
                        speaker = speaker or "unnamed"
                    if block and block["kind"] == "person" and not att:
                        speaker = speaker if speaker != "unnamed" else block["speaker"]
                elif att and not (block and block["kind"] == "person"):
                    speaker, vtype, cue = resolve(att.mention, att.group), "reported_speech", att.cue + ":" + att.verb.lower()
                elif block:
                    speaker, vtype, cue = block["speaker"], "relayed_block", "relay_block"
                voice = "authorial" if vtype == "authorial" else "quoted"
                if voice == "quoted" and not speaker:
                    speaker = block["speaker"] if block else "unnamed"
                results[i] = VoiceResult(voice, vtype, speaker if voice == "quoted" else "", relayed_by, cue)

            r = results[i]
            # update discourse state
            if r.voice == "quoted" and r.speaker and r.speaker != "unnamed":
                prev_speaker = r.speaker
                prev_speaker_is_person = r.speaker in person_names or (
                    any(r.speaker == m.canonical for m in person_mentions) or r.speaker in registry.values()
                )
                if prev_speaker_is_person:
                    last_person = r.speaker
            elif r.voice == "authorial":
                prev_speaker = None
                prev_speaker_is_person = False
            prev_att_speaker = r.speaker if r.voice == "quoted" else (resolve(att.mention, att.group) if att else None)
            prev_direct_para = p if r.voice_type == "direct_quote" else None
            prev_sentence_end_colon = st.rstrip().endswith(":")
            firsts = [m for m in mentions if m.kind == "person" and m.canonical]
            prev_first_person = firsts[0].canonical if firsts else None
            srcs = [m for m in mentions if m.kind in ("media",) and m.canonical]
            if srcs:
                para_source = srcs[-1].canonical
            # "This was stated by X" also attributes the sentence before it to X
            if att and att.cue == "passive" and _CATAPHORIC.match(st) and k > 0 and r.voice == "quoted":
                j = idxs[k - 1]
                prev = results[j]
                if prev is not None and prev.voice_type in ("authorial", "reported_speech"):
                    results[j] = VoiceResult("quoted", "reported_speech", r.speaker, prev.relayed_by, "cataphoric:" + att.verb.lower())
    return [r for r in results if r is not None]
