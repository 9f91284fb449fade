"""Verdicts a methodologist could dispute, each settled on the source's words and flipped by a
plausible wrong input; and the facts' words held to what the sources say."""

import re
from dataclasses import replace

import pytest
from conftest import TESTS, with_args, with_fact, with_source

from acureview import checks
from acureview.checks.citations import IDENTIFIABLE_RULE, grade, identifying
from acureview.checks.evidence import NAMES_RULE
from acureview.methods import pvalues
from acureview.verdicts import (
    CITATION_ERROR,
    CONSISTENT,
    MAJOR,
    MINOR,
    NOT_CHECKABLE,
    NOT_REPRODUCED,
    OVERSTATED,
    REPRODUCED,
    SEVERITIES,
    UNSUPPORTED,
)
from acureview.verify import load


@pytest.fixture(scope="module")
def data():
    return load()


def run(data, claim_id):
    return checks.run(data.claim(claim_id), data)


# --- C-2-02: what the article [6] means names, and what it does not -------------------------------
def test_pathways_judged_by_what_the_source_names(data):
    r = run(data, "C-2-02")
    assert r.verdict == OVERSTATED and r.severity == MAJOR
    assert "names NF-κB and MAPK but not PI3K/AKT, lipid metabolism or leptin" in r.reason
    assert "[7] could not be found" in r.reason  # the other source cited is still accounted for
    every = "acupuncture downregulates NF-κB, PI3K/AKT and MAPK, lipid metabolism and leptin resistance"
    assert run(with_fact(data, "li2021.pathways", every), "C-2-02").verdict == REPRODUCED
    assert run(with_fact(data, "li2021.pathways", "acupuncture raises serotonin"), "C-2-02").verdict == UNSUPPORTED
    # read as matching no article (the entry taken at its word), nothing cited can be read
    assert run(with_source(data, "R6", found="no"), "C-2-02").verdict == UNSUPPORTED


def test_names_rule_states_the_three_outcomes():
    for word in ("reproduced", "overstated", "unsupported", "every one", "some", "none"):
        assert word in NAMES_RULE


def test_pathways_weigh_the_animal_study_that_names_pi3k_akt(data):
    """The best evidence on PI3K/AKT, found by a recorded search, is one animal experiment in which
    electroacupuncture raised it: the reason says both, and no longer that no source names it."""
    r = run(data, "C-2-02")
    assert "no source read names PI3K/AKT" not in r.reason
    assert "animal experiment" in r.reason and "the opposite of downregulation" in r.reason
    assert "zcyj2023.pi3k" in r.quotes
    words = data.fact("zcyj2023.pi3k")
    assert "rats" in words.quote and "p-PI3K and p-Akt proteins" in words.quote and "increased" in words.quote
    assert words.address == "https://doi.org/10.13702/j.1000-0607.20211353"
    terms = " ".join(s.terms for s in data.searches["C-2-02"])
    assert "PI3K" in terms and "leptin" in terms


# --- C-2-03: a meta-analysis of within-group changes is not a comparison with sham -----------------
def test_autonomic_balance_weighs_a_within_group_analysis(data):
    r = run(data, "C-2-03")
    assert r.verdict == OVERSTATED and r.severity == MAJOR  # [6] names vagal pathways, not a balance
    assert "compared each group with its own baseline, not real acupuncture with sham" in r.reason
    assert "more than sham" not in r.reason
    words = data.fact("hamvas2023.comparison").quote
    assert "in Verum group were significant" in words and "no significant changes" in words
    assert "hamvas2023.comparison" in r.quotes
    # had [6] said it, the claim would hold; had the evidence borne it out, the gap would be minor
    said = "vagus and sympathetic balance restored"
    assert run(with_fact(data, "li2021.neuroimmune", said), "C-2-03").verdict == REPRODUCED
    silent = with_fact(data, "li2021.neuroimmune", "mast cells")  # [6] silent on it: unsupported
    assert run(with_args(silent, "C-2-03", bears="agrees"), "C-2-03").severity == MINOR


