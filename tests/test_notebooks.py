"""Every chapter as the book build executed it (once): current with its source, free of errors,
and with every value its prose quotes glued. The build stops on any cell error
(nb_execution_raise_on_error), so a notebook here ran to the end.

Re-executing a notebook in the tests is kept for the one whose cells are tagged
``nbval-check-output`` (pytest.ini): there the second run is the test, of determinism.
"""

import json
import re
from pathlib import Path

import jupytext
import pytest

from acureview.paths import BUILD, ROOT

SOURCES = sorted(
    p
    for d in ("notebooks", "book")
    for p in (ROOT / d).glob("*.md")
    if p.read_text(encoding="utf-8").startswith("---\njupytext:")
)


def executed(source: Path) -> Path:
    return BUILD / "jupyter_execute" / source.relative_to(ROOT).with_suffix(".ipynb")


def code_cells(cells) -> list[str]:
    return [
        ("".join(c["source"]) if isinstance(c["source"], list) else c["source"]).strip()
        for c in cells
        if c["cell_type"] == "code"
    ]


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_the_built_notebook_is_the_current_source_executed(source):
    path = executed(source)
    assert path.exists(), f"{path} missing: run `make book`"
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert code_cells(nb["cells"]) == code_cells(jupytext.read(source).cells), "stale build: run `make book`"
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_every_quoted_value_is_glued(source):
    names = set(re.findall(r"\{glue:(?:text|figure)\}`([^`]+)`", source.read_text(encoding="utf-8")))
    names |= set(re.findall(r"```\{glue:figure\} (\S+)", source.read_text(encoding="utf-8")))
    names = {n.split(":")[0] for n in names}
    if not names:
        return
    glue = executed(source).with_suffix(".glue.json")
    assert glue.exists()
    missing = names - set(json.loads(glue.read_text(encoding="utf-8")))
    assert not missing


def test_only_determinism_checks_are_executed_twice():
    """pytest.ini re-executes exactly the notebooks that carry nbval-check-output cells."""
    ini = (ROOT / "pytest.ini").read_text(encoding="utf-8")
    tagged = {p for p in SOURCES if "nbval-check-output" in p.read_text(encoding="utf-8")}
    listed = {
        ROOT / p.replace("_build/jupyter_execute/", "").replace(".ipynb", ".md")
        for p in re.findall(r"_build/jupyter_execute/\S+\.ipynb", ini)
    }
    assert tagged and listed == tagged
