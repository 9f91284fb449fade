"""What the code pages know of the code, read from its syntax tree (:mod:`ast`), never imported or
typed by hand: every module's top-level definitions (functions, classes and assigned names, each with
its lines), what each name in a module refers to (a definition of the same module, or one imported
from another module of the package, followed through a package's re-exports), and the calls each
function makes, from which the chain of functions behind a number is derived (a check, the studies'
functions it calls, the methods those call)."""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass, field
from pathlib import Path

from ..paths import ROOT

#: the layers of a "computed by" chain, in the order a number passes through them
CHAIN_LAYERS = ("checks", "appraisal", "studies", "methods")
#: at most this many functions of one layer in a chain
PER_LAYER = 5


@dataclass(frozen=True)
class Target:
    """What a name refers to: a module, or a top-level definition ``name`` of a module."""

    module: str
    name: str = ""


@dataclass(frozen=True)
class Ref:
    """A name in a module's source that refers to ``target``: its line and column (characters, from
    0), the top-level definition it stands in, and whether it is called there."""

    line: int
    col: int
    text: str
    target: Target
    within: str
    called: bool


@dataclass
class Module:
    name: str
    path: Path
    source: str
    tree: ast.Module
    package: bool
    #: top-level definition -> (first line, last line, kind: "function", "class" or "value")
    definitions: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    #: the methods of each class: "Class.method" -> (first line, last line)
    methods: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: name bound by an import -> (module, attribute or "" for the module itself)
    imports: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def docstring(self) -> str:
        return ast.get_docstring(self.tree) or ""


def module_name(path: Path, root: Path = ROOT) -> str:
    rel = path.relative_to(root).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def first_line(node) -> int:
    return min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])


def absolute(module: Module, level: int, name: str | None) -> str:
    """The module that a relative import ``from <level dots><name> import`` names, from ``module``."""
    if not level:
        return name or ""
    parts = module.name.split(".")
    base = parts if module.package else parts[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([name] if name else []))


