"""Verdicts of the pain and safety half that a methodologist disputed, each settled on the sources'
words, with the reason computed from the facts and a counter-case that flips it."""

from dataclasses import replace

import pytest
from conftest import with_args, with_fact, with_reported

from acureview import checks
from acureview.studies.safety import chance_of_no_adverse_events
from acureview.verdicts import (
    CONSISTENT,
    CONTRADICTED,
    CRITICAL,
    INCONSISTENT,
    MAJOR,
    MINOR,
    NOT_CHECKABLE,
    NOT_REPRODUCED,
    OVERSTATED,
    REPRODUCED,
    UNCITED,
    UNSUPPORTED,
)


def run(data, claim_id):
    """The claim's result on ``data`` (the session's dataset, or an edited copy of it)."""
    return checks.run(data.claim(claim_id), data)


# --- C-3.2-15 and C-4-05: an abstract's silence, with the full text sought and not found ----------
@pytest.mark.parametrize("claim_id", ["C-3.2-15", "C-4-05"])
def test_a_claim_read_in_an_abstract_names_the_searches_for_its_full_text(data, claim_id):
    r = run(data, claim_id)
    n = len(data.searches[claim_id])
    assert n >= 2
    assert r.verdict == NOT_CHECKABLE and not r.severity
    assert f"sought in the {n} searches recorded on" in r.reason
    assert "an abstract's silence is not the article's" in r.reason
    unsearched = checks.run(data.claim(claim_id), replace(data, searches={}))
    assert "sought" not in unsearched.reason


def test_no_adverse_events_is_weighed_at_the_lower_limit_of_the_rate_too(data):
    r = run(data, "C-3.2-15")
    at_low = chance_of_no_adverse_events(data, 75, "ae_patients_low")
    assert 0.01 < at_low < 0.05
    assert "about 7 in 10,000 such studies at the estimate" in r.reason
    assert "about 2 in 100 such studies at its lower limit" in r.reason
    assert "95% CI 5% to 15%" in r.reason
    # the source gives no safety denominator: the review's 75 and the participants its abstract implies, both
    src = chance_of_no_adverse_events(data, 101, "ae_patients_low")
    assert 0.001 < src < 0.01 and "among the review's 75" in r.reason
    assert "among the 101 to 104 participants" in r.reason and "about 5 in 1,000 such studies" in r.reason
    # counter-case: a review n above the participants needs no second denominator
    above = checks.run(data.claim("C-3.2-15"), with_reported(data, "C-3.2-03", "n=120"))
    assert "the review's" not in above.reason and "none among 101" in above.reason
    # the full text decides: none counted, or none recorded
    assert checks.run(data.claim("C-3.2-15"), with_fact(data, "cohort2.adverse_events", 0)).verdict == REPRODUCED
    recorded = with_fact(data, "cohort2.adverse_events", "not recorded", "text")
    assert checks.run(data.claim("C-3.2-15"), recorded).verdict == UNSUPPORTED


# --- C-3.2-03: n = 75, found nowhere in the abstract, with a GRIM flag ---------------------------
def test_a_grim_failure_makes_the_sample_size_inconsistent_without_saying_which_number_is_wrong(data):
    """n = 75 beside 58%: impossible on the review's own numbers (the scale's 'inconsistent'), minor as a
    rounding gap; the reason says what the number analysed would make of it."""
    r = run(data, "C-3.2-03")
    assert (r.verdict, r.severity) == (INCONSISTENT, MINOR)
    assert "no whole count gives 58% ('complete cure') (43/75 = 57.3%; 44/75 = 58.7%), a GRIM failure" in r.reason
    assert "does not say which number is wrong" in r.reason
    assert "the number of patients analysed at 12 months" in r.reason
    # counter-case: a reported n that the percentages allow is consistent
    n76 = with_reported(data, "C-3.2-03", "n=76")
    assert checks.run(n76.claim("C-3.2-03"), n76).verdict == CONSISTENT
    # the same percentage is consistent on the claim that reports it (C-3.2-11): the scale is applied one way
    assert run(data, "C-3.2-11").verdict == CONSISTENT
    # a number analysed in the record settles it either way
    assert checks.run(data.claim("C-3.2-03"), with_fact(data, "cohort2.n_analysed", 75)).verdict == REPRODUCED
    assert checks.run(data.claim("C-3.2-03"), with_fact(data, "cohort2.n_analysed", 103)).verdict == NOT_REPRODUCED


