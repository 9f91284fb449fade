"""The one ranking of the claims: problems first, then by how much the claim matters to a reader
(headline claims first), then by severity (critical first), then by verdict (in the order of
``verdicts.ORDER``). The landing page's findings and the dashboard's "gravest first" both use it:
each card carries its rank number (``data-rank``), and the dashboard's script sorts by it. The
scales' orders (:func:`scales`) order the dashboard's filter menus."""

from __future__ import annotations

from ..lazy import lazy
from ..verdicts import IMPORTANCE, ORDER, SEVERITIES, is_problem
from .templates import render

pd = lazy("pandas")


def rank_key(r) -> str:
    """A claim's place in the ranking, as a number (written as digits, which sort as the number does):
    problem or not, importance, severity, verdict. The cards carry it as ``data-rank``, which the
    dashboard's script sorts by, claims of equal rank in the review's order."""
    problem = 0 if is_problem(r.verdict) else 1
    severity = 2 - list(SEVERITIES).index(r.severity) if r.severity else 3
    return f"{problem}{list(IMPORTANCE).index(r.importance)}{severity}{ORDER.index(r.verdict):02d}"


def ranked_problems(df: pd.DataFrame) -> pd.DataFrame:
    """The claims with a problem, in the ranking's order (see :func:`rank_key`)."""
    problems = df[[is_problem(v) for v in df["verdict"]]]
    keys = [rank_key(r) for r in problems.itertuples()]
    return problems.assign(_rank=keys).sort_values("_rank", kind="stable").drop(columns="_rank")


def scales() -> dict[str, list[str]]:
    """The order of each scale's values, as the dashboard's filter menus list them: verdicts gravest
    first (``verdicts.ORDER``), severities critical first, then a claim without one ("none"),
    importance headline first."""
    return {
        "verdict": list(ORDER),
        "severity": [*reversed(SEVERITIES), "none"],
        "importance": list(IMPORTANCE),
    }


def scales_script() -> str:
    """:func:`scales` as the JSON the dashboard's script reads (``#claims-scales``)."""
    return render("scales.html", scales=scales())
