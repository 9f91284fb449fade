"""The check of the course of treatment the review proposes ('6-12 weekly sessions') against the
courses of the studies it cites (:mod:`acureview.studies.courses`)."""

from __future__ import annotations

from .. import fmt
from ..data import Claim, Dataset
from ..studies.courses import STUDY_SCHEDULES, fits, randomized, schedules
from ..verdicts import CONSISTENT, MAJOR, MINOR, REPRODUCED, UNCITED, UNSUPPORTED
from .evidence import BEARS, best_evidence, reason
from .registry import Result, check


@check(
    "schedule",
    kinds=("number",),
    reported=("range",),
    args={"evidence?": "facts", "bears?": BEARS, "finding?": "text"},
    rule="""Against the courses of the studies the review cites: a course fits when it is weekly and its number
    of sessions within the range; one whose spacing is not stated fits in number only. Where the claim cites
    them: reproduced when every course fits, consistent when the only doubt is a spacing not stated,
    unsupported otherwise. Where it cites none: uncited, minor when every course fits; when a randomized trial
    it cites used another course, its severity is set by the claim's importance, since a clinician following
    the range would give a course other than the one tested against a control; major when only uncontrolled
    studies differ; and by the claim's importance when none fits.""",
)
def schedule(claim: Claim, data: Dataset) -> Result:
    """'6–12 weekly sessions' against the courses of the studies the review cites (:func:`fits`),
    weighing most the course of a randomized trial (:func:`randomized`), and the best available
    evidence on courses in practice (``evidence``, ``bears``, ``finding`` as for support)."""
    lo, hi = (r.value for r in claim.numbers())  # '6–12 weekly sessions'
    best, ids = best_evidence(claim, data)
    found = schedules(data)
    parts, fit = [], {}
    for ref, (pw, n) in found.items():
        fit[ref] = fits(lo, hi, pw, n)
        how = f"{pw:g} a week" if pw else "frequency not stated, so within the range in number only"
        parts.append(f"[{data.sources[ref]['review_ref']}] {n:g} sessions ({how})")
    got = "; ".join(parts)
    ids = (*(f for facts in STUDY_SCHEDULES.values() for f in facts if f), *ids)
    if claim.refs:
        states = set(fit.values())
        verdict = UNSUPPORTED if False in states else CONSISTENT if None in states else REPRODUCED
        return Result(verdict, got, f"The studies the review cites used: {got}.", quotes=ids)
    if all(f is not False for f in fit.values()):
        return Result(
            UNCITED,
            got,
            reason(
                [
                    f"The review cites no source for the course; every study it cites elsewhere "
                    f"used a course within {lo:g}-{hi:g} weekly sessions: {got}"
                ],
                [best],
            ),
            severity=MINOR,
            quotes=ids,
        )
    tested = [r for r in randomized(data) if fit.get(r) is False]
    dose = "".join(
        f"; {lo:g}-{hi:g} sessions are {fmt.pct(lo / found[r][1], 0)} to {fmt.pct(hi / found[r][1], 0)} of the "
        f"{found[r][1]:g} the randomized trial [{data.sources[r]['review_ref']}] tested"
        for r in tested
    )
    others = sum(f is False for f in fit.values())
    return Result(
        UNCITED,
        got,
        reason(
            [
                f"The review cites no source for the course, and {others} of the {len(fit)} studies it cites "
                f"elsewhere used another schedule: {got}{dose}"
            ],
            [best],
        ),
        severity="" if tested or others == len(fit) else MAJOR,
        quotes=ids,
    )
