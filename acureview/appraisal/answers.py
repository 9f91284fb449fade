"""The appraisal files checked against their tools' rules: the RoB 2 answers for the trial [1]
(``rob2.csv``), the ROBINS-I answers and judgements for the cohort [2] (``robins_i.csv``) and the
GRADE ratings of the review's conclusions (``grade.csv``). The files are read, against their schema
and the facts and sources they cite, by :mod:`acureview.data.appraisal`; here each tool's questions
and algorithms (:mod:`acureview.methods.rob2`, :mod:`~acureview.methods.robins_i`,
:mod:`~acureview.methods.grade`) are applied to what was read: every question answered, every
domain judged consistently with the tool's rules, every certainty computable. A fault is a
:class:`~acureview.data.DataError` naming the file, the row and the column.
"""

from __future__ import annotations

from pathlib import Path

from ..data import (
    TARGET_ITEMS,
    Answer,
    Appraisal,
    DataError,
    Dataset,
    Rating,
    Tool,
    read_answers,
    read_ratings,
)
from ..methods import grade, rob2, robins_i

ROB2 = Tool(rob2.QUESTIONS, rob2.DOMAINS, rob2.ANSWERS)
ROBINS_I = Tool(robins_i.QUESTIONS, robins_i.DOMAINS, robins_i.ANSWERS, robins_i.LEVELS)
#: GRADE: each domain's allowed ratings ('start' is the starting level).
GRADE_RATINGS = {
    "start": tuple(grade.START),
    **dict.fromkeys(grade.DOWNGRADE_DOMAINS, tuple(grade.DOWN)),
    **dict.fromkeys(grade.UPGRADE_DOMAINS, tuple(grade.UP)),
}


def load_rob2(path: Path, data: Dataset, computed_names=None) -> list[Answer]:
    """RoB 2 answers; every (study, outcome) must answer every question, and the algorithm must be
    able to judge every domain from them."""
    answers = read_answers(path, data, ROB2, computed_names)
    for key in {(a.study, a.outcome) for a in answers}:
        mine = [a for a in answers if (a.study, a.outcome) == key]
        given = {a.question: a for a in mine if a.domain != "overall"}
        missing = [q for q in rob2.QUESTIONS if q not in given]
        if missing:
            raise DataError(path, None, "question", f"{key[0]}, '{key[1]}': no answer to {', '.join(missing)}")
        if not any(a.domain == "overall" for a in mine):
            raise DataError(path, None, "domain", f"{key[0]}, '{key[1]}': no 'overall' row")
        plain = {q: a.answer for q, a in given.items()}
        try:
            judged = rob2.judge(plain)
        except rob2.AnswerError as e:
            raise DataError(path, given[e.question].row, "answer", str(e)) from None
        for q, message in rob2.conditional_problems(plain, judged):
            raise DataError(path, given[q].row, "answer", f"{q}: {message}")
    return answers


def load_robins_i(path: Path, data: Dataset, computed_names=None) -> list[Answer]:
    """ROBINS-I answers and domain judgements; every (study, outcome) states its target trial, answers
    every question and judges every domain, consistently with the guidance's rules."""
    answers = read_answers(path, data, ROBINS_I, computed_names)
    for key in {(a.study, a.outcome) for a in answers}:
        mine = [a for a in answers if (a.study, a.outcome) == key]
        items = {a.question for a in mine if a.domain == "target"}
        if set(TARGET_ITEMS) - items:
            raise DataError(
                path,
                None,
                "question",
                f"{key[0]}, '{key[1]}': the target trial lacks {', '.join(sorted(set(TARGET_ITEMS) - items))}",
            )
        given = {a.question: a for a in mine if a.domain in robins_i.DOMAINS and a.question != "judgment"}
        missing = [q for q in robins_i.QUESTIONS if q not in given]
        if missing:
            raise DataError(path, None, "question", f"{key[0]}, '{key[1]}': no answer to {', '.join(missing)}")
        for d in robins_i.DOMAINS:
            js = [a for a in mine if a.domain == d and a.question == "judgment"]
            if not js:
                raise DataError(path, None, "question", f"{key[0]}, '{key[1]}': no judgment for {d}")
            answers_d = {q: a.answer for q, a in given.items() if a.domain == d}
            for message in robins_i.problems(d, answers_d, js[0].answer):
                raise DataError(path, js[0].row, "answer", f"{d}: {message}")
    return answers


def load_grade(path: Path, data: Dataset, computed_names=None, conclusions=None) -> list[Rating]:
    """GRADE ratings: per conclusion, its starting level ('start': high or low) and a rating of each
    of the five domains (and optionally of the three for rating up), each with its reason."""
    out = read_ratings(path, data, GRADE_RATINGS, computed_names, conclusions)
    for c in dict.fromkeys(x.conclusion for x in out):
        mine = {x.domain: x for x in out if x.conclusion == c}
        missing = [d for d in ("start",) + grade.DOWNGRADE_DOMAINS if d not in mine]
        if missing:
            raise DataError(path, None, "domain", f"'{c}': not rated for {', '.join(missing)}")
        try:
            grade.certainty(mine["start"].rating, {d: x.rating for d, x in mine.items() if d != "start"})
        except ValueError as e:
            row = next((x.row for d, x in mine.items() if d in grade.UPGRADE_DOMAINS), mine["start"].row)
            raise DataError(path, row, "rating", f"'{c}': {e}") from None
    return out


def load_appraisal(data: Dataset, computed_names=None, conclusions=None) -> Appraisal:
    folder = data.folder
    return Appraisal(
        load_rob2(folder / "rob2.csv", data, computed_names),
        load_robins_i(folder / "robins_i.csv", data, computed_names),
        load_grade(folder / "grade.csv", data, computed_names, conclusions),
    )


__all__ = [
    "GRADE_RATINGS",
    "ROB2",
    "ROBINS_I",
    "Answer",
    "Appraisal",
    "Rating",
    "load_appraisal",
    "load_grade",
    "load_rob2",
    "load_robins_i",
]
