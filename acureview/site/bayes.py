"""How the Bayesian chapter of the trial [1] writes its results: risk differences in percentage
points, credible intervals, the thresholds' column names, odds ratios, the table of results under
every prior and the priors' short names. The numbers come from :mod:`acureview.studies.rct1`."""

from __future__ import annotations

from .. import fmt
from ..lazy import lazy

pd = lazy("pandas")


def points(x: float) -> str:
    """A risk difference (a fraction) in percentage points, to one decimal: 0.1234 -> '12.3'."""
    return f"{100 * x:.1f}"


def interval(low: float, high: float) -> str:
    """An interval of risk differences in points: '3.2 to 25.0'."""
    return f"{points(low)} to {points(high)}"


def estimate(row) -> str:
    """A posterior summary's gain with its 95% credible interval: '12.3 (3.2 to 25.0)'."""
    return f"{points(row['rd'])} ({interval(row['rd_low'], row['rd_high'])})"


def threshold_column(t: float) -> str:
    """The column of the probability that the gain reaches ``t`` (a fraction)."""
    return "P(any benefit)" if t == 0 else f"P(gain ≥ {100 * t:.0f} points)"


def odds_ratio(x: float) -> str:
    """An odds ratio as the priors' table prints it, with its extremes bounded."""
    return "< 0.01" if x < 0.01 else "> 100" if x > 100 else f"{x:.2f}"


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
