"""Accessibility of the built site: axe-core (through axe-playwright-python) on every page, at a
phone's and a desktop's width, in one browser. A violation of serious or critical impact fails the
test; minor and moderate ones are printed.

Code listings (``<pre>``: the code pages and the chapters' cells) are thousands of highlighted
tokens drawn from one stylesheet; checking every token of every listing is most of axe's time (18 s
for the longest code page, 1 s without its listing). So the listings are checked in full on a set of
pages that together hold every kind of element a listing contains (tag and classes), and left out
elsewhere; the rest of every page is checked everywhere."""

import re
import time

import pytest
from test_browser import HTML, browser, offline, pages, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.build
WIDTHS = (1366, 390)
GRAVE = {"serious", "critical"}
PRE = re.compile(r"<pre\b.*?</pre>", re.S)
TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>")
CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")


def listing_kinds(html: str) -> set[tuple[str, str]]:
    """Every kind of element inside the page's code listings: (tag, its classes in order)."""
    kinds = set()
    for block in PRE.findall(html):
        for tag, attrs in TAG.findall(block):
            cls = CLASS.search(attrs)
            kinds.add((tag.lower(), " ".join(sorted(cls.group(1).split())) if cls else ""))
    return kinds


def covering(kinds: dict[str, set]) -> list[str]:
    """Pages whose listings together hold every kind of listing element (greedy: the page adding the
    most kinds not yet held, ties by name), so checking their listings checks every kind once."""
    left, chosen = set().union(*kinds.values()) if kinds else set(), []
    while left:
        best = min(kinds, key=lambda p: (-len(kinds[p] & left), p))
        chosen.append(best)
        left -= kinds[best]
    return chosen


def test_covering_holds_every_kind_and_prefers_the_richest_page():
    kinds = {"a": {("span", "k")}, "b": {("span", "k"), ("span", "s"), ("a", "code-ref")}, "c": {("span", "n")}}
    assert covering(kinds) == ["b", "c"]
    assert covering({"a": set()}) == []
    html = '<p class="x">no</p><pre><span class="k">def</span> <a class="code-ref" href="#">f</a></pre>'
    assert listing_kinds(html) == {("pre", ""), ("span", "k"), ("a", "code-ref")}
    # counter-case: a page holding a kind no other page holds is always checked in full
    kinds["d"] = {("span", "rare")}
    assert "d" in covering(kinds)


def test_no_serious_or_critical_accessibility_violation(server, browser):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    all_pages = pages()
    kinds = {p.relative_to(HTML).as_posix(): listing_kinds(p.read_text(encoding="utf-8")) for p in all_pages}
    full = set(covering({p: k for p, k in kinds.items() if k}))
    axe, grave, other, took = Axe(), [], [], {}
    start = time.perf_counter()
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        offline(context, server)
        page = context.new_page()
        for path in all_pages:
            rel = path.relative_to(HTML).as_posix()
            page.goto(server + rel, wait_until="load")
            scope = None if rel in full or not kinds[rel] else {"exclude": [["pre"]]}
            t = time.perf_counter()
            violations = axe.run(page, context=scope).response["violations"]
            took[f"{width} px {rel}"] = time.perf_counter() - t
            for v in violations:
                line = f"{width} px {rel}: {v['id']} ({v['impact']}) at {len(v['nodes'])} elements, first {v['nodes'][0]['target']}"
                (grave if v["impact"] in GRAVE else other).append(line)
        context.close()
    print(
        f"axe-core on {len(all_pages)} pages at {len(WIDTHS)} widths in {time.perf_counter() - start:.0f} s; "
        f"code listings checked in full on {len(full)} pages holding all {len(set().union(*kinds.values()))} kinds "
        f"of listing element: {', '.join(sorted(full))}"
    )
    slowest = sorted(took.items(), key=lambda kv: -kv[1])[:5]
    print("slowest: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in slowest))
    print("\n".join(["minor and moderate:"] + other))
    assert not grave, "\n".join(grave)
