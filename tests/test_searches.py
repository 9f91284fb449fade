"""The searches behind a reason that says no source, trial or review was found (data/searches.csv),
the verdict of an abstract's sentence (judged against the body's citations and the best evidence,
never 'uncited'), and the card's two lines: the citation, and the best evidence with its certainty."""

from __future__ import annotations

import csv
import re
from dataclasses import replace

import pytest
from conftest import with_args, with_claim

from acureview import checks
from acureview import data as data_mod
from acureview.checks.evidence import cited_refs
from acureview.data import DataError
from acureview.site import cards
from acureview.verdicts import CONSISTENT, CONTRADICTED, NOT_CHECKABLE, OVERSTATED, UNCITED, UNSUPPORTED

#: what a reason says when it states that nothing was found
ABSENCE = re.compile(
    r"\bno (trial|randomized|systematic review|consensus|guideline)\b|none (was|were) found|none (tested|was in)"
    r"|only published|none of these is validated",
    re.I,
)
#: claims another part of the work judges (their reasons are not this file's to hold to a search)
ELSEWHERE = {"C-2-02", "C-2-03", "C-R-01", "C-R-06", "C-3.1-21", "C-3.2-09", "C-3.2-20", "C-4-03", "C-A-03", "C-6-03"}


def test_searches_are_loaded_by_claim(data):
    assert {s.claim_id for ss in data.searches.values() for s in ss} == set(data.searches)
    assert all(s.read or "nothing" in s.found.lower() for ss in data.searches.values() for s in ss)
    assert len(data.searches["C-5-04"]) >= 3


def test_every_statement_that_nothing_was_found_has_its_searches(data):
    stated = {
        c.claim_id
        for c in data.claims
        if c.claim_id not in ELSEWHERE and ABSENCE.search(c.args.get("finding", "") + " " + c.args.get("needs", ""))
    }
    assert stated, "the pattern finds the statements it is for"
    assert not stated - set(data.searches), f"no search recorded for {sorted(stated - set(data.searches))}"


def _write(folder, rows):
    path = folder / "searches.csv"
    with open(path, encoding="utf-8") as f:
        header, *old = list(csv.reader(f))
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *old, *rows])


@pytest.mark.parametrize(
    "row, column, words",
    [
        (["S-99", "C-9-99", "t", "w", "2026-12-05", "f", ""], "claim_id", "unknown claim id 'C-9-99'"),
        (["S-99", "C-5-04", "t", "w", "2026-12-05", "f", "pmc.ncbi.nlm.nih.gov/x"], "read", "not a web address"),
        (
            ["S-99", "C-5-04", "t", "w", "2026-12-05", "f", "https://pmc.ncbi.nlm.nih.gov/x; https://bit.ly/x"],
            "read",
            "bit.ly",
        ),
        (["S-99", "C-5-04", "t", "w", "5 Dec", "f", ""], "date", "5 Dec"),
        (["S-01", "C-5-04", "t", "w", "2026-12-05", "f", ""], "search_id", "duplicate"),
    ],
)
def test_a_bad_search_is_named_at_its_cell(data_copy, row, column, words):
    _write(data_copy, [row])
    with pytest.raises(DataError) as e:
        data_mod.load(data_copy)
    assert e.value.path.name == "searches.csv" and e.value.column == column and words in str(e.value)


def test_an_abstract_sentence_is_judged_on_the_evidence_never_uncited(data):
    abstract = [c for c in data.claims if c.section == "Abstract" and c.check == "support"]
    assert abstract and all(checks.run(c, data).verdict != UNCITED for c in abstract)
    r = checks.run(data.claim("C-A-05"), data)
    assert r.verdict == CONSISTENT and "[7], which could not be found" in r.reason
    for bears, verdict in (("in part", OVERSTATED), ("contradicts", CONTRADICTED)):
        changed = with_args(data, "C-A-05", bears=bears)
        assert checks.run(changed.claim("C-A-05"), changed).verdict == verdict
    args = {k: v for k, v in data.claim("C-A-05").args.items() if k not in ("evidence", "bears", "finding")}
    none = with_claim(data, "C-A-05", args={**args, "needs": "a survey of costs"})
    assert checks.run(none.claim("C-A-05"), none).verdict == NOT_CHECKABLE
    moved = with_claim(data, "C-A-05", section="1")  # the same words in the body, citing nothing, are uncited
    assert checks.run(moved.claim("C-A-05"), moved).verdict == UNCITED


