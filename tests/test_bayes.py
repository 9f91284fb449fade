"""The reanalysis of [1]: priors derived from their sources, posteriors from the grid and from PyMC,
the sampling gate, and the checks' Bayesian context. Each test has a case that must fail."""

import math
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from conftest import with_fact
from scipy import special, stats

from acureview.checks import rct1 as rct_checks
from acureview.methods import posterior, sampling
from acureview.methods import priors as P
from acureview.methods.posterior import Draws, from_samples
from acureview.site import bayes
from acureview.studies import rct1 as rct
from acureview.studies.rct1 import models as rct_models
from acureview.verify import load

PUBLISHED = (19, 36, 6, 35)  # the counts rebuilt from the review's 52.8% and 17.1%
EQUAL = (12, 36, 12, 36)


def attrition_reference(
    y_obs,
    n_obs,
    d_obs,
    y_ctrl,
    n_ctrl,
    d_ctrl,
    imor_sd: float,
    imor_mean=(0.0, 0.0),
    size: int = 400_000,
    seed: int = 0,
) -> Draws:
    """Independent draws from the exact posterior of :func:`attrition_model` under the flat prior
    (no MCMC needed: the completers' rates are beta, the IMORs keep their prior). ``imor_mean``
    shifts each arm's log IMOR."""
    rng = np.random.default_rng(seed)
    out = {}
    for arm, y, n, d, m in (("obs", y_obs, n_obs, d_obs, imor_mean[0]), ("ctrl", y_ctrl, n_ctrl, d_ctrl, imor_mean[1])):
        p = stats.beta(1 + y, 1 + n - y).rvs(size, random_state=rng)
        q = special.expit(special.logit(p) + rng.normal(m, imor_sd, size))
        out[arm] = (n * p + d * q) / (n + d)
    return from_samples(out["obs"], out["ctrl"])


@pytest.fixture(scope="module")
def pr():
    return rct.priors(load())


# --- priors ------------------------------------------------------------------------------------


def test_normal_from_interval_recovers_the_interval():
    loc, scale = P.normal_from_interval(1.04, 1.42)
    lo, hi = stats.norm(loc, scale).interval(0.95)
    assert math.exp(lo) == pytest.approx(1.04) and math.exp(hi) == pytest.approx(1.42)
    with pytest.raises(ValueError):
        P.normal_from_interval(1.42, 1.04)


def test_risk_ratio_to_odds_ratio():
    # RR 2 at a control risk of 0.25: 0.5 vs 0.25, odds 1 vs 1/3
    assert P.odds_ratio_from_risk_ratio(2.0, 0.25) == pytest.approx(3.0)
    assert P.odds_ratio_from_risk_ratio(1.0, 0.4) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="risk of 1 or more"):
        P.odds_ratio_from_risk_ratio(1.48, 0.7)


def test_control_risk_is_recovered_from_a_ratio_interval():
    # a 2x2 table with known risks: 60/100 vs 40/100, RR 1.5 and its Wald interval
    se = math.sqrt(0.4 / 60 + 0.6 / 40)
    lo, hi = 1.5 * math.exp(-1.959964 * se), 1.5 * math.exp(1.959964 * se)
    assert P.control_risk_from_ratio_interval(1.5, lo, hi, 100, 100) == pytest.approx(0.4, abs=1e-6)
    # a narrower interval means a higher control risk; an impossible one is refused
    assert P.control_risk_from_ratio_interval(1.5, lo * 1.02, hi / 1.02, 100, 100) > 0.4
    with pytest.raises(ValueError):
        P.control_risk_from_ratio_interval(1.5, 1.6, 2.0, 100, 100)


def test_ssri_response_is_derived_from_zhao_2019s_own_figures():
    data = load()
    d = rct.ssri_response(data)
    assert d.value == pytest.approx(0.607, abs=0.005)
    assert d.low <= d.by_arm["ma"] <= d.high and d.low <= d.by_arm["ea"] <= d.high
    # the P values the abstract prints agree within the interval's rounding (a check, not an input)
    assert all(abs(v - d.value) < 0.03 for v in d.from_p.values())
    # counter-case: a wider printed interval implies a lower response with SSRIs alone
    wider = with_fact(data, "zhao2019.ma.rr_high", 1.6)
    assert rct.ssri_response(wider).by_arm["ma"] < d.by_arm["ma"] - 0.05


