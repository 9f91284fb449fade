"""Sphinx hooks of the book: stop on bad data before anything executes, publish the verdict
table and every data file under ``downloads/`` in the built site, and copy the book's own static
files into ``_static/`` on every build."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from sphinx.errors import ExtensionError

from ..data import DataError, load
from ..paths import DATA

DATA_FILES = ("claims.csv", "sources.csv", "facts.csv", "assumptions.csv", "review.md",
              "rob2.csv", "robins_i.csv", "grade.csv")


def _validate(app, config) -> None:
    try:
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


def _mode() -> int:
    """The mode a new file gets here (0644 under the usual umask 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def copy_atomic(src: Path, dest: Path) -> None:
    """Copy ``src`` over ``dest`` through a temporary file in the same folder: a reader sees the old
    file or the new one, never half of it."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
    try:
        with os.fdopen(fd, "wb") as out, open(src, "rb") as inp:
            shutil.copyfileobj(inp, out)
        os.chmod(tmp, _mode())
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
    # early: 'html-page-context' stops at the first handler that returns a template name
    app.connect("html-page-context", _unique_scripts, priority=100)
    app.connect("build-finished", _downloads)
    app.connect("build-finished", _static)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
