"""The schema of the data files, declared once in ``data/datapackage.json`` (a Frictionless Data
Package: one resource per CSV file, each with its Table Schema), and a small interpreter of the
Table Schema rules it uses, so that reading the files needs no ``frictionless`` import.

What is applied, per cell: ``missingValues`` (the empty string), ``constraints.required``, the
``type`` (string, integer, number: finite, written plainly), ``constraints.enum``,
``constraints.pattern`` (matched against the whole cell), ``constraints.minimum`` and ``maximum``,
``constraints.minLength`` and ``constraints.unique``; no cell may hold an invisible character (shown
as ``<U+200B>`` in the message), nor a line break unless the column is free text;
per row: the ``primaryKey`` (required and unique) and the ``foreignKeys`` (to another resource, or
to the resource itself where ``reference.resource`` is empty). Every fault is a
:class:`~acureview.data.errors.DataError` at its file, row, line and column. A field, a foreign key or
a schema may carry ``messages`` (a custom property): the wording of a fault, keyed by the rule
(``required``, ``pattern``, ``enum``, ``minLength``, ``unique``, ``foreignKey``, ``primaryKey``),
with ``{value}`` (and, for a composite primary key, each field's name and ``{first}``) as slots.
The package's table of units and the order of bounding values (``units``, a custom property; a
resource's ``values`` says which columns they govern) are applied by :mod:`acureview.data.units`.

``tests/test_data.py`` validates the descriptor and every file with the frictionless library itself,
and checks that this interpreter and the loaders agree with it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from ..paths import DATA
from .cells import invisible_fault, lookalike_fault, lost_fault, read_number, visible
from .csvfile import Row, read_data_text, read_rows
from .errors import DataError, cell_error
from .units import Units, Values

#: The one descriptor of every data file.
DESCRIPTOR = DATA / "datapackage.json"
#: What this interpreter applies; a descriptor that asks for anything else is refused, not ignored.
TYPES = ("string", "integer", "number", "date", "year")
CONSTRAINTS = ("required", "unique", "enum", "pattern", "minimum", "maximum", "minLength")


def unsupported(d: dict) -> list[str]:
    """The rules of a field descriptor ``d`` that this interpreter does not apply."""
    out = [f"type '{d.get('type')}'"] if d.get("type", "string") not in TYPES else []
    return out + [f"constraint '{c}'" for c in d.get("constraints", {}) if c not in CONSTRAINTS]


def calendar_fault(kind: str, value: str) -> str | None:
    """What is wrong with a ``date`` (YYYY-MM-DD) or a ``year`` (YYYY) cell, or None: it must be
    real and not in the future. The bound is today's date: a value accepted once stays accepted, so
    the data that build are built the same way on any later day."""
    today = date.today()
    if kind == "year":
        if not re.fullmatch(r"[0-9]{4}", value):
            return f"'{value}' is not a year (four digits)"
        if int(value) > today.year:
            return f"{value} is in the future (after {today.year})"
        return None
    try:
        day = date.fromisoformat(value) if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value) else None
    except ValueError:
        return f"'{value}' is not a date of the calendar"
    if day is None:
        return f"'{value}' is not a date (YYYY-MM-DD)"
    if day > today:
        return f"{value} is in the future (after {today.isoformat()})"
    return None


@dataclass(frozen=True)
class Field:
    """One column of a Table Schema."""

    name: str
    type: str = "string"
    description: str = ""
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    messages: dict = field(default_factory=dict, compare=False)
    min_length: int | None = None

    @classmethod
    def from_descriptor(cls, d: dict) -> Field:
        if unsupported(d):
            raise ValueError(f"field '{d['name']}': {', '.join(unsupported(d))} is not applied by acureview.data")
        c = d.get("constraints", {})
        for key in ("minimum", "maximum", "minLength"):
            if key in c and (isinstance(c[key], bool) or not isinstance(c[key], (int, float))):
                raise ValueError(f"field '{d['name']}': the constraint {key} is {c[key]!r}, not a number")
        return cls(
            d["name"],
            d.get("type", "string"),
            d.get("description", ""),
            bool(c.get("required")),
            bool(c.get("unique")),
            tuple(str(v) for v in c["enum"]) if "enum" in c else None,
            c.get("pattern"),
            c.get("minimum"),
            c.get("maximum"),
            d.get("messages", {}),
            c.get("minLength"),
        )

    def fault(self, value: str) -> str | None:
        """What is wrong with a cell that is not missing, or None. No cell holds an invisible
        character (a line break only where a free text may span lines)."""
        fault = (
            invisible_fault(value, multiline=self.free_text)
            or (lookalike_fault(value) if self.unique else None)
            or (lost_fault(value) if self.type == "string" else None)
        )
        if fault:
            return fault
        number = None
        if self.type == "integer":
            if not re.fullmatch(r"-?[0-9]+", value):
                return f"'{value}' is not a whole number"
            number = int(value)
        elif self.type == "number":
            try:
                number = read_number(value)
            except ValueError as e:
                return str(e)
        elif self.type in ("date", "year"):
            fault = calendar_fault(self.type, value)
            if fault:
                return fault
        if self.enum is not None and value not in self.enum:
            return self.messages.get("enum", "'{value}' is not one of " + ", ".join(self.enum)).format(
                value=visible(value)
            )
        if self.pattern is not None and not re.fullmatch(self.pattern, value):
            return self.messages.get("pattern", "'{value}' does not match the pattern {pattern}").format(
                value=visible(value), pattern=self.pattern
            )
        if self.min_length is not None and len(value) < self.min_length:
            return self.messages.get(
                "minLength", "'{value}' is shorter than {minLength} characters, the least allowed"
            ).format(value=value, minLength=self.min_length)
        if number is not None and self.minimum is not None and number < self.minimum:
            return f"{value} is below the least allowed value, {self.minimum:g}"
        if number is not None and self.maximum is not None and number > self.maximum:
            return f"{value} is above the largest allowed value, {self.maximum:g}"
        return None

    @property
    def free_text(self) -> bool:
        """Whether the column holds free text (which may span lines), not a code or an id."""
        return self.type == "string" and self.enum is None and self.pattern is None and not self.unique


@dataclass(frozen=True)
class ForeignKey:
    """Cells that must stand as a key of a resource (``resource`` '' for the same one)."""

    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]
    message: str = "'{value}' is not a key of {resource}"


@dataclass(frozen=True)
class Resource:
    """One data file and its Table Schema."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    missing_values: tuple[str, ...] = ("",)
    messages: dict = field(default_factory=dict, compare=False)
    values: Values | None = None  # the columns the package's units govern
    units: Units | None = None  # the package's table of units

    @classmethod
    def from_descriptor(cls, d: dict, units: Units | None = None) -> Resource:
        s = d["schema"]
        pk = s.get("primaryKey", ())
        fks = tuple(
            ForeignKey(
                _names(k["fields"]),
                k["reference"]["resource"],
                _names(k["reference"]["fields"]),
                k.get("messages", {}).get("foreignKey", ForeignKey.message),
            )
            for k in s.get("foreignKeys", ())
        )
        return cls(
            d["name"],
            d["path"],
            d.get("title", ""),
            d.get("description", ""),
            tuple(Field.from_descriptor(f) for f in s["fields"]),
            _names(pk),
            fks,
            tuple(s.get("missingValues", [""])),
            s.get("messages", {}),
            Values.from_descriptor(s["values"]) if "values" in s else None,
            units,
        )

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def read(self, path: Path, keys: dict[str, set[tuple[str, ...]]] | None = None) -> list[Row]:
        """The rows of the file at ``path`` (this resource's, or a copy of it), checked against the
        schema; ``keys`` holds the keys of the resources read before, which foreign keys refer to."""
        others = {r.path: r.columns for r in read_package().resources.values() if r.path != self.path}
        rows = read_rows(path, self.columns, others=others)
        self.check(path, rows, keys or {})
        return rows

    def keys(self, rows: list[Row], fields: tuple[str, ...] | None = None) -> set[tuple[str, ...]]:
        """The keys (``fields``, by default the primary key) that ``rows`` hold."""
        fields = fields or self.primary_key
        return {tuple(r[f] for f in fields) for r in rows}

    def check(self, path: Path, rows: list[Row], keys: dict[str, set[tuple[str, ...]]]) -> None:
        """Raise a :class:`DataError` at the first cell that breaks the schema."""
        single_key = self.primary_key if len(self.primary_key) == 1 else ()
        seen: dict[str, dict[str, int]] = {f.name: {} for f in self.fields if f.unique or f.name in single_key}
        firsts: dict[tuple[str, ...], int] = {}
        for r in rows:
            for f in self.fields:
                value = r[f.name]
                if value in self.missing_values:
                    if f.required or f.name in self.primary_key:
                        raise cell_error(path, r, f.name, f.messages.get("required", "empty"))
                    continue
                fault = f.fault(value)
                if fault:
                    raise cell_error(path, r, f.name, fault)
                if f.name in seen:
                    if value in seen[f.name]:
                        message = f.messages.get("unique", "duplicate id '{value}' (first at row {first})")
                        raise cell_error(path, r, f.name, message.format(value=value, first=seen[f.name][value]))
                    seen[f.name][value] = r.row
            if len(self.primary_key) > 1:
                key = tuple(r[f] for f in self.primary_key)
                if key in firsts:
                    message = self.messages.get("primaryKey", "key given twice (first at row {first})")
                    raise cell_error(path, r, self.primary_key[-1], message.format(first=firsts[key], **r))
                firsts[key] = r.row
        for fk in self.foreign_keys:
            known = self.keys(rows, fk.reference) if not fk.resource else keys.get(fk.resource, set())
            for r in rows:
                key = tuple(r[f] for f in fk.fields)
                if any(v in self.missing_values for v in key) or key in known:
                    continue
                raise cell_error(
                    path,
                    r,
                    fk.fields[-1],
                    fk.message.format(value=visible("; ".join(key)), resource=fk.resource or self.name),
                )
        if self.values is not None and self.units is not None:
            self.values.check(path, rows, self.units)


