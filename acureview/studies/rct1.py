"""The Tiaoqi Jieyu RCT [1] (facts prefixed ``rct1.``): its arms and counts, the tables of the
chapters, the priors of its Bayesian reanalysis and its PyMC models.

Where the trial's response counts are not in the record, they are reconstructed from the
review's own percentages and the trial's analysed numbers (randomized minus dropouts).
"""
from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .. import fmt
from ..data import Claim, Dataset
from ..methods.posterior import Draws, from_samples, grid, with_dropouts
from ..methods.priors import (Prior, control_risk_from_ratio_interval, log_odds_ratio_from_risks,
                              prior_data_conflict)
from ..data import Reported
from ..methods.rounding import counts_for
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

    from ..data import parse_number

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


def attrition_table(data: Dataset, alpha: float = 0.05):
    """For each dropout scenario: response rates, risk difference with 95% CI, the P value of every
    test the chapters use (columns named as in ``TESTS``), how many of them fall below ``alpha``,
    and the flat-prior probabilities of any benefit and of one of at least the central threshold."""
    import pandas as pd

    threshold = important_difference(data)[0]
    flat = priors(data)["flat"]
    rows = []
    for label, (y1, n1, y0, n0) in attrition_scenarios(data).items():
        rd, lo, hi = effect_measures(y1, n1, y0, n0)["risk difference"]
        post = grid(y1, n1, y0, n0, flat).rd_summary([0.0, threshold])
        ps = two_by_two_pvalues(y1, n1, y0, n0)
        row = {"scenario": label, "acupuncture": fmt.count(y1, n1), "medication alone": fmt.count(y0, n0),
               "RD": rd, "RD low": lo, "RD high": hi}
        row.update({TESTS[k]: v for k, v in ps.items()})
        row["tests with P < 0.05"] = f"{sum(v < alpha for v in ps.values())} of {len(ps)}"
        row.update({"P(benefit)": post["p_above"][0.0], "P(important)": post["p_above"][threshold]})
        rows.append(row)
    return pd.DataFrame(rows)


def significance_words(ps: dict[str, float], alpha: float = 0.05) -> str:
    """How the tests read together: 'significant on every test', 'on none', or which ones."""
    below = [TESTS[k] for k, v in ps.items() if v < alpha]
    above = [TESTS[k] for k, v in ps.items() if v >= alpha]
    if not above:
        return f"significant at {alpha:g} on all {len(ps)} tests (largest {fmt.pval(max(ps.values()))})"
    if not below:
        return f"not significant at {alpha:g} on any of the {len(ps)} tests"
    return (f"significant at {alpha:g} on {len(below)} of {len(ps)} tests ({', '.join(below)}) but not on "
            f"{', '.join(above)}: a borderline result that depends on the test")


# --- priors of the Bayesian reanalysis -------------------------------------------------------------
# Sources and principles (values in data/facts.csv and data/assumptions.csv):
# - flat: uniform response rates in both arms;
# - the conventional grid (after Zampieri et al. 2021 and Goligher et al. 2018): neutral priors
#   centred on no effect, optimistic ones on the smallest worthwhile difference (Sahker et al. 2024)
#   expressed as an odds ratio at the SSRI-alone response derived from Zhao et al. (2019), and
#   pessimistic ones on the same harm; each weak, moderate or strong (prior.strength_*);
# - evidence-based: Zhao et al. (2019)'s manual acupuncture + SSRIs vs SSRIs alone, as a log odds
#   ratio at the derived SSRI-alone response, its variance inflated for indirectness.

STRENGTHS = ("weak", "moderate", "strong")
STANCES = ("neutral", "optimistic", "pessimistic")


@dataclass(frozen=True)
class Derived:
    """The SSRI-alone response of Zhao et al. (2019) that its own figures imply."""

    value: float  # the mean of the two arms' estimates from the intervals as printed
    low: float  # the smallest and largest estimate when each printed limit moves by half
    high: float  # its last digit (the interval's rounding)
    by_arm: dict  # arm -> estimate from its interval as printed
    from_p: dict  # arm -> estimate from its P value (a check)


