"""The trail into the code and the rerun without a repository, on the built site (made by `make
book`): the code index in the navigation, the "computed by" lines of the landing page, each card's
citation, and the source archive, downloaded, checked, unpacked and run."""

import hashlib
import os
import posixpath
import subprocess
import sys
import tarfile

import pytest
from bs4 import BeautifulSoup
from test_site import HTML, site  # noqa: F401  (the built site's fixture)

from acureview import checks, verify
from acureview.site import codepages, downloads, ranking

pytestmark = [pytest.mark.build, pytest.mark.usefixtures("site")]


def page(name):
    return BeautifulSoup((HTML / name).read_text(encoding="utf-8"), "html.parser")


def target(base: str, href: str):
    """The element ``href`` points to from the page ``base``: True for a page without an anchor."""
    path, _, anchor = href.partition("#")
    name = posixpath.normpath(posixpath.join(posixpath.dirname(base), path)) if path else base
    if not (HTML / name).exists():
        return None
    return page(name).find(id=anchor) if anchor else True


def test_every_code_page_is_in_the_code_index_and_the_index_in_the_navigation():
    pages = sorted(p.relative_to(HTML).as_posix() for p in (HTML / "code").rglob("*.html"))
    assert len(pages) == len(codepages.code_modules())
    index = page("book/code.html")
    linked = {posixpath.normpath(posixpath.join("book", a["href"])) for a in index.select(".code-index a[href]")}
    assert set(pages) <= linked, set(pages) - linked
    for dd in index.select(".code-index dd"):
        assert dd.get_text(strip=True), dd
    nav = page("book/intro.html").select("nav.bd-links a[href]")
    assert "code.html" in {a["href"] for a in nav}, [a["href"] for a in nav]


def test_names_on_code_pages_link_to_definitions():
    soup = page("code/acureview/checks/rct1.html")
    links = soup.select("a.code-ref")
    assert len(links) > 50
    bad = [a["href"] for a in links if not target("code/acureview/checks/rct1.html", a["href"])]
    assert not bad, bad[:5]


def test_headline_numbers_say_what_computes_them(data):
    soup = page("book/intro.html")
    items = soup.select("ol.findings li")
    table = ranking.ranked_problems(verify.table(data))
    for li, r in zip(items, table.itertuples(), strict=False):
        links = li.select(".computed-by a[href]")
        fn = checks.REGISTRY[r.check]
        assert links and links[0]["href"].endswith(f"{codepages.page_of(fn.__module__)}#{fn.__name__}"), r.claim_id
        for a in links:
            assert target("book/intro.html", a["href"]) not in (None, True), a["href"]
    bottom = soup.select(".bottom-line .computed-by")
    assert len(bottom) == 2 and all(p.select("a[href*='code/']") for p in bottom)


def test_each_card_offers_its_citation():
    soup = page("book/dashboard.html")
    cards = soup.select(".claim-card")
    built = soup.select_one(".build-commit").get_text(strip=True)  # the footer's, which test_site checks is HEAD's
    assert len(built) == 12
    for card in cards:
        cite = card.select_one("details.claim-cite")
        assert cite is not None, card["id"]
        text = cite.get_text(" ", strip=True)
        assert card["data-claim"] in text and built in text, text
        assert cite.select_one("a.cite-address")["href"].endswith("#" + card["id"])
    # this checkout records no repository address (repository.url is empty): no link to an issue tracker
    assert not soup.select("a.cite-issue")


def archive_link(soup):
    a = soup.select_one(".source-archive a.source-archive-link")
    assert a is not None, "the reviewers' page offers no source archive"
    return a["href"], soup.select_one(".source-archive-sha256").get_text(strip=True)


def test_source_archive_rebuilds_the_verdict_table(tmp_path):
    href, printed = archive_link(page("book/reviewers.html"))
    content = (HTML / posixpath.normpath(posixpath.join("book", href))).read_bytes()
    downloaded = tmp_path / "archive.tar.gz"
    downloaded.write_bytes(content)
    assert hashlib.sha256(downloaded.read_bytes()).hexdigest() == printed
    with tarfile.open(downloaded) as tar:
        tar.extractall(tmp_path / "src", filter="data")
    (unpacked,) = (tmp_path / "src").iterdir()
    assert (unpacked / "README.md").read_text(encoding="utf-8").count("make book") >= 1
    out = tmp_path / "verdicts"
    env = {**os.environ, "PYTHONPATH": str(unpacked)}
    where = subprocess.run(
        [sys.executable, "-c", "import acureview; print(acureview.__file__)"],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert where == str(unpacked / "acureview" / "__init__.py")  # the unpacked source, not this checkout
    subprocess.run(
        [sys.executable, "-m", "acureview", "verify", "--quiet", "--fresh", "--out", str(out)],
        cwd=tmp_path,
        env=env,
        check=True,
        timeout=60,
    )
    fresh = downloads.spreadsheet_safe_csv((out / "verdicts.csv").read_text(encoding="utf-8"))
    assert fresh == (HTML / "downloads" / "verdicts.csv").read_text(encoding="utf-8")


def test_the_page_says_whether_the_archive_holds_uncommitted_changes():
    soup = page("book/reviewers.html")
    href, _ = archive_link(soup)
    text = soup.select_one(".source-archive").get_text(" ", strip=True)
    if href.endswith("-uncommitted.tar.gz"):
        assert "uncommitted changes" in text
    else:
        assert "git archive" in text and "uncommitted" not in text
