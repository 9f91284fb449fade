"""What the trial's two chapters show, computed in the package (the chapters call and show): the
numbers of :mod:`acureview.studies.rct1` they quote, and the words, tables and figures of
:mod:`acureview.site.trial` and :mod:`acureview.site.bayes`. Each test has a case that must fail."""

import math

import pandas as pd
import pytest
from conftest import with_assumption, with_fact, with_reported

from acureview import fmt
from acureview.methods import pvalues
from acureview.methods.normal import z_two_sided
from acureview.site import bayes, trial
from acureview.site.plotting import close
from acureview.studies import rct1 as rct
from acureview.studies.rct1 import models, sensitivity


def test_the_table_of_tests_writes_p_values_down_to_one_in_ten_thousand():
    assert trial.p_cell(0.00067) == "P = 0.00067"
    assert trial.p_cell(0.00005) == "P < 0.0001"
    assert trial.p_cell(0.0512) == "P = 0.051"


def test_the_response_rates_are_the_arms_counts_with_their_wilson_intervals(data):
    rates = rct.response_rates(data)
    for a in rct.arms(data):
        r = rates[a.name]
        assert (r.responders, r.analysed) == (a.responders, a.analysed)
        assert r.low < r.rate == a.responders / a.analysed < r.high
    # Wilson's interval is not symmetric about the rate and stays inside [0, 1]
    assert rates["ctrl"].rate - rates["ctrl"].low != pytest.approx(rates["ctrl"].high - rates["ctrl"].rate, abs=1e-3)
    recorded = rct.response_rates(with_fact(data, "rct1.obs.responders", 30))["obs"]
    assert recorded.responders == 30 and recorded.rate == 30 / rates["obs"].analysed


def test_the_sessions_are_the_weeks_times_the_sessions_a_week(data):
    assert rct.sessions_total(data) == data.value("rct1.weeks") * data.value("rct1.sessions_per_week") == 24
    assert rct.sessions_total(with_fact(data, "rct1.weeks", 10)) == 30


def test_the_p_value_words_count_the_tests_and_the_review_s_p(data):
    words = trial.pvalue_words(data)
    found = rct.p_agreement(data, rct.reported_p(data))
    assert words["n_tests"] == len(pvalues.TESTS) and words["n_points"] == 2 * len(pvalues.TESTS)
    assert words["review_p"] == "P < 0.001"
    assert words["n_below_reported"] == sum(found.agrees(r.p) for r in found.two_sided + found.one_sided)
    assert words["sig_words"] == "every one of the tests"
    lo, hi = words["p_rand_span"].split(" to ")
    assert lo.startswith("P = ") and float(lo[4:]) < float(hi)
    # a stricter reported P value is given by fewer tests
    stricter = trial.pvalue_words(with_reported(data, "C-3.1-11", "P < 0.0001"))
    assert stricter["review_p"] == "P < 0.0001" and stricter["n_below_reported"] < words["n_below_reported"]
    # counts with a smaller difference are not significant on every test
    closer = trial.pvalue_words(with_fact(data, "rct1.obs.responders", 12))
    assert closer["sig_words"] != "every one of the tests" and closer["sig_words"].endswith(" tests")


def test_the_effect_words_are_the_analysed_effects(data):
    words = trial.effect_words(data)
    obs, ctrl = rct.arms(data)
    assert words["rd"] == fmt.num(100 * (obs.responders / obs.analysed - ctrl.responders / ctrl.analysed), 1)
    assert words["dropouts_total"] == obs.dropouts + ctrl.dropouts == 7
    assert words["worst_case"] == rct.scenario_significance(data)
    assert words["nnt_words"] == "one more"
    worse = trial.effect_words(with_fact(data, "rct1.obs.responders", 3))
    assert worse["nnt_words"] == "one fewer" and worse["rd"].startswith("-")


def test_the_trial_s_figures_draw_each_arm_and_each_test(data):
    fig = trial.response_figure(data)
    assert len(fig.axes[0].lines) >= 2 and "8 weeks" in fig.axes[0].get_xlabel()
    close(fig)
    fig = trial.pvalue_figure(data)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == [r.name for r in rct.p_tests(_counts(data))[::2]]
    close(fig)


