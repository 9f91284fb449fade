"""Checks of the review's claims about the Tiaoqi Jieyu RCT [1] (facts prefixed ``rct1.``).

Where the trial's response counts are not in the record, they are reconstructed from the
review's own percentages and the trial's analysed numbers (randomized minus dropouts); every
reason that rests on that reconstruction says so.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import fmt
from ..data import Claim, Dataset
from ..stats import TESTS, counts_for_percentage, decimals_of, p_agrees, parse_p, two_by_two_pvalues
from ..verdicts import (CITATION_ERROR, INCONSISTENT, NOT_REPRODUCED, OVERSTATED, REPRODUCED,
                        UNVERIFIABLE)
from . import Result, check

STUDY = "rct1"
ARMS = {"obs": "acupuncture + medication", "ctrl": "medication alone"}
PCT_CHECK = "rct1.response_pct"


@dataclass(frozen=True)
class Arm:
    name: str
    randomized: int
    dropouts: int
    responders: int | None  # None where neither the record nor the review's percentage fixes it
    candidates: tuple[int, ...]  # counts compatible with the review's percentage (analysed n)
    reported_pct: float | None
    source: str  # 'record', 'reconstructed' or 'unknown'

    @property
    def analysed(self) -> int:
        return self.randomized - self.dropouts


def arm(data: Dataset, name: str) -> Arm:
    """One arm of the trial: numbers from the record, responders from the record or rebuilt."""
    randomized = int(data.value(f"{STUDY}.{name}.randomized"))
    dropouts = int(data.value(f"{STUDY}.{name}.dropouts"))
    analysed = randomized - dropouts
    pct_claims = [c for c in data.claims_using(PCT_CHECK) if c.reported.get("arm") == name]
    pct = float(pct_claims[0].reported["pct"]) if pct_claims else None
    candidates = tuple(counts_for_percentage(pct, analysed, decimals_of(pct_claims[0].reported["pct"]))) \
        if pct is not None else ()
    if data.known(f"{STUDY}.{name}.responders"):
        return Arm(name, randomized, dropouts, int(data.value(f"{STUDY}.{name}.responders")),
                   candidates, pct, "record")
    if len(candidates) == 1:
        return Arm(name, randomized, dropouts, candidates[0], candidates, pct, "reconstructed")
    return Arm(name, randomized, dropouts, None, candidates, pct, "unknown")


def arms(data: Dataset) -> tuple[Arm, Arm]:
    return arm(data, "obs"), arm(data, "ctrl")


def pvalues(data: Dataset) -> dict[str, float] | None:
    """P values of every candidate test on the (recorded or reconstructed) counts."""
    obs, ctrl = arms(data)
    if obs.responders is None or ctrl.responders is None:
        return None
    return two_by_two_pvalues(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)


def _p_range(ps: dict[str, float]) -> str:
    return f"P {fmt.num(min(ps.values()), 4)} to {fmt.num(max(ps.values()), 4)} across {len(ps)} tests"


def _basis(obs: Arm, ctrl: Arm) -> str:
    if obs.source == ctrl.source == "record":
        return "on the trial's reported counts"
    return ("on counts reconstructed from the review's percentages and the trial's analysed numbers "
            f"({fmt.count(obs.responders, obs.analysed)} vs {fmt.count(ctrl.responders, ctrl.analysed)})")


@check("rct1.year_design")
def year_design(claim: Claim, data: Dataset) -> Result:
    year, design = int(data.value(f"{STUDY}.year")), str(data.value(f"{STUDY}.design"))
    want_year = int(claim.reported["year"])
    want_design = str(claim.reported["design"]).lower()
    got = f"{design}, {year}"
    ok_design = want_design in design.lower() or (want_design == "rct" and "randomized controlled" in design.lower())
    if year == want_year and ok_design:
        return Result(REPRODUCED, got, f"The record gives a {design} published in {year}.")
    return Result(NOT_REPRODUCED, got, f"The record gives a {design} published in {year}; "
                                       f"the review says {claim.reported['design']} of {want_year}.")


@check("rct1.name")
def name(claim: Claim, data: Dataset) -> Result:
    recorded = str(data.value(f"{STUDY}.intervention_name"))
    written = str(claim.reported["name"])
    if written.lower() == recorded.lower():
        return Result(REPRODUCED, recorded, f"The record names the intervention '{recorded}'.")
    own = " The review's own reference list spells it as the record does." if recorded in data.review else ""
    return Result(CITATION_ERROR, recorded,
                  f"The review writes '{written}'; the trial's record names it '{recorded}'.{own}")


@check("rct1.n_randomized")
def n_randomized(claim: Claim, data: Dataset) -> Result:
    obs, ctrl = arms(data)
    total = int(data.value(f"{STUDY}.randomized"))
    got = f"{total} randomized ({obs.randomized} + {ctrl.randomized}); {obs.analysed + ctrl.analysed} analysed"
    if obs.randomized + ctrl.randomized != total:
        return Result(INCONSISTENT, got, f"The record's arms add up to {obs.randomized + ctrl.randomized}, "
                                         f"not to its total of {total}.")
    if int(claim.reported["n"]) == total:
        return Result(REPRODUCED, got, f"{total} patients were randomized; {obs.dropouts + ctrl.dropouts} dropped "
                                       f"out, so {obs.analysed + ctrl.analysed} were analysed.")
    return Result(NOT_REPRODUCED, got, f"The record gives {total} randomized, not {int(claim.reported['n'])}.")


@check(PCT_CHECK)
def response_pct(claim: Claim, data: Dataset) -> Result:
    a = arm(data, str(claim.reported["arm"]))
    label = ARMS[a.name]
    if a.source == "record":
        got = fmt.count(a.responders, a.analysed)
        if a.responders in a.candidates:
            return Result(REPRODUCED, got, f"The record gives {got} responders in the {label} arm.")
        return Result(NOT_REPRODUCED, got, f"The record gives {got}, not {a.reported_pct}%.")
    itt = counts_for_percentage(a.reported_pct, a.randomized, decimals_of(claim.reported["pct"]))
    itt_note = (f"; no count out of the {a.randomized} randomized gives it, so it is a per-protocol figure"
                if not itt else f"; it is also {fmt.count(itt[0], a.randomized)} of those randomized")
    if not a.candidates and not itt:
        return Result(INCONSISTENT, "no whole count",
                      f"No whole count out of the {a.analysed} analysed or the {a.randomized} randomized in the "
                      f"{label} arm gives {a.reported_pct}%.")
    if not a.candidates:
        return Result(UNVERIFIABLE, fmt.count(itt[0], a.randomized),
                      f"{a.reported_pct}% fits no count out of the {a.analysed} analysed but fits "
                      f"{fmt.count(itt[0], a.randomized)} randomized; the trial's counts are not in the record read.")
    ks = " or ".join(fmt.count(k, a.analysed) for k in a.candidates)
    return Result(UNVERIFIABLE, ks,
                  f"The trial's response counts are not in the record read ({data.fact(f'{STUDY}.{a.name}.responders').note}); "
                  f"{a.reported_pct}% is consistent with {ks} of the {a.analysed} analysed{itt_note}.")


@check("rct1.p_value")
def p_value(claim: Claim, data: Dataset) -> Result:
    obs, ctrl = arms(data)
    ps = pvalues(data)
    if ps is None:
        return Result(UNVERIFIABLE, "no counts", "The response counts are neither in the record nor fixed by the review's "
                                        "percentages, so no P value can be recomputed.")
    op, bound = parse_p(str(claim.reported["p"]))
    reported = f"{op} {bound:g}"
    agree = [t for t, p in ps.items() if p_agrees(p, reported)]
    got = _p_range(ps)
    basis = _basis(obs, ctrl)
    if agree:
        names = ", ".join(TESTS[t] for t in agree)
        return Result(REPRODUCED, got, f"P {reported} holds with {names}, {basis}.")
    smallest = min(ps, key=ps.get)
    return Result(NOT_REPRODUCED, got,
                  f"No test gives P {reported} {basis}: the smallest is {fmt.pval(ps[smallest])} "
                  f"({TESTS[smallest]}). The trial's own P value is not in the record read.")


def bayes_context(data: Dataset) -> str:
    """Posterior context for a claim of benefit, from the grid posteriors (fast; no MCMC)."""
    from ..posterior import grid
    from ..priors import important_difference, priors

    obs, ctrl = arms(data)
    if obs.responders is None or ctrl.responders is None:
        return ""
    threshold = important_difference(data)[0]
    pr = priors(data)
    post = {k: grid(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed, pr[k], size=201).summary(threshold)
            for k in ("sceptical", "evidence")}
    s, e = post["sceptical"], post["evidence"]
    return (f"Bayesian context: the probability of any benefit is {fmt.prob(s['p_benefit'])} with a sceptical prior "
            f"and {fmt.prob(e['p_benefit'])} with the evidence-based prior; the probability of a benefit of at least "
            f"{100 * threshold:.0f} percentage points (the smallest worthwhile difference) is {fmt.prob(s['p_important'])} "
            f"and {fmt.prob(e['p_important'])}, the evidence-based prior shrinking the difference to "
            f"{100 * e['rd']:.1f} points ({100 * e['rd_low']:.1f} to {100 * e['rd_high']:.1f}).")


def attrition_context(data: Dataset) -> str:
    """Whether significance survives the worst case for the dropouts (Fisher's exact test)."""
    obs, ctrl = arms(data)
    if obs.responders is None or ctrl.responders is None or obs.dropouts + ctrl.dropouts == 0:
        return ""
    y1, n1, y0, n0 = attrition_scenarios(data)["worst case for acupuncture"]
    p = two_by_two_pvalues(y1, n1, y0, n0)["fisher"]
    return (f"If every dropout of the medication arm and none of the acupuncture arm had responded "
            f"({fmt.count(y1, n1)} vs {fmt.count(y0, n0)}), Fisher's test would give {fmt.pval(p)}.")


@check("rct1.significance")
def significance(claim: Claim, data: Dataset) -> Result:
    obs, ctrl = arms(data)
    ps = pvalues(data)
    alpha = float(claim.reported["alpha"])
    if ps is None:
        return Result(UNVERIFIABLE, "no counts", "The response counts are not known, so significance cannot be recomputed.")
    got = f"response {fmt.pct(obs.responders / obs.analysed)} vs {fmt.pct(ctrl.responders / ctrl.analysed)}; {_p_range(ps)}"
    basis = _basis(obs, ctrl)
    higher = obs.responders / obs.analysed > ctrl.responders / ctrl.analysed
    if higher and max(ps.values()) < alpha:
        return Result(REPRODUCED, got, f"Every candidate test gives P < {alpha:g} for a higher response with "
                                       f"acupuncture, {basis}. {attrition_context(data)} {bayes_context(data)}".strip())
    if higher and min(ps.values()) < alpha:
        return Result(OVERSTATED, got, f"Significance at {alpha:g} depends on the test chosen, {basis}.")
    return Result(NOT_REPRODUCED, got, f"No candidate test gives a significantly higher response at {alpha:g}, {basis}.")


# Tables for the chapter: the same arithmetic the checks use, laid out for reading.

def reconstruction_table(data: Dataset):
    """For each arm and each candidate denominator, the whole counts that give the review's percentage."""
    import pandas as pd

    rows = []
    for a in arms(data):
        decimals = decimals_of(a.reported_pct)
        for label, n in (("analysed", a.analysed), ("randomized", a.randomized)):
            ks = counts_for_percentage(a.reported_pct, n, decimals)
            rows.append({"arm": ARMS[a.name], "reported": f"{a.reported_pct}%", "denominator": label, "n": n,
                         "compatible counts": ", ".join(fmt.count(k, n) for k in ks) or "none"})
    return pd.DataFrame(rows)


def pvalue_table(data: Dataset, reported: str = "< 0.001"):
    """P values of every candidate test, on the analysed patients and on all randomized patients
    with dropouts counted as non-responders."""
    import pandas as pd

    obs, ctrl = arms(data)
    bases = {
        "analysed": (obs.responders, obs.analysed, ctrl.responders, ctrl.analysed),
        "randomized, dropouts as non-responders": (obs.responders, obs.randomized, ctrl.responders, ctrl.randomized),
    }
    rows = []
    for basis, counts in bases.items():
        for test, p in two_by_two_pvalues(*counts).items():
            rows.append({"basis": basis, "test": TESTS[test], "P": p,
                         f"P {reported}": "yes" if p_agrees(p, reported) else "no",
                         "P < 0.05": "yes" if p < 0.05 else "no"})
    return pd.DataFrame(rows)


def effects_table(data: Dataset):
    """Risk difference, risk ratio, odds ratio and NNT with 95% intervals, on the analysed patients."""
    import pandas as pd

    from ..stats import effect_measures

    obs, ctrl = arms(data)
    rows = [{"measure": k, "estimate": e, "95% CI lower": lo, "95% CI upper": hi}
            for k, (e, lo, hi) in effect_measures(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed).items()]
    return pd.DataFrame(rows)


def fragility(data: Dataset) -> int:
    from ..stats import fragility_index

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


def attrition_table(data: Dataset):
    """For each dropout scenario: response rates, risk difference with 95% CI, Fisher's P, and the
    flat-prior posterior probabilities of any and of an important benefit (closed form, on a grid)."""
    import pandas as pd

    from ..posterior import grid
    from ..priors import important_difference, priors
    from ..stats import effect_measures

    threshold = important_difference(data)[0]
    flat = priors(data)["flat"]
    rows = []
    for label, (y1, n1, y0, n0) in attrition_scenarios(data).items():
        rd, lo, hi = effect_measures(y1, n1, y0, n0)["risk difference"]
        post = grid(y1, n1, y0, n0, flat, size=201).summary(threshold)
        rows.append({"scenario": label, "acupuncture": fmt.count(y1, n1), "medication alone": fmt.count(y0, n0),
                     "RD": rd, "RD low": lo, "RD high": hi,
                     "Fisher P": two_by_two_pvalues(y1, n1, y0, n0)["fisher"],
                     "P(benefit)": post["p_benefit"], "P(important)": post["p_important"]})
    return pd.DataFrame(rows)
