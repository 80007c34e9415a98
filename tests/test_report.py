"""Findings are functions of the data: every claim holds for the numbers it is made from."""

import re

import numpy as np
import pandas as pd
import pytest

from framing.compare import leans, mean_scores, pairwise_permutation
from framing.figures import outlet_colors
from framing.loaded import corpus_hits, own_share, rates
from framing.report import NA, FindingsInput, findings_markdown, lean_sentence, loaded_sentence, outlet_table, pairwise_sentence, voice_sentence
from tests.corpora import EIGHT_OUTLETS


def _frame(spec: dict[str, list[float]], quoted: dict[str, int] | None = None) -> pd.DataFrame:
    rows = []
    for outlet, scores in spec.items():
        for i, s in enumerate(scores):
            rows.append({"outlet": outlet, "article": outlet.lower(), "event": "e1", "sentence_id": f"{outlet}-{i}",
                         "voice": "quoted" if quoted and i < quoted.get(outlet, 0) else "authorial",
                         "stance_partnership_score": s, "stance_west_score": -s / 2, "n_words": 10, "text": "x"})
    return pd.DataFrame(rows)


def _inputs(df: pd.DataFrame, hits_by_outlet: dict[str, int] | None = None) -> FindingsInput:
    ms = mean_scores(df)
    outlets = sorted(df.outlet.unique())
    hits_by_outlet = hits_by_outlet or {o: 2 for o in outlets}
    rate = pd.DataFrame({"rate_per_1000": [hits_by_outlet.get(o, 0) * 10.0 for o in outlets],
                         "ci_low": 0.0, "ci_high": 30.0}, index=pd.Index(outlets, name="outlet"))
    with_hits = [o for o in outlets if hits_by_outlet.get(o, 0)]
    own = pd.DataFrame({"hits": [hits_by_outlet[o] for o in with_hits], "share_own": 0.25}, index=pd.Index(with_hits, name="outlet"))
    perm = pd.DataFrame({"p_holm": [0.01, 0.05, 0.07, 0.5]})  # 0.05 itself does not pass
    return FindingsInput(df=df, ms=ms, rate=rate, own=own, perm=perm, source="test scores")


def test_lean_counts_only_intervals_that_exclude_zero():
    df = _frame({"Alpha": [0.6, 0.5, 0.7, 0.55, 0.65] * 4, "Beta": [0.4, -0.4, 0.3, -0.3, 0.05] * 4,
                 "Gamma": [-0.5, -0.6, -0.4, -0.55, -0.45] * 4})
    f = _inputs(df)
    lean = leans(f.ms, "partnership")
    assert lean.to_dict() == {"Alpha": "favorable", "Beta": "none", "Gamma": "critical"}
    text = lean_sentence(f, "partnership", "the partnership")
    assert "1 of 3 lean favourable (Alpha)" in text and "1 of 3 lean critical (Gamma)" in text
    assert "the other outlet's interval includes zero" in text


def test_no_lean_claimed_when_every_interval_contains_zero():
    df = _frame({"Alpha": [0.5, -0.5] * 10, "Beta": [0.3, -0.3] * 10})
    text = lean_sentence(_inputs(df), "partnership", "the partnership")
    assert "no outlet's 95 % interval excludes zero" in text and "lean" not in text.split("(")[0].replace("excludes", "")


def test_voice_claim_made_only_when_own_sentences_are_closer_to_zero():
    # quoted sentences carry the stance: own-voice means are near zero
    carried = _frame({"Alpha": [0.9, 0.9, 0.9, 0.0, 0.0, 0.0], "Beta": [0.8, 0.8, 0.1, 0.0]}, quoted={"Alpha": 3, "Beta": 2})
    assert "part of the partnership stance is carried by the voices they quote" in voice_sentence(_inputs(carried))
    # own sentences carry it: no such claim
    own = _frame({"Alpha": [0.0, 0.0, 0.9, 0.9], "Beta": [0.0, 0.8, 0.8]}, quoted={"Alpha": 2, "Beta": 1})
    text = voice_sentence(_inputs(own))
    assert "quoting does not explain" in text and "carried by the voices" not in text


def test_outlet_without_loaded_terms_is_na_not_quoted():
    df = _frame({"Alpha": [0.1] * 5, "Beta": [0.2] * 5})
    f = _inputs(df, hits_by_outlet={"Alpha": 3})
    table = outlet_table(f)
    assert table.loc["Beta", "loaded terms that are the outlet's own"] == NA
    assert table.loc["Alpha", "loaded terms that are the outlet's own"] == "25%"
    assert "1 outlet(s) use none (Beta)" in loaded_sentence(f)


