"""Bayesian model (b), exactly: what the published trials predict for a year's change in a cohort
like [2], in three parts (specific to needling, non-specific, natural course), the parts' posterior
given the observed change, the check of the prediction, and the effects read as responders.
:func:`decompose` is the one source of the posterior at the central assumptions (the chapter, the
appraisal and the conclusion check all read it, the needling-specific part included).

The meta-analyses that give the priors are ``vickers2012.`` and ``macpherson2017.``; the
assumptions are in ``data/assumptions.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ...data import Dataset
from ...lazy import lazy
from ...methods.normal import se_from_interval, z_two_sided
from ...methods.posterior import Sample
from ..pain_meta import PAIN_CONDITIONS
from .vas import observed_change

pd = lazy("pandas")
special = lazy("scipy.special")
stats = lazy("scipy.stats")


@dataclass(frozen=True)
class Component:
    key: str
    name: str
    mean: float  # VAS points of improvement at 12 months
    sd: float
    basis: str
    smd: float = float("nan")  # the same on the standardized scale
    smd_sd: float = float("nan")
    conversion_sd: float = 0.0  # the uncertainty (SD) of the SD that converts every part to points: one factor, shared


USUAL_CARE_ARMS = ("foster2007", "thomas2006", "cherkin2001", "vickers2004")


def _points(smd: float, smd_sd: float, sd: float, sd_sd: float) -> tuple[float, float]:
    """A standardized difference in VAS points, the conversion's own uncertainty included
    (variance of a product of independent normals). Every part shares the one conversion, so the
    parts covary (:func:`prior_covariance`)."""
    return smd * sd, float(np.sqrt((sd * smd_sd) ** 2 + (smd * sd_sd) ** 2 + (smd_sd * sd_sd) ** 2))


def effect_at_followup(
    data: Dataset, control: str, condition: str = "back_neck", quarters: float | None = None
) -> tuple[float, float]:
    """Acupuncture's standardized effect against ``control`` ('sham' or 'none') at the cohort's
    12-month assessment: the IPD meta-analysis's effect (Vickers et al. 2012) less the decay per
    3 months that MacPherson et al. (2017) found for that kind of control, times the 3-month
    periods since treatment ended. Returns the mean and its standard error."""
    q = data.assumption("cohort2.quarters_after").value if quarters is None else quarters
    est, lo, hi = (float(data.number(f"vickers2012.{control}.{condition}{s}")) for s in ("", "_low", "_high"))
    dec, dlo, dhi = (float(data.number(f"macpherson2017.{control}.decline{s}")) for s in ("", "_low", "_high"))
    return est - q * dec, float(np.hypot(se_from_interval(lo, hi), q * se_from_interval(dlo, dhi)))


def natural_course(data: Dataset) -> tuple[float, float, int]:
    """Improvement from baseline in the no-acupuncture (usual-care) arms of the long-term trials
    of MacPherson et al. (2017), Table 3, in SD: their mean, their spread between trials (the
    predictive SD for a new group of patients) and their number."""
    v = np.array([float(data.number(f"macpherson2017.usual.{k}")) for k in USUAL_CARE_ARMS])
    return float(v.mean()), float(v.std(ddof=1)), len(v)


def same_trials_effect(data: Dataset) -> tuple[float, float, int]:
    """Acupuncture against no acupuncture in the same trials, arms and weeks as
    :func:`natural_course` (MacPherson et al. 2017, Table 3): each trial's improvement in its
    acupuncture arm less that in its no-acupuncture arm, in SD; their mean, their spread between
    trials and their number. Unadjusted differences of the arms' changes, a year after baseline."""
    v = np.array(
        [
            float(data.number(f"macpherson2017.acupuncture.{k}")) - float(data.number(f"macpherson2017.usual.{k}"))
            for k in USUAL_CARE_ARMS
        ]
    )
    return float(v.mean()), float(v.std(ddof=1)), len(v)


