"""acureview: the checks behind the review book.

Data loading and validation live in :mod:`acureview.data`, the verdict vocabulary in
:mod:`acureview.verdicts`, the checks in :mod:`acureview.checks`, and the verdict table in
:mod:`acureview.verify` (``python -m acureview verify``).
"""
