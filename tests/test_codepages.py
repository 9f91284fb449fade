"""The trail into the code, without a build: the code index, the names linked to their definitions,
the definitions wrapped in their anchors, the "computed by" chains read from the code, the source
archive and each claim's citation."""

import gzip
import hashlib
import io
import posixpath
import re
import subprocess
import tarfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from acureview import checks
from acureview.paths import ROOT
from acureview.site import archive, citation, codepages
from acureview.site.codeindex import Codebase, Target


def write(folder: Path, files: dict[str, str]) -> list[Path]:
    paths = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


#: a small package in the layers' shape: a check that calls a study, which calls a method
PACKAGE = {
    "acureview/__init__.py": '"""The package."""\n',
    "acureview/methods/__init__.py": '"""Methods."""\nfrom .tests import fisher\n',
    "acureview/methods/tests.py": '"""Tests."""\n\n\ndef fisher(a):\n    return a\n\n\ndef unused(a):\n    return a\n',
    "acureview/studies/__init__.py": '"""Studies."""\n',
    "acureview/studies/trial.py": (
        '"""A trial."""\nfrom ..methods import fisher\n\nLIMIT = 3\n\n\ndef pvalue(x):\n    return fisher(x) + LIMIT\n'
    ),
    "acureview/checks/__init__.py": '"""Checks."""\n',
    "acureview/checks/trial.py": (
        '"""Checks of a trial."""\nfrom ..studies import trial\nfrom ..studies.trial import pvalue\n\n\n'
        "def helper(x):\n    return trial.pvalue(x)\n\n\n"
        "def p_value(claim, data):\n    return helper(claim)\n\n\n"
        "def shadowed(claim, pvalue):\n    return pvalue(claim)\n"
    ),
}


@pytest.fixture
def package(tmp_path):
    return Codebase(write(tmp_path, PACKAGE), tmp_path)


def test_names_resolve_to_their_definitions_through_imports_and_reexports(package):
    assert package.resolve("acureview.checks.trial", "pvalue") == Target("acureview.studies.trial", "pvalue")
    assert package.resolve("acureview.studies.trial", "fisher") == Target("acureview.methods.tests", "fisher")
    assert package.resolve("acureview.checks.trial", "trial") == Target("acureview.studies.trial")
    assert package.resolve("acureview.studies.trial", "LIMIT") == Target("acureview.studies.trial", "LIMIT")
    assert package.resolve("acureview.checks.trial", "len") is None


def test_a_name_bound_inside_a_function_is_its_own(package):
    refs = package.refs("acureview.checks.trial")
    in_shadowed = [r for r in refs if r.within == "shadowed"]
    assert in_shadowed == []
    in_helper = [(r.text, r.target) for r in sorted(refs, key=lambda r: (r.line, r.col)) if r.within == "helper"]
    assert in_helper == [
        ("trial", Target("acureview.studies.trial")),
        ("pvalue", Target("acureview.studies.trial", "pvalue")),
    ]


def test_the_chain_follows_calls_down_the_layers(package):
    chain = package.chain(Target("acureview.checks.trial", "p_value"))
    assert chain == [
        ("checks", [Target("acureview.checks.trial", "p_value")]),
        ("studies", [Target("acureview.studies.trial", "pvalue")]),
        ("methods", [Target("acureview.methods.tests", "fisher")]),
    ]
    # one step only: the study, not the method
    assert package.chain(Target("acureview.checks.trial", "p_value"), depth=1)[-1][0] == "studies"


def test_the_chain_changes_with_the_code(tmp_path):
    files = dict(PACKAGE)
    files["acureview/studies/trial.py"] = files["acureview/studies/trial.py"].replace("fisher(x)", "x")
    code = Codebase(write(tmp_path, files), tmp_path)
    assert [layer for layer, _ in code.chain(Target("acureview.checks.trial", "p_value"))] == ["checks", "studies"]


def test_every_check_has_a_chain_that_starts_at_its_function():
    for name, fn in checks.REGISTRY.items():
        html = codepages.computed_by_check(name)
        first = re.search(r'href="([^"]+)"', html).group(1)
        assert first == f"../{codepages.page_of(fn.__module__)}#{fn.__name__}", name


def test_a_check_that_calls_a_study_names_it():
    html = codepages.computed_by_check("rct1.p_value")
    assert "studies.rct1" in html and "methods." in html, html


def test_a_layer_lists_its_entries_so_the_chain_reaches_the_number():
    # the conclusions' probabilities come from the trial's posterior summary, called by a helper of the check
    html = codepages.computed_by_check("conclusion")
    assert "studies.rct1.posteriors.randomized_summary" in html, html
    # a helper called from its own layer is followed, not listed (the posterior's grid behind the summary)
    assert "_randomized_summary" not in html and "rct1.counts.arm<" not in html, html


def test_code_page_links_names_and_wraps_definitions():
    html = codepages.code_html(ROOT / "acureview/checks/rct1.py")
    assert '<a class="code-ref" href="../fmt.html">fmt</a>' in html
    # a constant imported from a method, under its own name and under an alias, links to its definition
    assert '<a class="code-ref" href="../methods/pvalues.html#TESTS">TESTS</a>' in html
    assert '<a class="code-ref" href="../methods/pvalues.html#TESTS">EVERY_TEST</a>' in html
    assert html.count('<span class="code-def" id="p_value">') == 1
    # every definition's element is closed: as many <span> as </span>
    assert html.count("<span") == html.count("</span>")
    # the text of the code is unchanged by the links
    text = re.sub(r'<span class="linenos">[^<]*</span>', "", html)
    text = re.sub(r"<[^>]+>", "", text)
    import html as entities

    assert entities.unescape(text).strip() == (ROOT / "acureview/checks/rct1.py").read_text(encoding="utf-8").strip()


