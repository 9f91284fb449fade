"""Load and validate the data files. A bad file stops everything with one message that names
the file, the row and the column; nothing downstream runs on half-valid data.

Files (all in ``data/``):

- ``review.md``   the review's text, verbatim (the claims quote it).
- ``claims.csv``  the claim register: one row a checkable statement.
- ``sources.csv`` each reference as the review cites it and as the record shows it.
- ``facts.csv``   each number or statement extracted from a source, with its locator.
- ``assumptions.csv`` each number an analysis needs that no source gives: its value, the
  plausible range the book varies it over, and why.

Row numbers in messages count data rows from 1 (the header is not a row); the file line is
given too, for editors.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from .paths import DATA

KINDS = ("number", "p_value", "effect", "citation", "qualitative", "reference")
FACT_TYPES = ("int", "float", "text", "missing")
READ_FROM = ("abstract", "full text", "landing page", "record", "none")
FOUND = ("yes", "nearest", "no")
BIB_FIELDS = ("authors", "title", "journal", "year", "volume", "issue", "pages", "doi", "pmid")

CLAIM_COLUMNS = ("claim_id", "section", "quote", "refs", "kind", "reported", "check", "chapter")
SOURCE_COLUMNS = (
    ("source_id", "review_ref")
    + tuple(f"cited_{f}" for f in BIB_FIELDS)
    + tuple(f"record_{f}" for f in BIB_FIELDS)
    + ("found", "read_from", "url", "note")
)
FACT_COLUMNS = ("fact_id", "source_id", "type", "value", "unit", "of", "locator", "read_from", "note")
ASSUMPTION_COLUMNS = ("assumption_id", "value", "low", "high", "unit", "basis")

CLAIM_ID = re.compile(r"^C-(A|R|\d+(\.\d+)?)-\d{2}$")


class DataError(ValueError):
    """A data file is malformed or inconsistent."""

    def __init__(self, path: Path | str, row: int | None, column: str | None, message: str):
        self.path, self.row, self.column = Path(path), row, column
        where = [_rel(self.path)]
        if row is not None:
            where.append(f"row {row} (line {row + 1})" if row > 0 else "header")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(", ".join(where) + ": " + message)


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
    reported: dict[str, float | str]
    reported_text: str
    check: str
    chapter: str
    row: int

    @property
    def anchor(self) -> str:
        """The label of the section that derives this claim in its chapter."""
        return "claim-" + re.sub(r"[^a-z0-9]+", "-", self.claim_id.lower()).strip("-")


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
            raise KeyError(f"no fact '{fact_id}' in {_rel(self.folder / 'facts.csv')}") from None

    def value(self, fact_id: str):
        """The value of a fact; ``None`` where the record does not give it (type 'missing')."""
        return self.fact(fact_id).value

    def known(self, fact_id: str) -> bool:
        return fact_id in self.facts and self.facts[fact_id].type != "missing"

    def assumption(self, assumption_id: str) -> Assumption:
        try:
            return self.assumptions[assumption_id]
        except KeyError:
            raise KeyError(f"no assumption '{assumption_id}' in {_rel(self.folder / 'assumptions.csv')}") from None

    def claim(self, claim_id: str) -> Claim:
        for c in self.claims:
            if c.claim_id == claim_id:
                return c
        raise KeyError(claim_id)

    def claims_using(self, check: str) -> list[Claim]:
        return [c for c in self.claims if c.check == check]


def _read_csv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.exists():
        raise DataError(path, None, None, "file not found")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        header = reader.fieldnames or []
        for col in columns:
            if col not in header:
                raise DataError(path, 0, col, "missing column")
        extra = [h for h in header if h not in columns]
        if extra:
            raise DataError(path, 0, extra[0], "unknown column")
        rows = []
        for i, raw in enumerate(reader, start=1):
            if None in raw:  # more fields than the header has
                raise DataError(path, i, None, f"{len(header) + len(raw[None])} fields, the header has {len(header)}")
            if any(v is None for v in raw.values()):
                missing = next(k for k, v in raw.items() if v is None)
                raise DataError(path, i, missing, "the row ends before this column")
            rows.append({k: v.strip() if k != "quote" else v for k, v in raw.items()})
    return rows


def _unique(path: Path, rows: list[dict[str, str]], column: str) -> None:
    seen: dict[str, int] = {}
    for i, r in enumerate(rows, start=1):
        key = r[column]
        if not key:
            raise DataError(path, i, column, "empty")
        if key in seen:
            raise DataError(path, i, column, f"duplicate id '{key}' (first at row {seen[key]})")
        seen[key] = i


def parse_reported(text: str) -> dict[str, float | str]:
    """``'pct=52.8; arm=obs'`` -> ``{'pct': 52.8, 'arm': 'obs'}``. Raises ValueError."""
    out: dict[str, float | str] = {}
    if not text:
        return out
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        if "=" not in part:
            raise ValueError(f"'{part}' is not key=value")
        key, value = (s.strip() for s in part.split("=", 1))
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", key):
            raise ValueError(f"bad key '{key}'")
        try:
            out[key] = float(value)
        except ValueError:
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
            return float(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
    return text


def load_sources(path: Path) -> dict[str, dict[str, str]]:
    rows = _read_csv(path, SOURCE_COLUMNS)
    _unique(path, rows, "source_id")
    for i, r in enumerate(rows, start=1):
        if r["found"] not in FOUND:
            raise DataError(path, i, "found", f"'{r['found']}' is not one of {', '.join(FOUND)}")
        if r["read_from"] not in READ_FROM:
            raise DataError(path, i, "read_from", f"'{r['read_from']}' is not one of {', '.join(READ_FROM)}")
        for col in ("cited_year", "record_year"):
            if r[col] and not re.fullmatch(r"\d{4}", r[col]):
                raise DataError(path, i, col, f"'{r[col]}' is not a year")
        if r["found"] != "no" and not r["url"]:
            raise DataError(path, i, "url", "a record that was read needs the address it was read at")
    return {r["source_id"]: r for r in rows}


def load_facts(path: Path, sources: dict[str, dict[str, str]]) -> dict[str, Fact]:
    rows = _read_csv(path, FACT_COLUMNS)
    _unique(path, rows, "fact_id")
    facts: dict[str, Fact] = {}
    for i, r in enumerate(rows, start=1):
        if r["source_id"] not in sources:
            raise DataError(path, i, "source_id", f"unknown source id '{r['source_id']}'")
        if r["type"] not in FACT_TYPES:
            raise DataError(path, i, "type", f"'{r['type']}' is not one of {', '.join(FACT_TYPES)}")
        if r["read_from"] not in READ_FROM:
            raise DataError(path, i, "read_from", f"'{r['read_from']}' is not one of {', '.join(READ_FROM)}")
        try:
            value = _parse_value(r["type"], r["value"])
        except ValueError as e:
            raise DataError(path, i, "value", str(e)) from None
        if r["type"] != "missing" and not r["locator"]:
            raise DataError(path, i, "locator", "a fact needs a locator (where in the source it stands)")
        facts[r["fact_id"]] = Fact(r["fact_id"], r["source_id"], r["type"], value, r["unit"], r["of"],
                                   r["locator"], r["read_from"], r["note"])
    for i, r in enumerate(rows, start=1):  # counts against their denominators
        f = facts[r["fact_id"]]
        if not f.of:
            continue
        if f.of not in facts:
            raise DataError(path, i, "of", f"unknown fact id '{f.of}'")
        n = facts[f.of]
        if f.value is None or n.value is None:
            continue
        if not isinstance(f.value, (int, float)) or not isinstance(n.value, (int, float)):
            raise DataError(path, i, "of", "only numbers can be counted against a denominator")
        if f.value > n.value:
            raise DataError(path, i, "value", f"count {f.value} is larger than its denominator "
                                              f"'{f.of}' = {n.value}")
        if f.value < 0:
            raise DataError(path, i, "value", f"count {f.value} is negative")
    return facts


def load_assumptions(path: Path) -> dict[str, Assumption]:
    rows = _read_csv(path, ASSUMPTION_COLUMNS)
    _unique(path, rows, "assumption_id")
    out: dict[str, Assumption] = {}
    for i, r in enumerate(rows, start=1):
        numbers = {}
        for col in ("value", "low", "high"):
            try:
                numbers[col] = _parse_value("float", r[col])
            except ValueError as e:
                raise DataError(path, i, col, str(e)) from None
        if not numbers["low"] <= numbers["value"] <= numbers["high"]:
            raise DataError(path, i, "value", f"{numbers['value']:g} is outside its range "
                                              f"{numbers['low']:g} to {numbers['high']:g}")
        if not r["basis"]:
            raise DataError(path, i, "basis", "an assumption needs its basis (why this value and range)")
        out[r["assumption_id"]] = Assumption(r["assumption_id"], numbers["value"], numbers["low"],
                                             numbers["high"], r["unit"], r["basis"])
    return out


def load_claims(path: Path, review: str, sources: dict[str, dict[str, str]]) -> list[Claim]:
    rows = _read_csv(path, CLAIM_COLUMNS)
    _unique(path, rows, "claim_id")
    claims = []
    for i, r in enumerate(rows, start=1):
        if not CLAIM_ID.match(r["claim_id"]):
            raise DataError(path, i, "claim_id", f"'{r['claim_id']}' is not of the form C-<section>-NN")
        if not r["quote"].strip():
            raise DataError(path, i, "quote", "empty")
        if r["quote"] not in review:
            raise DataError(path, i, "quote", "not found verbatim in the review text (data/review.md)")
        refs = tuple(s.strip() for s in r["refs"].split(";") if s.strip())
        for ref in refs:
            if ref not in sources:
                raise DataError(path, i, "refs", f"unknown reference id '{ref}'")
        if r["kind"] not in KINDS:
            raise DataError(path, i, "kind", f"'{r['kind']}' is not one of {', '.join(KINDS)}")
        try:
            reported = parse_reported(r["reported"])
        except ValueError as e:
            raise DataError(path, i, "reported", str(e)) from None
        if not r["check"]:
            raise DataError(path, i, "check", "empty: name a check (or 'pending')")
        if not r["chapter"]:
            raise DataError(path, i, "chapter", "empty")
        claims.append(Claim(r["claim_id"], r["section"], r["quote"], refs, r["kind"], reported,
                            r["reported"], r["check"], r["chapter"], i))
    return claims


def load(folder: Path | str = DATA) -> Dataset:
    """Read and validate every data file in ``folder``; raise :class:`DataError` on the first fault."""
    folder = Path(folder)
    review_path = folder / "review.md"
    if not review_path.exists():
        raise DataError(review_path, None, None, "file not found")
    review = review_path.read_text(encoding="utf-8")
    sources = load_sources(folder / "sources.csv")
    facts = load_facts(folder / "facts.csv", sources)
    claims = load_claims(folder / "claims.csv", review, sources)
    assumptions = load_assumptions(folder / "assumptions.csv")
    return Dataset(review=review, claims=claims, sources=sources, facts=facts, folder=folder,
                   assumptions=assumptions)
