"""Voice and speaker attribution on small texts written for the tests."""

from tests.helpers import voice_of

BODY = """Leaders Meet at the Cosmodrome, Says Kremlin Spokesman

Russian President Vladimir Putin met North Korean leader Kim Jong-un on Wednesday at the cosmodrome in the Far East.

"We will always stand together against imperialism," Kim said. "Our friendship is eternal."

The Kremlin spokesman said the talks lasted four hours. According to him, the two sides signed no documents.

It has launched rockets, which Washington claimed were missile tests. Neither Moscow nor Pyongyang has expressed any intention of a deal.

Nikolay Petrov, the chief engineer, showed Kim the launch pad. He pointed out that "everything here is Russian, to the last bolt."

An AP report said:

The leaders met for four hours at the launch site.

U.S. officials say Putin may ask for artillery shells.

A Subheading Ends the Block

The weather in the region was mild all week long.
"""


def test_headline_with_inverted_says():
    v = voice_of(BODY, "Says Kremlin")
    assert v.voice == "quoted" and v.speaker == "Dmitry Peskov"


def test_authorial_narration():
    v = voice_of(BODY, "met North Korean leader")
    assert v.voice == "authorial" and v.speaker == ""


def test_direct_quote_and_follow_on_quote_sentence():
    assert voice_of(BODY, "stand together").speaker == "Kim Jong Un"
    v = voice_of(BODY, "friendship is eternal")
    assert v.voice_type == "direct_quote" and v.speaker == "Kim Jong Un"


def test_reported_speech_with_role_and_pronoun():
    assert voice_of(BODY, "talks lasted four hours").speaker == "Dmitry Peskov"
    v = voice_of(BODY, "According to him")
    assert v.voice == "quoted" and v.speaker == "Dmitry Peskov"


def test_relative_clause_and_negation_are_not_attributions():
    assert voice_of(BODY, "which Washington claimed").voice == "authorial"
    assert voice_of(BODY, "Neither Moscow").voice == "authorial"


def test_pronoun_resolves_to_subject_of_previous_sentence():
    v = voice_of(BODY, "He pointed out")
    assert v.speaker == "Nikolay Petrov"


def test_relay_block_and_inner_speaker():
    assert voice_of(BODY, "An AP report said").voice_type == "relay_intro"
    v = voice_of(BODY, "met for four hours at the launch site")
    assert (v.voice, v.voice_type, v.speaker, v.relayed_by) == ("quoted", "relayed_block", "AP", "AP")
    v = voice_of(BODY, "may ask for artillery")
    assert v.speaker == "US officials" and v.relayed_by == "AP"


def test_heading_ends_relay_block():
    assert voice_of(BODY, "weather in the region").voice == "authorial"


DOC = """A Blogger Reads the Letter

The president's article is rather self-explanatory. Now let's read what Putin has to say:

On the eve of my visit I would like to share my thoughts. The United States openly declares that its goal is to defeat us.

I wish good health to the people of the country. [My Emphasis]

IMO, most of that was expected.
"""


def test_reproduced_document_keeps_its_author():
    assert voice_of(DOC, "On the eve").speaker == "Vladimir Putin"
    v = voice_of(DOC, "openly declares")
    assert v.voice == "quoted" and v.speaker == "Vladimir Putin"
    assert voice_of(DOC, "[My Emphasis]").voice == "authorial"
    assert voice_of(DOC, "IMO").voice == "authorial"
    assert voice_of(DOC, "self-explanatory").voice == "authorial"


def test_unnamed_relay_keeps_its_own_subject_and_cataphoric_this_was_stated():
    body = (
        "Headline Without Punctuation\n\nThe first paragraph is long enough to be prose about the summit and more.\n\n"
        "Another report said:\n\nThe leaders met for four hours.\n\nA Heading\n\n"
        "And the regional authorities hope to launch joint projects this year. This was stated by the governor, Oleg Ivanov.\n"
    )
    assert voice_of(body, "four hours").speaker == "Another report"
    v = voice_of(body, "hope to launch")
    assert v.voice == "quoted" and v.speaker == "Oleg Ivanov"


def test_headline_speaker_colon():
    v = voice_of("Peskov: Moscow will develop relations with Pyongyang\n\nBody prose that is long enough to count as a paragraph.\n", "Peskov:")
    assert v.voice == "quoted" and v.speaker == "Dmitry Peskov"
    v = voice_of("Russia and North Korea: Strategic Cooperation\n\nBody prose that is long enough to count as a paragraph.\n", "Strategic")
    assert v.voice == "authorial"


def test_gazetteer_dispatch_finds_what_running_every_alias_finds():
    import pandas as pd

    from framing import config
    from framing.voice import Mention, _gazetteer_mentions, load_speakers

    speakers = load_speakers()
    texts = pd.read_parquet(config.SENTENCES_PARQUET).text.tolist()
    for f in sorted(config.DEV.glob("labels_*.tsv")):
        texts += pd.read_csv(f, sep="\t", keep_default_na=False).sentence.tolist()
    texts += pd.read_csv(config.ANNOTATIONS / "written_v2.csv", keep_default_na=False).text.tolist()
    texts += ["", "RT and the rt channel", "Kim Jong Un and Kim Yo Jong met Putin; Lavrov, Shoigu and Choe Son Hui spoke"]
    hits = 0
    for t in texts:
        every = [Mention(m.start(), m.end(), m.group(0), e.canonical, e.kind) for e in speakers for m in e.pattern.finditer(t)]
        assert _gazetteer_mentions(t, speakers) == every, t
        hits += bool(every)
    assert hits > 500


def test_per_gazetteer_memo_is_keyed_by_the_tuple_itself():
    from framing.voice import _government_names, load_speakers

    speakers = load_speakers()
    first = _government_names(speakers)
    assert _government_names(speakers) is first, "the same gazetteer is compiled once"
    copy = tuple(list(speakers))
    assert copy is not speakers and _government_names(copy) == first, "an equal gazetteer gives the same patterns"
    fewer = tuple(e for e in speakers if e.canonical != first[0][0])
    assert [c for c, _ in _government_names(fewer)] == [c for c, _ in first[1:]], "another gazetteer is not served from the memo"
