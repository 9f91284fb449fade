"""How the Bayesian chapter of the trial [1] writes its results: risk differences in percentage
points, credible intervals, the thresholds' column names, odds ratios, the table of results under
every prior and the priors' short names. The numbers come from :mod:`acureview.studies.rct1`."""

from __future__ import annotations

import math

from .. import fmt
from ..data import Dataset
from ..lazy import lazy
from ..methods import sampling
from ..methods.pvalues import TESTS
from ..studies import rct1 as rct
from ..studies.rct1 import sensitivity
from . import widgets
from .plotting import ACUPUNCTURE, CONTROL, EVIDENCE, THRESHOLD, figure
from .tables import show

pd = lazy("pandas")


def points(x: float) -> str:
    """A risk difference (a fraction) in percentage points, to one decimal: 0.1234 -> '12.3'."""
    return fmt.fixed(100 * x, 1)


def interval(low: float, high: float) -> str:
    """An interval of risk differences in points: '3.2 to 25.0'."""
    return fmt.interval(100 * low, 100 * high, 1)


def estimate(row) -> str:
    """A posterior summary's gain with its 95% credible interval: '12.3 (3.2 to 25.0)'."""
    return f"{points(row['rd'])} ({interval(row['rd_low'], row['rd_high'])})"


def threshold_column(t: float) -> str:
    """The column of the probability that the gain reaches ``t`` (a fraction)."""
    return "P(any benefit)" if t == 0 else f"P(gain ≥ {fmt.num(100 * t, 0)} points)"


def odds_ratio(x: float) -> str:
    """An odds ratio as the priors' table prints it, with its extremes bounded."""
    return "< 0.01" if x < 0.01 else "> 100" if x > 100 else fmt.num(x)


def results_table(summaries, priors, thresholds):
    """The posterior under every prior (``summaries``: one row a prior key, with ``rd``, ``rd_low``,
    ``rd_high`` and ``p>t`` for each threshold): the prior's label, the gain with its credible
    interval, and the probability of each threshold, as a styled table without an index."""
    out = pd.DataFrame(
        {
            "prior": [priors[k].label for k in summaries.index],
            "gain in response, points (95% CrI)": [estimate(r) for _, r in summaries.iterrows()],
        }
    )
    for t in thresholds:
        out[threshold_column(t)] = [fmt.prob(v) for v in summaries[f"p>{t:g}"]]
    return out.style.hide(axis="index")


def prior_name(key: str, priors) -> str:
    """A prior as the prose names it: 'strong pessimistic' for one of the conventional grid
    (``pessimistic_strong``), its label otherwise."""
    return " ".join(reversed(key.split("_"))) if key.count("_") == 1 and key != "evidence" else priors[key].label


def result_words(primary, per_protocol, thresholds) -> dict[str, str]:
    """The posterior under each prior in words, by glue name: ``<prior>.rd``, ``<prior>.rd_ci`` and
    ``<prior>.p<t>`` (all randomized), ``pp.<prior>.rd`` and ``pp.<prior>.p<t>`` (per protocol)."""
    out = {}
    for key, row in primary.iterrows():
        out.update({f"{key}.rd": points(row["rd"]), f"{key}.rd_ci": interval(row["rd_low"], row["rd_high"])})
        out.update({f"{key}.p{100 * t:.0f}": fmt.prob(row[f"p>{t:g}"]) for t in thresholds})
    for key, row in per_protocol.iterrows():
        out[f"pp.{key}.rd"] = points(row["rd"])
        out.update({f"pp.{key}.p{100 * t:.0f}": fmt.prob(row[f"p>{t:g}"]) for t in thresholds})
    return out


