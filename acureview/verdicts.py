"""The verdict vocabulary: one name, one colour, one definition each (design.md)."""
from __future__ import annotations

REPRODUCED = "reproduced"
NOT_REPRODUCED = "not reproduced"
INCONSISTENT = "inconsistent"
OVERSTATED = "overstated"
UNSUPPORTED = "unsupported"
UNVERIFIABLE = "unverifiable"
CITATION_ERROR = "citation error"
PENDING = "not yet checked"

#: verdict -> (colour, one-line definition). Order is the order of the dashboard legend.
VERDICTS: dict[str, tuple[str, str]] = {
    REPRODUCED: ("#1a7f37", "recomputed from the sources; matches the review within rounding"),
    NOT_REPRODUCED: ("#cf222e", "recomputed from the sources; differs from the review beyond rounding"),
    INCONSISTENT: ("#8250df", "impossible on the review's own numbers (for example a percentage that no whole count gives)"),
    OVERSTATED: ("#bc4c00", "the source supports a weaker or narrower statement than the review makes"),
    UNSUPPORTED: ("#9a6700", "no source is cited, or the cited source does not contain the statement, or cannot be found"),
    UNVERIFIABLE: ("#0969da", "the source exists, but the data needed to check it are not public (the reason says what is missing)"),
    CITATION_ERROR: ("#6e7781", "the reference's bibliographic details differ from the record"),
    PENDING: ("#d0d7de", "the chapter that checks this claim is not written yet"),
}


def colour(verdict: str) -> str:
    return VERDICTS[verdict][0]
