"""The trail into the code in a real browser, on a phone's width: a card's "the code" link lands on its
check's function, highlighted and in view below the page's header."""

import pytest
from test_browser import PHONE, browser, server  # noqa: F401  (the browser test's fixtures)

pytestmark = pytest.mark.build


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1366, "height": 900}], ids=["390px", "1366px"])
def test_a_cards_code_link_shows_the_function_highlighted(server, browser, viewport):  # noqa: F811
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(server + "book/dashboard.html")
    for card in ("card-c-3-1-11", "card-c-3-1-01"):
        link = page.locator(f"#{card} a.claim-code")
        href = link.get_attribute("href")
        function = href.split("#")[1]
        link.click()
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        box = page.evaluate(
            """(id) => { const el = document.getElementById(id); const r = el.getBoundingClientRect();
                const header = document.querySelector('.bd-header');
                const below = header ? header.getBoundingClientRect().bottom : 0;
                const line = el.querySelector('.nf') || el;
                const l = line.getBoundingClientRect();
                return {top: l.top, bottom: l.bottom, left: l.left, right: l.right, below: below,
                        height: innerHeight, width: innerWidth,
                        background: getComputedStyle(el).backgroundColor, target: el.matches(':target')}; }""",
            function,
        )
        assert box["target"], function
        assert box["background"] not in ("rgba(0, 0, 0, 0)", "transparent"), box
        # the function's name is on screen, below the sticky header, within the width
        assert box["below"] <= box["top"] and box["bottom"] <= box["height"], box
        assert box["left"] >= 0 and box["right"] <= box["width"], box
        page.go_back()
    context.close()
