"""The data files: the real ones pass; deliberately broken copies are rejected with a message that
names the file, the row and the column, and leave no output behind."""
import csv
import json
import re

import pytest

from acureview import checks, verify
from acureview.__main__ import main
from acureview.data import DataError, load
from acureview.paths import ROOT


def test_register_is_complete_enough(data):
    assert len(data.claims) >= 50
    kinds = {c.kind for c in data.claims}
    assert {"number", "p_value", "citation", "qualitative", "reference"} <= kinds
    # every reference entry of the review is a claim
    assert {c.refs[0] for c in data.claims if c.kind == "reference"} == {f"R{i}" for i in range(1, 8)}


def test_every_quote_is_verbatim(data):
    for c in data.claims:
        assert c.quote in data.review, c.claim_id


def test_every_claim_names_an_existing_check(data):
    for c in data.claims:
        assert c.check in checks.REGISTRY, c.claim_id


def test_every_checked_claim_has_its_section_in_its_chapter(data):
    for c in data.claims:
        if c.check == "pending":
            continue
        chapter = ROOT / f"{c.chapter}.md"
        assert chapter.exists(), f"{c.claim_id}: {chapter} missing"
        assert f"({c.anchor})=" in chapter.read_text(encoding="utf-8"), f"{c.claim_id}: no label {c.anchor}"


def test_every_reference_has_an_address_and_what_was_read(data):
    for sid, s in data.sources.items():
        if s["review_ref"]:
            assert s["found"] in {"yes", "nearest", "no"}
            assert s["read_from"], sid
            assert s["url"] or s["found"] == "no", sid


def test_facts_of_both_studies_are_recorded(data):
    assert {f.source_id for f in data.facts.values()} >= {"R1", "R2"}
    for f in data.facts.values():
        assert f.type == "missing" or f.locator, f.fact_id


# --- broken fixtures -------------------------------------------------------------------------

def _edit(path, fn):
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    rows = fn(rows)
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _set(rows, row, column, value):
    rows[row][rows[0].index(column)] = value
    return rows


def _drop_column(rows, column):
    i = rows[0].index(column)
    return [r[:i] + r[i + 1:] for r in rows]


BROKEN = {
    "missing column": ("claims.csv", lambda r: _drop_column(r, "quote"), 0, "quote", "missing column"),
    "wrong type": ("facts.csv", lambda r: _set(r, 4, "value", "seventy-eight"), 4, "value", "not a whole number"),
    "count larger than n": ("facts.csv", lambda r: _set(r, 6, "value", "40"), 6, "value", "larger than its denominator"),
    "unknown reference id": ("claims.csv", lambda r: _set(r, 15, "refs", "R9"), 15, "refs", "unknown reference id 'R9'"),
    "duplicate claim id": ("claims.csv", lambda r: _set(r, 3, "claim_id", r[2][0]), 3, "claim_id", "duplicate id"),
    "quote not verbatim": ("claims.csv", lambda r: _set(r, 20, "quote", "52.9% (acupuncture group)"), 20, "quote",
                           "not found verbatim"),
    "bad kind": ("claims.csv", lambda r: _set(r, 1, "kind", "opinion"), 1, "kind", "is not one of"),
    "bad reported": ("claims.csv", lambda r: _set(r, 16, "reported", "n:78"), 16, "reported", "is not key=value"),
    "unknown source of a fact": ("facts.csv", lambda r: _set(r, 1, "source_id", "R8"), 1, "source_id", "unknown source"),
    "bad year": ("sources.csv", lambda r: _set(r, 1, "record_year", "23"), 1, "record_year", "is not a year"),
    "assumption outside its range": ("assumptions.csv", lambda r: _set(r, 1, "value", "0.9"), 1, "value",
                                     "outside its range"),
    "assumption not a number": ("assumptions.csv", lambda r: _set(r, 2, "high", "wide"), 2, "high", "is not a number"),
    "assumption without basis": ("assumptions.csv", lambda r: _set(r, 3, "basis", ""), 3, "basis", "needs its basis"),
    "extra field": ("facts.csv", lambda r: r[:2] + [r[2] + ["surplus"]] + r[3:], 2, None, "fields, the header has"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_rejected_with_file_row_and_column(data_copy, case):
    name, fn, row, column, message = BROKEN[case]
    _edit(data_copy / name, fn)
    with pytest.raises(DataError) as err:
        load(data_copy)
    e = err.value
    assert e.path.name == name
    assert e.row == row
    assert e.column == column
    text = str(e)
    assert name in text and message in text
    assert (f"row {row}" in text) if row else ("header" in text)
    if column:
        assert f"column '{column}'" in text


def test_unknown_check_is_rejected(data_copy):
    _edit(data_copy / "claims.csv", lambda r: _set(r, 2, "check", "no.such.check"))
    with pytest.raises(DataError, match=r"claims.csv, row 2 \(line 3\), column 'check': no check named 'no.such.check'"):
        verify.table(load(data_copy))


def test_verify_command_writes_both_tables(tmp_path, capsys):
    assert main(["verify", "--out", str(tmp_path), "--quiet"]) == 0
    rows = list(csv.DictReader((tmp_path / "verdicts.csv").open(encoding="utf-8")))
    records = json.loads((tmp_path / "verdicts.json").read_text(encoding="utf-8"))
    assert [r["claim_id"] for r in rows] == [r["claim_id"] for r in records]
    assert set(verify.COLUMNS) <= set(rows[0])
    assert re.search(r"^\d+ claims: ", capsys.readouterr().out, re.M)


def test_verify_command_on_bad_data_fails_cleanly(tmp_path, data_copy, capsys):
    out = tmp_path / "out"
    assert main(["verify", "--out", str(out), "--quiet"]) == 0  # a good table first
    _edit(data_copy / "facts.csv", lambda r: _set(r, 6, "value", "40"))
    assert main(["verify", "--data", str(data_copy), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "facts.csv, row 6 (line 7), column 'value'" in err
    assert not any(out.iterdir()), "stale or half-written output left behind"


def test_verdict_table_is_byte_identical_across_processes(tmp_path):
    """Two runs in fresh interpreters with different hash seeds write the same bytes."""
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-m", "acureview", "verify", "--quiet", "--out", str(out)],
                       check=True, env=env, cwd=ROOT, capture_output=True)
        outs.append(((out / "verdicts.csv").read_bytes(), (out / "verdicts.json").read_bytes()))
    assert outs[0] == outs[1]
