"""The certainty (GRADE) of each conclusion the review draws, from the ratings of data/grade.csv:
the ratings, the certainty by the algorithm (:mod:`acureview.methods.grade`), and the sentences a
verdict cites."""

from __future__ import annotations

from ..methods import grade as grade_method
from .answers import Appraisal
from .grounds import CONCLUSIONS


def ratings(appraisal: Appraisal, conclusion: str):
    """The GRADE ratings of one conclusion, by domain ('start' is its starting level)."""
    return {r.domain: r for r in appraisal.grade if r.conclusion == conclusion}


def certainty_of(
    appraisal: Appraisal, conclusion: str, override: dict[str, str] | None = None
) -> grade_method.Certainty:
    mine = ratings(appraisal, conclusion)
    given = {d: r.rating for d, r in mine.items() if d != "start"}
    given.update(override or {})
    return grade_method.certainty(mine["start"].rating, given)


def certainty(appraisal: Appraisal, conclusion: str) -> tuple[str, str]:
    """The certainty of the evidence for one of the review's conclusions (GRADE) and a sentence
    saying why, for a verdict to cite: ('very low', 'GRADE certainty that ...: very low (...).')."""
    c = CONCLUSIONS[conclusion]
    cert = certainty_of(appraisal, conclusion)
    mine = ratings(appraisal, conclusion)
    down = [
        f"{d} ({r.rating})"
        for d, r in mine.items()
        if d in grade_method.DOWNGRADE_DOMAINS and r.rating != "not serious"
    ]
    start = f"starting {mine['start'].rating}"
    why = f"{start}, rated down for {', '.join(down)}" if down else f"{start}, not rated down"
    return cert.level, f"GRADE certainty that {c.statement}: {cert.level} ({c.evidence}; {why})."


def certainty_range(appraisal: Appraisal) -> str:
    """The levels of certainty the conclusions reach, highest first, as prose: 'low or very low'."""
    levels = {certainty_of(appraisal, k).level for k in CONCLUSIONS}
    return " or ".join(lv for lv in grade_method.LEVELS[::-1] if lv in levels)


def certainty_sentence(appraisal: Appraisal, keys=("depression", "pain", "safety")) -> str:
    """One sentence for the review's summary claims: the certainty of each conclusion they combine."""
    parts = [f"{certainty(appraisal, k)[0]} for {CONCLUSIONS[k].title.lower()}" for k in keys]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"This book's GRADE assessment rates the certainty of the evidence {listed}."
