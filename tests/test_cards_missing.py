"""A fact the text read does not give, on a claim's card: why it is missing, and the last words of the
copy read named as such, never offered as the source's words for the value."""

from bs4 import BeautifulSoup

from acureview import verify
from acureview.site import cards
from acureview.site.templates import render


def _facts_list(data, claim_id):
    table = verify.table(data)
    r = next(r for r in table.itertuples() if r.claim_id == claim_id)
    html = render("facts_read.html", facts=cards.facts_read(r, data), root="../", facts_page="book/facts.html")
    return BeautifulSoup(html, "html.parser")


def test_a_missing_fact_says_why_and_names_the_last_words_read(data):
    soup = _facts_list(data, "C-3.2-03")
    item = next(li for li in soup.select("li") if li.a["title"].split()[1] == "cohort2.n_analysed")
    text = " ".join(item.get_text(" ").split())
    assert "(not in the text read)" in text and "the only copy this book could read is the provisional version" in text
    assert "the last words of the copy read:" in text
    assert text.index("the last words of the copy read:") < text.index("The final, formatted version")


def test_a_fact_read_keeps_its_words_unlabelled(data):
    """Counter-case: a fact the text gives shows the source's words as they are."""
    soup = _facts_list(data, "C-3.2-03")
    item = next(li for li in soup.select("li") if li.a["title"].split()[1] == "cohort2.new_patients")
    assert "the last words of the copy read" not in item.get_text(" ") and item.q is not None
