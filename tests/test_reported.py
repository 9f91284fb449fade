"""The review's reported strings (acureview.data.reported) and the generic rounding methods
(acureview.methods.rounding): a reported number keeps its own precision ('53%' is a whole percent,
'52.80' has two decimals), and agreement is within half a unit in its last place, inclusive."""

import pytest

from acureview.data import parse_number, parse_numbers
from acureview.methods.rounding import agrees, counts_for, tolerance, written


@pytest.mark.parametrize(
    "text,value,decimals,op,unit",
    [
        ("52.8%", 52.8, 1, "=", "%"),
        ("53%", 53.0, 0, "=", "%"),
        ("52.80", 52.8, 2, "=", ""),
        ("P < 0.001", 0.001, 3, "<", ""),
        ("<0.001", 0.001, 3, "<", ""),
        ("P = .03", 0.03, 2, "=", ""),
        ("n=36", 36.0, 0, "=", ""),
        ("8 weeks", 8.0, 0, "=", "weeks"),
        ("≥ 12 months", 12.0, 0, ">=", "months"),
        ("median 18 months", 18.0, 0, "=", "months"),
    ],
)
def test_parse_number_keeps_the_review_s_precision(text, value, decimals, op, unit):
    r = parse_number(text)
    assert (r.value, r.decimals, r.op, r.unit, str(r)) == (value, decimals, op, unit, text)


@pytest.mark.parametrize(
    "text", ["52,8%", "fifty", "<0.0O1", "nan", "inf", "1e3", "", "12–6 sessions", "P <", "5_8", "\uff15\uff12.8%"]
)
def test_what_is_not_a_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_numbers(text)


def test_tolerance_is_half_a_unit_in_the_last_place():
    assert tolerance("53%") == pytest.approx(0.5)
    assert tolerance("52.8%") == pytest.approx(0.05)
    assert tolerance("52.80") == pytest.approx(0.005)


def test_agreement_is_inclusive_and_inequalities_are_strict():
    assert agrees(52.5, "53%") and agrees(53.5, "53%") and not agrees(53.51, "53%")
    assert agrees(100 * 19 / 36, "53%") and agrees(100 * 19 / 36, "52.8%") and not agrees(100 * 19 / 36, "52.80%")
    assert agrees(0.0009, "P < 0.001") and not agrees(0.001, "P < 0.001") and agrees(0.001, "P ≤ 0.001")
    assert agrees(0.034, "P = 0.03") and not agrees(0.036, "P = 0.03")


def test_counts_for_a_percentage_use_its_own_precision():
    assert counts_for("53%", 36) == [19] == counts_for("52.8%", 36)
    assert counts_for("52.80%", 36) == []
    assert counts_for("12%", 8) == [1] == counts_for("13%", 8)  # 12.5% rounds either way
    with pytest.raises(ValueError):
        counts_for("50%", 0)


@pytest.mark.parametrize("text", ["53%", "52.8%", "52.80", "P < 0.001", "P ≤ 0.001", "P = 0.03", "<0.001", "=.03"])
def test_a_parsed_number_and_the_generic_methods_agree(text):
    """The review's parser and the generic reader of a plain number as written give the same
    precision and comparison, so a Reported and its text judge every recomputed value alike."""
    r, w = parse_number(text), written(text)
    assert (r.value, r.decimals, r.op) == (w.value, w.decimals, w.op)
    assert r.tolerance == tolerance(text) == tolerance(r)
    for x in (
        r.value - 2 * r.tolerance,
        r.value - r.tolerance,
        r.value,
        r.value + r.tolerance * 0.99,
        r.value + 2 * r.tolerance,
    ):
        assert r.agrees(x) == agrees(x, text) == agrees(x, r), (text, x)


@pytest.mark.parametrize("text", ["6–12 weekly sessions", "n=36", "fifty", "52,8%"])
def test_the_generic_reader_reads_no_review_strings(text):
    """Labels other than P, units and ranges are the review's notation: only its parser reads them."""
    with pytest.raises(ValueError):
        written(text)
