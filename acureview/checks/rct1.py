"""Checks of the review's claims about the Tiaoqi Jieyu RCT [1] (facts prefixed ``rct1.``).

The arithmetic lives in :mod:`acureview.studies.rct1`; every reason that rests on counts
reconstructed from the review's own percentages says so.
"""

from __future__ import annotations

from .. import fmt
from ..data import Claim, ClaimInputError, Dataset
from ..methods.pvalues import TESTS as EVERY_TEST
from ..methods.pvalues import explain, names, span
from ..methods.rounding import counts_for
from ..studies.rct1 import (
    ARMS,
    HYPOTHESIS_WORDS,
    P_TEST,
    PCT_CHECK,
    STUDY,
    Arm,
    arm,
    arms,
    p_agreement,
    p_summary,
    p_tests,
    p_text,
    scenario_significance,
    test_used,
    tested_counts,
    with_dropouts,
)
from ..verdicts import CONSISTENT, INCONSISTENT, MINOR, NOT_CHECKABLE, NOT_REPRODUCED, OVERSTATED, REPRODUCED
from .common import not_checkable
from .registry import Result, check


def counts_unknown(data: Dataset, why: str) -> Result:
    """Not checkable, for a check that needs the trial's response counts and does not have them: the
    missing counts named, and ``why`` (what cannot be computed without them)."""
    return not_checkable(data, [f"{STUDY}.obs.responders", f"{STUDY}.ctrl.responders"], why)


def _basis(obs: Arm, ctrl: Arm) -> str:
    if obs.source == ctrl.source == "record":
        return "on the trial's reported counts"
    return (
        "on the counts implied by the review's percentages and the trial's completers "
        f"({obs.responders} of {obs.analysed} against {ctrl.responders} of {ctrl.analysed})"
    )


def _tested_basis(data: Dataset) -> str:
    """Which counts a significance test takes, in words: those of :func:`_basis`, or every patient
    randomized where the dropouts' responses are known."""
    obs, ctrl = arms(data)
    if not with_dropouts(data):
        return _basis(obs, ctrl)
    y1, n1, y0, n0 = tested_counts(data)
    return (
        f"on every patient randomized, the dropouts' responses as the trial's report gives them "
        f"({y1} of {n1} against {y0} of {n0})"
    )


@check(
    "rct1.year_design",
    kinds=("citation",),
    reported=("year", "text"),
    rule="""Reproduced when the trial's year is the review's and its title names the design the review names
    (an 'RCT' is a randomized controlled trial); not reproduced otherwise.""",
)
def year_design(claim: Claim, data: Dataset) -> Result:
    """'A 2023 RCT': reported '2023; RCT'."""
    year, design = int(data.number(f"{STUDY}.year")), str(data.value(f"{STUDY}.design"))
    want_year = int(claim.number(0).value)
    want_design = claim.text(1).lower()
    got = f"{design}, {year}"
    ok_design = want_design in design.lower() or (want_design == "rct" and "randomized controlled" in design.lower())
    said = f"The trial's title calls it a {design}, and it was published in {year}"
    quotes = (f"{STUDY}.design", f"{STUDY}.year")
    if year == want_year and ok_design:
        return Result(REPRODUCED, got, f"{said}, as the review says.", quotes=quotes)
    return Result(NOT_REPRODUCED, got, f"{said}; the review says {claim.text(1)} of {want_year}.", quotes=quotes)


