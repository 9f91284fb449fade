/* The book is published in light mode only. Its cards, tables and figures are coloured for a light
 * page, and the theme's dark mode left their text at about 1.3:1 contrast. Dark mode is turned off
 * deliberately, rather than left half-working: the theme's switcher is hidden (acureview.css), and a
 * mode stored by an earlier visit is reset before the theme reads it. */
(function () {
  try {
    localStorage.setItem("mode", "light");
    localStorage.setItem("theme", "light");
  } catch (e) { /* storage refused: the page's default mode, light, applies */ }
  document.documentElement.dataset.mode = "light";
  document.documentElement.dataset.theme = "light";
})();
