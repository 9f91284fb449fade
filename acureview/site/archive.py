"""The source of the exact commit a site is built from, as one archive that the site offers for
download, with its SHA-256, so that the book can be rebuilt without access to its repository.

- A clean checkout (no tracked file differs from ``HEAD``): ``git archive`` of ``HEAD``, which is
  the same bytes for the same commit on any machine (every file's time is the commit's).
- A checkout with uncommitted changes: the tracked files as they are in the working tree (files
  not tracked by git are left out, as ``git archive`` leaves them out), each with the commit's time,
  mode 644 (755 if executable), no owner, in the order of their paths; the archive's name and the
  page say "uncommitted changes", since no commit holds these bytes.
- Outside a git checkout (an unpacked archive, for one): no archive; the page says so.

Either way the tar is compressed with gzip without a time stamp, so two builds of the same tree give
the same archive. It unpacks into one folder, ``acureview-<commit>/``, whose README's ``make book``
and ``make test`` rebuild and test the book.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from ..paths import ROOT

#: the archive's folder under ``downloads/`` in the built site
FOLDER = "source"


@dataclass(frozen=True)
class Archive:
    name: str
    content: bytes
    commit: str
    uncommitted: bool

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @property
    def size(self) -> str:
        return f"{len(self.content) / 1e6:.1f} MB" if len(self.content) >= 1e6 else f"{len(self.content) // 1000} kB"


def git(root: Path, *args: str) -> bytes:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=True, timeout=60).stdout


def working_tree_tar(root: Path, prefix: str, mtime: int) -> bytes:
    """The tracked files of ``root`` as they are on disk, as a deterministic tar under ``prefix``."""
    names = sorted(n for n in git(root, "ls-files", "-z").decode("utf-8").split("\0") if n)
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in names:
            path = root / name
            if not path.is_file() or path.is_symlink():
                continue
            info = tarfile.TarInfo(prefix + name)
            content = path.read_bytes()
            info.size, info.mtime = len(content), mtime
            info.mode = 0o755 if path.stat().st_mode & 0o111 else 0o644
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(content))
    return out.getvalue()


def source_archive(root: Path = ROOT) -> Archive | None:
    """The archive of the source of ``root`` (see the module's text), or None outside a git checkout."""
    try:
        # a folder inside another checkout (an archive unpacked there) is not that checkout
        if Path(git(root, "rev-parse", "--show-toplevel").decode().strip()).resolve() != root.resolve():
            return None
        short = git(root, "rev-parse", "--short=12", "HEAD").decode().strip()
        uncommitted = bool(git(root, "status", "--porcelain", "--untracked-files=no").strip())
        prefix = f"acureview-{short}/"
        if uncommitted:
            mtime = int(git(root, "log", "-1", "--format=%ct").decode().strip())
            tar = working_tree_tar(root, prefix, mtime)
        else:
            tar = git(root, "archive", "--format=tar", f"--prefix={prefix}", "HEAD")
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    name = f"acureview-{short}{'-uncommitted' if uncommitted else ''}.tar.gz"
    return Archive(name, gzip.compress(tar, compresslevel=9, mtime=0), short, uncommitted)