def test_conventional_priors_give_their_stated_tails(pr):
    data = load()
    c = rct.optimistic_centre(data)
    for strength in rct.STRENGTHS:
        tail = data.assumption(f"prior.strength_{strength}").value
        opt, pes, neu = (pr[f"{s}_{strength}"] for s in ("optimistic", "pessimistic", "neutral"))
        assert stats.norm(opt.loc, opt.scale).cdf(0) == pytest.approx(tail)
        assert stats.norm(pes.loc, pes.scale).sf(0) == pytest.approx(tail)
        assert stats.norm(neu.loc, neu.scale).sf(c) == pytest.approx(tail)
    # the optimistic centre is the median smallest worthwhile difference at the derived SSRI response
    p0 = rct.ssri_response(data).value
    p1 = p0 + rct.important_difference(data)[0]
    assert math.exp(c) == pytest.approx(p1 / (1 - p1) / (p0 / (1 - p0)))
    assert len(pr) == 11


def test_evidence_prior_follows_its_source_discount_and_derived_response(pr):
    data = load()
    ev = pr["evidence"]
    assert math.exp(ev.loc) == pytest.approx(1.79, abs=0.01)
    raw = rct.evidence_based(data, inflation=1.0)
    assert ev.scale == pytest.approx(raw.scale * math.sqrt(data.assumption("prior.evidence_inflation").value))
    # a different control response, or a different published ratio, moves the prior
    assert rct.evidence_based(data, control_risk=0.3).loc < ev.loc
    assert rct.evidence_based(with_fact(data, "zhao2019.ma.rr", 1.3)).loc > ev.loc


def test_prior_data_conflict_is_boxs_check():
    z, p = P.prior_data_conflict(0.0, 1.0, 1.0, 1.0)
    assert z == pytest.approx(1 / math.sqrt(2)) and p == pytest.approx(2 * stats.norm.sf(1 / math.sqrt(2)))
    data = load()
    z_ev, p_ev = rct.conflict(data, rct.priors(data)["evidence"])
    z_raw, p_raw = rct.conflict(data, rct.evidence_based(data, inflation=1.0))
    assert p_ev == pytest.approx(0.14, abs=0.01) and p_raw < p_ev  # the discount eases the conflict


def test_flat_prior_odds_ratio_interval_matches_simulation(pr):
    rng = np.random.default_rng(1)
    a, c = rng.uniform(size=(2, 200_000))
    log_or = np.log(a / (1 - a)) - np.log(c / (1 - c))
    med, lo, hi = pr["flat"].or_interval()
    assert math.log(hi) == pytest.approx(np.quantile(log_or, 0.975), abs=0.05)
    assert math.log(lo) == pytest.approx(np.quantile(log_or, 0.025), abs=0.05)


# --- posteriors without sampling ---------------------------------------------------------------

SYMMETRIC = ["flat", "neutral_weak", "neutral_moderate", "neutral_strong"]


@pytest.mark.parametrize("key", SYMMETRIC)
def test_equal_rates_give_even_odds_of_benefit(pr, key):
    s = posterior.grid(*EQUAL, pr[key]).summary(0.2)
    assert s["p_benefit"] == pytest.approx(0.5, abs=0.005)
    assert s["rd"] == pytest.approx(0.0, abs=0.005)
    # and among all randomized, with the same dropouts in each arm
    r = posterior.with_dropouts(posterior.grid(*EQUAL, pr[key], size=161), 36, 3, 36, 3, 1.0, nodes=7).rd_summary([0.0])
    assert r["p_above"][0.0] == pytest.approx(0.5, abs=0.005)
    # counter-case: the published counts are far from even odds, and an optimistic prior is not symmetric
    assert posterior.grid(*PUBLISHED, pr[key]).summary(0.2)["p_benefit"] > 0.9
    assert posterior.grid(*EQUAL, pr["optimistic_strong"]).summary(0.2)["p_benefit"] > 0.6


def test_grid_matches_the_closed_form_beta_posterior(pr):
    g = posterior.grid(*PUBLISHED, pr["flat"])
    post_obs, post_ctrl = posterior.beta_posteriors(*PUBLISHED)
    assert g.mean("p_obs") == pytest.approx(post_obs.mean(), abs=1e-4)
    assert g.quantile("p_ctrl", 0.975) == pytest.approx(post_ctrl.ppf(0.975), abs=2e-3)


# The chapter's key numbers on the published counts: all randomized with the dropouts modelled
# (the primary analysis), as the chapter prints them (fmt.prob; RD in points to one decimal).
KEY_NUMBERS = {
    # the flat prior's probabilities by quadrature: P(benefit) is 99.89%, which the grid put at 99.91%
    "flat": {"rd": "33.6", "p>0": "99.9%", "p>0.2": "89.7%"},
    "neutral_strong": {"rd": "20.7", "p>0": "99.0%", "p>0.2": "53.2%"},
    "pessimistic_strong": {"rd": "11.9", "p>0": "90.8%", "p>0.2": "17.7%"},
    "evidence": {"rd": "23.3", "p>0": "99.8%", "p>0.2": "66.3%"},
}


