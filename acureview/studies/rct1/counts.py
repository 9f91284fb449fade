"""The Tiaoqi Jieyu RCT's [1] arms and counts (facts prefixed ``rct1.``): randomized, dropouts and
responders per arm, the review's reported percentage and P value, and what the counts give: P values
of every test, effect measures, NNT, fragility, the scenarios for the dropouts and the trial's log odds
ratio.

Where the trial's response counts are not in the record, they are reconstructed from the review's
own percentages and the trial's analysed numbers (randomized minus dropouts).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...data import Claim, Dataset, Reported
from ...methods.pvalues import Agreement, PValue, agreement, every_pvalue, span
from ...methods.rounding import counts_for
from ...methods.twobytwo import (
    NNT,
    effect_measures,
    fragility_index,
    two_by_two_pvalues,
    wilson_interval,
    woolf_log_odds_ratio,
)

STUDY = "rct1"

ARMS = {"obs": "acupuncture + medication", "ctrl": "medication alone"}

PCT_CHECK = "rct1.response_pct"

P_CHECK = "rct1.p_value"

#: the trial's hypothesis, as a one-sided test states it: arm 1 (acupuncture) responds more often
HYPOTHESIS = "greater"

HYPOTHESIS_WORDS = "for a higher response with acupuncture"

#: the test the trial used for the response rates, by its name in :data:`~acureview.methods.pvalues.TESTS`
P_TEST = f"{STUDY}.p_test"

#: whether that test was 'one-sided' or 'two-sided'
P_SIDED = f"{STUDY}.p_sided"

SIDEDNESS = ("one-sided", "two-sided")


@dataclass(frozen=True)
class Arm:
    name: str
    randomized: int
    dropouts: int
    responders: int | None  # None where neither the record nor the review's percentage fixes it
    candidates: tuple[int, ...]  # counts compatible with the review's percentage (analysed n)
    reported: Reported | None  # the review's percentage, as it writes it ('52.8%')
    source: str  # 'record', 'reconstructed' or 'unknown'

    @property
    def analysed(self) -> int:
        return self.randomized - self.dropouts

    @property
    def reported_pct(self) -> float | None:
        """The review's percentage as a number (52.8); its text, with its precision, is ``reported``."""
        return None if self.reported is None else self.reported.value


def arm(data: Dataset, name: str) -> Arm:
    """One arm of the trial: numbers from the record, responders from the record or rebuilt."""
    randomized = int(data.number(f"{STUDY}.{name}.randomized"))
    dropouts = int(data.number(f"{STUDY}.{name}.dropouts"))
    analysed = randomized - dropouts
    pct_claims = [c for c in data.claims_using(PCT_CHECK) if c.args.get("arm") == name]
    pct = pct_claims[0].number() if pct_claims else None
    candidates = tuple(counts_for(pct, analysed)) if pct is not None else ()
    if data.known(f"{STUDY}.{name}.responders"):
        return Arm(
            name, randomized, dropouts, int(data.number(f"{STUDY}.{name}.responders")), candidates, pct, "record"
        )
    if len(candidates) == 1:
        return Arm(name, randomized, dropouts, candidates[0], candidates, pct, "reconstructed")
    return Arm(name, randomized, dropouts, None, candidates, pct, "unknown")


def arms(data: Dataset) -> tuple[Arm, Arm]:
    return arm(data, "obs"), arm(data, "ctrl")


def reported_p(data: Dataset) -> Reported | None:
    """The P value the review reports for the trial ('P < 0.001'), from the claim checked by
    ``rct1.p_value``."""
    claims: list[Claim] = data.claims_using(P_CHECK)
    return claims[0].number() if claims else None


def p_text(p: Reported) -> str:
    """'P < 0.001' for a reported P value, however the review spaced it."""
    return f"P {p.op} {p.number}"


def dropout_responders(data: Dataset, a: Arm) -> int | None:
    """How many of the arm's dropouts responded, where a text read gives it (None otherwise)."""
    fact_id = f"{STUDY}.{a.name}.dropout_responders"
    return int(data.number(fact_id)) if data.known(fact_id) else None


def tested_counts(data: Dataset) -> tuple[int, int, int, int] | None:
    """(responders, n) of acupuncture and of medication alone as a significance test takes them: of the
    patients analysed, or of every patient randomized where a text read gives how many of each arm's
    dropouts responded (None when the responders are not known)."""
    obs, ctrl = arms(data)
    if obs.responders is None or ctrl.responders is None:
        return None
    more = dropout_responders(data, obs), dropout_responders(data, ctrl)
    if None in more:
        return obs.responders, obs.analysed, ctrl.responders, ctrl.analysed
    return obs.responders + more[0], obs.randomized, ctrl.responders + more[1], ctrl.randomized


def with_dropouts(data: Dataset) -> bool:
    """Whether :func:`tested_counts` counts every patient randomized (the dropouts' responses known)."""
    obs, ctrl = arms(data)
    return dropout_responders(data, obs) is not None and dropout_responders(data, ctrl) is not None


