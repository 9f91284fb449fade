"""What a verdict becomes under each reading of a text not read (data/readings.csv, acureview.whatif),
shown on the claim's card; and adding what a full text says as one row of facts.csv (the data
dictionary's worked example), which changes the verdict table."""

import csv
from dataclasses import replace

import pytest
from conftest import with_fact

from acureview import checks, verify, whatif
from acureview.__main__ import main
from acureview.data import DataError, load
from acureview.site import cards, dictionary, downloads
from acureview.verdicts import (
    CONSISTENT,
    CONTRADICTED,
    INCONSISTENT,
    NOT_CHECKABLE,
    NOT_REPRODUCED,
    OVERSTATED,
    REPRODUCED,
    UNSUPPORTED,
)

#: reading -> the verdict the claim's check gives with the facts it supplies
EXPECTED = {
    "rct1.counts.implied.abstract": OVERSTATED,
    "rct1.counts.other.abstract": OVERSTATED,
    "rct1.counts.implied.section6": OVERSTATED,
    "rct1.counts.other.section6": OVERSTATED,
    "rct1.counts.implied": REPRODUCED,
    "rct1.dropouts.like_completers": CONSISTENT,
    "rct1.dropouts.none_responded": CONSISTENT,
    "rct1.dropouts.all_responded": CONSISTENT,
    "rct1.dropouts.worst_case": OVERSTATED,
    "rct1.obs.implied": REPRODUCED,
    "rct1.obs.other": NOT_REPRODUCED,
    "rct1.ctrl.implied": REPRODUCED,
    "rct1.ctrl.other": NOT_REPRODUCED,
    "rct1.p.implied": CONSISTENT,  # the trial's counts, but only the Wald z test gives it two-sided
    "rct1.p.one_sided": NOT_CHECKABLE,  # 7 of the 9 give it one-sided: it rests on the test
    "rct1.p.two_sided": NOT_CHECKABLE,
    "rct1.p.chi2_two_sided": NOT_REPRODUCED,
    "rct1.p.chi2_one_sided": REPRODUCED,
    "rct1.results.both": REPRODUCED,
    "rct1.results.not_sustained": NOT_REPRODUCED,
    "rct1.correlation.found": REPRODUCED,
    "rct1.correlation.none": NOT_REPRODUCED,
    "cohort2.n.twelve_months": REPRODUCED,
    "cohort2.n.participants": NOT_REPRODUCED,
    "cohort2.individualized.yes": REPRODUCED,
    "cohort2.individualized.no": OVERSTATED,
    "cohort2.sf36.large": REPRODUCED,
    "cohort2.sf36.small": OVERSTATED,
    "cohort2.strong.as_review": REPRODUCED,
    "cohort2.strong.one_sd": NOT_REPRODUCED,
    "cohort2.cure.as_review": REPRODUCED,
    "cohort2.cure.norm_mean": NOT_REPRODUCED,
    "cohort2.ae.none": REPRODUCED,
    "cohort2.ae.some": NOT_REPRODUCED,
    "cohort2.ae.not_recorded": UNSUPPORTED,
    "vickers2018.oa.knee": CONSISTENT,
    "vickers2018.oa.hip": OVERSTATED,
    "cohort2.matched.untreated": NOT_CHECKABLE,
    "matsuura.monitored_stable": REPRODUCED,
    "matsuura.not_monitored": UNSUPPORTED,
    "matsuura.monitored_stable.c405": REPRODUCED,
    "matsuura.not_monitored.c405": UNSUPPORTED,
}


def _outcomes(data):
    return {o.reading.reading_id: o for c in data.claims for o in whatif.outcomes(data, c.claim_id)}


def test_each_reading_gives_the_verdict_of_the_claim_s_own_check(data):
    got = _outcomes(data)
    assert {k: o.verdict for k, o in got.items()} == EXPECTED
    assert got["cohort2.n.participants"].severity == "major"  # a problem's severity, from the claim's importance
    assert got["rct1.obs.other"].severity == "critical"
    assert got["cohort2.n.twelve_months"].severity == ""
    assert "full text of [1]" in got["rct1.results.both"].reason  # the supplied fact stands in the full text


