"""Every verdict that rests on a text not read has its readings, computed by the claim's own check
(data/readings.csv, acureview.whatif), or its card says why no reading could change it; and the
readings that need a check to take another reading of the text, not only another value of a fact:
the trial's test one-sided or two-sided, 75 analysed at 12 months, the dropouts' responses reported."""

import re
from dataclasses import replace

import pytest
from conftest import with_fact

from acureview import checks, verify, whatif
from acureview.data import DataError
from acureview.site import cards
from acureview.studies import rct1
from acureview.verdicts import (
    CONSISTENT,
    NOT_CHECKABLE,
    NOT_REPRODUCED,
    OVERSTATED,
    REPRODUCED,
    UNSUPPORTED,
)

#: the words by which a verdict's reason or missing item says it rests on a text not read
UNREAD = ("full text", "not read", "would confirm", "would settle", "would show", "could read only")


def _reading(data, reading_id):
    (r,) = [r for r in data.readings if r.reading_id == reading_id]
    return r


def _rests_on_unread(row) -> bool:
    return bool(row["missing"]) or any(w in row["reason"] for w in UNREAD)


def test_every_verdict_that_waits_on_a_text_not_read_has_readings(data, verdict_rows):
    """The not checkable, consistent and inconsistent verdicts, and every other that rests on a text
    not read apart from a source that cannot be found, each with readings computed by its own check."""
    with_readings = {r.claim_id for r in data.readings}
    waiting = [r for r in verdict_rows if r["verdict"] in whatif.WAITING and _rests_on_unread(r)]
    assert {r["claim_id"] for r in waiting} <= with_readings
    assert {"C-3.1-18", "C-4-05", "C-3.2-06", "C-3.2-09", "C-3.2-22", "C-3.2-16"} <= with_readings
    # the rest of the waiting verdicts rest on nothing left unread: their cards say so
    rest = [r for r in verdict_rows if r["verdict"] in whatif.WAITING and r["claim_id"] not in with_readings]
    for r in rest:
        assert not _rests_on_unread(r), r["claim_id"]
        assert whatif.none_could_change(data, r["claim_id"], r["verdict"]) == whatif.NO_READING
    assert whatif.none_could_change(data, "C-3.1-11", CONSISTENT) == ""  # it has readings
    assert whatif.none_could_change(data, "C-3.1-04", REPRODUCED) == ""  # it waits on nothing


def test_the_trial_s_test_one_sided_or_two_sided(data):
    """The P value check takes the side of the trial's test, and the test, as inputs: one-sided, only
    the one-sided P values are set against the review's; the two-sided chi-squared test on the counts the
    review's percentages imply does not give P < 0.001, the same test one-sided does."""
    claim = data.claim("C-3.1-11")
    one = whatif.outcome(data, _reading(data, "rct1.p.one_sided"))
    # one-sided, 7 of the 9 tests give it and 2 do not: it rests on the trial's test (not checkable)
    assert one.verdict == NOT_CHECKABLE and "two-sided" not in one.reason.split(". ")[0]
    assert "one-sided" in one.reason and "Barnard's exact test" in one.reason
    two = whatif.outcome(data, _reading(data, "rct1.p.two_sided"))
    assert two.verdict == NOT_CHECKABLE and "one-sided" not in two.reason  # only the Wald z test gives it
    chi2 = whatif.outcome(data, _reading(data, "rct1.p.chi2_two_sided"))
    assert chi2.verdict == NOT_REPRODUCED and "P = 0.0017" in chi2.reason
    assert whatif.outcome(data, _reading(data, "rct1.p.chi2_one_sided")).verdict == REPRODUCED
    # the side alone flips the verdict for a test that gives the review's P value on one side only
    fisher = with_fact(with_fact(data, rct1.P_TEST, "Fisher's mid-P test"), rct1.P_SIDED, "one-sided")
    assert checks.run(claim, fisher).verdict == CONSISTENT
    fisher = with_fact(fisher, rct1.P_SIDED, "two-sided")
    assert checks.run(claim, fisher).verdict == NOT_CHECKABLE  # rebuilt counts: another outcome could give it


@pytest.mark.parametrize(
    ("supplies", "message"),
    [
        ({"rct1.p_sided": "both"}, "one-sided or two-sided"),
        ({"rct1.p_test": "Student's t test"}, "Pearson's chi-squared test"),
    ],
)
def test_a_reading_of_the_test_that_no_report_could_give_is_refused(data, supplies, message):
    r = _reading(data, "rct1.p.one_sided")
    with pytest.raises(DataError) as err:
        whatif.outcome(data, replace(r, supplies=supplies))
    assert (err.value.path.name, err.value.row, err.value.column) == ("readings.csv", r.row, "supplies")
    assert message in str(err.value)


