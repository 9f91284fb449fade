"""The verdict table: every claim of the register, checked, once per version of the inputs.

- :func:`load` reads and validates the data (the files, then each claim's inputs against its check);
- :func:`check_chapters` refuses data the verdict table judges but the chapters cannot be built on:
  what the studies' computations assume (:func:`acureview.studies.preconditions.chapter_faults`) and
  every fact a chapter computes with that the record does not give (:func:`preflight`), found from
  the chapters' own code: the facts each reads directly (``data.value``, ``data.number``) and the
  study-level functions each calls on the data alone, run here as the chapter runs them;
- :func:`compute` runs every claim's check: one row a claim, plain strings (no pandas, so that
  ``python -m acureview verify`` stays fast);
- :func:`write` publishes the rows as ``verdicts.csv`` and ``verdicts.json`` with the hash of the
  inputs they were computed from and the hash of the two files as written (``verdicts.inputs``),
  all or nothing: a table edited by hand is recomputed;
- :func:`read` is what the chapters, the pages and the book's Sphinx extension call: the table of
  the current inputs, read from ``_build/`` when its hash is theirs, computed and written otherwise,
  so the table is computed once per build however many pages show it;
- :func:`table` computes the table of a dataset that is not the one on disk (a test's changed copy).
"""

from __future__ import annotations

import ast
import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable
from pathlib import Path

from . import appraisal, checks
from .checks.common import quote
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
from .studies import cohort2, courses, pain_meta, rct1, safety
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

#: the book's chapters (MyST-markdown notebooks), whose needs :func:`preflight` reads from their code
CHAPTERS = ROOT / "notebooks"
#: the modules whose functions the chapters call on the data (study-level: no sampling, no plotting)
STUDY_MODULES = {m.__name__: m for m in (appraisal, cohort2, courses, pain_meta, rct1, safety)}
#: the publishing helpers a chapter may call (``from acureview.site import bayes``): above this layer,
#: so read as source text (:func:`helper_reads`), never imported
SITE = ROOT / "acureview" / "site"
#: a chapter's direct read of a fact by id: (f-string prefix, quote, id or f-string text)
READ = re.compile(r"""\bdata\.(?:value|number)\(\s*(f?)(["'])(.+?)\2\s*\)""")
#: a call with the data alone, or with the data and their appraisal: (module alias or '', function, ', appraisal')
#: a word-like string literal, which an f-string's placeholder may stand for
WORDS = re.compile(r"""["'](\w*)["']""")
CALL = re.compile(r"\b(?:([A-Za-z_]\w*)\.)?([A-Za-z_]\w*)\(data(, appraisal)?\)")
#: a call with the data and each item of a collection: (alias, function, item, alias, collection)
CALL_EACH = re.compile(r"\b(?:(\w+)\.)?(\w+)\(data, (\w+)\) for \3 in (?:(\w+)\.)?(\w+)\b")


def load(folder: Path | str = DATA) -> Dataset:
    """Every data file of ``folder`` read and validated (:func:`acureview.data.load`), every
    claim's ``reported`` and ``args`` readable by its check (:func:`acureview.checks.validate`), and
    the appraisal files read once, validated and carried as ``data.appraisal``
    (:func:`acureview.appraisal.load`): what the verdict table, the chapters and the site start from.
    The inputs are hashed before and after they are read: a file edited meanwhile is refused (a
    :class:`DataError`), so the hash the table is stored with is the hash of what was read."""
    inputs = digest_for(folder)
    data = load_files(folder)
    try:
        _validate(data)
        check_reported_quoted(data)
        check_values_quoted(data)
        data.appraisal = appraisal.load(data)
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
    data.origin = Origin(inputs, data.content_hash())
    return data


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


def check_chapters(data: Dataset, chapters: Path = CHAPTERS) -> None:
    """Raise, as a :class:`DataError` at the cell at fault, the first thing in ``data`` that the
    chapters assume beyond what the checks need (:func:`acureview.studies.preconditions.chapter_faults`),
    then a claim whose chapter has no section for it (:func:`misplaced`), then the first fact a
    chapter computes with that the record does not give (:func:`preflight`): called before the
    book's chapters run (``python -m acureview verify --book``)."""
    for fault in chapter_faults(data):
        raise fault
    for fault in misplaced(data, chapters):
        raise fault
    for fault in preflight(data, chapters):
        raise fault


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


