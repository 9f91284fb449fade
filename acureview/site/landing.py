"""The landing page's summaries: the bottom line (how many claims hold, how many are problems and
how grave, and how certain the evidence behind the review's main conclusions is), the headline
findings (the highest-ranked problems, see :mod:`.ranking`) and the verdicts counted by section of
the review."""

from __future__ import annotations

import re
from urllib.parse import quote

from .. import verify
from ..appraisal import CONCLUSIONS, certainty
from ..fmt import ABBREVIATIONS, in_words, plural
from ..lazy import lazy
from ..methods.grade import LEVELS
from ..verdicts import CONSISTENT, NOT_CHECKABLE, ORDER, PENDING, REPRODUCED, SEVERITIES, is_problem
from .cards import first_sentence, section_names
from .codepages import computed_by, computed_by_check
from .ranking import ranked_problems
from .templates import fragment, render
from .text import plain_words

pd = lazy("pandas")


#: the review's main conclusions, as the bottom line names them (keys of ``appraisal.CONCLUSIONS``)
MAIN_CONCLUSIONS = ("depression", "pain", "safety")


def bottom_line(df: pd.DataFrame, data) -> str:
    """The bottom line, in two or three sentences a clinician can repeat, every number computed here
    from the verdict table ``df`` and the appraisal on ``data``: how many claims hold (reproduced or
    consistent), how many are problems and how grave (by severity, gravest first), how many could
    not be checked, and what each main conclusion rests on with its GRADE certainty."""
    verdicts = df["verdict"].value_counts()
    problems = df[[is_problem(v) for v in df["verdict"]]]
    severities = problems["severity"].value_counts()
    conclusions = [
        {"title": CONCLUSIONS[k].title, "evidence": CONCLUSIONS[k].evidence, "level": certainty(data.appraisal, k)[0]}
        for k in MAIN_CONCLUSIONS
    ]
    return render(
        "bottom_line.html",
        n_claims=len(df),
        held=[(v, int(verdicts[v])) for v in (REPRODUCED, CONSISTENT) if v in verdicts],
        n_held=int(sum(verdicts.get(v, 0) for v in (REPRODUCED, CONSISTENT))),
        n_problems=len(problems),
        severities=[(s, int(severities[s])) for s in reversed(SEVERITIES) if s in severities],
        critical=SEVERITIES["critical"],
        n_not_checkable=int(verdicts.get(NOT_CHECKABLE, 0)),
        n_pending=int(verdicts.get(PENDING, 0)),
        conclusions=conclusions,
        levels=" or ".join(lv for lv in reversed(LEVELS) if lv in {c["level"] for c in conclusions}),
        counted_by=fragment(computed_by(verify.compute, depth=1, what="The verdicts counted")),
        certainty_by=fragment(computed_by(certainty, what="The certainty of each conclusion")),
    )


def verdicts_counted(df: pd.DataFrame) -> str:
    """How many claims of the verdict table ``df`` have a verdict, counted by verdict, gravest first,
    and how many wait for a chapter, said only where some do: 'All 84 statements have a verdict (2
    overstated and 82 reproduced).'"""
    checked = df[df["verdict"] != PENDING]
    counts = in_words(f"{n} {v}" for v, n in ((v, int((checked["verdict"] == v).sum())) for v in ORDER) if n)
    if len(checked) == len(df):
        every = "The only statement has" if len(df) == 1 else f"All {len(df)} statements have"
        return f"{every} a verdict ({counts})."
    waiting = len(df) - len(checked)
    wait = "waits for a chapter" if waiting == 1 else "wait for chapters"
    have = "has" if len(checked) == 1 else "have"
    return f"{len(checked)} of {plural(len(df), 'statement')} {have} a verdict ({counts}); {waiting} {wait} not yet written."


PAIRS = {"(": ")", "[": "]", "\u201c": "\u201d"}
#: where a sentence, or an item of a list, of the review's text begins
SENTENCE_START = re.compile(r"(?:[.!?][\u201d\"')]*\s+|\n\s*)(?:[-*]\s+)?")
#: the longest start of a clause put before a quote as its subject, in words
LEAD_WORDS = 12


def unclosed(text: str) -> int:
    """Where in ``text`` the first bracket (or curly quotation mark) opens that ``text`` does not
    close, or -1 when every one is closed."""
    stack = []
    for i, ch in enumerate(text):
        if ch in PAIRS:
            stack.append(i)
        elif ch in PAIRS.values() and stack and PAIRS[text[stack[-1]]] == ch:
            stack.pop()
    return stack[0] if stack else -1


