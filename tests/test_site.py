"""The built site (made by `make book`, which `make test` runs first)."""

import csv
import io
import json
import re

import frictionless
import pytest
from bs4 import BeautifulSoup

from acureview import fmt, verify
from acureview.paths import BUILD
from acureview.site import downloads
from acureview.studies import rct1 as rct

HTML = BUILD / "html"


@pytest.fixture(scope="module")
def site():
    if not (HTML / "index.html").exists():
        pytest.fail("no built site in _build/html: run `make book` (or `make test`, which builds it first)")
    return HTML


def page(site, name):
    return BeautifulSoup((site / name).read_text(encoding="utf-8"), "html.parser")


def test_dashboard_shows_every_claim_as_a_card(site, data):
    table = verify.table(data)
    cards = page(site, "book/dashboard.html").select(".claim-cards .claim-card")
    assert len(cards) == len(table)
    for card, r in zip(cards, table.itertuples(), strict=False):
        assert card.select_one(".claim-id").get_text(strip=True) == r.claim_id
        assert card["data-verdict"] == r.verdict
        assert (
            card.select_one(".verdict")
            .get_text(" ", strip=True)
            .startswith(__import__("acureview.verdicts", fromlist=["VERDICTS"]).VERDICTS[r.verdict].symbol)
        )
        assert card.select_one(".claim-quote").get_text(strip=True)
        assert card.select_one(".claim-finding").get_text(strip=True)
        assert card.select_one("a.claim-code"), r.claim_id
        assert card.select_one("a.claim-derivation"), r.claim_id


def resolve(site, base, href):
    """The element ``href`` points to from page ``base`` (a path under the site), or None."""
    target, _, anchor = href.partition("#")
    target = target.split("?")[0]
    doc = (site / base).parent.joinpath(target).resolve() if target else (site / base)
    if not doc.exists():
        return None
    if not anchor:
        return True
    return BeautifulSoup(doc.read_text(encoding="utf-8"), "html.parser").find(id=anchor)


@pytest.mark.parametrize(
    "name",
    ["book/dashboard", "notebooks/rct-tiaoqi-jieyu", "book/intro", "book/review", "book/reviewers", "book/facts"],
)
def test_card_and_review_links_resolve(site, name):
    soup = page(site, f"{name}.html")
    links = [
        a["href"]
        for a in soup.select("article a[href]")
        if not a["href"].startswith(("http", "mailto:")) and "downloads/" not in a["href"]
    ]
    assert links
    bad = [h for h in dict.fromkeys(links) if not resolve(site, f"{name}.html", h)]
    assert not bad, bad[:10]


def test_cards_link_to_the_code_of_their_check(site, data):
    from acureview import checks

    soup = page(site, "book/dashboard.html")
    for card, r in zip(soup.select(".claim-card"), verify.table(data).itertuples(), strict=False):
        href = card.select_one("a.claim-code")["href"]
        assert href.endswith("#" + checks.REGISTRY[r.check].__name__), href
        found = resolve(site, "book/dashboard.html", href)
        assert found is not None and found is not True, href


def test_annotated_review_marks_every_claim_and_links_its_card(site, data):
    table = verify.table(data)
    soup = page(site, "book/review.html")
    dashboard = page(site, "book/dashboard.html")
    tags = soup.select(".review-text a.claim-tag")
    assert sorted(a.get_text(" ", strip=True).split()[1] for a in tags) == sorted(table["claim_id"])
    for a in tags:
        anchor = a["href"].split("#")[1]
        assert a["href"].startswith("dashboard.html#") and dashboard.find(id=anchor), a["href"]
    assert len(soup.select(".review-text mark.claim")) >= len(table)
    text = soup.select_one(".review-text").get_text(" ")
    assert "Tiaoqi Jiayu" in text and "$" not in text and "\\" not in text


def test_landing_page_opens_with_ranked_findings(site, data):
    from acureview.site import ranking

    soup = page(site, "book/intro.html")
    items = soup.select("ol.findings li")
    assert 5 <= len(items) <= 8
    expected = list(ranking.ranked_problems(verify.table(data))["claim_id"])[: len(items)]
    assert [li.select_one("a[href*='#card-']").get_text().split(":")[0] for li in items] == expected
    text = " ".join(soup.get_text(" ").split())
    for words in (
        "What we found",
        "What was read",
        "from abstracts",
        "How to read a verdict",
        "Cite this book",
        "3.1 Treatment-Resistant Depression",
    ):
        assert words in text, words


def every_page(site):
    return sorted(p for p in site.rglob("*.html") if not any(x.startswith("_") for x in p.relative_to(site).parts))


