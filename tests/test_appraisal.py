"""Risk of bias (RoB 2, ROBINS-I) and certainty (GRADE): the generic algorithms against the
published rules, the book's data validated on load, and counter-cases that flip a judgement."""

import csv
import io

import pytest

from acureview import appraisal as ap
from acureview.data import DataError
from acureview.methods import grade, rob2, robins_i
from acureview.paths import ROOT
from acureview.site.tables import text_table, with_source_links
from acureview.verify import load

# --- RoB 2: each domain's algorithm ------------------------------------------------------------------
# Reference: the criteria of the RoB 2 guidance (Sterne et al. BMJ 2019;366:l4898 and the full guidance
# of 22 August 2019, riskofbias.info), domain 1 as reproduced word for word in Table 2 of Systematic
# Reviews 2021;10:171 (PMC8191126): "Low: the allocation sequence was adequately concealed AND any
# baseline differences ... compatible with chance OR no information about baseline imbalances AND the
# allocation sequence was random OR no information ...; Some concerns: concealed AND not random OR
# baseline differences suggest a problem; OR no information about concealment AND baseline differences
# compatible with chance; OR no information to answer any of the signalling questions; High: not
# adequately concealed OR no information about concealment AND baseline differences suggest a problem".

D1_CASES = [
    ({"1.1": "Y", "1.2": "Y", "1.3": "N"}, "Low"),
    ({"1.1": "NI", "1.2": "PY", "1.3": "NI"}, "Low"),
    ({"1.1": "N", "1.2": "Y", "1.3": "N"}, "Some concerns"),
    ({"1.1": "Y", "1.2": "Y", "1.3": "Y"}, "Some concerns"),
    ({"1.1": "Y", "1.2": "NI", "1.3": "N"}, "Some concerns"),
    ({"1.1": "NI", "1.2": "NI", "1.3": "NI"}, "Some concerns"),
    ({"1.1": "Y", "1.2": "N", "1.3": "N"}, "High"),
    ({"1.1": "Y", "1.2": "NI", "1.3": "PY"}, "High"),
]


@pytest.mark.parametrize("answers, expected", D1_CASES)
def test_rob2_domain1_follows_the_published_criteria(answers, expected):
    assert rob2.domain1(answers).level == expected


D2 = {"2.1": "N", "2.2": "N", "2.3": "NA", "2.4": "NA", "2.5": "NA", "2.6": "Y", "2.7": "NA"}


@pytest.mark.parametrize(
    "changes, expected",
    [
        ({}, "Low"),  # blinded, appropriate analysis
        ({"2.1": "Y", "2.3": "N"}, "Low"),  # aware, but no deviations because of the trial context
        ({"2.1": "Y", "2.3": "NI"}, "Some concerns"),
        ({"2.1": "Y", "2.3": "Y", "2.4": "N"}, "Some concerns"),
        ({"2.1": "Y", "2.3": "Y", "2.4": "Y", "2.5": "Y"}, "Some concerns"),
        ({"2.1": "Y", "2.3": "Y", "2.4": "PY", "2.5": "N"}, "High"),
        ({"2.6": "N", "2.7": "N"}, "Some concerns"),
        ({"2.6": "PN", "2.7": "Y"}, "High"),
        ({"2.6": "NI", "2.7": "NI"}, "High"),
    ],
)
def test_rob2_domain2_combines_its_two_parts(changes, expected):
    assert rob2.domain2({**D2, **changes}).level == expected


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"3.1": "Y"}, "Low"),
        ({"3.1": "N", "3.2": "Y"}, "Low"),
        ({"3.1": "N", "3.2": "N", "3.3": "N"}, "Low"),
        ({"3.1": "PN", "3.2": "PN", "3.3": "PY", "3.4": "PN"}, "Some concerns"),
        ({"3.1": "N", "3.2": "N", "3.3": "Y", "3.4": "Y"}, "High"),
        ({"3.1": "NI", "3.2": "N", "3.3": "NI", "3.4": "NI"}, "High"),
    ],
)
def test_rob2_domain3_missing_outcome_data(answers, expected):
    assert rob2.domain3(answers).level == expected


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"4.1": "Y"}, "High"),
        ({"4.1": "N", "4.2": "Y"}, "High"),
        ({"4.1": "N", "4.2": "N", "4.3": "N"}, "Low"),
        ({"4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "N"}, "Low"),
        ({"4.1": "N", "4.2": "N", "4.3": "Y", "4.4": "Y", "4.5": "N"}, "Some concerns"),
        ({"4.1": "N", "4.2": "N", "4.3": "NI", "4.4": "PY", "4.5": "NI"}, "High"),
        ({"4.1": "N", "4.2": "NI", "4.3": "N"}, "Some concerns"),  # NI to 4.2: Low is out of reach
        ({"4.1": "NI", "4.2": "NI", "4.3": "Y", "4.4": "N"}, "Some concerns"),
    ],
)
def test_rob2_domain4_measurement(answers, expected):
    assert rob2.domain4(answers).level == expected


