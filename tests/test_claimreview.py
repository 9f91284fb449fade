"""Machine-readable verdicts: each card's ClaimReview JSON-LD carries the fields the fact-check markup
requires, on the stated scale, safely inside its script and addressed as the card's citation; the
published data files and verdict table are a data package that the frictionless library validates."""

import csv
import json

import frictionless
import pytest
from bs4 import BeautifulSoup

from acureview import verify
from acureview.paths import DATA
from acureview.site import cards, citation, claimreview, downloads
from acureview.site.text import plain_words
from acureview.verdicts import ORDER, PENDING

BREAKOUT = "the words </script><script>alert('x')</script> & <!-- and \"more\""


def reviews(html):
    """(the card's anchor, the parsed JSON) of every ClaimReview script in ``html``, as a browser reads them."""
    soup = BeautifulSoup(html, "html.parser")
    return [(s["data-card"], json.loads(s.string)) for s in soup.find_all("script", type="application/ld+json")]


def shown(df, data):
    return cards.cards_with_legend(df, data, root="../", filterable=True, legend_first=False)


def test_every_claim_has_one_claimreview_with_the_required_fields(verdict_table, data):
    html = shown(verdict_table, data)
    found = reviews(html)
    soup = BeautifulSoup(html, "html.parser")
    anchors = [c["id"] for c in soup.select(".claim-card")]
    assert [card for card, _ in found] == anchors and len(anchors) == len(verdict_table)
    for r, (card, review) in zip(verdict_table.itertuples(), found, strict=True):
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == plain_words(r.quote)
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating" and rating["alternateName"] == r.verdict
        assert (rating["worstRating"], rating["bestRating"]) == (claimreview.WORST, claimreview.BEST)
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
        assert rating["description"] == claimreview.SCALE and rating["ratingExplanation"]
        assert review["url"] == f"../book/dashboard.html#{card}"
        claim = review["itemReviewed"]
        assert claim["@type"] == "Claim" and claim["appearance"]["name"].endswith(
            "Acupuncture for Treatment-Resistant Conditions"
        )
        assert claim["appearance"]["url"] == f"../book/review.html#review-{card.removeprefix('card-')}"
        assert review["author"]["name"] and review["isPartOf"]["@type"] == "Book"
        assert review["datePublished"] == claimreview.book()["released"]


def test_the_rating_follows_the_scale_gravest_first_and_the_scale_is_stated():
    rated = [v for v in ORDER if v != PENDING]
    assert [claimreview.rating_value(v) for v in rated] == list(range(1, len(rated) + 1))
    assert claimreview.rating_value("inconsistent") == claimreview.WORST == 1
    assert claimreview.rating_value("reproduced") == claimreview.BEST == 10
    assert claimreview.rating_value(PENDING) is None
    for i, v in enumerate(rated, 1):
        assert f"{i} {v};" in claimreview.SCALE + ";" or f"{i} {v}." in claimreview.SCALE


def test_a_changed_verdict_changes_the_rating(verdict_table, data):
    df = verdict_table.copy()
    first = df.index[df["verdict"] == "reproduced"][0]
    before = reviews(shown(df.loc[[first]], data))[0][1]["reviewRating"]
    df.loc[first, ["verdict", "severity"]] = ["contradicted", "critical"]
    after = reviews(shown(df.loc[[first]], data))[0][1]["reviewRating"]
    assert (before["alternateName"], before["ratingValue"]) == ("reproduced", 10)
    assert (after["alternateName"], after["ratingValue"], after["name"]) == (
        "contradicted",
        2,
        "contradicted, critical",
    )


def test_a_claim_not_yet_checked_has_its_words_but_no_number(verdict_table, data):
    df = verdict_table.head(1).copy()
    df.loc[df.index[0], ["verdict", "severity", "reason"]] = [PENDING, "", ""]
    rating = reviews(shown(df, data))[0][1]["reviewRating"]
    assert rating["alternateName"] == PENDING and "ratingValue" not in rating and "ratingExplanation" not in rating


def test_a_quote_that_closes_the_script_stays_inside_it(verdict_table, data):
    df = verdict_table.head(2).copy()
    df.loc[df.index[0], ["quote", "reason"]] = [BREAKOUT, BREAKOUT]
    html = shown(df, data)
    assert html.count("</script>") == 2 and "<script>" not in html and "<!--" not in html
    found = reviews(html)
    assert len(found) == 2 and found[0][1]["claimReviewed"] == BREAKOUT
    assert found[0][1]["reviewRating"]["ratingExplanation"].startswith("the words </script>")
    # and again after the page's addresses are written in
    filled = claimreview.fill(html, "book/dashboard", "", "https://example.org/book/")
    assert filled.count("</script>") == 2 and reviews(filled)[0][1]["claimReviewed"] == BREAKOUT