def ssri_response(data: Dataset) -> Derived:
    """The response with SSRIs alone in Zhao et al. (2019), derived from each acupuncture arm's
    risk ratio, 95% interval and the arm sizes (the interval's width fixes the standard error of
    the log risk ratio, which depends on the control risk); the interval's rounding gives the range
    and the P values a check."""
    n0 = int(data.value("zhao2019.ssri.randomized"))
    by_arm, from_p, spread = {}, {}, []
    for arm in ("ma", "ea"):
        rr, lo, hi = (float(data.value(f"zhao2019.{arm}.{k}")) for k in ("rr", "rr_low", "rr_high"))
        n1 = int(data.value(f"zhao2019.{arm}.randomized"))
        by_arm[arm] = control_risk_from_ratio_interval(rr, lo, hi, n1, n0)
        for dl, dh in ((-0.005, 0.005), (0.005, -0.005)):
            spread.append(control_risk_from_ratio_interval(rr, lo + dl, hi + dh, n1, n0))
        z = stats.norm.isf(float(data.value(f"zhao2019.{arm}.p")) / 2)
        se = math.log(rr) / z
        from_p[arm] = control_risk_from_ratio_interval(rr, rr * math.exp(-1.959964 * se), rr * math.exp(1.959964 * se), n1, n0)
    return Derived(float(np.mean(list(by_arm.values()))), min(spread), max(spread), by_arm, from_p)


def important_difference(data: Dataset) -> tuple[float, float, float]:
    """The threshold of a clinically important benefit as a risk difference, with its quartiles:
    the smallest worthwhile difference in response rates of Sahker et al. (2024)."""
    return tuple(float(data.value(f"sahker2024.swd_{k}")) / 100 for k in ("median", "q1", "q3"))


def thresholds(data: Dataset) -> dict[float, str]:
    """The thresholds of benefit the chapter reports (risk differences), each with its source."""
    mid, q1, q3 = important_difference(data)
    return {0.0: "any benefit",
            q1: "lower quartile of the smallest worthwhile difference (Sahker et al. 2024)",
            mid: "median smallest worthwhile difference (Sahker et al. 2024)",
            q3: "upper quartile of the smallest worthwhile difference (Sahker et al. 2024)"}


def evidence_based(data: Dataset, arm: str = "ma", control_risk: float | None = None,
                   inflation: float | None = None) -> Prior:
    """Normal prior on the log OR from Zhao et al. (2019)'s risk ratio for ``arm``, at the derived
    SSRI-alone response (or ``control_risk``), its variance multiplied by ``inflation`` (default
    the assumption ``prior.evidence_inflation``; 1 is no discount)."""
    p0 = ssri_response(data).value if control_risk is None else control_risk
    k = data.assumption("prior.evidence_inflation").value if inflation is None else inflation
    rr = float(data.value(f"zhao2019.{arm}.rr"))
    n1, n0 = int(data.value(f"zhao2019.{arm}.randomized")), int(data.value("zhao2019.ssri.randomized"))
    loc, se = log_odds_ratio_from_risks(rr * p0, p0, n1, n0)
    what = {"ma": "manual acupuncture", "ea": "electroacupuncture"}[arm]
    return Prior("evidence" if inflation is None and arm == "ma" and control_risk is None else f"evidence_{arm}_{k:g}",
                 "evidence-based", "normal", loc, se * math.sqrt(k), data.assumption("prior.baseline_sd").value,
                 f"Zhao et al. (2019), {what} + SSRIs vs SSRIs alone: RR {rr:g} at an SSRI-alone response of "
                 f"{p0:.2f}, variance x {k:g} for indirectness")


