"""What the notebooks share: gluing values into the prose, and rendering verdict tables as HTML.

Every value is glued as a plain Python ``str``, ``int`` or ``float`` (NumPy scalars break
``{glue:text}`` formatting), so that prose, tables and tests read the same numbers.
"""
from __future__ import annotations

import html
import re

import pandas as pd

from ..verdicts import IMPORTANCE, ORDER, PENDING, SEVERITIES, VERDICTS
from ..fmt import sentences
from .text import human, plain_math
from .text import plain as plain_words


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


def counted(verdicts: pd.Series) -> str:
    """Verdicts counted in words, gravest first: '2 overstated, 1 unsupported and 5 reproduced'."""
    counts = verdicts.value_counts()
    parts = [f"{counts[v]} {v}" for v in ORDER if v in counts]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _data():
    from ..verify import load

    return load()


def badge(verdict: str, severity: str = "") -> str:
    """A verdict as a label: its symbol and name on its colour (and the severity of a problem), so
    that it never rests on colour alone."""
    v = VERDICTS[verdict]
    sev = f' <span class="severity">{html.escape(severity)}</span>' if severity else ""
    return (f'<span class="verdict" data-verdict="{html.escape(verdict)}" style="background:{v.colour};color:{v.text}">'
            f'<span aria-hidden="true">{v.symbol}</span> {html.escape(verdict)}{sev}</span>')


LEGEND_SUMMARY = "How to read a verdict: the verdict scale, severity and importance"


def legend(folded: bool = False) -> str:
    """The verdict scale, then severity and importance, each with its definition; ``folded``, in a
    closed ``<details>`` (above the cards, where on a phone it would push them a few screens down)."""
    if folded:
        return f'<details class="legend-box"><summary>{LEGEND_SUMMARY}</summary>{legend()}</details>'

    verdicts = "".join(f"<li>{badge(v)} {html.escape(d.definition)}</li>" for v, d in VERDICTS.items()
                       if v != PENDING)
    severities = "".join(f"<li><strong>{html.escape(k)}</strong>: {html.escape(d)}</li>" for k, d in SEVERITIES.items())
    importance = "".join(f"<li><strong>{html.escape(k)}</strong>: {html.escape(d)}</li>" for k, d in IMPORTANCE.items())
    return (f'<ul class="verdict-legend">{verdicts}</ul>'
            f'<p>Every problem has a <em>severity</em>:</p><ul class="verdict-legend">{severities}</ul>'
            f'<p>Every claim has an <em>importance</em>:</p><ul class="verdict-legend">{importance}</ul>')


def _words_html(text: str) -> str:
    return "".join(f"<p>{html.escape(plain_math(line))}</p>" for line in text.split("\n") if line)


def section_names(review: str | None = None) -> dict[str, str]:
    """The review's sections by the id the claim register uses ("3.1", "Abstract", "References"),
    each with its heading, as a reader names it: "3.1 Treatment-Resistant Depression ..."."""
    if review is None:
        from ..paths import DATA

        review = (DATA / "review.md").read_text(encoding="utf-8")
    names = {}
    for m in re.finditer(r"^#{2,6}\s+(?:(\d+(?:\.\d+)*)\s+)?(.+?)\s*$", review, re.M):
        number, title = m.group(1), m.group(2)
        names[number or title] = f"{number} {title}" if number else title
    return names


def code_page(check: str) -> tuple[str, str]:
    """(page, function) of the code that computes a check: the page under ``code/`` that the book's
    Sphinx extension writes for its module, and the function's anchor there."""
    from .. import checks

    fn = checks.REGISTRY[check]
    return "code/" + fn.__module__.replace(".", "/") + ".html", fn.__name__


def first_sentence(text: str) -> str:
    """The first sentence of a reason: the finding in one sentence."""
    return (sentences(text) or [""])[0]


def _rank(r) -> str:
    """Gravest first: verdict (in ORDER), then severity (critical first), then importance."""
    sev = 2 - list(SEVERITIES).index(r.severity) if r.severity else 3
    return f"{ORDER.index(r.verdict):02d}{sev}{list(IMPORTANCE).index(r.importance)}"


def fact_anchor(fact_id: str) -> str:
    """The id of a fact's row on the facts page: ``rct1.obs.responders`` as ``fact-rct1-obs-responders``."""
    return "fact-" + re.sub(r"[^a-z0-9]+", "-", fact_id.lower()).strip("-")


