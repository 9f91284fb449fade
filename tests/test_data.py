"""The data files: the real ones pass; deliberately broken copies are rejected with one message
that names the file, the row and the column, and leave no output behind; files saved by
spreadsheet programs (UTF-8 with a byte-order mark, CRLF line endings) are read like plain ones."""

import csv
import dataclasses
import json
import re
import typing

import frictionless
import pytest

from acureview import verify
from acureview.__main__ import main
from acureview.appraisal import CONCLUSIONS
from acureview.checks.citations import field_differences
from acureview.data import (
    DESCRIPTOR,
    Appraisal,
    DataError,
    Dataset,
    Field,
    Resource,
    formula_fault,
    normal_doi,
    read_number,
    read_package,
    resource,
    template_fault,
    visible,
)
from acureview.data.schema import CONSTRAINTS, TYPES, unsupported
from acureview.methods import grade, rob2, robins_i
from acureview.paths import DATA, ROOT
from acureview.site import dictionary
from acureview.site.dictionary import VERDICTS_RESOURCE, undescribed
from acureview.verdicts import IMPORTANCE, SEVERITIES, VERDICTS
from acureview.verify import load


def test_register_is_complete_enough(data):
    assert len(data.claims) >= 50
    kinds = {c.kind for c in data.claims}
    assert {"number", "p_value", "citation", "qualitative", "reference"} <= kinds
    # every reference entry of the review is a claim
    assert {c.refs[0] for c in data.claims if c.kind == "reference"} == {f"R{i}" for i in range(1, 8)}


def test_every_checked_claim_has_its_section_in_its_chapter(data):
    for c in data.claims:
        chapter = ROOT / f"{c.chapter}.md"
        assert chapter.exists(), f"{c.claim_id}: {chapter} missing"
        assert f"({c.anchor})=" in chapter.read_text(encoding="utf-8"), f"{c.claim_id}: no label {c.anchor}"


def test_facts_of_both_studies_are_recorded(data):
    assert {f.source_id for f in data.facts.values()} >= {"R1", "R2"}


def test_the_review_s_numbers_stand_in_its_text(data):
    """What the review reports is its own words: each number of 'reported' stands in the quote,
    written as the review writes it (a '≥' or '<' as LaTeX there)."""

    def plain(text):
        return re.sub(r"\s+", " ", text.replace("$", "").replace(r"\geq", "≥").replace("–", "-")).strip()

    for c in data.claims:
        for r in c.numbers() if c.check not in ("rct1.year_design", "rct1.name", "cohort2.vas_test") else ():
            assert r.number in plain(c.quote), (c.claim_id, r.text)
        for item in c.items():
            assert not re.search(r"\b[a-z_]{2,}\s*=", item), (c.claim_id, item)


def test_no_internal_string_reaches_the_verdict_table(verdict_table):
    df = verdict_table
    assert df["reported"].str.contains(r"\b[a-z_]{2,}=", regex=True).sum() == 0
    assert df.set_index("claim_id").loc["C-3.1-08", "reported"] == "52.8%"
    assert df.set_index("claim_id").loc["C-3.1-11", "reported"] == "P < 0.001"
    assert "args" not in df.columns
    assert undescribed() == {}


# --- broken fixtures -------------------------------------------------------------------------


def _read(path):
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.reader(fh))


def _write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _index(rows, key):
    """The row number (data rows count from 1) of the row whose first cell is ``key``."""
    return next(i for i, r in enumerate(rows) if r[0] == key)


def _set(key, column, value):
    def edit(rows):
        rows[_index(rows, key)][rows[0].index(column)] = value
        return rows

    return edit


def _drop_column(column):
    def edit(rows):
        i = rows[0].index(column)
        return [r[:i] + r[i + 1 :] for r in rows]

    return edit


class Raw:
    """An edit of the file's bytes rather than its rows."""

    def __init__(self, fn):
        self.fn = fn


def _header_only(raw):
    return raw.split(b"\n", 1)[0] + b"\n"


def _multiline_note_then(raw):
    """A line break inside a note of row 2, then a count larger than its denominator at row 6."""
    text = raw.decode("utf-8").replace(
        "observation (acupuncture + medication) group", '"observation (acupuncture +\nmedication) group"'
    )
    return text.replace("rct1.obs.dropouts,R1,int,3,", "rct1.obs.dropouts,R1,int,40,").encode("utf-8")


