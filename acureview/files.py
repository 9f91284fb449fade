"""Writing the files the project publishes: all or nothing, and with the mode a published file gets.

- :func:`published_mode`: the mode of every published file (the umask's, not ``mkstemp``'s 0600);
- :func:`write_atomic`: one or several files, each staged in a temporary file beside it, then all
  moved into place, so that a reader sees each file old or new, never half of it;
- :func:`copy_atomic`: a file copied the same way.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def published_mode() -> int:
    """The mode a new file gets here (0644 under the usual umask 022): the mode of every file the
    project publishes, which ``tempfile.mkstemp`` would otherwise leave private (0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(contents: Mapping[Path, str | bytes]) -> None:
    """Write each path's content (text as UTF-8, as it is, or bytes), all or nothing: every file is
    staged first, then each moved over its path in the order given; on any error no temporary file
    is left and no file is half-written. Folders are created as needed."""
    mode = published_mode()
    staged: list[tuple[Path, Path]] = []
    try:
        for dest, content in contents.items():
            dest = Path(dest)
            dest.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.")
            staged.append((Path(tmp), dest))
            with os.fdopen(fd, "wb") as fh:
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
            os.chmod(tmp, mode)
        for tmp, dest in staged:
            os.replace(tmp, dest)
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)


def copy_atomic(src: Path, dest: Path) -> None:
    """Copy ``src`` over ``dest`` as :func:`write_atomic` writes."""
    write_atomic({dest: Path(src).read_bytes()})
