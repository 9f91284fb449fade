"""Checks of the review's statements on the individual-patient meta-analyses of chronic pain [4, 5]
(facts ``vickers2012.`` and ``vickers2018.``): the effects per condition against no acupuncture and
sham, and how long they persist."""

from __future__ import annotations

from .. import fmt
from ..data import Claim, Dataset
from ..studies.pain_meta import PAIN_CONDITIONS
from ..studies.sources import source_label
from ..verdicts import NOT_CHECKABLE, NOT_REPRODUCED, REPRODUCED
from .registry import Result, check

MODEST = 0.5  # a standardized difference below Cohen's 'medium' counts as modest
PERSISTS = 50  # an effect less than this many percent smaller at the horizon has mostly persisted

#: the analysis whose standardized differences the abstract of [4] gives, and the comparison with a
#: control that [4] did not pool for the fourth condition it set out to study
ANALYSIS, NOT_POOLED = "vickers2012.outlying", "vickers2012.none.shoulder"


@check(
    "pain.effects",
    kinds=("effect",),
    reported=None,
    rule=f"""Reproduced when, in each condition for which the meta-analysis gives standardized differences
    against both controls ({fmt.in_words(PAIN_CONDITIONS.values())}: the estimates it gives after excluding an
    outlying set of trials), acupuncture beats both no acupuncture and sham (every interval's lower limit above
    zero) and beats sham by less than {MODEST:g} standard deviations (below Cohen's 'medium': modest); not
    reproduced otherwise. A comparison the meta-analysis did not pool (shoulder pain against no acupuncture) is
    not checked, and the reason says so.""",
)
def pain_effects(claim: Claim, data: Dataset) -> Result:
    """Superiority over no acupuncture and a modest benefit over sham, per condition of [4], in the
    analysis whose numbers its abstract gives, with the comparison it did not pool named."""
    none, sham, superior = {}, {}, True
    for cond in PAIN_CONDITIONS:
        none[cond] = float(data.number(f"vickers2012.none.{cond}"))
        sham[cond] = float(data.number(f"vickers2012.sham.{cond}"))
        superior &= (
            float(data.number(f"vickers2012.none.{cond}_low")) > 0 < float(data.number(f"vickers2012.sham.{cond}_low"))
        )
    modest = max(sham.values()) < MODEST
    got = "; ".join(
        f"{PAIN_CONDITIONS[c]}: {none[c]:g} SD against no acupuncture, {sham[c]:g} against sham"
        for c in PAIN_CONDITIONS
    )
    span = (
        f"better than no acupuncture by {fmt.num(min(none.values()), 2)} to {fmt.num(max(none.values()), 2)} standard deviations "
        f"and than sham by {fmt.num(min(sham.values()), 2)} to {fmt.num(max(sham.values()), 2)}"
    )
    conditions = fmt.in_words(PAIN_CONDITIONS.values())
    analysis = data.fact(ANALYSIS).value
    unpooled = (
        f"For shoulder pain it gives no comparison with no acupuncture (\u201c{data.fact(NOT_POOLED).value}\u201d), "
        f"so superiority over no treatment is not shown there."
    )
    quotes = (*(f"vickers2012.{arm}.{c}" for arm in ("none", "sham") for c in PAIN_CONDITIONS), ANALYSIS, NOT_POOLED)
    if superior and modest:
        return Result(
            REPRODUCED,
            got,
            f"{source_label(data, 'R4')}, {analysis}, found acupuncture {span} for {conditions}, every "
            f"interval above zero, as the review says. {unpooled}",
            quotes=quotes,
        )
    if superior:
        return Result(
            NOT_REPRODUCED,
            got,
            f"The benefit over sham is not modest in every condition checked: {analysis}, acupuncture was "
            f"{span} ({MODEST:g} or more is not modest). {unpooled}",
            quotes=quotes,
        )
    return Result(
        NOT_REPRODUCED,
        got,
        f"Not every interval excludes zero: {analysis}, acupuncture was {span}. {unpooled}",
        quotes=quotes,
    )


@check(
    "pain.persistence",
    kinds=("number",),
    reported=("months",),
    rule=f"""Reproduced when the meta-analysis follows the effect to the review's horizon and finds it less than
    {PERSISTS:g}% smaller there; not reproduced when it is {PERSISTS:g}% smaller or more; not checkable when the
    review names a horizon the meta-analysis does not reach.""",
)
def pain_persistence(claim: Claim, data: Dataset) -> Result:
    """Effects persisting for the review's number of months ('≥ 12 months'), against the decay of
    the effect the update of the IPD meta-analysis [5] reports at its horizon."""
    months = claim.number()
    horizon = float(data.number("vickers2018.decay_months"))
    decay = float(data.number("vickers2018.decay_12m_pct"))
    when = "1 year" if horizon == 12 else f"{horizon:g} months"
    got = f"{decay:g}% smaller at {when}"
    if not months.agrees(horizon):
        missing = f"follow-up beyond {when} in the trials of the IPD meta-analysis; not in its abstract read"
        return Result(
            NOT_CHECKABLE,
            got,
            f"{source_label(data, 'R5')} follows the effect to {when} only "
            f"({decay:g}% smaller then); the review says {months}.",
            missing=missing,
        )
    if decay < PERSISTS:
        quotes = ("vickers2018.decay_12m_pct", "macpherson2017.sham.decline")
        return Result(
            REPRODUCED,
            got,
            f"{source_label(data, 'R5')} reports the effect {decay:g}% smaller at "
            f"{'one year' if horizon == 12 else when}, so most of it persists, as the review "
            f"says. That is the effect against all controls; against sham needling, an "
            f"analysis of the same trials, {source_label(data, 'MacPherson2017')}, found it "
            f"about halved by 12 months.",
            quotes=quotes,
        )
    return Result(
        NOT_REPRODUCED,
        got,
        f"{source_label(data, 'R5')} reports the effect {decay:g}% smaller at {'one year' if horizon == 12 else when}.",
    )
