"""The rules on numbers the data package declares beside its Table Schemas (``units`` in
``data/datapackage.json``), and their interpreter:

- the table of units: each unit a value may be given in, with what it is and the range it allows
  (a percentage from 0 to 100, a probability from 0 to 1, a correlation from -1 to 1, a value on a
  ``VAS 0-10`` within 0 to 10, counts whole and not negative); a unit not in the table is refused,
  so that a misspelt unit cannot escape its range;
- measures named by their id (a standard deviation, ``..._sd``, above 0), whatever their unit;
- the order of the values that bound another: a row's ``low``, ``value`` and ``high`` (``values.ordered``
  of a resource), and, across rows, facts whose ids differ only by an ordered suffix
  (``x_min <= x_median <= x_max``, ``x_low <= x <= x_high``).

A resource says which of its columns hold the id, the unit and the values (its schema's ``values``).
Every fault is a :class:`~acureview.data.errors.DataError` at its file, row, line and column."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .cells import read_number
from .csvfile import Row
from .errors import cell_error


@dataclass(frozen=True)
class Bound:
    """What a value in one unit (or of one measure) may be."""

    name: str
    description: str
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None  # exclusive minimum
    whole: bool = False
    pattern: str | None = None  # for a measure: the ids it applies to (the whole id matched)
    ids: str = ""  # for a measure: those ids, in words
    past: bool = False  # a calendar year, not after the current one

    @classmethod
    def from_descriptor(cls, d: dict) -> Bound:
        for key in ("minimum", "maximum", "exclusiveMinimum"):
            if key in d and (isinstance(d[key], bool) or not isinstance(d[key], (int, float))):
                raise ValueError(f"the {key} of '{d.get('name')}' is {d[key]!r}, not a number")
        return cls(
            d["name"],
            d.get("description", ""),
            d.get("minimum"),
            d.get("maximum"),
            d.get("exclusiveMinimum"),
            bool(d.get("whole")),
            d.get("pattern"),
            d.get("ids", ""),
            bool(d.get("past")),
        )

    @property
    def rule(self) -> str:
        """What a value must be, in words (``'a whole number, 0 or more'``, ``'from 0 to 1'``)."""
        parts = ["a whole number"] if self.whole else []
        if self.above is not None:
            parts.append(f"above {self.above:g}")
        if self.past:
            parts.append("not after the current year")
        if self.minimum is not None and self.maximum is not None:
            parts.append(f"from {self.minimum:g} to {self.maximum:g}")
        elif self.minimum is not None:
            parts.append(f"{self.minimum:g} or more")
        elif self.maximum is not None:
            parts.append(f"{self.maximum:g} or less")
        return ", ".join(parts) or "any number"

    def fault(self, text: str) -> str | None:
        """What is wrong with ``text`` as a value of this unit or measure, or None."""
        what = f"{self.description} ({self.name})"
        try:
            x = read_number(text)
        except ValueError as e:
            if self.whole:
                return f"'{text}' is not a whole number; {what} is counted whole"
            return f"{e}; {what} is a number"
        if self.minimum == 0 and x < 0:
            return f"{text} is negative; {what} cannot be"
        if self.whole and x != int(x):
            return f"{text} is not a whole number; {what} is counted whole"
        if (self.minimum is not None and x < self.minimum) or (self.maximum is not None and x > self.maximum):
            return f"{text} is outside the range of {what}: {self.rule}"
        if self.above is not None and x <= self.above:
            return f"{text} is not above {self.above:g}, as {what} must be"
        if self.past and x > date.today().year:
            return f"{text} is in the future; {what} cannot be after {date.today().year}"
        return None


@dataclass(frozen=True)
class Units:
    """The package's table of units, its measures and the suffixes of ordered ids."""

    units: dict[str, Bound]
    measures: tuple[Bound, ...] = ()
    ordered: tuple[tuple[str, ...], ...] = ()
    description: str = ""

    @classmethod
    def from_descriptor(cls, d: dict) -> Units:
        return cls(
            {u["name"]: Bound.from_descriptor(u) for u in d.get("units", ())},
            tuple(Bound.from_descriptor(m) for m in d.get("measures", ())),
            tuple(tuple(s) for s in d.get("ordered", ())),
            d.get("description", ""),
        )

    def measure(self, key: str) -> Bound | None:
        return next((m for m in self.measures if re.fullmatch(m.pattern or "", key)), None)


@dataclass(frozen=True)
class Values:
    """Which columns of a resource hold the id, the unit and the values the units govern, the
    columns whose values are in order within a row, and whether ids with ordered suffixes are."""

    id: str
    unit: str
    fields: tuple[str, ...]
    ordered: tuple[tuple[str, ...], ...] = ()
    ordered_ids: bool = False

    @classmethod
    def from_descriptor(cls, d: dict) -> Values:
        return cls(
            d["id"],
            d["unit"],
            tuple(d["fields"]),
            tuple(tuple(o) for o in d.get("ordered", ())),
            bool(d.get("orderedIds")),
        )

    def check(self, path: Path, rows: list[Row], units: Units) -> None:
        """Raise a :class:`DataError` at the first value outside its unit's or its measure's range,
        or out of order."""
        numbers: dict[str, tuple[Row, float, str]] = {}
        for r in rows:
            unit = r[self.unit]
            if unit and unit not in units.units:
                known = ", ".join(f"'{u}'" for u in units.units)
                raise cell_error(path, r, self.unit, f"'{unit}' is not in the table of units (one of {known})")
            bounds = [b for b in (units.units.get(unit), units.measure(r[self.id])) if b is not None]
            for f in self.fields:
                if r[f] == "":
                    continue
                for b in bounds:
                    fault = b.fault(r[f])
                    if fault:
                        raise cell_error(path, r, f, fault)
            for order in self.ordered:
                self._in_order(path, r, order)
            if bounds and len(self.fields) == 1 and r[self.fields[0]]:
                numbers[r[self.id]] = (r, read_number(r[self.fields[0]]), unit)
        if self.ordered_ids:
            self._ids_in_order(path, numbers, units.ordered)

    def _in_order(self, path: Path, r: Row, order: tuple[str, ...]) -> None:
        low, *middle, high = order
        x = {c: read_number(r[c]) for c in order}
        if x[low] > x[high]:
            raise cell_error(path, r, high, f"{high} {r[high]} is below {low} {r[low]}: the range runs the wrong way")
        for c in middle:
            if not x[low] <= x[c] <= x[high]:
                raise cell_error(path, r, c, f"{x[c]:g} is outside its range {x[low]:g} to {x[high]:g}")

    def _ids_in_order(self, path: Path, numbers: dict[str, tuple[Row, float, str]], suffixes) -> None:
        for order in suffixes:
            for key in numbers:
                if not key.endswith(order[0]) or not order[0]:
                    continue
                stem = key[: len(key) - len(order[0])]
                chain = [(stem + s, numbers[stem + s]) for s in order if stem + s in numbers]
                for (a, (ra, xa, ua)), (b, (rb, xb, ub)) in zip(chain, chain[1:], strict=False):
                    if ua == ub and xa > xb:
                        (this, r, x), (other, o, y) = sorted([(a, ra, xa), (b, rb, xb)], key=lambda t: -t[1].row)
                        raise cell_error(
                            path,
                            r,
                            self.fields[0],
                            f"'{this}' = {x:g} and '{other}' = {y:g} (row {o.row}) are out of order: "
                            f"{', '.join(k for k, _ in chain)} must not decrease",
                        )
