"""What a verdict becomes under each reading of a text not read.

A verdict that rests on a text this book could not read (a claim not checkable, one consistent
until a number is confirmed, one inconsistent on the review's own number) is shown beside the
verdict it would have under each reading that text could give (``data/readings.csv``): the claim's
own check, run on a copy of the dataset in which the facts the reading supplies are given as a full
text would give them (:func:`supplied`). Nothing here changes a claim's verdict: the verdict table
computes these with it, once per version of the inputs (:func:`rows`), and publishes them beside it
(``whatif.csv``, ``whatif.json``: :data:`RESOURCE`), where the cards read them
(:func:`acureview.verify.whatifs`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from . import checks
from .data import DataError, Dataset, Reading
from .studies.preconditions import faults
from .verdicts import CONSISTENT, INCONSISTENT, NOT_CHECKABLE

#: the table of the verdicts under each reading (a Frictionless Data Resource), which declares its columns
RESOURCE = Path(__file__).resolve().parent / "whatif.resource.json"
COLUMNS = [f["name"] for f in json.loads(RESOURCE.read_text(encoding="utf-8"))["schema"]["fields"]]

#: the verdicts that may wait on a text not read: each has its readings, or the card says why none could change it
WAITING = (NOT_CHECKABLE, CONSISTENT, INCONSISTENT)

#: the card's words for a verdict of :data:`WAITING` that no reading bears on
NO_READING = (
    "No text left unread bears on this verdict: what it rests on was read, or could not be found, "
    "so no reading of an unread text could change it."
)

#: where a fact that a reading supplies stands: a full text not read (never shown as a source's words)
LOCATOR = "full text (a reading, not read)"


@dataclass(frozen=True)
class Outcome:
    """A reading and the claim's verdict under it: its severity (for a problem) and reason."""

    reading: Reading
    verdict: str
    severity: str
    reason: str


def supplied(data: Dataset, reading: Reading) -> Dataset:
    """A copy of ``data`` with the facts that ``reading`` supplies given as a full text would give
    them (their type from the value; the rest of each fact, its unit and denominator, kept)."""
    facts = dict(data.facts)
    for fact_id, value in reading.supplies.items():
        kind = "int" if isinstance(value, int) else "float" if isinstance(value, float) else "text"
        facts[fact_id] = replace(
            facts[fact_id], type=kind, value=value, locator=LOCATOR, read_from="full text", quote=str(value), note=""
        )
    return replace(data, facts=facts)


def _fault(data: Dataset, reading: Reading, message: str) -> DataError:
    return DataError(data.folder / "readings.csv", reading.row, "supplies", message, line=reading.line)


def outcome(data: Dataset, reading: Reading) -> Outcome:
    """The verdict of the reading's claim with the facts it supplies. A reading whose facts break
    what the computations assume, or that supplies a fact the claim's check does not read (so that
    it could not change the verdict), is refused at its cell of readings.csv."""
    copy = supplied(data, reading)
    for fault in faults(copy):
        raise _fault(data, reading, f"with {fault.message}")
    result, read = checks.run_reading(data.claim(reading.claim_id), copy)
    unread = [f for f in reading.supplies if f not in read]
    if unread:
        raise _fault(data, reading, f"the check of {reading.claim_id} does not read {', '.join(unread)}")
    return Outcome(reading, result.verdict, result.severity, result.reason)


def pending(data: Dataset, reading: Reading) -> bool:
    """Whether every fact the reading supplies is still given by no text read: once a text is read
    and its fact added to facts.csv, the readings of that fact are moot and no longer shown."""
    return all(not data.known(f) for f in reading.supplies)


def outcomes(data: Dataset, claim_id: str) -> list[Outcome]:
    """The verdict of a claim under each reading of a text not read that bears on it (:func:`pending`),
    in the order of readings.csv (none for a claim that rests on no text not read)."""
    return [outcome(data, r) for r in data.readings_of(claim_id) if pending(data, r)]


def none_could_change(data: Dataset, claim_id: str, verdict: str) -> str:
    """The card's sentence for a verdict that may wait on a text not read (:data:`WAITING`) but has no
    reading to show (:data:`NO_READING`); '' for any other verdict, and for one with readings."""
    if verdict not in WAITING or any(pending(data, r) for r in data.readings_of(claim_id)):
        return ""
    return NO_READING


def table(data: Dataset) -> tuple[list[dict[str, str]], list[DataError]]:
    """Every claim's verdict under each reading still pending (:func:`outcomes`): one row a reading,
    in the claims' order then readings.csv's, plain strings in :data:`COLUMNS`; and each reading
    these data refuse (:func:`outcome`), as a :class:`~acureview.data.DataError` at its cell. A
    reading the data leave without bearing on its claim (a check that stops at another fact first)
    does not stop the verdict table, which judges the data as they are; it stops the book, whose
    card could not show it (:func:`acureview.verify.check_chapters`)."""
    rows, faults = [], []
    for c in data.claims:
        for r in data.readings_of(c.claim_id):
            if not pending(data, r):
                continue
            try:
                o = outcome(data, r)
            except DataError as e:
                faults.append(e)
                continue
            rows.append(
                {
                    "claim_id": c.claim_id,
                    "reading_id": r.reading_id,
                    "reading": r.words,
                    "basis": r.basis,
                    "verdict": o.verdict,
                    "severity": o.severity,
                    "reason": o.reason,
                }
            )
    return rows, faults


def rows(data: Dataset) -> list[dict[str, str]]:
    """The rows of :func:`table`: what the verdict table publishes and the cards show."""
    return table(data)[0]
