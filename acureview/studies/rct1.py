"""The Tiaoqi Jieyu RCT [1] (facts prefixed ``rct1.``): its arms and counts, the tables of the
chapters, the priors of its Bayesian reanalysis and its PyMC models.

Where the trial's response counts are not in the record, they are reconstructed from the
review's own percentages and the trial's analysed numbers (randomized minus dropouts).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .. import fmt
from ..data import Claim, Dataset
from ..methods.posterior import Draws, from_samples, grid
from ..methods.priors import Prior, log_odds_ratio_from_g, normal_from_interval, odds_ratio_from_risk_ratio
from ..methods.rounding import Reported, counts_for
from ..methods.twobytwo import NNT, TESTS, effect_measures, fragility_index, two_by_two_pvalues

STUDY = "rct1"
ARMS = {"obs": "acupuncture + medication", "ctrl": "medication alone"}
PCT_CHECK = "rct1.response_pct"
P_CHECK = "rct1.p_value"


@dataclass(frozen=True)
class Arm:
    name: str
    randomized: int
    dropouts: int
    responders: int | None  # None where neither the record nor the review's percentage fixes it
    candidates: tuple[int, ...]  # counts compatible with the review's percentage (analysed n)
    reported: Reported | None  # the review's percentage, as it writes it ('52.8%')
    source: str  # 'record', 'reconstructed' or 'unknown'

    @property
    def analysed(self) -> int:
        return self.randomized - self.dropouts

    @property
    def reported_pct(self) -> float | None:
        """The review's percentage as a number (52.8); its text, with its precision, is ``reported``."""
        return None if self.reported is None else self.reported.value


def arm(data: Dataset, name: str) -> Arm:
    """One arm of the trial: numbers from the record, responders from the record or rebuilt."""
    randomized = int(data.value(f"{STUDY}.{name}.randomized"))
    dropouts = int(data.value(f"{STUDY}.{name}.dropouts"))
    analysed = randomized - dropouts
    pct_claims = [c for c in data.claims_using(PCT_CHECK) if c.args.get("arm") == name]
    pct = pct_claims[0].number() if pct_claims else None
    candidates = tuple(counts_for(pct, analysed)) if pct is not None else ()
    if data.known(f"{STUDY}.{name}.responders"):
        return Arm(name, randomized, dropouts, int(data.value(f"{STUDY}.{name}.responders")),
                   candidates, pct, "record")
    if len(candidates) == 1:
        return Arm(name, randomized, dropouts, candidates[0], candidates, pct, "reconstructed")
    return Arm(name, randomized, dropouts, None, candidates, pct, "unknown")


def arms(data: Dataset) -> tuple[Arm, Arm]:
    return arm(data, "obs"), arm(data, "ctrl")


def reported_p(data: Dataset) -> Reported | None:
    """The P value the review reports for the trial ('P < 0.001'), from the claim checked by
    ``rct1.p_value``."""
    claims: list[Claim] = data.claims_using(P_CHECK)
    return claims[0].number() if claims else None


def p_text(p: Reported) -> str:
    """'P < 0.001' for a reported P value, however the review spaced it."""
    return f"P {p.op} {p.number}"


def pvalues(data: Dataset) -> dict[str, float] | None:
    """P values of every candidate test on the (recorded or reconstructed) counts."""
    obs, ctrl = arms(data)
    if obs.responders is None or ctrl.responders is None:
        return None
    return two_by_two_pvalues(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)


# --- tables of the chapters ----------------------------------------------------------------------

def reconstruction_table(data: Dataset):
    """For each arm and each candidate denominator, the whole counts that give the review's percentage."""
    import pandas as pd

    rows = []
    for a in arms(data):
        for label, n in (("analysed", a.analysed), ("randomized", a.randomized)):
            ks = counts_for(a.reported, n)
            rows.append({"arm": ARMS[a.name], "reported": str(a.reported), "denominator": label, "n": n,
                         "compatible counts": ", ".join(fmt.count(k, n) for k in ks) or "none"})
    return pd.DataFrame(rows)


def pvalue_table(data: Dataset, reported: str | None = None):
    """P values of every candidate test, on the analysed patients and on all randomized patients
    with dropouts counted as non-responders, each against the review's P value (``reported``:
    by default the one the review gives, 'P < 0.001')."""
    import pandas as pd

    from ..methods.rounding import parse_number

    said = reported_p(data) if reported is None else parse_number(reported)
    obs, ctrl = arms(data)
    bases = {
        "analysed": (obs.responders, obs.analysed, ctrl.responders, ctrl.analysed),
        "randomized, dropouts as non-responders": (obs.responders, obs.randomized, ctrl.responders, ctrl.randomized),
    }
    rows = []
    for basis, counts in bases.items():
        for test, p in two_by_two_pvalues(*counts).items():
            rows.append({"basis": basis, "test": TESTS[test], "P": p,
                         p_text(said): "yes" if said.agrees(p) else "no",
                         "P < 0.05": "yes" if p < 0.05 else "no"})
    return pd.DataFrame(rows)


