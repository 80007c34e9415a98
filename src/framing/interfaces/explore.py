"""The sentence explorer: one self-contained, offline HTML page of every scored sentence.

Built on DataTables with its SearchPanes extension, in the build that ``itables`` ships
(MIT; the JavaScript and CSS are embedded in the page, so it opens from disk with no
network and no server). The page shows, per sentence, outlet, outlet type, article,
voice, speaker, the text with loaded-lexicon terms highlighted (category on hover) and
both stance labels coloured by score. Filter panes (outlet, outlet type, voice, speaker,
both stances, category) show counts that follow the other filters (up to
:data:`VIEW_TOTAL_MAX_ROWS` sentences; above, their totals); the search box looks
in the sentence, the speaker and the loaded terms; the line under the table counts the
matching sentences. Rows are paged (25 per page) and drawn only when shown, so 100,000
sentences stay usable (see ``benchmarks/explorer_render.py``).

Above the table, a comparison table per outlet links each outlet to its sentences: the
page reads filters from its address, ``explorer.html#outlet=NAME`` (any filter column:
``outlet``, ``outlet_type``, ``voice``, ``speaker``, ``stance_partnership``,
``stance_west``, ``category``; several joined with ``&``), so reports can link to it.

Example:
    >>> from framing.interfaces.explore import outlet_link
    >>> outlet_link("explorer.html", "Karlof1 (Substack)")
    'explorer.html#outlet=Karlof1%20(Substack)'
"""

from __future__ import annotations

import html
import json
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import pandas as pd

from framing.interfaces.scores import prepare, read_scores
from framing.lexicon import CATEGORIES, Lexicon
from framing.schema import COLS, TARGETS

#: File name of the explorer beside the figures.
EXPLORER_HTML = "explorer.html"
#: Columns of the table, in order (the last three are hidden and feed the renderers).
COLUMNS = ["outlet", "outlet_type", "article", "voice", "speaker", "text", *COLS.values(), "category", "loaded_terms",
           *(f"{c}_score" for c in COLS.values()), "spans"]
#: Columns with a filter pane (also the names accepted in the page address).
FILTERS = ["outlet", "outlet_type", "voice", "speaker", *COLS.values(), "category"]
#: Columns the search box looks in.
SEARCHABLE = ["speaker", "text", "loaded_terms"]
#: Header labels.
LABELS = {"outlet_type": "outlet type", "stance_partnership": "stance: partnership", "stance_west": "stance: west",
          "loaded_terms": "loaded terms", "category": "category"}
#: Pane value for an empty speaker or category.
NONE = "(none)"
PAGE_LENGTH = 25
#: The search runs this long after the last key typed (one search per word, not per letter).
SEARCH_DELAY_MS = 300
#: Up to this many sentences, each filter option shows "matching (total)" after every filter; above it, the
#: total only (recounting every pane after each filter takes 3 s at 10,000 rows, far more at 100,000: benchmarks/explorer_render.py).
#: The count of matching sentences under the table always follows the filters.
VIEW_TOTAL_MAX_ROWS = 10_000
STYLE = """
body{font-family:system-ui,sans-serif;margin:1.2em;color:#222} h1{font-size:1.3em} .note{color:#555;max-width:60em}
mark.lt{background:#ffe08a;border-bottom:2px solid #c79a00;padding:0 1px;cursor:help}
span.stance{padding:1px 6px;border-radius:8px;white-space:nowrap}
table.cmp{border-collapse:collapse;margin:.6em 0 1.2em} table.cmp td,table.cmp th{border:1px solid #ccc;padding:2px 8px;text-align:right}
table.cmp td:first-child,table.cmp th:first-child{text-align:left}
"""


def outlet_link(href: str, outlet: str) -> str:
    """The address of ``outlet``'s sentences in the explorer at ``href``."""
    return f"{href}#outlet={quote(outlet)}"


