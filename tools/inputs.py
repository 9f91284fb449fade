"""The inputs stamps of ``make book``: the site is built from one version of the inputs, never two,
and an edit executes again only the pages it can change.

The pages' executions are cached (``_build/.jupyter_cache``) by their code alone, but their results
depend on the data, the package and the environment too. So ``make book`` keys each page's
execution on everything it can depend on (:func:`acureview.inputs.page_digest`: its own text, the
package's modules it imports, directly or through others, the verdict table's modules, the data, the
lock and ``tools/execute.py``), and keeps in the cache only the executions that a successful build
stamped (``_build/.pages.inputs``) with the key each page has now: an edit of one chapter, or of a
module only it imports, executes that chapter again and no other. The pages themselves (executed
notebooks, Sphinx's environment, the site) are built again whenever any input changed
(:func:`acureview.inputs.digest`, stamped in ``_build/.inputs``): a site-only edit executes nothing
and rebuilds every page.

Each stamp is removed *before* what it vouches for is removed or executed again, and written only
*after* a successful build (and only if the inputs did not change meanwhile; if they did, the build
stamp is removed), so a build that fails, is interrupted or ran on two versions of the inputs leaves
no stamp for what it executed or built: the next build executes those pages again and rebuilds every
page, whatever the caches kept from the broken one. ``tools/publish.py`` builds the site aside and
publishes it only with its stamp.

    python tools/inputs.py prepare          # print the inputs' hash; drop the executions whose
                                            # page's key changed; if the hash is not the stamp's,
                                            # remove the stamp, then the pages
    python tools/inputs.py commit HASH      # after a successful build: write the stamps (fails, and
                                            # removes the stamp, if the inputs changed during the build)

File names are read by Python, not split by the shell: spaces or brackets in a name are fine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
from pathlib import Path

from acureview.files import write_atomic
from acureview.inputs import digest, module_graph, page_digest

ROOT = Path(__file__).resolve().parents[1]
#: what holds pages built from the inputs: the executed notebooks and their glued values, Sphinx's
#: environment and the pages written from it (the executions are kept or dropped page by page)
CACHES = ("jupyter_execute", ".doctrees", "html")
STAMP = ".inputs"
#: each page's key (:func:`acureview.inputs.page_digest`) as the last successful build executed it
PAGES = ".pages.inputs"
#: each page's key as ``prepare`` took it, for ``commit`` to compare with
PENDING = ".pages.pending"
#: the hash of the inputs the verdict table in _build was computed and checked from (``acureview verify``)
VERIFIED = "verdicts.inputs"


def stamp(build: Path, name: str = STAMP) -> str | None:
    """The hash written in ``build``/``name`` (the build's stamp by default; its first line: the
    verdict table's stamp adds the hash of the table's files), or None."""
    try:
        return next(iter((build / name).read_text(encoding="utf-8").split()), None)
    except FileNotFoundError:
        return None


def page_stamps(build: Path, name: str = PAGES) -> dict[str, str]:
    """Each page's key as stamped in ``build``/``name``; none if there is no stamp or it is unreadable."""
    try:
        found = json.loads((build / name).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def write_page_stamps(build: Path, keys: dict[str, str], name: str = PAGES) -> None:
    write_atomic({build / name: json.dumps(keys, indent=1, sort_keys=True) + "\n"})


def page_keys(root: Path) -> dict[str, str]:
    """Each page of the book that is executed (its path in the project) and its key."""
    import execute  # here, not at the top: `publish.py writable` and `withdraw` run around every `make verify`

    md, _ = execute.settings(root)
    graph = module_graph(root)
    keys = {}
    for page in execute.pages(root):
        code = [c.source for c in execute.read(page, md).cells if c.cell_type == "code"]
        keys[page.relative_to(root).as_posix()] = page_digest(root, page, code, graph)
    return keys


def drop_stale(root: Path, build: Path, keys: dict[str, str]) -> list[str]:
    """Keep in the execution cache only the executions of pages whose stamped key is their key now;
    the stamp is rewritten to those pages first, then every other execution is removed. Returns the
    pages left to execute (in ``keys``' order)."""
    import execute
    from jupyter_cache import get_cache
    from jupyter_cache.cache.db import NbCacheRecord

    stamped = page_stamps(build)
    cache = get_cache(str(root / execute.CACHE))
    md, _ = execute.settings(root)
    kept: dict[str, int] = {}
    for page, key in keys.items():
        if stamped.get(page) == key:
            with contextlib.suppress(KeyError):  # stamped, but no longer in the cache: executed again
                kept[page] = cache.match_cache_notebook(execute.read(root / page, md)).pk
    write_page_stamps(build, {page: keys[page] for page in kept})  # first: what is removed is never vouched for
    for record in cache.list_cache_records():
        if record.pk not in kept.values():
            try:
                cache.remove_cache(record.pk)
            except KeyError:  # its notebook is already gone: the record alone
                NbCacheRecord.remove_records([record.pk], cache.db)
    return [page for page in keys if page not in kept]


def prepare(root: Path = ROOT, build: Path | None = None) -> str:
    """The inputs' hash. Drops each page's execution whose key changed; when the hash is not the
    stamp's, removes the stamp first, then the pages.

    ``verify --book``, run just before, checked the inputs and stored the verdict table with their
    hash (``verdicts.inputs``): if that hash is not the one taken now, the inputs changed in between,
    so the book would be built from inputs nobody checked. Then the stamp and the pages are
    removed and the build refused (SystemExit)."""
    build = build if build is not None else root / "_build"
    current = digest(root)
    checked = stamp(build, VERIFIED)
    if stamp(build) != current or checked not in (None, current):
        (build / STAMP).unlink(missing_ok=True)  # first: until a build succeeds, nothing is trusted
        for name in CACHES:
            shutil.rmtree(build / name, ignore_errors=True)
    keys = page_keys(root)
    drop_stale(root, build, keys)
    write_page_stamps(build, keys, PENDING)
    if checked not in (None, current):
        raise SystemExit(
            "error: the data, the chapters, the package or the lock changed after `verify --book` "
            "checked them: run `make book` again to check and build one version of them"
        )
    return current


def commit(expected: str, root: Path = ROOT, build: Path | None = None) -> None:
    """Record that the caches hold results of the inputs hashed ``expected`` (after a successful
    build): the build's stamp, and each page's key as ``prepare`` took it, if it is still the same."""
    build = build if build is not None else root / "_build"
    pending = page_stamps(build, PENDING)
    if digest(root) != expected or page_keys(root) != pending:
        # the caches may hold pages executed from either version: none of them is trusted
        (build / STAMP).unlink(missing_ok=True)
        raise SystemExit(
            "error: the data, the package or the lock changed during the build: the site built from "
            "both is not published; run `make book` again to build from one version of them"
        )
    write_atomic({build / PAGES: json.dumps(pending, indent=1, sort_keys=True) + "\n", build / STAMP: expected + "\n"})
    (build / PENDING).unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/inputs.py")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this checkout)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare", help="print the inputs' hash; drop stale executions; remove the pages if it changed")
    c = sub.add_parser("commit", help="write the stamps after a successful build")
    c.add_argument("digest")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        print(prepare(args.root))
    else:
        commit(args.digest, args.root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
