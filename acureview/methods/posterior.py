"""Posteriors of a two-arm trial with a binary outcome, without MCMC.

The same :class:`Draws` holds either weighted grid points (the deterministic answer the checks use,
computed in milliseconds) or equally weighted MCMC draws (the chapter's PyMC fits), so that every
summary is computed by one function whichever way the posterior was obtained.

- Flat prior: the posterior is two independent beta distributions (closed form); ``grid`` takes
  each at equally likely quantiles, which the tests check against quadrature of the exact
  posterior to the precision the book prints (0.1 percentage point, 0.1% of probability).
- Effect priors: ``grid`` evaluates prior times binomial likelihood on a grid of the arms' mean
  log-odds and the log odds ratio, centred and scaled on the posterior (its normal approximation,
  :func:`approximate_posterior`), so that it is as fine for a prior of SD 0.1 as for one of 100.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..lazy import lazy
from .distributions import beta_quantiles, beta_sf, expit, logit
from .priors import Prior

stats = lazy("scipy.stats")

MEASURES = {"rd": "risk difference", "rr": "risk ratio", "or": "odds ratio"}


@dataclass(frozen=True)
class Draws:
    """Joint draws of the response rates in the acupuncture (``p_obs``) and control (``p_ctrl``) arms."""

    p_obs: np.ndarray
    p_ctrl: np.ndarray
    weight: np.ndarray  # sums to 1
    # points of the (mean log-odds, log odds ratio) grid only: how much each arm's rate changes
    # across the point's cell along each of the grid's two axes (shape (n, 2)). Probabilities of
    # the risk difference then spread each point's weight evenly over the range its cell covers,
    # which removes the first-order error of treating the cell as a point.
    cell_obs: np.ndarray | None = None
    cell_ctrl: np.ndarray | None = None
    # instead of the cells, half the range of the risk difference across each point's cell (the
    # all-randomized posterior of :func:`with_dropouts`, which needs nothing else of them)
    rd_half: np.ndarray | None = None

    def measure(self, name: str) -> np.ndarray:
        a, c = self.p_obs, self.p_ctrl
        if name == "rd":
            return a - c
        if name == "rr":
            return a / c
        if name == "or":
            return (a / (1 - a)) / (c / (1 - c))
        if name == "log_or":
            return logit(a) - logit(c)
        raise KeyError(f"unknown measure '{name}'")

    def measure_or_rate(self, name: str) -> np.ndarray:
        """An arm's response rate (``p_obs``, ``p_ctrl``) or a measure of the difference."""
        rates = {"p_obs": self.p_obs, "p_ctrl": self.p_ctrl}
        return rates[name] if name in rates else self.measure(name)

    def quantile(self, name: str, q):
        return weighted_quantile(self.measure_or_rate(name), self.weight, q)

    def mean(self, name: str) -> float:
        return float(np.sum(self.weight * self.measure_or_rate(name)))

    def prob(self, name: str, above: float) -> float:
        """Posterior probability that the measure exceeds ``above`` (ties, as on a grid, count half;
        on a grid the risk difference's cells are spread evenly)."""
        if name == "rd":
            return float(self.benefit_curve([above])[0])
        return float(self._above(self.measure(name), [above])[0])

    def summary(self, threshold: float, level: float = 0.95) -> dict[str, float]:
        """Median and central interval of RD, RR and OR; P(any benefit); P(RD > threshold)."""
        out: dict[str, float] = {}
        qs = [(1 - level) / 2, 0.5, (1 + level) / 2]
        for m in MEASURES:
            lo, med, hi = (float(v) for v in self.quantile(m, qs))
            out.update({f"{m}": med, f"{m}_low": lo, f"{m}_high": hi})
        out["p_benefit"], out["p_important"] = (float(v) for v in self.benefit_curve([0.0, threshold]))
        return out

    def rd_summary(self, thresholds, level: float = 0.95) -> dict:
        """The risk difference's median and central interval, and P(RD > t) for each threshold,
        from one sort of the draws (the summary the tables of every prior need)."""
        rd = self.measure("rd")
        order = np.argsort(rd, kind="stable")
        x, w = rd[order], self.weight[order]
        cum = np.cumsum(w)
        lo, med, hi = np.interp([(1 - level) / 2, 0.5, (1 + level) / 2], cum - w / 2, x)
        t = np.asarray(thresholds, dtype=float)
        above = self.benefit_curve(t, order)
        return {
            "rd": float(med),
            "rd_low": float(lo),
            "rd_high": float(hi),
            "p_above": {float(k): float(v) for k, v in zip(t, above, strict=False)},
        }

    def benefit_curve(self, thresholds, order: np.ndarray | None = None) -> np.ndarray:
        """P(RD > t) for each threshold t (``order``: the stable argsort of the risk differences,
        where the caller has it already)."""
        rd = self.measure("rd")
        if self.rd_half is not None:
            half = self.rd_half
        elif self.cell_obs is not None:
            half = rd_half_width(self.cell_obs[:, 0], self.cell_ctrl[:, 0], self.cell_obs[:, 1], self.cell_ctrl[:, 1])
        else:
            return self._above(rd, thresholds, order)
        if not np.all(half > 0):
            return self._above(rd, thresholds, order)
        top, scale = rd + half, 0.5 / half
        inside = np.empty_like(top)  # the share of each point's cell above t, computed in place
        out = []
        for t in np.atleast_1d(np.asarray(thresholds, dtype=float)):
            np.subtract(top, t, out=inside)
            np.multiply(inside, scale, out=inside)
            np.clip(inside, 0.0, 1.0, out=inside)
            out.append(float(self.weight @ inside))
        return np.array(out)

    def _above(self, x: np.ndarray, thresholds, order: np.ndarray | None = None) -> np.ndarray:
        if order is None:  # without the sort: the weight above t, and half the weight at t
            t = np.atleast_1d(np.asarray(thresholds, dtype=float))
            return np.array([self.weight @ (x > v) + 0.5 * (self.weight @ (x == v)) for v in t])
        x, cum = x[order], np.concatenate([[0.0], np.cumsum(self.weight[order])])
        t = np.asarray(thresholds, dtype=float)
        lo, hi = np.searchsorted(x, t, side="left"), np.searchsorted(x, t, side="right")
        return 1.0 - cum[hi] + 0.5 * (cum[hi] - cum[lo])