@pytest.mark.parametrize(
    "answers, expected",
    [
        ({"5.1": "Y", "5.2": "N", "5.3": "N"}, "Low"),
        ({"5.1": "NI", "5.2": "N", "5.3": "PN"}, "Some concerns"),
        ({"5.1": "Y", "5.2": "NI", "5.3": "N"}, "Some concerns"),
        ({"5.1": "Y", "5.2": "N", "5.3": "PY"}, "High"),
    ],
)
def test_rob2_domain5_selection_of_the_result(answers, expected):
    assert rob2.domain5(answers).level == expected


def test_rob2_overall_rule_and_the_judgement_it_leaves_to_the_assessor():
    assert rob2.overall(["Low"] * 5) == "Low"
    assert rob2.overall(["Low", "Some concerns", "Low", "Low", "Low"]) == "Some concerns"
    assert rob2.overall(["Low", "High", "Low", "Low", "Low"]) == "High"
    several = ["Some concerns", "Some concerns", "Low", "Low", "Low"]
    with pytest.raises(ValueError, match="assessor"):
        rob2.overall(several)
    assert rob2.overall(several, substantial=True) == "High"
    assert rob2.overall(several, substantial=False) == "Some concerns"


def test_rob2_refuses_answers_it_cannot_use():
    with pytest.raises(rob2.AnswerError) as e:
        rob2.domain3({"3.1": "N", "3.2": "NI"})  # RoB 2 offers no NI for 3.2
    assert e.value.question == "3.2"
    with pytest.raises(rob2.AnswerError):
        rob2.domain1({"1.1": "Y", "1.2": "NA", "1.3": "N"})  # a question the algorithm needs, not answered
    with pytest.raises(rob2.AnswerError):
        rob2.judge({"9.9": "Y"})


# --- RoB 2 of the trial [1], and counter-cases that flip a domain --------------------------------------


def test_the_trials_domains_and_overall(data):
    judged = ap.rob2_judgements(data.appraisal)
    assert {d: j.level for d, j in judged.items()} == {
        "D1": "Some concerns",
        "D2": "Some concerns",
        "D3": "High",
        "D4": "High",
        "D5": "Some concerns",
    }
    assert ap.rob2_overall(data.appraisal) == ("High", "High in D3, D4")


def test_reasons_for_dropping_out_would_flip_missing_data_to_some_concerns(data):
    assert ap.rob2_judgements(data.appraisal, answers={"3.4": "PN"})["D3"].level == "Some concerns"
    assert ap.rob2_judgements(data.appraisal, answers={"3.2": "Y"})["D3"].level == "Low"


def test_blinded_raters_would_flip_measurement_to_low(data):
    assert ap.rob2_judgements(data.appraisal, answers={"4.3": "N"})["D4"].level == "Low"
    assert ap.rob2_judgements(data.appraisal, answers={"4.5": "PN"})["D4"].level == "Some concerns"


def test_without_the_high_domains_the_assessor_judgement_decides(data):
    """With domains 3 and 4 at High the assessor's question is not reached (recorded NA); were they
    not High, the judgement would have to be given, and it decides."""
    better = {"3.4": "PN", "4.3": "N"}
    with pytest.raises(ValueError, match="must be given"):
        ap.rob2_overall(data.appraisal, answers=better)
    assert ap.rob2_overall(data.appraisal, answers=better, substantial=True)[0] == "High"
    assert ap.rob2_overall(data.appraisal, answers=better, substantial=False)[0] == "Some concerns"


# --- ROBINS-I ----------------------------------------------------------------------------------------
# Reference: Sterne et al. BMJ 2016;355:i4919, Table 2 (overall judgement across domains).


