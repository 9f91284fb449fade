"""Every source at its scholarly address: the schema refuses click-trackers, proxies, mirrors and
addresses without a scheme (the pattern of ``address`` and ``url`` is built from the one list of refused
hosts); every source's identifiers are well formed and its address is the canonical one they give;
the copy actually read is named as "read at", never as the source; and every address, http or https
or the review's, is a link on the pages that show it (rendered from the template functions)."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from acureview import verify
from acureview.checks.evidence import how_read
from acureview.data import ADDRESS_PATTERN, READ_AT_PATTERN, REFUSED_HOSTS, DataError, canonical, refused, resource
from acureview.data.addresses import MIRRORS, TRACKERS
from acureview.paths import ROOT
from acureview.site import cards, factspage
from acureview.site.links import REVIEW_PAGE, href, label
from acureview.studies.sources import where
from acureview.verify import load

#: publishers' pages at which facts were read (the article itself, not a copy)
PUBLISHERS = {"frontiersin.org", "bmj.com", "link.springer.com"}


def _edit(path, key, column, value):
    """Set one cell of the row whose first cell is ``key``, in the CSV file at ``path``."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    i = next(n for n, r in enumerate(rows) if r[0] == key)
    rows[i][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return i


class Links(HTMLParser):
    """The links of an HTML fragment: (class, href, text)."""

    def __init__(self):
        super().__init__()
        self.links: list[list[str]] = []
        self._open = False

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            a = dict(attrs)
            self.links.append([a.get("class") or "", a.get("href") or "", ""])
            self._open = True

    def handle_endtag(self, tag):
        if tag == "a":
            self._open = False

    def handle_data(self, text):
        if self._open:
            self.links[-1][2] += text


def links(html: str, kind: str) -> list[tuple[str, str]]:
    parser = Links()
    parser.feed(html)
    return [(h, t) for c, h, t in parser.links if kind in c.split()]


# -- the schema --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name, column", [("facts", "address"), ("sources", "url")])
def test_the_descriptor_s_address_pattern_is_built_from_the_list_of_refused_hosts(name, column):
    assert resource(name).field(column).pattern == ADDRESS_PATTERN


@pytest.mark.parametrize("name", ["facts", "sources"])
def test_the_descriptor_s_read_at_pattern_refuses_the_trackers(name):
    assert resource(name).field("read_at").pattern == READ_AT_PATTERN


@pytest.mark.parametrize("host", REFUSED_HOSTS)
def test_no_refused_host_passes_as_an_address(host):
    for address in (f"https://{host}/x/1", f"http://www.{host}/x?id=1"):
        assert not re.fullmatch(ADDRESS_PATTERN, address), address
        assert refused(address) == host


@pytest.mark.parametrize("host", TRACKERS)
def test_a_tracker_is_not_even_a_copy_read(host):
    assert not re.fullmatch(READ_AT_PATTERN, f"https://{host}/l/01HQ73")


@pytest.mark.parametrize("host", MIRRORS)
def test_a_mirror_may_be_named_as_the_copy_read(host):
    assert re.fullmatch(READ_AT_PATTERN, f"https://{host}/x/1")


@pytest.mark.parametrize(
    "address",
    [
        "https://doi.org/10.1001/archinternmed.2012.3654",
        "https://pubmed.ncbi.nlm.nih.gov/22965186/",
        "https://pmc.ncbi.nlm.nih.gov/articles/PMC3658605/",
        "https://clinicaltrials.gov/study/NCT00065585",
        "http://wprim.whocc.org.cn/admin/article/articleDetail?WPRIMID=980738",
        "review:",
        "review:#references",
    ],
)
def test_scholarly_addresses_pass(address):
    assert re.fullmatch(ADDRESS_PATTERN, address)
    assert refused(address) is None


@pytest.mark.parametrize(
    "address", ["data/review.md", "www.doi.org/10.1/x", "doi.org/10.1/x", "10.1001/x", "ftp://x.org/a", "review"]
)
def test_an_address_without_a_scheme_is_refused(address):
    assert not re.fullmatch(ADDRESS_PATTERN, address)


@pytest.mark.parametrize(
    "file, key, column, value, message",
    [
        ("facts.csv", "matsuura.n", "address", "https://ctrk.klclick.com/l/01HQ73G5RZ648FN95W1RAXXQAT_4", ""),
        ("facts.csv", "zhao2019.ma.randomized", "address", "http://togows.dbcls.jp/entry/ncbi-pubmed/31015098", ""),
        ("facts.csv", "review.year", "address", "data/review.md", ""),
        ("facts.csv", "zhao2019.ma.randomized", "read_at", "https://bit.ly/3xYz", "not a click-tracker"),
        ("sources.csv", "Smith2018", "url", "https://github.com/a/b/blob/c/x.html", ""),
        ("sources.csv", "Review", "url", "data/review.md", ""),
    ],
)
def test_a_data_file_with_a_refused_address_is_rejected_at_its_row_and_column(
    data_copy, file, key, column, value, message
):
    row = _edit(data_copy / file, key, column, value)
    with pytest.raises(DataError) as err:
        load(data_copy)
    e = err.value
    assert (e.path.name, e.row, e.column) == (file, row, column), str(e)
    assert message in str(e)


# -- the data ----------------------------------------------------------------------------------------


def test_no_fact_or_source_stands_at_a_refused_host_or_without_a_scheme(data):
    for f in data.facts.values():
        assert f.address and refused(f.address) is None, f.fact_id
        assert f.read_at != f.address, f.fact_id
    for sid, s in data.sources.items():
        assert refused(s["url"]) is None, sid
        assert not s["read_at"] or s["read_at"] != s["url"], sid


def test_every_source_stands_at_the_address_its_identifiers_give(data):
    for sid, s in data.sources.items():
        if s["found"] == "no":
            assert not s["url"], sid
        elif sid == "Review":
            assert s["url"] == "review:"
        elif s["record_doi"] or s["record_pmid"] or s["record_pmcid"]:
            assert s["url"] == canonical(s), sid


def test_a_fact_s_address_is_its_source_s_or_another_scholarly_page_of_it(data):
    """A fact links to its source's canonical address, its PubMed or PMC page, or the publisher's page."""
    for f in data.facts.values():
        s = data.sources[f.source_id]
        own = {s["url"]}
        own |= {f"https://pubmed.ncbi.nlm.nih.gov/{s['record_pmid']}/"} if s["record_pmid"] else set()
        own |= {f"https://pmc.ncbi.nlm.nih.gov/articles/{s['record_pmcid']}/"} if s["record_pmcid"] else set()
        host = urlsplit(f.address).hostname or ""
        assert f.address in own or host.removeprefix("www.") in PUBLISHERS, (f.fact_id, f.address)


def test_the_pmc_ids_and_pubmed_ids_agree_with_the_addresses_read(data):
    """A PMC or PubMed page that a fact was read at names the id the source records."""
    for f in data.facts.values():
        s = data.sources[f.source_id]
        if m := re.search(r"pmc\.ncbi\.nlm\.nih\.gov/articles/(PMC\d+)", f.address):
            assert s["record_pmcid"] == m.group(1), f.fact_id
        if m := re.search(r"pubmed\.ncbi\.nlm\.nih\.gov/(\d+)", f.address):
            assert s["record_pmid"] == m.group(1), f.fact_id


@pytest.mark.parametrize(
    "sid, doi", [("Dworkin2008", "10.1016/j.jpain.2007.09.005"), ("Zheng2019", "10.1093/pm/pny113")]
)
def test_a_source_once_at_a_repository_stands_at_its_doi_with_the_copy_read_beside(data, sid, doi):
    """Sources that stood at a university's repository stand at the DOI a stored copy shows; the copy read
    stays as read at, and the note says where the DOI was seen."""
    s = data.sources[sid]
    assert (s["record_doi"], s["url"]) == (doi, f"https://doi.org/{doi}")
    assert s["read_at"] and "doi.org" not in s["read_at"]
    assert doi in s["note"]
    assert {f.address for f in data.facts.values() if f.source_id == sid} == {s["url"]}


def test_every_fact_read_in_one_copy_is_labelled_one_kind_of_text(data):
    """The kind of text read is the copy's: the facts read at one page (address and read at) carry one
    label, so a page is never an abstract for some facts and a record for others."""
    kinds: dict[tuple[str, str], set[str]] = {}
    for f in data.facts.values():
        kinds.setdefault((f.address, f.read_at), set()).add(f.read_from)
    assert {copy: k for copy, k in kinds.items() if len(k) > 1} == {}
    assert kinds[("https://pubmed.ncbi.nlm.nih.gov/37068818/", "")] == {"abstract"}


def test_words_read_in_a_secondary_source_are_labelled_so_and_name_it(data):
    """Words read in another text's summary or quotation of a source (Bandolier's table of the IMMPACT
    thresholds, a clinic's quotation of NICE's recommendation 1.2.5) are labelled 'secondary source', name
    that text as read at and are shown as a secondary account, never as the source's own page."""
    secondary = {f.fact_id: f for f in data.facts.values() if f.read_from == "secondary source"}
    assert {"dworkin2008.moderate_pct", "nice2021.primary_pain"} <= set(secondary)
    for f in secondary.values():
        assert f.read_at and f.read_at != f.address, f.fact_id
        assert where(data, f.fact_id).startswith("secondary account of "), f.fact_id
    for f in data.facts.values():
        if urlsplit(f.read_at).hostname in ("www.bandolier.org.uk", "www.chinesemedicalcentrebarnet.co.uk"):
            assert f.fact_id in secondary, f.fact_id
    landing = dict(data.sources["NICE2021"], read_from="landing page")
    assert how_read(data.sources["NICE2021"]).startswith("read only as a secondary source gives it")
    assert how_read(landing).startswith("read as its landing page")


# -- the pages ---------------------------------------------------------------------------------------


def test_href_and_label():
    assert (
        href("http://www.hindawi.com/journals/ecam/2013/204259/") == "http://www.hindawi.com/journals/ecam/2013/204259/"
    )
    assert href("review:", root="../") == "../" + REVIEW_PAGE
    assert href("review:#references", root="") == REVIEW_PAGE + "#references"
    assert href("data/review.md") == href("") == href("javascript:alert(1)") == ""
    assert label("https://doi.org/10.1001/x") == "doi:10.1001/x"
    assert label("https://pubmed.ncbi.nlm.nih.gov/22965186/") == "PubMed 22965186"
    assert label("https://pmc.ncbi.nlm.nih.gov/articles/PMC3658605/") == "PMC3658605"
    assert label("http://eurekaselect.com/node/193994/4") == "eurekaselect.com"


@pytest.fixture(scope="module")
def table(data):
    return verify.table(data)


def test_every_fact_s_address_is_a_link_on_the_facts_page(data, table):
    html = factspage.facts_page(data, table)
    shown = links(html, "fact-address")
    expected = [f for f in data.facts.values() if f.address]
    assert len(shown) == len(expected)
    hrefs = {h for h, _ in shown}
    for f in expected:
        assert href(f.address) in hrefs, f.fact_id
    # http addresses are links too (they were shown as no link at all)
    read_at = {h for h, _ in links(html, "fact-read-at")}
    http = {f.read_at for f in data.facts.values() if f.read_at.startswith("http://")}
    assert http and http <= read_at


def test_a_fact_read_in_another_copy_shows_that_copy_as_read_at_never_as_the_source(data, table):
    html = factspage.facts_page(data, table)
    sources = {h for h, _ in links(html, "fact-address")}
    read_at = {h for h, _ in links(html, "fact-read-at")}
    assert "https://doi.org/10.1002/14651858.CD004046.pub4" in sources
    assert any("github.com" in h for h in read_at)
    assert not any(refused(h) for h in sources)
    assert "klclick" not in html and "togows" not in {h.split("/")[2] for h in sources}


def test_the_review_s_own_facts_link_to_the_review_s_page(data, table):
    html = factspage.facts_page(data, table)
    assert ("../" + REVIEW_PAGE, "the review") in links(html, "fact-address")


def test_a_card_links_every_fact_it_reads_to_its_source(data, table):
    r = next(r for r in table.itertuples() if "zhao2019." in r.facts)
    html = cards.claim_card(r, data, cards.section_names(data.review))
    shown = links(html, "fact-address")
    assert ("https://pubmed.ncbi.nlm.nih.gov/31015098/", "PubMed 31015098") in shown
    assert ("http://togows.dbcls.jp/entry/ncbi-pubmed/31015098", "togows.dbcls.jp") in links(html, "fact-read-at")


def test_an_http_address_renders_as_a_link(data, table):
    """The bug: only https:// addresses were links; an http:// one showed no link at all."""
    f = next(f for f in data.facts.values() if f.source_id == "Spaeth2013")
    http = f.__class__(**{**f.__dict__, "address": "http://www.hindawi.com/journals/ecam/2013/204259/", "read_at": ""})
    html = factspage.facts_page(data.__class__(**{**data.__dict__, "facts": {f.fact_id: http}}), table)
    assert links(html, "fact-address") == [("http://www.hindawi.com/journals/ecam/2013/204259/", "hindawi.com")]


# -- one account of what was read ---------------------------------------------------------------------


def test_every_page_counts_the_facts_the_same_way(data):
    counts = factspage.fact_counts(data)
    assert counts["n_facts"] == len(data.facts) == counts["n_read"] + counts["n_missing"]
    assert counts["n_missing"] == sum(1 for f in data.facts.values() if f.type == "missing") > 0
    read = factspage.what_was_read(data)
    assert {k: read[k] for k in counts} == counts
    assert sum(int(n.split()[0]) for n in read["facts_by_text"].split("; ")) == counts["n_read"]
    # the landing page and the facts page glue the same function's counts
    assert "factspage.what_was_read(data)" in (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert "factspage.fact_counts(data)" in (ROOT / "book" / "facts.md").read_text(encoding="utf-8")


def test_what_a_note_says_of_a_full_text_agrees_with_its_source(data):
    """A missing fact's note that calls the full text public belongs to a source whose full text is
    public; one that says it is behind a subscription, to one that is not openly available."""
    said = 0
    for f in data.facts.values():
        state = data.sources[f.source_id]["full_text"]
        if re.search(r"\bpublic\b", f.note):
            assert state.startswith("public"), (f.fact_id, state)
            said += 1
        if re.search(r"subscription|not openly available", f.note):
            assert state == "not openly available", (f.fact_id, state)
            said += 1
    assert said >= 10


def test_a_full_text_read_labels_its_facts_full_text(data):
    """A fact read in a full text that this book read (a PMC article page read in full) is labelled
    'full text', not 'abstract'; and only such a source gives facts from a full text."""
    for f in data.facts.values():
        state = data.sources[f.source_id]["full_text"]
        if state == "public, read here":
            assert f.read_from == "full text", f.fact_id
        if f.read_from == "full text":
            assert state == "public, read here", f.fact_id


def test_the_landing_page_never_calls_a_public_text_not_openly_available(data):
    text = (ROOT / "book" / "intro.md").read_text(encoding="utf-8")
    assert "because their full texts are not openly" not in " ".join(text.split())
    assert factspage.full_texts(data).count(";") >= 2
    # the states add up to the sources the facts come from, the count the same page gives
    states = [int(part.split(" ", 1)[0]) for part in factspage.full_texts(data).split("; ")]
    assert sum(states) == factspage.fact_counts(data)["n_sources"]


def test_the_facts_page_says_one_thing_of_each_source_s_full_text(data, table):
    html = factspage.facts_page(data, table)
    shown = dict(re.findall(r'id="source-([^"]+)">.*?Its full text: ([^.<]+)\.', html, re.DOTALL))
    with_facts = {f.source_id for f in data.facts.values()}
    assert shown == {sid.lower(): data.sources[sid]["full_text"] for sid in with_facts}
    assert set(shown.values()) <= set(factspage.FULL_TEXT_STATES)
    assert len(links(html, "source-address")) == len(with_facts)


def test_a_fact_a_grade_rating_reads_says_so_on_the_facts_page(data, table):
    html = factspage.facts_page(data, table)
    row = html[html.index('id="fact-baeumler2021-sae-per-10000"') :]
    row = row[: row.index("</tr>")]
    assert '<a href="../notebooks/appraisal.html#grade-profile">GRADE: Safety, starting level</a>' in row
    assert ">none<" not in row
    # counter-case: a fact nothing reads still says none
    unread = next(
        f
        for f in data.facts
        if f not in table.facts.str.cat(sep="; ") and not any(f in g.read for g in data.appraisal.grade)
    )
    row = html[html.index(f'id="{factspage.fact_anchor(unread)}"') :]
    assert ">none<" in row[: row.index("</tr>")]


def test_the_evidence_profile_links_what_each_rating_reads(data):
    df = factspage.linked_grade_profile(data, data.appraisal)
    cells = list(df["numbers and sources"])
    assert all(isinstance(c, str) for c in cells)
    safety = next(c for c, g in zip(cells, data.appraisal.grade, strict=True) if "baeumler2021.sae_per_10000" in g.read)
    assert 'href="../book/facts.html#fact-baeumler2021-sae-per-10000"' in safety
    # the text is the appraisal's own account, escaped
    assert "Bäumler" in safety and "<script" not in safety


@pytest.mark.parametrize(
    "address, found",
    [
        ("https://BIT.LY/abc", "bit.ly"),
        ("https://doi.org@bit.ly/abc", "doi.org@"),
        ("https://www.google.com/url?q=https://pubmed.ncbi.nlm.nih.gov/37068818/", "google.com/url"),
        (
            "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fdoi.org",
            "safelinks.protection.outlook.com",
        ),
        ("https://Sci-Hub.se/10.1/x", "sci-hub"),
        ("https://doi.org/10.1/x?UTM_Source=x", "UTM_Source"),
        ("https://pubmed.ncbi.nlm.nih.gov/37068818/?_hsenc=p2ANqtz", "_hsenc"),
        ("https://pubmed.ncbi.nlm.nih.gov/37068818/?_hsmi=12", "_hsmi"),
    ],
)
def test_lookalike_redirects_and_trackers_are_refused(address, found):
    """Hosts compared in any case, redirects and a user name before the host (whose real host follows
    the '@') refused, as the schema's pattern refuses them."""
    assert not re.fullmatch(ADDRESS_PATTERN, address)
    assert refused(address) == found


def test_a_search_engine_s_own_pages_are_not_its_redirect():
    assert re.fullmatch(ADDRESS_PATTERN, "https://www.google.com/search?q=acupuncture")