def flat_above(
    y_obs: int,
    n_obs: int,
    y_ctrl: int,
    n_ctrl: int,
    thresholds,
    dropouts: tuple[int, int] = (0, 0),
    imor_sd: float = 0.0,
    imor_mean=(0.0, 0.0),
    points: int = 128,
    nodes: int = 16,
) -> np.ndarray:
    """P(RD > t) for each threshold t under the flat prior, by quadrature rather than on a grid
    (a grid's equally likely quantiles leave the far tail one step coarse: the figure printed as
    "> 99.9%" may be 99.89%). Each arm's rate has its exact beta posterior (:func:`beta_posteriors`);
    with ``dropouts`` (d_obs, d_ctrl) the rate among all randomized is (n p + d q) / (n + d), the
    dropouts' log odds of response those of the completers plus Normal(``imor_mean``, ``imor_sd``)
    (as in :func:`with_dropouts`). The acupuncture arm's rate is integrated exactly (its beta
    distribution function at the rate that reaches the threshold, found by bisection: the rate
    among all randomized rises with it), the control arm's by Gauss-Legendre quadrature over its
    quantiles with ``points`` nodes, and the two IMORs by Gauss-Hermite quadrature with ``nodes``
    nodes each."""
    for y, n in ((y_obs, n_obs), (y_ctrl, n_ctrl)):
        if not 0 <= y <= n or n <= 0:
            raise ValueError(f"{y} responders out of {n} is not a valid count")
    d_obs, d_ctrl = dropouts
    u, wu = np.polynomial.legendre.leggauss(points)
    u, wu = (u + 1) / 2, wu / 2
    p_ctrl = beta_quantiles(1 + y_ctrl, 1 + n_ctrl - y_ctrl, u)
    if imor_sd > 0 and (d_obs or d_ctrl):
        z, wz = np.polynomial.hermite_e.hermegauss(nodes)
        wz = wz / wz.sum()
    else:
        z, wz = np.zeros(1), np.ones(1)

    def randomized(p, n, d, mean, zz):  # the rate among all randomized at the dropouts' node zz
        if not d:
            return p
        return (n * p + d * expit(logit(p) + mean + imor_sd * zz)) / (n + d)

    # axes: control quantile, control IMOR node, acupuncture IMOR node
    ctrl = randomized(p_ctrl[:, None, None], n_ctrl, d_ctrl, imor_mean[1], z[None, :, None])
    weight = wu[:, None, None] * wz[None, :, None] * wz[None, None, :]
    out = []
    for t in np.atleast_1d(np.asarray(thresholds, dtype=float)):
        target = np.broadcast_to(t + ctrl, weight.shape)
        lo, hi = np.zeros(weight.shape), np.ones(weight.shape)
        for _ in range(40):  # bisection for the acupuncture rate that reaches the target
            mid = (lo + hi) / 2
            below = randomized(mid, n_obs, d_obs, imor_mean[0], z[None, None, :]) < target
            lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
        above = beta_sf(1 + y_obs, 1 + n_obs - y_obs, (lo + hi) / 2)
        above = np.where(target <= 0, 1.0, np.where(target >= 1, 0.0, above))
        out.append(float(np.sum(weight * above)))
    return np.array(out)


