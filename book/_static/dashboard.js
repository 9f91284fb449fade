// Filter the claims table by section, verdict, severity and importance, and sort it by any column
// (click a heading; the verdict column sorts gravest first, by verdict then severity).
// Works on every table.claims[data-filterable]; without JavaScript the full table stays readable.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.claims[data-filterable]").forEach((table) => {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const bar = document.createElement("div");
    bar.className = "claims-filters";
    const menus = {};
    for (const key of ["section", "verdict", "severity", "importance"]) {
      const label = document.createElement("label");
      label.textContent = key + " ";
      const select = document.createElement("select");
      select.setAttribute("aria-label", "filter by " + key);
      select.dataset.key = key;
      select.add(new Option("all", ""));
      [...new Set(rows.map((r) => r.dataset[key]))].forEach((v) => select.add(new Option(v, v)));
      select.addEventListener("change", apply);
      label.appendChild(select);
      bar.appendChild(label);
      menus[key] = select;
    }
    const shown = document.createElement("span");
    shown.className = "claims-count";
    bar.appendChild(shown);
    table.closest(".claims-wrap").before(bar);

    function apply() {
      let n = 0;
      rows.forEach((r) => {
        const ok = Object.entries(menus).every(([k, s]) => !s.value || r.dataset[k] === s.value);
        r.hidden = !ok;
        n += ok ? 1 : 0;
      });
      shown.textContent = n + " of " + rows.length + " claims";
    }

    Array.from(table.tHead.rows[0].cells).forEach((th, i) => {
      th.tabIndex = 0;
      th.setAttribute("role", "button");
      th.title = "sort by this column";
      let ascending = true;
      const sort = () => {
        const key = (r) => r.cells[i].dataset.sort || r.cells[i].textContent.trim();
        rows.sort((a, b) => key(a).localeCompare(key(b), undefined, { numeric: true }) * (ascending ? 1 : -1));
        ascending = !ascending;
        rows.forEach((r) => body.appendChild(r));
      };
      th.addEventListener("click", sort);
      th.addEventListener("keydown", (e) => { if (e.key === "Enter") sort(); });
    });
    apply();
  });
});
