"""Checks that compare a claim with one or more recorded facts, for any study."""
from __future__ import annotations

from ..data import Claim, Dataset
from ..stats import decimals_of
from ..verdicts import NOT_REPRODUCED, REPRODUCED, UNVERIFIABLE
from . import Result, check


def _agrees(fact_value, expected) -> bool:
    if isinstance(fact_value, (int, float)) and isinstance(expected, float):
        return abs(fact_value - expected) <= 0.5 * 10.0 ** (-decimals_of(expected)) + 1e-12
    return str(expected).strip().lower() in str(fact_value).strip().lower()


@check("fact")
def fact_states(claim: Claim, data: Dataset) -> Result:
    """The claim's ``fact`` (one id or several, comma-separated) must hold its ``value``.

    A fact the record does not give (type 'missing') makes the claim unverifiable; the fact's
    note says what is missing.
    """
    ids = [s.strip() for s in str(claim.reported["fact"]).split(",")]
    expected = claim.reported["value"]
    missing = [i for i in ids if not data.known(i)]
    if missing:
        notes = "; ".join(data.fact(i).note or i for i in missing)
        return Result(UNVERIFIABLE, "not in the record", f"The record read does not give it: {notes}.")
    shown = "; ".join(f"{data.fact(i).value}{(' ' + data.fact(i).unit) if data.fact(i).unit else ''}"
                      for i in ids)
    wrong = [i for i in ids if not _agrees(data.value(i), expected)]
    where = ", ".join(sorted({data.fact(i).locator for i in ids}))
    if wrong:
        return Result(NOT_REPRODUCED, shown, f"The record ({where}) gives {shown}, not '{expected}'.")
    return Result(REPRODUCED, shown, f"The record ({where}) gives {shown}.")
