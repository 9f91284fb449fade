"""Each study the review leans on, with the arithmetic and the models the appraisal, the checks and the
chapters share:

- :mod:`.rct1`       the Tiaoqi Jieyu trial [1] (a package: counts, tables, priors, posteriors, models);
- :mod:`.cohort2`    the Norwegian cohort [2] (a package: counts, VAS change, the two Bayesian models);
- :mod:`.pain_meta`  the IPD meta-analyses of chronic pain [4, 5]: the conditions, effects in VAS points;
- :mod:`.courses`    the courses of treatment of the studies the review cites;
- :mod:`.safety`     the adverse-event rates of Bäumler 2021, and the chance a study sees no adverse event;
- :mod:`.sources`    how the book names a source and where a fact's words stand in it;
- :mod:`.preconditions` what the computations above assume of the facts (a denominator above 0, an
  estimate inside its interval, percentages whose parts add up), checked before any check or chapter
  runs.

A fact the record does not give, or gives as text where a number is needed, raises
:class:`~acureview.data.UnusableFact` from ``data.value`` and ``data.number``: the checks turn it into
a 'not checkable' verdict naming the fact.
"""
