"""Sphinx hooks of the book: stop on bad data before anything executes, and publish the verdict
table and every data file under ``downloads/`` in the built site."""
from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.errors import ExtensionError

from .data import DataError, load
from .paths import DATA

DATA_FILES = ("claims.csv", "sources.csv", "facts.csv", "assumptions.csv", "review.md")


def _validate(app, config) -> None:
    try:
        load()
    except DataError as e:
        raise ExtensionError(f"bad data: {e}") from None


def _downloads(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from . import verify

    out = Path(app.outdir) / "downloads"
    verify.write(verify.table(), out)
    for name in DATA_FILES:
        shutil.copyfile(DATA / name, out / name)


def setup(app):
    app.connect("config-inited", _validate)
    app.connect("build-finished", _downloads)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
