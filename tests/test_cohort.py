"""The cohort [2]: denominators, the exact answers of the two Bayesian models, and their PyMC fits.
Each test has a case that must fail or move."""

import numpy as np
import pytest
from conftest import with_fact

from acureview.methods import sampling
from acureview.studies import cohort2 as cohort
from acureview.studies.cohort2 import models as cohort_models
from acureview.verify import load


@pytest.fixture(scope="module")
def data():
    return load()


def test_participants_follow_the_participation_rate(data):
    assert cohort.participants(data) == [101, 102, 103, 104]
    assert cohort.participants(with_fact(data, "cohort2.participation_pct", 21.0)) == [73, 74, 75, 76]


def test_denominator_posterior_is_a_distribution_without_the_reviews_n(data):
    post = cohort.denominator_posterior(data)
    assert sum(post.values()) == pytest.approx(1.0)
    assert 75 not in post and set(cohort.participants(data)) <= set(post)
    # counter-case: with 57% cured instead of 58%, 75 patients become possible (43 + 13 = 56 of 75)
    moved = cohort.denominator_posterior(with_fact(data, "cohort2.cure_pct", 57.0))
    assert 75 in moved


def test_responder_reference_centres_on_the_reported_percentages(data):
    ref = cohort.responder_reference(data, size=100_000)
    assert ref.mean("strong") == pytest.approx(0.75, abs=0.01)
    assert ref.mean("cure") + ref.mean("near") == pytest.approx(ref.mean("strong"), abs=1e-9)


def test_decomposition_posterior_is_the_exact_gaussian_update(data):
    comps = cohort.decomposition_priors(data)
    mean, cov = cohort.decomposition_posterior(comps, 3.0, 0.3)
    # one part with the sum observed: the usual precision-weighted mean
    single = [cohort.Component("x", "x", 1.0, 2.0, "")]
    m1, v1 = cohort.decomposition_posterior(single, 3.0, 1.0)
    assert m1[0] == pytest.approx((1.0 / 4 + 3.0 / 1) / (1 / 4 + 1))
    assert v1[0, 0] == pytest.approx(1 / (1 / 4 + 1))
    # the parts add up to (nearly) the observed change, and the wide prior takes up most of it
    assert mean.sum() == pytest.approx(3.0, abs=0.1)
    assert mean[2] > mean[0] and mean[2] > mean[1]
    # counter-case: a smaller observed change leaves less for natural course, not for needling
    smaller, _ = cohort.decomposition_posterior(comps, 1.5, 0.3)
    assert smaller[2] < mean[2] - 1.0 and abs(smaller[0] - mean[0]) < 0.1


def test_vas_scenarios_span_the_assumptions(data):
    scen = cohort.vas_scenarios(data)
    assert len({s.sd_12m for s in scen}) == 5 and len({s.r for s in scen}) == 5
    assert all(s.p < 0.001 for s in scen)
    small = cohort.vas_scenarios(with_fact(data, "cohort2.vas_12m", 5.8))
    assert any(s.p > 0.001 for s in small)


@pytest.mark.build  # it samples: run by `make test`, with the chapter whose fit passes the same checks
def test_decomposition_fit_passes_the_gate_and_agrees_with_the_exact_answer(data):
    comps = cohort.decomposition_priors(data)
    change, se = cohort.observed_change(data)
    fit = sampling.sample(
        cohort_models.decomposition_model(comps, change, se),
        "decomposition",
        seed=3,
        var_names=tuple(c.key for c in comps),
    )
    keys = tuple(c.key for c in comps)
    table = sampling.agreement(
        fit, cohort.decomposition_reference(comps, change, se), measures=keys, reference_error=0.005
    )
    assert table["ok"].all()
    # counter-case: the answer for another observed change does not agree
    with pytest.raises(sampling.SamplingError):
        sampling.agreement(
            fit, cohort.decomposition_reference(comps, change - 1.0, se), measures=keys, reference_error=0.005
        )
    assert float(np.median(fit.idata.posterior["specific"])) == pytest.approx(comps[0].mean, abs=0.05)


