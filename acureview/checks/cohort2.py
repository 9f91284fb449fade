"""Checks of the review's claims about the Norwegian cohort [2] (facts prefixed ``cohort2.``).

The abstract is the record read: it gives the percentages but not their denominators or
definitions, nor the SDs at follow-up. Where a check needs those, it uses the assumptions of
``data/assumptions.csv`` over their whole range, and the reason says so.
"""

from __future__ import annotations

import math

from .. import fmt
from ..data import Claim, Dataset
from ..methods.rounding import counts_for, counts_for_percentage
from ..studies import cohort2 as cohort
from ..studies.pain_meta import PAIN_CONDITIONS, sham_shares
from ..studies.safety import chance_of_no_adverse_events
from ..verdicts import (
    CONSISTENT,
    INCONSISTENT,
    MINOR,
    NOT_CHECKABLE,
    NOT_REPRODUCED,
    OVERSTATED,
    REPRODUCED,
    UNSUPPORTED,
)
from .common import full_text_sought
from .registry import Result, check

LARGE = 0.8  # Cohen's convention for a large standardized effect
NOT_RECORDED = "not recorded"  # what a record says of adverse events it did not collect
RARE = 0.05  # a chance of no adverse events below this is told as 'about k in N studies'
DEFINITIONS = {"strong": "cohort2.strong_definition", "cure": "cohort2.cure_definition"}
LABELS = {"strong": "strong responders", "cure": "'complete cure'", "near": "near-normal health"}
PERCENTAGES_FACTS = cohort.PERCENTAGES


def _range(ns: list[int]) -> str:
    return f"{min(ns)} to {max(ns)}" if len(ns) > 1 else str(ns[0])


def _odds(p: float) -> str:
    """A small probability as a reader says it: 0.00066 -> '7 in 10,000', 0.012 -> '1 in 100'."""
    scale = 10 ** math.ceil(-math.log10(p))
    return f"{fmt.num(p * scale, 0)} in {scale:,}"


@check(
    "cohort2.n",
    kinds=("number",),
    reported=("count",),
    rule="""With the number analysed recorded: reproduced when it is the review's (the reason adds the percentages
    no whole count out of it gives, a rounding slip), not reproduced otherwise. Without it: inconsistent when out
    of the review's n no whole count gives one of the percentages it reports beside it, or n is not a
    denominator they allow together (a GRIM failure: the review's own numbers cannot all be right), minor, the
    gap being one of rounding; the reason and the card's readings say what the number analysed would make of it
    (a rounding slip, or the review's n wrong). Consistent otherwise (the number analysed would confirm it).""",
)
def sample_size(claim: Claim, data: Dataset) -> Result:
    n = int(claim.number().value)
    part = cohort.participants(data)
    new = int(data.number("cohort2.new_patients"))
    pct = cohort.percentages(data)
    got = f"participants {_range(part)} ({data.number('cohort2.participation_pct'):g}% of {new}); number analysed not in the record"
    failing = [k for k, p in pct.items() if not counts_for_percentage(p, n, 0)]
    which = ", ".join(f"{pct[k]:g}% ({LABELS[k]})" for k in failing) or "the three percentages together"
    near = (
        "; ".join(f"{k}/{n} = {fmt.pct(k / n)}" for k in cohort.neighbouring_counts(pct[failing[0]], n))
        if failing
        else ""
    )
    if data.known("cohort2.n_analysed"):
        m = int(data.number("cohort2.n_analysed"))
        if m != n:
            return Result(NOT_REPRODUCED, str(m), f"The record gives {m} patients analysed.")
        slip = f"; out of {n} no whole count gives {which} ({near}), a rounding slip" if failing else ""
        return Result(REPRODUCED, str(m), f"The record gives {m} patients analysed{slip}.")
    if failing or n not in cohort.denominators(data, [n]):
        flag = f"no whole count gives {which}{f' ({near})' if near else ''}"
        missing = data.fact("cohort2.n_analysed").note
        return Result(
            INCONSISTENT,
            got,
            f"The review's own numbers cannot all be right: out of its {n} patients {flag}, a GRIM failure, "
            "minor in itself as the gap is one of rounding, and the abstract gives no number analysed, while its "
            f"{data.number('cohort2.participation_pct'):g}% participation, read as a share of its {new} new "
            f"patients (it does not say of whom), implies {_range(part)} participants, so the review's {n} is "
            f"found nowhere in the text read. The failure does not say which number is wrong: if {n} were the "
            "number analysed at 12 months, the only problem would be a rounding slip, by the review or the source, "
            f"and if every participant were analysed, the review's {n} would be wrong; the public full text would "
            f"settle it with {missing.split(':')[0]}.",
            severity=MINOR,
        )
    return Result(
        CONSISTENT,
        got,
        f"The abstract gives no number analysed; {n} is compatible with the percentages, "
        f"and {data.number('cohort2.participation_pct'):g}% of {new} is {_range(part)} participants. "
        f"The number analysed would confirm it: {data.fact('cohort2.n_analysed').note}.",
    )


