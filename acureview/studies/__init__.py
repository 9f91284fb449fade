"""Each study the review leans on, with the arithmetic and the models the appraisal, the checks and the
chapters share:

- :mod:`.rct1`       the Tiaoqi Jieyu trial [1] (a package: counts, tables, priors, posteriors, models);
- :mod:`.cohort2`    the Norwegian cohort [2] (a package: counts, VAS change, the two Bayesian models);
- :mod:`.pain_meta`  the IPD meta-analyses of chronic pain [4, 5]: the conditions, effects in VAS points;
- :mod:`.courses`    the courses of treatment of the studies the review cites;
- :mod:`.safety`     the adverse-event rates of Bäumler 2021, and the chance a study sees no adverse event;
- :mod:`.sources`    how the book names a source and where a fact's words stand in it.
"""
