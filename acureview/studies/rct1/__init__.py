"""The Tiaoqi Jieyu RCT [1] (facts prefixed ``rct1.``), one module a job:

- :mod:`.counts`        its arms and counts, and what they give (P values, effects, NNT, fragility,
  the scenarios for the dropouts, the log odds ratio);
- :mod:`.tables`        the tables of its chapters;
- :mod:`.bayes_priors`  the priors of its Bayesian reanalysis and the numbers they are built from;
- :mod:`.posteriors`    its grid posteriors (the numbers every page and verdict quotes);
- :mod:`.models`        its PyMC models (chapters and tests only: not imported here, so that the
  checks stay free of MCMC).

The names of the first four are re-exported here (``rct1.arms``, ``rct1.priors``, ...).
"""

from .bayes_priors import (
    EXTREME_HARM,
    STANCES,
    STRENGTHS,
    Derived,
    conflict,
    conventional,
    evidence_based,
    harm_probability,
    important_difference,
    optimistic_centre,
    priors,
    reasonable,
    ssri_response,
    thresholds,
)
from .counts import (
    ARMS,
    HYPOTHESIS,
    HYPOTHESIS_WORDS,
    P_CHECK,
    PCT_CHECK,
    STUDY,
    Arm,
    analysed_effects,
    arm,
    arms,
    attrition_scenarios,
    fragility,
    number_needed_to_treat,
    p_agreement,
    p_summary,
    p_tests,
    p_text,
    pvalues,
    reported_p,
    trial_log_or,
)
from .posteriors import GRID_SIZE, NODES, posterior_analysed, posterior_randomized, randomized_summary, results
from .tables import attrition_table, effects_table, pvalue_table, reconstruction_table, significance_words

__all__ = [
    "ARMS",
    "EXTREME_HARM",
    "Arm",
    "Derived",
    "GRID_SIZE",
    "HYPOTHESIS",
    "HYPOTHESIS_WORDS",
    "NODES",
    "PCT_CHECK",
    "P_CHECK",
    "STANCES",
    "STRENGTHS",
    "STUDY",
    "analysed_effects",
    "arm",
    "arms",
    "attrition_scenarios",
    "attrition_table",
    "conflict",
    "conventional",
    "effects_table",
    "evidence_based",
    "fragility",
    "harm_probability",
    "important_difference",
    "number_needed_to_treat",
    "optimistic_centre",
    "p_agreement",
    "p_summary",
    "p_tests",
    "p_text",
    "posterior_analysed",
    "posterior_randomized",
    "priors",
    "pvalue_table",
    "pvalues",
    "randomized_summary",
    "reasonable",
    "reconstruction_table",
    "reported_p",
    "results",
    "significance_words",
    "ssri_response",
    "thresholds",
    "trial_log_or",
]
