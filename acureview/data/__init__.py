"""The data layer: the review's data files read, checked against their one schema
(``data/datapackage.json``) and this project's cross-file rules, and held as Python objects. A bad
file stops everything with one message that names the file, the row, the line and the column;
nothing downstream runs on half-valid data. It imports nothing of the package above it.

Modules:

- :mod:`~acureview.data.errors`    :class:`DataError` (file, row, line, column), :class:`ClaimInputError`,
  :class:`UnknownFact`, :class:`UnknownAssumption`, :class:`UnusableFact`, :func:`cell_error`;
- :mod:`~acureview.data.cells`     what any cell may hold: plain numbers (:func:`read_number`), no
  invisible character (:func:`visible`), no lookalike character in an id, no mark of a character
  lost in another encoding, no formula start, templates with plain slots
  (:func:`check_template`), and DOIs compared in one form (:func:`normal_doi`);
- :mod:`~acureview.data.units`     the table of units with their ranges, measures and ordered
  bounds the data package declares (:class:`Units`, :class:`Bound`, :class:`Values`);
- :mod:`~acureview.data.review`    the review's sections and where a quote stands in it as a whole
  phrase (:func:`sections`, :func:`phrase_at`);
- :mod:`~acureview.data.csvfile`   reading a data file's text (:func:`read_data_text`: UTF-8 with or
  without a byte-order mark, LF or CRLF) and a CSV file's rows (:class:`Row`, :func:`read_rows`), each
  with its row number and first physical line;
- :mod:`~acureview.data.schema`    the data package descriptor (:data:`DESCRIPTOR`) and the small
  interpreter of the Table Schema rules it uses (:class:`Resource`, :func:`resource`, :func:`read_package`);
- :mod:`~acureview.data.reported`  the parser of the review's strings for what it reports
  (:class:`Reported`, :func:`parse_number`, :func:`parse_numbers`, :func:`split_reported`) and the
  one rounding rule a number as written is judged by (:func:`half_unit`, :func:`within_rounding`);
- :mod:`~acureview.data.quoted`    whether a number stands in a quote, as printed or within its
  rounding, a percentage as a proportion, a whole number in words (:func:`~acureview.data.quoted.stands_in`);
- :mod:`~acureview.data.model`     :class:`Claim`, :class:`Fact`, :class:`Assumption`, :class:`Search`,
  :class:`Reading`, the :class:`Dataset` of them all and its :class:`Origin` (what it was read from);
- :mod:`~acureview.data.loaders`   the loaders of review.md, claims.csv, sources.csv, facts.csv,
  assumptions.csv, searches.csv and readings.csv, with the rules the schema cannot say, and
  :func:`load` of them all;
- :mod:`~acureview.data.addresses` a source's canonical address from its identifiers, and the one list of
  hosts refused as a source's address (:data:`REFUSED_HOSTS`, :data:`ADDRESS_PATTERN`).
- :mod:`~acureview.data.crossfile` the rules across facts and sources no column says alone: numbers of a
  shared quote in its order, arms adding up to their total, a fact's address and text its source's.
- :mod:`~acureview.data.appraisal` the loader of rob2.csv, robins_i.csv and grade.csv against their
  schema and what they cite (:class:`Tool`; the records, :class:`Answer`, :class:`Rating` and :class:`Appraisal`, are
  the model's).
"""

from .addresses import ADDRESS_PATTERN, READ_AT_PATTERN, REFUSED_HOSTS, REVIEW, canonical, is_link, refused
from .appraisal import (
    NO_INFORMATION,
    OVERALL_QUESTION,
    TARGET_ITEMS,
    Tool,
    normalised,
    read_answers,
    read_ratings,
    split_ids,
)
from .cells import (
    check_template,
    formula_fault,
    invisible_fault,
    normal_doi,
    read_number,
    template_fault,
    visible,
)
from .csvfile import Row, read_data_text, read_rows
from .errors import ClaimInputError, DataError, UnknownAssumption, UnknownFact, UnusableFact, cell_error
from .loaders import (
    bib_fields,
    check_reported_quoted,
    check_values_quoted,
    count_units,
    load,
    load_assumptions,
    load_claims,
    load_facts,
    load_readings,
    load_review,
    load_searches,
    load_sources,
    parse_args,
    parse_value,
    supplied_value,
)
from .model import Answer, Appraisal, Assumption, Claim, Dataset, Fact, Origin, Rating, Reading, Search
from .reported import Reported, half_unit, parse_number, parse_numbers, split_reported, within_rounding
from .review import phrase_at, sections
from .schema import DESCRIPTOR, Field, ForeignKey, Package, Resource, columns, read_package, resource
from .units import Bound, Units, Values

__all__ = [
    "ADDRESS_PATTERN",
    "READ_AT_PATTERN",
    "REFUSED_HOSTS",
    "REVIEW",
    "canonical",
    "is_link",
    "refused",
    "bib_fields",
    "count_units",
    "DESCRIPTOR",
    "NO_INFORMATION",
    "OVERALL_QUESTION",
    "TARGET_ITEMS",
    "Answer",
    "Appraisal",
    "Assumption",
    "Bound",
    "Claim",
    "ClaimInputError",
    "DataError",
    "Dataset",
    "Origin",
    "Fact",
    "Field",
    "ForeignKey",
    "Package",
    "Rating",
    "Reading",
    "Search",
    "Reported",
    "Resource",
    "Row",
    "Tool",
    "Units",
    "UnknownAssumption",
    "UnknownFact",
    "UnusableFact",
    "Values",
    "cell_error",
    "check_reported_quoted",
    "check_values_quoted",
    "check_template",
    "formula_fault",
    "half_unit",
    "invisible_fault",
    "load",
    "load_assumptions",
    "load_claims",
    "load_facts",
    "load_readings",
    "load_review",
    "load_searches",
    "load_sources",
    "normal_doi",
    "normalised",
    "parse_args",
    "parse_number",
    "parse_numbers",
    "parse_value",
    "phrase_at",
    "read_answers",
    "read_data_text",
    "read_number",
    "columns",
    "read_package",
    "read_ratings",
    "read_rows",
    "resource",
    "sections",
    "split_ids",
    "split_reported",
    "supplied_value",
    "template_fault",
    "visible",
    "within_rounding",
]
