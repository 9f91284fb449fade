"""Where a built site comes from: the commit, and the public address of the repository.

The address is set in one place, ``repository.url`` in ``_config.yml``, which the publisher fills
in. Left empty, the checkout's git ``origin`` stands in for it, but only when that is a public web
address (``https://host/owner/name``, or ``git@host:owner/name.git`` written as the same https
address): a clone of a local folder, a ``file://`` address or anything else gives no address, so
no path of the machine that built the site reaches a page. With no address, the pages say so in
words (see :func:`report_html`) and show no link.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from ..paths import ROOT
from .templates import render

_HTTPS = re.compile(
    r"^https://(?:[^@/\s]+@)?(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?)"
    r"(?P<path>(?:/[A-Za-z0-9._~-]+)+)/?$"
)
_SCP = re.compile(
    r"^[A-Za-z0-9._-]+@(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,}):(?P<path>[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)+)/?$"
)

#: what the pages say when the address is not known
NO_ADDRESS = (
    "Errors can be reported through the issue tracker of the repository this book was published from; "
    "this copy of the book does not record that repository's address."
)


def public_address(address: str) -> str:
    """``address`` as a public web address (``https://host/owner/name``, no ``.git``, no user name
    or token), or ``""`` when it is not one: a local path, a ``file://`` or ``http://`` address."""
    address = (address or "").strip()
    m = _HTTPS.match(address) or _SCP.match(address)
    if not m:
        return ""
    path = "/" + m.group("path").strip("/")
    path = path.removesuffix(".git")
    if path.count("/") < 2:  # an owner and a name at least
        return ""
    return f"https://{m.group('host').lower()}{path}"


def _git(root: Path, *args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], cwd=root, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def commit(root: Path = ROOT) -> str:
    """The commit the site is built from (12 hex digits), or 'unknown' outside a git checkout."""
    return _git(root, "rev-parse", "--short=12", "HEAD") or "unknown"


def configured(root: Path = ROOT) -> str:
    """``repository.url`` in ``_config.yml``, or ``""`` when it is empty or missing."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}
    return str((config.get("repository") or {}).get("url") or "").strip()


def repository(root: Path = ROOT) -> str:
    """The repository's public address: ``repository.url`` in ``_config.yml`` if set, else the
    checkout's ``origin`` if it is a public web address, else ``""``. A ``repository.url`` that
    is not a public web address is an error (a page would link to it)."""
    if url := configured(root):
        if not public_address(url):
            raise ValueError(f"repository.url in _config.yml is not a public https address: {url!r}")
        return public_address(url)
    return public_address(_git(root, "remote", "get-url", "origin"))


def footer_html(repo: str, built_from: str) -> str:
    """The footer's line: the commit, and where to read the source and report an error."""
    return render("provenance.html", part="footer", repo=repo, built_from=built_from, no_address=NO_ADDRESS)


def report_html(repo: str) -> str:
    """Where to report an error, for the reviewers' page: the issue tracker, linked, or in words."""
    return render("provenance.html", part="report", repo=repo, no_address=NO_ADDRESS)


def cite_html(repo: str, built_from: str) -> str:
    """The 'cite this book' box: the citation, with the repository's address when it is known."""
    return render("provenance.html", part="cite", repo=repo, built_from=built_from)
