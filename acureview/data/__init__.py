"""The data layer: the review's data files read, checked against their one schema
(``data/datapackage.json``) and this project's cross-file rules, and held as Python objects. A bad
file stops everything with one message that names the file, the row, the line and the column;
nothing downstream runs on half-valid data. It imports nothing of the package above it.

Modules:

- :mod:`~acureview.data.errors`    :class:`DataError` (file, row, line, column), :class:`ClaimInputError`,
  :class:`UnknownFact`, :class:`UnknownAssumption`, :func:`cell_error`;
- :mod:`~acureview.data.csvfile`   reading a data file's text (:func:`read_data_text`: UTF-8 with or
  without a byte-order mark, LF or CRLF) and a CSV file's rows (:class:`Row`, :func:`read_rows`), each
  with its row number and first physical line;
- :mod:`~acureview.data.schema`    the data package descriptor (:data:`DESCRIPTOR`) and the small
  interpreter of the Table Schema rules it uses (:class:`Resource`, :func:`resource`, :func:`read_package`);
- :mod:`~acureview.data.reported`  the parser of the review's strings for what it reports
  (:class:`Reported`, :func:`parse_number`, :func:`parse_numbers`, :func:`split_reported`) and the
  one rounding rule a number as written is judged by (:func:`half_unit`, :func:`within_rounding`);
- :mod:`~acureview.data.model`     :class:`Claim`, :class:`Fact`, :class:`Assumption`, :class:`Dataset`;
- :mod:`~acureview.data.loaders`   the loaders of review.md, claims.csv, sources.csv, facts.csv and
  assumptions.csv, with the rules the schema cannot say, and :func:`load` of them all;
- :mod:`~acureview.data.appraisal` the loader of rob2.csv, robins_i.csv and grade.csv against their
  schema and what they cite (:class:`Answer`, :class:`Rating`, :class:`Appraisal`, :class:`Tool`).
"""

from .appraisal import (
    GRADE_COLUMNS,
    NO_INFORMATION,
    OVERALL_QUESTION,
    ROB2_COLUMNS,
    ROBINS_I_COLUMNS,
    TARGET_ITEMS,
    Answer,
    Appraisal,
    Rating,
    Tool,
    normalised,
    read_answers,
    read_ratings,
    split_ids,
)
from .csvfile import Row, read_data_text, read_rows
from .errors import ClaimInputError, DataError, UnknownAssumption, UnknownFact, cell_error
from .loaders import (
    ASSUMPTION_COLUMNS,
    BIB_FIELDS,
    CLAIM_COLUMNS,
    CLAIM_ID,
    FACT_COLUMNS,
    FACT_TYPES,
    FOUND,
    KINDS,
    NON_NEGATIVE_UNITS,
    READ_FROM,
    SOURCE_COLUMNS,
    load,
    load_assumptions,
    load_claims,
    load_facts,
    load_sources,
    parse_args,
    parse_value,
)
from .model import Assumption, Claim, Dataset, Fact
from .reported import Reported, half_unit, parse_number, parse_numbers, split_reported, within_rounding
from .schema import DESCRIPTOR, Field, ForeignKey, Package, Resource, read_package, resource

__all__ = [
    "ASSUMPTION_COLUMNS",
    "BIB_FIELDS",
    "CLAIM_COLUMNS",
    "CLAIM_ID",
    "DESCRIPTOR",
    "FACT_COLUMNS",
    "FACT_TYPES",
    "FOUND",
    "GRADE_COLUMNS",
    "KINDS",
    "NON_NEGATIVE_UNITS",
    "NO_INFORMATION",
    "OVERALL_QUESTION",
    "READ_FROM",
    "ROB2_COLUMNS",
    "ROBINS_I_COLUMNS",
    "SOURCE_COLUMNS",
    "TARGET_ITEMS",
    "Answer",
    "Appraisal",
    "Assumption",
    "Claim",
    "ClaimInputError",
    "DataError",
    "Dataset",
    "Fact",
    "Field",
    "ForeignKey",
    "Package",
    "Rating",
    "Reported",
    "Resource",
    "Row",
    "Tool",
    "UnknownAssumption",
    "UnknownFact",
    "cell_error",
    "half_unit",
    "load",
    "load_assumptions",
    "load_claims",
    "load_facts",
    "load_sources",
    "normalised",
    "parse_args",
    "parse_number",
    "parse_numbers",
    "parse_value",
    "read_answers",
    "read_data_text",
    "read_package",
    "read_ratings",
    "read_rows",
    "resource",
    "split_ids",
    "split_reported",
    "within_rounding",
]
