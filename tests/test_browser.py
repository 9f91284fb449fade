"""The built site in a real browser: headless Chromium (Debian's) driven by Playwright.

Every page is opened from a local server with the network cut off: a request that leaves the
machine is aborted and recorded, and none may be made (MathJax, like every script, is served by
the site itself).
"""

import functools
import http.server
import re
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from acureview import fmt, verify
from acureview.paths import BUILD
from acureview.studies import rct1 as rct

HTML = BUILD / "html"
SHOTS = BUILD / "screenshots"
PHONE = {"width": 390, "height": 844}


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Debian's chromium is not installed: `make test` installs it (apt-get install chromium)")
    return path


@pytest.fixture(scope="module")
def server():
    if not (HTML / "index.html").exists():
        pytest.fail("no built site in _build/html: run `make book` first")
    handler = functools.partial(QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=["--no-sandbox"])
        yield b
        b.close()


def pages() -> list[Path]:
    """Every page of the site; index.html is only a redirect to the landing page (tested apart)."""
    skip = {"genindex.html", "search.html", "index.html"}
    return sorted(
        p
        for p in HTML.rglob("*.html")
        if not any(part.startswith("_") for part in p.relative_to(HTML).parts) and p.name not in skip
    )


def offline(context, server) -> set[str]:
    """Cut ``context`` off the network: every request not to ``server`` is aborted and its address
    recorded in the set returned."""
    external: set[str] = set()

    def cut(route):
        external.add(route.request.url)
        route.abort("internetdisconnected")

    context.route(lambda url: not url.startswith(server), cut)
    return external


def record(page, url: str, content: str | None = None) -> dict:
    """Open ``url`` (then, if given, replace its body with ``content``) and record what a reader
    would meet: console errors, failed requests, formulas and whether MathJax drew them, broken
    images, links, ids, the text and the bytes the page loaded."""
    from playwright.sync_api import Error as PlaywrightError

    errors, failed = [], []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: failed.append(r.url))
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="load")
    if content is not None:
        page.set_content(content, wait_until="load")
    page.wait_for_load_state("networkidle")
    if page.locator(".math").count():
        try:  # MathJax typesets after load; its promise settles when every formula is drawn
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=10_000)
            page.evaluate("() => MathJax.startup.promise.then(() => true)")
        except PlaywrightError:
            pass  # not loaded: the formulas stay undrawn, which the counts below show
    return {
        "errors": errors,
        "failed": failed,
        "math": page.locator(".math").count(),
        "formulas": page.locator("div.formula").count(),
        "math_rendered": page.locator(".math mjx-container").count(),
        "math_errors": page.locator("mjx-merror").count(),
        "broken_images": page.evaluate(
            "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
        ),
        "links": page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"),
        "ids": set(page.evaluate("Array.from(document.querySelectorAll('[id]')).map(e => e.id)")),
        "text": page.inner_text("body"),
        "bytes": page.evaluate(
            "performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
            ".reduce((n, e) => n + (e.decodedBodySize || 0), 0)"
        ),
        "resources": page.evaluate("performance.getEntriesByType('resource').map(e => e.name)"),
    }


@pytest.fixture(scope="module")
def visits(server, browser):
    """Open every page once, with the network cut off; record what ``record`` records, and the
    addresses asked for outside the site."""
    context = browser.new_context()
    external = offline(context, server)
    out = {}
    start = time.perf_counter()
    for path in pages():
        rel = path.relative_to(HTML).as_posix()
        page = context.new_page()
        out[rel] = record(page, server + rel)
        page.close()
    out["_seconds"] = time.perf_counter() - start
    out["_external"] = external
    context.close()
    return out


def test_every_page_opens_without_console_errors(visits):
    bad = {p: v["errors"] for p, v in visits.items() if not p.startswith("_") and v["errors"]}
    assert not bad


def test_no_page_asks_for_the_network(visits):
    assert visits["_external"] == set(), sorted(visits["_external"])[:10]


def test_no_request_fails(visits):
    bad = {p: v["failed"] for p, v in visits.items() if not p.startswith("_") and v["failed"]}
    assert not bad


