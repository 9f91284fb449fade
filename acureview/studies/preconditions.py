"""What the studies' computations assume of the facts and assumptions they read, beyond what the
schema says of each value (``data/datapackage.json``: units with ranges, a standard deviation above
0, ordered bounds, counts not above their denominators), which is not repeated here: a count the
schema allows to be 0 that a computation divides by, a correlation or a probability strictly inside
the bounds the schema allows, an estimate strictly inside an interval the schema only orders,
percentages whose parts add up. :func:`faults` lists, as :class:`~acureview.data.DataError` at the cell at fault, the assumptions
then the facts that break them; :func:`acureview.checks.validate` raises the first, before any check
or chapter runs. :func:`chapter_faults` lists what the chapters assume beyond the checks (the trial's
response counts fixed): data the verdict table judges but the book cannot be built on, refused by
``python -m acureview verify --book`` before any chapter runs.

A precondition whose facts are not all given (type 'missing', or text where a number is needed) is
not tested: the checks that read those facts say the claim is not checkable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import suppress
from dataclasses import dataclass

from ..data import DataError, Dataset, UnusableFact
from ..methods.pvalues import TESTS
from . import cohort2, rct1
from .pain_meta import PAIN_CONDITIONS


@dataclass(frozen=True)
class Precondition:
    """``holds(data)`` is true when the ``facts`` are as the computations need them; ``rule`` says
    what must hold, in words. A ValueError or ArithmeticError raised by ``holds`` (a method refusing
    the values) breaks it too, with the method's words. The first fact is the cell named."""

    facts: tuple[str, ...]
    rule: str
    holds: Callable[[Dataset], bool]


def _positive(fact_id: str, what: str) -> Precondition:
    return Precondition(
        (fact_id,),
        f"{what} must be above 0 (the schema allows 0; the analyses divide by it)",
        lambda d: d.number(fact_id) > 0,
    )


def _inside(study: str) -> Precondition:
    keys = tuple(f"{study}.{k}" for k in ("rr", "rr_low", "rr_high"))
    return Precondition(
        keys,
        "a risk ratio must lie strictly inside its 95% interval (the schema allows it on a limit; the "
        "analyses need an interval with width around it)",
        lambda d: 0 < d.number(keys[1]) < d.number(keys[0]) < d.number(keys[2]),
    )


def _probability(fact_id: str) -> Precondition:
    return Precondition(
        (fact_id,),
        "a P value must lie strictly between 0 and 1 (the schema allows 0 and 1; the analyses take its normal quantile)",
        lambda d: 0 < d.number(fact_id) < 1,
    )


ZHAO_ARMS = ("ma", "ea")

