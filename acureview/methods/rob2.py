"""RoB 2, the revised Cochrane risk-of-bias tool for randomized trials (individually randomized,
parallel-group; effect of assignment to intervention): the signalling questions and the
published algorithms that map their answers to a judgement per domain, and the overall rule.

Sources: Sterne JAC, Savović J, Page MJ, et al. RoB 2: a revised tool for assessing risk of bias in
randomised trials. BMJ 2019;366:l4898; Higgins JPT, Savović J, Page MJ, Sterne JAC (eds). Revised
Cochrane risk-of-bias tool for randomized trials (RoB 2), full guidance document and its algorithms
(22 August 2019, riskofbias.info); Higgins JPT et al., Chapter 8 of the Cochrane Handbook v6 (2019).

Answers: Y (yes), PY (probably yes), PN (probably no), N (no), NI (no information), NA (not
applicable: a question the answers before it do not open). Judgements: 'Low', 'Some concerns',
'High'. Each domain function follows its published flow chart, branch by branch, and returns the
judgement with the path that led to it (``Judgement.path``), so that a reader sees why.

The overall judgement follows the published rule: Low if every domain is Low; High if any domain is
High; otherwise Some concerns, unless Some concerns in several domains "substantially lower
confidence in the result" - which the guidance leaves to the assessor. That part is not computed:
:func:`overall` takes it as an explicit argument (``substantial``), which the caller must give, with
its reason, whenever more than one domain has Some concerns and none is High.
"""

from __future__ import annotations

from dataclasses import dataclass

ANSWERS = ("Y", "PY", "PN", "N", "NI", "NA")
LOW, SOME, HIGH = "Low", "Some concerns", "High"
LEVELS = (LOW, SOME, HIGH)

YES = ("Y", "PY")
NO = ("N", "PN")
NI = ("NI",)

DOMAINS = {
    "D1": "Bias arising from the randomization process",
    "D2": "Bias due to deviations from intended interventions (effect of assignment)",
    "D3": "Bias due to missing outcome data",
    "D4": "Bias in measurement of the outcome",
    "D5": "Bias in selection of the reported result",
}

#: The signalling questions of each domain, as RoB 2 asks them (effect of assignment).
QUESTIONS = {
    "1.1": "Was the allocation sequence random?",
    "1.2": "Was the allocation sequence concealed until participants were enrolled and assigned to interventions?",
    "1.3": "Did baseline differences between intervention groups suggest a problem with the randomization process?",
    "2.1": "Were participants aware of their assigned intervention during the trial?",
    "2.2": (
        "Were carers and people delivering the interventions aware of participants' assigned intervention "
        "during the trial?"
    ),
    "2.3": (
        "If Y/PY/NI to 2.1 or 2.2: Were there deviations from the intended intervention that arose because of"
        " the trial context?"
    ),
    "2.4": "If Y/PY to 2.3: Were these deviations likely to have affected the outcome?",
    "2.5": "If Y/PY/NI to 2.4: Were these deviations from intended intervention balanced between groups?",
    "2.6": "Was an appropriate analysis used to estimate the effect of assignment to intervention?",
    "2.7": (
        "If N/PN/NI to 2.6: Was there potential for a substantial impact (on the result) of the failure to "
        "analyse participants in the group to which they were randomized?"
    ),
    "3.1": "Were data for this outcome available for all, or nearly all, participants randomized?",
    "3.2": "If N/PN/NI to 3.1: Is there evidence that the result was not biased by missing outcome data?",
    "3.3": "If N/PN to 3.2: Could missingness in the outcome depend on its true value?",
    "3.4": "If Y/PY/NI to 3.3: Is it likely that missingness in the outcome depended on its true value?",
    "4.1": "Was the method of measuring the outcome inappropriate?",
    "4.2": "Could measurement or ascertainment of the outcome have differed between intervention groups?",
    "4.3": (
        "If N/PN/NI to 4.1 and 4.2: Were outcome assessors aware of the intervention received by study participants?"
    ),
    "4.4": (
        "If Y/PY/NI to 4.3: Could assessment of the outcome have been influenced by knowledge of intervention received?"
    ),
    "4.5": (
        "If Y/PY/NI to 4.4: Is it likely that assessment of the outcome was influenced by knowledge of "
        "intervention received?"
    ),
    "5.1": (
        "Were the data that produced this result analysed in accordance with a pre-specified analysis plan "
        "that was finalized before unblinded outcome data were available for analysis?"
    ),
    "5.2": (
        "Is the numerical result being assessed likely to have been selected, on the basis of the results, "
        "from multiple eligible outcome measurements (e.g. scales, definitions, time points) within the "
        "outcome domain?"
    ),
    "5.3": (
        "Is the numerical result being assessed likely to have been selected, on the basis of the results, "
        "from multiple eligible analyses of the data?"
    ),
}


