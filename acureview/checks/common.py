"""Checks that compare a claim with one or more recorded facts, for any study, and the helpers
every check uses to write a sentence or say what could not be read."""

from __future__ import annotations

from ..data import Claim, ClaimInputError, Dataset, Reported, check_template, parse_number
from ..fmt import in_words
from ..studies.sources import where
from ..verdicts import CONSISTENT, NOT_CHECKABLE, NOT_REPRODUCED, OVERSTATED, REPRODUCED
from .registry import Result, check


def sentence(text: str) -> str:
    """Capitalized, and ended with a full stop unless it ends in one already."""
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", ".\u201d", "?\u201d", "!\u201d", ".)")) else text + "."


def recorded(searches) -> str:
    """The searches of searches.csv behind a reason, as a reader counts them: 'the 2 searches
    recorded on 2026-12-06, in public web pages (stored index)'."""
    n = len(searches)
    where = in_words(sorted({s.where for s in searches}))
    days = sorted({s.date for s in searches})
    when = f"on {days[0]}" if len(days) == 1 else f"from {days[0]} to {days[-1]}"
    return f"the {n} search{'es' if n > 1 else ''} recorded {when}, in {where}"


def full_text_sought(data: Dataset, claim: Claim) -> str:
    """For a claim judged on an abstract: that its source's full text was looked for, and not found, in
    the searches recorded for the claim ('' when none is recorded). The abstract's silence is not the
    article's, so such a claim stays not checkable until the full text is read."""
    searches = data.searches.get(claim.claim_id, ())
    if not searches:
        return ""
    return (
        f"The public full text was sought in {recorded(searches)}, and only the abstract came back; an "
        "abstract's silence is not the article's, so the claim is neither confirmed nor unsupported until the "
        "full text is read"
    )


def not_checkable(data: Dataset, fact_ids, what: str = "") -> Result:
    """The result for a claim whose facts are not in anything that could be read: the reason and the
    missing item name each missing fact and where it would be found (its note: 'what: where')."""
    groups: dict[str, list[str]] = {}
    for i in fact_ids:
        item, _, place = data.fact(i).note.partition(": ")
        groups.setdefault(place, []).append(item)
    missing = "; ".join(f"{' and '.join(items)}" + (f": {place}" if place else "") for place, items in groups.items())
    lead = f"{what} " if what else ""
    return Result(
        NOT_CHECKABLE, "not in the text read", sentence(f"{lead}What would settle it is {missing}"), missing=missing
    )


def _agrees(fact_value, expected: Reported | str) -> bool:
    """A recorded value against what the review (or the check) expects: a number within rounding
    at the expected number's own precision; a text as a part of the recorded text."""
    if isinstance(expected, Reported):
        if isinstance(fact_value, (int, float)):
            return expected.agrees(fact_value)
        return expected.number in str(fact_value)
    return str(expected).strip().lower() in str(fact_value).strip().lower()


def expectations(claim: Claim) -> tuple[list[str], list]:
    """The facts of a ``fact`` claim and what each must hold: the first facts take, in order, the
    numbers the review reports (``reported``); the rest the check's ``value`` (one value for all
    of them, or one per fact separated by ``|``; a number in it compares within rounding)."""
    ids = [s.strip() for s in claim.arg("fact").split(",")]
    wants: list = list(claim.numbers())
    values = [v.strip() for v in claim.args["value"].split("|")] if "value" in claim.args else []
    rest = len(ids) - len(wants)
    if len(values) == 1 and rest > 1:
        values = values * rest
    if rest < 0 or len(values) != rest:
        where = "reported" if claim.reported else "args"
        raise ClaimInputError(
            where,
            f"{len(ids)} fact(s) ({', '.join(ids)}) but {len(wants)} reported number(s) "
            f"and {len(values)} value(s) in args",
        )
    for v in values:
        try:
            wants.append(parse_number(v))
        except ValueError:
            wants.append(v)
    return ids, wants


def _confirmed(claim: Claim, data: Dataset) -> tuple[list[str], list[str]] | None:
    """The facts that would confirm what the claim's facts leave unconfirmed (``confirm``) and those
    of them that do not hold what the review says (``confirmed``, one value for all or one per fact
    separated by ``|``, compared as :func:`_agrees` does); None while any is in no text read."""
    ids = [i.strip() for i in claim.args.get("confirm", "").split(",") if i.strip()]
    if not ids or not all(data.known(i) for i in ids):
        return None
    values = [v.strip() for v in claim.args.get("confirmed", "").split("|")]
    values = values * len(ids) if len(values) == 1 else values
    wants = []
    for v in values:
        try:
            wants.append(parse_number(v))
        except ValueError:
            wants.append(v)
    return ids, [i for i, want in zip(ids, wants, strict=True) if not _agrees(data.value(i), want)]


def _validate_fact(claim: Claim, data: Dataset) -> None:
    ids, _ = expectations(claim)
    confirm = [i for i in claim.args.get("confirm", "").split(",") if i.strip()]
    values = claim.args.get("confirmed", "").split("|")
    if confirm and (not claim.args.get("confirmed") or len(values) not in (1, len(confirm))):
        raise ClaimInputError("args", f"confirm={claim.args['confirm']}: give one confirmed value, or one per fact")
    if "reads" in claim.args:
        try:
            check_template(claim.args["reads"])
            claim.args["reads"].format(*(data.value(i) for i in ids))
        except (IndexError, KeyError, ValueError) as e:
            raise ClaimInputError(
                "args",
                f"reads={claim.args['reads']}: its {{}} slots must take the {len(ids)} fact value(s) in order ({e})",
            ) from None


