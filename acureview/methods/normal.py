"""The normal distribution's quantities the methods share: the two-sided quantile of a confidence
level (1.96 for 95%) and the standard error that a normal-theory interval implies."""

from __future__ import annotations

from ..lazy import lazy

stats = lazy("scipy.stats")


def z_two_sided(level: float = 0.95) -> float:
    """The standard normal quantile that leaves (1 - ``level``) / 2 in each tail: 1.959964 for 95%."""
    return float(stats.norm.ppf(0.5 + level / 2))


def se_from_interval(low: float, high: float, level: float = 0.95) -> float:
    """The standard error of an estimate whose central ``level`` normal interval is (low, high)."""
    return (high - low) / (2 * z_two_sided(level))