def bottom_line(data: Dataset, primary) -> dict[str, object]:
    """The bottom line's words, by glue name: the counts, the thresholds, the smallest probability
    of any benefit (and its prior), and the range of the probability of an important one across the
    conventional priors (without the flat and the evidence-based)."""
    obs, ctrl = rct.arms(data)
    threshold, swd_q1, swd_q3 = rct.important_difference(data)
    pr = rct.priors(data)
    p_any = primary[f"p>{0.0:g}"]
    conventional = primary.drop(index=["flat", "evidence"])[f"p>{threshold:g}"]
    lo_any, lo_imp, hi_imp = p_any.idxmin(), conventional.idxmin(), conventional.idxmax()
    return {
        "b_obs_count": fmt.count(obs.responders, obs.analysed),
        "b_ctrl_count": fmt.count(ctrl.responders, ctrl.analysed),
        "n_randomized": obs.randomized + ctrl.randomized,
        "n_dropouts": obs.dropouts + ctrl.dropouts,
        "threshold": fmt.num(100 * threshold, 0),
        "swd_q1": fmt.num(100 * swd_q1, 0),
        "swd_q3": fmt.num(100 * swd_q3, 0),
        "n_priors": len(pr),
        "min_any": fmt.prob(p_any.min()),
        "min_any_prior": pr[lo_any].label,
        "imp_lo": fmt.prob(conventional[lo_imp]),
        "imp_lo_prior": pr[lo_imp].label,
        "imp_hi": fmt.prob(conventional[hi_imp]),
        "imp_hi_prior": pr[hi_imp].label,
    }


#: what limits each threshold (by its place: none, the lower quartile, the median, the upper quartile)
THRESHOLD_LIMITS = (
    "No threshold: any gain at all, however small.",
    "A quarter of respondents would accept a gain this small.",
    "Half of respondents asked for at least this gain.",
    "A quarter of respondents asked for this much or more.",
)
THRESHOLD_SETTING = (
    "Elicited from people with moderate-to-severe depression for antidepressants against no treatment "
    "after two months, not for acupuncture added to antidepressants in treatment-resistant depression."
)


def threshold_table(data: Dataset):
    """The thresholds of a worthwhile gain, each with where it comes from and what limits it."""
    threshold, swd_q1, swd_q3 = rct.important_difference(data)
    limits = dict(zip((0.0, swd_q1, threshold, swd_q3), THRESHOLD_LIMITS, strict=True))
    rows = [
        {
            "threshold (points)": fmt.num(100 * t, 0),
            "source": src,
            "limits": limits[t] + ("" if t == 0 else " " + THRESHOLD_SETTING),
        }
        for t, src in rct.thresholds(data).items()
    ]
    return pd.DataFrame(rows).style.hide(axis="index")


def prior_words(data: Dataset) -> dict[str, str | int]:
    """The words of the priors' section, by glue name: Zhao 2019's size and risk ratio, the derived
    SSRI-alone response, the evidence-based prior with and without its discount, the optimistic and
    pessimistic centres, the strengths, and the prior-data conflict in numbers and words."""
    pr = rct.priors(data)
    derived = rct.ssri_response(data)
    inflation = data.assumption("prior.evidence_inflation")
    c = rct.optimistic_centre(data)
    trial_est, _ = rct.trial_log_or(data)
    found = sensitivity.conflicts(data)
    z_ev, p_ev = found[pr["evidence"].label]
    z_un, p_un = found[sensitivity.UNDISCOUNTED]
    if p_ev >= 0.05 <= p_un:
        conflict_words = (
            "the trial's effect is larger than the earlier evidence predicts but within what the discounted "
            "prior allows; undiscounted, the tension is stronger."
        )
    elif p_ev >= 0.05:
        conflict_words = (
            "the trial's effect is larger than the earlier evidence predicts but within what the discounted "
            "prior allows; undiscounted, the two conflict."
        )
    else:
        conflict_words = (
            "the trial conflicts with the earlier evidence even after the discount, so the evidence-based "
            "result should be read as a compromise between two disagreeing sources."
        )
    return {
        "zhao_n": sensitivity.zhao_randomized(data),
        "zhao_weeks": int(data.value("zhao2019.weeks")),
        "zhao_rr": f"{float(data.value('zhao2019.ma.rr')):g}",
        "zhao_rr_low": f"{float(data.value('zhao2019.ma.rr_low')):g}",
        "zhao_rr_high": f"{float(data.value('zhao2019.ma.rr_high')):g}",
        "p0": fmt.num(derived.value),
        "p0_low": fmt.num(derived.low),
        "p0_high": fmt.num(derived.high),
        "p0_ma": fmt.num(derived.by_arm["ma"]),
        "p0_ea": fmt.num(derived.by_arm["ea"]),
        "p0_p_ma": fmt.num(derived.from_p["ma"]),
        "p0_p_ea": fmt.num(derived.from_p["ea"]),
        "ev_or": fmt.num(math.exp(pr["evidence"].loc)),
        "ev_or_int": fmt.interval(*pr["evidence"].or_interval()[1:]),
        "ev_or_int_raw": fmt.interval(*rct.evidence_based(data, inflation=1.0).or_interval()[1:]),
        "inflation": f"{inflation.value:g}",
        "inflation_low": f"{inflation.low:g}",
        "inflation_high": f"{inflation.high:g}",
        "opt_or": fmt.num(math.exp(c), 1),
        "pess_or": fmt.num(math.exp(-c)),
        "strengths": ", ".join(
            f"{s} {fmt.pct(data.assumption('prior.strength_' + s).value, 0)}" for s in rct.STRENGTHS
        ),
        "baseline_sd": f"{data.assumption('prior.baseline_sd').value:g}",
        "trial_or": fmt.num(math.exp(trial_est)),
        "conflict_z": fmt.num(z_ev),
        "conflict_p": fmt.pval(p_ev),
        "conflict_z_raw": fmt.num(z_un),
        "conflict_p_raw": fmt.pval(p_un),
        "conflict_words": conflict_words,
    }


