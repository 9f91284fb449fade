"""Priors on the effect of a two-arm trial with a binary outcome, and the conversions that derive
them from published numbers (intervals of ratios, risk ratios, standardized mean differences).

A :class:`Prior` is either uniform on each arm's response rate (with a closed-form posterior), or
normal or Cauchy on the log odds ratio, with a normal prior on the arms' mean log-odds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from ..lazy import lazy
from .normal import se_from_interval, tail_two_sided
from .twobytwo import woolf_log_odds_ratio

stats = lazy("scipy.stats")


FAMILIES = ("uniform", "normal", "cauchy")


@dataclass(frozen=True)
class Prior:
    key: str
    label: str
    family: str  # 'uniform': Beta(1, 1) on each arm; 'normal' or 'cauchy': on the log odds ratio
    loc: float = 0.0
    scale: float = 1.0
    baseline_sd: float = 1.5  # Normal(0, baseline_sd) on the arms' mean log-odds (not for 'uniform')
    basis: str = ""

    def __post_init__(self):
        if self.family not in FAMILIES:
            raise ValueError(f"prior family '{self.family}' is not one of {', '.join(FAMILIES)}")
        if self.scale <= 0 or self.baseline_sd <= 0:
            raise ValueError(f"prior '{self.key}': scales must be positive")

    @property
    def conjugate(self) -> bool:
        """True where the posterior has a closed form (beta-binomial)."""
        return self.family == "uniform"

    def logpdf(self, log_or):
        """Prior log density of the log odds ratio (the two effect families only), in closed form."""
        z = (np.asarray(log_or, dtype=float) - self.loc) / self.scale
        if self.family == "normal":
            return -0.5 * z**2 - math.log(self.scale) - 0.5 * math.log(2 * math.pi)
        if self.family == "cauchy":
            return -np.log1p(z**2) - math.log(math.pi * self.scale)
        raise ValueError(f"a {self.family} prior has no density on the log odds ratio")

    def cdf(self, log_or: float) -> float:
        """The probability the prior gives to a log odds ratio at most ``log_or`` (the two effect
        families only), in closed form."""
        if self.family == "normal":
            return NormalDist(self.loc, self.scale).cdf(log_or)
        if self.family == "cauchy":
            return 0.5 + math.atan((log_or - self.loc) / self.scale) / math.pi
        raise ValueError(f"a {self.family} prior has no distribution on the log odds ratio")

    def or_interval(self, level: float = 0.95) -> tuple[float, float, float]:
        """Median and central interval of the prior odds ratio."""
        if self.family == "uniform":
            # Under independent uniform response rates the log odds ratio is the difference of two
            # standard logistic variables; its quantiles are found numerically once.
            x = np.linspace(-30, 30, 60001)
            pdf = logistic_difference_pdf(x)
            cdf = np.cumsum(pdf) * (x[1] - x[0])
            q = [(1 - level) / 2, 0.5, (1 + level) / 2]
            lo, med, hi = np.interp(q, cdf / cdf[-1], x)
            return math.exp(med), math.exp(lo), math.exp(hi)
        dist = {"normal": stats.norm, "cauchy": stats.cauchy}[self.family](self.loc, self.scale)
        lo, hi = dist.interval(level)
        return math.exp(self.loc), math.exp(lo), math.exp(hi)

    def describe(self) -> str:
        if self.family == "uniform":
            return "Beta(1, 1) on each arm's response rate"
        name = self.family.capitalize()
        return f"log OR ~ {name}({self.loc:.2f}, {self.scale:.2f}); mean log-odds ~ Normal(0, {self.baseline_sd:g})"


def logistic_difference_pdf(x):
    # density of L1 - L2 for independent standard logistic L1, L2: (x (coth(x/2)) - 2) / (4 sinh^2(x/2)) ...
    # evaluated stably through its closed form ((x - 2) e^{2x} + (x + 2) e^{x}) / (e^x - 1)^3
    x = np.asarray(x, dtype=float)
    out = np.empty_like(x)
    small = np.abs(x) < 1e-3
    out[small] = 1 / 6  # limit at 0
    xs = np.abs(x[~small])  # the density is symmetric
    e = np.exp(-xs)
    out[~small] = ((xs - 2) + (xs + 2) * e) * e / (1 - e) ** 3
    return out


def normal_from_interval(low: float, high: float, level: float = 0.95) -> tuple[float, float]:
    """Mean and SD of a normal on the log scale whose central ``level`` interval is (low, high)."""
    if not 0 < low < high:
        raise ValueError(f"an interval of ratios needs 0 < low < high, got {low} to {high}")
    return (math.log(low) + math.log(high)) / 2, se_from_interval(math.log(low), math.log(high), level)


def odds_ratio_from_risk_ratio(rr: float, control_risk: float) -> float:
    """The odds ratio that goes with a risk ratio at a given control risk."""
    if not 0 < control_risk < 1 or rr * control_risk >= 1:
        raise ValueError(f"a risk ratio of {rr} at a control risk of {control_risk} gives a risk of 1 or more")
    return rr * (1 - control_risk) / (1 - rr * control_risk)


def log_odds_ratio_from_g(g: float) -> float:
    """Standardized mean difference to log odds ratio (logistic-distribution conversion,
    Chinn 2000; Borenstein et al. 2009, section 7.3)."""
    return g * math.pi / math.sqrt(3)


def smd_from_log_odds_ratio(log_or: float) -> float:
    """Log odds ratio to standardized mean difference: the inverse of :func:`log_odds_ratio_from_g`."""
    return log_or * math.sqrt(3) / math.pi


def smd_from_risk_ratio(rr: float, control_risk: float) -> float:
    """A risk ratio as a standardized mean difference: its odds ratio at ``control_risk``
    (:func:`odds_ratio_from_risk_ratio`), converted by :func:`smd_from_log_odds_ratio`."""
    return smd_from_log_odds_ratio(math.log(odds_ratio_from_risk_ratio(rr, control_risk)))


def control_risk_from_ratio_interval(
    rr: float, low: float, high: float, n_treated: int, n_control: int, level: float = 0.95
) -> float:
    """The control-arm risk that a published risk ratio, its Wald interval and the two arm sizes
    imply.

    The interval's width on the log scale is 2 z SE, and the large-sample variance of a log risk
    ratio is (1 - p1) / (n1 p1) + (1 - p0) / (n0 p0) with p1 = RR p0; that variance falls as p0
    rises, so one control risk gives the published width."""
    if not 0 < low < rr < high:
        raise ValueError(f"a risk ratio of {rr} does not lie inside its interval {low} to {high}")
    _, se = normal_from_interval(low, high, level)

    def gap(p0):
        p1 = rr * p0
        return math.sqrt((1 - p1) / (n_treated * p1) + (1 - p0) / (n_control * p0)) - se

    top = min(1.0, 1.0 / rr) * (1 - 1e-9)
    if gap(1e-6) * gap(top) > 0:
        raise ValueError(f"no control risk gives the interval {low} to {high} with arms of {n_treated} and {n_control}")
    return bisect(gap, 1e-6, top)


def bisect(f, low: float, high: float, tol: float = 1e-12) -> float:
    """The root of ``f`` between ``low`` and ``high``, where ``f`` changes sign, by bisection to
    ``tol`` (a monotone gap as :func:`control_risk_from_ratio_interval`'s needs nothing faster)."""
    f_low = f(low)
    while high - low > tol:
        mid = (low + high) / 2
        f_mid = f(mid)
        if f_mid == 0:
            return mid
        if (f_mid > 0) == (f_low > 0):
            low, f_low = mid, f_mid
        else:
            high = mid
    return (low + high) / 2


def log_odds_ratio_from_risks(p1: float, p0: float, n1: float, n0: float) -> tuple[float, float]:
    """Log odds ratio and its large-sample standard error (Woolf) for risks p1 and p0 in arms of
    n1 and n0 patients."""
    return woolf_log_odds_ratio(n1 * p1, n1 * (1 - p1), n0 * p0, n0 * (1 - p0))


def prior_data_conflict(prior_loc: float, prior_sd: float, estimate: float, se: float) -> tuple[float, float]:
    """Box's (1980) prior predictive check for a normal prior and a normal likelihood: the
    standardized distance of the trial's estimate from what the prior predicts, and its two-sided
    tail probability (small: the trial is surprising under the prior)."""
    z = (estimate - prior_loc) / math.hypot(prior_sd, se)
    return z, tail_two_sided(z)