def test_an_abstract_sentence_names_what_the_body_cites(data):
    assert "(section 1) it cites [7], which could not be found" in checks.run(data.claim("C-A-05"), data).reason
    assert "of which [7] could not be found" in checks.run(data.claim("C-A-04"), data).reason
    assert "it cites nothing either" in checks.run(data.claim("C-A-02"), data).reason
    cited = with_claim(data, "C-1-02", refs=("R1",))
    read = "it cites [1], read as an abstract (its full text is public, not read here)"
    assert read in checks.run(cited.claim("C-A-05"), cited).reason


def test_a_citation_says_what_of_each_source_was_read(data):
    assert cited_refs(("R1",), data) == "[1], read as an abstract (its full text is public, not read here)"
    assert cited_refs(("R1", "R2"), data).startswith("[1, 2], each read as an abstract")
    # counter-cases: a source read in full says so, and two sources read differently are named one by one
    full = dict(data.sources["R2"], read_from="full text", full_text="public, read here")
    mixed = replace(data, sources={**data.sources, "R2": full})
    assert cited_refs(("R2",), mixed) == "[2], read in full"
    assert cited_refs(("R1", "R2"), mixed) == (
        "[1] read as an abstract (its full text is public, not read here) and [2] read in full"
    )


def test_a_body_counterpart_is_only_for_the_abstract(data):
    with pytest.raises(data_mod.ClaimInputError, match="only a sentence of the abstract"):
        with_args(data, "C-5-04", body="C-1-02")
    with pytest.raises(data_mod.ClaimInputError, match="not a claim of the review's body"):
        with_args(data, "C-A-05", body="C-A-02")


def test_the_card_gives_the_citation_and_the_evidence_on_two_lines(data, verdict_table):
    row = next(verdict_table[verdict_table.claim_id == "C-A-05"].itertuples())
    lines = cards.standing(row)
    assert "[7], which could not be found" in lines["cited"]  # only an unfindable reference behind it ...
    assert lines["evidence"].startswith("The best available evidence agrees")  # ... and the evidence bears it out
    assert "Its certainty: observational studies, not graded." in lines["evidence"]
    html = cards.claim_card(row, data, {})
    assert 'class="claim-cited"' in html and 'class="claim-evidence"' in html
    held = next(verdict_table[verdict_table.claim_id == "C-3.1-08"].itertuples())
    assert cards.standing(held) == {
        "cited": "The review cites [1], read as an abstract (its full text is public, not read here); "
        "what was read of it agrees, without confirming it.",
        "evidence": "",
    }
    uncited = next(verdict_table[verdict_table.claim_id == "C-5-04"].itertuples())
    assert cards.standing(uncited)["cited"] == "The review cites no source for it."
    assert "Its certainty is not graded" in cards.standing(uncited)["evidence"]


def test_the_card_s_two_lines_are_columns_of_the_published_table(data, verdict_rows, verdict_table):
    """The two lines are computed with the verdicts (``cited``, ``evidence``), published with them, and
    what the card shows is what the table says: a row's lines changed show changed on its card."""
    for r in verdict_rows:
        claim = data.claim(r["claim_id"])
        assert r["cited"] == checks.citation_line(claim, data, r["verdict"]), r["claim_id"]
        assert r["evidence"] == checks.evidence_line(claim, data), r["claim_id"]
    assert all(r["cited"] for r in verdict_rows)
    assert any(r["evidence"] for r in verdict_rows) and not all(r["evidence"] for r in verdict_rows)
    row = next(verdict_table[verdict_table.claim_id == "C-A-05"].itertuples())
    html = cards.claim_card(row._replace(cited="The table's own first line.", evidence=""), data, {})
    assert "The table&#39;s own first line." in html or "The table's own first line." in html
    assert 'class="claim-evidence"' not in html
    assert cards.standing(row._replace(cited="", evidence="")) == {}


def test_the_card_shows_the_searches_behind_a_claim(data, verdict_table):
    row = next(verdict_table[verdict_table.claim_id == "C-5-04"].itertuples())
    html = cards.claim_card(row, data, {})
    assert f"the searches behind it ({len(data.searches['C-5-04'])})" in html
    assert 'href="http://globethesis.com/?t=2544307160990769"' in html
    quiet = next(verdict_table[verdict_table.claim_id == "C-3.1-08"].itertuples())
    assert "the searches behind it" not in cards.claim_card(quiet, data, {})


def test_zhao_2019_side_effects_are_weighed(data):
    r = checks.run(data.claim("C-3.1-19"), data)
    assert r.verdict == UNSUPPORTED and "zhao2019.side_effects" in r.quotes
    assert "lower side-effect ratings with both" in r.reason
