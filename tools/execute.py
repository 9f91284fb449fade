"""Execute the book's pages in parallel into the build's execution cache, before ``jupyter-book build``.

Jupyter Book (myst-nb, ``execute_notebooks: cache``) executes the pages one after another. This
executes every page whose code the cache does not hold yet, several at a time (one kernel per page;
as many workers as CPUs, longest page first), exactly as myst-nb would: the page read by myst-nb's
own reader, executed by jupyter-cache's ``single_nb_execution`` in the page's folder with the
book's timeout and ``allow_errors``, stored as myst-nb stores it. The build then finds every page
in the cache ("Using cached notebook") and executes nothing.

It keeps the build's guarantees: ``tools/inputs.py prepare`` runs first and drops from the cache
each page's execution whose inputs changed (its text, the modules it imports, the data, the lock,
this file); a page that fails stops ``make book`` with the
page's name and its traceback, and is not cached (so the build never publishes it). So does a page
whose output shows a warning or anything else on stderr, an error or traceback, or a path of the
machine that executed it (``output_problems``). What would differ from one execution to the next
without a difference of results (styled tables' random ids, objects' memory addresses) is made
stable before the page is cached (``stable_outputs``).

    python tools/execute.py [--jobs N]      # prints "<page>: Executed notebook in S seconds" per page
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path

import nbformat
import yaml
from jupyter_cache import get_cache
from jupyter_cache.base import CacheBundleIn
from jupyter_cache.executors.utils import single_nb_execution
from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook
from myst_parser.config.main import MdParserConfig

ROOT = Path(__file__).resolve().parents[1]
#: where myst-nb keeps its execution cache in a Jupyter Book build
CACHE = Path("_build") / ".jupyter_cache"
#: each page's last execution time, to start the longest first (kept outside the emptied caches)
TIMES = Path("_build") / "execution-seconds.json"


#: what no executed page may show: a path of the machine that built it (the book is published)
MACHINE_PATHS = re.compile(
    "|".join(
        re.escape(p)
        for p in sorted(
            {"/work/", "/root/", "/home/", "/tmp/", "/Users/", "site-packages", ".venv", "C:\\"}
            | {str(ROOT), sys.prefix}
        )
    )
)
#: ... nor a traceback or a warning printed to stdout
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|\b\w*(?:Error|Warning): |^\s*warn\(", re.M)
BINARY = ("image/png", "image/jpeg", "image/gif", "application/pdf")


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def output_problems(nb: dict) -> list[str]:
    """Every output of an executed notebook that shows stderr, an error or a machine path."""
    out = []
    for i, cell in enumerate(nb.get("cells", [])):
        for o in cell.get("outputs", []):
            kind = o.get("output_type")
            if kind == "stream" and o.get("name") == "stderr":
                out.append(f"cell {i}: stderr: {_text(o.get('text'))[:200]!r}")
                continue
            if kind == "error":
                out.append(f"cell {i}: error: {o.get('ename')}: {o.get('evalue')}")
                continue
            shown = [_text(o.get("text", ""))]
            shown += [_text(v) for k, v in o.get("data", {}).items() if k not in BINARY]
            for s in shown:
                if m := TRACEBACK.search(s):
                    out.append(f"cell {i}: {kind} shows {m.group(0).strip()!r}")
                if m := MACHINE_PATHS.search(s):
                    out.append(f"cell {i}: {kind} shows a machine path {m.group(0)!r}")
    return out


#: a pandas Styler's random id (``uuid4().hex[:5]``), as its HTML names the table and its cells
STYLER_ID = re.compile(r'id="T_([0-9a-f]{5})[_"]')
#: an object's memory address in its plain-text form (``<pandas...Styler at 0x7f...>``)
ADDRESS = re.compile(r" at 0x[0-9a-f]+>")


def stable_outputs(nb: dict) -> None:
    """Make the outputs the same on every execution: each styled table's random id becomes one
    named by its place (``T_c3o0``: cell 3, output 0), and objects' memory addresses are dropped
    from their plain-text forms. So two clean builds publish byte-identical pages and notebooks."""
    for i, cell in enumerate(nb.get("cells", [])):
        for j, o in enumerate(cell.get("outputs", [])):
            data = o.get("data", {})
            # text/html and text/plain, shown or glued (application/papermill.record/text/plain)
            for kind in [k for k in data if k.endswith(("text/html", "text/plain"))]:
                text = _text(data[kind])
                for k, uuid in enumerate(dict.fromkeys(STYLER_ID.findall(text))):
                    text = text.replace(f"T_{uuid}", f"T_c{i}o{j}" + (f"t{k}" if k else ""))
                text = ADDRESS.sub(">", text) if kind.endswith("text/plain") else text
                if text != _text(data[kind]):
                    data[kind] = text


def toc_files(toc: dict) -> list[str]:
    """Every page named in a Jupyter Book ``_toc.yml`` (root, chapters, sections), in order."""
    out = []

    def walk(node):
        if isinstance(node, dict):
            for key in ("root", "file"):
                if isinstance(node.get(key), str):
                    out.append(node[key])
            for value in node.values():
                if isinstance(value, (list, dict)):
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(toc)
    return out


def pages(root: Path) -> list[Path]:
    """The pages of the book that are notebooks (MyST markdown with a notebook header)."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    found = [root / f"{name}.md" for name in toc_files(toc)]
    return [p for p in found if p.exists() and is_myst_markdown_notebook(p.read_text(encoding="utf-8"))]