# kind: (file, edit, row (a number, or the id of the row), column, what the message says)
BROKEN = {
    # structure of a file
    "missing column": ("claims.csv", _drop_column("quote"), 0, "quote", "missing column"),
    "unknown column": (
        "facts.csv",
        lambda r: [r[0] + ["extra"]] + [x + [""] for x in r[1:]],
        0,
        "extra",
        "unknown column",
    ),
    "extra field": ("facts.csv", lambda r: r[:2] + [r[2] + ["surplus"]] + r[3:], 2, None, "fields, the header has"),
    "row ends early": (
        "sources.csv",
        lambda r: r[:3] + [r[3][:5]] + r[4:],
        3,
        "cited_year",
        "the row ends before this column",
    ),
    "header-only facts file": ("facts.csv", Raw(_header_only), 0, None, "only a header"),
    "header-only claim register": ("claims.csv", Raw(_header_only), 0, None, "only a header"),
    "empty file": ("assumptions.csv", Raw(lambda b: b""), None, None, "empty file"),
    "unclosed quote": (
        "assumptions.csv",
        Raw(lambda b: b + b'x,1,0,2,unit,"never closed\n'),
        14,
        None,
        "not valid CSV",
    ),
    "not UTF-8 (Windows-1252)": (
        "claims.csv",
        Raw(lambda b: b.decode("utf-8").encode("cp1252", errors="replace")),
        3,
        None,
        "not UTF-8 text (it looks like Windows-1252",
    ),
    "not UTF-8 (UTF-16)": (
        "sources.csv",
        Raw(lambda b: b.decode("utf-8").encode("utf-16")),
        0,
        None,
        "not UTF-8 text (it looks like UTF-16)",
    ),
    "line numbers after a multi-line cell": (
        "facts.csv",
        Raw(_multiline_note_then),
        6,
        "value",
        "larger than its denominator",
    ),
    # facts and assumptions
    "fact not a whole number": (
        "facts.csv",
        _set("rct1.randomized", "value", "seventy-eight"),
        4,
        "value",
        "not a whole number",
    ),
    "count larger than n": (
        "facts.csv",
        _set("rct1.obs.dropouts", "value", "40"),
        6,
        "value",
        "larger than its denominator",
    ),
    "zero patients analysed": (
        "facts.csv",
        _set("rct1.obs.dropouts", "value", "39"),
        "rct1.obs.dropouts",
        "value",
        "none analysed",
    ),
    "negative count without a denominator": (
        "facts.csv",
        _set("rct1.randomized", "value", "-78"),
        "rct1.randomized",
        "value",
        "is negative",
    ),
    "negative percentage": (
        "facts.csv",
        _set("cohort2.cure_pct", "value", "-58"),
        "cohort2.cure_pct",
        "value",
        "is negative",
    ),
    "nan as a number": (
        "facts.csv",
        _set("cohort2.cure_pct", "value", "nan"),
        "cohort2.cure_pct",
        "value",
        "not a finite number",
    ),
    "inf as a number": (
        "assumptions.csv",
        _set("prior.baseline_sd", "high", "inf"),
        "prior.baseline_sd",
        "high",
        "not a finite number",
    ),
    "quote without its address": (
        "facts.csv",
        _set("nice2021.primary_pain", "address", ""),
        "nice2021.primary_pain",
        "address",
        "a quote needs the address",
    ),
    "evidence fact without the source's words": (
        "facts.csv",
        _set("cherkin2009.individualized", "quote", ""),
        "cherkin2009.individualized",
        "quote",
        "needs the source's own words",
    ),
    "fact without locator": (
        "facts.csv",
        _set("rct1.weeks", "locator", ""),
        "rct1.weeks",
        "locator",
        "needs a locator",
    ),
    "unknown source of a fact": ("facts.csv", _set("rct1.year", "source_id", "R8"), 1, "source_id", "unknown source"),
    "bad year": ("sources.csv", _set("R1", "record_year", "23"), 1, "record_year", "is not a year"),
    "read record without address": ("sources.csv", _set("R1", "url", ""), 1, "url", "needs the address"),
    "assumption outside its range": (
        "assumptions.csv",
        _set("prior.evidence_inflation", "value", "20"),
        1,
        "value",
        "outside its range",
    ),
    "assumption not a number": (
        "assumptions.csv",
        _set("prior.baseline_sd", "high", "wide"),
        2,
        "high",
        "is not a number",
    ),
    "assumption without basis": (
        "assumptions.csv",
        _set("prior.strength_weak", "basis", ""),
        3,
        "basis",
        "needs its basis",
    ),
    # the claim register
    "unknown reference id": (
        "claims.csv",
        _set("C-3.1-03", "refs", "R9"),
        "C-3.1-03",
        "refs",
        "unknown reference id 'R9'",
    ),
    "duplicate claim id": ("claims.csv", _set("C-A-02", "claim_id", "C-A-01"), 2, "claim_id", "duplicate id"),
    "quote not verbatim": (
        "claims.csv",
        _set("C-3.1-08", "quote", "52.9% (acupuncture group)"),
        "C-3.1-08",
        "quote",
        "not found verbatim",
    ),
    "bad kind": ("claims.csv", _set("C-A-01", "kind", "opinion"), 1, "kind", "is not one of"),
    "unknown check": (
        "claims.csv",
        _set("C-A-02", "check", "no.such.check"),
        2,
        "check",
        "no check named 'no.such.check'",
    ),
    "args not key=value": ("claims.csv", _set("C-3.1-08", "args", "arm:obs"), "C-3.1-08", "args", "is not key=value"),
    "internal string in reported": (
        "claims.csv",
        _set("C-3.1-08", "reported", "pct=52.8"),
        "C-3.1-08",
        "reported",
        "looks like a check's arguments",
    ),
    "percentage with a decimal comma": (
        "claims.csv",
        _set("C-3.1-08", "reported", "52,8%"),
        "C-3.1-08",
        "reported",
        "cannot read a number from '52,8%'",
    ),
    "percentage in words": (
        "claims.csv",
        _set("C-3.1-08", "reported", "fifty"),
        "C-3.1-08",
        "reported",
        "cannot read a number from 'fifty'",
    ),
    "percentage without %": (
        "claims.csv",
        _set("C-3.1-08", "reported", "52.8"),
        "C-3.1-08",
        "reported",
        "is not a percentage",
    ),
    "percentage above 100": (
        "claims.csv",
        _set("C-3.1-09", "reported", "117.1%"),
        "C-3.1-09",
        "reported",
        "between 0% and 100%",
    ),
    "P value with a letter O": (
        "claims.csv",
        _set("C-3.1-11", "reported", "<0.0O1"),
        "C-3.1-11",
        "reported",
        "cannot read a number from '<0.0O1'",
    ),
    "P value above 1": (
        "claims.csv",
        _set("C-3.1-11", "reported", "P < 5"),
        "C-3.1-11",
        "reported",
        "cannot read a P value",
    ),
    "nan in reported": (
        "claims.csv",
        _set("C-3.1-04", "reported", "nan"),
        "C-3.1-04",
        "reported",
        "cannot read a number from 'nan'",
    ),
    "inf in reported": (
        "claims.csv",
        _set("C-3.2-03", "reported", "n=inf"),
        "C-3.2-03",
        "reported",
        "cannot read a number",
    ),
    "negative number of patients": (
        "claims.csv",
        _set("C-3.1-04", "reported", "-78"),
        "C-3.1-04",
        "reported",
        "not a number of patients",
    ),
    "words where a check reads only numbers": (
        "claims.csv",
        _set("C-1-01", "reported", "two"),
        "C-1-01",
        "reported",
        "reads no words",
    ),
    "range the wrong way round": (
        "claims.csv",
        _set("C-6-02", "reported", "12–6 weekly sessions"),
        "C-6-02",
        "reported",
        "runs from 12 down to 6",
    ),
    "too many reported values": (
        "claims.csv",
        _set("C-3.1-11", "reported", "P < 0.001; P < 0.01"),
        "C-3.1-11",
        "reported",
        "2 value(s)",
    ),
    "wrong number of values for the facts": (
        "claims.csv",
        _set("C-3.2-07", "reported", "6.2"),
        "C-3.2-07",
        "reported",
        "2 fact(s)",
    ),
    "fact id that does not exist": (
        "claims.csv",
        _set("C-3.1-07", "args", "fact=rct1.wekks"),
        "C-3.1-07",
        "args",
        "unknown fact id 'rct1.wekks'",
    ),
    "unknown arm": (
        "claims.csv",
        _set("C-3.1-08", "args", "arm=placebo"),
        "C-3.1-08",
        "args",
        "'placebo' is not one of obs, ctrl",
    ),
    "same arm twice": (
        "claims.csv",
        _set("C-3.1-09", "args", "arm=obs"),
        "C-3.1-09",
        "args",
        "C-3.1-08 already reports",
    ),
    "missing argument": ("claims.csv", _set("C-3.1-08", "args", ""), "C-3.1-08", "args", "no 'arm='"),
    "unknown argument": (
        "claims.csv",
        _set("C-3.1-05", "args", "alpha=0.05; beta=0.2"),
        "C-3.1-05",
        "args",
        "'beta=' is not an argument",
    ),
    "significance level not a probability": (
        "claims.csv",
        _set("C-3.1-05", "args", "alpha=5"),
        "C-3.1-05",
        "args",
        "not a probability",
    ),
}

