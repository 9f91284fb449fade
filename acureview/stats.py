"""Arithmetic and frequentist helpers shared by the checks and the chapters."""
from __future__ import annotations

import re

import numpy as np
from scipy import stats


def counts_for_percentage(pct: float, n: int, decimals: int = 1) -> list[int]:
    """Every whole count k out of n whose percentage rounds to ``pct`` at ``decimals`` places.

    A GRIM-type test: the bound is inclusive (half a unit in the last place either way), so a
    value exactly at a rounding bound counts under both round-half-up and round-half-even.
    """
    tol = 0.5 * 10.0 ** (-decimals) + 1e-9
    return [k for k in range(int(n) + 1) if abs(100.0 * k / n - float(pct)) <= tol]


def decimals_of(x: float | str) -> int:
    """How many decimals a reported number carries (``52.8`` -> 1)."""
    s = str(x)
    return len(s.split(".")[1]) if "." in s else 0


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
    op, bound = parse_p(reported)
    if op == "<":
        return p < bound
    if op == "<=":
        return p <= bound
    if op == ">":
        return p > bound
    if op == ">=":
        return p >= bound
    digits = decimals_of(reported.split("=")[-1].strip())
    return abs(p - bound) <= 0.5 * 10.0 ** (-digits) + 1e-12


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


def compatible_denominators(percentages: dict[str, float], n_values, decimals: int = 0,
                            parts: tuple[str, tuple[str, ...]] | None = None) -> dict[int, dict[str, list[int]]]:
    """For each candidate ``n``, the whole counts that give each reported percentage.

    ``parts = (whole, (part, part, ...))`` adds the constraint that the parts' counts sum to the
    whole's (for example strong responders = cured + near-normal). Only the ``n`` at which every
    percentage has a count (and, with ``parts``, some combination adds up) are returned.
    """
    out = {}
    for n in n_values:
        counts = {k: counts_for_percentage(p, n, decimals) for k, p in percentages.items()}
        if not all(counts.values()):
            continue
        if parts is not None:
            whole, pieces = parts
            sums = {0}
            for piece in pieces:
                sums = {s + k for s in sums for k in counts[piece]}
            if not sums & set(counts[whole]):
                continue
        out[int(n)] = counts
    return out


def sd_of_change(sd_before: float, sd_after: float, r: float) -> float:
    """SD of a within-patient change from the two SDs and their correlation."""
    return float(np.sqrt(sd_before ** 2 + sd_after ** 2 - 2 * r * sd_before * sd_after))


def paired_t_from_summary(mean_change: float, sd_change: float, n: int) -> tuple[float, float]:
    """t statistic and two-sided P value of a mean within-patient change."""
    t = mean_change / (sd_change / np.sqrt(n))
    return float(t), float(2 * stats.t.sf(abs(t), n - 1))


def e_value_smd(d: float) -> float:
    """E-value of a standardized mean difference, through RR ~ exp(0.91 d) (VanderWeele and Ding)."""
    rr = float(np.exp(0.91 * abs(d)))
    return rr + float(np.sqrt(rr * (rr - 1)))


def upper_bound_zero_events(n: int, level: float = 0.95) -> float:
    """Exact (Clopper-Pearson) two-sided ``level`` upper bound of a rate when 0 of n had the event."""
    return float(stats.beta.ppf(1 - (1 - level) / 2, 1, n))


def grim_mean(mean: str, n: int, items: int = 1) -> bool:
    """GRIM test of a mean of ``n`` answers to ``items`` integer items, reported as the string
    ``mean`` (its decimals set the rounding): True if some whole total gives it, with inclusive
    rounding bounds as in :func:`counts_for_percentage`."""
    x, tol, total = float(mean), 0.5 * 10.0 ** (-decimals_of(mean)) + 1e-9, n * items
    k = int(np.floor(x * total))
    return any(abs(j / total - x) <= tol for j in (k - 1, k, k + 1, k + 2))
