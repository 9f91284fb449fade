"""The numbers of the Bayesian chapter's sensitivity analyses of the trial [1]: each normal prior's
conflict with the trial, the evidence-based prior's inputs varied, the dropouts' response varied,
and the spread the dropouts' prior allows; and the size of the earlier trial the evidence-based
prior rests on."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ...data import Dataset
from ...methods.normal import z_two_sided
from ...methods.priors import Prior
from .bayes_priors import conflict, evidence_based, priors, ssri_response
from .posteriors import randomized_summary

#: the arms of Zhao 2019 an evidence-based prior can be built from, with the chapter's names
ZHAO_ARMS = {"ma": "manual", "ea": "electro"}

#: how the dropouts' response may differ between the arms, as means of the two arms' log IMORs
#: (acupuncture, medication alone)
DROPOUT_DIRECTIONS = {
    "like completers": (0.0, 0.0),
    "acupuncture dropouts worse, medication dropouts better": (-1.0, 1.0),
    "acupuncture dropouts better, medication dropouts worse": (1.0, -1.0),
}

UNDISCOUNTED = "evidence-based, no discount"


@dataclass(frozen=True)
class Setting:
    """One setting of a sensitivity analysis and the posterior it gives among all randomized
    (``summary``: :func:`~.posteriors.randomized_summary`)."""

    label: str  # the arm of Zhao 2019, or the dropouts' direction
    value: float  # the SSRI-alone response, or the spread of the dropouts' log IMOR
    factor: float  # the variance factor of the evidence-based prior
    prior: Prior
    summary: dict


def zhao_randomized(data: Dataset) -> int:
    """How many patients Zhao 2019 randomized, over its three arms."""
    return int(sum(data.number(f"zhao2019.{a}.randomized") for a in ("ma", "ea", "ssri")))


def conflicts(data: Dataset) -> dict[str, tuple[float, float]]:
    """Box's prior-data conflict (z, two-sided P) of every normal prior, by prior label, and of the
    evidence-based prior without its discount (:data:`UNDISCOUNTED`)."""
    out = {p.label: conflict(data, p) for p in priors(data).values() if p.family == "normal"}
    out[UNDISCOUNTED] = conflict(data, evidence_based(data, inflation=1.0))
    return out


def evidence_inputs(data: Dataset) -> list[Setting]:
    """The evidence-based prior built from each arm of Zhao 2019, at the low, derived and high
    SSRI-alone response and the low, chosen and high variance factor, with its posterior."""
    derived = ssri_response(data)
    inflation = data.assumption("prior.evidence_inflation")
    out = []
    for arm, label in ZHAO_ARMS.items():
        for p0 in (derived.low, derived.value, derived.high):
            for k in (inflation.low, inflation.value, inflation.high):
                prior = evidence_based(data, arm=arm, control_risk=p0, inflation=k)
                out.append(Setting(label, p0, k, prior, randomized_summary(data, prior)))
    return out


def dropout_directions(data: Dataset, n: int = 3) -> list[Setting]:
    """The evidence-based posterior when the dropouts' response differs from the completers' in
    each direction of :data:`DROPOUT_DIRECTIONS`, at ``n`` spreads of the dropouts' prior (from
    the assumption's low to its high)."""
    prior = priors(data)["evidence"]
    k = data.assumption("prior.evidence_inflation").value
    return [
        Setting(label, sd, k, prior, randomized_summary(data, prior, imor_sd=sd, imor_mean=means))
        for label, means in DROPOUT_DIRECTIONS.items()
        for sd in data.assumption("attrition.imor_sd").span(n)
    ]


def imor_factor(data: Dataset) -> float:
    """How many times more or less often, in odds, a dropout may respond than a completer (the 95%
    range of the dropouts' prior on the log IMOR)."""
    return math.exp(z_two_sided() * data.assumption("attrition.imor_sd").value)
