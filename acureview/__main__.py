"""Command line: ``python -m acureview verify [--data DIR] [--out DIR] [--quiet] [--fresh]``, and
``python -m acureview bib``, which writes ``book/sources.bib`` from ``data/sources.csv``.

Prints the verdict table and writes ``verdicts.csv`` and ``verdicts.json`` into the output folder,
with the hash of the inputs they were computed from. When the table there is already of these
inputs (the data, the package and the lock unchanged), it is read instead of computed again
(``--fresh`` computes it anyway). On bad data it prints one message naming the file, the row and
the column, removes the stale tables, and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from . import verify
from .data import DataError
from .inputs import digest_for
from .paths import BUILD, DATA
from .site import bibliography


def _print_table(rows) -> None:
    width = 38
    print(f"{'claim':<10} {'verdict':<16} {'reported':<24} re-derived")
    print("-" * (10 + 16 + 24 + width + 3))
    for r in rows:
        rep = textwrap.shorten(r["reported"] or "-", 24, placeholder="…")
        red = textwrap.shorten(r["rederived"] or "-", width, placeholder="…")
        print(f"{r['claim_id']:<10} {r['verdict']:<16} {rep:<24} {red}")


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
    sub.add_parser("bib", help="write book/sources.bib from data/sources.csv")
    args = parser.parse_args(argv)
    if args.command == "bib":
        try:
            print("wrote", bibliography.write(verify.load()))
        except DataError as e:
            print(f"error: {e}", file=sys.stderr)
            return 2
        return 0

    inputs = digest_for(args.data)
    rows = None if args.fresh else verify.stored(args.out, inputs)
    if rows is None:
        try:
            rows = verify.compute(verify.load(args.data))
        except DataError as e:
            verify.discard(args.out)
            print(f"error: {e}", file=sys.stderr)
            return 2
        paths = verify.write(rows, args.out, inputs)
        done = "wrote " + ", ".join(str(p) for p in paths)
    else:
        done = f"the table in {args.out} is of these inputs (data, package and lock unchanged): read, not recomputed"
    if not args.quiet:
        _print_table(rows)
        print()
    counts = ", ".join(f"{n} {v}" for v, n in verify.summary(rows))
    print(f"{len(rows)} claims: {counts}")
    print(done)
    return 0


if __name__ == "__main__":
    sys.exit(main())