FACTS_PAGE = "book/facts.html"


def _value(f) -> str:
    """A fact's value with its unit."""
    return fact_value(f.value) + (f" {f.unit}" if f.unit and f.value is not None else "")


def _words(f) -> str:
    """A fact's words, quoted, and a link to the address they were read at (HTML)."""
    words = f"<q>{html.escape(plain_math(f.quote.strip()))}</q>" if f.quote.strip() else ""
    address = f' (<a href="{html.escape(f.address)}">the text read</a>)' if f.address.startswith("https://") else ""
    return words + address


def _fact_item(data, fact_id: str, root: str) -> str:
    """One fact a claim read: its id (linked to its row on the facts page), its value, where it
    stands, the source's words and the address they were read at."""
    from ..checks.common import where

    f = data.fact(fact_id)
    return (f'<li><a class="fact-link" href="{root}{FACTS_PAGE}#{fact_anchor(fact_id)}">{html.escape(fact_id)}</a>: '
            f'{html.escape(_value(f))}; {html.escape(where(data, fact_id))} {_words(f)}</li>')


def facts_read(r, data, root: str = "../") -> tuple[str, str]:
    """(link, list) of the facts a claim's check read: a link to the first on the facts page, and
    every one of them with its value and the source's words, for the card's details."""
    ids = [f for f in r.facts.split("; ") if f] if r.facts else []
    if not ids:
        return "", ""
    link = (f'<a class="claim-facts" href="{root}{FACTS_PAGE}#{fact_anchor(ids[0])}">the facts it reads</a>'
            f' ({len(ids)})')
    items = "".join(_fact_item(data, f, root) for f in ids)
    what = "the fact it reads, with" if len(ids) == 1 else f"the {len(ids)} facts it reads, each with"
    return link, (f'<details class="claim-facts-list"><summary>{what} the source\'s words</summary>'
                  f'<ol>{items}</ol></details>')


def claim_card(r, root: str = "../", link: bool = True, chapters: set[str] | None = None,
               sections: dict[str, str] | None = None, data=None) -> str:
    """One claim as a card: id, section and importance; the review's words (TeX as Unicode); the
    verdict with its severity; the finding in one sentence; the reported and re-derived values;
    the full reason with the sources' words; links to the derivation, the facts and the code."""
    sections = sections or {}
    slug = r.anchor.removeprefix("claim-")
    exists = chapters is None or r.chapter in chapters
    derivation = (f"{root}{r.chapter}.html#{r.anchor}" if link else f"#{r.anchor}") if exists else ""
    page, function = code_page(r.check)
    section = sections.get(r.section, r.section if not r.section[0].isdigit() else f"section {r.section}")
    finding = first_sentence(r.reason) if r.reason else "-"
    rest = r.reason[len(finding):].strip()
    words = (f'<details class="source-words"><summary>the sources\' words</summary>{_words_html(r.source_words)}'
             f'</details>' if r.source_words else "")
    more = f'<p class="claim-reason">{html.escape(rest)}</p>' if rest else ""
    links = []
    if derivation:
        links.append(f'<a class="claim-derivation" href="{derivation}">how it was derived</a>')
    facts_link, facts_list = facts_read(r, data if data is not None else _data(), root)
    links.append(facts_link or "it reads no recorded fact")
    links.append(f'<a class="claim-code" href="{root}{page}#{function}">the code</a>'
                 f' (<code>{html.escape(function)}</code>)')
    attrs = " ".join(f'data-{k}="{html.escape(str(getattr(r, k)) or "none")}"'
                     for k in ("section", "verdict", "severity", "importance"))
    values = ""
    if r.reported or r.rederived:
        values = (f'<dl class="claim-values"><div><dt>The review reports</dt>'
                  f'<dd class="claim-reported">{html.escape(human(r.reported) or "no number")}</dd></div>'
                  f'<div><dt>The sources give</dt><dd class="claim-rederived">{html.escape(human(r.rederived) or "-")}'
                  f'</dd></div></dl>')
    # a border in the verdict's colour; never colour alone: the badge names the verdict and shows its symbol
    return (f'<article class="claim-card" id="card-{slug}" {attrs} data-rank="{_rank(r)}" data-claim="{html.escape(r.claim_id)}"'
            f' style="border-left-color:{VERDICTS[r.verdict].colour}">'
            f'<header><span class="claim-id">{html.escape(r.claim_id)}</span>'
            f'<span class="claim-meta">{html.escape(section)} · {html.escape(r.importance)}</span>'
            f'{badge(r.verdict, r.severity)}</header>'
            f'<blockquote class="claim-quote">{html.escape(plain_words(r.quote))}</blockquote>'
            f'<p class="claim-finding">{html.escape(human(finding))}</p>{values}'
            f'<details class="claim-more"><summary>the full reason and the sources\' words</summary>{more}{words}</details>'
            f'{facts_list}'
            f'<p class="claim-links">{" · ".join(links)}</p></article>')