def decomposition_priors(
    data: Dataset,
    condition: str = "back_neck",
    sd_smd: float | None = None,
    quarters: float | None = None,
    natural: tuple[float, float] | None = None,
    whole: tuple[float, float] | None = None,
) -> list[Component]:
    """What the published trials predict for a year's change in a cohort like [2], in three parts
    (VAS points of improvement at 12 months):

    - specific to needling: acupuncture vs sham (Vickers et al. 2012, ``condition``), less the decay
      of sham-controlled effects (MacPherson et al. 2017);
    - non-specific (the ritual, attention and expectation of acupuncture): acupuncture vs no
      acupuncture (or ``whole``, its mean and SD, e.g. :func:`same_trials_effect`) minus
      acupuncture vs sham, each with its own decay;
    - natural course, regression to the mean and usual care: the improvement in the usual-care
      arms of the long-term trials (MacPherson et al. 2017, Table 3), or ``natural`` (mean, SD).

    Standardized effects become points through ``sd_smd`` (default ``cohort2.sd_for_smd``), whose
    range is carried as a 95% interval of the conversion."""
    a = data.assumption("cohort2.sd_for_smd")
    sd = a.value if sd_smd is None else sd_smd
    sd_sd = se_from_interval(a.low, a.high)
    sham, sham_se = effect_at_followup(data, "sham", condition, quarters)
    none, none_se = effect_at_followup(data, "none", condition, quarters) if whole is None else whole
    nat, nat_sd, k = natural_course(data) if natural is None else (*natural, 0)
    label = PAIN_CONDITIONS[condition]
    parts = [
        (
            "specific",
            "specific to needling",
            sham,
            sham_se,
            f"acupuncture vs sham, {label}, less its decay to month 12",
        ),
        (
            "non_specific",
            "non-specific (ritual, attention, expectation)",
            none - sham,
            float(np.hypot(none_se, sham_se)),
            f"(vs no acupuncture) minus (vs sham), {label}, each less its decay"
            if whole is None
            else "(vs no acupuncture in the same trials as the natural course) minus (vs sham, less its decay)",
        ),
        (
            "natural",
            "natural course, regression to the mean, usual care",
            nat,
            nat_sd,
            f"usual-care arms of {k} long-term trials" if k else "as given",
        ),
    ]
    out = []
    for key, name, m, s, basis in parts:
        pm_, ps_ = _points(m, s, sd, sd_sd)
        out.append(Component(key, name, pm_, ps_, basis, m, s, sd_sd))
    return out


def prior_covariance(components: list[Component]) -> np.ndarray:
    """The parts' prior covariance in VAS points. Each part is its standardized effect times the one
    SD that converts them all, so an SD larger than assumed enlarges every part at once: besides
    each part's own variance, parts i and j covary by smd_i * smd_j * var(SD) (the covariance of
    two products sharing an independent factor). Parts without a conversion are independent."""
    v = np.diag([c.sd**2 for c in components])
    for i, a in enumerate(components):
        for j, b in enumerate(components):
            if i != j and a.conversion_sd and b.conversion_sd:
                v[i, j] = a.smd * b.smd * a.conversion_sd * b.conversion_sd
    return v


def decomposition_posterior(components: list[Component], change: float, se: float) -> tuple[np.ndarray, np.ndarray]:
    """Exact posterior mean vector and covariance of the parts (prior covariance
    :func:`prior_covariance`), given their sum observed with error."""
    m = np.array([c.mean for c in components])
    v = prior_covariance(components)
    ones = np.ones(len(components))
    s = ones @ v @ ones + se**2
    gain = v @ ones / s
    return m + gain * (change - ones @ m), v - np.outer(gain, ones @ v)


@dataclass(frozen=True)
class Decomposition:
    """The cohort's year of change in three parts: what the trials predict (``parts``, the priors),
    the change observed with its standard error, and the parts' exact posterior (``mean``, ``cov``)."""

    parts: list[Component]
    change: float
    se: float
    mean: np.ndarray
    cov: np.ndarray

    @property
    def sd(self) -> np.ndarray:
        """The posterior SD of each part."""
        return np.sqrt(np.diag(self.cov))

    @property
    def specific(self) -> tuple[float, float, float]:
        """The part specific to needling: posterior mean and 95% credible interval (VAS points)."""
        half = z_two_sided() * self.sd[0]
        return float(self.mean[0]), float(self.mean[0] - half), float(self.mean[0] + half)

    @property
    def shrink(self) -> float:
        """Posterior SD of the needling-specific part over its prior SD: 1 where the cohort's data
        say nothing of it."""
        return float(self.sd[0] / self.parts[0].sd)

    def p_specific_above(self, points: float) -> float:
        """The posterior probability that the needling-specific part is at least ``points``."""
        return float(stats.norm(self.mean[0], self.sd[0]).sf(points))


SOURCES = {
    "meta-analyses": "acupuncture vs no acupuncture from the IPD meta-analysis, less its decay",
    "same trials": "acupuncture vs no acupuncture in the same long-term trials as the natural course",
}