def rd_half_width(obs_0, ctrl_0, obs_1, ctrl_1) -> np.ndarray:
    """Half the range of the risk difference across a grid cell, from the change of each arm's rate
    along the grid's two axes (``obs_0``: the acupuncture arm's along the first axis, ...)."""
    half = np.abs(np.subtract(obs_0, ctrl_0))
    half += np.abs(np.subtract(obs_1, ctrl_1))
    half *= 0.5
    return half


def weighted_quantile(x, w, q):
    """Quantile(s) ``q`` of values ``x`` with weights ``w`` (summing to 1), by interpolation
    between the mid-points of the distinct values' cumulative weights (tied values, as an arm's
    rate on a grid, are pooled first)."""
    x, tie = np.unique(x, return_inverse=True)
    w = np.bincount(tie.ravel(), weights=w)
    return np.interp(q, np.cumsum(w) - w / 2, x)


def _times_log(count: int, p: np.ndarray, log_p: np.ndarray | None = None) -> np.ndarray | float:
    """``count`` x log(``p``), 0 where ``count`` is 0 (SciPy's ``xlogy``; ``log_p`` given where it is
    computed more accurately otherwise, as log1p(-c) for log(1 - c))."""
    if count == 0:
        return 0.0
    return count * (np.log(p) if log_p is None else log_p)


def from_samples(p_obs, p_ctrl) -> Draws:
    p_obs, p_ctrl = np.asarray(p_obs, float).ravel(), np.asarray(p_ctrl, float).ravel()
    return Draws(p_obs, p_ctrl, np.full(p_obs.size, 1.0 / p_obs.size))


def beta_posteriors(y_obs: int, n_obs: int, y_ctrl: int, n_ctrl: int):
    """The exact posterior of each arm's response rate under Beta(1, 1) priors (SciPy's frozen
    distributions: the reference the tests hold the grid to)."""
    return stats.beta(1 + y_obs, 1 + n_obs - y_obs), stats.beta(1 + y_ctrl, 1 + n_ctrl - y_ctrl)


