"""What the data files hold, as Python objects: a :class:`Claim` of the register, a :class:`Fact`
of a source, an :class:`Assumption` an analysis needs, a :class:`Search` behind a claim's reason, a
:class:`Reading` of a text not read, and the :class:`Dataset` of them all."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from ..paths import DATA
from .errors import ClaimInputError, UnknownAssumption, UnknownFact, UnusableFact
from .reported import Reported, parse_numbers, split_reported


@dataclass(frozen=True)
class Claim:
    claim_id: str
    section: str
    quote: str
    refs: tuple[str, ...]
    kind: str
    reported: str  # what the review reports, as it writes it: '52.8%', 'P < 0.001; large effect size'
    args: dict[str, str]  # what the check needs besides: {'arm': 'obs'}, {'fact': 'rct1.weeks'}
    check: str
    chapter: str
    row: int
    line: int | None = None
    importance: str = "supporting"  # headline, supporting or detail (acureview.verdicts.IMPORTANCE)

    @property
    def anchor(self) -> str:
        """The label of the section that derives this claim in its chapter."""
        return "claim-" + re.sub(r"[^a-z0-9]+", "-", self.claim_id.lower()).strip("-")

    def items(self) -> tuple[str, ...]:
        """The review's reported strings, one per ';'-separated item."""
        return split_reported(self.reported)

    def numbers(self) -> tuple[Reported, ...]:
        """Every number the review reports for this claim (a range gives two). Raises
        :class:`ClaimInputError` (column 'reported') for an item that is not a number."""
        out: list[Reported] = []
        for item in self.items():
            try:
                out += parse_numbers(item)
            except ValueError as e:
                raise ClaimInputError("reported", str(e), self) from None
        return tuple(out)

    def number(self, i: int = 0) -> Reported:
        """The ``i``-th item of ``reported`` as a single number."""
        items = self.items()
        if i >= len(items):
            raise ClaimInputError("reported", f"{len(items)} value(s) reported; the check needs at least {i + 1}", self)
        try:
            (r,) = parse_numbers(items[i])
        except ValueError as e:
            raise ClaimInputError("reported", str(e), self) from None
        return r

    def text(self, i: int = 0) -> str:
        """The ``i``-th item of ``reported`` as the review's words."""
        items = self.items()
        if i >= len(items):
            raise ClaimInputError("reported", f"{len(items)} value(s) reported; the check needs at least {i + 1}", self)
        return items[i]

    def arg(self, key: str, default=...) -> str:
        """One of the check's arguments (``args``)."""
        if key in self.args:
            return self.args[key]
        if default is ...:
            raise ClaimInputError("args", f"no '{key}=' (the check '{self.check}' needs it)", self)
        return default


@dataclass(frozen=True)
class Fact:
    fact_id: str
    source_id: str
    type: str
    value: int | float | str | None
    unit: str
    of: str
    locator: str
    read_from: str
    note: str
    row: int | None = None
    line: int | None = None
    quote: str = ""  # the source's own words, verbatim from the text read
    address: str = ""  # the source's canonical address for those words (acureview.data.addresses)
    read_at: str = ""  # the copy in which they were actually read, where it is not the address


@dataclass(frozen=True)
class Search:
    """One search behind a statement that no source, trial or review exists or was found: its terms,
    where and when it was run, what came back, and the addresses read."""

    search_id: str
    claim_id: str
    terms: str
    where: str
    date: str
    found: str
    read: tuple[str, ...]
    row: int


@dataclass(frozen=True)
class Assumption:
    assumption_id: str
    value: float
    low: float
    high: float
    unit: str
    basis: str
    row: int | None = None  # the data row in assumptions.csv, as a fact's
    line: int | None = None  # the physical line where that row starts

    def span(self, n: int = 5) -> list[float]:
        """``n`` evenly spaced values from ``low`` to ``high`` (for sensitivity tables)."""
        return [self.low + (self.high - self.low) * i / (n - 1) for i in range(n)]


@dataclass(frozen=True)
class Reading:
    """One reading that a text not read could give, for one claim: what it would say (``words``,
    as it follows 'If'), the facts it would supply (fact id -> value, of ``source_id``) and why it is
    plausible (``basis``). :mod:`acureview.whatif` gives the claim's verdict with those facts supplied."""

    reading_id: str
    claim_id: str
    source_id: str
    words: str
    supplies: dict[str, int | float | str]
    basis: str
    row: int | None = None
    line: int | None = None


