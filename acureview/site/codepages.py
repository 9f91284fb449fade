"""The code behind the verdicts as pages of the site: one page of highlighted source for every module
that computes a verdict (``code/acureview/...html``, an anchor at each function, class and line), where
a check's function stands on them, and the reviewers' table of every check with its code."""

from __future__ import annotations

import html
import inspect
import posixpath
import re
from pathlib import Path

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from ..checks.registry import REGISTRY
from ..fmt import plural
from ..paths import ROOT
from .codeindex import CHAIN_LAYERS, Codebase, Target, codebase, module_name
from .provenance import commit
from .templates import fragment, render

#: the packages and modules whose code a reader may want to trace a verdict to, each module a page under ``code/``
CODE_PACKAGES = ("checks", "methods", "studies", "appraisal", "data")
CODE_MODULES = ("verify.py", "inputs.py", "verdicts.py", "fmt.py", "whatif.py", "paths.py", "lazy.py")
#: the code index, in the navigation
INDEX_PAGE = "book/code"


def code_modules() -> list[Path]:
    pkg = ROOT / "acureview"
    files = [f for name in CODE_PACKAGES for f in sorted((pkg / name).rglob("*.py"))]
    return files + [pkg / name for name in CODE_MODULES if (pkg / name).exists()]


def code() -> Codebase:
    """The modules with pages, read once."""
    return codebase(tuple(code_modules()))


def page_of(module: str) -> str:
    """A module's page under ``code/``, from the site's root."""
    return "code/" + module.replace(".", "/") + ".html"


def code_page(check: str) -> tuple[str, str]:
    """(page, function) of the code that computes a check: the page under ``code/`` written for its
    module, and the function's anchor there."""
    fn = REGISTRY[check]
    return page_of(fn.__module__), fn.__name__


def href_between(page: str, target: Target) -> str:
    """The link from the code page ``page`` to ``target`` (its page, and the definition's anchor)."""
    rel = posixpath.relpath(page_of(target.module), posixpath.dirname(page))
    return rel + (f"#{target.name}" if target.name else "")


#: a tag, or the text between tags, of a line of highlighted code
PIECE = re.compile(r"<[^>]+>|[^<]+")


def linked_line(line: str, refs: dict[int, tuple[str, str]]) -> str:
    """One line of highlighted code with each name of ``refs`` (column -> (name, href)) as a link.
    Pygments gives every name its own ``<span>``; the line number's text is not code and not counted."""
    out, col, skip = [], 0, False
    for piece in PIECE.findall(line):
        if piece.startswith("<"):
            skip = piece == '<span class="linenos">'
            out.append(piece)
            continue
        if skip:
            out.append(piece)
            continue
        text = html.unescape(piece)
        if col in refs and text == refs[col][0]:
            piece = f'<a class="code-ref" href="{html.escape(refs[col][1])}">{piece}</a>'
        out.append(piece)
        col += len(text)
    return "".join(out)


def code_html(path: Path) -> str:
    """A module's source, highlighted, every name defined in the package a link to its definition;
    each top-level definition (and each method) wrapped in an element with its anchor (``#name``,
    ``#Class.method``), which the stylesheet highlights when the address names it; an anchor at each
    line (``#L-12``)."""
    source = path.read_text(encoding="utf-8")
    body = highlight(source, PythonLexer(), HtmlFormatter(lineanchors="L", linenos="inline", wrapcode=True))
    base = code()
    module = base.modules[module_name(path)]
    page = page_of(module.name)
    refs: dict[int, dict[int, tuple[str, str]]] = {}
    for ref in base.refs(module.name):
        refs.setdefault(ref.line, {})[ref.col] = (ref.text, href_between(page, ref.target))
    spans = [(name, first, last) for name, (first, last, _) in module.definitions.items()]
    spans += [(name, first, last) for name, (first, last) in module.methods.items()]
    opens: dict[int, list[str]] = {}
    closes: dict[int, int] = {}
    for name, first, last in sorted(spans, key=lambda s: (s[1], -s[2])):
        if name in {n for names in opens.values() for n in names}:
            continue
        opens.setdefault(first, []).append(name)
        closes[last] = closes.get(last, 0) + 1
    lines = body.split("\n")
    last = len(source.splitlines())
    for i, line in enumerate(lines):
        number = i + 1
        if number > last:
            break
        line = linked_line(line, refs.get(number, {}))
        anchor = f'<a id="L-{number}" name="L-{number}"></a>'
        start = "".join(render("anchors.html", name=name) for name in opens.get(number, []))
        line = line.replace(anchor, start + anchor, 1)
        lines[i] = line + "</span>" * closes.get(number, 0)
    return "\n".join(lines)