def _counts(data):
    obs, ctrl = rct.arms(data)
    return obs.responders, obs.analysed, ctrl.responders, ctrl.analysed


def test_the_conflicts_are_every_normal_prior_s_and_the_undiscounted_one(data):
    found = sensitivity.conflicts(data)
    pr = rct.priors(data)
    assert set(found) == {p.label for p in pr.values() if p.family == "normal"} | {sensitivity.UNDISCOUNTED}
    assert found[pr["evidence"].label] == rct.conflict(data, pr["evidence"])
    assert found[sensitivity.UNDISCOUNTED] == rct.conflict(data, rct.evidence_based(data, inflation=1.0))
    # the discount widens the prior: the conflict is smaller with it
    assert abs(found[pr["evidence"].label][0]) < abs(found[sensitivity.UNDISCOUNTED][0])


def test_the_evidence_prior_s_inputs_are_varied_around_the_chapter_s_prior(data):
    settings = sensitivity.evidence_inputs(data)
    assert len(settings) == 2 * 3 * 3
    derived, k = rct.ssri_response(data), data.assumption("prior.evidence_inflation").value
    chosen = [s for s in settings if s.label == "manual" and s.value == derived.value and s.factor == k]
    evidence = rct.priors(data)["evidence"]
    assert len(chosen) == 1 and (chosen[0].prior.loc, chosen[0].prior.scale) == (evidence.loc, evidence.scale)
    assert chosen[0].summary == rct.randomized_summary(data, evidence)
    threshold = rct.important_difference(data)[0]
    ps = [s.summary["p_above"][threshold] for s in settings]
    words = bayes.evidence_inputs_words(data)
    assert words == {"ev_imp_min": fmt.prob(min(ps)), "ev_imp_max": fmt.prob(max(ps))} and min(ps) < max(ps)


def test_the_dropouts_directions_move_the_gain_their_way(data):
    settings = sensitivity.dropout_directions(data)
    assert len(settings) == 3 * 3
    by = {(s.label, s.value): s.summary["rd"] for s in settings}
    sd = data.assumption("attrition.imor_sd").span(3)[1]
    worse, like, better = (
        by[("acupuncture dropouts worse, medication dropouts better", sd)],
        by[("like completers", sd)],
        by[("acupuncture dropouts better, medication dropouts worse", sd)],
    )
    assert worse < like < better


def test_the_dropouts_odds_factor_is_the_95_percent_range_of_their_prior(data):
    sd = data.assumption("attrition.imor_sd").value
    assert sensitivity.imor_factor(data) == pytest.approx(math.exp(z_two_sided() * sd))
    wider = with_assumption(data, "attrition.imor_sd", 2 * sd)
    assert sensitivity.imor_factor(wider) == pytest.approx(sensitivity.imor_factor(data) ** 2)


def test_zhao_s_size_is_its_three_arms(data):
    assert sensitivity.zhao_randomized(data) == 161 + 160 + 156
    assert sensitivity.zhao_randomized(with_fact(data, "zhao2019.ssri.randomized", 100)) == 161 + 160 + 100


def test_the_importance_words_group_the_priors_by_probability():
    pr = {k: type("P", (), {"label": k})() for k in ("flat", "neutral_weak", "pessimistic_strong", "evidence")}
    primary = pd.DataFrame({"p>0.2": [0.9, 0.85, 0.3, 0.6]}, index=list(pr))
    words = bayes.importance_words(primary, pr, 0.2)
    assert words == (
        "probable (80% or more) under the flat and weak neutral priors; more likely than not, but short of 80%, "
        "under the evidence priors; less likely than not under the strong pessimistic prior."
    )
    primary["p>0.2"] = [0.9, 0.85, 0.3, 0.1]
    assert bayes.importance_words(primary, pr, 0.2).endswith("under the strong pessimistic and evidence priors.")