def test_the_dropouts_responses_reported(data):
    """With each arm's dropouts' responses known, significance is tested on every patient randomized:
    the worst case for acupuncture leaves it depending on the test (overstated); the dropouts
    responding like the completers, or none of them, leave every test significant."""
    expected = {
        "rct1.dropouts.like_completers": (CONSISTENT, (21, 39, 7, 39)),
        "rct1.dropouts.none_responded": (CONSISTENT, (19, 39, 6, 39)),
        "rct1.dropouts.all_responded": (CONSISTENT, (22, 39, 10, 39)),
        "rct1.dropouts.worst_case": (OVERSTATED, (19, 39, 10, 39)),
    }
    for reading_id, (verdict, counts) in expected.items():
        r = _reading(data, reading_id)
        assert rct1.tested_counts(whatif.supplied(data, r)) == counts
        o = whatif.outcome(data, r)
        assert o.verdict == verdict, reading_id
        assert f"{counts[0]} of {counts[1]} against {counts[2]} of {counts[3]}" in o.reason
    assert rct1.tested_counts(data) == (19, 36, 6, 35)  # without them, the patients analysed
    # one arm's dropouts alone do not make the analysis one of every patient randomized
    assert rct1.tested_counts(with_fact(data, "rct1.ctrl.dropout_responders", 4)) == (19, 36, 6, 35)


def test_seventy_five_analysed_at_twelve_months(data):
    o = whatif.outcome(data, _reading(data, "cohort2.n.twelve_months"))
    assert o.verdict == REPRODUCED
    assert "no whole count gives 58%" in o.reason and "rounding slip" in o.reason
    assert whatif.outcome(data, _reading(data, "cohort2.n.participants")).verdict == NOT_REPRODUCED


def test_a_full_text_confirming_or_not_what_the_abstract_leaves_open(data):
    """The fact check judges a claim on the facts that would confirm what the text read leaves open,
    once a text gives them: the SF-36 effect sizes, whether the treatment was individualized, the
    joints of the update's trials."""
    claim = data.claim("C-3.2-09")
    assert checks.run(claim, data).verdict == CONSISTENT
    assert checks.run(claim, with_fact(data, "cohort2.sf36_effect_sizes", 0.5)).verdict == REPRODUCED
    assert checks.run(claim, with_fact(data, "cohort2.sf36_effect_sizes", 0.49)).verdict == OVERSTATED
    assert whatif.outcome(data, _reading(data, "cohort2.individualized.no")).verdict == OVERSTATED
    assert whatif.outcome(data, _reading(data, "vickers2018.oa.hip")).verdict == OVERSTATED
    # agreeing, the joints still rest on a report the review does not cite besides its update
    assert whatif.outcome(data, _reading(data, "vickers2018.oa.knee")).verdict == CONSISTENT


def test_adverse_events_not_recorded_and_mania_not_monitored(data):
    claim = data.claim("C-3.2-15")
    assert checks.run(claim, with_fact(data, "cohort2.adverse_events", "not recorded", "text")).verdict == UNSUPPORTED
    assert checks.run(claim, with_fact(data, "cohort2.adverse_events", 0)).verdict == REPRODUCED
    for claim_id in ("C-3.1-18", "C-4-05"):
        got = {o.reading.reading_id.split(".")[1]: o.verdict for o in whatif.outcomes(data, claim_id)}
        assert got == {"monitored_stable": REPRODUCED, "not_monitored": UNSUPPORTED}


def test_the_cards_show_the_new_readings_in_plain_words(data, verdict_rows):
    table = verify.frame(verdict_rows)
    sections = cards.section_names(data.review)

    def card(claim_id):
        return cards.claim_card(next(table[table.claim_id == claim_id].itertuples()), data, sections)

    p = card("C-3.1-11")
    assert "If the trial&#39;s test of the response rates was one-sided: " in p
    assert p.count('class="whatif"') == 5
    assert 'data-verdict="not reproduced"' in p
    d = card("C-3.1-05")
    assert "all 4 dropouts of the medication arm responded but none of the 3 of the acupuncture arm" in d
    assert 'data-verdict="overstated"' in d
    for claim_id in ("C-3.1-05", "C-3.1-11", "C-3.2-03", "C-3.2-09", "C-4-05"):
        shown = card(claim_id)
        whatifs = shown[shown.index('class="claim-whatif"') :].split("</details>")[0]
        text = re.sub(r"<[^>]+>", "", whatifs.partition(">")[2])  # the words a reader sees
        assert "=" not in text and "rct1." not in text and "cohort2." not in text and "_" not in text
    none = card("C-A-05")
    assert whatif.NO_READING in none and 'class="claim-whatif"' not in none


@pytest.mark.parametrize("claim_id", ["C-A-03", "C-6-03"])
def test_the_headline_conclusions_show_the_trial_s_own_counts_as_readings(data, claim_id):
    """The headline verdicts rest on counts rebuilt from the review's percentages: their cards show the
    verdict on the trial's own counts, the implied ones and others, computed by the claim's check."""
    out = {o.reading.reading_id.rsplit(".", 1)[0]: o for o in whatif.outcomes(data, claim_id)}
    assert set(out) == {"rct1.counts.implied", "rct1.counts.other"}
    verdict = checks.run(data.claim(claim_id), data)
    assert out["rct1.counts.implied"].verdict == verdict.verdict
    # counter-case: fewer responders with acupuncture and more without lower the probability the reason gives
    p = [float(m) for m in (re.search(r"its probability is ([\d.]+)%", o.reason).group(1) for o in out.values())]
    assert p[1] < p[0]
