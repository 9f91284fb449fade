"""The check of the review's headline conclusions, each judged on its own word ('promising',
'clinically meaningful'): the trial [1]'s posterior probability of the benefit the word implies
(:mod:`acureview.studies.rct1`, no sampling), the GRADE certainty the wording needs, what the claim
adds weighed by the best evidence, and the sham-controlled effect on chronic pain in [4]."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import fmt
from ..appraisal import certainty, certainty_sentence
from ..data import Claim, Dataset
from ..methods import grade as grade_method
from ..studies import rct1
from ..studies.pain_meta import effect_range
from ..verdicts import CONSISTENT, MAJOR, OVERSTATED, REPRODUCED
from .common import not_checkable, sentence
from .evidence import BEARS, LEADS, best_evidence, finding
from .registry import Result, check

#: the facts behind :func:`sham_effect`: the effects of [4] against sham and no acupuncture, its words on them, and the
#: IMMPACT recommendation that keeps group differences apart from one patient's change
SHAM_FACTS = (
    "vickers2012.sham.back_neck",
    "vickers2012.none.back_neck",
    "vickers2012.modest",
    "dworkin2009.two_processes",
)


def sham_effect(data: Dataset) -> str:
    """The effect of acupuncture on chronic pain in [4], computed from its facts: the range of its
    standardized differences against sham over the conditions, and against no acupuncture, each also in
    points on a 0-10 scale. Differences between groups, so the clause judges them by [4]'s own words and
    not by a threshold for one patient's change (Dworkin et al. 2009)."""
    lo, hi, points_lo, points_hi = effect_range(data, "sham")
    none_lo, none_hi, none_points_lo, none_points_hi = effect_range(data, "none")
    sd = data.assumption("cohort2.sd_for_smd").value
    return (
        f"the pain trials pooled in [4] give, against sham, {lo:g} to {hi:g} SD less pain (about {fmt.num(points_lo, 1)} "
        f"to {fmt.num(points_hi, 1)} points on a 0-10 scale at an SD of {sd:g}), and against no acupuncture "
        f"{none_lo:g} to {none_hi:g} SD (about {fmt.num(none_points_lo, 1)} to {fmt.num(none_points_hi, 1)} points), "
        f"differences between groups, which no threshold for one patient's change judges (Dworkin et al. 2009), "
        f"and the first of which [4] itself calls 'relatively modest'"
    )


@dataclass(frozen=True)
class Standard:
    """What a conclusion's word asks of the evidence: the benefit it implies (``threshold``, a key of
    :data:`THRESHOLDS`) and the lowest GRADE certainty at which the wording fits (Santesso et al.
    2020: a plain statement for high certainty, 'likely' for moderate, 'may' for low)."""

    word: str
    threshold: str
    certainty: str
    meaning: str


THRESHOLDS = {
    "any": "any benefit",
    "minimal": "a gain of at least the lower quartile of the smallest worthwhile differences in response "
    "(Sahker et al. 2024)",
    "meaningful": "a gain of at least the median smallest worthwhile difference in response (Sahker et al. 2024)",
}

STANDARDS = {
    "promising": Standard("promising", "any", "low", "a benefit that may be real"),
    "may reduce": Standard(
        "may reduce", "any", "low", "a benefit that may be real, in Santesso's words for low certainty"
    ),
    "clinically meaningful": Standard(
        "clinically meaningful", "meaningful", "high", "a benefit that patients would find worthwhile, stated plainly"
    ),
}

LIKELY = 0.95  # the primary analysis must give the word's benefit at least this probability
FAIR = 0.5  # and every reasonable prior must make it more likely than not


def _at_least(level: str) -> str:
    """'high certainty', or 'low certainty or higher'."""
    return f"{level} certainty" + ("" if level == grade_method.LEVELS[-1] else " or higher")


