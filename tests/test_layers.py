"""The layers hold: the import-linter contracts of pyproject.toml are kept, and break when an upward
import or a cycle is added to a copy of the package; no module imports anything inside a function
(the package, to dodge a cycle, or a library, which is bound at module top, a heavy one through
acureview.lazy); no module imports another module's private name."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "acureview"
MODULES = sorted(p.relative_to(ROOT).as_posix() for p in PACKAGE.rglob("*.py"))


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """`lint-imports` with the project's contracts, over the package found first under ``root``."""
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")
    assert exe, "import-linter (lint-imports) is not installed"
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [exe, "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_contracts_hold():
    run = lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


@pytest.mark.parametrize(
    "module, line, broken",
    [
        # the methods reaching up to the checks
        ("methods/bounds.py", "from ..checks import registry", "Each layer imports only the layers below it BROKEN"),
        # the data layer (a module, or a package) reaching up to the methods
        (
            "data.py",
            "from acureview.methods import twobytwo",
            "The data layer imports only paths, fmt, verdicts and lazy BROKEN",
        ),
        # a cycle between two modules of one package
        ("studies/rct1/counts.py", "from . import tables", "No import cycle between the modules of any package BROKEN"),
        # the checks importing the sampler
        ("checks/rct1.py", "from ..methods import sampling", "stay free of MCMC and plotting BROKEN"),
        # the inputs' hash, beside the data layer, reaching into it
        ("inputs.py", "from . import data", "Each layer imports only the layers below it BROKEN"),
    ],
)
def test_one_bad_import_breaks_a_contract(tmp_path, module, line, broken):
    """Counter-cases: the same contracts over a copy of the package with one bad import added fail."""
    shutil.copytree(PACKAGE, tmp_path / "acureview", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "acureview" / module
    if not target.exists():  # a module that became a package
        target = target.with_suffix("") / "__init__.py"
    source = target.read_text(encoding="utf-8")
    head, sep, rest = source.partition("from __future__ import annotations\n")
    target.write_text(head + sep + line + "\n" + rest, encoding="utf-8")
    run = lint_imports(tmp_path)
    assert run.returncode != 0
    assert broken in run.stdout, run.stdout


def _imports_in_functions(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    yield inner


def _names(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    return ["." * node.level + (node.module or "")]


def _tree(module: str) -> ast.AST:
    return ast.parse((ROOT / module).read_text(encoding="utf-8"), filename=module)


@pytest.mark.parametrize("module", MODULES)
def test_no_module_imports_inside_a_function(module):
    found = [f"line {node.lineno}: {name}" for node in _imports_in_functions(_tree(module)) for name in _names(node)]
    assert not found, f"{module} imports inside a function: {'; '.join(found)}"


@pytest.mark.parametrize("module", MODULES)
def test_no_module_imports_a_private_name_of_another(module):
    found = [
        f"line {node.lineno}: {alias.name} from {'.' * node.level}{node.module or ''}"
        for node in ast.walk(_tree(module))
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
        if alias.name.startswith("_") and alias.name != "__future__" and node.module != "__future__"
    ]
    assert not found, f"{module} imports private names: {'; '.join(found)}"


def test_the_checks_alone_import_no_heavy_library():
    """`import acureview.checks` (the verdict table's path) imports neither pandas, SciPy,
    statsmodels, PyMC, ArviZ nor Matplotlib, and computing the whole verdict table imports neither
    pandas nor SciPy's statistics, special functions or optimizers (each of which costs more than the
    table): pandas and SciPy are bound lazily (a placeholder until first used, so the probe is a
    module their real import loads), the others are not even bound."""
    probes = {
        "pandas": "pandas.core.frame",
        "scipy.stats": "scipy.stats._stats_py",
        "scipy.special": "scipy.special._basic",
        "scipy.optimize": "scipy.optimize._optimize",
        "statsmodels": "statsmodels",
        "pymc": "pymc",
        "arviz": "arviz",
        "matplotlib": "matplotlib",
    }
    seen = "print(','.join(k for k, m in probes.items() if m in sys.modules))"
    # one interpreter: what importing the checks loaded, what computing the verdict table loaded,
    # then (the counter-case: the probes do see a real import) what importing pandas and SciPy loads
    code = (
        f"import sys, acureview.checks; probes = {probes!r}; {seen}; from acureview import verify; "
        f"verify.compute(verify.load()); {seen}; import pandas, scipy.stats, scipy.optimize; {seen}"
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
    alone, table, imported = run.stdout.split("\n")[:3]
    assert alone == "", f"imported at import time: {alone}"
    assert table == "", f"imported by the verdict table: {table}"
    assert imported == "pandas,scipy.stats,scipy.special,scipy.optimize", run.stdout + run.stderr


def test_every_package_docstring_names_each_of_its_modules():
    """A reader finds every module from its package's docstring; a module added without a line there fails."""
    missing = {}
    for init in sorted((ROOT / "acureview").rglob("__init__.py")):
        package = init.parent
        dotted = ".".join(package.relative_to(ROOT).parts)
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        modules = [p.stem for p in package.glob("*.py") if p.stem not in ("__init__", "__main__")]
        modules += [p.name for p in package.iterdir() if (p / "__init__.py").exists()]
        gaps = [m for m in modules if f":mod:`.{m}`" not in doc and f"{dotted}.{m}`" not in doc]
        if gaps:
            missing[dotted] = gaps
    assert not missing, missing