def optimistic_centre(data: Dataset) -> float:
    """Log odds ratio of the median smallest worthwhile difference at the derived SSRI-alone response."""
    p0 = ssri_response(data).value
    p1 = p0 + important_difference(data)[0]
    return math.log(p1 / (1 - p1)) - math.log(p0 / (1 - p0))


def conventional(data: Dataset, stance: str, strength: str) -> Prior:
    """A prior of the conventional grid: ``stance`` neutral, optimistic or pessimistic; ``strength``
    the probability (``prior.strength_<strength>``) an optimistic prior gives to no benefit, a
    pessimistic one to benefit, and a neutral one to an effect beyond the optimistic centre."""
    c = optimistic_centre(data)
    tail = data.assumption(f"prior.strength_{strength}").value
    sd = c / stats.norm.isf(tail)
    loc = {"neutral": 0.0, "optimistic": c, "pessimistic": -c}[stance]
    what = {"neutral": f"no effect, P(OR > {math.exp(c):.1f}) = {tail:g}",
            "optimistic": f"OR {math.exp(c):.1f}, P(no benefit) = {tail:g}",
            "pessimistic": f"OR {math.exp(-c):.2f}, P(benefit) = {tail:g}"}[stance]
    return Prior(f"{stance}_{strength}", f"{stance}, {strength}", "normal", loc, sd,
                 data.assumption("prior.baseline_sd").value, f"centred on {what}")


def priors(data: Dataset) -> dict[str, Prior]:
    """Every prior of the chapter, in the order its tables show them: flat, the nine of the
    conventional grid, and the evidence-based prior."""
    out = {"flat": Prior("flat", "flat", "uniform", basis="uniform response rates in both arms")}
    for stance in STANCES:
        for strength in STRENGTHS:
            p = conventional(data, stance, strength)
            out[p.key] = p
    out["evidence"] = evidence_based(data)
    return out


def trial_log_or(data: Dataset, basis: str = "analysed") -> tuple[float, float]:
    """The trial's log odds ratio and its standard error (Woolf), on the analysed patients."""
    obs, ctrl = arms(data)
    a, b, c, d = obs.responders, obs.analysed - obs.responders, ctrl.responders, ctrl.analysed - ctrl.responders
    return math.log(a * d / (b * c)), math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)


def conflict(data: Dataset, prior: Prior) -> tuple[float, float]:
    """Box's prior-data conflict of a normal prior with the trial's log odds ratio: z and its P."""
    return prior_data_conflict(prior.loc, prior.scale, *trial_log_or(data))


# --- posteriors on the grid: the numbers every page and verdict quotes -------------------------------

GRID_SIZE = 161  # grid points per axis for the all-randomized posterior (with 5 x 5 quadrature nodes)
NODES = 5


def posterior_analysed(data: Dataset, prior: Prior) -> Draws:
    """Posterior of the response rates among the patients analysed (per protocol)."""
    obs, ctrl = arms(data)
    return grid(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed, prior)


def posterior_randomized(data: Dataset, prior: Prior, imor_sd: float | None = None, imor_mean=(0.0, 0.0)) -> Draws:
    """Posterior of the response rates among all randomized patients (the primary estimand): the
    completers' grid posterior under ``prior``, the dropouts' responses unknown (IMOR model)."""
    obs, ctrl = arms(data)
    sd = data.assumption("attrition.imor_sd").value if imor_sd is None else imor_sd
    g = grid(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed, prior, size=GRID_SIZE)
    return with_dropouts(g, obs.analysed, obs.dropouts, ctrl.analysed, ctrl.dropouts, sd, imor_mean, nodes=NODES)


