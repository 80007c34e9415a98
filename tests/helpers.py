"""Helpers shared by the test modules."""

from __future__ import annotations

from framing.clean import clean
from framing.segment import segment
from framing.voice import attribute


def voices(body: str):
    """(sentence text, voice result) for every sentence of an invented page."""
    res = clean(body)
    sents = segment(res)
    return [(res.text[s.start : s.end], v) for s, v in zip(sents, attribute(res.text, sents))]


def voice_of(body: str, needle: str):
    """The voice result of the sentence containing ``needle``."""
    for text, v in voices(body):
        if needle in text:
            return v
    raise AssertionError(needle)