# --- C-6-03 and C-6-01: the sham-controlled effect on chronic pain, from the facts of [4] ----------
@pytest.mark.parametrize("claim_id", ["C-6-03", "C-6-01"])
def test_pain_conclusions_give_the_sham_controlled_effect(data, claim_id):
    r = run(data, claim_id)
    said = "give, against sham, 0.15 to 0.23 SD less pain (about 0.4 to 0.6 points on a 0-10 scale at an SD of 2.5)"
    assert said in r.reason
    assert "'relatively modest'" in r.reason and "relatively modest" in data.fact("vickers2012.modest").quote
    assert "no threshold for one patient's change judges (Dworkin et al. 2009)" in r.reason
    assert {"vickers2012.sham.back_neck", "vickers2012.modest"} <= set(r.quotes)
    # computed from the facts: a larger effect against sham changes the words (0.5 x 2.5 = 1.25, a half rounded up)
    bigger = with_fact(data, "vickers2012.sham.back_neck", 0.5)
    assert "0.15 to 0.5 SD less pain (about 0.4 to 1.3 points" in checks.run(data.claim(claim_id), bigger).reason


def test_the_pain_conclusions_keep_their_verdicts(data):
    assert (run(data, "C-6-03").verdict, run(data, "C-6-03").severity) == (OVERSTATED, CRITICAL)
    r = run(data, "C-6-01")
    assert (r.verdict, r.severity) == (OVERSTATED, MAJOR)  # judged as a conclusion on its word, 'may reduce'
    assert "reasonable referral option" in r.reason and "vickers2012.referral" in r.quotes
    assert "among the review's sources" in r.reason


# --- C-3.2-21: the Cochrane review of neuropathic pain first --------------------------------------
def test_other_pain_syndromes_weigh_the_cochrane_review_of_neuropathic_pain(data):
    r = run(data, "C-3.2-21")
    assert (r.verdict, r.severity) == (UNCITED, MAJOR)
    assert r.quotes.index("ju2017.neuropathic") < r.quotes.index("fneur2023.pain")  # Cochrane first
    assert "the Cochrane review of neuropathic pain found insufficient evidence to support or refute" in r.reason
    assert "insufficient evidence to support or refute" in data.fact("ju2017.neuropathic").quote
    source = data.sources["Ju2017"]
    assert source["record_doi"] == "10.1002/14651858.CD012057.pub2" and "not the review's" in source["note"]
    assert any("CD012057" in s.found for s in data.searches["C-3.2-21"])


def test_other_pain_syndromes_weigh_the_larger_reviews_of_cancer_and_pelvic_pain(data):
    # He 2020 (17 trials, moderate certainty against sham) and the Cochrane review CD012551, which is of
    # men with chronic prostatitis/chronic pelvic pain syndrome, not of women
    r = run(data, "C-3.2-21")
    assert {"he2020.cancer", "franco2018.cpps"} <= set(r.quotes)
    assert "moderate certainty" in r.reason and "in men" in r.reason and "not smaller ones" in r.reason
    assert "moderate level of evidence" in data.fact("he2020.cancer").quote
    assert data.sources["He2020"]["record_pmcid"] == "PMC6990758"
    assert "men with chronic prostatitis" in data.sources["Franco2018"]["note"]
    assert any("CD012551" in s.found for s in data.searches["C-3.2-21"])
    # counter-case: without the two reviews the reason is the earlier one
    fewer = with_args(data, "C-3.2-21", evidence="paley2015.cancer,qin2019.cpps,ju2017.neuropathic,fneur2023.pain")
    assert "he2020.cancer" not in run(fewer, "C-3.2-21").quotes


def test_expertise_and_de_qi_weigh_both_patient_level_analyses_of_treatment_characteristics(data):
    # MacPherson 2013 (29 trials) and the update of 39 trials, the review's own [5]: no support, not a
    # contradiction (an absence of association is not evidence that expertise is without effect)
    r = run(data, "C-5-05")
    assert (r.verdict, r.severity) == (UNCITED, MAJOR)
    assert {"macpherson2013.experience", "vickers2018.characteristics"} <= set(r.quotes)
    assert "does not show that expertise is without effect" in r.reason
    assert "no obvious association" in data.fact("vickers2018.characteristics").quote
    assert any("MacPherson 2017" in s.found for s in data.searches["C-5-05"])
    # counter-case: were the evidence read as saying otherwise, the verdict would be contradicted
    assert run(with_args(data, "C-5-05", bears="contradicts"), "C-5-05").verdict == CONTRADICTED


