"""Every check's decision rule, as its card and the methods page state it, against what its code does:
each threshold is taken out of the rule's words, an input is moved just across it, and the verdict
must flip."""

import math
import re

from conftest import with_args, with_fact

from acureview import checks, fmt, verify
from acureview.appraisal import grounds
from acureview.checks import citations
from acureview.methods import pvalues
from acureview.paths import ROOT
from acureview.site import bayes, cards, trial
from acureview.studies import cohort2, pain_meta, rct1
from acureview.verdicts import (
    CONSISTENT,
    CRITICAL,
    IMPORTANCE,
    MAJOR,
    MINOR,
    NOT_REPRODUCED,
    OVERSTATED,
    REPRODUCED,
    severity_by_importance,
)


def number_in(rule: str, pattern: str) -> float:
    """The number the rule's words state where ``pattern`` (with one group) finds it."""
    m = re.search(pattern, rule)
    assert m, f"the rule no longer states it: {pattern!r} in {rule!r}"
    return float(m.group(1).replace("%", "")) / (100 if m.group(1).endswith("%") else 1)


def claim_of(data, check):
    return next(iter(data.claims_using(check)))


def verdict(data, claim):
    return checks.run(data.claim(claim.claim_id), data).verdict


def test_every_check_states_its_rule():
    for name in checks.REGISTRY:
        text = checks.rule(name)
        assert text, f"check '{name}' states no rule"
        assert "{" not in text and "  " not in text, text
    assert [n for n, _ in checks.rules()] == list(checks.REGISTRY)


def test_the_card_and_the_methods_page_show_the_rule(verdict_table):
    data = verify.load()
    r = next(verdict_table.itertuples())
    card = cards.claim_card(r, data, cards.section_names(data.review))
    assert cards.RULE_SUMMARY in card and checks.rule(r.check).split("'")[0] in card
    listed = cards.rules_list()
    for name in checks.REGISTRY:
        assert f"<code>{name}</code>" in listed


def test_a_problem_card_states_the_severity_rule(verdict_table):
    data = verify.load()
    r = next(r for r in verdict_table.itertuples() if r.severity)
    card = cards.claim_card(r, data, cards.section_names(data.review))
    assert checks.severity_rule().split(",")[0] in card


def test_modest_benefit_over_sham_flips_at_the_rules_number():
    data = verify.load()
    claim = claim_of(data, "pain.effects")
    modest = number_in(checks.rule("pain.effects"), r"by less than ([\d.]+) standard deviations")
    conditions = [f.removeprefix("vickers2012.sham.") for f in data.facts if re.fullmatch(r"vickers2012\.sham\.\w+", f)]
    conditions = [c for c in conditions if not c.endswith(("_low", "_high"))]
    below = data
    for c in conditions:
        below = with_fact(below, f"vickers2012.sham.{c}", modest - 0.01)
    assert verdict(below, claim) == REPRODUCED
    at = with_fact(below, f"vickers2012.sham.{conditions[0]}", modest)
    assert verdict(at, claim) == NOT_REPRODUCED


def test_persistence_flips_at_the_rules_number():
    data = verify.load()
    claim = claim_of(data, "pain.persistence")
    share = number_in(checks.rule("pain.persistence"), r"less than ([\d.]+)% smaller")
    assert verdict(with_fact(data, "vickers2018.decay_12m_pct", share - 0.1), claim) == REPRODUCED
    assert verdict(with_fact(data, "vickers2018.decay_12m_pct", share), claim) == NOT_REPRODUCED


def _smallest_change(data) -> float:
    scenarios = cohort2.vas_scenarios(data)
    return min(scenarios[0].d_baseline, min(s.d_z for s in scenarios))


def test_a_large_change_flips_at_the_rules_number():
    """The 12-month mean moved until the smallest standardized change is just above, then just
    below, the 'large' the rule states."""
    data = verify.load()
    claim = claim_of(data, "cohort2.vas_test")
    large = number_in(checks.rule("cohort2.vas_test"), r"at least ([\d.]+) \(Cohen's 'large'\)")
    baseline = float(data.number("cohort2.vas_baseline"))
    lo, hi = 0.0, baseline  # the 12-month mean: the smallest change falls as it rises
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if _smallest_change(with_fact(data, "cohort2.vas_12m", mid)) > large else (lo, mid)
    above, below = with_fact(data, "cohort2.vas_12m", lo - 0.01), with_fact(data, "cohort2.vas_12m", hi + 0.01)
    assert _smallest_change(above) > large > _smallest_change(below)
    assert verdict(above, claim) == REPRODUCED
    assert verdict(below, claim) == OVERSTATED


def test_significance_needs_every_test_strictly_below_alpha():
    data = verify.load()
    claim = claim_of(data, "rct1.significance")
    n = number_in(checks.rule("rct1.significance"), r"of the (\d+) usual tests")
    ps = [r.p for r in pvalues.every_pvalue(*rct1.tested_counts(data), sides=("two-sided",))]
    assert len(ps) == n == len(pvalues.TESTS)
    largest, smallest = max(ps), min(ps)
    assert verdict(with_args(data, claim.claim_id, alpha=f"{largest * 1.001:.6g}"), claim) == CONSISTENT
    assert verdict(with_args(data, claim.claim_id, alpha=f"{largest:.17g}"), claim) == OVERSTATED
    assert verdict(with_args(data, claim.claim_id, alpha=f"{smallest:.17g}"), claim) == NOT_REPRODUCED


