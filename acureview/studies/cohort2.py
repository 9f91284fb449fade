"""The Norwegian cohort [2]: denominators, the VAS change under stated assumptions, and the two
Bayesian models' exact answers (used by the checks, the chapter and the sampler's checks).

Facts are prefixed ``cohort2.``; the meta-analyses that give the priors are ``vickers2012.`` and
``vickers2018.``; the assumptions are in ``data/assumptions.csv``.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy import stats

from ..data import Dataset
from ..methods.posterior import Sample
from ..methods.bounds import paired_t_from_summary, sd_of_change
from ..methods.rounding import compatible_denominators, counts_for_percentage

PERCENTAGES = {"strong": "cohort2.strong_responders_pct", "cure": "cohort2.cure_pct", "near": "cohort2.near_normal_pct"}
PARTS = ("strong", ("cure", "near"))  # strong responders = complete cure + near-normal
CONDITIONS = {"back_neck": "back and neck pain", "oa": "osteoarthritis", "headache": "chronic headache"}


def percentages(data: Dataset) -> dict[str, float]:
    return {k: float(data.value(f)) for k, f in PERCENTAGES.items()}


def participants(data: Dataset) -> list[int]:
    """The numbers of participants that give the reported participation rate of the new patients."""
    return counts_for_percentage(float(data.value("cohort2.participation_pct")), int(data.value("cohort2.new_patients")),
                                 0)


def neighbouring_counts(pct: float, n: int) -> list[int]:
    """The two whole counts out of ``n`` either side of ``pct`` percent (to show why none fits)."""
    k = int(pct * n / 100)
    return [k, k + 1]


def denominators(data: Dataset, n_values=None) -> dict[int, dict[str, list[int]]]:
    """Denominators compatible with all three responder percentages (and their sum)."""
    if n_values is None:
        n_values = range(1, int(data.value("cohort2.new_patients")) + 1)
    return compatible_denominators(percentages(data), n_values, 0, PARTS)


def review_n(data: Dataset) -> int | None:
    """The sample size the review gives for the cohort (the claim checked by ``cohort2.n``)."""
    claims = data.claims_using("cohort2.n")
    return int(claims[0].number().value) if claims else None


# --- the VAS change ----------------------------------------------------------------------------

@dataclass(frozen=True)
class VasScenario:
    n: int
    sd_12m: float
    r: float
    sd_change: float
    t: float
    p: float
    d_baseline: float  # change / baseline SD
    d_z: float  # change / SD of the change


def vas_scenarios(data: Dataset, n_values=None, points: int = 5) -> list[VasScenario]:
    """The paired test of the VAS change under every combination of the unknown 12-month SD, the
    baseline-to-12-month correlation and the number analysed."""
    before, after = float(data.value("cohort2.vas_baseline")), float(data.value("cohort2.vas_12m"))
    sd0 = float(data.value("cohort2.vas_baseline_sd"))
    if n_values is None:
        n_values = sorted({n for n in (review_n(data), *participants(data)) if n})
    change = before - after
    out = []
    for n, sd1, r in itertools.product(n_values, data.assumption("cohort2.vas_12m_sd").span(points),
                                       data.assumption("cohort2.vas_r").span(points)):
        sdc = sd_of_change(sd0, sd1, r)
        t, p = paired_t_from_summary(change, sdc, n)
        out.append(VasScenario(n, sd1, r, sdc, t, p, change / sd0, change / sdc))
    return out


# --- Bayesian model (a): responder proportions with the denominator unknown -------------------------

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


# --- Bayesian model (b): what part of the VAS change is specific to needling -----------------------

@dataclass(frozen=True)
class Component:
    key: str
    name: str
    mean: float
    sd: float
    basis: str


def decomposition_priors(data: Dataset, condition: str = "back_neck", sd_smd: float | None = None,
                         other_sd: float | None = None) -> list[Component]:
    """Priors (VAS points, 12 months) for the three parts of the observed change.

    specific: acupuncture vs sham; non-specific: (vs no acupuncture) minus (vs sham); both from
    the IPD meta-analysis for ``condition``, converted to points with ``sd_smd`` and reduced by the
    decay at one year of the update. Natural course and regression to the mean: centred on no
    change, with SD ``other_sd`` (an assumption)."""
    sd = data.assumption("cohort2.sd_for_smd").value if sd_smd is None else sd_smd
    other = data.assumption("cohort2.other_change_sd").value if other_sd is None else other_sd
    keep = 1 - float(data.value("vickers2018.decay_12m_pct")) / 100
    z = stats.norm.ppf(0.975)

    def smd(arm):
        est, lo, hi = (float(data.value(f"vickers2012.{arm}.{condition}{s}")) for s in ("", "_low", "_high"))
        return est, (hi - lo) / (2 * z)

    sham, sham_se = smd("sham")
    none, none_se = smd("none")
    label = CONDITIONS[condition]
    return [
        Component("specific", "specific to needling", sham * sd * keep, sham_se * sd * keep,
                  f"acupuncture vs sham, {label}: {sham:g} SD x {sd:g} points x {keep:g} kept at 1 year"),
        Component("non_specific", "non-specific (placebo and context)", (none - sham) * sd * keep, np.hypot(none_se, sham_se) * sd * keep,
                  f"(vs no acupuncture {none:g} SD) minus (vs sham {sham:g} SD), x {sd:g} points x {keep:g}"),
        Component("natural", "natural course and regression to the mean", 0.0, other,
                  f"centred on no change, SD {other:g} points (assumption)"),
    ]


def observed_change(data: Dataset, n: int | None = None) -> tuple[float, float]:
    """The mean VAS change and its standard error at the central assumptions."""
    before, after = float(data.value("cohort2.vas_baseline")), float(data.value("cohort2.vas_12m"))
    sdc = sd_of_change(float(data.value("cohort2.vas_baseline_sd")), data.assumption("cohort2.vas_12m_sd").value,
                       data.assumption("cohort2.vas_r").value)
    n = n or review_n(data) or min(participants(data))
    return before - after, sdc / np.sqrt(n)


def decomposition_posterior(components: list[Component], change: float, se: float) -> tuple[np.ndarray, np.ndarray]:
    """Exact posterior mean vector and covariance of the parts, given their sum observed with error."""
    m = np.array([c.mean for c in components])
    v = np.diag([c.sd ** 2 for c in components])
    ones = np.ones(len(components))
    s = ones @ v @ ones + se ** 2
    gain = v @ ones / s
    return m + gain * (change - ones @ m), v - np.outer(gain, ones @ v)


def decomposition_reference(components, change, se, size: int = 400_000, seed: int = 0) -> Sample:
    mean, cov = decomposition_posterior(components, change, se)
    x = np.random.default_rng(seed).multivariate_normal(mean, cov, size=size, method="cholesky")
    return Sample.equal(**{c.key: x[:, i] for i, c in enumerate(components)})


def important_change(data: Dataset) -> tuple[float, float, float]:
    """Minimally important decrease in pain (IMMPACT: 10-20% of baseline) and a moderately important
    one (30%), in VAS points from the cohort's baseline."""
    base = float(data.value("cohort2.vas_baseline"))
    return tuple(base * float(data.value(f"dworkin2008.{k}")) / 100
                 for k in ("minimal_low_pct", "minimal_high_pct", "moderate_pct"))


