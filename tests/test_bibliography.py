"""The bibliography: generated from data/sources.csv (the file committed is what the data give), complete
(every source a verdict reads, every key a chapter cites), grouped by role, each entry at its canonical
address, and with proper nouns kept as written."""

from __future__ import annotations

import re

import pybtex.database
import pytest
import sphinx.cmd.build

from acureview.appraisal.tables import SOF_SOURCES
from acureview.paths import ROOT
from acureview.site import bibliography
from acureview.site.bibliography import ROLES, SOURCES_BIB, bibtex, cite_key, protect
from acureview.site.links import source_links

METHODS_BIB = SOURCES_BIB.with_name("methods.bib")  # the methods' references, kept by hand

CITED = re.compile(r"\{cite(?::\w+)?\}`([^`]+)`")


@pytest.fixture(scope="module")
def bib():
    return {
        name: pybtex.database.parse_file(str(path), bib_format="bibtex")
        for name, path in (("sources", SOURCES_BIB), ("methods", METHODS_BIB))
    }


def test_the_committed_file_is_what_the_data_give(data):
    assert SOURCES_BIB.read_text(encoding="utf-8") == bibtex(data), "run: python -m acureview bib"


def test_the_file_changes_with_the_data(data):
    s = dict(data.sources["R2"], record_title="A Norwegian study")
    changed = data.__class__(**{**data.__dict__, "sources": {**data.sources, "R2": s}})
    assert bibtex(changed) != bibtex(data)
    assert "title    = {A {Norwegian} study}" in bibtex(changed)


def test_every_source_a_verdict_reads_has_an_entry(data, bib):
    keys = set(bib["sources"].entries)
    relied_on = (
        {r for c in data.claims for r in c.refs}
        | {f.source_id for f in data.facts.values()}
        | {r.source_id for r in data.readings}
    )
    needed = relied_on - {"Review"}
    assert len(needed) >= 40
    for sid in needed:
        assert cite_key(sid, data.sources[sid]) in keys, sid
    assert len(keys) == len([s for s in data.sources.values() if s["role"] != "the review"])


def test_every_source_a_reading_or_the_summary_of_findings_names_has_an_entry_at_its_address(data, bib):
    """The gaps the claims and facts leave: a source whose unread text a reading supposes, and each
    source the summary of findings links, is in the bibliography, linked where its entry links."""
    needed = {r.source_id for r in data.readings} | {sid for ids in SOF_SOURCES.values() for sid in ids}
    assert {"R1", "R4", "R5", "MacPherson2017", "R2", "Baeumler2021"} <= needed
    for sid in needed:
        e = bib["sources"].entries[cite_key(sid, data.sources[sid])]
        address = e.fields.get("url") or f"https://doi.org/{e.fields['doi']}"
        assert f'href="{address}"' in source_links(data, [sid]), sid


def test_every_key_a_page_cites_is_in_the_bibliography(bib):
    keys = set(bib["sources"].entries) | set(bib["methods"].entries)
    assert not set(bib["sources"].entries) & set(bib["methods"].entries)
    pages = [*(ROOT / "book").glob("*.md"), *(ROOT / "notebooks").glob("*.md")]
    cited = {k.strip() for p in pages for m in CITED.findall(p.read_text(encoding="utf-8")) for k in m.split(",")}
    assert len(cited) >= 20
    assert cited <= keys, cited - keys


def test_every_entry_links_to_its_canonical_address_and_names_its_role(data, bib):
    by_key = {cite_key(sid, s): s for sid, s in data.sources.items() if s["role"] != "the review"}
    for key, e in bib["sources"].entries.items():
        s = by_key[key]
        # the canonical address: the url, or the DOI's when the url would repeat it
        doi = e.fields.get("doi")
        address = e.fields.get("url") or (f"https://doi.org/{doi}" if doi else "")
        assert address.lower() == s["url"].lower(), key
        assert e.fields["keywords"] == s["role"] in ROLES, key
    for key, e in bib["methods"].entries.items():
        assert e.fields["keywords"] == "methods", key
        # a DOI is printed as its link: never the same address again as a url
        assert (
            "doi" not in e.fields or e.fields.get("url", "").lower() != "https://doi.org/" + e.fields["doi"].lower()
        ), key


