"""Checks that compare a claim with one or more recorded facts, for any study."""
from __future__ import annotations

from ..data import Claim, Dataset
from ..methods.rounding import decimals_of
from ..verdicts import NOT_REPRODUCED, OVERSTATED, REPRODUCED, UNVERIFIABLE
from . import Result, check


def _agrees(fact_value, expected) -> bool:
    if isinstance(fact_value, (int, float)) and isinstance(expected, float):
        return abs(fact_value - expected) <= 0.5 * 10.0 ** (-decimals_of(expected)) + 1e-12
    return str(expected).strip().lower() in str(fact_value).strip().lower()


def _expected(value, n: int) -> list:
    """One expected value per fact: ``'6.2|3.2'`` pairs with two facts; a single value serves all."""
    parts = str(value).split("|") if isinstance(value, str) else [value]
    if len(parts) == 1:
        return parts * n
    if len(parts) != n:
        raise ValueError(f"{len(parts)} values for {n} facts")
    out = []
    for p in parts:
        try:
            out.append(float(p))
        except ValueError:
            out.append(p.strip())
    return out


@check("fact")
def fact_states(claim: Claim, data: Dataset) -> Result:
    """The claim's ``fact`` (one id or several, comma-separated) must hold its ``value`` (one value
    for all, or one per fact separated by ``|``).

    A fact the record does not give (type 'missing') makes the claim unverifiable; the fact's
    note says what is missing.
    """
    ids = [s.strip() for s in str(claim.reported["fact"]).split(",")]
    expected = claim.reported["value"]
    wants = _expected(expected, len(ids))
    missing = [i for i in ids if not data.known(i)]
    if missing:
        notes = "; ".join(data.fact(i).note or i for i in missing)
        return Result(UNVERIFIABLE, "not in the record", f"The record read does not give it: {notes}.")
    shown = "; ".join(f"{data.fact(i).value}{(' ' + data.fact(i).unit) if data.fact(i).unit else ''}"
                      for i in ids)
    wrong = [i for i, want in zip(ids, wants) if not _agrees(data.value(i), want)]
    where = ", ".join(sorted({data.fact(i).locator for i in ids}))
    if wrong:
        said = " and ".join(str(w) for w in wants) if "|" in str(expected) else str(expected)
        return Result(NOT_REPRODUCED, shown, f"The record ({where}) gives {shown}, not '{said}'.")
    return Result(REPRODUCED, shown, f"The record ({where}) gives {shown}.")


@check("wording")
def wording(claim: Claim, data: Dataset) -> Result:
    """The record must make the review's statement as strongly as the review does.

    ``fact`` is the recorded statement; ``says`` is the stronger wording of the review that the
    record would have to contain. Missing fact: unverifiable; wording absent: overstated.
    """
    fid, says = str(claim.reported["fact"]), str(claim.reported["says"])
    if not data.known(fid):
        return Result(UNVERIFIABLE, "not in the record", f"The record read does not give it: {data.fact(fid).note}.")
    recorded = str(data.value(fid))
    where = data.fact(fid).locator
    if says.lower() in recorded.lower():
        return Result(REPRODUCED, recorded, f"The record ({where}) says: '{recorded}'.")
    return Result(OVERSTATED, recorded, f"The record ({where}) says only: '{recorded}'; "
                                        f"it does not say '{says}'.")
