"""Sentence segmentation: glued sentences, odd quotation marks, datelines, abbreviations, offsets."""

import pytest

from framing.clean import clean
from framing.segment import normalise, quote_spans, segment


def _sentences(body: str) -> list[str]:
    res = clean(body)
    out = []
    for s in segment(res):
        assert res.text[s.start : s.end] == res.text[s.start : s.end].strip()
        out.append(res.text[s.start : s.end])
    return out


def _body(par: str) -> str:
    return "A Headline Without Punctuation\n\n" + par + "\n"


def test_glued_sentence_with_misused_guillemet():
    s = _sentences(_body("They met despite pressure from the West.»Both sides face threats,» the scholar continued. Then it ended."))
    assert s[1:] == ["They met despite pressure from the West.", "»Both sides face threats,» the scholar continued.", "Then it ended."]


def test_glued_sentence_without_quote():
    s = _sentences(_body("The meeting was nothing short of historic.The leaders met on September 13 at the cosmodrome."))
    assert s[1:] == ["The meeting was nothing short of historic.", "The leaders met on September 13 at the cosmodrome."]


def test_closing_guillemet_stays_with_its_sentence():
    s = _sentences(_body("Per Dr. Chung, «the summit intends to ruin the war games.»Furthermore, the summit is a challenge, he said."))
    assert s[1] == "Per Dr. Chung, «the summit intends to ruin the war games.»"


def test_abbreviations_do_not_split():
    s = _sentences(_body("U.S. officials met Dr. Chung and Gen. Smith on Wed. in the U.S. capital. He left."))
    assert s[1:] == ["U.S. officials met Dr. Chung and Gen. Smith on Wed. in the U.S. capital.", "He left."]


def test_dateline_stays_with_first_sentence():
    s = _sentences(_body("MOSCOW/SEOUL: Kim Jong-un and Vladimir Putin met for a rare summit on Wednesday. They talked."))
    assert s[1] == "MOSCOW/SEOUL: Kim Jong-un and Vladimir Putin met for a rare summit on Wednesday."


def test_multi_sentence_quotation_is_split_and_curly_quotes_kept():
    s = _sentences(_body("“We are proud of our space industry. I hope you like it,” Putin said."))
    assert s[1:] == ["“We are proud of our space industry.", "I hope you like it,” Putin said."]


def test_headline_is_one_sentence():
    s = _sentences("Putin and Kim: A New Era? Analysts Doubt It\n\nBody text goes here and is long enough to be prose.\n")
    assert s[0] == "Putin and Kim: A New Era? Analysts Doubt It"


def test_stray_punctuation_from_translation_is_joined():
    s = _sentences(_body("They moved the door to the walkway with a red carpet. , where the leader left his carriage. Next."))
    assert s[1] == "They moved the door to the walkway with a red carpet. , where the leader left his carriage."


def test_lost_opening_quote():
    text = normalise('Putin responded, We came here because of that." The meeting ended.')
    spans = quote_spans(text)
    assert len(spans) == 1 and text[spans[0][0] : spans[0][1]] == 'We came here because of that."'


@pytest.mark.parametrize("ch", ["«", "»", "“", "”", "„", "‘", "’", "\u00a0"])
def test_normalise_is_length_preserving(ch):
    t = f"a{ch}b"
    assert len(normalise(t)) == len(t)


def test_real_page_boundaries():
    from framing.clean import clean
    from framing.segment import is_truncated, segment

    body = (
        "Headline\n\nThe leaders met shortly after 7 a.m. Moscow time. They toured the Factory Named after Yu. A. Gagarin. "
        "It does not say so either… So the reading is open.\n"
    )
    res = clean(body)
    got = [res.text[s.start : s.end] for s in segment(res)][1:]
    assert got == [
        "The leaders met shortly after 7 a.m. Moscow time.",
        "They toured the Factory Named after Yu. A. Gagarin.",
        "It does not say so either…",
        "So the reading is open.",
    ]
    assert is_truncated("The talks lasted until the") and not is_truncated('He said "yes."') and not is_truncated("Done.")


def test_truncated_flag_in_the_sentence_table(tmp_path):
    from framing.corpus import build_corpus

    (tmp_path / "cut.txt").write_text(
        "Headline of a Page\n\nThe first sentence is complete and long enough to be prose. The page was cut inside the\n",
        encoding="utf-8",
    )
    s = build_corpus([tmp_path], cache=False).sentences
    assert s.truncated.tolist() == [False, False, True]


def test_segmentation_is_thread_safe():
    """Threads of one Dask worker segment at once: each must get its own text's boundaries.

    pysbd's ``Segmenter`` keeps the text it is splitting on itself; one shared segmenter
    gave threads each other's offsets (sentences lost or cut short).
    """
    from concurrent.futures import ThreadPoolExecutor

    from framing.segment import split_paragraph

    words = ["The summit ended.", "Dr. Lee said talks would go on.", "Kim left by train on Wednesday.", "Analysts were divided!"]
    pars = [normalise(" ".join(words[(i + k) % 4] for k in range(3 + i % 9)) * (1 + i % 3)) for i in range(120)]
    expected = [split_paragraph(p, 0, len(p)) for p in pars]
    with ThreadPoolExecutor(4) as pool:
        for _ in range(5):
            assert list(pool.map(lambda p: split_paragraph(p, 0, len(p)), pars)) == expected
