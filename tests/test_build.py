"""The build itself: static files on every build, published files readable, the inputs stamp that
keeps the site consistent with the data (through `make book`'s own recipe), the site built aside
and published whole or withdrawn, the pages' execution before the build, two builds giving the same
bytes, an environment or a build folder at fault named in one line, file names the shell would
split, and what `make test` and `make test-fast` run."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import acureview.inputs
from acureview.paths import BUILD, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import bench
import execute
import inputs
import publish

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
# A scratch project holds what the book recipe reads: the Makefile, tools/inputs.py,
# tools/execute.py and tools/publish.py as they are, one page that prints the data, and the inputs
# that the stamp hashes. jupyter-cache keys an execution on the page's code alone (never on the
# data it reads); only Jupyter Book's build is a stand-in: it publishes what the cache holds, or
# fails, or edits the data, on demand.

#: the front matter of a page that is a notebook (MyST markdown)
NOTEBOOK_HEADER = """\
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
"""

PAGE = (
    NOTEBOOK_HEADER
    + """

```{code-cell} ipython3
facts = open("../data/facts.csv", encoding="utf-8").read()
assert "F1,0" not in facts, "the chapter cannot use a zero"
print(facts)
```
"""
)

FAKE_PYTHON = """\
#!/bin/sh
# `python -m acureview verify` is not under test here (VERIFY_STATUS=2: it refuses the data); the
# tools run for real
[ "$1" = -m ] && exit ${{VERIFY_STATUS:-0}}
exec {python} "$@"
"""

#: Jupyter Book's Python entry, as tools/publish.py imports it (the scratch project's tools/ folder
#: comes first on the path): publishes what the execution cache holds, or, as Sphinx does for a page
#: whose source did not change, what its environment (_build/.doctrees) kept from the last build;
#: records what the published site was while it built, and fails, or edits the data, on demand
FAKE_JUPYTER_BOOK = """\
import os
from pathlib import Path
from jupyter_cache import get_cache


def build_sphinx(sourcedir, outputdir, **options):
    out = Path(outputdir)
    site = out.parent / "html" / "index.html"
    Path("during-the-build").write_text(
        f"{out.name}\\n{site.read_text(encoding='utf-8') if site.exists() else 'no site'}", encoding="utf-8"
    )
    if os.environ.get("EDIT_DURING_BUILD"):
        Path("data/facts.csv").write_text("fact_id,value\\nF1,13\\n", encoding="utf-8")
    env = out.parent / ".doctrees" / "environment"
    if env.exists():  # Sphinx reads again only a page whose source changed, and the page did not
        shown = env.read_text(encoding="utf-8")
    else:
        cache = get_cache(str(out.parent / ".jupyter_cache"))
        shown = "".join(o.get("text", "") for r in cache.list_cache_records()
                        for c in cache.get_cache_bundle(r.pk).nb.cells for o in c.get("outputs", []))
        env.parent.mkdir(parents=True, exist_ok=True)
        env.write_text(shown, encoding="utf-8")
    if os.environ.get("FAIL_BUILD"):
        print("jupyter-book: a page failed to render")
        return 1
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(shown, encoding="utf-8")
    return 0
"""


def project(tmp_path: Path) -> Path:
    """A scratch project: the book recipe's tools and one page, its inputs, and a fake bin/."""
    root = tmp_path / "project"
    for d in ("acureview", "data", "notebooks", "tools/jupyter_book", "bin"):
        (root / d).mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", root)
    for tool in ("inputs.py", "execute.py", "publish.py"):
        shutil.copy(ROOT / "tools" / tool, root / "tools")
    (root / "tools" / "jupyter_book" / "__init__.py").write_text("", encoding="utf-8")
    (root / "tools" / "jupyter_book" / "sphinx.py").write_text(FAKE_JUPYTER_BOOK, encoding="utf-8")
    (root / "acureview" / "__init__.py").write_text("", encoding="utf-8")
    (root / "acureview" / "checks.py").write_text("def check(): ...\n", encoding="utf-8")
    (root / "data" / "facts.csv").write_text("fact_id,value\nF1,10\n", encoding="utf-8")
    (root / "requirements.lock").write_text("pandas==3.1.1\n", encoding="utf-8")
    (root / "notebooks" / "chapter.md").write_text(PAGE, encoding="utf-8")
    (root / "_toc.yml").write_text("format: jb-book\nroot: notebooks/chapter\n", encoding="utf-8")
    (root / "_config.yml").write_text("execute:\n  timeout: 60\n", encoding="utf-8")
    (root / "bin" / "python").write_text(FAKE_PYTHON.format(python=sys.executable), encoding="utf-8")
    (root / "bin" / "python").chmod(0o755)
    return root


def make_book(root: Path, fail_build: bool = False, target: str = "book", **env: str) -> subprocess.CompletedProcess:
    """The Makefile's `make book` recipe (or another's) in the scratch project (its environment taken as made)."""
    env = {**os.environ, "FAIL_BUILD": "1" if fail_build else "", **env}
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.book-installed", "BIN=bin", target],
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


#: the two steps that remove the stamp of a build that did not finish: before the caches are emptied,
#: and when a failed build withdraws the site
STAMP_REMOVALS = {
    "inputs.py": "        (build / STAMP).unlink(missing_ok=True)",
    "publish.py": "    (folder / inputs.STAMP).unlink(missing_ok=True)",
}


def without_stamp_removal(root: Path, tool: str) -> None:
    path, step = root / "tools" / tool, STAMP_REMOVALS[tool]
    assert step in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(step, step[: -len(step.lstrip())] + "pass", 1))


@pytest.mark.build
def test_without_removing_the_stamp_first_the_failed_builds_results_are_published(tmp_path):
    """Counter-case: tools/inputs.py without its first step (the stamp removed before the pages),
    and tools/publish.py withdrawing the site but not the stamp after the failure, serve the pages
    the failed build made (Sphinx's environment), as the old Makefile did."""
    root = project(tmp_path)
    for tool in STAMP_REMOVALS:
        without_stamp_removal(root, tool)
    assert "F1,99" in edit_fail_undo_rebuild(root)


#: the step that keeps a page's execution out of the cache once its inputs change: its stamp goes
#: before the execution does, and comes back only with a successful build
PAGE_STAMPS_NARROWED = "    write_page_stamps(build, {page: keys[page] for page in kept})"


@pytest.mark.build
def test_without_narrowing_the_page_stamps_first_the_failed_builds_execution_is_published(tmp_path):
    """Counter-case: tools/inputs.py that leaves each page's stamp as it was while it drops the
    executions of changed inputs vouches, after the edit is undone, for the execution the failed
    build made from the edited data (the build stamp and the pages went as they should)."""
    root = project(tmp_path)
    path = root / "tools" / "inputs.py"
    assert PAGE_STAMPS_NARROWED in path.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace(PAGE_STAMPS_NARROWED, "    pass", 1))
    assert "F1,99" in edit_fail_undo_rebuild(root)


@pytest.mark.build
@pytest.mark.parametrize("tool", sorted(STAMP_REMOVALS))
def test_either_stamp_removal_alone_keeps_the_failed_builds_results_out(tmp_path, tool):
    root = project(tmp_path)
    without_stamp_removal(root, tool)
    assert "F1,10" in edit_fail_undo_rebuild(root)


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


# --- the site is built aside and published whole, or withdrawn --------------------------------------


def during_the_build(root: Path) -> list[str]:
    """Where the last build wrote, and what the published site was meanwhile."""
    return (root / "during-the-build").read_text(encoding="utf-8").split("\n", 1)


@pytest.mark.build
def test_the_site_is_built_aside_and_replaces_the_published_one_whole(tmp_path):
    root = project(tmp_path)
    assert make_book(root).returncode == 0 and "F1,10" in published(root)
    (root / "data" / "facts.csv").write_text("fact_id,value\nF1,11\n", encoding="utf-8")
    done = make_book(root)
    assert done.returncode == 0, done.stdout + done.stderr
    where, site = during_the_build(root)
    assert where == "html.next", "the build writes beside the published site, not into it"
    assert site == "no site", "the site of the old data was withdrawn when the data changed"
    assert "F1,11" in published(root) and not (root / "_build" / "html.next").exists()
    # nothing changed: the new build starts from a copy of the published site, which stays until replaced
    done = make_book(root)
    assert done.returncode == 0 and during_the_build(root) == ["html.next", published(root)]
    assert inputs.stamp(root / "_build") == inputs.digest(root)


@pytest.mark.build
def test_a_refused_build_withdraws_the_site_and_its_downloads(tmp_path):
    root = project(tmp_path)
    assert make_book(root).returncode == 0 and published(root)
    done = make_book(root, VERIFY_STATUS="2")
    assert done.returncode == 2
    assert not (root / "_build" / "html").exists() and inputs.stamp(root / "_build") is None
    assert "removed html/ from _build/: it would not agree with the data" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.build
def test_a_refused_verdict_table_withdraws_the_site(tmp_path):
    """`make verify` on bad data removes the verdict tables (acureview.verify.discard): the site,
    whose downloads hold the old table, goes with them."""
    root = project(tmp_path)
    assert make_book(root).returncode == 0 and published(root)
    assert make_book(root, target="verify").returncode == 0 and published(root)  # counter-case: accepted
    done = make_book(root, target="verify", VERIFY_STATUS="2")
    assert done.returncode == 2 and not (root / "_build" / "html").exists()
    assert inputs.stamp(root / "_build") is None


@pytest.mark.build
def test_a_failed_build_withdraws_the_site(tmp_path):
    root = project(tmp_path)
    assert make_book(root).returncode == 0 and published(root)
    done = make_book(root, fail_build=True)
    assert done.returncode != 0 and "the book did not build (see above): no site is published" in done.stderr
    assert not (root / "_build" / "html").exists() and not (root / "_build" / "html.next").exists()
    assert inputs.stamp(root / "_build") is None
    assert "Traceback" not in done.stdout + done.stderr


@pytest.mark.build
def test_a_data_edit_during_the_build_publishes_nothing(tmp_path):
    """The inputs' hash before the pages execute and after the build differ: the site, built from
    two versions of the data, is not published, and the build fails with one line."""
    root = project(tmp_path)
    assert make_book(root).returncode == 0
    (root / "data" / "facts.csv").write_text("fact_id,value\nF1,12\n", encoding="utf-8")
    done = make_book(root, EDIT_DURING_BUILD="1")
    assert done.returncode != 0
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        "error: the data, the package or the lock changed during the build: the site built from both is "
        "not published; run `make book` again to build from one version of them"
    ], done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (root / "_build" / "html").exists() and inputs.stamp(root / "_build") is None
    done = make_book(root)  # the data as they are now: one version, published
    assert done.returncode == 0 and "F1,13" in published(root), done.stderr


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two renames"])
def test_the_new_site_takes_the_place_of_the_old_one(tmp_path, monkeypatch, exchange):
    if not exchange:
        monkeypatch.setattr(publish, "exchange", lambda new, old: False)
    site, new = tmp_path / "html", tmp_path / "html.next"
    new.mkdir()
    (new / "index.html").write_text("first", encoding="utf-8")
    publish.swap(new, site)  # no site yet
    assert (site / "index.html").read_text(encoding="utf-8") == "first" and not new.exists()
    new.mkdir()
    (new / "index.html").write_text("second", encoding="utf-8")
    (site / "stale.html").write_text("of the first site", encoding="utf-8")
    publish.swap(new, site)
    assert sorted(p.name for p in site.iterdir()) == ["index.html"]
    assert (site / "index.html").read_text(encoding="utf-8") == "second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["html"]


# --- what is wrong with the environment, in one line -------------------------------------------------


def test_a_build_folder_that_is_a_file_is_one_line(tmp_path):
    root = project(tmp_path)
    (root / "_build").write_text("not a folder", encoding="utf-8")
    done = make_book(root)
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
    assert done.stderr.splitlines()[0] == (
        f"error: {root / '_build'} is not a folder: remove it (make clean), then build again"
    ), done.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a folder whatever its mode")
def test_an_unwritable_build_folder_is_one_line(tmp_path):
    root = project(tmp_path)
    (root / "_build" / "html").mkdir(parents=True)
    (root / "_build" / "html").chmod(0o500)
    try:
        done = make_book(root)
    finally:
        (root / "_build" / "html").chmod(0o700)
    assert done.returncode == 2 and "Traceback" not in done.stdout + done.stderr
    assert done.stderr.splitlines()[0].startswith(f"error: cannot write in {root / '_build' / 'html'} ("), done.stderr


VENV_MAKE = [
    # the environment's recipe as it is, with the installers replaced by what they leave: a venv
    # (without pip, seconds) whose editable install of acureview is this checkout
    "MAKE_VENV=$(PYTHON) -m venv --without-pip $(VENV)",
    "SYNC_LOCK=:",
    "INSTALL_PACKAGE=echo $(CURDIR) > $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()[\"purelib\"])')/acureview.pth",
    "CHECK_ENV=:",
]


def venv_project(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    (root / "acureview").mkdir(parents=True)
    (root / "acureview" / "__init__.py").write_text("", encoding="utf-8")
    shutil.copy(ROOT / "Makefile", root)
    for name in ("requirements.lock", "requirements-uv.lock", "pyproject.toml"):
        (root / name).write_text("", encoding="utf-8")
    return root


def make_env(root: Path) -> subprocess.CompletedProcess:
    cmd = ["make", "--no-print-directory", f"PYTHON={sys.executable}", *VENV_MAKE, "env"]
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True)


def installed_from(root: Path) -> str:
    code = "import importlib.util as u, pathlib as p; print(p.Path(u.find_spec('acureview').origin).parents[1])"
    return subprocess.run(
        [str(root / ".venv" / "bin" / "python"), "-I", "-c", code], capture_output=True, text=True
    ).stdout.strip()


@pytest.mark.build  # makes virtual environments
def test_an_environment_installed_from_another_checkout_is_made_again(tmp_path):
    root = venv_project(tmp_path)
    done = make_env(root)
    assert done.returncode == 0 and installed_from(root) == str(root), done.stdout + done.stderr
    marker = root / ".venv" / "made-once"
    marker.write_text("", encoding="utf-8")
    done = make_env(root)  # counter-case: this checkout's own environment is kept
    assert done.returncode == 0 and marker.exists() and "made again" not in done.stdout, done.stdout

    other = tmp_path / "other-checkout"
    shutil.copytree(root / "acureview", other / "acureview")
    for pth in (root / ".venv").rglob("acureview.pth"):
        pth.write_text(f"{other}\n", encoding="utf-8")  # a .venv copied or linked from another checkout
    assert installed_from(root) == str(other)
    done = make_env(root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f".venv runs acureview from {other}, not from this checkout: .venv is made again" in done.stdout
    assert installed_from(root) == str(root) and not marker.exists()


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
    assert odd in [path for _, path in acureview.inputs.files(root)]
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


# --- two builds, the same bytes -----------------------------------------------------------------------

STYLED = (
    '<style type="text/css">\n#T_3f2a1_row0_col0 { color: red; }\n</style>\n'
    '<table id="T_3f2a1">\n<tr><td id="T_3f2a1_row0_col0" class="data">1</td></tr>\n</table>\n'
)


def test_styled_tables_ids_and_object_addresses_are_made_stable():
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": "text"},
            {
                "cell_type": "code",
                "outputs": [
                    {"output_type": "stream", "name": "stdout", "text": "printed"},
                    {
                        "output_type": "execute_result",
                        "data": {
                            "text/html": STYLED,
                            "text/plain": "<pandas.io.formats.style.Styler at 0x7f15e0b090d0>",
                            "application/papermill.record/text/plain": "<acureview.site.templates.HTML at 0x7fb2>",
                            "application/json": {"a": 1},
                        },
                    },
                ],
            },
        ]
    }
    execute.stable_outputs(nb)
    data = nb["cells"][1]["outputs"][1]["data"]
    assert data["text/html"] == STYLED.replace("T_3f2a1", "T_c1o1")
    assert data["text/plain"] == "<pandas.io.formats.style.Styler>"
    assert data["application/papermill.record/text/plain"] == "<acureview.site.templates.HTML>"
    assert data["application/json"] == {"a": 1} and nb["cells"][1]["outputs"][0]["text"] == "printed"


FIGURE_PAGE = (
    NOTEBOOK_HEADER
    + """

```{code-cell} ipython3
import pandas as pd
from matplotlib_inline.backend_inline import set_matplotlib_formats

from acureview.site import plotting, templates

set_matplotlib_formats("svg")
fig, ax = plotting.figure()
ax.plot([0, 1], [0, 1])
```

```{code-cell} ipython3
pd.DataFrame({"a": [1, 2]}).style.hide(axis="index")
```

```{code-cell} ipython3
from myst_nb import glue

glue("card", templates.HTML("<b>a glued card</b>"), display=False)
templates.HTML("<b>a card</b>")
```
"""
)


@pytest.mark.build  # two kernels
def test_a_page_executed_twice_gives_the_same_notebook(tmp_path):
    """An SVG figure (no date in it), a styled table (no random id) and a rich object (no memory
    address), each executed twice as tools/execute.py executes pages for the build."""
    page = tmp_path / "chapter.md"
    page.write_text(FIGURE_PAGE, encoding="utf-8")
    md, _ = execute.settings(ROOT)
    shown = []
    for _ in range(2):
        nb, _, error = execute.execute(str(page), execute.read(page, md), 120, False)
        assert error is None, error
        # read twice, the cells have random ids (the build names them: sphinxext); the outputs must agree
        shown.append(json.dumps([c.get("outputs", []) for c in nb.cells], indent=1, sort_keys=True))
    assert "image/svg+xml" in shown[0] and "T_c2o0" in shown[0]
    assert '"text/plain": "<acureview.site.templates.HTML>"' in shown[0]
    assert '"application/papermill.record/text/plain": "<acureview.site.templates.HTML>"' in shown[0]
    assert "<dc:date>" not in shown[0]
    assert shown[0] == shown[1]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.build
def test_a_second_build_publishes_the_same_bytes(tmp_path):
    """The site `make book` published, and the site built again from the same executed pages into
    another folder (a fresh Sphinx environment): the same files, byte for byte."""
    if not (HTML / "index.html").exists():
        pytest.fail("no built site in _build/html: run `make book`")
    build = tmp_path / "_build"
    build.mkdir()
    shutil.copytree(BUILD / ".jupyter_cache", build / ".jupyter_cache")
    # the pages' keys as `make book` stamped them, where the build's prepare step leaves them for its commit
    shutil.copy(BUILD / inputs.PAGES, build / inputs.PENDING)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import inputs, publish; from pathlib import Path; "
        "publish.build(inputs.digest(publish.ROOT), publish.ROOT, Path(sys.argv[2]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "tools"), str(build)], capture_output=True, text=True, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    first, second = tree(HTML), tree(build / "html")
    differ = sorted(name for name in first.keys() | second.keys() if first.get(name) != second.get(name))
    assert differ == [], f"{len(differ)} files differ between two builds: {', '.join(differ[:20])}"


# --- the test session -------------------------------------------------------------------------------


@pytest.mark.build  # a fresh pytest session on a scratch copy of the project
def test_a_session_on_bad_data_stops_at_once_with_one_line(tmp_path):
    """Bad data stop the whole pytest run (not one error per test) with the file, row and column."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "acureview", root / "acureview", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copytree(ROOT / "notebooks", root / "notebooks")  # the chapters claims.csv names
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


# A scratch project with the Makefile as it is and every tool it calls replaced by one that writes
# down its command line (and fails when asked): what `make test` and `make test-fast` run, in order.

LOGGING_TOOL = """\
#!/bin/sh
echo "$(basename "$0") $*" >> "{log}"
[ "$(basename "$0")" != "$FAIL_TOOL" ]
"""


def logged_make(tmp_path: Path, target: str, path: str | None = None, **env: str) -> tuple[int, list[str]]:
    """Run `make target` with the environments taken as made (their stamps newer than the locks);
    returns its status and the tools'
    command lines, in order."""
    root, log = tmp_path / "project", tmp_path / "tools.log"
    (root / "bin").mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", root)
    for tool in ("python", "ruff", "lint-imports"):
        (root / "bin" / tool).write_text(LOGGING_TOOL.format(log=log), encoding="utf-8")
        (root / "bin" / tool).chmod(0o755)
    for name in ("requirements.lock", "requirements-test.lock", "requirements-uv.lock", "pyproject.toml"):
        (root / name).write_text("", encoding="utf-8")
    (root / ".venv").mkdir()
    for stamp in (".book-installed", ".test-installed"):  # the environments, made after their locks
        (root / ".venv" / stamp).write_text("", encoding="utf-8")
    cmd = ["make", "--no-print-directory", "BIN=bin"]
    env = {**os.environ, "FAIL_TOOL": "", **env, **({"PATH": path} if path else {})}
    done = subprocess.run([*cmd, target], cwd=root, env=env, capture_output=True, text=True)
    return done.returncode, log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def without_chromium(tmp_path: Path) -> str:
    """A PATH with make and a non-root `id`, and no chromium (so the recipe only explains)."""
    folder = tmp_path / "path"
    folder.mkdir()
    (folder / "make").symlink_to(shutil.which("make"))
    (folder / "id").write_text("#!/bin/sh\necho 1000\n", encoding="utf-8")
    (folder / "id").chmod(0o755)
    return str(folder)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="`make test` needs chromium first")
def test_make_test_lints_then_builds_then_tests(tmp_path):
    status, ran = logged_make(tmp_path, "test")
    assert status == 0, ran
    step = {
        name: next(i for i, line in enumerate(ran) if line.startswith(name))
        for name in (
            "ruff check",
            "python tools/publish.py writable",
            "python tools/publish.py build",
            "python -m pytest",
        )
    }
    assert list(step.values()) == sorted(step.values()), ran
    assert ran[-1] == "python -m pytest"


@pytest.mark.skipif(shutil.which("chromium") is None, reason="`make test` needs chromium first")
def test_a_lint_error_stops_make_test_before_the_build(tmp_path):
    status, ran = logged_make(tmp_path, "test", FAIL_TOOL="ruff")
    assert status != 0 and ran == ["ruff check ."]


def test_a_missing_browser_stops_make_test_before_lint_and_build(tmp_path):
    status, ran = logged_make(tmp_path, "test", path=without_chromium(tmp_path))
    assert status != 0 and ran == []


def test_make_test_fast_runs_the_fast_tests_and_builds_nothing(tmp_path):
    status, ran = logged_make(tmp_path, "test-fast")
    assert status == 0 and ran == ["python -m pytest -m not build and not slow tests"]
    assert not (tmp_path / "project" / "_build").exists()


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


def test_inputs_changed_after_verify_book_are_not_built(tmp_path):
    """`verify --book` stored the table with the hash of what it checked (verdicts.inputs); an edit
    between it and `prepare` refuses the build and empties the caches, so nothing unchecked is built."""
    root = stand_in(tmp_path)
    checked = inputs.digest(root)
    (root / "_build" / "verdicts.inputs").write_text(checked + "\n", encoding="utf-8")
    assert inputs.prepare(root) == checked  # nothing changed since the check: every cache kept
    assert all((root / "_build" / name / "kept").exists() for name in inputs.CACHES)
    (root / "notebooks" / "chapter.md").unlink()  # a chapter deleted after the check
    with pytest.raises(SystemExit, match="changed after `verify --book` checked them"):
        inputs.prepare(root)
    assert inputs.stamp(root / "_build") is None
    assert not any((root / "_build" / name).exists() for name in inputs.CACHES)


def test_a_site_that_cannot_be_withdrawn_is_one_line(tmp_path, monkeypatch):
    """A file deep in the site that cannot be removed (an immutable file, a folder of another user)
    ends `withdraw` with one line naming it and its folder, not a traceback."""
    root = project(tmp_path)
    stuck = root / "_build" / "html" / "downloads" / "verdicts.csv"
    stuck.parent.mkdir(parents=True)
    stuck.write_text("x", encoding="utf-8")
    unlink = os.unlink

    def refuse(path, *args, **kwargs):
        if str(path).endswith("verdicts.csv"):
            raise PermissionError(1, "Operation not permitted", str(path))
        return unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse)
    with pytest.raises(SystemExit) as refused:
        publish.withdraw(root)
    assert str(refused.value) == (
        f"error: cannot remove {stuck} from {stuck.parent} (Operation not permitted): make {stuck.parent} "
        "writable by this user (or the file mutable), then run it again"
    )


def test_an_unwritable_folder_deep_in_the_build_is_named(tmp_path, monkeypatch):
    """`writable` tries every folder of _build, at any depth, and names the folder, not its temporary file."""
    root = project(tmp_path)
    deep = root / "_build" / "html" / "_static" / "images"
    deep.mkdir(parents=True)
    temporary = publish.tempfile.TemporaryFile

    def refuse(dir=None, **kwargs):
        if Path(dir) == deep:
            raise PermissionError(13, "Permission denied", str(Path(dir) / "tmpab12cd"))
        return temporary(dir=dir, **kwargs)

    monkeypatch.setattr(publish.tempfile, "TemporaryFile", refuse)
    with pytest.raises(SystemExit) as refused:
        publish.writable(root / "_build")
    assert str(refused.value).startswith(f"error: cannot write in {deep} (Permission denied): "), refused.value
