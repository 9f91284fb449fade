"""ROBINS-I (2016), risk of bias in non-randomised studies of interventions: its seven domains,
signalling questions and judgement levels, and the parts of its guidance that are rules.

Sources: Sterne JAC, Hernán MA, Reeves BC, et al. ROBINS-I: a tool for assessing risk of bias in
non-randomised studies of interventions. BMJ 2016;355:i4919 (Table 2: the overall judgement);
Sterne JAC, Higgins JPT, Elbers RG, Reeves BC and the development group for ROBINS-I. Risk Of
Bias In Non-randomized Studies of Interventions (ROBINS-I): detailed guidance, updated 12 October
2016 (riskofbias.info).

In ROBINS-I (2016), unlike RoB 2, the domain judgements are the assessor's, informed by the
signalling questions: there is no published algorithm from answers to a domain judgement (one
came only with the 2024 version 2). This module therefore encodes only what the 2016 guidance
states as rules, and leaves each domain judgement as data with its reason:

- the overall judgement (:func:`overall`): Low if Low in every domain; Moderate if Low or Moderate
  in every domain; Serious if Serious in at least one domain and Critical in none; Critical if
  Critical in at least one; No information if there is no clear indication of Serious or
  Critical risk and information is lacking in one or more key domains;
- consistency of a domain judgement with its answers (:func:`problems`): 'No information' only
  where an answer is NI; 'Low' for confounding where its first question answers N/PN (the
  guidance: "the study can be considered to be at low risk of bias due to confounding and no
  further signalling questions need be considered"); a Low judgement contradicts an answer that
  the guidance reads as a problem (Y/PY to 6.1 and 6.2 together: a subjective outcome assessed by
  someone aware of the intervention; Y/PY to any question of domain 7).
"""

from __future__ import annotations

ANSWERS = ("Y", "PY", "PN", "N", "NI", "NA")
LOW, MODERATE, SERIOUS, CRITICAL, NO_INFO = "Low", "Moderate", "Serious", "Critical", "No information"
LEVELS = (LOW, MODERATE, SERIOUS, CRITICAL, NO_INFO)
SEVERITY = {LOW: 0, MODERATE: 1, SERIOUS: 2, CRITICAL: 3}

DOMAINS = {
    "D1": "Bias due to confounding",
    "D2": "Bias in selection of participants into the study",
    "D3": "Bias in classification of interventions",
    "D4": "Bias due to deviations from intended interventions",
    "D5": "Bias due to missing data",
    "D6": "Bias in measurement of outcomes",
    "D7": "Bias in selection of the reported result",
}

