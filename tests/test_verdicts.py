"""The verdict scale: every problem carries a severity, every claim an importance, every claim that
is not checkable names what is missing, and every judgment of a source shows the source's words."""

import re

import pytest
from conftest import with_args, with_claim, with_fact

from acureview import checks, fmt
from acureview.checks import Result
from acureview.checks.citations import grade
from acureview.verdicts import (
    CONSISTENT,
    CRITICAL,
    IMPORTANCE,
    MAJOR,
    MINOR,
    NOT_CHECKABLE,
    ORDER,
    OVERSTATED,
    REPRODUCED,
    SEVERITIES,
    VERDICTS,
    is_problem,
    severity_by_importance,
)


@pytest.fixture(scope="module")
def table(data, verdict_table):
    args = {c.claim_id: "; ".join(f"{k}={v}" for k, v in c.args.items()) for c in data.claims}
    df = verdict_table.set_index("claim_id")
    df["args"] = [args[i] for i in df.index]
    return df


def test_every_problem_has_a_severity_and_nothing_else_has_one(table):
    for cid, r in table.iterrows():
        if is_problem(r["verdict"]):
            assert r["severity"] in SEVERITIES, cid
        else:
            assert r["severity"] == "", cid


def test_every_claim_has_an_importance(table):
    assert set(table["importance"]) <= set(IMPORTANCE)
    assert set(table["importance"]) == set(IMPORTANCE)  # all three are used


def test_every_not_checkable_claim_names_what_is_missing_and_whether_it_is_public(table):
    rows = table[table["verdict"] == NOT_CHECKABLE]
    assert len(rows)
    for cid, r in rows.iterrows():
        assert r["missing"].strip(), cid
        assert re.search(r"\b(public|not published|subscription|not in the abstract)\b", r["missing"]), cid
        assert r["missing"].split(":")[0] in r["reason"], cid


def test_a_result_refuses_a_severity_without_a_problem_and_a_missing_item_without_a_name():
    with pytest.raises(ValueError, match="no severity"):
        Result(REPRODUCED, "x", "y", severity=MINOR)
    with pytest.raises(ValueError, match="missing item"):
        Result(NOT_CHECKABLE, "x", "y")
    with pytest.raises(ValueError, match="unknown severity"):
        Result(OVERSTATED, "x", "y", severity="grave")


def test_the_importance_sets_the_default_severity(data):
    """C-3.2-01 is a headline claim: overstated, critical. As a detail it would be minor."""
    assert checks.run(data.claim("C-3.2-01"), data).severity == CRITICAL
    assert (
        checks.run(
            with_claim(data, "C-3.2-01", importance="detail").claim("C-3.2-01"),
            with_claim(data, "C-3.2-01", importance="detail"),
        ).severity
        == MINOR
    )
    assert [severity_by_importance(i) for i in IMPORTANCE] == [CRITICAL, MAJOR, MINOR]


def test_how_the_best_evidence_bears_sets_the_severity_of_an_uncited_statement(data):
    """A true statement left uncited misleads no one; one the evidence bears out only in part does."""
    assert checks.run(data.claim("C-4-01"), data).severity == MINOR
    partly = with_args(data, "C-4-01", bears="in part")
    assert checks.run(partly.claim("C-4-01"), partly).severity == MAJOR


def test_every_judgment_of_a_source_shows_the_source_s_words(table):
    for cid, r in table.iterrows():
        reads = r["check"] in ("fact", "wording") or (
            r["check"] == "support" and ("fact=" in r["args"] or "evidence=" in r["args"])
        )
        if reads and r["verdict"] != NOT_CHECKABLE:
            assert "\u201c" in r["source_words"], cid
    for cid, r in table.iterrows():
        for line in filter(None, r["source_words"].split("\n")):
            assert re.match(r"^[^:]+: \u201c.+\u201d$", line, re.S), (cid, line)


def test_every_fact_read_carries_the_source_s_words_and_address(data):
    for f in data.facts.values():
        if f.type != "missing":
            assert f.quote.strip() and f.address.strip(), f.fact_id
    # the words are the source's: a recorded number stands in its quote, in figures or in words
    words = {3: "three", 12: "one year", 22: "twenty-two", 29: "twenty-nine"}
    for f in data.facts.values():
        if f.type in ("int", "float") and f.source_id != "Review":
            quote = f.quote.replace(",", "").lower()
            assert f"{f.value:g}" in quote or words.get(f.value, "-") in quote, f.fact_id


def test_the_fact_check_reads_the_source_s_words_not_a_paraphrase(data):
    """A wording check looks for the review's stronger wording in the source's own words."""
    said = with_fact(data, "cohort2.dose_response", ">=6 treatments were optimal")
    assert checks.run(said.claim("C-3.2-13"), said).verdict == REPRODUCED