# --- C-R-01 and C-R-06: which fields differ, and whether the article meant can be told --------------
def test_reference_one_lists_its_wrong_fields_and_is_identifiable(data):
    r = run(data, "C-R-01")
    assert r.verdict == CITATION_ERROR and r.severity == MAJOR
    for words in ("the authors ('Ni S-M", "the DOI ('10.13703/j.0255-2930.20220708-0002'", "title, journal, year"):
        assert words in r.reason, words
    assert "identifiable from its title, journal and year" in r.reason
    assert "the authors it names are not the article's" in r.reason and "DOI does not lead" in r.reason
    other = with_source(data, "R1", cited_title="Acupuncture for depression", cited_journal="Acupunct Med")
    assert "would not find the article" in run(other, "C-R-01").reason


def test_reference_six_is_the_article_meant_with_its_wrong_fields(data):
    assert data.sources["R6"]["found"] == "yes"
    r = run(data, "C-R-06")
    assert r.verdict == CITATION_ERROR and r.severity == MAJOR
    for field in ("title (minor)", "journal (major)", "volume (minor)", "pages (minor)"):
        assert field in r.rederived, field
    assert "identifiable from its title, first author and year" in r.reason
    assert "not in the journal it names" in r.reason
    assert identifying(data.sources["R6"]) == ["title", "first author", "year"]
    # another first author and another title: nothing in the entry names the article
    stranger = with_source(data, "R6", cited_authors="Wang X, et al.", cited_title="Acupuncture and inflammation")
    assert identifying(stranger.sources["R6"]) == []
    assert "would not find the article" in run(stranger, "C-R-06").reason


def test_a_shortened_title_is_a_minor_difference():
    full = "The Anti-Inflammatory Actions and Mechanisms of Acupuncture from Acupoint to Target Organs"
    assert grade("title", "The Anti-Inflammatory Actions and Mechanisms of Acupuncture", full) == MINOR
    assert grade("title", "Acupuncture for inflammatory bowel disease in rats", full) == MAJOR
    assert "title" in IDENTIFIABLE_RULE and "first author" in IDENTIFIABLE_RULE and "journal" in IDENTIFIABLE_RULE


# --- C-3.1-21: the summing-up sentence, judged with the bullet it sums up ---------------------------
def test_especially_useful_is_judged_with_the_single_arm_study(data):
    r = run(data, "C-3.1-21")
    assert data.claim("C-3.1-21").refs == ("R3",)
    assert r.verdict == OVERSTATED and r.severity == MAJOR
    assert "36 patients" in r.reason and "especially useful" in r.reason and "uncited" in r.reason
    said = "physical symptoms improved, and acupuncture was especially useful for them"
    assert run(with_fact(data, "matsuura.physical", said), "C-3.1-21").verdict == REPRODUCED


# --- C-3.2-09: judged as C-3.2-06 is: what the abstract confirms, and what the full text would -------
def test_sf36_improvement_is_consistent_as_the_sessions_are(data):
    r = run(data, "C-3.2-09")
    assert r.verdict == CONSISTENT == run(data, "C-3.2-06").verdict
    assert "SF-36 scores also improved" in r.reason and "effect sizes" in r.reason and "full text" in r.reason
    assert run(with_fact(data, "cohort2.sf36", "SF-36 scores did not change"), "C-3.2-09").verdict == NOT_REPRODUCED
    assert run(with_fact(data, "cohort2.sf36", None, "missing"), "C-3.2-09").verdict == NOT_CHECKABLE


# --- C-3.2-20: both readings of the citation [4, 5] -------------------------------------------------
def test_real_world_claim_gives_both_citation_readings(data):
    r = run(data, "C-3.2-20")
    assert r.verdict == UNSUPPORTED and r.severity == MAJOR
    assert "randomized trials only" in r.reason and "uncited, with the same severity" in r.reason
    assert run(with_fact(data, "vickers2018.population", "real-world cohorts"), "C-3.2-20").verdict == REPRODUCED


# --- C-4-03: the severity the book's own rule gives to a statement the evidence bears out in part ----
def test_adverse_event_comparison_severity_follows_the_stated_rule(data):
    assert "severity" not in data.claim("C-4-03").args
    r = run(data, "C-4-03")
    assert r.verdict == UNSUPPORTED and r.severity == MAJOR
    assert "one it bears out only in part is major" in " ".join(
        (TESTS.parent / "book" / "methods.md").read_text().split()
    )
    assert run(with_args(data, "C-4-03", bears="agrees"), "C-4-03").severity == MINOR