@check(
    "rct1.name",
    kinds=("citation",),
    reported=("text",),
    rule="""Reproduced when the review spells the intervention as the trial does (ignoring case); otherwise not
    reproduced, minor when the review's own reference list spells it as the trial does.""",
)
def name(claim: Claim, data: Dataset) -> Result:
    """The intervention's name as the review writes it in its text. A spelling slip that the review's
    own reference list gets right misleads no one: not reproduced, minor."""
    recorded = str(data.value(f"{STUDY}.intervention_name"))
    written = claim.text()
    quotes = (f"{STUDY}.intervention_name",)
    if written.lower() == recorded.lower():
        return Result(REPRODUCED, recorded, f"The trial names it '{recorded}', as the review does.", quotes=quotes)
    own = recorded in data.review
    slip = f"A spelling slip: the review writes '{written}' where the trial writes '{recorded}'" + (
        "; the review's own reference list spells it as the trial does, so no reader is misled." if own else "."
    )
    return Result(NOT_REPRODUCED, recorded, slip, severity=MINOR if own else "", quotes=quotes)


@check(
    "rct1.n_randomized",
    kinds=("number",),
    reported=("count",),
    rule="""Inconsistent when the record's arms do not add up to its total; reproduced when the review's number is
    the total randomized; not reproduced otherwise.""",
)
def n_randomized(claim: Claim, data: Dataset) -> Result:
    obs, ctrl = arms(data)
    total = int(data.number(f"{STUDY}.randomized"))
    got = f"{total} randomized ({obs.randomized} + {ctrl.randomized}); {obs.analysed + ctrl.analysed} analysed"
    if obs.randomized + ctrl.randomized != total:
        return Result(
            INCONSISTENT,
            got,
            f"The record's arms add up to {obs.randomized + ctrl.randomized}, not to its total of {total}.",
        )
    n = int(claim.number().value)
    if n == total:
        return Result(
            REPRODUCED,
            got,
            f"{total} patients were randomized; {obs.dropouts + ctrl.dropouts} dropped "
            f"out, so {obs.analysed + ctrl.analysed} were analysed.",
            quotes=(f"{STUDY}.randomized", f"{STUDY}.obs.dropouts"),
        )
    return Result(NOT_REPRODUCED, got, f"The record gives {total} randomized, not {n}.")


def _validate_pct(claim: Claim, data: Dataset) -> None:
    """One claim per arm (that the arm has patients analysed is a precondition of the trial's counts,
    :mod:`acureview.studies.preconditions`)."""
    name = claim.arg("arm")
    first = next(c for c in data.claims_using(PCT_CHECK) if c.args.get("arm") == name)
    if first is not claim:
        raise ClaimInputError("args", f"arm={name}: claim {first.claim_id} already reports this arm's percentage")


@check(
    PCT_CHECK,
    kinds=("number",),
    reported=("percent",),
    args={"arm": tuple(ARMS)},
    validate=_validate_pct,
    rule="""On the trial's own count: reproduced when it gives the review's percentage within rounding at the
    precision written, not reproduced otherwise. Without it: consistent when a whole count out of the patients
    analysed, or else out of those randomized, gives the percentage (the reason says which, and that the trial's
    count would confirm it); inconsistent when no whole count out of either does.""",
)
def response_pct(claim: Claim, data: Dataset) -> Result:
    a = arm(data, claim.arg("arm"))
    label = ARMS[a.name]
    if a.source == "record":
        got = fmt.count(a.responders, a.analysed)
        if a.responders in a.candidates:
            return Result(REPRODUCED, got, f"The record gives {got} responders in the {label} arm.")
        return Result(NOT_REPRODUCED, got, f"The record gives {got}, not {a.reported}.")
    itt = counts_for(a.reported, a.randomized)
    itt_note = (
        f"; no count out of the {a.randomized} randomized gives it, so dropouts were left out"
        if not itt
        else f", and also {fmt.count(itt[0], a.randomized)} of those randomized"
    )
    missing = data.fact(f"{STUDY}.{a.name}.responders").note
    if not a.candidates and not itt:
        return Result(
            INCONSISTENT,
            "no whole count",
            f"No whole count out of the {a.analysed} analysed or the {a.randomized} randomized in the "
            f"{label} arm gives {a.reported}.",
        )
    if not a.candidates:
        return Result(
            CONSISTENT,
            fmt.count(itt[0], a.randomized),
            f"{a.reported} fits no count out of the {a.analysed} analysed but fits "
            f"{fmt.count(itt[0], a.randomized)} randomized. The trial's own count would confirm it; it is "
            f"{missing.partition(': ')[2] or missing}.",
            missing=missing,
        )
    ks = " or ".join(fmt.count(k, a.analysed) for k in a.candidates)
    who = " or ".join(str(k) for k in a.candidates)
    return Result(
        CONSISTENT,
        ks,
        f"{a.reported} is {who} of the {a.analysed} patients who completed the {label} arm{itt_note}. "
        f"The trial's own count would confirm it; it is {missing.partition(': ')[2] or missing}.",
        missing=missing,
    )


