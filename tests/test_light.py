"""Light, legible pages without a site build: the Sphinx hooks that keep MathJax off every page (a
TeX formula stops the build) and sphinx-design off the pages that do not use it, the search entries of numbers printed with thousands
separators, the floor under a figure's text, and what a card shows a newcomer (facts named by their
source, sections by their heading)."""

import matplotlib
import pytest
from bs4 import BeautifulSoup
from docutils import nodes
from docutils.utils import new_document
from matplotlib.text import Text
from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

from acureview import verify
from acureview.site import cards, plotting, sphinxext
from acureview.site.searchentries import grouped_numbers

matplotlib.use("Agg")


class App:
    class config:
        mathjax_path = "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"


def page_with(*children) -> nodes.document:
    doc = new_document("page")
    section = nodes.section(ids=["s"])
    section += list(children)
    doc += section
    return doc


def assets():
    scripts = [
        _JavaScript("_static/doctools.js"),
        _JavaScript("", body='window.MathJax = {"loader": {}}'),
        _JavaScript(App.config.mathjax_path, defer="defer"),
        _JavaScript("_static/design-tabs.js"),
    ]
    return {"script_files": scripts, "css_files": [_CascadingStyleSheet("_static/sphinx-design.min.css")]}


def names(context, key="script_files"):
    return [s.filename or s.attributes.get("body", "")[:14] for s in context[key]]


def test_no_page_keeps_mathjax_or_its_configuration():
    context = assets()
    sphinxext._no_mathjax(App, "intro", "page.html", context, page_with(nodes.paragraph(text="x")))
    assert names(context) == ["_static/doctools.js", "_static/design-tabs.js"]


@pytest.mark.parametrize("formula", [nodes.math("", "a^2"), nodes.math_block("", "a^2")])
def test_a_tex_formula_stops_the_build_naming_its_page(formula):
    from sphinx.errors import ExtensionError

    with pytest.raises(ExtensionError, match=r"notebooks/rct-bayes: a TeX formula \('a\^2'\)"):
        sphinxext._no_tex_formulas(None, page_with(nodes.paragraph("", "", formula)), "notebooks/rct-bayes")
    sphinxext._no_tex_formulas(None, page_with(nodes.paragraph(text="logit p = μ + θ/2")), "notebooks/rct-bayes")


def test_the_book_writes_no_tex_and_loads_no_mathjax_extension():
    """The configuration turns off TeX in the text (``$...$``) and the offline MathJax copy; the
    Bayesian chapter writes its formulas in HTML."""
    from acureview.paths import ROOT

    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    assert "dollarmath" not in config and "amsmath" not in config and "mathjax" not in config.lower()
    chapter = (ROOT / "notebooks" / "rct-bayes.md").read_text(encoding="utf-8")
    assert "$$" not in chapter and chapter.count('<div class="formula">') == 2


def test_sphinx_design_stays_only_on_a_page_that_uses_it():
    plain, used = assets(), assets()
    sphinxext._design_only_where_used(App, "p", "page.html", plain, page_with(nodes.paragraph(text="x")))
    sphinxext._design_only_where_used(App, "p", "page.html", used, page_with(nodes.container(classes=["sd-card"])))
    assert "_static/design-tabs.js" not in names(plain) and not plain["css_files"]
    assert "_static/design-tabs.js" in names(used) and used["css_files"]


def test_numbers_with_thousands_separators_become_search_entries():
    assert grouped_numbers("over 10,000 patients; 1,234,567 and 10,000 again") == ["10,000", "1,234,567"]
    assert grouped_numbers("66.3, 12,34, 3,000.5 and 2019, 2020") == []
    assert grouped_numbers('<p data-n="5,000">1,500 &amp; more</p>', html=True) == ["1,500"]
    doc = page_with(
        nodes.paragraph(text="over 10,000 patients"), nodes.raw("", '<p title="7,000">2,500 more</p>', format="html")
    )
    sphinxext._number_entries(None, doc, "p")
    entries = [e for n in doc.findall(lambda n: n.tagname == "index") for e in n["entries"]]
    assert entries == [("single", "10,000", "s", "", None), ("single", "2,500", "s", "", None)]


def test_no_text_of_a_figure_is_smaller_than_the_floor():
    fig, ax = plotting.figure(figsize=(8, 3))
    ax.plot([1, 2], [1, 2], label="a")
    ax.legend(fontsize=6)
    ax.annotate("note", (1, 1), fontsize=7)
    ax.tick_params(axis="x", labelsize=5)
    ax.set_title("title", fontsize=14)
    sizes = [t.get_fontsize() for t in plotting.legible(fig).findobj(Text) if t.get_text()]
    plotting.close(fig)
    assert min(sizes) == plotting.MIN_FONT_PT and max(sizes) == 14