def conclusion_rule() -> str:
    """The conclusion check's decision rule in plain words, from the constants the code uses."""
    words = "; ".join(
        f"'{s.word}' asks for {THRESHOLDS[s.threshold]} and {_at_least(s.certainty)}" for s in STANDARDS.values()
    )
    return (
        f"Each conclusion is judged on its own word ({words}, the wording Santesso et al. 2020 give each "
        f"level of certainty). In the review's one randomized trial [1], all randomized patients with the dropouts "
        f"modelled, the word's benefit (in percentage points of response) must have a posterior probability "
        f"of at least {fmt.pct(LIKELY, None)} under the evidence-based prior and more than {fmt.pct(FAIR, None)} under "
        f"every reasonable prior; a prior giving harm {fmt.pct(rct1.EXTREME_HARM, 0)} or more beforehand is "
        f"shown as an extreme and not counted. The trial bearing the word out, the certainty reaching "
        f"what the word asks, and what the claim adds beyond the trial borne out by the best evidence: "
        f"reproduced (consistent where the trial's counts are rebuilt from the review's percentages). "
        f"The trial bearing the word out but the certainty or an addition falling short: overstated, "
        f"major. The trial not bearing the word out, or the best evidence saying otherwise of what the claim "
        f"adds: overstated, its severity set by the claim's importance. "
        f"The reason adds the sham-controlled effect of acupuncture on chronic pain in [4], from its facts."
    )


def _trial(data: Dataset, standard: Standard) -> dict:
    """The trial's probabilities of any benefit, of the minimal and of the meaningful gain under the
    evidence-based prior, and of the word's benefit under each reasonable prior and each extreme."""
    mid, q1, _ = rct1.important_difference(data)
    cut = {"any": 0.0, "minimal": q1, "meaningful": mid}
    ts = tuple(cut.values())
    all_priors = rct1.priors(data)
    fair = rct1.reasonable(data)

    def p_above(prior):
        return rct1.randomized_summary(data, prior, thresholds_=ts, quantiles=False)["p_above"]

    primary = p_above(all_priors["evidence"])
    t = cut[standard.threshold]
    return {
        "cut": cut,
        "primary": {k: primary[v] for k, v in cut.items()},
        "fair": {k: p_above(p)[t] for k, p in fair.items() if k != "evidence"},
        "fair_minimal": {k: p_above(p)[q1] for k, p in fair.items() if k != "evidence"},
        "extreme": {k: p_above(p)[t] for k, p in all_priors.items() if k not in fair},
    }


def _lower_threshold(trial: dict, standard: Standard) -> str:
    """Where the word asks for the median smallest worthwhile difference and the trial falls short of it,
    but would bear the word out at the lower quartile (a threshold a reader may hold instead): the clause
    that says so, as a plausible alternative assumption that would flip the finding ('' otherwise)."""
    if standard.threshold != "meaningful":
        return ""
    p, q1 = trial["primary"]["minimal"], trial["cut"]["minimal"]
    short = trial["primary"]["meaningful"] < LIKELY or min(trial["fair"].values()) <= FAIR
    if not short or p < LIKELY or min(trial["fair_minimal"].values()) <= FAIR:
        return ""
    return (
        f", though at the lower quartile of the smallest worthwhile differences, {fmt.num(100 * q1, 0)} points, "
        f"it is {fmt.prob(p)}, which would bear the word out on the trial alone"
    )


def _side_by_side(trial: dict) -> str:
    p, cut = trial["primary"], trial["cut"]
    return (
        f"P(any benefit) {fmt.prob(p['any'])}, P(gain >= {fmt.num(100 * cut['minimal'], 0)} points) "
        f"{fmt.prob(p['minimal'])}, P(gain >= {fmt.num(100 * cut['meaningful'], 0)} points) {fmt.prob(p['meaningful'])}"
    )