@dataclass(frozen=True)
class Judgement:
    domain: str
    level: str
    path: str  # the branch of the algorithm, in the question numbers' terms: '1.2 NI, 1.3 NI'


class AnswerError(ValueError):
    """An answer the algorithm cannot use: ``question`` is the question it concerns."""

    def __init__(self, question: str, message: str):
        self.question = question
        super().__init__(f"{question}: {message}")


def _get(answers: dict[str, str], q: str, allowed: tuple[str, ...] = ("Y", "PY", "PN", "N", "NI")) -> str:
    a = answers.get(q)
    if a is None:
        raise AnswerError(q, "not answered, and the algorithm needs it")
    if a not in allowed:
        raise AnswerError(
            q, f"'{a}' is not an answer the algorithm can use here (expected one of {', '.join(allowed)})"
        )
    return a


def _j(domain: str, level: str, *steps: tuple[str, str]) -> Judgement:
    return Judgement(domain, level, ", ".join(f"{q} {a}" for q, a in steps))


def domain1(a: dict[str, str]) -> Judgement:
    """Randomization process (RoB 2 guidance, algorithm for domain 1)."""
    q12 = _get(a, "1.2")
    if q12 in NO:
        return _j("D1", HIGH, ("1.2", q12))
    q13 = _get(a, "1.3")
    if q12 in NI:
        return _j("D1", HIGH if q13 in YES else SOME, ("1.2", q12), ("1.3", q13))
    q11 = _get(a, "1.1")  # concealed (Y/PY)
    if q11 in NO:
        return _j("D1", SOME, ("1.2", q12), ("1.1", q11))
    return _j("D1", SOME if q13 in YES else LOW, ("1.2", q12), ("1.1", q11), ("1.3", q13))


def domain2(a: dict[str, str]) -> Judgement:
    """Deviations from intended interventions, effect of assignment: part 1 (2.1-2.5) and part 2
    (2.6-2.7) are judged apart; the domain is Low if both are Low, High if either is High, and
    Some concerns otherwise."""
    q21, q22 = _get(a, "2.1"), _get(a, "2.2")
    steps1 = [("2.1", q21), ("2.2", q22)]
    if q21 in NO and q22 in NO:
        part1 = LOW
    else:
        q23 = _get(a, "2.3")
        steps1.append(("2.3", q23))
        if q23 in NO:
            part1 = LOW
        elif q23 in NI:
            part1 = SOME
        else:
            q24 = _get(a, "2.4")
            steps1.append(("2.4", q24))
            if q24 in NO:
                part1 = SOME
            else:
                q25 = _get(a, "2.5")
                steps1.append(("2.5", q25))
                part1 = SOME if q25 in YES else HIGH
    q26 = _get(a, "2.6")
    steps2 = [("2.6", q26)]
    if q26 in YES:
        part2 = LOW
    else:
        q27 = _get(a, "2.7")
        steps2.append(("2.7", q27))
        part2 = SOME if q27 in NO else HIGH
    level = HIGH if HIGH in (part1, part2) else LOW if part1 == part2 == LOW else SOME
    return _j("D2", level, *steps1, *steps2)


def domain3(a: dict[str, str]) -> Judgement:
    """Missing outcome data."""
    q31 = _get(a, "3.1")
    if q31 in YES:
        return _j("D3", LOW, ("3.1", q31))
    q32 = _get(a, "3.2", ("Y", "PY", "PN", "N"))  # RoB 2 offers no 'NI' here: no evidence is a 'no'
    if q32 in YES:
        return _j("D3", LOW, ("3.1", q31), ("3.2", q32))
    q33 = _get(a, "3.3")
    if q33 in NO:
        return _j("D3", LOW, ("3.1", q31), ("3.2", q32), ("3.3", q33))
    q34 = _get(a, "3.4")
    return _j("D3", SOME if q34 in NO else HIGH, ("3.1", q31), ("3.2", q32), ("3.3", q33), ("3.4", q34))


