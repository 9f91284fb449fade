"""Two arms, a binary outcome: P values of the usual tests, effect measures with intervals, NNT and the fragility index."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import pvalues
from .normal import z_two_sided, z_upper

#: the two-sided tests the book's significance statements count (every test a report could have
#: used, each two-sided and one-sided, is in :mod:`.pvalues`)
TESTS = {key: pvalues.TESTS[key] for key in ("fisher", "chi2", "chi2_yates", "barnard", "boschloo")}


def two_by_two_pvalues(k1: int, n1: int, k2: int, n2: int) -> dict[str, float]:
    """Two-sided P values of the usual tests of :data:`TESTS` for ``k1`` of ``n1`` in arm 1 against
    ``k2`` of ``n2`` in arm 2, computed as :func:`.pvalues.every_pvalue` computes them.

    Fisher's test is R's ``fisher.test`` (tables as likely or less likely than the observed one);
    the chi-squared tests are Pearson's without and with Yates' correction (R's ``chisq.test``).
    Barnard's test is the pooled-variance (score) version, as R's ``Barnard::barnard.test(..., pooled = TRUE)``;
    Boschloo's two-sided P is twice the smaller one-sided P, as R's ``Exact::exact.test(...,
    method = "boschloo", tsmethod = "central")``. No events, or only events, in both arms: every P is 1.
    """
    ps = {r.test: r.p for r in pvalues.every_pvalue(k1, n1, k2, n2, sides=("two-sided",), tests=TESTS)}
    return {key: ps[key] for key in TESTS}


@dataclass(frozen=True)
class NNT:
    """A number needed to treat with its interval, as Altman (BMJ 1998;317:1309) and Bender (Control
    Clin Trials 2001;22:102) write it: the reciprocal of the risk difference and of its limits, each
    labelled a number needed to treat to benefit (NNTB) or to harm (NNTH). When the difference's
    interval includes zero the NNT's runs through infinity: "NNTB 4 to infinity to NNTH 20"."""

    estimate: float  # 1 / |difference|; inf for no difference
    kind: str  # 'benefit' or 'harm'
    bounds: tuple[tuple[float, str], tuple[float, str]]  # (value, kind) of each limit, as written

    @classmethod
    def from_difference(cls, rd: float, low: float, high: float, higher_is_better: bool = True) -> NNT:
        """From a risk difference (arm 1 minus arm 2) and its interval; ``higher_is_better`` says
        whether the event is desirable (a response) or not (an adverse outcome)."""
        sign = 1.0 if higher_is_better else -1.0
        b, b_low, b_high = sign * rd, *sorted((sign * low, sign * high))

        def end(x):
            return (1 / abs(x) if x else math.inf, "benefit" if x >= 0 else "harm")

        first, second = end(b_high), end(b_low)  # from the benefit side towards the harm side
        if first[1] == second[1] and first[1] == "harm":
            first, second = second, first  # two harms: the smaller NNTH first
        return cls(end(b)[0], end(b)[1], (first, second))

    @property
    def through_infinity(self) -> bool:
        """True when the risk difference's interval includes zero (one limit NNTB, the other NNTH)."""
        return self.bounds[0][1] != self.bounds[1][1] or math.inf in (self.bounds[0][0], self.bounds[1][0])

    def interval_text(self, digits: int = 1) -> str:
        """``'NNTB 2.1 to 5.6'`` or ``'NNTB 4.0 to infinity to NNTH 20.0'``."""
        (lo, lo_kind), (hi, hi_kind) = self.bounds
        if not self.through_infinity:
            return f"{_SHORT[lo_kind]} {_num(lo, digits)} to {_num(hi, digits)}"
        return f"{_SHORT[lo_kind]} {_num(lo, digits)} to infinity to {_SHORT[hi_kind]} {_num(hi, digits)}"

    def text(self, digits: int = 1) -> str:
        """``'NNTB 3.0 (NNTB 2.1 to 5.6)'``; ``'NNT infinity (...)'`` for no difference."""
        point = "NNT infinity" if math.isinf(self.estimate) else f"{_SHORT[self.kind]} {_num(self.estimate, digits)}"
        return f"{point} ({self.interval_text(digits)})"


_SHORT = {"benefit": "NNTB", "harm": "NNTH"}


def _num(x: float, digits: int) -> str:
    return "infinity" if math.isinf(x) else f"{x:.{digits}f}"


def _log_interval(est: float, se: float, z: float, zero_cell: bool) -> tuple[float, float]:
    if zero_cell:  # the contingencytables convention (Fagerland et al.): an uninformative interval
        return 0.0, math.inf
    return math.exp(math.log(est) - z * se), math.exp(math.log(est) + z * se)


def effect_measures(k1: int, n1: int, k2: int, n2: int, alpha: float = 0.05, higher_is_better: bool = True) -> dict:
    """Effect measures of arm 1 (``k1`` events of ``n1``) against arm 2, each with its
    ``1 - alpha`` interval:

    - risk difference, Newcombe's hybrid score interval (:func:`newcombe_interval`), as (estimate,
      lower, upper);
    - risk ratio, Katz log interval, and odds ratio, Woolf logit interval, as (estimate, lower,
      upper). With a zero cell the estimate is 0, infinite or NaN and the interval (0, inf),
      without continuity correction, as ``Katz_log_CI_2x2`` and ``Woolf_logit_CI_2x2`` of the R
      package contingencytables (Fagerland, Lydersen and Laake 2017);
    - number needed to treat, an :class:`NNT` (Altman 1998, Bender 2001), the event being
      desirable when ``higher_is_better``.
    """
    z = z_two_sided(1 - alpha)
    p1, p2 = k1 / n1, k2 / n2
    rd_low, rd_high = newcombe_interval(k1, n1, k2, n2, alpha)
    with np.errstate(divide="ignore", invalid="ignore"):
        rr = float(np.divide(p1, p2))
        odds = float(np.divide(k1 * (n2 - k2), (n1 - k1) * k2))
    rr_se = math.sqrt(1 / k1 + 1 / k2 - 1 / n1 - 1 / n2) if k1 and k2 else math.nan
    or_zero = 0 in (k1, n1 - k1, k2, n2 - k2)
    or_se = math.nan if or_zero else woolf_log_odds_ratio(k1, n1 - k1, k2, n2 - k2)[1]
    return {
        "risk difference": (p1 - p2, rd_low, rd_high),
        "risk ratio": (rr, *_log_interval(rr, rr_se, z, not (k1 and k2))),
        "odds ratio": (odds, *_log_interval(odds, or_se, z, or_zero)),
        "number needed to treat": NNT.from_difference(p1 - p2, rd_low, rd_high, higher_is_better),
    }


def wilson_interval(k: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson's score interval for the proportion ``k`` / ``n`` at level 1 - ``alpha`` (Wilson 1927),
    computed as statsmodels' ``proportion_confint(method="wilson")`` computes it."""
    q = np.float64(k) / n
    crit = z_upper(alpha / 2)
    crit2 = crit**2
    denom = 1 + crit2 / n
    centre = (q + crit2 / (2 * n)) / denom
    dist = crit * np.sqrt(q * (1.0 - q) / n + crit2 / (4.0 * n**2)) / denom
    return float(np.clip(centre - dist, 0, 1)), float(np.clip(centre + dist, 0, 1))


def newcombe_interval(k1: int, n1: int, k2: int, n2: int, alpha: float = 0.05) -> tuple[float, float]:
    """Newcombe's hybrid score interval for the difference of two proportions k1/n1 - k2/n2
    (Newcombe 1998, method 10: each arm's Wilson interval combined), computed as statsmodels'
    ``confint_proportions_2indep(method="newcomb")`` computes it."""
    p1, p2 = k1 / n1, k2 / n2
    low1, upp1 = wilson_interval(k1, n1, alpha)
    low2, upp2 = wilson_interval(k2, n2, alpha)
    diff = p1 - p2
    return (
        float(diff - np.sqrt((p1 - low1) ** 2 + (upp2 - p2) ** 2)),
        float(diff + np.sqrt((p2 - low2) ** 2 + (upp1 - p1) ** 2)),
    )


def woolf_log_odds_ratio(a: float, b: float, c: float, d: float) -> tuple[float, float]:
    """The log odds ratio of a 2x2 table (events ``a`` and non-events ``b`` in the first arm, ``c``
    and ``d`` in the second; expected counts allowed) and its large-sample standard error (Woolf
    1955): sqrt(1/a + 1/b + 1/c + 1/d). No cell may be zero."""
    return math.log(a * d / (b * c)), math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)


def fragility_index(k1: int, n1: int, k2: int, n2: int, alpha: float = 0.05) -> float:
    """Walsh's fragility index (Walsh et al., J Clin Epidemiol 2014;67:622): how many patients of
    the arm with fewer events would have to have had the event instead for Fisher's exact test to
    lose significance at ``alpha``. The arm is the one with fewer events (arm 1 on a tie), as R's
    ``fragilityindex::fragility.index`` after it swaps the arms.

    - A table that is not significant has index 0, as ``fragility.index`` returns (the "reverse"
      fragility index, which FragilityTools reports as a negative number, is another measure);
    - when no number of flips in that arm removes significance (the arm runs out of patients), the
      index is ``inf``, as FragilityTools' ``bin.fi.walsh`` returns (R's ``fragility`` package
      says NA).
    """

    def p(a, b):
        return pvalues.every_pvalue(a, n1, b, n2, sides=("two-sided",), tests=("fisher",))[0].p

    first = k1 <= k2
    flips = 0
    while p(k1 + flips * first, k2 + flips * (not first)) < alpha:
        if (k1 if first else k2) + flips == (n1 if first else n2):
            return math.inf
        flips += 1
    return flips
