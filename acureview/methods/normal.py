"""The normal distribution's quantities the methods share: the two-sided quantile of a confidence
level (1.96 for 95%), a standard normal tail, and the standard error that a normal-theory interval
implies. From the standard library's :class:`statistics.NormalDist` (exact to double precision), so
that the verdict table needs no SciPy for them."""

from __future__ import annotations

from statistics import NormalDist

STANDARD = NormalDist()


def z_two_sided(level: float = 0.95) -> float:
    """The standard normal quantile that leaves (1 - ``level``) / 2 in each tail: 1.959964 for 95%."""
    return STANDARD.inv_cdf(0.5 + level / 2)


def z_upper(tail: float) -> float:
    """The standard normal quantile with ``tail`` above it (SciPy's ``norm.isf``)."""
    return -STANDARD.inv_cdf(tail)


def tail_two_sided(z: float) -> float:
    """The two-sided tail probability of a standard normal statistic ``z``: P(|Z| >= |z|)."""
    return 2 * STANDARD.cdf(-abs(z))


def se_from_interval(low: float, high: float, level: float = 0.95) -> float:
    """The standard error of an estimate whose central ``level`` normal interval is (low, high)."""
    return (high - low) / (2 * z_two_sided(level))
