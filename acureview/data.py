"""Load and validate the data files. A bad file stops everything with one message that names
the file, the row and the column; nothing downstream runs on half-valid data.

Files (all in ``data/``):

- ``review.md``   the review's text, verbatim (the claims quote it).
- ``claims.csv``  the claim register: one row a checkable statement.
- ``sources.csv`` each reference as the review cites it and as the record shows it.
- ``facts.csv``   each number or statement extracted from a source, with its locator.
- ``assumptions.csv`` each number an analysis needs that no source gives: its value, the
  plausible range the book varies it over, and why.

Files are read as UTF-8, with or without a byte-order mark, with LF or CRLF line endings (as
spreadsheet programs save them). Row numbers in messages count data rows from 1 (the header is
not a row); the physical line of the row's start is given too, for editors (it differs from
row + 1 after a cell that spans lines).

In ``claims.csv``, ``reported`` is what the review reports, as the review writes it (``52.8%``,
``P < 0.001``, ``8 weeks``; several separated by ``;``), and ``args`` the arguments the claim's
check needs besides (``fact=rct1.weeks``, ``arm=obs``, ``alpha=0.05``). Whether each claim's check
can read both is asked one layer up, by :func:`acureview.verify.load` (see
:func:`acureview.checks.validate`): this module knows the files, not the checks.
"""
from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .methods.rounding import Reported, parse_numbers
from .verdicts import IMPORTANCE
from .paths import DATA