def _names(value) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


@dataclass(frozen=True)
class Package:
    """The data package: its resources by name."""

    name: str
    title: str
    description: str
    resources: dict[str, Resource]
    units: Units = field(default_factory=lambda: Units({}))

    def __getitem__(self, name: str) -> Resource:
        return self.resources[name]


def parse_package(path: Path) -> Package:
    """The data package declared at ``path``, read now; a descriptor that is missing, not JSON or
    not of the form this interpreter reads is one :class:`DataError` naming it (and, for JSON that
    does not parse, the line)."""
    path = Path(path)
    if not path.is_file():
        raise DataError(path, None, None, "file not found (the data package descriptor: the schema of every data file)")
    try:
        d = json.loads(read_data_text(path))
    except json.JSONDecodeError as e:
        raise DataError(path, None, None, f"not valid JSON: {e.msg} (column {e.colno})", line=e.lineno) from None
    try:
        units = Units.from_descriptor(d.get("units", {}))
        return Package(
            d.get("name", ""),
            d.get("title", ""),
            d.get("description", ""),
            {r["name"]: Resource.from_descriptor(r, units) for r in d["resources"]},
            units,
        )
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        what = f"no {e}" if isinstance(e, KeyError) else str(e)
        raise DataError(path, None, None, f"not a data package descriptor this project reads ({what})") from None


