"""The appraisal's tables for the chapter: each RoB 2 and ROBINS-I answer with the source's words and
what was read, each domain's judgement with its key reason, the GRADE evidence profile and summary,
the summary of findings, and what information would change each judgement."""

from __future__ import annotations

from .. import fmt
from ..data import Dataset
from ..lazy import lazy
from ..methods import grade as grade_method
from ..methods import rob2 as rob2_method
from ..methods import robins_i as robins_method
from ..studies import rct1
from ..studies.pain_meta import vas_points
from .answers import Answer, Appraisal
from .grade import certainty_of, ratings
from .grounds import CONCLUSIONS, what_was_read
from .numbers import (
    adverse_events_per_1000,
    at_12_months,
    responders_per_1000,
    serious_adverse_events_per_1000,
    trial_rd,
    worst_case,
)
from .rob2 import key_answers, rob2_judgements, rob2_overall
from .robins_i import robins_outcomes, robins_overall

pd = lazy("pandas")


def rob2_table(data: Dataset, appraisal: Appraisal):
    """One row a signalling question: domain, question, answer, the source's words, what would settle
    it, what was read."""
    rows = appraisal.rob2
    return pd.DataFrame(
        [
            {
                "domain": a.domain,
                "question": a.question,
                "signalling question": a.text,
                "answer": a.answer,
                "source's words": a.words or "(no quotation: see the reason)" if a.answer != "NA" else "(not asked)",
                "reason": a.reason,
                "what would settle it": a.settle or "-",
                "read": what_was_read(data, a.read, a.computed),
            }
            for a in rows
            if a.domain != "overall"
        ]
    )


def rob2_summary(appraisal: Appraisal):
    """One row a domain: its judgement by the algorithm, the path, and the key reason."""
    rows = appraisal.rob2
    judged = rob2_judgements(appraisal)
    out = []
    for d, j in judged.items():
        keys = key_answers(rows, j)
        out.append(
            {
                "domain": d,
                "name": rob2_method.DOMAINS[d],
                "judgement": j.level,
                "answers": j.path,
                "key reason": " ".join(a.reason for a in keys),
                "what would change it": " ".join(a.settle for a in keys if a.settle) or "-",
            }
        )
    level, how = rob2_overall(appraisal)
    over = next(a for a in rows if a.domain == "overall")
    out.append(
        {
            "domain": "Overall",
            "name": "Overall risk of bias",
            "judgement": level,
            "answers": how,
            "key reason": over.reason,
            "what would change it": over.settle or "-",
        }
    )
    return pd.DataFrame(out)


def robins_target(appraisal: Appraisal):
    """The target trial of the ROBINS-I assessment, element by element, against what [2] did."""
    seen, out = set(), []
    for a in appraisal.robins_i:
        if a.domain == "target" and a.question not in seen:
            seen.add(a.question)
            out.append({"element": a.question, "the target trial": a.text, "what [2] did": a.reason})
    return pd.DataFrame(out)


def robins_table(data: Dataset, appraisal: Appraisal):
    """One row a ROBINS-I signalling question (an answer shared by both outcomes once): outcome,
    domain, question, answer, the source's words, what would settle it, what was read."""
    seen, out = set(), []
    for a in appraisal.robins_i:
        if a.domain in robins_method.DOMAINS and a.question != "judgment" and (a.question, a.row) not in seen:
            seen.add((a.question, a.row))
            out.append(
                {
                    "outcome": _outcome_label(appraisal, a),
                    "domain": a.domain,
                    "question": a.question,
                    "signalling question": a.text,
                    "answer": a.answer,
                    "source's words": a.words or "(no quotation: see the reason)"
                    if a.answer != "NA"
                    else "(not asked)",
                    "reason": a.reason,
                    "what would settle it": a.settle or "-",
                    "read": what_was_read(data, a.read, a.computed),
                }
            )
    return pd.DataFrame(out)