def test_a_page_that_asks_the_network_or_cannot_draw_its_formulas_is_caught(server, browser):
    """Counter-case: a script from a CDN is cut off and recorded, and a formula without MathJax stays undrawn."""
    context = browser.new_context()
    external = offline(context, server)
    seen = record(
        context.new_page(),
        server + "book/intro.html",
        '<span class="math">\\(x^2\\)</span><script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"></script>',
    )
    context.close()
    assert external == {"https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-chtml.js"}
    assert seen["failed"] and seen["math"] == 1 and seen["math_rendered"] == 0


def test_mathematics_renders_offline(visits):
    """The chapters' formulas are HTML, drawn with the page: no TeX formula for MathJax anywhere."""
    assert not {p: v["math"] for p, v in visits.items() if not p.startswith("_") and v["math"]}
    assert visits["notebooks/rct-bayes.html"]["formulas"] == 2


def test_every_image_loads(visits):
    bad = {p: v["broken_images"] for p, v in visits.items() if not p.startswith("_") and v["broken_images"]}
    assert not bad


def test_every_internal_link_resolves(server, visits):
    broken = []
    for page, v in visits.items():
        if page.startswith("_"):
            continue
        for href in v["links"]:
            if not href.startswith(server):
                continue
            parts = urlsplit(href)
            target = unquote(parts.path[len(urlsplit(server).path) :]) or "index.html"
            if target.endswith("/"):
                target += "index.html"
            if (
                not (HTML / target).exists()
                or parts.fragment
                and target in visits
                and parts.fragment not in visits[target]["ids"]
            ):
                broken.append((page, href))
    assert not broken, broken[:10]


def test_dashboard_cards_search_filter_sort_and_keep_the_view_in_the_address(server, browser, data):
    from acureview.site.ranking import rank_key as _rank

    table = verify.table(data)
    page = browser.new_page(viewport=PHONE)
    page.goto(server + "book/dashboard.html")
    cards = page.locator(".claim-card")
    assert cards.count() == len(table)
    assert [c.strip() for c in page.locator(".claim-card .claim-id").all_inner_texts()] == list(table["claim_id"])
    # a shared search opens the same view as the search typed: the card's citation carries no query to match
    typed = page.locator(".claim-card")
    page.fill("input[data-key=q]", "66.3")
    n_typed = page.locator(".claim-card:visible").count()
    page.goto(server + "book/dashboard.html?q=66.3")
    assert 0 < page.locator(".claim-card:visible").count() == n_typed < len(table)
    assert "?q=" not in page.locator("a.cite-address").first.inner_text()
    page.goto(server + "book/dashboard.html")
    assert typed.count() == len(table)
    # a filter hides the other cards and is written into the address
    page.select_option("select[data-key=verdict]", "reproduced")
    assert page.locator(".claim-card:visible").count() == int((table["verdict"] == "reproduced").sum())
    assert "verdict=reproduced" in page.url
    page.select_option("select[data-key=verdict]", "")
    # text search
    page.fill("input[data-key=q]", "Norwegian")
    expected = sum(
        "norwegian" in " ".join(str(v) for v in r).lower()
        for r in table[["quote", "reason", "source_words"]].itertuples()
    )
    assert 0 < page.locator(".claim-card:visible").count() <= len(table)
    assert "q=Norwegian" in page.url
    # gravest first
    page.fill("input[data-key=q]", "")
    page.select_option("select[data-key=sort]", "gravest")
    ranks = [page.locator(".claim-card").nth(i).get_attribute("data-rank") for i in range(5)]
    assert ranks == sorted(_rank(r) for r in table.itertuples())[:5]
    # a shared address opens the same view
    shared = server + "book/dashboard.html?section=3.1&importance=headline&sort=gravest"
    page.goto(shared)
    shown = table[(table["section"] == "3.1") & (table["importance"] == "headline")]
    assert page.locator(".claim-card:visible").count() == len(shown) > 0
    assert page.locator("select[data-key=section]").input_value() == "3.1"
    # the section menu names each section by its heading (its value stays the number, as in the address)
    chosen = page.locator("select[data-key=section] option:checked").inner_text()
    assert chosen.startswith("3.1 ") and "Depression" in chosen, chosen
    # the view downloads as CSV, one row a card shown
    with page.expect_download() as info:
        page.click("button.claims-download")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(__import__("csv").reader(text.splitlines()))
    assert rows[0][0] == "claim" and sorted(r[0] for r in rows[1:]) == sorted(shown["claim_id"])
    page.close()
    assert expected >= 1


