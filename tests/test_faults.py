"""Faults a careless editor makes in the data, and what the verdict table does with each: a fact the
record does not give (type 'missing'), or gives as the wrong kind of value, is a 'not checkable'
verdict naming the fact; a fact or an assumption that breaks what a computation assumes is refused at
its cell before any check runs; a fact a chapter computes with that the record does not give is
refused before any chapter runs (``verify --book``), naming the chapter and the fact's cell; and the
command never prints a traceback (one line, exit 2, stale tables removed)."""

import csv
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from acureview import chapters, checks, verify
from acureview.__main__ import main
from acureview.data import DataError, Dataset, quoted
from acureview.paths import ROOT
from acureview.studies import preconditions
from acureview.verdicts import NOT_CHECKABLE

NOTE = "the value the test removed: in the full text, not read"
#: facts a check reads only to know whether they are given (a reference dated the review's year may be
#: too recent to be indexed): missing, the check says less, but has no verdict to withhold
ASKED_ONLY_WHETHER_GIVEN = {"review.year"}
#: checks that compare a fact's words with the review's (a number in text still reads as the number)
COMPARE_WORDS = {"fact", "support", "wording"}


def _numeric(data):
    return [f for f in data.facts.values() if f.type in ("int", "float")]


def _unusable(data, fact, kind: str):
    """The dataset with ``fact`` not given (``missing``) or given as text (``text``)."""
    if kind == "missing":
        new = replace(fact, type="missing", value=None, note=NOTE)
    else:
        new = replace(fact, type="text", value=f"about {fact.value}")
    return replace(data, facts={**data.facts, fact.fact_id: new})


@pytest.fixture(scope="module")
def reading(data):
    """Each claim's result on the project's data and the facts its check read."""
    return {c.claim_id: checks.run_reading(c, data) for c in data.claims}


@pytest.mark.parametrize("kind", ["missing", "text"])
def test_every_numeric_fact_not_given_in_turn_is_a_verdict_naming_it(data, reading, kind):
    """Each of the numeric facts, in turn, not given or given as text: no exception, the data still
    valid, and every claim whose check computed with the fact not checkable, naming the fact."""
    facts = _numeric(data)
    assert len(facts) >= 100
    none_given = data
    for fact in facts:
        none_given = _unusable(none_given, fact, kind)
    checks.validate(none_given)  # not a fault of the files: nothing is refused, even with none given
    rows = verify.compute(none_given)  # and the whole table computes
    assert sum(r["verdict"] == NOT_CHECKABLE for r in rows) > sum(
        r.verdict == NOT_CHECKABLE for r, _ in reading.values()
    )
    withheld = set()
    for fact in facts:
        changed = _unusable(data, fact, kind)
        for claim_id, (before, read) in reading.items():
            if fact.fact_id not in read:
                continue
            claim = changed.claim(claim_id)
            result, read_now = checks.run_reading(claim, changed)
            if result == before or fact.fact_id in ASKED_ONLY_WHETHER_GIVEN:
                continue
            if kind == "text" and claim.check in COMPARE_WORDS:
                assert result.verdict == before.verdict, (fact.fact_id, claim_id, result)
                continue
            assert result.verdict == NOT_CHECKABLE, (fact.fact_id, claim_id, result)
            assert fact.fact_id in result.reason + result.missing or NOTE in result.missing, (fact.fact_id, result)
            assert fact.fact_id in read_now  # the table's 'facts' column names it too
            withheld.add(fact.fact_id)
    # counter-case: the harness does withhold verdicts (the trial's arms, the cohort's VAS, ...)
    assert {"rct1.obs.randomized", "cohort2.vas_baseline_sd", "zhao2019.ma.rr"} <= withheld


def test_a_fact_not_given_reaches_the_table_as_not_checkable(data):
    changed = _unusable(data, data.fact("rct1.obs.randomized"), "missing")
    rows = {r["claim_id"]: r for r in verify.compute(changed)}
    row = rows["C-3.1-04"]
    assert row["verdict"] == NOT_CHECKABLE and "rct1.obs.randomized" in row["missing"]
    assert "rct1.obs.randomized" in row["facts"].split("; ")
    # the claims that do not read it keep their verdicts
    before = {r["claim_id"]: r for r in verify.compute(data)}
    kept = [i for i, r in before.items() if "rct1.obs.randomized" not in r["facts"].split("; ")]
    assert kept and all(rows[i] == before[i] for i in kept)


def test_a_fault_of_the_code_is_not_relabelled_a_data_error(data, monkeypatch):
    """A check's own bug surfaces as itself (here a TypeError), not as a claim's bad cell."""

    def broken(claim, data):
        raise TypeError("a bug")

    monkeypatch.setitem(checks.REGISTRY, "rct1.n_randomized", broken)
    with pytest.raises(TypeError, match="a bug"):
        verify.compute(data)


# --- the faults through load() and through the command ---------------------------------------------


def _edit(folder, name, key, column, value):
    """Set one cell of a data file: the row whose first cell is ``key``. Returns the data row's number."""
    path = folder / name
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    i = next(i for i, r in enumerate(rows) if r[0] == key)
    rows[i][rows[0].index(column)] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return i


