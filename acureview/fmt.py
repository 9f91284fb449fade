"""One way to write every number in the book: percentages, P values, ratios, counts.

Everything returns a plain ``str`` so that it can be glued (myst-nb) and printed alike.
"""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal


def fixed(x: float, digits: int = 2, thousands: bool = False) -> str:
    """``x`` to ``digits`` decimals, a half rounded up as a reader rounds the number written out:
    ``fixed(0.51 * 2.5) == '1.28'`` (the float nearest 1.275 lies just below it, so Python's own
    format gives 1.27), ``fixed(0.325) == '0.33'``. The value is read to 12 significant figures
    first, which no quantity in the book needs more of; commas between thousands if asked."""
    x = float(x)
    if not math.isfinite(x):
        return f"{x:.{digits}f}"
    d = Decimal(f"{x:.12g}").quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return f"{d:{',' if thousands else ''}.{digits}f}"


def pct(x: float, digits: int | None = 1) -> str:
    """A proportion in percent: ``pct(0.5278) == '52.8%'``; ``digits=None`` writes an exact
    threshold with as few digits as it has: ``pct(0.95, None) == '95%'``, ``pct(0.999, None) == '99.9%'``."""
    if digits is None:
        return f"{round(100 * float(x), 6):g}%"
    return f"{fixed(100 * float(x), digits)}%"


def pval(p: float, floor: float = 0.001) -> str:
    """A P value as the book writes it: two significant figures, trailing zeros kept
    (``pval(0.0304) == 'P = 0.030'``, ``pval(0.5) == 'P = 0.50'``), and nothing below ``floor``
    (``'P < 0.001'``; a table that compares tests may go to 0.0001)."""
    return f"P {p_number(p, floor)}" if float(p) < floor else f"P = {p_number(p, floor)}"


def p_number(p: float, floor: float = 0.001) -> str:
    """The number of :func:`pval` without its 'P': ``'0.030'``, or ``'< 0.001'`` below ``floor``."""
    p = float(p)
    if not 0 <= p <= 1:
        raise ValueError(f"a P value lies between 0 and 1, not {p!r}")
    if p < floor:
        return f"< {floor:g}"
    digits = 1 - math.floor(math.log10(p))
    text = fixed(p, digits)
    if Decimal(text) >= Decimal(1).scaleb(2 - digits):  # 0.0996 rounds up to 0.100: one figure less
        text = fixed(p, digits - 1)
    return text


def num(x: float, digits: int = 2) -> str:
    """A number to ``digits`` decimals (:func:`fixed`)."""
    return fixed(x, digits)


def count(k: int, n: int) -> str:
    """A count out of a denominator with its percentage: ``'19/36 (52.8%)'``."""
    return f"{int(k)}/{int(n)} ({pct(k / n)})"


def one_in(p: float) -> str:
    """A small probability as 'one in N', N to one significant figure (a rate known no better than
    that has no more): ``one_in(1.01e-4) == 'one in 10,000'``, ``one_in(0.0066) == 'one in 200'``."""
    n = 1 / float(p)
    scale = 10 ** math.floor(math.log10(n))
    return f"one in {round(n / scale) * scale:,.0f}"


def plural(n: int, word: str, many: str = "") -> str:
    """A count with its noun, singular for one: ``plural(1, "claim") == '1 claim'``,
    ``plural(2, "claim") == '2 claims'``, ``plural(3, "study", "studies") == '3 studies'``."""
    n = int(n)
    return f"{n} {word if n == 1 else many or word + 's'}"


def interval(lo: float, hi: float, digits: int = 2) -> str:
    return f"{num(lo, digits)} to {num(hi, digits)}"


def in_words(items) -> str:
    """A list as a sentence names it: ``'a'``, ``'a and b'``, ``'a, b and c'`` (``''`` for none)."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def prob(p: float) -> str:
    """A posterior probability in percent, never shown as a certain 0% or 100%."""
    p = float(p)
    if p > 0.999:
        return "> 99.9%"
    if p < 0.001:
        return "< 0.1%"
    return pct(p)


ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "vs.", "cf.", "approx.", "no.", "Dr.")


def sentences(text: str) -> list[str]:
    """The sentences of a plain-text reason: a full stop, question or exclamation mark (or one
    closing a quotation or a parenthesis) followed by a space and a capital, a digit or a bracket
    ends one; abbreviations ('e.g.', 'et al.') and decimals ('0.05') do not."""
    out, start = [], 0
    for m in re.finditer(r"[.!?][\u201d\"')]*\s+(?=[A-Z0-9\[\u2018\u201c'(])", text):
        head = text[start : m.start() + 1]
        if head.rstrip().lower().endswith(tuple(a.lower() for a in ABBREVIATIONS)):
            continue
        out.append(text[start : m.end()].strip())
        start = m.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out