def grid(y_obs: int, n_obs: int, y_ctrl: int, n_ctrl: int, prior: Prior, size: int = 401) -> Draws:
    """The posterior under ``prior`` on a ``size`` x ``size`` grid: the two arms' beta quantiles
    for the flat prior; otherwise prior times likelihood on a grid of the mean log-odds and the
    log odds ratio, :data:`SPAN` approximate posterior SDs either side of its approximate mean."""
    for y, n in ((y_obs, n_obs), (y_ctrl, n_ctrl)):
        if not 0 <= y <= n or n <= 0:
            raise ValueError(f"{y} responders out of {n} is not a valid count")
    if prior.conjugate:
        # each arm's exact beta posterior at ``size`` equally likely quantiles (mid-points of equal
        # probability strata), so that a posterior concentrated near 0 or 1 is resolved as well as
        # a wide one; every pair of the two arms' quantiles has the same weight
        # (the quantiles of :func:`beta_posteriors`, which the tests hold to SciPy's beta.ppf)
        u = (np.arange(size) + 0.5) / size
        obs = beta_quantiles(1 + y_obs, 1 + n_obs - y_obs, u)
        ctrl = beta_quantiles(1 + y_ctrl, 1 + n_ctrl - y_ctrl, u)
        a, c = np.meshgrid(obs, ctrl, indexing="ij")
        return Draws(a.ravel(), c.ravel(), np.full(a.size, 1.0 / a.size))

    (m_hat, t_hat), (m_sd, t_sd) = approximate_posterior(y_obs, n_obs, y_ctrl, n_ctrl, prior)
    mean = np.linspace(m_hat - SPAN * m_sd, m_hat + SPAN * m_sd, size)
    theta = np.linspace(t_hat - SPAN * t_sd, t_hat + SPAN * t_sd, size)
    mu, th = np.meshgrid(mean, theta, indexing="ij")
    c, a = expit(mu - th / 2), expit(mu + th / 2)
    # the log densities up to constants, which the normalisation removes
    logw = (
        -0.5 * (mu / prior.baseline_sd) ** 2
        + prior.logpdf(th)
        + _times_log(y_ctrl, c)
        + _times_log(n_ctrl - y_ctrl, 1 - c, np.log1p(-c))
        + _times_log(y_obs, a)
        + _times_log(n_obs - y_obs, 1 - a, np.log1p(-a))
    )
    top = logw.max()
    w = np.exp(logw - (top + np.log(np.sum(np.exp(logw - top)))))
    # each arm's rate across a cell: d expit(x) = p (1 - p) dx, with x = mu +/- theta / 2
    d_mu, d_theta = mean[1] - mean[0], theta[1] - theta[0]
    ga, gc = (a * (1 - a)).ravel(), (c * (1 - c)).ravel()
    cell_obs = np.stack([ga * d_mu, ga * d_theta / 2], axis=1)
    cell_ctrl = np.stack([gc * d_mu, -gc * d_theta / 2], axis=1)
    return Draws(a.ravel(), c.ravel(), w.ravel(), cell_obs, cell_ctrl)


#: half-width of the grid, in standard deviations of the normal approximation of the posterior
SPAN = 8.0


def approximate_posterior(y_obs: int, n_obs: int, y_ctrl: int, n_ctrl: int, prior: Prior):
    """The normal approximation of the posterior of (mean log-odds, log odds ratio) that places the
    grid: each arm's empirical log-odds (half-count corrected) with its standard error, combined
    with the priors' precisions (a Cauchy prior counted as a normal of the same scale, which pulls
    less than it). Returns the approximate means and standard deviations of the two. The grid
    follows the posterior, not the prior's range: a prior much wider than the likelihood leaves
    the grid on the likelihood, a much narrower one brings it in to the prior's width."""

    def centre(y, n):  # empirical log-odds and its precision, with a half-count correction
        return logit((y + 0.5) / (n + 1)), 1 / (1 / (y + 0.5) + 1 / (n - y + 0.5))

    la, pa = centre(y_obs, n_obs)
    lc, pc = centre(y_ctrl, n_ctrl)
    # the likelihood's precision in (mu, theta), with log-odds mu + theta / 2 and mu - theta / 2
    lik = np.array([[pa + pc, (pa - pc) / 2], [(pa - pc) / 2, (pa + pc) / 4]])
    at = np.array([(la + lc) / 2, la - lc])
    pri = np.diag([1 / prior.baseline_sd**2, 1 / prior.scale**2])
    precision = lik + pri
    cov = np.linalg.inv(precision)
    mean = cov @ (lik @ at + pri @ np.array([0.0, prior.loc]))
    return (float(mean[0]), float(mean[1])), (float(np.sqrt(cov[0, 0])), float(np.sqrt(cov[1, 1])))


