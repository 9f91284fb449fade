"""``make book``'s site: built aside, published whole, or withdrawn; never a site that disagrees with the data.

- ``writable``: the build folder can be written (else one line, before anything runs);
- ``build DIGEST``: Jupyter Book's build (the same Sphinx build as ``jupyter-book build . -W -n
  --keep-going``) into ``_build/html.next``, a copy of the published site so that Sphinx writes only
  the pages out of date; then, only if the build succeeded and the inputs' hash is still ``DIGEST``
  (:func:`acureview.inputs.digest`, taken by ``tools/inputs.py prepare`` before the pages executed),
  the stamp is written and the new site takes the place of ``_build/html`` in one step (Linux's
  ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames). A failed build, or data, package or lock
  edited while it ran, publishes nothing and fails with one line;
- ``withdraw``: after a refused or failed build, remove the published site and the stamp.

A refused or failed build leaves no site rather than the previous one with a notice: the previous
site's downloads (verdicts.csv and .json, the data files, the executed notebooks) can carry no
"out of date" notice, and a reader who saved one would hold a table that no longer describes the
data. No site is never mistaken for a current one.

    python tools/publish.py writable
    python tools/publish.py build DIGEST     # after tools/inputs.py prepare and tools/execute.py
    python tools/publish.py withdraw
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import sys
import tempfile
from pathlib import Path

import inputs

ROOT = Path(__file__).resolve().parents[1]
SITE = "html"
STAGING = "html.next"


def writable(build: Path) -> None:
    """The build folder and every folder in it, at any depth, can be written; else one line, naming
    the folder at fault (not the temporary file that tried it)."""
    if build.exists() and not build.is_dir():
        raise SystemExit(f"error: {build} is not a folder: remove it (make clean), then build again")
    folder = build
    try:
        build.mkdir(parents=True, exist_ok=True)
        for top, dirs, _ in os.walk(build):
            dirs[:] = [d for d in dirs if not (Path(top) / d).is_symlink()]
            folder = Path(top)
            tempfile.TemporaryFile(dir=folder).close()
    except OSError as e:
        raise SystemExit(
            f"error: cannot write in {folder} ({e.strerror or e}): make it writable by this user, "
            "or remove it (make clean)"
        ) from None


def remove(folder: Path) -> None:
    """Remove ``folder`` and all it holds; what cannot be removed is one line naming it and the
    folder it is in (SystemExit), not a traceback."""
    failed: list[tuple[str, BaseException]] = []
    shutil.rmtree(folder, onerror=lambda _fn, path, exc: failed.append((path, exc[1])))
    if failed:
        path, e = Path(failed[0][0]), failed[0][1]
        reason = getattr(e, "strerror", None) or e
        raise SystemExit(
            f"error: cannot remove {path} from {path.parent} ({reason}): make {path.parent} writable by "
            "this user (or the file mutable), then run it again"
        )


def sphinx(root: Path, outdir: Path) -> int | Exception:
    """Jupyter Book's build of ``root`` into ``outdir`` (its doctrees, executed notebooks and
    execution cache stay in ``outdir``'s folder, ``_build``): the options of ``jupyter-book build .
    --warningiserror --nitpick --keep-going``, whose output folder cannot be chosen."""
    # imported here, not at the top: `writable` and `withdraw` run around every `make verify` (a second)
    from jupyter_book.sphinx import build_sphinx

    return build_sphinx(
        str(root),
        str(outdir),
        use_external_toc=True,
        noconfig=True,
        path_config=str(root / "_config.yml"),
        confoverrides={
            "external_toc_path": (root / "_toc.yml").as_posix(),
            "nitpicky": True,
            "latex_individualpages": False,
        },
        builder="html",
        warningiserror=True,
        keep_going=True,
    )


def exchange(new: Path, old: Path) -> bool:
    """Swap two folders in one step (Linux's renameat2 with RENAME_EXCHANGE); False where unavailable."""
    rename = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if rename is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    return rename(at_fdcwd, os.fsencode(new), at_fdcwd, os.fsencode(old), rename_exchange) == 0


def swap(new: Path, site: Path) -> None:
    """Put the folder ``new`` where ``site`` is: a reader sees the old site or the new one."""
    if not site.exists():
        os.rename(new, site)
    elif exchange(new, site):
        shutil.rmtree(new)  # now the old site
    else:
        old = site.with_name(site.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        os.rename(site, old)
        os.rename(new, site)
        shutil.rmtree(old)


def build(expected: str, root: Path = ROOT, folder: Path | None = None) -> None:
    """Build the site aside, then publish it with its stamp if the build succeeded and the inputs
    are still those hashed ``expected``; otherwise publish nothing and fail with one line."""
    folder = folder if folder is not None else root / "_build"
    site, staging = folder / SITE, folder / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    if site.is_dir():
        shutil.copytree(site, staging, symlinks=True)  # Sphinx then writes only what is out of date
    try:
        result = sphinx(root, staging)
        if result:
            raise SystemExit("error: the book did not build (see above): no site is published")
        inputs.commit(expected, root, folder)  # fails, and removes the stamp, if the inputs changed
        swap(staging, site)
        print(f"published the site in {site}", flush=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def withdraw(root: Path = ROOT, folder: Path | None = None) -> None:
    """Remove the published site and the stamp: what a refused or failed build leaves."""
    folder = folder if folder is not None else root / "_build"
    try:
        (folder / inputs.STAMP).unlink(missing_ok=True)
    except OSError as e:
        raise SystemExit(
            f"error: cannot remove {folder / inputs.STAMP} from {folder} ({e.strerror or e}): make {folder} "
            "writable by this user (or the file mutable), then run it again"
        ) from None
    if (folder / STAGING).exists():
        remove(folder / STAGING)
    if (folder / SITE).exists():
        remove(folder / SITE)
        print(f"removed {SITE}/ from {folder.name}/: it would not agree with the data", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/publish.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("writable", help="fail with one line if _build cannot be written")
    b = sub.add_parser("build", help="build the site aside and publish it if it is of the inputs hashed DIGEST")
    b.add_argument("digest")
    sub.add_parser("withdraw", help="remove the published site and the stamp")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command == "writable":
        writable(root / "_build")
    elif args.command == "build":
        build(args.digest, root)
    else:
        withdraw(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
