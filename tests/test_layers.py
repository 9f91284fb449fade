"""The layers hold: the import-linter contracts of pyproject.toml are kept, and break when an upward
import or a cycle is added to a copy of the package; no module imports anything inside a function
(the package, to dodge a cycle, or a library, which is bound at module top, a heavy one through
acureview.lazy); no module imports another module's private name; every library bound lazily
(``lazy("...")``, which import-linter cannot see) is judged by the same contracts as an import."""

from __future__ import annotations

import ast
import copy
import os
import shutil
import subprocess
import sys
import tomllib
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
    statsmodels, PyMC, ArviZ nor Matplotlib, and computing the whole verdict table, then the verdicts
    under each reading of a text not read (:func:`acureview.whatif.table`, published with it),
    imports neither pandas nor SciPy's statistics, special functions or optimizers (each of which costs more than the
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
        f"import sys, acureview.checks; probes = {probes!r}; {seen}; from acureview import verify, whatif; "
        f"data = verify.load(); verify.compute(data); {seen}; whatif.table(data); {seen}; "
        f"import pandas, scipy.stats, scipy.optimize; {seen}"
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
    alone, table, readings, imported = run.stdout.split("\n")[:4]
    assert alone == "", f"imported at import time: {alone}"
    assert table == "", f"imported by the verdict table: {table}"
    assert readings == "", f"imported by the verdicts under each reading of a text not read: {readings}"
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


# -- what import-linter cannot see: a library bound lazily (acureview.lazy) is no import to grimp, so
# -- each `lazy("...")` call is read here and judged by the contracts as the import it stands for


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def lazy_bindings(source: str, module: str) -> list[tuple[str, str]]:
    """Each ``lazy("name")`` call of ``module``'s ``source``, as (``module``, name); a call whose
    argument is not a plain string is refused, since no contract could judge it."""
    found = []
    for node in ast.walk(ast.parse(source, filename=module)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "lazy":
            arg = node.args[0] if node.args else None
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                f"{module}, line {node.lineno}: lazy() of something other than a module's name in a string"
            )
            found.append((module, arg.value))
    return found


def package_bindings() -> list[tuple[str, str]]:
    """Every module the package binds lazily, by the module that binds it."""
    return [
        b
        for p in sorted(PACKAGE.rglob("*.py"))
        if p.name != "lazy.py"
        for b in lazy_bindings(p.read_text(encoding="utf-8"), _module_name(p))
    ]


def _within(module: str, names) -> bool:
    return any(module == n or module.startswith(n + ".") for n in names)


def _layer(module: str, layers: list[list[str]]) -> tuple[int, str] | None:
    for i, layer in enumerate(layers):
        for name in layer:
            if _within(module, [name]):
                return i, name
    return None


def lazy_violations(graph, bindings: list[tuple[str, str]]) -> list[str]:
    """The contracts of pyproject.toml that the ``bindings`` would break were each an import: a
    forbidden module bound by a module the contract's sources are, or (unless the contract allows
    indirect imports) reach through the package's imports and the bindings; a layer bound by a layer
    below it or beside it."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    graph = copy.deepcopy(graph)
    for module, bound in bindings:
        for name in (module, bound):
            if name not in graph.modules:
                graph.add_module(name, is_squashed=not name.startswith("acureview"))
        graph.add_import(importer=module, imported=bound)
    out = []
    for c in contracts["contracts"]:
        if c["type"] == "forbidden":
            for module, bound in bindings:
                forbidden = _within(bound, c["forbidden_modules"]) or _within(
                    bound.split(".")[0], c["forbidden_modules"]
                )
                if not forbidden:
                    continue
                sources = [s for s in graph.modules if _within(s, c["source_modules"])]
                reached = module in sources or (
                    not c.get("allow_indirect_imports")
                    and any(graph.chain_exists(importer=s, imported=module) for s in sources)
                )
                if reached:
                    out.append(f"{c['name']}: {module} binds {bound} lazily")
        elif c["type"] == "layers":
            layers = [[n.strip() for n in entry.split("|")] for entry in c["layers"]]
            for module, bound in bindings:
                low, high = _layer(module, layers), _layer(bound, layers)
                if low and high and (high[0] < low[0] or (high[0] == low[0] and high[1] != low[1])):
                    out.append(f"{c['name']}: {module} binds {bound} lazily")
    return out


@pytest.fixture(scope="module")
def graph():
    import grimp

    return grimp.build_graph("acureview", include_external_packages=True)


def test_the_package_binds_lazily_only_what_the_contracts_allow(graph):
    bindings = package_bindings()
    assert ("acureview.methods.sampling", "pymc") in bindings  # the reader sees the package's bindings
    assert lazy_violations(graph, bindings) == []


@pytest.mark.parametrize(
    "module, source, broken",
    [
        # a check (a new module of the checks) binding PyMC
        ("acureview.checks.scratch", 'pm = lazy("pymc")', "stay free of MCMC and plotting"),
        # a new module of the data layer binding ArviZ
        ("acureview.data.scratch", 'az = lazy("arviz")', "The data layer imports only"),
        # a module of the data layer the checks import, binding Matplotlib's pyplot
        ("acureview.data.units", 'plt = lazy("matplotlib.pyplot")', "stay free of MCMC and plotting"),
        # the checks binding the sampler, a module of the package
        ("acureview.checks.rct1", 'sampling = lazy("acureview.methods.sampling")', "stay free of MCMC"),
        # the data layer binding the site: a layer above it
        ("acureview.data.scratch", 'site = lazy("acureview.site")', "Each layer imports only the layers below it"),
        # the site binding a check's module
        ("acureview.site.cards", 'ev = lazy("acureview.checks.evidence")', "not from the checks"),
    ],
)
def test_a_lazy_binding_breaks_a_contract(graph, module, source, broken):
    """Counter-cases: one binding added to the package's, in a scratch module or an existing one."""
    bindings = package_bindings() + lazy_bindings("from acureview.lazy import lazy\n" + source, module)
    found = lazy_violations(graph, bindings)
    assert any(broken in v and module in v for v in found), found


def test_a_lazy_binding_of_a_computed_name_is_refused():
    with pytest.raises(AssertionError, match="acureview.checks.scratch, line 2"):
        lazy_bindings('from acureview.lazy import lazy\npm = lazy("py" + "mc")', "acureview.checks.scratch")
