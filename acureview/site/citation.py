"""A claim's citation, to quote in a report (the claim's id, its verdict, the book and the commit it
was built from, the card's address), and, where the repository's address is known, a link that
opens an issue about the claim with its title and the citation filled in.

A card is rendered when its page executes, and an executed page is reused while the data and the
code are unchanged, even after a new commit or a new repository address: so the card carries only
an empty ``<p class="claim-cite" ...>`` naming the claim, and the citation is written into it when
the page is written (:func:`fill`), from the commit and the address of that build."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from .templates import render

#: the page of every claim's card, whose address a citation gives
CARDS_PAGE = "book/dashboard"
#: the empty element a card carries, filled when its page is written
SLOT = re.compile(r'<p class="claim-cite" data-claim="([^"]*)" data-card="([^"]*)" data-verdict="([^"]*)"></p>')


def citation_text(claim: str, verdict: str, book: str, built_from: str, address: str) -> str:
    return f"{book}, claim {claim} (verdict: {verdict}), built from commit {built_from}. {address}"


def issue_link(repo: str, claim: str, verdict: str, citation: str) -> str:
    """The address that opens a new issue on ``repo`` about a claim, its title and text filled in."""
    if not repo:
        return ""
    body = f"{citation}\n\nWhat is wrong, and where the source says so:\n"
    return f"{repo}/issues/new?" + urlencode({"title": f"Claim {claim} ({verdict})", "body": body})


def card_address(card: str, card_page: str, base_url: str = "") -> str:
    """The address of the card ``card`` (its anchor): from the site's public address ``base_url``
    when it is known, else the link ``card_page`` from the page at hand to the page of the cards."""
    if base_url:
        return f"{base_url.rstrip('/')}/{CARDS_PAGE}.html#{card}"
    return f"{card_page}#{card}"


def fill(body: str, book: str, built_from: str, repo: str, card_page: str, base_url: str = "") -> str:
    """The page's HTML ``body`` with every card's citation written in: ``card_page`` is the link from
    this page to the page of the cards; ``base_url`` the site's public address, if known."""

    def one(m: re.Match) -> str:
        claim, card, verdict = m.groups()
        address = card_address(card, card_page, base_url)
        text = citation_text(claim, verdict, book, built_from, address)
        return render(
            "citation.html",
            claim=claim,
            card=card,
            href=address,
            text=text,
            issue=issue_link(repo, claim, verdict, text),
        )

    return SLOT.sub(one, body)