@check(
    "fact",
    kinds=("number", "effect", "citation", "qualitative"),
    reported=None,
    args={
        "fact": "facts",
        "value?": "text",
        "why?": "text",
        "unconfirmed?": "text",
        "reads?": "text",
        "confirm?": "facts",
        "confirmed?": "text",
    },
    validate=_validate_fact,
    rule="""Reproduced when every fact named holds what the review reports: a number within rounding at the
    precision the review writes it ('53%' is any value from 52.5% to 53.5%), a text when the source's
    recorded value contains it. Consistent when it agrees but rests on a source the review does not cite, or
    on a part read nowhere (the reason says which). Not reproduced when any fact differs. Not checkable when a
    fact is in no text read. Where a text read gives the facts that would confirm the part read nowhere (its
    confirm facts), the claim is judged on them too: overstated when one does not hold what the review says.""",
)
def fact_states(claim: Claim, data: Dataset) -> Result:
    """The claim's ``fact`` (one id or several, comma-separated) must hold what the review reports
    (its numbers, in ``reported``, in order) and the check's ``value`` for the rest (see
    :func:`expectations`).

    A fact that no text read gives (type 'missing') makes the claim not checkable; the fact's
    note says what is missing and where it would be found. The reason quotes the source's words.
    """
    ids, wants = expectations(claim)
    missing = [i for i in ids if not data.known(i)]
    if missing:
        return not_checkable(data, missing)
    shown = "; ".join(f"{data.fact(i).value}{(' ' + data.fact(i).unit) if data.fact(i).unit else ''}" for i in ids)
    wrong = [i for i, want in zip(ids, wants, strict=False) if not _agrees(data.value(i), want)]
    places = list(dict.fromkeys(where(data, i, part=False) for i in ids))
    cited, verb = " and the ".join(places), "give" if len(places) > 1 else "gives"
    quotes = tuple(dict.fromkeys(ids))
    if wrong:
        said = " and ".join(str(w) for w in wants)
        return Result(NOT_REPRODUCED, shown, f"The {cited} {verb} {shown}; the review says '{said}'.", quotes=quotes)
    why = f" {sentence(claim.args['why'])}" if claim.args.get("why") else ""
    if claim.args.get("reads"):  # how a reader would say what the facts hold ('gives pain falling from {0} to {1}')
        verb, shown = "", claim.args["reads"].format(*(data.value(i) for i in ids))
    uncited = [i for i in ids if data.fact(i).source_id not in (*claim.refs, "Review")]
    confirmed = _confirmed(claim, data)
    if confirmed is not None:
        ids_c, wrong_c = confirmed
        more = "; ".join(f"{data.fact(i).value}{(' ' + data.fact(i).unit) if data.fact(i).unit else ''}" for i in ids_c)
        quotes = tuple(dict.fromkeys((*ids, *ids_c)))
        if wrong_c:
            given = " and ".join(f"{where(data, i, part=False)} gives {data.fact(i).value}" for i in wrong_c)
            return Result(
                OVERSTATED,
                f"{shown}; {more}",
                f"The {cited} {verb} {shown}, as the review says, but the {given} where "
                f"'{claim.args['confirmed']}' would confirm it.".replace("  ", " "),
                quotes=quotes,
            )
        given = " and the ".join(f"{where(data, i, part=False)} gives {data.fact(i).value}" for i in ids_c)
        verb, shown = "", f"{verb} {shown}, and the {given}".strip()
    if uncited or (claim.args.get("unconfirmed") and confirmed is None):
        # agreeing, but not read in the cited source itself (or part of the claim read nowhere)
        but = claim.args.get("unconfirmed") or "though that is not the source the review cites"
        return Result(
            CONSISTENT,
            shown,
            f"The {cited} {verb} {shown}, as the review says, {but}.{why}".replace("  ", " "),
            quotes=quotes,
        )
    return Result(
        REPRODUCED, shown, f"The {cited} {verb} {shown}, as the review says.{why}".replace("  ", " "), quotes=quotes
    )


@check(
    "wording",
    kinds=("qualitative",),
    reported=None,
    args={"fact": "fact", "says": "text"},
    rule="""Reproduced when the source's own words (the quote recorded) contain the review's wording; overstated
    when they do not; not checkable when the fact is in no text read.""",
)
def wording(claim: Claim, data: Dataset) -> Result:
    """The record must make the review's statement as strongly as the review does.

    ``fact`` is the recorded statement; ``says`` is the stronger wording of the review that the
    source would have to contain, looked for in the source's own words (the fact's quote). Missing
    fact: not checkable; wording absent: overstated.
    """
    fid, says = claim.arg("fact"), claim.arg("says")
    if not data.known(fid):
        return not_checkable(data, [fid])
    recorded = str(data.value(fid))
    if says.lower() in data.fact(fid).quote.lower():
        return Result(
            REPRODUCED, recorded, f"The {where(data, fid, part=False)} says it in as many words.", quotes=(fid,)
        )
    return Result(
        OVERSTATED,
        recorded,
        f"The {where(data, fid, part=False)} says only that {recorded}; it does not say '{says}'.",
        quotes=(fid,),
    )