@check(
    "cohort2.responder_pct",
    kinds=("number",),
    reported=("percent", "number?"),
    args={"which": tuple(LABELS)},
    rule="""Not reproduced when the abstract's percentage differs from the review's beyond rounding, or its recorded
    definition has another threshold than the review's; consistent when the percentage agrees but the definition
    is in no text read (the full text would confirm it); reproduced when both agree. The reason adds when no whole
    count out of the review's n gives the percentage.""",
)
def responder_pct(claim: Claim, data: Dataset) -> Result:
    """'75% were strong responders (≥ 8 T-score gain ...)': reported '75%; ≥ 8' (the percentage,
    and the threshold of the definition where the review gives one)."""
    which = claim.arg("which")
    want = claim.number(0)
    recorded = cohort.percentages(data)[which]
    got = f"{recorded:g}% of an unstated denominator"
    quotes = (PERCENTAGES_FACTS[which],)
    said = f"The abstract gives {recorded:g}% {LABELS[which]}"
    if not want.agrees(recorded):
        return Result(NOT_REPRODUCED, got, f"{said}; the review says {want}.", quotes=quotes)
    n = cohort.review_n(data)
    grim = ""
    if n and not counts_for(want, n):
        grim = f" No whole count out of the review's n = {n} gives {want}."
    definition = DEFINITIONS.get(which)
    if definition is None:
        return Result(REPRODUCED, got, f"{said}, as the review says.{grim}", quotes=quotes)
    if not data.known(definition):
        item = data.fact(definition).note.partition(": ")[0]
        return Result(
            CONSISTENT,
            got,
            f"{said}, as the review says; the full text would confirm the review's "
            f"{item.removeprefix('the ')} and the denominator.{grim}",
            quotes=quotes,
        )
    rule = str(data.value(definition))
    threshold = claim.number(1).value if len(claim.items()) > 1 else None
    if threshold is None or f"{threshold:g}" in rule:
        return Result(
            REPRODUCED, f"{got}; {rule}", f"The record gives {recorded:g}% {LABELS[which]}, defined as {rule}.{grim}"
        )
    return Result(
        NOT_REPRODUCED,
        f"{got}; {rule}",
        f"The record defines {LABELS[which]} as {rule}, not with a threshold of {float(threshold):g}.{grim}",
    )


@check(
    "cohort2.vas_test",
    kinds=("p_value",),
    reported=("p", "text"),
    rule=f"""The change in pain is recomputed from the abstract's means and SDs under every combination of the
    unreported 12-month SD, the correlation and the number analysed (their ranges in the assumptions).
    Reproduced when every combination gives the review's P value and a standardized change of at least
    {LARGE:g} (Cohen's 'large'); overstated when only one of the two holds throughout; not reproduced when
    neither does.""",
)
def vas_test(claim: Claim, data: Dataset) -> Result:
    """'P < 0.001; large effect size': the review's P value against every scenario's, and a
    standardized change of at least Cohen's 'large'."""
    said = claim.number(0)
    scenarios = cohort.vas_scenarios(data)
    p_max = max(s.p for s in scenarios)
    dz_min = min(s.d_z for s in scenarios)
    d0 = scenarios[0].d_baseline
    sd = data.assumption("cohort2.vas_12m_sd")
    r = data.assumption("cohort2.vas_r")
    ns = sorted({s.n for s in scenarios})
    got = f"d = {fmt.num(d0, 2)} (baseline SD); d_z {fmt.num(dz_min, 2)} or more; P at most {p_max:.1e}"
    basis = (
        f"recomputed from {data.number('cohort2.vas_baseline'):g} (SD {data.number('cohort2.vas_baseline_sd'):g}) to "
        f"{data.number('cohort2.vas_12m'):g} with the 12-month SD ({sd.low:g} to {sd.high:g}), the correlation "
        f"({r.low:g} to {r.high:g}) and the number analysed ({_range(ns)}) unknown"
    )
    significant = all(said.agrees(s.p) for s in scenarios)
    large = min(d0, dz_min) >= LARGE
    if significant and large:
        return Result(
            REPRODUCED,
            got,
            f"The abstract gives p < .001 and a large effect size, and recomputing from "
            f"its numbers gives the same whatever the unreported details (a change of at "
            f"least {fmt.num(min(d0, dz_min), 2)} standard deviations, where {LARGE:g} is large). "
            f"This is a change within treated patients, not a difference from a control "
            f"group.",
        )
    if significant or large:
        return Result(
            OVERSTATED,
            got,
            f"Only part holds across the assumptions; {basis}: largest P value {fmt.p_number(p_max)}, "
            f"smallest standardized change {fmt.num(min(d0, dz_min), 2)}.",
        )
    return Result(
        NOT_REPRODUCED,
        got,
        f"{basis}: largest P value {fmt.p_number(p_max)}, smallest standardized change {fmt.num(min(d0, dz_min), 2)}.",
    )


