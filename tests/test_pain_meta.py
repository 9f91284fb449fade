"""The chronic-pain meta-analyses [4, 5] (:mod:`acureview.studies.pain_meta`) and what their chapter
shows: between-group differences in points with their intervals, judged against no within-patient
threshold; IMMPACT's distinction in its own words; the decay of the sham-controlled effect
(MacPherson 2017). Each test has a case that must fail."""

import re

import jupytext
import pytest
from conftest import with_assumption, with_fact

from acureview import chapters, verify
from acureview.studies import cohort2, pain_meta

CHAPTER = verify.CHAPTERS / "chronic-pain-meta.md"


@pytest.fixture(scope="module")
def source():
    return CHAPTER.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def reads(data):
    """The facts the chapter's code reads by id (as declared, and kept true by tests/test_needs.py)."""
    return set(chapters.NEEDS[CHAPTER.stem].facts)


def test_the_points_are_each_difference_times_the_conversion_sd_with_no_threshold_column(data):
    table = pain_meta.points_table(data)
    sd = data.assumption("cohort2.sd_for_smd").value
    assert len(table) == 2 * len(pain_meta.PAIN_CONDITIONS)
    assert set(table["comparison"]) == set(pain_meta.COMPARISONS.values())
    row = table[(table["condition"] == "back and neck pain") & (table["comparison"] == "vs sham")].iloc[0]
    assert row["SMD"] == 0.23 and row["SMD 95% CI"] == "0.13 to 0.33"
    assert (row["points"], row["points, low"], row["points, high"]) == pytest.approx((0.23 * sd, 0.13 * sd, 0.33 * sd))
    assert (row["points"], row["points, low"], row["points, high"]) == pytest.approx(pain_meta.vas_points(data, "sham"))
    # a difference between groups: no column judges it against a threshold of one patient's change
    assert not [c for c in table.columns if re.search("important|threshold|reaches", c)]
    # counter-cases: another conversion SD, another effect
    assert pain_meta.points_table(with_assumption(data, "cohort2.sd_for_smd", 2.0))["points"].iloc[0] == pytest.approx(
        table["SMD"].iloc[0] * 2.0
    )
    moved = pain_meta.points_table(with_fact(data, "vickers2012.sham.back_neck", 0.30))
    assert moved.loc[row.name, "points"] == pytest.approx(0.30 * sd)


def test_the_chapter_sets_no_group_difference_against_a_within_patient_threshold(source, reads):
    """IMMPACT's thresholds of one patient's change (Dworkin 2008) are stated for what they are, in
    percent of one's own baseline, never turned into points beside the meta-analyses' differences
    (no column, band, line or sentence), and Dworkin 2009's own words say why."""
    assert not hasattr(cohort2, "important_change")
    code = "\n".join(c.source for c in jupytext.read(CHAPTER).cells if c.cell_type == "code")
    assert "axvspan" not in code and "axvline" not in code
    assert not re.search(r"minimally important change\"|around that\s+threshold|below it\b", source)
    assert {"dworkin2008.minimal_low_pct", "dworkin2008.moderate_pct"} <= reads
    assert {
        "dworkin2009.two_processes",
        "dworkin2009.individual_improvements",
        "dworkin2009.group_differences",
    } <= reads
    assert "{cite:p}`dworkin2009`" in source
    for name in ("two_processes", "individual", "group_differences"):
        assert f'"{{glue:text}}`{name}`"' in source  # quoted, and glued from the facts, never typed


def test_the_chapter_says_what_macpherson_found_on_the_sham_controlled_decay(source, reads):
    assert "does not\nanswer" not in source and "does not answer" not in source
    assert {"macpherson2017.sham.decline", "macpherson2017.sham.diminution_12m_pct"} <= reads
    assert re.search(r"\{glue:text\}`sham_half`\s+diminution at 12 months", source)
    assert "{cite:p}`macpherson2017`" in source


@pytest.mark.parametrize("fact_id", ["dworkin2009.two_processes", "dworkin2009.individual_improvements"])
def test_dworkin_2009_s_words_stand_in_their_quote(data, fact_id):
    fact = data.facts[fact_id]
    assert fact.source_id == "Dworkin2009" and fact.address == "https://doi.org/10.1016/j.pain.2009.08.019"
    assert fact.value in fact.quote
    # the value is the source's words, not a paraphrase: a changed word no longer stands in the quote
    assert fact.value.replace("clinical importance", "relevance") not in fact.quote