def test_a_reading_s_verdict_follows_the_value_it_supplies(data):
    """Counter-cases: the same reading with another value gives another verdict."""
    (n75,) = [r for r in data.readings if r.reading_id == "cohort2.n.twelve_months"]
    assert whatif.outcome(data, n75).verdict == REPRODUCED
    assert whatif.outcome(data, replace(n75, supplies={"cohort2.n_analysed": 74})).verdict == NOT_REPRODUCED
    (ae,) = [r for r in data.readings if r.reading_id == "cohort2.ae.none"]
    assert whatif.outcome(data, replace(ae, supplies={"cohort2.adverse_events": 1})).verdict == NOT_REPRODUCED
    # the same check run on the dataset with the fact set by hand gives the same verdict
    by_hand = with_fact(data, "cohort2.n_analysed", 75)
    assert checks.run(by_hand.claim("C-3.2-03"), by_hand).verdict == REPRODUCED


def test_readings_are_of_the_verdicts_that_rest_on_a_text_not_read(data, verdict_rows):
    verdicts = {r["claim_id"]: r["verdict"] for r in verdict_rows}
    claims = {r.claim_id for r in data.readings}
    assert {verdicts[c] for c in claims} <= {CONSISTENT, NOT_CHECKABLE, INCONSISTENT, OVERSTATED}
    # an overstated verdict has readings only where its reason names the full text that would change it,
    # or the counts rebuilt from the review's percentages that the trial's own counts would replace
    rebuilt = "on counts rebuilt from the review's percentages"
    assert all(
        "full text" in r["reason"] or rebuilt in r["reason"]
        for r in verdict_rows
        if r["claim_id"] in claims and r["verdict"] == OVERSTATED
    )
    # the headline verdicts on rebuilt counts, the inconsistent n = 75, the P value and the facts not read
    assert {"C-3.1-05", "C-3.1-08", "C-3.1-09", "C-3.1-11", "C-3.2-03", "C-3.2-10", "C-3.2-11", "C-3.2-15"} <= claims
    # each claim's readings show a reader a verdict other than its own: which unread number would change it;
    # the headline conclusions' readings show instead that no count the trial could give changes theirs
    got = _outcomes(data)
    headline = {"C-A-03", "C-6-03"}
    for c in claims - headline:
        assert any(o.verdict != verdicts[c] for o in got.values() if o.reading.claim_id == c), c
    for c in headline:
        assert all(o.verdict == verdicts[c] for o in got.values() if o.reading.claim_id == c), c


def test_every_reading_supplies_only_what_no_text_read_gives(data):
    """A reading of a fact that a text read gives is moot: not shown (and, in the project's data, none)."""
    assert all(whatif.pending(data, r) for r in data.readings)
    (r,) = [r for r in data.readings if r.reading_id == "rct1.obs.implied"]
    read = with_fact(data, "rct1.obs.responders", 19)
    assert not whatif.pending(read, r)
    assert [o.reading.reading_id for o in whatif.outcomes(read, "C-3.1-08")] == []
    assert [o.reading.reading_id for o in whatif.outcomes(data, "C-3.1-08")] == ["rct1.obs.implied", "rct1.obs.other"]


def test_what_ifs_leave_the_verdict_table_as_it_is(data, verdict_rows):
    _outcomes(data)
    assert verify.compute(data) == verdict_rows


def test_a_reading_that_its_claim_s_check_does_not_read_is_refused(data):
    (r,) = [r for r in data.readings if r.reading_id == "cohort2.n.twelve_months"]
    other = replace(r, supplies={"cohort2.vas_12m_sd": 2.0})
    with pytest.raises(DataError) as err:
        whatif.outcome(data, other)
    assert (err.value.path.name, err.value.row, err.value.column) == ("readings.csv", r.row, "supplies")
    assert "does not read cohort2.vas_12m_sd" in str(err.value)


def _write_readings(folder, rows):
    path = folder / "readings.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


