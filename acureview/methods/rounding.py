"""Consistency of reported numbers with whole counts: percentages and means (GRIM-type tests)."""
from __future__ import annotations

import numpy as np


def decimals_of(x: float | str) -> int:
    """How many decimals a reported number carries (``52.8`` -> 1)."""
    s = str(x)
    return len(s.split(".")[1]) if "." in s else 0


def counts_for_percentage(pct: float, n: int, decimals: int = 1) -> list[int]:
    """Every whole count k out of n whose percentage rounds to ``pct`` at ``decimals`` places.

    A GRIM-type test: the bound is inclusive (half a unit in the last place either way), so a
    value exactly at a rounding bound counts under both round-half-up and round-half-even.
    """
    tol = 0.5 * 10.0 ** (-decimals) + 1e-9
    return [k for k in range(int(n) + 1) if abs(100.0 * k / n - float(pct)) <= tol]


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


def grim_mean(mean: str, n: int, items: int = 1) -> bool:
    """GRIM test of a mean of ``n`` answers to ``items`` integer items, reported as the string
    ``mean`` (its decimals set the rounding): True if some whole total gives it, with inclusive
    rounding bounds as in :func:`counts_for_percentage`."""
    x, tol, total = float(mean), 0.5 * 10.0 ** (-decimals_of(mean)) + 1e-9, n * items
    k = int(np.floor(x * total))
    return any(abs(j / total - x) <= tol for j in (k - 1, k, k + 1, k + 2))