@check(
    "conclusion",
    kinds=("qualitative",),
    reported=None,
    args={"word": tuple(STANDARDS), "adds": "text", "evidence?": "facts", "bears": BEARS, "finding": "text"},
    rule=conclusion_rule(),
)
def conclusion(claim: Claim, data: Dataset) -> Result:
    """A headline conclusion judged on its own word (:data:`STANDARDS`; the rule in words:
    :func:`conclusion_rule`): the trial [1]'s posterior probability of the word's benefit under
    the primary analysis and the reasonable priors (no sampling), the GRADE certainty of the
    evidence against the certainty the wording needs, and what the claim adds beyond the trial
    (``adds``), weighed by the best evidence (``evidence``, ``bears``, ``finding``). The cohort [2]
    cannot bear on it: with no comparison group named in what was read, its change mixes needling, ritual and
    natural course."""
    standard = STANDARDS[claim.args["word"]]
    obs, ctrl = rct1.arms(data)
    if obs.responders is None or ctrl.responders is None:
        return not_checkable(
            data,
            [f"{rct1.STUDY}.obs.responders", f"{rct1.STUDY}.ctrl.responders"],
            "The trial's response counts are not known, so its reanalysis cannot be computed.",
        )
    trial = _trial(data, standard)
    p, t = trial["primary"][standard.threshold], trial["cut"][standard.threshold]
    fair, extreme = trial["fair"], trial["extreme"]
    held = p >= LIKELY and min(fair.values()) > FAIR
    level = certainty(data.appraisal, "depression")[0]
    certain = grade_method.LEVELS.index(level) >= grade_method.LEVELS.index(standard.certainty)
    adds_held = claim.args["bears"] == "agrees"
    adds_against = claim.args["bears"] == "contradicts"
    _, ids = best_evidence(claim, data)
    found, _ = finding(claim, data)

    counts = "the trial's own counts" if obs.source == "record" else "counts rebuilt from the review's percentages"
    split = min(fair.values()) <= FAIR < max(fair.values())
    spread = (
        f"{fmt.prob(min(fair.values()))} to {fmt.prob(max(fair.values()))} under other reasonable priors"
        + (", so it depends on the prior" if split else "")
        + "".join(
            f", {fmt.prob(v)} under the extreme prior giving harm {fmt.pct(rct1.EXTREME_HARM, 0)}"
            for v in extreme.values()
        )
    )
    bar = (
        "which bears the word out"
        if held
        else f"which falls short of the {fmt.pct(LIKELY, None)} the word asks of the primary analysis"
        if p < LIKELY
        else f"which falls short under a reasonable prior (more than {fmt.pct(FAIR, None)} asked)"
    )
    trial_clause = (
        f"'{standard.word}' asks for {THRESHOLDS[standard.threshold]}"
        + (f", {fmt.num(100 * t, 0)} percentage points" if t else "")
        + f": in the review's one randomized trial [1], on {counts}, "
        f"its probability is {fmt.prob(p)} ({spread}), {bar}{_lower_threshold(trial, standard)}"
    )
    cohort_clause = (
        "the cohort [2], whose abstract names no comparison group (its title's 'propensity score matched' "
        "does not say against whom), cannot separate the effect of needling from natural "
        f"course, and for chronic pain in general {sham_effect(data)}"
    )
    against = f"{LEADS['contradicts'][:1].lower()}{LEADS['contradicts'][1:]}: " if adds_against else ""
    adds_clause = f"'{claim.args['adds']}': {against}{found}"
    certainty_clause = f"the wording fits {_at_least(standard.certainty)} (Santesso et al. 2020)" + (
        "" if certain else f", and the trial's evidence is of {level} certainty"
    )
    got = f"[1], all randomized, evidence-based prior: {_side_by_side(trial)} (percentage points of response)"
    why = sentence("; ".join([trial_clause, cohort_clause, adds_clause, certainty_clause]))
    quotes = ("sahker2024.swd_median", "sahker2024.swd_q1", "santesso2020.wording", *SHAM_FACTS, *ids)
    if held and certain and adds_held:
        verdict = REPRODUCED if obs.source == "record" else CONSISTENT
        return _with_certainty(Result(verdict, got, why, quotes=quotes), data)
    severity = MAJOR if held and not adds_against else ""  # else the claim's importance sets it
    return _with_certainty(Result(OVERSTATED, got, why, severity=severity, quotes=quotes), data)


# --- appraisal: the certainty of the evidence (GRADE) the conclusion claims rest on --------------------
def _with_certainty(result: Result, data: Dataset) -> Result:
    """The result with the GRADE certainty of the conclusions it combines appended to its reason
    (acureview.appraisal.grade, data/grade.csv)."""
    return replace(result, reason=f"{result.reason} {certainty_sentence(data.appraisal, keys=('depression', 'pain'))}")
