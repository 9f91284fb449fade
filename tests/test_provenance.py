"""Where a built site says it comes from: the repository's public address, from ``_config.yml``
or the checkout's git origin, and never a path of the machine that built it."""

import subprocess

import pytest
from bs4 import BeautifulSoup

from acureview.site import provenance
from acureview.site.provenance import public_address


@pytest.mark.parametrize(
    "address, public",
    [
        ("https://github.com/someone/acureview", "https://github.com/someone/acureview"),
        ("https://github.com/someone/acureview.git", "https://github.com/someone/acureview"),
        ("https://github.com/someone/acureview/", "https://github.com/someone/acureview"),
        ("https://gitlab.example.org/group/sub/acureview.git", "https://gitlab.example.org/group/sub/acureview"),
        ("https://user:secret@github.com/someone/acureview.git", "https://github.com/someone/acureview"),
        ("git@github.com:someone/acureview.git", "https://github.com/someone/acureview"),
        ("git@codeberg.org:someone/acureview", "https://codeberg.org/someone/acureview"),
        # not public web addresses: nothing of them may reach a page
        ("/srv/git/acureview", ""),
        ("/work/main", ""),
        ("../acureview", ""),
        ("file:///srv/git/acureview.git", ""),
        ("http://github.com/someone/acureview", ""),
        ("https://github.com/someone", ""),
        ("https://localhost/someone/acureview", ""),
        ("ssh://git@github.com/someone/acureview.git", ""),
        ("", ""),
    ],
)
def test_public_address(address, public):
    assert public_address(address) == public


def checkout(tmp_path, url: str = "", origin: str | None = None):
    """A git checkout with ``repository.url`` set to ``url`` and ``origin`` as its remote."""
    (tmp_path / "_config.yml").write_text(f'title: x\nrepository:\n  url: "{url}"\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    if origin is not None:
        subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin", origin], check=True)
    return tmp_path


def test_an_https_origin_is_the_address(tmp_path):
    assert (
        provenance.repository(checkout(tmp_path, origin="https://github.com/someone/acureview.git"))
        == "https://github.com/someone/acureview"
    )


def test_an_ssh_origin_is_written_as_https(tmp_path):
    assert (
        provenance.repository(checkout(tmp_path, origin="git@github.com:someone/acureview.git"))
        == "https://github.com/someone/acureview"
    )


@pytest.mark.parametrize("origin", ["/srv/ci/acureview", "file:///srv/ci/acureview", None])
def test_a_local_origin_gives_no_address(tmp_path, origin):
    assert provenance.repository(checkout(tmp_path, origin=origin)) == ""


def test_the_config_wins_over_the_origin(tmp_path):
    root = checkout(
        tmp_path, url="https://codeberg.org/publisher/acureview", origin="https://github.com/someone/acureview"
    )
    assert provenance.repository(root) == "https://codeberg.org/publisher/acureview"


def test_a_config_that_is_not_a_public_address_stops_the_build(tmp_path):
    with pytest.raises(ValueError, match="repository.url"):
        provenance.repository(checkout(tmp_path, url="/srv/git/acureview"))


def shown(fragment: str):
    soup = BeautifulSoup(fragment, "html.parser")
    return soup, " ".join(soup.get_text(" ").split())


@pytest.mark.parametrize(
    "render",
    [
        lambda repo: provenance.footer_html(repo, "0123456789ab"),
        provenance.report_html,
        lambda repo: provenance.cite_html(repo, "0123456789ab"),
    ],
    ids=["footer", "reviewers", "cite"],
)
def test_without_an_address_the_pages_say_so_and_link_nowhere(render):
    soup, text = shown(render(""))
    assert soup.find("a") is None
    assert "does not record" in text and "/" not in text.replace("https://", "")
    # counter-case: with an address, a link to it
    soup, text = shown(render("https://github.com/someone/acureview"))
    assert soup.find("a", href="https://github.com/someone/acureview") is not None
    assert "does not record" not in text


def citation_problems(cff: dict, configured: str) -> list[str]:
    """What is wrong with CITATION.cff's address: a placeholder, an address that is not public, or
    one that differs from repository.url in _config.yml (the one place it is set)."""
    out = [f"missing {key}" for key in ("cff-version", "message", "title", "authors") if key not in cff]
    code = cff.get("repository-code")
    if code is not None:
        if "PLACEHOLDER" in code.upper() or not public_address(code):
            out.append(f"repository-code {code!r} is not a public address")
        elif public_address(code) != public_address(configured):
            out.append(f"repository-code {code!r} differs from repository.url {configured!r}")
    return out


def test_citation_cff_gives_no_placeholder_address():
    import yaml

    from acureview.paths import ROOT

    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0"
    assert citation_problems(cff, provenance.configured()) == []


@pytest.mark.parametrize(
    "code, configured",
    [
        ("https://github.com/OWNER-PLACEHOLDER/acureview", "https://github.com/OWNER-PLACEHOLDER/acureview"),
        ("/srv/git/acureview", ""),
        ("https://github.com/someone/acureview", ""),
        ("https://github.com/someone/acureview", "https://codeberg.org/publisher/acureview"),
    ],
)
def test_a_wrong_citation_address_is_caught(code, configured):
    cff = {"cff-version": "1.2.0", "message": "m", "title": "t", "authors": [{"name": "n"}], "repository-code": code}
    assert citation_problems(cff, configured)
    # and the same file with the publisher's address in both places passes
    cff["repository-code"] = configured = "https://codeberg.org/publisher/acureview"
    assert citation_problems(cff, configured) == []
