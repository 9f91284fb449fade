"""What the notebooks share: gluing values into the prose, and rendering verdict tables as HTML.

Every value is glued as a plain Python ``str``, ``int`` or ``float`` (NumPy scalars break
``{glue:text}`` formatting), so that prose, tables and tests read the same numbers.
"""
from __future__ import annotations

import html

import pandas as pd

from ..verdicts import IMPORTANCE, ORDER, PENDING, SEVERITIES, VERDICTS


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
    """Glue ``<claim id>.verdict`` (with its severity, for a problem), ``.reason``, ``.rederived``,
    ``.reported`` and ``.words`` (the sources' own words) for each claim."""
    for r in df.itertuples():
        glue(f"{r.claim_id}.verdict", f"{r.verdict} ({r.severity})" if r.severity else r.verdict)
        for field in ("reason", "rederived", "reported"):
            glue(f"{r.claim_id}.{field}", str(getattr(r, field)) or "-")
        glue(f"{r.claim_id}.words", r.source_words.replace("\n", " ") or "-")


def badge(verdict: str, severity: str = "") -> str:
    """A verdict as a label: its symbol and name on its colour (and the severity of a problem), so
    that it never rests on colour alone."""
    v = VERDICTS[verdict]
    sev = f' <span class="severity">{html.escape(severity)}</span>' if severity else ""
    return (f'<span class="verdict" data-verdict="{html.escape(verdict)}" style="background:{v.colour};color:{v.text}">'
            f'<span aria-hidden="true">{v.symbol}</span> {html.escape(verdict)}{sev}</span>')


def legend() -> str:
    """The verdict scale, then severity and importance, each with its definition."""
    verdicts = "".join(f"<li>{badge(v)} {html.escape(d.definition)}</li>" for v, d in VERDICTS.items()
                       if v != PENDING)
    severities = "".join(f"<li><strong>{html.escape(k)}</strong>: {html.escape(d)}</li>" for k, d in SEVERITIES.items())
    importance = "".join(f"<li><strong>{html.escape(k)}</strong>: {html.escape(d)}</li>" for k, d in IMPORTANCE.items())
    return (f'<ul class="verdict-legend">{verdicts}</ul>'
            f'<p>Every problem has a <em>severity</em>:</p><ul class="verdict-legend">{severities}</ul>'
            f'<p>Every claim has an <em>importance</em>:</p><ul class="verdict-legend">{importance}</ul>')


def _words_html(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line)


def verdict_table(df: pd.DataFrame, root: str = "../", link: bool = True, chapters: set[str] | None = None,
                  filterable: bool = False) -> str:
    """The claims as an HTML table: id (linked to the section that derives it), section, importance,
    quote, verdict with its severity, reported, re-derived, reason with the sources' own words.
    ``chapters`` lists the chapters that exist; a claim whose chapter is not among them is shown
    without a link."""
    head = "".join(f"<th>{h}</th>" for h in ("Claim", "Section", "Importance", "The review says", "Verdict",
                                             "Reported", "Re-derived", "Reason and the sources' words"))
    body = []
    for r in df.itertuples():
        cid = html.escape(r.claim_id)
        exists = chapters is None or r.chapter in chapters
        if link and exists:
            cid = f'<a href="{root}{r.chapter}.html#{r.anchor}">{cid}</a>'
        words = (f'<details class="source-words"><summary>the sources\' words</summary>{_words_html(r.source_words)}'
                 f'</details>' if r.source_words else "")
        cells = [cid, html.escape(r.section), html.escape(r.importance), f"<q>{html.escape(r.quote)}</q>",
                 badge(r.verdict, r.severity), html.escape(r.reported or "-"), html.escape(r.rederived or "-"),
                 html.escape(r.reason) + words]
        attrs = " ".join(f'data-{k}="{html.escape(str(getattr(r, k)) or "none")}"'
                         for k in ("section", "verdict", "severity", "importance"))
        rank = f"{ORDER.index(r.verdict):02d}{2 - list(SEVERITIES).index(r.severity) if r.severity else 3}"
        tds = [f'<td data-sort="{rank}">{c}</td>' if i == 4 else f"<td>{c}</td>" for i, c in enumerate(cells)]
        body.append(f"<tr {attrs}>" + "".join(tds) + "</tr>")
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
