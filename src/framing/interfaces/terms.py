"""Term explorers made with ``scattertext``: a group of sentences against the rest.

One page per comparison notebook 02 makes: each outlet against the other outlets (its
distinctive-vocabulary section), and each outlet type against the other types (its
by-type section), where the corpus has at least two. Each page is scattertext's own
explorer: terms placed by their frequency in the group and in the rest, a search box,
and, on clicking a term, the sentences that contain it (labelled with outlet, voice,
speaker and stance). Terms covered by the loaded-term lexicon (``data/lexicon``) are drawn
in green and named with their category in the tooltip; the others keep scattertext's
colours. D3 and d3-scale-chromatic are copied from the scattertext package into the page,
so it opens from disk with no network.

Example:
    >>> comparisons(__import__("pandas").DataFrame({"outlet": ["A", "B"], "outlet_type": ["blog", "blog"]}))
    [('outlet', 'A'), ('outlet', 'B')]
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pandas as pd

from framing.interfaces.scores import prepare
from framing.lexicon import CATEGORIES, Lexicon

#: Grouping columns compared, in order, and how pages name them.
GROUPINGS = {"outlet": "outlet", "outlet_type": "outlet type"}
REST = "the rest"
#: Colour of lexicon terms in the plot.
LOADED_COLOR = "#009E73"
#: scattertext's page loads these from a CDN by default; they are shipped in its package and inlined instead.
INLINE_SCRIPTS = {"__FRAMING_D3__": "d3.min.js", "__FRAMING_D3_SCALE_CHROMATIC__": "d3-scale-chromatic.v1.min.js"}
COLOR_FUNC = f"(function(d) {{return d.etc && d.etc.category ? '{LOADED_COLOR}' : d3.interpolateRdYlBu(d.s);}})"
TOOLTIP = ("(function(d) {return d.term + (d.etc && d.etc.category ? ' (loaded: ' + d.etc.category + ')' : '')"
           " + '<br/>' + d.cat25k + ' per 25k words in the group, ' + d.ncat25k + ' in the rest';})")


def comparisons(scores: pd.DataFrame) -> list[tuple[str, str]]:
    """``(column, value)`` of every group compared with the rest (groupings with at least two values)."""
    out = []
    for col in GROUPINGS:
        values = sorted(scores[col].unique())
        if len(values) >= 2:
            out += [(col, v) for v in values]
    return out


def slug(text: str) -> str:
    """A file-name-safe form of ``text``."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "group"


def loaded_metadata(terms, lexicon: Lexicon | None = None) -> dict[str, dict]:
    """``{term: {"category": label}}`` for the scattertext terms the lexicon covers."""
    lex = lexicon or Lexicon.load()
    out = {}
    for t in terms:
        hits = lex.match(t)
        if hits:
            out[t] = {"category": " + ".join(dict.fromkeys(CATEGORIES[h.category] for h in hits))}
    return out


def _inline_scripts(page: str) -> str:
    """Replace the placeholder script addresses with the scripts' text; drop the d3fc tag (a CDN address in
    scattertext 0.2.1, a placeholder in 0.2.2; the explorer's own script does not use d3fc)."""
    scripts = resources.files("scattertext").joinpath("data", "viz", "scripts")
    for key, name in INLINE_SCRIPTS.items():
        code = scripts.joinpath(name).read_text(encoding="utf-8").replace("</script", "<\\/script")
        page = page.replace(f'<script src="{key}" charset="utf-8"></script>', f'<script charset="utf-8">{code}</script>')
    return re.sub(r'<script src="[^"]*(?:D3FCURL|d3fc)[^"]*" charset="utf-8"></script>', "", page)


NOTE = ('<p style="font-family:sans-serif;margin:6px">{title}. Terms in <b style="color:{color}">green</b> are in the '
        "loaded-term lexicon (hover for the category); click a term, or search for it, to read its sentences below the chart.</p>"
        '<p style="font-family:sans-serif;margin:6px" id="loaded-terms">Loaded terms in this chart: <span id="loaded-terms-list"></span></p>')