def test_pairwise_sentence_counts_holm_p_below_alpha():
    df = _frame({"Alpha": [0.1] * 5, "Beta": [0.2] * 5})
    assert pairwise_sentence(_inputs(df)).startswith("* 1 of 4 pairwise differences")


@pytest.fixture(scope="module")
def eight_outlet_corpus(tmp_path_factory):
    d = tmp_path_factory.mktemp("eight")
    for k, (outlet, body) in enumerate(EIGHT_OUTLETS.items()):
        (d / f"a{k}.txt").write_text(f"---\noutlet: {outlet}\nevent: pyongyang-2024\n---\nA Headline About the Visit\n\n{body}\n",
                                     encoding="utf-8")
    return d


def test_eight_outlet_corpus_gets_eight_colours_and_true_findings(eight_outlet_corpus):
    from framing.corpus import build_corpus
    from framing.score import score_sentences

    corpus = build_corpus([eight_outlet_corpus], cache=False)
    df = score_sentences(corpus.sentences).merge(corpus.sentences[["sentence_id", *[c for c in corpus.sentences if c.startswith("lex_")]]],
                                                 on="sentence_id")
    outlets = sorted(df.outlet.unique())
    assert len(outlets) == 8 and len(set(outlet_colors(outlets).values())) == 8
    hits = corpus_hits(corpus.sentences)
    r = rates(corpus.sentences, hits)
    ms = mean_scores(df)
    perm = pd.concat([pairwise_permutation(df, t, n_perm=200) for t in ("partnership", "west")], ignore_index=True)
    f = FindingsInput(df=df, ms=ms, rate=r[(r.voice == "all") & (r.category == "all")].set_index("outlet"),
                      own=own_share(corpus.sentences, hits), perm=perm, source="the committed model")
    md = findings_markdown(f)
    assert md.count("\n| ") == 8 + 1  # header + one row per outlet
    for target, what in (("partnership", "the Russia–DPRK partnership"), ("west", "the US and its allies")):
        lean = leans(ms, target)
        line = next(b for b in md.splitlines() if b.startswith(f"* Toward {what}"))
        for side, word in (("favorable", "favourable"), ("critical", "critical")):
            m = re.search(rf"(\d+) of 8 lean {word}", line)
            assert (int(m.group(1)) if m else 0) == int((lean == side).sum())
    no_hits = set(outlets) - set(hits.outlet)
    table = outlet_table(f)
    for o in no_hits:
        assert table.loc[o, "loaded terms that are the outlet's own"] == NA
    sig = int((perm.p_holm < 0.05).sum())
    assert f"* {sig} of {len(perm)} pairwise differences" in md
    assert np.isfinite(ms.mean_score).all()


def test_gold_means_average_the_label_values_and_need_gold_columns():
    from framing.compare import gold_means

    df = pd.DataFrame({"outlet": ["A"] * 4 + ["B"] * 2, "stance_partnership_gold": ["favorable"] * 3 + ["critical", "neutral", "neutral"],
                       "stance_west_gold": ["critical"] * 4 + ["neutral"] * 2})
    g = gold_means(df)
    assert g["partnership"].loc["A", "mean"] == pytest.approx(0.5) and g["partnership"].loc["B", "mean"] == 0
    assert g["west"].loc["A", "mean"] == -1 and g["west"].loc["A", "low"] == -1
    assert gold_means(df.drop(columns=["stance_west_gold"])) is None


def test_one_outlet_corpus_makes_no_pairwise_or_range_claim():
    df = _frame({"Alpha": [0.6, 0.5, 0.7, 0.55, 0.65] * 4}, quoted={"Alpha": 5})
    f = _inputs(df)
    f.perm = pairwise_permutation(df, "partnership")
    md = findings_markdown(f)
    assert "* With 1 outlet(s) there is no pair of outlets to test." in md
    assert "pairwise differences" not in md
    assert "1 of 1 lean favourable (Alpha)" in md and "(mean +0.60)" in md and "means from" not in md
    assert "Quoted or relayed sentences are 25% of each outlet's sentences" in md
    assert md.count("\n| ") == 2  # header + the one outlet


