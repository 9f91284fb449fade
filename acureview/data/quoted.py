"""Whether a number stands in a quote: the numbers a text prints (``17,922``, ``.001``, ``−0.014``,
and whole numbers written in words, ``Twenty-nine``), and whether a value is one of them, as printed
or within the rounding of the number printed (:func:`~acureview.data.reported.within_rounding`'s
rule: half a unit in its last place). A percentage printed (``65%``) is the value 65 in a unit of
percent, and 0.65 as a proportion or a probability; it is not 0.65 percent.

A fact's value must stand in its quote (a text value by its words, :func:`text_fault`), and each
number of a claim's ``reported`` in the claim's own quote (:mod:`acureview.data.loaders`), so that
an edit to one of the two that the other does not follow is refused at the cell."""

from __future__ import annotations

import re

from .reported import half_unit

#: A number as a text prints it: digits with thousands grouped by ',' or a space, a decimal part,
#: a sign (the minus sign too); not a part of a word or an id (``rct1``, ``HAMD-17`` is 17).
PRINTED = re.compile(r"(?<![\w.])([-−]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+)(?![\d])(\s*%)?")
ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORDS = re.compile(
    r"\b(?:(" + "|".join(TENS) + r")(?:[- ](" + "|".join(ONES[1:10]) + r"))?|(" + "|".join(ONES) + r"))\b",
    re.IGNORECASE,
)
#: Units whose values are printed as a percentage divided by 100.
FRACTIONS = ("proportion", "probability")
#: The mark, at the start of a fact's note, of a number its quote does not print.
DERIVED = "derived:"


def occurrences(text: str) -> list[tuple[int, float, int, bool]]:
    """Each number ``text`` prints, in the text's order: (where it starts, value, decimals, whether a
    '%' follows it)."""
    out = []
    for m in PRINTED.finditer(text):
        digits = m.group(2).replace(",", "")
        decimals = len(digits.split(".")[1]) if "." in digits else 0
        out.append((m.start(), (-1 if m.group(1) else 1) * float(digits), decimals, bool(m.group(3))))
    for m in WORDS.finditer(text):
        tens, ones, alone = m.groups()
        value = (
            ONES.index(alone.lower())
            if alone
            else 20 + 10 * TENS.index(tens.lower()) + (ONES.index(ones.lower()) if ones else 0)
        )
        out.append((m.start(), float(value), 0, False))
    return sorted(out)


def printed(text: str) -> list[tuple[float, int, bool]]:
    """Each number ``text`` prints: (value, decimals, whether a '%' follows it)."""
    return [(value, decimals, percent) for _, value, decimals, percent in occurrences(text)]


def is_printed_as(value: float, number: float, decimals: int, percent: bool, unit: str = "") -> bool:
    """Whether ``value`` (in ``unit``) is ``number`` as printed with ``decimals`` (and a '%' if
    ``percent``), or within its rounding; a percentage is divided by 100 in a unit of :data:`FRACTIONS`."""
    if percent and unit in FRACTIONS:
        number, decimals = number / 100, decimals + 2
    return abs(value - number) <= half_unit(decimals)


def stands_in(value: float, text: str, unit: str = "") -> bool:
    """Whether ``value`` (in ``unit``) is a number ``text`` prints, as printed or within its rounding;
    a percentage printed is the value in percent, or divided by 100 in a unit of :data:`FRACTIONS`."""
    return any(is_printed_as(value, *number, unit) for number in printed(text))


def fault(value: float, text: str, unit: str = "") -> str | None:
    """Why ``value`` does not stand in ``text``, or None; a value at most 1 where the text prints it
    as a percentage times 100 is named as a proportion written where a percentage is expected."""
    if stands_in(value, text, unit):
        return None
    shown = f"{value:g}"
    if unit not in FRACTIONS and 0 < abs(value) <= 1 and stands_in(value * 100, text, unit):
        return f"{shown} is a proportion; the quote prints {value * 100:g}%, and a value in '{unit}' is written {value * 100:g}"
    return f"{shown} does not stand in the quote ('{text[:120]}')"


#: a word of a text value, compared with the quote's by its first four letters (``Norway``,
#: ``Norwegian``; ``randomized``, ``randomised``)
WORD = re.compile(r"[^\W\d_]{4,}")


def _stems(text: str) -> set[str]:
    return {w[:4] for w in WORD.findall(text.lower())}


def text_fault(value: str, text: str) -> str | None:
    """What is wrong with a text value its quote does not bear out, or None. A text value may put the
    source's words in short (a paraphrase), but it says what the quote says: at least one of its words
    or of the numbers it prints stands in the quote (``2015-2018``, ``p < .001``, ``about 6.2``)."""
    words, numbers = _stems(value), [n for n, _, _ in printed(value)]
    if not words and not numbers:
        return None
    if words & _stems(text) or any(stands_in(n, text) for n in numbers):
        return None
    return f"'{value}': none of its words or numbers stands in the quote ('{text[:120]}')"
