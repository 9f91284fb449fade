"""What every column of every data file and of the verdict table means, generated from their one
schema: the data package ``data/datapackage.json`` (the data files) and the resource descriptor
``acureview/verdicts.resource.json`` (the verdict table). Each column's meaning is its schema
description; what the schema requires of it (a value, a type, allowed values, a link to another
file) is said in words beside it, and the package's table of units (:func:`units`) gives the range
a value in each unit may take. The data dictionary page shows :func:`html` of :func:`files` (the
schema read on first use, not on import); a test checks that no column the code reads or writes goes
undescribed (:func:`undescribed`). The page also shows how to add what a full text says, as one row of
facts.csv (:data:`FULL_TEXT_EXAMPLE`, :func:`full_text_example`), which a test writes into a copy of the
data to see the verdict change."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from ..data import Bound, Resource, columns, read_package
from ..verify import COLUMNS as VERDICT_COLUMNS
from ..verify import RESOURCE as VERDICTS_RESOURCE
from ..whatif import COLUMNS as WHATIF_COLUMNS
from ..whatif import RESOURCE as WHATIF_RESOURCE
from .templates import render


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    rules: tuple[str, ...]  # what the schema requires, in words
    link: str = ""  # the file whose ids this column holds (a foreign key), if any


@dataclass(frozen=True)
class FileDoc:
    name: str  # the file's name, e.g. claims.csv
    title: str
    what: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the columns that identify a row


def _links(resource: Resource, files: dict[str, str]) -> dict[str, tuple[str, tuple[str, ...]]]:
    """column -> (the file it refers to, the columns it names there), from the foreign keys."""
    return {
        fk.fields[-1]: (files.get(fk.resource, Path(resource.path).name), fk.reference) for fk in resource.foreign_keys
    }


def _rules(resource: Resource, files: dict[str, str]) -> dict[str, tuple[str, ...]]:
    links = {c: f"an id of {name} ({', '.join(ref)})" for c, (name, ref) in _links(resource, files).items()}
    out = {}
    for f in resource.fields:
        rules = []
        if f.required or f.name in resource.primary_key:
            rules.append("required")
        if f.unique or resource.primary_key == (f.name,):
            rules.append("unique")
        if f.type == "integer":
            rules.append("a whole number" + (f" from {f.minimum:g}" if f.minimum is not None else ""))
        elif f.type == "number":
            rules.append("a number")
        elif f.type == "date":
            rules.append("a day of the calendar (YYYY-MM-DD), not after today")
        elif f.type == "year":
            rules.append("a year (YYYY), not after the current one")
        if f.enum is not None:
            rules.append("one of " + ", ".join(f"'{v}'" for v in f.enum))
        if f.min_length is not None:
            rules.append(f"at least {f.min_length} characters")
        if resource.values is not None and f.name == resource.values.unit:
            rules.append("a unit of the table of units (below)" + ("" if f.required else ", or empty"))
        if resource.values is not None and f.name in resource.values.fields:
            rules.append("within the range of its unit (table of units, below)")
        if f.name in links:
            rules.append(links[f.name])
        out[f.name] = tuple(rules)
    return out


def _doc(resource: Resource, files: dict[str, str]) -> FileDoc:
    rules, links = _rules(resource, files), _links(resource, files)
    return FileDoc(
        Path(resource.path).name,
        resource.title,
        resource.description,
        tuple(Column(f.name, f.description, rules[f.name], links.get(f.name, ("",))[0]) for f in resource.fields),
        resource.primary_key,
    )


@functools.cache
def files() -> dict[str, FileDoc]:
    """File name -> what it holds and what each of its columns means, from the schema (read once)."""
    package = read_package()
    resources = list(package.resources.values())
    for table in (VERDICTS_RESOURCE, WHATIF_RESOURCE):
        resources.append(Resource.from_descriptor(json.loads(table.read_text(encoding="utf-8"))))
    files = {r.name: Path(r.path).name for r in resources}
    return {files[r.name]: _doc(r, files) for r in resources}


def units() -> tuple[tuple[Bound, ...], tuple[Bound, ...]]:
    """The units a value may be given in, each with what it is and its range; then the measures
    named by id."""
    declared = read_package().units
    return tuple(declared.units.values()), declared.measures


#: file name -> the resource of the data package the loaders read it by
READ = {
    "claims.csv": "claims",
    "sources.csv": "sources",
    "facts.csv": "facts",
    "assumptions.csv": "assumptions",
    "searches.csv": "searches",
    "readings.csv": "readings",
    "rob2.csv": "rob2",
    "robins_i.csv": "robins_i",
    "grade.csv": "grade",
}


def expected() -> dict[str, tuple[str, ...]]:
    """File name -> the columns the code reads (the loaders, by :data:`READ`) or writes (the verdict
    table and the verdicts under each reading)."""
    read = {name: columns(resource) for name, resource in READ.items()}
    return read | {"verdicts.csv": tuple(VERDICT_COLUMNS), "whatif.csv": tuple(WHATIF_COLUMNS)}


def undescribed() -> dict[str, list[str]]:
    """Columns that a file has and the dictionary does not describe (or describes but the file lacks,
    or describes without a meaning)."""
    out = {}
    for name, read in expected().items():
        doc = files().get(name)
        described = {c.name for c in doc.columns if c.meaning.strip()} if doc else set()
        diff = sorted(set(read) ^ described)
        if diff:
            out[name] = diff
    return out


#: The worked example of adding what a full text says: the row of facts.csv that replaces the trial's
#: missing count of responders with acupuncture once its full text is read, as the count the review's
#: 52.8% implies (the words and the place in the text are placeholders for the text's own).
FULL_TEXT_EXAMPLE: dict[str, str] = {
    "fact_id": "rct1.obs.responders",
    "source_id": "R1",
    "type": "int",
    "value": "19",
    "unit": "patients",
    "of": "rct1.obs.randomized",
    "locator": "Results, the table of response rates",
    "read_from": "full text",
    "quote": "[the full text's own words that give the count, 19, copied verbatim]",
    "address": "https://pubmed.ncbi.nlm.nih.gov/37068818/",
    "read_at": "",
    "note": "",
}
#: the claim whose verdict the worked example changes, and its verdict before and after
FULL_TEXT_CLAIM = ("C-3.1-08", "consistent", "reproduced")


def full_text_example() -> str:
    """How to add a fact read from a full text, as HTML: the steps, then the worked example's row of
    facts.csv (:data:`FULL_TEXT_EXAMPLE`), each cell beside its column's meaning."""
    meanings = {c.name: c.meaning for c in files()["facts.csv"].columns}
    return render(
        "full_text_example.html",
        row=[(k, v, meanings[k]) for k, v in FULL_TEXT_EXAMPLE.items()],
        fact=FULL_TEXT_EXAMPLE["fact_id"],
        claim=FULL_TEXT_CLAIM,
    )


def html(only: dict[str, FileDoc] | None = None) -> str:
    """The data dictionary as HTML: a section a file (its id is the file name with '-' for '.'), and a
    table of its columns, their meaning and what a cell must hold, a referenced file linked; then
    (for the whole dictionary) the table of units and their ranges (id ``units``)."""
    whole = only is None
    declared, measures = units()
    return render(
        "data_dictionary.html",
        files=files() if whole else only,
        units=declared if whole else (),
        measures=measures,
        units_what=read_package().units.description,
    )