def spans(texts: pd.Series, lexicon: Lexicon | None = None) -> list[str]:
    """Lexicon hits per text as ``start,end,category,term_id;...`` (code-point offsets), for highlighting."""
    lex = lexicon or Lexicon.load()
    return [";".join(f"{h.start},{h.end},{h.category},{h.id}" for h in lex.match(t)) for t in texts]


def explorer_frame(scores: pd.DataFrame, lexicon: Lexicon | None = None) -> pd.DataFrame:
    """The explorer's table: :data:`COLUMNS` of a checked scores table."""
    t = prepare(scores)
    t["category"] = t.loaded_categories
    t["spans"] = spans(t.text, lexicon)
    for c in COLS.values():  # as text: three decimals are enough for the colour and the hover, and keep the page small
        t[f"{c}_score"] = t[f"{c}_score"].map(lambda v: f"{v:.3f}" if pd.notna(v) else "")
    return t[COLUMNS]


def _render(name: str) -> str:
    """The JavaScript renderer of a column: ``display`` HTML, ``sp`` values for the panes."""
    i = {c: k for k, c in enumerate(COLUMNS)}
    if name == "text":
        return f"function(d,type,row){{return type==='display'?window.framingMark(d,row[{i['spans']}]):d;}}"
    if name in COLS.values():
        return f"function(d,type,row){{return type==='display'?window.framingStance(d,row[{i[name + '_score']}]):d;}}"
    if name == "category":
        return f"function(d,type){{if(type==='sp')return d?d.split(';'):['{NONE}'];return type==='display'?window.framingCats(d):d;}}"
    return f"function(d,type){{return type==='sp'&&d===''?'{NONE}':d;}}"


def _column_defs() -> list[dict]:
    from itables import JavascriptFunction

    idx = {c: k for k, c in enumerate(COLUMNS)}
    defs: list[dict] = [{"targets": [idx[c] for c in COLUMNS if c not in SEARCHABLE], "searchable": False},
                        {"targets": [idx[f"{c}_score"] for c in COLS.values()] + [idx["spans"]], "visible": False}]
    for c in ("text", "speaker", *COLS.values(), "category"):
        defs.append({"targets": idx[c], "render": JavascriptFunction(_render(c))})
    for c in COLUMNS:
        pane = {"show": True, "orthogonal": "sp", "header": LABELS.get(c, c), "threshold": 1} if c in FILTERS else {"show": False}
        defs.append({"targets": idx[c], "searchPanes": pane})
    defs.append({"targets": idx["text"], "width": "40%"})
    return defs


def _preselect():
    """JavaScript: the pane selections named in the page address (``#outlet=X&voice=quoted``)."""
    from itables import JavascriptCode

    cols = json.dumps({c: k for k, c in enumerate(COLUMNS) if c in FILTERS})
    return JavascriptCode(f"window.framingPreselect({cols})")


def datatable_html(frame: pd.DataFrame, table_id: str = "sentences", **options) -> str:
    """The DataTables fragment (table and its initialisation) for :func:`explorer_frame`'s table
    (``options`` override the DataTables options set here)."""
    from itables import to_html_datatable

    kwargs = dict(
        warn_on_undocumented_option=False,  # searchDelay is a DataTables option that itables does not list
        connected=False, maxBytes=0, showIndex=False, pageLength=PAGE_LENGTH, lengthMenu=[10, 25, 100, 500], deferRender=True,
        autoWidth=False, classes="display compact", columnDefs=_column_defs(), order=[], searchDelay=SEARCH_DELAY_MS,
        layout={"top1": "searchPanes", "topStart": "pageLength", "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"},
        searchPanes={"cascadePanes": False, "viewTotal": len(frame) <= VIEW_TOTAL_MAX_ROWS, "initCollapsed": False,
                     "layout": "columns-4", "preSelect": _preselect()},
        language={"info": "_TOTAL_ sentences match (_START_–_END_ shown)", "infoFiltered": " of _MAX_",
                  "infoEmpty": "0 sentences match", "search": "Search sentences, speakers, loaded terms:"},
    )
    return to_html_datatable(frame.rename(columns=LABELS), table_id=table_id, **{**kwargs, **options})


