"""Tables for a page: every column named as a reader names it and every number formatted, so that
no code name (``r_hat``), no raw float (``29.000000``) and no index reaches a chapter.

:func:`show` does it for any table a chapter builds; ``NAMES`` holds the reader's names of the
columns that code produces (the sampler's diagnostics), so each is named once for every chapter.
:func:`text_table` shows a table of text (the appraisal's answers and reasons), wrapped for a phone.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from .. import fmt
from ..lazy import lazy
from .glue import as_python
from .links import source_links
from .templates import HTML, render
from .text import human

pd = lazy("pandas")

#: the columns code names, as a reader names them
NAMES = {
    "fit": "Model",
    "max r_hat": "R-hat (largest)",
    "r_hat": "R-hat",
    "min bulk ESS": "Effective sample size, bulk (smallest)",
    "ess_bulk": "Effective sample size (bulk)",
    "min tail ESS": "Effective sample size, tail (smallest)",
    "ess_tail": "Effective sample size (tail)",
    "divergences": "Divergent transitions",
    "max |sampled - reference| / MCSE": "Largest gap from the exact answer (in Monte Carlo standard errors)",
    "mcse": "Monte Carlo standard error",
}

Format = int | str | Callable[[object], str]


def number(x, digits: int = 2) -> str:
    """A number as a reader writes it: thousands separated by commas, ``digits`` decimals for a
    fraction, none for a whole number (``12436`` as ``12,436``, ``29.0`` as ``29``)."""
    if isinstance(x, bool):
        return "yes" if x else "no"
    if isinstance(x, int):
        return f"{x:,}"
    x = float(x)
    if math.isnan(x):
        return "-"
    if x.is_integer() and abs(x) < 1e15:
        return f"{x:,.0f}"
    return fmt.fixed(x, digits, thousands=True)


def cell(value, how: Format | None = None) -> str:
    """One cell: ``how`` is a number of decimals, ``"%"`` (a proportion as a percentage, one
    decimal) or a function; text is written as a reader writes it (:func:`~.text.human`)."""
    value = as_python(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if callable(how):
        return how(value)
    if isinstance(value, str):
        return human(value)
    if how == "%":
        return f"{100 * float(value):.1f}%"
    return number(value, how if isinstance(how, int) else 2)


def show(
    df: pd.DataFrame,
    formats: dict[str, Format] | None = None,
    names: dict[str, str] | None = None,
    hidden: Iterable[str] = (),
):
    """``df`` for a page: every cell formatted (see :func:`cell`; ``formats`` by column), the
    columns renamed (``NAMES``, then ``names``), ``hidden`` columns dropped, no index."""
    formats = formats or {}
    out = pd.DataFrame(
        {c: [cell(v, formats.get(c)) for v in df[c]] for c in df.columns if c not in set(hidden)}, index=range(len(df))
    )
    out = out.rename(columns={**NAMES, **(names or {})})
    return out.style.hide(axis="index").format(escape="html")


def text_table(df: pd.DataFrame, css: str = "appraisal") -> HTML:
    """A table of text for a page (template ``text_table.html``), wrapped for a phone: it scrolls
    inside its box; every cell is escaped; ``css`` is the table's class besides ``claims``."""
    return HTML(render("text_table.html", columns=list(df.columns), rows=list(df.itertuples(index=False)), css=css))


def with_source_links(df: pd.DataFrame, data, column: str = "sources") -> pd.DataFrame:
    """``df`` with its ``column`` of source ids (tuples of sources.csv ids) shown as links to each
    source's canonical address (:func:`~.links.source_links`), for :func:`text_table`."""
    return df.assign(**{column: [source_links(data, ids) for ids in df[column]]})
