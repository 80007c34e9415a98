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


# ---- lexicon v2: inflections, new families, and exceptions (invented strings)

@pytest.mark.parametrize("text, entry", [
    ("a hegemonistic policy", "hegemony"), ("hegemonical ambitions", "hegemony"), ("neocolonialist practices", "neo_colonialism"),
    ("the US is an imperial force", "imperialism"), ("refusing Washington's dictates", "diktat"),
    ("the two internationally isolated leaders", "isolated_regime"), ("leaders isolated by the West", "isolated_regime"),
    ("North Korea, isolated and sanctioned, agreed", "isolated_regime"), ("Russia's deepening isolation", "isolated_regime"),
    ("a summit of pariah presidents", "pariah"), ("an act of desperation", "desperate"), ("a shunned regime", "outcast"),
    ("the world shuns Russia", "outcast"), ("Moscow went begging for help", "cap_in_hand"),
    ("to rescue Moscow's flagging war effort", "flagging_war"), ("stuck in a quagmire", "quagmire"),
    ("illicit transfers of shells", "illegal_arms_transfers"), ("an illicit nuclear weapons programme", "illegal_arms_transfers"),
    ("in violation of UN Security Council resolutions", "violation_un_resolutions"),
    ("Russian violations of the UN Security Council non-proliferation resolution", "violation_un_resolutions"),
    ("they would defy sanctions", "sanctions_evasion"),
    ("the growing axis of China, Russia, North Korea, and Iran", "axis_named"), ("a Moscow-Pyongyang axis", "axis_named"),
    ("the invincible friendship", "invincible"), ("the invincibility of our ties", "invincible"),
    ("militant friendship and unity", "militant_friendship"), ("brothers-in-arms", "comrades_in_arms"),
    ("comrade-in-arms relations", "comrades_in_arms"), ("our dearest friend", "superlative_friend"), ("a steadfast ally", "superlative_friend"),
    ("relations at the highest level in history", "allied_partnership"), ("the West is furious", "western_panic"),
    ("panic in the West", "western_panic"), ("another anti-Russian campaign", "anti_russian"), ("the sanctions cudgel", "sanctions_cudgel"),
    ("a conspiracy against the Atlanticists", "atlanticists"),
    ("a marriage of necessity", "marriage_of_convenience"), ("born of convenience", "marriage_of_convenience"),
    ("mutual transactional needs", "marriage_of_convenience"), ("confronting a common threat", "common_enemy"),
    ("a perilous trade", "dangerous_alliance"), ("an anachronistic pact", "anachronistic"), ("stop their illegal cooperation", "illegal_arms_transfers"),
    ("notorious for graft", "notorious"), ("a backward economy", "backward"),
])
def test_v2_entries_and_inflections(lx, text, entry):
    assert entry in _ids(lx, text)


@pytest.mark.parametrize("text, entry", [
    # names of the treaty or the deal, in any form
    ('the Kremlin weighs a "strategic partnership" treaty', "allied_partnership"),
    ("the Strategic Partnership Agreement came into force", "allied_partnership"),
    ("the treaty on comprehensive strategic partnership", "allied_partnership"),
    # plain official terms
    ("developing military-technical cooperation under the deal", "military_technical_cooperation"),
    ("the two sides signed a military alliance", "military_alliance"),
    ("visit from September 12 to 17, Juche 112 (2023)", "juche_self_reliance"),
    ("ammunition would help Putin's war effort", "putins_war"),
    # sanctions / non-proliferation / inspection regimes
    ("the UN sanctions monitoring regime", "regime"), ("the sanctions and export control regime", "regime"),
    ("the global non-proliferation regime", "regime"), ("a regime of inspections", "regime"), ("the inspection regime", "regime"),
    # literal uses of solidarity idioms
    ("the two leaders sat shoulder to shoulder in the back seat", "shoulder_to_shoulder"),
    ("crowds packed shoulder to shoulder along the streets", "shoulder_to_shoulder"),
    # other narrowings
    ("transactional data were released", "marriage_of_convenience"), ("illicit drugs", "illegal_arms_transfers"),
    ("the x-axis of the chart", "axis_named"), ("it is notoriously difficult to verify", "notorious"),
    ("the US-led rules-based order", "order_based_on_rules"),
    # the partners as subject, and descriptive uses in Western coverage
    ("North Korea has shunned talks with Seoul", "outcast"), ("Washington is nervous about the deal", "western_panic"),
    ("residents were begging for help", "cap_in_hand"), ("families scrounging for food", "cap_in_hand"),
])
def test_v2_exceptions_and_narrowings(lx, text, entry):
    assert entry not in _ids(lx, text)


