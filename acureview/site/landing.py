"""The landing page's summaries: the headline findings (the highest-ranked problems, see
:mod:`.ranking`) and the verdicts counted by section of the review."""

from __future__ import annotations

from urllib.parse import quote

from ..lazy import lazy
from ..verdicts import ORDER
from .cards import first_sentence, section_names
from .ranking import ranked_problems
from .templates import render
from .text import plain_words

pd = lazy("pandas")


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
