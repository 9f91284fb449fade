"""The files the site publishes under ``downloads/``: the verdict table (CSV and JSON), every data
file and the executed chapters; every CSV among them spreadsheet-safe. The data files and the
verdict table are a Frictionless data package (``datapackage.json``, :func:`package`): the
descriptor of ``data/`` with the review's text and the verdict table (its Table Schema,
``acureview/verdicts.resource.json``) added.

A CSV opened in a spreadsheet runs a cell that begins with ``=`` (or ``+``, ``-``, ``@``) as a
formula: ``=HYPERLINK(...)`` in a claim's text would be a live link, ``=cmd|...`` a command. OWASP,
"CSV Injection" (https://owasp.org/www-community/attacks/CSV_Injection), asks that no cell begin
with ``=``, ``+``, ``-``, ``@``, tab (0x09), carriage return (0x0D) or line feed (0x0A), and that
such a cell be prepended with a single quote, so that the spreadsheet reads it as text; the field
separator and quotes inside a cell cannot start a new cell, as every cell the csv module writes is
quoted and escaped as RFC 4180 asks. One exception: a cell that is a number as a whole (``-0.5``,
``+3``, ``-1e-3``) is left as it is. A spreadsheet reads it as that number, never as a formula, so
quoting it would gain nothing and would turn a numeric column (a difference, a log odds ratio) into
text; ``-1+2`` or ``-0.5)`` are not numbers and are quoted.

Only the published copies are neutralised: ``_build/verdicts.csv`` and ``.json``, which
:func:`acureview.verify.read` reads back, keep the values as computed. The dashboard's "download
this view" applies the same rule in ``book/_static/dashboard.js`` (``spreadsheetSafe``).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

from .. import verify, whatif
from ..files import copy_atomic, write_atomic
from ..paths import DATA

#: the data files published beside the verdict table
DATA_FILES = (
    "claims.csv",
    "sources.csv",
    "facts.csv",
    "assumptions.csv",
    "searches.csv",
    "readings.csv",
    "review.md",
    "rob2.csv",
    "robins_i.csv",
    "grade.csv",
)
#: the data package's descriptor, in ``data/`` and in the downloads
DESCRIPTOR = "datapackage.json"
#: what the published package says of itself, over what ``data/datapackage.json`` says
PACKAGE = {
    "title": "The data this book is computed from, and its verdict table",
    "description": "Every data file of the book, the review's text and the verdict table computed from them "
    "(with the verdicts under each reading of a text not read), "
    "each CSV with its Table Schema: the columns, their types, required cells, allowed values, patterns and "
    "the links between files. Cells that a spreadsheet could run as a formula begin with a single quote.",
}
#: the review's text, a resource of the package that is not a table
REVIEW = {
    "name": "review",
    "path": "review.md",
    "title": "The review's text",
    "description": "The review under study, as published, in Markdown.",
    "format": "md",
    "mediatype": "text/markdown",
    "encoding": "utf-8",
}
#: what a spreadsheet may read as the start of a formula (OWASP's list)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
#: a number as a whole, which a spreadsheet reads as a number
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(cell: str) -> str:
    """The cell as a spreadsheet must show it: with a single quote first if it could start a formula."""
    if cell.startswith(FORMULA_START) and not NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def spreadsheet_safe_csv(text: str) -> str:
    """A CSV's text with every cell spreadsheet-safe; the text unchanged if no cell needs it."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    safe = [[spreadsheet_safe(cell) for cell in row] for row in rows]
    if safe == rows:
        return text
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(safe)
    return out.getvalue()


def publish_csv(src: Path, dest: Path) -> None:
    """Copy the CSV ``src`` to ``dest``, spreadsheet-safe, atomically, with a published file's mode."""
    write_atomic({dest: spreadsheet_safe_csv(src.read_text(encoding="utf-8"))})


def package(data: Path = DATA) -> dict:
    """The descriptor of the published data package: ``data``'s own, its title and description
    :data:`PACKAGE`'s, with the review's text and the verdict table added as resources."""
    own = json.loads((data / DESCRIPTOR).read_text(encoding="utf-8"))
    tables = [json.loads(r.read_text(encoding="utf-8")) for r in (verify.RESOURCE, whatif.RESOURCE)]
    return {**own, **PACKAGE, "resources": [*own["resources"], REVIEW, *tables]}


def publish(table, out: Path, executed: Path, data: Path = DATA, readings=None) -> None:
    """Write into ``out``: the verdict table ``table`` (CSV and JSON) with the verdicts under each
    reading of a text not read (``readings``, as :func:`acureview.verify.whatifs` gives them, read
    from the verdict table's folder when not given), the data files of ``data`` and the executed
    chapters of ``executed``, every CSV spreadsheet-safe, and the descriptor of the data package
    they make (:func:`package`)."""
    verify.write(table, out, readings=verify.whatifs() if readings is None else readings)
    for name in ("verdicts.csv", "whatif.csv"):
        publish_csv(out / name, out / name)
    for name in DATA_FILES:
        if name.endswith(".csv"):
            publish_csv(data / name, out / name)
        else:
            copy_atomic(data / name, out / name)
    write_atomic({out / DESCRIPTOR: json.dumps(package(data), indent=2, ensure_ascii=False) + "\n"})
    (out / "notebooks").mkdir(exist_ok=True)
    for nb in sorted(executed.glob("*.ipynb")):
        shutil.copyfile(nb, out / "notebooks" / nb.name)
