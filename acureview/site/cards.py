"""Claims as cards: the legend of the verdict scale, one card per claim (the
review's words, the verdict, the finding, the values, the sources' words, the facts its check read,
the verdict under each reading of a text not read, and links to its derivation, the facts page and
its code), and the cards of a chapter or of the dashboard after the legend. Every piece is a
template (see :mod:`.templates`)."""

from __future__ import annotations

import re

from ..checks.common import where
from ..fmt import sentences
from ..lazy import lazy
from ..verdicts import IMPORTANCE, PENDING, SEVERITIES, VERDICTS
from ..whatif import outcomes
from .codepages import code_page
from .factspage import FACTS_PAGE, fact_anchor, value_with_unit
from .ranking import rank_key
from .templates import fragment, render

pd = lazy("pandas")

LEGEND_SUMMARY = "How to read a verdict: the verdict scale, severity and importance"


def legend(folded: bool = False) -> str:
    """The verdict scale, then severity and importance, each with its definition; ``folded``, in a
    closed ``<details>`` (above the cards, where on a phone it would push them a few screens down)."""
    return render(
        "legend.html",
        folded=folded,
        summary=LEGEND_SUMMARY,
        severities=SEVERITIES,
        importance=IMPORTANCE,
        verdicts=[(v, d) for v, d in VERDICTS.items() if v != PENDING],
    )


def section_names(review: str) -> dict[str, str]:
    """The sections of the review's text ``review`` by the id the claim register uses ("3.1",
    "Abstract", "References"), each with its heading, as a reader names it: "3.1 Treatment-Resistant
    Depression ..."."""
    names = {}
    for m in re.finditer(r"^#{2,6}\s+(?:(\d+(?:\.\d+)*)\s+)?(.+?)\s*$", review, re.MULTILINE):
        number, title = m.group(1), m.group(2)
        names[number or title] = f"{number} {title}" if number else title
    return names


def section_name(section: str, sections: dict[str, str]) -> str:
    """A claim's section as a card names it: its heading, or "section 3.4" for a number without one."""
    return sections.get(section, section if not section[0].isdigit() else f"section {section}")


def first_sentence(text: str) -> str:
    """The first sentence of a reason: the finding in one sentence."""
    return (sentences(text) or [""])[0]


def facts_read(r, data) -> list[dict]:
    """The facts a claim's check read (its ``facts`` column), each with its anchor on the facts page,
    its value with its unit and where it stands, for the card's list."""
    facts = [data.fact(i) for i in r.facts.split("; ") if i] if r.facts else []
    return [
        {"fact": f, "anchor": fact_anchor(f.fact_id), "value": value_with_unit(f), "where": where(data, f.fact_id)}
        for f in facts
    ]


def claim_card(
    r, data, sections: dict[str, str], root: str = "../", link: bool = True, chapters: set[str] | None = None
) -> str:
    """One claim (a row of the verdict table) as a card: id, section and importance; the review's
    words (TeX as Unicode); the verdict with its severity; the finding in one sentence; the reported
    and re-derived values; the full reason with the sources' words; the facts its check read; links
    to the derivation, the facts and the code. ``sections`` names the sections (:func:`section_names`)."""
    slug = r.anchor.removeprefix("claim-")
    exists = chapters is None or r.chapter in chapters
    derivation = (f"{root}{r.chapter}.html#{r.anchor}" if link else f"#{r.anchor}") if exists else ""
    page, function = code_page(r.check)
    finding = first_sentence(r.reason) if r.reason else "-"
    return render(
        "card.html",
        r=r,
        slug=slug,
        rank=rank_key(r),
        colour=VERDICTS[r.verdict].colour,
        section=section_name(r.section, sections),
        finding=finding,
        rest=r.reason[len(finding) :].strip(),
        facts=facts_read(r, data),
        whatifs=outcomes(data, r.claim_id),
        derivation=derivation,
        root=root,
        facts_page=FACTS_PAGE,
        code_page=page,
        function=function,
    )


def cards_with_legend(
    df: pd.DataFrame,
    data,
    root: str = "../",
    link: bool = True,
    chapters: set[str] | None = None,
    filterable: bool = False,
    legend_first: bool = True,
) -> str:
    """Every claim of ``df`` (rows of the verdict table) as a card (see :func:`claim_card`), in the
    table's order, after the legend, folded (``legend_first``). ``chapters`` lists the chapters that
    exist; a claim whose chapter is not among them has no derivation link."""
    sections = section_names(data.review)
    cards = [fragment(claim_card(r, data, sections, root, link, chapters)) for r in df.itertuples()]
    return render(
        "cards.html", legend=fragment(legend(folded=True)) if legend_first else "", cards=cards, filterable=filterable
    )