# case: (file, row key, column, new value, the cell at fault (file, row key, column), what the message says)
FAULTS = {
    "zero denominator (new patients)": (
        "facts.csv",
        "cohort2.new_patients",
        "value",
        "0",
        ("facts.csv", "cohort2.new_patients", "value"),
        "the number of new patients must be above 0",
    ),
    "zero standard deviation": (
        "facts.csv",
        "cohort2.vas_baseline_sd",
        "value",
        "0",
        ("facts.csv", "cohort2.vas_baseline_sd", "value"),
        "is not above 0, as a standard deviation (SD) must be",
    ),
    "zero effect that another is divided by": (
        "facts.csv",
        "vickers2012.none.oa",
        "value",
        "0",
        ("facts.csv", "vickers2012.none.oa_low", "value"),
        "are out of order",
    ),
    "no patients randomized to an arm": (
        "facts.csv",
        "rct1.obs.randomized",
        "value",
        "0",
        ("facts.csv", "rct1.obs.randomized", "value"),
        "it cannot be 0",
    ),
    "percentages whose parts no longer add up": (
        "facts.csv",
        "cohort2.cure_pct",
        "value",
        "60",
        ("facts.csv", "cohort2.strong_responders_pct", "value"),
        "adding up to the strong responders",
    ),
    "a risk ratio outside its interval": (
        "facts.csv",
        "zhao2019.ma.rr",
        "value",
        "1.6",
        ("facts.csv", "zhao2019.ma.rr_high", "value"),
        "are out of order",
    ),
    "a P value of 0 (the schema's range allows it; the analyses cannot)": (
        "facts.csv",
        "zhao2019.ea.p",
        "value",
        "0",
        ("facts.csv", "zhao2019.ea.p", "value"),
        "between 0 and 1",
    ),
    "an assumed correlation of 1": (
        "assumptions.csv",
        "cohort2.vas_r",
        "high",
        "1",
        ("assumptions.csv", "cohort2.vas_r", "high"),
        "strictly between -1 and 1",
    ),
    "an assumed standard deviation of 0": (
        "assumptions.csv",
        "cohort2.vas_12m_sd",
        "low",
        "0",
        ("assumptions.csv", "cohort2.vas_12m_sd", "low"),
        "is not above 0, as a standard deviation (SD) must be",
    ),
    "an assumed prior strength of 0": (
        "assumptions.csv",
        "prior.strength_strong",
        "low",
        "0",
        ("assumptions.csv", "prior.strength_strong", "low"),
        "a probability, which the analyses need strictly between 0 and 1",
    ),
    "a support claim with nothing to read": (
        "claims.csv",
        "C-1-05",
        "args",
        "",
        ("claims.csv", "C-1-05", "args"),
        "nothing to judge the claim by",
    ),
    "a support claim citing a source read, without its fact": (
        "claims.csv",
        "C-3.1-16",
        "args",
        "",
        ("claims.csv", "C-3.1-16", "args"),
        "no 'fact='",
    ),
    "a support claim judged by a fact of a source it does not cite": (
        "claims.csv",
        "C-3.1-16",
        "args",
        "fact=zhao2019.remission",
        ("claims.csv", "C-3.1-16", "args"),
        "which the claim does not cite",
    ),
    "an empty section": ("claims.csv", "C-3.1-16", "section", "", ("claims.csv", "C-3.1-16", "section"), "empty"),
}


def _break(folder, case, faults=FAULTS):
    name, key, column, value, (at_name, at_key, at_column), message = faults[case]
    _edit(folder, name, key, column, value)
    with (folder / at_name).open(newline="", encoding="utf-8") as fh:
        row = next(i for i, r in enumerate(csv.reader(fh)) if r[0] == at_key)
    return at_name, row, at_column, message


@pytest.mark.parametrize("case", sorted(FAULTS))
def test_a_fault_is_refused_at_its_cell(data_copy, case):
    name, row, column, message = _break(data_copy, case)
    with pytest.raises(DataError) as err:
        verify.load(data_copy)
    e = err.value
    assert (e.path.name, e.row, e.column) == (name, row, column), str(e)
    assert message in str(e) and f"row {row} (line " in str(e)


@pytest.mark.parametrize("case", sorted(FAULTS))
def test_the_command_refuses_a_fault_in_one_line(tmp_path, data_copy, capsys, case):
    """Exit status 2, one line naming the file, row and column at fault, no traceback, and the tables
    of the previous run removed."""
    out = tmp_path / "out"
    out.mkdir()
    for stale in (*verify.OUTPUTS, verify.STAMP):
        (out / stale).write_text("the previous run's", encoding="utf-8")
    name, row, column, message = _break(data_copy, case)
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    assert f"{name}, row {row} (line " in lines[0] and f"column '{column}'" in lines[0] and message in lines[0]
    assert "Traceback" not in captured.err + captured.out and captured.out == ""
    assert not any(out.iterdir()), "stale tables left behind"


def test_the_command_reports_a_fault_of_the_code_in_one_line(tmp_path, data_copy, capsys, monkeypatch):
    """A bug is not the data's fault: one line naming the code, status 3, the stale tables removed."""
    out = tmp_path / "out"
    out.mkdir()
    for stale in (*verify.OUTPUTS, verify.STAMP):
        (out / stale).write_text("the previous run's", encoding="utf-8")

    def broken(claim, data):
        raise TypeError("a bug")

    monkeypatch.setitem(checks.REGISTRY, "rct1.n_randomized", broken)
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet", "--fresh"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("internal error at acureview/") and "TypeError: a bug" in err
    assert not any(out.iterdir())


