"""Each claim card's verdict as schema.org ClaimReview JSON-LD (https://schema.org/ClaimReview), one
``<script type="application/ld+json">`` after each card, for search engines and fact-check tools.

The fields follow Google's fact-check markup (read at
https://developers.google.com/search/docs/appearance/structured-data/factcheck): it requires
``claimReviewed``, ``reviewRating`` (a Rating with ``alternateName``, the verdict's words) and
``url``, and recommends ``author``, ``datePublished``, ``itemReviewed`` (a Claim, with its
``appearance``) and, on the Rating, ``ratingValue``, ``bestRating`` and ``worstRating``, with the
numeric scale documented. Here ``claimReviewed`` is the review's words, ``itemReviewed`` the claim
as it appears in the review (its place on the annotated review's page), ``author`` the book's
authors (``isPartOf`` the book), ``datePublished`` the book's release (both from CITATION.cff),
and ``url`` the card's address, the same as its citation's (:func:`.citation.card_address`).

The scale (:data:`SCALE`): ``ratingValue`` is the verdict's place in the dashboard's order, gravest
first (:data:`acureview.verdicts.ORDER`), from 1 (inconsistent) to 10 (reproduced); a claim not yet
checked has no value. The scale is stated in every Rating's ``description``.

A card is rendered when its page executes, and reused while the data and code are unchanged, so
its addresses are relative to the page; when the page is written (:func:`fill`), the card's
address becomes its citation's and, where the site's public address is known, every address
becomes absolute. The JSON is written with sorted keys and with ``<``, ``>``, ``&`` and ``'`` as
JSON escapes, so that no quoted text (a ``</script>`` in a source's words) can end the script."""

from __future__ import annotations

import functools
import json
import re
from urllib.parse import urljoin

import yaml
from jinja2.utils import htmlsafe_json_dumps

from ..paths import ROOT
from ..verdicts import ORDER, PENDING
from .citation import CARDS_PAGE, card_address
from .templates import render
from .text import human, plain_words

#: the verdicts that take a rating, gravest (1) to best
RATED = tuple(v for v in ORDER if v != PENDING)
WORST, BEST = 1, len(RATED)
#: each verdict with its number, gravest first, as the methods page and every Rating state them
SCALE_WORDS = "; ".join(f"{i} {v}" for i, v in enumerate(RATED, WORST))
#: the numeric scale, in words, as every Rating states it
SCALE = (
    f"ratingValue is the verdict's place in the order gravest first, from {WORST} ({RATED[0]}) to {BEST} "
    f"({RATED[-1]}): {SCALE_WORDS}."
)
#: the page of the review's text, where each claim stands marked (``#review-<claim>``)
REVIEW_PAGE = "book/review"
#: what the book says of itself: its title, authors and release
CITATION = ROOT / "CITATION.cff"
#: a card's JSON-LD as the card writes it
SCRIPT = re.compile(r'<script type="application/ld\+json" data-card="([^"]*)">(.*?)</script>', re.DOTALL)


def rating_value(verdict: str) -> int | None:
    """The verdict's number on the scale (:data:`SCALE`), or None for a claim not yet checked."""
    return RATED.index(verdict) + WORST if verdict in RATED else None


@functools.cache
def book(path=CITATION) -> dict[str, str]:
    """The book's title, its authors and the date of its release, as CITATION.cff gives them."""
    cff = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        "title": cff["title"],
        "authors": ", ".join(a["name"] for a in cff["authors"]),
        "released": str(cff["date-released"]),
    }


def review_title(review: str) -> str:
    """The review's title: the first level-one heading of its text."""
    m = re.search(r"^#\s+(.+?)\s*$", review, re.MULTILINE)
    return m.group(1) if m else "the review"


def claim_review(r, review: str, finding: str, root: str = "../") -> dict:
    """A claim (a row of the verdict table) as a ClaimReview; ``review`` is the review's text,
    ``finding`` the verdict's reason in one sentence (for a claim with a reason), ``root`` the way from the page to the site's root."""
    slug = r.anchor.removeprefix("claim-")
    about = book()
    rating = {
        "@type": "Rating",
        "alternateName": r.verdict,
        "name": f"{r.verdict}, {r.severity}" if r.severity else r.verdict,
        "description": SCALE,
        "worstRating": WORST,
        "bestRating": BEST,
    }
    if (value := rating_value(r.verdict)) is not None:
        rating["ratingValue"] = value
    if r.reason:
        rating["ratingExplanation"] = human(finding)
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": plain_words(r.quote),
        "reviewRating": rating,
        "itemReviewed": {
            "@type": "Claim",
            "name": f"claim {r.claim_id}",
            "appearance": {
                "@type": "CreativeWork",
                "name": review_title(review),
                "url": f"{root}{REVIEW_PAGE}.html#review-{slug}",
            },
        },
        "author": {"@type": "Organization", "name": about["authors"]},
        "isPartOf": {"@type": "Book", "name": about["title"]},
        "datePublished": about["released"],
        "url": card_address(f"card-{slug}", f"{root}{CARDS_PAGE}.html"),
    }


def script(card: str, review: dict) -> str:
    """The ``<script type="application/ld+json">`` of the card ``card`` (its anchor): the JSON with
    sorted keys, every character that HTML could read as markup written as a JSON escape."""
    return render(
        "claim_review.html", card=card, json=htmlsafe_json_dumps(review, sort_keys=True, separators=(",", ":"))
    )


def fill(body: str, page: str, card_page: str, base_url: str = "") -> str:
    """The page's HTML ``body`` with every card's JSON-LD given its address for this build: the card's
    citation's (``card_page``: the link from this page to the cards; ``base_url``: the site's public
    address, if known), and the claim's place in the review made absolute from ``base_url`` (``page``:
    this page's name, as ``book/dashboard``)."""

    def one(m: re.Match) -> str:
        card, review = m.group(1), json.loads(m.group(2))
        review["url"] = card_address(card, card_page, base_url)
        if base_url:
            appearance = review["itemReviewed"]["appearance"]
            appearance["url"] = urljoin(f"{base_url.rstrip('/')}/{page}.html", appearance["url"])
        return script(card, review)

    return SCRIPT.sub(one, body)
