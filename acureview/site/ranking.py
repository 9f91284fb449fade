"""The one ranking of the claims: problems first, then by how much the claim matters to a reader
(headline claims first), then by severity (critical first), then by verdict (in the order of
``verdicts.ORDER``). The landing page's findings and the dashboard's "gravest first" both use it."""

from __future__ import annotations

from ..lazy import lazy
from ..verdicts import IMPORTANCE, ORDER, SEVERITIES, is_problem

pd = lazy("pandas")


def rank_key(r) -> str:
    """A claim's place in the ranking, as a string that sorts in it (the cards' ``data-rank``, which
    the dashboard's script sorts by): problem or not, importance, severity, verdict."""
    problem = 0 if is_problem(r.verdict) else 1
    severity = 2 - list(SEVERITIES).index(r.severity) if r.severity else 3
    return f"{problem}{list(IMPORTANCE).index(r.importance)}{severity}{ORDER.index(r.verdict):02d}"


def ranked_problems(df: pd.DataFrame) -> pd.DataFrame:
    """The claims with a problem, in the ranking's order (see :func:`rank_key`)."""
    problems = df[[is_problem(v) for v in df["verdict"]]]
    keys = [rank_key(r) for r in problems.itertuples()]
    return problems.assign(_rank=keys).sort_values("_rank", kind="stable").drop(columns="_rank")