def pvalues(data: Dataset) -> dict[str, float] | None:
    """P values of every candidate test on the (recorded or reconstructed) counts
    (:func:`tested_counts`)."""
    counts = tested_counts(data)
    return None if counts is None else two_by_two_pvalues(*counts)


def p_tests(counts: tuple[int, int, int, int]) -> tuple[PValue, ...]:
    """Every test's P value for (responders, n) of acupuncture and of medication alone: two-sided,
    and one-sided for the trial's hypothesis (:data:`HYPOTHESIS`)."""
    return every_pvalue(*counts, sides=("two-sided", HYPOTHESIS))


def p_agreement(data: Dataset, said: Reported, counts: tuple[int, int, int, int] | None = None) -> Agreement | None:
    """Which tests give the P value ``said`` on ``counts`` (default: the analysed patients'
    recorded or rebuilt counts; None when they are not known): every test a report could have used,
    or, where a text read gives them, only the test the trial used (:data:`P_TEST`) and only on its
    side (:data:`P_SIDED`)."""
    if counts is None:
        obs, ctrl = arms(data)
        if obs.responders is None or ctrl.responders is None:
            return None
        counts = (obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)
    test = str(data.value(P_TEST)) if data.known(P_TEST) else None
    results = [r for r in p_tests(counts) if test is None or r.name == test]
    found = agreement(results, said.agrees, HYPOTHESIS, said.value)
    side = str(data.value(P_SIDED)) if data.known(P_SIDED) else None
    if side == "one-sided":
        return replace(found, two_sided=())
    if side == "two-sided":
        return replace(found, one_sided=())
    return found


def test_used(data: Dataset) -> str:
    """The trial's test of the response rates in words, as far as a text read gives it ('' when none
    does): 'Pearson's chi-squared test, one-sided'."""
    said = [str(data.value(f)) for f in (P_TEST, P_SIDED) if data.known(f)]
    return ", ".join(said)


def p_summary(found: Agreement) -> str:
    """'two-sided P = 0.00067 to 0.0038; one-sided P = 0.00034 to 0.0019' across the tests (a side
    left out, the trial's test being on the other, is not named)."""
    sides = (("two-sided", found.two_sided), ("one-sided", found.one_sided))
    return "; ".join(f"{name} {span(results)}" for name, results in sides if results)


def number_needed_to_treat(data: Dataset) -> NNT:
    """NNT of the analysed patients, a response being the desirable event."""
    return analysed_effects(data)["number needed to treat"]


def analysed_effects(data: Dataset) -> dict:
    obs, ctrl = arms(data)
    return effect_measures(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)


def fragility(data: Dataset) -> float:
    """Walsh's fragility index of the analysed counts (``inf`` if no flip removes significance)."""
    obs, ctrl = arms(data)
    return fragility_index(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)


def attrition_scenarios(data: Dataset) -> dict[str, tuple[int, int, int, int]]:
    """Counts (responders, n) per arm under each way of handling the dropouts: as analysed (the
    review's figures), all randomized with dropouts as non-responders, and the best and worst cases
    for acupuncture (every dropout of one arm a responder, of the other a non-responder)."""
    obs, ctrl = arms(data)
    y1, y0 = obs.responders, ctrl.responders
    return {
        "analysed only (as the review reports)": (y1, obs.analysed, y0, ctrl.analysed),
        "all randomized, dropouts as non-responders": (y1, obs.randomized, y0, ctrl.randomized),
        "best case for acupuncture": (y1 + obs.dropouts, obs.randomized, y0, ctrl.randomized),
        "worst case for acupuncture": (y1, obs.randomized, y0 + ctrl.dropouts, ctrl.randomized),
    }


def trial_log_or(data: Dataset) -> tuple[float, float]:
    """The trial's log odds ratio and its standard error (Woolf), on the analysed patients."""
    obs, ctrl = arms(data)
    return woolf_log_odds_ratio(
        obs.responders, obs.analysed - obs.responders, ctrl.responders, ctrl.analysed - ctrl.responders
    )


@dataclass(frozen=True)
class Rate:
    """An arm's response among the patients analysed, with its 95% Wilson interval."""

    responders: int
    analysed: int
    low: float
    high: float

    @property
    def rate(self) -> float:
        return self.responders / self.analysed


def response_rates(data: Dataset) -> dict[str, Rate]:
    """Each arm's response rate among the patients analysed, with its 95% Wilson interval, by arm
    name (``obs``, ``ctrl``)."""
    return {a.name: Rate(a.responders, a.analysed, *wilson_interval(a.responders, a.analysed)) for a in arms(data)}


def sessions_total(data: Dataset) -> int:
    """How many acupuncture sessions the trial's schedule gives: sessions a week times weeks."""
    return int(data.number(f"{STUDY}.weeks")) * int(data.number(f"{STUDY}.sessions_per_week"))