def test_the_json_is_the_same_on_every_render_with_its_keys_sorted_and_no_space(verdict_table, data):
    df = verdict_table.head(3)
    html = shown(df, data)
    assert html == shown(df, data)
    soup = BeautifulSoup(html, "html.parser")
    for s in soup.find_all("script", type="application/ld+json"):
        parsed = json.loads(s.string)
        # compact: no space after the separators (84 cards' JSON-LD is a tenth of the dashboard's weight)
        assert s.string == json.dumps(parsed, sort_keys=True, separators=(",", ":")).replace("<", "\\u003c").replace(
            ">", "\\u003e"
        ).replace("&", "\\u0026").replace("'", "\\u0027")


@pytest.mark.parametrize("base_url", ["", "https://example.org/acu/"])
@pytest.mark.parametrize(
    ("page", "card_page"), [("book/dashboard", ""), ("notebooks/safety", "../book/dashboard.html")]
)
def test_the_address_is_the_cards_citation_address(verdict_table, data, page, card_page, base_url):
    html = shown(verdict_table.head(2), data)
    filled = citation.fill(html, "the book", "abc123", "", card_page, base_url)
    filled = claimreview.fill(filled, page, card_page, base_url)
    soup = BeautifulSoup(filled, "html.parser")
    cited = [a["href"] for a in soup.select("a.cite-address")]
    found = reviews(filled)
    assert [review["url"] for _, review in found] == cited
    for card, review in found:
        assert review["url"] == citation.card_address(card, card_page, base_url)
        appearance = review["itemReviewed"]["appearance"]["url"]
        slug = card.removeprefix("card-")
        if base_url:
            assert review["url"] == f"{base_url}book/dashboard.html#{card}"
            assert appearance == f"{base_url}book/review.html#review-{slug}"
        else:
            assert review["url"] == f"{card_page}#{card}"
            assert appearance == f"../book/review.html#review-{slug}"


# --- the data package -----------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def csv_field_size_limit():
    """frictionless raises the csv module's field-size limit for the whole process when it first reads
    a CSV: put it back, so that the tests after these see the limit the loader reports on."""
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


def published(tmp_path, table, data_folder=None):
    executed = tmp_path / "executed"
    executed.mkdir(exist_ok=True)
    out = tmp_path / "downloads"
    downloads.publish(table, out, executed, **({"data": data_folder} if data_folder else {}))
    return out


def test_the_published_data_and_verdict_table_are_a_valid_data_package(tmp_path, verdict_rows):
    out = published(tmp_path, verdict_rows)
    report = frictionless.validate(str(out / downloads.DESCRIPTOR))
    assert report.valid, [e.message for task in report.tasks for e in task.errors][:5]
    package = frictionless.Package(str(out / downloads.DESCRIPTOR))
    names = [r.name for r in package.resources]
    assert names[-3:] == ["review", "verdicts", "whatif"] and len(names) == len(set(names))
    assert {r.path for r in package.resources} == {p.name for p in out.iterdir() if p.is_file()} - {
        "verdicts.json",
        "whatif.json",
        downloads.DESCRIPTOR,
    }
    verdicts = package.get_resource("verdicts")
    assert [f.name for f in verdicts.schema.fields] == verify.COLUMNS
    assert len(verdicts.read_rows()) == len(verdict_rows)
    descriptor = json.loads((out / downloads.DESCRIPTOR).read_text(encoding="utf-8"))
    assert descriptor == downloads.package()
    assert descriptor["units"] == json.loads((DATA / downloads.DESCRIPTOR).read_text())["units"]


def test_a_verdict_off_the_scale_makes_the_published_package_invalid(tmp_path, verdict_rows):
    rows = [dict(r) for r in verdict_rows]
    rows[0]["verdict"] = "probably fine"
    out = published(tmp_path, rows)
    report = frictionless.validate(str(out / downloads.DESCRIPTOR))
    errors = [(task.name, e.type) for task in report.tasks for e in task.errors]
    assert not report.valid and ("verdicts", "constraint-error") in errors


def test_a_data_file_that_breaks_its_schema_makes_the_published_package_invalid(tmp_path, verdict_rows, data_copy):
    claims = data_copy / "claims.csv"
    lines = claims.read_text(encoding="utf-8").splitlines(keepends=True)
    claims.write_text(lines[0] + lines[1].replace("C-", "X-", 1) + "".join(lines[2:]), encoding="utf-8")
    out = published(tmp_path, verdict_rows, data_copy)
    report = frictionless.validate(str(out / downloads.DESCRIPTOR))
    assert not report.valid and "claims" in {task.name for task in report.tasks if task.errors}