def _run_command(data_copy, out):
    return subprocess.run(
        [sys.executable, "-m", "acureview", "verify", "--data", str(data_copy), "--out", str(out), "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_the_command_judges_a_fact_not_given_and_one_of_the_wrong_type(tmp_path, data_copy):
    """Through the command as make runs it: a fact marked missing, and another recorded as text where
    a number is needed, give verdicts (not checkable, naming each), exit 0, no traceback."""
    _edit(data_copy, "facts.csv", "rct1.obs.randomized", "type", "missing")
    _edit(data_copy, "facts.csv", "rct1.obs.randomized", "value", "")
    _edit(data_copy, "facts.csv", "rct1.obs.randomized", "note", "the arm's size: in the full text, not read")
    # (text where a number is needed: the unit goes too, as a text has none; an SD's id keeps it a number;
    # the text keeps the quote's number, as a text value must say what its quote says)
    _edit(data_copy, "facts.csv", "cohort2.vas_baseline", "type", "text")
    _edit(data_copy, "facts.csv", "cohort2.vas_baseline", "value", "about 6.2")
    _edit(data_copy, "facts.csv", "cohort2.vas_baseline", "unit", "")
    out = tmp_path / "out"
    proc = _run_command(data_copy, out)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    with (out / "verdicts.csv").open(newline="", encoding="utf-8") as fh:
        rows = {r["claim_id"]: r for r in csv.DictReader(fh)}
    for claim_id, fact_id in (("C-3.1-04", "rct1.obs.randomized"), ("C-3.2-08", "cohort2.vas_baseline")):
        assert rows[claim_id]["verdict"] == NOT_CHECKABLE and fact_id in rows[claim_id]["missing"], rows[claim_id]


def test_data_the_chapters_cannot_be_built_on_are_judged_by_verify_and_refused_for_the_book(
    tmp_path, data_copy, capsys
):
    """Two more dropouts and the review's 52.8% fits no count of the acupuncture arm: the verdict
    table calls it inconsistent (a finding), and ``--book`` refuses the data at the percentage's cell
    before any chapter runs, naming the facts."""
    _edit(data_copy, "facts.csv", "rct1.obs.dropouts", "value", "5")
    _edit(data_copy, "facts.csv", "rct1.obs.dropouts", "quote", "an observation group (39 cases, 5 cases dropped off)")
    out = tmp_path / "out"
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet"]) == 0
    with (out / "verdicts.csv").open(newline="", encoding="utf-8") as fh:
        assert {r["claim_id"]: r for r in csv.DictReader(fh)}["C-3.1-08"]["verdict"] == "inconsistent"
    capsys.readouterr()
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet", "--book"]) == 2
    err = capsys.readouterr().err
    row = next(c.row for c in verify.load(data_copy).claims if c.claim_id == "C-3.1-08")
    assert err.count("\n") == 1 and f"claims.csv, row {row} (line " in err and "column 'reported'" in err
    assert "rct1.obs.dropouts 5" in err and "the chapters cannot be built on it" in err
    assert not any(out.iterdir())
    # counter-case: the project's data are fit for the book
    verify.check_chapters(verify.load())


# --- what a chapter computes with, checked before any chapter runs ------------------------------------


def _reads_while(run) -> set[str]:
    """The ids of the facts read (``data.value``, ``data.number``) while ``run()`` runs."""
    read: set[str] = set()
    value, number = Dataset.value, Dataset.number

    def recorded(method):
        def wrapper(self, fact_id):
            read.add(fact_id)
            return method(self, fact_id)

        return wrapper

    Dataset.value, Dataset.number = recorded(value), recorded(number)
    try:
        run()
    finally:
        Dataset.value, Dataset.number = value, number
    return read


@pytest.fixture(scope="module")
def needs(data):
    """Each chapter and the facts read while the preflight runs its declared study-level calls, with
    the facts it declares it reads by id: {chapter file: fact ids}. The project's data are fit for
    every chapter."""
    out = {}
    for file in sorted(verify.CHAPTERS.glob("*.md")):
        faults = []
        read = _reads_while(lambda file=file, faults=faults: faults.extend(verify.preflight(data, [file.stem])))
        assert faults == []
        out[file] = read | set(chapters.NEEDS.get(file.stem, chapters.Needs()).facts)
    return out


def test_the_chapters_needs_are_declared(data, needs):
    by_name = {f.stem: ids for f, ids in needs.items()}
    assert {"zhao2019.ma.rr", "zhao2019.ea.rr_high", "armour2019.sham.g_low"} <= by_name["depression-evidence"]
    assert {"vickers2012.none.headache_high", "vickers2012.sham.oa"} <= by_name["chronic-pain-meta"]
    assert {"zhao2019.ssri.randomized", "rct1.obs.dropouts"} <= by_name["rct-bayes"]
    # read by a site helper the chapter calls (bayes.prior_words), declared as the chapter's
    assert "zhao2019.weeks" in chapters.NEEDS["rct-bayes"].facts
    assert "cohort2.vas_baseline_sd" in by_name["cohort-norway"]
    calls = {c.name for c in chapters.NEEDS["rct-bayes"].calls}
    assert {"rct1.priors", "rct1.important_difference", "rct1.results"} <= calls


def _readers(data, needs) -> dict[str, list]:
    """{numeric fact id: the chapters that read it}."""
    numeric = {f.fact_id for f in data.facts.values() if f.type in ("int", "float")}
    readers: dict[str, list] = {}
    for file, ids in needs.items():
        for i in ids & numeric:
            readers.setdefault(i, []).append(file)
    return readers


def _assert_refused(data, fact_id, files):
    faults = verify.preflight(_unusable(data, data.facts[fact_id], "missing"), [f.stem for f in files])
    fact = data.facts[fact_id]
    assert any(
        f"'{fact_id}'" in str(e) and e.row == fact.row and e.column == "value" and "chapter '" in str(e) for e in faults
    ), (fact_id, [str(e) for e in faults])


@pytest.mark.slow
def test_every_numeric_fact_a_chapter_reads_not_given_is_refused_naming_chapter_and_cell(data, needs):
    """Each numeric fact a chapter reads, in turn marked missing: refused at the fact's cell, naming
    a chapter that reads it (only the chapters that read it run). The whole sweep (every fact, some
    seventy runs of the chapters' study-level calls) runs in `make test`; the fast set runs one fact
    of each chapter (the next test)."""
    readers = _readers(data, needs)
    assert len(readers) >= 60
    for fact_id, files in sorted(readers.items()):
        _assert_refused(data, fact_id, files)


def test_a_numeric_fact_of_each_chapter_not_given_is_refused_naming_chapter_and_cell(data, needs):
    """The sweep above on one numeric fact of each chapter that reads any (the first by id), so that
    every chapter's way of reading its facts is exercised in the fast set."""
    readers = _readers(data, needs)
    assert len(readers) >= 60
    sample = {}
    for fact_id, files in sorted(readers.items()):
        for file in files:
            sample.setdefault(file, fact_id)
    assert len(sample) >= 6
    for fact_id in sorted(set(sample.values())):
        _assert_refused(data, fact_id, readers[fact_id])


@pytest.mark.parametrize(
    "fact_id, chapter",
    [
        ("zhao2019.ma.rr", "depression-evidence"),
        ("vickers2012.sham.oa_low", "chronic-pain-meta"),
        ("rct1.obs.randomized", "rct-tiaoqi-jieyu"),
        ("cohort2.vas_baseline_sd", "cohort-norway"),
    ],
)
def test_the_book_refuses_a_fact_a_chapter_computes_with_in_one_line(tmp_path, data_copy, capsys, fact_id, chapter):
    """Through the command as ``make book`` runs it: a numeric fact a chapter computes with, marked
    missing, is a verdict for ``verify`` (exit 0) but refused by ``verify --book`` (exit 2, one line
    naming the fact's cell and a chapter, no traceback, the stale tables removed)."""
    for column, value in (("type", "missing"), ("value", ""), ("note", NOTE)):
        _edit(data_copy, "facts.csv", fact_id, column, value)
    out = tmp_path / "out"
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet", "--book"]) == 2
    err = capsys.readouterr().err
    row = verify.load(data_copy).facts[fact_id].row
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"facts.csv, row {row} (line " in err and "column 'value'" in err and f"'{fact_id}'" in err, err
    assert "the chapter '" in err and "the book cannot be built" in err, err
    assert not any(out.iterdir())


def test_the_book_refuses_a_claim_moved_to_a_chapter_that_does_not_discuss_it(tmp_path, data_copy, capsys):
    """A claim whose chapter exists but has no section for it is judged by ``verify`` (its verdict does
    not depend on the chapter) and refused by ``verify --book``, as the book would fail on it: one
    line at the claim's ``chapter`` cell, the stale tables removed."""
    row = _edit(data_copy, "claims.csv", "C-3.2-03", "chapter", "notebooks/rct-bayes")
    out = tmp_path / "out"
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet", "--book"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert f"claims.csv, row {row} (line " in err and "column 'chapter'" in err, err
    assert "has no section for C-3.2-03 (no label '(claim-c-3-2-03)=')" in err, err
    assert not any(out.iterdir())
    assert not verify.misplaced(verify.load(ROOT / "data")), "every claim of the project's data has its section"


def test_an_assumption_deleted_is_named_in_one_line(tmp_path, data_copy, capsys):
    """An assumption row the analyses read, deleted: exit 2 (a fault of the data, not of the code),
    one line naming assumptions.csv and the assumption, the stale tables removed."""
    path = data_copy / "assumptions.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(x for x in lines if not x.startswith("prior.baseline_sd,")), encoding="utf-8")
    with pytest.raises(DataError) as err:
        verify.load(data_copy)
    assert (err.value.path.name, err.value.column) == ("assumptions.csv", "assumption_id")
    line = _refused_in_one_line(tmp_path, data_copy, capsys)
    assert "assumptions.csv, column 'assumption_id': no assumption 'prior.baseline_sd'" in line, line


def test_a_data_folder_that_does_not_exist_is_named_as_such(tmp_path, capsys):
    """``--data`` naming no folder: one line saying that the folder does not exist (not that a file in it is missing)."""
    line = _refused_in_one_line(tmp_path, tmp_path / "no such folder", capsys)
    assert (
        line
        == f"error: {tmp_path / 'no such folder'}: the data folder does not exist: name the folder that holds review.md and the CSV files"
    )


#: loaded in the kernel that executes a chapter: every fact it reads or asks about, appended to a file
#: (not those the verdict table reads, whose checks say 'not checkable' of a fact not given)
RECORDER = """
import os
import shutil
import traceback
from acureview.data import Dataset

# the verdict table's checks and the data's validation turn a fact not given into a verdict
HANDLED = ("acureview/checks/", "acureview/verify.py", "acureview/studies/preconditions.py")

def _recorded(method, kind):
    def wrapper(self, fact_id):
        if any(h in f.filename for f in traceback.extract_stack() for h in HANDLED):
            return method(self, fact_id)
        with open(os.environ["ACUREVIEW_READS"], "a", encoding="utf-8") as fh:
            fh.write(f"{kind} {fact_id}\\n")
        return method(self, fact_id)
    return wrapper

Dataset.value = _recorded(Dataset.value, "read")
Dataset.number = _recorded(Dataset.number, "read")
Dataset.known = _recorded(Dataset.known, "asked")
with open(os.environ["ACUREVIEW_READS"], "a", encoding="utf-8") as fh:
    fh.write("loaded recorder\\n")
"""


@pytest.mark.build
@pytest.mark.parametrize("chapter", sorted(p.stem for p in verify.CHAPTERS.glob("*.md")))
def test_a_chapter_executed_reads_no_number_the_preflight_misses(tmp_path, data, needs, chapter):
    """The chapter executed as the book executes it, every fact read recorded: each numeric fact it
    reads without asking first whether the record gives it (``data.known``) is one the preflight
    covers, so a chapter that starts reading a new fact cannot escape ``verify --book``."""
    bin_dir = Path(sys.executable).parent
    (tmp_path / "hook").mkdir()
    (tmp_path / "hook" / "sitecustomize.py").write_text(RECORDER, encoding="utf-8")
    reads = tmp_path / "reads.txt"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "hook"), str(ROOT)])}
    env["ACUREVIEW_READS"] = str(reads)
    nb = tmp_path / f"{chapter}.ipynb"
    subprocess.run(
        [bin_dir / "jupytext", "--quiet", "--to", "ipynb", "--output", nb, verify.CHAPTERS / f"{chapter}.md"],
        check=True,
        env=env,
    )
    subprocess.run([bin_dir / "jupyter-execute", "--inplace", nb], check=True, env=env, cwd=verify.CHAPTERS)
    lines = [line.split(" ", 1) for line in reads.read_text(encoding="utf-8").splitlines()]
    asked = {i for kind, i in lines if kind == "asked"}
    numeric = {f.fact_id for f in data.facts.values() if f.type in ("int", "float")}
    read = {i for kind, i in lines if kind == "read"} & numeric
    assert ["loaded", "recorder"] in lines, "the recorder did not load"
    assert read - asked <= needs[verify.CHAPTERS / f"{chapter}.md"], sorted(
        read - asked - needs[verify.CHAPTERS / f"{chapter}.md"]
    )