def test_the_p_value_rule_names_every_test_the_check_runs():
    n = number_in(checks.rule("rct1.p_value"), r"each of the (\d+) tests")
    run = {r.test for r in pvalues.every_pvalue(12, 30, 5, 30)}
    assert n == len(run) == len(pvalues.TESTS)
    for name in pvalues.TESTS.values():
        assert name in checks.rule("rct1.p_value")


def test_a_reworded_title_flips_at_the_rules_share():
    share = number_in(checks.rule("reference"), r"at least ([\d.]+%) of the two titles' words")
    total = 100
    common = math.ceil(share * total)
    cited = " ".join(f"w{i}" for i in range(common))

    def record(k):  # k words in common with the cited title, of ``total`` words in all
        return " ".join([f"w{i}" for i in range(k)] + [f"x{i}" for i in range(total - common)])

    assert citations.grade("title", cited, record(common)) == MINOR
    assert citations.grade("title", cited, record(common - 1)) == MAJOR


def test_the_severity_rule_is_the_codes():
    text = checks.severity_rule()
    for importance in IMPORTANCE:
        assert f"{severity_by_importance(importance)} in a {importance} claim" in text
    assert severity_by_importance("headline") == CRITICAL


def test_the_methods_page_names_every_departure_from_the_severity_rule(verdict_table):
    text = cards.severity_exceptions(verdict_table)
    problems = verdict_table[verdict_table["severity"].fillna("") != ""]
    for r in problems.itertuples():
        if r.severity != severity_by_importance(r.importance):
            assert r.claim_id in text, r.claim_id
        else:
            assert f"{r.claim_id}," not in text and f"{r.claim_id})" not in text, r.claim_id
    graver = problems[(problems["importance"] == "detail") & (problems["severity"] != MINOR)]
    assert ("graver" in text) == bool(len(graver))


# --- one statement per finding across pages ----------------------------------------------------------


def test_the_worst_case_for_dropouts_is_one_statement_on_every_page():
    """The trial's check, the appraisal's computed ground and the chapters glue the same words, on every
    test a report could have used."""
    data = verify.load()
    said = rct1.scenario_significance(data)
    assert f"of the {len(pvalues.TESTS)} tests" in said and "borderline" in said
    assert said in checks.run(data.claim("C-3.1-05"), data).reason
    assert said in grounds.COMPUTED["rct1.worst_case"].value(data)
    assert trial.effect_words(data)["worst_case"] == said and bayes.dropout_words(data)["worst_sig"] == said
    for chapter, name, call in (
        ("rct-tiaoqi-jieyu", "worst_case", "trial.effect_words(data)"),
        ("rct-bayes", "worst_sig", "bayes.dropout_words(data)"),
    ):
        text = (ROOT / "notebooks" / f"{chapter}.md").read_text(encoding="utf-8")
        assert call in text and f"{{glue:text}}`{name}`" in text
    appraisal = (ROOT / "notebooks" / "appraisal.md").read_text(encoding="utf-8")
    assert "no longer significant" not in appraisal


def _two_sided(ps: dict[str, float]) -> tuple[pvalues.PValue, ...]:
    return tuple(pvalues.PValue(test, "two-sided", p) for test, p in ps.items())


def test_significance_words_flip_with_the_tests():
    ps = dict.fromkeys(pvalues.TESTS, 0.01)
    assert rct1.significance_words(_two_sided(ps)) == "significant at 0.05 on all 9 tests (P = 0.010)"
    ps["fisher"] = 0.06
    assert "on 8 of the 9 tests but not on Fisher's exact test" in rct1.significance_words(_two_sided(ps))
    ps = dict.fromkeys(pvalues.TESTS, 0.2) | {"z_unpooled": 0.04}
    assert "on 1 of the 9 tests only (the unpooled (Wald) z test)" in rct1.significance_words(_two_sided(ps))
    words = rct1.significance_words(_two_sided(dict.fromkeys(pvalues.TESTS, 0.05)))
    assert words.startswith("not significant")


def test_one_in_n_is_rounded_to_what_the_rate_supports():
    assert fmt.one_in(1.01 / 10_000) == "one in 10,000"  # not 'one in 9,901'
    assert fmt.one_in(0.0066) == "one in 200"
    assert fmt.one_in(0.11) == "one in 9"
    safety = (ROOT / "notebooks" / "safety-and-recommendations.md").read_text(encoding="utf-8")
    assert "fmt.one_in(" in safety and "None of the safety statements cites a source" not in safety


def test_shares_are_computed_not_approximated():
    data = verify.load()
    shown = grounds.COMPUTED["pain.sham_share"].value(data)
    for share in pain_meta.sham_shares(data).values():
        assert f"{round(100 * share)}%" in shown
    grade = (ROOT / "data" / "grade.csv").read_text(encoding="utf-8")
    assert "about a third" not in grade and "pain.sham_share" in grade


def test_the_support_rule_s_severities_are_the_code_s(data):
    """The support rule says the best evidence sets the severity of an unsupported or uncited claim, and the
    importance that of an overstated one: C-3.1-01 (overstated, headline, evidence in part) stays critical, and an
    unsupported headline claim the evidence bears out only in part is major."""
    rule = checks.rule("support")
    assert "An overstated claim takes the severity of its importance" in rule
    assert "major where it agrees only in part" in rule
    r = checks.run(data.claim("C-3.1-01"), data)
    assert (r.verdict, data.claim("C-3.1-01").args["bears"]) == ("overstated", "in part") and r.severity == "critical"
    # counter-case: without the wording the claim needs it is overstated; without its subject, unsupported and major
    unsupported = with_args(data, "C-3.1-01", contains="no such subject")
    r = checks.run(unsupported.claim("C-3.1-01"), unsupported)
    assert (r.verdict, r.severity) == ("unsupported", "major")
