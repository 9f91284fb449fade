"""The verdict vocabulary: one name, one colour, one symbol and one definition each, the severity
of a problem and the importance of a claim (design.md, "Verdicts").

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision deficiencies),
two greys and a near-white for the placeholder; every badge also carries its symbol and its name,
so no verdict is told by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass

REPRODUCED = "reproduced"
CONSISTENT = "consistent"
NOT_REPRODUCED = "not reproduced"
INCONSISTENT = "inconsistent"
OVERSTATED = "overstated"
CONTRADICTED = "contradicted"
UNSUPPORTED = "unsupported"
UNCITED = "uncited"
NOT_CHECKABLE = "not checkable"
CITATION_ERROR = "citation error"
PENDING = "not yet checked"


@dataclass(frozen=True)
class Verdict:
    name: str
    colour: str  # background of the badge
    text: str  # colour of the badge's text (contrast at least 4.5:1 on the background)
    symbol: str
    problem: bool  # a finding against the review, which carries a severity
    definition: str


_VERDICTS = (
    Verdict(
        REPRODUCED,
        "#009E73",
        "#000000",
        "✓",
        False,
        "read in the cited source, or recomputed from it, and matching within rounding",
    ),
    Verdict(
        CONSISTENT,
        "#56B4E9",
        "#000000",
        "≈",
        False,
        "agrees with everything that could be checked, but cannot be confirmed from what was read "
        "(the reason says what would confirm it)",
    ),
    Verdict(
        NOT_REPRODUCED,
        "#D55E00",
        "#000000",
        "≠",
        True,
        "recomputed from the sources, or read in them, and different beyond rounding",
    ),
    Verdict(
        INCONSISTENT,
        "#CC79A7",
        "#000000",
        "⊘",
        True,
        "impossible on the review's own numbers (for example a percentage that no whole count gives)",
    ),
    Verdict(
        OVERSTATED,
        "#E69F00",
        "#000000",
        "↑",
        True,
        "the cited source, or the evidence a conclusion rests on, supports only a weaker, narrower or differently qualified statement",
    ),
    Verdict(
        CONTRADICTED,
        "#000000",
        "#FFFFFF",
        "✗",
        True,
        "the cited source, or the best available evidence, says otherwise",
    ),
    Verdict(
        UNSUPPORTED,
        "#F0E442",
        "#000000",
        "?",
        True,
        "the cited source does not contain the statement, or cannot be found",
    ),
    Verdict(
        UNCITED,
        "#BBBBBB",
        "#000000",
        "∅",
        True,
        "asserts evidence without citing any; the reason says what the best available evidence says",
    ),
    Verdict(
        NOT_CHECKABLE,
        "#0072B2",
        "#FFFFFF",
        "…",
        False,
        "what the check needs is not in what could be read; the reason names what is missing and whether it is public",
    ),
    Verdict(
        CITATION_ERROR, "#555555", "#FFFFFF", "§", True, "the reference's bibliographic details differ from the record"
    ),
    Verdict(PENDING, "#F6F8FA", "#000000", "·", False, "the chapter that checks this claim is not written yet"),
)

#: name -> Verdict, in the order of the legend (best to worst, then the neutral ones)
VERDICTS: dict[str, Verdict] = {v.name: v for v in _VERDICTS}
#: the order in which the dashboard sorts verdicts: the gravest problems first
ORDER = (
    INCONSISTENT,
    CONTRADICTED,
    NOT_REPRODUCED,
    OVERSTATED,
    UNSUPPORTED,
    UNCITED,
    CITATION_ERROR,
    NOT_CHECKABLE,
    CONSISTENT,
    REPRODUCED,
    PENDING,
)

MINOR, MAJOR, CRITICAL = "minor", "major", "critical"
#: severity -> definition, mildest first
SEVERITIES: dict[str, str] = {
    MINOR: "no reader would be misled (a renamed journal, a typo, a true statement left uncited)",
    MAJOR: "a reader is misled about a study or a number",
    CRITICAL: "changes what a clinician would conclude or do",
}

HEADLINE, SUPPORTING, DETAIL = "headline", "supporting", "detail"
#: importance -> definition, most important first
IMPORTANCE: dict[str, str] = {
    HEADLINE: "a conclusion or a main result a reader takes away (the abstract, the conclusion, a primary outcome)",
    SUPPORTING: "a result, number or statement that the headline claims rest on",
    DETAIL: "a descriptive detail: a name, a date, a design label, a reference entry",
}


def colour(verdict: str) -> str:
    return VERDICTS[verdict].colour


def is_problem(verdict: str) -> bool:
    return VERDICTS[verdict].problem


def milder(*severities: str) -> str:
    """The mildest of the given severities (empty ones ignored)."""
    given = [s for s in severities if s]
    return min(given, key=list(SEVERITIES).index) if given else ""


def severity_by_importance(importance: str) -> str:
    """The default severity of a problem in a claim of this importance: a problem in a headline
    claim changes what a clinician concludes, in a supporting claim it misleads about a study or a
    number, in a detail no reader is misled. A check overrides it where the problem itself is
    smaller (a true statement left uncited, a spelling slip) or larger."""
    return {HEADLINE: CRITICAL, SUPPORTING: MAJOR, DETAIL: MINOR}[importance]
