"""What the executed pages show: no warning or other stderr output, no traceback or error, and no
path of the machine that built them. tools/execute.py refuses such a page when it executes it
(``output_problems``); the built notebooks are checked again here, with the glued values and the
pages' text."""

import json
import re
import sys

import pytest

from acureview.paths import BUILD, ROOT

sys.path.insert(0, str(ROOT / "tools"))
from execute import BINARY, MACHINE_PATHS, output_problems

EXECUTED = BUILD / "jupyter_execute"


def text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def executed():
    return sorted(EXECUTED.rglob("*.ipynb"))


@pytest.mark.build
def test_every_page_was_executed():
    assert len(executed()) >= 10, "no executed notebooks in _build/jupyter_execute: run `make book`"


@pytest.mark.build
@pytest.mark.parametrize("path", executed(), ids=lambda p: p.relative_to(EXECUTED).with_suffix("").as_posix())
def test_no_stderr_errors_or_machine_paths(path):
    assert output_problems(json.loads(path.read_text(encoding="utf-8"))) == []


@pytest.mark.build
def test_glued_values_show_no_machine_path():
    for glue in EXECUTED.rglob("*.glue.json"):
        records = json.loads(glue.read_text(encoding="utf-8"))
        for name, r in records.items():
            for kind, value in r.get("data", {}).items():
                if kind not in BINARY:
                    assert not MACHINE_PATHS.search(text(value)), (glue.name, name)


def nb(*outputs) -> dict:
    return {"cells": [{"cell_type": "code", "source": "x", "outputs": list(outputs)}]}


@pytest.mark.parametrize(
    "output",
    [
        # what ArviZ printed on the cohort page, once a day
        {
            "output_type": "stream",
            "name": "stderr",
            "text": [
                "/work/wt-build/.venv/lib/python3.11/site-packages/arviz/__init__.py:50: FutureWarning: \n",
                "ArviZ is undergoing a major refactor\n",
            ],
        },
        {"output_type": "error", "ename": "ValueError", "evalue": "bad", "traceback": []},
        {"output_type": "stream", "name": "stdout", "text": 'Traceback (most recent call last):\n  File "x"\n'},
        {"output_type": "stream", "name": "stdout", "text": "x.py:3: UserWarning: careful\n"},
        {
            "output_type": "execute_result",
            "execution_count": 1,
            "metadata": {},
            "data": {"text/plain": "PosixPath('/root/project/data/facts.csv')"},
        },
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"text/html": "<td>/home/me/.venv/lib/python3.11/site-packages/pymc</td>"},
        },
        {"output_type": "stream", "name": "stdout", "text": "saved to /tmp/fit.nc\n"},
    ],
    ids=["arviz-stderr", "error", "traceback", "warning-in-stdout", "path-in-result", "venv-in-html", "tmp"],
)
def test_a_notebook_with_such_output_is_caught(output):
    assert output_problems(nb(output))


def test_clean_output_passes():
    clean = nb(
        {"output_type": "stream", "name": "stdout", "text": "42 claims: 30 reproduced\n"},
        {
            "output_type": "display_data",
            "metadata": {},
            "data": {"image/png": "iVBORw0KGgo/work/", "text/plain": "<Figure size 640x480 with 1 Axes>"},
        },
    )
    assert output_problems(clean) == []


# --- no timings on a page: two clean builds give the same text -------------------------------------

TIMING = re.compile(
    r"(?<!over )(?<!\d)\d+(?:\.\d+)?\s*(?:s|secs?|seconds|ms|min|minutes)\b|ESS per second|sampling seconds"  # not NICE's "over 16s"
    r"|Executed notebook in",
    re.I,
)


def page_texts():
    from bs4 import BeautifulSoup

    html = BUILD / "html"
    for p in sorted(html.rglob("*.html")):
        rel = p.relative_to(html)
        # code/: the modules' source as written (its numbers are code, not outputs)
        if not any(part.startswith("_") for part in rel.parts) and rel.parts[0] != "code":
            yield (
                p.relative_to(html).as_posix(),
                BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").get_text(" "),
            )


@pytest.mark.build
def test_no_page_shows_a_timing():
    pages = dict(page_texts())
    assert len(pages) >= 10, "no built site in _build/html: run `make book`"
    shown = {name: m.group(0) for name, t in pages.items() if (m := TIMING.search(t))}
    assert not shown


@pytest.mark.parametrize("timing", ["sampling seconds 12.3", "fit took 4.2 s", "ESS per second 1500", "took 350 ms"])
def test_a_timing_is_caught(timing):
    assert TIMING.search(f"The fits pass the gate. {timing}.")


# --- the cause of the one warning a page showed ---------------------------------------------------


def first_import_of_the_day(tmp_path, code: str) -> str:
    """stderr of ``code``, run as if it imported ArviZ for the first time today (ArviZ keeps its
    once-a-day stamp in the user's cache folder: here an empty one)."""
    import os
    import subprocess

    tmp_path.mkdir(parents=True)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return done.stderr


@pytest.mark.build  # two fresh interpreters importing PyMC and ArviZ: seconds each
def test_sampling_code_imports_arviz_silently_on_any_day(tmp_path):
    """The chapters import ArviZ (through PyMC) after acureview.methods.sampling: nothing on stderr."""
    assert first_import_of_the_day(tmp_path / "book", "import acureview.methods.sampling, arviz") == ""
    # counter-case: ArviZ alone announces its refactor, naming its own file (if this fails after
    # an ArviZ upgrade, the filter in acureview/methods/sampling.py can go)
    bare = first_import_of_the_day(tmp_path / "bare", "import arviz")
    assert "ArviZ is undergoing a major refactor" in bare
    assert output_problems(nb({"output_type": "stream", "name": "stderr", "text": bare}))