# --- C-3.2-18: which analysis of [4] the numbers come from, and the comparison it did not pool -------
def test_pain_effects_name_their_analysis_and_the_unpooled_condition(data):
    r = run(data, "C-3.2-18")
    assert r.verdict == REPRODUCED
    assert "after exclusion of an outlying set of trials that strongly favored acupuncture" in r.reason
    assert "For shoulder pain it gives no comparison with no acupuncture" in r.reason
    assert "fewer than 3 trials for shoulder pain" in r.reason  # the source's words, from its fact
    legend = data.fact("vickers2012.none.shoulder")
    assert legend.value in legend.quote and legend.address.startswith("https://doi.org/")
    assert data.fact("vickers2012.outlying").value.lower() in data.fact("vickers2012.outlying").quote.lower()
    # the reason carries what the facts say, not typed words
    other = with_fact(data, "vickers2012.outlying", "in the primary analysis including all eligible trials")
    assert "in the primary analysis including all eligible trials" in run(other, "C-3.2-18").reason
    # the rule claims only the conditions it checks
    rule = checks.rule("pain.effects")
    assert "every condition" not in rule
    assert "back and neck pain, osteoarthritis and chronic headache" in rule and "shoulder pain" in rule
    assert "outlying set of trials" in rule


# --- C-3.1-20 and C-6-04: the network meta-analysis that sets combined treatment against each alone --
def test_adjunct_claims_weigh_the_network_meta_analysis(data):
    words = data.fact("hu2021.ssri")
    assert "more effective in improving depression symptoms compared with acupuncture alone" in words.quote
    assert words.address == "https://doi.org/10.1038/s41598-021-88263-y"  # its scholarly address
    for claim_id in ("C-3.1-20", "C-6-04"):
        r = run(data, claim_id)
        assert "hu2021.ssri" in r.quotes
        assert "combined with SSRIs" in r.reason and "each adds to the other" in r.reason
        assert "head to head" not in r.reason
    # the same proposition, the same severity, by the book's rule (no unexplained override)
    assert run(data, "C-3.1-20").severity == run(data, "C-6-04").severity == MAJOR
    assert "severity" not in data.claim("C-3.1-20").args
    # were the best evidence to bear the statement out, the rule would make it minor
    assert run(with_args(data, "C-3.1-20", bears="agrees"), "C-3.1-20").severity == MINOR


# --- rct1.significance: the rule and every reason count the same tests ------------------------------
def test_the_significance_rule_and_reasons_count_the_same_tests(data):
    n = len(pvalues.TESTS)
    rule = checks.rule("rct1.significance")
    assert f"of the {n} usual tests" in rule and all(name in rule for name in pvalues.TESTS.values())
    r = run(data, "C-3.1-05")
    counted = {int(k) for k in re.findall(r"\b(?:All|of the|on all) (\d+) (?:usual )?tests", r.reason)}
    assert counted == {n}, r.reason  # "All 9 usual tests", and "7 of the 9 tests" in the worst case
    # a test that alone decides: at an alpha between the unpooled z test's P and every other test's,
    # the verdict follows the nine tests, not a subset of them
    strict = run(with_args(data, "C-3.1-05", alpha=0.001), "C-3.1-05")
    assert strict.verdict == OVERSTATED and f"of the {n} usual tests" in strict.reason


# --- C-R-07: "no record found" stands on the searches recorded behind it --------------------------
def test_an_unfound_reference_names_the_searches_behind_it(data):
    searches = data.searches["C-R-07"]
    assert len(searches) >= 1 and all(s.terms and s.where and s.date and s.found for s in searches)
    r = run(data, "C-R-07")
    assert r.verdict == UNSUPPORTED and r.severity == MAJOR
    assert f"in the {len(searches)} searches recorded" in r.reason
    assert "any database searched" not in r.reason
    # searched beyond the stored web pages: repositories' files, documentation, issue threads
    wheres = {s.where for s in searches}
    assert {"public repositories' files (stored index)", "documentation pages (stored index)"} <= wheres
    assert "public repositories' files (stored index)" in r.reason
    # without a recorded search, the reason says so instead of claiming one
    bare = replace(data, searches={k: v for k, v in data.searches.items() if k != "C-R-07"})
    assert "no search for it is recorded" in run(bare, "C-R-07").reason
    # every reference not found has its searches recorded
    for claim in data.claims:
        if claim.check == "reference" and data.sources[claim.refs[0]]["found"] == "no":
            assert data.searches.get(claim.claim_id), claim.claim_id


