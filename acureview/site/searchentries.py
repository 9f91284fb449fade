"""What the site's search finds on a page of claim cards beyond its words: each card by its claim's
id ("C-3.1-05") and by each number its values print with a decimal point ("66.3", and "66.3%"
where it is printed as a percentage: a query must lie within an entry), as search entries that
lead to the card itself; and on every page, each number printed with thousands separators
("10,000"), as an entry that leads to its section. Sphinx's search drops every query term made of
digits alone and splits "66.3", "10,000" and "C-3.1-05" into such terms, but it compares the whole
query with the index entries of a page, and ranks an entry that matches above every match in a
page's words."""

from __future__ import annotations

import html as html_text
import re

#: a card as ``templates/card.html`` writes it: its anchor and its claim's id
CARD = re.compile(r'<article class="claim-card" id="(?P<anchor>[^"]+)"[^>]*\sdata-claim="(?P<claim>[^"]+)"')
#: its reported and re-derived values
VALUES = re.compile(r'<dd class="claim-(?:reported|rederived)">(.*?)</dd>', re.DOTALL)
#: a number as a page prints it, with a decimal point (a whole number alone is too common to lead anywhere)
DECIMAL = re.compile(r"(?<![\d.])(\d+\.\d+)(?![\d.])(%?)")
#: a number printed with thousands separators ("10,000", "1,234,567"), not part of a longer one
GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d]|,\d|\.\d)")


def card_entries(html: str) -> list[tuple[str, str]]:
    """The search entries of the cards in ``html``: (what a reader types, the card's anchor), the
    claim's id first, then each decimal number of its reported and re-derived values, once each, and
    after a percentage's number the percentage as printed ("66.3", "66.3%")."""
    entries = []
    starts = list(CARD.finditer(html))
    ends = [card.start() for card in starts[1:]] + [len(html)] * bool(starts)
    for card, end in zip(starts, ends, strict=True):
        body = html[card.end() : end]
        values = " ".join(html_text.unescape(v) for v in VALUES.findall(body))
        numbers = [form for number, percent in DECIMAL.findall(values) for form in (number, number + percent)]
        for entry in dict.fromkeys([html_text.unescape(card["claim"]), *numbers]):
            entries.append((entry, card["anchor"]))
    return entries


#: an HTML tag (its attributes are not printed)
TAG = re.compile(r"<[^>]*>")


def grouped_numbers(text: str, html: bool = False) -> list[str]:
    """The numbers printed with thousands separators in ``text`` ("10,000"; with ``html``, in its
    text, not its tags' attributes), once each, in order."""
    if html:
        text = html_text.unescape(TAG.sub(" ", text))
    return list(dict.fromkeys(GROUPED.findall(text)))