def test_no_page_shows_raw_tex_or_unrendered_roles(site):
    import re

    bad = {}
    for path in every_page(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article") or soup
        for el in article.select("pre, code, .highlight"):
            el.decompose()
        text = article.get_text(" ")
        found = re.findall(r"\\(?:geq|leq|kappa|alpha|beta|times)\b|\$[^$\s][^$]*\$|\{glue:\w+\}|\{doc\}", text)
        if found:
            bad[path.relative_to(site).as_posix()] = found[:3]
    assert not bad


def test_every_page_names_its_commit_and_the_repository(site):
    from acureview.site import provenance

    repo = provenance.repository()
    for name in ("book/intro.html", "book/dashboard.html", "notebooks/appraisal.html"):
        soup = page(site, name)
        assert soup.select_one(".build-commit").get_text() == provenance.commit()
        if repo:
            assert soup.select_one("a.issues-link")["href"] == repo + "/issues"
        else:
            assert soup.select_one("a.issues-link, a.repo-link") is None
            assert provenance.NO_ADDRESS in " ".join(soup.select_one(".build-info").get_text(" ").split())
    reviewers = page(site, "book/reviewers.html")
    text = " ".join(reviewers.get_text(" ").split())
    assert "C-3.1-11" in text
    assert (repo + "/issues" in text) if repo else (provenance.NO_ADDRESS in text)
    cite = page(site, "book/intro.html").select_one(".cite-box")
    assert (cite.find("a", href=repo) is not None) if repo else ("does not record" in cite.get_text(" "))


def test_no_page_shows_the_origin_unless_it_is_public(site):
    """A checkout cloned from a folder (as CI clones) has that folder as its origin: no page may show it."""
    import subprocess

    from acureview.paths import ROOT
    from acureview.site import provenance

    origin = subprocess.run(
        ["git", "remote", "get-url", "origin"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    secret = [s for s in (origin, str(ROOT)) if s and not provenance.public_address(s)]
    shown = [
        p.relative_to(site).as_posix() for p in every_page(site) for s in secret if s in p.read_text(encoding="utf-8")
    ]
    assert not shown, shown[:5]


def test_plain_math_writes_the_reviews_tex_as_unicode():
    from acureview.site.text import human, plain_math

    assert plain_math("e.g.,  $\\geq 2$  adequate") == "e.g., ≥ 2 adequate"
    assert plain_math("Downregulates NF- $\\kappa$ B, PI3K") == "Downregulates NF-κB, PI3K"
    assert plain_math("alone;  $P < 0.001$ )") == "alone; P < 0.001)"
    assert plain_math("PCS  $\\geq 47$ )") == "PCS ≥ 47)"
    assert human("P at most 1.6e-10; >=6 treatments") == "P at most 1.6 × 10⁻¹⁰; ≥6 treatments"


def test_downloads_match_the_verdict_table(site, data):
    published = (site / "downloads" / "verdicts.csv").read_text(encoding="utf-8")
    fresh = verify.table(data).to_csv(index=False, lineterminator="\n")
    assert published == downloads.spreadsheet_safe_csv(fresh)  # formula-like cells quoted (site.downloads)
    for name in ("verdicts.json", "claims.csv", "facts.csv", "sources.csv", "assumptions.csv", "review.md"):
        assert (site / "downloads" / name).stat().st_size > 0
    import json

    for chapter in chapters():
        nb = json.loads((site / "downloads" / "notebooks" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
        assert any(c.get("outputs") for c in nb["cells"] if c["cell_type"] == "code"), chapter
        assert f"downloads/notebooks/{chapter}.ipynb" in (site / "book" / "reviewers.html").read_text(encoding="utf-8")
    assert len(list(csv.DictReader(io.StringIO(published)))) == len(data.claims)


def test_every_card_on_the_dashboard_carries_its_claimreview(site, data):
    """One ClaimReview JSON-LD script per card (84 for 84 claims), each parsing, for its card's claim and
    verdict, addressed at its card as its citation is."""
    table = verify.table(data)
    soup = page(site, "book/dashboard.html")
    scripts = soup.select(".claim-cards script[type='application/ld+json']")
    assert len(scripts) == len(soup.select(".claim-cards .claim-card")) == len(table)
    cited = [a["href"] for a in soup.select(".claim-cards a.cite-address")]
    for script, r, address in zip(scripts, table.itertuples(), cited, strict=True):
        review = json.loads(script.string)
        assert review["@type"] == "ClaimReview" and review["reviewRating"]["alternateName"] == r.verdict
        assert review["claimReviewed"] and review["itemReviewed"]["@type"] == "Claim"
        assert review["url"] == address and review["url"].endswith("#" + script["data-card"])
        assert script.find_previous_sibling("article")["id"] == script["data-card"]


def test_the_published_data_package_is_valid(site):
    report = frictionless.validate(str(site / "downloads" / downloads.DESCRIPTOR))
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:5]
    assert 'href="../downloads/datapackage.json"' in (site / "book" / "dashboard.html").read_text(encoding="utf-8")


def test_glued_numbers_appear_in_the_chapter(site, data):
    text = page(site, "notebooks/rct-tiaoqi-jieyu.html").get_text(" ")
    obs, ctrl = rct.arms(data)
    ps = rct.pvalues(data)
    for expected in (
        fmt.count(obs.responders, obs.analysed),
        fmt.count(ctrl.responders, ctrl.analysed),
        fmt.pval(min(ps.values())),
        fmt.pval(max(ps.values())),
    ):
        assert expected in text, expected
    flat = " ".join(
        text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", "'").replace("\u201d", "'").split()
    )
    for r in verify.table(data).itertuples():
        if r.chapter == "notebooks/rct-tiaoqi-jieyu":
            assert " ".join(r.reason.split()) in flat, r.claim_id


def chapters():
    from acureview.paths import ROOT

    return sorted(p.stem for p in (ROOT / "notebooks").glob("*.md"))


@pytest.mark.parametrize("name", ["book/intro"] + [f"notebooks/{c}" for c in chapters()])
def test_every_figure_has_alt_text_and_a_caption(site, name):
    soup = page(site, f"{name}.html")
    for f in soup.select("figure"):
        img = f.find("img")
        if img is None:
            # a drawn figure (the prior explorer's canvas) names itself for a screen reader
            drawn = f.find(attrs={"role": "img"})
            assert drawn is not None and len(drawn.get("aria-label", "")) > 20, f
        else:
            assert len(img.get("alt", "")) > 20
            assert (site / name).parent.joinpath(img["src"]).resolve().exists()
        assert f.find("figcaption").get_text(strip=True)
    # every image on the page is a captioned figure
    assert len(soup.select("article img")) == len(soup.select("article figure img"))


@pytest.mark.parametrize("chapter", chapters())
def test_every_chapter_opens_with_its_verdicts_and_ends_with_what_stays_unknown(site, chapter):
    soup = page(site, f"notebooks/{chapter}.html")
    article = soup.select_one("article")
    first_h2 = article.find("h2")
    cards = article.select_one(".claim-cards")
    assert cards is not None and first_h2 is not None
    assert cards.sourceline < first_h2.sourceline, "the claims' cards come before the first section"
    # the sampler's diagnostics may follow, in appendices
    sections = [h.get_text(" ", strip=True) for h in article.find_all("h2")]
    body = [h for h in sections if not h.startswith("Appendix")]
    assert body[-1].startswith("What stays unknown")
    assert sections[len(body) :] == [h for h in sections if h.startswith("Appendix")]


def test_reviewers_page_gives_the_readmes_commands_and_every_check(site):
    import re

    from acureview import checks
    from acureview.paths import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    text = " ".join(page(site, "book/reviewers.html").get_text(" ").split())
    for command in ("make book", "make test", "make verify"):
        assert command in readme and command in text
    for name, fn in checks.REGISTRY.items():
        assert f"{fn.__module__}.{fn.__name__}" in text, name
    assert re.search(r"acureview/checks/\w+\.py:\d+", text)


def test_data_dictionary_describes_every_column(site):
    from acureview.site.dictionary import expected, undescribed

    assert undescribed() == {}
    text = " ".join(page(site, "book/data-dictionary.html").get_text(" ").split())
    for name, columns in expected().items():
        assert name in text
        for c in columns:
            assert c in text, (name, c)


def test_dictionary_catches_an_undescribed_column(monkeypatch):
    from acureview.site import dictionary

    read = dictionary.expected()
    monkeypatch.setattr(dictionary, "expected", lambda: read | {"facts.csv": read["facts.csv"] + ("new_column",)})
    assert dictionary.undescribed() == {"facts.csv": ["new_column"]}


def test_citations_render_from_the_bibtex_file(site):
    from acureview.paths import ROOT

    bib = "".join((ROOT / "book" / name).read_text(encoding="utf-8") for name in ("sources.bib", "methods.bib"))
    keys = __import__("re").findall(r"@\w+\{(\w+),", bib)
    text = page(site, "book/references.html").get_text(" ")
    assert len(keys) >= 10
    for author in ("Gao", "Lindberg", "Vickers", "Zhao", "Sahker", "Bäumler", "Matsuura"):
        assert author in text, author


def test_each_reference_list_holds_list_items(site):
    """The reference lists are lists of list items to assistive technology: each entry's role is
    'listitem' (docutils' 'doc-biblioentry', deprecated by DPUB-ARIA 1.1, is rewritten)."""
    from acureview.paths import ROOT

    bib = "".join((ROOT / "book" / name).read_text(encoding="utf-8") for name in ("sources.bib", "methods.bib"))
    n = len(__import__("re").findall(r"@\w+\{(\w+),", bib))
    soup = page(site, "book/references.html")
    lists = soup.select('[role="list"]')
    assert lists and not soup.select('[role="doc-biblioentry"]')
    assert sum(len(ul.find_all(attrs={"role": "listitem"}, recursive=False)) for ul in lists) == n


def glued(notebook: str) -> dict[str, object]:
    """The values a built notebook glued, by name (myst-nb keeps them beside the executed notebook)."""
    import ast
    import json

    records = json.loads((BUILD / "jupyter_execute" / f"{notebook}.glue.json").read_text(encoding="utf-8"))
    return {
        name: ast.literal_eval(r["data"]["text/plain"])
        for name, r in records.items()
        if "text/plain" in r["data"] and not r["data"]["text/plain"].startswith("<")
    }


def test_bayes_chapter_glues_the_grid_answers_at_their_printed_precision(site, data):
    """Every glued posterior number of the chapter is the grid's answer, as fmt prints it: a value
    that differs from the exact answer beyond its printed precision fails."""
    values = glued("notebooks/rct-bayes")
    pr = rct.priors(data)
    primary, per_protocol = rct.results(data), rct.results(data, basis="analysed")
    for key in pr:
        for prefix, table in (("", primary), ("pp.", per_protocol)):
            row = table.loc[key]
            assert values[f"{prefix}{key}.rd"] == f"{100 * row['rd']:.1f}", (prefix, key)
            for t in rct.thresholds(data):
                assert values[f"{prefix}{key}.p{100 * t:.0f}"] == fmt.prob(row[f"p>{t:g}"]), (prefix, key, t)
    derived = rct.ssri_response(data)
    assert values["p0"] == f"{derived.value:.2f}" and values["p0_low"] == f"{derived.low:.2f}"
    z, p = rct.conflict(data, pr["evidence"])
    assert values["conflict_p"] == fmt.pval(p)
    assert values["min_any"] == fmt.prob(primary["p>0"].min())
    text = " ".join(page(site, "notebooks/rct-bayes.html").get_text(" ").replace("\u2019", "'").split())
    for name in ("evidence.p20", "imp_lo", "imp_hi", "worst_sig", "conflict_p"):
        assert str(values[name]) in text, name
    # the verdicts that lean on the analysis quote the same numbers
    reason = verify.table(data).set_index("claim_id").loc["C-6-03", "reason"]
    assert fmt.prob(primary.loc["evidence", f"p>{rct.important_difference(data)[0]:g}"]) in reason


def test_cohort_chapter_glues_the_exact_decomposition(site, data):
    from acureview.studies import cohort2 as cohort

    values = glued("notebooks/cohort-norway")
    comps = cohort.decomposition_priors(data)
    change, se = cohort.observed_change(data)
    mean, cov = cohort.decomposition_posterior(comps, change, se)
    predicted, _, _, _ = cohort.prediction_check(comps, change, se)
    assert values["spec_pts"] == fmt.num(comps[0].mean, 1)
    assert values["spec_post"] == fmt.num(mean[0], 1)
    assert values["predicted"] == fmt.num(predicted, 1)
    assert values["sd_ratio"] == fmt.num(cov[0, 0] ** 0.5 / comps[0].sd, 2)
    rd, nnt = cohort.responders(comps[0].smd, data.assumption("cohort2.responder_control").value)
    assert values["spec_nnt"] == f"{nnt:.0f}" and values["spec_more"] == f"{100 * rd:.0f}"
    assert values["n_review"] == cohort.review_n(data)
    assert values["participants"] == f"{min(cohort.participants(data))} to {max(cohort.participants(data))}"
    text = page(site, "notebooks/cohort-norway.html").get_text(" ")
    for r in verify.table(data).itertuples():
        if r.chapter == "notebooks/cohort-norway":
            assert r.verdict in text, r.claim_id


def test_pain_chapter_sets_no_group_difference_against_a_within_patient_threshold(site, data):
    """The meta-analyses' differences between groups stand with no threshold of one patient's change;
    Dworkin 2009's words say why, and MacPherson 2017's decay of the sham-controlled effect is given."""
    text = " ".join(page(site, "notebooks/chronic-pain-meta.html").get_text(" ").split())
    assert "reaches a minimally important change" not in text and "around that threshold" not in text
    for fact_id in (
        "dworkin2009.two_processes",
        "dworkin2009.individual_improvements",
        "dworkin2009.group_differences",
    ):
        assert re.search(rf"[“\"]\s*{re.escape(str(data.value(fact_id)))}\s*[”\"]", text), fact_id
    assert f"{data.value('macpherson2017.sham.diminution_12m_pct'):g}% diminution at 12 months" in text
    assert "does not answer" not in text


# --- tables: a reader's column names and formatted numbers -----------------------------------------


CODE_NAME = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![\w.])")  # snake_case, not a dotted id
PANDAS_NAME = re.compile(r"^(?:\d+|Unnamed: \d+|index|level_\d+)$")
# more than 4 decimals or '.000000', but not a DOI's 10.13703/j.0255-2930.2022... nor a small value
# printed to two significant figures (P = 0.00067)
RAW_FLOAT = re.compile(r"(?<![\w./-])\d+\.(?!0+[1-9]\d?(?!\d))(?:\d{5,}|0{6})(?![\w./-])")


def table_problems(markup: str, code_in_cells: bool = False) -> list[str]:
    """Every header of a table that reads as code (snake_case, a pandas default name, empty) and
    every cell that shows an unformatted float (more than 4 decimals, '.000000') or, unless
    ``code_in_cells``, a code name. Code (``<code>``, ``<pre>``) is code: it may show code names."""
    soup = BeautifulSoup(markup, "html.parser")
    out = []
    for table in soup.select("table"):
        for el in table.select("code, pre"):
            el.decompose()
        for th in table.select("thead th"):
            head = " ".join(th.get_text(" ").split())
            if not head or PANDAS_NAME.match(head) or CODE_NAME.search(head):
                out.append(f"header {head!r}")
        for td in table.select("td"):
            text = " ".join(td.get_text(" ").split())
            if m := (RAW_FLOAT.search(text) or (None if code_in_cells else CODE_NAME.search(text))):
                out.append(f"cell {m.group(0)!r} in {text[:60]!r}")
    return out


def test_no_table_shows_code_names_or_raw_numbers(site):
    bad = {}
    for path in every_page(site):
        rel = path.relative_to(site)
        if rel.parts[0] == "code":  # the modules' source, as written
            continue
        # the data dictionary names the files' columns and values: code names are what it explains
        if found := table_problems(path.read_text(encoding="utf-8"), code_in_cells=rel.name == "data-dictionary.html"):
            bad[rel.as_posix()] = found[:5]
    assert not bad


@pytest.mark.parametrize(
    "markup",
    [
        "<table><thead><tr><th>fit</th><th>max r_hat</th></tr></thead><tbody><tr><td>a</td><td>1.000</td></tr></tbody></table>",
        "<table><thead><tr><th>ess_bulk</th></tr></thead><tbody><tr><td>4382</td></tr></tbody></table>",
        "<table><thead><tr><th>0</th><th>1</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>",
        "<table><thead><tr><th>Unnamed: 0</th></tr></thead><tbody><tr><td>a</td></tr></tbody></table>",
        "<table><thead><tr><th></th><th>value</th></tr></thead><tbody><tr><td>a</td><td>b</td></tr></tbody></table>",
        "<table><thead><tr><th>sessions a week</th></tr></thead><tbody><tr><td>3.000000</td></tr></tbody></table>",
        "<table><thead><tr><th>estimate</th></tr></thead><tbody><tr><td>0.123456</td></tr></tbody></table>",
        "<table><thead><tr><th>measure</th></tr></thead><tbody><tr><td>ae_patients_pct</td></tr></tbody></table>",
    ],
    ids=["r_hat", "ess_bulk", "range-index", "unnamed", "empty", "trailing-zeros", "six-decimals", "code-in-cell"],
)
def test_a_table_with_code_names_or_raw_numbers_is_caught(markup):
    assert table_problems(markup)


def test_dois_ids_and_code_are_not_raw_numbers():
    ok = (
        "<table><thead><tr><th>DOI</th><th>fact</th></tr></thead><tbody><tr>"
        "<td>10.3389/fpain.2025.1521466 10.13703/j.0255-2930.20220708-0002</td>"
        "<td>rct1.intervention_name <code>ess_bulk</code></td></tr></tbody></table>"
    )
    assert table_problems(ok) == []
    assert table_problems(ok.replace("<th>DOI</th>", "<th>claim_id</th>"), code_in_cells=True)


def test_a_readers_table_passes():
    import pandas as pd

    from acureview.site import tables

    raw = pd.DataFrame(
        {
            "fit": ["evidence-based"],
            "max r_hat": [1.000213],
            "min bulk ESS": [12436.7],
            "min tail ESS": [6387.2],
            "divergences": [0],
            "max |sampled - reference| / MCSE": [2.0417],
            "sessions a week": [3.0],
            "share": [0.4123],
        }
    )
    shown = tables.show(
        raw, {"max r_hat": 3, "min bulk ESS": 0, "min tail ESS": 0, "max |sampled - reference| / MCSE": 1, "share": "%"}
    )
    markup = shown.to_html()
    assert table_problems(markup) == []
    text = " ".join(BeautifulSoup(markup, "html.parser").get_text(" ").split())
    for words in (
        "R-hat (largest)",
        "Effective sample size, bulk (smallest)",
        "12,437",
        "6,387",
        "1.000",
        "2.0",
        "41.2%",
        " 3 ",
    ):
        assert words in f" {text} ", words
    # the same table as pandas shows it by default is caught
    assert table_problems(raw.to_html())


# --- a card's facts: one click from the card to every fact its check read ---------------------------


def fact_rows(site) -> dict[str, str]:
    """The facts page's rows: anchor -> the fact id the row shows."""
    soup = page(site, "book/facts.html")
    return {
        tr["id"]: tr.select_one("td.fact-id").get_text(strip=True) for tr in soup.select("table.facts-table tr[id]")
    }


def lands_on(href: str, rows: dict[str, str]) -> str | None:
    """The fact id of the facts-page row a card's link (from the dashboard) lands on, or None."""
    target, _, anchor = href.partition("#")
    return rows.get(anchor) if target == "../book/facts.html" else None


def test_every_cards_facts_link_lands_on_the_facts_it_read(site, data):
    rows = fact_rows(site)
    assert sorted(rows.values()) == sorted(data.facts)
    table = verify.table(data)
    soup = page(site, "book/dashboard.html")
    linked = 0
    for card, r in zip(soup.select(".claim-card"), table.itertuples(), strict=False):
        ids = [f for f in r.facts.split("; ") if f]
        link = card.select_one("a.claim-facts")
        if not ids:
            assert link is None, r.claim_id
            continue
        assert lands_on(link["href"], rows) == ids[0], r.claim_id
        listed = card.select("details.claim-facts-list a.fact-link")
        assert [lands_on(a["href"], rows) for a in listed] == ids, r.claim_id
        linked += 1
        last = (link, r)
    assert linked >= len(table) * 0.8
    # the facts page links back: each row names the claims that read it, linked to their cards
    link, r = last
    row = page(site, "book/facts.html").find(id=link["href"].split("#")[1])
    assert any(a["href"] == f"dashboard.html#card-{r.anchor.removeprefix('claim-')}" for a in row.select("a"))


def test_a_fact_read_in_a_secondary_source_says_so_on_the_facts_page(site, data):
    """The facts page labels words read in another text's summary or quotation 'secondary source' and links
    both the source's address and that text (read at)."""
    rows = {
        tr.select_one("td.fact-id").get_text(strip=True): tr
        for tr in page(site, "book/facts.html").select("table.facts-table tr[id]")
    }
    for fid in ("nice2021.primary_pain", "dworkin2008.moderate_pct"):
        row, f = rows[fid], data.facts[fid]
        assert row.select_one("td.fact-where").get_text().startswith("secondary account of "), fid
        hrefs = [a.get("href") for a in row.select("a")]
        assert f.address in hrefs and f.read_at in hrefs, (fid, hrefs)


def test_a_facts_link_to_anything_but_the_facts_row_is_caught(site):
    rows = fact_rows(site)
    first = next(iter(rows))
    assert lands_on(f"../book/facts.html#{first}", rows) == rows[first]
    for href in (
        "../book/data-dictionary.html",
        "../book/data-dictionary.html#facts-csv",
        "../book/facts.html",
        "../book/facts.html#fact-no-such-fact",
        "../downloads/facts.csv",
    ):
        assert lands_on(href, rows) is None, href


# --- the legend folded above the cards; each card bordered in its verdict's colour ----------------


def before(a, b) -> bool:
    """Whether element ``a`` comes before element ``b`` in the document."""
    return any(el is b for el in a.find_all_next(b.name))


def legend_problems(soup) -> list[str]:
    """What keeps a page's cards from following at once: no folded legend before them, a legend
    open by default, or a legend list left unfolded above them."""
    from acureview.site.cards import LEGEND_SUMMARY

    cards = soup.select_one(".claim-cards")
    box = soup.select_one("details.legend-box")
    if box is None or not before(box, cards):
        return ["no folded legend before the cards"]
    out = []
    if box.has_attr("open") or box.summary.get_text(strip=True) != LEGEND_SUMMARY or not box.select(".verdict"):
        out.append("the legend is open, or its summary is not 'How to read a verdict', or it has no badges")
    if [ul for ul in soup.select("ul.verdict-legend") if before(ul, cards) and ul.find_parent("details") is None]:
        out.append("an unfolded legend above the cards")
    return out


@pytest.mark.parametrize("name", ["book/dashboard"] + [f"notebooks/{c}" for c in chapters()])
def test_the_legend_is_folded_above_the_cards(site, name):
    assert legend_problems(page(site, f"{name}.html")) == []


def test_an_unfolded_legend_above_the_cards_is_caught():
    from acureview.site.cards import legend

    cards = '<div class="claim-cards"><article class="claim-card"></article></div>'
    assert legend_problems(BeautifulSoup(legend(folded=True) + cards, "html.parser")) == []
    for markup in (
        legend() + cards,  # as the dashboard showed it before
        legend(folded=True).replace("<details ", "<details open ") + cards,
        cards + legend(folded=True),
        legend() + legend(folded=True) + cards,
    ):
        assert legend_problems(BeautifulSoup(markup, "html.parser")), markup[:80]


def border_colour(card) -> str:
    import re

    m = re.search(r"border-left-color:\s*(#[0-9A-Fa-f]{6})", card.get("style", ""))
    return m.group(1).upper() if m else ""


def test_cards_are_bordered_in_their_verdicts_colour_and_name_it(site, data):
    from acureview.verdicts import VERDICTS

    for card in page(site, "book/dashboard.html").select(".claim-card"):
        v = VERDICTS[card["data-verdict"]]
        assert border_colour(card) == v.colour.upper(), card["data-claim"]
        badge = card.select_one(".verdict").get_text(" ", strip=True)
        assert badge.startswith(v.symbol) and card["data-verdict"] in badge  # never colour alone


def test_a_card_without_its_verdicts_colour_is_caught():
    from acureview.verdicts import VERDICTS

    colours = {v.colour.upper() for v in VERDICTS.values()}
    plain = BeautifulSoup('<article class="claim-card" data-verdict="reproduced"></article>', "html.parser").article
    assert border_colour(plain) == ""
    other = next(c for c in colours if c != VERDICTS["reproduced"].colour.upper())
    wrong = BeautifulSoup(
        f'<article class="claim-card" style="border-left-color:{other}"></article>', "html.parser"
    ).article
    assert border_colour(wrong) != VERDICTS["reproduced"].colour.upper()


def test_a_card_shows_the_review_s_italics_as_plain_words():
    from acureview.site.text import plain_words

    assert plain_words("*Tiaoqi Jiayu* (regulating qi)") == "Tiaoqi Jiayu (regulating qi)"
    assert (
        plain_words("individualized *De-Qi* acupuncture ( $\\geq 6$  sessions)")
        == "individualized De-Qi acupuncture (≥ 6 sessions)"
    )
    assert plain_words("a * b") == "a * b"  # a lone asterisk is not emphasis


def test_chapter_counts_are_written_in_words_gravest_first():
    import pandas as pd

    from acureview.site.glue import counted

    assert counted(pd.Series(["reproduced", "overstated", "reproduced"])) == "1 overstated and 2 reproduced"
    assert counted(pd.Series(["uncited"])) == "1 uncited"
    assert ":" not in counted(pd.Series(["uncited", "consistent", "inconsistent"]))


# --- words from the data reach a page as text, never as markup (no built site needed) --------------

SCRIPT = "<script>alert(1)</script>"


def scripted(data):
    """The data and the verdict table with a script in a claim's quote, reason and sources' words, and
    in the words and the note of a fact that claim's check reads."""
    from dataclasses import replace

    table = verify.table(data)
    at = next(i for i, facts in enumerate(table["facts"]) if facts)
    fact_id = table["facts"].iloc[at].split("; ")[0]
    table = table.copy()
    for column in ("quote", "source_words", "reported"):
        table.iloc[at, table.columns.get_loc(column)] = f"The review's {SCRIPT} words."
    table.iloc[at, table.columns.get_loc("reason")] = f"The finding {SCRIPT} here. The rest {SCRIPT} here."
    facts = dict(data.facts)
    facts[fact_id] = replace(facts[fact_id], quote=f"The source's {SCRIPT} words.", note=f"A {SCRIPT} note.")
    return replace(data, facts=facts), table, table.iloc[[at]]


def is_data_block(script) -> bool:
    """A JSON-LD data block that nothing can break out of: its type, JSON that parses, no raw '<'."""
    text = script.string or ""
    if script.get("type") != "application/ld+json" or "<" in text:
        return False
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def shows_as_text(markup: str, selector: str) -> list[str]:
    """The problems of ``markup``: a script element (other than a card's ClaimReview data block, JSON
    that holds no raw '<'), or the script's words not shown as text in ``selector``."""
    soup = BeautifulSoup(markup, "html.parser")
    scripts = [s for s in soup.find_all("script") if not is_data_block(s)]
    problems = ["a script element"] if scripts else []
    if not any(SCRIPT in el.get_text() for el in soup.select(selector)):
        problems.append(f"the script's words not shown in {selector}")
    return problems


def test_only_a_data_block_that_nothing_breaks_out_of_passes_as_one():
    """Counter-cases of :func:`is_data_block`: a script that runs, a data block holding a raw '<', one
    that is not JSON."""
    ok = '<script type="application/ld+json">{"a": "\\u003c/script\\u003e"}</script>'
    for markup, expected in (
        (ok, True),
        ("<script>alert(1)</script>", False),
        ('<script type="application/ld+json">{"a": "<b>"}</script>', False),
        ('<script type="application/ld+json">alert(1)</script>', False),
    ):
        assert is_data_block(BeautifulSoup(markup, "html.parser").script) is expected, markup


@pytest.mark.parametrize(
    "selector",
    [".claim-quote", ".claim-finding", ".claim-reason", ".source-words", ".claim-reported", ".claim-facts-list q"],
)
def test_a_script_in_a_quote_shows_as_text_on_the_card(data, selector):
    from acureview.site.cards import cards_with_legend

    scripted_data, _, row = scripted(data)
    assert shows_as_text(cards_with_legend(row, scripted_data), selector) == []


@pytest.mark.parametrize("selector", [".facts-table q", ".facts-table .fact-note"])
def test_a_script_in_a_fact_s_words_shows_as_text_on_the_facts_page(data, selector):
    from acureview.site.factspage import facts_page

    scripted_data, table, _ = scripted(data)
    assert shows_as_text(facts_page(scripted_data, table), selector) == []


def test_a_script_in_the_review_shows_as_text_in_the_annotated_review(data):
    from acureview.site.review import annotated

    _, _, row = scripted(data)
    review = data.review + f"\n\nThe review's {SCRIPT} words.\n\n- a {SCRIPT} bullet\n"
    markup = annotated(review, row)
    assert shows_as_text(markup, ".review-text mark.claim") == []
    assert shows_as_text(markup, ".review-text li") == []


def test_markup_assembled_by_hand_is_caught():
    """The counter-case: a quote pasted into HTML unescaped is a script element, and is reported."""
    assert shows_as_text(f'<blockquote class="claim-quote">{SCRIPT}</blockquote>', ".claim-quote") != []


# --- one ranking: the landing page's findings and the dashboard's "gravest first" --------------------


def test_the_dashboard_sorts_gravest_first_by_the_findings_ranking(data):
    from acureview.site.ranking import rank_key, ranked_problems
    from acureview.verdicts import is_problem

    table = verify.table(data)
    by_rank = sorted(table.itertuples(), key=rank_key)
    problems = [r.claim_id for r in by_rank if is_problem(r.verdict)]
    assert [r.claim_id for r in by_rank][: len(problems)] == problems  # every problem before any other claim
    assert problems == list(ranked_problems(table)["claim_id"])


def test_the_ranking_puts_headline_claims_first_then_severity():
    from collections import namedtuple

    from acureview.site.ranking import rank_key

    Row = namedtuple("Row", "verdict severity importance")
    headline_major = rank_key(Row("overstated", "major", "headline"))
    assert headline_major < rank_key(Row("inconsistent", "critical", "detail"))  # importance first
    assert rank_key(Row("unsupported", "critical", "headline")) < headline_major  # then severity
    assert rank_key(Row("contradicted", "major", "headline")) < headline_major  # then the verdict
    assert rank_key(Row("uncited", "minor", "detail")) < rank_key(Row("reproduced", "", "headline"))  # problems first


# --- the site's search: a claim by its id (its card first), a number as printed --------------------


def search_index(site):
    import json

    text = (site / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


def search(index, query):
    """The results of Sphinx's search (searchtools.js) for ``query`` from its titles and index entries,
    best first: (page, anchor, score). Full-text matches score below both, and a query whose every
    term is digits ("66.3", "C-3.1-05" but its "c") finds no page by its words."""
    q = query.lower().strip()
    results = []
    for title, found in index["alltitles"].items():
        if q in title.lower().strip() and len(q) >= len(title) / 2:
            results += [(index["docnames"][f], a or "", round(15 * len(q) / len(title))) for f, a in found]
    for entry, found in index["indexentries"].items():
        if q in entry and len(q) >= len(entry) / 2:
            results += [(index["docnames"][f], a, round(100 * len(q) / len(entry))) for f, a, _ in found]
    return sorted(results, key=lambda r: -r[2])


def test_search_finds_a_claim_by_its_id_its_card_first(site, data):
    index = search_index(site)
    table = verify.table(data)
    for r in table.itertuples():
        first = search(index, r.claim_id)[0]
        assert first[:2] == ("book/dashboard", "card-" + r.anchor.removeprefix("claim-")), r.claim_id
    # the card is on the page, where the entry leads
    soup = page(site, "book/dashboard.html")
    assert soup.find(id="card-c-3-1-05").select_one(".claim-id").get_text() == "C-3.1-05"


@pytest.mark.parametrize("query", ["66.3", "66.3%"])
def test_search_finds_a_number_as_printed(site, data, query):
    index = search_index(site)
    found = search(index, query)
    assert found and found[0][0] == "book/dashboard"
    card = page(site, "book/dashboard.html").find(id=found[0][1])
    assert "66.3%" in card.select_one(".claim-rederived").get_text()


# --- nothing internal on a page: template slots, "pending", None, nan, key=value -------------------

INTERNAL = re.compile(
    r"\{\d*\}|\{[a-z_]+\}"  # a template's slot, unfilled
    r"|\bpending\b|none waits"  # a placeholder verdict, a count of nothing
    r"|\bNone\b(?! of\b)|\bnan\b|\bNaN\b"  # Python's and NumPy's empty values ("None of the trials" is English)
    r"|\b[a-z][a-z0-9_]+=\S"  # key=value ("n=75" and "IQR=10-30%" are the review's and the sources' words)
)
#: the data dictionary describes the files' own syntax: the args column's key=value pairs and its {0} slots
DESCRIBES_THE_FORMAT = {"book/data-dictionary.html"}


def internal_words(html: str) -> list[str]:
    """What a page shows that is internal (see INTERNAL), outside code, formulas and scripts."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    for el in article.select("pre, code, .highlight, .math, script, style"):
        el.decompose()
    text = " ".join(article.get_text(" ").split())
    return [text[max(0, m.start() - 30) : m.end() + 30] for m in INTERNAL.finditer(text)]


def test_no_page_shows_anything_internal(site):
    bad = {}
    for path in every_page(site):
        name = path.relative_to(site).as_posix()
        if name in DESCRIBES_THE_FORMAT:
            continue
        found = internal_words(path.read_text(encoding="utf-8"))
        if found:
            bad[name] = found[:3]
    assert not bad, bad


@pytest.mark.parametrize(
    "html",
    [
        "<article><p>pain fell from {0} to {1}</p></article>",
        "<article><p>a risk of {ratio}</p></article>",
        "<article><td>pending</td></article>",
        "<article><p>84 have a verdict and none waits for a chapter</p></article>",
        "<article><p>the odds ratio is nan</p></article>",
        "<article><p>severity None</p></article>",
        "<article><p>fact=rct1.weeks</p></article>",
    ],
)
def test_the_scan_finds_what_is_internal(html):
    assert internal_words(html)


def test_the_scan_leaves_the_reviews_words_and_code():
    assert not internal_words(
        "<article><p>None of the trials (n=75; IQR=10-30%)</p><pre>x = {0}</pre><code>alpha=0.05</code></article>"
    )


def test_search_finds_a_number_printed_with_thousands_separators(site):
    """ "10,000" is two digit-only terms, which the search drops: an index entry leads to the section
    that prints it."""
    index = search_index(site)
    found = search(index, "10,000")
    assert found, "no entry for 10,000"
    for docname, anchor, _ in found:
        section = page(site, docname + ".html").find(id=anchor)
        assert section is not None and "10,000" in section.get_text(), (docname, anchor)


def test_search_finds_the_bayesian_chapter_by_its_words(site):
    index = search_index(site)
    chapter = index["docnames"].index("notebooks/rct-bayes")
    titled = index["titleterms"].get("bayesian", [])
    assert chapter in (titled if isinstance(titled, list) else [titled])


# --- light pages: no MathJax; the formulas in HTML --------------------------------------------------


def test_no_page_loads_mathjax_and_the_formulas_are_html(site):
    for path in every_page(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        rel = path.relative_to(site).as_posix()
        assert not [s for s in soup.find_all("script") if "mathjax" in (s.get("src") or "").lower()], rel
        assert not [s for s in soup.find_all("script") if "MathJax" in (s.string or "")], rel
        assert not soup.select(".math"), rel
    assert not (site / "_static" / "mathjax").exists()
    formulas = page(site, "notebooks/rct-bayes.html").select("div.formula")
    lines = [" ".join(f.get_text(" ", strip=True).split()) for f in formulas]
    assert (
        len(formulas) == 2 and "logit p acu = μ + θ /2," in lines[0] and "rate = ( n p + d q ) / ( n + d )," in lines[1]
    )


def test_no_page_loads_the_icon_script_or_the_search_index_but_the_search_page(site):
    """The theme's Font Awesome script (1.5 MB; its stylesheet draws the icons) and Sphinx's search
    index (loaded for searching as one types, which the book leaves off) stay off the pages."""
    for path in every_page(site):
        srcs = [s.get("src") or "" for s in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")("script")]
        rel = path.relative_to(site).as_posix()
        assert not any("fontawesome" in s for s in srcs), rel
        assert any(s.endswith("searchindex.js") for s in srcs) == (rel == "search.html"), rel


def test_cards_name_the_facts_they_read_by_source_not_by_id(site, data):
    """A card's list of facts names each by where it stands in its source ("abstract of Gao 2023");
    the fact's id is only in the link's title (and its address)."""
    ids = set(data.facts)
    links = page(site, "book/dashboard.html").select("details.claim-facts-list a.fact-link")
    assert links
    shown_ids = [a.get_text(strip=True) for a in links if a.get_text(strip=True) in ids]
    assert not shown_ids, shown_ids[:5]
    assert all(a["title"].split()[1] in ids for a in links)
