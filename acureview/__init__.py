"""acureview: the claims of a clinical review, re-derived from its sources.

The flow, one layer a package:

- :mod:`acureview.data`      the register, facts, sources and assumptions, loaded and validated;
- :mod:`acureview.methods`   generic statistics, validated against published reference values;
- :mod:`acureview.studies`   each study's arithmetic and models (the RCT [1], the cohort [2]);
- :mod:`acureview.checks`    one pure function per claim or group of claims: verdict and reason;
- :mod:`acureview.verify`    the verdict table (``python -m acureview verify``);
- :mod:`acureview.site`      what the chapters and the site need to show the results.
"""
