"""The registry of checks: :class:`Result`, the :func:`check` decorator that registers a check with
what it reads (:class:`Inputs`), :func:`run` and :func:`run_reading` (a fact the record does not give,
or gives as the wrong kind of value, makes the claim not checkable, naming the fact: :func:`unusable`),
and the validation of every claim's inputs before any check runs (:func:`validate`).

Every check states its decision rule in plain words: ``@check(name, ..., rule=RULE)``, where ``RULE`` is
a string built (an f-string) next to the check from the same module constants its code compares
with (``LARGE``, ``MODEST``, the list of tests ...), never a number typed a second time. It says what
makes each verdict the check can return, and what sets the severity where the check departs from the
general rule (:func:`severity_rule`). :func:`rule` returns it for a check's name; the cards show it
folded ("How this verdict is decided") and the methods page lists every check's rule
(:func:`rules`). A test takes each threshold out of the rule's text, moves an input just across it
and sees the verdict flip; to change a rule, change the constant and the f-string together."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, replace

from ..data import Claim, ClaimInputError, DataError, Dataset, Reported, UnusableFact, parse_numbers
from ..fmt import sentences
from ..studies.preconditions import faults
from ..studies.sources import source_label
from ..verdicts import IMPORTANCE, NOT_CHECKABLE, SEVERITIES, VERDICTS, is_problem, severity_by_importance


@dataclass(frozen=True)
class Result:
    """What a check finds. ``reason`` is one or two plain sentences; ``quotes`` are the ids of the
    facts whose words (the source's own, verbatim) the reason rests on; ``severity`` is for problems
    only (empty: the claim's importance sets it); ``missing`` names, for a claim that is not
    checkable, what is missing and whether it is public."""

    verdict: str
    rederived: str
    reason: str
    severity: str = ""
    missing: str = ""
    quotes: tuple[str, ...] = ()

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict '{self.verdict}'")
        if self.severity and self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity '{self.severity}'")
        if self.severity and not is_problem(self.verdict):
            raise ValueError(f"'{self.verdict}' is not a problem and has no severity")
        if len(sentences(self.reason)) > 2:
            raise ValueError(f"a reason is one or two sentences, not {len(sentences(self.reason))}: {self.reason}")
        if self.verdict == NOT_CHECKABLE and not self.missing:
            raise ValueError("a claim that is not checkable needs the missing item named")


@dataclass(frozen=True)
class Inputs:
    """What a check reads from its claim.

    ``reported``: the kinds of the reported items, in order (a kind ending in '?' may be left out):
    'number', 'count' (a whole number, not negative), 'percent' (with '%'), 'p' (a P value, with
    its comparison), 'year', 'months', 'range' ('6–12 ...'), 'text' (the review's words). ``None``:
    the check does not read it, and each item must still be a number as the review writes it.

    ``args``: key -> kind, a key ending in '?' optional: 'fact' (an id of facts.csv), 'facts'
    (several, comma-separated), 'number', 'probability', 'count', 'text', or a tuple of choices.

    ``validate``: further checks across columns and files, raising :class:`ClaimInputError`.

    ``kinds``: the kinds of claim (the ``kind`` column of claims.csv) the check judges; empty: any.
    """

    reported: tuple[str, ...] | None = None
    args: dict[str, object] = field(default_factory=dict)
    validate: Callable[[Claim, Dataset], None] | None = None
    kinds: tuple[str, ...] = ()


Check = Callable[[Claim, Dataset], Result]
REGISTRY: dict[str, Check] = {}
INPUTS: dict[str, Inputs] = {}
RULES: dict[str, str] = {}


def check(
    name: str,
    reported: tuple[str, ...] | None = None,
    args: dict[str, object] | None = None,
    validate: Callable[[Claim, Dataset], None] | None = None,
    rule: str = "",
    kinds: tuple[str, ...] = (),
) -> Callable[[Check], Check]:
    """Register a check under ``name`` (the value of the ``check`` column of claims.csv), with
    what it reads from the claim (see :class:`Inputs`), the kinds of claim it judges (``kinds``) and
    its decision rule in plain words (``rule``, built from the module's constants: see the module's
    docstring)."""

    def register(fn: Check) -> Check:
        if name in REGISTRY:
            raise ValueError(f"check '{name}' registered twice")
        REGISTRY[name] = fn
        INPUTS[name] = Inputs(reported, dict(args or {}), validate, tuple(kinds))
        RULES[name] = " ".join(rule.split())
        return fn

    return register


def rule(name: str) -> str:
    """The decision rule of the check ``name``, in plain words ("" if it states none yet)."""
    return RULES[name]


def severity_rule() -> str:
    """The general rule of severity, from :func:`~acureview.verdicts.severity_by_importance`: the
    severity of a problem in a claim of each importance, unless the check sets another."""
    pairs = [f"{severity_by_importance(i)} in a {i} claim" for i in IMPORTANCE]
    return (
        f"A problem is {', '.join(pairs[:-1])} and {pairs[-1]}, unless the check's own rule sets another "
        "severity for it."
    )


NOT_CHECKABLE_RULE = (
    "A claim is not checkable when a fact its check needs is recorded as missing (no text read gives it) or "
    "as the wrong kind of value, or when its rule says so (what it needs is in no text read); the reason names "
    "what is missing, where it would be found and whether that text is public. It is never a label for a text "
    "that could be read and was not."
)


def rules() -> list[tuple[str, str]]:
    """(check name, its rule) for every check that states one, in the order they were registered."""
    return [(name, text) for name, text in RULES.items() if text]


def unusable(data: Dataset, e: UnusableFact) -> Result:
    """The result of a check that needed a fact the record does not give (type 'missing') or gives
    as the wrong kind of value: not checkable, the reason naming the fact, the missing item its
    source and what it lacks (the fact's note, or the value recorded)."""
    f = e.fact
    label = source_label(data, f.source_id) if f.source_id in data.sources else f.source_id
    if f.type == "missing":
        reason = f"Not checkable: the record does not give {f.fact_id}, which the check needs."
        missing = f"{f.fact_id} of {label}: {f.note or 'not in the text read'}"
    else:
        reason = f"Not checkable: the check needs {f.fact_id} as {e.needed}, and the record gives {f.type}."
        missing = f"{f.fact_id} of {label} as {e.needed} (recorded as {f.type}: '{f.value}')"
    return Result(NOT_CHECKABLE, "cannot be computed", reason, missing=missing)


def run(claim: Claim, data: Dataset) -> Result:
    """The claim's check, with the severity of a problem filled in from the claim's importance. A
    fact it needs that the record does not give, or gives as the wrong kind of value
    (:class:`~acureview.data.UnusableFact`), makes the claim not checkable (:func:`unusable`)."""
    try:
        result = REGISTRY[claim.check](claim, data)
    except UnusableFact as e:
        return unusable(data, e)
    if is_problem(result.verdict) and not result.severity:
        result = replace(result, severity=severity_by_importance(claim.importance))
    return result


class _Reading(dict):
    """The facts, noting every id a check looks up."""

    def __init__(self, facts: dict):
        super().__init__(facts)
        self.read: list[str] = []

    def __getitem__(self, key):
        self.read.append(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.read.append(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        self.read.append(key)
        return super().get(key, default)


def run_reading(claim: Claim, data: Dataset) -> tuple[Result, tuple[str, ...]]:
    """The claim's check (as :func:`run`) and the ids of the facts it read: those its reason quotes
    first, then the others in the order the check looked them up."""
    facts = _Reading(data.facts)
    result = run(claim, replace(data, facts=facts))
    return result, tuple(f for f in dict.fromkeys((*result.quotes, *facts.read)) if f in data.facts)


# --- what the checks read, validated before any runs ---------------------------------------------


def _one(item: str) -> Reported:
    numbers = parse_numbers(item)
    if len(numbers) != 1:
        raise ValueError(f"'{item}' is a range; one number is needed here")
    return numbers[0]


def read_item(kind: str, item: str):
    """One reported item read as ``kind``; raises ValueError with a reader's message."""
    if kind == "text":
        return item
    if kind == "range":
        numbers = parse_numbers(item)
        if len(numbers) != 2:
            raise ValueError(f"'{item}' is not a range (write it as the review does: '6–12 weekly sessions')")
        return numbers
    r = _one(item)
    if kind == "number":
        return r
    if kind == "count":
        if r.decimals or r.value < 0 or r.op != "=":
            raise ValueError(f"'{item}' is not a number of patients (a whole number, not negative)")
        return r
    if kind == "percent":
        if r.unit != "%":
            raise ValueError(f"'{item}' is not a percentage (write it as the review does: '52.8%')")
        if not 0 <= r.value <= 100:
            raise ValueError(f"'{item}' is not between 0% and 100%")
        return r
    if kind == "p":
        if r.label not in ("", "P", "p") or r.unit or not 0 <= r.value <= 1:
            raise ValueError(f"cannot read a P value from '{item}' (write it as the review does: 'P < 0.001')")
        return r
    if kind == "year":
        if r.decimals or r.op != "=" or not 1000 <= r.value <= 2999:
            raise ValueError(f"'{item}' is not a year")
        return r
    if kind == "months":
        if r.unit not in ("month", "months") or r.value < 0:
            raise ValueError(f"'{item}' is not a number of months (write it as the review does: '12 months')")
        return r
    raise AssertionError(f"unknown kind of reported item '{kind}'")


def _read_reported(claim: Claim, kinds: tuple[str, ...] | None) -> None:
    items = claim.items()
    if kinds is None:
        for item in items:
            try:
                parse_numbers(item)
            except ValueError as e:
                raise ClaimInputError(
                    "reported", f"{e}; this check reads no words, only the review's numbers"
                ) from None
        return
    needed = [k for k in kinds if not k.endswith("?")]
    if not len(needed) <= len(items) <= len(kinds):
        want = f"{len(needed)}" if len(needed) == len(kinds) else f"{len(needed)} to {len(kinds)}"
        raise ClaimInputError(
            "reported",
            f"{len(items)} value(s) for check '{claim.check}', which reads {want} "
            f"({'; '.join(k.rstrip('?') for k in kinds) or 'nothing'})",
        )
    for kind, item in zip(kinds, items, strict=False):
        try:
            read_item(kind.rstrip("?"), item)
        except ValueError as e:
            raise ClaimInputError("reported", str(e)) from None


def _read_arg(data: Dataset, key: str, kind, value: str) -> None:
    if isinstance(kind, tuple):
        if value not in kind:
            raise ClaimInputError("args", f"{key}={value}: '{value}' is not one of {', '.join(kind)}")
        return
    if kind in ("fact", "facts"):
        ids = [s.strip() for s in value.split(",")]
        if kind == "fact" and len(ids) != 1:
            raise ClaimInputError("args", f"{key}={value}: one fact id is needed")
        for i in ids:
            if i not in data.facts:
                raise ClaimInputError("args", f"{key}={value}: unknown fact id '{i}' (not in facts.csv)")
        return
    if kind == "text":
        return
    try:
        r = _one(value)
    except ValueError as e:
        raise ClaimInputError("args", f"{key}={value}: {e}") from None
    if kind == "probability" and not (r.op == "=" and 0 < r.value < 1):
        raise ClaimInputError("args", f"{key}={value}: not a probability between 0 and 1")
    if kind == "count" and (r.decimals or r.value < 0 or r.op != "="):
        raise ClaimInputError("args", f"{key}={value}: not a whole number (not negative)")


def _check_kind(claim: Claim, spec: Inputs) -> None:
    """A claim's check judges claims of its kind, and reads its reported values. Where the kind is
    not one the check judges, the check is named when it cannot read the claim's values either (a
    check that does not fit the claim), the kind when it can (a kind that does not fit its check)."""
    fits = not spec.kinds or claim.kind in spec.kinds
    try:
        _read_reported(claim, spec.reported)
    except ClaimInputError as e:
        if fits:
            raise
        raise ClaimInputError(
            "check",
            f"check '{claim.check}' does not fit the claim: it judges {' or '.join(spec.kinds)} claims, and this "
            f"claim is a {claim.kind} claim ({e})",
        ) from None
    if not fits:
        raise ClaimInputError(
            "kind",
            f"'{claim.kind}', but its check '{claim.check}' judges {' or '.join(spec.kinds)} claims; the kind "
            "says what the check judges",
        )


def validate_claim(claim: Claim, data: Dataset) -> None:
    """Raise :class:`ClaimInputError` if the claim's check cannot read its reported values or args."""
    if claim.check not in REGISTRY:
        raise ClaimInputError("check", f"no check named '{claim.check}'")
    spec = INPUTS[claim.check]
    _check_kind(claim, spec)
    keys = {k.rstrip("?"): (k, kind) for k, kind in spec.args.items()}
    for key, value in claim.args.items():
        if key not in keys:
            takes = ", ".join(keys) or "none"
            raise ClaimInputError("args", f"'{key}=' is not an argument of check '{claim.check}' (it takes: {takes})")
        _read_arg(data, key, keys[key][1], value)
    for key, (spec_key, _) in keys.items():
        if not spec_key.endswith("?") and key not in claim.args:
            raise ClaimInputError("args", f"no '{key}=' (the check '{claim.check}' needs it)")
    if spec.validate is not None:
        # a fact the record does not give stops the validation: the check says the claim is not checkable
        with suppress(UnusableFact):
            spec.validate(claim, data)


def validate(data: Dataset) -> None:
    """Refuse, with file, row and column, the first claim whose check cannot read its inputs, then
    the first assumption or fact that breaks what the studies' computations assume
    (:mod:`acureview.studies.preconditions`), at its cell."""
    for c in data.claims:
        try:
            validate_claim(c, data)
        except ClaimInputError as e:
            where = e.claim or c
            raise DataError(data.folder / "claims.csv", where.row, e.column, str(e), line=where.line) from None
    for fault in faults(data):
        raise fault
