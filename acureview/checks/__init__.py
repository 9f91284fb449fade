"""The checks: one pure function per claim (or group of claims), registered by name.

A check takes a claim and the dataset and returns a :class:`Result`: the re-derived value, the
verdict, a reason a clinician can read, and, for a problem, its severity (by default the one that
goes with the claim's importance, :func:`acureview.verdicts.severity_by_importance`); a claim that
is not checkable names what is missing. Checks are fast (no MCMC), so the whole table computes in
seconds.

Each check declares what it reads: the items of the claim's ``reported`` column (the review's own
strings, in order) and the keys of its ``args`` column. :func:`validate`, called by
:func:`acureview.verify.load`, refuses a claim whose check could not read them, naming the file, the
row and the column, before any check runs, and then the first fact that breaks what the studies'
computations assume (:mod:`acureview.studies.preconditions`), at its cell. A fact the record does not
give, or gives as the wrong kind of value, is not a fault of the files: the check that needs it
returns 'not checkable', naming the fact (:func:`.registry.unusable`).

- :mod:`.registry`   :class:`Result`, the :func:`check` decorator (with each check's decision rule in
  plain words, :func:`rule`), :func:`run`, :func:`validate`;
- :mod:`.common`     checks against recorded facts and wording, and the helpers of every check;
- :mod:`.rct1`       the trial [1]: percentages, P values, significance, design;
- :mod:`.cohort2`    the cohort [2]: denominators, the VAS change, adverse events, causal reading;
- :mod:`.citations`  the references: bibliographic details against the records;
- :mod:`.evidence`   bodies of evidence: support by the cited sources, or the best available evidence
  where none can be read; the card's two lines, the citation (:func:`citation_line`) and the best
  evidence (:func:`evidence_line`);
- :mod:`.pain_meta`  the pain meta-analyses [4, 5]: the effects per condition, and how long they last;
- :mod:`.courses`    the course of treatment the review proposes, against the cited studies' courses;
- :mod:`.conclusions` the review's conclusions, each on its own word, against this book's reanalyses.

Importing the package registers every check, in the order the rules page lists them.
"""

# importing a module registers its checks, in this order (the rules page's)
from . import evidence, pain_meta, courses, conclusions  # isort: skip  # noqa: F401
from . import citations, cohort2, common, rct1  # noqa: F401
from .evidence import citation_line, evidence_line
from .registry import (
    INPUTS,
    NOT_CHECKABLE_RULE,
    REGISTRY,
    RULES,
    Check,
    Inputs,
    Result,
    check,
    read_item,
    rule,
    rules,
    run,
    run_reading,
    severity_rule,
    validate,
    validate_claim,
)

__all__ = [
    "INPUTS",
    "NOT_CHECKABLE_RULE",
    "REGISTRY",
    "RULES",
    "Check",
    "Inputs",
    "Result",
    "check",
    "citation_line",
    "evidence_line",
    "read_item",
    "rule",
    "rules",
    "run",
    "run_reading",
    "severity_rule",
    "validate",
    "validate_claim",
]
