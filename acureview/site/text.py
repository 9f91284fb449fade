"""Text for a page: the review's few TeX fragments as Unicode (so that mathematics reads offline,
without MathJax), and the check's shorthand (``>=``, ``1.6e-10``) as a reader writes it."""

from __future__ import annotations

import re

#: the TeX commands the review uses, and a few neighbours, as Unicode
TEX = {
    r"\geq": "≥",
    r"\ge": "≥",
    r"\leq": "≤",
    r"\le": "≤",
    r"\kappa": "κ",
    r"\alpha": "α",
    r"\beta": "β",
    r"\gamma": "γ",
    r"\delta": "δ",
    r"\mu": "μ",
    r"\chi": "χ",
    r"\pm": "±",
    r"\times": "×",
    r"\approx": "≈",
    r"\neq": "≠",
    r"\%": "%",
    r"\,": " ",
    r"\;": " ",
}
_COMMAND = re.compile(r"\\[A-Za-z]+|\\[%,;]")
_MATH = re.compile(r"\s*\$([^$]+)\$\s*")
_EMPHASIS = re.compile(r"\*{1,2}([^*\s](?:[^*]*[^*\s])?)\*{1,2}")  # the review's Markdown *italics*, as plain words
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def _inline(tex: str) -> str:
    out = _COMMAND.sub(lambda m: TEX.get(m.group(0), m.group(0)), tex.strip())
    return re.sub(r"\s+", " ", out)


def plain_math(text: str) -> str:
    """``$\\geq 8$`` as ``≥ 8``, ``NF- $\\kappa$ B`` as ``NF-κB``, ``$P < 0.001$`` as ``P < 0.001``.

    The spaces the review's converter put around each fragment are kept where a word stands on
    that side and dropped where the fragment sits inside a word (``NF-κB``)."""

    def sub(m: re.Match) -> str:
        start, end = m.start(), m.end()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        inside_word = (
            m.group(0)[0] == " "
            and before == "-"
            or (before.isalnum() and after.isalnum() and len(_inline(m.group(1))) == 1)
        )
        left = "" if not before or before in '(-“"' or inside_word else " "
        right = "" if not after or after in ').,;:”"' or (inside_word and after.isalnum()) else " "
        return left + _inline(m.group(1)) + right

    return _MATH.sub(sub, text)


def plain_words(text: str) -> str:
    """The review's words for a card: TeX as Unicode and its Markdown ``*De-Qi*`` as plain ``De-Qi``."""
    return _EMPHASIS.sub(r"\1", plain_math(text))


def human(value: str) -> str:
    """A value as a reader writes it: ``>=`` as ``≥``, ``1.6e-10`` as ``1.6 × 10⁻¹⁰``, TeX as Unicode."""
    value = plain_math(value).replace(">=", "≥").replace("<=", "≤")
    return re.sub(
        r"\b(\d+(?:\.\d+)?)e([-+]?)0*(\d+)\b",
        lambda m: f"{m.group(1)} × 10{(('-' if m.group(2) == '-' else '') + m.group(3)).translate(_SUPERSCRIPT)}",
        value,
    )
