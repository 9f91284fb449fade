import math

import pytest

from acureview import fmt
from acureview.methods.rounding import counts_for_percentage, decimals_of
from acureview.methods.twobytwo import p_agrees, parse_p, two_by_two_pvalues


def test_grim_percentages():
    assert counts_for_percentage(52.8, 36) == [19]
    assert counts_for_percentage(52.8, 39) == []
    assert counts_for_percentage(17.1, 35) == [6]
    assert counts_for_percentage(0.0, 10) == [0] and counts_for_percentage(100.0, 7) == [7]


def test_grim_rounding_bounds_are_inclusive():
    # 1/8 = 12.5% exactly: reported as 13 (half up) or 12 (half to even) at 0 decimals, both fit
    assert counts_for_percentage(13, 8, 0) == [1]
    assert counts_for_percentage(12, 8, 0) == [1]
    # 1/3 = 33.33...%: 33.3 fits, 33.4 does not
    assert counts_for_percentage(33.3, 3, 1) == [1]
    assert counts_for_percentage(33.4, 3, 1) == []


def test_grim_large_n_has_several_candidates():
    assert counts_for_percentage(50.0, 1000, 0) == list(range(495, 506))


def test_decimals_of():
    assert decimals_of(52.8) == 1 and decimals_of("17") == 0 and decimals_of("0.050") == 3


def test_parse_and_agree():
    assert parse_p("<0.001") == ("<", 0.001)
    assert parse_p("P = .03") == ("=", 0.03)
    assert p_agrees(0.0009, "<0.001") and not p_agrees(0.0017, "<0.001")
    assert p_agrees(0.034, "=0.03") and not p_agrees(0.036, "=0.03")
    with pytest.raises(ValueError):
        parse_p("significant")


def test_two_by_two_known_values():
    # Fisher's tea-tasting table: one-sided 0.243, two-sided 0.486
    ps = two_by_two_pvalues(3, 4, 1, 4)
    assert ps["fisher"] == pytest.approx(0.4857, abs=1e-4)
    same = two_by_two_pvalues(10, 20, 10, 20)
    assert same["fisher"] == pytest.approx(1.0) and same["chi2"] == pytest.approx(1.0)


def test_formatting():
    assert fmt.pval(0.0026) == "P = 0.0026"
    assert fmt.pval(0.0004) == "P < 0.001"
    assert fmt.pval(0.0381) == "P = 0.038"
    assert fmt.pval(0.5) == "P = 0.5"
    assert fmt.pct(0.52777) == "52.8%"
    assert fmt.count(19, 36) == "19/36 (52.8%)"


def test_effect_measures_on_a_simple_table():
    from acureview.methods.twobytwo import effect_measures

    m = effect_measures(20, 40, 10, 40)
    assert m["risk difference"][0] == pytest.approx(0.25)
    assert m["risk ratio"][0] == pytest.approx(2.0)
    assert m["odds ratio"][0] == pytest.approx(3.0)
    assert m["number needed to treat"][0] == pytest.approx(4.0)
    for est, lo, hi in m.values():
        assert lo < est < hi
    # no difference: the NNT interval is unbounded
    assert effect_measures(10, 40, 10, 40)["number needed to treat"][2] == float("inf")


@pytest.mark.parametrize("table", [(19, 36, 6, 35), (15, 36, 6, 35), (30, 100, 15, 100), (6, 35, 19, 36)])
def test_fragility_index_is_the_smallest_number_of_flips(table):
    from scipy.stats import fisher_exact

    from acureview.methods.twobytwo import fragility_index

    k1, n1, k2, n2 = table
    fi = fragility_index(*table)
    low = k1 <= k2

    def p(flips):
        a, b = (k1 + flips, k2) if low else (k1, k2 + flips)
        return fisher_exact([[a, n1 - a], [b, n2 - b]]).pvalue

    assert fi >= 1
    assert p(fi) >= 0.05 and p(fi - 1) < 0.05


def test_fragility_of_a_non_significant_result_is_zero():
    from acureview.methods.twobytwo import fragility_index

    assert fragility_index(10, 36, 6, 35) == 0


# --- GRIM-type consistency (the cohort chapter) -------------------------------------------------------

from acureview.methods.bounds import e_value_smd, paired_t_from_summary, sd_of_change, upper_bound_zero_events  # noqa: E402
from acureview.methods.rounding import compatible_denominators, grim_mean  # noqa: E402


@pytest.mark.parametrize("mean, n, consistent", [
    ("3.48", 20, False),  # the GRIM test's die example: no k/20 is 3.48 at two decimals
    ("3.45", 20, True),
    ("5.27", 43, False),  # the scrutiny package's worked example (grim("5.27", 43) is FALSE)
    ("5.28", 43, True),   # 227/43 = 5.279
    ("1.13", 8, True),    # 9/8 = 1.125 sits on the rounding bound: 1.12 and 1.13 both pass
    ("1.12", 8, True),
])
def test_grim_published_examples(mean, n, consistent):
    assert grim_mean(mean, n) is consistent


def test_grim_edge_cases_at_rounding_bounds():
    # 1/8 = 12.5% may be reported as 12% or 13%: both are consistent (inclusive bounds)
    assert counts_for_percentage(12, 8, 0) == [1] and counts_for_percentage(13, 8, 0) == [1]
    # 19/36 = 52.777...% is 52.8%, and no count out of 39 gives it
    assert counts_for_percentage(52.8, 36, 1) == [19] and counts_for_percentage(52.8, 39, 1) == []
    # 0% and 100% are whole counts at any n
    assert counts_for_percentage(0, 7, 0) == [0] and counts_for_percentage(100, 7, 0) == [7]
    # 58% fits no count of 75: 43/75 = 57.33%, 44/75 = 58.67%
    assert counts_for_percentage(58, 75, 0) == []


def test_compatible_denominators_require_every_percentage_and_the_sum():
    pcts = {"strong": 75.0, "cure": 58.0, "near": 17.0}
    found = compatible_denominators(pcts, range(70, 110), 0, ("strong", ("cure", "near")))
    assert 75 not in found and {101, 102, 103, 104} <= set(found)
    # counter-case: a sum that cannot hold removes every denominator
    assert compatible_denominators({"strong": 90.0, "cure": 20.0, "near": 10.0}, range(70, 110), 0,
                                   ("strong", ("cure", "near"))) == {}


def test_paired_change_helpers():
    assert sd_of_change(2.5, 2.5, 1.0) == pytest.approx(0.0)
    assert sd_of_change(3.0, 4.0, 0.0) == pytest.approx(5.0)
    t, p = paired_t_from_summary(3.0, 3.0, 100)
    assert t == pytest.approx(10.0) and p < 1e-10
    assert paired_t_from_summary(0.1, 3.0, 25)[1] > 0.5


def test_e_value_and_zero_event_bound():
    assert e_value_smd(0.0) == pytest.approx(1.0)
    rr = math.exp(0.91 * 1.2)
    assert e_value_smd(1.2) == pytest.approx(rr + math.sqrt(rr * (rr - 1)))
    # rule of three is the one-sided approximation; the exact two-sided 95% bound for 0/100 is 3.6%
    assert upper_bound_zero_events(100) == pytest.approx(1 - 0.025 ** (1 / 100))
    assert upper_bound_zero_events(30) > upper_bound_zero_events(300)
