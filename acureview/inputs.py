"""What every computed result depends on, and its hash; and what each page's execution depends on.

The verdict table, the executed chapters and the site are computed from five inputs: the data
folder, this package, the lock of the libraries, the chapters (``notebooks/``: a chapter edited,
added or deleted changes what the book shows and which facts ``verify --book`` requires) and the
build-time code that shapes the executed pages (``tools/execute.py``, which executes the chapters
and cleans their outputs). :func:`digest` hashes them (every file's path and
content), so that a result stored with the hash it was computed from is reused only while none of
them changed. The verdict table (:func:`acureview.verify.read`) and the build's pages
(``tools/inputs.py``) are keyed on the same hash.

One page's execution depends on less: :func:`page_digest` hashes its own text, the modules of this
package it imports, directly or through others (:func:`closure` over the package's module graph,
:func:`module_graph`), each package's data files beside them (the templates, the verdicts'
resource), the modules the verdict table is computed by (every page may read the table), all of the
data, the lock and ``tools/execute.py``. So an edit of one chapter, or of a module only it imports,
executes that chapter again and no other (``tools/inputs.py``). A module imported by name at run
time (``importlib.import_module``) is not seen: the pages import this package's modules by name.
"""

from __future__ import annotations

import ast
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from .lazy import lazy
from .paths import DATA, ROOT

inputtransformer2 = lazy("IPython.core.inputtransformer2")

#: what every result depends on besides a page's own code (files, or folders read recursively)
INPUTS = ("requirements.lock", "acureview", "data", "notebooks", "tools/execute.py")
#: what every page's execution depends on besides its own text and the modules it imports
PAGE_INPUTS = ("requirements.lock", "data", "tools/execute.py")
#: the package whose modules the pages import, and the module that computes the verdict table
PACKAGE = "acureview"
TABLE = "acureview.verify"
SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints"}

#: run in a fresh interpreter with the project first on the path, so that the module graph is of
#: the project's own package (not of another copy this interpreter imported)
GRAPH = """\
import importlib.util, json, sys
from pathlib import Path
root, package = Path(sys.argv[1]), sys.argv[2]
sys.path.insert(0, str(root))
spec = importlib.util.find_spec(package)
if spec is None or spec.origin is None or Path(spec.origin).resolve().parent != (root / package).resolve():
    sys.exit(f"error: {root / package} is not the package Python finds under that name")
import grimp
graph = grimp.build_graph(package, cache_dir=None)
print(json.dumps({m: sorted(graph.find_modules_directly_imported_by(m)) for m in sorted(graph.modules)}))
"""


def walk(root: Path, names: Iterable[str], data: Path | None = None) -> list[tuple[str, Path]]:
    """Each file named, or in a folder named (read recursively), as (its name in the hash, its path),
    in a fixed order. ``data`` replaces the data folder; its files are named as if in ``data/``."""
    out = []
    for name in names:
        path = data if (name == "data" and data is not None) else root / name
        if path.is_file():
            out.append((name, path))
        elif path.is_dir():
            for folder, dirs, files_ in os.walk(path):
                dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
                for n in files_:
                    if not n.endswith((".pyc", ".pyo")):
                        file = Path(folder) / n
                        out.append(((Path(name) / file.relative_to(path)).as_posix(), file))
    return sorted(set(out))


def files(root: Path = ROOT, data: Path | None = None) -> list[tuple[str, Path]]:
    """Every input file as (its name in the hash, its path), in a fixed order. ``data`` replaces the
    project's data folder (a copy being checked); its files are named as if they were in ``data/``."""
    return walk(root, INPUTS, data)


def hash_files(named: Iterable[tuple[str, Path]]) -> str:
    """Hash of each file's name and content: an edit, an added, removed or renamed file changes it."""
    h = hashlib.sha256()
    for name, path in named:
        rel = name.encode("utf-8")
        content = path.read_bytes()
        h.update(b"%d:%s%d:" % (len(rel), rel, len(content)))
        h.update(content)
    return h.hexdigest()[:16]


def digest(root: Path = ROOT, data: Path | None = None) -> str:
    """Hash of every input file's name and content: an edit, an added, removed or renamed file
    changes it."""
    return hash_files(files(root, data))


def digest_for(data_folder: Path | str = DATA) -> str:
    """The inputs' hash with ``data_folder`` as the data (the project's own by default)."""
    folder = Path(data_folder).resolve()
    return digest(ROOT, None if folder == DATA.resolve() else folder)


def module_graph(root: Path = ROOT, package: str = PACKAGE) -> dict[str, list[str]]:
    """Each module of the project's ``package`` and the modules of it that it imports (grimp's graph,
    as import-linter reads it: imports inside functions too)."""
    done = subprocess.run(
        [sys.executable, "-I", "-c", GRAPH, str(root), package], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "error: no module graph")
    return json.loads(done.stdout)


def imported(sources: Iterable[str], graph: Mapping[str, Iterable[str]], package: str = PACKAGE) -> set[str]:
    """The modules of ``package`` that the code cells ``sources`` import by name (``import a.b``,
    ``from a import b``: ``a`` and, when it is a module, ``a.b``). A cell that is not Python even after
    IPython's own rewriting of its magics imports, for all one can tell, every module."""
    names: set[str] = set()
    for source in sources:
        try:
            tree = ast.parse(inputtransformer2.TransformerManager().transform_cell(source))
        except SyntaxError:
            return set(graph)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names |= {node.module} | {f"{node.module}.{a.name}" for a in node.names}
    return {n for n in names if n in graph and (n == package or n.startswith(package + "."))}


def closure(graph: Mapping[str, Iterable[str]], modules: Iterable[str]) -> set[str]:
    """The modules ``modules`` run when imported: themselves, the modules they import, directly or
    not, and every package they are in (whose ``__init__`` runs first)."""
    seen: set[str] = set()
    todo = [m for m in modules if m in graph]
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        parent = module.rpartition(".")[0]
        todo += [*graph[module], *([parent] if parent in graph else [])]
    return seen


def module_files(root: Path, modules: Iterable[str]) -> list[tuple[str, Path]]:
    """The files of ``modules``: a module's ``.py`` file; a package's ``__init__.py`` and its data
    files (those beside it, and in its folders that are not packages: templates, resources)."""
    out = []
    for module in modules:
        path = Path(*module.split("."))
        if (root / path / "__init__.py").is_file():
            out.append(((path / "__init__.py").as_posix(), root / path / "__init__.py"))
            for folder, dirs, names in os.walk(root / path):
                dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not (Path(folder) / d / "__init__.py").exists()]
                for n in names:
                    if not n.endswith((".py", ".pyc", ".pyo")):
                        file = Path(folder) / n
                        out.append((file.relative_to(root).as_posix(), file))
        else:
            out.append((path.with_suffix(".py").as_posix(), root / path.with_suffix(".py")))
    return sorted(set(out))


def page_digest(root: Path, page: Path, sources: Iterable[str], graph: Mapping[str, Iterable[str]]) -> str:
    """Hash of what the execution of ``page`` (whose code cells are ``sources``) depends on: its own
    text, the package's modules it runs (those it imports and those the verdict table is computed by)
    with their packages' data files, the data, the lock and ``tools/execute.py``."""
    modules = closure(graph, imported(sources, graph) | {TABLE})
    own = [(Path(page).resolve().relative_to(root.resolve()).as_posix(), Path(page))]
    return hash_files(own + walk(root, PAGE_INPUTS) + module_files(root, modules))