def test_the_course_weighs_the_session_counts_of_the_pain_trials(data):
    # the 39 pain trials of the review's own [5] mostly offered 6 to 15 sessions, about half weekly: that
    # bears the range out for chronic pain, not the depression trial's 24 sessions three times a week
    r = run(data, "C-6-02")
    assert (r.verdict, r.severity) == (UNCITED, CRITICAL)
    assert "vickers2018.sessions" in r.quotes and "chronic pain trials of its own [5]" in r.reason
    assert "6–10 19 (49%) 11–15 12 (31%)" in data.fact("vickers2018.sessions").quote
    assert any("Table 4" in s.found for s in data.searches["C-6-02"])
    assert "vickers2018.sessions" not in run(with_args(data, "C-6-02", evidence="witt2009.sessions"), "C-6-02").quotes


# --- C-3.3-01: the two trials of residual insomnia in depression -----------------------------------
def test_insomnia_in_mood_disorders_weighs_the_trials_of_residual_insomnia(data):
    r = run(data, "C-3.3-01")
    assert (r.verdict, r.severity) == (UNCITED, MAJOR)
    assert {"yeung2011.minimal", "chung2015.minimal"} <= set(r.quotes)
    assert "no effect specific to needling was shown" in r.reason
    # each trial in its own words, at a scholarly address (a registry record, the publisher's page)
    assert "no difference in any measures between electroacupuncture and minimal acupuncture" in (
        data.fact("yeung2011.minimal").quote
    )
    assert "similar to that of minimal acupuncture and placebo acupuncture" in data.fact("chung2015.minimal").quote
    assert data.sources["Yeung2011"]["record_registration"] == "NCT00838994"
    assert data.fact("yeung2011.minimal").address.startswith("https://clinicaltrials.gov/study/")
    # the searches that found them are recorded, with what came back
    found = " ".join(s.found for s in data.searches["C-3.3-01"])
    assert "Yeung 2011" in found and "J Clin Psychiatry 2015" in found


# --- C-5-05: no unexplained severity: the rule's, from the evidence bearing only in part ------------
def test_expertise_and_de_qi_take_the_severity_of_their_rule(data):
    claim = data.claim("C-5-05")
    assert "severity" not in claim.args  # no override left without a reason on the card
    r = run(data, "C-5-05")
    assert (r.verdict, r.severity) == (UNCITED, MAJOR)
    assert "little evidence that the acupuncturist's experience changed the effect" in r.reason
    assert "little evidence" in data.fact("macpherson2013.experience").quote
    # counter-case: evidence bearing the statement out would make it minor
    assert run(with_args(data, "C-5-05", bears="agrees"), "C-5-05").severity == MINOR


def test_the_sham_clause_of_a_conclusion_names_a_fact_it_cannot_use(data):
    """The conclusions compute with the effect of [4] against sham: a number given only in words, or not
    given at all, makes them not checkable, naming the fact."""
    for value, kind in (("about 0.16", "text"), (None, "missing")):
        unusable = with_fact(data, "vickers2012.sham.oa", value, kind)
        for claim_id in ("C-6-01", "C-6-03"):
            r = run(unusable, claim_id)
            assert r.verdict == NOT_CHECKABLE and "vickers2012.sham.oa" in r.reason + r.missing, claim_id
    # counter-case: given as a number, the verdicts stand
    assert run(with_fact(data, "vickers2012.sham.oa", 0.16, "float"), "C-6-01").verdict == OVERSTATED


def test_the_pain_effect_is_given_against_no_acupuncture_too(data):
    r = run(data, "C-6-03")
    assert "and against no acupuncture 0.42 to 0.57 SD (about 1.1 to 1.4 points)" in r.reason
    assert "vickers2012.none.back_neck" in r.quotes
    # computed from the facts: a larger effect against no acupuncture changes the words
    bigger = with_fact(data, "vickers2012.none.back_neck", 0.8)
    assert "against no acupuncture 0.42 to 0.8 SD (about 1.1 to 2.0 points)" in run(bigger, "C-6-03").reason
