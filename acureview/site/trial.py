"""How the chapter of the Tiaoqi Jieyu trial [1] shows its numbers: the P value table's cells, the
words glued into its prose (the P values of every test, the effect measures) and its two figures
(the response rates, each test's P value). The numbers come from :mod:`acureview.studies.rct1`."""

from __future__ import annotations

from .. import fmt
from ..data import Dataset
from ..methods import pvalues
from ..studies import rct1 as rct
from .plotting import ACUPUNCTURE, CONTROL, THRESHOLD, figure
from .tables import show

#: the smallest P value the chapter writes as a number (a table that compares tests goes that low)
P_FLOOR = 0.0001


def p_cell(p: float) -> str:
    """A P value in the table that compares the tests: 'P = 0.00067', 'P < 0.0001'."""
    return fmt.pval(p, floor=P_FLOOR)


def pvalue_display(data: Dataset):
    """:func:`~acureview.studies.rct1.pvalue_table` for the page: P values as :func:`p_cell`
    writes them, the columns named as a reader names them."""
    said = rct.p_text(rct.reported_p(data))
    return show(
        rct.pvalue_table(data),
        {"P": p_cell, "one-sided P": p_cell},
        names={
            "P": "P, two-sided",
            "one-sided P": "P, one-sided",
            said: f"gives the review's {said}",
            "P < 0.05": "P < 0.05, two-sided",
        },
    )


def effects_display(data: Dataset):
    """:func:`~acureview.studies.rct1.effects_table` for the page, every number to two decimals."""
    return show(rct.effects_table(data), {"estimate": 2, "95% CI lower": 2, "95% CI upper": 2})


def pvalue_words(data: Dataset) -> dict[str, object]:
    """The chapter's words about the P values, by glue name: how many tests, the span of their P
    values (analysed, one-sided, all randomized), which give the review's P value, how many are
    significant at 0.05 and how many of the points of the figure give the review's P value."""
    said = rct.p_text(rct.reported_p(data))
    found = rct.p_agreement(data, rct.reported_p(data))
    ptab = rct.pvalue_table(data)
    randomized = ptab[ptab["basis"] != "analysed"]["P"]
    two, one = found.giving(), found.giving(one_sided=True)
    below_005 = sum(r.p < 0.05 for r in found.two_sided)
    return {
        "n_tests": len(found.two_sided),
        "p_two_span": pvalues.span(found.two_sided),
        "p_one_span": pvalues.span(found.one_sided),
        "p_rand_span": p_cell(randomized.min()) + " to " + p_cell(randomized.max()).removeprefix("P = "),
        "p_which": pvalues.explain(found, said, rct.HYPOTHESIS_WORDS, "on the rebuilt counts"),
        "review_p": said,
        "p_fits": f"{pvalues.names(two) or 'none of the tests'} {'gives' if len(two) < 2 else 'give'} the review's "
        f"{said} two-sided, and {len(one)} of the {len(found.one_sided)} give it one-sided",
        "sig_words": "every one of the tests"
        if below_005 == len(found.two_sided)
        else f"{below_005} of the {len(found.two_sided)} tests",
        "n_below_reported": sum(found.agrees(r.p) for r in found.two_sided + found.one_sided),
        "n_points": len(found.two_sided + found.one_sided),
    }


def effect_words(data: Dataset) -> dict[str, object]:
    """The chapter's words about the size of the difference, by glue name: the risk difference (in
    points) and the risk ratio with their intervals, the NNT, the fragility index, the dropouts and
    the significance in the worst case for acupuncture."""
    effects = rct.analysed_effects(data)
    rd, rr, nnt = effects["risk difference"], effects["risk ratio"], rct.number_needed_to_treat(data)
    obs, ctrl = rct.arms(data)
    return {
        "rd": fmt.num(100 * rd[0], 1),
        "rd_ci": fmt.interval(100 * rd[1], 100 * rd[2], 1),
        "rr": fmt.num(rr[0], 1),
        "rr_ci": fmt.interval(rr[1], rr[2], 1),
        "nnt": fmt.num(nnt.estimate, 1),
        "nnt_words": "one more" if nnt.kind == "benefit" else "one fewer",
        "nnt_ci": nnt.interval_text(1),
        "fragility": rct.fragility(data),
        "dropouts_total": obs.dropouts + ctrl.dropouts,
        "worst_case": rct.scenario_significance(data),
    }


def response_figure(data: Dataset):
    """The response rate of each arm (analysed patients) with its 95% Wilson interval, as a dot plot."""
    fig, ax = figure(figsize=(6.5, 2.6))
    rates = rct.response_rates(data)
    for i, (a, colour) in enumerate(((rates["ctrl"], CONTROL), (rates["obs"], ACUPUNCTURE))):
        p, lo, hi = a.rate, a.low, a.high
        ax.errorbar([100 * p], [i], xerr=[[100 * (p - lo)], [100 * (hi - p)]], fmt="o", color=colour, capsize=4)
        ax.annotate(
            fmt.count(a.responders, a.analysed), (100 * p, i), textcoords="offset points", xytext=(0, 8), ha="center"
        )
    ax.set_yticks([0, 1], [rct.ARMS["ctrl"], rct.ARMS["obs"]])
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlim(0, 100)
    ax.set_xlabel(f"HAMD-24 response after {data.value('rct1.weeks')} weeks (%), with 95% Wilson interval")
    return fig


def pvalue_figure(data: Dataset):
    """Each test's P value on the analysed patients, two-sided and one-sided, on a log scale, against
    the review's P value and 0.05."""
    said = rct.p_text(rct.reported_p(data))
    found = rct.p_agreement(data, rct.reported_p(data))
    fig, ax = figure(figsize=(7, 3.6))
    labels = [r.name for r in found.two_sided]
    y = range(len(labels))
    for results, marker, colour, label in (
        (found.two_sided, "o", ACUPUNCTURE, "two-sided"),
        (found.one_sided, "^", CONTROL, "one-sided, higher response with acupuncture"),
    ):
        ax.scatter([r.p for r in results], y, marker=marker, color=colour, label=label, zorder=3)
    for line, text in ((found.target, f"review: {said}"), (0.05, "P = 0.05")):
        ax.axvline(line, color=THRESHOLD, ls="--" if line == found.target else ":", lw=1)
        ax.annotate(text, (line, len(labels) - 0.4), ha="center", color=THRESHOLD, fontsize=8)
    ax.set_xscale("log")
    ax.set_xlim(min(r.p for r in found.one_sided) / 2, 0.2)
    ax.set_yticks(list(y), labels)
    ax.set_ylim(-0.6, len(labels))
    ax.set_xlabel("P value on the patients analysed (log scale)")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=2, fontsize=8)
    return fig
