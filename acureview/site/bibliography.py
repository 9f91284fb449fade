"""The book's bibliography of its sources, generated from ``data/sources.csv`` (the one record of every
source): ``book/sources.bib``, one BibTeX entry per source the verdicts read (the review under study
aside: it is the book's subject, shown on its own page), each with its canonical address (``url``), its
identifiers and, as ``keywords``, its role (cited by the review; best evidence; methods), by which the
references page groups them. The methods papers that are no source of a fact (the risk-of-bias and
GRADE tools, the priors' references) stay in the hand-kept ``book/methods.bib``.

Every word of a title that carries a capital after its first letter is kept as written (wrapped in
braces: ``{Norwegian}``, ``{De-Qi}``, ``{SSRIs}``), so that no style lower-cases a proper noun.
``python -m acureview bib`` writes the file; a test keeps the file committed equal to what the data give.
"""

from __future__ import annotations

import re

from ..data import Dataset
from ..paths import ROOT

#: the generated file (the methods papers are in the hand-kept book/methods.bib beside it)
SOURCES_BIB = ROOT / "book" / "sources.bib"
#: the roles of sources.csv, in the order the references page lists them (the review itself has no entry)
ROLES = ("cited by the review", "best evidence", "methods")
HEADER = (
    "% Generated from data/sources.csv by `python -m acureview bib`; do not edit: edit the data and regenerate.\n"
    "% One entry per source the verdicts read; keywords = its role; url = its canonical address.\n"
)
_SPECIAL = re.compile(r"([&%$#_])")


def _escape(text: str) -> str:
    """BibTeX text with its special characters escaped and no stray braces."""
    return _SPECIAL.sub(r"\\\1", text.replace("{", "(").replace("}", ")"))


def protect(title: str) -> str:
    """A title with every word that has a capital after its first character kept as written: the
    first word only when it has another capital inside it ('{SSRIs}'), any later word that starts
    with or holds a capital ('{Norwegian}', '{De-Qi}')."""
    words = _escape(title).split(" ")
    out = []
    for i, w in enumerate(words):
        capitals = re.search(r"[A-Z]", w[1:]) if i == 0 else re.search(r"[A-Z]", w)
        out.append("{" + w + "}" if capitals else w)
    return " ".join(out)


def authors(text: str) -> str:
    """'Gao Y, Tong Q-Y, et al.' as BibTeX names: 'Gao, Y and Tong, Q-Y and others'; a body ('NICE') in braces."""
    names = []
    for a in (a.strip() for a in text.split(",")):
        if not a:
            continue
        if re.fullmatch(r"et al\.?", a):
            names.append("others")
            continue
        family, _, initials = a.rpartition(" ")
        names.append(f"{_escape(family)}, {_escape(initials)}" if family else "{" + _escape(a) + "}")
    return " and ".join(names)


def cite_key(source_id: str, s: dict[str, str]) -> str:
    """The key a chapter cites: for a reference of the review, its first author and year as the record
    shows them ('gao2023', 'vickers2012'), else the source's id in lower case ('zhao2019')."""
    if not s["review_ref"]:
        return source_id.lower()
    first = (s["record_authors"] or s["cited_authors"]).split(",")[0].split(" ")[0]
    return re.sub(r"[^a-z]", "", first.lower()) + (s["record_year"] or s["cited_year"])


def _pages(pages: str) -> str:
    return re.sub(r"^(\d+)\s*[-\u2013]\s*(\d+)$", r"\1--\2", pages)


def entry(source_id: str, s: dict[str, str]) -> str:
    """One source as a BibTeX entry: the record as found (the entry as cited where none was found)."""
    side = "record" if s["found"] != "no" else "cited"
    get = {f: s[f"{side}_{f}"] for f in ("authors", "title", "journal", "year", "volume", "issue", "pages", "doi")}
    ids = [
        f"PMID {s['record_pmid']}" if s["record_pmid"] else "",
        f"PMCID {s['record_pmcid']}" if s["record_pmcid"] else "",
        f"registration {s['record_registration']}" if s["record_registration"] else "",
    ]
    found = {
        "no": "No record was found; the entry as the review cites it",
        "nearest": f"The nearest record to the review's reference [{s['review_ref']}]",
    }.get(s["found"], "")
    # else a guideline, a page, or an article whose authors no copy read shows (the styles require an article's)
    article = bool(get["journal"] and get["authors"]) and any(get[f] for f in ("volume", "pages", "doi"))
    fields = [
        ("author", authors(get["authors"])),
        ("title", protect(get["title"])),
        ("journal" if article else "howpublished", _escape(get["journal"])),
        ("year", get["year"]),
        ("volume", _escape(get["volume"])),
        ("number", _escape(get["issue"])),
        ("pages", _escape(_pages(get["pages"]))),
        ("doi", get["doi"]),
        # the DOI is printed as its doi.org link: the same address again as the url would print it twice
        ("url", "" if get["doi"] and s["url"].lower() == f"https://doi.org/{get['doi']}".lower() else s["url"]),
        ("note", "; ".join(p for p in [found, *ids] if p)),
        ("keywords", s["role"]),
    ]
    kind = "article" if article else "misc"
    body = ",\n".join(f"  {k:<8} = {{{v}}}" for k, v in fields if v)
    return f"@{kind}{{{cite_key(source_id, s)},\n{body}\n}}\n"


def bibtex(data: Dataset) -> str:
    """The text of ``book/sources.bib``: every source but the review under study, grouped by role."""
    entries = [entry(sid, s) for role in ROLES for sid, s in data.sources.items() if s["role"] == role]
    return HEADER + "\n" + "\n".join(entries)


def write(data: Dataset, path=SOURCES_BIB) -> str:
    """Write :func:`bibtex` to ``path`` (``book/sources.bib``); returns the path written."""
    path.write_text(bibtex(data), encoding="utf-8")
    return str(path)
