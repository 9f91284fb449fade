"""The courses of acupuncture the studies the review cites used: sessions per week and in all
(facts of the trial [1], the cohort [2] and Matsuura's study [3]), whether each fits a range of
weekly sessions, and which studies tested their course against a control (randomized)."""

from __future__ import annotations

from ..data import Dataset

STUDY_SCHEDULES = {  # study: (sessions per week fact, weeks fact, total sessions fact)
    "R1": ("rct1.sessions_per_week", "rct1.weeks", None),
    "R2": (None, None, "cohort2.sessions_median"),
    "R3": ("matsuura.sessions_per_week", "matsuura.weeks", None),
}
DESIGNS = {"R1": "rct1.design"}  # study: the fact that names its design, where one was read
RANDOMIZED = "randomized"  # a design that names this word tested its course against a control


def randomized(data: Dataset) -> tuple[str, ...]:
    """The cited studies whose recorded design is randomized (their course is the one tested)."""
    return tuple(ref for ref, fid in DESIGNS.items() if RANDOMIZED in str(data.value(fid)).lower())


def fits(lo: float, hi: float, per_week: float | None, total: float) -> bool | None:
    """Whether a course fits 'lo-hi weekly sessions': True when weekly and within the range, False
    when not weekly or outside it, None when within it in number but its spacing is not stated."""
    if not lo <= total <= hi or (per_week is not None and per_week != 1):
        return False
    return True if per_week == 1 else None


def schedules(data: Dataset) -> dict[str, tuple[float | None, float | None]]:
    """Sessions per week and total sessions in each cited study (None where the record does not say)."""
    out = {}
    for ref, (per_week, weeks, total) in STUDY_SCHEDULES.items():
        pw = float(data.number(per_week)) if per_week else None
        n = float(data.number(total)) if total else pw * float(data.number(weeks))
        out[ref] = (pw, n)
    return out