def randomized_summary(data: Dataset, prior: Prior, thresholds_=None, imor_sd: float | None = None,
                       imor_mean=(0.0, 0.0), quantiles: bool = True) -> dict:
    """:meth:`Draws.rd_summary` of :func:`posterior_randomized` at ``thresholds_`` (default every
    threshold of :func:`thresholds`), remembered for the same counts, prior and thresholds (the
    checks and the chapter ask for the same posteriors several times). ``quantiles=False`` skips
    the risk difference's median and interval (the sort they need is most of the time)."""
    obs, ctrl = arms(data)
    thresholds_ = tuple(thresholds(data)) if thresholds_ is None else thresholds_
    sd = data.assumption("attrition.imor_sd").value if imor_sd is None else imor_sd
    return _randomized_summary(obs.responders, obs.analysed, obs.dropouts, ctrl.responders, ctrl.analysed,
                               ctrl.dropouts, prior, float(sd), tuple(imor_mean), tuple(float(t) for t in thresholds_),
                               quantiles)


@functools.lru_cache(maxsize=256)
def _randomized_summary(y1, n1, d1, y0, n0, d0, prior, sd, mean, ts, quantiles):
    draws = with_dropouts(grid(y1, n1, y0, n0, prior, size=GRID_SIZE), n1, d1, n0, d0, sd, mean, nodes=NODES)
    if quantiles:
        return draws.rd_summary(list(ts))
    return {"p_above": {t: float(v) for t, v in zip(ts, draws.benefit_curve(list(ts)))}}


def results(data: Dataset, which=None, basis: str = "randomized"):
    """One row a prior: RD (median, 95% CrI) and P(RD > t) for every threshold of :func:`thresholds`,
    on all randomized patients with the dropouts modelled (``basis='randomized'``) or on the
    patients analysed (``'analysed'``). Columns ``p>t`` hold the probabilities."""
    import pandas as pd

    pr = priors(data)
    ts = list(thresholds(data))
    rows = []
    for key in (which or pr):
        s = (randomized_summary(data, pr[key]) if basis == "randomized"
             else posterior_analysed(data, pr[key]).rd_summary(ts))
        row = {"key": key, "prior": pr[key].label, "rd": s["rd"], "rd_low": s["rd_low"], "rd_high": s["rd_high"]}
        row.update({f"p>{t:g}": s["p_above"][t] for t in ts})
        rows.append(row)
    return pd.DataFrame(rows).set_index("key")


# --- PyMC models (the chapters and tests only; the checks use the grid) --------------------------------

def two_arm_model(y_obs: int, n_obs: int, y_ctrl: int, n_ctrl: int, prior: Prior):
    """Two binomial arms; ``prior`` on the response rates (flat) or on the log odds ratio. A normal
    prior's centre and scale are ``pm.Data`` (``prior_loc``, ``prior_scale``), so that one compiled
    model is sampled under every normal prior (:func:`set_prior`)."""
    import pymc as pm

    with pm.Model() as model:
        if prior.conjugate:
            p_ctrl = pm.Beta("p_ctrl", 1, 1)
            p_obs = pm.Beta("p_obs", 1, 1)
            pm.Deterministic("log_or", pm.math.logit(p_obs) - pm.math.logit(p_ctrl))
        else:
            mean = pm.Normal("mean_log_odds", 0, prior.baseline_sd)
            dist = {"normal": pm.Normal, "cauchy": pm.Cauchy}[prior.family]
            loc, scale = pm.Data("prior_loc", prior.loc), pm.Data("prior_scale", prior.scale)
            log_or = dist("log_or", loc, scale)
            p_ctrl = pm.Deterministic("p_ctrl", pm.math.invlogit(mean - log_or / 2))
            p_obs = pm.Deterministic("p_obs", pm.math.invlogit(mean + log_or / 2))
        pm.Deterministic("rd", p_obs - p_ctrl)
        pm.Binomial("y_ctrl", n=n_ctrl, p=p_ctrl, observed=y_ctrl)
        pm.Binomial("y_obs", n=n_obs, p=p_obs, observed=y_obs)
    return model