def test_ties_name_every_outlet_at_the_extreme():
    df = _frame({"Alpha": [0.2, 0.4] * 5, "Beta": [0.4, 0.2] * 5, "Gamma": [-0.1, 0.1] * 5})
    f = _inputs(df, hits_by_outlet={"Alpha": 3, "Beta": 3, "Gamma": 1})
    assert "densest in Alpha and Beta (30.0 per 1,000 words)" in loaded_sentence(f)
    assert "to +0.30 (Alpha and Beta)" in lean_sentence(f, "partnership", "the partnership")


def test_voice_claim_is_withheld_when_half_the_outlets_go_each_way():
    # Alpha's own sentences are closer to zero, Beta's are not: neither claim holds for most outlets
    df = _frame({"Alpha": [0.9, 0.9, 0.0, 0.0], "Beta": [0.0, 0.8, 0.8]}, quoted={"Alpha": 2, "Beta": 1})
    text = voice_sentence(_inputs(df))
    assert "closer to zero in 1 of 2 outlets: no pattern holds for most outlets" in text


def test_corpus_without_any_loaded_term():
    df = _frame({"Alpha": [0.1] * 5, "Beta": [0.2] * 5})
    f = _inputs(df, hits_by_outlet={"Alpha": 0, "Beta": 0})
    assert loaded_sentence(f) == "* No lexicon term occurs in this corpus."
    assert (outlet_table(f)["loaded terms that are the outlet's own"] == NA).all()


def test_gold_sentence_and_model_line_follow_the_numbers():
    from framing.compare import gold_means
    from framing.report import gold_sentence

    df = _frame({"Alpha": [0.6, 0.4, 0.5, 0.5], "Beta": [0.0, 0.1, -0.1, 0.0], "Gamma": [-0.5, -0.4, -0.6, -0.5]})
    labels = {"Alpha": "favorable", "Beta": "neutral", "Gamma": "critical"}
    df = df.assign(stance_partnership_gold=df.outlet.map(labels), stance_west_gold="neutral")
    f = _inputs(df)
    f.gold_means, f.model_f1 = gold_means(df), {"partnership": 0.61, "west": 0.5}
    text = gold_sentence(f)
    # partnership: gold means +1, 0, -1 against model means +0.5, 0, -0.5 (diff 0.5); west: gold 0 against -0.25 … +0.25
    assert "differ by at most 0.50" in text and "Spearman ρ = 1.00" in text
    md = findings_markdown(f)
    assert "macro-F1 of partnership 0.61, west 0.50." in md
    table = outlet_table(f)
    assert table.loc["Alpha", "partnership, gold labels"] == "+1.00 [+1.00, +1.00]"
    assert gold_sentence(_inputs(df)) == ""


def test_outlet_without_own_sentences_shows_na():
    df = _frame({"Alpha": [0.2, 0.4, 0.3], "Beta": [0.1, 0.2]}, quoted={"Beta": 2})
    table = outlet_table(_inputs(df))
    assert table.loc["Beta", "own sentences only"] == NA and table.loc["Alpha", "own sentences only"] != NA


def test_findings_file_and_readme_block_round_trip(tmp_path):
    from framing.report import END, START, readme_findings, update_readme, write_findings

    path = write_findings("block one\n\n", tmp_path / "findings")
    assert path.read_text(encoding="utf-8") == "block one\n"
    readme = tmp_path / "README.md"
    readme.write_text(f"# Title\n\n{START}\nold\n{END}\n\nrest\n", encoding="utf-8")
    update_readme("new block", readme)
    assert readme_findings(readme) == "new block"
    assert readme.read_text(encoding="utf-8") == f"# Title\n\n{START}\nnew block\n{END}\n\nrest\n"


def test_outlets_link_to_their_sentences_in_the_explorer():
    df = _frame({"Alpha News": [0.6, 0.5] * 5, "Beta (Blog)": [-0.1, 0.1] * 5})
    plain = findings_markdown(_inputs(df))
    linked = findings_markdown(_inputs(df), explorer_href="../figures/explorer.html")
    assert "](" not in plain.split("\n\n")[1]
    assert "| [Alpha News](../figures/explorer.html#outlet=Alpha%20News) |" in linked
    assert "| [Beta (Blog)](../figures/explorer.html#outlet=Beta%20%28Blog%29) |" in linked
    # only the outlet column changes
    strip = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", linked)  # the address has no ")": it is percent-encoded
    assert strip == plain
