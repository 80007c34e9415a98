"""Which language an article is in, so that English-only steps never score other languages silently.

The stance model, the voice rules and the lexicon are English-only. Each article's
cleaned text is passed to lingua (``lingua-language-detector``, a maintained n-gram
detector that works offline); an article whose language is not English is reported and
skipped unless the user asks for every language (``--any-language``). Texts shorter
than :data:`MIN_WORDS` words are too short to tell and count as undetermined (``und``),
which is never skipped. Longer texts are judged on their first :data:`SAMPLE_CHARS`
characters (the headline and lead): on every seed article and all 40 dev-set pages the
language and confidence (1.0) are the same as from the whole text, at about a quarter of
the cost on an average article. A page whose opening is in another language than the
rest is judged by its opening.

Example:
    >>> detect("Der russische Präsident traf am Mittwoch in Pjöngjang ein und sprach lange mit "
    ...        "dem nordkoreanischen Machthaber über die Zusammenarbeit beider Länder.")[0]
    'de'
"""

from __future__ import annotations

from framing.once import process_wide

#: Languages the pipeline is built for (ISO 639-1).
SUPPORTED = ("en",)
#: Fewer words than this: too short to detect reliably.
MIN_WORDS = 12
UNDETERMINED = "und"
#: Characters of a text the detector reads (cut at the last space before this point).
SAMPLE_CHARS = 1000


@process_wide
def _detector():
    """The process-wide detector, built once (it holds every language's model: one per thread would waste memory)."""
    from lingua import LanguageDetectorBuilder

    # low-accuracy mode uses trigram models only: less memory, and accurate on article-length text
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def detect(text: str) -> tuple[str, float]:
    """The ISO 639-1 code of ``text``'s language and the detector's confidence (``und`` if too short)."""
    if len(text.split()) < MIN_WORDS:
        return UNDETERMINED, 0.0
    values = _detector().compute_language_confidence_values(_sample(text))
    if not values:
        return UNDETERMINED, 0.0
    top = values[0]
    return top.language.iso_code_639_1.name.lower(), float(top.value)


def _sample(text: str) -> str:
    """The first :data:`SAMPLE_CHARS` characters of ``text``, not cutting a word."""
    if len(text) <= SAMPLE_CHARS:
        return text
    head = text[:SAMPLE_CHARS]
    cut = head.rfind(" ")
    return head[:cut] if cut > 0 else head


def language_name(code: str) -> str:
    """The English name of an ISO 639-1 code (``de`` -> ``German``)."""
    from lingua import IsoCode639_1, Language

    try:
        return Language.from_iso_code_639_1(IsoCode639_1.from_str(code)).name.title()
    except (ValueError, AttributeError):
        return code


def unsupported_message(code: str, confidence: float) -> str:
    """The skip message for an article in a language the pipeline does not support."""
    return (f"language detected as {language_name(code)} ({code}, confidence {confidence:.2f}); the stance model, "
            "voice rules and lexicon are English-only: pass --any-language to process it anyway")
