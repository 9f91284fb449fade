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
