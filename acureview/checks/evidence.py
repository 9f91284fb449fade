"""Checks of the review's statements about bodies of evidence: what the cited sources (or, where
the review cites none, sources it could have cited) say; the pain meta-analyses; the proposed
course of treatment; and the review's conclusions set against this book's reanalyses."""
from __future__ import annotations

from .. import fmt
from ..data import Claim, Dataset
from ..verdicts import NOT_REPRODUCED, OVERSTATED, REPRODUCED, UNSUPPORTED, UNVERIFIABLE
from . import Result, check

MODEST = 0.5  # a standardized difference below Cohen's 'medium' counts as modest


def source_label(data: Dataset, source_id: str) -> str:
    """'[4] (Vickers 2012)' for a reference of the review; 'Armour 2019' for a source it does not cite."""
    s = data.sources[source_id]
    first = (s["record_authors"] or s["cited_authors"]).split(",")[0].split(" ")[0] or source_id
    year = s["record_year"] or s["cited_year"]
    return f"[{s['review_ref']}] ({first} {year})" if s["review_ref"] else f"{first} {year}"


def _citation_state(claim: Claim, data: Dataset) -> str:
    if not claim.refs:
        return "The review cites no source for it."
    parts = []
    for r in claim.refs:
        s = data.sources[r]
        if s["found"] == "no":
            parts.append(f"[{s['review_ref']}] cannot be found in any index searched")
        elif s["found"] == "nearest":
            parts.append(f"[{s['review_ref']}] is found only as a nearest match")
    return ("It cites " + ", ".join(f"[{data.sources[r]['review_ref']}]" for r in claim.refs) + ": "
            + "; ".join(parts) + "." if parts else "")


@check("support", reported=None, args={"fact?": "fact", "says?": "text", "contains?": "text", "needs?": "text"})
def support(claim: Claim, data: Dataset) -> Result:
    """Does a cited source say it?

    ``fact`` names a recorded statement bearing on the claim; ``says`` the wording the source
    would need for the claim to hold as written (absent: overstated); ``contains`` a subject the
    source must mention at all (absent: unsupported); ``needs`` what kind of source could settle a claim
    no recorded fact bears on. A statement of a source the review cites and can be found is judged
    on its wording; anything else is unsupported, and the reason gives what an uncited source says.
    """
    fid = claim.args.get("fact")
    says = claim.args.get("says", "")
    contains = claim.args.get("contains", "")
    needs = claim.args.get("needs")
    state = _citation_state(claim, data)
    if fid:
        f = data.fact(str(fid))
        src = data.sources[f.source_id]
        cited = f.source_id in claim.refs and src["found"] in ("yes", "nearest")
        label = source_label(data, f.source_id)
        if cited and f.type == "missing":
            return Result(UNVERIFIABLE, "not in the record", f"{label} as read does not give it: {f.note}.")
        if cited:
            text = str(f.value)
            if contains and contains.lower() not in text.lower():
                return Result(UNSUPPORTED, text, f"{label} does not mention '{contains}'; it is about: '{text}'. "
                                                 f"{state}".strip())
            if says and says.lower() not in text.lower():
                return Result(OVERSTATED, text, f"{label} says only: '{text}'; it does not say '{says}'. {state}".strip())
            if src["found"] == "yes":
                return Result(REPRODUCED, text, f"{label} says: '{text}'.")
            return Result(OVERSTATED, text, f"{label}, found only as a nearest match, says: '{text}'. {state}".strip())
        if f.type == "missing":
            return Result(UNSUPPORTED, "no source", f"{state} {label} as read does not give it either: {f.note}.")
        other = f"{label}, which the review does not cite for it, says: '{f.value}'."
        return Result(UNSUPPORTED, str(f.value), f"{state} {other}".strip())
    hint = f" It would need {needs}." if needs else ""
    return Result(UNSUPPORTED, "no source", f"{state}{hint}".strip())