BASIS = "Why it is plausible, and where it stands."


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["x.y", "C-9-99", "R2", "a reading of nothing", "cohort2.n_analysed=75", BASIS], "claim_id", "unknown claim"),
        (["x.y", "C-3.2-03", "R9", "a reading of nothing", "cohort2.n_analysed=75", BASIS], "source_id", "unknown"),
        (["x.y", "C-3.2-03", "R2", "a reading of nothing", "cohort2.nope=75", BASIS], "supplies", "unknown fact id"),
        (["x.y", "C-3.2-03", "R2", "a reading of nothing", "rct1.obs.responders=19", BASIS], "supplies", "not of R2"),
        (["x.y", "C-3.2-03", "R2", "a reading of nothing", "cohort2.n_analysed=-3", BASIS], "supplies", "negative"),
        (["x.y", "C-3.2-03", "R2", "a reading of nothing", "cohort2.n_analysed=many", BASIS], "supplies", "number"),
        (["x.y", "C-3.2-03", "R2", "a reading of nothing", "cohort2.n_analysed=75.5", BASIS], "supplies", "whole"),
        (["x.y", "C-3.2-03", "R2", "a reading of nothing", "cohort2.n_analysed=400", BASIS], "supplies", "denominator"),
        (["x.y", "C-3.2-03", "R2", "a reading of nothing", "cohort2.n_analysed", BASIS], "supplies", "fact_id=value"),
        (["x.y", "C-3.2-03", "R2", "a reading of nothing", "cohort2.n_analysed=75", ""], "basis", "basis"),
    ],
)
def test_a_bad_reading_is_refused_at_its_cell(data_copy, row, column, message):
    _write_readings(data_copy, [row])
    with pytest.raises(DataError) as err:
        load(data_copy)
    assert (err.value.path.name, err.value.row, err.value.column) == ("readings.csv", 1, column)
    assert message in str(err.value)


def test_the_card_shows_the_verdict_under_each_reading(data, verdict_rows):
    table = verify.frame(verdict_rows)
    sections = cards.section_names(data.review)
    row = next(table[table.claim_id == "C-3.2-03"].itertuples())
    card = cards.claim_card(row, data, sections)
    assert 'class="claim-whatif"' in card
    assert "If 75 is the number of patients analysed at 12 months: " in card
    assert card.count('class="whatif" data-verdict="reproduced"') == 1
    assert card.count('class="whatif" data-verdict="not reproduced"') == 1
    plain = next(table[table.claim_id == "C-3.1-04"].itertuples())
    assert "claim-whatif" not in cards.claim_card(plain, data, sections)


def test_a_reading_s_words_reach_the_card_as_text(data, verdict_rows):
    table = verify.frame(verdict_rows)
    (r,) = [r for r in data.readings if r.reading_id == "cohort2.n.twelve_months"]
    hostile = replace(r, words="<script>alert(1)</script> 75", basis="<b>bold</b>")
    scripted = replace(data, readings=(hostile,))
    row = next(table[table.claim_id == "C-3.2-03"].itertuples())
    card = cards.claim_card(row, scripted, cards.section_names(data.review))
    assert "<script>" not in card and "&lt;script&gt;alert(1)&lt;/script&gt; 75" in card
    assert "<b>" not in card and "&lt;b&gt;bold&lt;/b&gt;" in card