def test_the_bottom_line_names_the_prior_of_each_extreme_of_the_results(data):
    primary = rct.results(data)
    pr = rct.priors(data)
    threshold = rct.important_difference(data)[0]
    words = bayes.bottom_line(data, primary)
    assert words["min_any_prior"] == pr[primary["p>0"].idxmin()].label
    conventional = primary.drop(index=["flat", "evidence"])[f"p>{threshold:g}"]
    assert words["imp_lo"] == fmt.prob(conventional.min()) and words["imp_hi"] == fmt.prob(conventional.max())
    assert words["imp_lo_prior"] == "pessimistic, strong" and words["n_priors"] == len(pr)
    changed = primary.copy()
    changed.loc["flat", "p>0"] = 0.0
    assert bayes.bottom_line(data, changed)["min_any_prior"] == pr["flat"].label


def test_the_result_words_glue_every_prior_and_threshold(data):
    primary, pp = rct.results(data), rct.results(data, basis="analysed")
    ts = list(rct.thresholds(data))
    words = bayes.result_words(primary, pp, ts)
    assert words["evidence.rd"] == bayes.points(primary.loc["evidence", "rd"])
    assert words["pp.flat.p20"] == fmt.prob(pp.loc["flat", "p>0.2"])
    assert len(words) == len(primary) * (2 + len(ts)) + len(pp) * (1 + len(ts))


def test_the_prior_words_say_the_conflict_as_its_p_values_read(data):
    words = bayes.prior_words(data)
    z, p = rct.conflict(data, rct.priors(data)["evidence"])
    assert (words["conflict_z"], words["conflict_p"]) == (fmt.num(z), fmt.pval(p))
    assert words["zhao_n"] == sensitivity.zhao_randomized(data)
    # a stronger earlier trial (no discount) conflicts with this one
    strong = bayes.prior_words(with_assumption(data, "prior.evidence_inflation", 1.0))
    assert strong["conflict_p"] == strong["conflict_p_raw"] and strong["conflict_z"] != words["conflict_z"]
    assert "within what the discounted prior allows" in words["conflict_words"]


def test_the_chapter_s_tables_have_a_row_for_each_setting(data):
    assert len(bayes.threshold_table(data).data) == len(rct.thresholds(data))
    assert len(bayes.priors_table(data).data) == len(rct.priors(data))
    assert len(bayes.conflict_table(data).data) == len(sensitivity.conflicts(data))
    assert len(bayes.evidence_inputs_table(data).data) == 18
    assert len(bayes.dropout_directions_table(data).data) == 9
    shown = bayes.attrition_display(data).data
    assert list(shown["scenario"]) == list(rct.attrition_scenarios(data)) and set(pvalues.TESTS.values()) <= set(
        shown.columns
    )
    assert not any(str(v).startswith("P ") for t in pvalues.TESTS.values() for v in shown[t])


def test_the_dropout_words_are_the_worst_and_best_cases(data):
    words = bayes.dropout_words(data)
    assert words["worst_sig"] == rct.scenario_significance(data, rct.WORST)
    obs, ctrl = rct.arms(data)
    assert words["worst_counts"] == f"{fmt.count(obs.responders, 39)} vs {fmt.count(ctrl.responders + 4, 39)}"
    assert words["d_obs"] == 3 and words["d_ctrl"] == 4
    assert words["imor_factor"] == fmt.num(sensitivity.imor_factor(data), 0)


def test_the_sampler_check_reports_its_largest_gap_and_smallest_sample():
    agreement = pd.DataFrame({"difference": [0.01, -0.03], "mcse": [0.01, 0.01]})
    gates = pd.DataFrame({"min bulk ESS": [900.0, 450.0], "min tail ESS": [700.0, 800.0]})
    check = models.SamplerCheck({"a": None}, agreement, gates, ("θ",))
    assert check.worst_gap == pytest.approx(3.0) and check.min_ess == 450.0
    words = bayes.sampler_words(check)
    assert words["worst_z"] == "3.0" and words["min_ess"] == "450" and words["n_compared"] == 2


def test_the_extreme_priors_are_named_with_their_probability_of_harm(data):
    words = bayes.extreme_words(data)
    pr, fair = rct.priors(data), rct.reasonable(data)
    assert words["n_fair"] == len(fair) < len(pr)
    assert "on harm)" in words["extremes"] and "strong pessimistic" in words["extremes"]