@check(
    "cohort2.adverse_events",
    kinds=("qualitative",),
    reported=None,
    args={"events": "count"},
    rule=f"""With the number of adverse events recorded: reproduced when it is the review's, not reproduced
    otherwise; unsupported when the record says they were not recorded. Without it: not checkable, and the reason
    gives the chance of no adverse event among the patients at the rate of large studies and at the lower limit of
    its 95% interval (told as 'about k in N studies' when below {RARE:g}), and the searches for the full text.""",
)
def adverse_events(claim: Claim, data: Dataset) -> Result:
    """'No adverse events occurred': ``events=0`` is the check's reading of the review's words."""
    said = int(float(claim.arg("events")))
    if data.known("cohort2.adverse_events") and data.value("cohort2.adverse_events") == NOT_RECORDED:
        return Result(
            UNSUPPORTED,
            "adverse events not recorded",
            "The record says that adverse events were not recorded, so it cannot say that none occurred.",
        )
    if data.known("cohort2.adverse_events"):
        k = int(data.number("cohort2.adverse_events"))
        verdict = REPRODUCED if k == said else NOT_REPRODUCED
        return Result(verdict, f"{k} adverse events", f"The record gives {k} adverse events.")
    ns = sorted({n for n in (cohort.review_n(data), *cohort.participants(data)) if n})
    rate = float(data.number("baeumler2021.ae_patients_pct")) / 100
    low = float(data.number("baeumler2021.ae_patients_low")) / 100
    chance = chance_of_no_adverse_events(data, ns[0])
    best = chance_of_no_adverse_events(data, ns[0], "ae_patients_low")
    # the abstract gives no safety denominator: the patients treated are at least its participants
    # (its participation rate of its new patients), which the review's n may fall short of
    part = cohort.participants(data)
    among, extra = f"{ns[0]}", ""
    if ns[0] < min(part):
        src = chance_of_no_adverse_events(data, min(part), "ae_patients_low")
        among = f"the review's {ns[0]}"
        extra = (
            f", and among the {min(part)} to {max(part)} participants that the abstract's "
            f"{fmt.num(float(data.number('cohort2.participation_pct')), 0)}% of its "
            f"{data.number('cohort2.new_patients')} new patients gives (it states no safety denominator) "
            f"{_chance(src)} at the lower limit"
        )
    missing = data.fact("cohort2.adverse_events").note
    sought = full_text_sought(data, claim)
    return Result(
        NOT_CHECKABLE,
        "not in the text read",
        missing=missing,
        reason="The abstract does not mention adverse events; "
        + (f"{sought[:1].lower()}{sought[1:]}, which would say " if sought else "the public full text would say ")
        + f"{missing[:1].lower()}{missing[1:].split(':')[0]}. In large studies {fmt.pct(rate, 0)} of patients "
        f"(95% CI {fmt.pct(low, 0)} to {fmt.pct(float(data.number('baeumler2021.ae_patients_high')) / 100, 0)}) "
        f"have at least one adverse event, so none among {among} would happen {_chance(chance)} at the estimate "
        f"and {_chance(best)} at its lower limit{extra}"
        + ("; 'no adverse events' more likely means none were recorded." if best < RARE else "."),
    )


def _chance(p: float) -> str:
    """The chance of no adverse event in words: 'in about 7 in 10,000 such studies' below :data:`RARE`."""
    return f"in about {_odds(p)} such studies" if p < RARE else f"with probability {fmt.num(p, 2)}"


@check(
    "cohort2.causal",
    kinds=("qualitative",),
    reported=None,
    rule="""Overstated when the record names no comparison group: a change within treated patients cannot separate
    needling from natural course, regression to the mean and placebo; not checkable when it names one whose
    matched analysis was not read.""",
)
def causal(claim: Claim, data: Dataset) -> Result:
    psm, hill = str(data.value("cohort2.psm")), str(data.value("cohort2.hill"))
    shares = [1 - share for share in sham_shares(data).values()]
    got = f"{psm}; {hill}"
    if data.known("cohort2.comparison_group"):
        missing = "the matched analysis in the full text (public, open access), not read"
        return Result(
            NOT_CHECKABLE,
            got,
            f"The record names a comparison group ({data.value('cohort2.comparison_group')}); "
            f"whether matching supports a causal reading needs {missing}.",
            missing=missing,
        )
    return Result(
        OVERSTATED,
        got,
        f"The abstract says only that a Hill-criteria analysis 'suggested causation' and names no matched "
        f"comparison group, so the improvement may reflect natural course, regression to the mean and "
        f"placebo effects (in the pain meta-analysis [4], {fmt.pct(min(shares), 0)} to {fmt.pct(max(shares), 0)} of "
        f"acupuncture's benefit over no treatment was also seen with sham needling). An untreated matched group in the "
        f"full text would make the causal reading stronger.",
        quotes=(
            "cohort2.psm",
            "cohort2.hill",
            *(f"vickers2012.{arm}.{c}" for c in PAIN_CONDITIONS for arm in ("sham", "none")),
        ),
    )
