"""The landing page's summaries: the bottom line (how many claims hold, how many are problems and
how grave, and how certain the evidence behind the review's main conclusions is), the headline
findings (the highest-ranked problems, see :mod:`.ranking`) and the verdicts counted by section of
the review."""

from __future__ import annotations

from urllib.parse import quote

from ..appraisal import CONCLUSIONS, certainty
from ..fmt import in_words, plural
from ..lazy import lazy
from ..methods.grade import LEVELS
from ..verdicts import CONSISTENT, NOT_CHECKABLE, ORDER, PENDING, REPRODUCED, SEVERITIES, is_problem
from .cards import first_sentence, section_names
from .ranking import ranked_problems
from .templates import render
from .text import plain_words

pd = lazy("pandas")


#: the review's main conclusions, as the bottom line names them (keys of ``appraisal.CONCLUSIONS``)
MAIN_CONCLUSIONS = ("depression", "pain", "safety")


def bottom_line(df: pd.DataFrame, data) -> str:
    """The bottom line, in two or three sentences a clinician can repeat, every number computed here
    from the verdict table ``df`` and the appraisal on ``data``: how many claims hold (reproduced or
    consistent), how many are problems and how grave (by severity, gravest first), how many could
    not be checked, and what each main conclusion rests on with its GRADE certainty."""
    verdicts = df["verdict"].value_counts()
    problems = df[[is_problem(v) for v in df["verdict"]]]
    severities = problems["severity"].value_counts()
    conclusions = [
        {"title": CONCLUSIONS[k].title, "evidence": CONCLUSIONS[k].evidence, "level": certainty(data.appraisal, k)[0]}
        for k in MAIN_CONCLUSIONS
    ]
    return render(
        "bottom_line.html",
        n_claims=len(df),
        held=[(v, int(verdicts[v])) for v in (REPRODUCED, CONSISTENT) if v in verdicts],
        n_held=int(sum(verdicts.get(v, 0) for v in (REPRODUCED, CONSISTENT))),
        n_problems=len(problems),
        severities=[(s, int(severities[s])) for s in reversed(SEVERITIES) if s in severities],
        critical=SEVERITIES["critical"],
        n_not_checkable=int(verdicts.get(NOT_CHECKABLE, 0)),
        n_pending=int(verdicts.get(PENDING, 0)),
        conclusions=conclusions,
        levels=" or ".join(lv for lv in reversed(LEVELS) if lv in {c["level"] for c in conclusions}),
    )


def verdicts_counted(df: pd.DataFrame) -> str:
    """How many claims of the verdict table ``df`` have a verdict, counted by verdict, gravest first,
    and how many wait for a chapter, said only where some do: 'All 84 statements have a verdict (2
    overstated and 82 reproduced).'"""
    checked = df[df["verdict"] != PENDING]
    counts = in_words(f"{n} {v}" for v, n in ((v, int((checked["verdict"] == v).sum())) for v in ORDER) if n)
    if len(checked) == len(df):
        every = "The only statement has" if len(df) == 1 else f"All {len(df)} statements have"
        return f"{every} a verdict ({counts})."
    waiting = len(df) - len(checked)
    wait = "waits for a chapter" if waiting == 1 else "wait for chapters"
    have = "has" if len(checked) == 1 else "have"
    return f"{len(checked)} of {plural(len(df), 'statement')} {have} a verdict ({counts}); {waiting} {wait} not yet written."


def _short(text: str, words: int = 28) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def findings(df: pd.DataFrame, data, n: int = 8, card: str = "dashboard.html") -> str:
    """The headline findings: the ``n`` highest-ranked problems of the verdict table ``df``, each
    the review's words (shortened), its verdict and severity, the finding in one sentence and a link
    to its card."""
    sections = section_names(data.review)
    items = [
        {
            "r": r,
            "slug": r.anchor.removeprefix("claim-"),
            "section": sections.get(r.section, r.section),
            "quote": _short(plain_words(r.quote)),
            "finding": first_sentence(r.reason),
        }
        for r in ranked_problems(df).head(n).itertuples()
    ]
    return render("findings.html", findings=items, card=card)


def by_section(df: pd.DataFrame, data, dashboard: str = "dashboard.html") -> str:
    """The verdicts of ``df`` by named section of the review, each section linked to the dashboard
    filtered to it."""
    sections = section_names(data.review)
    items = []
    for section, rows in df.groupby("section", sort=False):
        counts = rows["verdict"].value_counts()
        items.append(
            {
                "query": quote(section),
                "name": sections.get(section, section),
                "n": len(rows),
                "counts": [(v, int(counts[v])) for v in ORDER if v in counts],
            }
        )
    return render("by_section.html", sections=items, dashboard=dashboard)