def abbreviated(text: str) -> bool:
    """Whether ``text`` ends in an abbreviation ('et al.'), whose full stop ends no sentence."""
    return text.lower().endswith(tuple(" " + a.lower() for a in ABBREVIATIONS))


def clause_start(lead: str) -> int:
    """Where the last clause of ``lead`` begins: after its last comma, semicolon or colon outside
    brackets (0 if it has none)."""
    depth, start = 0, 0
    for i, ch in enumerate(lead):
        depth += ch in PAIRS
        depth -= ch in PAIRS.values() and depth > 0
        if depth == 0 and ch in ",;:" and lead[i + 1 : i + 2] == " ":
            start = i + 2
    return start


def in_context(quote: str, review: str) -> tuple[str, bool, str]:
    """The review's words of a claim ``quote`` with their subject: the start of the clause it
    begins in (at most ``LEAD_WORDS`` words; of a longer one, its first words, up to a dash, a
    bracket or a comma), where the quote begins after it ('is a reasonable ...' is said of
    'acupuncture ...'),
    and, where that opens a bracket the quote does not close, the rest of the bracket. Returns the
    words, whether they begin a sentence, and what follows them in the review (to cut a bracket
    at its close). A quote not found in the review's text is returned as it is."""
    at = review.find(quote)
    if at < 0:
        return quote, True, ""
    ends = (m for m in SENTENCE_START.finditer(review, 0, at) if not abbreviated(review[: m.start() + 1]))
    sentence = max((m.end() for m in ends), default=0)
    lead = review[sentence:at]
    lead = lead[clause_start(lead) :]
    if len(lead.split()) <= LEAD_WORDS:
        return lead + quote, at - len(lead) == sentence, review[at + len(quote) :]
    subject = re.split(r"\s*[\u2014(,;:]", lead)[0]  # a long clause by its first words: its subject
    if 0 < len(subject.split()) <= LEAD_WORDS:
        return f"{subject} … {quote}", True, review[at + len(quote) :]
    return quote, False, review[at + len(quote) :]


def shortened(quote: str, review: str, words: int = 28) -> str:
    """A claim's words for the list of findings: with their subject (:func:`in_context`), at most
    about ``words`` words, cut at a word and never inside a bracket: a bracket the cut would leave
    open is closed where the review closes it, if near, or the cut goes before it. An ellipsis
    marks what is left out, at either end."""
    words_of_quote = len(plain_words(quote).split())
    text, whole, after = in_context(plain_words(quote), plain_words(review))
    cut = text.split()
    words += len(cut) - words_of_quote  # the subject put before it does not count
    short = len(cut) > words
    text = " ".join(cut[:words])
    open_at = unclosed(text)
    if open_at >= 0:
        close = after.find(PAIRS[text[open_at]]) if not short else -1
        if close >= 0 and len(after[:close].split()) <= words // 2:
            text += after[: close + 1]
        else:
            text, short = text[:open_at].rstrip(), True
    text = text.rstrip(" ,;:")
    return ("" if whole else "… ") + text + (" …" if short else "")


def findings(df: pd.DataFrame, data, n: int = 8, card: str = "dashboard.html") -> str:
    """The headline findings: the ``n`` highest-ranked problems of the verdict table ``df``, each
    the review's words (shortened), its verdict and severity, the finding in one sentence and a link
    to its card."""
    sections = section_names(data.review)
    items = [
        {
            "r": r,
            "slug": r.anchor.removeprefix("claim-"),
            "section": sections.get(r.section, r.section),
            "quote": shortened(r.quote, data.review),
            "finding": first_sentence(r.reason),
            "computed_by": fragment(computed_by_check(r.check)),
        }
        for r in ranked_problems(df).head(n).itertuples()
    ]
    return render("findings.html", findings=items, card=card)


def by_section(df: pd.DataFrame, data, dashboard: str = "dashboard.html") -> str:
    """The verdicts of ``df`` by named section of the review, each section linked to the dashboard
    filtered to it."""
    sections = section_names(data.review)
    items = []
    for section, rows in df.groupby("section", sort=False):
        counts = rows["verdict"].value_counts()
        items.append(
            {
                "query": quote(section),
                "name": sections.get(section, section),
                "n": len(rows),
                "counts": [(v, int(counts[v])) for v in ORDER if v in counts],
            }
        )
    return render("by_section.html", sections=items, dashboard=dashboard)