def _outcome_label(appraisal: Appraisal, a: Answer) -> str:
    same = [b.outcome for b in appraisal.robins_i if b.row == a.row]
    return "both" if len(same) > 1 else a.outcome


def robins_summary(appraisal: Appraisal):
    """One row a ROBINS-I domain: its judgement for each outcome and the key reason; then the overall."""
    rows = appraisal.robins_i
    out = []
    for d, name in robins_method.DOMAINS.items():
        entry = {"domain": d, "name": name}
        reasons = {}
        for outcome in robins_outcomes(appraisal):
            j = next(a for a in rows if a.outcome == outcome and a.domain == d and a.question == "judgment")
            entry[outcome] = j.answer
            reasons.setdefault(j.reason, j)
        first = next(iter(reasons.values()))
        entry["key reason"] = " ".join(reasons)
        entry["what would change it"] = first.settle or "-"
        out.append(entry)
    overall = {"domain": "Overall", "name": "Overall risk of bias"}
    for outcome in robins_outcomes(appraisal):
        overall[outcome] = robins_overall(appraisal, outcome)
    overall["key reason"] = "The most severe domain decides (ROBINS-I, Sterne et al. 2016, Table 2)."
    overall["what would change it"] = "Only a change to the confounding judgement could lower it (see D1)."
    out.append(overall)
    return pd.DataFrame(out)


def grade_profile(data: Dataset, appraisal: Appraisal):
    """The evidence profile: one row a conclusion and domain, with rating, reason and numbers."""
    out = []
    for r in appraisal.grade:
        out.append(
            {
                "conclusion": CONCLUSIONS[r.conclusion].title,
                "domain": "starting level" if r.domain == "start" else r.domain,
                "rating": r.rating,
                "reason": r.reason,
                "numbers and sources": what_was_read(data, r.read, r.computed),
            }
        )
    return pd.DataFrame(out)


def grade_summary(appraisal: Appraisal):
    """One row a conclusion: start, each domain's rating, certainty."""
    out = []
    for key, c in CONCLUSIONS.items():
        mine = ratings(appraisal, key)
        cert = certainty_of(appraisal, key)
        row = {"conclusion": c.title, "evidence": c.evidence, "starting level": mine["start"].rating}
        row.update({d: mine[d].rating for d in grade_method.DOWNGRADE_DOMAINS})
        row["certainty"] = f"{cert.symbol} {cert.level}"
        out.append(row)
    return pd.DataFrame(out)


def _estimate(e, unit: str = "", digits: int = 2) -> str:
    """An estimate with its interval, ``(estimate, low, high)``: '1.38 points lower (1.28 to 1.45)'."""
    return f"{fmt.num(e[0], digits)}{' ' + unit if unit else ''} ({fmt.interval(e[1], e[2], digits)})"


#: the sources each row of the summary of findings reads (ids of sources.csv), in the row's order: the
#: trial [1]; the IPD meta-analyses [4, 5], the decay of sham-controlled effects and the refractory
#: cohort [2]; the pooled prospective studies of adverse events; none for the course (no study compared
#: courses)
SOF_SOURCES = {
    "depression": ("R1",),
    "pain": ("R4", "R5", "MacPherson2017", "R2"),
    "safety": ("Baeumler2021",),
    "course": (),
}