def test_an_assumption_is_refused_at_its_own_row_and_line(data_copy):
    """A cell that spans lines above it: the assumption's error names its data row and the physical
    line where that row starts, as a fact's does (not the row by the file's order, line = row + 1)."""
    _edit(data_copy, "assumptions.csv", "prior.evidence_inflation", "basis", "Discount of the prior:\nby a factor.")
    row = _edit(data_copy, "assumptions.csv", "cohort2.vas_r", "high", "1")
    with pytest.raises(DataError) as e:
        verify.load(data_copy)
    assert (e.value.row, e.value.line, e.value.column) == (row, row + 2, "high"), str(e.value)
    assert "assumptions.csv" in str(e.value) and f"row {row} (line {row + 2})" in str(e.value)


def test_the_preconditions_do_not_repeat_the_schema():
    """One schema: a standard deviation or a variance factor above 0 is the schema's rule (its measure
    and unit), not a precondition's; each precondition that stays says what the schema allows."""
    assert not [i for p in preconditions.PRECONDITIONS for i in p.facts if i.endswith("_sd")]
    assert not [i for i in preconditions.ASSUMED if i.endswith("_sd") or i == "prior.evidence_inflation"]
    assert all(
        "the schema allows" in p.rule
        for p in preconditions.PRECONDITIONS
        if "above 0" in p.rule or "must lie" in p.rule
    )