PRECONDITIONS: tuple[Precondition, ...] = (
    *(_positive(f"{rct1.STUDY}.{arm}.randomized", "the patients randomized to an arm") for arm in rct1.ARMS),
    *(
        Precondition(
            (f"{rct1.STUDY}.{arm}.dropouts", f"{rct1.STUDY}.{arm}.randomized"),
            "the dropouts of an arm must be fewer than the patients randomized to it (the schema allows as "
            "many): otherwise none analysed, and the arm's percentage has no denominator",
            lambda d, arm=arm: d.number(f"{rct1.STUDY}.{arm}.dropouts") < d.number(f"{rct1.STUDY}.{arm}.randomized"),
        )
        for arm in rct1.ARMS
    ),
    Precondition(
        (rct1.P_TEST,),
        f"the trial's test must be named as one of the tests a report could have used ({', '.join(TESTS.values())})",
        lambda d: str(d.value(rct1.P_TEST)) in TESTS.values(),
    ),
    Precondition(
        (rct1.P_SIDED,),
        f"the side of the trial's test must be one of {' or '.join(rct1.SIDEDNESS)}",
        lambda d: str(d.value(rct1.P_SIDED)) in rct1.SIDEDNESS,
    ),
    *(_positive(f"zhao2019.{arm}.randomized", "the patients randomized to an arm") for arm in (*ZHAO_ARMS, "ssri")),
    *(_inside(f"zhao2019.{arm}") for arm in ZHAO_ARMS),
    *(_probability(f"zhao2019.{arm}.p") for arm in ZHAO_ARMS),
    *(_positive(f"sahker2024.swd_{k}", "the smallest worthwhile difference") for k in ("median", "q1", "q3")),
    Precondition(
        tuple(f"zhao2019.{arm}.{k}" for arm in ZHAO_ARMS for k in ("rr", "rr_low", "rr_high", "randomized", "p"))
        + ("zhao2019.ssri.randomized",),
        "the priors of the trial's reanalysis (the SSRI-alone response derived from the risk ratios, their "
        "intervals and the arm sizes) must exist",
        lambda d: bool(rct1.priors(d)),
    ),
    _positive("cohort2.new_patients", "the number of new patients"),
    Precondition(
        ("cohort2.participation_pct", "cohort2.new_patients"),
        "the participation rate must be a whole number of the new patients",
        lambda d: bool(cohort2.participants(d)),
    ),
    Precondition(
        (*cohort2.PERCENTAGES.values(), "cohort2.participation_pct", "cohort2.new_patients"),
        "some number of patients, up to the participants, must give all three responder percentages, "
        "the complete cures and the near-normal adding up to the strong responders",
        lambda d: len(cohort2.compatible_triples(d)) > 0,
    ),
    *(
        Precondition(
            (f"vickers2012.none.{c}",),
            "the effect against no acupuncture must not be 0 (the share seen with sham needling is a fraction of it)",
            lambda d, c=c: d.number(f"vickers2012.none.{c}") != 0,
        )
        for c in PAIN_CONDITIONS
    ),
)


#: what the computations need of an assumption's value and range (low, value and high alike), beyond
#: its unit's range in the schema (a standard deviation or a variance factor above 0 is the schema's):
#: (lowest, highest, both excluded; None: no bound) and what it is
ASSUMED: dict[str, tuple[float | None, float | None, str]] = {
    **{f"prior.strength_{s}": (0, 1, "a probability") for s in ("weak", "moderate", "strong")},
    "cohort2.vas_r": (-1, 1, "a correlation (at 1 or -1 the change in pain has no spread)"),
    "cohort2.n_min": (0, None, "a number of patients"),
    "cohort2.participation_base": (0, None, "a number of patients"),
    "cohort2.responder_control": (0, 1, "a proportion"),
}


#: the unit the computations read each assumption in: a value given in another unit (a probability
#: written as a percentage) would be read as this one, so it is refused at the assumption's unit
UNITS: dict[str, str] = {
    "prior.evidence_inflation": "variance factor",
    "prior.baseline_sd": "log-odds",
    **{f"prior.strength_{s}": "probability" for s in ("weak", "moderate", "strong")},
    "attrition.imor_sd": "log odds ratio",
    "cohort2.vas_12m_sd": "VAS 0-10",
    "cohort2.vas_r": "correlation",
    "cohort2.n_min": "patients",
    "cohort2.sd_for_smd": "VAS 0-10",
    "cohort2.responder_control": "proportion",
    "cohort2.quarters_after": "3-month periods",
    "cohort2.participation_base": "patients",
}


def _bounds(lowest: float | None, highest: float | None) -> str:
    if highest is None:
        return f"above {lowest:g}"
    return f"strictly between {lowest:g} and {highest:g}"


