"""Consistency of reported percentages with whole counts (GRIM-type tests), and
agreement of a recomputed number with a number as written, at the precision it was written with.

A *number as written* is anything with ``value``, ``decimals`` and ``op`` (the comparison it states:
``'='``, ``'<'``, ``'<='``, ``'>'``, ``'>='``), such as :class:`acureview.data.Reported`, or a plain
string read by :func:`written` (``'52.8%'``, ``'<0.001'``, ``'P = .03'``). Reading the review's own
strings (labels, units, ranges) is the data layer's job (:mod:`acureview.data.reported`), and so
is the rounding rule itself (:func:`acureview.data.half_unit`, :func:`acureview.data.within_rounding`),
defined once there, below this layer, and applied here to plain strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data import half_unit, within_rounding


def decimals_of(x: float | str) -> int:
    """How many decimals a reported number carries (``52.8`` -> 1)."""
    s = str(x)
    return len(s.split(".")[1]) if "." in s else 0


def counts_for_percentage(pct: float, n: int, decimals: int = 1) -> list[int]:
    """Every whole count k out of n whose percentage rounds to ``pct`` at ``decimals`` places.

    A GRIM-type test: the bound is inclusive (half a unit in the last place either way), so a
    value exactly at a rounding bound counts under both round-half-up and round-half-even.
    """
    tol = half_unit(decimals)
    return [k for k in range(int(n) + 1) if abs(100.0 * k / n - float(pct)) <= tol]


def compatible_denominators(
    percentages: dict[str, float], n_values, decimals: int = 0, parts: tuple[str, tuple[str, ...]] | None = None
) -> dict[int, dict[str, list[int]]]:
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


_OPS = {"<": "<", ">": ">", "=": "=", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "=<": "<=", "=>": ">="}
_WRITTEN = re.compile(r"^\s*(?:[Pp]\s*)?(?P<op><=|>=|=<|=>|[<>=≤≥])?\s*(?P<number>\d+(?:\.\d+)?|\.\d+)\s*%?\s*$")


@dataclass(frozen=True)
class Written:
    """A plain number as written: an optional comparison, the number, an optional '%'."""

    value: float
    decimals: int
    op: str = "="


def written(text) -> Written:
    """``'52.8%'`` -> Written(52.8, 1, '='); ``'P < 0.001'`` -> Written(0.001, 3, '<'); a number as
    written (anything with ``value``, ``decimals`` and ``op``) is returned as it is. Raises ValueError."""
    if hasattr(text, "decimals"):
        return text
    m = _WRITTEN.match(str(text))
    if not m:
        raise ValueError(f"cannot read a number from '{text}'")
    return Written(float(m.group("number")), decimals_of(m.group("number")), _OPS[m.group("op") or "="])


def tolerance(text) -> float:
    """Half a unit in the last place of a number as written: 0.5 for '53%', 0.05 for '52.8%',
    0.005 for '52.80'."""
    return half_unit(written(text).decimals)


def agrees(x: float, text) -> bool:
    """Whether a recomputed ``x`` agrees with a number as written: within half a unit in its last
    place (inclusive) for an equality, the stated inequality otherwise (``'P < 0.001'``)."""
    return within_rounding(x, written(text))


def counts_for(text, n: int) -> list[int]:
    """Every whole count k out of n whose percentage agrees with a number as written (``'52.8%'``):
    :func:`counts_for_percentage` at the text's own precision."""
    r = written(text)
    if int(n) <= 0:
        raise ValueError(f"a percentage of {n} patients")
    return [k for k in range(int(n) + 1) if agrees(100.0 * k / n, r)]