def test_every_link_on_every_code_page_names_an_anchor_of_its_target():
    anchors = {}
    pages = {}
    for page, _, body in codepages.code_pages():
        pages[page + ".html"] = body
        anchors[page + ".html"] = set(re.findall(r' id="([^"]+)"', body))
    for page, body in pages.items():
        for href in re.findall(r'class="code-ref" href="([^"]+)"', body):
            target, _, anchor = href.partition("#")
            key = posixpath.normpath(posixpath.join(posixpath.dirname(page), target))
            assert key in anchors, (page, href)
            assert not anchor or anchor in anchors[key], (page, href)


def test_code_index_lists_every_module_with_its_summary():
    html = codepages.code_index()
    for path in codepages.code_modules():
        name = codepages.module_name(path)
        assert f'href="../{codepages.page_of(name)}"' in html, name
    assert html.count("<dd></dd>") == 0
    assert ":mod:" not in html and "``" not in html


def git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    folder = tmp_path / "repo"
    write(folder, {"README.md": "make book\n", "acureview/x.py": "X = 1\n"})
    git(folder, "init", "-q")
    git(folder, "add", ".")
    env = ["-c", "user.name=a", "-c", "user.email=a@b.c"]
    git(folder, *env, "commit", "-qm", "one", "--date=2020-01-01T00:00:00Z")
    return folder


def members(content: bytes) -> dict[str, bytes]:
    with tarfile.open(fileobj=io.BytesIO(gzip.decompress(content))) as tar:
        return {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}


def test_archive_of_a_clean_tree_is_git_archive_of_head(repo):
    a = archive.source_archive(repo)
    assert not a.uncommitted and not a.name.endswith("-uncommitted.tar.gz")
    head = subprocess.run(
        ["git", "archive", "--format=tar", f"--prefix=acureview-{a.commit}/", "HEAD"],
        cwd=repo,
        capture_output=True,
        check=True,
    ).stdout
    assert gzip.decompress(a.content) == head
    assert a.content == archive.source_archive(repo).content
    assert a.sha256 == hashlib.sha256(a.content).hexdigest()


def test_archive_of_a_changed_tree_holds_the_files_as_they_are(repo):
    clean = archive.source_archive(repo)
    (repo / "acureview/x.py").write_text("X = 2\n", encoding="utf-8")
    (repo / "untracked.txt").write_text("not in git\n", encoding="utf-8")
    a = archive.source_archive(repo)
    assert a.uncommitted and a.name.endswith("-uncommitted.tar.gz")
    files = members(a.content)
    assert files[f"acureview-{a.commit}/acureview/x.py"] == b"X = 2\n"
    assert not any(n.endswith("untracked.txt") for n in files)
    assert a.content == archive.source_archive(repo).content  # the same bytes twice
    assert a.sha256 != clean.sha256


def test_no_archive_outside_a_git_checkout(tmp_path, repo):
    assert archive.source_archive(tmp_path) is None
    inside = repo / "unpacked"
    inside.mkdir()
    assert archive.source_archive(inside) is None  # a folder in another checkout is not that checkout


CARD = '<article><p class="claim-cite" data-claim="C-3.1-11" data-card="card-c-3-1-11" data-verdict="overstated"></p></article>'


def test_citation_names_the_claim_the_commit_and_the_card():
    html = citation.fill(CARD, "The book", "abc123", "", "dashboard.html")
    assert "claim C-3.1-11" in html and "abc123" in html and 'href="dashboard.html#card-c-3-1-11"' in html
    assert "cite-issue" not in html and "issues/new" not in html


def test_citation_with_a_repository_opens_an_issue_with_its_title():
    html = citation.fill(CARD, "The book", "abc123", "https://github.com/o/book", "dashboard.html")
    href = re.search(r'class="cite-issue" href="([^"]+)"', html).group(1)
    import html as entities

    url = urlsplit(entities.unescape(href))
    assert url.scheme == "https" and url.path == "/o/book/issues/new"
    query = parse_qs(url.query)
    assert query["title"] == ["Claim C-3.1-11 (overstated)"]
    assert "abc123" in query["body"][0] and "C-3.1-11" in query["body"][0]


def test_citation_uses_the_site_address_when_known():
    html = citation.fill(CARD, "The book", "abc123", "", "dashboard.html", base_url="https://example.org/book/")
    assert 'href="https://example.org/book/book/dashboard.html#card-c-3-1-11"' in html


def test_a_computed_by_line_shows_short_names_and_folds_what_it_calls():
    """At 390 px a line of dotted names is a wall: the line names the check's function by its short
    name (its full name the link's title) and folds the functions it calls, by layer."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(codepages.computed_by_check("conclusion"), "html.parser")
    line = soup.select_one(".computed-by > p")
    assert " ".join(line.get_text(" ", strip=True).split()) == "Computed by conclusion , which calls 12 functions."
    assert line.a["title"] == "acureview.checks.conclusions.conclusion"
    folded = soup.select(".computed-by > details.computed-chain p")
    assert [li.get_text().split(":")[0] for li in folded] == ["In the appraisal", "In the studies", "In the methods"]
    for a in soup.select(".computed-by a"):
        shown, full = a.get_text(), a["title"]
        assert "." not in shown and full.startswith("acureview.") and full.endswith("." + shown)
    assert "randomized_summary" in folded[1].get_text()
    assert not soup.select("li")  # the landing page's findings are list items: the line holds none
    # a function that calls nothing in a lower layer has nothing to fold
    leaf = BeautifulSoup(codepages.computed_by(codepages.plural, depth=1), "html.parser")
    assert leaf.select_one("details") is None and "which calls" not in leaf.get_text()
