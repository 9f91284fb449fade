"""The appraisal of the review's evidence: risk of bias of the trial [1] (RoB 2) and of the cohort
[2] (ROBINS-I), and the certainty (GRADE) of each conclusion the review draws, from the answers and
ratings in data/rob2.csv, data/robins_i.csv and data/grade.csv.

The numbers the answers rest on are computed here, by name (:data:`COMPUTED`), from the same
functions the chapters use, so that a rating that cites "the fragility index" cites the number the
trial's chapter shows. :func:`certainty` gives a conclusion's certainty with a sentence a verdict
can cite.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .. import fmt
from ..appraisal_data import Answer, Appraisal, load_appraisal
from ..data import Dataset
from ..methods import grade as grade_method
from ..methods import rob2 as rob2_method
from ..methods import robins_i as robins_method
from ..methods.twobytwo import effect_measures, two_by_two_pvalues


# --- the numbers the judgements rest on ---------------------------------------------------------

def _rct(data):
    from . import rct1

    return rct1.arms(data)


def _rd(data) -> tuple[float, float, float]:
    obs, ctrl = _rct(data)
    return effect_measures(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)["risk difference"]


def _worst(data):
    from . import rct1

    y1, n1, y0, n0 = rct1.attrition_scenarios(data)["worst case for acupuncture"]
    rd = effect_measures(y1, n1, y0, n0)["risk difference"]
    return (y1, n1, y0, n0), rd, two_by_two_pvalues(y1, n1, y0, n0)["fisher"]


def _points(data, comparison: str) -> tuple[float, float, float]:
    """A standardized difference of the IPD meta-analysis [4] (back and neck pain) in VAS points, at
    the SD the chronic-pain and cohort chapters use."""
    sd = data.assumption("cohort2.sd_for_smd").value
    return tuple(float(data.value(f"vickers2012.{comparison}.back_neck{s}")) * sd for s in ("", "_low", "_high"))


def _specific(data):
    from scipy import stats

    from . import cohort2

    comps = cohort2.decomposition_priors(data)
    mean, cov = cohort2.decomposition_posterior(comps, *cohort2.observed_change(data))
    sd = cov[0, 0] ** 0.5
    minimal = cohort2.important_change(data)[0]
    return mean[0], mean[0] - 1.96 * sd, mean[0] + 1.96 * sd, float(stats.norm(mean[0], sd).sf(minimal)), minimal


def _rate_per_1000(data, key: str, low: str, high: str, scale: float) -> tuple[float, float, float]:
    return tuple(float(data.value(f"baeumler2021.{k}")) * scale for k in (key, low, high))


@dataclass(frozen=True)
class Computed:
    label: str
    value: Callable[[Dataset], str]


def _c_dropouts(d):
    obs, ctrl = _rct(d)
    n, k = obs.randomized + ctrl.randomized, obs.dropouts + ctrl.dropouts
    return f"{k} of {n} randomized ({fmt.pct(k / n)}): {obs.dropouts} with acupuncture, {ctrl.dropouts} with medication alone"


def _c_counts(d):
    obs, ctrl = _rct(d)
    return (f"{fmt.count(obs.responders, obs.analysed)} with acupuncture and {fmt.count(ctrl.responders, ctrl.analysed)} "
            f"with medication alone, rebuilt from the review's percentages, which fit only the patients analysed")


def _c_worst(d):
    (y1, n1, y0, n0), (rd, lo, hi), p = _worst(d)
    return (f"{fmt.count(y1, n1)} against {fmt.count(y0, n0)}: {100 * rd:.1f} points ({100 * lo:.1f} to {100 * hi:.1f}), "
            f"Fisher's exact {fmt.pval(p)}")


def _c_rd(d):
    rd, lo, hi = _rd(d)
    return f"{100 * rd:.1f} percentage points (95% CI {100 * lo:.1f} to {100 * hi:.1f}, Newcombe)"


def _c_specific(d):
    m, lo, hi, p, minimal = _specific(d)
    return (f"{m:.2f} VAS points (95% credible interval {lo:.2f} to {hi:.2f}); probability of reaching a minimally important "
            f"{minimal:.2f} points {fmt.prob(p)}")


def _c_points(d, which):
    e, lo, hi = _points(d, which)
    return f"{e:.2f} VAS points ({lo:.2f} to {hi:.2f})"


def _c_change(d):
    return (f"{float(d.value('cohort2.vas_baseline')) - float(d.value('cohort2.vas_12m')):.1f} VAS points, "
            f"from {float(d.value('cohort2.vas_baseline')):.1f} to {float(d.value('cohort2.vas_12m')):.1f}")


def _c_participants(d):
    from . import cohort2

    part = cohort2.participants(d)
    return f"{min(part)} to {max(part)} of {int(d.value('cohort2.new_patients'))} new patients"


def _c_review_n(d):
    from . import cohort2

    return f"n = {cohort2.review_n(d)}, a number that none of the reported percentages fits"


def _c_ae(d):
    e, lo, hi = _rate_per_1000(d, "ae_patients_pct", "ae_patients_low", "ae_patients_high", 10)
    return f"{e:.0f} per 1000 patients ({lo:.0f} to {hi:.0f})"


def _c_sae(d):
    e, lo, hi = _rate_per_1000(d, "sae_per_10000", "sae_low", "sae_high", 0.1)
    return f"{e:.2f} per 1000 patients ({lo:.2f} to {hi:.2f}), about 1 in {round(1000 / e, -3):,.0f}"


def _c_schedules(d):
    from ..checks.evidence import schedules

    return "; ".join(f"[{d.sources[ref]['review_ref']}] {n:g} sessions" + (f", {pw:g} a week" if pw else "")
                     for ref, (pw, n) in schedules(d).items())


COMPUTED: dict[str, Computed] = {
    "rct1.dropouts": Computed("patients without an outcome", _c_dropouts),
    "rct1.counts": Computed("response counts", _c_counts),
    "rct1.fragility": Computed("fragility index", lambda d: f"{_fragility(d)} patients"),
    "rct1.worst_case": Computed("worst case for the dropouts", _c_worst),
    "rct1.rd": Computed("risk difference in response", _c_rd),
    "rct1.events": Computed("responders in both arms",
                            lambda d: f"{sum(a.responders for a in _rct(d))} patients"),
    "rct1.threshold": Computed("smallest worthwhile difference in response",
                               lambda d: f"{float(d.value('sahker2024.swd_median')):g} percentage points"),
    "rob2.overall": Computed("RoB 2 overall judgement", lambda d: rob2_overall(d)[0]),
    "robins.overall": Computed("ROBINS-I overall judgement", lambda d: robins_overall(d)),
    "cohort2.change": Computed("observed fall in pain", _c_change),
    "cohort2.specific": Computed("part of the fall specific to needling", _c_specific),
    "cohort2.participants": Computed("participants implied by the participation rate", _c_participants),
    "cohort2.review_n": Computed("the review's number of patients", _c_review_n),
    "pain.none_points": Computed("acupuncture vs no acupuncture, back and neck pain", lambda d: _c_points(d, "none")),
    "pain.sham_points": Computed("acupuncture vs sham, back and neck pain", lambda d: _c_points(d, "sham")),
    "safety.ae": Computed("patients with at least one adverse event", _c_ae),
    "safety.sae": Computed("serious adverse events", _c_sae),
    "course.schedules": Computed("courses used by the cited studies", _c_schedules),
}


def _fragility(d) -> int | float:
    from . import rct1

    return rct1.fragility(d)


def computed(data: Dataset, name: str) -> str:
    return COMPUTED[name].value(data)


# --- the conclusions ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Conclusion:
    key: str
    title: str  # short, for tables
    statement: str  # what the review concludes, in the book's words
    evidence: str  # the body of evidence rated


CONCLUSIONS: dict[str, Conclusion] = {
    "depression": Conclusion("depression", "Treatment-resistant depression",
                             "acupuncture added to antidepressants raises the response rate in treatment-resistant "
                             "depression",
                             "one randomized trial [1], 78 patients"),
    "pain": Conclusion("pain", "Refractory chronic pain",
                       "acupuncture reduces pain in chronic pain that has resisted conventional treatment",
                       "randomized trials in chronic pain pooled in the IPD meta-analyses [4, 5], and one uncontrolled "
                       "cohort of refractory patients [2]"),
    "safety": Conclusion("safety", "Safety",
                         "acupuncture is low-risk: adverse events are mild and serious ones rare",
                         "prospective observational studies pooled by Bäumler et al. 2021 (the review cites none)"),
    "course": Conclusion("course", "The recommended course",
                         "a course of 6 to 12 weekly sessions is the one to offer",
                         "no comparison of course lengths; an association of dose with response in the cohort [2]"),
}


def load(data: Dataset) -> Appraisal:
    """The appraisal files, validated against the facts, the sources and the computed values."""
    return load_appraisal(data, COMPUTED, CONCLUSIONS)


# --- RoB 2 ------------------------------------------------------------------------------------------

def _rob2_rows(data: Dataset, appraisal: Appraisal | None = None) -> list[Answer]:
    return (appraisal or load(data)).rob2


def rob2_judgements(data: Dataset, appraisal: Appraisal | None = None, answers: dict[str, str] | None = None):
    """Each domain's judgement by the RoB 2 algorithm from the recorded answers (or from
    ``answers``, to show what other answers would give)."""
    rows = _rob2_rows(data, appraisal)
    plain = {a.question: a.answer for a in rows if a.domain != "overall"}
    plain.update(answers or {})
    return rob2_method.judge(plain)


def rob2_overall(data: Dataset, appraisal: Appraisal | None = None, answers: dict[str, str] | None = None,
                 substantial: bool | None = None) -> tuple[str, str]:
    """The overall RoB 2 judgement and how it was reached."""
    rows = _rob2_rows(data, appraisal)
    row = next(a for a in rows if a.domain == "overall")
    judged = rob2_judgements(data, appraisal, answers)
    levels = [j.level for j in judged.values()]
    sub = (None if row.answer == "NA" else row.answer == "Y") if substantial is None else substantial
    level = rob2_method.overall(levels, sub)
    highs = [d for d, j in judged.items() if j.level == rob2_method.HIGH]
    if highs:
        how = f"High in {', '.join(highs)}"
    elif level == rob2_method.LOW:
        how = "Low in every domain"
    elif sum(lv == rob2_method.SOME for lv in levels) > 1:
        how = "Some concerns in several domains, which " + ("substantially lower" if sub else "do not substantially lower") \
              + " confidence in the result"
    else:
        how = "Some concerns in one domain"
    return level, how


def rob2_table(data: Dataset, appraisal: Appraisal | None = None):
    """One row a signalling question: domain, question, answer, the source's words, what would settle
    it, what was read."""
    import pandas as pd

    rows = _rob2_rows(data, appraisal)
    return pd.DataFrame([{
        "domain": a.domain, "question": a.question, "signalling question": a.text, "answer": a.answer,
        "source's words": a.words or "(no quotation: see the reason)" if a.answer != "NA" else "(not asked)",
        "reason": a.reason, "what would settle it": a.settle or "-", "read": read_text(data, a.read, a.computed),
    } for a in rows if a.domain != "overall"])


def rob2_summary(data: Dataset, appraisal: Appraisal | None = None):
    """One row a domain: its judgement by the algorithm, the path, and the key reason."""
    import pandas as pd

    rows = _rob2_rows(data, appraisal)
    judged = rob2_judgements(data, appraisal)
    out = []
    for d, j in judged.items():
        keys = _key_answers(rows, j)
        out.append({"domain": d, "name": rob2_method.DOMAINS[d], "judgement": j.level, "answers": j.path,
                    "key reason": " ".join(a.reason for a in keys),
                    "what would change it": " ".join(a.settle for a in keys if a.settle) or "-"})
    level, how = rob2_overall(data, appraisal)
    over = next(a for a in rows if a.domain == "overall")
    out.append({"domain": "Overall", "name": "Overall risk of bias", "judgement": level, "answers": how,
                "key reason": over.reason, "what would change it": over.settle or "-"})
    return pd.DataFrame(out)


def _key_answers(rows: list[Answer], j) -> list[Answer]:
    """The answers that drove a domain's judgement: those on the algorithm's path that point towards
    bias or leave it open (NI); the last on the path if none does."""
    by_q = {a.question: a for a in rows}
    path = [step.split(" ")[0] for step in j.path.split(", ")]
    keys = [by_q[q] for q in path if rob2_method.unfavourable(q, by_q[q].answer)]
    return keys or [by_q[path[-1]]]


# --- ROBINS-I ---------------------------------------------------------------------------------------

def robins_rows(data: Dataset, appraisal: Appraisal | None = None) -> list[Answer]:
    return (appraisal or load(data)).robins_i


def robins_outcomes(data: Dataset, appraisal: Appraisal | None = None) -> list[str]:
    return list(dict.fromkeys(a.outcome for a in robins_rows(data, appraisal)))


def robins_judgements(data: Dataset, outcome: str, appraisal: Appraisal | None = None,
                      override: dict[str, str] | None = None) -> dict[str, str]:
    rows = robins_rows(data, appraisal)
    out = {a.domain: a.answer for a in rows if a.outcome == outcome and a.question == "judgment"}
    out.update(override or {})
    return {d: out[d] for d in robins_method.DOMAINS}


def robins_overall(data: Dataset, outcome: str | None = None, appraisal: Appraisal | None = None,
                   override: dict[str, str] | None = None) -> str:
    outcome = outcome or robins_outcomes(data, appraisal)[0]
    return robins_method.overall(list(robins_judgements(data, outcome, appraisal, override).values()))


def robins_target(data: Dataset, appraisal: Appraisal | None = None):
    import pandas as pd

    seen, out = set(), []
    for a in robins_rows(data, appraisal):
        if a.domain == "target" and a.question not in seen:
            seen.add(a.question)
            out.append({"element": a.question, "the target trial": a.text, "what [2] did": a.reason})
    return pd.DataFrame(out)


def robins_table(data: Dataset, appraisal: Appraisal | None = None):
    import pandas as pd

    seen, out = set(), []
    for a in robins_rows(data, appraisal):
        if a.domain in robins_method.DOMAINS and a.question != "judgment" and (a.question, a.row) not in seen:
            seen.add((a.question, a.row))
            out.append({"outcome": _outcome_label(data, a, appraisal), "domain": a.domain, "question": a.question,
                        "signalling question": a.text, "answer": a.answer,
                        "source's words": a.words or "(no quotation: see the reason)" if a.answer != "NA" else "(not asked)",
                        "reason": a.reason, "what would settle it": a.settle or "-",
                        "read": read_text(data, a.read, a.computed)})
    return pd.DataFrame(out)


def _outcome_label(data, a: Answer, appraisal) -> str:
    same = [b.outcome for b in robins_rows(data, appraisal) if b.row == a.row]
    return "both" if len(same) > 1 else a.outcome


def robins_summary(data: Dataset, appraisal: Appraisal | None = None):
    import pandas as pd

    rows = robins_rows(data, appraisal)
    out = []
    for d, name in robins_method.DOMAINS.items():
        entry = {"domain": d, "name": name}
        reasons = {}
        for outcome in robins_outcomes(data, appraisal):
            j = next(a for a in rows if a.outcome == outcome and a.domain == d and a.question == "judgment")
            entry[outcome] = j.answer
            reasons.setdefault(j.reason, j)
        first = next(iter(reasons.values()))
        entry["key reason"] = " ".join(reasons)
        entry["what would change it"] = first.settle or "-"
        out.append(entry)
    overall = {"domain": "Overall", "name": "Overall risk of bias"}
    for outcome in robins_outcomes(data, appraisal):
        overall[outcome] = robins_overall(data, outcome, appraisal)
    overall["key reason"] = "The most severe domain decides (ROBINS-I, Sterne et al. 2016, Table 2)."
    overall["what would change it"] = "Only a change to the confounding judgement could lower it (see D1)."
    out.append(overall)
    return pd.DataFrame(out)


def read_text(data: Dataset, read: tuple[str, ...], computed_names: tuple[str, ...] = ()) -> str:
    """What an answer rests on, for a reader: each fact with where it stands, each source by its
    label, each computed value with its number."""
    from ..checks.evidence import source_label

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


# --- GRADE ------------------------------------------------------------------------------------------

def ratings(data: Dataset, conclusion: str, appraisal: Appraisal | None = None):
    return {r.domain: r for r in (appraisal or load(data)).grade if r.conclusion == conclusion}


def certainty_of(data: Dataset, conclusion: str, appraisal: Appraisal | None = None,
                 override: dict[str, str] | None = None) -> grade_method.Certainty:
    mine = ratings(data, conclusion, appraisal)
    given = {d: r.rating for d, r in mine.items() if d != "start"}
    given.update(override or {})
    return grade_method.certainty(mine["start"].rating, given)


def certainty(data: Dataset, conclusion: str, appraisal: Appraisal | None = None) -> tuple[str, str]:
    """The certainty of the evidence for one of the review's conclusions (GRADE) and a sentence
    saying why, for a verdict to cite: ('very low', 'GRADE certainty that ...: very low (...).')."""
    c = CONCLUSIONS[conclusion]
    cert = certainty_of(data, conclusion, appraisal)
    mine = ratings(data, conclusion, appraisal)
    down = [f"{d} ({r.rating})" for d, r in mine.items() if d in grade_method.DOWNGRADE_DOMAINS and r.rating != "not serious"]
    start = f"starting {mine['start'].rating}"
    why = f"{start}, rated down for {', '.join(down)}" if down else f"{start}, not rated down"
    return cert.level, f"GRADE certainty that {c.statement}: {cert.level} ({c.evidence}; {why})."


def certainty_sentence(data: Dataset, keys=("depression", "pain", "safety"), appraisal: Appraisal | None = None) -> str:
    """One sentence for the review's summary claims: the certainty of each conclusion they combine."""
    appraisal = appraisal or load(data)
    parts = [f"{certainty(data, k, appraisal)[0]} for {CONCLUSIONS[k].title.lower()}" for k in keys]
    listed = ", ".join(parts[:-1]) + f" and {parts[-1]}" if len(parts) > 1 else parts[0]
    return f"This book's GRADE assessment rates the certainty of the evidence {listed}."