@pytest.fixture(scope="module")
def dashboard_cards(data):
    table = verify.table(data)
    return BeautifulSoup(cards.cards_with_legend(table, data, filterable=True, legend_first=False), "html.parser")


def test_a_card_names_the_facts_it_reads_by_their_source(dashboard_cards, data):
    links = dashboard_cards.select("a.fact-link")
    assert links and not [a.get_text() for a in links if a.get_text() in data.facts]
    assert all(a["title"].split()[1] in data.facts for a in links)


def test_a_card_carries_its_section_s_heading_for_the_filter(dashboard_cards):
    card = dashboard_cards.select_one('.claim-card[data-section="3.1"]')
    assert card["data-section-name"].startswith("3.1 ") and "Depression" in card["data-section-name"]


def test_copy_toggle_and_thebe_assets_stay_only_where_used():
    def context():
        return {
            "script_files": [
                _JavaScript(f"_static/{n}") for n in ("copybutton.js", "togglebutton.js", "sphinx-thebe.js")
            ],
            "css_files": [_CascadingStyleSheet("_static/copybutton.css"), _CascadingStyleSheet("_static/pygments.css")],
        }

    plain, code, hidden = context(), context(), context()
    sphinxext._design_only_where_used(App, "p", "page.html", plain, page_with(nodes.paragraph(text="x")))
    sphinxext._design_only_where_used(App, "p", "page.html", code, page_with(nodes.literal_block(text="x = 1")))
    sphinxext._design_only_where_used(
        App, "p", "page.html", hidden, page_with(nodes.container(classes=["tag_hide-input"]))
    )
    assert names(plain) == [] and not plain["css_files"]
    # counter-case: a code block keeps the copy button and the code colours
    assert names(code) == ["_static/copybutton.js"] and names(code, "css_files") == [
        "_static/copybutton.css",
        "_static/pygments.css",
    ]
    # a code page (no doctree) keeps its colours
    generated = context()
    sphinxext._design_only_where_used(App, "p", "page.html", generated, None)
    assert names(generated, "css_files") == ["_static/pygments.css"]
    assert names(hidden) == ["_static/togglebutton.js"]  # a hidden cell keeps its toggle; thebe goes everywhere


def test_the_facts_table_leads_with_the_source_and_the_value_its_id_last(data):
    """A reader looks a fact up by its source and what it counts: each row of the facts page opens
    with where it stands in its source and its value (what it counts in words below), its id last."""
    from acureview.site import factspage

    soup = BeautifulSoup(factspage.facts_page(data, verify.table(data)), "html.parser")
    heads = [th.get_text() for th in soup.select("table.facts-table")[0].select("thead th")]
    assert heads[:2] == ["Where in the source", "Value"] and heads[-1] == "Fact id"
    row = soup.select_one("tr#fact-baeumler2021-sae-per-10000")
    cells = [" ".join(td.get_text(" ").split()) for td in row.select("td")]
    assert cells[0] == "abstract of Bäumler 2021, Results"
    assert cells[1] == "1.01 per 10000 patients serious adverse events (11 studies)"
    assert cells[-1] == "baeumler2021.sae_per_10000"
    assert all(tr.select("td")[-1].get_text() in data.facts for tr in soup.select("table.facts-table tbody tr"))
    # every fact's source is named, also one whose copies read show no authors
    wheres = [td.get_text() for td in soup.select("td.fact-where")]
    assert not [w for w in wheres if "  " in w or " of 2" in w or w.startswith(" ")]
    zhen = soup.select_one("tr#fact-zhenciyanjiu2023-pi3k td.fact-where") or soup.find(
        "td", class_="fact-where", string=lambda t: t and "Zhen Ci Yan Jiu 2023" in t
    )
    assert zhen is not None
    chapter = factspage.fact_table(data, "R1").data
    assert list(chapter.columns[:2]) == ["Where in the source", "Value"] and chapter.columns[-1] == "Fact id"


def test_a_card_quotes_the_same_words_once(dashboard_cards):
    """Facts read from one passage (a rate and its interval) share their words: a card quotes them once, and
    says so for the next fact; every fact still shows its value."""
    lists = dashboard_cards.select("details.claim-facts-list")
    repeated = 0
    for facts in lists:
        quoted = [
            (str(li.q), *(str(a.get("href")) for a in li.select("a.fact-address, a.fact-read-at")))
            for li in facts.select("li")
            if li.q
        ]
        assert len(quoted) == len(set(quoted))  # the same words from the same address, once
        for li in facts.select("li"):
            assert li.select_one("a.fact-link") and (
                li.find("q") or li.select_one(".fact-same") or "-" in li.get_text()
            )
        repeated += len(facts.select(".fact-same"))
    assert repeated > 0