def priors_table(data: Dataset):
    """Every prior with its odds ratio (centre and 95% interval) and what it says."""
    inflation = data.assumption("prior.evidence_inflation")
    rows = [
        {
            "prior": p.label,
            "odds ratio: centre (95% interval)": "{} ({} to {})".format(*(odds_ratio(v) for v in p.or_interval())),
            "what it says": p.basis
            if p.key != "evidence"
            else f"Zhao 2019 at the derived SSRI-alone response, variance × {inflation.value:g} for indirectness",
        }
        for p in rct.priors(data).values()
    ]
    return pd.DataFrame(rows).style.hide(axis="index")


def conflict_table(data: Dataset):
    """Box's prior-data conflict of every normal prior, and of the evidence-based one undiscounted."""
    rows = [
        {"prior": label, "distance (SD)": fmt.num(z), "P (two-sided)": fmt.num(p, 3)}
        for label, (z, p) in sensitivity.conflicts(data).items()
    ]
    return pd.DataFrame(rows).style.hide(axis="index")


def extreme_words(data: Dataset) -> dict[str, object]:
    """The words on the extreme priors, by glue name: the probability of harm that makes a prior
    extreme, the extreme priors with theirs, and how many priors the verdicts read."""
    pr, fair = rct.priors(data), rct.reasonable(data)
    extremes = [k for k in pr if k not in fair]
    return {
        "extreme_harm": fmt.pct(rct.EXTREME_HARM, 0),
        "extremes": fmt.in_words(
            [f"{prior_name(k, pr)} ({fmt.pct(rct.harm_probability(pr[k]), 0)} on harm)" for k in extremes]
        ),
        "n_fair": len(fair),
    }


def importance_words(primary, priors, threshold: float) -> str:
    """How probable a gain of ``threshold`` is under the priors, grouped: probable (80% or more),
    more likely than not, less likely than not."""
    pi = primary[f"p>{threshold:g}"]
    likely = [prior_name(k, priors) for k in pi.index if pi[k] >= 0.8]
    even = [prior_name(k, priors) for k in pi.index if 0.5 <= pi[k] < 0.8]
    unlikely = [prior_name(k, priors) for k in pi.index if pi[k] < 0.5]
    parts = []
    if likely:
        parts.append(f"probable (80% or more) under the {fmt.in_words(likely)} priors")
    if even:
        parts.append(f"more likely than not, but short of 80%, under the {fmt.in_words(even)} priors")
    if unlikely:
        parts.append(f"less likely than not under the {fmt.in_words(unlikely)} prior{'s' if len(unlikely) > 1 else ''}")
    return "; ".join(parts) + "."


