"""acureview: the claims of a clinical review, re-derived from its sources.

The flow, one layer a package (the import-linter contracts of pyproject.toml keep the order):

- :mod:`acureview.data`      the register, facts, sources, assumptions, readings and appraisal files, loaded and
  validated;
- :mod:`acureview.methods`   generic statistics, validated against published reference values;
- :mod:`acureview.studies`   each study's arithmetic and models (the RCT [1], the cohort [2]);
- :mod:`acureview.appraisal` risk of bias (RoB 2, ROBINS-I) and the certainty (GRADE) of each conclusion;
- :mod:`acureview.checks`    one pure function per claim or group of claims: verdict and reason;
- :mod:`acureview.chapters`  what each chapter computes with (facts and study-level calls), declared once;
- :mod:`acureview.verify`    the verdict table: computed once per version of the inputs, read by every page;
- :mod:`acureview.whatif`    a verdict under each reading of a text not read, computed with the verdict table;
- :mod:`acureview.site`      what the chapters and the site need to show the results.

Below them, knowing nothing of the rest:

- :mod:`acureview.fmt`       one way to write every number (percentages, P values, intervals);
- :mod:`acureview.verdicts`  the verdict vocabulary, the severities and the importance of a claim;
- :mod:`acureview.paths`     where the project's files are, and the mode a published file gets;
- :mod:`acureview.lazy`      the one pattern by which heavy libraries are bound (imported on first use);
- :mod:`acureview.inputs`    what every computed result depends on, and its hash (the verdict table's stamp);
- :mod:`acureview.files`     writing what the project publishes, all or nothing, with a published file's mode.

On top, :mod:`acureview.__main__` is the command line (``python -m acureview verify``).
"""
