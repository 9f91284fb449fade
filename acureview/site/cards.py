"""Claims as cards: the legend of the verdict scale, one card per claim (the
review's words, the verdict, the finding, the values, the sources' words, the facts its check read,
the verdict under each reading of a text not read, and links to its derivation, the facts page and
its code), and the cards of a chapter or of the dashboard after the legend. Every piece is a
template (see :mod:`.templates`)."""

from __future__ import annotations

import re

from .. import verify
from ..checks.registry import rule, rules, severity_rule
from ..fmt import in_words, sentences
from ..lazy import lazy
from ..studies.sources import where
from ..verdicts import IMPORTANCE, PENDING, SEVERITIES, VERDICTS, severity_by_importance
from ..whatif import none_could_change
from . import claimreview
from .codepages import code_page
from .factspage import FACTS_PAGE, fact_anchor, value_with_unit
from .ranking import rank_key
from .templates import fragment, render

pd = lazy("pandas")

LEGEND_SUMMARY = "How to read a verdict: the verdict scale, severity and importance"
RULE_SUMMARY = "How this verdict is decided"


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


def standing(r) -> dict[str, str]:
    """The card's two lines for a claim, as its row of the verdict table gives them (``cited``,
    ``evidence``, :func:`acureview.verify.standing`): what the review cites and whether it holds the
    statement; what the best evidence says, with its certainty. Empty for a row without them."""
    return {"cited": r.cited, "evidence": r.evidence} if r.cited else {}


def claim_card(
    r,
    data,
    sections: dict[str, str],
    root: str = "../",
    link: bool = True,
    chapters: set[str] | None = None,
    whatifs: list[dict] | None = None,
) -> str:
    """One claim (a row of the verdict table) as a card: id, section and importance; the review's
    words (TeX as Unicode); the verdict with its severity; the finding in one sentence; the reported
    and re-derived values; the full reason with the sources' words; the facts its check read; links
    to the derivation, the facts and the code; then its ClaimReview JSON-LD (:mod:`.claimreview`).
    ``sections`` names the sections (:func:`section_names`); ``whatifs``, the verdict under each
    reading of a text not read, as the verdict table published them (:func:`acureview.verify.whatifs`),
    read there for this claim when not given."""
    if whatifs is None:
        whatifs = [w for w in verify.whatifs(data) if w["claim_id"] == r.claim_id]
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
        lines=standing(r),
        searches=data.searches.get(r.claim_id, ()),
        whatifs=whatifs,
        no_reading=none_could_change(data, r.claim_id, r.verdict),
        derivation=derivation,
        root=root,
        facts_page=FACTS_PAGE,
        code_page=page,
        function=function,
        rule=rule(r.check),
        rule_summary=RULE_SUMMARY,
        severity_rule=severity_rule(),
        claim_review=fragment(
            claimreview.script(f"card-{slug}", claimreview.claim_review(r, data.review, finding, root))
        ),
    )


def rules_list(root: str = "../") -> str:
    """Every check's decision rule, by the check's name linked to its code (``root``: the way from the
    page to the site's root), as the methods page lists them: the same words as each card's "How this
    verdict is decided"."""
    return render("rules.html", rules=[(name, text, code_page(name)) for name, text in rules()], root=root)


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
    readings: dict[str, list[dict]] = {}
    for w in verify.whatifs(data):
        readings.setdefault(w["claim_id"], []).append(w)
    cards = [
        fragment(claim_card(r, data, sections, root, link, chapters, readings.get(r.claim_id, [])))
        for r in df.itertuples()
    ]
    return render(
        "cards.html", legend=fragment(legend(folded=True)) if legend_first else "", cards=cards, filterable=filterable
    )


def severity_exceptions(table: pd.DataFrame) -> str:
    """Where the verdict table ``table`` departs from the severity by importance, in one sentence: how
    many problems take a milder or a graver severity from their check's rule, by check and claim."""
    problems = table[table["severity"].fillna("") != ""]
    order = list(SEVERITIES)
    shift = {
        "milder": lambda s, i: order.index(s) < order.index(severity_by_importance(i)),
        "graver": lambda s, i: order.index(s) > order.index(severity_by_importance(i)),
    }
    parts = []
    for word, test in shift.items():
        rows = problems[[test(s, i) for s, i in zip(problems["severity"], problems["importance"], strict=True)]]
        if len(rows):
            by_check = rows.groupby("check", sort=True)["claim_id"].apply(list)
            named = in_words(f"{check} ({', '.join(ids)})" for check, ids in by_check.items())
            parts.append(f"{len(rows)} take a {word} severity from the rule of their check: {named}")
    if not parts:
        return f"All {len(problems)} problems take the severity of their claim's importance."
    return f"Of the {len(problems)} problems, {'; '.join(parts)}."
