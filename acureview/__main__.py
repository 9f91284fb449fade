"""Command line: ``python -m acureview verify [--data DIR] [--out DIR] [--quiet] [--fresh] [--book]``, and
``python -m acureview bib``, which writes ``book/sources.bib`` from ``data/sources.csv``.

Prints the verdict table and writes ``verdicts.csv`` and ``verdicts.json`` into the output folder,
with the hash of the inputs they were computed from. When the table there is already of these
inputs (the data, the package and the lock unchanged), it is read instead of computed again
(``--fresh`` computes it anyway). On bad data it prints one line naming the file, the row and the
column at fault, removes the stale tables, and exits with status 2; a fault of the code (a bug, not
the data) is one line too, naming the code's file and line, with the tables removed and status 3.
Never a traceback. ``--book`` also refuses, the same way, data the chapters cannot be built on
(:func:`acureview.verify.check_chapters`): what ``make book`` runs before any chapter.
"""

from __future__ import annotations

import argparse
import os
import sys
import textwrap
import traceback
from pathlib import Path

from . import verify
from .data import DataError
from .paths import BUILD, DATA
from .site import bibliography

PACKAGE = Path(__file__).resolve().parent


def _print_table(rows) -> None:
    width = 38
    print(f"{'claim':<10} {'verdict':<16} {'reported':<24} re-derived")
    print("-" * (10 + 16 + 24 + width + 3))
    for r in rows:
        rep = textwrap.shorten(r["reported"] or "-", 24, placeholder="…")
        red = textwrap.shorten(r["rederived"] or "-", width, placeholder="…")
        print(f"{r['claim_id']:<10} {r['verdict']:<16} {rep:<24} {red}")


def _fail(out: Path, message: str, status: int) -> int:
    """Remove the tables that no longer describe the data, print ``message`` (one line) and return
    ``status``."""
    try:
        verify.discard(out)
    except OSError as e:
        message += f" (and the stale tables in {out} could not be removed: {e.strerror})"
    print(" ".join(message.split()), file=sys.stderr)
    return status


def _code_at_fault(e: BaseException) -> str:
    """Where in the package an unexpected error was raised: 'acureview/checks/rct1.py line 42'."""
    frames = [f for f in traceback.extract_tb(e.__traceback__) if Path(f.filename).resolve().is_relative_to(PACKAGE)]
    if not frames:
        return "acureview"
    f = frames[-1]
    return f"{Path(f.filename).resolve().relative_to(PACKAGE.parent)} line {f.lineno}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acureview")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("verify", help="compute every verdict and write the verdict table")
    v.add_argument("--data", type=Path, default=DATA, help="folder of the data files (default: data/)")
    v.add_argument("--out", type=Path, default=BUILD, help="where to write verdicts.csv/json (default: _build/)")
    v.add_argument("--quiet", action="store_true", help="print only the summary")
    v.add_argument(
        "--fresh", action="store_true", help="compute every verdict even when the stored table is of the same inputs"
    )
    v.add_argument(
        "--book", action="store_true", help="also refuse data the chapters cannot be built on (before make book)"
    )
    sub.add_parser("bib", help="write book/sources.bib from data/sources.csv")
    args = parser.parse_args(argv)
    if args.command == "bib":
        try:
            print("wrote", bibliography.write(verify.load()))
        except DataError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        return 0

    try:
        data = verify.load(args.data) if args.book else None
        rows, done = verify.rows(data, args.out, args.data, fresh=args.fresh)
        if data is not None:  # on a fault the table just written is withdrawn (_fail)
            verify.check_chapters(data, out=args.out)
    except DataError as e:
        return _fail(args.out, f"error: {e}", 2)
    except OSError as e:  # a folder or file that cannot be read, or the table that cannot be written
        if _within(e.filename, args.out):
            return _fail(args.out, f"error: cannot write the verdict table into {args.out}: {_why(args.out, e)}", 2)
        return _fail(args.out, f"error: {e.filename or args.data}: {e.strerror or e}", 2)
    except Exception as e:  # a fault of the code, not of the data: one line, and the tests show the rest
        return _fail(args.out, f"internal error at {_code_at_fault(e)}: {type(e).__name__}: {e}", 3)
    return _report(rows, args.quiet, done)


def _why(out: Path, e: OSError) -> str:
    """Why the table cannot be written into ``out``: a link to a folder that does not exist is named
    as such (the system says only that the file exists)."""
    if out.is_symlink() and not out.exists():
        return f"it is a symlink to a missing folder ({os.readlink(out)}); create that folder or remove the link"
    return e.strerror or str(e)


def _within(filename, folder: Path) -> bool:
    """Whether the file an OSError names is ``folder`` or inside it."""
    if not filename:
        return False
    path, folder = Path(filename).resolve(), folder.resolve()
    return path == folder or path.is_relative_to(folder)


def _report(rows, quiet: bool, done: str) -> int:
    """Print the table (unless ``quiet``), the verdicts counted and what was done; status 0."""
    if not quiet:
        _print_table(rows)
        print()
    counts = ", ".join(f"{n} {v}" for v, n in verify.summary(rows))
    print(f"{len(rows)} claims: {counts}")
    print(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
