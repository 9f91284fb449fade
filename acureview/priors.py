"""The priors of the reanalysis of the RCT [1], each derived in code from a stated source or principle.

The model has two parameters: the mean of the two arms' log-odds of response, and the log odds
ratio of response with acupuncture added (the arms sit half of it either side of the mean, so that
the priors treat the two arms alike). Every prior but the flat one is a prior on the log odds
ratio; the flat prior puts a uniform Beta(1, 1) on each arm's response rate instead, so that its
posterior has a closed form (two beta distributions) to check the sampler against.

Sources and principles (values in ``data/facts.csv`` and ``data/assumptions.csv``):

- weakly informative: Cauchy(0, 2.5), the default Gelman et al. (2008) propose for logistic
  regression coefficients;
- enthusiastic: centred on the add-on effect of the meta-analysis of Armour et al. (2019),
  Hedges g 0.84, converted to a log odds ratio by ``g * pi / sqrt(3)``; its spread gives no
  benefit a small probability (``prior.tail``);
- sceptical: centred on no effect, with the same spread, so that an effect as large as the
  enthusiast's is given the same small probability;
- evidence-based: the risk ratio of manual acupuncture added to SSRIs in the largest pragmatic
  trial (Zhao et al. 2019), converted to an odds ratio at an assumed response rate with SSRIs
  alone (``zhao2019.ssri_response``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from .data import Dataset

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
        """Prior density of the log odds ratio (the two effect families only)."""
        dist = {"normal": stats.norm, "cauchy": stats.cauchy}[self.family]
        return dist.logpdf(log_or, self.loc, self.scale)

    def or_interval(self, level: float = 0.95) -> tuple[float, float, float]:
        """Median and central interval of the prior odds ratio."""
        if self.family == "uniform":
            # Under independent uniform response rates the log odds ratio is the difference of two
            # standard logistic variables; its quantiles are found numerically once.
            x = np.linspace(-30, 30, 60001)
            pdf = _logistic_difference_pdf(x)
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


def _logistic_difference_pdf(x):
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
    z = stats.norm.ppf(0.5 + level / 2)
    return (math.log(low) + math.log(high)) / 2, (math.log(high) - math.log(low)) / (2 * z)


def odds_ratio_from_risk_ratio(rr: float, control_risk: float) -> float:
    """The odds ratio that goes with a risk ratio at a given control risk."""
    if not 0 < control_risk < 1 or rr * control_risk >= 1:
        raise ValueError(f"a risk ratio of {rr} at a control risk of {control_risk} gives a risk of 1 or more")
    return rr * (1 - control_risk) / (1 - rr * control_risk)


def log_odds_ratio_from_g(g: float) -> float:
    """Standardized mean difference to log odds ratio (logistic-distribution conversion)."""
    return g * math.pi / math.sqrt(3)


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
