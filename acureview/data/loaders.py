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
- ``searches.csv`` the searches behind a claim's statement that no source, trial or review exists or
  was found: terms, where, when, what came back and the addresses read (each a web address, as a
  ``read_at`` is).
- ``readings.csv`` each reading that a text not read could give, for a claim whose verdict rests on
  it: the facts it would supply (``fact_id=value; ...``) and why it is plausible.

Rules kept as code (the rest, ranges and units included, is the schema's): a claim's quote stands
verbatim in ``review.md`` as a whole phrase, within its section, and its chapter exists; each id of
a claim's ``refs`` is a source; ``reported`` holds the review's words, not key=value and not a
formula; ``args`` is key=value; a fact's value is of its ``type``; a fact that is not ``missing``
has a locator and the source's words, words have their address, a missing fact a note; a number
has its unit (a year excepted) and stands in its quote, as printed or within its rounding, unless its
note starts ``derived:`` and says how (:func:`check_values_quoted`); each number of a claim's
``reported`` stands in the claim's quote (:func:`check_reported_quoted`); a count is not above its
denominator (``of``, another fact), a count in the same unit and not 0; a record that was found has
its address; each review reference number stands in the review, and each entry of its reference list
once. A ``review.md`` that is empty, or
whose quote marks no longer match the claims', is named as the file at fault.

In ``claims.csv``, ``reported`` is what the review reports, as the review writes it (``52.8%``,
``P < 0.001``, ``8 weeks``; several separated by ``;``), and ``args`` the arguments the claim's
check needs besides (``fact=rct1.weeks``, ``arm=obs``, ``alpha=0.05``). Whether each claim's check
can read both is asked one layer up, by :func:`acureview.verify.load` (see
:func:`acureview.checks.validate`): this module knows the files, not the checks.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..paths import DATA, ROOT
from . import crossfile, quoted
from .addresses import READ_AT_PATTERN
from .cells import formula_fault, invisible, invisible_fault, read_number, visible
from .csvfile import Row, read_data_text
from .errors import DataError, cell_error
from .model import Assumption, Claim, Dataset, Fact, Reading, Search
from .reported import parse_numbers, split_reported
from .review import cited, line_of, paragraph, phrase_at, plain_marks, sections
from .schema import columns, read_package, resource


@cache
def bib_fields() -> tuple[str, ...]:
    """The bibliographic fields of a reference, each in sources.csv twice: as cited and as recorded
    (``cited_journal``, ``record_journal``), as the data package declares them (read on first use)."""
    return tuple(c.removeprefix("cited_") for c in columns("sources") if c.startswith("cited_"))


@cache
def count_units() -> tuple[str, ...]:
    """Units of counts (whole, not negative), from the data package's table of units (read on first
    use): the only units a count against a denominator (``of``) may have."""
    return tuple(u.name for u in read_package().units.units.values() if u.whole)


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
        if not re.fullmatch(r"-?[0-9]+", text):
            raise ValueError(f"'{text}' is not a whole number")
        return int(text)
    if kind == "float":
        return read_number(text)
    return text


def load_sources(path: Path) -> dict[str, dict[str, str]]:
    rows = resource("sources", path.parent).read(path)
    for r in rows:
        if r["found"] != "no" and not r["url"]:
            raise cell_error(path, r, "url", "a record that was read needs the address it was read at")
    return {r["source_id"]: r for r in rows}


def load_facts(path: Path, sources: dict[str, dict[str, str]]) -> dict[str, Fact]:
    schema = resource("facts", path.parent)
    rows = schema.read(path, {"sources": {(s,) for s in sources}})
    facts: dict[str, Fact] = {}
    for r in rows:
        try:
            value = parse_value(r["type"], r["value"])
        except ValueError as e:
            raise cell_error(path, r, "value", str(e)) from None
        if r["type"] in ("int", "float"):
            _check_number(path, r, value, schema)
        if r["type"] == "int" and value < 0:
            raise cell_error(
                path, r, "value", f"{r['value']} is negative; a whole number here is a count, a year or a duration"
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
    _check_denominators(path, rows, facts)
    crossfile.check_arm_denominators(path, facts)
    crossfile.check_parts_add_up(path, facts)
    return facts


def _check_number(path: Path, r: Row, value: float, schema) -> None:
    """A number has its unit (a year, a measure of its own, needs none)."""
    if not r["unit"] and (schema.units is None or schema.units.measure(r["fact_id"]) is None):
        raise cell_error(
            path, r, "unit", "empty: a number needs its unit (one of the table of units), which gives its range"
        )


def _check_denominators(path: Path, rows: list[Row], facts: dict[str, Fact]) -> None:
    """Counts against their denominators (the schema knows each denominator is a fact): a count of
    whole things, in its denominator's unit, not above it; a denominator is not 0."""
    by_id = {r["fact_id"]: r for r in rows}
    for r in rows:
        f = facts[r["fact_id"]]
        if not f.of:
            continue
        if f.of == f.fact_id:
            raise cell_error(path, r, "of", f"'{f.of}' is the fact itself; a count's denominator is another fact")
        n = facts[f.of]
        if n.type not in ("int", "float", "missing"):
            raise cell_error(
                path,
                by_id[f.of],
                "type",
                f"'{n.type}' ('{n.value}'), but {f.fact_id} (row {f.row}) is counted against it: a count used as "
                "a denominator must be a number",
            )
        if f.unit not in count_units() or n.unit != f.unit:
            raise cell_error(
                path,
                r,
                "of",
                f"'{f.of}' is a denominator in '{n.unit or 'no unit'}' of a value in '{f.unit or 'no unit'}'; "
                f"a count and its denominator are counts in one unit ({', '.join(count_units())})",
            )
        if f.value is None or n.value is None:
            continue
        if not isinstance(f.value, (int, float)) or not isinstance(n.value, (int, float)):
            raise cell_error(path, r, "of", "only numbers can be counted against a denominator")
        if n.value == 0:
            raise cell_error(
                path, by_id[f.of], "value", f"0 {n.unit} is the denominator of '{f.fact_id}'; it cannot be 0"
            )
        if f.value > n.value:
            raise cell_error(path, r, "value", f"count {f.value} is larger than its denominator '{f.of}' = {n.value}")
        if f.value < 0:
            raise cell_error(path, r, "value", f"count {f.value} is negative")


def load_assumptions(path: Path) -> dict[str, Assumption]:
    out: dict[str, Assumption] = {}
    for r in resource("assumptions", path.parent).read(
        path
    ):  # the schema keeps low <= value <= high, within the unit's range
        value, low, high = (read_number(r[c]) for c in ("value", "low", "high"))
        out[r["assumption_id"]] = Assumption(r["assumption_id"], value, low, high, r["unit"], r["basis"], r.row, r.line)
    return out


def load_searches(path: Path, claims: list[Claim]) -> dict[str, tuple[Search, ...]]:
    """The searches of ``searches.csv`` by claim id (each of a claim of the register, each address
    read a web address); no file, no searches."""
    if not path.exists():
        return {}
    out: dict[str, list[Search]] = {}
    for r in resource("searches", path.parent).read(path, {"claims": {(c.claim_id,) for c in claims}}):
        read = tuple(a.strip() for a in r["read"].split("; ") if a.strip())
        for a in read:
            if not re.fullmatch(READ_AT_PATTERN, a):
                raise cell_error(
                    path,
                    r,
                    "read",
                    f"'{visible(a)}' is not a web address (http or https) outside trackers and shorteners",
                )
        out.setdefault(r["claim_id"], []).append(
            Search(r["search_id"], r["claim_id"], r["terms"], r["where"], r["date"], r["found"], read, r.row)
        )
    return {k: tuple(v) for k, v in out.items()}


def supplied_value(fact: Fact, text: str) -> int | float | str:
    """A value a reading supplies for ``fact``: a whole number, a number, or words; a fact with a
    unit takes a number, a count (``of``) a whole number. Raises ValueError."""
    if re.fullmatch(r"-?[0-9]+", text):
        value: int | float | str = int(text)
    else:
        try:
            value = read_number(text)
        except ValueError:
            value = text
    if fact.unit and isinstance(value, str):
        raise ValueError(f"{fact.fact_id}={text}: a fact in '{fact.unit}' takes a number")
    if fact.of and (not isinstance(value, int) or value < 0):
        raise ValueError(f"{fact.fact_id}={text}: a count of '{fact.of}' takes a whole number, not negative")
    return value


def load_readings(
    path: Path, claims: list[Claim], sources: dict[str, dict[str, str]], facts: dict[str, Fact]
) -> tuple[Reading, ...]:
    """The readings of the texts not read: the schema's rules, then each fact a reading supplies is
    a fact of the reading's source, given once, with a value of the fact's kind and a count within its
    denominator (:func:`supplied_value`). A reading of a fact that a text read now gives is kept, and
    no longer shown (:func:`acureview.whatif.outcomes`)."""
    keys = {"claims": {(c.claim_id,) for c in claims}, "sources": {(s,) for s in sources}}
    out = []
    for r in resource("readings", path.parent).read(path, keys):
        parts = [p.partition("=") for p in r["supplies"].split(";") if p.strip()]
        if not parts or any(not eq or not k.strip() or not v.strip() for k, eq, v in parts):
            raise cell_error(path, r, "supplies", f"'{r['supplies']}' is not fact_id=value; fact_id=value")
        supplies: dict[str, int | float | str] = {}
        for fact_id, text in ((k.strip(), v.strip()) for k, _, v in parts):
            if fact_id in supplies:
                raise cell_error(path, r, "supplies", f"{fact_id} given twice")
            if fact_id not in facts:
                raise cell_error(path, r, "supplies", f"unknown fact id '{visible(fact_id)}' (not in facts.csv)")
            f = facts[fact_id]
            if f.source_id != r["source_id"]:
                raise cell_error(path, r, "supplies", f"{fact_id} is a fact of {f.source_id}, not of {r['source_id']}")
            try:
                supplies[fact_id] = supplied_value(f, text)
            except ValueError as e:
                raise cell_error(path, r, "supplies", str(e)) from None
            n = facts.get(f.of)
            # (a denominator of 0 is the fault of facts.csv, refused there)
            if n is not None and isinstance(n.value, (int, float)) and 0 < n.value < supplies[fact_id]:
                raise cell_error(
                    path, r, "supplies", f"count {text} is not within its denominator '{f.of}' = {n.value}"
                )
        out.append(
            Reading(r["reading_id"], r["claim_id"], r["source_id"], r["reading"], supplies, r["basis"], r.row, r.line)
        )
    return tuple(out)


REFERENCE_ENTRY = re.compile(r"^[ \t]*(?:[-*][ \t]+)?\[(\d+)\]", re.M)


def _check_reference_entries(path: Path, review: str) -> None:
    """Each entry of the review's reference list (``- [n] ...``) stands once."""
    first: dict[str, int] = {}
    for m in REFERENCE_ENTRY.finditer(review):
        line = line_of(review, m.start())
        if m.group(1) in first:
            raise DataError(
                path,
                None,
                None,
                f"the reference list has entry [{m.group(1)}] twice (first at line {first[m.group(1)]}); "
                "one entry a reference number",
                line=line,
            )
        first[m.group(1)] = line


def load_review(path: Path) -> str:
    """The review's text (LF line endings); an empty review, one without its section headings, or
    one with an invisible character (which no quote could match) is refused as the file at fault."""
    review = read_data_text(path).replace("\r\n", "\n")
    if not review.strip():
        raise DataError(path, None, None, "empty file: the review's text, which the claims quote, is missing")
    if not sections(review):
        raise DataError(path, None, None, "no section headings ('## Abstract', '## 1 Introduction', ...)")
    _check_reference_entries(path, review)
    at = next((i for i, ch in enumerate(review) if invisible(ch) and ch != "\t"), None)
    if at is not None:
        near = review[max(review.rfind("\n", 0, at) + 1, at - 30) : at + 30].split("\n")[0]
        raise DataError(path, None, None, f"the text {invisible_fault(near)}", line=line_of(review, at))
    return review


def _quote_fault(
    path: Path, review: str, spans: dict[str, tuple[int, int]], rows: list[Row], r: Row
) -> DataError | None:
    """Why a claim's quote does not stand in the review as a whole phrase within its section, or
    None. Where quotes stand in the review only once quote marks are written alike, the review is at
    fault when several claims break so (its quote marks changed), the claim when one does."""
    quote = r["quote"]
    if r["section"] not in spans:
        heads = ", ".join(spans)
        return cell_error(
            path, r, "section", f"'{r['section']}' is not a section of the review (data/review.md has {heads})"
        )
    if phrase_at(review, quote) is None:
        plain = plain_marks(review)
        at = phrase_at(plain, plain_marks(quote))
        if at is None:
            if quote in review:
                return cell_error(
                    path,
                    r,
                    "quote",
                    "not a whole phrase of the review: it starts or ends inside a word of data/review.md",
                )
            return cell_error(path, r, "quote", "not found verbatim in the review text (data/review.md)")
        marked = [
            x
            for x in rows
            if phrase_at(review, x["quote"]) is None and phrase_at(plain, plain_marks(x["quote"])) is not None
        ]
        if len(marked) > 1:
            return DataError(
                path.parent / "review.md",
                None,
                None,
                f"its quote marks differ from those of {len(marked)} claims' quotes (first claims.csv row {r.row}: "
                f"'{quote}'); the review's text must keep its quote marks as the claims quote them",
                line=line_of(review, at),
            )
        return cell_error(
            path,
            r,
            "quote",
            f"differs from data/review.md (line {line_of(review, at)}) only in its quote marks; copy them from the review",
        )
    start, end = spans[r["section"]]
    if phrase_at(review, quote, start, end) is None:
        return cell_error(
            path,
            r,
            "section",
            f"the quote stands in data/review.md (line {line_of(review, phrase_at(review, quote))}), "
            f"but not in section '{r['section']}'",
        )
    return None


def _citation_fault(review: str, spans, r, refs: tuple[str, ...], sources: dict[str, dict[str, str]]) -> str | None:
    """What is wrong with a claim's ``refs`` beside the review's own citations, or None: where the
    paragraph (or list item) that holds the claim's quote cites references, each reference the claim
    names is one of them. A paragraph that cites none leaves the attribution to the register."""
    start, end = spans[r["section"]]
    at = phrase_at(review, r["quote"], start, end)
    if at is None:
        return None
    first, last = paragraph(review, at)
    numbers = cited(review[first:last])
    for ref in refs:
        number = sources[ref]["review_ref"]
        if numbers and number and number not in numbers:
            beside = ", ".join(f"[{n}]" for n in sorted(numbers, key=int))
            return (
                f"'{ref}' is the review's reference [{number}], but the paragraph that holds the claim's quote "
                f"(data/review.md line {line_of(review, first + 1)}) cites {beside}"
            )
    return None


def load_claims(path: Path, review: str, sources: dict[str, dict[str, str]]) -> list[Claim]:
    claims = []
    rows, spans = resource("claims", path.parent).read(path), sections(review)
    for r in rows:
        if not r["quote"].strip():
            raise cell_error(path, r, "quote", "empty")
        fault = _quote_fault(path, review, spans, rows, r)
        if fault is not None:
            raise fault
        if not (ROOT / f"{r['chapter']}.md").exists():
            raise cell_error(path, r, "chapter", f"'{r['chapter']}' is not a chapter: {r['chapter']}.md does not exist")
        refs = tuple(s.strip() for s in r["refs"].split(";") if s.strip())
        for ref in refs:
            if ref not in sources:
                raise cell_error(path, r, "refs", f"unknown reference id '{visible(ref)}'")
        fault = _citation_fault(review, spans, r, refs, sources)
        if fault is not None:
            raise cell_error(path, r, "refs", fault)
        for item in [r["reported"], *split_reported(r["reported"])]:
            if formula_fault(item):
                raise cell_error(path, r, "reported", formula_fault(item))
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


def check_values_quoted(data: Dataset) -> None:
    """Each fact's number stands in its quote as printed or within its rounding, and each text value
    by its words (:func:`acureview.data.quoted.text_fault`; none begins as a spreadsheet formula),
    unless its note says how it was derived (``derived: ...``). Called once every other rule has passed
    (:func:`acureview.verify.load`), so that a value that breaks a rule of its own is named by it."""
    path = data.folder / "facts.csv"
    for f in data.facts.values():
        if f.type == "text" and formula_fault(str(f.value)):
            raise DataError(path, f.row, "value", formula_fault(str(f.value)), line=f.line)
        if f.type not in ("int", "float", "text") or not f.quote or f.note.startswith(quoted.DERIVED):
            continue
        text = f.type == "text"
        fault = quoted.text_fault(str(f.value), f.quote) if text else quoted.fault(f.value, f.quote, f.unit)
        if fault:
            raise DataError(
                path,
                f.row,
                "value",
                f"{fault}; a number stands in the source's words as printed, a text in the source's words, or "
                "the note says how it was "
                f"derived ('{quoted.DERIVED} ...')",
                line=f.line,
            )
    crossfile.check_quote_order(path, data.facts)


def check_reported_quoted(data: Dataset) -> None:
    """Each number of a claim's ``reported`` stands in the claim's own quote (the review's words), so
    that an edit to one that the other does not follow is refused at the cell. Called once the
    claims' checks have read ``reported`` (:func:`acureview.verify.load`): a cell a check cannot read
    is named as such first."""
    path = data.folder / "claims.csv"
    for c in data.claims:
        for item in split_reported(c.reported):
            try:
                numbers = parse_numbers(item)
            except ValueError:
                continue  # words, not a number
            for n in numbers:
                if not quoted.stands_in(n.value, c.quote):
                    raise DataError(
                        path,
                        c.row,
                        "reported",
                        f"'{item}': {n.number} does not stand in the claim's quote ('{c.quote[:120]}'); "
                        "'reported' gives the review's numbers as the quote prints them",
                        line=c.line,
                    )


def _check_review_whole(path: Path, source: Row, review: str, entries: dict[str, int]) -> None:
    """A review that lacks a reference a source cites, and whose text stops before its reference list
    (no 'References' section), is cut short: the review is named as the file at fault, not the source."""
    n = source["review_ref"]
    if not n or n in entries or "References" in sections(review):
        return
    end = review.count("\n") + (0 if review.endswith("\n") else 1)
    raise DataError(
        path.parent / "review.md",
        None,
        None,
        f"the text stops at line {end} before entry [{n}] of its reference list, which sources.csv row "
        f"{source.row} ({source['source_id']}) cites: the file looks cut short; restore the review's whole text",
        line=end,
    )


def check_reference_numbers(path: Path, sources: dict[str, dict[str, str]], review: str) -> None:
    """Each review reference number (unique, by the schema) stands in the review as ``[n]``, and what
    a source records the review's entry as giving (``cited_year``, ``cited_journal``, ...) stands in
    that entry of its reference list as a whole phrase. The DOI is not compared here: written bare, as
    an address or in capitals it is the same DOI, and the citation check judges it
    (:func:`acureview.checks.citations.field_differences`)."""
    entries = {m.group(1): m.start() for m in REFERENCE_ENTRY.finditer(review)}
    for s in sources.values():
        _check_review_whole(path, s, review, entries)
        if s["review_ref"] and f"[{s['review_ref']}]" not in review:
            raise cell_error(path, s, "review_ref", f"the review has no reference [{s['review_ref']}] (data/review.md)")
        at = entries.get(s["review_ref"])
        if at is None:
            continue
        end = review.find("\n", at)
        entry = review[at : end if end >= 0 else None]
        for column in (c for c in s if c.startswith("cited_") and c != "cited_doi" and s[c]):
            if phrase_at(entry, s[column]) is None:
                raise cell_error(
                    path,
                    s,
                    column,
                    f"'{s[column]}' is not in the review's entry [{s['review_ref']}] (data/review.md line "
                    f"{line_of(review, at)}: '{entry.strip()[:160]}'); the cited_ columns give the entry as the "
                    "review prints it",
                )


def check_found(path: Path, sources: dict[str, dict[str, str]], facts: dict[str, Fact]) -> None:
    """No fact is read from a source whose record was not found (``found`` = no): it gives no words."""
    for f in facts.values():
        source = sources[f.source_id]
        if source["found"] == "no" and f.type != "missing":
            raise cell_error(
                path,
                source,
                "found",
                f"'no' (the record was not found), but facts.csv reads {f.fact_id} from {f.source_id} (row {f.row}): "
                "a source not found gives no words; say how it was found, or mark its facts missing",
            )


def load(folder: Path | str = DATA) -> Dataset:
    """Read and validate every data file in ``folder``; raise :class:`DataError` on the first fault.
    The claims' check inputs are validated by :func:`acureview.verify.load`, which calls this."""
    folder = Path(folder)
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise DataError(
            folder, None, None, f"the data folder {what}: name the folder that holds review.md and the CSV files"
        )
    review = load_review(folder / "review.md")
    paths = {
        n: folder / resource(n).path for n in ("sources", "facts", "claims", "assumptions", "searches", "readings")
    }
    sources = load_sources(paths["sources"])
    check_reference_numbers(paths["sources"], sources, review)
    facts = load_facts(paths["facts"], sources)
    check_found(paths["sources"], sources, facts)
    crossfile.check_record_pmid(paths["sources"], sources, facts)
    crossfile.check_fact_addresses(paths["facts"], sources, facts)
    crossfile.check_read_from(paths["sources"], paths["facts"], sources, facts)
    claims = load_claims(paths["claims"], review, sources)
    assumptions = load_assumptions(paths["assumptions"])
    searches = load_searches(paths["searches"], claims)
    readings = load_readings(paths["readings"], claims, sources, facts)
    return Dataset(
        review=review,
        claims=claims,
        sources=sources,
        facts=facts,
        folder=folder,
        assumptions=assumptions,
        searches=searches,
        readings=readings,
    )
