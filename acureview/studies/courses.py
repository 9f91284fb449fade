"""The courses of acupuncture the studies the review cites used: sessions per week and in all
(facts of the trial [1], the cohort [2] and Matsuura's study [3])."""

from __future__ import annotations

from ..data import Dataset

STUDY_SCHEDULES = {  # study: (sessions per week fact, weeks fact, total sessions fact)
    "R1": ("rct1.sessions_per_week", "rct1.weeks", None),
    "R2": (None, None, "cohort2.sessions_median"),
    "R3": ("matsuura.sessions_per_week", "matsuura.weeks", None),
}


def schedules(data: Dataset) -> dict[str, tuple[float | None, float | None]]:
    """Sessions per week and total sessions in each cited study (None where the record does not say)."""
    out = {}
    for ref, (per_week, weeks, total) in STUDY_SCHEDULES.items():
        pw = float(data.number(per_week)) if per_week else None
        n = float(data.number(total)) if total else pw * float(data.number(weeks))
        out[ref] = (pw, n)
    return out