def claim_cards(df: pd.DataFrame, root: str = "../", link: bool = True, chapters: set[str] | None = None,
                filterable: bool = False) -> str:
    """Every claim of ``df`` as a card (see ``claim_card``), in the table's order. ``chapters`` lists
    the chapters that exist; a claim whose chapter is not among them has no derivation link."""
    sections, data = section_names(), _data()
    cards = "".join(claim_card(r, root, link, chapters, sections, data) for r in df.itertuples())
    extra = " data-filterable" if filterable else ""
    return f'<div class="claim-cards"{extra}>{cards}</div>'


def verdict_table(df: pd.DataFrame, root: str = "../", link: bool = True, chapters: set[str] | None = None,
                  filterable: bool = False, legend_first: bool = True) -> str:
    """The claims of a chapter or of the dashboard, as cards (the name is kept for the chapters),
    after the legend, folded (``legend_first``)."""
    cards = claim_cards(df, root=root, link=link, chapters=chapters, filterable=filterable)
    return (legend(folded=True) if legend_first else "") + cards


class HTML:
    """Minimal rich-display object, so notebooks show HTML without importing IPython themselves."""

    def __init__(self, text: str):
        self.text = text

    def _repr_html_(self) -> str:
        return self.text


def fact_value(value) -> str:
    """A fact's value as a reader writes it: whole numbers without decimals, others as recorded."""
    if value is None:
        return "(not in the text read)"
    if isinstance(value, float):
        return f"{value:.0f}" if value.is_integer() else f"{value:g}"
    return human(str(value))


def fact_table(data, source_id: str):
    """Every fact recorded from one source, as a table for a chapter: its id, its value (formatted),
    where it stands in the source, what was read and the source's own words."""
    from .tables import show

    rows = [{"Fact": f.fact_id, "Value": fact_value(f.value), "Unit": f.unit or "-",
             "Where in the source": f.locator or "-", "Read from": f.read_from,
             "The source's words": plain_math(f.quote) if f.quote else "-", "Note": f.note or "-"}
            for f in data.facts.values() if f.source_id == source_id]
    return show(pd.DataFrame(rows))


def facts_page(data, table: pd.DataFrame, dashboard: str = "dashboard.html") -> str:
    """Every fact, source by source: one row each (its id the row's anchor, which the cards link
    to), with its value, where it stands and in what text, the source's words with the address
    they were read at, and the claims whose checks read it (each linked to its card)."""
    from ..checks.common import source_label

    readers: dict[str, list[tuple[str, str]]] = {}
    for r in table.itertuples():
        for f in filter(None, r.facts.split("; ")):
            readers.setdefault(f, []).append((r.claim_id, r.anchor.removeprefix("claim-")))
    parts = []
    for sid in data.sources:
        facts = [f for f in data.facts.values() if f.source_id == sid]
        if not facts:
            continue
        rows = []
        for f in facts:
            claims = ", ".join(f'<a href="{dashboard}#card-{slug}">{html.escape(cid)}</a>'
                               for cid, slug in readers.get(f.fact_id, [])) or "none"
            note = f'<br><span class="fact-note">{html.escape(human(f.note))}</span>' if f.note else ""
            rows.append(f'<tr id="{fact_anchor(f.fact_id)}"><td>{html.escape(f.fact_id)}</td><td>{html.escape(_value(f))}</td>'
                        f'<td>{html.escape(f.locator or "-")}<br><span class="fact-note">in the {html.escape(f.read_from)}'
                        f'</span></td><td>{_words(f) or "-"}{note}</td><td>{claims}</td></tr>')
        parts.append(f'<section class="fact-source" id="source-{html.escape(sid.lower())}">'
                     f'<h3>{html.escape(source_label(data, sid))}</h3><div class="table-wrap"><table class="plain facts-table">'
                     f'<thead><tr><th>Fact</th><th>Value</th><th>Where in the source</th>'
                     f'<th>The source\'s words</th><th>Claims that read it</th></tr></thead>'
                     f'<tbody>{"".join(rows)}</tbody></table></div></section>')
    return "".join(parts)


