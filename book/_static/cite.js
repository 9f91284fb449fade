// A claim's citation names the card by its full address: the link's text becomes the address the browser resolved,
// without the page's query (a dashboard view such as ?q=66.3 is the reader's, not the card's: left in, it would be
// part of every card's text, and a shared search would match every card).
document.addEventListener("DOMContentLoaded", () => {
  for (const a of document.querySelectorAll("a.cite-address")) {
    const url = new URL(a.getAttribute("href"), location.href);
    url.search = "";
    a.href = url.href;
    a.textContent = url.href;
  }
});