@check("pain.effects", reported=None)
def pain_effects(claim: Claim, data: Dataset) -> Result:
    """Superiority over no acupuncture and a modest benefit over sham, per condition of [4]."""
    rows = []
    superior, modest = True, True
    for cond in ("back_neck", "oa", "headache"):
        none_lo = float(data.value(f"vickers2012.none.{cond}_low"))
        sham, sham_lo = float(data.value(f"vickers2012.sham.{cond}")), float(data.value(f"vickers2012.sham.{cond}_low"))
        superior &= none_lo > 0 and sham_lo > 0
        modest &= sham < MODEST
        rows.append(f"{cond.replace('_', '/')}: vs none {data.value(f'vickers2012.none.{cond}'):g}, vs sham {sham:g} SD")
    got = "; ".join(rows)
    if superior and modest:
        return Result(REPRODUCED, got, f"{source_label(data, 'R4')} gives effects above zero against both controls for "
                                       f"every condition, and against sham below {MODEST:g} SD: {got}.")
    if superior:
        return Result(NOT_REPRODUCED, got, f"The benefit over sham is not modest in every condition: {got}.")
    return Result(NOT_REPRODUCED, got, f"Not every interval excludes zero: {got}.")


@check("pain.persistence", reported=("months",))
def pain_persistence(claim: Claim, data: Dataset) -> Result:
    """Effects persisting for the review's number of months ('≥ 12 months'), against the decay of
    the effect the update of the IPD meta-analysis [5] reports at its horizon."""
    months = claim.number()
    horizon = float(data.value("vickers2018.decay_months"))
    decay = float(data.value("vickers2018.decay_12m_pct"))
    when = "1 year" if horizon == 12 else f"{horizon:g} months"
    got = f"{decay:g}% smaller at {when}"
    if not months.agrees(horizon):
        return Result(UNVERIFIABLE, got, f"{source_label(data, 'R5')} follows the effect to {when} only "
                                         f"({decay:g}% smaller then); the review says {months}.")
    if decay < 50:
        return Result(REPRODUCED, got, f"{source_label(data, 'R5')} reports the effect {decay:g}% smaller at "
                                       f"{'one year' if horizon == 12 else when}, so most of it persists; that is the "
                                       f"whole effect against controls, not the part specific to needling.")
    return Result(NOT_REPRODUCED, got, f"{source_label(data, 'R5')} reports the effect {decay:g}% smaller at "
                                       f"{'one year' if horizon == 12 else when}.")


STUDY_SCHEDULES = {  # study: (sessions per week fact, weeks fact, total sessions fact)
    "R1": ("rct1.sessions_per_week", "rct1.weeks", None),
    "R2": (None, None, "cohort2.sessions_median"),
    "R3": ("matsuura.sessions_per_week", "matsuura.weeks", None),
}


def schedules(data: Dataset) -> dict[str, tuple[float | None, float | None]]:
    """Sessions per week and total sessions in each cited study (None where the record does not say)."""
    out = {}
    for ref, (per_week, weeks, total) in STUDY_SCHEDULES.items():
        pw = float(data.value(per_week)) if per_week else None
        n = float(data.value(total)) if total else pw * float(data.value(weeks))
        out[ref] = (pw, n)
    return out


@check("schedule", reported=("range",))
def schedule(claim: Claim, data: Dataset) -> Result:
    lo, hi = (r.value for r in claim.numbers())  # '6–12 weekly sessions'
    found = schedules(data)
    parts, fits = [], []
    for ref, (pw, n) in found.items():
        weekly = pw is None or pw == 1
        ok = lo <= n <= hi and weekly
        fits.append(ok)
        how = f"{pw:g} a week" if pw else "frequency not stated"
        parts.append(f"[{data.sources[ref]['review_ref']}] {n:g} sessions ({how})")
    got = "; ".join(parts)
    if all(fits):
        return Result(REPRODUCED, got, f"Every cited study's course lies within {lo:g}-{hi:g} weekly sessions: {got}.")
    return Result(UNSUPPORTED, got, f"The review cites no source for the course, and the cited studies used other "
                                    f"schedules: {got}.")


