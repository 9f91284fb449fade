"""Two arms, a binary outcome: P values of the usual tests, effect measures with intervals, NNT and the fragility index."""
from __future__ import annotations

import re

import numpy as np
from scipy import stats

from .rounding import agrees


TESTS = {
    "fisher": "Fisher's exact test",
    "chi2": "Pearson's chi-squared test",
    "chi2_yates": "chi-squared test with Yates' correction",
    "barnard": "Barnard's exact test",
    "boschloo": "Boschloo's exact test",
}


def two_by_two_pvalues(k1: int, n1: int, k2: int, n2: int) -> dict[str, float]:
    """Two-sided P values of every test a two-arm trial with a binary outcome could have used."""
    table = np.array([[k1, n1 - k1], [k2, n2 - k2]])
    return {
        "fisher": float(stats.fisher_exact(table).pvalue),
        "chi2": float(stats.chi2_contingency(table, correction=False).pvalue),
        "chi2_yates": float(stats.chi2_contingency(table, correction=True).pvalue),
        "barnard": float(stats.barnard_exact(table).pvalue),
        "boschloo": float(stats.boschloo_exact(table).pvalue),
    }


_P = re.compile(r"^\s*[Pp]?\s*(<=|>=|<|>|=)\s*(0?\.\d+|\d(\.\d+)?)\s*$")


def parse_p(text: str) -> tuple[str, float]:
    """``'<0.001'`` -> ``('<', 0.001)``; ``'=.03'`` -> ``('=', 0.03)``."""
    m = _P.match(str(text))
    if not m:
        raise ValueError(f"cannot read a P value from '{text}'")
    return m.group(1), float(m.group(2))


def p_agrees(p: float, reported: str) -> bool:
    """Whether a recomputed P value agrees with a reported one (``'<0.001'``, ``'=0.03'``).

    An equality agrees within rounding at the reported precision.
    """
    parse_p(reported)  # the same inputs as before are refused
    return agrees(p, reported)


def effect_measures(k1: int, n1: int, k2: int, n2: int, alpha: float = 0.05) -> dict[str, tuple[float, float, float]]:
    """Risk difference (Newcombe score interval), risk ratio (log interval), odds ratio (logit
    interval) and number needed to treat, each as (estimate, lower, upper); arm 1 against arm 2.

    The NNT interval is the reciprocal of the risk difference's; it is infinite at one end when that
    interval includes zero.
    """
    from statsmodels.stats.proportion import confint_proportions_2indep

    p1, p2 = k1 / n1, k2 / n2
    out = {}
    for key, compare, method, est in (
        ("risk difference", "diff", "newcomb", p1 - p2),
        ("risk ratio", "ratio", "log", p1 / p2 if p2 else float("inf")),
        ("odds ratio", "odds-ratio", "logit", (p1 / (1 - p1)) / (p2 / (1 - p2)) if 0 < p2 and p1 < 1 else float("inf")),
    ):
        lo, hi = confint_proportions_2indep(k1, n1, k2, n2, method=method, compare=compare, alpha=alpha)
        out[key] = (float(est), float(lo), float(hi))
    rd, lo, hi = out["risk difference"]
    inv = lambda x: 1 / x if x > 0 else float("inf")  # noqa: E731
    out["number needed to treat"] = (inv(rd), inv(hi), inv(lo) if lo > 0 else float("inf"))
    return out


def fragility_index(k1: int, n1: int, k2: int, n2: int, alpha: float = 0.05) -> int:
    """Walsh's fragility index: how many patients of the arm with fewer events would have to have
    had the event instead for Fisher's exact test to lose significance (0 if it is not significant)."""
    def p(a, b):
        return float(stats.fisher_exact(np.array([[a, n1 - a], [b, n2 - b]])).pvalue)

    first = k1 <= k2  # the arm with fewer events, fixed at the start
    flips = 0
    while p(k1, k2) < alpha:
        if first and k1 < n1:
            k1 += 1
        elif not first and k2 < n2:
            k2 += 1
        else:
            break
        flips += 1
    return flips
