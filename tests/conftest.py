"""Shared fixtures and dataset editors of the tests, and the two test sets (pytest.ini): a test is
marked ``build`` when it (or its module) is listed in ``build_tests`` or when it is a notebook that
nbval re-executes from _build; ``make test-fast`` leaves those out."""

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from acureview import verify
from acureview.data import DataError, Fact
from acureview.paths import BUILD, DATA

TESTS = Path(__file__).resolve().parent
_loaded = {}


def pytest_addoption(parser):
    parser.addini("build_tests", "modules, or module::test, of tests marked `build`", type="linelist", default=[])


def pytest_collection_modifyitems(config, items):
    listed = set(config.getini("build_tests"))
    for item in items:
        path = Path(str(item.path)).resolve()
        named = (
            path.parent == TESTS and {path.name, f"{path.name}::{getattr(item, 'originalname', item.name)}"} & listed
        )
        if named or path.is_relative_to(BUILD):
            item.add_marker(pytest.mark.build)


def pytest_sessionstart(session):
    """Bad data stop the whole run with one message naming the file, the row and the column (not
    one error per test), and the previous run's verdict tables are removed. Reading the data (each
    claim's inputs included) is enough: the verdict table is computed by the tests that need it."""
    try:
        _loaded["data"] = verify.load()
    except DataError as e:
        verify.discard(BUILD)
        pytest.exit(f"error: {e}", returncode=2)


@pytest.fixture(scope="session")
def data():
    """The project's dataset, as the session read it at the start."""
    return _loaded["data"] if "data" in _loaded else verify.load()


@pytest.fixture(scope="session")
def verdict_rows(data):
    """The verdict table of the session's dataset as plain rows, computed once, on first use, for
    the tests that only read it; a test that changes the data computes the table of its own."""
    return verify.compute(data)


@pytest.fixture(scope="session")
def verdict_table(verdict_rows):
    """:func:`verdict_rows` as the DataFrame :func:`acureview.verify.table` gives (tests read it, never change it)."""
    return verify.frame(verdict_rows)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/, for breaking on purpose."""
    dest = tmp_path / "data"
    shutil.copytree(DATA, dest)
    return dest


def with_fact(data, fact_id, value, type_=None):
    """The dataset with one fact set (or added), the rest untouched. The source's words become the
    new value (a text fact's quote is what the checks compare with the review)."""
    facts = dict(data.facts)
    old = facts.get(fact_id) or Fact(fact_id, "R1", type_ or "text", None, "", "", "test", "abstract", "")
    facts[fact_id] = replace(
        old,
        value=value,
        type=type_ or ("int" if isinstance(value, int) else "float" if isinstance(value, float) else "text"),
        locator=old.locator or "test",
        quote="" if value is None else str(value),
        address=old.address or "test",
        note=old.note
        if old.type == "missing" or type_ != "missing"
        else "the words the test removed: not in the text read",
    )
    return replace(data, facts=facts)


def with_reported(data, claim_id, text):
    """The dataset with one claim's ``reported`` set to ``text`` (the review's words, e.g. '53%');
    the claim's check must be able to read it, as load() would require."""
    from acureview import checks

    data = with_claim(data, claim_id, reported=text)
    checks.validate_claim(data.claim(claim_id), data)
    return data


def with_args(data, claim_id, **changes):
    """The dataset with some of one claim's check arguments (``args``) changed."""
    from acureview import checks

    c = data.claim(claim_id)
    data = with_claim(data, claim_id, args={**c.args, **{k: str(v) for k, v in changes.items()}})
    checks.validate_claim(data.claim(claim_id), data)
    return data


def with_source(data, source_id, **fields):
    sources = dict(data.sources)
    sources[source_id] = {**sources[source_id], **fields}
    return replace(data, sources=sources)


def with_claim(data, claim_id, **fields):
    """The dataset with one claim's fields (refs, check, ...) replaced."""
    return replace(data, claims=[replace(c, **fields) if c.claim_id == claim_id else c for c in data.claims])


def with_assumption(data, assumption_id, value):
    assumptions = dict(data.assumptions)
    assumptions[assumption_id] = replace(assumptions[assumption_id], value=value)
    return replace(data, assumptions=assumptions)
