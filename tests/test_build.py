"""The build itself: static files on every build, published files readable, the inputs stamp that
keeps the site consistent with the data (through `make book`'s own recipe), the pages' execution
before the build, file names the shell would split, and what `make test` and `make test-fast` run."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from acureview.paths import BUILD, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import bench
import execute
import inputs

HTML = BUILD / "html"


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- static files -------------------------------------------------------------------------------

CONF = """\
extensions = ["acureview.site.sphinxext"]
html_static_path = ["_static"]
html_css_files = ["book.css"]
"""


def sphinx(src: Path, out: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", str(src), str(out)], capture_output=True, text=True, cwd=src
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


@pytest.mark.build
def test_a_second_build_keeps_and_refreshes_the_static_files(tmp_path):
    """Sphinx copies static files only when a page is out of date, and never over a file it copied
    before: the extension copies them on every build, so an edit of a static file alone reaches
    the site, and a removed copy comes back."""
    src, out = tmp_path / "src", tmp_path / "out"
    (src / "_static" / "js").mkdir(parents=True)
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    (src / "index.rst").write_text("Test\n====\n\nA page.\n", encoding="utf-8")
    css, js = src / "_static" / "book.css", src / "_static" / "js" / "book.js"
    css.write_text("body { color: black; }\n", encoding="utf-8")
    js.write_text("// one\n", encoding="utf-8")
    sphinx(src, out)
    assert (out / "_static" / "book.css").read_text(encoding="utf-8") == css.read_text(encoding="utf-8")

    css.write_text("body { color: navy; }\n", encoding="utf-8")  # only a static file changes
    log = sphinx(src, out)
    assert "no targets are out of date" in log  # Sphinx itself copied nothing
    assert (out / "_static" / "book.css").read_text(encoding="utf-8") == "body { color: navy; }\n"

    (out / "_static" / "book.css").unlink()  # what the old Makefile did before every build
    js.write_text("// two\n", encoding="utf-8")
    sphinx(src, out)
    assert (out / "_static" / "book.css").read_text(encoding="utf-8") == "body { color: navy; }\n"
    assert (out / "_static" / "js" / "book.js").read_text(encoding="utf-8") == "// two\n"
    assert (out / "_static" / "book.css").stat().st_mode & 0o777 == 0o666 & ~umask()
    assert not list((out / "_static").rglob(".book.css.*")), "no temporary file is left behind"


@pytest.mark.build
def test_the_site_serves_the_books_current_static_files():
    if not (HTML / "index.html").exists():
        pytest.fail("no built site in _build/html: run `make book`")
    for src in (ROOT / "book" / "_static").rglob("*"):
        if src.is_file():
            dest = HTML / "_static" / src.relative_to(ROOT / "book" / "_static")
            assert dest.exists() and dest.read_bytes() == src.read_bytes(), dest


# --- published files are readable by others ------------------------------------------------------


def test_verdict_tables_get_the_umasks_mode_not_mkstemps(tmp_path, data):
    from acureview import verify

    df = verify.table(data)
    old = os.umask(0o022)
    try:
        for path in verify.write(df, tmp_path / "a"):
            assert path.stat().st_mode & 0o777 == 0o644, path
        os.umask(0o077)  # a user who keeps files private gets private files
        for path in verify.write(df, tmp_path / "b"):
            assert path.stat().st_mode & 0o777 == 0o600, path
    finally:
        os.umask(old)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["verdicts.csv", "verdicts.json"]


@pytest.mark.build
def test_published_downloads_are_readable_by_others():
    if not (HTML / "downloads").is_dir():
        pytest.fail("no built site in _build/html: run `make book`")
    files = [p for p in (HTML / "downloads").iterdir() if p.is_file()]
    assert {"verdicts.csv", "verdicts.json", "claims.csv"} <= {p.name for p in files}
    for p in files:
        assert p.stat().st_mode & 0o777 == 0o666 & ~umask(), p.name


# --- the inputs stamp and the pages' execution, through `make book` ------------------------------
#
# A scratch project holds what the book recipe reads: the Makefile, tools/inputs.py and
# tools/execute.py as they are, one page that prints the data, and the inputs that the stamp
# hashes. jupyter-cache keys an execution on the page's code alone (never on the data it reads);
# only `jupyter-book build` is a stand-in: it publishes what the cache holds, or fails on demand.

PAGE = """\
---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Chapter

