"""The safety evidence the review's safety section rests on: the adverse-event rates of the
prospective study of Bäumler 2021, each with its 95% interval, as the facts record them, and the
chance that a study of a given size sees no adverse event at those rates."""

from __future__ import annotations

from ..data import Dataset
from ..lazy import lazy

pd = lazy("pandas")

#: measure -> (fact of the lower limit, fact of the upper limit, what is counted); facts of Bäumler 2021
ADVERSE_EVENT_RATES = {
    "ae_patients_pct": ("ae_patients_low", "ae_patients_high", "% of patients with at least one adverse event"),
    "ae_treatments_pct": ("ae_treatments_low", "ae_treatments_high", "% of treatments with an adverse event"),
    "sae_per_10000": ("sae_low", "sae_high", "serious adverse events per 10,000 patients"),
    "sae_per_million_treatments": (
        "sae_treatments_low",
        "sae_treatments_high",
        "serious adverse events per million treatments",
    ),
}


def adverse_event_rates(data: Dataset):
    """One row a rate of Bäumler 2021: the measure (its fact), the estimate, its interval and what is
    counted."""

    def value(key: str) -> float:
        return float(data.number(f"baeumler2021.{key}"))

    return pd.DataFrame(
        [
            {"measure": key, "estimate": value(key), "low": value(low), "high": value(high), "unit": unit}
            for key, (low, high, unit) in ADVERSE_EVENT_RATES.items()
        ]
    )


def chance_of_no_adverse_events(data: Dataset, n: int, rate: str = "ae_patients_pct") -> float:
    """The chance that none of ``n`` patients has an adverse event, at Bäumler 2021's share of
    patients with at least one (``rate``: the estimate, or ``ae_patients_low`` for its lower limit)."""
    return (1 - float(data.number(f"baeumler2021.{rate}")) / 100) ** int(n)
