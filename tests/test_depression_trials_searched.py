"""The randomized evidence in treatment-resistant depression: a reason that says the benefit rests on
one small open trial, or that there is no other, says where it looked (the review's sources and the
searches recorded, data/searches.csv) and names the further small randomized trial those searches found
(an unpublished thesis of 28 patients, electroacupuncture added to rTMS)."""

from __future__ import annotations

import re

from conftest import with_args

from acureview import checks

#: a reason saying the randomized evidence is one trial, or that there is no other
SOLE_TRIAL = re.compile(r"one small open trial|no other|the one randomized trial|review's one randomized trial", re.I)
#: the claims whose reasons say so
CLAIMS = ("C-A-03", "C-6-01", "C-6-03")
THESIS = "EAThesis"


def unqualified(reason: str) -> bool:
    """A reason that says there is one trial without saying where it looked, or without the further
    trial the searches recorded found."""
    if not SOLE_TRIAL.search(reason):
        return False
    return not (
        "among the review's sources" in reason
        and "searches recorded found one further small randomized trial" in reason
        and "thesis of 28 patients" in reason
    )


def _claims_saying_sole_trial(data):
    return [c.claim_id for c in data.claims if SOLE_TRIAL.search(c.args.get("finding", ""))]


def test_the_claims_that_say_one_trial_are_these(data):
    assert set(_claims_saying_sole_trial(data)) == set(CLAIMS)


def test_a_reason_saying_one_trial_says_where_it_looked_and_names_the_thesis(data):
    for claim_id in CLAIMS:
        r = checks.run(data.claim(claim_id), data)
        assert not unqualified(r.reason), claim_id
        assert "in the one randomized trial [1]" not in r.reason, claim_id
        assert "eathesis.design" in r.quotes, claim_id


def test_the_old_wording_fails(data):
    old = (
        "the trial data are one small open trial and the real-world data one cohort without a control group, "
        "with no growing series of either among the review's sources"
    )
    changed = with_args(data, "C-6-03", finding=old)
    r = checks.run(changed.claim("C-6-03"), changed)
    assert unqualified(r.reason)
    # the old grade reason says no other exists without the searches
    assert unqualified(
        "One randomized trial in treatment-resistant patients [1]; among the review's sources there is no other."
    )


def test_the_searches_behind_one_trial_are_recorded_and_found_the_thesis(data):
    address = data.sources[THESIS]["url"]
    for claim_id in CLAIMS:
        searches = data.searches.get(claim_id, ())
        assert searches, f"no search recorded for {claim_id}"
        assert all(s.terms and s.where and s.date and s.found for s in searches)
        assert any(address in s.read for s in searches), claim_id
    # searched in English and in Chinese, and in the documentation pages too
    terms = " ".join(s.terms for s in data.searches["C-6-03"])
    assert "难治性抑郁" in terms and "treatment-resistant" in terms
    assert {"public web pages (stored index)", "documentation pages (stored index)"} <= {
        s.where for s in data.searches["C-6-03"]
    }


def test_the_thesis_is_a_source_with_its_facts_in_its_own_words(data):
    source = data.sources[THESIS]
    assert source["role"] == "best evidence" and source["read_from"] == "abstract"
    # no scholarly address is shown: the index's record stands as the address, and is the copy read
    assert source["url"] == "http://globethesis.com/?t=2544307160990769" and not source["read_at"]
    assert "not peer reviewed" in source["note"]
    assert data.number("eathesis.randomized") == 28
    assert "divided into two groups,randomly" in data.fact("eathesis.design").quote
    assert "low frequency rTMS" in data.fact("eathesis.design").quote


def test_the_grade_reason_says_where_it_looked_and_keeps_its_rating(data):
    start = next(g for g in data.appraisal.grade if (g.conclusion, g.domain) == ("depression", "start"))
    assert not unqualified(start.reason) and "no other" not in start.reason
    assert "searches recorded found one further small randomized trial" in start.reason
    assert "eathesis.design" in start.read
    # a different comparison (added to rTMS, not to antidepressants): the rating starts high on [1]
    assert start.rating == "high" and "rather than to antidepressants" in start.reason