KINDS = ("number", "p_value", "effect", "citation", "qualitative", "reference")
FACT_TYPES = ("int", "float", "text", "missing")
READ_FROM = ("abstract", "full text", "landing page", "record", "none")
FOUND = ("yes", "nearest", "no")
BIB_FIELDS = ("authors", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid")

CLAIM_COLUMNS = ("claim_id", "section", "quote", "refs", "kind", "importance", "reported", "args", "check", "chapter")
SOURCE_COLUMNS = (
    ("source_id", "review_ref")
    + tuple(f"cited_{f}" for f in BIB_FIELDS)
    + tuple(f"record_{f}" for f in BIB_FIELDS)
    + ("found", "read_from", "url", "note")
)
FACT_COLUMNS = ("fact_id", "source_id", "type", "value", "unit", "of", "locator", "read_from", "quote", "address",
                "note")
ASSUMPTION_COLUMNS = ("assumption_id", "value", "low", "high", "unit", "basis")

CLAIM_ID = re.compile(r"^C-(A|R|\d+(\.\d+)?)-\d{2}$")


class DataError(ValueError):
    """A data file is malformed or inconsistent: ``path``, the data ``row`` (0 for the header,
    None for the whole file), the ``column`` (or None) and what is wrong. ``line`` is the physical
    line where the row starts (row + 1 unless a cell above spans lines)."""

    def __init__(self, path: Path | str, row: int | None, column: str | None, message: str,
                 line: int | None = None):
        self.path, self.row, self.column, self.line = Path(path), row, column, line
        self.message = message
        where = [_rel(self.path)]
        if row is not None:
            where.append(f"row {row} (line {line if line is not None else row + 1})" if row > 0 else "header")
        elif line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(", ".join(where) + ": " + message)


class ClaimInputError(ValueError):
    """A claim's ``reported`` or ``args`` cannot be read by its check (``column`` says which;
    ``claim``, where known, is the claim whose cell it is, which may not be the claim being checked:
    the trial's arms read the percentages of two claims)."""

    def __init__(self, column: str, message: str, claim: "Claim | None" = None):
        self.column, self.claim = column, claim
        super().__init__(message)


class UnknownFact(KeyError):
    """A fact id that facts.csv does not have."""

    def __init__(self, fact_id: str, path: Path):
        self.fact_id, self.path = fact_id, path
        super().__init__(f"no fact '{fact_id}' in {_rel(path)}")

    def __str__(self) -> str:
        return self.args[0]


class UnknownAssumption(KeyError):
    """An assumption id that assumptions.csv does not have."""

    def __init__(self, assumption_id: str, path: Path):
        self.assumption_id, self.path = assumption_id, path
        super().__init__(f"no assumption '{assumption_id}' in {_rel(path)}")

    def __str__(self) -> str:
        return self.args[0]


def _rel(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(DATA.parent))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Claim:
    claim_id: str
    section: str
    quote: str
    refs: tuple[str, ...]
    kind: str
    reported: str  # what the review reports, as it writes it: '52.8%', 'P < 0.001; large effect size'
    args: dict[str, str]  # what the check needs besides: {'arm': 'obs'}, {'fact': 'rct1.weeks'}
    check: str
    chapter: str
    row: int
    line: int | None = None
    importance: str = "supporting"  # headline, supporting or detail (acureview.verdicts.IMPORTANCE)

    @property
    def anchor(self) -> str:
        """The label of the section that derives this claim in its chapter."""
        return "claim-" + re.sub(r"[^a-z0-9]+", "-", self.claim_id.lower()).strip("-")

    def items(self) -> tuple[str, ...]:
        """The review's reported strings, one per ';'-separated item."""
        return split_reported(self.reported)

    def numbers(self) -> tuple[Reported, ...]:
        """Every number the review reports for this claim (a range gives two). Raises
        :class:`ClaimInputError` (column 'reported') for an item that is not a number."""
        out: list[Reported] = []
        for item in self.items():
            try:
                out += parse_numbers(item)
            except ValueError as e:
                raise ClaimInputError("reported", str(e), self) from None
        return tuple(out)

    def number(self, i: int = 0) -> Reported:
        """The ``i``-th item of ``reported`` as a single number."""
        items = self.items()
        if i >= len(items):
            raise ClaimInputError("reported", f"{len(items)} value(s) reported; the check needs at least {i + 1}", self)
        try:
            (r,) = parse_numbers(items[i])
        except ValueError as e:
            raise ClaimInputError("reported", str(e), self) from None
        return r

    def text(self, i: int = 0) -> str:
        """The ``i``-th item of ``reported`` as the review's words."""
        items = self.items()
        if i >= len(items):
            raise ClaimInputError("reported", f"{len(items)} value(s) reported; the check needs at least {i + 1}", self)
        return items[i]

    def arg(self, key: str, default=...) -> str:
        """One of the check's arguments (``args``)."""
        if key in self.args:
            return self.args[key]
        if default is ...:
            raise ClaimInputError("args", f"no '{key}=' (the check '{self.check}' needs it)", self)
        return default


@dataclass(frozen=True)
class Fact:
    fact_id: str
    source_id: str
    type: str
    value: int | float | str | None
    unit: str
    of: str
    locator: str
    read_from: str
    note: str
    row: int | None = None
    line: int | None = None
    quote: str = ""  # the source's own words, verbatim from the text read
    address: str = ""  # the address at which those words were read


@dataclass(frozen=True)
class Assumption:
    assumption_id: str
    value: float
    low: float
    high: float
    unit: str
    basis: str

    def span(self, n: int = 5) -> list[float]:
        """``n`` evenly spaced values from ``low`` to ``high`` (for sensitivity tables)."""
        return [self.low + (self.high - self.low) * i / (n - 1) for i in range(n)]


@dataclass
class Dataset:
    review: str
    claims: list[Claim]
    sources: dict[str, dict[str, str]]
    facts: dict[str, Fact]
    folder: Path = field(default=DATA)
    assumptions: dict[str, Assumption] = field(default_factory=dict)

    def fact(self, fact_id: str) -> Fact:
        try:
            return self.facts[fact_id]
        except KeyError:
            raise UnknownFact(fact_id, self.folder / "facts.csv") from None

    def value(self, fact_id: str):
        """The value of a fact; ``None`` where the record does not give it (type 'missing')."""
        return self.fact(fact_id).value

    def known(self, fact_id: str) -> bool:
        return fact_id in self.facts and self.facts[fact_id].type != "missing"

    def assumption(self, assumption_id: str) -> Assumption:
        try:
            return self.assumptions[assumption_id]
        except KeyError:
            raise UnknownAssumption(assumption_id, self.folder / "assumptions.csv") from None

    def claim(self, claim_id: str) -> Claim:
        for c in self.claims:
            if c.claim_id == claim_id:
                return c
        raise KeyError(claim_id)

    def claims_using(self, check: str) -> list[Claim]:
        return [c for c in self.claims if c.check == check]


class Row(dict):
    """One data row of a CSV file: its cells by column, with its row number and first line."""

    def __init__(self, cells: dict[str, str], row: int, line: int):
        super().__init__(cells)
        self.row, self.line = row, line


def read_text(path: Path, table: bool = False) -> str:
    """A data file's text: UTF-8 with or without a byte-order mark; anything else is refused with
    the line (and, for a ``table``, the row) of the first byte that is not UTF-8."""
    if not path.exists():
        raise DataError(path, None, None, "file not found")
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        guess = ""
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            guess = " (it looks like UTF-16)"
        else:
            try:
                raw.decode("cp1252")
                guess = " (it looks like Windows-1252 or Latin-1)"
            except UnicodeDecodeError:
                pass
        row = _row_at(raw.decode("utf-8-sig", errors="replace"), line) if table else None
        raise DataError(path, row, None, f"not UTF-8 text{guess}: byte 0x{raw[e.start]:02x} at line {line} "
                                         f"cannot be read; save the file as UTF-8 (CSV UTF-8)", line=line) from None


def _row_at(text: str, line: int) -> int | None:
    """The data row (0: the header) of a CSV text that contains physical ``line``."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for i, _ in enumerate(reader):
            if start <= line <= reader.line_num:
                return i
            start = reader.line_num + 1
    except csv.Error:
        pass
    return None


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """The rows of a CSV file with exactly ``columns``; blank rows are skipped but counted."""
    text = read_text(path, table=True)
    if not text.strip():
        raise DataError(path, None, None, "empty file (it needs a header and at least one row)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1  # physical line where the next record starts
    current = 0  # the row being read (0: the header)
    rows: list[Row] = []
    try:
        header = [h.strip() for h in next(reader, [])]
        start, current = reader.line_num + 1, 1
        for col in columns:
            if col not in header:
                raise DataError(path, 0, col, "missing column", line=1)
        extra = [h for h in header if h not in columns]
        if extra:
            raise DataError(path, 0, extra[0], "unknown column", line=1)
        seen = set()
        for h in header:
            if h in seen:
                raise DataError(path, 0, h, "column given twice", line=1)
            seen.add(h)
        for i, raw in enumerate(reader, start=1):
            line, start, current = start, reader.line_num + 1, i + 1
            if not any(v.strip() for v in raw):
                continue  # a blank row (spreadsheets write them as ',,,,')
            if len(raw) > len(header):
                raise DataError(path, i, None, f"{len(raw)} fields, the header has {len(header)}", line=line)
            if len(raw) < len(header):
                raise DataError(path, i, header[len(raw)], "the row ends before this column", line=line)
            cells = dict(zip(header, raw))
            rows.append(Row({k: (v.strip() if k != "quote" else v).replace("\r\n", "\n") for k, v in cells.items()}, i, line))
    except csv.Error as e:
        raise DataError(path, current, None, f"not valid CSV from this row on ({e}; "
                        f"a quote mark that opens a cell must close it)", line=start) from None
    if not rows:
        raise DataError(path, 0, None, "no data rows, only a header", line=1)
    return rows


def _err(path: Path, r: Row, column: str | None, message: str) -> DataError:
    return DataError(path, r.row, column, message, line=r.line)


def _unique(path: Path, rows: list[Row], column: str) -> None:
    seen: dict[str, int] = {}
    for r in rows:
        key = r[column]
        if not key:
            raise _err(path, r, column, "empty")
        if key in seen:
            raise _err(path, r, column, f"duplicate id '{key}' (first at row {seen[key]})")
        seen[key] = r.row


def split_reported(text: str) -> tuple[str, ...]:
    """``'P < 0.001; large effect size'`` -> ``('P < 0.001', 'large effect size')``."""
    return tuple(p.strip() for p in str(text).split(";") if p.strip())


def parse_args(text: str) -> dict[str, str]:
    """``'fact=rct1.weeks; arm=obs'`` -> ``{'fact': 'rct1.weeks', 'arm': 'obs'}``. Raises ValueError."""
    out: dict[str, str] = {}
    for part in str(text).split(";"):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise ValueError(f"'{part}' is not key=value")
        key, value = (s.strip() for s in part.split("=", 1))
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", key):
            raise ValueError(f"bad key '{key}'")
        if key in out:
            raise ValueError(f"'{key}' given twice")
        if not value:
            raise ValueError(f"'{key}=' has no value")
        out[key] = value
    return out


def _parse_value(kind: str, text: str):
    if kind == "missing":
        if text:
            raise ValueError("a 'missing' fact has no value")
        return None
    if text == "":
        raise ValueError(f"empty value for type '{kind}'")
    if kind == "int":
        if not re.fullmatch(r"-?\d+", text):
            raise ValueError(f"'{text}' is not a whole number")
        return int(text)
    if kind == "float":
        try:
            value = float(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
        if not math.isfinite(value):
            raise ValueError(f"'{text}' is not a finite number")
        return value
    return text


#: Units of values that cannot be negative (counts, durations, percentages of patients).
NON_NEGATIVE_UNITS = ("patients", "participants", "treatments", "sessions", "sessions/week", "trials", "studies",
                      "weeks", "weeks after treatment", "months", "years", "%")


def load_sources(path: Path) -> dict[str, dict[str, str]]:
    rows = _read_csv(path, SOURCE_COLUMNS)
    _unique(path, rows, "source_id")
    for r in rows:
        if r["found"] not in FOUND:
            raise _err(path, r, "found", f"'{r['found']}' is not one of {', '.join(FOUND)}")
        if r["read_from"] not in READ_FROM:
            raise _err(path, r, "read_from", f"'{r['read_from']}' is not one of {', '.join(READ_FROM)}")
        for col in ("cited_year", "record_year"):
            if r[col] and not re.fullmatch(r"\d{4}", r[col]):
                raise _err(path, r, col, f"'{r[col]}' is not a year")
        if r["found"] != "no" and not r["url"]:
            raise _err(path, r, "url", "a record that was read needs the address it was read at")
    return {r["source_id"]: r for r in rows}


def load_facts(path: Path, sources: dict[str, dict[str, str]]) -> dict[str, Fact]:
    rows = _read_csv(path, FACT_COLUMNS)
    _unique(path, rows, "fact_id")
    facts: dict[str, Fact] = {}
    for r in rows:
        if r["source_id"] not in sources:
            raise _err(path, r, "source_id", f"unknown source id '{r['source_id']}'")
        if r["type"] not in FACT_TYPES:
            raise _err(path, r, "type", f"'{r['type']}' is not one of {', '.join(FACT_TYPES)}")
        if r["read_from"] not in READ_FROM:
            raise _err(path, r, "read_from", f"'{r['read_from']}' is not one of {', '.join(READ_FROM)}")
        try:
            value = _parse_value(r["type"], r["value"])
        except ValueError as e:
            raise _err(path, r, "value", str(e)) from None
        if isinstance(value, (int, float)) and value < 0 and (r["type"] == "int" or r["unit"] in NON_NEGATIVE_UNITS):
            what = "a count, a year or a duration" if r["type"] == "int" else f"in {r['unit']}"
            raise _err(path, r, "value", f"{r['value']} is negative; a whole number here is {what}"
                       if r["type"] == "int" else f"{r['value']} is negative; a value {what} cannot be")
        if r["type"] != "missing" and not r["locator"]:
            raise _err(path, r, "locator", "a fact needs a locator (where in the source it stands)")
        if r["type"] != "missing" and not r["quote"]:
            raise _err(path, r, "quote", "a fact needs the source's own words, quoted from the text read")
        if r["quote"] and not r["address"]:
            raise _err(path, r, "address", "a quote needs the address it was read at")
        if r["type"] == "missing" and not r["note"]:
            raise _err(path, r, "note", "a missing fact needs a note naming what is missing and whether it is public")
        facts[r["fact_id"]] = Fact(r["fact_id"], r["source_id"], r["type"], value, r["unit"], r["of"],
                                   r["locator"], r["read_from"], r["note"], r.row, r.line, r["quote"], r["address"])
    for r in rows:  # counts against their denominators
        f = facts[r["fact_id"]]
        if not f.of:
            continue
        if f.of not in facts:
            raise _err(path, r, "of", f"unknown fact id '{f.of}'")
        n = facts[f.of]
        if f.value is None or n.value is None:
            continue
        if not isinstance(f.value, (int, float)) or not isinstance(n.value, (int, float)):
            raise _err(path, r, "of", "only numbers can be counted against a denominator")
        if f.value > n.value:
            raise _err(path, r, "value", f"count {f.value} is larger than its denominator '{f.of}' = {n.value}")
        if f.value < 0:
            raise _err(path, r, "value", f"count {f.value} is negative")
    return facts


def load_assumptions(path: Path) -> dict[str, Assumption]:
    rows = _read_csv(path, ASSUMPTION_COLUMNS)
    _unique(path, rows, "assumption_id")
    out: dict[str, Assumption] = {}
    for r in rows:
        numbers = {}
        for col in ("value", "low", "high"):
            try:
                numbers[col] = _parse_value("float", r[col])
            except ValueError as e:
                raise _err(path, r, col, str(e)) from None
        if not numbers["low"] <= numbers["value"] <= numbers["high"]:
            raise _err(path, r, "value", f"{numbers['value']:g} is outside its range "
                                         f"{numbers['low']:g} to {numbers['high']:g}")
        if not r["basis"]:
            raise _err(path, r, "basis", "an assumption needs its basis (why this value and range)")
        out[r["assumption_id"]] = Assumption(r["assumption_id"], numbers["value"], numbers["low"],
                                             numbers["high"], r["unit"], r["basis"])
    return out


def load_claims(path: Path, review: str, sources: dict[str, dict[str, str]]) -> list[Claim]:
    rows = _read_csv(path, CLAIM_COLUMNS)
    _unique(path, rows, "claim_id")
    claims = []
    for r in rows:
        if not CLAIM_ID.match(r["claim_id"]):
            raise _err(path, r, "claim_id", f"'{r['claim_id']}' is not of the form C-<section>-NN")
        if not r["quote"].strip():
            raise _err(path, r, "quote", "empty")
        r["quote"] = r["quote"].replace("\r\n", "\n")
        if r["quote"] not in review:
            raise _err(path, r, "quote", "not found verbatim in the review text (data/review.md)")
        refs = tuple(s.strip() for s in r["refs"].split(";") if s.strip())
        for ref in refs:
            if ref not in sources:
                raise _err(path, r, "refs", f"unknown reference id '{ref}'")
        if r["kind"] not in KINDS:
            raise _err(path, r, "kind", f"'{r['kind']}' is not one of {', '.join(KINDS)}")
        if r["importance"] not in IMPORTANCE:
            raise _err(path, r, "importance", f"'{r['importance']}' is not one of {', '.join(IMPORTANCE)}")
        if re.search(r"(^|;)\s*[a-z_][a-z0-9_]+\s*=", r["reported"]):
            raise _err(path, r, "reported", f"'{r['reported']}' looks like a check's arguments (key=value): "
                                            f"they go in 'args'; 'reported' keeps the review's own words")
        try:
            args = parse_args(r["args"])
        except ValueError as e:
            raise _err(path, r, "args", str(e)) from None
        if not r["check"]:
            raise _err(path, r, "check", "empty: name a check (or 'pending')")
        if not r["chapter"]:
            raise _err(path, r, "chapter", "empty")
        claims.append(Claim(r["claim_id"], r["section"], r["quote"], refs, r["kind"], r["reported"], args,
                            r["check"], r["chapter"], r.row, r.line, r["importance"]))
    return claims


def load(folder: Path | str = DATA) -> Dataset:
    """Read and validate every data file in ``folder``; raise :class:`DataError` on the first fault.
    The claims' check inputs are validated by :func:`acureview.verify.load`, which calls this."""
    folder = Path(folder)
    review = read_text(folder / "review.md").replace("\r\n", "\n")
    sources = load_sources(folder / "sources.csv")
    facts = load_facts(folder / "facts.csv", sources)
    claims = load_claims(folder / "claims.csv", review, sources)
    assumptions = load_assumptions(folder / "assumptions.csv")
    return Dataset(review=review, claims=claims, sources=sources, facts=facts, folder=folder,
                   assumptions=assumptions)
