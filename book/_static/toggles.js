/* The sidebars' buttons. The theme draws two buttons of each kind (`.primary-toggle`, `.secondary-toggle`): one
 * in its top bar, which this book's layout hides, and the one a reader sees in the article's header.
 * pydata-sphinx-theme binds only the first it finds (its issue 2451), so the visible button did nothing, at
 * every width: a click on it is passed to the bound one, which opens the sidebar. */
document.addEventListener("DOMContentLoaded", function () {
  ["primary-toggle", "secondary-toggle"].forEach(function (name) {
    const buttons = Array.from(document.querySelectorAll("." + name));
    const bound = buttons[0];
    buttons.slice(1).forEach(function (button) {
      button.addEventListener("click", function (event) {
        event.preventDefault();
        event.stopPropagation();
        bound.click();
      });
    });
  });
});
