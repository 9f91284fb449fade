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
    tol = half_unit(decimals)
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
    x, tol, total = float(mean), half_unit(decimals_of(mean)), n * items
    k = int(np.floor(x * total))
    return any(abs(j / total - x) <= tol for j in (k - 1, k, k + 1, k + 2))


# --- reported numbers: the one place that decides how precise a reported number is ------------------

import math  # noqa: E402
import re  # noqa: E402
from dataclasses import dataclass  # noqa: E402

#: Added to every rounding tolerance so that a value exactly at a rounding bound agrees despite
#: floating-point error (the bounds are inclusive: round-half-up and round-half-even both fit).
EPSILON = 1e-9

_OPS = {"<": "<", ">": ">", "=": "=", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "=<": "<=", "=>": ">="}
_NUMBER = r"(?:\d+(?:\.\d+)?|\.\d+)"
_ITEM = re.compile(
    r"^(?P<label>[A-Za-z]+(?=\s*(?:<=|>=|=<|=>|[<>=≤≥]|\d|\.\d))\s*)?"  # 'P', 'n', 'median'
    r"(?P<op><=|>=|=<|=>|[<>=≤≥])?\s*"
    r"(?P<sign>[-−])?(?P<number>" + _NUMBER + r")"
    r"(?:\s*(?P<dash>[-–—]|to)\s*(?P<high>" + _NUMBER + r"))?"  # a range: '6–12'
    r"(?P<unit>\s*%|\s+[A-Za-z][A-Za-z /-]*)?$"
)


@dataclass(frozen=True)
class Reported:
    """A number as a text reports it (``'52.8%'``, ``'P < 0.001'``, ``'n=36'``, ``'8 weeks'``).

    ``number`` is the number as written: its decimals set the precision (``'53'`` has 0,
    ``'52.80'`` has 2). ``op`` is the comparison the text makes (``'='`` unless it says
    ``<``, ``<=``, ``>`` or ``>=``).
    """

    text: str
    number: str
    value: float
    decimals: int
    op: str = "="
    unit: str = ""
    label: str = ""

    @property
    def tolerance(self) -> float:
        """Half a unit in the last reported place."""
        return half_unit(self.decimals)

    def agrees(self, x: float) -> bool:
        """Whether ``x`` (a recomputed number, on the scale of the text: 52.8 for '52.8%') is what the
        text reports: within rounding for '=', the inequality itself otherwise."""
        return agrees(x, self)

    def __str__(self) -> str:
        return self.text


def half_unit(decimals: int) -> float:
    """Half a unit in the last place of a number given to ``decimals`` places (inclusive bound)."""
    return 0.5 * 10.0 ** (-int(decimals)) + EPSILON


def parse_numbers(text: str) -> tuple[Reported, ...]:
    """Every number of one reported item: one, or two for a range (``'6–12 weekly sessions'``).

    Raises ValueError for anything else (``'52,8%'``, ``'fifty'``, ``'<0.0O1'``, ``'nan'``)."""
    raw = str(text).strip()
    m = _ITEM.match(raw)
    if not m or not raw:
        raise ValueError(f"cannot read a number from '{raw}' (write it as the review does: '52.8%', 'P < 0.001', '78')")
    label = (m.group("label") or "").strip()
    op = _OPS[m.group("op")] if m.group("op") else "="
    unit = (m.group("unit") or "").strip()
    if m.group("high") and m.group("op"):
        raise ValueError(f"'{raw}' is a range with a comparison; give one or the other")
    sign = "-" if m.group("sign") else ""
    numbers = [sign + m.group("number")] + ([m.group("high")] if m.group("high") else [])
    out = []
    for number in numbers:
        value = float(number)
        if not math.isfinite(value):
            raise ValueError(f"'{raw}' is not a finite number")
        out.append(Reported(raw, number, value, decimals_of(number), op, unit, label))
    if len(out) == 2 and out[0].value > out[1].value:
        raise ValueError(f"'{raw}': the range runs from {out[0].number} down to {out[1].number}")
    return tuple(out)


def parse_number(text: str) -> Reported:
    """One reported number (``'52.80'`` -> value 52.8, 2 decimals). Raises ValueError."""
    numbers = parse_numbers(text)
    if len(numbers) != 1:
        raise ValueError(f"'{text}' gives {len(numbers)} numbers, not one")
    return numbers[0]


def _reported(text: str | Reported) -> Reported:
    return text if isinstance(text, Reported) else parse_number(text)


def tolerance(text: str | Reported) -> float:
    """Half a unit in the last place of a reported number: 0.5 for '53%', 0.05 for '52.8%',
    0.005 for '52.80'."""
    return _reported(text).tolerance


def agrees(x: float, text: str | Reported) -> bool:
    """Whether a recomputed ``x`` agrees with a reported number: within half a unit in its last
    place (inclusive) for an equality, the stated inequality otherwise (``'P < 0.001'``)."""
    r = _reported(text)
    x = float(x)
    if r.op == "<":
        return x < r.value
    if r.op == "<=":
        return x <= r.value
    if r.op == ">":
        return x > r.value
    if r.op == ">=":
        return x >= r.value
    return abs(x - r.value) <= r.tolerance


def counts_for(text: str | Reported, n: int) -> list[int]:
    """Every whole count k out of n whose percentage agrees with a reported one (``'52.8%'``):
    :func:`counts_for_percentage` at the text's own precision."""
    r = _reported(text)
    if int(n) <= 0:
        raise ValueError(f"a percentage of {n} patients")
    return [k for k in range(int(n) + 1) if agrees(100.0 * k / n, r)]
