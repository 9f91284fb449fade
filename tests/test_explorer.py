"""The prior explorer of the Bayesian chapter in a real browser, without a site build: the widget as
:func:`acureview.site.bayes.explorer` renders it, with its script and the site's stylesheet inlined,
in a standalone page opened by headless Chromium (Playwright). No site build is needed, but Chromium
and its computations take longer than the fast set allows: those tests are marked ``build``
(``IN_CHROMIUM``); the markup's test is a fast one."""

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from scipy import integrate, optimize, special, stats
from test_browser import PHONE, browser  # noqa: F401 (a fixture)

from acureview import fmt
from acureview.methods import posterior
from acureview.methods.priors import Prior
from acureview.paths import ROOT
from acureview.site import bayes
from acureview.studies import rct1 as rct

IN_CHROMIUM = pytest.mark.build
STATIC = ROOT / "book" / "_static"


class Controls(HTMLParser):
    """The explorer's form controls (each with its attributes and whether it sits in a label) and
    every element id."""

    def __init__(self):
        super().__init__()
        self.controls, self.ids, self.labels = [], set(), 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "label":
            self.labels += 1
        if tag in ("input", "select"):
            self.controls.append((a, self.labels > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self.labels -= 1


def test_every_control_has_a_label_and_a_place_for_its_message(data):
    markup = Controls()
    markup.feed(bayes.explorer(data))
    roles = {a["data-role"]: (a, labelled) for a, labelled in markup.controls}
    assert set(roles) == {"family", "preset", "centre", "centre-kind", "control", "sd", "threshold", "dropouts"}
    assert all(labelled for _, labelled in roles.values())
    for role in ("centre", "control", "sd", "threshold"):  # the fields a reader types
        target = roles[role][0]["aria-describedby"]
        assert target == f"pe-{role}-msg" and target in markup.ids
    assert {"flat", "normal"} <= set(re.findall(r'<option value="(\w+)"', bayes.explorer(data)))


@pytest.fixture(scope="module")
def page_file(data, tmp_path_factory) -> Path:
    """A page holding only the explorer, its script and the site's stylesheet."""
    script = (STATIC / "prior-explorer.js").read_text(encoding="utf-8")
    widget = re.sub(
        r'<script src="[^"]*prior-explorer\.js"></script>', lambda _: f"<script>{script}</script>", bayes.explorer(data)
    )
    css = (STATIC / "acureview.css").read_text(encoding="utf-8")
    path = tmp_path_factory.mktemp("explorer") / "explorer.html"
    path.write_text(
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>Prior explorer</title>'
        f"<style>{css}</style></head><body><main>{widget}</main></body></html>",
        encoding="utf-8",
    )
    return path


def open_explorer(chromium_browser, address: str):
    """A phone-sized page at ``address`` once the explorer is ready, every script error collected
    in ``page.errors``."""
    page = chromium_browser.new_page(viewport=PHONE)
    page.set_default_timeout(5000)
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.goto(address)
    page.wait_for_function("document.getElementById('prior-explorer').dataset.ready === '1'")
    return page


@pytest.fixture(scope="module")
def phone(browser, page_file):  # noqa: F811
    """The explorer's page at a phone's width."""
    page = open_explorer(browser, page_file.as_uri())
    yield page
    assert not page.errors, page.errors
    page.close()


def field(page, role: str):
    return page.locator(f"#prior-explorer [data-role={role}]")


def outputs(page) -> list[str]:
    return [field(page, r).inner_text() for r in ("prior-or", "rd", "p-any", "p-threshold")]


def set_fields(page, **values):
    for role, value in values.items():
        role = role.replace("_", "-")
        if role == "centre-kind":
            field(page, role).select_option(value)
        elif role == "dropouts":
            field(page, role).set_checked(value)
        elif field(page, role).is_visible():
            field(page, role).fill(str(value))
        else:  # a hidden field (the control response, for an odds ratio) keeps its value for later
            field(page, role).evaluate("(e, v) => { e.value = v; e.dispatchEvent(new Event('input')); }", str(value))


def message(page, role: str) -> str:
    """The message tied to a field by aria-describedby ('' when none is shown)."""
    target = field(page, role).get_attribute("aria-describedby")
    return page.locator(f"#{target}").inner_text().strip()


# the dropouts not modelled: a quarter of the computation at each keystroke
VALID = {"dropouts": False, "centre_kind": "or", "centre": "1.5", "control": "0.45", "sd": "0.5", "threshold": "20"}


@pytest.mark.parametrize(
    ("changes", "role", "words"),
    [
        ({"centre": ""}, "centre", "Empty"),
        ({"centre": "-1"}, "centre", "from 0.01 to 100"),
        ({"centre": "1e9"}, "centre", "Out of range: enter the prior's centre as a ratio from 0.01 to 100"),
        ({"centre": "0.001"}, "centre", "from 0.01 to 100"),
        ({"sd": "0"}, "sd", "from 0.01 to 10,"),
        ({"sd": "-0.5"}, "sd", "from 0.01 to 10,"),
        ({"sd": "1e9"}, "sd", "Out of range: enter a standard deviation from 0.01 to 10,"),
        ({"sd": ""}, "sd", "Empty"),
        ({"threshold": "150"}, "threshold", "from 0 to 99"),
        ({"centre_kind": "rr", "centre": "2.5", "control": "0.45"}, "centre", "risk ratio below 2.22"),
        ({"centre_kind": "rr", "centre": "2.2", "control": "0.45"}, "centre", "is an odds ratio above 100."),
        ({"centre_kind": "rr", "control": "1.2"}, "control", "between 0 and 1"),
    ],
)
@IN_CHROMIUM
def test_an_invalid_value_is_named_beside_its_field_and_clears_every_result(phone, changes, role, words):
    set_fields(phone, **VALID)
    assert all(v != "-" for v in outputs(phone))
    assert phone.locator("#prior-explorer").get_attribute("data-p-any") is not None
    set_fields(phone, **changes)
    assert words in message(phone, role)
    assert "enter" in message(phone, role).lower()
    assert field(phone, role).get_attribute("aria-invalid") == "true"
    assert outputs(phone) == ["-"] * 4
    assert phone.locator("#prior-explorer").get_attribute("data-p-any") is None
    assert "No result" in field(phone, "status").inner_text() and not field(phone, "plot").is_visible()
    # the other fields carry no message, and a valid value again brings the results back
    for other in {"centre", "sd", "threshold"} - {role}:
        assert message(phone, other) == "" and field(phone, other).get_attribute("aria-invalid") is None
    set_fields(phone, **VALID)
    assert message(phone, role) == "" and field(phone, role).get_attribute("aria-invalid") is None
    assert all(v != "-" for v in outputs(phone))
    assert field(phone, "status").inner_text() == "" and field(phone, "plot").is_visible()


@IN_CHROMIUM
def test_every_number_the_widget_shows_reads_as_a_reader_writes_it(phone):
    """The prior's odds ratio with two decimals (never "1000000000.00"), and a value typed with more
    digits named in its message as a reader writes it."""
    set_fields(phone, **{**VALID, "centre": "99.999"})
    assert field(phone, "prior-or").inner_text() == "100.00"
    set_fields(phone, **{**VALID, "centre_kind": "rr", "centre": "2.5000001", "control": "0.4500001"})
    assert message(phone, "centre").startswith("Impossible: a risk ratio of 2.5 at a control response of 0.45 gives")
    set_fields(phone, **{**VALID, "centre": "1e9"})
    text = phone.locator("#prior-explorer").inner_text()
    assert not re.search(r"\d{5}", text), text
    set_fields(phone, **VALID)


@IN_CHROMIUM
def test_text_that_is_not_a_number_is_named(phone):
    set_fields(phone, **VALID)
    field(phone, "sd").focus()
    phone.keyboard.press("Control+A")
    phone.keyboard.type("e")  # a number input holds "e" as unparsable text
    assert message(phone, "sd").startswith("Not a number")
    assert outputs(phone) == ["-"] * 4
    set_fields(phone, **VALID)


@IN_CHROMIUM
def test_the_plot_fills_a_phone_and_its_text_reads_at_11_px_or_more(phone):
    set_fields(phone, **VALID)
    plot = field(phone, "plot")
    box = plot.bounding_box()
    assert 300 < box["width"] <= PHONE["width"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert float(plot.get_attribute("data-font-px")) >= 11
    # drawn at the screen's resolution, not stretched
    assert int(plot.get_attribute("width")) >= round(box["width"])
    assert "horizontal axis" in plot.get_attribute("aria-label")


def summarise(page, loc=0.0, scale=1.0, threshold: float = 0.2, dropouts: bool = False, flat: bool = False) -> dict:
    """The page's own computation (``window.priorExplorer``) at a normal prior on the log odds ratio,
    or at the flat prior."""
    return page.evaluate(
        """s => {
          const x = window.priorExplorer, o = x.summarise(x.counts(document.getElementById('prior-explorer')), s);
          return {pAny: o.pAny, pT: o.pT, median: o.median, low: o.low, high: o.high,
                  plot: Array.from(o.plot), prior: Array.from(o.prior)};
        }""",
        {"loc": loc, "scale": scale, "threshold": threshold, "dropouts": dropouts, "flat": flat},
    )


@IN_CHROMIUM
@pytest.mark.parametrize("scale", [0.3, 1.0, 3.0])
def test_the_prior_drawn_is_the_priors_distribution_of_the_gain(phone, data, scale):
    # reference: the prior's mean gain by Gauss-Hermite quadrature over the mean log-odds (Normal(0,
    # baseline SD)) and the log odds ratio (Normal(log 1.5, scale)); P(gain > 0) = P(log OR > 0)
    loc, baseline = math.log(1.5), data.assumption("prior.baseline_sd").value
    x, w = np.polynomial.hermite_e.hermegauss(60)
    w = w / w.sum()
    mu, th = np.meshgrid(baseline * x, loc + scale * x, indexing="ij")
    mean = np.sum(np.outer(w, w) * (special.expit(mu + th / 2) - special.expit(mu - th / 2)))
    prior = np.array(summarise(phone, loc, scale)["prior"])
    middles = -0.99 + 0.02 * np.arange(100)
    assert prior.sum() == pytest.approx(1.0, abs=1e-9)
    assert prior[50:].sum() == pytest.approx(stats.norm.cdf(loc / scale), abs=0.01)
    assert np.sum(prior * middles) == pytest.approx(mean, abs=0.005)


@IN_CHROMIUM
def test_the_legend_names_the_prior_and_the_posterior_as_text(phone):
    legend = field(phone, "legend").inner_text()
    assert "prior (before the trial)" in legend and "posterior (after the trial)" in legend
    assert "threshold" in legend
    assert "the prior" in field(phone, "plot").get_attribute("aria-label")


@IN_CHROMIUM
def test_the_settings_live_in_the_address_and_come_back_from_it(browser, page_file):  # noqa: F811
    shared = "?centre=1.2&kind=rr&control=0.5&sd=2&threshold=15&dropouts=0"
    page = open_explorer(browser, page_file.as_uri() + shared)
    values = {r: field(page, r).input_value() for r in ("centre", "centre-kind", "control", "sd", "threshold")}
    assert values == {"centre": "1.2", "centre-kind": "rr", "control": "0.5", "sd": "2", "threshold": "15"}
    assert not field(page, "dropouts").is_checked()
    assert field(page, "preset").input_value() == ""  # no preset: the reader's own settings
    # an odds ratio of 1.5: a risk ratio of 1.2 at a control response of 0.5
    assert field(page, "prior-or").inner_text() == "1.50"
    assert "gain ≥ 15" in page.locator(".pe-output").inner_text()
    # a change is written back into the address; a preset chosen fills its values
    set_fields(page, sd="3", threshold="25")
    address = page.evaluate("location.href")
    assert "sd=3" in address and "threshold=25" in address and "kind=rr" in address
    field(page, "preset").select_option(index=1)
    address = page.evaluate("location.href")
    assert "kind=or" in address and "control=" not in address
    again = open_explorer(browser, address)
    assert outputs(again) == outputs(page) and field(again, "preset").input_value() == "0"
    # an invalid value in the address is shown as invalid, not replaced
    bad = open_explorer(browser, page_file.as_uri() + "?sd=-1")
    assert field(bad, "sd").input_value() == "-1" and "from 0.01 to 10," in message(bad, "sd")
    assert outputs(bad) == ["-"] * 4
    for p in (page, again, bad):
        assert not p.errors, p.errors
        p.close()


@IN_CHROMIUM
def test_a_flat_prior_is_offered_and_shared(browser, page_file):  # noqa: F811
    page = open_explorer(browser, page_file.as_uri())
    field(page, "family").select_option("flat")
    assert not field(page, "sd").is_visible() and not field(page, "centre").is_visible()
    assert field(page, "prior-or").inner_text() == "flat"
    assert all(v != "-" for v in outputs(page))
    address = page.evaluate("location.href")
    assert "prior=flat" in address and "sd=" not in address
    again = open_explorer(browser, address)
    assert field(again, "family").input_value() == "flat" and outputs(again) == outputs(page)
    for p in (page, again):
        assert not p.errors, p.errors
        p.close()


def book_randomized(data, prior: Prior) -> dict:
    """The book's posterior summary among all randomized, at gains of 0 and 20 points, on its grid of
    default size (finer than the page's)."""
    obs, ctrl = rct.arms(data)
    return posterior.with_dropouts(
        posterior.grid(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed, prior),
        obs.analysed,
        obs.dropouts,
        ctrl.analysed,
        ctrl.dropouts,
        data.assumption("attrition.imor_sd").value,
        nodes=rct.NODES,
    ).rd_summary([0.0, 0.2])


@IN_CHROMIUM
def test_the_flat_posterior_is_the_two_beta_posteriors(phone, data):
    # reference: the exact posterior of the patients analysed (Beta(1 + y, 1 + n - y) in each arm),
    # P(gain > t) by one-dimensional quadrature
    obs, ctrl = rct.arms(data)
    a, c = posterior.beta_posteriors(obs.responders, obs.analysed, ctrl.responders, ctrl.analysed)

    def above(t):
        return integrate.quad(lambda x: c.pdf(x) * a.sf(x + t), 0, 1, limit=200, epsabs=1e-12)[0]

    median = optimize.brentq(lambda t: above(t) - 0.5, -1, 1, xtol=1e-10)
    s = summarise(phone, flat=True, threshold=0.2)
    assert s["pAny"] == pytest.approx(above(0.0), abs=5e-4)
    assert s["pT"] == pytest.approx(above(0.2), abs=5e-4)
    assert s["median"] == pytest.approx(median, abs=5e-4)
    # all randomized, the dropouts modelled: against the book's grid, finer than the page's
    book = book_randomized(data, rct.priors(data)["flat"])
    s = summarise(phone, flat=True, threshold=0.2, dropouts=True)
    assert s["pAny"] == pytest.approx(book["p_above"][0.0], abs=5e-4)
    assert s["pT"] == pytest.approx(book["p_above"][0.2], abs=5e-4)
    assert s["median"] == pytest.approx(book["rd"], abs=5e-4)


def box_posterior(data, loc: float, scale: float):
    """The posterior of the patients analysed under Normal(``loc``, ``scale``) on the log odds ratio,
    by brute-force quadrature on a fixed, fine box that holds the likelihood and the narrowest prior
    (spacing 0.004 on the log odds ratio), independent of any grid's placement: the risk
    differences and their weights."""
    obs, ctrl = rct.arms(data)
    baseline = data.assumption("prior.baseline_sd").value
    mu, th = np.meshgrid(np.linspace(-4.5, 2.5, 701), np.linspace(-3.0, 6.0, 2251), indexing="ij")
    c, a = special.expit(mu - th / 2), special.expit(mu + th / 2)
    logw = (
        stats.norm.logpdf(mu, 0, baseline)
        + stats.norm.logpdf(th, loc, scale)
        + stats.binom.logpmf(ctrl.responders, ctrl.analysed, c)
        + stats.binom.logpmf(obs.responders, obs.analysed, a)
    )
    w = np.exp(logw - logw.max())
    return (a - c).ravel(), (w / w.sum()).ravel()


@IN_CHROMIUM
@pytest.mark.parametrize("scale", [0.1, 1.0, 10.0, 100.0])
def test_the_pages_posterior_is_right_for_any_prior_width(phone, data, scale):
    # the patients analysed: against quadrature; all randomized (the dropouts modelled): against
    # the book's grid (tested against quadrature in test_methods) at its default, finer size
    loc = math.log(1.5)
    rd, w = box_posterior(data, loc, scale)
    s = summarise(phone, loc, scale, threshold=0.2)
    assert s["pAny"] == pytest.approx(w[rd > 0].sum(), abs=1e-3)
    assert s["pT"] == pytest.approx(w[rd > 0.2].sum(), abs=1e-3)
    assert s["median"] == pytest.approx(posterior.weighted_quantile(rd, w, 0.5), abs=1e-3)
    book = book_randomized(data, Prior("x", "x", "normal", loc, scale, data.assumption("prior.baseline_sd").value))
    s = summarise(phone, loc, scale, threshold=0.2, dropouts=True)
    assert s["pAny"] == pytest.approx(book["p_above"][0.0], abs=1e-3)
    assert s["pT"] == pytest.approx(book["p_above"][0.2], abs=1e-3)
    assert s["median"] == pytest.approx(book["rd"], abs=1e-3)
    assert s["low"] == pytest.approx(book["rd_low"], abs=2e-3) and s["high"] == pytest.approx(book["rd_high"], abs=2e-3)


@IN_CHROMIUM
def test_a_preset_is_the_chapters_prior_itself_also_from_the_address(browser, page_file, data):  # noqa: F811
    # the fields show the prior rounded; while they hold that text, the page uses the prior itself
    threshold = rct.important_difference(data)[0]
    chapter = fmt.prob(rct.randomized_summary(data, rct.priors(data)["evidence"])["p_above"][threshold])
    page = open_explorer(browser, page_file.as_uri())
    assert field(page, "preset").input_value() != ""
    assert field(page, "p-threshold").inner_text() == chapter
    set_fields(page, threshold=f"{100 * threshold:.0f}")
    again = open_explorer(browser, page.evaluate("location.href"))
    assert field(again, "p-threshold").inner_text() == chapter
    for p in (page, again):
        assert not p.errors, p.errors
        p.close()
