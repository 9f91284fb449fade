"""The loaders of the review's data files: each reads its file against the schema
(:mod:`acureview.data.schema`, from ``data/datapackage.json``) and then applies the rules a Table
Schema cannot say (this project's cross-file and conditional rules), and :func:`load` reads them all.

Files (all in ``data/``):

- ``review.md``   the review's text, verbatim (the claims quote it).
- ``claims.csv``  the claim register: one row a checkable statement.
- ``sources.csv`` each reference as the review cites it and as the record shows it.
- ``facts.csv``   each number or statement extracted from a source, with its locator.
- ``assumptions.csv`` each number an analysis needs that no source gives: its value, the
  plausible range the book varies it over, and why.

Rules kept as code: a claim's quote stands verbatim in ``review.md``; each id of a claim's ``refs``
is a source; ``reported`` holds the review's words, not key=value; ``args`` is key=value; a fact's
value is of its ``type`` (and not negative where its unit or type forbids it); a fact that is not
``missing`` has a locator and the source's words, words have their address, a missing fact a note;
a count is not above its denominator (``of``); an assumption's value lies within its range; a
record that was found has its address.

In ``claims.csv``, ``reported`` is what the review reports, as the review writes it (``52.8%``,
``P < 0.001``, ``8 weeks``; several separated by ``;``), and ``args`` the arguments the claim's
check needs besides (``fact=rct1.weeks``, ``arm=obs``, ``alpha=0.05``). Whether each claim's check
can read both is asked one layer up, by :func:`acureview.verify.load` (see
:func:`acureview.checks.validate`): this module knows the files, not the checks.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from ..paths import DATA
from .csvfile import read_data_text
from .errors import cell_error
from .model import Assumption, Claim, Dataset, Fact
from .schema import resource

CLAIMS, SOURCES, FACTS, ASSUMPTIONS = (resource(n) for n in ("claims", "sources", "facts", "assumptions"))

KINDS = CLAIMS.field("kind").enum
FACT_TYPES = FACTS.field("type").enum
READ_FROM = SOURCES.field("read_from").enum
FOUND = SOURCES.field("found").enum
CLAIM_COLUMNS = CLAIMS.columns
SOURCE_COLUMNS = SOURCES.columns
FACT_COLUMNS = FACTS.columns
ASSUMPTION_COLUMNS = ASSUMPTIONS.columns
#: The bibliographic fields of a reference, each in sources.csv twice: as cited and as recorded.
BIB_FIELDS = tuple(c.removeprefix("cited_") for c in SOURCE_COLUMNS if c.startswith("cited_"))
CLAIM_ID = re.compile("^(?:" + CLAIMS.field("claim_id").pattern + ")$")

#: Units of values that cannot be negative (counts, durations, percentages of patients).
NON_NEGATIVE_UNITS = (
    "patients",
    "participants",
    "treatments",
    "sessions",
    "sessions/week",
    "trials",
    "studies",
    "weeks",
    "weeks after treatment",
    "months",
    "years",
    "%",
)


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


def parse_value(kind: str, text: str):
    """A fact's value read as its ``type`` (int, float, text, missing). Raises ValueError."""
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


def load_sources(path: Path) -> dict[str, dict[str, str]]:
    rows = SOURCES.read(path)
    for r in rows:
        if r["found"] != "no" and not r["url"]:
            raise cell_error(path, r, "url", "a record that was read needs the address it was read at")
    return {r["source_id"]: r for r in rows}


