"""Voice and speaker attribution on small texts written for the tests."""

from framing.clean import clean
from framing.segment import segment
from framing.voice import attribute


def _voices(body: str):
    res = clean(body)
    sents = segment(res)
    return [(res.text[s.start : s.end], v) for s, v in zip(sents, attribute(res.text, sents))]


def _one(body: str, needle: str):
    for text, v in _voices(body):
        if needle in text:
            return v
    raise AssertionError(needle)


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
    v = _one(BODY, "Says Kremlin")
    assert v.voice == "quoted" and v.speaker == "Dmitry Peskov"


def test_authorial_narration():
    v = _one(BODY, "met North Korean leader")
    assert v.voice == "authorial" and v.speaker == ""


def test_direct_quote_and_follow_on_quote_sentence():
    assert _one(BODY, "stand together").speaker == "Kim Jong Un"
    v = _one(BODY, "friendship is eternal")
    assert v.voice_type == "direct_quote" and v.speaker == "Kim Jong Un"


def test_reported_speech_with_role_and_pronoun():
    assert _one(BODY, "talks lasted four hours").speaker == "Dmitry Peskov"
    v = _one(BODY, "According to him")
    assert v.voice == "quoted" and v.speaker == "Dmitry Peskov"


def test_relative_clause_and_negation_are_not_attributions():
    assert _one(BODY, "which Washington claimed").voice == "authorial"
    assert _one(BODY, "Neither Moscow").voice == "authorial"


def test_pronoun_resolves_to_subject_of_previous_sentence():
    v = _one(BODY, "He pointed out")
    assert v.speaker == "Nikolay Petrov"


def test_relay_block_and_inner_speaker():
    assert _one(BODY, "An AP report said").voice_type == "relay_intro"
    v = _one(BODY, "met for four hours at the launch site")
    assert (v.voice, v.voice_type, v.speaker, v.relayed_by) == ("quoted", "relayed_block", "AP", "AP")
    v = _one(BODY, "may ask for artillery")
    assert v.speaker == "US officials" and v.relayed_by == "AP"


def test_heading_ends_relay_block():
    assert _one(BODY, "weather in the region").voice == "authorial"


DOC = """A Blogger Reads the Letter

The president's article is rather self-explanatory. Now let's read what Putin has to say:

On the eve of my visit I would like to share my thoughts. The United States openly declares that its goal is to defeat us.

I wish good health to the people of the country. [My Emphasis]

IMO, most of that was expected.
"""


def test_reproduced_document_keeps_its_author():
    assert _one(DOC, "On the eve").speaker == "Vladimir Putin"
    v = _one(DOC, "openly declares")
    assert v.voice == "quoted" and v.speaker == "Vladimir Putin"
    assert _one(DOC, "[My Emphasis]").voice == "authorial"
    assert _one(DOC, "IMO").voice == "authorial"
    assert _one(DOC, "self-explanatory").voice == "authorial"


def test_unnamed_relay_keeps_its_own_subject_and_cataphoric_this_was_stated():
    body = (
        "Headline Without Punctuation\n\nThe first paragraph is long enough to be prose about the summit and more.\n\n"
        "Another report said:\n\nThe leaders met for four hours.\n\nA Heading\n\n"
        "And the regional authorities hope to launch joint projects this year. This was stated by the governor, Oleg Ivanov.\n"
    )
    assert _one(body, "four hours").speaker == "Another report"
    v = _one(body, "hope to launch")
    assert v.voice == "quoted" and v.speaker == "Oleg Ivanov"


def test_headline_speaker_colon():
    v = _one("Peskov: Moscow will develop relations with Pyongyang\n\nBody prose that is long enough to count as a paragraph.\n", "Peskov:")
    assert v.voice == "quoted" and v.speaker == "Dmitry Peskov"
    v = _one("Russia and North Korea: Strategic Cooperation\n\nBody prose that is long enough to count as a paragraph.\n", "Strategic")
    assert v.voice == "authorial"
