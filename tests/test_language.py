"""Articles not in English are reported and skipped (the models are English-only), unless asked for."""

from framing.cli import main
from framing.corpus import build_corpus
from framing.language import UNDETERMINED, detect, language_name, unsupported_message

GERMAN = ("Putin in Pjöngjang\n\nDer russische Präsident Wladimir Putin ist am Mittwoch zu einem Staatsbesuch in Nordkorea eingetroffen. "
          "Beide Seiten unterzeichneten einen Vertrag über eine umfassende strategische Partnerschaft und versprachen sich gegenseitige Hilfe.\n")
RUSSIAN = ("Путин в Пхеньяне\n\nПрезидент России Владимир Путин прибыл в Пхеньян с государственным визитом. "
           "Стороны подписали договор о всеобъемлющем стратегическом партнёрстве и обсудили сотрудничество в разных областях.\n")
ENGLISH = ("Putin in Pyongyang\n\nRussian President Vladimir Putin arrived in Pyongyang on Wednesday for a state visit. "
           "The two sides signed a treaty on a comprehensive strategic partnership and pledged mutual assistance.\n")


def _corpus(tmp_path):
    for name, text in (("de.txt", GERMAN), ("ru.txt", RUSSIAN), ("en.txt", ENGLISH)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_detect_languages():
    assert detect(ENGLISH)[0] == "en"
    assert detect(GERMAN)[0] == "de"
    assert detect(RUSSIAN)[0] == "ru"
    assert detect("Putin met Kim.") == (UNDETERMINED, 0.0)
    assert language_name("de") == "German"


def test_non_english_articles_are_skipped_with_a_reason(tmp_path):
    c = build_corpus([_corpus(tmp_path)], cache=False)
    assert {a.article.article for a in c.articles} == {"en"}
    problems = {s.path.name: s.problem for s in c.skipped}
    assert set(problems) == {"de.txt", "ru.txt"}
    assert "German (de" in problems["de.txt"] and "--any-language" in problems["de.txt"]
    assert "Russian (ru" in problems["ru.txt"]
    assert set(c.accounting.language) == {"en"}


def test_any_language_keeps_them(tmp_path):
    c = build_corpus([_corpus(tmp_path)], cache=False, languages=None)
    assert {a.article.article for a in c.articles} == {"en", "de", "ru"}


def test_cli_reports_the_skip(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["corpus", str(_corpus(tmp_path / "in" if (tmp_path / "in").mkdir() is None else tmp_path)), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "de.txt: language detected as German" in err
    assert unsupported_message("ru", 0.99).startswith("language detected as Russian (ru, confidence 0.99)")


def test_long_texts_are_judged_on_their_opening(monkeypatch):
    from framing import language

    seen: list[str] = []

    class Spy:
        def compute_language_confidence_values(self, text):
            seen.append(text)
            return []

    monkeypatch.setattr(language, "_detector", lambda: Spy())
    long = ENGLISH + " " + "word " * 2000
    assert detect(long) == (UNDETERMINED, 0.0)  # no values: undetermined
    assert len(seen[0]) <= language.SAMPLE_CHARS and long.startswith(seen[0]) and not seen[0].endswith(" ")
    assert language._sample(ENGLISH) == ENGLISH  # short texts are read whole


def test_sample_keeps_the_detected_language():
    from framing.language import SAMPLE_CHARS

    assert detect((GERMAN + " ") * (2 * SAMPLE_CHARS // len(GERMAN)))[0] == "de"
