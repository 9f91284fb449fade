"""What the appraisal's answers rest on: the numbers they cite by name (:data:`COMPUTED`, computed by
the same functions the chapters use, so that a rating that cites "the fragility index" cites the
number the trial's chapter shows), the conclusions the GRADE ratings are about (:data:`CONCLUSIONS`),
the appraisal files loaded and validated against both (:func:`load`, called once by
:func:`acureview.verify.load`, whose dataset carries the result as ``data.appraisal``), and what an
answer read, in a reader's words (:func:`what_was_read`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import fmt
from ..data import Dataset
from ..studies import cohort2, rct1
from ..studies.courses import schedules
from ..studies.pain_meta import PAIN_CONDITIONS, sham_shares, vas_points
from ..studies.sources import source_label
from .answers import Appraisal, load_appraisal
from .numbers import adverse_events_per_1000, needling_specific, serious_adverse_events_per_1000, trial_rd, worst_case
from .rob2 import rob2_overall
from .robins_i import robins_overall


@dataclass(frozen=True)
class Computed:
    label: str
    value: Callable[[Dataset], str]


def _c_dropouts(d):
    obs, ctrl = rct1.arms(d)
    n, k = obs.randomized + ctrl.randomized, obs.dropouts + ctrl.dropouts
    return f"{k} of {n} randomized ({fmt.pct(k / n)}): {obs.dropouts} with acupuncture, {ctrl.dropouts} with medication alone"


def _c_counts(d):
    obs, ctrl = rct1.arms(d)
    return (
        f"{fmt.count(obs.responders, obs.analysed)} with acupuncture and {fmt.count(ctrl.responders, ctrl.analysed)} "
        f"with medication alone, rebuilt from the review's percentages, which fit only the patients analysed"
    )


def _c_worst(d):
    (y1, n1, y0, n0), (rd, lo, hi), _ = worst_case(d)
    return (
        f"{fmt.num(100 * rd, 1)} points ({fmt.num(100 * lo, 1)} to {fmt.num(100 * hi, 1)}) with {fmt.count(y1, n1)} against "
        f"{fmt.count(y0, n0)}, {rct1.scenario_significance(d)}"
    )


def _c_rd(d):
    rd, lo, hi = trial_rd(d)
    return (
        f"{fmt.num(100 * rd, 1)} percentage points (95% CI {fmt.num(100 * lo, 1)} to {fmt.num(100 * hi, 1)}, Newcombe)"
    )


def _c_specific(d):
    m, lo, hi, extra, nnt = needling_specific(d)
    return (
        f"{fmt.num(m, 2)} VAS points (95% credible interval {fmt.num(lo, 2)} to {fmt.num(hi, 2)}); a difference between groups, read as "
        f"{fmt.num(100 * extra, 0)} more responders in 100 (number needed to treat {fmt.num(nnt, 0)}), not against a "
        f"within-patient threshold"
    )


def _c_points(d, which):
    e, lo, hi = vas_points(d, which)
    return f"{fmt.num(e, 2)} VAS points ({fmt.num(lo, 2)} to {fmt.num(hi, 2)})"


def _c_change(d):
    before, after, change = cohort2.vas_change(d)
    return f"{fmt.num(change, 1)} VAS points, from {fmt.num(before, 1)} to {fmt.num(after, 1)}"


def _c_participants(d):
    part = cohort2.participants(d)
    return f"{min(part)} to {max(part)} of {int(d.value('cohort2.new_patients'))} new patients"


def _c_review_n(d):
    return f"n = {cohort2.review_n(d)}, a number that none of the reported percentages fits"


def _c_ae(d):
    e, lo, hi = adverse_events_per_1000(d)
    return f"{fmt.num(e, 0)} per 1000 patients ({fmt.num(lo, 0)} to {fmt.num(hi, 0)})"


def _c_sae(d):
    e, lo, hi = serious_adverse_events_per_1000(d)
    return f"{fmt.num(e, 2)} per 1000 patients ({fmt.num(lo, 2)} to {fmt.num(hi, 2)}), about {fmt.one_in(e / 1000)}"


def _c_sham_share(d):
    shares = sham_shares(d)
    return fmt.in_words(f"{fmt.pct(v, 0)} ({PAIN_CONDITIONS[c]})" for c, v in shares.items())


def _c_schedules(d):

    return "; ".join(
        f"[{d.sources[ref]['review_ref']}] {n:g} sessions" + (f", {pw:g} a week" if pw else "")
        for ref, (pw, n) in schedules(d).items()
    )


COMPUTED: dict[str, Computed] = {
    "rct1.dropouts": Computed("patients without an outcome", _c_dropouts),
    "rct1.counts": Computed("response counts", _c_counts),
    "rct1.fragility": Computed("fragility index", lambda d: f"{rct1.fragility(d)} patients"),
    "rct1.worst_case": Computed("worst case for the dropouts", _c_worst),
    "rct1.rd": Computed("risk difference in response", _c_rd),
    "rct1.events": Computed("responders in both arms", lambda d: f"{sum(a.responders for a in rct1.arms(d))} patients"),
    "rct1.threshold": Computed(
        "smallest worthwhile difference in response",
        lambda d: f"{float(d.value('sahker2024.swd_median')):g} percentage points",
    ),
    "rob2.overall": Computed("RoB 2 overall judgement", lambda d: rob2_overall(d.appraisal)[0]),
    "robins.overall": Computed("ROBINS-I overall judgement", lambda d: robins_overall(d.appraisal)),
    "cohort2.change": Computed("observed fall in pain", _c_change),
    "cohort2.specific": Computed("part of the fall specific to needling", _c_specific),
    "cohort2.participants": Computed("participants implied by the participation rate", _c_participants),
    "cohort2.review_n": Computed("the review's number of patients", _c_review_n),
    "pain.none_points": Computed("acupuncture vs no acupuncture, back and neck pain", lambda d: _c_points(d, "none")),
    "pain.sham_points": Computed("acupuncture vs sham, back and neck pain", lambda d: _c_points(d, "sham")),
    "pain.sham_share": Computed("effect against sham as a share of the effect against no acupuncture", _c_sham_share),
    "safety.ae": Computed("patients with at least one adverse event", _c_ae),
    "safety.sae": Computed("serious adverse events", _c_sae),
    "course.schedules": Computed("courses used by the cited studies", _c_schedules),
}


def computed(data: Dataset, name: str) -> str:
    """The value named ``name`` of :data:`COMPUTED`, as an answer cites it."""
    return COMPUTED[name].value(data)


@dataclass(frozen=True)
class Conclusion:
    key: str
    title: str  # short, for tables
    statement: str  # what the review concludes, in the book's words
    evidence: str  # the body of evidence rated


CONCLUSIONS: dict[str, Conclusion] = {
    "depression": Conclusion(
        "depression",
        "Treatment-resistant depression",
        "acupuncture added to antidepressants raises the response rate in treatment-resistant depression",
        "one randomized trial [1], 78 patients",
    ),
    "pain": Conclusion(
        "pain",
        "Refractory chronic pain",
        "acupuncture reduces pain in chronic pain that has resisted conventional treatment",
        "randomized trials in chronic pain pooled in the IPD meta-analyses [4, 5], and one uncontrolled "
        "cohort of refractory patients [2]",
    ),
    "safety": Conclusion(
        "safety",
        "Safety",
        "acupuncture is low-risk: adverse events are mild and serious ones rare",
        "prospective observational studies pooled by Bäumler et al. 2021 (the review cites none)",
    ),
    "course": Conclusion(
        "course",
        "The recommended course",
        "a course of 6 to 12 weekly sessions is the one to offer",
        "no comparison of course lengths; an association of dose with response in the cohort [2]",
    ),
}


def load(data: Dataset) -> Appraisal:
    """The appraisal files, validated against the facts, the sources and the computed values."""
    return load_appraisal(data, COMPUTED, CONCLUSIONS)


def what_was_read(data: Dataset, read: tuple[str, ...], computed_names: tuple[str, ...] = ()) -> str:
    """What an answer rests on, for a reader: each fact with where it stands, each source by its
    label, each computed value with its number."""
    parts = []
    for item in read:
        if item in data.facts:
            f = data.facts[item]
            where = f.locator or "not in the text read"
            parts.append(f"{source_label(data, f.source_id)}, {where} ({f.read_from})")
        else:
            s = data.sources[item]
            parts.append(f"{source_label(data, item)}, {s['read_from']}")
    parts = list(dict.fromkeys(parts))
    parts += [f"{COMPUTED[c].label}: {computed(data, c)}" for c in computed_names]
    return "; ".join(parts)
