"""The Norwegian cohort [2] (facts prefixed ``cohort2.``), one module a job:

- :mod:`.counts`         the responder percentages, the participants, the denominators that fit, the
  review's number of patients;
- :mod:`.vas`            the change in pain under stated assumptions;
- :mod:`.denominator`    Bayesian model (a), exactly: the responder proportions with the denominator
  unknown;
- :mod:`.decomposition`  Bayesian model (b), exactly: what the published trials predict for the
  cohort, part by part, their posterior (:func:`decompose`, the one source of the needling-specific
  part), and the effects read as responders;
- :mod:`.models`         the two models in PyMC (chapters and tests only: not imported here, so that
  the checks stay free of MCMC).

The names of the first four are re-exported here (``cohort2.participants``, ...).
"""

from .counts import PARTS, PERCENTAGES, denominators, neighbouring_counts, participants, percentages, review_n
from .decomposition import (
    SOURCES,
    USUAL_CARE_ARMS,
    Component,
    Decomposition,
    decompose,
    decomposition_posterior,
    decomposition_priors,
    decomposition_reference,
    effect_at_followup,
    natural_course,
    prediction_check,
    prior_covariance,
    prior_sensitivity,
    responder_table,
    responders,
    same_trials_effect,
)
from .denominator import compatible_triples, denominator_posterior, denominator_prior, responder_reference
from .vas import VasScenario, observed_change, vas_change, vas_scenarios

__all__ = [
    "Component",
    "Decomposition",
    "PARTS",
    "PERCENTAGES",
    "SOURCES",
    "USUAL_CARE_ARMS",
    "VasScenario",
    "compatible_triples",
    "decompose",
    "decomposition_posterior",
    "decomposition_priors",
    "decomposition_reference",
    "denominator_posterior",
    "denominator_prior",
    "denominators",
    "effect_at_followup",
    "natural_course",
    "neighbouring_counts",
    "observed_change",
    "participants",
    "percentages",
    "prediction_check",
    "prior_covariance",
    "prior_sensitivity",
    "responder_reference",
    "responder_table",
    "responders",
    "same_trials_effect",
    "review_n",
    "vas_change",
    "vas_scenarios",
]