def test_the_review_and_the_cards_show_mathematics_as_text(visits):
    for name in ("book/dashboard.html", "book/review.html"):
        text = visits[name]["text"]
        assert "P < 0.001" in text and "≥ 8" in text and "NF-κB" in text, name
        assert "$" not in text and "\\geq" not in text and "\\kappa" not in text, name


def test_cards_link_to_code_pages_that_show_the_function(server, browser):
    page = browser.new_page()
    page.goto(server + "book/dashboard.html")
    href = page.locator("#card-c-3-1-11 a.claim-code").get_attribute("href")
    page.goto(server + "book/" + href)
    assert page.locator("#p_value").count() == 1
    assert "def p_value" in page.inner_text("article")
    page.close()


def test_downloads_open(server, browser):
    import json
    import urllib.request

    for rel in ("downloads/verdicts.csv", "downloads/facts.csv", "downloads/notebooks/rct-tiaoqi-jieyu.ipynb"):
        with urllib.request.urlopen(server + rel) as r:
            body = r.read().decode("utf-8")
        assert len(body) > 100, rel
        if rel.endswith(".ipynb"):
            assert json.loads(body)["cells"]


def test_no_image_is_blurred(server, browser):
    """Every raster image has at least as many pixels as it is displayed with on a 2x phone screen
    or on a desktop (SVG scales)."""
    blurred = []
    for viewport, scale in ((PHONE, 2), ({"width": 1366, "height": 900}, 1)):
        context = browser.new_context(viewport=viewport, device_scale_factor=scale)
        page = context.new_page()
        for path in pages():
            rel = path.relative_to(HTML).as_posix()
            page.goto(server + rel)
            for src, natural, shown in page.evaluate(
                "Array.from(document.images).filter(i => i.complete && i.naturalWidth && !/\\.svg/.test(i.src))"
                ".map(i => [i.src, i.naturalWidth, i.getBoundingClientRect().width])"
            ):
                if natural < shown * scale - 1:
                    blurred.append((rel, src.rsplit("/", 1)[-1], natural, round(shown * scale)))
        context.close()
    assert not blurred, blurred[:10]


def test_glued_numbers_appear(visits, data):
    obs, ctrl = rct.arms(data)
    text = visits["notebooks/rct-tiaoqi-jieyu.html"]["text"]
    assert fmt.count(obs.responders, obs.analysed) in text and fmt.count(ctrl.responders, ctrl.analysed) in text
    assert fmt.pval(min(rct.pvalues(data).values())) in text
    assert f"{len(data.claims)} checkable statements" in visits["book/intro.html"]["text"]


def test_site_root_opens_the_landing_page(server, browser):
    page = browser.new_page()
    page.goto(server)
    page.wait_for_url("**/book/intro.html")
    assert "checked" in page.title()
    page.close()


def test_pages_fit_a_phone_screen(server, browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    too_wide = []
    for path in pages():
        rel = path.relative_to(HTML).as_posix()
        page.goto(server + rel)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"] + 1:
            too_wide.append((rel, width))
    context.close()
    assert not too_wide


SCREENS = {
    "landing": "book/intro.html",
    "dashboard": "book/dashboard.html",
    "review": "book/review.html",
    "chapter": "notebooks/rct-tiaoqi-jieyu.html",
}


def rgb(colour: str) -> str:
    """'#009E73' as the browser writes a computed colour: 'rgb(0, 158, 115)'."""
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


#: the filter bar's search field, seen at its centre: what a tap there reaches (not a header over it)
ON_TOP = """() => { const e = document.querySelector('.claims-filters input[type=search]'), r = e.getBoundingClientRect();
  return document.elementFromPoint(r.left + Math.min(20, r.width / 2), r.top + r.height / 2) === e; }"""


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "desktop"])
def test_the_dashboard_filters_come_in_the_first_screen_and_stay_in_view(server, browser, viewport):
    """The filters stand within the first screen (not below the downloads' paragraph), on a phone in one
    row; scrolled down to the 40th card, they are still on screen, on top, and they still filter."""
    context = browser.new_context(viewport=viewport, device_scale_factor=2, is_mobile=viewport is PHONE)
    page = context.new_page()
    page.goto(server + "book/dashboard.html")
    bar = page.locator(".claims-filters")
    box = bar.bounding_box()
    assert box["y"] + box["height"] <= viewport["height"], box
    if viewport is PHONE:
        assert box["height"] < viewport["height"] / 8, box
    page.locator(".claim-card").nth(40).scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 2 * viewport["height"]
    box = bar.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] / 4, box
    assert page.evaluate(ON_TOP)
    page.select_option("select[data-key=verdict]", "reproduced")
    assert "verdict=reproduced" in page.url
    context.close()


