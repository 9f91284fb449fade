"""The verdict table: every claim of the register, checked, once per version of the inputs.

- :func:`load` reads and validates the data (the files, then each claim's inputs against its check);
- :func:`check_chapters` refuses data the verdict table judges but the chapters cannot be built on:
  what the studies' computations assume (:func:`acureview.studies.preconditions.chapter_faults`) and
  every fact a chapter computes with that the record does not give (:func:`preflight`), as each
  chapter declares its needs (:data:`acureview.chapters.NEEDS`): the facts it reads by id, and the
  study-level functions it calls on the data, run here as the chapter runs them;
- :func:`compute` runs every claim's check: one row a claim, plain strings (no pandas, so that
  ``python -m acureview verify`` stays fast), with the card's two lines (:func:`standing`);
- :func:`write` publishes the rows as ``verdicts.csv`` and ``verdicts.json``, and with them the
  verdicts under each reading of a text not read (:func:`acureview.whatif.rows`) as ``whatif.csv``
  and ``whatif.json``, with the hash of the inputs they were computed from and the hash of the files
  as written (``verdicts.inputs``), all or nothing: a table edited by hand is recomputed;
- :func:`whatifs` is what the cards call for the latter, read as :func:`read` reads the table;
- :func:`read` is what the chapters, the pages and the book's Sphinx extension call: the table of
  the current inputs, read from ``_build/`` when its hash is theirs, computed and written otherwise,
  so the table is computed once per build however many pages show it;
- :func:`table` computes the table of a dataset that is not the one on disk (a test's changed copy).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from . import appraisal, checks, whatif
from .chapters import NEEDS, Needs
from .data import (
    ClaimInputError,
    DataError,
    Dataset,
    Origin,
    UnknownAssumption,
    UnknownFact,
    UnusableFact,
    check_reported_quoted,
    check_values_quoted,
)
from .data import load as load_files
from .files import write_atomic
from .inputs import digest_for
from .lazy import lazy
from .paths import BUILD, DATA, ROOT
from .studies.preconditions import chapter_faults
from .studies.sources import quote
from .verdicts import ORDER

pd = lazy("pandas")

#: the verdict table's schema (a Frictionless Data Resource), which declares its columns
RESOURCE = Path(__file__).resolve().parent / "verdicts.resource.json"
COLUMNS = [f["name"] for f in json.loads(RESOURCE.read_text(encoding="utf-8"))["schema"]["fields"]]
#: the verdict table, then the verdicts under each reading of a text not read (:mod:`acureview.whatif`)
OUTPUTS = ("verdicts.csv", "verdicts.json", "whatif.csv", "whatif.json")
#: the hash of the inputs the published table was computed from (:mod:`acureview.inputs`)
STAMP = "verdicts.inputs"

Rows = list[dict[str, str]]

#: the book's chapters (MyST-markdown notebooks), whose sections :func:`misplaced` looks for
CHAPTERS = ROOT / "notebooks"


def load(folder: Path | str = DATA) -> Dataset:
    """Every data file of ``folder`` read and validated (:func:`acureview.data.load`), every
    claim's ``reported`` and ``args`` readable by its check (:func:`acureview.checks.validate`), and
    the appraisal files read once, validated and carried as ``data.appraisal``
    (:func:`acureview.appraisal.load`; the dataset is frozen, so it is built anew with them and with
    its :class:`~acureview.data.Origin`): what the verdict table, the chapters and the site start from.
    The inputs are hashed before and after they are read: a file edited meanwhile is refused (a
    :class:`DataError`), so the hash the table is stored with is the hash of what was read."""
    inputs = digest_for(folder)
    data = load_files(folder)
    try:
        _validate(data)
        check_reported_quoted(data)
        check_values_quoted(data)
        data = replace(data, appraisal=appraisal.load(data))
    except UnknownAssumption as e:  # an assumption the analyses read, deleted or renamed
        raise DataError(
            e.path,
            None,
            "assumption_id",
            f"no assumption '{e.assumption_id}', which the analyses read: restore its row",
        ) from None
    if digest_for(folder) != inputs:
        raise DataError(
            folder, None, None, "the data, the chapters or the package changed while they were read: run it again"
        )
    return replace(data, origin=Origin(inputs, data.content_hash()))


def _validate(data: Dataset) -> None:
    """Each claim's inputs and what the computations assume (:func:`acureview.checks.validate`). When
    an assumption is refused as at odds with the facts (the fewest patients assumed above the
    participants) while a fact's value does not stand in its quote (a rate of 0.29 where the source
    prints 29%), that value is the cause, and it is named at its cell instead."""
    try:
        checks.validate(data)
    except DataError as e:
        if e.path.name == "assumptions.csv":
            check_values_quoted(data)
        raise


def check_chapters(data: Dataset, chapters: Path = CHAPTERS, out: Path = BUILD) -> None:
    """Raise, as a :class:`DataError` at the cell at fault, the first thing in ``data`` that the
    chapters assume beyond what the checks need (:func:`acureview.studies.preconditions.chapter_faults`),
    then a claim whose chapter has no section for it (:func:`misplaced`), then the first fact a
    chapter computes with that the record does not give (:func:`preflight`), then a reading of a
    text not read that these data refuse (:func:`acureview.whatif.table`), whose card could not
    show it: a pending reading missing from the verdicts under each reading in ``out``
    (:func:`whatifs`). Called before the book's chapters run, after the table is written
    (``python -m acureview verify --book``)."""
    for fault in chapter_faults(data):
        raise fault
    for fault in misplaced(data, chapters):
        raise fault
    for fault in preflight(data):
        raise fault
    published = {w["reading_id"] for w in whatifs(data, out)}
    for r in data.readings:
        if whatif.pending(data, r) and r.reading_id not in published:
            whatif.outcome(data, r)  # held back from the table: raises the reading's fault at its cell


def misplaced(data: Dataset, chapters: Path = CHAPTERS) -> list[DataError]:
    """Each claim whose chapter (``claims.csv``'s ``chapter``) has no section for it (its label,
    ``(claim-c-3-2-03)=``), as a :class:`DataError` at the claim's ``chapter`` cell: the book glues
    a claim's verdict into its chapter only, so a claim moved to another chapter leaves the chapter
    that discusses it without its verdict and the book cannot be built."""
    texts: dict[str, str] = {}
    faults = []
    for c in data.claims:
        file = chapters / f"{Path(c.chapter).name}.md"
        if c.chapter not in texts:
            texts[c.chapter] = file.read_text(encoding="utf-8") if file.is_file() else ""
        if f"({c.anchor})=" not in texts[c.chapter]:
            faults.append(
                DataError(
                    data.folder / "claims.csv",
                    c.row,
                    "chapter",
                    f"the chapter '{c.chapter}' has no section for {c.claim_id} (no label '({c.anchor})='), so the "
                    "book cannot be built: a claim's chapter is the one that discusses it",
                    line=c.line,
                )
            )
    return faults


def preflight(data: Dataset, names: Iterable[str] | None = None) -> list[DataError]:
    """Every fact each chapter computes with that the record does not give, as a :class:`DataError`
    at the fact's cell naming the chapter: the facts each chapter declares it reads
    (:data:`acureview.chapters.NEEDS`) and those its declared study-level calls need (each run on
    ``data``, an :class:`~acureview.data.UnusableFact` collected). ``names``: the chapters to check
    (their files' names without ``.md``); all by default."""
    faults: dict[tuple[str, str], DataError] = {}
    path = data.folder / "facts.csv"

    def gap(chapter: str, e: UnusableFact, how: str) -> None:
        f = e.fact
        message = f"the chapter '{chapter}' computes with it ({how}), so the book cannot be built: {e}"
        faults.setdefault((chapter, f.fact_id), DataError(path, f.row, "value", message, line=f.line))

    for chapter in NEEDS if names is None else names:
        needs = NEEDS.get(chapter, Needs())
        for fact_id in needs.facts:
            if fact_id not in data.facts:
                raise DataError(
                    path, None, "fact_id", f"no fact '{fact_id}', which the chapter '{chapter}' computes with"
                )
            if data.facts[fact_id].type == "missing":
                gap(chapter, UnusableFact(data.facts[fact_id], path, "a value"), "read directly")
        for call in needs.calls:
            try:
                call(data)
            except UnusableFact as e:
                gap(chapter, e, f"through {call.name}")
    return list(faults.values())


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
                **standing(c, data, r.verdict),
                "chapter": c.chapter,
                "anchor": c.anchor,
                "check": c.check,
            }
        )
    return rows


