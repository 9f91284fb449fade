"""PyMC models of the RCT [1], the sampling gate, and the check of every fit against a reference.

Only the chapters and the tests import this module (the checks stay free of MCMC). Every fit uses
the same settings (:data:`SAMPLING`) and a fixed seed, and must pass :func:`gate` before any of its
numbers is used.
"""
from __future__ import annotations

import logging
import time
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .posterior import Draws, from_samples
from .priors import Prior

SAMPLING = dict(draws=2000, tune=1000, chains=4, cores=1, progressbar=False, compute_convergence_checks=False)
GATE = dict(r_hat=1.01, ess_bulk=1000, ess_tail=1000, divergences=0)
MC_TOLERANCE = 4.0  # agreement with a reference: within this many Monte Carlo standard errors


# The pip wheels of PyTensor warn that no BLAS is linked; these scalar models use none. PyMC's
# progress messages go to the log: the chapter reports each fit's timing and diagnostics itself.
warnings.filterwarnings("ignore", message="PyTensor could not link to a BLAS")
# ArviZ 0.23 announces its coming refactor once a day, on the day's first import (it keeps a stamp
# in the user's cache folder), as a FutureWarning that names its own file: the first chapter to
# sample on a given day printed a machine path, and two builds on different days differed. The
# book pins ArviZ, so the announcement says nothing about this build; everything else still shows.
warnings.filterwarnings("ignore", message=r"\s*ArviZ is undergoing a major refactor", category=FutureWarning)


#: every fit of this process, in order: name, seconds, smallest ESS, ESS per second (for the benchmark)
TIMINGS: list[dict] = []


class SamplingError(RuntimeError):
    """A fit failed the quality gate or disagreed with its reference answer."""


@dataclass
class Fit:
    name: str
    idata: object  # arviz.InferenceData
    seconds: float  # wall time of pm.sample (compilation included)
    diagnostics: pd.DataFrame

    @property
    def draws(self) -> Draws:
        post = self.idata.posterior
        return from_samples(post["p_obs"].values, post["p_ctrl"].values)

    @property
    def min_ess(self) -> float:
        return float(self.diagnostics[["ess_bulk", "ess_tail"]].min().min())

    @property
    def ess_per_second(self) -> float:
        return self.min_ess / self.seconds


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


def denominator_model(triples, prior_n: dict[int, float]):
    """Cured, near-normal and other proportions (uniform Dirichlet prior) when the number analysed
    and the counts are unknown: the likelihood sums over every (n, cured, near-normal) count that
    rounds to the three reported percentages, each n weighted by its prior."""
    import pymc as pm
    from scipy.special import gammaln

    n, c, k = (np.asarray(x, dtype=float) for x in np.asarray(triples).T)
    r = n - c - k
    log_const = (gammaln(n + 1) - gammaln(c + 1) - gammaln(k + 1) - gammaln(r + 1)
                 + np.log([prior_n[int(m)] for m in n]))
    with pm.Model() as model:
        pi = pm.Dirichlet("pi", a=np.ones(3))
        terms = log_const + c * pm.math.log(pi[0]) + k * pm.math.log(pi[1]) + r * pm.math.log(pi[2])
        pm.Potential("rounded_percentages", pm.math.logsumexp(terms))
        pm.Deterministic("cure", pi[0])
        pm.Deterministic("near", pi[1])
        pm.Deterministic("strong", pi[0] + pi[1])
    return model


def decomposition_model(components, change: float, se: float):
    """The observed mean change as the sum of its parts, each with a normal prior."""
    import pymc as pm

    with pm.Model() as model:
        parts = [pm.Normal(c.key, c.mean, c.sd) for c in components]
        pm.Normal("observed_change", mu=sum(parts), sigma=se, observed=change)
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


def sample(model, name: str, seed: int, var_names=("p_obs", "p_ctrl", "rd")) -> Fit:
    """Sample with the book's settings and gate the result."""
    import arviz as az
    import pymc as pm

    logging.getLogger("pymc").setLevel(logging.WARNING)
    start = time.perf_counter()
    with model:
        idata = pm.sample(random_seed=seed, **SAMPLING)
    seconds = time.perf_counter() - start
    diagnostics = az.summary(idata, var_names=list(var_names), kind="diagnostics")
    fit = Fit(name, idata, seconds, diagnostics)
    gate(fit)
    TIMINGS.append({"model": name, "seconds": round(seconds, 2), "min_ess": round(fit.min_ess),
                    "ess_per_second": round(fit.ess_per_second)})
    return fit


def write_timings(chapter: str) -> None:
    """Record this chapter's fits in ``_build/timings/<chapter>.json`` (read by ``make bench``)."""
    import json

    from .paths import BUILD

    out = BUILD / "timings"
    out.mkdir(parents=True, exist_ok=True)
    path = out / (chapter.replace("/", "__") + ".json")
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(TIMINGS, indent=1), encoding="utf-8")
    tmp.replace(path)


def gate(fit: Fit) -> None:
    """Fail unless r_hat <= 1.01, bulk and tail ESS >= 1000 and no divergent transitions."""
    d = fit.diagnostics
    problems = []
    for var, row in d.iterrows():
        if not row["r_hat"] <= GATE["r_hat"]:
            problems.append(f"{var}: r_hat {row['r_hat']:.3f} > {GATE['r_hat']}")
        for col in ("ess_bulk", "ess_tail"):
            if not row[col] >= GATE[col]:
                problems.append(f"{var}: {col} {row[col]:.0f} < {GATE[col]}")
    divergent = int(fit.idata.sample_stats["diverging"].sum())
    if divergent > GATE["divergences"]:
        problems.append(f"{divergent} divergent transitions")
    if problems:
        raise SamplingError(f"fit '{fit.name}' fails the sampling gate: " + "; ".join(problems))


def agreement(fit: Fit, reference, measures=("p_obs", "p_ctrl", "rd"), probs=(0.025, 0.5, 0.975),
              reference_error: float = 0.003) -> pd.DataFrame:
    """Sampled against reference (a :class:`Draws` or :class:`Sample`): mean and quantiles of each
    measure, with Monte Carlo standard errors.

    Raises :class:`SamplingError` if any difference exceeds ``MC_TOLERANCE`` MCSEs plus the
    reference's own numerical error (``reference_error``, from the grid or its draws).
    """
    import arviz as az

    post = fit.idata.posterior
    rows = []
    for m in measures:
        stats_ = [("mean", float(post[m].mean()), float(az.mcse(post[m], method="mean").to_array().item()),
                   reference.mean(m))]
        for q in probs:
            stats_.append((f"q{q:g}", float(post[m].quantile(q)),
                           float(az.mcse(post[m], method="quantile", prob=q).to_array().item()),
                           float(reference.quantile(m, q))))
        for stat, sampled, mcse, ref in stats_:
            rows.append({"fit": fit.name, "quantity": m, "statistic": stat, "sampled": sampled,
                         "reference": ref, "difference": sampled - ref, "mcse": mcse,
                         "ok": abs(sampled - ref) <= MC_TOLERANCE * mcse + reference_error})
    table = pd.DataFrame(rows)
    bad = table[~table["ok"]]
    if len(bad):
        r = bad.iloc[0]
        raise SamplingError(f"fit '{fit.name}': {r['quantity']} {r['statistic']} sampled {r['sampled']:.4f}, "
                            f"reference {r['reference']:.4f} (MCSE {r['mcse']:.4f})")
    return table

