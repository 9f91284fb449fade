"""The tables of the trial's chapters: the reconstruction of its counts, the P value of every test
against the review's, the effect measures, the scenarios for the dropouts, and how the tests read
together."""

from __future__ import annotations

from collections.abc import Iterable

from ... import fmt
from ...data import Dataset, parse_number
from ...lazy import lazy
from ...methods import pvalues as every_test
from ...methods.pvalues import PValue
from ...methods.rounding import counts_for
from ...methods.twobytwo import NNT, effect_measures
from .bayes_priors import important_difference, priors
from .counts import ARMS, analysed_effects, arms, attrition_scenarios, p_agreement, p_text, reported_p
from .posteriors import analysed_summary

pd = lazy("pandas")


def reconstruction_table(data: Dataset):
    """For each arm and each candidate denominator, the whole counts that give the review's percentage."""
    rows = []
    for a in arms(data):
        for label, n in (("analysed", a.analysed), ("randomized", a.randomized)):
            ks = counts_for(a.reported, n)
            rows.append(
                {
                    "arm": ARMS[a.name],
                    "reported": str(a.reported),
                    "denominator": label,
                    "n": n,
                    "compatible counts": ", ".join(fmt.count(k, n) for k in ks) or "none",
                }
            )
    return pd.DataFrame(rows)


def pvalue_table(data: Dataset, reported: str | None = None):
    """The P value of every test a report could have used, two-sided and one-sided for a higher
    response with acupuncture, on the analysed patients and on all randomized patients with dropouts
    counted as non-responders, each against the review's P value (``reported``: by default the one
    the review gives, 'P < 0.001'): 'yes' when the two-sided P gives it, 'one-sided only' when only
    the one-sided one does, 'no' otherwise. Column ``P`` is the two-sided P."""
    said = reported_p(data) if reported is None else parse_number(reported)
    obs, ctrl = arms(data)
    bases = {
        "analysed": (obs.responders, obs.analysed, ctrl.responders, ctrl.analysed),
        "randomized, dropouts as non-responders": (obs.responders, obs.randomized, ctrl.responders, ctrl.randomized),
    }
    rows = []
    for basis, counts in bases.items():
        found = p_agreement(data, said, counts)
        for two, one in zip(found.two_sided, found.one_sided, strict=True):
            gives = "yes" if said.agrees(two.p) else "one-sided only" if said.agrees(one.p) else "no"
            rows.append(
                {
                    "basis": basis,
                    "test": two.name,
                    "P": two.p,
                    "one-sided P": one.p,
                    p_text(said): gives,
                    "P < 0.05": "yes" if two.p < 0.05 else "no",
                }
            )
    return pd.DataFrame(rows)


def effects_table(data: Dataset):
    """Risk difference, risk ratio, odds ratio and NNT with 95% intervals, on the analysed patients.

    The NNT's row holds its two limits in the order Altman writes them (see
    :class:`~acureview.methods.twobytwo.NNT`); ``number_needed_to_treat`` labels them."""
    rows = []
    for k, value in analysed_effects(data).items():
        if isinstance(value, NNT):
            value = (value.estimate, value.bounds[0][0], value.bounds[1][0])
        e, lo, hi = value
        rows.append({"measure": k, "estimate": e, "95% CI lower": lo, "95% CI upper": hi})
    return pd.DataFrame(rows)


WORST = "worst case for acupuncture"
#: the P values the statements of significance count: every test a report could have used
#: (:data:`acureview.methods.pvalues.TESTS`), two-sided
TWO_SIDED = ("two-sided",)


def attrition_table(data: Dataset, alpha: float = 0.05):
    """For each dropout scenario: response rates, risk difference with 95% CI, the two-sided P value
    of every test a report could have used (columns named as the tests), how many of them fall
    below ``alpha``, and the flat-prior probabilities of any benefit and of one of at least the
    central threshold."""
    threshold = important_difference(data)[0]
    flat = priors(data)["flat"]
    rows = []
    for label, (y1, n1, y0, n0) in attrition_scenarios(data).items():
        rd, lo, hi = effect_measures(y1, n1, y0, n0)["risk difference"]
        post = analysed_summary(y1, n1, y0, n0, flat, [0.0, threshold])
        tests = every_test.every_pvalue(y1, n1, y0, n0, sides=TWO_SIDED)
        row = {
            "scenario": label,
            "acupuncture": fmt.count(y1, n1),
            "medication alone": fmt.count(y0, n0),
            "RD": rd,
            "RD low": lo,
            "RD high": hi,
        }
        row.update({r.name: r.p for r in tests})
        row["tests with P < 0.05"] = f"{sum(r.p < alpha for r in tests)} of {len(tests)}"
        row.update({"P(benefit)": post["p_above"][0.0], "P(important)": post["p_above"][threshold]})
        rows.append(row)
    return pd.DataFrame(rows)


def significance_words(results: Iterable[PValue], alpha: float = 0.05) -> str:
    """How the two-sided P values ``results`` (from :func:`acureview.methods.pvalues.every_pvalue`)
    read together: significant on all, on none, or on some, naming the fewer side: 'significant at
    0.05 on 7 of the 9 tests but not on Fisher's exact test and ... (P = 0.030 to 0.061): a borderline
    result that depends on the test'."""
    results = tuple(results)
    below = [every_test.in_sentence(r.name) for r in results if r.p < alpha]
    above = [every_test.in_sentence(r.name) for r in results if r.p >= alpha]
    n, span = len(results), every_test.span(results, floor=0.001)
    if not above:
        return f"significant at {alpha:g} on all {n} tests ({span})"
    if not below:
        return f"not significant at {alpha:g} on any of the {n} tests ({span})"
    which = f"but not on {fmt.in_words(above)}" if len(above) <= len(below) else f"only ({fmt.in_words(below)})"
    return (
        f"significant at {alpha:g} on {len(below)} of the {n} tests {which} ({span}): a borderline result that "
        "depends on the test"
    )


def scenario_significance(data: Dataset, scenario: str = WORST, alpha: float = 0.05) -> str:
    """The one statement of significance in a dropout scenario (by default the worst case for
    acupuncture) on every test a report could have used, which every page glues: the trial's check,
    the Bayesian chapter, the appraisal and the summary of findings (:func:`significance_words`)."""
    return significance_words(every_test.every_pvalue(*attrition_scenarios(data)[scenario], sides=TWO_SIDED), alpha)
