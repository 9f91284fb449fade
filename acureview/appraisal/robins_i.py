"""The ROBINS-I assessment of the cohort [2]: its outcomes, each domain's judgement (or another, to
show what it would give) and the overall judgement by the algorithm (:mod:`acureview.methods.robins_i`).
Every function takes the loaded :class:`~acureview.appraisal.answers.Appraisal`."""

from __future__ import annotations

from ..methods import robins_i as robins_method
from .answers import Appraisal


def robins_outcomes(appraisal: Appraisal) -> list[str]:
    """The outcomes assessed, in the file's order."""
    return list(dict.fromkeys(a.outcome for a in appraisal.robins_i))


def robins_judgements(appraisal: Appraisal, outcome: str, override: dict[str, str] | None = None) -> dict[str, str]:
    """Each domain's judgement for ``outcome``, in the tool's order (``override``: other judgements)."""
    rows = appraisal.robins_i
    out = {a.domain: a.answer for a in rows if a.outcome == outcome and a.question == "judgment"}
    out.update(override or {})
    return {d: out[d] for d in robins_method.DOMAINS}


def robins_overall(appraisal: Appraisal, outcome: str | None = None, override: dict[str, str] | None = None) -> str:
    """The overall judgement for ``outcome`` (default the first): the most severe domain decides."""
    outcome = outcome or robins_outcomes(appraisal)[0]
    return robins_method.overall(list(robins_judgements(appraisal, outcome, override).values()))
