"""The appraisal of the review's evidence: risk of bias of the trial [1] (RoB 2) and of the cohort
[2] (ROBINS-I), and the certainty (GRADE) of each conclusion the review draws, from the answers and
ratings in data/rob2.csv, data/robins_i.csv and data/grade.csv. The tools' algorithms, which know
nothing of this review, are in :mod:`acureview.methods`.

- :mod:`.answers`   the three files, read by :mod:`acureview.data.appraisal`, checked against their
  tools' questions and algorithms (every question answered, every domain judgeable);
- :mod:`.numbers`   the study numbers the answers rest on (from :mod:`acureview.studies`);
- :mod:`.rob2`      RoB 2: each domain's judgement, the overall judgement and how it was reached;
- :mod:`.robins_i`  ROBINS-I: the outcomes, each domain's judgement, the overall judgement;
- :mod:`.grounds`   the numbers an answer may cite by name, the conclusions rated, the files loaded
  and validated against both (:func:`load`: called once, by :func:`acureview.verify.load`, which
  carries the result as ``data.appraisal``), and what an answer read, in a reader's words;
- :mod:`.grade`     GRADE: a conclusion's ratings and certainty, the range the conclusions span,
  and the sentences a verdict cites;
- :mod:`.tables`    the chapter's tables (answers, summaries, evidence profile, summary of findings).

Every function that reads the answers or ratings takes the loaded appraisal (``data.appraisal``) as
an argument: none reads the files behind its caller.

The layer sits above the studies (it quotes their numbers) and below the checks (a conclusion's
verdict cites its certainty). The public names of every module are re-exported here.
"""

from .grade import certainty, certainty_of, certainty_range, certainty_sentence, ratings
from .grounds import COMPUTED, CONCLUSIONS, Computed, Conclusion, computed, load, what_was_read
from .numbers import (
    adverse_events_per_1000,
    at_12_months,
    needling_specific,
    rate_per_1000,
    responders_per_1000,
    serious_adverse_events_per_1000,
    trial_rd,
    worst_case,
)
from .rob2 import key_answers, rob2_judgements, rob2_overall
from .robins_i import robins_judgements, robins_outcomes, robins_overall
from .tables import (
    grade_profile,
    grade_summary,
    rob2_summary,
    rob2_table,
    robins_summary,
    robins_table,
    robins_target,
    summary_of_findings,
    what_would_change,
)

__all__ = [
    "COMPUTED",
    "CONCLUSIONS",
    "Computed",
    "Conclusion",
    "adverse_events_per_1000",
    "certainty",
    "certainty_of",
    "certainty_range",
    "certainty_sentence",
    "computed",
    "grade_profile",
    "grade_summary",
    "key_answers",
    "load",
    "at_12_months",
    "needling_specific",
    "rate_per_1000",
    "ratings",
    "responders_per_1000",
    "rob2_judgements",
    "rob2_overall",
    "rob2_summary",
    "rob2_table",
    "robins_judgements",
    "robins_outcomes",
    "robins_overall",
    "robins_summary",
    "robins_table",
    "robins_target",
    "serious_adverse_events_per_1000",
    "summary_of_findings",
    "trial_rd",
    "what_was_read",
    "what_would_change",
    "worst_case",
]