@pytest.mark.parametrize(
    "levels, expected",
    [
        (["Low"] * 7, "Low"),
        (["Low"] * 6 + ["Moderate"], "Moderate"),
        (["Low"] * 5 + ["Moderate", "Serious"], "Serious"),
        (["Critical"] + ["Low"] * 6, "Critical"),
        (["Critical", "No information"] + ["Serious"] * 5, "Critical"),
        (["Low"] * 6 + ["No information"], "No information"),
        (["Serious"] + ["No information"] * 6, "Serious"),
    ],
)
def test_robins_overall_is_the_most_severe_domain(levels, expected):
    assert robins_i.overall(levels) == expected


def test_robins_refuses_judgements_that_contradict_its_guidance():
    assert robins_i.problems("D1", {"1.1": "N"}, "Serious")
    assert not robins_i.problems("D1", {"1.1": "N"}, "Low")
    assert robins_i.problems("D6", {"6.1": "Y", "6.2": "PY", "6.3": "Y", "6.4": "N"}, "Low")
    assert robins_i.problems("D5", {"5.1": "Y", "5.2": "N", "5.3": "N"}, "No information")
    assert robins_i.problems("D7", {"7.1": "PY", "7.2": "N", "7.3": "N"}, "Low")
    assert robins_i.problems("D2", {"1.1": "Y"}, "Low")  # a question of another domain


def test_the_cohort_is_at_critical_risk_and_only_confounding_could_lower_it(data):
    assessed = data.appraisal
    for outcome in ap.robins_outcomes(assessed):
        assert ap.robins_overall(assessed, outcome) == "Critical"
        assert ap.robins_overall(assessed, outcome, override={"D1": "Serious"}) == "Serious"
        assert ap.robins_overall(assessed, outcome, override={"D1": "Moderate"}) == "Serious"  # D2 and D6 remain


# --- GRADE ---------------------------------------------------------------------------------------------
# Reference: Balshem et al. J Clin Epidemiol 2011;64:401 (start: randomized high, observational low; four
# levels); Guyatt et al. ibid. 1311 (rating up only when nothing is rated down).

NOT = dict.fromkeys(grade.DOWNGRADE_DOMAINS, "not serious")


@pytest.mark.parametrize(
    "start, changes, expected",
    [
        ("high", {}, "high"),
        ("high", {"risk of bias": "serious"}, "moderate"),
        ("high", {"risk of bias": "serious", "imprecision": "very serious"}, "very low"),
        (
            "high",
            {"risk of bias": "very serious", "imprecision": "very serious", "indirectness": "serious"},
            "very low",
        ),
        ("low", {}, "low"),
        ("low", {"large effect": "+2"}, "high"),
        ("low", {"inconsistency": "serious"}, "very low"),
    ],
)
def test_grade_certainty_arithmetic(start, changes, expected):
    assert grade.certainty(start, {**NOT, **changes}).level == expected


def test_grade_refuses_what_the_guidance_does_not_allow():
    with pytest.raises(ValueError, match="rated down is not rated up"):
        grade.certainty("low", {**NOT, "risk of bias": "serious", "dose-response": "+1"})
    with pytest.raises(ValueError, match="starting high"):
        grade.certainty("high", {**NOT, "large effect": "+1"})
    with pytest.raises(ValueError, match="not rated"):
        grade.certainty("high", {"risk of bias": "serious"})


def absolute_from_ratio(control_risk: float, ratio: float, low: float, high: float) -> tuple[float, float, float]:
    """The risk difference per 1000 implied by a risk ratio and its interval at an assumed control
    risk, as GRADEpro computes it (risk with the intervention = control risk x RR), through the
    book's per_1000. The book's summary of findings uses the trial's own risk difference instead."""
    return tuple(grade.per_1000(control_risk * (r - 1)) for r in (ratio, low, high))


def test_grade_absolute_effects_per_1000():
    # GRADEpro's arithmetic: risk with intervention = control risk x RR; 200 per 1000 and RR 1.5 (1.2 to 2.0)
    assert absolute_from_ratio(0.2, 1.5, 1.2, 2.0) == pytest.approx((100, 40, 200))


@pytest.mark.parametrize(
    "low, high, events, expected",
    [
        (0.25, 0.40, 400, "not serious"),
        (0.10, 0.40, 400, "serious"),  # includes important benefit and less
        (0.25, 0.40, 100, "serious"),  # too few events
        (0.10, 0.40, 100, "very serious"),
        (-0.05, 0.40, 400, "very serious"),  # includes no effect and important benefit
    ],
)
def test_grade_imprecision_rule(low, high, events, expected):
    assert grade.imprecision(low, high, 0.20, events) == expected


