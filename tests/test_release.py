"""CITATION.cff cites the book's latest release: its version and date as the CHANGELOG gives them
(the date of the release, never the review's)."""

import re

from acureview.paths import ROOT


def latest_release(changelog: str) -> tuple[str, str]:
    """The version and date of the CHANGELOG's latest release ('## 0.1.0 (2026-11-26)')."""
    m = re.search(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)$", changelog, re.MULTILINE)
    assert m, "the CHANGELOG names no release as '## X.Y.Z (YYYY-MM-DD)'"
    return m.group(1), m.group(2)


def cited(cff: str, field: str) -> str:
    m = re.search(rf'^{field}: "?([^"\n]+)"?$', cff, re.MULTILINE)
    assert m, f"CITATION.cff has no {field}"
    return m.group(1)


def test_the_citation_is_dated_by_the_books_latest_release():
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    version, date = latest_release((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    assert cited(cff, "version") == version
    assert cited(cff, "date-released") == date


def test_the_citation_is_not_dated_by_the_review():
    """The counter-case: the review's date (May 8, 2026) is not the book's release."""
    cff = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    review = (ROOT / "data" / "review.md").read_text(encoding="utf-8")
    assert "May 8, 2026" in review
    assert cited(cff, "date-released") != "2026-05-08"
    assert latest_release("# Changelog\n\n## Unreleased\n\n## 0.2.0 (2027-01-02)\n\n## 0.1.0 (2026-11-26)\n") == (
        "0.2.0",
        "2027-01-02",
    )
