"""The landing page's bottom line and counts, computed from the verdict table: a changed verdict
changes the sentence; counts are written with their noun in the right number."""

import re

from bs4 import BeautifulSoup

from acureview import fmt
from acureview.site import landing
from acureview.verdicts import is_problem


def sentence(df, data):
    return " ".join(BeautifulSoup(landing.bottom_line(df, data), "html.parser").get_text(" ").split())


def counts_in(text):
    m = re.search(
        r"Of the review's (\d+) checkable statements?, (\d+) holds? .*? and (\d+) (?:is a problem|are problems): (.*?)\.",
        text,
    )
    assert m, text
    return int(m.group(1)), int(m.group(2)), int(m.group(3)), m.group(4)


def test_the_bottom_line_counts_the_verdict_table(verdict_table, data):
    df = verdict_table
    text = sentence(df, data)
    n, held, problems, grave = counts_in(text)
    assert n == len(df)
    assert held == df["verdict"].isin(["reproduced", "consistent"]).sum()
    assert problems == sum(is_problem(v) for v in df["verdict"])
    critical = int((df["severity"] == "critical").sum())
    assert grave.startswith(f"{critical} critical (which change what a clinician would conclude or do)")
    assert "{" not in text and "None" not in text and "nan" not in text
    for level in ("very low for treatment-resistant depression", "low for refractory chronic pain", "low for safety"):
        assert level in text, level
    assert "of low or very low certainty" in text


def test_a_changed_verdict_changes_the_bottom_line(verdict_table, data):
    df = verdict_table.copy()
    before = counts_in(sentence(df, data))
    i = df.index[df["verdict"] == "reproduced"][0]
    df.loc[i, ["verdict", "severity"]] = ["contradicted", "critical"]
    after = counts_in(sentence(df, data))
    assert after[1] == before[1] - 1 and after[2] == before[2] + 1
    assert after[3].startswith(f"{int(before[3].split()[0]) + 1} critical")


def test_one_of_each_is_written_in_the_singular(verdict_table, data):
    one = verdict_table.head(1).copy()
    one.loc[one.index[0], ["verdict", "severity"]] = ["overstated", "critical"]
    text = sentence(one, data)
    assert "Of the review's 1 checkable statement, 0 hold and 1 is a problem: 1 critical (which changes" in text
    assert landing.verdicts_counted(one) == "The only statement has a verdict (1 overstated)."


def test_statements_waiting_for_a_chapter_are_counted_only_where_there_are_some(verdict_table):
    assert "wait" not in landing.verdicts_counted(verdict_table)
    df = verdict_table.copy()
    df.loc[df.index[:2], ["verdict", "severity"]] = ["not yet checked", ""]
    assert landing.verdicts_counted(df).endswith("; 2 wait for chapters not yet written.")
    df.loc[df.index[1], "verdict"] = verdict_table.loc[df.index[1], "verdict"]
    assert landing.verdicts_counted(df).endswith("; 1 waits for a chapter not yet written.")


def test_plural():
    assert fmt.plural(1, "claim") == "1 claim"
    assert fmt.plural(0, "claim") == "0 claims"
    assert fmt.plural(2, "claim") == "2 claims"
    assert fmt.plural(3, "study", "studies") == "3 studies"
    assert fmt.plural(1, "study", "studies") == "1 study"


def test_a_section_of_one_claim_says_claim(verdict_table, data):
    html = landing.by_section(verdict_table.head(1), data)
    assert "(1 claim)" in html and "(1 claims)" not in html


# --- the review's words in the findings: cut at balanced brackets, with their subject ---------------

REVIEW = (
    "## 6 Conclusion\n\nFor patients failing standard care, acupuncture (especially adjunctive) is a reasonable, "
    "low-risk option that may reduce symptoms. A 2025 study (n=75 patients; median 18 months) used it. "
    "Large meta-analyses (e.g., Vickers et al.) of chronic pain confirm benefits.\n\n- [2] Lindberg V. A title."
)


def test_a_quote_without_its_subject_gets_it_from_the_review():
    assert landing.shortened("is a reasonable, low-risk option", REVIEW) == (
        "… acupuncture (especially adjunctive) is a reasonable, low-risk option"
    )
    # "et al." ends no sentence
    assert (
        landing.shortened("confirm benefits", REVIEW)
        == "Large meta-analyses (e.g., Vickers et al.) of chronic pain confirm benefits"
    )
    assert landing.shortened("For patients failing standard care", REVIEW) == "For patients failing standard care"
    assert landing.shortened("[2] Lindberg V.", REVIEW) == "[2] Lindberg V."  # a list item begins a sentence
    assert landing.shortened("not in the review", REVIEW) == "not in the review"


def test_a_bracket_the_quote_opens_is_closed_where_the_review_closes_it():
    assert landing.shortened("n=75 patients", REVIEW) == "A 2025 study (n=75 patients; median 18 months)"


def test_a_cut_never_leaves_a_bracket_open():
    text = "The trial (which enrolled many patients in many centres over many years) found a benefit"
    review = text + "."
    for words in range(1, len(text.split()) + 1):
        cut = landing.shortened(text, review, words=words)
        assert landing.unclosed(cut) == -1, cut
        assert cut.endswith(" …") == (cut.removesuffix(" …") != text), cut
    assert landing.shortened(text, review, words=4) == "The trial …"


def test_the_findings_quote_each_claim_with_its_subject(verdict_table, data):
    soup = BeautifulSoup(landing.findings(verdict_table, data, n=len(verdict_table)), "html.parser")
    for q in soup.select("ol.findings q"):
        assert landing.unclosed(q.get_text()) == -1, q.get_text()
    quotes = [q.get_text() for q in soup.select("ol.findings q")]
    assert any(q.startswith("… acupuncture (especially adjunctive or De-Qi-focused) is a reasonable") for q in quotes)
