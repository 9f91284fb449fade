"""pyproject.toml (the pins), requirements.lock and requirements-test.lock (what make installs),
environment.yml (for conda users) and the installed environment must agree. Each check also runs
on an altered copy, to show that a disagreement is reported."""

import importlib.util
import sys
from pathlib import Path

import pytest

from acureview.paths import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import pins

BOOK_TEXT = pins.BOOK_LOCK.read_text(encoding="utf-8")
TEST_TEXT = pins.TEST_LOCK.read_text(encoding="utf-8")
ENV_TEXT = pins.ENVIRONMENT.read_text(encoding="utf-8")


def test_no_problems_at_all():
    assert pins.problems() == []


def test_every_pyproject_pin_is_locked_at_its_version():
    book, test = pins.lock_pins(pins.BOOK_LOCK), pins.lock_pins(pins.TEST_LOCK)
    assert len(pins.pyproject_pins()) >= 10 and set(pins.pyproject_pins(extra="test")) == {
        "pytest",
        "nbval",
        "playwright",
        "import-linter",
        "ruff",
        "frictionless",
        "axe-playwright-python",
    }
    assert pins.pins_missing_from_lock(pins.pyproject_pins(), book, "requirements.lock") == []
    assert pins.pins_missing_from_lock(pins.pyproject_pins(), test, "requirements-test.lock") == []
    assert pins.pins_missing_from_lock(pins.pyproject_pins(extra="test"), test, "requirements-test.lock") == []
    assert "jupyterlab" in pins.pyproject_pins(extra="lab")


def test_a_pin_the_lock_disagrees_with_is_reported():
    lock = dict(pins.lock_pins(pins.BOOK_LOCK))
    lock["pandas"] = {"0.0.1"}
    del lock["pymc"]
    problems = pins.pins_missing_from_lock(pins.pyproject_pins(), lock, "requirements.lock")
    assert len(problems) == 2
    assert any("pandas" in p for p in problems) and any("pymc" in p for p in problems)


def test_pyproject_accepts_only_exact_pins(tmp_path):
    text = pins.PYPROJECT.read_text(encoding="utf-8").replace('"pandas==', '"pandas>=', 1)
    (tmp_path / "pyproject.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match="pandas"):
        pins.pyproject_pins(tmp_path / "pyproject.toml")


def test_the_test_lock_is_the_book_lock_and_more():
    book, test = pins.lock_pins(pins.BOOK_LOCK), pins.lock_pins(pins.TEST_LOCK)
    assert pins.not_superset(book, test) == []
    assert {"pytest", "nbval", "playwright"} <= set(test) - set(book)


def test_a_test_lock_that_drifts_from_the_book_lock_is_reported():
    book, test = pins.lock_pins(pins.BOOK_LOCK), dict(pins.lock_pins(pins.TEST_LOCK))
    test["numpy"] = {"1.0.0"}
    del test["scipy"]
    assert [p.split(":")[0] for p in pins.not_superset(book, test)] == ["numpy", "scipy"]


@pytest.mark.parametrize("lock", pins.LOCKS, ids=lambda p: p.name)
def test_every_lock_entry_is_pinned_with_hashes(lock):
    text = lock.read_text(encoding="utf-8")
    assert pins.unhashed(text) == []
    assert len(pins.lock_entries(text)) == sum(len(v) for v in pins.lock_pins(lock).values())


def test_an_entry_without_hashes_is_reported():
    text = BOOK_TEXT.replace("pandas==3.1.1 \\\n", "pandas==3.1.1\nfake==1.0 \\\n", 1)
    assert pins.unhashed(text) == ["pandas==3.1.1"]
    assert pins.unhashed(BOOK_TEXT + "\nsomething-unpinned>=1\n") == ["something-unpinned>=1"]


def test_locks_are_universal():
    """The locks carry other platforms' packages (with markers), so they install on macOS too."""
    markers = {e["marker"] for e in pins.lock_entries(BOOK_TEXT)}
    assert any("darwin" in m for m in markers) and any("win32" in m for m in markers)


def test_no_committed_file_names_this_machines_package_indexes():
    for path in (*pins.LOCKS, pins.PYPROJECT, pins.ENVIRONMENT, ROOT / "Makefile"):
        assert pins.machine_paths(path.read_text(encoding="utf-8")) == [], path.name


def test_a_local_index_in_a_lock_is_reported():
    for line in (
        "--extra-index-url file:///opt/pypi/simple",
        "--find-links /opt/wheels",
        "--index-url https://x/simple",
    ):
        assert pins.machine_paths(BOOK_TEXT + line + "\n") == [line]


def test_environment_yml_installs_the_test_lock_and_says_how_to_install_the_package():
    assert pins.environment_problems(ENV_TEXT) == []


@pytest.mark.parametrize(
    "change",
    [
        ("-r requirements-test.lock", "-r requirements.txt"),
        ("python=3.11", "python=3.12"),
        ("      - -r requirements-test.lock\n", "      - -r requirements-test.lock\n      - pandas==2.0\n"),
        ("pip install --no-deps -e .", "pip install ."),
    ],
)
def test_a_wrong_environment_yml_is_reported(change):
    broken = ENV_TEXT.replace(*change)
    assert broken != ENV_TEXT
    assert pins.environment_problems(broken)


def test_python_is_311_everywhere():
    assert pins.requires_python() == ">=3.11,<3.12"
    assert "python=3.11" in ENV_TEXT
    assert sys.version_info[:2] == (3, 11)


def test_installed_versions_are_the_locked_ones():
    installed = pins.installed_versions()
    assert pins.not_installed_as_locked(TEST_TEXT, installed) == []
    # the package itself is installed (editable), not put on sys.path by a .pth of the Makefile
    assert "acureview" in installed
    import sysconfig

    assert not list(__import__("pathlib").Path(sysconfig.get_paths()["purelib"]).glob("acureview-root.pth"))


def test_a_package_installed_at_another_version_is_reported():
    installed = dict(pins.installed_versions())
    installed["numpy"] = "1.0.0"
    del installed["pytest"]
    wrong = pins.not_installed_as_locked(TEST_TEXT, installed)
    assert [w.split(":")[0] for w in wrong] == ["numpy", "pytest"]
    # entries for other platforms are not expected here
    assert not any(w.startswith(("appnope", "colorama")) for w in wrong)


@pytest.mark.build
@pytest.mark.parametrize("module", ["pandas", "matplotlib.pyplot", "pymc", "sphinx.application"])
def test_the_installed_packages_are_compiled_to_bytecode(module):
    """`make` installs the locks with their bytecode (uv's --compile-bytecode, pip's default), so no page's
    kernel compiles them again; found without importing the module, so a test run cannot write it."""
    spec = importlib.util.find_spec(module)
    assert spec is not None and spec.origin, module
    cached = Path(importlib.util.cache_from_source(spec.origin))
    assert cached.exists(), (
        f"{module} has no bytecode at {cached}: make the environment again (rm -rf .venv; make book)"
    )