def test_v2_regime_still_hits_the_government_sense(lx):
    assert "regime" in _ids(lx, "sanctions have not stopped the regime from testing missiles")
    assert "shoulder_to_shoulder" in _ids(lx, "the two armies fought shoulder to shoulder")


def test_every_example_is_matched_by_its_entry(lx):
    t = lexicon_table()
    bad = [r.id for r in t.itertuples() if r.id not in _ids(lx, r.example)]
    assert bad == []


def test_v21_names_and_formulas_are_not_loaded():
    """Version 2.1: the blind check found these to be names of concepts or proposals, not loaded by themselves."""
    lx = Lexicon.load()
    for text in ("the order based on rules", "a new Eurasian security architecture"):
        assert not [h for h in lx.match(text) if h.id in ("order_based_on_rules", "equal_indivisible_security")], text
    assert [h.id for h in lx.match("the principle of indivisible security")] == ["equal_indivisible_security"]


def _every_entry_match(lx, text):
    """The matcher without the dispatch: every entry's pattern run over the text (the behaviour it must keep)."""
    from framing.lexicon import Hit

    hits = []
    for e in lx.entries:
        for m in e.pattern.finditer(text):
            a, b = m.span()
            if any(x.start() <= a and x.end() >= b for ex in e.exceptions for x in ex.finditer(text)):
                continue
            hits.append(Hit(e.id, e.term, e.category, e.partnership, e.west, a, b, m.group(0)))
    return sorted(hits, key=lambda h: (h.start, h.end, h.id))


def _corpus_texts():
    import pandas as pd

    from framing import config

    texts = pd.read_parquet(config.SENTENCES_PARQUET).text.tolist()
    for f in sorted(config.DEV.glob("labels_*.tsv")):
        texts += pd.read_csv(f, sep="\t", keep_default_na=False).sentence.tolist()
    texts += pd.read_csv(config.ANNOTATIONS / "written_v2.csv", keep_default_na=False).text.tolist()
    return texts


def test_dispatch_gives_the_hits_of_running_every_entry(lx):
    texts = _corpus_texts()
    # overlapping entries at one position, entries inside other entries' spans, exceptions, nothing at all
    texts += ["the puppet regime of the collective West", "sanctions regime", "Regime change in the rogue regime", "", "no hit here"]
    # every entry's own example sentence, and all of them run together
    examples = [e for e in lexicon_table().example.tolist() if e]
    texts += examples + [" ".join(examples)]
    assert len(texts) > 1000
    with_hits = 0
    for t in texts:
        expected = _every_entry_match(lx, t)
        assert lx.match(t) == expected, t
        with_hits += bool(expected)
    assert with_hits > 100, "the texts exercise the matcher"


def test_dispatch_finds_every_entry_matching_at_one_position(tmp_path):
    csv = tmp_path / "lex.csv"
    header = "id,term,pattern,category,partnership_direction,west_direction,rationale,source,exceptions,example\n"
    rows = ["a,regime,regimes?,delegitimising,0,0,r,s,,", "b,regime change,regime change,threat,0,0,r,s,,",
            "c,change,change,threat,0,0,r,s,,", "d,puppet regime,puppet regimes?,delegitimising,0,0,r,s,,"]
    csv.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    lx = Lexicon.from_csv(csv)
    text = "A puppet regime fears regime change."
    assert lx.match(text) == _every_entry_match(lx, text)
    assert sorted(h.id for h in lx.match(text)) == ["a", "a", "b", "c", "d"]