def test_effects_decay_by_kind_of_control(data):
    sham, _ = cohort.effect_at_followup(data, "sham", quarters=4)
    none, _ = cohort.effect_at_followup(data, "none", quarters=4)
    # MacPherson 2017: 0.025 SD per 3 months against sham, 0.011 against no acupuncture
    assert sham == pytest.approx(0.23 - 4 * 0.025) and none == pytest.approx(0.55 - 4 * 0.011)
    # about half of the sham-controlled effect is lost in a year, about a tenth of the other
    assert sham / 0.23 == pytest.approx(0.57, abs=0.01) and none / 0.55 == pytest.approx(0.92, abs=0.01)
    # counter-case: no decay leaves the meta-analysis's effect
    assert cohort.effect_at_followup(data, "sham", quarters=0)[0] == pytest.approx(0.23)


def test_natural_course_comes_from_the_usual_care_arms(data):
    mean, spread, k = cohort.natural_course(data)
    assert k == 4 and mean == pytest.approx((0.60 + 1.09 + 0.91 + 0.42) / 4)
    assert cohort.decomposition_priors(data)[2].mean > 1.0  # not centred on zero
    moved = cohort.natural_course(with_fact(data, "macpherson2017.usual.thomas2006", 0.2))
    assert moved[0] < mean


def test_trials_predict_the_cohorts_change_and_the_cohort_adds_nothing_on_needling(data):
    comps = cohort.decomposition_priors(data)
    change, se = cohort.observed_change(data)
    predicted, sd, z, p = cohort.prediction_check(comps, change, se)
    assert predicted == pytest.approx(3.2, abs=0.1) and p > 0.5
    _, cov = cohort.decomposition_posterior(comps, change, se)
    assert np.sqrt(cov[0, 0]) / comps[0].sd > 0.95
    # counter-case: were the specific effect far less certain than the other parts, the cohort's
    # change would inform it
    vague = with_fact(with_fact(data, "vickers2012.sham.back_neck_low", -1.5), "vickers2012.sham.back_neck_high", 2.0)
    known = cohort.decomposition_priors(vague, natural=(0.755, 0.01))
    _, cov2 = cohort.decomposition_posterior(known, change, se)
    assert np.sqrt(cov2[0, 0]) / known[0].sd < 0.9
    # and an observed change far from the prediction is flagged
    assert cohort.prediction_check(comps, 6.0, se)[3] < 0.01


def test_one_decomposition_serves_the_chapter_the_appraisal_and_the_check(data):
    """cohort.decompose is the one source of model (b) at the central assumptions: the same posterior
    as its parts, the needling-specific part's interval, how far the cohort narrows it, and the
    probability of an important part."""
    d = cohort.decompose(data)
    change, se = cohort.observed_change(data)
    mean, cov = cohort.decomposition_posterior(cohort.decomposition_priors(data), change, se)
    assert (d.change, d.se) == (change, se) and np.array_equal(d.mean, mean) and np.array_equal(d.cov, cov)
    m, lo, hi = d.specific
    assert m == mean[0] and m - lo == pytest.approx(hi - m) and (hi - lo) / 2 == pytest.approx(1.96 * d.sd[0], rel=1e-3)
    assert d.shrink == pytest.approx(np.sqrt(cov[0, 0]) / d.parts[0].sd) and d.shrink > 0.95
    assert d.p_specific_above(m) == pytest.approx(0.5) and d.p_specific_above(lo) == pytest.approx(0.975)
    before, after, fall = cohort.vas_change(data)
    assert fall == before - after == change
    # counter-cases: another condition, conversion or horizon changes the parts; another VAS, the fall
    assert cohort.decompose(data, "oa").parts[0].mean != d.parts[0].mean
    assert cohort.decompose(data, sd_smd=3.0).parts[0].mean != d.parts[0].mean
    assert cohort.vas_change(with_fact(data, "cohort2.vas_12m", 5.8))[2] == pytest.approx(before - 5.8)


def test_group_differences_read_as_responders(data):
    rd, nnt = cohort.responders(0.0, 0.4)
    assert rd == 0.0 and nnt == float("inf")
    rd, nnt = cohort.responders(0.155, 0.4)
    assert 0.06 < rd < 0.08 and nnt == pytest.approx(1 / rd)
    table = cohort.responder_table(data)
    spec = table[table["comparison"].str.startswith("needling")]
    whole = table[table["comparison"].str.startswith("acupuncture as a whole")]
    assert (spec["NNT"].to_numpy() > whole["NNT"].to_numpy()).all()


