"""Exact bounds, E-values and paired changes from summary statistics."""
from __future__ import annotations

import numpy as np
from scipy import stats


def sd_of_change(sd_before: float, sd_after: float, r: float) -> float:
    """SD of a within-patient change from the two SDs and their correlation."""
    return float(np.sqrt(sd_before ** 2 + sd_after ** 2 - 2 * r * sd_before * sd_after))


def paired_t_from_summary(mean_change: float, sd_change: float, n: int) -> tuple[float, float]:
    """t statistic and two-sided P value of a mean within-patient change."""
    t = mean_change / (sd_change / np.sqrt(n))
    return float(t), float(2 * stats.t.sf(abs(t), n - 1))


def e_value_smd(d: float) -> float:
    """E-value of a standardized mean difference, through RR ~ exp(0.91 d) (VanderWeele and Ding)."""
    rr = float(np.exp(0.91 * abs(d)))
    return rr + float(np.sqrt(rr * (rr - 1)))


def upper_bound_zero_events(n: int, level: float = 0.95) -> float:
    """Exact (Clopper-Pearson) two-sided ``level`` upper bound of a rate when 0 of n had the event."""
    return float(stats.beta.ppf(1 - (1 - level) / 2, 1, n))
