"""The priors of the trial's Bayesian reanalysis, and the numbers they are built from.

Sources and principles (values in data/facts.csv and data/assumptions.csv):

- flat: uniform response rates in both arms;
- the conventional grid (after Zampieri et al. 2021 and Goligher et al. 2018): neutral priors
  centred on no effect, optimistic ones on the smallest worthwhile difference (Sahker et al. 2024)
  expressed as an odds ratio at the SSRI-alone response derived from Zhao et al. (2019), and
  pessimistic ones on the same harm; each weak, moderate or strong (prior.strength_*);
- evidence-based: Zhao et al. (2019)'s manual acupuncture + SSRIs vs SSRIs alone, as a log odds
  ratio at the derived SSRI-alone response, its variance inflated for indirectness.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ... import fmt
from ...data import Dataset
from ...methods.normal import z_two_sided, z_upper
from ...methods.priors import Prior, control_risk_from_ratio_interval, log_odds_ratio_from_risks, prior_data_conflict
from .counts import trial_log_or

STRENGTHS = ("weak", "moderate", "strong")

STANCES = ("neutral", "optimistic", "pessimistic")


@dataclass(frozen=True)
class Derived:
    """The SSRI-alone response of Zhao et al. (2019) that its own figures imply."""

    value: float  # the mean of the two arms' estimates from the intervals as printed
    low: float  # the smallest and largest estimate when each printed limit moves by half
    high: float  # its last digit (the interval's rounding)
    by_arm: dict  # arm -> estimate from its interval as printed
    from_p: dict  # arm -> estimate from its P value (a check)


def ssri_response(data: Dataset) -> Derived:
    """The response with SSRIs alone in Zhao et al. (2019), derived from each acupuncture arm's
    risk ratio, 95% interval and the arm sizes (the interval's width fixes the standard error of
    the log risk ratio, which depends on the control risk); the interval's rounding gives the range
    and the P values a check."""
    n0 = int(data.number("zhao2019.ssri.randomized"))
    by_arm, from_p, spread = {}, {}, []
    for arm in ("ma", "ea"):
        rr, lo, hi = (float(data.number(f"zhao2019.{arm}.{k}")) for k in ("rr", "rr_low", "rr_high"))
        n1 = int(data.number(f"zhao2019.{arm}.randomized"))
        by_arm[arm] = control_risk_from_ratio_interval(rr, lo, hi, n1, n0)
        for dl, dh in ((-0.005, 0.005), (0.005, -0.005)):
            spread.append(control_risk_from_ratio_interval(rr, lo + dl, hi + dh, n1, n0))
        z = z_upper(float(data.number(f"zhao2019.{arm}.p")) / 2)
        se = math.log(rr) / z
        z95 = z_two_sided()
        from_p[arm] = control_risk_from_ratio_interval(rr, rr * math.exp(-z95 * se), rr * math.exp(z95 * se), n1, n0)
    return Derived(float(np.mean(list(by_arm.values()))), min(spread), max(spread), by_arm, from_p)


def important_difference(data: Dataset) -> tuple[float, float, float]:
    """The threshold of a clinically important benefit as a risk difference, with its quartiles:
    the smallest worthwhile difference in response rates of Sahker et al. (2024)."""
    return tuple(float(data.number(f"sahker2024.swd_{k}")) / 100 for k in ("median", "q1", "q3"))


def thresholds(data: Dataset) -> dict[float, str]:
    """The thresholds of benefit the chapter reports (risk differences), each with its source."""
    mid, q1, q3 = important_difference(data)
    return {
        0.0: "any benefit",
        q1: "lower quartile of the smallest worthwhile difference (Sahker et al. 2024)",
        mid: "median smallest worthwhile difference (Sahker et al. 2024)",
        q3: "upper quartile of the smallest worthwhile difference (Sahker et al. 2024)",
    }


def evidence_based(
    data: Dataset, arm: str = "ma", control_risk: float | None = None, inflation: float | None = None
) -> Prior:
    """Normal prior on the log OR from Zhao et al. (2019)'s risk ratio for ``arm``, at the derived
    SSRI-alone response (or ``control_risk``), its variance multiplied by ``inflation`` (default
    the assumption ``prior.evidence_inflation``; 1 is no discount)."""
    p0 = ssri_response(data).value if control_risk is None else control_risk
    k = data.assumption("prior.evidence_inflation").value if inflation is None else inflation
    rr = float(data.number(f"zhao2019.{arm}.rr"))
    n1, n0 = int(data.number(f"zhao2019.{arm}.randomized")), int(data.number("zhao2019.ssri.randomized"))
    loc, se = log_odds_ratio_from_risks(rr * p0, p0, n1, n0)
    what = {"ma": "manual acupuncture", "ea": "electroacupuncture"}[arm]
    return Prior(
        "evidence" if inflation is None and arm == "ma" and control_risk is None else f"evidence_{arm}_{k:g}",
        "evidence-based",
        "normal",
        loc,
        se * math.sqrt(k),
        data.assumption("prior.baseline_sd").value,
        f"Zhao et al. (2019), {what} + SSRIs vs SSRIs alone: RR {rr:g} at an SSRI-alone response of "
        f"{fmt.num(p0, 2)}, variance x {k:g} for indirectness",
    )


def optimistic_centre(data: Dataset) -> float:
    """Log odds ratio of the median smallest worthwhile difference at the derived SSRI-alone response."""
    p0 = ssri_response(data).value
    p1 = p0 + important_difference(data)[0]
    return math.log(p1 / (1 - p1)) - math.log(p0 / (1 - p0))


def conventional(data: Dataset, stance: str, strength: str, centre: float | None = None) -> Prior:
    """A prior of the conventional grid: ``stance`` neutral, optimistic or pessimistic; ``strength``
    the probability (``prior.strength_<strength>``) an optimistic prior gives to no benefit, a
    pessimistic one to benefit, and a neutral one to an effect beyond the optimistic centre
    (:func:`optimistic_centre`, derived here unless the caller has it)."""
    c = optimistic_centre(data) if centre is None else centre
    tail = data.assumption(f"prior.strength_{strength}").value
    sd = c / z_upper(tail)
    loc = {"neutral": 0.0, "optimistic": c, "pessimistic": -c}[stance]
    what = {
        "neutral": f"no effect, P(OR > {fmt.num(math.exp(c), 1)}) = {tail:g}",
        "optimistic": f"OR {fmt.num(math.exp(c), 1)}, P(no benefit) = {tail:g}",
        "pessimistic": f"OR {fmt.num(math.exp(-c), 2)}, P(benefit) = {tail:g}",
    }[stance]
    return Prior(
        f"{stance}_{strength}",
        f"{stance}, {strength}",
        "normal",
        loc,
        sd,
        data.assumption("prior.baseline_sd").value,
        f"centred on {what}",
    )


def priors(data: Dataset) -> dict[str, Prior]:
    """Every prior of the chapter, in the order its tables show them: flat, the nine of the
    conventional grid, and the evidence-based prior."""
    out = {"flat": Prior("flat", "flat", "uniform", basis="uniform response rates in both arms")}
    centre = optimistic_centre(data)
    for stance in STANCES:
        for strength in STRENGTHS:
            p = conventional(data, stance, strength, centre)
            out[p.key] = p
    out["evidence"] = evidence_based(data)
    return out


def conflict(data: Dataset, prior: Prior) -> tuple[float, float]:
    """Box's prior-data conflict of a normal prior with the trial's log odds ratio: z and its P."""
    return prior_data_conflict(prior.loc, prior.scale, *trial_log_or(data))


EXTREME_HARM = 0.95  # a prior giving harm at least this probability is shown as an extreme, not a reasonable one


def harm_probability(prior: Prior) -> float:
    """The probability ``prior`` gives to harm (a log odds ratio below 0); 0.5 for the flat prior,
    whose log odds ratio is symmetric about 0."""
    if prior.family == "uniform":
        return 0.5
    return prior.cdf(0.0)


def reasonable(data: Dataset) -> dict[str, Prior]:
    """The priors a sceptical but fair reader could hold: every prior of :func:`priors` except the
    extremes, those that give harm a probability of at least :data:`EXTREME_HARM` before the trial."""
    return {k: p for k, p in priors(data).items() if harm_probability(p) < EXTREME_HARM - 1e-9}
