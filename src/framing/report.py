"""Findings: the outlet table and the sentences under it, as functions of the data.

Notebook 05 calls :func:`findings_markdown`; for the committed analysis it writes
``docs/findings/findings.md`` and :func:`update_readme` copies it into ``README.md``
between ``<!-- findings:start -->`` and ``<!-- findings:end -->`` (a test checks the two
agree). Every sentence is conditional on the numbers: an outlet "leans" only where its
95 % interval excludes zero, an outlet with no loaded terms shows ``n/a``, and a claim
that does not hold on a corpus is not made for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pandas as pd

from framing import config
from framing.compare import leans
from framing.tables import to_markdown

START, END = "<!-- findings:start -->", "<!-- findings:end -->"
NA = "n/a"
#: Significance level of the pairwise tests reported in the findings.
ALPHA = 0.05
FIGURES_NOTE = ("Figures: `figures/stance-map-partnership-vs-west.png`, `figures/stance-distribution-by-outlet.png`, "
                "`figures/loaded-language-beside-stance.png` (each with its CSV).")


@dataclass
class FindingsInput:
    """What the findings are computed from (all per outlet unless said otherwise).

    Attributes:
        df: scored sentences (``outlet``, ``article``, ``event``, ``voice``, ``stance_*_score``;
            optionally ``stance_<target>_gold``).
        ms: :func:`framing.compare.mean_scores` of ``df``.
        rate: loaded-term rate per outlet, all voices and categories (``rate_per_1000``, ``ci_low``, ``ci_high``).
        own: :func:`framing.loaded.own_share` (``hits``, ``share_own``); outlets without hits may be missing.
        perm: pairwise permutation tests (``p_holm``), both targets.
        source: where the stance labels come from (one phrase).
        gold_means: optional ``{target: (mean, low, high) per outlet}`` of the gold labels.
        model_f1: optional ``{target: macro-F1}`` of the model that labelled the sentences.
    """

    df: pd.DataFrame
    ms: pd.DataFrame
    rate: pd.DataFrame
    own: pd.DataFrame
    perm: pd.DataFrame
    source: str
    gold_means: dict[str, pd.DataFrame] | None = None
    model_f1: dict[str, float] | None = None

    @property
    def outlets(self) -> list[str]:
        return sorted(self.df.outlet.unique())


def _ci(mean: float, lo: float, hi: float, fmt: str = "{:+.2f}") -> str:
    if not np.isfinite(mean):
        return NA
    return f"{fmt.format(mean)} [{fmt.format(lo)}, {fmt.format(hi)}]"


def _scores(ms: pd.DataFrame, target: str, subset: str = "all") -> pd.DataFrame:
    return ms[(ms.sentences == subset) & (ms.target == target)].set_index("outlet")


def outlet_table(f: FindingsInput) -> pd.DataFrame:
    """The per-outlet findings table (formatted strings; ``n/a`` where a figure does not exist)."""
    o = f.outlets
    quoted = f.df.assign(q=f.df.voice == "quoted").groupby("outlet").q.mean()
    own = f.own.reindex(o)
    rate = f.rate.reindex(o)
    cols: dict[str, list] = {"sentences": f.df.groupby("outlet").size().reindex(o).tolist(),
                             "quoted share": [f"{quoted[x]:.0%}" for x in o]}
    for target, label in (("partnership", "partnership score [95% CI]"), ("west", "west score [95% CI]")):
        s = _scores(f.ms, target).reindex(o)
        cols[label] = [_ci(s.mean_score[x], s.ci_low[x], s.ci_high[x]) for x in o]
        if target == "partnership":
            a = _scores(f.ms, target, "authorial").reindex(o)
            cols["own sentences only"] = [_ci(a.mean_score[x], a.ci_low[x], a.ci_high[x]) if a.n[x] else NA for x in o]
    for target, g in (f.gold_means or {}).items():
        g = g.reindex(o)
        cols[f"{target}, gold labels"] = [_ci(g["mean"][x], g.low[x], g.high[x]) for x in o]
    cols["loaded terms /1,000 words [95% CI]"] = [_ci(rate.rate_per_1000[x], rate.ci_low[x], rate.ci_high[x], "{:.1f}") for x in o]
    cols["loaded terms that are the outlet's own"] = [f"{own.share_own[x]:.0%}" if own.hits.fillna(0)[x] > 0 else NA for x in o]
    return pd.DataFrame(cols, index=pd.Index(o, name="outlet"))


def _names(index) -> str:
    names = list(index)
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else (names[0] if names else "")


def _extreme(values: pd.Series, fn: str) -> str:
    """The group(s) holding the maximum (``fn="max"``) or minimum of ``values``: every one on a tie."""
    v = getattr(values, fn)()
    return _names(values.index[values == v])


def lean_sentence(f: FindingsInput, target: str, what: str) -> str:
    """How many outlets lean which way on ``target`` (only intervals that exclude zero count)."""
    lean = leans(f.ms, target)
    s = _scores(f.ms, target)
    n = len(lean)
    parts = []
    for side in ("favorable", "critical"):
        who = lean[lean == side].index
        if len(who):
            parts.append(f"{len(who)} of {n} lean {'favourable' if side == 'favorable' else 'critical'} ({_names(who)})")
    none = int((lean == "none").sum())
    rng = f"means from {s.mean_score.min():+.2f} ({_extreme(s.mean_score, 'min')}) to {s.mean_score.max():+.2f} ({_extreme(s.mean_score, 'max')})"
    if n == 1:
        rng = f"mean {s.mean_score.iloc[0]:+.2f}"
    if not parts:
        return f"* Toward {what}, no outlet's 95 % interval excludes zero ({rng})."
    tail = ("; the other outlet's interval includes zero" if none == 1 else f"; the other {none} outlets' intervals include zero") if none else ""
    return f"* Toward {what}: " + "; ".join(parts) + tail + f" ({rng})."


def voice_sentence(f: FindingsInput) -> str:
    """Quoted shares, and whether the own-voice means are closer to zero (claimed only where they are)."""
    quoted = f.df.assign(q=f.df.voice == "quoted").groupby("outlet").q.mean()
    allm, own = _scores(f.ms, "partnership"), _scores(f.ms, "partnership", "authorial")
    both = own[own.n > 0].index
    shrink = (own.mean_score[both].abs() < allm.mean_score[both].abs())
    k, n = int(shrink.sum()), len(both)
    span = f"{quoted.min():.0%}" if len(quoted) == 1 else f"{quoted.min():.0%} to {quoted.max():.0%}"
    head = f"* Quoted or relayed sentences are {span} of each outlet's sentences"
    if n == 0:
        return head + "; no outlet has sentences in its own voice."
    claim = (": in most outlets, part of the partnership stance is carried by the voices they quote" if k > n / 2
             else ": quoting does not explain the outlets' partnership stance" if k == 0
             else ": no pattern holds for most outlets")
    return (head + f"; restricted to the outlets' own sentences, the partnership mean is closer to zero in {k} of {n} outlets"
            + claim + ".")


def loaded_sentence(f: FindingsInput) -> str:
    """Where loaded terms are densest, and whose they are (outlets without hits are left out)."""
    rate = f.rate.reindex(f.outlets)
    own = f.own[f.own.hits > 0] if len(f.own) else f.own
    if not len(own):
        return "* No lexicon term occurs in this corpus."
    none = [o for o in f.outlets if o not in own.index]
    top = _extreme(rate.rate_per_1000, "max")
    quoted_most = int((own.share_own < 0.5).sum())
    text = (f"* Loaded terms are densest in {top} ({rate.rate_per_1000.max():.1f} per 1,000 words); "
            f"{quoted_most} of the {len(own)} outlets with loaded terms quote most of them rather than using them themselves")
    return text + (f"; {len(none)} outlet(s) use none ({_names(none)})." if none else ".")


def pairwise_sentence(f: FindingsInput) -> str:
    """How many pairwise differences pass the Holm-adjusted tests, with the articles-per-outlet caveat."""
    per_outlet = f.df.groupby("outlet").article.nunique()
    lo, hi = int(per_outlet.min()), int(per_outlet.max())
    unit = "articles, not outlets" if hi == 1 else "these few articles, not outlets in general"
    count = f"{hi}" if lo == hi else f"{lo}–{hi}"
    if not len(f.perm):
        return f"* With {len(f.outlets)} outlet(s) there is no pair of outlets to test."
    sig = int((f.perm.p_holm < ALPHA).sum())
    return (f"* {sig} of {len(f.perm)} pairwise differences in mean score pass a Holm-adjusted permutation test at {ALPHA:g}"
            f" — with {count} article(s) per outlet these compare {unit}.")


def gold_sentence(f: FindingsInput) -> str:
    """How far model means are from gold-label means (only when gold labels exist)."""
    if not f.gold_means:
        return ""
    diffs, rho = [], float("nan")
    for t, g in f.gold_means.items():
        m = _scores(f.ms, t).mean_score.reindex(g.index)
        diffs.append(float((g["mean"] - m).abs().max()))
        if t == "partnership":
            rho = float(g["mean"].rank().corr(m.rank()))
    return ("* Scores are model means of P(favourable) − P(critical); the gold-label columns average +1 / 0 / −1 over the hand labels. "
            f"Model and gold means differ by at most {max(diffs):.2f} and rank the outlets on partnership with Spearman ρ = {rho:.2f}.")


def linked_outlets(table: pd.DataFrame, explorer_href: str) -> pd.DataFrame:
    """The table with each outlet name a Markdown link to its sentences in the explorer at ``explorer_href``.

    Example:
        >>> t = pd.DataFrame({"sentences": [3]}, index=pd.Index(["A B"], name="outlet"))
        >>> linked_outlets(t, "figures/explorer.html").index[0]
        '[A B](figures/explorer.html#outlet=A%20B)'
    """
    names = [f"[{o}]({explorer_href}#outlet={quote(str(o), safe='')})" for o in table.index]
    return table.set_axis(pd.Index(names, name=table.index.name), axis=0)


def findings_markdown(f: FindingsInput, explorer_href: str | None = None) -> str:
    """The whole findings block: a header line, the table, the sentences and the figures note.

    With ``explorer_href`` (the sentence explorer's address relative to the document the
    block goes in), each outlet in the table links to its sentences there.
    """
    events = ", ".join(f"{e or 'unknown'} ({n} article{'s' if n > 1 else ''})"
                       for e, n in f.df.groupby("event").article.nunique().items())
    bullets = [gold_sentence(f), lean_sentence(f, "partnership", "the Russia–DPRK partnership"),
               lean_sentence(f, "west", "the US and its allies"), voice_sentence(f), loaded_sentence(f), pairwise_sentence(f)]
    if f.model_f1:
        bullets.append("* Stance labels come from a model with out-of-outlet (protocol v2, dev set) macro-F1 of "
                       + ", ".join(f"{t} {v:.2f}" for t, v in f.model_f1.items()) + ".")
    head = (f"{f.df.article.nunique()} articles from {len(f.outlets)} outlets; events: {events}. "
            f"Stance: {f.source}; intervals: bootstrap 95 % over sentences.")
    table = outlet_table(f) if explorer_href is None else linked_outlets(outlet_table(f), explorer_href)
    return "\n".join([head, "", to_markdown(table), "", *[b for b in bullets if b], "", FIGURES_NOTE])


def write_findings(markdown: str, folder: Path | None = None) -> Path:
    """Write the findings Markdown file."""
    folder = Path(folder or config.FINDINGS)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / config.FINDINGS_MD_NAME
    path.write_text(markdown.rstrip() + "\n", encoding="utf-8")
    return path


def readme_findings(readme: Path | None = None) -> str:
    """The findings block currently in the README."""
    text = Path(readme or config.README).read_text(encoding="utf-8")
    a, b = text.index(START) + len(START), text.index(END)
    return text[a:b].strip()


def update_readme(markdown: str, readme: Path | None = None) -> None:
    """Replace the README's findings block with ``markdown``."""
    path = Path(readme or config.README)
    text = path.read_text(encoding="utf-8")
    a, b = text.index(START) + len(START), text.index(END)
    path.write_text(text[:a] + "\n" + markdown.strip() + "\n" + text[b:], encoding="utf-8")