def _script() -> str:
    """The page's own small helpers: escaping, highlighting, stance colours, address filters."""
    cats = json.dumps(CATEGORIES)
    return resources.files("framing.interfaces").joinpath("explorer.js").read_text(encoding="utf-8").replace("__CATEGORIES__", cats)


def comparison_table(scores: pd.DataFrame, href: str = "") -> str:
    """HTML: one row per outlet of a checked scores table (sentences, quoted share, mean scores, sentences with
    loaded terms), each outlet linked to its sentences."""
    g = scores.groupby("outlet")
    rows = pd.DataFrame({"type": g.outlet_type.first(), "sentences": g.size(),
                         "quoted": g.voice.apply(lambda v: (v == "quoted").mean()),
                         **{f"mean {t} score": g[f"{COLS[t]}_score"].mean() for t in TARGETS},
                         "with loaded terms": g.loaded_categories.apply(lambda c: (c != "").sum())})
    head = "".join(f"<th>{html.escape(c)}</th>" for c in ["outlet", *rows.columns])
    body = []
    for o, r in rows.iterrows():
        cells = [f'<a href="{html.escape(outlet_link(href, str(o)))}">{html.escape(str(o))}</a>', html.escape(r.type), str(r.sentences),
                 f"{r.quoted:.0%}", *(f"{r[f'mean {t} score']:+.2f}" for t in TARGETS), str(r["with loaded terms"])]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return f'<table class="cmp" id="outlets"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def explorer_html(scores: pd.DataFrame, title: str = "Sentence explorer", lexicon: Lexicon | None = None) -> str:
    """The whole explorer page as one HTML string (no external resource)."""
    from itables import __version__ as itables_version
    from itables.javascript import generate_init_offline_itables_html

    scores = prepare(scores)
    frame = explorer_frame(scores, lexicon)
    bundle = Path(str(resources.files("itables").joinpath("html", "dt_bundle.js")))
    counts = ("each option's count follows the other filters" if len(frame) <= VIEW_TOTAL_MAX_ROWS
              else f"options show totals: above {VIEW_TOTAL_MAX_ROWS:,} sentences they are not recounted")
    note = (f"{len(frame):,} sentences from {frame.outlet.nunique()} outlet(s). Pick values in the filter panes ({counts}; "
            "Ctrl-click for several), search in the box, hover a highlighted term for its category; the count of matching "
            "sentences is under the table. "
            "Stance labels are coloured by score, P(favourable) − P(critical): orange critical, blue favourable. "
            f"Table: DataTables with SearchPanes, from itables {itables_version} (MIT).")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f"<style>{STYLE}</style><script>{_script()}</script></head><body>\n<h1>{html.escape(title)}</h1>"
            f'<p class="note">{html.escape(note)}</p>\n<h2>Outlets</h2>{comparison_table(scores)}\n<h2>Sentences</h2>\n'
            f"{generate_init_offline_itables_html(bundle)}\n{datatable_html(frame)}\n</body></html>\n")


def write_explorer(scores: pd.DataFrame, out: str | Path, title: str = "Sentence explorer") -> Path:
    """Write the explorer to ``out`` (a folder, which gets :data:`EXPLORER_HTML`, or an ``.html`` file)."""
    out = Path(out)
    path = out if out.suffix.lower() in (".html", ".htm") else out / EXPLORER_HTML
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(explorer_html(scores, title), encoding="utf-8")
    return path


def main_explore(scores_path: str, out: str, terms: bool = False) -> int:
    """CLI body of ``framing explore SCORES --out DIR [--terms]``."""
    import sys

    scores = read_scores(scores_path)
    path = write_explorer(scores, out)
    print(f"explorer of {len(scores)} sentences -> {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)
    if terms:
        from framing.interfaces.terms import write_term_explorers

        pages = write_term_explorers(scores, Path(out) / "terms")
        print(f"{len(pages)} term explorer(s) -> {Path(out) / 'terms'}", file=sys.stderr)
    return 0
