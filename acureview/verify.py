"""The verdict table: every claim of the register, checked, once per version of the inputs.

- :func:`load` reads and validates the data (the files, then each claim's inputs against its check);
- :func:`check_chapters` refuses data the verdict table judges but the chapters cannot be built on;
- :func:`compute` runs every claim's check: one row a claim, plain strings (no pandas, so that
  ``python -m acureview verify`` stays fast);
- :func:`write` publishes the rows as ``verdicts.csv`` and ``verdicts.json`` with the hash of the
  inputs they were computed from (``verdicts.inputs``), all or nothing;
- :func:`read` is what the chapters, the pages and the book's Sphinx extension call: the table of
  the current inputs, read from ``_build/`` when its hash is theirs, computed and written otherwise,
  so the table is computed once per build however many pages show it;
- :func:`table` computes the table of a dataset that is not the one on disk (a test's changed copy).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from . import appraisal, checks
from .checks.common import quote
from .data import ClaimInputError, DataError, Dataset, UnknownAssumption, UnknownFact
from .data import load as load_files
from .files import write_atomic
from .inputs import digest_for
from .lazy import lazy
from .paths import BUILD, DATA
from .studies.preconditions import chapter_faults
from .verdicts import ORDER

pd = lazy("pandas")

#: the verdict table's schema (a Frictionless Data Resource), which declares its columns
RESOURCE = Path(__file__).resolve().parent / "verdicts.resource.json"
COLUMNS = [f["name"] for f in json.loads(RESOURCE.read_text(encoding="utf-8"))["schema"]["fields"]]
OUTPUTS = ("verdicts.csv", "verdicts.json")
#: the hash of the inputs the published table was computed from (:mod:`acureview.inputs`)
STAMP = "verdicts.inputs"

Rows = list[dict[str, str]]


def load(folder: Path | str = DATA) -> Dataset:
    """Every data file of ``folder`` read and validated (:func:`acureview.data.load`), every
    claim's ``reported`` and ``args`` readable by its check (:func:`acureview.checks.validate`), and
    the appraisal files read once, validated and carried as ``data.appraisal``
    (:func:`acureview.appraisal.load`): what the verdict table, the chapters and the site start from."""
    inputs = digest_for(folder)
    data = load_files(folder)
    checks.validate(data)
    data.appraisal = appraisal.load(data)
    data.loaded_from = inputs
    return data


def check_chapters(data: Dataset) -> None:
    """Raise, as a :class:`DataError` at the cell at fault, the first thing in ``data`` that the
    chapters assume beyond what the checks need (:func:`acureview.studies.preconditions.chapter_faults`):
    called before the book's chapters run (``python -m acureview verify --book``)."""
    for fault in chapter_faults(data):
        raise fault


def compute(data: Dataset) -> Rows:
    """One row a claim: what the review reports, what the sources give, the verdict and why.

    Bad data stop it with a :class:`DataError` naming the file, the row and the column: the claims'
    inputs and the facts of a dataset that did not come through :func:`load` (one built or changed in
    memory) are validated first, as :func:`load` validates them (:func:`acureview.checks.validate`),
    then each check runs (see :func:`_run`)."""
    if data.loaded_from is None:
        checks.validate(data)
    rows = []
    for c in data.claims:
        if c.check not in checks.REGISTRY:
            raise DataError(data.folder / "claims.csv", c.row, "check", f"no check named '{c.check}'", line=c.line)
        r, read = _run(c, data)
        rows.append(
            {
                "claim_id": c.claim_id,
                "section": c.section,
                "kind": c.kind,
                "importance": c.importance,
                "quote": c.quote,
                "refs": "; ".join(c.refs),
                "reported": c.reported,
                "rederived": r.rederived,
                "verdict": r.verdict,
                "severity": r.severity,
                "reason": r.reason,
                "source_words": "\n".join(quote(data, f) for f in r.quotes),
                "facts": "; ".join(read),
                "missing": r.missing,
                "chapter": c.chapter,
                "anchor": c.anchor,
                "check": c.check,
            }
        )
    return rows


def frame(rows: Rows):
    """The rows as a pandas DataFrame with the table's columns, in order."""
    return pd.DataFrame(rows, columns=COLUMNS)


def table(data: Dataset):
    """The verdict table of ``data`` as a DataFrame, computed now: for a dataset that is not the one
    on disk. Pages and chapters call :func:`read`."""
    return frame(compute(data))


def read(data: Dataset | None = None, out: Path = BUILD):
    """The verdict table of the inputs on disk, as a DataFrame (:func:`rows`). A dataset built or
    changed in memory is not the one on disk: its table is computed now, and neither read from
    ``out`` nor written there."""
    if data is not None and data.loaded_from is None:
        return table(data)
    return frame(rows(data, out)[0])