# the rules of the table of units, identifiers, the links between files, messages that point at the
# cause, and the input side of spreadsheet safety
BROKEN |= {
    "percentage of 158": (
        "facts.csv",
        _set("cohort2.female_pct", "value", "158"),
        "cohort2.female_pct",
        "value",
        "outside the range of a percentage (%): from 0 to 100",
    ),
    "VAS of 62 on a 0-10 scale": (
        "facts.csv",
        _set("cohort2.vas_3m", "value", "62"),
        "cohort2.vas_3m",
        "value",
        "outside the range of a value on the 0 to 10 visual analogue scale",
    ),
    "3.5 patients": (
        "facts.csv",
        _set("matsuura.n", "value", "3.5"),
        "matsuura.n",
        "value",
        "is not a whole number; a number of patients",
    ),
    "probability of 1.5": (
        "assumptions.csv",
        _set("prior.strength_weak", "value", "1.5"),
        "prior.strength_weak",
        "value",
        "outside the range of a probability",
    ),
    "correlation above 1": (
        "assumptions.csv",
        _set("cohort2.vas_r", "high", "1.2"),
        "cohort2.vas_r",
        "high",
        "outside the range of a correlation coefficient",
    ),
    "P value above 1 in a fact": (
        "facts.csv",
        _set("zhao2019.ma.p", "value", "1.3"),
        "zhao2019.ma.p",
        "value",
        "outside the range of a P value",
    ),
    "SD of 0": (
        "facts.csv",
        _set("cohort2.vas_baseline_sd", "value", "0"),
        "cohort2.vas_baseline_sd",
        "value",
        "0 is not above 0, as a standard deviation",
    ),
    "SD of 0 as an assumption's low end": (
        "assumptions.csv",
        _set("prior.baseline_sd", "low", "0"),
        "prior.baseline_sd",
        "low",
        "not above 0, as a standard deviation",
    ),
    "minimum age above the maximum": (
        "facts.csv",
        _set("cohort2.age_min", "value", "90"),
        "cohort2.age_min",
        "value",
        "'cohort2.age_min' = 90 and 'cohort2.age_median' = 50",
    ),
    "confidence limit above the estimate": (
        "facts.csv",
        _set("zhao2019.ma.rr_low", "value", "1.5"),
        "zhao2019.ma.rr_low",
        "value",
        "are out of order: zhao2019.ma.rr_low, zhao2019.ma.rr, zhao2019.ma.rr_high must not decrease",
    ),
    "assumption's range the wrong way round": (
        "assumptions.csv",
        _set("cohort2.n_min", "high", "20"),
        "cohort2.n_min",
        "high",
        "the range runs the wrong way",
    ),
    "5_8 read as 58 (a fact)": (
        "facts.csv",
        _set("cohort2.female_pct", "value", "5_8"),
        "cohort2.female_pct",
        "value",
        "'5_8' is not a number",
    ),
    "5_8 read as 58 (an assumption)": (
        "assumptions.csv",
        _set("cohort2.n_min", "value", "5_8"),
        "cohort2.n_min",
        "value",
        "'5_8' is not a number",
    ),
    "unit not in the table of units": (
        "facts.csv",
        _set("cohort2.female_pct", "unit", "percent"),
        "cohort2.female_pct",
        "unit",
        "'percent' is not in the table of units",
    ),
    "a percentage counted against patients": (
        "facts.csv",
        _set("cohort2.female_pct", "of", "cohort2.new_patients"),
        "cohort2.female_pct",
        "of",
        "a count and its denominator are counts in one unit",
    ),
    "denominator of 0": (
        "facts.csv",
        _set("rct1.obs.randomized", "value", "0"),
        "rct1.obs.randomized",
        "value",
        "it cannot be 0",
    ),
    "PMID abc (as cited)": ("sources.csv", _set("R3", "cited_pmid", "abc"), "R3", "cited_pmid", "is not a PubMed id"),
    "PMID in full-width digits": (
        "sources.csv",
        _set("R3", "record_pmid", "\uff13\uff16\uff15\uff13\uff17\uff11\uff11\uff16"),
        "R3",
        "record_pmid",
        "is not a PubMed id",
    ),
    "count in Arabic-Indic digits": (
        "facts.csv",
        _set("rct1.randomized", "value", "\u0667\u0668"),
        "rct1.randomized",
        "value",
        "is not a whole number",
    ),
    "PMID with a prefix (record)": (
        "sources.csv",
        _set("R3", "record_pmid", "PMID:36537116"),
        "R3",
        "record_pmid",
        "is not a PubMed id",
    ),
    "chapter that does not exist": (
        "claims.csv",
        _set("C-3.1-08", "chapter", "notebooks/rct-tiaoqi"),
        "C-3.1-08",
        "chapter",
        "notebooks/rct-tiaoqi.md does not exist",
    ),
    "section that does not hold the quote": (
        "claims.csv",
        _set("C-3.1-08", "section", "3.3"),
        "C-3.1-08",
        "section",
        "but not in section '3.3'",
    ),
    "two sources claim one reference number": (
        "sources.csv",
        _set("R2", "review_ref", "1"),
        "R2",
        "review_ref",
        "reference [1] is already the reference of the source at row 1",
    ),
    "reference number not in the review": (
        "sources.csv",
        _set("Armour2019", "review_ref", "9"),
        "Armour2019",
        "review_ref",
        "the review has no reference [9]",
    ),
    "one-letter quote": ("claims.csv", _set("C-3.1-08", "quote", "a"), "C-3.1-08", "quote", "too short to be a claim"),
    "quote that starts inside a word": (
        "claims.csv",
        _set("C-3.1-08", "quote", "2.8% (acupuncture group)"),
        "C-3.1-08",
        "quote",
        "not a whole phrase of the review",
    ),
    "quote whose quote marks differ from the review's": (
        "claims.csv",
        _set("C-A-03", "quote", "promising results support acupuncture's role in symptom reduction"),
        "C-A-03",
        "quote",
        "only in its quote marks",
    ),
    "semicolon-separated export": (
        "claims.csv",
        Raw(lambda b: b.replace(b",", b";")),
        0,
        None,
        "separated by semicolons (';'), not commas",
    ),
    "tab-separated export": ("facts.csv", Raw(lambda b: b.replace(b",", b"\t")), 0, None, "separated by tabs"),
    "cell beyond the CSV field-size limit": (
        "facts.csv",
        _set("rct1.weeks", "note", "x" * 200_000),
        "rct1.weeks",
        None,
        "the CSV reader's field-size limit",
    ),
    "zero-width space in a fact id": (
        "facts.csv",
        _set("rct1.year", "fact_id", "rct1.\u200byear"),
        1,
        "fact_id",
        "'rct1.<U+200B>year' holds an invisible character (U+200B ZERO WIDTH SPACE)",
    ),
    "NUL in a source id": ("sources.csv", _set("R2", "source_id", "R\x002"), 2, "source_id", "'R<U+0000>2'"),
    "byte-order mark inside a claim id": (
        "claims.csv",
        _set("C-A-02", "claim_id", "C-A-\ufeff02"),
        2,
        "claim_id",
        "U+FEFF",
    ),
    "non-breaking space in a fact id": (
        "facts.csv",
        _set("rct1.year", "fact_id", "rct1.\xa0year"),
        1,
        "fact_id",
        "'rct1.<U+00A0>year' holds an invisible character (U+00A0 NO-BREAK SPACE)",
    ),
    "zero-width space in a claim's refs": (
        "claims.csv",
        _set("C-3.1-03", "refs", "R1\u200b"),
        "C-3.1-03",
        "refs",
        "U+200B",
    ),
    "empty review": ("review.md", Raw(lambda b: b""), None, None, "empty file: the review's text"),
    "review whose quote marks changed": (
        "review.md",
        Raw(lambda b: b.decode("utf-8").replace("\u2019", "'").encode("utf-8")),
        None,
        None,
        "its quote marks differ from those of",
    ),
    "zero-width space in the review": (
        "review.md",
        Raw(lambda b: b.replace(b"acupuncture group", b"acupuncture\xe2\x80\x8b group", 1)),
        None,
        None,
        "acupuncture<U+200B> group",
    ),
    "number too large to be finite": (
        "assumptions.csv",
        _set("cohort2.n_min", "high", "1e400"),
        "cohort2.n_min",
        "high",
        "'1e400' is not a finite number",
    ),
    "formula in reported": (
        "claims.csv",
        _set("C-3.1-08", "reported", '=HYPERLINK("http://example.org","52.8%")'),
        "C-3.1-08",
        "reported",
        "begins with '=', which a spreadsheet runs as a formula",
    ),
    "formula after a separator in reported": (
        "claims.csv",
        _set("C-3.1-11", "reported", "P < 0.001; @SUM(A1)"),
        "C-3.1-11",
        "reported",
        "begins with '@'",
    ),
    "reads= slot with an attribute": (
        "claims.csv",
        _set("C-3.1-06", "args", "fact=rct1.primary_outcome; value=HAMD-24; reads=names {0.__class__}"),
        "C-3.1-06",
        "args",
        "the slot '{0.__class__}' is not a plain positional slot",
    ),
    "reads= slot with an item": (
        "claims.csv",
        _set("C-3.1-06", "args", "fact=rct1.primary_outcome; value=HAMD-24; reads=names {0[x]}"),
        "C-3.1-06",
        "args",
        "the slot '{0[x]}' is not a plain positional slot",
    ),
    "reads= slot with a conversion": (
        "claims.csv",
        _set("C-3.1-06", "args", "fact=rct1.primary_outcome; value=HAMD-24; reads=names {0!r}"),
        "C-3.1-06",
        "args",
        "has a format other than a plain one",
    ),
}


