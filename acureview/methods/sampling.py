"""Sampling with PyMC under one set of settings, the quality gate, and the check of every fit
against an exact or grid reference.

Only the chapters and the tests import this module (the checks stay free of MCMC). Every fit uses
the same settings (:data:`SAMPLING`) and a fixed seed, and must pass :func:`gate` before any of its
numbers is used.
"""

from __future__ import annotations

import logging
import time
import warnings
import weakref
from dataclasses import dataclass

from ..lazy import lazy
from .posterior import Draws, from_samples

az = lazy("arviz")
pd = lazy("pandas")
pm = lazy("pymc")

SAMPLING = {
    "draws": 2000,
    "tune": 1000,
    "chains": 4,
    "cores": 1,
    "progressbar": False,
    "compute_convergence_checks": False,
}
GATE = {"r_hat": 1.01, "ess_bulk": 1000, "ess_tail": 1000, "divergences": 0}
MC_TOLERANCE = 4.0  # agreement with a reference: within this many Monte Carlo standard errors


# The pip wheels of PyTensor warn that no BLAS is linked; these scalar models use none. PyMC's
# progress messages go to the log: the chapter reports each fit's timing and diagnostics itself.
warnings.filterwarnings("ignore", message="PyTensor could not link to a BLAS")
# ArviZ 0.23 announces its coming refactor once a day, on the day's first import (it keeps a stamp
# in the user's cache folder), as a FutureWarning that names its own file: the first chapter to
# sample on a given day printed a machine path, and two builds on different days differed. The
# book pins ArviZ, so the announcement says nothing about this build; everything else still shows.
warnings.filterwarnings("ignore", message=r"\s*ArviZ is undergoing a major refactor", category=FutureWarning)


class SamplingError(RuntimeError):
    """A fit failed the quality gate or disagreed with its reference answer."""


@dataclass
class Fit:
    name: str
    idata: object  # arviz.InferenceData
    seconds: float  # wall time of pm.sample (the model's compilation not included)
    diagnostics: pd.DataFrame
    compile_seconds: float = 0.0  # compiling the model's sampler; 0 when an earlier fit compiled it

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


_STEPS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # model -> its compiled NUTS step


def sample(model, name: str, seed: int, var_names=("p_obs", "p_ctrl", "rd")) -> Fit:
    """Sample with the book's settings and gate the result. A model's sampler is compiled once:
    sampling the same model again (for example under another prior, set through ``pm.Data``)
    reuses it."""
    logging.getLogger("pymc").setLevel(logging.WARNING)
    compile_seconds = 0.0
    if model not in _STEPS:
        start = time.perf_counter()
        with model:
            _STEPS[model] = pm.NUTS()
        compile_seconds = time.perf_counter() - start
    start = time.perf_counter()
    with model:
        idata = pm.sample(step=_STEPS[model], random_seed=seed, **SAMPLING)
    seconds = time.perf_counter() - start
    diagnostics = az.summary(idata, var_names=list(var_names), kind="diagnostics")
    fit = Fit(name, idata, seconds, diagnostics, compile_seconds)
    gate(fit)
    return fit


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


def agreement(
    fit: Fit, reference, measures=("p_obs", "p_ctrl", "rd"), probs=(0.025, 0.5, 0.975), reference_error: float = 0.003
) -> pd.DataFrame:
    """Sampled against reference (a :class:`Draws` or :class:`Sample`): mean and quantiles of each
    measure, with Monte Carlo standard errors.

    Raises :class:`SamplingError` if any difference exceeds ``MC_TOLERANCE`` MCSEs plus the
    reference's own numerical error (``reference_error``, from the grid or its draws).
    """
    post = fit.idata.posterior
    rows = []
    for m in measures:
        stats_ = [
            ("mean", float(post[m].mean()), float(az.mcse(post[m], method="mean").to_array().item()), reference.mean(m))
        ]
        for q in probs:
            stats_.append(
                (
                    f"q{q:g}",
                    float(post[m].quantile(q)),
                    float(az.mcse(post[m], method="quantile", prob=q).to_array().item()),
                    float(reference.quantile(m, q)),
                )
            )
        for stat, sampled, mcse, ref in stats_:
            rows.append(
                {
                    "fit": fit.name,
                    "quantity": m,
                    "statistic": stat,
                    "sampled": sampled,
                    "reference": ref,
                    "difference": sampled - ref,
                    "mcse": mcse,
                    "ok": abs(sampled - ref) <= MC_TOLERANCE * mcse + reference_error,
                }
            )
    table = pd.DataFrame(rows)
    bad = table[~table["ok"]]
    if len(bad):
        r = bad.iloc[0]
        raise SamplingError(
            f"fit '{fit.name}': {r['quantity']} {r['statistic']} sampled {r['sampled']:.4f}, "
            f"reference {r['reference']:.4f} (MCSE {r['mcse']:.4f})"
        )
    return table


def gate_table(fits, agreement: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row a fit: the worst r_hat, bulk and tail ESS and divergences over its free parameters
    and, given the :func:`agreement` tables, the largest distance from the reference in MCSEs.
    No timings: two builds must print the same page."""
    rows = []
    for fit in fits:
        d = fit.diagnostics
        row = {
            "fit": fit.name,
            "max r_hat": float(d["r_hat"].max()),
            "min bulk ESS": float(d["ess_bulk"].min()),
            "min tail ESS": float(d["ess_tail"].min()),
            "divergences": int(fit.idata.sample_stats["diverging"].sum()),
        }
        if agreement is not None:
            mine = agreement[agreement["fit"] == fit.name]
            row["max |sampled - reference| / MCSE"] = float((mine["difference"].abs() / mine["mcse"]).max())
        rows.append(row)
    return pd.DataFrame(rows)