@dataclass(frozen=True)
class Sample:
    """Weighted draws of named quantities: the reference answer for models other than the two-arm one."""

    values: dict
    weight: np.ndarray  # sums to 1

    @classmethod
    def equal(cls, **values) -> Sample:
        n = len(next(iter(values.values())))
        return cls({k: np.asarray(v, float).ravel() for k, v in values.items()}, np.full(n, 1.0 / n))

    def mean(self, name: str) -> float:
        return float(np.sum(self.weight * self.values[name]))

    def quantile(self, name: str, q):
        return weighted_quantile(self.values[name], self.weight, q)


def with_dropouts(
    draws: Draws, n_obs: int, d_obs: int, n_ctrl: int, d_ctrl: int, imor_sd: float, imor_mean=(0.0, 0.0), nodes: int = 9
) -> Draws:
    """The response rates among all randomized patients, from the completers' posterior ``draws``.

    In each arm the ``d`` dropouts' odds of response differ from the ``n`` completers' by an
    informative-missingness odds ratio whose log is Normal(``imor_mean``, ``imor_sd``) (White et
    al. 2008); the rate among all randomized is (n p + d q) / (n + d). The two log IMORs are
    integrated out by Gauss-Hermite quadrature with ``nodes`` points each: every grid point
    becomes ``nodes`` x ``nodes`` weighted points."""
    x, w = np.polynomial.hermite_e.hermegauss(nodes)
    w = w / w.sum()
    # grid points that carry no weight worth counting (below 1e-12 of the largest) are left out
    keep = draws.weight > 1e-12 * draws.weight.max()
    if not keep.all():
        cells = (None, None) if draws.cell_obs is None else (draws.cell_obs[keep], draws.cell_ctrl[keep])
        draws = Draws(draws.p_obs[keep], draws.p_ctrl[keep], draws.weight[keep] / draws.weight[keep].sum(), *cells)

    def dropouts(p, mean):  # the dropouts' response rate at each node: (points, nodes)
        return expit(logit(p)[:, None] + mean + imor_sd * x[None, :])

    q_obs, q_ctrl = dropouts(draws.p_obs, imor_mean[0]), dropouts(draws.p_ctrl, imor_mean[1])

    def randomized(p, q, n, d):
        return (n * p[:, None] + d * q) / (n + d)

    a = randomized(draws.p_obs, q_obs, n_obs, d_obs)[:, :, None]
    c = randomized(draws.p_ctrl, q_ctrl, n_ctrl, d_ctrl)[:, None, :]
    a, c = np.broadcast_arrays(a, c)
    weight = draws.weight[:, None, None] * w[None, :, None] * w[None, None, :]
    if draws.cell_obs is None:
        return Draws(a.ravel(), c.ravel(), weight.ravel())

    def slope(p, q, n, d):  # d(rate among all randomized) / dp = (n + d q (1 - q) / (p (1 - p))) / (n + d)
        return (n + d * q * (1 - q) / (p * (1 - p))[:, None]) / (n + d)

    # each arm's rate across a cell: the grid's cell times the slope, at every pair of nodes
    sa = slope(draws.p_obs, q_obs, n_obs, d_obs)[:, :, None]  # (points, nodes, 1)
    sc = slope(draws.p_ctrl, q_ctrl, n_ctrl, d_ctrl)[:, None, :]  # (points, 1, nodes)
    co, cc = draws.cell_obs[:, None, None, :], draws.cell_ctrl[:, None, None, :]
    half = rd_half_width(sa * co[..., 0], sc * cc[..., 0], sa * co[..., 1], sc * cc[..., 1])
    return Draws(a.ravel(), c.ravel(), weight.ravel(), rd_half=half.ravel())