def summary_of_findings(data: Dataset, appraisal: Appraisal):
    """The summary-of-findings table: per outcome, the risk without and with acupuncture (per 1000
    where the outcome is binary and the data allow), the effect with its interval, the patients and
    studies, the certainty, and the ids of the sources the row reads (``sources``, :data:`SOF_SOURCES`),
    which a page shows as links to their canonical addresses."""
    obs, ctrl = rct1.arms(data)
    rd, lo, hi = trial_rd(data)
    rr = rct1.analysed_effects(data)["risk ratio"]
    (_, _, _, _), (wrd, wlo, whi), _ = worst_case(data)
    none, sham = vas_points(data, "none"), vas_points(data, "sham")
    year = {c: at_12_months(data, c) for c in ("none", "sham")}
    ae, sae = adverse_events_per_1000(data), serious_adverse_events_per_1000(data)
    with_it, without = responders_per_1000(data)

    def cert(key):
        c = certainty_of(appraisal, key)
        return f"{c.symbol} {c.level}"

    rows = [
        {
            "outcome": "Response on HAMD-24 after 8 weeks (treatment-resistant depression)",
            "comparator": f"medication alone: {fmt.num(without, 0)} per 1000",
            "with acupuncture": f"added to medication: {fmt.num(with_it, 0)} per 1000 "
            f"(counts rebuilt from the review's percentages)",
            "difference (95% CI)": f"{fmt.num(1000 * rd, 0)} more per 1000 ({fmt.num(1000 * lo, 0)} to {fmt.num(1000 * hi, 0)} more); "
            f"worst case for the dropouts {fmt.num(1000 * wrd, 0)} more ({fmt.num(1000 * wlo, 0)} to {fmt.num(1000 * whi, 0)})",
            "relative effect": f"RR {fmt.num(rr[0], 2)} ({fmt.num(rr[1], 2)} to {fmt.num(rr[2], 2)})",
            "patients (studies)": f"{obs.analysed + ctrl.analysed} analysed of {obs.randomized + ctrl.randomized} (1 RCT)",
            "certainty": cert("depression"),
            "sources": SOF_SOURCES["depression"],
        },
        {
            "outcome": "Pain, 0-10 VAS, about 12 months (chronic pain; no trial selected refractory patients)",
            "comparator": "no acupuncture, or sham; not estimable per 1000: continuous outcome",
            "with acupuncture": "-",
            "difference (95% CI)": f"vs no acupuncture {_estimate(none, 'points lower')} after treatment, "
            f"{_estimate(year['none'])} at 12 months; vs sham {_estimate(sham, 'lower')} after treatment, "
            f"{_estimate(year['sham'])} at 12 months, as "
            f"sham-controlled effects decay (MacPherson et al. 2017) (back and neck pain)",
            "relative effect": "SMD vs no acupuncture {:g} ({:g} to {:g})".format(
                *(float(data.number(f"vickers2012.none.back_neck{s}")) for s in ("", "_low", "_high"))
            ),
            "patients (studies)": f"{int(data.number('vickers2012.patients')):,} in all conditions "
            f"({int(data.number('vickers2012.trials'))} RCTs), back and neck pain a part of them; "
            f"the refractory cohort [2] has no comparison group",
            "certainty": cert("pain"),
            "sources": SOF_SOURCES["pain"],
        },
        {
            "outcome": "Adverse events (patients with at least one / serious)",
            "comparator": "not estimable: no comparison group",
            "with acupuncture": f"{_estimate(ae, 'per 1000', 0)}; serious {_estimate(sae, 'per 1000')}",
            "difference (95% CI)": "-",
            "relative effect": "-",
            "patients (studies)": "prospective studies pooled by Bäumler et al. 2021",
            "certainty": cert("safety"),
            "sources": SOF_SOURCES["safety"],
        },
        {
            "outcome": "Course of 6-12 weekly sessions against other courses",
            "comparator": "not estimable: no study compared courses",
            "with acupuncture": "-",
            "difference (95% CI)": "-",
            "relative effect": "-",
            "patients (studies)": "none",
            "certainty": cert("course"),
            "sources": SOF_SOURCES["course"],
        },
    ]
    return pd.DataFrame(rows)


def what_would_change(appraisal: Appraisal):
    """For each judgement, the information that would change it: every NI answer's 'settle'."""
    out = []
    for tool, rows in (("RoB 2 [1]", appraisal.rob2), ("ROBINS-I [2]", appraisal.robins_i)):
        seen = set()
        for a in rows:
            if a.settle and a.row not in seen:
                seen.add(a.row)
                out.append(
                    {"assessment": tool, "domain": a.domain, "question": a.question, "would be settled by": a.settle}
                )
    return pd.DataFrame(out)
