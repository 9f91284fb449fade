"""The trial's PyMC models (the chapters and the tests only; the checks use the grid posteriors of
:mod:`.posteriors`): two binomial arms, and the same with the dropouts' responses unknown; and the
check of the sampler against the grid (:func:`sampler_check`)."""

from __future__ import annotations

from dataclasses import dataclass

from ...data import Dataset
from ...lazy import lazy
from ...methods import sampling
from ...methods.priors import Prior
from .bayes_priors import priors
from .counts import arms
from .posteriors import posterior_randomized

pm = lazy("pymc")
pd = lazy("pandas")


def two_arm_model(y_obs: int, n_obs: int, y_ctrl: int, n_ctrl: int, prior: Prior):
    """Two binomial arms; ``prior`` on the response rates (flat) or on the log odds ratio. A normal
    prior's centre and scale are ``pm.Data`` (``prior_loc``, ``prior_scale``), so that one compiled
    model is sampled under every normal prior (:func:`set_prior`)."""
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
    with model:
        pm.set_data({"prior_loc": prior.loc, "prior_scale": prior.scale})


def attrition_model(
    y_obs: int,
    n_obs: int,
    d_obs: int,
    y_ctrl: int,
    n_ctrl: int,
    d_ctrl: int,
    imor_sd: float,
    prior: Prior | None = None,
):
    """Response among all randomized patients, the dropouts' responses unknown.

    The completers' response rates have uniform priors (``prior`` None or flat) or the two-arm
    parametrisation with a normal prior on their log odds ratio (``pm.Data``, as in
    :func:`two_arm_model`). A dropout's odds of response differ from the completers' in the same
    arm by an informative-missingness odds ratio (IMOR) whose log has a Normal(0, ``imor_sd``)
    prior (White et al. 2008). The rate among all randomized is the mixture of the two, weighted by
    the observed share of dropouts.
    """
    with pm.Model() as model:
        if prior is None or prior.conjugate:
            completers = {"obs": pm.Beta("completers_obs", 1, 1), "ctrl": pm.Beta("completers_ctrl", 1, 1)}
        else:
            mean = pm.Normal("mean_log_odds", 0, prior.baseline_sd)
            loc, scale = pm.Data("prior_loc", prior.loc), pm.Data("prior_scale", prior.scale)
            log_or = pm.Normal("log_or", loc, scale)
            completers = {
                "obs": pm.Deterministic("completers_obs", pm.math.invlogit(mean + log_or / 2)),
                "ctrl": pm.Deterministic("completers_ctrl", pm.math.invlogit(mean - log_or / 2)),
            }
        rates = {}
        for arm, y, n, d in (("obs", y_obs, n_obs, d_obs), ("ctrl", y_ctrl, n_ctrl, d_ctrl)):
            p = completers[arm]
            log_imor = pm.Normal(f"log_imor_{arm}", 0, imor_sd)
            q = pm.math.invlogit(pm.math.logit(p) + log_imor)
            rates[arm] = pm.Deterministic(f"p_{arm}", (n * p + d * q) / (n + d))
            pm.Binomial(f"y_{arm}", n=n, p=p, observed=y)
        pm.Deterministic("rd", rates["obs"] - rates["ctrl"])
    return model


PARAMETER_NAMES = {
    "mean_log_odds": "μ",
    "log_or": "θ",
    "log_imor_obs": "λ (acupuncture)",
    "log_imor_ctrl": "λ (medication)",
    "completers_obs": "completers' rate (acupuncture)",
    "completers_ctrl": "completers' rate (medication)",
}


def free_parameters(model) -> tuple[str, ...]:
    """The names of a model's free parameters (the gate checks each), plus the derived rates."""
    return tuple(v.name for v in model.free_RVs) + ("p_obs", "p_ctrl", "rd")


#: the priors the sampler is checked under, in the order of their seeds
CHECKED_PRIORS = ("evidence", "pessimistic_strong")


@dataclass(frozen=True)
class SamplerCheck:
    """The sampler's check against the grid: the fits by prior key, the sampled means and quantiles
    against the grid's (:func:`~acureview.methods.sampling.agreement`, one table for all fits), the
    gate's table of each fit and the free parameters' names in words."""

    fits: dict
    agreement: object  # a DataFrame
    gates: object  # a DataFrame
    parameters: tuple[str, ...]

    @property
    def worst_gap(self) -> float:
        """The largest gap, in Monte Carlo standard errors, between a sampled number and the grid's."""
        return float((self.agreement["difference"].abs() / self.agreement["mcse"]).max())

    @property
    def min_ess(self) -> float:
        """The smallest bulk or tail effective sample size over the fits."""
        return float(self.gates[["min bulk ESS", "min tail ESS"]].min().min())


def sampler_check(data: Dataset, seed: int, keys=CHECKED_PRIORS) -> SamplerCheck:
    """The model of all randomized patients (:func:`attrition_model`), compiled once and sampled
    under each prior of ``keys`` (seed ``seed`` plus the prior's position), each fit gated and
    compared with the grid posterior (:func:`~.posteriors.posterior_randomized`)."""
    obs, ctrl = arms(data)
    pr = priors(data)
    counts = (obs.responders, obs.analysed, obs.dropouts, ctrl.responders, ctrl.analysed, ctrl.dropouts)
    model = attrition_model(*counts, data.assumption("attrition.imor_sd").value, pr[keys[0]])
    fits, agreement = {}, []
    for i, key in enumerate(keys):
        set_prior(model, pr[key])
        fits[key] = sampling.sample(model, pr[key].label, seed=seed + i, var_names=free_parameters(model))
        agreement.append(sampling.agreement(fits[key], posterior_randomized(data, pr[key])))
    agreement = pd.concat(agreement, ignore_index=True)
    gates = sampling.gate_table(fits.values(), agreement)
    return SamplerCheck(fits, agreement, gates, tuple(PARAMETER_NAMES[v.name] for v in model.free_RVs))
