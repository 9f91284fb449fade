"""The inputs' hash (acureview.inputs): every file a computed result depends on changes it, the
build-time code that shapes the executed pages included."""

import shutil
import sys

import pytest

from acureview import inputs, verify
from acureview.data import DataError
from acureview.paths import ROOT


def _root(tmp_path):
    root = tmp_path / "root"
    for name in inputs.INPUTS:
        src, dest = ROOT / name, root / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest)
    return root


def test_the_code_that_cleans_executed_outputs_is_an_input(tmp_path):
    """Changing how tools/execute.py cleans a page's outputs invalidates the cached pages."""
    assert "tools/execute.py" in inputs.INPUTS
    root = _root(tmp_path)
    before = inputs.digest(root)
    assert "tools/execute.py" in [name for name, _ in inputs.files(root)]
    with (root / "tools" / "execute.py").open("a", encoding="utf-8") as fh:
        fh.write("\n# outputs cleaned otherwise\n")
    assert inputs.digest(root) != before


def test_every_input_changes_the_hash(tmp_path):
    root = _root(tmp_path)
    seen = {inputs.digest(root)}
    for name in ("requirements.lock", "acureview/fmt.py", "data/facts.csv"):
        with (root / name).open("a", encoding="utf-8") as fh:
            fh.write("\n")
        seen.add(inputs.digest(root))
    assert len(seen) == 4


def test_the_chapters_are_an_input(tmp_path):
    """A chapter edited or deleted changes the hash: no cached table or build of the old chapters is reused."""
    assert "notebooks" in inputs.INPUTS
    root = _root(tmp_path)
    before = inputs.digest(root)
    chapter = sorted((root / "notebooks").glob("*.md"))[0]
    text = chapter.read_text(encoding="utf-8")
    chapter.write_text(text + "\n", encoding="utf-8")
    edited = inputs.digest(root)
    chapter.unlink()
    assert len({before, edited, inputs.digest(root)}) == 3


def test_data_edited_while_read_are_refused(monkeypatch):
    """The inputs are hashed before and after they are read: a file edited in between is refused,
    so a table is never stored with the hash of inputs other than those it was computed from."""
    hashes = iter(["before", "after"])
    monkeypatch.setattr(verify, "digest_for", lambda folder: next(hashes))
    with pytest.raises(DataError, match="changed while they were read"):
        verify.load()


# --- each page's execution keyed on what it can depend on (tools/inputs.py) ------------------------
#
# A copy of the project (the package, the data, the pages, the lock, the book's settings and
# tools/execute.py). The execution cache is jupyter-cache's own, filled without a kernel: each page
# as tools/execute.py reads it, stored as executed.

sys.path.insert(0, str(ROOT / "tools"))
import execute  # noqa: E402
import inputs as build_inputs  # noqa: E402  (tools/inputs.py: the build's stamps)

BOOK = ("acureview", "data", "notebooks", "book", "requirements.lock", "tools/execute.py", "_toc.yml", "_config.yml")
#: modules that one chapter imports and no other page runs, and that chapter
ONE_CHAPTERS = {
    "acureview/site/robplot.py": "notebooks/appraisal.md",
    "acureview/studies/rct1/models.py": "notebooks/rct-bayes.md",
}


@pytest.fixture
def book(tmp_path):
    root = tmp_path / "book"
    for name in BOOK:
        src, dest = ROOT / name, root / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.copytree(src, dest, ignore=shutil.ignore_patterns("__pycache__", "_build"))
        else:
            shutil.copy(src, dest)
    return root


def append(path, text="\n# edited\n"):
    with path.open("a", encoding="utf-8") as fh:
        fh.write(text)


def changed(root, edit) -> set[str]:
    """The pages whose key an edit changes."""
    before = build_inputs.page_keys(root)
    edit()
    after = build_inputs.page_keys(root)
    assert set(before) == set(after)
    return {page for page in before if before[page] != after[page]}