def _break(folder, case):
    name, edit, row, column, message = BROKEN[case]
    path = folder / name
    if isinstance(row, str):
        row = _index(_read(path), row)
    if isinstance(edit, Raw):
        path.write_bytes(edit.fn(path.read_bytes()))
    else:
        _write(path, edit(_read(path)))
    return name, row, column, message


def test_enough_kinds_of_bad_input_are_tested():
    assert len(BROKEN) >= 90


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_file_is_rejected_with_file_row_and_column(data_copy, case):
    name, row, column, message = _break(data_copy, case)
    with pytest.raises(DataError) as err:
        verify.table(load(data_copy))
    e = err.value
    assert (e.path.name, e.row, e.column) == (name, row, column), str(e)
    text = str(e)
    assert name in text and message in text
    if row:
        assert f"row {row} (line " in text
    elif row == 0:
        assert "header" in text
    if column:
        assert f"column '{column}'" in text


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_verify_command_stops_on_bad_input_with_one_message(tmp_path, data_copy, capsys, case):
    """Exit status 2, one line 'error: <file>, row N (line L), column C: ...', no traceback, and
    the previous run's tables removed."""
    out = tmp_path / "out"
    out.mkdir()
    for name in verify.OUTPUTS:
        (out / name).write_text("stale", encoding="utf-8")
    name, row, column, message = _break(data_copy, case)
    assert main(["verify", "--data", str(data_copy), "--out", str(out), "--quiet"]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and name in lines[0] and message in lines[0]
    assert "Traceback" not in captured.err + captured.out
    assert not any(out.iterdir()), "stale or half-written output left behind"


def test_line_numbers_count_physical_lines(data_copy):
    """After a cell that spans two lines, row 6 starts on line 8, not 7."""
    _break(data_copy, "line numbers after a multi-line cell")
    with pytest.raises(DataError, match=r"facts.csv, row 6 \(line 8\), column 'value'") as err:
        load(data_copy)
    assert err.value.line == 8


def test_a_non_utf8_file_names_the_encoding_expected(data_copy):
    _break(data_copy, "not UTF-8 (Windows-1252)")
    with pytest.raises(DataError) as err:
        load(data_copy)
    assert "claims.csv" in str(err.value) and "save the file as UTF-8" in str(err.value)
    assert err.value.line == 4  # the first curly apostrophe stands on line 4


def test_a_missing_fact_that_a_check_needs_names_facts_csv(data_copy):
    """A fact a check reads by name (not through args): removing it stops the table with facts.csv named."""
    _write(data_copy / "facts.csv", [r for r in _read(data_copy / "facts.csv") if r[0] != "vickers2018.decay_months"])
    with pytest.raises(
        DataError,
        match=r"facts.csv, column 'fact_id': no fact 'vickers2018.decay_months', which "
        r"check 'pain.persistence' needs for claim C-3.2-19",
    ):
        verify.table(load(data_copy))


def test_verify_command_process_prints_no_traceback(tmp_path, data_copy, data):
    """The command as make runs it: exit 2 and one line on stderr."""
    import subprocess
    import sys

    _break(data_copy, "P value with a letter O")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "acureview",
            "verify",
            "--data",
            str(data_copy),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: ")
    row = data.claim("C-3.1-11").row
    assert (
        f"claims.csv, row {row} (line {row + 1}), column 'reported': cannot read a number from '<0.0O1'" in proc.stderr
    )
    assert proc.stdout == ""


# --- files saved by spreadsheet programs ------------------------------------------------------


def _spreadsheet(folder):
    """Every file re-saved as a spreadsheet program saves it: UTF-8 with a BOM, CRLF line endings."""
    for path in folder.iterdir():
        if path.suffix in (".csv", ".md"):
            text = path.read_text(encoding="utf-8")
            path.write_bytes(b"\xef\xbb\xbf" + text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8"))


def test_bom_and_crlf_files_give_the_identical_table(data, data_copy, verdict_table):
    _spreadsheet(data_copy)
    assert (data_copy / "claims.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in (data_copy / "facts.csv").read_bytes()
    saved = load(data_copy)
    assert [c.claim_id for c in saved.claims] == [c.claim_id for c in data.claims]
    assert saved.facts == data.facts and saved.sources == data.sources
    assert verify.table(saved).equals(verdict_table)


def test_bom_and_crlf_keep_row_and_line_numbers(data_copy):
    _spreadsheet(data_copy)
    name, row, column, message = _break(data_copy, "count larger than n")
    with pytest.raises(DataError, match=r"facts.csv, row 6 \(line 7\), column 'value'"):
        load(data_copy)


def test_blank_rows_of_a_spreadsheet_are_skipped_but_counted(data, data_copy):
    rows = _read(data_copy / "facts.csv")
    rows.insert(3, [""] * len(rows[0]))
    _write(data_copy / "facts.csv", rows)
    from dataclasses import replace

    assert {k: replace(f, row=None, line=None) for k, f in load(data_copy).facts.items()} == {
        k: replace(f, row=None, line=None) for k, f in data.facts.items()
    }
    _write(data_copy / "facts.csv", _set("rct1.obs.dropouts", "value", "40")(rows))
    with pytest.raises(DataError, match=r"facts.csv, row 7 \(line 8\), column 'value'"):
        load(data_copy)


# --- the command ---------------------------------------------------------------------------------


def test_verify_command_writes_both_tables(tmp_path, capsys):
    assert main(["verify", "--out", str(tmp_path), "--quiet"]) == 0
    rows = list(csv.DictReader((tmp_path / "verdicts.csv").open(encoding="utf-8")))
    records = json.loads((tmp_path / "verdicts.json").read_text(encoding="utf-8"))
    assert [r["claim_id"] for r in rows] == [r["claim_id"] for r in records]
    schema = json.loads(VERDICTS_RESOURCE.read_text(encoding="utf-8"))["schema"]
    # the rows the checks' results make are the columns the schema declares, in its order
    assert list(records[0]) == list(rows[0]) == [f["name"] for f in schema["fields"]] == verify.COLUMNS
    assert re.search(r"^\d+ claims: ", capsys.readouterr().out, re.M)
    # the table written is valid against its own schema, as frictionless reads it
    table = frictionless.Resource(json.loads(VERDICTS_RESOURCE.read_text(encoding="utf-8")), basepath=str(tmp_path))
    report = frictionless.validate(table)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_verdict_table_is_byte_identical_across_processes(tmp_path):
    """Two runs in fresh interpreters with different hash seeds write the same bytes."""
    import os
    import subprocess
    import sys

    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-m", "acureview", "verify", "--quiet", "--out", str(out)],
            check=True,
            env=env,
            cwd=ROOT,
            capture_output=True,
        )
        outs.append(((out / "verdicts.csv").read_bytes(), (out / "verdicts.json").read_bytes()))
    assert outs[0] == outs[1]


def test_a_check_s_error_on_bad_data_becomes_a_data_error(data):
    """Data that bypass load() (a chapter or a test building a dataset) still stop with file, row and
    column: the table turns a check's ValueError into a DataError, never a traceback."""
    from conftest import with_claim

    bad = with_claim(data, "C-3.1-08", reported="fifty")
    with pytest.raises(DataError) as err:
        verify.table(bad)
    e = err.value
    assert (e.path.name, e.row, e.column) == ("claims.csv", data.claim("C-3.1-08").row, "reported")
    assert "cannot read a number from 'fifty'" in str(e)
    args = with_claim(data, "C-3.1-05", args={"alpha": "often"})
    with pytest.raises(DataError, match=r"claims.csv, row \d+ \(line \d+\), column 'args'"):
        verify.table(args)


# --- the schema: declared once, valid for frictionless, applied by the loader -----------------------


def _problems(report):
    """(resource, row, field, type) of every error frictionless reports; rows count the header as 1."""
    return [
        (task.name, getattr(e, "row_number", None), getattr(e, "field_name", None) or getattr(e, "label", None), e.type)
        for task in report.tasks
        for e in task.errors
    ]


def test_the_data_package_and_every_file_are_valid_for_frictionless():
    report = frictionless.validate(str(DESCRIPTOR))
    assert report.valid, _problems(report)[:10]
    package = frictionless.Package(str(DESCRIPTOR))
    assert sorted(r.path for r in package.resources) == sorted(p.name for p in DATA.glob("*.csv"))
    assert all(f.description for r in package.resources for f in r.schema.fields)


# the kinds of bad input that break the schema itself: frictionless refuses them at the same place
SCHEMA_CASES = [
    "missing column",
    "unknown column",
    "bad kind",
    "duplicate claim id",
    "unknown source of a fact",
    "bad year",
    "assumption not a number",
    "assumption without basis",
    "extra field",
    "row ends early",
    "one-letter quote",
    "two sources claim one reference number",
    "PMID abc (as cited)",
]


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_frictionless_refuses_what_the_loader_refuses_at_the_same_cell(data_copy, case):
    name, row, column, _ = _break(data_copy, case)
    with pytest.raises(DataError) as err:
        load(data_copy)
    assert (err.value.path.name, err.value.row, err.value.column) == (name, row, column)
    report = frictionless.validate(str(data_copy / "datapackage.json"))
    problems = [p for p in _problems(report) if p[0] == name.removesuffix(".csv")]
    assert problems, _problems(report)
    if row:
        assert any(r == row + 1 and (f == column or f is None or column is None) for _, r, f, _ in problems), problems
    elif column:
        assert any(f == column for _, _, f, _ in problems), problems


def test_every_file_s_header_is_its_schema(data):
    for r in read_package().resources.values():
        with (DATA / r.path).open(encoding="utf-8-sig", newline="") as fh:
            assert tuple(next(csv.reader(fh))) == r.columns, r.path


def test_the_code_s_vocabularies_are_the_schema_s():
    """Every list of allowed values the code holds is the schema's, and back."""

    def enum(name, column):
        return set(resource(name).field(column).enum)

    assert enum("claims", "importance") == set(IMPORTANCE)
    assert enum("rob2", "domain") == set(rob2.DOMAINS) | {"overall"}
    assert enum("rob2", "answer") == set(rob2.ANSWERS)
    assert enum("robins_i", "domain") == set(robins_i.DOMAINS) | {"target"}
    assert enum("robins_i", "answer") == set(robins_i.ANSWERS) | set(robins_i.LEVELS)
    assert enum("grade", "domain") == {"start", *grade.DOWNGRADE_DOMAINS, *grade.UPGRADE_DOMAINS}
    assert enum("grade", "rating") == {*grade.START, *grade.DOWN, *grade.UP}
    assert enum("grade", "conclusion") == set(CONCLUSIONS)
    verdicts = json.loads(VERDICTS_RESOURCE.read_text(encoding="utf-8"))["schema"]
    by_name = {f["name"]: f for f in verdicts["fields"]}
    assert set(by_name["verdict"]["constraints"]["enum"]) == set(VERDICTS)
    assert set(by_name["severity"]["constraints"]["enum"]) == set(SEVERITIES)


def test_the_loader_applies_every_rule_the_descriptor_uses():
    """A rule the interpreter does not apply would be declared and silently ignored: none is used,
    and a descriptor that asks for one is refused."""
    descriptors = [
        json.loads(DESCRIPTOR.read_text(encoding="utf-8")),
        {"resources": [json.loads(VERDICTS_RESOURCE.read_text(encoding="utf-8"))]},
    ]
    for d in descriptors:
        for r in d["resources"]:
            schema = {"fields", "primaryKey", "foreignKeys", "missingValues", "messages", "values"}
            assert set(r["schema"]) <= schema, r["name"]
            assert set(r["schema"].get("values", {})) <= {"id", "unit", "fields", "ordered", "orderedIds"}
            for f in r["schema"]["fields"]:
                assert unsupported(f) == [], (r["name"], f["name"])
                assert f.get("type", "string") in TYPES and set(f.get("constraints", {})) <= set(CONSTRAINTS)
    units = descriptors[0]["units"]
    assert set(units) <= {"description", "units", "measures", "ordered"}
    bound = {"name", "description", "minimum", "maximum", "exclusiveMinimum", "whole", "pattern", "ids", "past"}
    assert all(set(u) <= bound for u in units["units"] + units["measures"])
    with pytest.raises(ValueError, match="type 'datetime'"):
        Field.from_descriptor({"name": "when", "type": "datetime"})
    with pytest.raises(ValueError, match="constraint 'maxLength'"):
        Field.from_descriptor({"name": "quote", "constraints": {"maxLength": 12}})


@pytest.mark.parametrize(
    "field, value, message",
    [
        ({"name": "n", "type": "integer"}, "3.5", "is not a whole number"),
        ({"name": "x", "type": "number"}, "wide", "is not a number"),
        ({"name": "x", "type": "number"}, "nan", "is not a finite number"),
        ({"name": "n", "type": "integer", "constraints": {"minimum": 1}}, "0", "below the least allowed value"),
        ({"name": "p", "type": "number", "constraints": {"maximum": 1}}, "1.5", "above the largest allowed value"),
        ({"name": "k", "constraints": {"enum": ["a", "b"]}}, "c", "'c' is not one of a, b"),
        (
            {"name": "y", "constraints": {"pattern": r"\d{4}"}, "messages": {"pattern": "'{value}' is not a year"}},
            "23",
            "'23' is not a year",
        ),
        ({"name": "y", "constraints": {"pattern": r"\d{4}"}}, "12345", "does not match the pattern"),
        ({"name": "x", "type": "number"}, "5_8", "'5_8' is not a number"),
        ({"name": "q", "constraints": {"minLength": 10}}, "a", "shorter than 10 characters"),
        ({"name": "id", "constraints": {"unique": True}}, "R\u200b1", "'R<U+200B>1' holds an invisible character"),
    ],
)
def test_the_interpreter_refuses_what_table_schema_refuses(field, value, message):
    assert message in Field.from_descriptor(field).fault(value)
    ok = {"3.5": "3", "wide": "2.5", "nan": "0.1", "0": "1", "1.5": "1", "c": "a", "23": "2023", "12345": "1234"}
    ok |= {"5_8": "58", "a": "a whole phrase", "R\u200b1": "R1"}
    assert Field.from_descriptor(field).fault(ok[value]) is None


def test_the_interpreter_applies_keys_within_and_across_files(tmp_path):
    """A primary key is unique (one field or several), a foreign key names a key of its resource or of
    another one, and an empty foreign key names nothing."""
    table = Resource.from_descriptor(
        {
            "name": "t",
            "path": "t.csv",
            "schema": {
                "fields": [{"name": "id"}, {"name": "part"}, {"name": "parent"}, {"name": "source"}],
                "primaryKey": ["id"],
                "foreignKeys": [
                    {"fields": ["parent"], "reference": {"resource": "", "fields": ["id"]}},
                    {
                        "fields": ["source"],
                        "reference": {"resource": "sources", "fields": ["source_id"]},
                        "messages": {"foreignKey": "unknown source id '{value}'"},
                    },
                ],
            },
        }
    )
    pair = Resource.from_descriptor(
        {
            "name": "p",
            "path": "p.csv",
            "schema": {
                "fields": [{"name": "id"}, {"name": "part"}],
                "primaryKey": ["id", "part"],
                "messages": {"primaryKey": "'{id}' given twice (first at row {first})"},
            },
        }
    )
    path, keys = tmp_path / "t.csv", {"sources": {("R1",)}}

    def refused(resource, text):
        path.write_text(text, encoding="utf-8")
        try:
            resource.read(path, keys)
        except DataError as e:
            return e.row, e.column, e.message
        return None

    assert refused(table, "id,part,parent,source\na,1,,R1\nb,1,a,\n") is None
    assert refused(table, "id,part,parent,source\na,1,,\na,2,,\n") == (2, "id", "duplicate id 'a' (first at row 1)")
    assert refused(table, "id,part,parent,source\na,1,,\nb,1,c,\n") == (2, "parent", "'c' is not a key of t")
    assert refused(table, "id,part,parent,source\na,1,,R2\n") == (1, "source", "unknown source id 'R2'")
    assert refused(table, "id,part,parent,source\n,1,,\n") == (1, "id", "empty")
    assert refused(pair, "id,part\na,1\na,2\n") is None
    assert refused(pair, "id,part\na,1\nb,1\na,1\n") == (3, "part", "'a' given twice (first at row 1)")


def test_the_data_dictionary_is_generated_from_the_schema():
    """Each column's meaning is its schema description and its rules are the schema's constraints, so
    a change to the schema changes the page; the page escapes what it shows."""
    for r in read_package().resources.values():
        doc = dictionary.files()[r.path]
        assert [c.name for c in doc.columns] == list(r.columns)
        for f, c in zip(r.fields, doc.columns, strict=False):
            assert c.meaning == f.description
            assert ("required" in c.rules) == (f.required or f.name in r.primary_key)
            if f.enum:
                assert any(all(f"'{v}'" in rule for v in f.enum) for rule in c.rules), (r.name, f.name)
    facts = {c.name: c for c in dictionary.files()["facts.csv"].columns}
    assert facts["source_id"].link == "sources.csv" and facts["of"].link == "facts.csv"
    page = dictionary.html()
    assert all(f'id="{name.replace(".", "-")}"' in page for name in dictionary.files())
    assert '<a href="#sources-csv">sources.csv</a>' in page
    hostile = dictionary.FileDoc(
        "x.csv", "x", "<script>alert(1)</script>", (dictionary.Column("c", "<b>bold</b>", ("required",)),), ()
    )
    shown = dictionary.html({"x.csv": hostile})
    assert "<script>" not in shown and "&lt;script&gt;" in shown and "&lt;b&gt;bold" in shown


# --- ranges and units, identifiers, the links between files, cells a spreadsheet would run ---------


def test_a_section_the_review_does_not_have_is_named_at_the_claim(data, data_copy):
    review = data_copy / "review.md"
    text = review.read_text(encoding="utf-8")
    assert "#### 3.3 Other Conditions" in text
    review.write_text(text.replace("#### 3.3 Other Conditions", "#### Other Conditions"), encoding="utf-8")
    first = next(c for c in data.claims if c.section == "3.3")
    with pytest.raises(DataError) as err:
        load(data_copy)
    assert (err.value.path.name, err.value.row, err.value.column) == ("claims.csv", first.row, "section")
    assert f"row {first.row} (line {first.line})" in str(err.value)
    assert "'3.3' is not a section of the review" in str(err.value)


def test_every_unit_the_data_use_is_in_the_table_and_its_range_holds(data):
    units = read_package().units.units
    values = [(f.fact_id, f.unit, f.value) for f in data.facts.values() if f.unit]
    values += [(a.assumption_id, a.unit, x) for a in data.assumptions.values() for x in (a.low, a.value, a.high)]
    assert values and all(u in units for _, u, _ in values)
    for key, unit, value in values:
        if value is not None:
            assert units[unit].fault(str(value)) is None, (key, unit, value)


def test_a_doi_written_as_its_address_is_the_same_doi(data, data_copy):
    """A doi.org address, a 'doi:' prefix or capitals do not make a citation error; another DOI does."""
    src = dict(data.sources["R2"])
    for written in ("https://doi.org/10.3389/FPAIN.2025.1521466", "doi:10.3389/fpain.2025.1521466"):
        assert "doi" not in [f for f, _, _ in field_differences({**src, "cited_doi": written})]
    assert normal_doi("http://dx.doi.org/10.1/ABC") == normal_doi("10.1/abc") == "10.1/abc"
    before = verify.table(data).set_index("claim_id").loc["C-R-02"]
    rows = _read(data_copy / "sources.csv")
    _write(data_copy / "sources.csv", _set("R2", "cited_doi", "https://doi.org/10.3389/fpain.2025.1521466")(rows))
    after = verify.table(load(data_copy)).set_index("claim_id").loc["C-R-02"]
    assert (after["verdict"], after["severity"], after["reason"]) == (
        before["verdict"],
        before["severity"],
        before["reason"],
    )
    assert "doi" not in str(after["rederived"]).lower()
    _write(data_copy / "sources.csv", _set("R2", "cited_doi", "https://doi.org/10.3389/fpain.2025.1521467")(rows))
    flipped = verify.table(load(data_copy)).set_index("claim_id").loc["C-R-02"]
    assert (flipped["verdict"], flipped["severity"]) == ("citation error", "major") and "DOI" in flipped["reason"]


@pytest.mark.parametrize("text", ["52.8", "-0.014", "1e-3", ".5", "78", "+3"])
def test_a_number_written_plainly_is_read(text):
    assert read_number(text) == float(text)


@pytest.mark.parametrize("text", ["5_8", "52,8", "nan", "inf", "-Infinity", "1 000", "0x10", "", "fifty"])
def test_a_number_not_written_plainly_is_refused(text):
    with pytest.raises(ValueError):
        read_number(text)


@pytest.mark.parametrize("template", ["{0}", "{} and {}", "{0:.1f}", "{1:,}", "from {0} to {1}", "{0:>5}", "{{0}} {0}"])
def test_a_template_with_plain_slots_is_accepted(template):
    assert template_fault(template) is None


@pytest.mark.parametrize(
    "template",
    [
        "{0.__class__}",
        "{0[x]}",
        "{x}",
        "{0!r}",
        "{0:{1}}",
        "{0.__init__.__globals__}",
        "{0",
        "{0:%Y}",
        "{0:>999999999}",
        "{0:.999999999f}",
    ],
)
def test_a_template_with_anything_but_plain_slots_is_refused(template):
    assert template_fault(template)


@pytest.mark.parametrize(
    "text, formula",
    [
        ("=1+1", True),
        ('=HYPERLINK("http://x")', True),
        ("=cmd|' /C calc'!A0", True),
        ("+1+1", True),
        ("@SUM(A1)", True),
        ("\t52.8%", True),
        ("\r52.8%", True),
        ("-2+3", True),
        ("52.8%", False),
        ("P < 0.001", False),
        ("-78", False),
        ("-0.5 SD", False),
        ("+3 points", False),
    ],
)
def test_a_cell_a_spreadsheet_would_run_is_refused(text, formula):
    assert bool(formula_fault(text)) == formula


def test_invisible_characters_are_shown_visibly():
    assert visible("rct1.\u200byear\x00\xa0\ufeff") == "rct1.<U+200B>year<U+0000><U+00A0><U+FEFF>"
    assert visible("plain text, with spaces") == "plain text, with spaces"


def test_a_cell_python_calls_printable_holds_no_invisible_character():
    """The cells' fast path (a printable text is passed unread) skips no character the cells call
    invisible: none of the Basic Multilingual Plane is both, and each invisible one is refused."""
    from acureview.data.cells import invisible, invisible_fault

    plane = [chr(c) for c in range(0x10000)]
    assert not [ch for ch in plane if ch.isprintable() and (invisible(ch) or ch == "\n")]
    hidden = [ch for ch in plane if invisible(ch) and not 0xD800 <= ord(ch) <= 0xDFFF]
    assert len(hidden) > 6000 and all(invisible_fault(f"a{ch}b") for ch in hidden[::97])


def test_the_data_dictionary_shows_the_table_of_units():
    page = dictionary.html()
    units = read_package().units
    assert 'id="units"' in page and units.units and units.measures
    for u in (*units.units.values(), *units.measures):
        assert f"<td>{u.rule}</td>" in page, u.name
    assert (
        "<td><code>VAS 0-10</code></td><td>a value on the 0 to 10 visual analogue scale</td><td>from 0 to 10</td>"
        in page
    )
    assert "<td>a whole number, 0 or more</td>" in page and "<td>above 0</td>" in page
    facts = {c.name: c for c in dictionary.files()["facts.csv"].columns}
    assert any("table of units" in rule for rule in facts["unit"].rules)
    assert any("at least 10 characters" in rule for rule in dictionary.files()["claims.csv"].columns[2].rules)


def test_a_dataset_is_built_whole_and_never_changed_after(data):
    """The loader fills every field, the appraisal (typed) and the origin among them; no attribute
    is set afterwards: a changed dataset is a new one (``dataclasses.replace``), not the one read."""
    assert dataclasses.fields(Dataset) and Dataset.__dataclass_params__.frozen
    assert typing.get_type_hints(Dataset, localns={"Appraisal": Appraisal})["appraisal"] == Appraisal | None
    assert isinstance(data.appraisal, Appraisal) and data.loaded_from is not None
    for name, value in (("appraisal", None), ("origin", None), ("review", "")):
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(data, name, value)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.appraisal.grade = []
    changed = dataclasses.replace(data, review=data.review + " ")
    assert changed.loaded_from is None and data.loaded_from is not None