def load_facts(path: Path, sources: dict[str, dict[str, str]]) -> dict[str, Fact]:
    rows = FACTS.read(path, {"sources": {(s,) for s in sources}})
    facts: dict[str, Fact] = {}
    for r in rows:
        try:
            value = parse_value(r["type"], r["value"])
        except ValueError as e:
            raise cell_error(path, r, "value", str(e)) from None
        if isinstance(value, (int, float)) and value < 0 and (r["type"] == "int" or r["unit"] in NON_NEGATIVE_UNITS):
            what = "a count, a year or a duration" if r["type"] == "int" else f"in {r['unit']}"
            raise cell_error(
                path,
                r,
                "value",
                f"{r['value']} is negative; a whole number here is {what}"
                if r["type"] == "int"
                else f"{r['value']} is negative; a value {what} cannot be",
            )
        if r["type"] != "missing" and not r["locator"]:
            raise cell_error(path, r, "locator", "a fact needs a locator (where in the source it stands)")
        if r["type"] != "missing" and not r["quote"]:
            raise cell_error(path, r, "quote", "a fact needs the source's own words, quoted from the text read")
        if r["quote"] and not r["address"]:
            raise cell_error(path, r, "address", "a quote needs the address it was read at")
        if r["type"] == "missing" and not r["note"]:
            raise cell_error(
                path, r, "note", "a missing fact needs a note naming what is missing and whether it is public"
            )
        facts[r["fact_id"]] = Fact(
            r["fact_id"],
            r["source_id"],
            r["type"],
            value,
            r["unit"],
            r["of"],
            r["locator"],
            r["read_from"],
            r["note"],
            r.row,
            r.line,
            r["quote"],
            r["address"],
            r["read_at"],
        )
    for r in rows:  # counts against their denominators (the schema knows each denominator is a fact)
        f = facts[r["fact_id"]]
        if not f.of:
            continue
        n = facts[f.of]
        if f.value is None or n.value is None:
            continue
        if not isinstance(f.value, (int, float)) or not isinstance(n.value, (int, float)):
            raise cell_error(path, r, "of", "only numbers can be counted against a denominator")
        if f.value > n.value:
            raise cell_error(path, r, "value", f"count {f.value} is larger than its denominator '{f.of}' = {n.value}")
        if f.value < 0:
            raise cell_error(path, r, "value", f"count {f.value} is negative")
    return facts


def load_assumptions(path: Path) -> dict[str, Assumption]:
    out: dict[str, Assumption] = {}
    for r in ASSUMPTIONS.read(path):
        value, low, high = (float(r[c]) for c in ("value", "low", "high"))
        if not low <= value <= high:
            raise cell_error(path, r, "value", f"{value:g} is outside its range {low:g} to {high:g}")
        out[r["assumption_id"]] = Assumption(r["assumption_id"], value, low, high, r["unit"], r["basis"])
    return out


def load_claims(path: Path, review: str, sources: dict[str, dict[str, str]]) -> list[Claim]:
    claims = []
    for r in CLAIMS.read(path):
        if not r["quote"].strip():
            raise cell_error(path, r, "quote", "empty")
        if r["quote"] not in review:
            raise cell_error(path, r, "quote", "not found verbatim in the review text (data/review.md)")
        refs = tuple(s.strip() for s in r["refs"].split(";") if s.strip())
        for ref in refs:
            if ref not in sources:
                raise cell_error(path, r, "refs", f"unknown reference id '{ref}'")
        if re.search(r"(^|;)\s*[a-z_][a-z0-9_]+\s*=", r["reported"]):
            raise cell_error(
                path,
                r,
                "reported",
                f"'{r['reported']}' looks like a check's arguments (key=value): "
                f"they go in 'args'; 'reported' keeps the review's own words",
            )
        try:
            args = parse_args(r["args"])
        except ValueError as e:
            raise cell_error(path, r, "args", str(e)) from None
        claims.append(
            Claim(
                r["claim_id"],
                r["section"],
                r["quote"],
                refs,
                r["kind"],
                r["reported"],
                args,
                r["check"],
                r["chapter"],
                r.row,
                r.line,
                r["importance"],
            )
        )
    return claims


def load(folder: Path | str = DATA) -> Dataset:
    """Read and validate every data file in ``folder``; raise :class:`DataError` on the first fault.
    The claims' check inputs are validated by :func:`acureview.verify.load`, which calls this."""
    folder = Path(folder)
    review = read_data_text(folder / "review.md").replace("\r\n", "\n")
    sources = load_sources(folder / SOURCES.path)
    facts = load_facts(folder / FACTS.path, sources)
    claims = load_claims(folder / CLAIMS.path, review, sources)
    assumptions = load_assumptions(folder / ASSUMPTIONS.path)
    return Dataset(review=review, claims=claims, sources=sources, facts=facts, folder=folder, assumptions=assumptions)