```{code-cell} ipython3
facts = open("../data/facts.csv", encoding="utf-8").read()
assert "F1,0" not in facts, "the chapter cannot use a zero"
print(facts)
```
"""

FAKE_PYTHON = """\
#!/bin/sh
# `python -m acureview verify` is not under test here; the tools run for real
[ "$1" = -m ] && exit 0
exec {python} "$@"
"""

FAKE_JUPYTER_BOOK = """\
#!{python}
import os, sys
from pathlib import Path
from jupyter_cache import get_cache
if os.environ.get("FAIL_BUILD"):
    sys.exit("jupyter-book: a page failed to render")
cache = get_cache("_build/.jupyter_cache")
shown = "".join(o.get("text", "") for r in cache.list_cache_records()
                for c in cache.get_cache_bundle(r.pk).nb.cells for o in c.get("outputs", []))
Path("_build/html").mkdir(parents=True, exist_ok=True)
Path("_build/html/index.html").write_text(shown, encoding="utf-8")
"""


def project(tmp_path: Path) -> Path:
    """A scratch project: the book recipe's tools and one page, its inputs, and a fake bin/."""
    root = tmp_path / "project"
    for d in ("acureview", "data", "notebooks", "tools", "bin"):
        (root / d).mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", root)
    for tool in ("inputs.py", "execute.py"):
        shutil.copy(ROOT / "tools" / tool, root / "tools")
    (root / "acureview" / "checks.py").write_text("def check(): ...\n", encoding="utf-8")
    (root / "data" / "facts.csv").write_text("fact_id,value\nF1,10\n", encoding="utf-8")
    (root / "requirements.lock").write_text("pandas==3.1.1\n", encoding="utf-8")
    (root / "notebooks" / "chapter.md").write_text(PAGE, encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: notebooks/chapter\n", encoding="utf-8")
    (root / "_config.yml").write_text("execute:\n  timeout: 60\n", encoding="utf-8")
    for name, text in (("python", FAKE_PYTHON), ("jupyter-book", FAKE_JUPYTER_BOOK)):
        (root / "bin" / name).write_text(text.format(python=sys.executable), encoding="utf-8")
        (root / "bin" / name).chmod(0o755)
    return root


def make_book(root: Path, fail_build: bool = False) -> subprocess.CompletedProcess:
    """The Makefile's `make book` recipe in the scratch project (its environment taken as made)."""
    env = {**os.environ, "FAIL_BUILD": "1" if fail_build else ""}
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.book-installed", "BIN=bin", "book"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )


def published(root: Path) -> str:
    return (root / "_build" / "html" / "index.html").read_text(encoding="utf-8")


def edit_fail_undo_rebuild(root: Path) -> str:
    """Build; edit the data; the build fails (after executing the page with the edited data); undo
    the edit; build again. Returns what the site publishes."""
    facts = root / "data" / "facts.csv"
    good = facts.read_text(encoding="utf-8")
    done = make_book(root)
    assert done.returncode == 0 and "F1,10" in published(root), done.stdout + done.stderr
    facts.write_text(good.replace("F1,10", "F1,99"), encoding="utf-8")
    done = make_book(root, fail_build=True)
    assert done.returncode != 0 and "notebooks/chapter.md: Executed notebook" in done.stdout
    facts.write_text(good, encoding="utf-8")
    done = make_book(root)
    assert done.returncode == 0, done.stdout + done.stderr
    return published(root)


@pytest.mark.build
def test_a_failed_build_then_an_undone_edit_rebuilds_from_the_data_as_it_is(tmp_path):
    root = project(tmp_path)
    assert "F1,10" in edit_fail_undo_rebuild(root)
    assert inputs.stamp(root / "_build") == inputs.digest(root)


@pytest.mark.build
def test_without_removing_the_stamp_first_the_failed_builds_results_are_published(tmp_path):
    """Counter-case: tools/inputs.py without its first step (the stamp removed before the caches)
    serves what the failed build executed, as the old Makefile did."""
    root = project(tmp_path)
    tool = root / "tools" / "inputs.py"
    first_step = "        (build / STAMP).unlink(missing_ok=True)"
    assert first_step in tool.read_text(encoding="utf-8")
    tool.write_text(tool.read_text(encoding="utf-8").replace(first_step, "        pass"), encoding="utf-8")
    assert "F1,99" in edit_fail_undo_rebuild(root)


@pytest.mark.build
def test_a_failing_page_stops_make_book_with_its_traceback(tmp_path):
    root = project(tmp_path)
    (root / "data" / "facts.csv").write_text("fact_id,value\nF1,0\n", encoding="utf-8")
    done = make_book(root)
    assert done.returncode != 0
    assert "notebooks/chapter.md: execution failed" in done.stderr
    assert "AssertionError" in done.stderr and "the chapter cannot use a zero" in done.stderr
    assert not (root / "_build" / "html").exists(), "the site is not built from a failed execution"
    assert inputs.stamp(root / "_build") is None
    # the failed execution is not cached: fixing the data is enough for the next build
    (root / "data" / "facts.csv").write_text("fact_id,value\nF1,12\n", encoding="utf-8")
    done = make_book(root)
    assert done.returncode == 0 and "F1,12" in published(root), done.stderr


@pytest.mark.build
def test_a_page_that_warns_stops_make_book(tmp_path):
    root = project(tmp_path)
    page = root / "notebooks" / "chapter.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("print(facts)", "import warnings\nwarnings.warn('careful')"),
        encoding="utf-8",
    )
    done = make_book(root)
    assert done.returncode != 0 and "notebooks/chapter.md: execution failed" in done.stderr
    assert "stderr" in done.stderr and "careful" in done.stderr
    assert not (root / "_build" / "html").exists() and inputs.stamp(root / "_build") is None


