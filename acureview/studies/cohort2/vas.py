"""The cohort's change in pain (0-10 VAS): the paired test under every combination of the unknown
12-month SD, correlation and number analysed; the observed change at the central assumptions."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from ...data import Dataset
from ...methods.bounds import paired_t_from_summary, sd_of_change
from .counts import participants, review_n


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


def vas_change(data: Dataset) -> tuple[float, float, float]:
    """The cohort's mean pain (VAS 0-10) at baseline and at 12 months, and the fall between them."""
    before, after = float(data.number("cohort2.vas_baseline")), float(data.number("cohort2.vas_12m"))
    return before, after, before - after


def vas_scenarios(data: Dataset, n_values=None, points: int = 5) -> list[VasScenario]:
    """The paired test of the VAS change under every combination of the unknown 12-month SD, the
    baseline-to-12-month correlation and the number analysed."""
    change = vas_change(data)[2]
    sd0 = float(data.number("cohort2.vas_baseline_sd"))
    if n_values is None:
        n_values = sorted({n for n in (review_n(data), *participants(data)) if n})
    out = []
    for n, sd1, r in itertools.product(
        n_values, data.assumption("cohort2.vas_12m_sd").span(points), data.assumption("cohort2.vas_r").span(points)
    ):
        sdc = sd_of_change(sd0, sd1, r)
        t, p = paired_t_from_summary(change, sdc, n)
        out.append(VasScenario(n, sd1, r, sdc, t, p, change / sd0, change / sdc))
    return out


def observed_change(data: Dataset, n: int | None = None) -> tuple[float, float]:
    """The mean VAS change and its standard error at the central assumptions."""
    change = vas_change(data)[2]
    sdc = sd_of_change(
        float(data.number("cohort2.vas_baseline_sd")),
        data.assumption("cohort2.vas_12m_sd").value,
        data.assumption("cohort2.vas_r").value,
    )
    n = n or review_n(data) or min(participants(data))
    return change, sdc / np.sqrt(n)