def set_prior(model, prior: Prior) -> None:
    """Point a model built by :func:`two_arm_model` or :func:`attrition_model` at another normal prior."""
    import pymc as pm

    with model:
        pm.set_data({"prior_loc": prior.loc, "prior_scale": prior.scale})


def attrition_model(y_obs: int, n_obs: int, d_obs: int, y_ctrl: int, n_ctrl: int, d_ctrl: int, imor_sd: float,
                    prior: Prior | None = None):
    """Response among all randomized patients, the dropouts' responses unknown.

    The completers' response rates have uniform priors (``prior`` None or flat) or the two-arm
    parametrisation with a normal prior on their log odds ratio (``pm.Data``, as in
    :func:`two_arm_model`). A dropout's odds of response differ from the completers' in the same
    arm by an informative-missingness odds ratio (IMOR) whose log has a Normal(0, ``imor_sd``)
    prior (White et al. 2008). The rate among all randomized is the mixture of the two, weighted by
    the observed share of dropouts.
    """
    import pymc as pm

    with pm.Model() as model:
        if prior is None or prior.conjugate:
            completers = {"obs": pm.Beta("completers_obs", 1, 1), "ctrl": pm.Beta("completers_ctrl", 1, 1)}
        else:
            mean = pm.Normal("mean_log_odds", 0, prior.baseline_sd)
            loc, scale = pm.Data("prior_loc", prior.loc), pm.Data("prior_scale", prior.scale)
            log_or = pm.Normal("log_or", loc, scale)
            completers = {"obs": pm.Deterministic("completers_obs", pm.math.invlogit(mean + log_or / 2)),
                          "ctrl": pm.Deterministic("completers_ctrl", pm.math.invlogit(mean - log_or / 2))}
        rates = {}
        for arm, y, n, d in (("obs", y_obs, n_obs, d_obs), ("ctrl", y_ctrl, n_ctrl, d_ctrl)):
            p = completers[arm]
            log_imor = pm.Normal(f"log_imor_{arm}", 0, imor_sd)
            q = pm.math.invlogit(pm.math.logit(p) + log_imor)
            rates[arm] = pm.Deterministic(f"p_{arm}", (n * p + d * q) / (n + d))
            pm.Binomial(f"y_{arm}", n=n, p=p, observed=y)
        pm.Deterministic("rd", rates["obs"] - rates["ctrl"])
    return model


PARAMETER_NAMES = {"mean_log_odds": "μ", "log_or": "θ", "log_imor_obs": "λ (acupuncture)",
                   "log_imor_ctrl": "λ (medication)", "completers_obs": "completers' rate (acupuncture)",
                   "completers_ctrl": "completers' rate (medication)"}


def free_parameters(model) -> tuple[str, ...]:
    """The names of a model's free parameters (the gate checks each), plus the derived rates."""
    return tuple(v.name for v in model.free_RVs) + ("p_obs", "p_ctrl", "rd")


def attrition_reference(y_obs, n_obs, d_obs, y_ctrl, n_ctrl, d_ctrl, imor_sd: float, imor_mean=(0.0, 0.0),
                        size: int = 400_000, seed: int = 0) -> Draws:
    """Independent draws from the exact posterior of :func:`attrition_model` under the flat prior
    (no MCMC needed: the completers' rates are beta, the IMORs keep their prior). ``imor_mean``
    shifts each arm's log IMOR."""
    from scipy import special, stats

    rng = np.random.default_rng(seed)
    out = {}
    for arm, y, n, d, m in (("obs", y_obs, n_obs, d_obs, imor_mean[0]), ("ctrl", y_ctrl, n_ctrl, d_ctrl, imor_mean[1])):
        p = stats.beta(1 + y, 1 + n - y).rvs(size, random_state=rng)
        q = special.expit(special.logit(p) + rng.normal(m, imor_sd, size))
        out[arm] = (n * p + d * q) / (n + d)
    return from_samples(out["obs"], out["ctrl"])
