"""Addresses as links: every source's address (http or https, or ``review:`` for the review under
study) becomes a link on a page, with a short label a reader recognises (``doi:10.1001/...``,
``PubMed 22965186``, ``PMC3658605``, ``the review``, else the host), and the copy actually read, where it
is elsewhere, is shown beside it as "read at", never as the source."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from markupsafe import Markup

from ..data import REVIEW, Dataset, is_link
from ..studies.sources import source_label

#: the page of the review under study, from the site's root
REVIEW_PAGE = "book/review.html"


def href(address: str, root: str = "../") -> str:
    """Where a link to ``address`` points, from a page ``root`` below the site's root: a web address as
    it is, ``review:`` (with an optional ``#fragment``) as the review's page; ``""`` for anything else."""
    address = (address or "").strip()
    if not is_link(address):
        return ""
    if address.startswith(REVIEW):
        return root + REVIEW_PAGE + address.removeprefix(REVIEW)
    return address


def label(address: str) -> str:
    """A short name for ``address``: 'doi:10.1001/x', 'PubMed 22965186', 'PMC3658605', 'the review', or the host."""
    address = (address or "").strip()
    if address.startswith(REVIEW):
        return "the review"
    if m := re.match(r"https?://(?:dx\.)?doi\.org/(.+)$", address):
        return "doi:" + m.group(1)
    if m := re.match(r"https?://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/?$", address):
        return "PubMed " + m.group(1)
    if m := re.match(r"https?://pmc\.ncbi\.nlm\.nih\.gov/articles/(PMC\d+)/?$", address):
        return m.group(1)
    return (urlsplit(address).hostname or address).removeprefix("www.")


def source_links(data: Dataset, source_ids: Iterable[str], root: str = "../") -> Markup:
    """Sources as links to their canonical addresses (sources.csv, ``url``), each named as a reader
    knows it ('[1] (Gao 2023)', 'Bäumler 2021'), separated by semicolons; '-' for none. Safe markup:
    every name and address is escaped."""
    links = [
        Markup('<a href="{}">{}</a>').format(href(data.sources[i]["url"], root), source_label(data, i))
        for i in source_ids
    ]
    return Markup("; ").join(links) if links else Markup("-")