#: Minimum count (group and rest together) of a term drawn in the chart.
MIN_FREQ = 2
#: Fills the list of loaded terms from the chart's own data; each is a link to scattertext's search for it.
LIST_SCRIPT = """<script>(function () {
  var terms = getDataAndInfo().data.filter(function (d) { return d.etc && d.etc.category; })
    .sort(function (a, b) { return a.term < b.term ? -1 : 1; });
  var el = document.getElementById("loaded-terms-list");
  if (!terms.length) { el.textContent = "none."; return; }
  terms.forEach(function (d, i) {
    if (i) el.appendChild(document.createTextNode(", "));
    var a = document.createElement("a");
    a.href = "#"; a.className = "loaded-term"; a.dataset.term = d.term; a.title = d.etc.category; a.textContent = d.term;
    a.onclick = function () { plotInterface.handleSearchTerm(d.term); return false; };
    el.appendChild(a);
  });
})();</script>"""


def parsed(scores: pd.DataFrame) -> pd.DataFrame:
    """A checked scores table with scattertext's parse of each sentence (``parse``), made once for all comparisons."""
    import scattertext as st

    t = prepare(scores)
    return t.assign(parse=t.text.map(st.whitespace_nlp_with_sentences))


def term_explorer_html(scores: pd.DataFrame, column: str, value: str, lexicon: Lexicon | None = None) -> str:
    """scattertext's explorer of the sentences where ``column == value`` against all others
    (``scores`` may come from :func:`parsed`, which saves parsing it again)."""
    import html

    import scattertext as st

    t = scores if "parse" in scores.columns else parsed(scores)
    group = GROUPINGS[column]
    df = t.assign(group=t[column].where(t[column] == value, REST))
    corpus = st.CorpusFromParsedDocuments(df, category_col="group", parsed_col="parse").build()
    labels = (df.outlet + " · " + df.voice + df.speaker.map(lambda s: f" ({s})" if s else "")
            + " · partnership " + df.stance_partnership + ", west " + df.stance_west)
    meta = loaded_metadata(corpus.get_terms(), lexicon)
    page = st.produce_scattertext_explorer(
        corpus, category=value, category_name=f"{value} ({group})", not_category_name=f"{REST} ({len(set(t[column])) - 1} other)",
        metadata=labels.tolist(), minimum_term_frequency=MIN_FREQ, pmi_threshold_coefficient=0, width_in_pixels=1000,
        term_metadata=meta, color_func=COLOR_FUNC, get_tooltip_content=TOOLTIP,
        show_characteristic=False, d3_url="__FRAMING_D3__", d3_scale_chromatic_url="__FRAMING_D3_SCALE_CHROMATIC__", transform=st.Scalers.dense_rank)
    title = html.escape(f"{value} ({group}, {int((t[column] == value).sum())} sentences) against {REST}")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Terms: {title}</title></head><body>'
            f"{NOTE.format(title=title, color=LOADED_COLOR)}\n{_inline_scripts(page)}\n{LIST_SCRIPT}\n</body></html>\n")


def write_term_explorers(scores: pd.DataFrame, out: str | Path, lexicon: Lexicon | None = None) -> list[Path]:
    """Write one page per :func:`comparisons` into ``out`` plus an ``index.html`` linking them; return the pages."""
    import html

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    t = parsed(scores)
    pages, links = [], []
    for column, value in comparisons(t):
        path = out / f"{slug(column)}-{slug(value)}.html"
        path.write_text(term_explorer_html(t, column, value, lexicon), encoding="utf-8")
        pages.append(path)
        n = int((t[column] == value).sum())
        links.append(f'<li><a href="{html.escape(path.name)}">{html.escape(value)}</a> ({GROUPINGS[column]}, {n} sentences) against {REST}</li>')
    (out / "index.html").write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Term explorers</title></head>'
                                    f"<body><h1>Term explorers</h1><p>Made with scattertext; loaded-lexicon terms in green.</p>"
                                    f"<ul>{''.join(links)}</ul></body></html>\n", encoding="utf-8")
    return pages