@pytest.mark.build
def test_an_unchanged_project_executes_nothing_again(tmp_path):
    root = project(tmp_path)
    first = make_book(root)
    assert first.returncode == 0
    # what make bench reads from the build's output
    assert list(bench.executed(first.stdout)) == ["notebooks/chapter"]
    assert bench.execution_wall(first.stdout) > 0
    again = make_book(root)
    assert again.returncode == 0 and "Executed notebook" not in again.stdout
    assert "F1,10" in published(root) and inputs.stamp(root / "_build") == inputs.digest(root)


def stand_in(tmp_path: Path) -> Path:
    """The inputs that tools/inputs.py hashes, and a cache of each kind from a successful build."""
    root = project(tmp_path)
    inputs.commit(inputs.prepare(root), root)
    for name in inputs.CACHES:
        (root / "_build" / name).mkdir(parents=True)
        (root / "_build" / name / "kept").write_text("x", encoding="utf-8")
    return root


def test_a_change_of_inputs_removes_the_stamp_then_every_cache(tmp_path):
    root = stand_in(tmp_path)
    inputs.prepare(root)  # nothing changed: every cache kept
    assert all((root / "_build" / name / "kept").exists() for name in inputs.CACHES)
    (root / "data" / "facts.csv").write_text("fact_id,value\nF1,11\n", encoding="utf-8")
    inputs.prepare(root)
    assert inputs.stamp(root / "_build") is None
    assert not any((root / "_build" / name).exists() for name in inputs.CACHES)
    # with no stamp, the next build starts clean even with nothing changed since
    (root / "_build" / "jupyter_execute").mkdir()
    inputs.prepare(root)
    assert not (root / "_build" / "jupyter_execute").exists()


def test_an_edit_during_the_build_writes_no_stamp(tmp_path):
    root = project(tmp_path)
    digest = inputs.prepare(root)
    (root / "acureview" / "checks.py").write_text("def check(): return 1\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="changed during the build"):
        inputs.commit(digest, root)
    assert inputs.stamp(root / "_build") is None


def test_file_names_with_spaces_and_brackets_are_hashed(tmp_path):
    root = stand_in(tmp_path)
    before = inputs.digest(root)
    odd = root / "data" / "x [draft] 1.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    assert odd in [path for _, path in inputs.files(root)]
    with_odd = inputs.digest(root)
    assert with_odd != before
    odd.write_text("a,b\n1,3\n", encoding="utf-8")
    assert inputs.digest(root) not in (before, with_odd)
    # the command line that the Makefile runs
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "inputs.py"), "--root", str(root), "prepare"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and done.stdout.strip() == inputs.digest(root), done.stderr


