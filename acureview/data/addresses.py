"""Where a source stands: its canonical address, built from its identifiers, and the hosts that may
never stand as a source's address.

A fact's ``address`` and a source's ``url`` are the source's scholarly address: ``https://doi.org/<DOI>``,
``https://pubmed.ncbi.nlm.nih.gov/<PMID>/``, ``https://pmc.ncbi.nlm.nih.gov/articles/<PMCID>/``, a trial
registry's record or the publisher's page. Where the copy actually read stands elsewhere (a mirror, a
repository, a PubMed front end), that copy is named in ``read_at``, shown as "read at", never as the source.

The review under study is published with this book; its address is ``review:`` (optionally with a
fragment, ``review:#references``), which the site turns into a link to the review's page.

:data:`REFUSED_HOSTS` is the one list of hosts refused as a source's address: e-mail click-trackers,
link shorteners, proxies and front ends of PubMed, scraped mirrors and code hosts that keep copies of
articles; :data:`REFUSED_NAMES` the parts of a host's name refused in any address (shadow libraries,
a library's proxy), and :data:`TRACKING_PARAMETER` the query parameters that track a click.
:data:`ADDRESS_PATTERN` (a scheme, and none of those hosts) is the ``pattern`` of the
``address`` and ``url`` columns in ``data/datapackage.json`` (a test keeps the two the same), and
:data:`READ_AT_PATTERN` that of ``read_at``, which refuses trackers and shorteners only: a mirror may be
the copy read, named as such.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Hosts that redirect through a tracker or hide the address they lead to: never an address of any kind.
TRACKERS = (
    "klclick.com",
    "bit.ly",
    "t.co",
    "tinyurl.com",
    "goo.gl",
    "ow.ly",
    "buff.ly",
    "lnkd.in",
    "doi.wiki",
    "safelinks.protection.outlook.com",
    "google.com/url",
    "urldefense.com",
)
#: Hosts that serve a copy of someone else's page (proxies, front ends, scraped mirrors, document
#: sharing sites, code hosts): a copy may be what was read (``read_at``), never the source's address.
MIRRORS = (
    "togows.dbcls.jp",
    "pubmed.gov",
    "ncbi.nlm.nih.gov/pubmed",
    "proxy.weglot.com",
    "gamestartup.netlify.app",
    "mdsite.deno.dev",
    "distantreader.org",
    "c.coek.info",
    "scribd.com",
    "bohrium.dp.tech",
    "discovery.researcher.life",
    "github.com",
    "raw.githubusercontent.com",
    "docslib.org",
    "dokumen.tips",
    "vdocuments.net",
    "studylib.net",
    "123dok.co",
    "libmast.utm.my",
    "ichgcp.net",
    "qigonginstitute.org",
    "metajournal.com",
    "scilit.net",
    "guidelinecentral.com",
    "painscience.com",
    "bandolier.org.uk",
    "chinesemedicalcentrebarnet.co.uk",
    "crossref.org/openurl",
)
#: Every host refused as a source's address, in one place.
REFUSED_HOSTS = TRACKERS + MIRRORS
#: Parts of a host's name that no address of any kind may hold: shadow libraries (Sci-Hub, Library
#: Genesis, on whatever domain) and a library's proxy (EZproxy), which only its members can open.
REFUSED_NAMES = ("sci-hub", "libgen", "ezproxy")
#: Query parameters that track who followed a link (``utm_*``, ``fbclid``, ``gclid``, ``mc_*``,
#: HubSpot's ``_hsenc`` and ``_hsmi``), in any case: no address of any kind carries them.
TRACKING_PARAMETER = r"[?&#](?i:utm_\w*|fbclid|gclid|mc_\w+|_hsenc|_hsmi)="

#: The address of the review under study, published with this book.
REVIEW = "review:"


def _hosts(hosts: tuple[str, ...]) -> str:
    """A negative lookahead that refuses each host (and its subdomains) right after the scheme, any
    host whose name holds one of :data:`REFUSED_NAMES` (hosts compared in any case, as browsers do),
    a user name before the host (``https://doi.org@bit.ly/``, whose host is bit.ly), and any address
    with a tracking parameter."""
    alternatives = "|".join(re.escape(h) for h in hosts)
    names = "|".join(re.escape(n) for n in REFUSED_NAMES)
    return (
        rf"(?!(?i:(?:[^/\s]*\.)?(?:{alternatives}))(?:[:/?#]|$))"
        rf"(?!(?i:[^/?#\s]*(?:{names})))(?![^/?#\s]*@)(?!\S*{TRACKING_PARAMETER})"
    )


#: ``pattern`` of a source's address (``address``, ``url``): a web address outside the refused hosts, or the review.
ADDRESS_PATTERN = rf"(?:https?://{_hosts(REFUSED_HOSTS)}[^\s/]+\.\S+|{re.escape(REVIEW)}(?:#\S+)?)"
#: ``pattern`` of the copy read (``read_at``): any web address but a tracker's or a shortener's.
READ_AT_PATTERN = rf"https?://{_hosts(TRACKERS)}[^\s/]+\.\S+"


def refused(address: str) -> str | None:
    """The refused host (of :data:`REFUSED_HOSTS`), part of a host's name (:data:`REFUSED_NAMES`),
    user name before the host (``'doi.org@'``) or tracking parameter that ``address`` holds, or None."""
    parts = urlsplit(address.strip())
    if "@" in parts.netloc:
        return parts.netloc.rpartition("@")[0] + "@"
    host = (parts.hostname or "").lower()
    where = host.removeprefix("www.") + parts.path
    for h in REFUSED_HOSTS:
        if host == h or host.endswith("." + h) or ("/" in h and (where == h or where.startswith(h + "/"))):
            return h
    name = next((n for n in REFUSED_NAMES if n in host), None)
    tracking = re.search(TRACKING_PARAMETER, address)
    return name or (tracking.group()[1:-1] if tracking else None)


def doi_address(doi: str) -> str:
    """``https://doi.org/<doi>`` (a DOI given bare or as a doi.org address)."""
    return "https://doi.org/" + re.sub(r"^https?://(dx\.)?doi\.org/", "", doi.strip())


def pubmed_address(pmid: str) -> str:
    return f"https://pubmed.ncbi.nlm.nih.gov/{pmid.strip()}/"


def pmc_address(pmcid: str) -> str:
    return f"https://pmc.ncbi.nlm.nih.gov/articles/{pmcid.strip()}/"


def canonical(source: dict[str, str]) -> str:
    """A source's canonical address from its identifiers as the record shows them: its DOI, else its
    PubMed id, else its PMC id, else the address recorded (a registry's or a publisher's page)."""
    if source.get("record_doi"):
        return doi_address(source["record_doi"])
    if source.get("record_pmid"):
        return pubmed_address(source["record_pmid"])
    if source.get("record_pmcid"):
        return pmc_address(source["record_pmcid"])
    return source.get("url", "")


def is_link(address: str) -> bool:
    """Whether a page shows ``address`` as a link: a web address (http or https) or the review's."""
    return address.startswith(("https://", "http://", REVIEW))