@pytest.mark.parametrize("key", sorted(KEY_NUMBERS))
def test_published_counts_give_the_chapters_key_numbers(key):
    from acureview import fmt

    data = load()
    s = rct.randomized_summary(data, rct.priors(data)[key])
    got = {"rd": f"{100 * s['rd']:.1f}", "p>0": fmt.prob(s["p_above"][0.0]), "p>0.2": fmt.prob(s["p_above"][0.2])}
    assert got == KEY_NUMBERS[key]


@pytest.mark.parametrize(
    "key",
    [
        "evidence",  # the primary analysis, in the fast set
        pytest.param("flat", marks=pytest.mark.slow),  # the conjugate grid (beta quantiles)
        pytest.param("pessimistic_strong", marks=pytest.mark.slow),  # a narrow prior against the data
    ],
)
def test_grid_is_accurate_to_the_printed_precision(pr, key):
    """The grids the book uses against much finer ones: within 0.05 percentage points. Each prior
    compares with a grid of 11 million points; the primary analysis's runs in the fast set, the
    other two in the whole suite (``slow``)."""
    data = load()
    obs, ctrl = rct.arms(data)
    counts = (obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)
    used = rct.randomized_summary(data, pr[key])
    fine = posterior.with_dropouts(
        posterior.grid(*counts, pr[key], size=301),
        obs.analysed,
        obs.dropouts,
        ctrl.analysed,
        ctrl.dropouts,
        1.0,
        nodes=11,
    ).rd_summary(list(used["p_above"]))
    for t, p in used["p_above"].items():
        assert p == pytest.approx(fine["p_above"][t], abs=5e-4), (key, t)
    assert used["rd"] == pytest.approx(fine["rd"], abs=5e-4)
    pp, pp_fine = posterior.grid(*counts, pr[key]), posterior.grid(*counts, pr[key], size=801)
    assert pp.prob("rd", 0.2) == pytest.approx(pp_fine.prob("rd", 0.2), abs=5e-4)


def test_randomized_grid_matches_exact_draws_under_the_flat_prior(pr):
    data = load()
    ref = attrition_reference(19, 36, 3, 6, 35, 4, imor_sd=1.0)
    s = rct.randomized_summary(data, pr["flat"])
    assert s["p_above"][0.2] == pytest.approx(ref.prob("rd", 0.2), abs=0.003)
    assert s["rd"] == pytest.approx(float(ref.quantile("rd", 0.5)), abs=0.003)


def test_flat_prior_benefit_is_the_quadrature_answer_not_a_grid_step_off(pr):
    # P(benefit) among all randomized under the flat prior is 99.89% (2 million exact draws, standard
    # error 0.002 points); the 161-point grid gave 99.91%, printed as "> 99.9%"
    data = load()
    ref = attrition_reference(19, 36, 3, 6, 35, 4, imor_sd=1.0, size=2_000_000, seed=3)
    s = rct.randomized_summary(data, pr["flat"])
    assert s["p_above"][0.0] == pytest.approx(ref.prob("rd", 0.0), abs=1.2e-4)
    assert s["p_above"][0.0] < 0.999
    assert rct.results(data).loc["flat", "p>0"] == s["p_above"][0.0]


def test_benefit_curve_is_the_probability_above_each_threshold(pr):
    g = posterior.grid(*PUBLISHED, pr["neutral_moderate"])
    t = [0.0, 0.1, 0.2, 0.3]
    assert np.allclose(g.benefit_curve(t), [g.prob("rd", x) for x in t], atol=1e-6)
    assert list(g.benefit_curve(t)) == sorted(g.benefit_curve(t), reverse=True)


# --- PyMC: sampling, the gate and the reference check ---------------------------------------------
# The tests that sample are `build` tests (`make test`, with the chapters whose every fit passes the
# same gate and the same agreement check); the gate's own counter-cases run in the fast set.


@pytest.fixture(scope="module")
def equal_fit(pr):
    return sampling.sample(rct_models.two_arm_model(*EQUAL, pr["flat"]), "equal", seed=1)


@pytest.mark.build
def test_sampled_equal_rates_give_even_odds(equal_fit):
    assert equal_fit.draws.summary(0.2)["p_benefit"] == pytest.approx(0.5, abs=0.03)


