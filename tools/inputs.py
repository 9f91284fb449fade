"""The inputs stamp of ``make book``: the site is built from one version of the data, never two.

The chapters' executions are cached (``_build/.jupyter_cache``) by their code alone, but their
results depend on the data, the package and the environment too. So ``make book`` hashes those
inputs, and when the hash differs from the stamp of the last successful build it empties every
cache that holds results computed from other inputs, and re-executes everything.

The stamp is removed *before* the caches are emptied and written only *after* a successful build
(and only if the inputs did not change meanwhile; if they did, it is removed), so a build that
fails, is interrupted or ran on two versions of the inputs leaves no stamp: the next build starts
clean, whatever the cache kept from the broken one. ``tools/publish.py`` builds the site aside and
publishes it only with its stamp.

    python tools/inputs.py prepare          # print the inputs' hash; if it is not the stamp's,
                                            # remove the stamp, then the caches
    python tools/inputs.py commit HASH      # after a successful build: write the stamp (fails, and
                                            # removes the stamp, if the inputs changed during the build)

File names are read by Python, not split by the shell: spaces or brackets in a name are fine.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from acureview.files import write_atomic
from acureview.inputs import digest  # the one hash of the inputs

ROOT = Path(__file__).resolve().parents[1]
#: what holds results computed from the inputs: the execution cache, the executed notebooks and
#: their glued values, Sphinx's environment and the pages written from it
CACHES = (".jupyter_cache", "jupyter_execute", ".doctrees", "html")
STAMP = ".inputs"
#: the hash of the inputs the verdict table in _build was computed and checked from (``acureview verify``)
VERIFIED = "verdicts.inputs"


def stamp(build: Path, name: str = STAMP) -> str | None:
    """The hash written in ``build``/``name`` (the build's stamp by default; its first line: the
    verdict table's stamp adds the hash of the table's files), or None."""
    try:
        return next(iter((build / name).read_text(encoding="utf-8").split()), None)
    except FileNotFoundError:
        return None


def prepare(root: Path = ROOT, build: Path | None = None) -> str:
    """The inputs' hash; when it is not the stamp's, remove the stamp first, then every cache.

    ``verify --book``, run just before, checked the inputs and stored the verdict table with their
    hash (``verdicts.inputs``): if that hash is not the one taken now, the inputs changed in between,
    so the book would be built from inputs nobody checked. Then the stamp and the caches are
    removed and the build refused (SystemExit)."""
    build = build if build is not None else root / "_build"
    current = digest(root)
    checked = stamp(build, VERIFIED)
    if stamp(build) != current or checked not in (None, current):
        (build / STAMP).unlink(missing_ok=True)  # first: until a build succeeds, nothing is trusted
        for name in CACHES:
            shutil.rmtree(build / name, ignore_errors=True)
    if checked not in (None, current):
        raise SystemExit(
            "error: the data, the chapters, the package or the lock changed after `verify --book` "
            "checked them: run `make book` again to check and build one version of them"
        )
    return current


def commit(expected: str, root: Path = ROOT, build: Path | None = None) -> None:
    """Record that the caches hold results of the inputs hashed ``expected`` (after a successful build)."""
    build = build if build is not None else root / "_build"
    current = digest(root)
    if current != expected:
        # the caches may hold pages executed from either version: none of them is trusted
        (build / STAMP).unlink(missing_ok=True)
        raise SystemExit(
            "error: the data, the package or the lock changed during the build: the site built from "
            "both is not published; run `make book` again to build from one version of them"
        )
    write_atomic({build / STAMP: current + "\n"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/inputs.py")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare", help="print the inputs' hash; empty the caches unless it is the stamp's")
    c = sub.add_parser("commit", help="write the stamp after a successful build")
    c.add_argument("digest")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        print(prepare(args.root))
    else:
        commit(args.digest, args.root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
