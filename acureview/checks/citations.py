"""Reference entries: each field as the review cites it against the record."""
from __future__ import annotations

import re
import unicodedata

from ..data import BIB_FIELDS, Claim, Dataset
from ..verdicts import CITATION_ERROR, REPRODUCED, UNSUPPORTED
from . import Result, check


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\u2010-\u2015\-]", " ", text)  # every dash alike
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _authors(text: str) -> tuple[list[str], bool]:
    """Author list and whether it ends with 'et al.'."""
    etal = bool(re.search(r"\bet al\.?\s*$", text.strip()))
    text = re.sub(r",?\s*et al\.?\s*$", "", text.strip())
    return [_norm(a) for a in text.split(",") if a.strip()], etal


def _pages(text: str) -> str:
    """'417-21' -> '417-421' (an abbreviated last page written out)."""
    m = re.fullmatch(r"\s*(\d+)\s*[-\u2013]\s*(\d+)\s*", text)
    if not m:
        return _norm(text)
    first, last = m.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


def field_differences(source: dict[str, str]) -> list[tuple[str, str, str]]:
    """(field, as cited, record) for every field that the review gives and that differs."""
    diffs = []
    for f in BIB_FIELDS:
        cited, record = source[f"cited_{f}"], source[f"record_{f}"]
        if not cited or not record:
            continue
        if f == "authors":
            c, etal = _authors(cited)
            r, _ = _authors(record)
            same = r[: len(c)] == c if etal else r == c
        elif f == "pages":
            same = _pages(cited) == _pages(record)
        else:
            same = _norm(cited) == _norm(record)
        if not same:
            diffs.append((f, cited, record))
    return diffs


@check("reference", reported=None)
def reference(claim: Claim, data: Dataset) -> Result:
    """A reference entry against its record, field by field."""
    (ref,) = claim.refs
    src = data.sources[ref]
    if src["found"] == "no":
        return Result(UNSUPPORTED, "no record found",
                      f"No record of this reference was found ({src['note'] or 'searched, not found'}).")
    diffs = field_differences(src)
    if src["found"] == "nearest":
        what = "; ".join(f"{f}: cited '{c}', nearest record '{r}'" for f, c, r in diffs)
        return Result(CITATION_ERROR, what or "nearest record only",
                      f"No record matches the entry as cited; the nearest record differs in {len(diffs)} "
                      f"field(s): {', '.join(f for f, _, _ in diffs)}.")
    if diffs:
        what = "; ".join(f"{f}: cited '{c}', record '{r}'" for f, c, r in diffs)
        return Result(CITATION_ERROR, what,
                      f"{len(diffs)} field(s) differ from the record: {', '.join(f for f, _, _ in diffs)}.")
    given = [f for f in BIB_FIELDS if src[f"cited_{f}"]]
    return Result(REPRODUCED, "all fields match",
                  f"Every field the entry gives ({', '.join(given)}) matches the record.")
