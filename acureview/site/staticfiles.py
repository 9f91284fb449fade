"""The book's own static files (``html_static_path``) copied into the built site's ``_static/`` on
every build, each atomically and with the mode of a published file."""

from __future__ import annotations

from pathlib import Path


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
