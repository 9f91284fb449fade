"""The cohort's PyMC models (the chapters and tests only; the checks use the exact answers of
:mod:`.denominator` and :mod:`.decomposition`)."""

from __future__ import annotations

import numpy as np

from ...lazy import lazy
from .decomposition import prior_covariance

pm = lazy("pymc")
special = lazy("scipy.special")


def denominator_model(triples, prior_n: dict[int, float]):
    """Cured, near-normal and other proportions (uniform Dirichlet prior) when the number analysed
    and the counts are unknown: the likelihood sums over every (n, cured, near-normal) count that
    rounds to the three reported percentages, each n weighted by its prior."""
    n, c, k = (np.asarray(x, dtype=float) for x in np.asarray(triples).T)
    r = n - c - k
    gammaln = special.gammaln
    log_const = gammaln(n + 1) - gammaln(c + 1) - gammaln(k + 1) - gammaln(r + 1) + np.log([prior_n[int(m)] for m in n])
    with pm.Model() as model:
        pi = pm.Dirichlet("pi", a=np.ones(3))
        terms = log_const + c * pm.math.log(pi[0]) + k * pm.math.log(pi[1]) + r * pm.math.log(pi[2])
        pm.Potential("rounded_percentages", pm.math.logsumexp(terms))
        pm.Deterministic("cure", pi[0])
        pm.Deterministic("near", pi[1])
        pm.Deterministic("strong", pi[0] + pi[1])
    return model


def decomposition_model(components, change: float, se: float):
    """The observed mean change as the sum of its parts, their prior jointly normal with the
    covariance the shared conversion gives them (:func:`.decomposition.prior_covariance`)."""
    with pm.Model() as model:
        parts = pm.MvNormal("parts", mu=np.array([c.mean for c in components]), cov=prior_covariance(components))
        for i, c in enumerate(components):
            pm.Deterministic(c.key, parts[i])
        pm.Normal("observed_change", mu=parts.sum(), sigma=se, observed=change)
    return model