def test_bytecode_is_not_an_input(tmp_path):
    root = stand_in(tmp_path)
    before = inputs.digest(root)
    (root / "acureview" / "__pycache__").mkdir()
    (root / "acureview" / "__pycache__" / "checks.cpython-311.pyc").write_bytes(b"\0")
    assert inputs.digest(root) == before


# --- the pages the build executes ------------------------------------------------------------------


def test_the_pages_executed_are_the_books_notebooks_in_toc_order():
    pages = [p.relative_to(ROOT).as_posix() for p in execute.pages(ROOT)]
    toc = [f"{name}.md" for name in execute.toc_files(execute.yaml.safe_load((ROOT / "_toc.yml").read_text()))]
    assert pages == [name for name in toc if name in pages]
    assert "notebooks/rct-bayes.md" in pages and "book/intro.md" in pages
    assert len(pages) == len([p for p in toc if (ROOT / p).read_text(encoding="utf-8").startswith("---\njupytext:")])


def test_a_page_is_read_as_the_build_reads_it(tmp_path):
    """The cache matches a page on its code and cells' metadata: tools/execute.py reads each page as
    myst-nb does (with _config.yml's Markdown extensions), and a change of code is another page."""
    from jupyter_cache import get_cache
    from myst_nb.core.read import myst_nb_reader_plugin

    cache = get_cache(str(tmp_path / "cache"))
    md, options = execute.settings(ROOT)
    assert options == {"timeout": 900, "allow_errors": False}
    for page in execute.pages(ROOT):
        ours, theirs = execute.read(page, md), myst_nb_reader_plugin(str(page))
        assert cache.create_hashed_notebook(ours)[1] == cache.create_hashed_notebook(theirs)[1], page
        next(c for c in reversed(theirs.cells) if c.cell_type == "code").source += "\n# edited"
        assert cache.create_hashed_notebook(ours)[1] != cache.create_hashed_notebook(theirs)[1], page


@pytest.mark.build
def test_the_build_executed_no_page_itself():
    """After `make book`, every page is in the cache, put there by tools/execute.py: myst-nb
    registers a page in the cache's project only when it executes it during the build."""
    from jupyter_cache import get_cache

    cache = get_cache(str(ROOT / execute.CACHE))
    md, _ = execute.settings(ROOT)
    for page in execute.pages(ROOT):
        assert cache.match_cache_notebook(execute.read(page, md)), page
    assert [r.uri for r in cache.list_project_records()] == []


def test_the_bench_shows_each_figure_beside_the_previous_one_and_its_target():
    result = {
        "figures": {"verify_s": 1.2, "cold_execution_s": 75.0},
        "pages_s": {"notebooks/rct-bayes": 20.0},
        "warm_reexecuted": [],
        "one_chapter_reexecuted": ["notebooks/chronic-pain-meta"],
        "models": {},
    }
    rows = {
        r.split(" | ")[0].strip("| "): r
        for r in bench.report(
            result, {"commit": "abc1234", "figures": {"verify_s": 5.5, "test_fast_s": 40.0}}
        ).splitlines()
    }
    assert (
        "5.5 s -> 1.2 s" in rows["`make verify` (median of 3)"] and "1.5 s: met" in rows["`make verify` (median of 3)"]
    )
    assert (
        "- -> 75.0 s" in rows["cold execution of all pages (wall time)"]
        and "60 s: missed" in rows["cold execution of all pages (wall time)"]
    )
    assert "40.0 s -> not measured" in rows["`make test-fast`"]
    assert "abc1234 -> now" in bench.report(result, {"commit": "abc1234", "figures": {}})


# --- the test session -------------------------------------------------------------------------------


