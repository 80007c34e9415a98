// Helpers of the sentence explorer (framing.interfaces.explore): escaping, loaded-term
// highlighting, stance colours and filters read from the page address. No network access.
(function () {
  var CATEGORIES = __CATEGORIES__;
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c];
    });
  }
  function label(cat) { return CATEGORIES[cat] || cat; }
  window.framingEscape = esc;
  // Text with lexicon hits ("start,end,category,term_id;..." in code points) marked; overlapping hits share one mark.
  window.framingMark = function (text, spans) {
    if (!spans) return esc(text);
    var ch = Array.from(String(text));
    var hits = spans.split(";").map(function (s) { var p = s.split(","); return [+p[0], +p[1], p[2], p[3]]; });
    hits.sort(function (x, y) { return x[0] - y[0] || y[1] - x[1]; });
    var groups = [];
    hits.forEach(function (h) {
      var g = groups[groups.length - 1];
      if (g && h[0] < g.end) { g.end = Math.max(g.end, h[1]); g.cats.push(h[2]); g.ids.push(h[3]); }
      else groups.push({start: h[0], end: h[1], cats: [h[2]], ids: [h[3]]});
    });
    var out = "", pos = 0;
    groups.forEach(function (g) {
      var cats = Array.from(new Set(g.cats));
      var title = cats.map(label).join(" + ") + " (lexicon: " + g.ids.join(", ") + ")";
      out += esc(ch.slice(pos, g.start).join("")) + '<mark class="lt" data-category="' + esc(cats.join(" ")) + '" title="' +
        esc(title) + '">' + esc(ch.slice(g.start, g.end).join("")) + "</mark>";
      pos = g.end;
    });
    return out + esc(ch.slice(pos).join(""));
  };
  // A stance label on a background whose hue is the sign and whose strength is the size of the score.
  window.framingStance = function (lab, score) {
    var s = Number(score), a = isFinite(s) ? 0.12 + 0.6 * Math.min(1, Math.abs(s)) : 0;
    var rgb = s < 0 ? "213,94,0" : "0,114,178";
    var t = isFinite(s) ? (s >= 0 ? "+" : "") + s.toFixed(2) : "n/a";
    return '<span class="stance" style="background:rgba(' + rgb + "," + a.toFixed(2) + ')" title="score ' + t + '">' + esc(lab) + "</span>";
  };
  window.framingCats = function (d) {
    if (!d) return "";
    return d.split(";").map(function (c) { return '<span title="' + esc(label(c)) + '">' + esc(c) + "</span>"; }).join(", ");
  };
  // SearchPanes pre-selections from "#outlet=A&voice=quoted" (or "?outlet=A"); cols maps filter names to columns.
  window.framingPreselect = function (cols) {
    var params = new URLSearchParams((location.hash || "").replace(/^#/, "") || (location.search || "").replace(/^\?/, ""));
    var by = {};
    params.forEach(function (v, k) { if (k in cols) { (by[k] = by[k] || []).push(v); } });
    return Object.keys(by).map(function (k) { return {column: cols[k], rows: by[k]}; });
  };
  window.addEventListener("hashchange", function () { location.reload(); });
})();