# --- PyMC models (the chapters and tests only) ---------------------------------------------------

def denominator_model(triples, prior_n: dict[int, float]):
    """Cured, near-normal and other proportions (uniform Dirichlet prior) when the number analysed
    and the counts are unknown: the likelihood sums over every (n, cured, near-normal) count that
    rounds to the three reported percentages, each n weighted by its prior."""
    import pymc as pm
    from scipy.special import gammaln

    n, c, k = (np.asarray(x, dtype=float) for x in np.asarray(triples).T)
    r = n - c - k
    log_const = (gammaln(n + 1) - gammaln(c + 1) - gammaln(k + 1) - gammaln(r + 1)
                 + np.log([prior_n[int(m)] for m in n]))
    with pm.Model() as model:
        pi = pm.Dirichlet("pi", a=np.ones(3))
        terms = log_const + c * pm.math.log(pi[0]) + k * pm.math.log(pi[1]) + r * pm.math.log(pi[2])
        pm.Potential("rounded_percentages", pm.math.logsumexp(terms))
        pm.Deterministic("cure", pi[0])
        pm.Deterministic("near", pi[1])
        pm.Deterministic("strong", pi[0] + pi[1])
    return model


def decomposition_model(components, change: float, se: float):
    """The observed mean change as the sum of its parts, each with a normal prior."""
    import pymc as pm

    with pm.Model() as model:
        parts = [pm.Normal(c.key, c.mean, c.sd) for c in components]
        pm.Normal("observed_change", mu=sum(parts), sigma=se, observed=change)
    return model
