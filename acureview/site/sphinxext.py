"""Sphinx hooks of the book: stop on bad data before anything executes, and publish the verdict
table and every data file under ``downloads/`` in the built site."""
from __future__ import annotations

import shutil
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
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
