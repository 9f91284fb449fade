"""Sphinx hooks of the book: stop on bad data before anything executes, publish the verdict
table, every data file and the executed chapters under ``downloads/`` in the built site, write a
page of highlighted code for every module that computes a verdict (``code/acureview/...html``,
one anchor per function, so a card links to the function that judged it, offline), name the commit
the site was built from and the repository in every page's footer, and copy the book's own static
files into ``_static/`` on every build."""
from __future__ import annotations

import ast
import html
import os
import re
import shutil
import tempfile
from pathlib import Path

from sphinx.errors import ExtensionError

from ..data import DataError
from ..paths import DATA, ROOT, published_mode
from .provenance import commit, footer_html, repository  # noqa: F401  (commit: for the pages and tests)

DATA_FILES = ("claims.csv", "sources.csv", "facts.csv", "assumptions.csv", "review.md",
              "rob2.csv", "robins_i.csv", "grade.csv")


def _validate(app, config) -> None:
    try:
        from ..verify import load

        data = load()
        from ..studies import appraisal

        appraisal.load(data)  # the risk-of-bias and certainty files
    except DataError as e:
        raise ExtensionError(f"bad data: {e}") from None


def _downloads(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from .. import verify

    out = Path(app.outdir) / "downloads"
    verify.write(verify.table(), out)
    for name in DATA_FILES:
        shutil.copyfile(DATA / name, out / name)
    executed = Path(app.outdir).parent / "jupyter_execute" / "notebooks"
    (out / "notebooks").mkdir(exist_ok=True)
    for nb in sorted(executed.glob("*.ipynb")):
        shutil.copyfile(nb, out / "notebooks" / nb.name)


#: the modules whose code a reader may want to trace a verdict to, each a page under ``code/``
CODE_PACKAGES = ("checks", "methods", "studies")
CODE_MODULES = ("verify.py", "verdicts.py", "data.py", "fmt.py")


def code_modules() -> list[Path]:
    pkg = ROOT / "acureview"
    files = [f for name in CODE_PACKAGES for f in sorted((pkg / name).glob("*.py"))]
    return files + [pkg / name for name in CODE_MODULES if (pkg / name).exists()]


def module_name(path: Path) -> str:
    rel = path.relative_to(ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def code_html(path: Path) -> str:
    """A module's source, highlighted, with an anchor at each function and class (``#name``, and
    ``#Class.method``) and one at each line (``#L-12``)."""
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import PythonLexer

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
        spans = "".join(f'<span class="def-anchor" id="{html.escape(n)}"></span>' for n in names if n not in seen)
        seen.update(names)
        body = re.sub(rf'(<a id="L-{line}" name="L-{line}")', spans.replace("\\", "\\\\") + r"\1", body, count=1)
    return body


def _code_pages(app):
    """Sphinx's html-collect-pages: one themed page per module (as sphinx.ext.viewcode writes, but
    for the modules that compute verdicts, whether or not they are documented with autodoc)."""
    for path in code_modules():
        name = module_name(path)
        rel = path.relative_to(ROOT).as_posix()
        body = (f'<div class="code-page"><h1>{html.escape(name)}</h1>'
                f'<p>The source of <code>{html.escape(rel)}</code> as this site was built (commit '
                f'<code>{html.escape(commit())}</code>).</p>{code_html(path)}</div>')
        yield "code/" + name.replace(".", "/"), {"title": name, "body": body, "parents": []}, "page.html"


def _footer(app, config) -> None:
    try:
        repo = repository()
    except ValueError as e:
        raise ExtensionError(str(e)) from None
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = (options.get("extra_footer") or "") + footer_html(repo, commit())
    config.html_theme_options = options


def copy_atomic(src: Path, dest: Path) -> None:
    """Copy ``src`` over ``dest`` through a temporary file in the same folder: a reader sees the old
    file or the new one, never half of it."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out)
        os.chmod(tmp, published_mode())
        os.replace(tmp, dest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def static_files(app) -> list[tuple[Path, Path]]:
    """(source, destination) of every file of the project's ``html_static_path`` folders.

    Sphinx copies these only in its ``finish`` step, which it skips when no page is out of date,
    and it does not overwrite a file it copied before; so a second build, or one after editing
    only a static file, would serve stale or missing files. Templates (``*_t``) stay Sphinx's."""
    out = Path(app.outdir) / "_static"
    base = Path(app.confdir or app.srcdir)
    pairs = []
    for entry in app.config.html_static_path:
        folder = (base / entry).resolve()
        if not folder.is_dir() or not folder.is_relative_to(base.resolve()):
            continue  # only the project's own folders (themes and extensions manage theirs)
        for src in sorted(p for p in folder.rglob("*") if p.is_file()):
            if not src.name.endswith("_t"):
                pairs.append((src, out / src.relative_to(folder)))
    return pairs


def _static(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    for src, dest in static_files(app):
        copy_atomic(src, dest)


def _unique_scripts(app, pagename, templatename, context, doctree) -> None:
    """Drop scripts that a page would load twice (sphinx-thebe registers its inline configuration
    once per read of the environment, and a second copy is a console error: a redeclared const)."""
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # an inline script is registered once with filename None and once with '': the same script
        key = (getattr(script, "filename", str(script)) or "", tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"][:] = unique  # in place: handlers after this one add to the same list


def setup(app):
    app.connect("config-inited", _validate)
    app.connect("config-inited", _footer)
    app.connect("html-collect-pages", _code_pages)
    # early: 'html-page-context' stops at the first handler that returns a template name
    app.connect("html-page-context", _unique_scripts, priority=100)
    app.connect("build-finished", _downloads)
    app.connect("build-finished", _static)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
