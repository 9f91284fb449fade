"""Exact bounds, E-values and paired changes from summary statistics."""

from __future__ import annotations

import numpy as np

from ..lazy import lazy
from .distributions import t_two_sided

stats = lazy("scipy.stats")


def sd_of_change(sd_before: float, sd_after: float, r: float) -> float:
    """SD of a within-patient change from the two SDs and their correlation."""
    return float(np.sqrt(sd_before**2 + sd_after**2 - 2 * r * sd_before * sd_after))


def paired_t_from_summary(mean_change: float, sd_change: float, n: int) -> tuple[float, float]:
    """t statistic and two-sided P value of a mean within-patient change."""
    t = mean_change / (sd_change / np.sqrt(n))
    return float(t), t_two_sided(t, n - 1)


def e_value_rr(rr: float) -> float:
    """E-value of a risk ratio (VanderWeele and Ding, Ann Intern Med 2017;167:268): RR + sqrt(RR (RR - 1)),
    with a protective RR < 1 first inverted, as R's ``EValue::evalues.RR``."""
    rr = 1 / rr if rr < 1 else rr
    return float(rr + np.sqrt(rr * (rr - 1)))


def e_value_limit(low: float, high: float) -> float:
    """E-value of the confidence limit closer to the null (RR = 1): 1 when the interval includes it,
    as the non-missing limit of ``EValue::evalues.RR(est, lo, hi)``."""
    if low <= 1 <= high:
        return 1.0
    return e_value_rr(low if low > 1 else high)


def e_value_smd(d: float) -> float:
    """E-value of a standardized mean difference, through RR ~ exp(0.91 d) (VanderWeele and Ding;
    ``EValue::evalues.MD``)."""
    return e_value_rr(float(np.exp(0.91 * d)))


def clopper_pearson(k: int, n: int, level: float = 0.95, sided: str = "two") -> tuple[float, float]:
    """Exact (Clopper-Pearson) interval of a proportion from ``k`` events in ``n``, as R's
    ``binom.test(k, n)$conf.int``: beta quantiles at (1 - level)/2 either side (``sided="two"``),
    or a one-sided bound at 1 - level (``sided="upper"``, lower limit 0; ``sided="lower"``, upper
    limit 1). The limit at k = 0 is 0 and at k = n is 1."""
    if sided not in ("two", "upper", "lower"):
        raise ValueError(f"sided must be 'two', 'upper' or 'lower', not '{sided}'")
    tail = (1 - level) / 2 if sided == "two" else 1 - level
    low = 0.0 if k == 0 or sided == "upper" else float(stats.beta.ppf(tail, k, n - k + 1))
    high = 1.0 if k == n or sided == "lower" else float(stats.beta.ppf(1 - tail, k + 1, n - k))
    return low, high


def upper_bound_zero_events(n: int, level: float = 0.95, sided: str = "two") -> float:
    """Exact (Clopper-Pearson) upper bound of a rate when 0 of n had the event: 1 - (alpha/2)^(1/n)
    two-sided (the default), 1 - alpha^(1/n) one-sided (for which the rule of three, 3/n, is the
    approximation)."""
    return clopper_pearson(0, n, level, sided)[1]
