// Figures on a phone. A figure keeps its own size (its smallest text, 9 pt, at 12 CSS pixels or more: see
// acureview.site.plotting.MIN_FONT_PT) and, where the page is narrower, scrolls sideways inside a box that a
// keyboard can reach and a screen reader names; a tap or a click on any figure opens its image alone.
document.addEventListener("DOMContentLoaded", () => {
  const boxes = [];
  document.querySelectorAll("figure img").forEach((img) => {
    const figure = img.closest("figure");
    let link = img.closest("a");
    if (!link) {
      link = document.createElement("a");
      link.href = img.currentSrc || img.src;
      img.replaceWith(link);
      link.appendChild(img);
    }
    link.classList.add("figure-full");
    link.title = "open the figure alone, full size";
    const box = document.createElement("div");
    box.className = "figure-scroll";
    box.setAttribute("role", "region");
    // named by the figure's caption (each region's name its own), else by the image's description
    const caption = figure.querySelector("figcaption");
    const name = ((caption && caption.textContent) || img.alt || "").replace(/\s+/g, " ").trim();
    box.setAttribute("aria-label", "figure (scrolls sideways where wider than the page): " + name.slice(0, 120));
    link.replaceWith(box);
    box.appendChild(link);
    // a box wider than the page says so in words, under the figure
    const hint = document.createElement("p");
    hint.className = "figure-hint";
    hint.textContent = "Wider than the screen: scroll the figure sideways, or tap it to open it alone.";
    box.after(hint);
    boxes.push(box);
  });
  // only a box that scrolls takes the keyboard's focus and shows its hint
  const focusable = () =>
    boxes.forEach((b) => {
      const scrolls = b.scrollWidth > b.clientWidth;
      b.tabIndex = scrolls ? 0 : -1;
      b.nextElementSibling.hidden = !scrolls;
    });
  window.addEventListener("resize", focusable);
  window.addEventListener("load", focusable);
  focusable();
});
