"""Helpers shared by the test modules."""

from __future__ import annotations

import pandas as pd

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


# Small stance training data (written for the tests)
FAV = ["We warmly welcome our great friends and their glorious alliance.", "A historic, brotherly partnership of true friends.",
       "The alliance is praised as strong and beneficial."]
CRIT = ["The dangerous illegal arms pact threatens the world.", "Officials condemn the reckless deal as a violation of sanctions.",
        "Two isolated pariah regimes turn to each other in desperation."]
NEU = ["The train arrived at noon.", "The meeting lasted several hours.", "The delegation toured the facility on Wednesday."]


def stance_real(n_outlets: int = 6) -> pd.DataFrame:
    """Gold-labelled real sentences: four per outlet (one favourable, one critical, two neutral); odd outlets are dev."""
    rows = []
    for k in range(n_outlets):
        for i, (text, lab) in enumerate(zip([FAV[k % 3], CRIT[k % 3], NEU[k % 3], NEU[(k + 1) % 3]], ["favorable", "critical", "neutral", "neutral"])):
            corpus = "dev" if k % 2 else "seed"
            rows.append({"sentence_id": f"o{k}-{i:04d}", "article": f"o{k}", "outlet": f"Outlet {k}", "outlet_type": "state" if k < 3 else "independent",
                         "corpus": corpus, "stance_lean": ["favorable", "critical", "neutral"][k % 3] if corpus == "dev" else "",
                         "voice": "authorial", "text": f"{text} ({k})", "prev_text": "", "headline": "", "source": "corpus",
                         "stance_partnership": lab, "stance_west": "neutral" if lab != "critical" else "favorable"})
    return pd.DataFrame(rows)


def stance_written() -> pd.DataFrame:
    """Nine written training sentences, three per label."""
    texts, labs = FAV + CRIT + NEU, ["favorable"] * 3 + ["critical"] * 3 + ["neutral"] * 3
    return pd.DataFrame({"sentence_id": [f"w{i}" for i in range(9)], "text": texts, "outlet_type": "", "voice": "authorial", "source": "written",
                         "outlet": "", "prev_text": "", "headline": "", "version": "v1", "stance_partnership": labs,
                         "stance_west": ["neutral" if lab != "critical" else "favorable" for lab in labs]})
