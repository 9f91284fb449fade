"""Generic statistical methods that know nothing of this review, each validated in the tests
against published reference values.

- :mod:`.normal`    the two-sided normal quantile of a level, the standard error an interval implies;
- :mod:`.distributions`  the logistic function, beta quantiles and Student's t tail without SciPy;
- :mod:`.rounding`  consistency of reported percentages with whole counts (GRIM-type);
- :mod:`.pvalues`   every test a report of a 2x2 table could have used, and which give a reported P value;
- :mod:`.twobytwo`  P values of 2x2 tables, effect measures with intervals (Wilson, Newcombe, Woolf),
  NNT, fragility index;
- :mod:`.bounds`    exact bounds for proportions, paired changes from summaries;
- :mod:`.priors`    priors on the effect of a two-arm binary trial and the conversions behind them;
- :mod:`.posterior` grid and closed-form posteriors of a two-arm binary trial;
- :mod:`.sampling`  PyMC sampling under one setting, the quality gate, agreement with a reference;
- :mod:`.rob2`, :mod:`.robins_i`, :mod:`.grade`  the algorithms of the appraisal tools.
"""