@pytest.mark.parametrize("rel", ["book/dashboard.html", "notebooks/rct-tiaoqi-jieyu.html"])
def test_on_a_phone_the_legend_is_folded_and_the_cards_follow(server, browser, rel):
    """On a 390-px phone the legend is one line above the cards; opened, it would take more than a
    screen (the counter-case: what the reader met before). Each card is bordered in its verdict's colour."""
    from acureview.verdicts import VERDICTS

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(server + rel)
    legend = page.locator("details.legend-box").first
    assert legend.evaluate("d => !d.open")
    folded = legend.bounding_box()["height"]
    first_card = page.locator(".claim-card").first.bounding_box()["y"]
    assert folded < PHONE["height"] / 10
    legend.evaluate("d => { d.open = true; }")
    opened = legend.bounding_box()["height"]
    assert opened > PHONE["height"] and page.locator(".claim-card").first.bounding_box()["y"] > first_card + opened / 2
    for card in page.locator(".claim-card").all()[:10]:
        verdict = card.get_attribute("data-verdict")
        assert card.evaluate("c => getComputedStyle(c).borderLeftColor") == rgb(VERDICTS[verdict].colour), verdict
    context.close()


def test_formulas_fit_a_phone_screen(server, browser):
    """On a 390-px phone every formula fits its box; a wider one (the counter-case, added here, an
    unbreakable line) would overflow it."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(server + "notebooks/rct-bayes.html")
    overflow = (
        "Array.from(document.querySelectorAll('div.formula'))"
        ".filter(d => d.scrollWidth > d.clientWidth + 1 || d.getBoundingClientRect().right > window.innerWidth).length"
    )
    assert page.locator("div.formula").count() == 2
    assert page.evaluate(overflow) == 0
    page.evaluate("""() => { const d = document.createElement('div'); d.className = 'formula';
        d.textContent = Array(12).fill('Binomial(n_acu,p_acu)').join('+');
        document.querySelector('article').appendChild(d); }""")
    assert page.evaluate(overflow) == 1
    context.close()


def test_page_weights_are_recorded(visits):
    """Every page's weight (the page and everything it loads, in bytes), heaviest first, beside the screenshots."""
    import json

    weights = {p: v["bytes"] for p, v in visits.items() if not p.startswith("_")}
    assert weights and all(w > 0 for w in weights.values())
    SHOTS.mkdir(parents=True, exist_ok=True)
    ranked = dict(sorted(weights.items(), key=lambda kv: -kv[1]))
    (SHOTS / "page-weights.json").write_text(json.dumps(ranked, indent=1) + "\n", encoding="utf-8")


#: the weight every page, with all that it loads (bytes as decoded), is held to: no page loads MathJax
#: (its formulas are HTML), and the heaviest, the dashboard, keeps a margin under it
MAX_PAGE_BYTES = 1_500_000


def test_no_page_weighs_more_than_1_5_mb(visits):
    weights = {p: v["bytes"] for p, v in visits.items() if not p.startswith("_")}
    heavy = dict(sorted(((p, w) for p, w in weights.items() if w > MAX_PAGE_BYTES), key=lambda kv: -kv[1]))
    print(f"heaviest pages: {dict(sorted(weights.items(), key=lambda kv: -kv[1])[:3])}")
    assert not heavy, heavy


def test_no_page_loads_mathjax(visits):
    pages = {p: v for p, v in visits.items() if not p.startswith("_")}
    assert not [p for p, v in pages.items() if any("mathjax" in r.lower() for r in v["resources"])]


