"""Each chapter's declared needs (:data:`acureview.chapters.NEEDS`) are its code's: every fact its
code reads by id and every study-level function it calls on the data is declared, and nothing
declared is no longer read or called. The chapters' code is parsed here, in the tests, so that the
package never reads a chapter's code to learn what it computes with."""

import ast
import re
from pathlib import Path

import jupytext
import pytest

from acureview import appraisal, chapters
from acureview.studies import cohort2, courses, pain_meta, rct1, safety
from acureview.verify import CHAPTERS

#: the modules whose functions a chapter calls on the data (study-level: no sampling, no plotting)
STUDY_MODULES = {m.__name__: m for m in (appraisal, cohort2, courses, pain_meta, rct1, safety)}
FILES = sorted(CHAPTERS.glob("*.md"))
#: the publishing helpers whose reads a chapter declares as its own (``bayes.prior_words(data)``)
SITE = CHAPTERS.parent / "acureview" / "site"


def code(source: str) -> ast.Module:
    """The code cells of a MyST-markdown chapter, parsed as one module."""
    cells = [c.source for c in jupytext.reads(source, fmt="md:myst").cells if c.cell_type == "code"]
    return ast.parse("\n".join(cells))


def imported(tree: ast.Module) -> dict[str, object]:
    """The study-level modules and functions the code imports, by the name it uses."""
    out = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("acureview"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                owner, _, attr = full.rpartition(".")
                found = STUDY_MODULES.get(full, getattr(STUDY_MODULES.get(owner), attr, None))
                if found is not None and (callable(found) or found in STUDY_MODULES.values()):
                    out[alias.asname or alias.name] = found
    return out


def calls(tree: ast.Module) -> set[str]:
    """The study-level functions the code calls with the data as first argument, as
    :attr:`acureview.chapters.Call.name` writes them (without the arguments)."""
    names = imported(tree)
    out = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args and ast.unparse(node.args[0]) == "data"):
            continue
        f = node.func
        fn = (
            getattr(names.get(f.value.id), f.attr, None)
            if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name)
            else names.get(f.id)
            if isinstance(f, ast.Name)
            else None
        )
        if callable(fn) and not isinstance(fn, type):
            out.add(chapters.Call(fn).name)
    return out


def reads(tree: ast.AST) -> list[re.Pattern]:
    """The facts the code reads by id (``data.value("x")``, ``data.number(f"x.{k}")``), each as a
    pattern an id fits: an f-string's placeholder stands for any word."""
    out = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("value", "number")
            and ast.unparse(node.func.value) == "data"
            and node.args
        ):
            arg = node.args[0]
            if isinstance(arg, ast.Constant):
                out.append(re.compile(re.escape(arg.value)))
            elif isinstance(arg, ast.JoinedStr):
                parts = [re.escape(v.value) if isinstance(v, ast.Constant) else r"\w*" for v in arg.values]
                out.append(re.compile("".join(parts)))
    return out


def helper_reads(tree: ast.Module) -> list[re.Pattern]:
    """The facts read by id in the publishing helpers the code calls (``bayes.prior_words(data)``),
    and in the functions of the same module those call in turn."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "acureview.site":
            for alias in node.names:
                path = SITE / f"{alias.name}.py"
                module = ast.parse(path.read_text(encoding="utf-8"))
                defs = {n.name: n for n in module.body if isinstance(n, ast.FunctionDef)}
                name = alias.asname or alias.name
                todo = [
                    n.func.attr
                    for n in ast.walk(tree)
                    if isinstance(n, ast.Call)
                    and isinstance(n.func, ast.Attribute)
                    and ast.unparse(n.func.value) == name
                    and n.func.attr in defs
                ]
                seen = set()
                while todo:
                    f = todo.pop()
                    if f not in seen:
                        seen.add(f)
                        out += reads(defs[f])
                        todo += [
                            n.func.id
                            for n in ast.walk(defs[f])
                            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in defs
                        ]
    return out


def undeclared(source: str, needs: chapters.Needs, fact_ids) -> tuple[set[str], set[str], set[str], set[str]]:
    """What a chapter's code reads or calls that ``needs`` does not declare, and what ``needs``
    declares that the code no longer reads or calls: (facts, calls, stale facts, stale calls)."""
    tree = code(source)
    patterns = reads(tree) + helper_reads(tree)
    declared = set(needs.facts)
    read = {i for p in patterns for i in fact_ids if p.fullmatch(i)}
    unmatched = {p.pattern for p in patterns if not any(p.fullmatch(i) for i in declared)}
    written = {c.name.split("(")[0] for c in needs.calls} | {chapters.Call(f).name for f in needs.also}
    found = calls(tree)
    return unmatched, found - written, declared - read, written - found


@pytest.mark.parametrize("file", FILES, ids=[f.stem for f in FILES])
def test_each_chapter_declares_what_its_code_computes_with(data, file):
    needs = chapters.NEEDS.get(file.stem, chapters.Needs())
    facts, calls_, stale_facts, stale_calls = undeclared(file.read_text(encoding="utf-8"), needs, data.facts)
    assert not facts, f"{file.stem} reads facts its needs do not declare: {sorted(facts)}"
    assert not calls_, f"{file.stem} calls study-level functions its needs do not declare: {sorted(calls_)}"
    assert not stale_facts, f"{file.stem} declares facts its code no longer reads: {sorted(stale_facts)}"
    assert not stale_calls, f"{file.stem} declares calls its code no longer makes: {sorted(stale_calls)}"


def test_a_chapter_that_reads_or_calls_what_it_does_not_declare_fails(data):
    """Counter-cases: the rct-bayes chapter with one more direct read and one more call, and one with
    a declared call removed from its code."""
    file = CHAPTERS / "rct-bayes.md"
    source = file.read_text(encoding="utf-8")
    needs = chapters.NEEDS["rct-bayes"]
    assert undeclared(source, needs, data.facts) == (set(), set(), set(), set())
    extra = source + '\n```{code-cell} ipython3\nrct.arms(data)\nx = data.number(f"rct1.{arm}.randomized")\n```\n'
    facts, calls_, _, _ = undeclared(extra, needs, data.facts)
    assert calls_ == {"rct1.arms"} and facts == {r"rct1\.\w*\.randomized"}
    assert undeclared(source.replace("rct.priors(data)", "None"), needs, data.facts)[3] == {"rct1.priors"}


def test_every_declared_need_is_a_chapter_a_fact_and_a_call_that_runs(data):
    assert set(chapters.NEEDS) <= {f.stem for f in FILES}
    assert not [i for n in chapters.NEEDS.values() for i in n.facts if i not in data.facts]
    for needs in chapters.NEEDS.values():
        for call in needs.calls:
            call(data)  # the project's data are fit for every chapter: no call refuses them


def test_the_package_reads_no_chapter_code():
    """The preflight works from the declaration: the package holds no parser of the chapters' code."""
    source = (Path(chapters.__file__).parent / "verify.py").read_text(encoding="utf-8")
    assert "code-cell" not in source and "import ast" not in source
