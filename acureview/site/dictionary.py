"""What every column of every data file and of the verdict table means: the data dictionary page
renders it, and a test checks that no column goes undescribed."""
from __future__ import annotations

from ..data import ASSUMPTION_COLUMNS, BIB_FIELDS, CLAIM_COLUMNS, FACT_COLUMNS, SOURCE_COLUMNS
from ..verify import COLUMNS as VERDICT_COLUMNS
from ..appraisal_data import GRADE_COLUMNS, ROB2_COLUMNS, ROBINS_I_COLUMNS

_BIB = {"authors": "authors, comma-separated, 'et al.' where the list is cut", "title": "title",
        "journal": "journal abbreviation", "year": "year of publication", "volume": "volume",
        "issue": "issue", "pages": "pages or article number", "doi": "DOI", "pmid": "PubMed id"}

FILES: dict[str, tuple[str, dict[str, str]]] = {
    "claims.csv": ("The claim register: one row for every checkable statement of the review.", {
        "claim_id": "stable id: C-<section>-<order>, e.g. C-3.1-08; C-A for the abstract, C-R for the reference list",
        "section": "the review's section (Abstract, 1, 2, 3.1, ..., References)",
        "quote": "the statement, quoted verbatim from data/review.md (a test checks that it stands there)",
        "refs": "source ids of the references the review cites for it, separated by ';' (see sources.csv)",
        "kind": "number, p_value, effect, citation, qualitative or reference",
        "importance": "headline (a conclusion or main result a reader takes away), supporting (what the headline "
                      "claims rest on) or detail (a name, date, design label or reference entry)",
        "reported": "what the review reports, as the review writes it ('52.8%', 'P < 0.001', '8 weeks', '6–12 weekly "
                    "sessions'; several separated by ';'; empty where it states no number); the check reads it, and "
                    "its precision is the review's ('53%' is to the whole percent, '52.80' to two decimals)",
        "args": "what the check needs besides, as key=value pairs separated by ';': fact ids (fact=rct1.weeks), how "
                "a reader would say what they hold, with their values in its slots (reads=gives pain falling from {0} "
                "to {1}), what part of the claim no text read confirms (unconfirmed=...), the "
                "arm (arm=obs), the significance level (alpha=0.05), the wording a source must contain (says=...); "
                "for a statement judged against the best available evidence, the facts that hold it (evidence=...), "
                "how they bear on it (bears=agrees, in part, contradicts or none found), what they show in one plain "
                "sentence (finding=...), how another reading of the review would change the verdict "
                "(alternative=...), and, where the rule from the evidence would misjudge it, the severity itself "
                "(severity=minor, major or critical)",
        "check": "the name of the function in acureview.checks that judges the claim",
        "chapter": "the chapter that derives the claim (its section is labelled with the claim's anchor)",
    }),
    "sources.csv": ("Each reference as the review cites it and as the record shows it, plus the context sources.", {
        "source_id": "id: R1-R7 for the review's references, a name and year for other sources",
        "review_ref": "the reference's number in the review's list (empty for a source the review does not cite)",
        **{f"cited_{f}": f"the {d}, as the review cites it" for f, d in _BIB.items()},
        **{f"record_{f}": f"the {d}, as the record shows it" for f, d in _BIB.items()},
        "found": "yes (record found), nearest (only a nearest match) or no (not found)",
        "read_from": "what was read: abstract, full text, landing page, record or none",
        "url": "the address read (required unless found is no)",
        "note": "anything else a reader needs: other addresses read, what the record does not show",
    }),
    "facts.csv": ("Every number or statement taken from a source, with where it stands.", {
        "fact_id": "id, prefixed by study (rct1., cohort2., vickers2012., ...)",
        "source_id": "the source it comes from (sources.csv)",
        "type": "int, float, text, or missing (the source does not give it; the note says what is missing)",
        "value": "the value as the source gives it (empty for missing)",
        "unit": "unit of the value",
        "of": "for a count, the fact id of its denominator (the count may not exceed it)",
        "locator": "where in the source it stands (abstract, table 2, page 5)",
        "read_from": "the kind of text read: abstract, full text, landing page, record or none",
        "quote": "the source's own words for the fact, copied verbatim from the text read ('[...]' marks an omission); "
                 "for a missing fact, the words where the text read stops or says something else",
        "address": "the address at which those words were read",
        "note": "qualifications: comparison, definition; for a missing fact, what is missing and where it would be found "
                "('what: where', saying whether that text is public)",
    }),
    "assumptions.csv": ("Numbers an analysis needs that no source gives, kept apart from the facts.", {
        "assumption_id": "id, prefixed by what it serves",
        "value": "the value the chapters use",
        "low": "lower end of the plausible range the chapters vary it over",
        "high": "upper end of that range",
        "unit": "unit",
        "basis": "why this value and this range",
    }),
    "rob2.csv": ("Risk of bias of the trial [1] with RoB 2: one row a signalling question, and one for the overall "
                 "judgement the tool leaves to the assessor; the domain judgements are computed by RoB 2's algorithms.", {
        "study": "the source assessed (sources.csv)",
        "outcome": "the result assessed (several separated by ';' where a row holds for each)",
        "domain": "D1-D5, or 'overall' for the assessor's answer the overall rule needs",
        "question": "the signalling question's number (1.1 ... 5.3), or 'overall'",
        "text": "the question as the tool asks it (a test checks the wording)",
        "answer": "Y, PY, PN, N, NI (no information) or NA (not asked: earlier answers do not open it)",
        "words": "the source's own words the answer rests on (they must stand in a fact or source note named in "
                 "'read'); 'no information' where the text read says nothing; empty where the answer follows from "
                 "the design",
        "settle": "what information would settle the question, or change the answer",
        "read": "what the answer rests on: fact ids (facts.csv) and source ids (sources.csv), separated by ';'",
        "computed": "numbers this book computes that the answer rests on, by name (acureview.studies.appraisal.COMPUTED)",
        "reason": "why this answer",
    }),
    "robins_i.csv": ("Risk of bias of the cohort [2] with ROBINS-I: the target trial, one row a signalling question, "
                     "and one row a domain judgement (the assessor's, checked against the guidance's rules).", {
        "study": "the source assessed (sources.csv)",
        "outcome": "the results assessed, separated by ';' where a row holds for each",
        "domain": "'target' for the target trial, or D1-D7",
        "question": "population, intervention, comparator, outcome or effect (target trial); a signalling "
                    "question's number (1.1 ... 7.3); or 'judgment' for the domain's judgement",
        "text": "the target trial's specification, or the question as the tool asks it (empty for a judgement)",
        "answer": "Y, PY, PN, N, NI or NA for a question; Low, Moderate, Serious, Critical or No information for a "
                  "judgement; empty for the target trial",
        "words": "as in rob2.csv",
        "settle": "what information would settle the question or change the judgement",
        "read": "as in rob2.csv",
        "computed": "as in rob2.csv",
        "reason": "why this answer or judgement; for the target trial, what the study did instead",
    }),
    "grade.csv": ("Certainty of evidence (GRADE) for each conclusion of the review: its starting level and one "
                  "rating a domain, each with its reason; the certainty is computed from them.", {
        "conclusion": "depression, pain, safety or course (acureview.studies.appraisal.CONCLUSIONS)",
        "domain": "'start', or risk of bias, inconsistency, indirectness, imprecision, publication bias (rated "
                  "down), or large effect, dose-response, plausible confounding (rated up)",
        "rating": "start: high or low; rated down: not serious, serious, very serious; rated up: none, +1, +2",
        "reason": "why this rating",
        "computed": "as in rob2.csv",
        "read": "as in rob2.csv",
    }),
    "verdicts.csv": ("The verdict table written by `make verify` and published with the site (also as JSON).", {
        "claim_id": "as in claims.csv",
        "section": "as in claims.csv",
        "kind": "as in claims.csv",
        "importance": "as in claims.csv",
        "quote": "as in claims.csv",
        "refs": "as in claims.csv",
        "reported": "as in claims.csv: the review's own words for what it reports",
        "rederived": "what the sources give, as recomputed by the check",
        "verdict": "one of the verdict scale (see the dashboard's legend)",
        "severity": "for a problem: minor (no reader misled), major (a reader misled about a study or a number) or "
                    "critical (changes what a clinician would conclude or do); empty otherwise",
        "reason": "one or two plain sentences saying why, naming any assumption the verdict rests on and any reading "
                  "that would change it",
        "source_words": "the sources' own words the verdict rests on, one quotation a line, each with where it stands",
        "facts": "the ids of every fact the check read (facts.csv), separated by '; ': those the verdict rests on "
                 "first, then the others in the order the check read them",
        "missing": "for a claim that is not checkable: what is missing and where it would be found",
        "chapter": "the chapter that derives it",
        "anchor": "the label of the claim's section in that chapter (page.html#anchor)",
        "check": "the function that computed the verdict",
    }),
}

EXPECTED = {"claims.csv": CLAIM_COLUMNS, "sources.csv": SOURCE_COLUMNS, "facts.csv": FACT_COLUMNS,
            "assumptions.csv": ASSUMPTION_COLUMNS, "rob2.csv": ROB2_COLUMNS, "robins_i.csv": ROBINS_I_COLUMNS,
            "grade.csv": GRADE_COLUMNS, "verdicts.csv": tuple(VERDICT_COLUMNS)}
assert set(_BIB) == set(BIB_FIELDS)


def undescribed() -> dict[str, list[str]]:
    """Columns that a file has and the dictionary does not describe (or describes but the file lacks)."""
    out = {}
    for name, columns in EXPECTED.items():
        described = FILES[name][1]
        diff = sorted(set(columns) ^ set(described))
        if diff:
            out[name] = diff
    return out