@cache
def read_package(path: Path = DESCRIPTOR) -> Package:
    """The data package declared at ``path`` (read once)."""
    return parse_package(path)


def resource(name: str, folder: Path | None = None) -> Resource:
    """The resource ``name`` of the data package of ``folder`` (:func:`package_for`), by default of
    the project's."""
    return (read_package() if folder is None else package_for(folder))[name]


def columns(name: str) -> tuple[str, ...]:
    """The columns of the project's resource ``name`` ("claims", "rob2", ...), as its data package
    declares them: read on first use (:func:`read_package`, read once), never on import, so that a
    package that cannot be read is named where it is used, as any fault of the data is."""
    return resource(name).columns


def package_for(folder: Path) -> Package:
    """The data package that describes the data files in ``folder``: its own ``datapackage.json``
    where it has one (read anew, so that an edit is seen), else the project's. Its resources must
    declare the columns of the project's, which the loaders read; its rules may differ."""
    path = Path(folder) / "datapackage.json"
    if not path.is_file() or path.resolve() == Path(DESCRIPTOR).resolve():
        return read_package()
    package = parse_package(path)
    for name, own in read_package().resources.items():
        if name not in package.resources:
            raise DataError(path, None, None, f"no resource '{name}' ({own.path}), which the loaders read")
        lacking = [c for c in own.columns if c not in package[name].columns]
        if lacking:
            raise DataError(path, None, None, f"resource '{name}' has no field '{lacking[0]}', which the loaders read")
    return package