# --- what the data say, checked against itself: each fault refused at its cell, in one line --------------

#: case: (file, row key, column, new value, the cell at fault (file, row key, column), what the message says)
REFUSED = {
    "a percentage written as a proportion": (
        "facts.csv",
        "cohort2.female_pct",
        "value",
        "0.65",
        ("facts.csv", "cohort2.female_pct", "value"),
        "0.65 is a proportion; the quote prints 65%",
    ),
    "a value its quote contradicts": (
        "facts.csv",
        "rct1.randomized",
        "value",
        "77",
        ("facts.csv", "rct1.randomized", "value"),
        "77 does not stand in the quote",
    ),
    "a blank unit for a number": (
        "facts.csv",
        "cohort2.female_pct",
        "unit",
        "",
        ("facts.csv", "cohort2.female_pct", "unit"),
        "a number needs its unit",
    ),
    "a year in the future": (
        "facts.csv",
        "rct1.year",
        "value",
        "3023",
        ("facts.csv", "rct1.year", "value"),
        "3023 is in the future",
    ),
    "a publication year in the future": (
        "sources.csv",
        "R4",
        "record_year",
        "3023",
        ("sources.csv", "R4", "record_year"),
        "3023 is in the future",
    ),
    "a lookalike letter in a fact id": (
        "facts.csv",
        "rct1.weeks",
        "fact_id",
        "rct1.we\u0435ks",
        ("facts.csv", "rct1.we\u0435ks", "fact_id"),
        "U+0435 CYRILLIC SMALL LETTER IE",
    ),
    "a fact its own denominator": (
        "facts.csv",
        "rct1.obs.dropouts",
        "of",
        "rct1.obs.dropouts",
        ("facts.csv", "rct1.obs.dropouts", "of"),
        "is the fact itself",
    ),
    "a tracking parameter in an address": (
        "facts.csv",
        "rct1.randomized",
        "address",
        "https://pubmed.ncbi.nlm.nih.gov/37068818/?utm_source=x",
        ("facts.csv", "rct1.randomized", "address"),
        "is not a source's address",
    ),
    "a library's proxy as an address": (
        "facts.csv",
        "rct1.randomized",
        "address",
        "https://pubmed-ncbi-nlm-nih-gov.ezproxy.univ.edu/37068818/",
        ("facts.csv", "rct1.randomized", "address"),
        "is not a source's address",
    ),
    "a shadow library as a source's address": (
        "sources.csv",
        "R4",
        "url",
        "https://sci-hub.se/10.1001/archinternmed.2012.3654",
        ("sources.csv", "R4", "url"),
        "is not a source's address",
    ),
    "a click tracker's parameter on a copy read": (
        "sources.csv",
        "R4",
        "url",
        "https://doi.org/10.1001/archinternmed.2012.3654?fbclid=abc",
        ("sources.csv", "R4", "url"),
        "is not a source's address",
    ),
    "a shortener's host in capitals": (
        "facts.csv",
        "rct1.randomized",
        "address",
        "https://BIT.LY/abc",
        ("facts.csv", "rct1.randomized", "address"),
        "is not a source's address",
    ),
    "a user name that disguises a shortener": (
        "facts.csv",
        "rct1.randomized",
        "address",
        "https://doi.org@bit.ly/abc",
        ("facts.csv", "rct1.randomized", "address"),
        "is not a source's address",
    ),
    "a search engine's redirect": (
        "facts.csv",
        "rct1.randomized",
        "address",
        "https://www.google.com/url?q=https://pubmed.ncbi.nlm.nih.gov/37068818/",
        ("facts.csv", "rct1.randomized", "address"),
        "is not a source's address",
    ),
    "an e-mail client's safe link": (
        "facts.csv",
        "rct1.randomized",
        "address",
        "https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fpubmed.ncbi.nlm.nih.gov%2F37068818%2F",
        ("facts.csv", "rct1.randomized", "address"),
        "is not a source's address",
    ),
    "a shadow library's name in capitals": (
        "sources.csv",
        "R4",
        "url",
        "https://Sci-Hub.se/10.1001/archinternmed.2012.3654",
        ("sources.csv", "R4", "url"),
        "is not a source's address",
    ),
    "a tracking parameter in capitals": (
        "sources.csv",
        "R4",
        "url",
        "https://doi.org/10.1001/archinternmed.2012.3654?UTM_Source=x",
        ("sources.csv", "R4", "url"),
        "is not a source's address",
    ),
    "a mailing's tracker": (
        "facts.csv",
        "rct1.randomized",
        "address",
        "https://pubmed.ncbi.nlm.nih.gov/37068818/?_hsenc=p2ANqtz",
        ("facts.csv", "rct1.randomized", "address"),
        "is not a source's address",
    ),
    "a PubMed id of 0": (
        "sources.csv",
        "R1",
        "record_pmid",
        "0",
        ("sources.csv", "R1", "record_pmid"),
        "is not a PubMed id (digits only, from 1 on)",
    ),
    "a non-breaking space after a number": (
        "facts.csv",
        "rct1.obs.randomized",
        "value",
        "39\u00a0",
        ("facts.csv", "rct1.obs.randomized", "value"),
        "'39<U+00A0>' holds an invisible character (U+00A0 NO-BREAK SPACE)",
    ),
    "a text value its quote contradicts": (
        "facts.csv",
        "rct1.design",
        "value",
        "cohort study",
        ("facts.csv", "rct1.design", "value"),
        "'cohort study': none of its words or numbers stands in the quote",
    ),
    "a text value written as a formula": (
        "facts.csv",
        "rct1.design",
        "value",
        "=1+1",
        ("facts.csv", "rct1.design", "value"),
        "'=1+1' begins with '=', which a spreadsheet runs as a formula",
    ),
    "a claim's reference swapped for one its paragraph does not cite": (
        "claims.csv",
        "C-3.2-03",
        "refs",
        "R1",
        ("claims.csv", "C-3.2-03", "refs"),
        "'R1' is the review's reference [1], but the paragraph that holds the claim's quote",
    ),
    "a cited year the review's entry does not print": (
        "sources.csv",
        "R4",
        "cited_year",
        "2013",
        ("sources.csv", "R4", "cited_year"),
        "'2013' is not in the review's entry [4]",
    ),
    "a source not found that facts are read from": (
        "sources.csv",
        "R2",
        "found",
        "no",
        ("sources.csv", "R2", "found"),
        "'no' (the record was not found), but facts.csv reads cohort2.",
    ),
    "a percentage written as a proportion, which an assumption is at odds with": (
        "facts.csv",
        "cohort2.participation_pct",
        "value",
        "0.29",
        ("facts.csv", "cohort2.participation_pct", "value"),
        "0.29 is a proportion; the quote prints 29%",
    ),
    "a reported number its quote does not give": (
        "claims.csv",
        "C-3.1-07",
        "reported",
        "9 weeks",
        ("claims.csv", "C-3.1-07", "reported"),
        "9 does not stand in the claim's quote",
    ),
    "a reported percentage its quote does not give": (
        "claims.csv",
        "C-3.1-08",
        "reported",
        "99%",
        ("claims.csv", "C-3.1-08", "reported"),
        "99 does not stand in the claim's quote",
    ),
    "an assumption in another unit than the analyses read": (
        "assumptions.csv",
        "prior.strength_weak",
        "unit",
        "%",
        ("assumptions.csv", "prior.strength_weak", "unit"),
        "the analyses read prior.strength_weak in 'probability'",
    ),
    "an assumption without its unit": (
        "assumptions.csv",
        "prior.strength_weak",
        "unit",
        "",
        ("assumptions.csv", "prior.strength_weak", "unit"),
        "an assumption needs its unit",
    ),
}


