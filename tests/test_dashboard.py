"""The dashboard's "gravest first" is the landing page's ranking: each card's rank number is
computed once in Python (ranking.rank_key) and the dashboard's script sorts by it; its filter menus
list values in the scales' order."""

import json
import shutil
import subprocess

import pytest
from bs4 import BeautifulSoup

from acureview.paths import ROOT
from acureview.site import cards, ranking
from acureview.verdicts import IMPORTANCE, ORDER, SEVERITIES, is_problem

NODE = shutil.which("node")
SCRIPT = str(ROOT / "book" / "_static" / "dashboard.js")


def shipped(table, data):
    """The cards as the dashboard ships them: claim id and rank number, in the review's order."""
    soup = BeautifulSoup(cards.cards_with_legend(table, data, filterable=True, legend_first=False), "html.parser")
    return [{"claim": c["data-claim"], "rank": c["data-rank"]} for c in soup.select(".claim-card")]


def test_each_card_carries_its_rank_number_and_the_numbers_give_the_ranking(verdict_table, data):
    shown = shipped(verdict_table, data)
    assert [c["claim"] for c in shown] == list(verdict_table["claim_id"])
    assert all(c["rank"].isdigit() for c in shown)
    by_rank = [c["claim"] for c in sorted(shown, key=lambda c: int(c["rank"]))]  # stable: ties in the review's order
    problems = list(ranking.ranked_problems(verdict_table)["claim_id"])
    assert by_rank[: len(problems)] == problems
    assert all(not is_problem(v) for v in verdict_table.set_index("claim_id").loc[by_rank[len(problems) :], "verdict"])


def test_a_changed_verdict_moves_the_claim_in_the_ranking(verdict_table, data):
    df = verdict_table.copy()
    last = df.index[df["verdict"] == "reproduced"][-1]
    df.loc[last, ["verdict", "severity", "importance"]] = ["inconsistent", "critical", "headline"]
    shown = shipped(df, data)
    first = min(shown, key=lambda c: int(c["rank"]))
    assert first["claim"] == df.loc[last, "claim_id"] == ranking.ranked_problems(df)["claim_id"].iloc[0]


def test_the_scales_order_the_menus():
    s = ranking.scales()
    assert s["verdict"] == list(ORDER)
    assert s["severity"][:3] == ["critical", "major", "minor"] and set(s["severity"][:3]) == set(SEVERITIES)
    assert s["importance"] == list(IMPORTANCE)
    soup = BeautifulSoup(ranking.scales_script(), "html.parser")
    assert json.loads(soup.select_one("script#claims-scales").string) == s


def node(script, *args):
    done = subprocess.run([NODE, "-e", script, SCRIPT, *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.skipif(NODE is None, reason="Node.js runs the dashboard's script outside a browser")
def test_the_dashboards_script_sorts_gravest_first_as_the_landing_page_ranks(verdict_table, data):
    shown = shipped(verdict_table, data)
    order = node(
        "const d = require(process.argv[1]);"
        "const cards = JSON.parse(process.argv[2]).map((c) => ({dataset: c}));"
        "console.log(JSON.stringify(d.byRank(cards).map((c) => c.dataset.claim)));",
        json.dumps(shown),
    )
    problems = list(ranking.ranked_problems(verdict_table)["claim_id"])
    assert order[: len(problems)] == problems
    assert sorted(order) == sorted(c["claim"] for c in shown)


@pytest.mark.skipif(NODE is None, reason="Node.js runs the dashboard's script outside a browser")
def test_the_dashboards_menus_follow_the_scales():
    script = (
        "const d = require(process.argv[1]);"
        "const s = JSON.parse(process.argv[2]);"
        "console.log(JSON.stringify({verdict: d.inScaleOrder(['reproduced', 'uncited', 'inconsistent', 'overstated'], s.verdict),"
        " severity: d.inScaleOrder(['none', 'minor', 'critical', 'major'], s.severity),"
        " section: d.inScaleOrder(['Abstract', '3.1', '2'], s.section)}));"
    )
    menus = node(script, json.dumps(ranking.scales()))
    assert menus == {
        "verdict": ["inconsistent", "overstated", "uncited", "reproduced"],
        "severity": ["critical", "major", "minor", "none"],
        "section": ["Abstract", "3.1", "2"],
    }


# --- the site's search: a claim by its id, a number as printed -------------------------------------


def CARD_WITH(value: str) -> str:
    return f'<article class="claim-card" id="card-c-0" data-claim="C-0"><dd class="claim-rederived">{value}</dd>'


def test_each_card_is_a_search_entry_by_its_id_and_its_values_numbers(verdict_table, data):
    from acureview.site.searchentries import card_entries

    html = cards.cards_with_legend(verdict_table, data, filterable=True, legend_first=False)
    entries = card_entries(html)
    ids = [e for e, _ in entries if e.startswith("C-")]
    assert ids == list(verdict_table["claim_id"])
    assert ("C-3.1-05", "card-c-3-1-05") in entries
    card = verdict_table.index[verdict_table["rederived"].str.contains("66.3%", regex=False)][0]
    anchor = "card-" + verdict_table.loc[card, "anchor"].removeprefix("claim-")
    assert ("66.3", anchor) in entries and ("66.3%", anchor) in entries  # as a reader types it, with or without %
    assert all("." in e for e, _ in entries if not e.startswith("C-"))  # no whole number alone
    # a number printed without a percent sign gives no percentage
    assert [e for e, _ in card_entries(CARD_WITH("2.25 points"))] == ["C-0", "2.25"]
    assert [e for e, _ in card_entries(CARD_WITH("19/36 (52.8%), 52.8 again"))] == ["C-0", "52.8", "52.8%"]


def test_a_page_without_cards_gives_no_search_entry():
    from acureview.site.searchentries import card_entries

    assert card_entries("<p>no card here, 66.3</p>") == []
