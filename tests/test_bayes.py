"""The reanalysis of [1]: priors derived from their sources, posteriors from the grid and from PyMC,
the sampling gate, and the checks' Bayesian context. Each test has a case that must fail."""
import math

import arviz as az
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from acureview.methods import posterior, sampling
from acureview.methods import priors as P
from acureview.checks import rct1 as rct_checks
from acureview.studies import rct1 as rct
from acureview.data import load
from conftest import with_fact

PUBLISHED = (19, 36, 6, 35)  # the counts rebuilt from the review's 52.8% and 17.1%
EQUAL = (12, 36, 12, 36)


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


def test_sceptic_and_enthusiast_give_the_stated_tail(pr):
    tail = load().assumption("prior.tail").value
    hope = pr["enthusiastic"].loc
    assert hope == pytest.approx(0.84 * math.pi / math.sqrt(3))
    assert stats.norm(0, pr["sceptical"].scale).sf(hope) == pytest.approx(tail)
    assert stats.norm(hope, pr["enthusiastic"].scale).cdf(0) == pytest.approx(tail)


def test_evidence_prior_follows_its_source_and_assumption(pr):
    data = load()
    assert math.exp(pr["evidence"].loc) == pytest.approx(1.63, abs=0.01)
    # a different assumed SSRI response, or a different published interval, moves the prior
    assert rct.evidence_based(data, control_risk=0.3).loc < pr["evidence"].loc
    moved = with_fact(data, "zhao2019.ma.rr_high", 1.6)
    assert rct.evidence_based(moved).loc > pr["evidence"].loc


def test_flat_prior_odds_ratio_interval_matches_simulation(pr):
    rng = np.random.default_rng(1)
    a, c = rng.uniform(size=(2, 200_000))
    log_or = np.log(a / (1 - a)) - np.log(c / (1 - c))
    med, lo, hi = pr["flat"].or_interval()
    assert math.log(hi) == pytest.approx(np.quantile(log_or, 0.975), abs=0.05)
    assert math.log(lo) == pytest.approx(np.quantile(log_or, 0.025), abs=0.05)


# --- posteriors without sampling ---------------------------------------------------------------

@pytest.mark.parametrize("key", ["flat", "weak", "sceptical"])
def test_equal_rates_give_even_odds_of_benefit(pr, key):
    s = posterior.grid(*EQUAL, pr[key]).summary(0.2)
    assert s["p_benefit"] == pytest.approx(0.5, abs=0.02)
    assert s["rd"] == pytest.approx(0.0, abs=0.01)
    # counter-case: the published counts are far from even odds
    assert posterior.grid(*PUBLISHED, pr[key]).summary(0.2)["p_benefit"] > 0.99


def test_grid_matches_the_closed_form_beta_posterior(pr):
    g = posterior.grid(*PUBLISHED, pr["flat"])
    post_obs, post_ctrl = posterior.beta_posteriors(*PUBLISHED)
    assert g.mean("p_obs") == pytest.approx(post_obs.mean(), abs=1e-4)
    assert g.quantile("p_ctrl", 0.975) == pytest.approx(post_ctrl.ppf(0.975), abs=2e-3)


# The chapter's key numbers on the published counts (posterior medians and probabilities), with
# tolerances wider than the grid's error and the Monte Carlo error of the chapter's fits.
KEY_NUMBERS = {
    "flat": {"rd": 0.339, "p_benefit": 0.999, "p_important": 0.906},
    "sceptical": {"rd": 0.274, "p_benefit": 0.998, "p_important": 0.781},
    "evidence": {"rd": 0.144, "p_benefit": 1.000, "p_important": 0.103},
}


@pytest.mark.parametrize("key", sorted(KEY_NUMBERS))
def test_published_counts_give_the_chapters_key_numbers(pr, key):
    s = posterior.grid(*PUBLISHED, pr[key]).summary(0.2)
    for name, want in KEY_NUMBERS[key].items():
        assert s[name] == pytest.approx(want, abs=0.01), name