@pytest.mark.build  # a fresh pytest session on a scratch copy of the project
def test_a_session_on_bad_data_stops_at_once_with_one_line(tmp_path):
    """Bad data stop the whole pytest run (not one error per test) with the file, row and column."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "acureview", root / "acureview", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "pytest.ini", root)
    (root / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "conftest.py", root / "tests")
    (root / "tests" / "test_one.py").write_text("def test_one():\n    pass\n", encoding="utf-8")

    def session():
        env = {**os.environ, "PYTHONPATH": str(root)}
        cmd = [sys.executable, "-m", "pytest", "-q", "tests/test_one.py"]
        return subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)

    done = session()
    assert done.returncode == 0, done.stdout + done.stderr  # counter-case: the data as they are
    facts = root / "data" / "facts.csv"
    lines = facts.read_text(encoding="utf-8").splitlines(keepends=True)
    assert ",int,2023," in lines[1]
    facts.write_text("".join([lines[0], lines[1].replace(",int,2023,", ",int,twenty,"), *lines[2:]]), encoding="utf-8")
    done = session()
    assert done.returncode == 2 and "1 passed" not in done.stdout
    shown = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(shown) == 1 and "data/facts.csv, row 1 (line 2), column 'value'" in shown[0], done.stderr
    assert "Traceback" not in done.stdout + done.stderr


def test_the_bench_edits_the_code_of_its_chapter_only():
    page = (ROOT / bench.EDITED).read_text(encoding="utf-8")
    md, _ = execute.settings(ROOT)
    before = execute.read(ROOT / bench.EDITED, md)
    after = execute.read_text(bench.edited(page), ROOT / bench.EDITED, md)
    code = [i for i, c in enumerate(before.cells) if c.cell_type == "code"]
    assert [c.source for c in after.cells if c.cell_type == "markdown"] == [
        c.source for c in before.cells if c.cell_type == "markdown"
    ]
    assert after.cells[code[0]].source == before.cells[code[0]].source + "\n# edited by make bench"
    assert all(after.cells[i].source == before.cells[i].source for i in code[1:])


# --- make test and make test-fast ------------------------------------------------------------------


def dry_run(*targets: str) -> list[str]:
    """The commands that `make` would run for the targets, in order (nothing is run)."""
    done = subprocess.run(["make", "-n", "--no-print-directory", *targets], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()


def first(lines: list[str], *words: str) -> int:
    return next(i for i, line in enumerate(lines) if all(w in line for w in words))


def test_make_test_checks_the_browser_and_lints_before_building():
    """A missing chromium, or a lint error, is reported before the build, not after it."""
    lines = dry_run("test")
    build = first(lines, "make", "book")
    assert first(lines, "command -v chromium") < build
    assert first(lines, "make", "lint") < build < first(lines, "-m pytest")


def test_make_book_stamps_around_the_execution_and_the_build():
    lines = dry_run("book")
    order = [
        first(lines, step)
        for step in ("tools/inputs.py prepare", "tools/execute.py", "jupyter-book build", "tools/inputs.py commit")
    ]
    assert order == sorted(order)


def test_make_test_fast_needs_no_build():
    lines = dry_run("test-fast")
    assert any("-m pytest" in line and '"not build"' in line for line in lines)
    assert not any("jupyter-book" in line or "execute.py" in line or "make" in line.split() for line in lines)


def test_no_recipe_deletes_the_books_static_files():
    assert not [
        line
        for line in dry_run("book", "test", "browser-test", "test-fast", "lint")
        if "rm " in line and "_static" in line
    ]


def test_every_test_listed_as_a_build_test_exists():
    """A build_tests entry of pytest.ini that names no test (renamed, moved) would quietly put it
    back in the fast set."""
    import ast
    import configparser

    ini = configparser.ConfigParser()
    ini.read(ROOT / "pytest.ini", encoding="utf-8")
    entries = ini["pytest"]["build_tests"].split()
    assert "test_site.py" in entries
    for entry in entries:
        module, _, name = entry.partition("::")
        path = ROOT / "tests" / module
        assert path.is_file(), entry
        if name:
            tree = ast.parse(path.read_text(encoding="utf-8"))
            assert name in {f.name for f in tree.body if isinstance(f, ast.FunctionDef)}, entry
