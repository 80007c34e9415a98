"""Dev-set lexicon evaluation: span location, overlap, recall and the neutral hit rate, on invented strings."""

import pandas as pd
import pytest

from framing.lexicon import Lexicon
from framing.lexicon_eval import expression_rows, fold, locate, neutral_hit_rate, overlaps, recall, recall_table, split_loaded


@pytest.fixture(scope="module")
def lx():
    return Lexicon.load()


def test_split_loaded():
    assert split_loaded(" hegemony ; collective West;;") == ["hegemony", "collective West"]
    assert split_loaded("") == []


def test_fold_keeps_length_and_maps_quotes():
    s = "“Sacred” – it’s"
    assert len(fold(s)) == len(s) and fold(s) == "\"sacred\" - it's"


def test_locate_is_case_and_quote_insensitive():
    s = "He called it the “Order Based on Rules.”"
    (a, b), = locate('"order based on rules."', s)
    assert s[a:b].lower().startswith("“order based on rules")
    assert locate("absent phrase", s) == []


def test_locate_prefers_occurrences_outside_longer_expressions():
    s = "The respected Comrade Kim met Comrade Putin."
    longer = locate("respected Comrade", s)
    spans = locate("Comrade", s, avoid=longer)
    assert spans == [(s.index("Comrade Putin"), s.index("Comrade Putin") + len("Comrade"))]


def test_overlaps():
    assert overlaps((5, 10), [(9, 12)]) and overlaps((5, 10), [(0, 6)])
    assert not overlaps((5, 10), [(10, 12)]) and not overlaps((5, 10), [])


def _toy():
    s = pd.DataFrame({
        "article": ["x", "x", "x", "y"], "sentence_index": [0, 1, 2, 0],
        "sentence": ["Kim backs Russia's sacred fight against the evil West.", "Talks lasted four hours.",
                     "The two isolated leaders met for an hour.", "They discussed sanctions and cooperation."],
        "partnership": ["favorable", "neutral", "critical", "neutral"], "west": ["critical", "neutral", "neutral", "neutral"],
        "loaded": ["sacred fight;evil West;backs", "", "isolated leaders", "sanctions;cooperation"],
    })
    s["text"] = s.sentence
    s["loaded_list"] = s.loaded.map(split_loaded)
    adj = expression_rows(s)[["article", "sentence", "expression"]]
    adj["counts_as_loaded"] = ["yes", "yes", "no", "yes", "no", "no"]
    adj["category"] = ["solidarity", "anti_western", "", "desperation_isolation", "", ""]
    adj["reason"] = "test"
    return s, adj


def test_recall_counts_adjudicated_yes_only(lx):
    s, adj = _toy()
    t = recall_table(adj, s, lx)
    assert set(t.expression) == {"sacred fight", "evil West", "isolated leaders"}
    assert t.found.all() and recall(adj, s, lx) == 1.0
    assert "sacred_fight" in t.set_index("expression").term_ids["sacred fight"]


def test_neutral_rate_uses_neutral_sentences_without_loaded_expressions(lx):
    s, adj = _toy()
    # neutral/neutral sentences: index 1 (no expression) and 3 (only rejected expressions) -> 2 sentences, no hits
    assert neutral_hit_rate(adj, s, lx) == 0.0
    s2 = s.copy()
    s2.loc[1, "sentence"] = s2.loc[1, "text"] = "Talks with the hermit kingdom lasted four hours."
    adj2 = adj.copy()
    assert neutral_hit_rate(adj2, s2, lx) == pytest.approx(50.0)