def grade_profile(data: Dataset, appraisal: Appraisal | None = None):
    """The evidence profile: one row a conclusion and domain, with rating, reason and numbers."""
    import pandas as pd

    appraisal = appraisal or load(data)
    out = []
    for r in appraisal.grade:
        out.append({"conclusion": CONCLUSIONS[r.conclusion].title,
                    "domain": "starting level" if r.domain == "start" else r.domain, "rating": r.rating,
                    "reason": r.reason, "numbers and sources": read_text(data, r.read, r.computed)})
    return pd.DataFrame(out)


def grade_summary(data: Dataset, appraisal: Appraisal | None = None):
    """One row a conclusion: start, each domain's rating, certainty."""
    import pandas as pd

    appraisal = appraisal or load(data)
    out = []
    for key, c in CONCLUSIONS.items():
        mine = ratings(data, key, appraisal)
        cert = certainty_of(data, key, appraisal)
        row = {"conclusion": c.title, "evidence": c.evidence, "starting level": mine["start"].rating}
        row.update({d: mine[d].rating for d in grade_method.DOWNGRADE_DOMAINS})
        row["certainty"] = f"{cert.symbol} {cert.level}"
        out.append(row)
    return pd.DataFrame(out)


def summary_of_findings(data: Dataset, appraisal: Appraisal | None = None):
    """The summary-of-findings table: per outcome, the risk without and with acupuncture (per 1000
    where the outcome is binary and the data allow), the effect with its interval, the patients and
    studies, and the certainty."""
    import pandas as pd

    appraisal = appraisal or load(data)
    obs, ctrl = _rct(data)
    rd, lo, hi = _rd(data)
    rr = effect_measures(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)["risk ratio"]
    (_, _, _, _), (wrd, wlo, whi), _ = _worst(data)
    none, sham = _points(data, "none"), _points(data, "sham")
    decay = float(data.value("vickers2018.decay_12m_pct")) / 100
    ae, sae = _rate_per_1000(data, "ae_patients_pct", "ae_patients_low", "ae_patients_high", 10), \
        _rate_per_1000(data, "sae_per_10000", "sae_low", "sae_high", 0.1)

    def cert(key):
        c = certainty_of(data, key, appraisal)
        return f"{c.symbol} {c.level}"

    rows = [
        {"outcome": "Response on HAMD-24 after 8 weeks (treatment-resistant depression)",
         "comparator": f"medication alone: {grade_method.per_1000(ctrl.responders / ctrl.analysed):.0f} per 1000",
         "with acupuncture": f"added to medication: {grade_method.per_1000(obs.responders / obs.analysed):.0f} per 1000 "
                             f"(counts rebuilt from the review's percentages)",
         "difference (95% CI)": f"{1000 * rd:.0f} more per 1000 ({1000 * lo:.0f} to {1000 * hi:.0f} more); "
                                f"worst case for the dropouts {1000 * wrd:.0f} more ({1000 * wlo:.0f} to {1000 * whi:.0f})",
         "relative effect": f"RR {rr[0]:.2f} ({rr[1]:.2f} to {rr[2]:.2f})",
         "patients (studies)": f"{obs.analysed + ctrl.analysed} analysed of {obs.randomized + ctrl.randomized} (1 RCT)",
         "certainty": cert("depression")},
        {"outcome": "Pain, 0-10 VAS, about 12 months (chronic pain; no trial selected refractory patients)",
         "comparator": "no acupuncture, or sham; not estimable per 1000: continuous outcome",
         "with acupuncture": "-",
         "difference (95% CI)": f"vs no acupuncture {none[0]:.2f} points lower ({none[1]:.2f} to {none[2]:.2f}), about "
                                f"{none[0] * (1 - decay):.2f} at one year; vs sham {sham[0]:.2f} lower ({sham[1]:.2f} to "
                                f"{sham[2]:.2f}) (back and neck pain)",
         "relative effect": "SMD vs no acupuncture {:g} ({:g} to {:g})".format(
             *(float(data.value(f"vickers2012.none.back_neck{s}")) for s in ("", "_low", "_high"))),
         "patients (studies)": f"{int(data.value('vickers2012.patients')):,} in all conditions "
                               f"({int(data.value('vickers2012.trials'))} RCTs), back and neck pain a part of them; "
                               f"the refractory cohort [2] has no comparison group",
         "certainty": cert("pain")},
        {"outcome": "Adverse events (patients with at least one / serious)",
         "comparator": "not estimable: no comparison group",
         "with acupuncture": f"{ae[0]:.0f} per 1000 ({ae[1]:.0f} to {ae[2]:.0f}); serious {sae[0]:.2f} per 1000 "
                                   f"({sae[1]:.2f} to {sae[2]:.2f})",
         "difference (95% CI)": "-",
         "relative effect": "-",
         "patients (studies)": "prospective studies pooled by Bäumler et al. 2021",
         "certainty": cert("safety")},
        {"outcome": "Course of 6-12 weekly sessions against other courses",
         "comparator": "not estimable: no study compared courses",
         "with acupuncture": "-", "difference (95% CI)": "-", "relative effect": "-",
         "patients (studies)": "none", "certainty": cert("course")},
    ]
    return pd.DataFrame(rows)


def what_would_change(data: Dataset, appraisal: Appraisal | None = None):
    """For each judgement, the information that would change it: every NI answer's 'settle'."""
    import pandas as pd

    appraisal = appraisal or load(data)
    out = []
    for tool, rows in (("RoB 2 [1]", appraisal.rob2), ("ROBINS-I [2]", appraisal.robins_i)):
        seen = set()
        for a in rows:
            if a.settle and a.row not in seen:
                seen.add(a.row)
                out.append({"assessment": tool, "domain": a.domain, "question": a.question, "would be settled by": a.settle})
    return pd.DataFrame(out)