@pytest.mark.build
def test_sampled_posterior_agrees_with_its_closed_form(equal_fit, pr):
    table = sampling.agreement(equal_fit, posterior.grid(*EQUAL, pr["flat"]))
    assert table["ok"].all()
    # counter-case: against the posterior of other counts, the check fails
    with pytest.raises(sampling.SamplingError, match="reference"):
        sampling.agreement(equal_fit, posterior.grid(*PUBLISHED, pr["flat"]))


def _fake_fit(r_hat=1.0, ess=4000.0, divergent=0):
    """A fit with the diagnostics given and what the gate reads of its draws (the divergent
    transitions of 4 chains of 100 draws), without importing ArviZ."""
    rng = np.random.default_rng(0)
    idata = SimpleNamespace(
        posterior={"p_obs": rng.uniform(size=(4, 100)), "p_ctrl": rng.uniform(size=(4, 100))},
        sample_stats={"diverging": np.arange(400).reshape(4, 100) < divergent},
    )
    diag = pd.DataFrame({"r_hat": [r_hat], "ess_bulk": [ess], "ess_tail": [ess]}, index=["rd"])
    return sampling.Fit("fake", idata, 1.0, diag)


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"r_hat": 1.02}, "r_hat"),
        ({"ess": 999.0}, "ess_bulk"),
        ({"divergent": 1}, "divergent"),
    ],
)
def test_gate_rejects_a_poor_fit(bad, message):
    sampling.gate(_fake_fit())  # the good fit passes
    with pytest.raises(sampling.SamplingError, match=message):
        sampling.gate(_fake_fit(**bad))


def test_attrition_reference_without_dropouts_is_the_completers_posterior():
    ref = attrition_reference(19, 36, 0, 6, 35, 0, imor_sd=1.0, size=200_000)
    post_obs, _ = posterior.beta_posteriors(*PUBLISHED)
    assert ref.mean("p_obs") == pytest.approx(post_obs.mean(), abs=2e-3)
    # with dropouts who all do worse, the rate among all randomized falls
    worse = attrition_reference(19, 36, 3, 6, 35, 0, imor_sd=0.5, imor_mean=(-3.0, 0.0), size=200_000)
    assert worse.mean("p_obs") < post_obs.mean() - 0.02


# --- the checks' Bayesian and attrition context ------------------------------------------------------


def test_significance_reason_carries_the_dropouts_worst_case():
    """The reason stays short (the posteriors are in the Bayesian chapter) but says what the dropouts could do."""
    data = load()
    reason = rct_checks.significance(data.claim("C-3.1-05"), data).reason
    assert "prior" not in reason
    # the worst case for the dropouts, on every test: borderline, not 'no longer significant'
    assert "7 of the 9 tests but not on the chi-squared test with Yates' correction and Fisher's exact test" in reason
    assert "a borderline result" in reason and "no longer significant" not in reason
    # with other counts the context changes with them
    other = with_fact(data, "rct1.obs.responders", 25)
    assert rct_checks.significance(other.claim("C-3.1-05"), other).reason != reason


def test_worst_case_for_dropouts_is_reported_on_every_test():
    data = load()
    table = rct.attrition_table(data).set_index("scenario")
    worst = table.loc["worst case for acupuncture"]
    assert worst["Fisher's exact test"] > 0.05 and worst["Boschloo's exact test"] < 0.05
    assert worst["tests with P < 0.05"] == "7 of 9"
    stronger = with_fact(data, "rct1.obs.responders", 25)
    assert (
        rct.attrition_table(stronger).set_index("scenario").loc["worst case for acupuncture", "tests with P < 0.05"]
        == "9 of 9"
    )


@pytest.mark.build  # it builds a PyMC model: with the sampling tests, run by `make test`
def test_one_compiled_model_is_sampled_under_another_prior(pr):
    model = rct_models.attrition_model(19, 36, 3, 6, 35, 4, 1.0, pr["evidence"])
    rct_models.set_prior(model, pr["pessimistic_strong"])
    with model:
        assert float(model["prior_loc"].get_value()) == pytest.approx(pr["pessimistic_strong"].loc)
    assert "log_or" in rct_models.free_parameters(model) and "log_imor_obs" in rct_models.free_parameters(model)


def test_the_bayesian_chapter_rounds_as_the_book_does():
    # a gain of 0.1235 is 12.35 points, written 12.4 (Python's format gives 12.3); an odds ratio of 1.005, 1.01
    assert f"{100 * 0.1235:.1f}" == "12.3"
    assert bayes.points(0.1235) == "12.4" and bayes.interval(0.0125, 0.1235) == "1.3 to 12.4"
    assert (
        bayes.odds_ratio(1.005) == "1.01" and bayes.odds_ratio(0.005) == "< 0.01" and bayes.odds_ratio(120) == "> 100"
    )