def standing(claim, data: Dataset, verdict: str) -> dict[str, str]:
    """The card's two lines for ``claim``, judged ``verdict``, as the table's columns ``cited`` (what
    the review cites and whether it holds the statement, :func:`acureview.checks.citation_line`) and
    ``evidence`` (what the best evidence says, with its certainty, :func:`acureview.checks.evidence_line`)."""
    return {"cited": checks.citation_line(claim, data, verdict), "evidence": checks.evidence_line(claim, data)}


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
    data = data if data is not None else load(folder)
    computed = compute(data)
    paths = write(computed, out, current, whatif.rows(data))
    return computed, "wrote " + ", ".join(str(p) for p in paths)


def stored(out: Path, inputs: str) -> Rows | None:
    """The rows of the table in ``out`` if it was computed from the inputs hashed ``inputs``, is
    whole, and its files are as written (their digest, the stamp's second line: a table edited by
    hand is recomputed); None otherwise."""
    lines = _stamp_lines(out)
    if lines[:1] != [inputs]:
        return None
    try:
        texts = [(out / name).read_text(encoding="utf-8") for name in OUTPUTS]
    except OSError:
        return None
    if lines[1:2] != [content_digest(*texts)]:
        return None
    rows = _whole(out / "verdicts.json", COLUMNS)
    return rows if _whole(out / "whatif.json", whatif.COLUMNS) is not None else None


