"""What every computed result depends on, and its hash.

The verdict table, the executed chapters and the site are computed from five inputs: the data
folder, this package, the lock of the libraries, the chapters (``notebooks/``: a chapter edited,
added or deleted changes what the book shows and which facts ``verify --book`` requires) and the
build-time code that shapes the executed pages (``tools/execute.py``, which executes the chapters
and cleans their outputs). :func:`digest` hashes them (every file's path and
content), so that a result stored with the hash it was computed from is reused only while none of
them changed. The verdict table (:func:`acureview.verify.read`) and the build's caches
(``tools/inputs.py``) are keyed on the same hash.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .paths import DATA, ROOT

#: what every result depends on besides a page's own code (files, or folders read recursively)
INPUTS = ("requirements.lock", "acureview", "data", "notebooks", "tools/execute.py")
SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints"}


def files(root: Path = ROOT, data: Path | None = None) -> list[tuple[str, Path]]:
    """Every input file as (its name in the hash, its path), in a fixed order. ``data`` replaces the
    project's data folder (a copy being checked); its files are named as if they were in ``data/``."""
    out = []
    for name in INPUTS:
        path = data if (name == "data" and data is not None) else root / name
        if path.is_file():
            out.append((name, path))
        elif path.is_dir():
            for folder, dirs, names in os.walk(path):
                dirs[:] = [d for d in dirs if d not in SKIP_DIRS]
                for n in names:
                    if not n.endswith((".pyc", ".pyo")):
                        file = Path(folder) / n
                        out.append(((Path(name) / file.relative_to(path)).as_posix(), file))
    return sorted(out)


def digest(root: Path = ROOT, data: Path | None = None) -> str:
    """Hash of every input file's name and content: an edit, an added, removed or renamed file
    changes it."""
    h = hashlib.sha256()
    for name, path in files(root, data):
        rel = name.encode("utf-8")
        content = path.read_bytes()
        h.update(b"%d:%s%d:" % (len(rel), rel, len(content)))
        h.update(content)
    return h.hexdigest()[:16]


def digest_for(data_folder: Path | str = DATA) -> str:
    """The inputs' hash with ``data_folder`` as the data (the project's own by default)."""
    folder = Path(data_folder).resolve()
    return digest(ROOT, None if folder == DATA.resolve() else folder)