def decompose(
    data: Dataset,
    condition: str = "back_neck",
    sd_smd: float | None = None,
    quarters: float | None = None,
    source: str = "meta-analyses",
) -> Decomposition:
    """Model (b): the parts the trials predict (:func:`decomposition_priors`, at the central
    assumptions unless given), the observed change and the parts' posterior given it.

    Where each part comes from: the needling-specific part from the sham-controlled trials of the
    IPD meta-analysis (Vickers et al. 2012), decayed to month 12 as MacPherson et al. (2017) found
    for sham-controlled trials; the natural course from the no-acupuncture arms of the four
    long-term trials of MacPherson et al. (2017), Table 3 (sham-controlled trials have no untreated
    arm, so no natural course can come from them); acupuncture as a whole against no acupuncture
    either from the IPD meta-analysis, decayed (``source='meta-analyses'``, the central model), or
    from the same four trials as the natural course (``source='same trials'``). All the trials are
    of the Acupuncture Trialists' Collaboration's data set; the conversion SD is one factor shared
    by every part (:func:`prior_covariance`)."""
    if source not in SOURCES:
        raise ValueError(f"source {source!r} is not one of {sorted(SOURCES)}")
    whole = same_trials_effect(data)[:2] if source == "same trials" else None
    parts = decomposition_priors(data, condition, sd_smd=sd_smd, quarters=quarters, whole=whole)
    change, se = observed_change(data)
    mean, cov = decomposition_posterior(parts, change, se)
    return Decomposition(parts, change, se, mean, cov)


def prediction_check(components: list[Component], change: float, se: float) -> tuple[float, float, float, float]:
    """The change the trials predict for the cohort (sum of the parts, mean and SD) against the
    observed one: (predicted mean, predicted SD, z, two-sided P)."""
    m = sum(c.mean for c in components)
    sd = float(np.sqrt(prior_covariance(components).sum()))
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
    rd = float(special.expit(special.logit(control_rate) + smd * np.pi / np.sqrt(3)) - control_rate)
    return rd, (1 / rd if rd > 0 else float("inf"))


def responder_table(data: Dataset, condition: str = "back_neck"):
    """For the needling-specific effect (vs sham) and the whole of acupuncture (vs no acupuncture)
    at the cohort's 12-month assessment: the standardized effect with its 95% interval, and the
    difference in responders (30% less pain) and NNT at each assumed control share of responders."""
    a = data.assumption("cohort2.responder_control")
    z95 = z_two_sided()
    rows = []
    for control, label in (
        ("sham", "needling-specific (vs sham)"),
        ("none", "acupuncture as a whole (vs no acupuncture)"),
    ):
        m, se = effect_at_followup(data, control, condition)
        for rate in (a.low, a.value, a.high):
            rd, nnt = responders(m, rate)
            rd_lo, _ = responders(m - z95 * se, rate)
            rd_hi, _ = responders(m + z95 * se, rate)
            rows.append(
                {
                    "comparison": label,
                    "SMD at 12 months": m,
                    "SMD low": m - z95 * se,
                    "SMD high": m + z95 * se,
                    "responders without it": rate,
                    "more responders": rd,
                    "low": rd_lo,
                    "high": rd_hi,
                    "NNT": nnt,
                }
            )
    return pd.DataFrame(rows)


def prior_sensitivity(data: Dataset):
    """Model (b) across every condition, conversion SD (low, central, high) and time since
    treatment (low, central, high): the needling-specific part (VAS points), how far the cohort
    narrows it (posterior SD over prior SD), the predicted total (points) and the NNT against
    sham at the assumed share of responders without it. Numbers, one row a combination."""
    rate = data.assumption("cohort2.responder_control").value
    rows = []
    for condition, label in PAIN_CONDITIONS.items():
        for sd in data.assumption("cohort2.sd_for_smd").span(3):
            for q in data.assumption("cohort2.quarters_after").span(3):
                variant = decompose(data, condition, sd_smd=sd, quarters=q)
                predicted = prediction_check(variant.parts, variant.change, variant.se)[0]
                rows.append(
                    {
                        "condition": label,
                        "SD for SMD": float(sd),
                        "months after treatment": 3 * float(q),
                        "specific part (points)": variant.parts[0].mean,
                        "posterior SD / prior SD": variant.shrink,
                        "predicted total (points)": predicted,
                        "NNT vs sham": responders(variant.parts[0].smd, rate)[1],
                    }
                )
    return pd.DataFrame(rows)