def _refused_in_one_line(tmp_path, folder, capsys) -> str:
    """The command on ``folder``: exit 2, one line, no traceback, the stale tables removed."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    for stale in (*verify.OUTPUTS, verify.STAMP):
        (out / stale).write_text("the previous run's", encoding="utf-8")
    assert main(["verify", "--data", str(folder), "--out", str(out), "--quiet", "--fresh"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), captured.err
    assert "Traceback" not in captured.err + captured.out and captured.out == ""
    assert not any(out.iterdir()), "stale tables left behind"
    return lines[0]


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_what_the_data_say_is_checked_against_itself(tmp_path, data_copy, capsys, case):
    name, row, column, message = _break(data_copy, case, REFUSED)
    with pytest.raises(DataError) as err:
        verify.load(data_copy)
    e = err.value
    assert (e.path.name, e.row, e.column) == (name, row, column), str(e)
    assert message in str(e) and f"row {row} (line " in str(e)
    line = _refused_in_one_line(tmp_path, data_copy, capsys)
    assert f"{name}, row {row} (line " in line and f"column '{column}'" in line and message in line


#: faults made of several edits, each (file, row key, column, new value), as a spreadsheet would save
#: them: case: (the edits, the cell at fault (file, row key, column), what the message says)
VAS = "The initial VAS pain intensity of 6.2 (SD 2.5) improved to 4.0 at 3 months and 3.2 at 12 months"
EDITED = {
    "a value moved to another number of the same quote": (
        [("facts.csv", "cohort2.vas_12m", "value", "4.0")],
        ("facts.csv", "cohort2.vas_12m", "value"),
        "cohort2.vas_12m = 4 and cohort2.vas_3m (row 45) = 4 quote the same words, and cohort2.vas_3m takes the same occurrence",
    ),
    "two values of the same quote swapped": (
        [("facts.csv", "cohort2.vas_baseline", "value", "3.2"), ("facts.csv", "cohort2.vas_12m", "value", "6.2")],
        ("facts.csv", "cohort2.vas_baseline_sd", "value"),
        "cohort2.vas_baseline_sd = 2.5 and cohort2.vas_baseline (row 43) = 3.2 quote the same words, "
        "and cohort2.vas_baseline takes a number printed after it",
    ),
    "a standard deviation given as the mean": (
        [("facts.csv", "cohort2.vas_baseline", "value", "2.5")],
        ("facts.csv", "cohort2.vas_baseline_sd", "value"),
        "cohort2.vas_baseline (row 43) = 2.5 quote the same words, and cohort2.vas_baseline takes the same occurrence",
    ),
    "arms that do not add up to the patients randomized": (
        [
            ("facts.csv", "rct1.obs.randomized", "value", "45"),
            ("facts.csv", "rct1.obs.randomized", "quote", "an observation group (45 cases, 3 cases dropped off)"),
        ],
        ("facts.csv", "rct1.obs.randomized", "value"),
        "the arms do not add up to their total: rct1.obs.randomized 45 + rct1.ctrl.randomized 39 = 84, "
        "but rct1.randomized (row 4) is 78",
    ),
    "an arm counted against another arm's denominator": (
        [("facts.csv", "rct1.obs.dropouts", "of", "rct1.ctrl.randomized")],
        ("facts.csv", "rct1.obs.dropouts", "of"),
        "'rct1.ctrl.randomized' is a denominator of the arm 'ctrl', but rct1.obs.dropouts counts the arm 'obs'",
    ),
    "a fact moved to another source, its address still the first's": (
        [("facts.csv", "cohort2.vas_12m", "source_id", "R4")],
        ("facts.csv", "cohort2.vas_12m", "address"),
        "is not an address of R4",
    ),
    "a fact read from a full text its source records as not read": (
        [("facts.csv", "cohort2.vas_12m", "read_from", "full text")],
        ("facts.csv", "cohort2.vas_12m", "read_from"),
        "sources.csv records the full text of R2 as 'public, not read here'",
    ),
    "a source of which no text was read, its facts read from its abstract": (
        [("sources.csv", "R2", "read_from", "none")],
        ("sources.csv", "R2", "read_from"),
        "'none' (no text of R2 read), but facts.csv reads cohort2.",
    ),
    "a PubMed id its facts' PubMed addresses contradict": (
        [("sources.csv", "R1", "record_pmid", "37068819")],
        ("sources.csv", "R1", "record_pmid"),
        "at PubMed 37068818",
    ),
    "a denominator written in words": (
        [
            ("facts.csv", "rct1.randomized", "type", "text"),
            ("facts.csv", "rct1.randomized", "value", "seventy-eight"),
            ("facts.csv", "rct1.randomized", "unit", ""),
        ],
        ("facts.csv", "rct1.randomized", "type"),
        "a count used as a denominator must be a number",
    ),
    "a claim's check swapped for one that judges another kind of claim": (
        [("claims.csv", "C-3.2-07", "check", "cohort2.vas_test")],
        ("claims.csv", "C-3.2-07", "check"),
        "check 'cohort2.vas_test' does not fit the claim: it judges p_value claims, and this claim is a number claim",
    ),
    "a claim's kind that its check does not judge": (
        [("claims.csv", "C-3.2-08", "kind", "number")],
        ("claims.csv", "C-3.2-08", "kind"),
        "'number', but its check 'cohort2.vas_test' judges p_value claims",
    ),
}


@pytest.mark.parametrize("case", sorted(EDITED))
def test_a_careless_edit_is_refused_at_its_cell_not_judged(tmp_path, data_copy, capsys, case):
    """Edits that every cell's own rule lets through but that would make a verdict wrong (a number
    taken from the wrong place in its quote, arms that do not add up, a fact given to another source
    or read from a text not read): refused through load() and through the command, at the cell."""
    edits, (name, key, column), message = EDITED[case]
    for edit in edits:
        _edit(data_copy, *edit)
    with (data_copy / name).open(newline="", encoding="utf-8") as fh:
        row = next(i for i, r in enumerate(csv.reader(fh)) if r[0] == key)
    with pytest.raises(DataError) as err:
        verify.load(data_copy)
    e = err.value
    assert (e.path.name, e.row, e.column) == (name, row, column), str(e)
    assert message in str(e), str(e)
    line = _refused_in_one_line(tmp_path, data_copy, capsys)
    assert f"{name}, row {row} (line " in line and f"column '{column}'" in line and message in line


def test_the_numbers_of_a_shared_quote_stand_in_its_order(data):
    """The rule the swapped values break holds on the project's data: the cohort's VAS facts take
    their numbers in the order the quote prints them."""
    vas = [f for f in data.facts.values() if f.quote.startswith(VAS) and f.type == "float"]
    assert [f.value for f in vas] == [6.2, 2.5, 4.0, 3.2]


@pytest.mark.parametrize(
    "date, message", [("2026-02-30", "is not a date of the calendar"), ("2999-01-01", "is in the future")]
)
def test_a_search_s_date_is_a_real_day_not_in_the_future(data_copy, date, message):
    with (data_copy / "searches.csv").open(newline="", encoding="utf-8") as fh:
        key = next(csv.reader(fh)) and next(csv.reader(fh))[0]
    _edit(data_copy, "searches.csv", key, "date", date)
    with pytest.raises(DataError, match=message) as err:
        verify.load(data_copy)
    assert (err.value.path.name, err.value.row, err.value.column) == ("searches.csv", 1, "date")


def test_a_reference_entry_given_twice_in_the_review_is_refused_at_its_line(data_copy):
    review = data_copy / "review.md"
    text = review.read_text(encoding="utf-8")
    review.write_text(text + "\n- [2] Someone. Another paper. 2020.\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"entry \[2\] twice") as err:
        verify.load(data_copy)
    assert err.value.path.name == "review.md" and err.value.line == text.count("\n") + 2


def test_a_data_file_that_is_a_folder_is_named(data_copy):
    (data_copy / "facts.csv").unlink()
    (data_copy / "facts.csv").mkdir()
    with pytest.raises(DataError, match="not a file") as err:
        verify.load(data_copy)
    assert err.value.path.name == "facts.csv"


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda p: p.write_text(p.read_text(encoding="utf-8") + "}", encoding="utf-8"), "not valid JSON"),
        (
            lambda p: p.write_text(
                p.read_text(encoding="utf-8").replace('"maximum": 100', '"maximum": "100"', 1), encoding="utf-8"
            ),
            "the maximum of '%' is '100', not a number",
        ),
    ],
)
def test_a_folder_s_broken_datapackage_is_named_in_one_line(tmp_path, data_copy, capsys, edit, message):
    edit(data_copy / "datapackage.json")
    line = _refused_in_one_line(tmp_path, data_copy, capsys)
    assert "datapackage.json" in line and message in line and "internal error" not in line


def test_the_data_folder_s_own_datapackage_is_the_schema(data_copy):
    """``--data DIR``: DIR's own datapackage.json is read (here a VAS scale narrowed to 0-5 refuses
    the cohort's 6.2); without one, the project's (the same data accepted)."""
    path = data_copy / "datapackage.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            '"description": "a value on the 0 to 10 visual analogue scale",\n        "minimum": 0,\n        "maximum": 10',
            '"description": "a value on the 0 to 10 visual analogue scale",\n        "minimum": 0,\n        "maximum": 5',
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="outside the range") as err:
        verify.load(data_copy)
    assert err.value.path.name == "facts.csv" and err.value.column == "value"
    path.unlink()
    verify.load(data_copy)  # counter-case: the project's schema accepts them


def test_no_module_reads_the_data_package_on_import():
    """The data package is read on first use, never on import (so that the command names a broken
    one as it names any fault of the data): importing every module of the package reads nothing; the
    counter-case, the first use, reads it once."""
    code = (
        "import pkgutil, importlib, acureview; from acureview.data import schema\n"
        "names = [m.name for m in pkgutil.walk_packages(acureview.__path__, 'acureview.')]\n"
        "[importlib.import_module(n) for n in names if not n.endswith('.__main__')]\n"
        "import acureview.__main__\n"
        "print(len(names), schema.read_package.cache_info().misses)\n"
        "from acureview.data import bib_fields; bib_fields()\n"
        "print(schema.read_package.cache_info().misses)"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    imported, first = run.stdout.split("\n")[:2]
    n, misses = imported.split()
    assert int(n) > 50 and misses == "0", f"read on import: {run.stdout}"
    assert first == "1"


def test_the_project_s_broken_datapackage_is_named_in_one_line(tmp_path):
    """The project's own descriptor, broken: the command says so in one line, as for any fault of the data."""
    copy = tmp_path / "project"
    for part in ("acureview", "data", "notebooks"):
        shutil.copytree(ROOT / part, copy / part)
    (copy / "data" / "datapackage.json").write_text("{", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "acureview", "verify", "--quiet", "--out", str(tmp_path / "out")],
        cwd=copy,
        env={**os.environ, "PYTHONPATH": str(copy)},
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.count("\n") == 1 and "data/datapackage.json" in proc.stderr and "not valid JSON" in proc.stderr