def test_adding_what_a_full_text_says_is_one_row(data_copy):
    """The data dictionary's worked example, written into a copy of the data in place of the missing
    fact's row, changes its claim's verdict as the page says, and only the verdicts that read it."""
    claim, before, after = dictionary.FULL_TEXT_CLAIM
    example = dictionary.FULL_TEXT_EXAMPLE
    old = {r["claim_id"]: r for r in verify.compute(verify.load(data_copy))}
    assert old[claim]["verdict"] == before
    path = data_copy / "facts.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert list(example) == list(rows[0])  # the example's columns are the file's, in order
    rows = [example if r["fact_id"] == example["fact_id"] else r for r in rows]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(example), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    with pytest.raises(DataError, match="a fact is read from a text its source records as read"):
        verify.load(data_copy)  # the full text recorded as not read: step 3 of the page
    sources = data_copy / "sources.csv"
    with sources.open(encoding="utf-8", newline="") as fh:
        records = list(csv.DictReader(fh))
    for r in records:
        if r["source_id"] == example["source_id"]:
            r["full_text"] = "public, read here"
    with sources.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(records[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(records)
    new = {r["claim_id"]: r for r in verify.compute(verify.load(data_copy))}
    assert new[claim]["verdict"] == after
    changed = {c for c in new if new[c]["verdict"] != old[c]["verdict"]}
    assert changed == {claim}
    assert all(example["fact_id"] in old[c]["facts"] for c in changed)


def test_the_data_dictionary_shows_the_worked_example():
    page = dictionary.full_text_example()
    assert 'id="adding-a-full-text"' in page
    for column, value in dictionary.FULL_TEXT_EXAMPLE.items():
        assert f"<code>{column}</code>" in page
        if value:
            assert value.replace("'", "&#39;") in page
    claim, before, after = dictionary.FULL_TEXT_CLAIM
    assert f"claim {claim} goes from\n{before} to {after}" in page


# --- computed with the verdict table, published beside it, read by the cards -----------------------


def _published(out) -> dict[str, dict[str, str]]:
    with (out / "whatif.csv").open(encoding="utf-8", newline="") as fh:
        return {r["reading_id"]: r for r in csv.DictReader(fh)}


def test_the_downloads_carry_every_what_if_outcome(tmp_path, data):
    """Every pending reading's outcome is in the table written with the verdicts (CSV and JSON, the
    columns its resource declares), as the claim's own check gives it; the data package declares it."""
    verify.rows(data, tmp_path, fresh=True)
    expected = {o.reading.reading_id: o for c in data.claims for o in whatif.outcomes(data, c.claim_id)}
    assert len(expected) >= 10
    published = _published(tmp_path)
    assert list(next(iter(published.values()))) == whatif.COLUMNS
    assert {i: (r["claim_id"], r["verdict"], r["severity"]) for i, r in published.items()} == {
        i: (o.reading.claim_id, o.verdict, o.severity) for i, o in expected.items()
    }
    assert verify.whatifs(data, tmp_path) == list(published.values())
    assert "whatif" in [r["name"] for r in downloads.package()["resources"]]


def test_a_changed_reading_changes_the_published_outcome(tmp_path, data_copy):
    """``verify`` as ``make verify`` runs it: the reading's outcome as published, then, with the value
    the reading supplies changed in readings.csv, recomputed (the inputs' hash changed) and changed."""
    out = tmp_path / "out"
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet"]) == 0
    assert _published(out)["cohort2.n.twelve_months"]["verdict"] == REPRODUCED
    path = data_copy / "readings.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",cohort2.n_analysed=75,", ",cohort2.n_analysed=74,", 1), encoding="utf-8")
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet"]) == 0
    assert _published(out)["cohort2.n.twelve_months"]["verdict"] == NOT_REPRODUCED


def test_the_cards_read_the_outcomes_published_for_these_inputs(tmp_path, data):
    """What the cards show is read from the verdict table's folder when its stamp is these inputs'
    hash (not recomputed), and recomputed there when it is not."""
    rows = verify.compute(data)
    readings = [{**r, "verdict": CONTRADICTED} for r in whatif.rows(data)]
    verify.write(rows, tmp_path, data.loaded_from, readings)
    assert {r["verdict"] for r in verify.whatifs(data, tmp_path)} == {CONTRADICTED}
    verify.write(rows, tmp_path, "another version of the inputs", readings)
    assert {r["verdict"] for r in verify.whatifs(data, tmp_path)} != {CONTRADICTED}
    assert verify.stamp(tmp_path) == data.loaded_from


def test_a_reading_the_data_leave_without_bearing_is_held_back_from_the_table_and_stops_the_book(data):
    """Two more dropouts and the review's 52.8% fits no count of the arm: the check of C-3.1-05 stops
    there, so the readings of the dropouts' responses bear on nothing. The verdict table is still
    computed (without them), and each is a fault at its cell that ``verify --book`` raises."""
    rows, faults = whatif.table(data)
    assert faults == [] and "rct1.dropouts.like_completers" in {r["reading_id"] for r in rows}
    fewer = with_fact(data, "rct1.obs.dropouts", 5)
    rows, faults = whatif.table(fewer)
    like = next(r for r in data.readings if r.reading_id == "rct1.dropouts.like_completers")
    assert "rct1.dropouts.like_completers" not in {r["reading_id"] for r in rows}
    assert (like.row, "supplies") in {(e.row, e.column) for e in faults}


def test_the_book_refuses_a_reading_held_back_from_the_table(tmp_path, data, monkeypatch):
    """``verify --book``'s last step: a pending reading missing from the published outcomes is the
    reading's fault, raised at its cell (the chapters' other checks passed by for the case)."""
    fewer = with_fact(data, "rct1.obs.dropouts", 5)
    for step in ("chapter_faults", "misplaced", "preflight"):
        monkeypatch.setattr(verify, step, lambda *a, **k: [])
    with pytest.raises(DataError) as err:
        verify.check_chapters(fewer, out=tmp_path)
    assert (err.value.path.name, err.value.column) == ("readings.csv", "supplies")
    assert "does not read rct1.obs.dropout_responders" in str(err.value)
    verify.check_chapters(data, out=tmp_path)  # counter-case: every reading of the project's data is published
