"""Accessibility of the built site: axe-core (through axe-playwright-python) on every page, at a
phone's and a desktop's width, in one browser. A violation of serious or critical impact fails the
test; minor and moderate ones are printed."""

import time

import pytest
from test_browser import HTML, browser, offline, pages, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.build
WIDTHS = (1366, 390)
GRAVE = {"serious", "critical"}


def test_no_serious_or_critical_accessibility_violation(server, browser):  # noqa: F811
    from axe_playwright_python.sync_playwright import Axe

    axe, grave, other = Axe(), [], []
    start = time.perf_counter()
    for width in WIDTHS:
        context = browser.new_context(viewport={"width": width, "height": 900})
        offline(context, server)
        page = context.new_page()
        for path in pages():
            rel = path.relative_to(HTML).as_posix()
            page.goto(server + rel, wait_until="load")
            for v in axe.run(page).response["violations"]:
                line = f"{width} px {rel}: {v['id']} ({v['impact']}) at {len(v['nodes'])} elements, first {v['nodes'][0]['target']}"
                (grave if v["impact"] in GRAVE else other).append(line)
        context.close()
    print(f"axe-core on {len(pages())} pages at {len(WIDTHS)} widths in {time.perf_counter() - start:.0f} s")
    print("\n".join(["minor and moderate:"] + other))
    assert not grave, "\n".join(grave)