def test_recorded_imprecision_for_depression_matches_the_rule(data):
    from acureview.studies import rct1

    rd, lo, hi = ap.trial_rd(data)
    events = sum(a.responders for a in rct1.arms(data))
    threshold = rct1.important_difference(data)[0]
    assert ap.ratings(data.appraisal, "depression")["imprecision"].rating == grade.imprecision(
        lo, hi, threshold, events
    )


def test_certainty_of_each_conclusion(data):
    assert {k: ap.certainty(data.appraisal, k)[0] for k in ap.CONCLUSIONS} == {
        "depression": "very low",
        "pain": "low",
        "safety": "low",
        "course": "very low",
    }
    level, sentence = ap.certainty(data.appraisal, "depression")
    assert sentence.startswith("GRADE certainty that acupuncture added to antidepressants")
    assert "very low" in sentence and "imprecision (very serious)" in sentence


def test_the_certainty_range_spans_the_conclusions(data):
    from dataclasses import replace

    assert ap.certainty_range(data.appraisal) == "low or very low"
    # counter-case: with nothing to rate the pain evidence down for, its certainty (and the range) rises
    better = [
        replace(r, rating="not serious") if r.conclusion == "pain" and r.domain in grade.DOWNGRADE_DOMAINS else r
        for r in data.appraisal.grade
    ]
    assert ap.certainty_range(replace(data.appraisal, grade=better)) == "high or low or very low"


def test_the_chapters_tables_show_the_words_as_text(data):
    """The appraisal chapter's tables (the text_table template) escape every cell: a source's words
    reach the page as text, never as markup."""
    import pandas as pd

    from acureview.site.tables import text_table

    shown = text_table(pd.DataFrame([{"answer": "<script>alert(1)</script>", "reason": "a & b"}]))._repr_html_()
    assert "<script>" not in shown and "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "a &amp; b" in shown
    rows = ap.rob2_table(data, data.appraisal)
    page = text_table(rows)._repr_html_()
    assert page.count("<tr>") == len(rows) + 1 and page.count("<th>") == len(rows.columns)


def test_a_counter_case_flips_the_certainty_of_pain(data):
    assert ap.certainty_of(data.appraisal, "pain", override={"indirectness": "not serious"}).level == "moderate"
    assert ap.certainty_of(data.appraisal, "depression", override={"imprecision": "serious"}).level == "low"


def test_conclusion_verdicts_cite_the_certainty(data, verdict_table):
    table = verdict_table.set_index("claim_id")
    sentence = ap.certainty_sentence(data.appraisal, keys=("depression", "pain"))
    for claim in ("C-A-03", "C-6-03"):
        assert table.loc[claim, "reason"].endswith(sentence)


def test_summary_of_findings_gives_the_trial_per_1000(data):
    sof = ap.summary_of_findings(data, data.appraisal)
    row = sof.iloc[0]
    assert row["comparator"] == "medication alone: 171 per 1000"
    assert row["with acupuncture"].startswith("added to medication: 528 per 1000")
    assert row["difference (95% CI)"].startswith("356 more per 1000 (135 to 534 more)")


def test_summary_of_findings_links_each_row_to_its_studies_at_their_canonical_address(data):
    """Each row names the sources it reads, and a page shows them as links to their canonical
    addresses (sources.csv url): the trial [1] by its DOI, the pain row's meta-analyses and cohort, the
    safety row's pooled studies; the course row, which no study compared, links none."""
    sof = ap.summary_of_findings(data, data.appraisal)
    assert list(sof["sources"]) == [("R1",), ("R4", "R5", "MacPherson2017", "R2"), ("Baeumler2021",), ()]
    html = text_table(with_source_links(sof, data)).text
    for ids in sof["sources"]:
        for sid in ids:
            assert f'<a href="{data.sources[sid]["url"]}">' in html, sid
    assert '<a href="https://doi.org/10.13703/j.0255-2930.20220417-k0003">[1] (Gao 2023)</a>' in html
    # a source named in a row's words is among the row's linked sources
    assert "MacPherson et al. 2017" in sof.iloc[1]["difference (95% CI)"] and "MacPherson2017" in sof.iloc[1]["sources"]
    assert "Bäumler et al. 2021" in sof.iloc[2]["patients (studies)"] and "Baeumler2021" in sof.iloc[2]["sources"]
    # counter-case: the link follows the source's address in the data, escaped
    moved = dict(data.sources["R1"], url="https://pubmed.ncbi.nlm.nih.gov/37068818/?a=1&b=2")
    changed = data.__class__(**{**data.__dict__, "sources": {**data.sources, "R1": moved}})
    assert (
        '<a href="https://pubmed.ncbi.nlm.nih.gov/37068818/?a=1&amp;b=2">'
        in text_table(with_source_links(sof, changed)).text
    )
    # both pages that show the table show it with its links
    for page in ("notebooks/appraisal.md", "book/summary.md"):
        text = (ROOT / page).read_text(encoding="utf-8")
        assert "text_table(with_source_links(ap.summary_of_findings(" in text, page