#: each figure image at 390 px: its displayed and natural CSS widths, whether it is SVG, and the
#: address of the link around it (a tap opens the image alone)
FIGURES = """() => Array.from(document.querySelectorAll('figure img')).map(i => ({
  src: i.src, svg: /\\.svg($|\\?)/.test(i.src),
  natural: /\\.svg($|\\?)/.test(i.src) ? i.naturalWidth : (parseFloat(i.style.width) || i.naturalWidth),
  shown: i.getBoundingClientRect().width,
  link: i.closest('a[href]') ? i.closest('a[href]').href : null,
  box: i.closest('.figure-scroll') ? [i.closest('.figure-scroll').scrollWidth > i.closest('.figure-scroll').clientWidth,
                                      i.closest('.figure-scroll').tabIndex,
                                      !!(i.closest('.figure-scroll').nextElementSibling || {}).offsetParent] : null,
}))"""


def smallest_text_px(figure: dict) -> float:
    """The smallest text of a figure as shown, in CSS pixels: the book's smallest text
    (plotting.MIN_FONT_PT, points) at the figure's own size (an SVG's point is 4/3 of a CSS pixel, a
    PNG's is its dpi over 72), times the scale the page shows it at."""
    from acureview.site import plotting

    per_point = 4 / 3 if figure["svg"] else plotting.STYLE["figure.dpi"] / 72
    return plotting.MIN_FONT_PT * per_point * figure["shown"] / figure["natural"]


def phone_figures(page, server) -> dict[str, list[dict]]:
    out = {}
    for path in pages():
        rel = path.relative_to(HTML).as_posix()
        page.goto(server + rel, wait_until="load")
        if figures := page.evaluate(FIGURES):
            out[rel] = figures
    return out