def test_the_chance_that_no_patient_has_an_adverse_event(data):
    from acureview.studies.safety import chance_of_no_adverse_events

    rate = float(data.value("baeumler2021.ae_patients_pct")) / 100
    assert chance_of_no_adverse_events(data, 30) == pytest.approx((1 - rate) ** 30)
    assert chance_of_no_adverse_events(data, 30, "ae_patients_low") > chance_of_no_adverse_events(data, 30)
    # counter-cases: more patients, a smaller chance; with no patient, none is certain
    assert chance_of_no_adverse_events(data, 60) < chance_of_no_adverse_events(data, 30)
    assert chance_of_no_adverse_events(data, 0) == 1.0


def test_the_conversion_sd_is_one_factor_shared_by_every_part(data):
    """Every part is a standardized effect times the same SD: the parts covary by smd_i * smd_j *
    var(SD), so the predicted change is wider than it would be with independent conversions; with
    the SD known exactly, the parts are independent again."""
    from dataclasses import replace

    comps = cohort.decomposition_priors(data)
    v = cohort.prior_covariance(comps)
    s = comps[0].conversion_sd
    assert s > 0 and all(c.conversion_sd == s for c in comps)
    assert v[0, 1] == pytest.approx(comps[0].smd * comps[1].smd * s**2) and v[1, 0] == v[0, 1]
    assert np.allclose(np.diag(v), [c.sd**2 for c in comps])
    change, se = cohort.observed_change(data)
    shared_sd = cohort.prediction_check(comps, change, se)[1]
    independent = [replace(c, conversion_sd=0.0) for c in comps]
    assert shared_sd > cohort.prediction_check(independent, change, se)[1]
    assert np.count_nonzero(cohort.prior_covariance(independent) - np.diag(np.diag(v))) == 0


def test_acupuncture_against_no_acupuncture_in_the_same_trials_as_the_natural_course(data):
    """MacPherson et al. (2017), Table 3: the acupuncture arm less the no-acupuncture arm of each of
    the four long-term trials, at the same week as the natural course is read."""
    mean, spread, k = cohort.same_trials_effect(data)
    arms = {
        "foster2007": (0.55, 0.60),
        "thomas2006": (1.30, 1.09),
        "cherkin2001": (0.85, 0.91),
        "vickers2004": (0.80, 0.42),
    }
    diffs = [a - u for a, u in arms.values()]
    assert k == 4 and mean == pytest.approx(np.mean(diffs)) and spread == pytest.approx(np.std(diffs, ddof=1))
    # counter-case: a larger improvement in an acupuncture arm is a larger effect
    assert cohort.same_trials_effect(with_fact(data, "macpherson2017.acupuncture.vickers2004", 1.6))[0] > mean + 0.1


def test_the_same_trials_variant_changes_only_the_non_specific_part(data):
    """With acupuncture as a whole read in the same trials as the natural course, the natural course
    and the needling-specific part (sham-controlled, decayed to month 12) stay; the non-specific
    part becomes the same trials' effect less the specific part."""
    central, same = cohort.decompose(data), cohort.decompose(data, source="same trials")
    assert same.parts[0] == central.parts[0] and same.parts[2] == central.parts[2]
    whole, spread, _ = cohort.same_trials_effect(data)
    assert same.parts[1].smd == pytest.approx(whole - central.parts[0].smd)
    assert same.parts[1].smd_sd == pytest.approx(np.hypot(spread, central.parts[0].smd_sd))
    assert same.parts[1].mean < central.parts[1].mean  # the four trials show less than the meta-analysis
    with pytest.raises(ValueError, match="source"):
        cohort.decompose(data, source="cohort")


def test_the_prior_sensitivity_is_model_b_at_each_combination(data):
    table = cohort.prior_sensitivity(data)
    assert len(table) == 3 * 3 * 3
    central = table[
        (table["condition"] == "back and neck pain")
        & (table["SD for SMD"] == data.assumption("cohort2.sd_for_smd").value)
        & (table["months after treatment"] == 3 * data.assumption("cohort2.quarters_after").value)
    ].iloc[0]
    d = cohort.decompose(data)
    assert central["specific part (points)"] == pytest.approx(d.parts[0].mean)
    assert central["posterior SD / prior SD"] == pytest.approx(d.shrink)
    # a longer time since treatment leaves less of the sham-controlled effect
    back = table[table["condition"] == "back and neck pain"]
    assert back.groupby("months after treatment")["specific part (points)"].mean().is_monotonic_decreasing