def rows(data: Dataset | None = None, out: Path = BUILD, folder: Path = DATA, fresh: bool = False) -> tuple[Rows, str]:
    """The rows of the verdict table of the inputs on disk (``data``, as :func:`load` read them, or
    the files in ``folder``) and what was done: read from ``out`` when the hash stored with them is
    the inputs' hash (:func:`acureview.inputs.digest_for`) and ``fresh`` is false, otherwise
    computed and written there first (with that hash). A dataset built or changed in memory is
    refused (a ValueError): its table is :func:`table`'s."""
    if data is not None and data.loaded_from is None:
        raise ValueError(
            "a dataset built or changed in memory is not the inputs on disk: compute its table with table()"
        )
    folder = data.folder if data is not None else folder
    current = digest_for(folder) if data is None else data.loaded_from
    found = None if fresh else stored(out, current)
    if found is not None:
        return found, f"the table in {out} is of these inputs (data, package and lock unchanged): read, not recomputed"
    computed = compute(data if data is not None else load(folder))
    paths = write(computed, out, current)
    return computed, "wrote " + ", ".join(str(p) for p in paths)


def stored(out: Path, inputs: str) -> Rows | None:
    """The rows of the table in ``out`` if it was computed from the inputs hashed ``inputs`` and is
    whole; None otherwise."""
    if stamp(out) != inputs:
        return None
    try:
        rows = json.loads((out / "verdicts.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(rows, list) and all(isinstance(r, dict) and list(r) == COLUMNS for r in rows):
        return rows
    return None


def stamp(out: Path = BUILD) -> str | None:
    """The inputs' hash the table in ``out`` was computed from, or None."""
    try:
        return (out / STAMP).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def _run(c, data: Dataset) -> tuple[checks.Result, tuple[str, ...]]:
    """Run a claim's check: its result and the facts it read. A claim's cell that its check cannot
    read, or a fact or assumption the check needs that the files do not have, becomes a
    :class:`DataError` naming that file; a fact the record does not give is the check's verdict ('not
    checkable', :func:`acureview.checks.run`); what the data's validation lets through
    (:func:`load`) is the code's to handle, and any other error is a fault of the code, raised as
    it is."""
    claims = data.folder / "claims.csv"
    try:
        return checks.run_reading(c, data)
    except DataError:
        raise
    except ClaimInputError as e:
        where = e.claim or c  # the claim whose cell cannot be read
        raise DataError(
            claims,
            where.row,
            e.column,
            f"{e}" + (f" (read for claim {c.claim_id})" if where is not c else ""),
            line=where.line,
        ) from None
    except UnknownFact as e:
        raise DataError(
            e.path, None, "fact_id", f"no fact '{e.fact_id}', which check '{c.check}' needs for claim {c.claim_id}"
        ) from None
    except UnknownAssumption as e:
        raise DataError(
            e.path,
            None,
            "assumption_id",
            f"no assumption '{e.assumption_id}', which check '{c.check}' needs for claim {c.claim_id}",
        ) from None


def _records(rows) -> Rows:
    """Plain rows from rows or a DataFrame."""
    if hasattr(rows, "to_dict"):
        return rows.to_dict(orient="records")
    return list(rows)


def as_csv(rows: Rows) -> str:
    """The rows as the published CSV (what pandas writes, without loading it)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write(rows, out: Path = BUILD, inputs: str | None = None) -> list[Path]:
    """Write the table (rows, or a DataFrame) as CSV and JSON, all or nothing: each goes to a
    temporary file first. ``inputs``, the hash of the inputs it was computed from, is written last
    (``verdicts.inputs``); without it any older hash is removed, so :func:`read` never takes a table
    for another version of the inputs."""
    rows = _records(rows)
    out.mkdir(parents=True, exist_ok=True)
    (out / STAMP).unlink(missing_ok=True)
    payloads = {
        "verdicts.csv": as_csv(rows),
        "verdicts.json": json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
    }
    if inputs:
        payloads[STAMP] = inputs + "\n"
    write_atomic({out / name: text for name, text in payloads.items()})
    return [out / n for n in OUTPUTS]


def discard(out: Path = BUILD) -> None:
    """Remove outputs that no longer describe the data (called when the data fail validation)."""
    for name in (STAMP, *OUTPUTS):
        (out / name).unlink(missing_ok=True)


def summary(verdicts) -> list[tuple[str, int]]:
    """How many claims have each verdict, gravest first: (verdict, count) pairs, from the rows or
    a column of verdicts."""
    if hasattr(verdicts, "columns"):
        verdicts = verdicts["verdict"]
    elif verdicts and isinstance(next(iter(verdicts)), dict):
        verdicts = [r["verdict"] for r in verdicts]
    verdicts = list(verdicts)
    return [(v, verdicts.count(v)) for v in ORDER if v in verdicts]