# --- the facts' words ---------------------------------------------------------------------------------
ELISION = "[...]"
SOURCE_BRACKET = re.compile(r"\[(\d+(?:[,\u2013-]\s*\d+)*|\.\.\.)\]")  # an elision, or the source's own citation


def test_quotes_mark_every_omission_and_insert_nothing(data):
    """A quote is the source's words: an omission is marked '[...]' (never '...' or '…'), and no
    square bracket holds words of this book's (only the source's own citation numbers)."""
    for f in data.facts.values():
        own = "ellipses are the source's own" in f.note  # a quote of examples the source itself cuts short
        assert own or ("..." not in f.quote.replace(ELISION, "") and "\u2026" not in f.quote), f.fact_id
        assert "[" not in SOURCE_BRACKET.sub("", f.quote), f.fact_id
        assert "'; " not in f.quote, f.fact_id  # words of the source's stitched to a paraphrase


def test_quotes_of_the_review_stand_in_the_review(data):
    """The review is the one text stored whole: every quote from it is found there, part by part."""
    text = " ".join(data.review.split())
    for f in data.facts.values():
        if f.source_id == "Review" and f.type != "missing":
            for part in f.quote.split(ELISION):
                assert " ".join(part.split()).strip(" .") in text, (f.fact_id, part)


def test_a_value_names_a_drug_class_only_as_its_source_does(data):
    """'SSRI' in a fact's value only when its source's words say it (the trial [1] says a
    '5-hydroxytryptamine reuptake inhibitor', which need not be selective)."""
    words = {}
    for f in data.facts.values():
        words[f.source_id] = words.get(f.source_id, "") + " " + f.quote
    for f in data.facts.values():
        if isinstance(f.value, str) and "SSRI" in f.value:
            assert "SSRI" in words[f.source_id], f.fact_id
    assert "5-hydroxytryptamine reuptake inhibitor" in data.value("rct1.control")


def test_a_quote_cut_by_the_copy_read_says_so(data):
    f = data.fact("cohort2.conventional")
    assert f.quote.endswith("treatmen") and "stops inside the word" in f.note


def test_the_participation_base_is_an_assumption_shown_and_varied(data):
    """354 is a fact (new patients); that the 29% is a share of them is an assumption, and its
    high end (the 354 took part) moves the participants and the bound on the number analysed."""
    from conftest import with_assumption

    from acureview.studies import cohort2

    base = data.assumption("cohort2.participation_base")
    assert base.value == data.number("cohort2.new_patients") == 354 and base.high > base.value
    assert "does not say" in base.basis or "without saying of whom" in base.basis
    assert cohort2.participants(data) == [101, 102, 103, 104]
    assert 354 in cohort2.participants(with_assumption(data, "cohort2.participation_base", base.high))
    assert "read as a share of its 354 new patients" in run(data, "C-3.2-03").reason


# --- C-A-03: 'particularly when standard treatments fail' against 'particularly milder cases' --------
def test_the_abstract_conclusion_weighs_the_review_that_points_the_other_way(data):
    """The abstract's bottom line steers acupuncture to patients whom standard treatment failed; the
    one review read that says where the benefit is clearest finds it in milder depression, which is
    about severity, not about resistance to treatment: it points away from the addition without
    saying otherwise of it, and the safety the claim adds is borne out. So the additions are borne out
    in part, the trial decides, and it bears 'promising' out: major. Were the best evidence to say
    otherwise of what the claim adds, the headline would be critical."""
    r = run(data, "C-A-03")
    assert (r.verdict, r.severity) == (OVERSTATED, MAJOR)
    assert "yang2022.milder" in r.quotes and "particularly milder cases" in data.fact("yang2022.milder").quote
    assert "says otherwise" not in r.reason and "'particularly milder cases'" in r.reason
    assert "no study compares" not in r.reason
    assert "bears the word out" in r.reason  # 'promising' itself is borne out by the trial
    # counter-case: evidence saying otherwise of the additions makes the headline critical
    against = run(with_args(data, "C-A-03", bears="contradicts"), "C-A-03")
    assert against.severity == "critical" and "the best available evidence says otherwise" in against.reason
    # the rule on the card says what sets the severity
    assert "the best evidence saying otherwise of what the claim adds" in checks.rule("conclusion")


