// The claims dashboard: search the cards' text; filter by section, verdict, severity and importance;
// sort in the review's order or gravest first; keep the view in the address (?q=&verdict=...), so
// that a link shares it; download the cards shown as CSV. Works on every .claim-cards[data-filterable];
// without JavaScript every card stays readable.

// A cell that a spreadsheet could run as a formula gets a single quote first, as OWASP asks
// ("CSV Injection", https://owasp.org/www-community/attacks/CSV_Injection: no cell may begin with
// =, +, -, @, tab, carriage return or line feed); a number as a whole (-0.5) stays a number. The
// same rule as the published CSV files (acureview/site/downloads.py).
const FORMULA_START = /^[=+\-@\t\r\n]/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
function spreadsheetSafe(value) {
  const v = String(value);
  return FORMULA_START.test(v) && !NUMBER.test(v) ? "'" + v : v;
}
// One CSV row: every cell spreadsheet-safe, quoted, its quotes doubled (RFC 4180).
function csvRow(cells) {
  return cells.map((v) => '"' + spreadsheetSafe(v).replace(/"/g, '""') + '"').join(",");
}
// "Gravest first": by the rank number that Python computed for each card (acureview.site.ranking.rank_key,
// the landing page's ranking), claims of equal rank in the review's order.
function byRank(cards) {
  return cards.map((c, i) => [Number(c.dataset.rank), i, c]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
}
// A menu's values in the order of their scale (the page's #claims-scales, from acureview.site.ranking.scales):
// verdicts gravest first, severities critical first, importance headline first; values not on a scale
// (the sections) keep the order of the cards.
function inScaleOrder(values, scale) {
  if (!scale) return values;
  const at = (v) => (scale.indexOf(v) < 0 ? scale.length : scale.indexOf(v));
  return values.map((v, i) => [at(v), i, v]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
}
if (typeof module !== "undefined") module.exports = { spreadsheetSafe, csvRow, byRank, inScaleOrder };  // for the tests (Node)

if (typeof document !== "undefined") document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".claim-cards[data-filterable]").forEach((box) => {
    const cards = Array.from(box.querySelectorAll(".claim-card"));
    const original = cards.slice();
    const ranked = byRank(cards);
    const scalesElement = document.getElementById("claims-scales");
    const scales = scalesElement ? JSON.parse(scalesElement.textContent) : {};
    let order = original;
    const keys = ["section", "verdict", "severity", "importance"];
    const bar = document.createElement("div");
    bar.className = "claims-filters";
    bar.setAttribute("role", "search");
    const search = document.createElement("input");
    search.type = "search";
    search.placeholder = "search the claims";
    search.setAttribute("aria-label", "search the claims");
    search.dataset.key = "q";
    bar.appendChild(search);
    const menus = {};
    for (const key of keys) {
      const label = document.createElement("label");
      label.textContent = key + " ";
      const select = document.createElement("select");
      select.setAttribute("aria-label", "filter by " + key);
      select.dataset.key = key;
      select.add(new Option("all", ""));
      // a section is offered by its heading (the card's data-section-name), its value stays its number
      const names = {};
      cards.forEach((c) => { names[c.dataset[key]] = (key === "section" && c.dataset.sectionName) || c.dataset[key]; });
      inScaleOrder([...new Set(cards.map((c) => c.dataset[key]))], scales[key]).forEach((v) => select.add(new Option(names[v], v)));
      label.appendChild(select);
      bar.appendChild(label);
      menus[key] = select;
    }
    const sortLabel = document.createElement("label");
    sortLabel.textContent = "order ";
    const sort = document.createElement("select");
    sort.dataset.key = "sort";
    sort.setAttribute("aria-label", "order of the claims");
    sort.add(new Option("the review's order", ""));
    sort.add(new Option("gravest first", "gravest"));
    sortLabel.appendChild(sort);
    bar.appendChild(sortLabel);
    const shown = document.createElement("span");
    shown.className = "claims-count";
    shown.setAttribute("aria-live", "polite");
    bar.appendChild(shown);
    const download = document.createElement("button");
    download.type = "button";
    download.className = "claims-download";
    download.textContent = "download this view (CSV)";
    bar.appendChild(download);
    box.before(bar);
    // the bar sticks below the theme's sticky header of the article (its height changes with the width)
    const header = document.querySelector(".bd-header-article");
    // and a card opened by its address (#card-...) scrolls into view below the header and the bar, not under them
    const below = () => {
      const sticky = header && getComputedStyle(header).position === "sticky" && header.offsetParent !== null;
      const top = sticky ? header.getBoundingClientRect().height : 0;
      bar.style.top = top + "px";
      document.documentElement.style.scrollPaddingTop = Math.ceil(top + bar.getBoundingClientRect().height + 8) + "px";
    };
    below();
    window.addEventListener("resize", below);
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && box.contains(target)) target.scrollIntoView();

    const text = (c, sel) => { const e = c.querySelector(sel); return e ? e.textContent.trim() : ""; };
    const haystack = new Map(cards.map((c) => [c, c.textContent.toLowerCase()]));

    function apply(write) {
      const q = search.value.trim().toLowerCase();
      let n = 0;
      cards.forEach((c) => {
        const ok = Object.entries(menus).every(([k, s]) => !s.value || c.dataset[k] === s.value) &&
          (!q || q.split(/\s+/).every((w) => haystack.get(c).includes(w)));
        c.hidden = !ok;
        n += ok ? 1 : 0;
      });
      order = sort.value === "gravest" ? ranked : original;
      order.forEach((c) => box.appendChild(c));
      shown.textContent = n + " of " + cards.length + (cards.length === 1 ? " claim" : " claims");
      if (write) {
        const params = new URLSearchParams();
        if (search.value.trim()) params.set("q", search.value.trim());
        for (const [k, s] of Object.entries(menus)) if (s.value) params.set(k, s.value);
        if (sort.value) params.set("sort", sort.value);
        const query = params.toString();
        history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
      }
    }

    // the view in the address, if any
    const params = new URLSearchParams(location.search);
    search.value = params.get("q") || "";
    for (const [k, s] of Object.entries(menus)) {
      const v = params.get(k);
      if (v && Array.from(s.options).some((o) => o.value === v)) s.value = v;
    }
    if (params.get("sort") === "gravest") sort.value = "gravest";
    [search, sort, ...Object.values(menus)].forEach((e) => e.addEventListener("input", () => apply(true)));

    download.addEventListener("click", () => {
      const cols = ["claim", "section", "importance", "verdict", "severity", "the review says", "reported",
        "re-derived from the sources", "finding"];
      // the view as shown: its filters and its order
      const rows = order.filter((c) => !c.hidden).map((c) => [c.dataset.claim, c.dataset.section, c.dataset.importance,
        c.dataset.verdict, c.dataset.severity === "none" ? "" : c.dataset.severity, text(c, ".claim-quote"),
        text(c, ".claim-reported"), text(c, ".claim-rederived"), text(c, ".claim-finding")]);
      const csv = [cols, ...rows].map(csvRow).join("\n") + "\n";
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
      a.download = "claims-view.csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
    });
    apply(false);
    if (location.hash) { const t = document.getElementById(location.hash.slice(1)); if (t) t.scrollIntoView(); }
  });
});