def prior_dependence_figure(data: Dataset, primary):
    """For each prior, the probability of any gain and of each threshold, as a dot chart."""
    threshold, swd_q1, swd_q3 = rct.important_difference(data)
    pr = rct.priors(data)
    fig, ax = figure(figsize=(7.5, 4.6))
    keys = list(primary.index)
    y = list(range(len(keys)))[::-1]
    markers = {0.0: ("o", CONTROL), swd_q1: ("s", EVIDENCE), threshold: ("D", ACUPUNCTURE), swd_q3: ("^", THRESHOLD)}
    for t in rct.thresholds(data):
        m, colour = markers[t]
        ax.scatter(
            primary[f"p>{t:g}"],
            y,
            marker=m,
            color=colour,
            s=36,
            zorder=3,
            label="any gain" if t == 0 else f"gain ≥ {fmt.num(100 * t, 0)} points",
        )
    for yy, k in zip(y, keys, strict=True):
        ax.plot([primary.loc[k, f"p>{t:g}"] for t in (0.0, swd_q3)], [yy, yy], color=CONTROL, lw=0.8, zorder=1)
    ax.axvline(0.5, color=THRESHOLD, ls=":", lw=1)
    ax.set_yticks(y, [pr[k].label for k in keys])
    ax.set_xlim(0, 1.02)
    ax.set_xlabel("posterior probability (all randomized, dropouts modelled)")
    ax.legend(fontsize=8, loc="lower left", ncol=2)
    return fig


def evidence_inputs_table(data: Dataset):
    """The evidence-based prior's inputs varied (:func:`~acureview.studies.rct1.sensitivity.evidence_inputs`):
    each setting's prior odds ratio, gain and probabilities of any and of an important gain."""
    threshold = rct.important_difference(data)[0]
    rows = [
        {
            "Zhao 2019 arm": s.label,
            "SSRI-alone response": fmt.num(s.value),
            "variance factor": f"{s.factor:g}",
            "prior odds ratio": fmt.num(math.exp(s.prior.loc)),
            "gain, points (95% CrI)": estimate(s.summary),
            threshold_column(0.0): fmt.prob(s.summary["p_above"][0.0]),
            threshold_column(threshold): fmt.prob(s.summary["p_above"][threshold]),
        }
        for s in sensitivity.evidence_inputs(data)
    ]
    return pd.DataFrame(rows).style.hide(axis="index")


def evidence_inputs_words(data: Dataset) -> dict[str, str]:
    """The range of the probability of an important gain across the evidence-based prior's inputs."""
    threshold = rct.important_difference(data)[0]
    ps = [s.summary["p_above"][threshold] for s in sensitivity.evidence_inputs(data)]
    return {"ev_imp_min": fmt.prob(min(ps)), "ev_imp_max": fmt.prob(max(ps))}


def dropout_words(data: Dataset) -> dict[str, object]:
    """The words on the dropouts, by glue name: how many left each arm, the counts, gains and
    significance in the best and worst cases, and the dropouts' prior."""
    obs, ctrl = rct.arms(data)
    a = rct.attrition_table(data).set_index("scenario")
    worst, best = a.loc[rct.WORST], a.loc["best case for acupuncture"]
    return {
        "d_obs": obs.dropouts,
        "d_ctrl": ctrl.dropouts,
        "n_obs_rand": obs.randomized,
        "n_ctrl_rand": ctrl.randomized,
        "worst_counts": f"{worst['acupuncture']} vs {worst['medication alone']}",
        "best_counts": f"{best['acupuncture']} vs {best['medication alone']}",
        "worst_rd": points(worst["RD"]),
        "worst_rd_ci": interval(worst["RD low"], worst["RD high"]),
        "worst_sig": rct.scenario_significance(data, rct.WORST),
        "best_sig": rct.scenario_significance(data, "best case for acupuncture"),
        "pp_sig": rct.scenario_significance(data, "analysed only (as the review reports)"),
        "worst_benefit": fmt.prob(worst["P(benefit)"]),
        "worst_important": fmt.prob(worst["P(important)"]),
        "best_rd": points(best["RD"]),
        "best_important": fmt.prob(best["P(important)"]),
        "imor_sd": f"{data.assumption('attrition.imor_sd').value:g}",
        "imor_factor": fmt.num(sensitivity.imor_factor(data), 0),
    }