def code_cells(chapter: Path) -> list[str]:
    """The code cells of a MyST-markdown chapter."""
    text = chapter.read_text(encoding="utf-8")
    return re.findall(r"^```\{code-cell\}[^\n]*\n(.*?)^```", text, re.S | re.M)


def imports(cells: list[str]) -> dict[str, object]:
    """What a chapter's code imports from the study-level modules, by the name it uses: a module
    (``from acureview.studies import rct1 as rct``), or a function or constant of one."""
    out: dict[str, object] = {}
    for module, imported in re.findall(r"^from (acureview[\w.]*) import (.+)$", "\n".join(cells), re.M):
        for part in imported.split(","):
            name, _, alias = (w.strip() for w in part.partition(" as "))
            full = f"{module}.{name}"
            owner, _, attr = full.rpartition(".")
            found = STUDY_MODULES.get(full, getattr(STUDY_MODULES.get(owner), attr, None))
            if found is not None:
                out[alias or name] = found
    return out


def _words(cell: str, names: dict[str, object]) -> set[str]:
    """What an f-string's placeholder in ``cell`` may stand for: the cell's word-like string literals
    and the strings of the study-level constants it names (a tuple of arms, a dict of conditions)."""
    words = set(WORDS.findall(cell))
    for name, value in names.items():
        if isinstance(value, (dict, tuple, list, frozenset, set)) and re.search(rf"\b{name}\b", cell):
            items = [*value, *value.values()] if isinstance(value, dict) else list(value)
            words |= {w for w in items if isinstance(w, str)}
    return words


def direct_reads(cells: list[str], fact_ids) -> list[str]:
    """The facts a chapter's code ``cells`` read by id (``data.value("x")``, ``data.number(f"x.{k}")``):
    a literal id, or every fact an f-string matches when each placeholder is one of the words the
    cell can give it (:func:`_words`)."""
    names = imports(cells)
    out: list[str] = []
    for cell in cells:
        words = "|".join(sorted(re.escape(w) for w in _words(cell, names)))
        for f, _, text in READ.findall(cell):
            if not f:
                out.append(text)
                continue
            parts = re.split(r"(\{[^}]*\})", text)
            pattern = re.compile("".join(f"(?:{words})" if p.startswith("{") else re.escape(p) for p in parts))
            out += [i for i in fact_ids if pattern.fullmatch(i)]
    return list(dict.fromkeys(out))


def helper_reads(cells: list[str], fact_ids) -> list[str]:
    """The facts read by id (:func:`direct_reads`) in the site helpers a chapter's code ``cells`` call
    (``bayes.prior_words(data)``), and in the functions of the same module those call in turn. The
    helpers' modules are parsed from their files: the site is above this layer and is not imported."""
    code = "\n".join(cells)
    out: list[str] = []
    for imported in re.findall(r"^from acureview\.site import (.+)$", code, re.M):
        for part in imported.split(","):
            name, _, alias = (w.strip() for w in part.partition(" as "))
            path = SITE / f"{name}.py"
            if not path.exists():
                continue
            source = path.read_text(encoding="utf-8")
            defs = {n.name: n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef)}
            todo = [f for f in re.findall(rf"\b{alias or name}\.(\w+)\(", code) if f in defs]
            seen: set[str] = set()
            while todo:
                f = todo.pop()
                if f in seen:
                    continue
                seen.add(f)
                body = ast.get_source_segment(source, defs[f]) or ""
                out += direct_reads([body], fact_ids)
                todo += [g for g in re.findall(r"(?<![.\w])(\w+)\(", body) if g in defs]
    return list(dict.fromkeys(out))


