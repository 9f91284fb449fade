"""Bayesian model (a), exactly: the responder proportions when the number analysed is unknown and
only rounded percentages are reported (the prior on the denominator, the compatible counts, the
denominator's posterior and exact draws of the proportions)."""

from __future__ import annotations

import numpy as np

from ...data import Dataset
from ...methods.posterior import Sample
from .counts import denominators, participants


def denominator_prior(data: Dataset) -> dict[int, float]:
    """Uniform prior on the number analysed, from ``cohort2.n_min`` to the most participants."""
    lo, hi = int(data.assumption("cohort2.n_min").value), max(participants(data))
    ns = range(lo, hi + 1)
    return {n: 1.0 / len(ns) for n in ns}


def compatible_triples(data: Dataset) -> np.ndarray:
    """Every (n, cured, near-normal) count that gives all three percentages, with n in the prior's range."""
    prior = denominator_prior(data)
    rows = []
    for n, counts in denominators(data, prior).items():
        strong = set(counts["strong"])
        rows += [(n, c, k) for c in counts["cure"] for k in counts["near"] if c + k in strong]
    return np.array(rows, dtype=int)


def denominator_posterior(data: Dataset) -> dict[int, float]:
    """P(n | the three rounded percentages), exactly: under a uniform Dirichlet every split of n
    patients into three groups has probability 2 / ((n + 1)(n + 2))."""
    prior = denominator_prior(data)
    triples = compatible_triples(data)
    weight: dict[int, float] = {}
    for n, _, _ in triples:
        weight[int(n)] = weight.get(int(n), 0.0) + prior[int(n)] * 2.0 / ((n + 1) * (n + 2))
    total = sum(weight.values())
    return {n: w / total for n, w in sorted(weight.items())}


def responder_reference(data: Dataset, size: int = 400_000, seed: int = 0) -> Sample:
    """Exact draws of (cured, near-normal, strong) proportions: a mixture of Dirichlet posteriors,
    one per compatible (n, counts), weighted as in :func:`denominator_posterior`."""
    prior = denominator_prior(data)
    triples = compatible_triples(data)
    w = np.array([prior[int(n)] * 2.0 / ((n + 1) * (n + 2)) for n, _, _ in triples])
    rng = np.random.default_rng(seed)
    pick = rng.choice(len(triples), size=size, p=w / w.sum())
    n, c, k = triples[pick].T
    g = rng.standard_gamma(np.stack([1 + c, 1 + k, 1 + n - c - k]))
    pi = g / g.sum(axis=0)
    return Sample.equal(cure=pi[0], near=pi[1], strong=pi[0] + pi[1])
