"""What the notebooks share: gluing values into the prose, and rendering verdict tables as HTML.

Every value is glued as a plain Python ``str``, ``int`` or ``float`` (NumPy scalars break
``{glue:text}`` formatting), so that prose, tables and tests read the same numbers.
"""
from __future__ import annotations

import html

import pandas as pd

from ..verdicts import VERDICTS, colour


def plain(value):
    """A NumPy scalar as the Python number it holds; anything else unchanged."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def glue(name: str, value) -> None:
    """Glue one value for ``{glue:text}`` in the prose, without displaying it here."""
    from myst_nb import glue as _glue

    _glue(name, plain(value), display=False)


def glue_all(values: dict[str, object], prefix: str = "") -> None:
    for key, value in values.items():
        glue(prefix + key, value)


def glue_verdicts(df: pd.DataFrame) -> None:
    """Glue ``<claim id>.verdict``, ``.reason``, ``.rederived`` and ``.reported`` for each claim."""
    for r in df.itertuples():
        for field in ("verdict", "reason", "rederived", "reported"):
            glue(f"{r.claim_id}.{field}", str(getattr(r, field)) or "-")


def badge(verdict: str) -> str:
    fg = "#1f2328" if verdict == "not yet checked" else "#ffffff"
    return (f'<span class="verdict" data-verdict="{html.escape(verdict)}" '
            f'style="background:{colour(verdict)};color:{fg}">{html.escape(verdict)}</span>')


def legend() -> str:
    items = "".join(f"<li>{badge(v)} {html.escape(d)}</li>" for v, (_, d) in VERDICTS.items())
    return f'<ul class="verdict-legend">{items}</ul>'


def verdict_table(df: pd.DataFrame, root: str = "../", link: bool = True, chapters: set[str] | None = None,
                  filterable: bool = False) -> str:
    """The claims as an HTML table: id (linked to the section that derives it), section, quote,
    verdict, reported, re-derived, reason. ``chapters`` lists the chapters that exist; a claim
    whose chapter is not among them is shown without a link."""
    head = "".join(f"<th>{h}</th>" for h in
                   ("Claim", "Section", "The review says", "Verdict", "Reported", "Re-derived", "Reason"))
    body = []
    for r in df.itertuples():
        cid = html.escape(r.claim_id)
        exists = chapters is None or r.chapter in chapters
        if link and exists:
            cid = f'<a href="{root}{r.chapter}.html#{r.anchor}">{cid}</a>'
        cells = [cid, html.escape(r.section), f"<q>{html.escape(r.quote)}</q>", badge(r.verdict),
                 html.escape(r.reported or "-"), html.escape(r.rederived or "-"), html.escape(r.reason)]
        body.append(f'<tr data-section="{html.escape(r.section)}" data-verdict="{html.escape(r.verdict)}">'
                    + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    extra = " data-filterable" if filterable else ""
    return (f'<div class="claims-wrap"><table class="claims"{extra}><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table></div>')


class HTML:
    """Minimal rich-display object, so notebooks show HTML without importing IPython themselves."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return self.text


def fact_table(data, source_id: str):
    """Every fact recorded from one source, as a table for a chapter: what it is, its value, where
    it stands in the source and what was read."""
    rows = [{"Fact": f.fact_id, "Value": "(not in the text read)" if f.value is None else f.value,
             "Unit": f.unit, "Where in the source": f.locator or "-", "Read from": f.read_from, "Note": f.note}
            for f in data.facts.values() if f.source_id == source_id]
    return pd.DataFrame(rows).style.hide(axis="index")


def open_chapter(chapter: str, data):
    """The verdict table of a chapter's claims, with their verdicts, reasons and counts glued
    (``n_claims``, ``verdict_counts``, ``<claim id>.verdict`` ...). Returns (all claims, this chapter's)."""
    from .. import verify

    table = verify.table(data)
    mine = table[table["chapter"] == chapter]
    glue_verdicts(mine)
    glue_all({
        "n_claims": len(mine),
        "verdict_counts": "; ".join(f"{v}: {n}" for v, n in mine["verdict"].value_counts().sort_index().items()),
    })
    return table, mine


def record_fits(chapter: str, fits) -> None:
    """Write each fit's compile and sampling times and ESS per second to ``_build/timings/<chapter>.json`` for
    ``make bench``; timings never reach a page (two builds must give the same HTML)."""
    import json
    import os

    from ..paths import BUILD

    rows = [{"model": f.name, "compile_seconds": round(f.compile_seconds, 2), "seconds": round(f.seconds, 2),
             "min_ess": round(f.min_ess),
             "ess_per_second": round(f.ess_per_second)} for f in fits]
    out = BUILD / "timings"
    out.mkdir(parents=True, exist_ok=True)
    path = out / (chapter.replace("/", "__") + ".json")
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    os.replace(tmp, path)