def test_the_real_values_stand_in_their_quotes_and_the_derived_say_how(data):
    """Counter-case of the quote rules: every number of the project's data stands in its quote, or
    its note says how it was derived; and a proportion is found in a percentage printed."""
    derived = [f for f in data.facts.values() if f.note.startswith(quoted.DERIVED)]
    assert 0 < len(derived) <= 6 and all(len(f.note) > len(quoted.DERIVED) + 10 for f in derived)
    assert quoted.stands_in(0.65, "65% were females", "proportion")
    assert not quoted.stands_in(0.65, "65% were females", "%")
    assert quoted.stands_in(29, "Twenty-nine studies") and quoted.stands_in(17922, "a total of 17,922 patients")


@pytest.mark.parametrize(
    "encoding, lost, message",
    [
        ("latin-1", "?", "a '?' inside a word or a range"),
        ("utf-8", "\ufffd", "U+FFFD"),
        ("cp1252", "é", "not UTF-8 text"),
    ],
)
def test_a_file_saved_in_another_encoding_is_named_at_its_line(data_copy, encoding, lost, message):
    """Saved as Latin-1: a byte that is not UTF-8 is refused at its line; a character the encoding
    lacked and wrote as '?' (or U+FFFD) is refused at its cell, not read as other words."""
    path = data_copy / "facts.csv"
    text = path.read_text(encoding="utf-8")
    assert "20–79" in text
    path.write_bytes(text.replace("20–79", f"20{lost}79").encode(encoding, "replace"))
    with pytest.raises(DataError, match=re.escape(message)) as err:
        verify.load(data_copy)
    row = verify.load().facts["cohort2.age_median"].row
    assert err.value.path.name == "facts.csv" and err.value.row == row, str(err.value)