def domain4(a: dict[str, str]) -> Judgement:
    """Measurement of the outcome. With NI to 4.2 the best reachable judgement is Some concerns."""
    q41 = _get(a, "4.1")
    if q41 in YES:
        return _j("D4", HIGH, ("4.1", q41))
    q42 = _get(a, "4.2")
    steps = [("4.1", q41), ("4.2", q42)]
    if q42 in YES:
        return _j("D4", HIGH, *steps)
    best = LOW if q42 in NO else SOME
    q43 = _get(a, "4.3")
    steps.append(("4.3", q43))
    if q43 in NO:
        return _j("D4", best, *steps)
    q44 = _get(a, "4.4")
    steps.append(("4.4", q44))
    if q44 in NO:
        return _j("D4", best, *steps)
    q45 = _get(a, "4.5")
    steps.append(("4.5", q45))
    return _j("D4", SOME if q45 in NO else HIGH, *steps)


def domain5(a: dict[str, str]) -> Judgement:
    """Selection of the reported result."""
    q51, q52, q53 = _get(a, "5.1"), _get(a, "5.2"), _get(a, "5.3")
    steps = [("5.1", q51), ("5.2", q52), ("5.3", q53)]
    if q52 in YES or q53 in YES:
        return _j("D5", HIGH, *steps)
    if q52 in NO and q53 in NO:
        return _j("D5", LOW if q51 in YES else SOME, *steps)
    return _j("D5", SOME, *steps)  # NI to 5.2 or 5.3, neither Y/PY


#: Questions where Y/PY speaks against bias (for the others, N/PN does): used to pick the answers that
#: drove a judgement, for a reader.
FAVOURABLE_YES = ("1.1", "1.2", "2.5", "2.6", "3.1", "3.2", "5.1")


def unfavourable(question: str, answer: str) -> bool:
    """Whether an answer points towards bias (or leaves it open: NI)."""
    if answer == "NA":
        return False
    good = YES if question in FAVOURABLE_YES else NO
    return answer not in good


#: Questions asked only when an earlier answer opens them ("If ... to ..."): answered NA otherwise.
CONDITIONAL = ("2.3", "2.4", "2.5", "2.7", "3.2", "3.3", "3.4", "4.3", "4.4", "4.5")


def path_questions(j: Judgement) -> set[str]:
    return {step.split(" ")[0] for step in j.path.split(", ")}


def conditional_problems(answers: dict[str, str], judgements: dict[str, Judgement]) -> list[tuple[str, str]]:
    """(question, message) for each conditional question answered although its condition is not met
    (it should be NA). A question the algorithm needs and finds NA is refused by :func:`judge`."""
    used = set().union(*(path_questions(j) for j in judgements.values()))
    return [
        (q, "its condition is not met by the answers before it: answer NA")
        for q in CONDITIONAL
        if answers.get(q, "NA") != "NA" and q not in used
    ]


ALGORITHMS = {"D1": domain1, "D2": domain2, "D3": domain3, "D4": domain4, "D5": domain5}


def judge(answers: dict[str, str]) -> dict[str, Judgement]:
    """Every domain's judgement from the answers (question id -> answer)."""
    for q, a in answers.items():
        if q not in QUESTIONS:
            raise AnswerError(q, "not a RoB 2 signalling question")
        if a not in ANSWERS:
            raise AnswerError(q, f"'{a}' is not one of {', '.join(ANSWERS)}")
    return {d: fn(answers) for d, fn in ALGORITHMS.items()}


def overall(levels: list[str] | tuple[str, ...], substantial: bool | None = None) -> str:
    """The overall judgement from the domains' levels (RoB 2 guidance, table of overall judgements).

    ``substantial``: the assessor's answer to whether Some concerns in several domains
    substantially lower confidence in the result. Required (not None) when it matters, that is
    when no domain is High and more than one has Some concerns."""
    for level in levels:
        if level not in LEVELS:
            raise ValueError(f"'{level}' is not a RoB 2 judgement")
    if HIGH in levels:
        return HIGH
    if all(level == LOW for level in levels):
        return LOW
    if sum(level == SOME for level in levels) > 1:
        if substantial is None:
            raise ValueError(
                "several domains have Some concerns: whether they substantially lower confidence "
                "in the result is the assessor's judgement and must be given"
            )
        return HIGH if substantial else SOME
    return SOME