def effects_table(data: Dataset):
    """Risk difference, risk ratio, odds ratio and NNT with 95% intervals, on the analysed patients.

    The NNT's row holds its two limits in the order Altman writes them (see
    :class:`~acureview.methods.twobytwo.NNT`); ``number_needed_to_treat`` labels them."""
    import pandas as pd

    rows = []
    for k, value in _effects(data).items():
        if isinstance(value, NNT):
            value = (value.estimate, value.bounds[0][0], value.bounds[1][0])
        e, lo, hi = value
        rows.append({"measure": k, "estimate": e, "95% CI lower": lo, "95% CI upper": hi})
    return pd.DataFrame(rows)


def number_needed_to_treat(data: Dataset) -> NNT:
    """NNT of the analysed patients, a response being the desirable event."""
    return _effects(data)["number needed to treat"]


def _effects(data: Dataset) -> dict:
    obs, ctrl = arms(data)
    return effect_measures(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)


def fragility(data: Dataset) -> float:
    """Walsh's fragility index of the analysed counts (``inf`` if no flip removes significance)."""
    obs, ctrl = arms(data)
    return fragility_index(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)


def attrition_scenarios(data: Dataset) -> dict[str, tuple[int, int, int, int]]:
    """Counts (responders, n) per arm under each way of handling the dropouts: as analysed (the
    review's figures), all randomized with dropouts as non-responders, and the best and worst cases
    for acupuncture (every dropout of one arm a responder, of the other a non-responder)."""
    obs, ctrl = arms(data)
    y1, y0 = obs.responders, ctrl.responders
    return {
        "analysed only (as the review reports)": (y1, obs.analysed, y0, ctrl.analysed),
        "all randomized, dropouts as non-responders": (y1, obs.randomized, y0, ctrl.randomized),
        "best case for acupuncture": (y1 + obs.dropouts, obs.randomized, y0, ctrl.randomized),
        "worst case for acupuncture": (y1, obs.randomized, y0 + ctrl.dropouts, ctrl.randomized),
    }


def attrition_table(data: Dataset):
    """For each dropout scenario: response rates, risk difference with 95% CI, Fisher's P, and the
    flat-prior posterior probabilities of any and of an important benefit (closed form, on a grid)."""
    import pandas as pd


    threshold = important_difference(data)[0]
    flat = priors(data)["flat"]
    rows = []
    for label, (y1, n1, y0, n0) in attrition_scenarios(data).items():
        rd, lo, hi = effect_measures(y1, n1, y0, n0)["risk difference"]
        post = grid(y1, n1, y0, n0, flat, size=201).summary(threshold)
        rows.append({"scenario": label, "acupuncture": fmt.count(y1, n1), "medication alone": fmt.count(y0, n0),
                     "RD": rd, "RD low": lo, "RD high": hi,
                     "Fisher P": two_by_two_pvalues(y1, n1, y0, n0)["fisher"],
                     "P(benefit)": post["p_benefit"], "P(important)": post["p_important"]})
    return pd.DataFrame(rows)


# --- priors of the Bayesian reanalysis -------------------------------------------------------------
# Sources and principles (values in data/facts.csv and data/assumptions.csv):
# - weakly informative: Cauchy(0, 2.5), the default Gelman et al. (2008) propose for logistic
#   regression coefficients;
# - enthusiastic: centred on the add-on effect of the meta-analysis of Armour et al. (2019), Hedges g
#   0.84, converted to a log odds ratio by g * pi / sqrt(3); its spread gives no benefit a small
#   probability (prior.tail);
# - sceptical: centred on no effect, with the same spread;
# - evidence-based: the risk ratio of manual acupuncture added to SSRIs in the largest pragmatic trial
#   (Zhao et al. 2019), converted to an odds ratio at an assumed response rate with SSRIs alone.

def evidence_based(data: Dataset, arm: str = "ma", control_risk: float | None = None) -> Prior:
    """Normal prior on the log OR from Zhao et al. (2019)'s risk ratio and 95% CI for ``arm``."""
    p0 = data.assumption("zhao2019.ssri_response").value if control_risk is None else control_risk
    rr, low, high = (float(data.value(f"zhao2019.{arm}.{k}")) for k in ("rr", "rr_low", "rr_high"))
    loc, scale = normal_from_interval(odds_ratio_from_risk_ratio(low, p0), odds_ratio_from_risk_ratio(high, p0))
    what = {"ma": "manual acupuncture", "ea": "electroacupuncture"}[arm]
    return Prior("evidence", "evidence-based", "normal", loc, scale,
                 data.assumption("prior.baseline_sd").value,
                 f"Zhao et al. (2019), {what} + SSRIs vs SSRIs alone: RR {rr:g} ({low:g} to {high:g}), "
                 f"as an odds ratio at an assumed SSRI response of {p0:g}")


def important_difference(data: Dataset) -> tuple[float, float, float]:
    """The threshold of a clinically important benefit as a risk difference, with its quartiles:
    the smallest worthwhile difference in response rates of Sahker et al. (2024)."""
    return tuple(float(data.value(f"sahker2024.swd_{k}")) / 100 for k in ("median", "q1", "q3"))


