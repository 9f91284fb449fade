"""Load and validate the appraisal files: the RoB 2 answers for the trial [1] (``rob2.csv``), the
ROBINS-I answers and judgements for the cohort [2] (``robins_i.csv``) and the GRADE ratings of the
review's conclusions (``grade.csv``). They are read with :mod:`acureview.data`'s CSV reader (UTF-8
with or without a byte-order mark, LF or CRLF) and refused with a :class:`~acureview.data.DataError`
naming the file, the row and the column.

What every file shares:

- ``read``: what the answer or rating rests on, as fact ids of facts.csv and source ids of
  sources.csv, separated by ';' (required: every judgement names what was read);
- ``computed``: numbers this book computes that the answer rests on, by name (see
  :data:`acureview.studies.appraisal.COMPUTED`), separated by ';' (may be empty);
- ``words``: the source's own words, which must stand in the value or note of one of the facts (or
  the note of one of the sources) in ``read``; 'no information' where the text read says nothing,
  and then ``settle`` says what would settle it; empty where the answer follows from the design
  (the reason says how).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .data import DataError, Dataset, Row, _err, _read_csv
from .methods import grade, rob2, robins_i

ROB2_COLUMNS = ("study", "outcome", "domain", "question", "text", "answer", "words", "settle", "read", "computed",
                "reason")
ROBINS_I_COLUMNS = ROB2_COLUMNS
GRADE_COLUMNS = ("conclusion", "domain", "rating", "reason", "computed", "read")
NO_INFORMATION = "no information"
TARGET_ITEMS = ("population", "intervention", "comparator", "outcome", "effect")
OVERALL_QUESTION = "Do Some concerns in several domains substantially lower confidence in the result?"


@dataclass(frozen=True)
class Answer:
    study: str
    outcome: str
    domain: str
    question: str
    text: str
    answer: str
    words: str
    settle: str
    read: tuple[str, ...]
    computed: tuple[str, ...]
    reason: str
    row: int


@dataclass(frozen=True)
class Rating:
    conclusion: str
    domain: str
    rating: str
    reason: str
    computed: tuple[str, ...]
    read: tuple[str, ...]
    row: int


@dataclass
class Appraisal:
    rob2: list[Answer]
    robins_i: list[Answer]
    grade: list[Rating]


def _ids(text: str) -> tuple[str, ...]:
    return tuple(s.strip() for s in text.split(";") if s.strip())


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.lower().split())


def _check_read(path: Path, r: Row, data: Dataset, computed_names) -> tuple[tuple[str, ...], tuple[str, ...]]:
    read = _ids(r["read"])
    if not read:
        raise _err(path, r, "read", "empty: name what was read (fact ids or source ids)")
    for item in read:
        if item not in data.facts and item not in data.sources:
            raise _err(path, r, "read", f"'{item}' is neither a fact id (facts.csv) nor a source id (sources.csv)")
    computed = _ids(r.get("computed", ""))
    for name in computed:
        if computed_names is not None and name not in computed_names:
            raise _err(path, r, "computed", f"no computed value named '{name}'")
    return read, computed


def _texts(data: Dataset, read: tuple[str, ...]) -> list[str]:
    out = []
    for item in read:
        if item in data.facts:
            f = data.facts[item]
            out += [str(f.value) if f.value is not None else "", f.note]
        else:
            s = data.sources[item]
            out += [s["note"], s["record_title"], s["cited_title"]]
    return [_norm(t) for t in out if t]


def _answers(path: Path, data: Dataset, computed_names, questions: dict[str, str], domains: dict[str, str],
             judgement_levels: tuple[str, ...] | None) -> list[Answer]:
    rows = _read_csv(path, ROB2_COLUMNS)
    out, seen = [], {}
    for r in rows:
        for col in ("study", "outcome", "domain", "question", "reason"):
            if not r[col]:
                raise _err(path, r, col, "empty")
        if r["study"] not in data.sources:
            raise _err(path, r, "study", f"unknown source id '{r['study']}'")
        read, computed = _check_read(path, r, data, computed_names)
        domain, q, ans = r["domain"], r["question"], r["answer"]
        if domain == "target":
            if judgement_levels is None:
                raise _err(path, r, "domain", "RoB 2 has no target-trial rows (that is ROBINS-I)")
            if q not in TARGET_ITEMS:
                raise _err(path, r, "question", f"'{q}' is not one of {', '.join(TARGET_ITEMS)}")
            if ans:
                raise _err(path, r, "answer", "a target-trial row has no answer: its specification goes in 'text'")
            if not r["text"]:
                raise _err(path, r, "text", "empty: state this part of the target trial")
        elif domain == "overall":
            if judgement_levels is not None:
                raise _err(path, r, "domain", "ROBINS-I's overall judgement is computed, not answered")
            if q != "overall" or " ".join(r["text"].split()) != OVERALL_QUESTION:
                raise _err(path, r, "text", f"the overall row asks: '{OVERALL_QUESTION}'")
            if ans not in ("Y", "N", "NA"):
                raise _err(path, r, "answer", f"'{ans}' is not Y, N or NA (not reached: a domain is High)")
        elif domain in domains:
            if q == "judgment":
                if judgement_levels is None:
                    raise _err(path, r, "question", "RoB 2's domain judgements are computed by its algorithm, not given")
                if ans not in judgement_levels:
                    raise _err(path, r, "answer", f"'{ans}' is not one of {', '.join(judgement_levels)}")
            else:
                if q not in questions:
                    raise _err(path, r, "question", f"'{q}' is not a signalling question")
                if q.split(".")[0] != domain[1:]:
                    raise _err(path, r, "domain", f"question {q} is not in domain {domain}")
                if " ".join(r["text"].split()) != " ".join(questions[q].split()):
                    raise _err(path, r, "text", f"not the tool's wording of {q}: '{questions[q]}'")
                if ans not in rob2.ANSWERS:
                    raise _err(path, r, "answer", f"'{ans}' is not one of {', '.join(rob2.ANSWERS)}")
                words = r["words"]
                if ans == "NI" and _norm(words) != NO_INFORMATION:
                    raise _err(path, r, "words", f"an NI answer has '{NO_INFORMATION}' here")
                if _norm(words) == NO_INFORMATION and not r["settle"]:
                    raise _err(path, r, "settle", "empty: say what information would settle this question")
                if ans == "NA" and words:
                    raise _err(path, r, "words", "a question not asked (NA) quotes nothing")
                if words and _norm(words) != NO_INFORMATION:
                    quoted = _norm(words.strip('"'))
                    if not any(quoted in t for t in _texts(data, read)):
                        raise _err(path, r, "words", "not found in the value or note of anything in 'read': the "
                                                     "source's words must be those recorded")
        else:
            raise _err(path, r, "domain", f"'{domain}' is not one of {', '.join(domains)}"
                       + (", target" if judgement_levels is not None else ", overall"))
        for outcome in _ids(r["outcome"]):
            key = (r["study"], outcome, domain, q)
            if key in seen:
                raise _err(path, r, "question", f"answered twice for '{outcome}' (first at row {seen[key]})")
            seen[key] = r.row
            out.append(Answer(r["study"], outcome, domain, q, r["text"], ans, r["words"], r["settle"], read, computed,
                              r["reason"], r.row))
    return out


def load_rob2(path: Path, data: Dataset, computed_names=None) -> list[Answer]:
    """RoB 2 answers; every (study, outcome) must answer every question, and the algorithm must be
    able to judge every domain from them."""
    answers = _answers(path, data, computed_names, rob2.QUESTIONS, rob2.DOMAINS, None)
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
    answers = _answers(path, data, computed_names, robins_i.QUESTIONS, robins_i.DOMAINS, robins_i.LEVELS)
    for key in {(a.study, a.outcome) for a in answers}:
        mine = [a for a in answers if (a.study, a.outcome) == key]
        items = {a.question for a in mine if a.domain == "target"}
        if set(TARGET_ITEMS) - items:
            raise DataError(path, None, "question", f"{key[0]}, '{key[1]}': the target trial lacks "
                                                    f"{', '.join(sorted(set(TARGET_ITEMS) - items))}")
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
    rows = _read_csv(path, GRADE_COLUMNS)
    out, seen = [], {}
    domains = ("start",) + grade.DOWNGRADE_DOMAINS + grade.UPGRADE_DOMAINS
    for r in rows:
        for col in ("conclusion", "domain", "rating", "reason"):
            if not r[col]:
                raise _err(path, r, col, "empty")
        if conclusions is not None and r["conclusion"] not in conclusions:
            raise _err(path, r, "conclusion", f"'{r['conclusion']}' is not one of {', '.join(conclusions)}")
        if r["domain"] not in domains:
            raise _err(path, r, "domain", f"'{r['domain']}' is not one of {', '.join(domains)}")
        allowed = (tuple(grade.START) if r["domain"] == "start" else tuple(grade.DOWN)
                   if r["domain"] in grade.DOWNGRADE_DOMAINS else tuple(grade.UP))
        if r["rating"] not in allowed:
            raise _err(path, r, "rating", f"'{r['rating']}' is not one of {', '.join(allowed)}")
        key = (r["conclusion"], r["domain"])
        if key in seen:
            raise _err(path, r, "domain", f"rated twice for '{r['conclusion']}' (first at row {seen[key]})")
        seen[key] = r.row
        read, computed = _check_read(path, r, data, computed_names)
        out.append(Rating(r["conclusion"], r["domain"], r["rating"], r["reason"], computed, read, r.row))
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
    return Appraisal(load_rob2(folder / "rob2.csv", data, computed_names),
                     load_robins_i(folder / "robins_i.csv", data, computed_names),
                     load_grade(folder / "grade.csv", data, computed_names, conclusions))


__all__ = ["Answer", "Appraisal", "Rating", "load_appraisal", "load_grade", "load_rob2", "load_robins_i",
           "ROB2_COLUMNS", "ROBINS_I_COLUMNS", "GRADE_COLUMNS"]