def _assumption_faults(data: Dataset) -> Iterator[DataError]:
    path = data.folder / "assumptions.csv"
    for a in data.assumptions.values():
        unit = UNITS.get(a.assumption_id)
        if unit is not None and a.unit != unit:
            yield DataError(
                path,
                a.row,
                "unit",
                f"'{a.unit}': the analyses read {a.assumption_id} in '{unit}'; a value in another unit would be "
                f"read as one in '{unit}'",
                line=a.line,
            )
        lowest, highest, what = ASSUMED.get(a.assumption_id, (None, None, ""))
        for column in ("value", "low", "high") if lowest is not None else ():
            x = getattr(a, column)
            if not (x > lowest and (highest is None or x < highest)):
                yield DataError(
                    path,
                    a.row,
                    column,
                    f"{x:g}: {a.assumption_id} is {what}, which the analyses need {_bounds(lowest, highest)}",
                    line=a.line,
                )
        if a.assumption_id == "cohort2.n_min":
            # facts that give no participants are the facts' fault, named below
            with suppress(UnusableFact, ValueError, ArithmeticError):
                most = max(cohort2.participants(data), default=None)
                if most is not None and a.value > most:
                    yield DataError(
                        path,
                        a.row,
                        "value",
                        f"{a.value:g}: the fewest patients the cohort's percentages rest on is above the most "
                        f"participants the participation rate allows ({most})",
                        line=a.line,
                    )


def faults(data: Dataset, preconditions=PRECONDITIONS) -> Iterator[DataError]:
    """Each assumption outside what the computations need, then each precondition that does not
    hold, as a :class:`~acureview.data.DataError` at its first fact's value (the rule and every
    fact's value in words)."""
    yield from _assumption_faults(data)
    for p in preconditions:
        if not all(f in data.facts for f in p.facts):
            continue  # an unknown fact is named by the check that reads it
        try:
            ok, why = bool(p.holds(data)), ""
        except UnusableFact:
            continue
        except (ValueError, ArithmeticError) as e:
            ok, why = False, f": {e}"
        if not ok:
            values = ", ".join(f"{f} = {data.fact(f).value}" for f in p.facts)
            fact = data.fact(p.facts[0])
            yield DataError(data.folder / "facts.csv", fact.row, "value", f"{p.rule} ({values}){why}", line=fact.line)


# --- what the chapters assume beyond the checks ----------------------------------------------------


def _trial_counts(data: Dataset) -> Iterator[DataError]:
    """The chapters on the trial [1] (its counts, its Bayesian reanalysis, the appraisal) compute with
    each arm's responders: given by the record, or fixed by the review's percentage. Where neither
    fixes them the checks give a verdict (the percentage inconsistent, the P value not checkable),
    but the chapters cannot be built."""
    for name in rct1.ARMS:
        try:
            a = rct1.arm(data, name)
        except UnusableFact:
            continue  # the checks that need the arm say they are not checkable
        if a.responders is not None:
            continue
        facts = f"{rct1.STUDY}.{name}.randomized {a.randomized} minus {rct1.STUDY}.{name}.dropouts {a.dropouts}"
        fits = "no whole count gives" if not a.candidates else f"{len(a.candidates)} whole counts give"
        message = (
            f"the chapters on the trial compute with the responders of its '{name}' arm, which the record does "
            f"not give ({rct1.STUDY}.{name}.responders) and the review's {a.reported} does not fix: {fits} it out "
            f"of the {a.analysed} analysed ({facts}); the verdict table reports it, but the chapters "
            f"cannot be built on it"
        )
        claim = next((c for c in data.claims_using(rct1.PCT_CHECK) if c.args.get("arm") == name), None)
        if claim is not None:
            yield DataError(data.folder / "claims.csv", claim.row, "reported", message, line=claim.line)
        else:
            f = data.fact(f"{rct1.STUDY}.{name}.responders")
            yield DataError(data.folder / "facts.csv", f.row, "value", message, line=f.line)


def chapter_faults(data: Dataset) -> Iterator[DataError]:
    """What the chapters assume of the data beyond what the checks need (:func:`faults`), each as a
    :class:`~acureview.data.DataError` at the cell at fault: data the verdict table judges, but the
    chapters cannot be built on."""
    yield from _trial_counts(data)
