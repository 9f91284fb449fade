// A claim's citation names the card by its full address: the link's text becomes the address the browser resolved.
document.addEventListener("DOMContentLoaded", () => {
  for (const a of document.querySelectorAll("a.cite-address")) a.textContent = a.href;
});
