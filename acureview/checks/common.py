"""Checks that compare a claim with one or more recorded facts, for any study."""
from __future__ import annotations

from ..data import Claim, ClaimInputError, Dataset
from ..methods.rounding import Reported, agrees, parse_number
from ..verdicts import NOT_REPRODUCED, OVERSTATED, REPRODUCED, UNVERIFIABLE
from . import Result, check


def _agrees(fact_value, expected: Reported | str) -> bool:
    """A recorded value against what the review (or the check) expects: a number within rounding
    at the expected number's own precision; a text as a part of the recorded text."""
    if isinstance(expected, Reported):
        if isinstance(fact_value, (int, float)):
            return agrees(fact_value, expected)
        return expected.number in str(fact_value)
    return str(expected).strip().lower() in str(fact_value).strip().lower()


def expectations(claim: Claim) -> tuple[list[str], list]:
    """The facts of a ``fact`` claim and what each must hold: the first facts take, in order, the
    numbers the review reports (``reported``); the rest the check's ``value`` (one value for all
    of them, or one per fact separated by ``|``; a number in it compares within rounding)."""
    ids = [s.strip() for s in claim.arg("fact").split(",")]
    wants: list = list(claim.numbers())
    values = [v.strip() for v in claim.args["value"].split("|")] if "value" in claim.args else []
    rest = len(ids) - len(wants)
    if len(values) == 1 and rest > 1:
        values = values * rest
    if rest < 0 or len(values) != rest:
        where = "reported" if claim.reported else "args"
        raise ClaimInputError(where, f"{len(ids)} fact(s) ({', '.join(ids)}) but {len(wants)} reported number(s) "
                                     f"and {len(values)} value(s) in args")
    for v in values:
        try:
            wants.append(parse_number(v))
        except ValueError:
            wants.append(v)
    return ids, wants


def _validate_fact(claim: Claim, data: Dataset) -> None:
    expectations(claim)


@check("fact", reported=None, args={"fact": "facts", "value?": "text"}, validate=_validate_fact)
def fact_states(claim: Claim, data: Dataset) -> Result:
    """The claim's ``fact`` (one id or several, comma-separated) must hold what the review reports
    (its numbers, in ``reported``, in order) and the check's ``value`` for the rest (see
    :func:`expectations`).

    A fact the record does not give (type 'missing') makes the claim unverifiable; the fact's
    note says what is missing.
    """
    ids, wants = expectations(claim)
    missing = [i for i in ids if not data.known(i)]
    if missing:
        notes = "; ".join(data.fact(i).note or i for i in missing)
        return Result(UNVERIFIABLE, "not in the record", f"The record read does not give it: {notes}.")
    shown = "; ".join(f"{data.fact(i).value}{(' ' + data.fact(i).unit) if data.fact(i).unit else ''}"
                      for i in ids)
    wrong = [i for i, want in zip(ids, wants) if not _agrees(data.value(i), want)]
    where = ", ".join(sorted({data.fact(i).locator for i in ids}))
    if wrong:
        said = " and ".join(str(w) for w in wants)
        return Result(NOT_REPRODUCED, shown, f"The record ({where}) gives {shown}, not '{said}'.")
    return Result(REPRODUCED, shown, f"The record ({where}) gives {shown}.")


@check("wording", reported=None, args={"fact": "fact", "says": "text"})
def wording(claim: Claim, data: Dataset) -> Result:
    """The record must make the review's statement as strongly as the review does.

    ``fact`` is the recorded statement; ``says`` is the stronger wording of the review that the
    record would have to contain. Missing fact: unverifiable; wording absent: overstated.
    """
    fid, says = claim.arg("fact"), claim.arg("says")
    if not data.known(fid):
        return Result(UNVERIFIABLE, "not in the record", f"The record read does not give it: {data.fact(fid).note}.")
    recorded = str(data.value(fid))
    where = data.fact(fid).locator
    if says.lower() in recorded.lower():
        return Result(REPRODUCED, recorded, f"The record ({where}) says: '{recorded}'.")
    return Result(OVERSTATED, recorded, f"The record ({where}) says only: '{recorded}'; "
                                        f"it does not say '{says}'.")