def _whole(path: Path, columns: list[str]) -> Rows | None:
    """The rows of the JSON table ``path`` if each has ``columns``, in order; None otherwise."""
    try:
        rows = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if isinstance(rows, list) and all(isinstance(r, dict) and list(r) == columns for r in rows):
        return rows
    return None


def whatifs(data: Dataset | None = None, out: Path = BUILD, folder: Path = DATA) -> Rows:
    """The verdicts under each reading of a text not read (:func:`acureview.whatif.rows`) of the
    inputs on disk, read from ``out`` where the verdict table of these inputs is stored, computed and
    written there with it otherwise (:func:`rows`). A dataset built or changed in memory has them
    computed now, and neither read from ``out`` nor written there."""
    if data is not None and data.loaded_from is None:
        return whatif.rows(data)
    current = digest_for(folder) if data is None else data.loaded_from
    if stored(out, current) is None:
        rows(data, out, folder)
    found = _whole(out / "whatif.json", whatif.COLUMNS)
    if found is None:
        raise DataError(out / "whatif.json", None, None, "not a whole table of the verdicts under each reading")
    return found


def content_digest(*texts: str) -> str:
    """The hash of the table's files as written (``verdicts.csv``, ``verdicts.json``, ``whatif.csv``,
    ``whatif.json``)."""
    h = hashlib.sha256()
    for text in texts:
        data = text.encode("utf-8")
        h.update(b"%d:" % len(data) + data)
    return h.hexdigest()[:16]


def _stamp_lines(out: Path) -> list[str]:
    try:
        return (out / STAMP).read_text(encoding="utf-8").split()
    except OSError:
        return []


def stamp(out: Path = BUILD) -> str | None:
    """The inputs' hash the table in ``out`` was computed from (the stamp's first line), or None."""
    return next(iter(_stamp_lines(out)), None)


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


def as_csv(rows: Rows, columns: list[str] = COLUMNS) -> str:
    """The rows as the published CSV (what pandas writes, without loading it)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write(rows, out: Path = BUILD, inputs: str | None = None, readings: Rows | None = None) -> list[Path]:
    """Write the table (rows, or a DataFrame) as CSV and JSON, and ``readings``, the verdicts under
    each reading of a text not read (:func:`acureview.whatif.rows`), as ``whatif.csv`` and
    ``whatif.json``, all or nothing: each goes to a temporary file first. ``inputs``, the hash of the
    inputs they were computed from, is written last (``verdicts.inputs``); without it any older hash
    is removed, so :func:`read` never takes a table for another version of the inputs."""
    rows = _records(rows)
    out.mkdir(parents=True, exist_ok=True)
    (out / STAMP).unlink(missing_ok=True)
    payloads = {
        "verdicts.csv": as_csv(rows),
        "verdicts.json": json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
    }
    if readings is not None:
        payloads["whatif.csv"] = as_csv(readings, whatif.COLUMNS)
        payloads["whatif.json"] = json.dumps(readings, ensure_ascii=False, indent=1) + "\n"
    if inputs:  # the inputs' hash, then the hash of the files as written
        payloads[STAMP] = inputs + "\n" + content_digest(*(payloads[n] for n in OUTPUTS if n in payloads)) + "\n"
    write_atomic({out / name: text for name, text in payloads.items()})
    return [out / n for n in OUTPUTS if n in payloads]


def discard(out: Path = BUILD) -> None:
    """Remove outputs that no longer describe the data (called when the data fail validation)."""
    for name in (STAMP, *OUTPUTS):
        (out / name).unlink(missing_ok=True)


def summary(verdicts) -> list[tuple[str, int]]:
    """How many claims have each verdict, gravest first: (verdict, count) pairs, from the rows or
    a column of verdicts."""
    if hasattr(verdicts, "columns"):
        verdicts = verdicts["verdict"]
    verdicts = [r["verdict"] if isinstance(r, dict) else r for r in verdicts]
    return [(v, verdicts.count(v)) for v in ORDER if v in verdicts]
