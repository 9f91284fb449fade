"""The facts as a page shows them: the facts page (every fact, source by source, with the claims that
read it), a chapter's table of one source's facts, the one count of the facts that every page gives
(:func:`fact_counts`), what the facts were read from and what is known of the sources' full texts, and
the pieces the cards share with the facts page (a fact's anchor and its value as a reader writes it)."""

from __future__ import annotations

import re
from collections import Counter

from .. import appraisal as ap
from ..lazy import lazy
from ..studies.sources import source_label, where
from .tables import show
from .templates import fragment, render
from .text import human, plain_math

pd = lazy("pandas")

#: the facts page, from the site's root
FACTS_PAGE = "book/facts.html"
#: the evidence profile (every GRADE rating with what it reads), from the site's root
GRADE_PROFILE = "notebooks/appraisal.html#grade-profile"


def fact_anchor(fact_id: str) -> str:
    """The id of a fact's row on the facts page: ``rct1.obs.responders`` as ``fact-rct1-obs-responders``."""
    return "fact-" + re.sub(r"[^a-z0-9]+", "-", fact_id.lower()).strip("-")


def fact_value(value) -> str:
    """A fact's value as a reader writes it: whole numbers without decimals, others as recorded."""
    if value is None:
        return "(not in the text read)"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:g}"
    return human(str(value))


def value_with_unit(f) -> str:
    """A fact's value with its unit."""
    return fact_value(f.value) + (f" {f.unit}" if f.unit and f.value is not None else "")


def fact_table(data, source_id: str):
    """Every fact recorded from one source, as a table for a chapter: where it stands in the source,
    its value (formatted) with its unit, the source's own words and a note, its id last."""
    rows = [
        {
            "Where in the source": where(data, f.fact_id),
            "Value": fact_value(f.value),
            "Unit": f.unit or "-",
            "The source's words": plain_math(f.quote) if f.quote else "-",
            "Note": f.note or "-",
            "Fact id": f.fact_id,
        }
        for f in data.facts.values()
        if f.source_id == source_id
    ]
    return show(pd.DataFrame(rows))


def facts_page(data, table: pd.DataFrame, dashboard: str = "dashboard.html", root: str = "../") -> str:
    """Every fact, source by source, under the source's address (and the copy read) and what is known
    of its full text (public, read here; public, not read here; not openly available; not established);
    one row a fact (its id the row's anchor, which the cards link to), with its value, where it stands
    and in what text, the source's words with the source's address (and the copy read, where it is
    elsewhere), and what reads it: the claims whose checks read it (each linked to its card) and the
    GRADE ratings that rest on it (linked to the evidence profile). ``root`` leads from the page to
    the site's root."""
    readers: dict[str, list[dict[str, str]]] = {}
    for r in table.itertuples():
        for f in filter(None, r.facts.split("; ")):
            readers.setdefault(f, []).append(
                {"id": r.claim_id, "href": f"{dashboard}#card-{r.anchor.removeprefix('claim-')}"}
            )
    for g in data.appraisal.grade:
        for f in g.read:
            label = (
                f"GRADE: {ap.CONCLUSIONS[g.conclusion].title}, {'starting level' if g.domain == 'start' else g.domain}"
            )
            readers.setdefault(f, []).append({"id": label, "href": root + GRADE_PROFILE})
    sources = []
    for sid in data.sources:
        rows = [
            {
                "fact": f,
                "anchor": fact_anchor(f.fact_id),
                "value": value_with_unit(f),
                "where": where(data, f.fact_id),
                "claims": readers.get(f.fact_id, []),
            }
            for f in data.facts.values()
            if f.source_id == sid
        ]
        if rows:
            s = data.sources[sid]
            sources.append(
                {
                    "id": sid,
                    "label": source_label(data, sid),
                    "rows": rows,
                    "url": s["url"],
                    "read_at": s["read_at"],
                    "full_text": s["full_text"],
                }
            )
    return render("facts_page.html", sources=sources, dashboard=dashboard, root=root)


def fact_counts(data) -> dict[str, int]:
    """The facts as every page counts them: all of them (``n_facts``), those read in a source's own words
    (``n_read``), those a check needed that no text read gives (``n_missing``, type 'missing'), and the
    sources they come from (``n_sources``)."""
    missing = sum(1 for f in data.facts.values() if f.type == "missing")
    return {
        "n_facts": len(data.facts),
        "n_read": len(data.facts) - missing,
        "n_missing": missing,
        "n_sources": len({f.source_id for f in data.facts.values()}),
    }


#: the states of a source's full text (sources.csv, ``full_text``), in the order a page lists them
FULL_TEXT_STATES = ("public, read here", "public, not read here", "not openly available", "not established")


def full_texts(data) -> str:
    """What is known of the full texts of the sources the facts come from (the sources that
    :func:`fact_counts` counts), in words: '4 public, read here; 29 public, not read here; ...' (each
    source counted once, under its state in sources.csv), so that the states add up to that count."""
    states = Counter(data.sources[sid]["full_text"] for sid in {f.source_id for f in data.facts.values()})
    return "; ".join(f"{states[k]} {k}" for k in FULL_TEXT_STATES if states[k])


def what_was_read(data) -> dict[str, object]:
    """What the facts were read from: the counts of :func:`fact_counts`, the facts read by kind of text
    (abstract, full text, record, landing page, secondary source), the sources' full texts (:func:`full_texts`) and the
    references that could not be found."""
    kinds = Counter(f.read_from for f in data.facts.values() if f.type != "missing")
    order = sorted(kinds, key=lambda k: (-kinds[k], k))
    cited = [s for s in data.sources.values() if s["review_ref"]]
    return {
        **fact_counts(data),
        "facts_by_text": "; ".join(
            f"{kinds[k]} from {'an ' if k[0] in 'aeiou' else 'a '}{k}" if kinds[k] == 1 else f"{kinds[k]} from {k}s"
            for k in order
        ),
        "full_texts": full_texts(data),
        "n_not_found": sum(1 for s in cited if s["found"] != "yes"),
        "n_cited": len(cited),
    }


def read_links(data, read: tuple[str, ...], computed_names: tuple[str, ...] = (), root: str = "../"):
    """What an answer rests on (:func:`~acureview.appraisal.what_was_read`), each fact linked to its row
    on the facts page and each source to its section there; computed values as text."""
    items = [
        {
            "text": ap.what_was_read(data, (item,)),
            "href": f"{root}{FACTS_PAGE}#" + (fact_anchor(item) if item in data.facts else f"source-{item.lower()}"),
        }
        for item in read
    ]
    items = list({i["text"]: i for i in items}.values())
    computed = ap.what_was_read(data, (), computed_names)
    return fragment(render("read_links.html", items=items, computed=computed))


def linked_grade_profile(data, appraisal, root: str = "../"):
    """The evidence profile (:func:`~acureview.appraisal.grade_profile`) with what each rating reads
    linked to the facts page."""
    df = ap.grade_profile(data, appraisal)
    df["numbers and sources"] = [read_links(data, g.read, g.computed, root) for g in appraisal.grade]
    return df