def test_benefit_curve_is_the_probability_above_each_threshold(pr):
    g = posterior.grid(*PUBLISHED, pr["sceptical"])
    t = [0.0, 0.1, 0.2, 0.3]
    assert np.allclose(g.benefit_curve(t), [g.prob("rd", x) for x in t], atol=1e-6)
    assert list(g.benefit_curve(t)) == sorted(g.benefit_curve(t), reverse=True)


# --- PyMC: sampling, the gate and the reference check ---------------------------------------------

@pytest.fixture(scope="module")
def equal_fit(pr):
    return sampling.sample(rct.two_arm_model(*EQUAL, pr["flat"]), "equal", seed=1)


def test_sampled_equal_rates_give_even_odds(equal_fit):
    assert equal_fit.draws.summary(0.2)["p_benefit"] == pytest.approx(0.5, abs=0.03)


def test_sampled_posterior_agrees_with_its_closed_form(equal_fit, pr):
    table = sampling.agreement(equal_fit, posterior.grid(*EQUAL, pr["flat"]))
    assert table["ok"].all()
    # counter-case: against the posterior of other counts, the check fails
    with pytest.raises(sampling.SamplingError, match="reference"):
        sampling.agreement(equal_fit, posterior.grid(*PUBLISHED, pr["flat"]))


def _fake_fit(r_hat=1.0, ess=4000.0, divergent=0):
    rng = np.random.default_rng(0)
    idata = az.from_dict(posterior={"p_obs": rng.uniform(size=(4, 100)), "p_ctrl": rng.uniform(size=(4, 100))},
                         sample_stats={"diverging": np.arange(400).reshape(4, 100) < divergent})
    diag = pd.DataFrame({"r_hat": [r_hat], "ess_bulk": [ess], "ess_tail": [ess]}, index=["rd"])
    return sampling.Fit("fake", idata, 1.0, diag)


@pytest.mark.parametrize("bad, message", [
    (dict(r_hat=1.02), "r_hat"),
    (dict(ess=999.0), "ess_bulk"),
    (dict(divergent=1), "divergent"),
])
def test_gate_rejects_a_poor_fit(bad, message):
    sampling.gate(_fake_fit())  # the good fit passes
    with pytest.raises(sampling.SamplingError, match=message):
        sampling.gate(_fake_fit(**bad))


def test_attrition_reference_without_dropouts_is_the_completers_posterior():
    ref = rct.attrition_reference(19, 36, 0, 6, 35, 0, imor_sd=1.0, size=200_000)
    post_obs, _ = posterior.beta_posteriors(*PUBLISHED)
    assert ref.mean("p_obs") == pytest.approx(post_obs.mean(), abs=2e-3)
    # with dropouts who all do worse, the rate among all randomized falls
    worse = rct.attrition_reference(19, 36, 3, 6, 35, 0, imor_sd=0.5, imor_mean=(-3.0, 0.0), size=200_000)
    assert worse.mean("p_obs") < post_obs.mean() - 0.02


# --- the checks' Bayesian and attrition context ------------------------------------------------------

def test_significance_reason_carries_the_posterior_context():
    data = load()
    reason = rct_checks.significance(data.claim("C-3.1-05"), data).reason
    assert "sceptical prior" in reason and "evidence-based prior" in reason
    assert "P = 0.06" in reason  # the worst case for the dropouts
    # with other counts the context changes with them
    other = with_fact(data, "rct1.obs.responders", 25)
    assert rct_checks.significance(other.claim("C-3.1-05"), other).reason != reason


def test_worst_case_for_dropouts_can_keep_significance():
    data = load()
    table = rct.attrition_table(data).set_index("scenario")
    assert table.loc["worst case for acupuncture", "Fisher P"] > 0.05
    stronger = with_fact(data, "rct1.obs.responders", 25)
    assert rct.attrition_table(stronger).set_index("scenario").loc["worst case for acupuncture", "Fisher P"] < 0.05