def test_every_methods_entry_links_to_its_address(bib):
    """A methods paper the book cites by hand links to its DOI or its page, as every source does."""
    for key, e in bib["methods"].entries.items():
        assert e.fields.get("doi") or e.fields.get("url"), key
    assert bib["methods"].entries["box1980"].fields["doi"] == "10.2307/2982063"


def test_every_role_has_its_entries_and_its_group_on_the_references_page(bib):
    # each entry carries its role as its keyword, the key of the page's groups: every role has entries
    assert {e.fields["keywords"] for e in bib["sources"].entries.values()} == set(ROLES)
    page = (ROOT / "book" / "references.md").read_text(encoding="utf-8")
    for role in ROLES:
        assert f':filter: keywords % "{role}"' in page, role
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert "bibtex_bibfiles: [book/sources.bib, book/methods.bib]" in config


def test_proper_nouns_keep_their_capitals(bib):
    title = bib["sources"].entries["lindberg2025"].fields["title"]
    assert "{Norwegian}" in title and "{De-Qi}" in title
    assert protect("SSRIs and De-Qi in Norway") == "{SSRIs} and {De-Qi} in {Norway}"
    assert protect("Acupuncture for pain") == "Acupuncture for pain"
    assert protect("Pain & 50% of {x}") == r"Pain \& 50\% of (x)"


def test_names_as_bibtex_reads_them():
    assert bibliography.authors("Gao Y, Tong Q-Y, et al.") == "Gao, Y and Tong, Q-Y and others"
    assert bibliography.authors("NICE") == "{NICE}"
    assert bibliography.authors("Da Costa C") == "Da Costa, C"


def test_the_references_page_s_filters_list_every_entry_once(tmp_path):
    """A small Sphinx project with the book's two .bib files and the references page's three filtered
    bibliographies (as reStructuredText): it builds without a warning and lists every entry once."""
    for path in (SOURCES_BIB, METHODS_BIB):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "conf.py").write_text(
        'extensions = ["sphinxcontrib.bibtex"]\nbibtex_bibfiles = ["sources.bib", "methods.bib"]\n', encoding="utf-8"
    )
    page = (ROOT / "book" / "references.md").read_text(encoding="utf-8")
    filters = re.findall(r"^:filter: (.+)$", page, re.MULTILINE)
    assert len(filters) == len(ROLES)
    (tmp_path / "index.rst").write_text(
        "References\n==========\n\n" + "".join(f".. bibliography::\n   :filter: {f}\n\n" for f in filters),
        encoding="utf-8",
    )
    build = sphinx.cmd.build.build_main(["-q", "-W", "-b", "html", str(tmp_path), str(tmp_path / "_out")])
    assert build == 0
    html = (tmp_path / "_out" / "index.html").read_text(encoding="utf-8")
    n = len(pybtex.database.parse_file(str(SOURCES_BIB)).entries) + len(
        pybtex.database.parse_file(str(METHODS_BIB)).entries
    )
    assert html.count('role="doc-biblioentry"') == n
    assert "https://doi.org/10.3389/fpain.2025.1521466" in html


def test_an_entry_prints_its_doi_once(data):
    text = bibtex(data)
    assert "doi      = {10.13703/j.0255-2930.20220417-k0003}" in text
    assert "url      = {https://doi.org/10.13703/j.0255-2930.20220417-k0003}" not in text
    # counter-case: an address other than the DOI's stays
    assert "url      = {https://pmc.ncbi.nlm.nih.gov/" in text or "url      = {https://pubmed." in text
