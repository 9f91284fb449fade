"""The appraisal files read against their schema and the facts and sources they cite: the RoB 2
answers for the trial [1] (``rob2.csv``), the ROBINS-I answers and judgements for the cohort [2]
(``robins_i.csv``) and the GRADE ratings of the review's conclusions (``grade.csv``). What a tool
asks (its questions, domains, answers and levels) is given by the caller as a :class:`Tool`; the
tools' algorithms are applied one layer up (:mod:`acureview.appraisal.answers`).

What every file shares:

- ``read``: what the answer or rating rests on, as fact ids of facts.csv and source ids of
  sources.csv, separated by ';' (required: every judgement names what was read);
- ``computed``: numbers this book computes that the answer rests on, by name (see
  :data:`acureview.appraisal.COMPUTED`), separated by ';' (may be empty);
- ``words``: the source's own words, which must stand in the value or note of one of the facts (or
  the note of one of the sources) in ``read``; 'no information' where the text read says nothing,
  and then ``settle`` says what would settle it; empty where the answer follows from the design
  (the reason says how).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .csvfile import Row
from .errors import cell_error
from .model import Answer, Dataset, Rating
from .schema import resource

NO_INFORMATION = "no information"
TARGET_ITEMS = ("population", "intervention", "comparator", "outcome", "effect")
OVERALL_QUESTION = "Do Some concerns in several domains substantially lower confidence in the result?"


@dataclass(frozen=True)
class Tool:
    """What a risk-of-bias tool asks: its signalling questions (number -> wording), its domains, the
    answers to a question and, where the assessor judges each domain, the judgement levels (None
    where the tool's algorithm judges them)."""

    questions: dict[str, str]
    domains: dict[str, str]
    answers: tuple[str, ...]
    levels: tuple[str, ...] | None = None


def split_ids(text: str) -> tuple[str, ...]:
    """``'rct1.design; R1'`` -> ``('rct1.design', 'R1')``."""
    return tuple(s.strip() for s in text.split(";") if s.strip())


def normalised(text: str) -> str:
    """Lower case, straight quote marks, single spaces: how quoted words are compared."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.lower().split())


def _check_read(path: Path, r: Row, data: Dataset, computed_names) -> tuple[tuple[str, ...], tuple[str, ...]]:
    read = split_ids(r["read"])
    for item in read:
        if item not in data.facts and item not in data.sources:
            raise cell_error(
                path, r, "read", f"'{item}' is neither a fact id (facts.csv) nor a source id (sources.csv)"
            )
    computed = split_ids(r.get("computed", ""))
    for name in computed:
        if computed_names is not None and name not in computed_names:
            raise cell_error(path, r, "computed", f"no computed value named '{name}'")
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
    return [normalised(t) for t in out if t]


def _check_words(path: Path, r: Row, data: Dataset, read: tuple[str, ...]) -> None:
    ans, words = r["answer"], r["words"]
    if ans == "NI" and normalised(words) != NO_INFORMATION:
        raise cell_error(path, r, "words", f"an NI answer has '{NO_INFORMATION}' here")
    if normalised(words) == NO_INFORMATION and not r["settle"]:
        raise cell_error(path, r, "settle", "empty: say what information would settle this question")
    if ans == "NA" and words:
        raise cell_error(path, r, "words", "a question not asked (NA) quotes nothing")
    if words and normalised(words) != NO_INFORMATION:
        quoted = normalised(words.strip('"'))
        if not any(quoted in t for t in _texts(data, read)):
            raise cell_error(
                path,
                r,
                "words",
                "not found in the value or note of anything in 'read': the source's words must be those recorded",
            )


def read_answers(path: Path, data: Dataset, tool: Tool, computed_names=None) -> list[Answer]:
    """The answers of a risk-of-bias file (``rob2.csv`` or ``robins_i.csv``, by ``tool.levels``),
    one per outcome a row names; each answer's kind of row (a target-trial item, a signalling
    question, a domain's judgement, the overall question) checked against the ``tool``."""
    schema = resource("robins_i" if tool.levels is not None else "rob2", path.parent)
    rows = schema.read(path, {"sources": {(s,) for s in data.sources}})
    out, seen = [], {}
    for r in rows:
        read, computed = _check_read(path, r, data, computed_names)
        domain, q, ans = r["domain"], r["question"], r["answer"]
        if domain == "target":
            if tool.levels is None:
                raise cell_error(path, r, "domain", "RoB 2 has no target-trial rows (that is ROBINS-I)")
            if q not in TARGET_ITEMS:
                raise cell_error(path, r, "question", f"'{q}' is not one of {', '.join(TARGET_ITEMS)}")
            if ans:
                raise cell_error(
                    path, r, "answer", "a target-trial row has no answer: its specification goes in 'text'"
                )
            if not r["text"]:
                raise cell_error(path, r, "text", "empty: state this part of the target trial")
        elif domain == "overall":
            if tool.levels is not None:
                raise cell_error(path, r, "domain", "ROBINS-I's overall judgement is computed, not answered")
            if q != "overall" or " ".join(r["text"].split()) != OVERALL_QUESTION:
                raise cell_error(path, r, "text", f"the overall row asks: '{OVERALL_QUESTION}'")
            if ans not in ("Y", "N", "NA"):
                raise cell_error(path, r, "answer", f"'{ans}' is not Y, N or NA (not reached: a domain is High)")
        elif domain in tool.domains:
            if q == "judgment":
                if tool.levels is None:
                    raise cell_error(
                        path, r, "question", "RoB 2's domain judgements are computed by its algorithm, not given"
                    )
                if ans not in tool.levels:
                    raise cell_error(path, r, "answer", f"'{ans}' is not one of {', '.join(tool.levels)}")
            else:
                if q not in tool.questions:
                    raise cell_error(path, r, "question", f"'{q}' is not a signalling question")
                if q.split(".")[0] != domain[1:]:
                    raise cell_error(path, r, "domain", f"question {q} is not in domain {domain}")
                if " ".join(r["text"].split()) != " ".join(tool.questions[q].split()):
                    raise cell_error(path, r, "text", f"not the tool's wording of {q}: '{tool.questions[q]}'")
                if ans not in tool.answers:
                    raise cell_error(path, r, "answer", f"'{ans}' is not one of {', '.join(tool.answers)}")
                _check_words(path, r, data, read)
        else:
            raise cell_error(
                path,
                r,
                "domain",
                f"'{domain}' is not one of {', '.join(tool.domains)}"
                + (", target" if tool.levels is not None else ", overall"),
            )
        for outcome in split_ids(r["outcome"]):
            key = (r["study"], outcome, domain, q)
            if key in seen:
                raise cell_error(path, r, "question", f"answered twice for '{outcome}' (first at row {seen[key]})")
            seen[key] = r.row
            out.append(
                Answer(
                    r["study"],
                    outcome,
                    domain,
                    q,
                    r["text"],
                    ans,
                    r["words"],
                    r["settle"],
                    read,
                    computed,
                    r["reason"],
                    r.row,
                )
            )
    return out


def read_ratings(
    path: Path, data: Dataset, ratings: dict[str, tuple[str, ...]], computed_names=None, conclusions=None
) -> list[Rating]:
    """The GRADE ratings: per conclusion, its starting level ('start') and one rating a domain, each
    from the ``ratings`` its domain allows (domain -> ratings, given by the caller)."""
    out = []
    for r in resource("grade", path.parent).read(path):
        if conclusions is not None and r["conclusion"] not in conclusions:
            raise cell_error(path, r, "conclusion", f"'{r['conclusion']}' is not one of {', '.join(conclusions)}")
        allowed = ratings.get(r["domain"])
        if allowed is None:
            raise cell_error(path, r, "domain", f"'{r['domain']}' is not one of {', '.join(ratings)}")
        if r["rating"] not in allowed:
            raise cell_error(path, r, "rating", f"'{r['rating']}' is not one of {', '.join(allowed)}")
        read, computed = _check_read(path, r, data, computed_names)
        out.append(Rating(r["conclusion"], r["domain"], r["rating"], r["reason"], computed, read, r.row))
    return out
