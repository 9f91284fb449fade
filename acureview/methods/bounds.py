"""Exact bounds of proportions and paired changes from summary statistics."""

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