@dataclass(frozen=True)
class Answer:
    """One answer of a risk-of-bias assessment (rob2.csv, robins_i.csv), as :mod:`acureview.data.appraisal` reads it."""

    study: str
    outcome: str
    domain: str
    question: str
    text: str
    answer: str
    words: str
    settle: str
    read: tuple[str, ...]
    computed: tuple[str, ...]
    reason: str
    row: int


@dataclass(frozen=True)
class Rating:
    """One GRADE rating of a conclusion's certainty (grade.csv)."""

    conclusion: str
    domain: str
    rating: str
    reason: str
    computed: tuple[str, ...]
    read: tuple[str, ...]
    row: int


@dataclass(frozen=True)
class Appraisal:
    """The appraisal files, read and validated (:mod:`acureview.data.appraisal`)."""

    rob2: list[Answer]
    robins_i: list[Answer]
    grade: list[Rating]


@dataclass(frozen=True)
class Origin:
    """What a dataset was read from: the hash of the input files' bytes as read
    (:func:`acureview.inputs.digest`), and the hash of the dataset's content as read
    (:meth:`Dataset.content_hash`)."""

    inputs: str
    content: str


@dataclass(frozen=True)
class Dataset:
    review: str
    claims: list[Claim]
    sources: dict[str, dict[str, str]]
    facts: dict[str, Fact]
    folder: Path = field(default=DATA)
    assumptions: dict[str, Assumption] = field(default_factory=dict)
    #: the readings of the texts not read (readings.csv), in the file's order
    readings: tuple[Reading, ...] = ()
    #: the appraisal files (rob2.csv, robins_i.csv, grade.csv), read once and validated by
    #: :func:`acureview.verify.load`, which builds the dataset with them; None where only the data files were read
    appraisal: Appraisal | None = None
    #: claim id -> the searches behind its reason (searches.csv), in the file's order
    searches: dict[str, tuple[Search, ...]] = field(default_factory=dict)
    #: where :func:`acureview.verify.load` read and validated this dataset from (:class:`Origin`);
    #: None for a dataset built in memory. A changed copy (``dataclasses.replace``) or an edit of a
    #: container in place keeps it, so it is trusted only through :attr:`loaded_from`, which checks
    #: that the content is still what was read
    origin: Origin | None = field(default=None, compare=False, repr=False)

    def content_hash(self) -> str:
        """A hash of everything the dataset holds but its :attr:`origin` (every field's repr, each
        a dataclass, container or plain value that shows all it holds): equal content, equal hash,
        within one process."""
        h = hashlib.sha256()
        for f in fields(self):
            if f.name != "origin":
                h.update(f"{f.name}={getattr(self, f.name)!r}\n".encode())
        return h.hexdigest()

    @property
    def loaded_from(self) -> str | None:
        """The hash of the input files this dataset was read from, while its content is what was
        read from them; None for a dataset built or changed in memory (a changed copy, or an edit
        in place), which is not the inputs on disk."""
        if self.origin is None or self.origin.content != self.content_hash():
            return None
        return self.origin.inputs

    def fact(self, fact_id: str) -> Fact:
        try:
            return self.facts[fact_id]
        except KeyError:
            raise UnknownFact(fact_id, self.folder / "facts.csv") from None

    def value(self, fact_id: str):
        """The value of a fact. Raises :class:`UnusableFact` where the record does not give it (type
        'missing'): ask :meth:`known` first where a missing value is expected."""
        f = self.fact(fact_id)
        if f.type == "missing":
            raise UnusableFact(f, self.folder / "facts.csv", "a value")
        return f.value

    def number(self, fact_id: str) -> int | float:
        """The value of a fact that must be a number. Raises :class:`UnusableFact` where the record
        does not give it or gives text."""
        f = self.fact(fact_id)
        if f.type == "missing" or isinstance(f.value, bool) or not isinstance(f.value, (int, float)):
            raise UnusableFact(f, self.folder / "facts.csv", "a number")
        return f.value

    def known(self, fact_id: str) -> bool:
        return fact_id in self.facts and self.facts[fact_id].type != "missing"

    def assumption(self, assumption_id: str) -> Assumption:
        try:
            return self.assumptions[assumption_id]
        except KeyError:
            raise UnknownAssumption(assumption_id, self.folder / "assumptions.csv") from None

    def claim(self, claim_id: str) -> Claim:
        for c in self.claims:
            if c.claim_id == claim_id:
                return c
        raise KeyError(claim_id)

    def readings_of(self, claim_id: str) -> list[Reading]:
        """The readings of the texts not read that bear on a claim's verdict, in the file's order."""
        return [r for r in self.readings if r.claim_id == claim_id]

    def claims_using(self, check: str) -> list[Claim]:
        return [c for c in self.claims if c.check == check]