def study_calls(cells: list[str]) -> list[tuple[str, object]]:
    """The study-level calls a chapter's code ``cells`` make on the data, resolved through the
    chapter's imports (:func:`imports`): a function called with the data alone (``rct.arms(data)``,
    ``adverse_event_rates(data)``) or with the data and their appraisal (``ap.grade_profile(data,
    appraisal)``), and one called with the data and each item of a study-level
    collection (``ap.computed(data, k) for k in ap.COMPUTED``). (as written, a call taking the data)."""
    code = "\n".join(cells)
    names = imports(cells)

    def resolve(owner: str, name: str):
        return getattr(names.get(owner), name, None) if owner else names.get(name)

    out = []
    for owner, func, with_appraisal in dict.fromkeys(CALL.findall(code)):
        fn = resolve(owner, func)
        if callable(fn) and not isinstance(fn, type):
            written = f"{owner}.{func}" if owner else func
            if with_appraisal:  # the chapter's `appraisal` is the data's (data.appraisal)
                out.append((written, lambda d, fn=fn: fn(d, d.appraisal)))
            else:
                out.append((written, fn))
    for owner, func, _, of, collection in dict.fromkeys(CALL_EACH.findall(code)):
        fn, items = resolve(owner, func), resolve(of, collection)
        if callable(fn) and isinstance(items, (dict, tuple, list)):
            written = f"{owner}.{func}" if owner else func
            out += [(f"{written}(data, {item!r})", lambda d, fn=fn, item=item: fn(d, item)) for item in items]
    return out


def preflight(data: Dataset, chapters: Path | Iterable[Path] = CHAPTERS) -> list[DataError]:
    """Every fact each chapter computes with that the record does not give, as a :class:`DataError`
    at the fact's cell naming the chapter: the facts the chapter reads directly (:func:`direct_reads`)
    or through the site helpers it calls (:func:`helper_reads`)
    and the facts its study-level calls need (:func:`study_calls`, each run on ``data``, an
    :class:`~acureview.data.UnusableFact` collected). Found from the chapters' code as it is, so a
    chapter that reads a new fact is covered without a list to keep. ``chapters``: their folder, or
    the chapters' files."""
    faults: dict[tuple[str, str], DataError] = {}
    path = data.folder / "facts.csv"

    def gap(chapter: str, e: UnusableFact, how: str) -> None:
        f = e.fact
        message = f"the chapter '{chapter}' computes with it ({how}), so the book cannot be built: {e}"
        faults.setdefault((chapter, f.fact_id), DataError(path, f.row, "value", message, line=f.line))

    files = sorted(chapters.glob("*.md")) if isinstance(chapters, Path) else list(chapters)
    for file in files:
        code, chapter = code_cells(file), file.stem
        for fact_id in direct_reads(code, data.facts):
            if fact_id in data.facts and data.facts[fact_id].type == "missing":
                gap(chapter, UnusableFact(data.facts[fact_id], path, "a value"), "read directly")
        for fact_id in helper_reads(code, data.facts):
            if fact_id in data.facts and data.facts[fact_id].type == "missing":
                gap(chapter, UnusableFact(data.facts[fact_id], path, "a value"), "read by a helper it calls")
        for written, fn in study_calls(code):
            try:
                fn(data)
            except UnusableFact as e:
                gap(chapter, e, f"through {written}")
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
    """The rows of the table in ``out`` if it was computed from the inputs hashed ``inputs``, is
    whole, and its two files are as written (their digest, the stamp's second line: a table edited by
    hand is recomputed); None otherwise."""
    lines = _stamp_lines(out)
    if lines[:1] != [inputs]:
        return None
    try:
        texts = [(out / name).read_text(encoding="utf-8") for name in OUTPUTS]
        rows = json.loads(texts[1])
    except (OSError, ValueError):
        return None
    if lines[1:2] != [content_digest(*texts)]:
        return None
    if isinstance(rows, list) and all(isinstance(r, dict) and list(r) == COLUMNS for r in rows):
        return rows
    return None


def content_digest(*texts: str) -> str:
    """The hash of the table's files as written (``verdicts.csv``, ``verdicts.json``)."""
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
    if inputs:  # the inputs' hash, then the hash of the two files as written
        payloads[STAMP] = inputs + "\n" + content_digest(*(payloads[n] for n in OUTPUTS)) + "\n"
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