#: The signalling questions (ROBINS-I 2016; domain 4 for the effect of assignment to intervention).
QUESTIONS = {
    "1.1": "Is there potential for confounding of the effect of intervention in this study?",
    "1.2": "Was the analysis based on splitting participants' follow up time according to intervention received?",
    "1.3": (
        "Were intervention discontinuations or switches likely to be related to factors that are prognostic "
        "for the outcome?"
    ),
    "1.4": (
        "Did the authors use an appropriate analysis method that controlled for all the important confounding domains?"
    ),
    "1.5": (
        "If Y/PY to 1.4: Were confounding domains that were controlled for measured validly and reliably by "
        "the variables available in this study?"
    ),
    "1.6": (
        "Did the authors control for any post-intervention variables that could have been affected by the intervention?"
    ),
    "1.7": (
        "Did the authors use an appropriate analysis method that adjusted for all the important confounding "
        "domains and for time-varying confounding?"
    ),
    "1.8": (
        "If Y/PY to 1.7: Were confounding domains that were adjusted for measured validly and reliably by the"
        " variables available in this study?"
    ),
    "2.1": (
        "Was selection of participants into the study (or into the analysis) based on participant "
        "characteristics observed after the start of intervention?"
    ),
    "2.2": (
        "If Y/PY to 2.1: Were the post-intervention variables that influenced selection likely to be "
        "associated with intervention?"
    ),
    "2.3": (
        "If Y/PY to 2.2: Were the post-intervention variables that influenced selection likely to be "
        "influenced by the outcome or a cause of the outcome?"
    ),
    "2.4": "Do start of follow-up and start of intervention coincide for most participants?",
    "2.5": (
        "If Y/PY to 2.2 and 2.3, or N/PN to 2.4: Were adjustment techniques used that are likely to correct "
        "for the presence of selection biases?"
    ),
    "3.1": "Were intervention groups clearly defined?",
    "3.2": "Was the information used to define intervention groups recorded at the start of the intervention?",
    "3.3": (
        "Could classification of intervention status have been affected by knowledge of the outcome or risk "
        "of the outcome?"
    ),
    "4.1": "Were there deviations from the intended intervention beyond what would be expected in usual practice?",
    "4.2": (
        "If Y/PY to 4.1: Were these deviations from intended intervention unbalanced between groups and "
        "likely to have affected the outcome?"
    ),
    "5.1": "Were outcome data available for all, or nearly all, participants?",
    "5.2": "Were participants excluded due to missing data on intervention status?",
    "5.3": "Were participants excluded due to missing data on other variables needed for the analysis?",
    "5.4": (
        "If PN/N to 5.1, or Y/PY to 5.2 or 5.3: Are the proportion of participants and reasons for missing "
        "data similar across interventions?"
    ),
    "5.5": (
        "If PN/N to 5.1, or Y/PY to 5.2 or 5.3: Is there evidence that results were robust to the presence of"
        " missing data?"
    ),
    "6.1": "Could the outcome measure have been influenced by knowledge of the intervention received?",
    "6.2": "Were outcome assessors aware of the intervention received by study participants?",
    "6.3": "Were the methods of outcome assessment comparable across intervention groups?",
    "6.4": "Were any systematic errors in measurement of the outcome related to intervention received?",
    "7.1": (
        "Is the reported effect estimate likely to be selected, on the basis of the results, from multiple "
        "outcome measurements within the outcome domain?"
    ),
    "7.2": (
        "Is the reported effect estimate likely to be selected, on the basis of the results, from multiple "
        "analyses of the intervention-outcome relationship?"
    ),
    "7.3": (
        "Is the reported effect estimate likely to be selected, on the basis of the results, from different subgroups?"
    ),
}

YES = ("Y", "PY")
NO = ("N", "PN")


def overall(levels: list[str] | tuple[str, ...]) -> str:
    """The overall judgement from the seven domain judgements (Sterne et al. 2016, Table 2)."""
    for level in levels:
        if level not in LEVELS:
            raise ValueError(f"'{level}' is not a ROBINS-I judgement")
    known = [SEVERITY[lv] for lv in levels if lv != NO_INFO]
    worst = max(known, default=None)
    if worst is not None and worst >= SEVERITY[SERIOUS]:
        return CRITICAL if worst == SEVERITY[CRITICAL] else SERIOUS
    if NO_INFO in levels:
        return NO_INFO
    return MODERATE if worst == SEVERITY[MODERATE] else LOW


def problems(domain: str, answers: dict[str, str], judgement: str) -> list[str]:
    """Where a domain judgement contradicts the rules the guidance states (empty if none)."""
    out = []
    if judgement not in LEVELS:
        return [f"'{judgement}' is not a ROBINS-I judgement"]
    for q, a in answers.items():
        if q not in QUESTIONS or not q.startswith(domain[1:] + "."):
            out.append(f"{q} is not a signalling question of {domain}")
        elif a not in ANSWERS:
            out.append(f"{q}: '{a}' is not one of {', '.join(ANSWERS)}")
    if out:
        return out
    if judgement == NO_INFO and "NI" not in answers.values():
        out.append("'No information' needs at least one question answered NI")
    if domain == "D1" and answers.get("1.1") in NO and judgement != LOW:
        out.append("no potential for confounding (1.1 N/PN) means Low risk of bias due to confounding")
    if judgement == LOW:
        if domain == "D6" and answers.get("6.1") in YES and answers.get("6.2") in YES:
            out.append(
                "an outcome open to influence (6.1) assessed by someone aware of the intervention (6.2) "
                "cannot be at Low risk"
            )
        if domain == "D7" and any(a in YES for a in answers.values()):
            out.append("a result likely selected from several (Y/PY in domain 7) cannot be at Low risk")
    return out