def code_pages():
    """(page name, title, body) of every module's page under ``code/``."""
    for path in code_modules():
        name = module_name(path)
        body = render(
            "code_page.html",
            name=name,
            path=path.relative_to(ROOT).as_posix(),
            commit=commit(),
            index="../" * name.count(".") + "../" + INDEX_PAGE + ".html",
            code=fragment(code_html(path)),
        )
        yield "code/" + name.replace(".", "/"), name, body


def summary(docstring: str) -> str:
    """A module's docstring's first sentence, or its first line, in plain words."""
    first = " ".join(docstring.split("\n\n")[0].split())
    return re.sub(r":(?:mod|func|class|data|meth):`~?\.*([^`]+)`", r"\1", first).replace("``", "")


def code_index(root: str = "../") -> str:
    """The code index: every module with a page, by layer, with the first paragraph of its docstring."""
    base = code()
    layers: dict[str, list[dict]] = {}
    for name, module in base.modules.items():
        layer = name.split(".")[1] if name.count(".") >= 1 and name.split(".")[1] in CODE_PACKAGES else "acureview"
        layers.setdefault(layer, []).append(
            {"name": name, "href": root + page_of(name), "summary": summary(module.docstring)}
        )
    return render(
        "code_index.html", layers=[(layer, layers[layer]) for layer in (*CODE_PACKAGES, "acureview") if layer in layers]
    )


def chain_links(chain: list[tuple[str, list[Target]]], root: str = "../") -> list[tuple[str, list[tuple[str, str]]]]:
    """A chain of functions (:meth:`Codebase.chain`) as (layer, [(qualified name, href)])."""
    return [
        (
            layer,
            [(f"{t.module.removeprefix('acureview.')}.{t.name}", f"{root}{page_of(t.module)}#{t.name}") for t in ts],
        )
        for layer, ts in chain
    ]


def target_of(fn) -> Target:
    """The definition of the function ``fn`` with a code page."""
    return Target(fn.__module__, fn.__name__)


#: each layer of a chain (:data:`.codeindex.CHAIN_LAYERS`) as the folded list names it
LAYER_WORDS: dict[str, str] = {
    "checks": "In the checks",
    "appraisal": "In the appraisal",
    "studies": "In the studies",
    "methods": "In the methods",
}


def computed_by(*functions, root: str = "../", depth: int = len(CHAIN_LAYERS), what: str = "") -> str:
    """The "computed by" line of a number computed by ``functions`` (a check's function, or the
    functions a page calls): the chain of functions down the layers, each linked to its definition
    on its code page, at most ``depth`` layers down, after ``what`` it computes if named. The chain is read from the code
    (:meth:`Codebase.chain`)."""
    chain = chain_links(code().chain(*map(target_of, functions), depth=depth), root)
    calls = sum(len(fs) for _, fs in chain) - 1
    return render(
        "computed_by.html", chain=chain, what=what, calls=plural(calls, "function") if calls else "", layers=LAYER_WORDS
    )


def computed_by_check(check: str, root: str = "../") -> str:
    """The "computed by" line of a claim's verdict, from its check's function (``acureview.checks.REGISTRY``)."""
    return computed_by(REGISTRY[check], root=root)


def checks_table(table) -> str:
    """Every check of the registry: the function that computes it (linked to its code page), its file
    and line, and how many claims of the verdict table ``table`` it judges."""
    rows = []
    for name, fn in sorted(REGISTRY.items()):
        page, function = code_page(name)
        rows.append(
            {
                "name": name,
                "page": page,
                "function": function,
                "qualified": f"{fn.__module__}.{fn.__name__}",
                "path": Path(inspect.getsourcefile(fn)).resolve().relative_to(ROOT),
                "line": inspect.getsourcelines(fn)[1],
                "claims": int((table["check"] == name).sum()),
            }
        )
    return render("checks_table.html", checks=rows)
