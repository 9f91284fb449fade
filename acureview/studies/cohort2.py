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


# --- Bayesian model (b): what the published trials predict for this cohort ------------------------

@dataclass(frozen=True)
class Component:
    key: str
    name: str
    mean: float  # VAS points of improvement at 12 months
    sd: float
    basis: str
    smd: float = float("nan")  # the same on the standardized scale
    smd_sd: float = float("nan")


USUAL_CARE_ARMS = ("foster2007", "thomas2006", "cherkin2001", "vickers2004")
Z95 = 1.959963984540054


def _ci_se(lo: float, hi: float) -> float:
    return (hi - lo) / (2 * Z95)


def _points(smd: float, smd_sd: float, sd: float, sd_sd: float) -> tuple[float, float]:
    """A standardized difference in VAS points, the conversion's own uncertainty included
    (variance of a product of independent normals)."""
    return smd * sd, float(np.sqrt((sd * smd_sd) ** 2 + (smd * sd_sd) ** 2 + (smd_sd * sd_sd) ** 2))


def effect_at_followup(data: Dataset, control: str, condition: str = "back_neck",
                       quarters: float | None = None) -> tuple[float, float]:
    """Acupuncture's standardized effect against ``control`` ('sham' or 'none') at the cohort's
    12-month assessment: the IPD meta-analysis's effect (Vickers et al. 2012) less the decay per
    3 months that MacPherson et al. (2017) found for that kind of control, times the 3-month
    periods since treatment ended. Returns the mean and its standard error."""
    q = data.assumption("cohort2.quarters_after").value if quarters is None else quarters
    est, lo, hi = (float(data.value(f"vickers2012.{control}.{condition}{s}")) for s in ("", "_low", "_high"))
    dec, dlo, dhi = (float(data.value(f"macpherson2017.{control}.decline{s}")) for s in ("", "_low", "_high"))
    return est - q * dec, float(np.hypot(_ci_se(lo, hi), q * _ci_se(dlo, dhi)))


def natural_course(data: Dataset) -> tuple[float, float, int]:
    """Improvement from baseline in the no-acupuncture (usual-care) arms of the long-term trials
    of MacPherson et al. (2017), Table 3, in SD: their mean, their spread between trials (the
    predictive SD for a new group of patients) and their number."""
    v = np.array([float(data.value(f"macpherson2017.usual.{k}")) for k in USUAL_CARE_ARMS])
    return float(v.mean()), float(v.std(ddof=1)), len(v)


def decomposition_priors(data: Dataset, condition: str = "back_neck", sd_smd: float | None = None,
                         quarters: float | None = None, natural: tuple[float, float] | None = None) -> list[Component]:
    """What the published trials predict for a year's change in a cohort like [2], in three parts
    (VAS points of improvement at 12 months):

    - specific to needling: acupuncture vs sham (Vickers et al. 2012, ``condition``), less the decay
      of sham-controlled effects (MacPherson et al. 2017);
    - non-specific (the ritual, attention and expectation of acupuncture): acupuncture vs no
      acupuncture minus acupuncture vs sham, each with its own decay;
    - natural course, regression to the mean and usual care: the improvement in the usual-care
      arms of the long-term trials (MacPherson et al. 2017, Table 3), or ``natural`` (mean, SD).

    Standardized effects become points through ``sd_smd`` (default ``cohort2.sd_for_smd``), whose
    range is carried as a 95% interval of the conversion."""
    a = data.assumption("cohort2.sd_for_smd")
    sd = a.value if sd_smd is None else sd_smd
    sd_sd = _ci_se(a.low, a.high)
    sham, sham_se = effect_at_followup(data, "sham", condition, quarters)
    none, none_se = effect_at_followup(data, "none", condition, quarters)
    nat, nat_sd, k = natural_course(data) if natural is None else (*natural, 0)
    label = CONDITIONS[condition]
    parts = [
        ("specific", "specific to needling", sham, sham_se,
         f"acupuncture vs sham, {label}, less its decay to month 12"),
        ("non_specific", "non-specific (ritual, attention, expectation)", none - sham, float(np.hypot(none_se, sham_se)),
         f"(vs no acupuncture) minus (vs sham), {label}, each less its decay"),
        ("natural", "natural course, regression to the mean, usual care", nat, nat_sd,
         f"usual-care arms of {k} long-term trials" if k else "as given"),
    ]
    out = []
    for key, name, m, s, basis in parts:
        pm_, ps_ = _points(m, s, sd, sd_sd)
        out.append(Component(key, name, pm_, ps_, basis, m, s))
    return out


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


def prediction_check(components: list[Component], change: float, se: float) -> tuple[float, float, float, float]:
    """The change the trials predict for the cohort (sum of the parts, mean and SD) against the
    observed one: (predicted mean, predicted SD, z, two-sided P)."""
    m = sum(c.mean for c in components)
    sd = float(np.sqrt(sum(c.sd ** 2 for c in components)))
    z = (change - m) / np.hypot(sd, se)
    return m, sd, float(z), float(2 * stats.norm.sf(abs(z)))


def decomposition_reference(components, change, se, size: int = 400_000, seed: int = 0) -> Sample:
    mean, cov = decomposition_posterior(components, change, se)
    x = np.random.default_rng(seed).multivariate_normal(mean, cov, size=size, method="cholesky")
    return Sample.equal(**{c.key: x[:, i] for i, c in enumerate(components)})


def responders(smd: float, control_rate: float) -> tuple[float, float]:
    """A standardized difference read as responders (IMMPACT: group differences as proportions of
    responders): the difference in the share of responders and the number needed to treat, at a
    responder share ``control_rate`` without the effect (logistic conversion, Chinn 2000)."""
    from scipy.special import expit, logit

    rd = float(expit(logit(control_rate) + smd * np.pi / np.sqrt(3)) - control_rate)
    return rd, (1 / rd if rd > 0 else float("inf"))


def responder_table(data: Dataset, condition: str = "back_neck"):
    """For the needling-specific effect (vs sham) and the whole of acupuncture (vs no acupuncture)
    at the cohort's 12-month assessment: the standardized effect with its 95% interval, and the
    difference in responders (30% less pain) and NNT at each assumed control share of responders."""
    import pandas as pd

    a = data.assumption("cohort2.responder_control")
    rows = []
    for control, label in (("sham", "needling-specific (vs sham)"), ("none", "acupuncture as a whole (vs no acupuncture)")):
        m, se = effect_at_followup(data, control, condition)
        for rate in (a.low, a.value, a.high):
            rd, nnt = responders(m, rate)
            rd_lo, _ = responders(m - Z95 * se, rate)
            rd_hi, _ = responders(m + Z95 * se, rate)
            rows.append({"comparison": label, "SMD at 12 months": m, "SMD low": m - Z95 * se, "SMD high": m + Z95 * se,
                         "responders without it": rate, "more responders": rd, "low": rd_lo, "high": rd_hi,
                         "NNT": nnt})
    return pd.DataFrame(rows)


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
