"""The code behind the verdicts as pages of the site: one page of highlighted source for every module
that computes a verdict (``code/acureview/...html``, an anchor at each function, class and line), where
a check's function stands on them, and the reviewers' table of every check with its code."""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer

from .. import checks
from ..paths import ROOT
from .provenance import commit
from .templates import fragment, render

#: the packages and modules whose code a reader may want to trace a verdict to, each module a page under ``code/``
CODE_PACKAGES = ("checks", "methods", "studies", "appraisal", "data")
CODE_MODULES = ("verify.py", "inputs.py", "verdicts.py", "fmt.py")


def code_modules() -> list[Path]:
    pkg = ROOT / "acureview"
    files = [f for name in CODE_PACKAGES for f in sorted((pkg / name).rglob("*.py"))]
    return files + [pkg / name for name in CODE_MODULES if (pkg / name).exists()]


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def code_page(check: str) -> tuple[str, str]:
    """(page, function) of the code that computes a check: the page under ``code/`` written for its
    module, and the function's anchor there."""
    fn = checks.REGISTRY[check]
    return "code/" + fn.__module__.replace(".", "/") + ".html", fn.__name__


def code_html(path: Path) -> str:
    """A module's source, highlighted, with an anchor at each function and class (``#name``, and
    ``#Class.method``) and one at each line (``#L-12``)."""
    source = path.read_text(encoding="utf-8")
    body = highlight(source, PythonLexer(), HtmlFormatter(lineanchors="L", linenos="inline", wrapcode=True))
    anchors: dict[int, list[str]] = {}

    def visit(nodes, prefix=""):
        for node in nodes:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                line = min([node.lineno] + [d.lineno for d in node.decorator_list])
                anchors.setdefault(line, []).append(prefix + node.name)
                if isinstance(node, ast.ClassDef):
                    visit(node.body, prefix + node.name + ".")

    visit(ast.parse(source).body)
    seen = set()
    for line, names in anchors.items():
        spans = render("anchors.html", names=[n for n in names if n not in seen])
        seen.update(names)
        body = re.sub(rf'(<a id="L-{line}" name="L-{line}")', spans.replace("\\", "\\\\") + r"\1", body, count=1)
    return body


def code_pages():
    """(page name, title, body) of every module's page under ``code/``."""
    for path in code_modules():
        name = module_name(path)
        body = render(
            "code_page.html",
            name=name,
            path=path.relative_to(ROOT).as_posix(),
            commit=commit(),
            code=fragment(code_html(path)),
        )
        yield "code/" + name.replace(".", "/"), name, body


def checks_table(table) -> str:
    """Every check of the registry: the function that computes it (linked to its code page), its file
    and line, and how many claims of the verdict table ``table`` it judges."""
    rows = []
    for name, fn in sorted(checks.REGISTRY.items()):
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
