"""The review's sources as the book names them: a source's label ('[4] (Vickers 2012)'), where a
fact's words stand in what was read, and a fact's words quoted with their place. Shared by the checks'
reasons, the appraisal's tables and the verdict table."""

from __future__ import annotations

from ..data import Dataset


def source_label(data: Dataset, source_id: str) -> str:
    """'[4] (Vickers 2012)' for a reference of the review; 'Armour 2019' for a source it does not
    cite ('Zhen Ci Yan Jiu 2023' where no copy read shows its authors); 'the review' for the review itself."""
    s = data.sources[source_id]
    if not (s["record_authors"] or s["cited_authors"]) and not s["record_year"]:
        return "the review" if source_id == "Review" else source_id

    def short(t: dict[str, str]) -> str:
        # the first author's surname, or, where no copy read shows the authors, the journal
        first = (t["record_authors"] or t["cited_authors"]).split(",")[0].split(" ")[0]
        return f"{first or t['record_journal'] or t['cited_journal']} {t['record_year'] or t['cited_year']}"

    label = short(s)
    if s["review_ref"]:
        return f"[{s['review_ref']}] ({label})"
    twins = [
        t
        for i, t in data.sources.items()
        if i != source_id and not t["review_ref"] and (t["record_authors"] or t["cited_authors"]) and short(t) == label
    ]
    journal = s["record_journal"] or s["cited_journal"]
    return f"{label} ({journal})" if twins and journal else label


def where(data: Dataset, fact_id: str, part: bool = True) -> str:
    """Where a fact's words stand: 'abstract of [1] (Gao 2023), Methods' (without the part of the
    text with ``part=False``)."""
    f = data.fact(fact_id)
    if f.source_id == "Review":
        return "review's own " + ("reference list" if f.locator == "References" else f.locator)
    section = f.locator.removeprefix("abstract").strip(" ,") if f.read_from == "abstract" else f.locator
    section = "" if not part or section in ("", "title", "citation line", "abstract") else section
    text = {
        "full text": "full text",
        "abstract": "abstract",
        "record": "record",
        "landing page": "landing page",
        "secondary source": "secondary account",
    }.get(f.read_from, "text")
    label = source_label(data, f.source_id)
    if data.sources[f.source_id]["found"] == "nearest":  # the record read is not the article cited
        label = f"the nearest record to {label}"
    return f"{text} of {label}" + (f", {section}" if section else "")


def quote(data: Dataset, fact_id: str) -> str:
    """A fact's words as shown beside a verdict: 'abstract of [1] (Gao 2023), Methods: “...”'."""
    return f"{where(data, fact_id)}: \u201c{data.fact(fact_id).quote.strip()}\u201d"