# --- C-6-01: a conclusion of section 6, judged on its own words ('may reduce') ----------------------
def test_the_low_risk_option_is_judged_as_a_conclusion(data):
    """'May reduce' is the wording for low certainty (Santesso 2020); the certainty for
    treatment-resistant depression is very low, so the sentence is overstated, not 'uncited', and the
    reason reports the hypomania during acupuncture in the case series' own terms: a rapid-cycling
    illness of 18 years, no harm attributed to acupuncture, so it does not count against 'low-risk'."""
    r = run(data, "C-6-01")
    assert (r.verdict, r.severity) == (OVERSTATED, MAJOR)
    assert "'may reduce' asks for any benefit" in r.reason and "bears the word out" in r.reason
    assert "low certainty or higher" in r.reason and "very low certainty" in r.reason
    assert "hypomania" in r.reason and "matsuura2024.hypomania" in r.quotes
    assert "attributes no harm to acupuncture" in r.reason and "bears 'low-risk' out" in r.reason
    assert "18 years ago" in data.fact("matsuura2024.conclusion").quote and "matsuura2024.conclusion" in r.quotes
    assert "The review cites no source" not in r.reason
    assert "'may reduce' asks for any benefit and low certainty or higher" in checks.rule("conclusion")
    # certainty rated low (imprecision not serious) and the additions borne out: the wording fits
    from test_checks import _rated

    fitting = with_args(_rated(data, imprecision="not serious"), "C-6-01", bears="agrees")
    assert run(fitting, "C-6-01").verdict == CONSISTENT


# --- C-6-02: the course recommended against the course the randomized trial tested ------------------
def test_the_course_is_set_against_the_randomized_trial_s_course(data):
    """6-12 weekly sessions is a quarter to a half of the 24 sessions, three a week, that the one
    randomized trial in treatment-resistant depression gave: a clinician following the headline
    would give a course other than the one tested, so the severity is the headline's (critical);
    were the trial not randomized, only uncontrolled courses would differ (major). [2]'s course,
    whose spacing is not stated, is not counted as weekly."""
    r = run(data, "C-6-02")
    assert (r.verdict, r.severity) == ("uncited", "critical")
    assert "6-12 sessions are 25% to 50% of the 24 the randomized trial [1] tested" in r.reason
    assert "[2] 6 sessions (frequency not stated, so within the range in number only)" in r.reason
    unrandomized = with_fact(data, "rct1.design", "single-arm study")
    assert run(unrandomized, "C-6-02").severity == MAJOR
    assert "the randomized trial" not in run(unrandomized, "C-6-02").reason
    rule = checks.rule("schedule")
    assert "randomized trial" in rule and "spacing is not stated" in rule


# --- C-3.1-11: 'P < 0.001' given by one test of nine two-sided rests on the trial's unread test -------
def test_a_p_value_only_some_tests_give_rests_on_the_trial_s_test(data):
    """On the rebuilt counts only the unpooled (Wald) z test gives P < 0.001 two-sided; Pearson's
    chi-squared, Fisher's, Barnard's and Boschloo's tests give 0.0014 to 0.0038. As the significance
    check asks every test to agree, so does this one: the verdict rests on the trial's test, which was
    not read (not checkable), while a value every test gives (P < 0.01) is consistent."""
    r = run(data, "C-3.1-11")
    assert r.verdict == NOT_CHECKABLE and "the unpooled (Wald) z test gives P < 0.001 two-sided" in r.reason
    assert "rests on the test the trial used" in r.reason and "the test used for the response rates" in r.missing
    from conftest import with_reported

    assert run(with_reported(data, "C-3.1-11", "P < 0.01"), "C-3.1-11").verdict == CONSISTENT
    assert "every one of them gives it two-sided" in checks.rule("rct1.p_value")