def test_on_a_phone_figure_text_is_at_least_11_px_and_a_tap_opens_the_figure(server, browser):
    """At 390 px every figure's smallest text is at least 11 CSS px (a figure wider than the page
    scrolls sideways in a box the keyboard reaches), and a link around it opens its image alone."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    shown = phone_figures(page, server)
    assert shown, "no figure found"
    small, unlinked, unreachable = [], [], []
    for rel, figures in shown.items():
        for f in figures:
            name = f["src"].rsplit("/", 1)[-1]
            if smallest_text_px(f) < 11:
                small.append((rel, name, round(smallest_text_px(f), 1)))
            if f["link"] != f["src"]:
                unlinked.append((rel, name))
            # a box that scrolls takes the keyboard and says so in words under the figure; one that fits says nothing
            if (
                f["box"] is None
                or (f["box"][0] and (f["box"][1] != 0 or not f["box"][2]))
                or (f["box"][2] and not f["box"][0])
            ):
                unreachable.append((rel, name))
    # counter-case: the same figures narrowed to the page, as before, read at 4-7 px
    rel = next(iter(shown))
    page.goto(server + rel, wait_until="load")
    page.add_style_tag(content="html body figure .figure-scroll img { max-width: 100% !important; }")
    narrowed = [smallest_text_px(f) for f in page.evaluate(FIGURES)]
    context.close()
    assert not small, small
    assert not unlinked, unlinked
    assert not unreachable, unreachable
    assert min(narrowed) < 11


@pytest.mark.parametrize("width", [390, 1366])
def test_screenshots_at_phone_and_desktop_width(server, browser, width):
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width == 390 else 900}, device_scale_factor=1, is_mobile=width == 390
    )
    page = context.new_page()
    for name, rel in SCREENS.items():
        page.goto(server + rel)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, (name, width)
        out = SHOTS / f"{name}-{width}.png"
        page.screenshot(path=str(out), full_page=True)
        assert out.stat().st_size > 10_000
    context.close()


# Settings of the prior explorer (preset index or None, centre and its kind, control response,
# SD, threshold in points, dropouts modelled) checked against the book's grid.
EXPLORER_SETTINGS = [
    (None, 1.79, "or", None, 0.49, 20, True),
    (None, 0.37, "or", None, 0.61, 20, True),
    (None, 1.0, "or", None, 1.9, 10, False),
    (None, 1.21, "rr", 0.61, 0.5, 30, True),
    (None, 1.5, "rr", 0.3, 0.3, 20, False),
]


def test_prior_explorer_matches_the_books_grid(server, browser, data):
    """The page's own computation, at several settings, against acureview's grid within the
    precision it prints."""
    import math

    from acureview.methods import posterior
    from acureview.methods.priors import Prior, odds_ratio_from_risk_ratio

    obs, ctrl = rct.arms(data)
    page = browser.new_page()
    page.goto(server + "notebooks/rct-bayes.html")
    root = page.locator("#prior-explorer")
    page.wait_for_function("document.getElementById('prior-explorer').dataset.ready === '1'")
    for _, centre, kind, control, sd, threshold, dropouts in EXPLORER_SETTINGS:
        root.locator("[data-role=centre-kind]").select_option(kind)
        root.locator("[data-role=centre]").fill(str(centre))
        if control is not None:
            root.locator("[data-role=control]").fill(str(control))
        root.locator("[data-role=sd]").fill(str(sd))
        root.locator("[data-role=threshold]").fill(str(threshold))
        root.locator("[data-role=dropouts]").set_checked(dropouts)
        shown_any = root.locator("[data-role=p-any]").inner_text()
        shown_t = root.locator("[data-role=p-threshold]").inner_text()
        loc = math.log(odds_ratio_from_risk_ratio(centre, control) if kind == "rr" else centre)
        prior = Prior("x", "x", "normal", loc, sd, data.assumption("prior.baseline_sd").value)
        t = threshold / 100
        if dropouts:
            s = rct.randomized_summary(data, prior, (0.0, t))
        else:
            s = posterior.grid(
                obs.responders, obs.analysed, ctrl.responders, ctrl.analysed, prior, size=rct.GRID_SIZE
            ).rd_summary([0.0, t])
        assert shown_any == fmt.prob(s["p_above"][0.0]), (centre, kind, sd, threshold, dropouts)
        assert shown_t == fmt.prob(s["p_above"][t]), (centre, kind, sd, threshold, dropouts)
        assert float(root.get_attribute("data-rd-median")) == pytest.approx(s["rd"], abs=0.001)
    # the presets are the chapter's priors: the default is the evidence-based one
    root.locator("[data-role=preset]").select_option(label="evidence-based")
    root.locator("[data-role=threshold]").fill("20")
    root.locator("[data-role=dropouts]").set_checked(True)
    assert root.locator("[data-role=p-threshold]").inner_text() == fmt.prob(
        rct.randomized_summary(data, rct.priors(data)["evidence"])["p_above"][0.2]
    )
    page.close()


@pytest.mark.parametrize("rel", ["book/dashboard.html", "notebooks/rct-bayes.html"])
def test_dark_mode_is_turned_off_deliberately(server, browser, rel):
    """The book is light only: a reader whose system prefers dark, and who chose dark on an earlier
    visit, still gets the light page, with no switcher offering the dark one; the card text keeps its
    light-mode colour."""
    context = browser.new_context(color_scheme="dark", viewport={"width": 390, "height": 900})
    context.add_init_script('localStorage.setItem("mode", "dark"); localStorage.setItem("theme", "dark");')
    page = context.new_page()
    page.goto(server + rel, wait_until="load")
    page.wait_for_timeout(300)  # the theme's own script runs on load
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    assert page.evaluate("document.documentElement.dataset.mode") == "light"
    assert page.locator(".theme-switch-button").count() >= 1  # the theme's switcher is there, and hidden
    assert not any(b.is_visible() for b in page.locator(".theme-switch-button").all())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)"), background
    context.close()


def test_glued_text_reads_as_the_prose_and_claim_ids_do_not_break(server, browser):
    """Numbers and reasons glued into a chapter have the weight of the prose around them (not bold
    walls), and a claim's tag in the annotated review keeps its id on one line."""
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(server + "notebooks/safety-and-recommendations.html", wait_until="load")
    weights = page.eval_on_selector_all(
        "p span.pasted-text",
        "els => els.map(e => [getComputedStyle(e).fontWeight, getComputedStyle(e.parentElement).fontWeight])",
    )
    assert len(weights) > 10 and all(w == parent for w, parent in weights), weights[:5]
    page.goto(server + "book/review.html", wait_until="load")
    ids = page.locator(".claim-tag .claim-id")
    assert ids.count() >= 80
    assert all(b["height"] < 30 for b in (ids.nth(i).bounding_box() for i in range(0, ids.count(), 7)) if b)
    page.close()