CHAPTERS = {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.md")}


def test_a_chapters_text_changes_its_key_alone(book):
    assert changed(book, lambda: append(book / "notebooks" / "references.md", "\nA sentence more.\n")) == {
        "notebooks/references.md"
    }


@pytest.mark.parametrize("module", sorted(ONE_CHAPTERS))
def test_a_module_only_one_chapter_imports_changes_its_key_alone(book, module):
    """Found through the module graph, at any depth: rct-bayes imports the trial's models in a cell
    far down, and the appraisal its traffic-light plot; no other page runs either."""
    assert changed(book, lambda: append(book / module)) == {ONE_CHAPTERS[module]}


def test_a_module_every_page_runs_changes_every_key(book):
    """Counter-case: the verdict table's modules (here, the formatting of numbers) are run by every page."""
    keys = build_inputs.page_keys(book)
    assert set(keys) > CHAPTERS
    assert changed(book, lambda: append(book / "acureview" / "fmt.py")) == set(keys)


def test_a_data_edit_changes_every_key(book):
    keys = build_inputs.page_keys(book)
    assert changed(book, lambda: append(book / "data" / "facts.csv")) == set(keys)


def test_a_site_only_edit_changes_no_key_but_the_build_stamps(book):
    """The Sphinx extension, imported by no page: no page executes again, but the pages are built
    again (the inputs' hash changed). A page of the book's own (book/intro.md) changes its key alone."""
    before = inputs.digest(book)
    assert changed(book, lambda: append(book / "acureview" / "site" / "sphinxext.py")) == set()
    assert inputs.digest(book) != before
    assert changed(book, lambda: append(book / "book" / "intro.md", "\nA sentence more.\n")) == {"book/intro.md"}


def test_a_template_the_chapters_render_changes_their_keys(book):
    """The cards every chapter shows are rendered from the package's templates during its execution:
    a template is an input of every page that imports the site's templates module."""
    assert changed(book, lambda: append(book / "acureview" / "site" / "templates" / "card.html", "\n")) >= CHAPTERS


def test_a_cell_that_is_not_python_runs_every_module():
    graph = {"acureview": [], "acureview.fmt": [], "acureview.site": [], "acureview.site.x": ["acureview.fmt"]}
    assert inputs.imported(["%matplotlib inline\nfrom acureview.site import x, y"], graph) == {
        "acureview.site",
        "acureview.site.x",
    }
    assert inputs.imported(["def f(:\n"], graph) == set(graph)
    assert inputs.closure(graph, {"acureview.site.x"}) == set(graph)


def cache_every_page(root):
    """Store every page in the execution cache as tools/execute.py does, as if executed now."""
    cache = execute.get_cache(str(root / execute.CACHE))
    md, _ = execute.settings(root)
    for page in execute.pages(root):
        nb = execute.read(page, md)
        cache.cache_notebook_bundle(execute.CacheBundleIn(nb, str(page)), check_validity=False, overwrite=True)


def cached(root) -> set[str]:
    """The pages whose code the execution cache holds (what tools/execute.py does not execute)."""
    cache = execute.get_cache(str(root / execute.CACHE))
    md, _ = execute.settings(root)
    out = set()
    for page in execute.pages(root):
        try:
            cache.match_cache_notebook(execute.read(page, md))
            out.add(page.relative_to(root).as_posix())
        except KeyError:
            pass
    return out


def built(root) -> str:
    """A successful build: prepare, every page executed, the site written, the stamps committed."""
    digest = build_inputs.prepare(root)
    cache_every_page(root)
    (root / "_build" / "html").mkdir(parents=True, exist_ok=True)
    build_inputs.commit(digest, root)
    return digest


def test_an_edit_drops_the_executions_it_can_change_and_rebuilds_the_pages(book):
    built(book)
    pages = cached(book)
    assert pages > CHAPTERS and build_inputs.stamp(book / "_build") == inputs.digest(book)
    append(book / "acureview" / "site" / "robplot.py")
    build_inputs.prepare(book)
    assert cached(book) == pages - {"notebooks/appraisal.md"}
    assert build_inputs.stamp(book / "_build") is None and not (book / "_build" / "html").exists()
    assert "notebooks/appraisal.md" not in build_inputs.page_stamps(book / "_build")


def test_a_site_only_edit_executes_nothing_and_rebuilds_the_pages(book):
    built(book)
    pages = cached(book)
    append(book / "acureview" / "site" / "sphinxext.py")
    build_inputs.prepare(book)
    assert cached(book) == pages and not (book / "_build" / "html").exists()


def test_an_unchanged_project_keeps_everything(book):
    built(book)
    pages = cached(book)
    build_inputs.prepare(book)
    assert cached(book) == pages and (book / "_build" / "html").exists()


def test_a_failed_builds_executions_are_not_trusted(book):
    """A data edit; the build executes every page again, then fails (no commit); the edit is undone:
    every execution the failed build made is dropped, though the keys are again those stamped."""
    built(book)
    facts = book / "data" / "facts.csv"
    good = facts.read_text(encoding="utf-8")
    append(facts)
    build_inputs.prepare(book)
    assert cached(book) == set()
    cache_every_page(book)  # executed from the edited data; the build then fails
    facts.write_text(good, encoding="utf-8")
    build_inputs.prepare(book)
    assert cached(book) == set() and build_inputs.stamp(book / "_build") is None


def test_a_page_edited_during_the_build_is_not_stamped(book):
    """A page of the book's own is no input of the build's hash: its key, taken again, refuses the commit."""
    digest = build_inputs.prepare(book)
    cache_every_page(book)
    append(book / "book" / "intro.md", "\nA sentence more.\n")
    with pytest.raises(SystemExit, match="changed during the build"):
        build_inputs.commit(digest, book)
    assert build_inputs.stamp(book / "_build") is None and build_inputs.page_stamps(book / "_build") == {}