@check(
    "rct1.p_value",
    kinds=("p_value",),
    reported=("p",),
    rule=f"""The review's P value is set against each of the {len(EVERY_TEST)} tests a trial report could have used
    ({fmt.in_words(EVERY_TEST.values())}), each two-sided and one-sided, on the counts, as the significance
    check sets a level against them. It holds when every one of them gives it two-sided at the precision
    written ('P < 0.001': below 0.001): reproduced on the trial's own counts, consistent on counts rebuilt
    from the review's percentages. When only some give it, or only one-sided, it rests on the test the trial
    used: consistent on the trial's own counts, not checkable on rebuilt counts; the reason names the tests
    that give it and those that do not. When none gives it: not reproduced on the trial's own counts, not
    checkable on rebuilt counts (another test or outcome could give it). Where a text read names the trial's
    test, or its side, only that test, or that side, is set against it.""",
)
def p_value(claim: Claim, data: Dataset) -> Result:
    """The review's P value against every test a report could have used (nine, each two-sided and
    one-sided for a higher response with acupuncture). It holds when every test gives it two-sided
    (the significance check's rule); when only some give it, or only one-sided, it rests on the
    test the trial used: consistent on the trial's own counts, not checkable on counts rebuilt from
    the review's percentages. The reason names the tests that give it and those that do not. When
    none gives it: not reproduced on the trial's own counts; not checkable on rebuilt counts, since
    another test or outcome could give it."""
    obs, ctrl = arms(data)
    said = claim.number()
    found = p_agreement(data, said)
    if found is None:
        return counts_unknown(data, "The review's percentages do not fix the counts, so no P value can be recomputed.")
    reported = p_text(said)
    got = p_summary(found)
    record = obs.source == ctrl.source == "record"
    used = test_used(data)
    which = explain(found, reported, HYPOTHESIS_WORDS, _basis(obs, ctrl))
    said_test = f"the trial's report says its test was {used}" if used else ""
    own = data.fact(f"{STUDY}.p_response").note
    tried = found.two_sided or found.one_sided  # the trial's side, where a text read gives it
    every = all(found.agrees(r.p) for r in tried)
    if found.any:
        one_sided = ""
        if found.only_one_sided:
            one_sided = (
                "the review does not say one-sided"
                if used
                else "only a one-sided test gives it, and the review does not say one-sided"
            )
        confirm = "" if record else f"the trial's own test would confirm it: {own}"
        if used and not record:
            confirm = "the trial's own counts would confirm it"
        if not every:
            settle = ", which no text read names" if record else f"; what would settle it is {own.partition(': ')[0]}"
            confirm = f"so it rests on the test the trial used{settle}"
        more = "; ".join(x for x in (said_test, one_sided, confirm) if x)
        reason = f"{which} {more[:1].upper()}{more[1:]}." if more else which
        if every:
            return Result(REPRODUCED if record else CONSISTENT, got, reason, missing="" if record else own)
        return Result(CONSISTENT if record else NOT_CHECKABLE, got, reason, missing=own)
    if record:
        return Result(NOT_REPRODUCED, got, f"{which} {said_test[:1].upper()}{said_test[1:]}." if used else which)
    elsewhere = (
        f"other counts or another outcome, {said_test}"
        if data.known(P_TEST)
        else "another test or outcome, such as a rank test across response grades"
    )
    return Result(
        NOT_CHECKABLE,
        got,
        f"{which} So it would have to come from {elsewhere}; what would settle it is "
        f"{own.partition(': ')[0]}, in the trial's results.",
        missing=own,
    )