def test_the_summary_prints_on_two_pages_at_most(server, browser):
    """The summary to print: in Chromium's print, A4, one or two pages, with the bottom line, the
    findings and the certainty table shown and the navigation hidden."""
    page = browser.new_page()
    page.goto(server + "book/summary.html", wait_until="load")
    page.emulate_media(media="print")
    for shown in (".bottom-line", "ol.findings", "table"):
        assert page.locator(shown).first.is_visible(), shown
    for hidden in (".bd-sidebar-primary", ".bd-header", ".computed-by"):
        assert not any(e.is_visible() for e in page.locator(hidden).all()), hidden
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 1 <= pages <= 2, pages


def test_prior_explorer_on_a_phone_restores_a_shared_view(server, browser):
    """The chapter's explorer at 390 px, opened from a shared address (a flat prior): the view comes
    back, the plot fits the screen with text of 11 px or more, and a bad value is named beside its
    field with every result cleared (tests/test_explorer.py tests the widget in depth)."""
    page = browser.new_page(viewport=PHONE)
    page.goto(server + "notebooks/rct-bayes.html?prior=flat&threshold=15&dropouts=1")
    root = page.locator("#prior-explorer")
    page.wait_for_function("document.getElementById('prior-explorer').dataset.ready === '1'")
    assert root.locator("[data-role=family]").input_value() == "flat"
    assert root.locator("[data-role=prior-or]").inner_text() == "flat"
    assert "gain ≥ 15 points" in root.locator(".pe-output").inner_text()
    plot = root.locator("[data-role=plot]")
    assert float(plot.get_attribute("data-font-px")) >= 11
    assert plot.bounding_box()["width"] <= PHONE["width"]
    assert "prior (before the trial)" in root.locator("[data-role=legend]").inner_text()
    root.locator("[data-role=threshold]").fill("")
    assert root.locator("#pe-threshold-msg").inner_text().startswith("Empty")
    assert root.locator("[data-role=p-any]").inner_text() == "-"
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "desktop"])
def test_a_card_opened_by_its_address_shows_its_head_below_the_filters(server, browser, viewport):
    """The landing page links each finding to its card (dashboard.html#card-...): the card's head, with its id
    and verdict, lands below the sticky header and the filter bar, not under them."""
    context = browser.new_context(viewport=viewport, device_scale_factor=2, is_mobile=viewport is PHONE)
    page = context.new_page()
    page.goto(server + "book/dashboard.html")
    card_id = page.locator(".claim-card").nth(30).get_attribute("id")
    page.goto(server + f"book/dashboard.html#{card_id}")
    page.wait_for_timeout(300)
    bar = page.locator(".claims-filters").bounding_box()
    card = page.locator(f"#{card_id}").bounding_box()
    assert bar["y"] + bar["height"] <= card["y"] + 1, (bar, card)
    assert card["y"] < viewport["height"] / 2, card
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "desktop"])
def test_the_visible_sidebar_button_opens_the_chapters(server, browser, viewport):
    """The button a reader sees (the article header's, not the hidden top bar's) acts: on a phone it opens the
    list of chapters; on a desktop it folds the sidebar beside the page or opens it."""
    context = browser.new_context(viewport=viewport, device_scale_factor=2, is_mobile=viewport is PHONE)
    page = context.new_page()
    page.goto(server + "notebooks/rct-tiaoqi-jieyu.html")
    visible = [b for b in page.locator(".primary-toggle").all() if b.is_visible()]
    assert visible, "no visible button for the chapters"
    sidebar = page.locator("#pst-primary-sidebar")
    shown = sidebar.is_visible()
    visible[0].click()
    page.wait_for_timeout(300)
    if viewport is PHONE:  # the chapters, hidden on a phone, open in a dialog
        assert page.evaluate("document.getElementById('pst-primary-sidebar-modal').open")
        assert page.locator("#pst-primary-sidebar-modal a[href*='cohort-norway']").first.is_visible()
    else:  # on a desktop the sidebar, shown beside the page, is folded away or opened in a dialog
        opened = page.evaluate("document.getElementById('pst-primary-sidebar-modal').open")
        assert opened or sidebar.is_visible() != shown
    context.close()