def attrition_display(data: Dataset):
    """:func:`~acureview.studies.rct1.attrition_table` for the page: the gain with its interval in
    points, every test's P value, and the flat prior's probabilities."""
    attrition = rct.attrition_table(data)
    threshold = rct.important_difference(data)[0]
    important = f"P(gain ≥ {fmt.num(100 * threshold, 0)}), flat prior"
    shown = attrition.copy()
    for t in TESTS.values():
        shown[t] = shown[t].map(lambda p: fmt.pval(p).replace("P ", "", 1))
    shown["RD (95% CI), points"] = [
        f"{points(r['RD'])} ({interval(r['RD low'], r['RD high'])})" for _, r in attrition.iterrows()
    ]
    shown["P(benefit), flat prior"] = shown["P(benefit)"].map(fmt.prob)
    shown[important] = shown["P(important)"].map(fmt.prob)
    columns = ["scenario", "acupuncture", "medication alone", "RD (95% CI), points", *TESTS.values()]
    shown = shown[[*columns, "tests with P < 0.05", "P(benefit), flat prior", important]]
    return shown.style.hide(axis="index")


def dropout_directions_table(data: Dataset):
    """The evidence-based posterior when the dropouts' response differs between the arms
    (:func:`~acureview.studies.rct1.sensitivity.dropout_directions`)."""
    threshold = rct.important_difference(data)[0]
    rows = [
        {
            "dropouts' response, in odds": s.label,
            "spread (SD of log odds ratio)": fmt.num(s.value),
            "gain, points (95% CrI)": estimate(s.summary),
            threshold_column(0.0): fmt.prob(s.summary["p_above"][0.0]),
            threshold_column(threshold): fmt.prob(s.summary["p_above"][threshold]),
        }
        for s in sensitivity.dropout_directions(data)
    ]
    return pd.DataFrame(rows).style.hide(axis="index")


def explorer(data: Dataset) -> str:
    """The prior explorer's widget for the trial's counts, with every normal prior as a preset."""
    obs, ctrl = rct.arms(data)
    pr = rct.priors(data)
    presets = [{"label": p.label, "loc": p.loc, "scale": p.scale} for p in pr.values() if p.family == "normal"]
    return widgets.prior_explorer(
        obs,
        ctrl,
        presets,
        baseline_sd=pr["evidence"].baseline_sd,
        imor_sd=data.assumption("attrition.imor_sd").value,
        grid_size=rct.GRID_SIZE,
        control_rate=rct.ssri_response(data).value,
        threshold=rct.important_difference(data)[0],
    )


def gate_display(check):
    """The sampler's gate, one row a fit (a :class:`~acureview.studies.rct1.models.SamplerCheck`'s
    ``gates``), for the page."""
    formats = {"max r_hat": 3, "min bulk ESS": 0, "min tail ESS": 0, "max |sampled - reference| / MCSE": 1}
    return show(check.gates, formats)


def sampler_words(check) -> dict[str, object]:
    """The words of the sampler's check, by glue name: the sampler's settings and gate, how many
    fits and compared numbers, the largest gap from the grid and the smallest effective sample size."""
    return {
        "n_chains": sampling.SAMPLING["chains"],
        "n_draws": sampling.SAMPLING["draws"],
        "n_tune": sampling.SAMPLING["tune"],
        "mc_tolerance": f"{sampling.MC_TOLERANCE:g}",
        "gate_rhat": f"{sampling.GATE['r_hat']:g}",
        "gate_ess": f"{sampling.GATE['ess_bulk']:g}",
        "n_fits": len(check.fits),
        "n_compared": len(check.agreement),
        "worst_z": fmt.num(check.worst_gap, 1),
        "min_ess": fmt.num(check.min_ess, 0),
        "free_parameters": ", ".join(check.parameters),
    }
