"""The distribution functions the verdict table needs, computed without SciPy (whose import costs
more than the whole table): the logistic function and its inverse, the quantiles of a beta
distribution with whole parameters, and the two-sided tail of Student's t with whole degrees of
freedom. Each is held in the tests to the SciPy function it stands for."""

from __future__ import annotations

import math

import numpy as np


def logit(p):
    """log(p / (1 - p)), elementwise (SciPy's ``special.logit``)."""
    p = np.asarray(p, dtype=float)
    return np.log(p / (1 - p))


def expit(x):
    """1 / (1 + exp(-x)), elementwise (SciPy's ``special.expit``)."""
    return 1 / (1 + np.exp(-np.asarray(x, dtype=float)))


def _whole(*values) -> tuple[int, ...]:
    if any(v != int(v) or v < 1 for v in values):
        raise ValueError(f"whole parameters of at least 1 only, not {', '.join(f'{v:g}' for v in values)}")
    return tuple(int(v) for v in values)


def beta_quantiles(a: int, b: int, u) -> np.ndarray:
    """The quantiles ``u`` of Beta(a, b) for whole ``a``, ``b`` >= 1 (SciPy's ``special.betaincinv``
    and ``beta.ppf``): its distribution function is then a binomial tail, I_x(a, b) =
    P(Binomial(a + b - 1, x) >= a), a sum of positive terms, inverted by bisection until no double
    lies between the bounds."""
    a, b = _whole(a, b)
    n = a + b - 1
    j = np.arange(a, n + 1)
    log_c = np.array([math.log(math.comb(n, k)) for k in range(a, n + 1)])
    u = np.asarray(u, dtype=float)
    low, high = np.zeros_like(u), np.ones_like(u)
    while True:
        mid = (low + high) / 2
        if np.all((mid == low) | (mid == high)):
            return mid
        with np.errstate(divide="ignore"):
            terms = log_c + j * np.log(mid)[..., None] + (n - j) * np.log1p(-mid)[..., None]
        below = np.exp(terms).sum(axis=-1) < u
        low, high = np.where(below, mid, low), np.where(below, high, mid)


def beta_sf(a: int, b: int, x) -> np.ndarray:
    """P(X > x) for X ~ Beta(a, b) with whole ``a``, ``b`` >= 1 (SciPy's ``special.betaincc``): a
    binomial tail, 1 - I_x(a, b) = P(Binomial(a + b - 1, x) <= a - 1), a finite sum of positive terms."""
    a, b = _whole(a, b)
    n = a + b - 1
    x = np.asarray(x, dtype=float)
    j = np.arange(a)
    comb = np.array([float(math.comb(n, k)) for k in range(a)])
    terms = comb * np.power(x[..., None], j) * np.power(1 - x[..., None], n - j)
    return terms.sum(axis=-1)


def t_two_sided(t: float, df: int) -> float:
    """P(|T| >= |t|) for Student's t with whole ``df`` (SciPy's ``2 * t.sf(abs(t), df)``), from the
    finite series of Abramowitz and Stegun 26.7.3 (odd df) and 26.7.4 (even df) in
    theta = atan(|t| / sqrt(df)); accurate to about 1e-15 absolute."""
    (df,) = _whole(df)
    theta = math.atan(abs(t) / math.sqrt(df))
    s, c2 = math.sin(theta), math.cos(theta) ** 2
    term, total = 1.0, 1.0
    if df % 2 == 0:  # sin(theta) (1 + 1/2 cos^2 + 1.3/2.4 cos^4 + ... up to cos^(df - 2))
        for k in range(1, df // 2):
            term *= c2 * (2 * k - 1) / (2 * k)
            total += term
        return max(0.0, 1 - s * total)
    if df == 1:
        return 1 - 2 * theta / math.pi
    for k in range(1, (df - 1) // 2):  # 2/pi (theta + sin cos (1 + 2/3 cos^2 + ... up to cos^(df - 3)))
        term *= c2 * (2 * k) / (2 * k + 1)
        total += term
    return max(0.0, 1 - 2 / math.pi * (theta + s * math.sqrt(c2) * total))
