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


def test_adjudication_file_is_validated(tmp_path):
    from framing.lexicon_eval import ADJUDICATION_COLUMNS, read_adjudication

    p = tmp_path / "adj.csv"
    p.write_text("article,sentence,expression\nx,S.,e\n", encoding="utf-8")
    with pytest.raises(ValueError, match="lacks column"):
        read_adjudication(p)
    p.write_text(",".join(ADJUDICATION_COLUMNS) + "\nx,S.,e,maybe,,r\n", encoding="utf-8")
    with pytest.raises(ValueError, match="yes/no"):
        read_adjudication(p)
    p.write_text(",".join(ADJUDICATION_COLUMNS) + "\nx,S.,e,yes,solidarity,r\n", encoding="utf-8")
    assert read_adjudication(p).counts_as_loaded.tolist() == ["yes"]


def test_adjudication_must_cover_every_listed_expression_once():
    from framing.lexicon_eval import check_adjudication

    s, adj = _toy()
    check_adjudication(adj, s)
    with pytest.raises(ValueError, match="more than once"):
        check_adjudication(pd.concat([adj, adj.head(1)]), s)
    with pytest.raises(ValueError, match="1 missing, 0 extra"):
        check_adjudication(adj.iloc[1:], s)


def test_dev_sentences_are_the_non_chrome_rows_numbered_per_article():
    from framing.lexicon_eval import dev_sentences

    s = dev_sentences()
    assert (s.chrome == "no").all() and s.groupby("article").sentence_index.apply(lambda x: list(x) == list(range(len(x)))).all()
    assert s.outlet_type.notna().all() and (s.text == s.sentence).all()


def test_hits_for_check_rows_identify_their_sentence(lx):
    from framing.lexicon_eval import HITS_COLUMNS, hits_for_check

    dev = pd.DataFrame({"article": ["d"], "sentence_index": [3], "text": ["Their sacred fight goes on."]})
    seeds = pd.DataFrame({"sentence_id": ["s-0001"], "article": ["s"], "sentence": [1], "text": ["The hermit kingdom waits."]})
    h = hits_for_check(dev, seeds, lx)
    assert list(h.columns) == HITS_COLUMNS and h.corpus.tolist() == ["dev", "seed"]
    assert h.sentence_index.tolist() == [3, 1] and h.sentence_id.tolist() == ["", "s-0001"]
    assert dev.text[0][h.start[0]:h.end[0]].lower() == "sacred fight"


def test_seed_known_loaded_merges_overlapping_spans():
    from framing.lexicon_eval import _merge, seed_known_loaded

    assert _merge([(5, 9), (0, 3), (2, 4), (9, 12)]) == [(0, 4), (5, 9), (9, 12)]
    seeds = pd.DataFrame({"sentence_id": ["a-0"], "text": ["The evil imperialist West plots."]})
    judged = pd.DataFrame({"sentence_id": ["a-0", "a-0"], "term_id": ["t1", "t2"], "surface": ["evil imperialist", "imperialist West"],
                           "correct": ["yes", "yes"]})
    known = seed_known_loaded(seeds, judged, pd.DataFrame({"sentence_id": ["zz"], "words": ["plots"]}))
    assert known.expression.tolist() == ["evil imperialist West"]


def test_seed_check_and_blind_precision_on_the_committed_checks():
    from framing.lexicon_eval import blind_precision, seed_check, seed_sentences

    r = seed_check(seed_sentences())
    assert r["judged"] + len(r["unjudged"]) == r["hits"] and 0 <= r["precision"] <= 1 and 0 <= r["recall"] <= 1
    assert r["known_found"] <= r["known_loaded"]
    b = blind_precision()
    assert set(b.index) == {"dev", "seed", "all"} and b.loc["all", "hits"] == b.loc["dev", "hits"] + b.loc["seed", "hits"]
    now = blind_precision(lexicon=Lexicon.load())
    assert (now.hits <= b.hits).all()