@pytest.mark.parametrize(
    "field,cited,record,severity",
    [
        ("journal", "JAMA Intern Med", "Arch Intern Med", MINOR),  # renamed in 2013: still found
        ("journal", "Evid Based Complement Alternat Med", "J Inflamm Res", MAJOR),
        ("year", "2023", "2022", MINOR),
        ("year", "2020", "2022", MAJOR),
        ("authors", "Matsuura Y, Hongo S", "Matsuura Y, Hongo S, Taniguchi H", MINOR),
        ("authors", "Ni S-M, Jiang X-Z", "Gao Y, Tong Q-Y", MAJOR),
        (
            "title",
            "Effect of Acupuncture on Physical Symptoms in Mood Disorders",
            "Effect of Acupuncture on Physical Symptoms in Bipolar Disorder",
            MINOR,
        ),
        ("title", "The Anti-Inflammatory Actions of Acupuncture", "Acupuncture for insomnia in older adults", MAJOR),
        ("doi", "10.13703/j.0255-2930.20220708-0002", "10.13703/j.0255-2930.20220417-k0003", MAJOR),
        ("pages", "417-421", "417-419", MINOR),
    ],
)
def test_each_differing_field_is_graded(field, cited, record, severity):
    assert grade(field, cited, record) == severity


def test_the_references_audit_grades_each_entry_by_its_worst_field(table):
    assert table.loc["C-R-04", "severity"] == MINOR  # only the journal, under its former name
    assert table.loc["C-R-01", "severity"] == MAJOR  # other authors and another DOI
    assert table.loc["C-R-06", "severity"] == MAJOR  # no record as cited
    assert "authors (major)" in table.loc["C-R-01", "rederived"]


def test_the_scale_has_one_colour_symbol_and_definition_each_and_a_full_order():
    assert len({v.colour for v in VERDICTS.values()}) == len(VERDICTS)
    assert len({v.symbol for v in VERDICTS.values()}) == len(VERDICTS)
    assert all(v.definition for v in VERDICTS.values())
    assert set(ORDER) == set(VERDICTS)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_every_badge_is_legible(data):
    """WCAG contrast of at least 4.5:1 between a badge's text and its background."""
    for v in VERDICTS.values():
        a, b = sorted((_luminance(v.colour), _luminance(v.text)))
        assert (b + 0.05) / (a + 0.05) >= 4.5, v.name


def test_consistent_is_used_for_counts_rebuilt_from_the_review_s_own_percentages(table):
    for cid in ("C-3.1-05", "C-3.1-08", "C-3.1-09"):
        assert table.loc[cid, "verdict"] == CONSISTENT
        assert "would confirm" in table.loc[cid, "reason"]


# --- reasons: one or two plain sentences ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, n",
    [
        ("One sentence with P < 0.05 and 19/36 (52.8%).", 1),
        ("Vickers et al. found it, e.g. in back pain. A second one.", 2),
        ("It says 'done.' Then more. And a third (quoted).", 3),
        ("[7], its only citation, is in no index searched. If [7] is merely too recent, it is not checkable.", 2),
        ("A decimal 0.0350 to 0.0609. [1] gives 24 sessions.", 2),
    ],
)
def test_sentences_are_counted_as_a_reader_counts_them(text, n):
    assert len(fmt.sentences(text)) == n


def test_every_reason_is_one_or_two_plain_sentences(table):
    for cid, r in table.iterrows():
        assert 1 <= len(fmt.sentences(r["reason"])) <= 2, (cid, r["reason"])
        assert not re.search(r"\b[a-z0-9]+\.[a-z_0-9]+_[a-z_0-9]+\b|\b[a-z_]+=", r["reason"]), (cid, r["reason"])


def test_a_result_refuses_a_third_sentence(data):
    with pytest.raises(ValueError, match="one or two sentences"):
        Result(REPRODUCED, "x", "One. Two. Three.")
    longer = with_args(data, "C-4-01", alternative="read otherwise, it would be uncited. It would also be minor")
    with pytest.raises(ValueError, match="one or two sentences"):
        checks.run(longer.claim("C-4-01"), longer)


def test_a_stated_severity_is_the_judgment_where_the_rule_would_misjudge(data):
    """C-A-04 is hedged ('a potential therapy'): minor, though the evidence bears on it only in part,
    which by the rule alone would make it major."""
    assert checks.run(data.claim("C-A-04"), data).severity == MINOR
    args = {k: v for k, v in data.claim("C-A-04").args.items() if k != "severity"}
    ruled = with_claim(data, "C-A-04", args=args)
    assert checks.run(ruled.claim("C-A-04"), ruled).severity == MAJOR
