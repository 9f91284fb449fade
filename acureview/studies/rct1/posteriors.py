"""The trial's posteriors without MCMC: on the grid, among the patients analysed and among all
randomized (the dropouts' responses modelled), the numbers every page and verdict quotes."""

from __future__ import annotations

import functools

from ...data import Dataset
from ...lazy import lazy
from ...methods.posterior import Draws, flat_above, grid, with_dropouts
from ...methods.priors import Prior
from .bayes_priors import priors, thresholds
from .counts import arms

pd = lazy("pandas")


GRID_SIZE = 161  # grid points per axis for the all-randomized posterior (with 5 x 5 quadrature nodes)

NODES = 5


def posterior_analysed(data: Dataset, prior: Prior) -> Draws:
    """Posterior of the response rates among the patients analysed (per protocol)."""
    obs, ctrl = arms(data)
    return grid(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed, prior)


def analysed_counts(data: Dataset) -> tuple[int, int, int, int]:
    """Responders and patients analysed in the acupuncture arm, then in the control arm."""
    obs, ctrl = arms(data)
    return obs.responders, obs.analysed, ctrl.responders, ctrl.analysed


def posterior_randomized(data: Dataset, prior: Prior, imor_sd: float | None = None, imor_mean=(0.0, 0.0)) -> Draws:
    """Posterior of the response rates among all randomized patients (the primary estimand): the
    completers' grid posterior under ``prior``, the dropouts' responses unknown (IMOR model)."""
    obs, ctrl = arms(data)
    sd = data.assumption("attrition.imor_sd").value if imor_sd is None else imor_sd
    g = grid(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed, prior, size=GRID_SIZE)
    return with_dropouts(g, obs.analysed, obs.dropouts, ctrl.analysed, ctrl.dropouts, sd, imor_mean, nodes=NODES)


def randomized_summary(
    data: Dataset,
    prior: Prior,
    thresholds_=None,
    imor_sd: float | None = None,
    imor_mean=(0.0, 0.0),
    quantiles: bool = True,
) -> dict:
    """:meth:`Draws.rd_summary` of :func:`posterior_randomized` at ``thresholds_`` (default every
    threshold of :func:`thresholds`), remembered for the same counts, prior and thresholds (the
    checks and the chapter ask for the same posteriors several times). ``quantiles=False`` skips
    the risk difference's median and interval (the sort they need is most of the time)."""
    obs, ctrl = arms(data)
    thresholds_ = tuple(thresholds(data)) if thresholds_ is None else thresholds_
    sd = data.assumption("attrition.imor_sd").value if imor_sd is None else imor_sd
    return _randomized_summary(
        obs.responders,
        obs.analysed,
        obs.dropouts,
        ctrl.responders,
        ctrl.analysed,
        ctrl.dropouts,
        prior,
        float(sd),
        tuple(imor_mean),
        tuple(float(t) for t in thresholds_),
        quantiles,
    )


@functools.lru_cache(maxsize=256)
def _randomized_summary(y1, n1, d1, y0, n0, d0, prior, sd, mean, ts, quantiles):
    draws = with_dropouts(grid(y1, n1, y0, n0, prior, size=GRID_SIZE), n1, d1, n0, d0, sd, mean, nodes=NODES)
    if prior.conjugate:  # the flat prior's probabilities by quadrature, not on the grid
        above = flat_above(y1, n1, y0, n0, ts, dropouts=(d1, d0), imor_sd=sd, imor_mean=mean)
        summary = draws.rd_summary([]) if quantiles else {}
        return {**summary, "p_above": {t: float(v) for t, v in zip(ts, above, strict=True)}}
    if quantiles:
        return draws.rd_summary(list(ts))
    return {"p_above": {t: float(v) for t, v in zip(ts, draws.benefit_curve(list(ts)), strict=False)}}


def analysed_summary(y1: int, n1: int, y0: int, n0: int, prior: Prior, thresholds_) -> dict:
    """:meth:`Draws.rd_summary` of the grid posterior among the patients analysed, the flat prior's
    probabilities P(RD > t) by quadrature (:func:`~acureview.methods.posterior.flat_above`)."""
    summary = grid(y1, n1, y0, n0, prior).rd_summary(list(thresholds_))
    if prior.conjugate:
        above = flat_above(y1, n1, y0, n0, list(thresholds_))
        summary["p_above"] = {float(t): float(v) for t, v in zip(thresholds_, above, strict=True)}
    return summary


def results(data: Dataset, which=None, basis: str = "randomized"):
    """One row a prior: RD (median, 95% CrI) and P(RD > t) for every threshold of :func:`thresholds`,
    on all randomized patients with the dropouts modelled (``basis='randomized'``) or on the
    patients analysed (``'analysed'``). Columns ``p>t`` hold the probabilities."""
    pr = priors(data)
    ts = list(thresholds(data))
    rows = []
    for key in which or pr:
        s = (
            randomized_summary(data, pr[key])
            if basis == "randomized"
            else analysed_summary(*analysed_counts(data), pr[key], ts)
        )
        row = {"key": key, "prior": pr[key].label, "rd": s["rd"], "rd_low": s["rd_low"], "rd_high": s["rd_high"]}
        row.update({f"p>{t:g}": s["p_above"][t] for t in ts})
        rows.append(row)
    return pd.DataFrame(rows).set_index("key")
