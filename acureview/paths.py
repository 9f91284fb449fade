"""Where the project's files are, independent of the working directory, and the mode a published file gets."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
BUILD = ROOT / "_build"


def published_mode() -> int:
    """The mode a new file gets here (0644 under the usual umask 022): the mode of every file the
    project publishes, which ``tempfile.mkstemp`` would otherwise leave private (0600)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask
