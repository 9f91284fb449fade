"""The build itself: static files on every build, published files readable, the inputs stamp that
keeps the site consistent with the data, file names the shell would split, and the order of
`make test`."""
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from acureview.paths import BUILD, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import inputs  # noqa: E402

HTML = BUILD / "html"
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")


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
    done = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", str(src), str(out)],
                          capture_output=True, text=True, cwd=src)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


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


def test_the_site_serves_the_books_current_static_files():
    if not (HTML / "index.html").exists():
        pytest.fail("no built site in _build/html: run `make book`")
    for src in (ROOT / "book" / "_static").rglob("*"):
        if src.is_file():
            dest = HTML / "_static" / src.relative_to(ROOT / "book" / "_static")
            assert dest.exists() and dest.read_bytes() == src.read_bytes(), dest


def test_the_makefile_no_longer_deletes_static_files():
    assert "_static" not in "".join(l for l in MAKEFILE.splitlines() if l.startswith("\t") and "rm " in l)


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


def test_published_downloads_are_readable_by_others():
    if not (HTML / "downloads").is_dir():
        pytest.fail("no built site in _build/html: run `make book`")
    files = [p for p in (HTML / "downloads").iterdir() if p.is_file()]
    assert {"verdicts.csv", "verdicts.json", "claims.csv"} <= {p.name for p in files}
    for p in files:
        assert p.stat().st_mode & 0o777 == 0o666 & ~umask(), p.name


# --- the inputs stamp ------------------------------------------------------------------------------

def project(tmp_path: Path) -> Path:
    """A small stand-in project: the inputs that tools/inputs.py hashes."""
    root = tmp_path / "project"
    (root / "acureview").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "acureview" / "checks.py").write_text("def check(): ...\n", encoding="utf-8")
    (root / "data" / "facts.csv").write_text("fact_id,value\nF1,10\n", encoding="utf-8")
    (root / "requirements.lock").write_text("pandas==3.1.1\n", encoding="utf-8")
    return root


def fake_build(root: Path, ok: bool = True) -> None:
    """What a build leaves in the caches. Like jupyter-cache, which keys an execution on the
    notebook's code alone, it executes the chapter (with the data as it is now) only when the cache
    has no execution of it."""
    cache = root / "_build" / ".jupyter_cache"
    cache.mkdir(parents=True, exist_ok=True)
    if not (cache / "chapter").exists():
        (cache / "chapter").write_text((root / "data" / "facts.csv").read_text(encoding="utf-8"), encoding="utf-8")
    for name in ("jupyter_execute", ".doctrees", "html"):
        (root / "_build" / name).mkdir(exist_ok=True)
    if not ok:
        raise RuntimeError("a cell failed (or the build was interrupted)")


def make_book(root: Path, prepare, ok: bool = True) -> str:
    """`make book`: prepare, build, and on success commit the stamp."""
    digest = prepare(root)
    try:
        fake_build(root, ok)
    except RuntimeError:
        return "failed"
    inputs.commit(digest, root)
    return "ok"


def published(root: Path) -> str:
    return (root / "_build" / ".jupyter_cache" / "chapter").read_text(encoding="utf-8")


def legacy_prepare(root: Path) -> str:
    """The old Makefile: the caches were emptied when the hash changed, but the stamp of the last
    good build stayed until the next success."""
    build = root / "_build"
    current = inputs.digest(root)
    if inputs.stamp(build) != current:
        for name in (".jupyter_cache", ".doctrees"):
            shutil.rmtree(build / name, ignore_errors=True)
    return current


def edit_fail_undo_rebuild(root: Path, prepare) -> str:
    """Build; edit the data; the build fails (after executing chapters with the edited data); undo
    the edit; build again. Returns what the cache publishes."""
    facts = root / "data" / "facts.csv"
    good = facts.read_text(encoding="utf-8")
    assert make_book(root, prepare) == "ok"
    facts.write_text(good.replace("F1,10", "F1,99"), encoding="utf-8")
    assert make_book(root, prepare, ok=False) == "failed"
    facts.write_text(good, encoding="utf-8")
    assert make_book(root, prepare) == "ok"
    return published(root)


def test_a_failed_build_then_an_undone_edit_rebuilds_from_the_data_as_it_is(tmp_path):
    root = project(tmp_path)
    assert "F1,10" in edit_fail_undo_rebuild(root, inputs.prepare)
    assert inputs.stamp(root / "_build") == inputs.digest(root)


def test_the_old_stamp_logic_published_the_failed_builds_results(tmp_path):
    """Counter-case: the same sequence with the old logic serves what the failed build executed."""
    assert "F1,99" in edit_fail_undo_rebuild(project(tmp_path), legacy_prepare)


def test_a_failed_build_leaves_no_stamp(tmp_path):
    root = project(tmp_path)
    make_book(root, inputs.prepare)
    (root / "data" / "facts.csv").write_text("fact_id,value\nF1,11\n", encoding="utf-8")
    assert make_book(root, inputs.prepare, ok=False) == "failed"
    assert inputs.stamp(root / "_build") is None
    # the next build starts clean even with nothing changed since the failure
    (root / "_build" / "jupyter_execute" / "stale.ipynb").write_text("{}", encoding="utf-8")
    inputs.prepare(root)
    assert not (root / "_build" / "jupyter_execute").exists() and not (root / "_build" / "html").exists()


def test_an_unchanged_project_keeps_its_caches(tmp_path):
    root = project(tmp_path)
    make_book(root, inputs.prepare)
    inputs.prepare(root)
    assert published(root) and (root / "_build" / "html").is_dir()


def test_an_edit_during_the_build_writes_no_stamp(tmp_path):
    root = project(tmp_path)
    digest = inputs.prepare(root)
    (root / "acureview" / "checks.py").write_text("def check(): return 1\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="changed during the build"):
        inputs.commit(digest, root)
    assert inputs.stamp(root / "_build") is None


def test_file_names_with_spaces_and_brackets_are_hashed(tmp_path):
    root = project(tmp_path)
    before = inputs.digest(root)
    odd = root / "data" / "x [draft] 1.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    assert odd in inputs.files(root)
    with_odd = inputs.digest(root)
    assert with_odd != before
    odd.write_text("a,b\n1,3\n", encoding="utf-8")
    assert inputs.digest(root) not in (before, with_odd)
    # the command line that the Makefile runs
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "inputs.py"), "--root", str(root), "prepare"],
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == inputs.digest(root), done.stderr


def test_bytecode_is_not_an_input(tmp_path):
    root = project(tmp_path)
    before = inputs.digest(root)
    (root / "acureview" / "__pycache__").mkdir()
    (root / "acureview" / "__pycache__" / "checks.cpython-311.pyc").write_bytes(b"\0")
    assert inputs.digest(root) == before


def test_the_makefile_stamps_through_tools_inputs():
    recipe = MAKEFILE.split("\nbook:", 1)[1].split("\n\n", 1)[0]
    order = [recipe.index(s) for s in ("tools/inputs.py prepare", "jupyter-book build", "tools/inputs.py commit")]
    assert order == sorted(order)
    assert "$(shell find" not in MAKEFILE and ".inputs" not in recipe


# --- make test ------------------------------------------------------------------------------------

def test_make_test_checks_the_browser_before_building():
    """A missing chromium is reported (or installed) before the build, not after it."""
    dry = subprocess.run(["make", "-n", "--no-print-directory", "test"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    browser = next(i for i, l in enumerate(lines) if "command -v chromium" in l)
    build = next(i for i, l in enumerate(lines) if "make" in l and "book" in l or "jupyter-book build" in l)
    assert browser < build
    assert re.search(r"^test: browser\b", MAKEFILE, re.M)