# --- the data files, validated on load ----------------------------------------------------------------


def rewrite(path, change):
    """Rewrite a CSV file with ``change(rows)`` applied to its rows (dicts)."""
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    fields = list(rows[0])
    change(rows)
    out = io.StringIO()
    w = csv.DictWriter(out, fields, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def row_where(rows, **match):
    return next(r for r in rows if all(r[k] == v for k, v in match.items()))


@pytest.mark.parametrize(
    "file, match, column, value, message",
    [
        ("rob2.csv", {"question": "1.2"}, "answer", "maybe", "is not one of"),
        ("rob2.csv", {"question": "4.2"}, "words", "raters were blinded", "not found in the value or note"),
        ("rob2.csv", {"question": "1.3"}, "read", "rct1.nonexistent", "neither a fact id"),
        ("rob2.csv", {"question": "1.3"}, "read", "", "name what was read"),
        ("rob2.csv", {"question": "1.1"}, "text", "Was it random?", "not the tool's wording"),
        ("rob2.csv", {"question": "2.4"}, "answer", "N", "condition is not met"),
        ("rob2.csv", {"question": "3.4"}, "settle", "", "what information would settle"),
        ("rob2.csv", {"question": "3.1"}, "computed", "rct1.nothing", "no computed value"),
        ("robins_i.csv", {"domain": "D6", "question": "judgment"}, "answer", "Low", "cannot be at Low risk"),
        ("robins_i.csv", {"domain": "D5", "question": "5.1"}, "answer", "Perhaps", "is not one of"),
        ("robins_i.csv", {"domain": "target", "question": "comparator"}, "answer", "Y", "no answer"),
        ("grade.csv", {"conclusion": "pain", "domain": "imprecision"}, "rating", "moderate", "is not one of"),
        ("grade.csv", {"conclusion": "pain", "domain": "start"}, "conclusion", "migraine", "is not one of"),
    ],
)
def test_a_bad_cell_is_refused_with_file_row_and_column(data_copy, file, match, column, value, message):
    path = data_copy / file
    found = {}

    def change(rows):
        r = row_where(rows, **match)
        found["row"] = rows.index(r) + 1
        r[column] = value

    rewrite(path, change)
    with pytest.raises(DataError) as e:
        load(data_copy)
    assert e.value.path.name == file
    assert message in e.value.message
    assert e.value.row == found["row"] and e.value.column == column


def test_no_information_needs_an_unanswered_question(data_copy):
    def change(rows):
        row_where(rows, domain="D3", question="judgment")["answer"] = "No information"

    rewrite(data_copy / "robins_i.csv", change)
    with pytest.raises(DataError, match="No information' needs"):
        load(data_copy)


def test_a_conclusion_missing_a_domain_is_refused(data_copy):
    rewrite(
        data_copy / "grade.csv", lambda rows: rows.remove(row_where(rows, conclusion="safety", domain="inconsistency"))
    )
    with pytest.raises(DataError, match="not rated for inconsistency"):
        load(data_copy)


def test_files_saved_by_a_spreadsheet_are_read(data_copy):
    for name in ("rob2.csv", "robins_i.csv", "grade.csv"):
        p = data_copy / name
        p.write_bytes(b"\xef\xbb\xbf" + p.read_bytes().replace(b"\n", b"\r\n"))
    a = load(data_copy).appraisal
    assert len(a.rob2) == 23 and a.grade


def test_every_answer_and_rating_names_what_was_read(data):
    a = data.appraisal
    for row in [*a.rob2, *a.robins_i, *a.grade]:
        assert row.read, row
    for row in [*a.rob2, *a.robins_i]:
        if row.answer == "NI":
            assert row.words == "no information" and row.settle, row


def test_every_computed_value_is_plain_text(data):
    for name in ap.COMPUTED:
        text = ap.computed(data, name)
        assert isinstance(text, str) and text and "=" not in text.replace("n = ", "").replace("P = ", ""), name