def open_chapter(chapter: str, data):
    """The verdict table of a chapter's claims, with their verdicts, reasons and counts glued
    (``n_claims``, ``verdict_counts``, ``<claim id>.verdict`` ...). Returns (all claims, this chapter's)."""
    from .. import verify

    table = verify.table(data)
    mine = table[table["chapter"] == chapter]
    glue_verdicts(mine)
    glue_all({
        "n_claims": len(mine),
        "verdict_counts": counted(mine["verdict"]),
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


def ranked_problems(df: pd.DataFrame) -> pd.DataFrame:
    """The claims with a problem, most important first, then gravest (severity, then verdict)."""
    from ..verdicts import is_problem

    problems = df[[is_problem(v) for v in df["verdict"]]].copy()
    problems["_key"] = [(list(IMPORTANCE).index(r.importance), 2 - list(SEVERITIES).index(r.severity) if r.severity else 3,
                         ORDER.index(r.verdict)) for r in problems.itertuples()]
    return problems.sort_values("_key", kind="stable").drop(columns="_key")


def _short(text: str, words: int = 28) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def findings(df: pd.DataFrame, n: int = 8, card: str = "dashboard.html") -> str:
    """The headline findings: the ``n`` highest-ranked problems, each the review's words (shortened),
    its verdict and severity, the finding in one sentence and a link to its card."""
    sections = section_names()
    items = []
    for r in ranked_problems(df).head(n).itertuples():
        slug = r.anchor.removeprefix("claim-")
        where = sections.get(r.section, r.section)
        items.append(f'<li>{badge(r.verdict, r.severity)} <q>{html.escape(_short(plain_words(r.quote)))}</q> '
                     f'({html.escape(where)}, {html.escape(r.importance)} claim). '
                     f'{html.escape(human(first_sentence(r.reason)))} '
                     f'<a href="{card}#card-{slug}">{html.escape(r.claim_id)}: the claim, the sources and the code</a></li>')
    return f'<ol class="findings">{"".join(items)}</ol>'


def by_section(df: pd.DataFrame, dashboard: str = "dashboard.html") -> str:
    """The verdicts by named section of the review, each section linked to the dashboard filtered to it."""
    from urllib.parse import quote

    sections = section_names()
    items = []
    for section, rows in df.groupby("section", sort=False):
        counts = rows["verdict"].value_counts()
        parts = ", ".join(f"{badge(v)} {int(counts[v])}" for v in ORDER if v in counts)
        items.append(f'<li><a href="{dashboard}?section={quote(section)}">{html.escape(sections.get(section, section))}</a>'
                     f' ({len(rows)} claims): {parts}</li>')
    return f'<ul class="verdict-legend by-section">{"".join(items)}</ul>'


def what_was_read(data) -> dict[str, object]:
    """What the facts were read from: counts by kind of text (abstract, full text, record, landing
    page), the facts no text read gives, and the references that could not be found."""
    from collections import Counter

    kinds = Counter(f.read_from for f in data.facts.values() if f.type != "missing")
    order = sorted(kinds, key=lambda k: (-kinds[k], k))
    cited = [s for s in data.sources.values() if s["review_ref"]]
    return {
        "n_facts": sum(kinds.values()),
        "facts_by_text": "; ".join(f"{kinds[k]} from {'an ' if k[0] in 'aeiou' else 'a '}{k}" if kinds[k] == 1
                                   else f"{kinds[k]} from {k}s" if not k.endswith("text") else f"{kinds[k]} from {k}s"
                                   for k in order),
        "n_missing": sum(1 for f in data.facts.values() if f.type == "missing"),
        "n_not_found": sum(1 for s in cited if s["found"] != "yes"),
        "n_cited": len(cited),
    }