def test_every_check_declares_the_kinds_of_claim_it_judges(data):
    """Each check says which kinds of claim it judges, and every claim of the register is of a kind
    its check judges."""
    assert all(checks.INPUTS[name].kinds for name in checks.REGISTRY)
    assert all(c.kind in checks.INPUTS[c.check].kinds for c in data.claims)


# --- refusals that name the right thing -------------------------------------------------------------


def _named_in_one_line(tmp_path, folder, capsys, name: str, message: str) -> None:
    """verify.load() and the command name ``name`` and say ``message``."""
    with pytest.raises(DataError) as err:
        verify.load(folder)
    assert err.value.path.name == name and message in str(err.value), str(err.value)
    line = _refused_in_one_line(tmp_path, folder, capsys)
    assert f"{name}, " in line and message in line, line


def test_a_review_cut_short_is_named_before_the_sources(tmp_path, data_copy, capsys):
    review = data_copy / "review.md"
    text = review.read_text(encoding="utf-8")
    review.write_text(text[: text.index("[2]")], encoding="utf-8")
    _named_in_one_line(tmp_path, data_copy, capsys, "review.md", "the file looks cut short")


def test_excel_s_separator_line_is_named(tmp_path, data_copy, capsys):
    facts = data_copy / "facts.csv"
    facts.write_text("sep=,\n" + facts.read_text(encoding="utf-8"), encoding="utf-8")
    _named_in_one_line(tmp_path, data_copy, capsys, "facts.csv", "the file starts with Excel's 'sep=,' line")


def test_a_data_file_linked_to_another_is_named_with_the_other_s_header(tmp_path, data_copy, capsys):
    (data_copy / "facts.csv").unlink()
    (data_copy / "facts.csv").symlink_to(data_copy / "claims.csv")
    _named_in_one_line(tmp_path, data_copy, capsys, "facts.csv", "facts.csv has claims.csv's header")


def test_an_output_folder_linked_to_nowhere_is_named_as_such(tmp_path, data_copy, capsys):
    out = tmp_path / "out"
    out.symlink_to(tmp_path / "nowhere")
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "it is a symlink to a missing folder" in err[0] and str(tmp_path / "nowhere") in err[0]