# --- C-A-01: 'synthesizes ... RCTs, ... mechanistic research' against the review's own list ------------
def test_what_the_review_synthesizes_is_set_against_its_reference_list(data):
    """One randomized trial is not 'randomized controlled trials', and one of the two mechanistic
    references cannot be found: the sentence is overstated, and minor by the book's severity rule (the
    meta-analyses it also lists pool randomized trials, so no reader is misled about whether randomized
    evidence stands behind it); a kind whose references are all unfindable is named too."""
    r = run(data, "C-A-01")
    assert (r.verdict, r.severity) == (OVERSTATED, MINOR)
    assert "the 'randomized controlled trials' are one, [1]" in r.reason
    assert "of the 'mechanistic research', [7] cannot be found as cited" in r.reason
    lost = run(with_source(data, "R6", found="no"), "C-A-01")
    assert "the 'mechanistic research' rest on [6, 7], none of which can be found as cited" in lost.reason
    assert "at least 2" in checks.rule("synthesis") and SEVERITIES[MINOR] in checks.rule("synthesis")


def test_a_kind_naming_an_unknown_reference_is_refused(data):
    from acureview.data import ClaimInputError

    with pytest.raises(ClaimInputError, match="R99"):
        with_args(data, "C-A-01", kinds="mechanistic research=R99")


# --- C-2-01, C-2-03, C-2-04: [6] is about neuro-immune regulation; judged on what its abstract names --
def test_the_mechanism_claims_say_what_the_abstract_of_6_names_and_what_its_full_text_could(data):
    """[6] names vagal pathways by which acupuncture damps inflammation: the autonomic claim is on its
    topic but says more (overstated, not unsupported); serotonin and De-Qi it does not name, and each
    card says what the unread full text would change; the searches behind them are recorded."""
    autonomic = run(data, "C-2-03")
    assert autonomic.verdict == OVERSTATED and "li2021.neuroimmune" in autonomic.quotes
    assert "vagus-adrenal medulla-dopamine" in data.fact("li2021.neuroimmune").quote
    assert "not a balance of sympathetic and parasympathetic activity" in autonomic.reason
    assert run(with_fact(data, "li2021.neuroimmune", "mast cells"), "C-2-03").verdict == UNSUPPORTED
    for claim_id, word in (("C-2-01", "serotonin"), ("C-2-04", "De-Qi")):
        r = run(data, claim_id)
        assert r.verdict == UNSUPPORTED and f"were {word} named there, [6] would hold the claim in part" in r.reason
    assert {"C-2-01", "C-2-03"} <= set(data.searches)


# --- C-3.1-19: the broader meta-analysis of add-on acupuncture, in its own words ------------------------
def test_the_add_on_meta_analysis_is_weighed_at_its_scholarly_address(data):
    """Chan 2015 pooled 13 randomized trials of acupuncture added to antidepressants: more responders
    (RR 1.23, 1.10 to 1.39). The reason names it, the card quotes it, and its source is the DOI."""
    r = run(data, "C-3.1-19")
    assert "chan2015.response" in r.quotes and "Chan 2015" in r.reason and "risk ratio 1.23" in r.reason
    fact = data.fact("chan2015.response")
    assert "(risk ratio [...], 1.23; 95% CI, 1.10 to 1.39; p<0.001; I2=68%)" in fact.quote
    assert fact.address == "https://doi.org/10.1016/j.jad.2015.01.048"
    assert "Thirteen randomized controlled trials involving 1046 subjects" in data.fact("chan2015.trials").quote
    assert "not in patients selected as treatment-resistant" in r.reason


def test_a_conclusion_asking_for_high_certainty_names_no_level_above_it(data):
    r = checks.run(data.claim("C-6-03"), data)
    assert "the wording fits high certainty (Santesso" in r.reason and "high certainty or higher" not in r.reason
    # counter-case: a lower level is 'or higher'
    assert "the wording fits low certainty or higher (Santesso" in checks.run(data.claim("C-6-01"), data).reason