def attrition_context(data: Dataset) -> str:
    """Whether significance survives the worst case for the dropouts, on every test a report could
    have used, in the words every page uses (:func:`acureview.studies.rct1.scenario_significance`)."""
    obs, ctrl = arms(data)
    if obs.responders is None or ctrl.responders is None or obs.dropouts + ctrl.dropouts == 0:
        return ""
    return (
        f"Had all {ctrl.dropouts} dropouts of the medication arm and none of the {obs.dropouts} of the acupuncture "
        f"arm responded, the difference would be {scenario_significance(data)}."
    )


@check(
    "rct1.significance",
    kinds=("effect",),
    reported=None,
    args={"alpha": "probability"},
    rule=f"""For a higher response with acupuncture, the two-sided P values of the {len(EVERY_TEST)} usual tests of
    two proportions that a trial report could have used ({fmt.in_words(EVERY_TEST.values())}) against the level
    the claim names (its alpha): reproduced when every one is below it (consistent on counts rebuilt from the
    review's percentages), overstated when only some are, not reproduced when none is (the reason names any
    one-sided test that is). The reason adds whether significance survives the worst case for the dropouts, on
    the same {len(EVERY_TEST)} tests; where a text read gives how many of each arm's dropouts responded, the
    tests take every patient randomized.""",
)
def significance(claim: Claim, data: Dataset) -> Result:
    """'A significantly higher response rate': the two-sided P of every test of two proportions a
    report could have used (:data:`acureview.methods.pvalues.TESTS`), the same tests the worst case
    for the dropouts counts."""
    obs, ctrl = arms(data)
    counts = tested_counts(data)
    alpha = float(claim.arg("alpha"))
    if counts is None:
        return counts_unknown(data, "The response counts are not known, so significance cannot be recomputed.")
    results = p_tests(counts)
    two = [r for r in results if not r.one_sided]
    ps = [r.p for r in two]
    y1, n1, y0, n0 = counts
    got = f"response {fmt.pct(y1 / n1)} vs {fmt.pct(y0 / n0)}; {span(two, floor=0.001)}"
    basis = _tested_basis(data)
    higher = y1 / n1 > y0 / n0
    if higher and max(ps) < alpha:
        rebuilt = not obs.source == ctrl.source == "record"
        confirm = ", which the trial's own counts would confirm" if rebuilt else ""
        worst = "" if with_dropouts(data) else attrition_context(data)
        return Result(
            CONSISTENT if rebuilt else REPRODUCED,
            got,
            f"All {len(ps)} usual tests of two proportions give P < {alpha:g} for a higher response with "
            f"acupuncture, {basis}"
            f"{confirm}. {worst}".strip(),
        )
    if higher and min(ps) < alpha:
        below = [r for r in two if r.p < alpha]
        gives = "gives" if len(below) == 1 else "give"
        return Result(
            OVERSTATED,
            got,
            f"Significance at {alpha:g} depends on the test chosen, {basis}: {names(below)} {gives} "
            f"P < {alpha:g} ({span(below)}), the other {len(ps) - len(below)} of the {len(ps)} usual tests do not.",
        )
    others = [r for r in results if r.sided != "two-sided" and r.p < alpha and higher]
    besides = (
        f", though one-sided {names(others)} {'does' if len(others) == 1 else 'do'} ({span(others)})" if others else ""
    )
    return Result(
        NOT_REPRODUCED,
        got,
        f"None of the {len(ps)} usual tests ({fmt.in_words(EVERY_TEST.values())}) gives a significantly higher "
        f"response at {alpha:g}, {basis}{besides}.",
    )
