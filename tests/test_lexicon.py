"""The lexicon matcher: inflections, multiword phrases, exceptions, case, spans; and file validation."""

from pathlib import Path

import pytest

from framing.lexicon import CATEGORIES, Lexicon, LexiconError, lexicon_table


@pytest.fixture(scope="module")
def lx():
    return Lexicon.load()


def _ids(lx, text):
    return [h.id for h in lx.match(text)]


@pytest.mark.parametrize("text", ["imperialism", "the imperialists", "an anti-imperialist front", "Imperialist powers"])
def test_inflections_of_imperialism(lx, text):
    assert "imperialism" in _ids(lx, text)


@pytest.mark.parametrize("text, entry", [
    ("hegemonic forces", "hegemony"), ("US hegemony", "hegemony"),
    ("a sacred fight", "sacred_fight"), ("their sacred struggle", "sacred_fight"),
    ("the holy battle", "holy_war"), ("a pariah state", "pariah"), ("the rogue regime", "rogue"),
    ("the collective West", "collective_west"), ("the Collective  West", "collective_west"),
])
def test_multiword_and_variants(lx, text, entry):
    assert entry in _ids(lx, text)


@pytest.mark.parametrize("text, entry", [
    ("Russia will dismantle the sanctions regime", "regime"),
    ("Russia will dismantle the [sanctions] regime", "regime"),
    ("the Holy Trinity cathedral", "holy_war"),
    ("they signed the comprehensive strategic partnership treaty", "allied_partnership"),
])
def test_exceptions_are_honoured(lx, text, entry):
    assert entry not in _ids(lx, text)


def test_regime_outside_exception_still_hits(lx):
    assert "regime" in _ids(lx, "the Pyongyang regime fired missiles")


def test_case_insensitive_and_spans(lx):
    text = "Kim vowed a SACRED FIGHT against Hegemonic forces."
    hits = lx.match(text)
    for h in hits:
        assert text[h.start : h.end] == h.surface
    assert {h.surface for h in hits} >= {"SACRED FIGHT", "Hegemonic"}


def test_no_hit_inside_words(lx):
    assert _ids(lx, "the hegemonyish imperialismo word") == []


def test_annotate_columns(lx):
    import pandas as pd

    df = pd.DataFrame({"text": ["A sacred fight against imperialism and hegemony.", "Talks lasted an hour."]})
    out = lx.annotate(df)
    assert out.loaded_terms.tolist() == ["sacred fight;imperialism;hegemony", ""]
    assert out.loaded_categories.tolist()[0] == "solidarity;anti_western"


def test_lexicon_file_is_complete():
    t = lexicon_table()
    assert len(t) >= 80 and t.id.is_unique
    assert set(t.category) == set(CATEGORIES)
    assert t.rationale.str.len().min() > 20 and t.source.str.len().min() > 3


def _write(tmp_path: Path, **over) -> Path:
    row = {"id": "x", "term": "x", "pattern": "foo", "category": "threat", "partnership_direction": "0", "west_direction": "0",
           "rationale": "r", "source": "s", "exceptions": "", "example": "foo"} | over
    p = tmp_path / "lex.csv"
    p.write_text(",".join(row) + "\n" + ",".join(f'"{v}"' for v in row.values()) + "\n", encoding="utf-8")
    return p


@pytest.mark.parametrize("over, msg", [
    ({"category": "nonsense"}, "unknown category"),
    ({"pattern": "(unclosed"}, "does not compile"),
    ({"west_direction": "2"}, "directions"),
])
def test_bad_lexicon_rows_name_the_line(tmp_path, over, msg):
    with pytest.raises(LexiconError, match=msg) as e:
        Lexicon.from_csv(_write(tmp_path, **over))
    assert "lex.csv line 2" in str(e.value)


def test_partnership_praise_hits_but_treaty_name_does_not(lx):
    assert "allied_partnership" in _ids(lx, "ties entered a new era of strategic partnership")
