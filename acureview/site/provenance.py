"""Where a built site comes from: the commit, and the public address of the repository.

The address is set in one place, ``repository.url`` in ``_config.yml``, which the publisher fills
in. Left empty, the checkout's git ``origin`` stands in for it, but only when that is a public web
address (``https://host/owner/name``, or ``git@host:owner/name.git`` written as the same https
address): a clone of a local folder, a ``file://`` address or anything else gives no address, so
no path of the machine that built the site reaches a page. With no address, the pages say so in
words (see :func:`report_html`) and show no link.
"""
from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

from ..paths import ROOT

_HTTPS = re.compile(r"^https://(?:[^@/\s]+@)?(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::\d+)?)"
                    r"(?P<path>(?:/[A-Za-z0-9._~-]+)+)/?$")
_SCP = re.compile(r"^[A-Za-z0-9._-]+@(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,}):(?P<path>[A-Za-z0-9._~-]+(?:/[A-Za-z0-9._~-]+)+)/?$")

#: what the pages say when the address is not known
NO_ADDRESS = ("Errors can be reported through the issue tracker of the repository this book was published from; "
              "this copy of the book does not record that repository's address.")


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
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, timeout=10,
                              check=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def commit(root: Path = ROOT) -> str:
    """The commit the site is built from (12 hex digits), or 'unknown' outside a git checkout."""
    return _git(root, "rev-parse", "--short=12", "HEAD") or "unknown"


def configured(root: Path = ROOT) -> str:
    """``repository.url`` in ``_config.yml``, or ``""`` when it is empty or missing."""
    import yaml

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
    parts = [f'Built from commit <code class="build-commit">{html.escape(built_from)}</code>.']
    if repo:
        r = html.escape(repo)
        parts.append(f'Source: <a class="repo-link" href="{r}">{r}</a>; '
                     f'report an error: <a class="issues-link" href="{r}/issues">{r}/issues</a>.')
    else:
        parts.append(f'<span class="no-repo">{html.escape(NO_ADDRESS)}</span>')
    return '<p class="build-info">' + " ".join(parts) + "</p>"


def report_html(repo: str) -> str:
    """Where to report an error, for the reviewers' page: the issue tracker, linked, or in words."""
    if not repo:
        return f'<p class="report-where no-repo">{html.escape(NO_ADDRESS)}</p>'
    r = html.escape(repo)
    return (f'<p class="report-where">The book\'s repository is <a class="repo-link" href="{r}">{r}</a>; '
            f'report an error on its issue tracker, <a class="issues-link" href="{r}/issues">{r}/issues</a>.</p>')


def cite_html(repo: str, built_from: str) -> str:
    """The 'cite this book' box: the citation, with the repository's address when it is known."""
    where = (f' <a class="repo-link" href="{html.escape(repo)}">{html.escape(repo)}</a>' if repo
             else " (this copy does not record the address of the repository it was published from)")
    return (f'<div class="cite-box"><p>The acureview project (2026). <em>Acupuncture for treatment-resistant '
            f'conditions: the claims, checked</em>. A reproducible review book, built from commit '
            f'<code>{html.escape(built_from)}</code>.{where}</p>'
            f'<p>The code is under the MIT licence and the text under CC BY 4.0 (the file LICENSE); CITATION.cff '
            f'gives the same citation for reference managers.</p></div>')