def priors(data: Dataset) -> dict[str, Prior]:
    """The five priors of the chapter, in the order the tables show them."""
    base = data.assumption("prior.baseline_sd").value
    tail = data.assumption("prior.tail").value
    g = float(data.value("armour2019.addon.g"))
    hope = log_odds_ratio_from_g(g)
    spread = hope / stats.norm.ppf(1 - tail)
    return {
        "flat": Prior("flat", "flat", "uniform", basis="uniform response rates in both arms"),
        "weak": Prior("weak", "weakly informative", "cauchy", 0.0, data.assumption("prior.weak_scale").value, base,
                      "Cauchy(0, 2.5) on the log odds ratio (Gelman et al. 2008)"),
        "sceptical": Prior("sceptical", "sceptical", "normal", 0.0, spread, base,
                           f"centred on no effect; P(OR > {math.exp(hope):.1f}) = {tail:g}"),
        "enthusiastic": Prior("enthusiastic", "enthusiastic", "normal", hope, spread, base,
                              f"centred on Armour et al. (2019)'s add-on g {g:g} (OR {math.exp(hope):.1f}); "
                              f"P(OR < 1) = {tail:g}"),
        "evidence": evidence_based(data),
    }


# --- PyMC models (the chapters and tests only; the checks use the grid) --------------------------------

def two_arm_model(y_obs: int, n_obs: int, y_ctrl: int, n_ctrl: int, prior: Prior):
    """Two binomial arms; ``prior`` on the response rates (flat) or on the log odds ratio."""
    import pymc as pm

    with pm.Model() as model:
        if prior.conjugate:
            p_ctrl = pm.Beta("p_ctrl", 1, 1)
            p_obs = pm.Beta("p_obs", 1, 1)
            pm.Deterministic("log_or", pm.math.logit(p_obs) - pm.math.logit(p_ctrl))
        else:
            mean = pm.Normal("mean_log_odds", 0, prior.baseline_sd)
            dist = {"normal": pm.Normal, "cauchy": pm.Cauchy}[prior.family]
            log_or = dist("log_or", prior.loc, prior.scale)
            p_ctrl = pm.Deterministic("p_ctrl", pm.math.invlogit(mean - log_or / 2))
            p_obs = pm.Deterministic("p_obs", pm.math.invlogit(mean + log_or / 2))
        pm.Deterministic("rd", p_obs - p_ctrl)
        pm.Binomial("y_ctrl", n=n_ctrl, p=p_ctrl, observed=y_ctrl)
        pm.Binomial("y_obs", n=n_obs, p=p_obs, observed=y_obs)
    return model


def attrition_model(y_obs: int, n_obs: int, d_obs: int, y_ctrl: int, n_ctrl: int, d_ctrl: int, imor_sd: float):
    """Response among all randomized patients, the dropouts' responses unknown.

    Completers (``y`` responders of ``n``) have uniform priors on their response rate. A dropout's
    odds of response differ from the completers' in the same arm by an informative-missingness odds
    ratio (IMOR) whose log has a Normal(0, ``imor_sd``) prior (White et al. 2008). The rate among
    all randomized is the mixture of the two, weighted by the observed share of dropouts.
    """
    import pymc as pm

    with pm.Model() as model:
        rates = {}
        for arm, y, n, d in (("obs", y_obs, n_obs, d_obs), ("ctrl", y_ctrl, n_ctrl, d_ctrl)):
            p = pm.Beta(f"completers_{arm}", 1, 1)
            log_imor = pm.Normal(f"log_imor_{arm}", 0, imor_sd)
            q = pm.math.invlogit(pm.math.logit(p) + log_imor)
            rates[arm] = pm.Deterministic(f"p_{arm}", (n * p + d * q) / (n + d))
            pm.Binomial(f"y_{arm}", n=n, p=p, observed=y)
        pm.Deterministic("rd", rates["obs"] - rates["ctrl"])
    return model


def attrition_reference(y_obs, n_obs, d_obs, y_ctrl, n_ctrl, d_ctrl, imor_sd: float, imor_mean=(0.0, 0.0),
                        size: int = 400_000, seed: int = 0) -> Draws:
    """Independent draws from the exact posterior of :func:`attrition_model` (no MCMC needed: the
    completers' rates are beta, the IMORs keep their prior). ``imor_mean`` shifts each arm's log IMOR."""
    from scipy import special, stats

    rng = np.random.default_rng(seed)
    out = {}
    for arm, y, n, d, m in (("obs", y_obs, n_obs, d_obs, imor_mean[0]), ("ctrl", y_ctrl, n_ctrl, d_ctrl, imor_mean[1])):
        p = stats.beta(1 + y, 1 + n - y).rvs(size, random_state=rng)
        q = special.expit(special.logit(p) + rng.normal(m, imor_sd, size))
        out[arm] = (n * p + d * q) / (n + d)
    return from_samples(out["obs"], out["ctrl"])
