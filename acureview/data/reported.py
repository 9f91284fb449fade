"""The parser of the review's own strings for what it reports (``'52.8%'``, ``'P < 0.001'``,
``'n=36'``, ``'6–12 weekly sessions'``): a :class:`Reported` number keeps the precision the review
wrote it with ('53%' is a whole percent, '52.80' has two decimals), and agrees with a recomputed
number within half a unit in its last place, inclusive, or by the inequality it states.

That rounding rule is defined once, here (:func:`half_unit`, :func:`within_rounding`): the review's
numbers and the generic methods (:mod:`acureview.methods.rounding`) both judge by it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

#: Added to every rounding tolerance so that a value exactly at a rounding bound agrees despite
#: floating-point error (the bounds are inclusive: round-half-up and round-half-even both fit).
EPSILON = 1e-9

_OPS = {"<": "<", ">": ">", "=": "=", "<=": "<=", ">=": ">=", "≤": "<=", "≥": ">=", "=<": "<=", "=>": ">="}
_NUMBER = r"(?:[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
_ITEM = re.compile(
    r"^(?P<label>[A-Za-z]+(?=\s*(?:<=|>=|=<|=>|[<>=≤≥]|[0-9]|\.[0-9]))\s*)?"  # 'P', 'n', 'median'
    r"(?P<op><=|>=|=<|=>|[<>=≤≥])?\s*"
    r"(?P<sign>[-−])?(?P<number>" + _NUMBER + r")"
    r"(?:\s*(?P<dash>[-–—]|to)\s*(?P<high>" + _NUMBER + r"))?"  # a range: '6–12'
    r"(?P<unit>\s*%|\s+[A-Za-z][A-Za-z /-]*)?$"
)


def half_unit(decimals: int) -> float:
    """Half a unit in the last place of a number given to ``decimals`` places (inclusive bound)."""
    return 0.5 * 10.0 ** (-int(decimals)) + EPSILON


def within_rounding(x: float, number) -> bool:
    """Whether a recomputed ``x`` is what a number as written states (anything with ``value``,
    ``decimals`` and ``op``): within half a unit in its last place, inclusive, for '=', the
    inequality itself otherwise (``'P < 0.001'``)."""
    x = float(x)
    if number.op == "<":
        return x < number.value
    if number.op == "<=":
        return x <= number.value
    if number.op == ">":
        return x > number.value
    if number.op == ">=":
        return x >= number.value
    return abs(x - number.value) <= half_unit(number.decimals)


def decimals_in(number: str) -> int:
    """How many decimals a number as written carries (``'52.8'`` -> 1)."""
    return len(number.split(".")[1]) if "." in number else 0


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
        """Half a unit in the last reported place (inclusive bound)."""
        return half_unit(self.decimals)

    def agrees(self, x: float) -> bool:
        """Whether ``x`` (a recomputed number, on the scale of the text: 52.8 for '52.8%') is what the
        text reports: within rounding for '=', the inequality itself otherwise."""
        return within_rounding(x, self)

    def __str__(self) -> str:
        return self.text


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
        out.append(Reported(raw, number, value, decimals_in(number), op, unit, label))
    if len(out) == 2 and out[0].value > out[1].value:
        raise ValueError(f"'{raw}': the range runs from {out[0].number} down to {out[1].number}")
    return tuple(out)


def parse_number(text: str) -> Reported:
    """One reported number (``'52.80'`` -> value 52.8, 2 decimals). Raises ValueError."""
    numbers = parse_numbers(text)
    if len(numbers) != 1:
        raise ValueError(f"'{text}' gives {len(numbers)} numbers, not one")
    return numbers[0]


def split_reported(text: str) -> tuple[str, ...]:
    """``'P < 0.001; large effect size'`` -> ``('P < 0.001', 'large effect size')``."""
    return tuple(p.strip() for p in str(text).split(";") if p.strip())
