"""The review's text (``data/review.md``) as the claims quote it: its sections, found by their
headings (``## 1 Introduction``, ``#### 3.1 ...``, ``## Abstract``, ``## References``), where a
quote stands in it as a whole phrase (starting and ending on a word boundary), within a section,
and the references cited in the paragraph (or list item) that holds it."""

from __future__ import annotations

import re

HEADING = re.compile(r"^(#+)[ \t]+(Abstract|References|\d+(?:\.\d+)*)\b.*$", re.M)
#: Quote marks a text editor may swap for one another: each written as its plain form.
#: Where a paragraph ends: a blank line, or a line that starts a list item or a heading.
BLOCK_END = re.compile(r"\n[ \t]*\n|\n(?=[ \t]*(?:[-*+] |\d+\. |#))")
#: A citation: ``[2]``, ``[2, 4, 5]``, ``[4-6]``.
CITATION = re.compile(r"\[(\d+(?:\s*[-–]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–]\s*\d+)?)*)\]")
QUOTE_MARKS = str.maketrans("\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033", "''''''\"\"\"\"")


def sections(text: str) -> dict[str, tuple[int, int]]:
    """Each section's name -> (start, end) of its text: from its heading to the next heading of
    the same or a higher level (a section holds its subsections)."""
    heads = [(m.start(), len(m.group(1)), m.group(2)) for m in HEADING.finditer(text)]
    out = {}
    for i, (start, level, name) in enumerate(heads):
        end = next((s for s, lv, _ in heads[i + 1 :] if lv <= level), len(text))
        out.setdefault(name, (start, end))
    return out


def phrase_at(text: str, quote: str, start: int = 0, end: int | None = None) -> int | None:
    """Where ``quote`` first stands in ``text[start:end]`` as a whole phrase (no letter or digit
    joined to either end), or None."""
    end = len(text) if end is None else end
    i = text.find(quote, start, end)
    while i >= 0:
        j = i + len(quote)
        before = text[i - 1] if i > 0 else " "
        after = text[j] if j < len(text) else " "
        if not (before.isalnum() and quote[:1].isalnum()) and not (after.isalnum() and quote[-1:].isalnum()):
            return i
        i = text.find(quote, i + 1, end)
    return None


def line_of(text: str, position: int) -> int:
    """The line (from 1) of ``text`` on which ``position`` stands."""
    return text.count("\n", 0, position) + 1


def plain_marks(text: str) -> str:
    """``text`` with every quote mark written plainly (``’`` as ``'``, ``“`` as ``"``)."""
    return text.translate(QUOTE_MARKS)


def paragraph(text: str, position: int) -> tuple[int, int]:
    """(start, end) of the paragraph or list item of ``text`` in which ``position`` stands."""
    start, end = 0, len(text)
    for m in BLOCK_END.finditer(text):
        if m.end() <= position:
            start = m.end()
        elif m.start() >= position:
            end = m.start()
            break
    return start, end


def cited(text: str) -> set[str]:
    """The reference numbers ``text`` cites (``[2]``, ``[2, 4]``, ``[4-6]``), as strings."""
    numbers: set[str] = set()
    for group in CITATION.findall(text):
        for part in group.split(","):
            low, _, high = re.sub(r"\s", "", part).replace("–", "-").partition("-")
            numbers.update(str(n) for n in range(int(low), int(high or low) + 1))
    return numbers