def read_module(path: Path, root: Path = ROOT) -> Module:
    source = path.read_text(encoding="utf-8")
    module = Module(module_name(path, root), path, source, ast.parse(source), path.name == "__init__.py")
    for node in module.tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            kind = "class" if isinstance(node, ast.ClassDef) else "function"
            module.definitions[node.name] = (first_line(node), node.end_lineno, kind)
            if isinstance(node, ast.ClassDef):
                for sub in node.body:
                    if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        module.methods[f"{node.name}.{sub.name}"] = (first_line(sub), sub.end_lineno)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                for name in ast.walk(t):
                    if isinstance(name, ast.Name):
                        module.definitions.setdefault(name.id, (node.lineno, node.end_lineno, "value"))
        elif isinstance(node, ast.ImportFrom):
            source_module = absolute(module, node.level, node.module)
            for alias in node.names:
                module.imports[alias.asname or alias.name] = (source_module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                module.imports[alias.asname or alias.name.split(".")[0]] = (
                    alias.name if alias.asname else alias.name.split(".")[0],
                    "",
                )
    return module


class Codebase:
    """The modules that have code pages, by name, and what the names in them refer to."""

    def __init__(self, paths: list[Path], root: Path = ROOT):
        self.modules = {m.name: m for m in (read_module(p, root) for p in paths)}
        self._refs: dict[str, tuple[Ref, ...]] = {}

    def resolve(self, module: str, name: str, depth: int = 0) -> Target | None:
        """What ``name`` in ``module`` refers to among the modules with pages, or None."""
        m = self.modules.get(module)
        if m is None or depth > 10:
            return None
        if name in m.definitions:
            return Target(module, name)
        if name in m.imports:
            source, attr = m.imports[name]
            if not attr:
                return Target(source) if source in self.modules else None
            if f"{source}.{attr}" in self.modules:
                return Target(f"{source}.{attr}")
            return self.resolve(source, attr, depth + 1)
        return None

    def refs(self, module: str) -> tuple[Ref, ...]:
        """Every name of ``module``'s source that refers to a module or definition with a page (found
        once a module: the modules do not change once read)."""
        if module not in self._refs:
            self._refs[module] = tuple(References(self, self.modules[module]).run())
        return self._refs[module]

    def kind(self, target: Target) -> str:
        if not target.name:
            return "module"
        return self.modules[target.module].definitions[target.name][2]

    def calls(self, target: Target) -> list[Target]:
        """The functions and classes with pages that the definition ``target`` calls, in order."""
        out = []
        for ref in self.refs(target.module):
            wanted = ref.within == target.name and ref.called and ref.target.name
            if wanted and ref.target not in out and ref.target != target and self.kind(ref.target) != "value":
                out.append(ref.target)
        return out

    def chain(self, *start: Target, depth: int = len(CHAIN_LAYERS)) -> list[tuple[str, list[Target]]]:
        """The functions behind a number, from ``start``: what they call, and what that calls, down
        the layers (:data:`CHAIN_LAYERS`; at most ``depth`` steps from one layer into another), each
        layer with at most :data:`PER_LAYER` functions in the order they are first reached. A layer
        lists the functions called from another layer (its entries); a helper called from its own
        layer is followed, not listed; calls into other layers (data, formatting) are not followed."""
        first = {layer_of(t) for t in start}
        layers = [layer_of(t) for t in start if layer_of(t) not in CHAIN_LAYERS] + list(CHAIN_LAYERS)
        by_layer: dict[str, list[Target]] = {layer: [] for layer in layers}
        seen, queue = set(), [(t, 0, True) for t in start]
        while queue:
            t, steps, entry = queue.pop(0)
            if layer_of(t) not in by_layer:
                continue
            listed = by_layer[layer_of(t)]
            if entry and t not in listed and (t in start or layer_of(t) not in first):
                listed.append(t)
            if t in seen:
                continue
            seen.add(t)
            for c in self.calls(t):
                step = steps + (layer_of(c) != layer_of(t))
                if step <= depth:
                    queue.append((c, step, layer_of(c) != layer_of(t)))
        return [(layer, ts[:PER_LAYER]) for layer, ts in by_layer.items() if ts]


def layer_of(target: Target) -> str:
    parts = target.module.split(".")
    return parts[1] if len(parts) > 1 else ""


class References(ast.NodeVisitor):
    """The references of one module (see :meth:`Codebase.refs`): names bound inside a function (its
    arguments, what it assigns) are its own and refer to nothing else."""

    def __init__(self, code: Codebase, module: Module):
        self.code, self.module = code, module
        self.lines = module.source.splitlines()
        self.local: list[set[str]] = []
        self.within = ""
        self.called: set[int] = set()
        self.out: list[Ref] = []

    def run(self) -> list[Ref]:
        for node in self.module.tree.body:
            self.within = getattr(node, "name", "")
            self.visit(node)
        return self.out

    def column(self, line: int, byte: int) -> int:
        return len(self.lines[line - 1].encode("utf-8")[:byte].decode("utf-8", "replace"))

    def add(self, line: int, byte: int, text: str, target: Target | None, node) -> None:
        if target is not None:
            self.out.append(Ref(line, self.column(line, byte), text, target, self.within, id(node) in self.called))

    def shadowed(self, name: str) -> bool:
        return any(name in scope for scope in self.local)

    def visit_Call(self, node: ast.Call) -> None:
        self.called.add(id(node.func))
        self.generic_visit(node)

    def visit_function(self, node) -> None:
        for d in node.decorator_list:
            self.visit(d)
        for default in node.args.defaults + [d for d in node.args.kw_defaults if d]:
            self.visit(default)
        args = node.args
        names = {a.arg for a in args.posonlyargs + args.args + args.kwonlyargs}
        names |= {a.arg for a in (args.vararg, args.kwarg) if a}
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Store):
                names.add(sub.id)
            elif isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and sub is not node:
                names.add(sub.name)
            elif isinstance(sub, ast.arg):
                names.add(sub.arg)
        for a in args.posonlyargs + args.args + args.kwonlyargs:
            if a.annotation:
                self.visit(a.annotation)
        if node.returns:
            self.visit(node.returns)
        self.local.append(names)
        for stmt in node.body:
            self.visit(stmt)
        self.local.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_function

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self.local.append({a.arg for a in node.args.args})
        self.visit(node.body)
        self.local.pop()

    def visit_Name(self, node: ast.Name) -> None:
        if isinstance(node.ctx, ast.Load) and not self.shadowed(node.id):
            self.add(node.lineno, node.col_offset, node.id, self.code.resolve(self.module.name, node.id), node)

    def visit_Attribute(self, node: ast.Attribute) -> None:
        base = node.value
        if isinstance(base, ast.Name) and not self.shadowed(base.id):
            owner = self.code.resolve(self.module.name, base.id)
            if owner is not None and not owner.name:
                target = self.code.resolve(owner.module, node.attr)
                start = node.end_col_offset - len(node.attr.encode("utf-8"))
                self.add(node.end_lineno, start, node.attr, target, node)
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        for alias in node.names:
            name = alias.asname or alias.name
            self.add(alias.lineno, alias.col_offset, alias.name, self.code.resolve(self.module.name, name), alias)


@functools.cache
def codebase(paths: tuple[Path, ...], root: Path = ROOT) -> Codebase:
    return Codebase(list(paths), root)