def settings(root: Path) -> tuple[MdParserConfig, dict]:
    """The Markdown parser's settings and the execution settings of ``_config.yml``."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    md = MdParserConfig(enable_extensions=set(config.get("parse", {}).get("myst_enable_extensions", [])))
    execute = config.get("execute", {})
    return md, {"timeout": execute.get("timeout", 30), "allow_errors": execute.get("allow_errors", False)}


def read(page: Path, md: MdParserConfig) -> nbformat.NotebookNode:
    """The page as myst-nb reads it for the build (the cache matches on its code and cell metadata)."""
    return read_text(page.read_text(encoding="utf-8"), page, md)


def read_text(text: str, page: Path, md: MdParserConfig) -> nbformat.NotebookNode:
    """A page's text, read as myst-nb reads it."""
    return read_myst_markdown_notebook(text, config=md, add_source_map=True, path=str(page))


def execute(page: str, nb: nbformat.NotebookNode, timeout: int, allow_errors: bool):
    """Run in a worker: the page executed in its folder, as myst-nb runs it."""
    result = single_nb_execution(
        nb, cwd=str(Path(page).parent), timeout=timeout, allow_errors=allow_errors, meta_override=True
    )
    if result.err is not None:  # shown from the failing cell on, when nbclient names it
        shown = result.exc_string
        return nb, result.time, shown[shown.find("An error occurred") :] if "An error occurred" in shown else shown
    stable_outputs(nb)
    if problems := output_problems(nb):
        return nb, result.time, "the page shows what no page may:\n  " + "\n  ".join(problems)
    return nb, result.time, None


def run(root: Path = ROOT, jobs: int | None = None) -> int:
    md, options = settings(root)
    cache = get_cache(str(root / CACHE))
    todo = {}
    for page in pages(root):
        nb = read(page, md)
        try:
            cache.match_cache_notebook(nb)
        except KeyError:
            todo[page] = nb
    times_file = root / TIMES
    times = json.loads(times_file.read_text(encoding="utf-8")) if times_file.exists() else {}
    rel = {page: page.relative_to(root).as_posix() for page in todo}
    # longest first: pages never timed (by the length of their code), then by the last recorded time
    code = {p: sum(len(c.source) for c in nb.cells if c.cell_type == "code") for p, nb in todo.items()}
    order = sorted(todo, key=lambda p: (rel[p] in times, -times.get(rel[p], 0), -code[p]))
    jobs = max(1, min(jobs or len(os.sched_getaffinity(0)), len(order) or 1))
    failed = []
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        running = {pool.submit(execute, str(p), todo[p], options["timeout"], options["allow_errors"]): p for p in order}
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                page = running.pop(future)
                nb, seconds, error = future.result()
                if error:
                    failed.append(page)
                    print(f"{rel[page]}: execution failed\n{error}", file=sys.stderr, flush=True)
                    continue
                cache.cache_notebook_bundle(
                    CacheBundleIn(nb, str(page), data={"execution_seconds": seconds}),
                    check_validity=False,
                    overwrite=True,
                )
                times[rel[page]] = round(seconds, 2)
                print(f"{rel[page]}: Executed notebook in {seconds:.2f} seconds", flush=True)
    if todo:
        times_file.parent.mkdir(parents=True, exist_ok=True)
        times_file.write_text(json.dumps(times, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(
            f"executed {len(todo) - len(failed)} of {len(todo)} pages in {time.perf_counter() - start:.1f} s "
            f"with {jobs} workers",
            flush=True,
        )
    if failed:
        print(f"error: {len(failed)} page(s) failed: {', '.join(rel[p] for p in failed)}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/execute.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this checkout)")
    parser.add_argument("--jobs", type=int, default=None, help="pages executed at once (default: the CPUs)")
    args = parser.parse_args(argv)
    return run(args.root.resolve(), args.jobs)


if __name__ == "__main__":
    sys.exit(main())
