"""What a bad data file raises: :class:`DataError` (file, row, line, column, what is wrong), and the
errors a claim's inputs, an unknown fact or assumption and an unusable fact raise."""

from __future__ import annotations

from pathlib import Path

from ..paths import DATA


def relative(path: Path) -> str:
    """``path`` as the project names it (``data/facts.csv``), or as given if it is elsewhere."""
    path = Path(path)
    try:  # the folder resolved, the file named as given (a link named as the link, not its target)
        return str((path.parent.resolve() / path.name).relative_to(DATA.parent))
    except ValueError:
        return str(path)


class DataError(ValueError):
    """A data file is malformed or inconsistent: ``path``, the data ``row`` (0 for the header,
    None for the whole file), the ``column`` (or None) and what is wrong. ``line`` is the physical
    line where the row starts (row + 1 unless a cell above spans lines)."""

    def __init__(self, path: Path | str, row: int | None, column: str | None, message: str, line: int | None = None):
        self.path, self.row, self.column, self.line = Path(path), row, column, line
        self.message = message
        where = [relative(self.path)]
        if row is not None:
            where.append(f"row {row} (line {line if line is not None else row + 1})" if row > 0 else "header")
        elif line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(", ".join(where) + ": " + message)


def cell_error(path: Path, row, column: str | None, message: str) -> DataError:
    """A :class:`DataError` at a cell of a data ``row`` (a :class:`~acureview.data.csvfile.Row`)."""
    return DataError(path, row.row, column, message, line=row.line)


class ClaimInputError(ValueError):
    """A claim's ``reported`` or ``args`` cannot be read by its check (``column`` says which;
    ``claim``, where known, is the claim whose cell it is, which may not be the claim being checked:
    the trial's arms read the percentages of two claims)."""

    def __init__(self, column: str, message: str, claim=None):
        self.column, self.claim = column, claim
        super().__init__(message)


class UnknownFact(KeyError):
    """A fact id that facts.csv does not have."""

    def __init__(self, fact_id: str, path: Path):
        self.fact_id, self.path = fact_id, path
        super().__init__(f"no fact '{fact_id}' in {relative(path)}")

    def __str__(self) -> str:
        return self.args[0]


class UnknownAssumption(KeyError):
    """An assumption id that assumptions.csv does not have."""

    def __init__(self, assumption_id: str, path: Path):
        self.assumption_id, self.path = assumption_id, path
        super().__init__(f"no assumption '{assumption_id}' in {relative(path)}")

    def __str__(self) -> str:
        return self.args[0]


class UnusableFact(Exception):
    """A fact a computation needs that the record does not give (type 'missing') or gives as the
    wrong kind of value (text where a number is needed). Not a fault of the file: the checks turn it
    into a 'not checkable' verdict naming the fact (:func:`acureview.checks.run`)."""

    def __init__(self, fact, path: Path, needed: str):
        self.fact, self.path, self.needed = fact, Path(path), needed
        if fact.type == "missing":
            what = "the source does not give it" + (f" ({fact.note})" if fact.note else "")
        else:
            what = f"it is recorded as {fact.type} ('{fact.value}'), not {needed}"
        where = f"{relative(self.path)} row {fact.row}" if fact.row is not None else relative(self.path)
        super().__init__(f"fact '{fact.fact_id}' ({where}): {what}")
