"""The inputs' hash (acureview.inputs): every file a computed result depends on changes it, the
build-time code that shapes the executed pages included."""

import shutil

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
