"""The Norwegian cohort's [2] counts (facts prefixed ``cohort2.``): the responder percentages, the
participants the participation rate implies, the denominators that fit every percentage, and the
number of patients the review gives."""

from __future__ import annotations

from ...data import Dataset
from ...methods.rounding import compatible_denominators, counts_for_percentage

PERCENTAGES = {"strong": "cohort2.strong_responders_pct", "cure": "cohort2.cure_pct", "near": "cohort2.near_normal_pct"}

PARTS = ("strong", ("cure", "near"))  # strong responders = complete cure + near-normal


def percentages(data: Dataset) -> dict[str, float]:
    return {k: float(data.number(f)) for k, f in PERCENTAGES.items()}


def participants(data: Dataset, base: float | None = None) -> list[int]:
    """The numbers of participants that give the reported participation rate as a share of ``base``
    patients (default: the assumption ``cohort2.participation_base``, the 354 new patients; the
    abstract does not say of whom the rate is a share)."""
    of = data.assumption("cohort2.participation_base").value if base is None else base
    return counts_for_percentage(float(data.number("cohort2.participation_pct")), int(round(of)), 0)


def neighbouring_counts(pct: float, n: int) -> list[int]:
    """The two whole counts out of ``n`` either side of ``pct`` percent (to show why none fits)."""
    k = int(pct * n / 100)
    return [k, k + 1]


def denominators(data: Dataset, n_values=None) -> dict[int, dict[str, list[int]]]:
    """Denominators compatible with all three responder percentages (and their sum)."""
    if n_values is None:
        n_values = range(1, int(data.number("cohort2.new_patients")) + 1)
    return compatible_denominators(percentages(data), n_values, 0, PARTS)


def review_n(data: Dataset) -> int | None:
    """The sample size the review gives for the cohort (the claim checked by ``cohort2.n``)."""
    claims = data.claims_using("cohort2.n")
    return int(claims[0].number().value) if claims else None