@check("conclusion", reported=None)
def conclusion(claim: Claim, data: Dataset) -> Result:
    """'Clinically meaningful benefits ... supported by trial and real-world data' (and the
    abstract's 'promising results'), against this book's two reanalyses (grid and closed-form
    posteriors; no sampling):

    - depression trial [1], primary analysis: all randomized patients, dropouts modelled, the
      evidence-based prior (Zhao 2019, discounted for indirectness): P(gain >= the median smallest
      worthwhile difference), and the same under every prior of the conventional grid and per
      protocol;
    - pain cohort [2]: whether the cohort's own data inform the part of its improvement specific to
      needling (posterior SD below 0.9 of the prior's), and that part read as a group difference
      in responders (IMMPACT).

    Reproduced only if an important benefit in [1] is more likely than not under the primary
    analysis and under every conventional prior, and the cohort bears on the needling-specific part.
    """
    from ..studies import cohort2 as cohort
    from ..studies import rct1

    t = rct1.important_difference(data)[0]
    pr = rct1.priors(data)
    primary = rct1.randomized_summary(data, pr["evidence"], quantiles=False)["p_above"]
    p_rct, p_any = primary[t], primary[0.0]
    grid_p = {k: rct1.randomized_summary(data, pr[k], quantiles=False)["p_above"][t] for k in pr if k != "evidence"}
    worst = min(grid_p, key=grid_p.get)
    per_protocol = rct1.posterior_analysed(data, pr["evidence"]).rd_summary([t])["p_above"][t]
    undiscounted = rct1.randomized_summary(data, rct1.evidence_based(data, inflation=1.0), quantiles=False)["p_above"][t]
    z, p_conflict = rct1.conflict(data, pr["evidence"])

    comps = cohort.decomposition_priors(data)
    change, se = cohort.observed_change(data)
    _, cov = cohort.decomposition_posterior(comps, change, se)
    shrink = float(cov[0, 0] ** 0.5 / comps[0].sd)
    predicted, predicted_sd, _, _ = cohort.prediction_check(comps, change, se)
    rate = data.assumption("cohort2.responder_control").value
    extra, nnt = cohort.responders(comps[0].smd, rate)
    informative = shrink < 0.9
    robust = min(grid_p.values()) >= 0.5

    got = (f"[1]: P(gain >= {100 * t:.0f} points) {fmt.prob(p_rct)} (evidence-based prior, all randomized), "
           f"{fmt.prob(grid_p[worst])} to {fmt.prob(max(grid_p.values()))} across the other priors; "
           f"[2]: needling-specific part {comps[0].mean:.1f} VAS points, NNT {nnt:.0f}, not informed by the cohort"
           if not informative else
           f"[1]: P(gain >= {100 * t:.0f} points) {fmt.prob(p_rct)}; [2]: needling-specific part informed by the cohort")
    rct_text = (f"In the depression trial [1], read with the largest add-on trial (Zhao 2019, whose SSRI-alone response "
                f"of {rct1.ssri_response(data).value:.2f} is derived from its own figures, its weight discounted for "
                f"indirectness by a variance factor of {data.assumption('prior.evidence_inflation').value:g}) and with the "
                f"dropouts modelled among all randomized patients, any gain in response has a probability of "
                f"{fmt.prob(p_any)} and a gain of at least {100 * t:.0f} percentage points (the median smallest "
                f"worthwhile difference for antidepressants, Sahker 2024) {fmt.prob(p_rct)}; per protocol "
                f"{fmt.prob(per_protocol)}, without the discount {fmt.prob(undiscounted)} (prior-data conflict "
                f"P = {p_conflict:.2f}). Across the conventional priors it ranges from {fmt.prob(grid_p[worst])} "
                f"({pr[worst].label}) to {fmt.prob(max(grid_p.values()))}")
    rct_text += (", so it does not depend on the prior." if robust else
                 ": the conclusion that an important benefit is likely depends on the prior.")
    pain_text = (f" In the pain cohort [2], the published trials predict a fall of {predicted:.1f} VAS points "
                 f"(SD {predicted_sd:.1f}) for such patients over a year, close to the {change:.1f} observed; of it "
                 f"{comps[0].mean:.1f} points are specific to needling, about {100 * extra:.0f} more responders per 100 "
                 f"than sham (NNT {nnt:.0f}, at {100 * rate:.0f}% responders without it). The cohort has no control group, "
                 f"so its data leave that part where the trials put it (posterior SD {shrink:.2f} of the prior's): "
                 f"the real-world data add nothing on what needling itself contributes."
                 if not informative else
                 f" In the pain cohort [2], the data inform the needling-specific part (posterior SD {shrink:.2f} of the prior's).")
    if p_rct >= 0.5 and robust and informative:
        return Result(REPRODUCED, got, f"Both pillars hold. {rct_text}{pain_text}")
    return Result(OVERSTATED, got, f"The review's two main studies support less than it says. {rct_text}{pain_text}")
