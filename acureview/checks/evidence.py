"""Checks of the review's statements about bodies of evidence against what the cited sources say, in
their own words (or, where the review cites none that can be read, against the best available
evidence), and the card's two lines: what the review cites and whether it holds the statement
(:func:`citation_line`), and what the best available evidence says (:func:`evidence_line`). The
helpers of a reason that weighs the best evidence (:func:`best_evidence`, :func:`reason`) serve the
course and conclusion checks too."""

from __future__ import annotations

import re

from .. import fmt
from ..data import Claim, ClaimInputError, Dataset, UnusableFact
from ..studies.sources import source_label, where
from ..verdicts import (
    CITATION_ERROR,
    CONSISTENT,
    CONTRADICTED,
    INCONSISTENT,
    MAJOR,
    MINOR,
    NOT_CHECKABLE,
    NOT_REPRODUCED,
    OVERSTATED,
    REPRODUCED,
    SEVERITIES,
    UNCITED,
    UNSUPPORTED,
    milder,
    severity_by_importance,
)
from .common import full_text_sought, not_checkable, sentence
from .registry import Result, check

BEARS = ("agrees", "in part", "contradicts", "none found")
#: how a claim listing several things (pathways, outcomes) is judged against a source's words
NAMES_RULE = (
    "A claim that lists several things is reproduced when the cited source's words name every one of them, "
    "overstated when they name some and not the others, and unsupported when they name none."
)
LEADS = {
    "agrees": "The best available evidence agrees",
    "in part": "The best available evidence agrees only in part",
    "contradicts": "The best available evidence says otherwise",
    "none found": "No better evidence was found",
}


def _cited_state(claim: Claim, data: Dataset, nearest: str = "") -> tuple[list[str], str]:
    """The claim's cited references that can be read (found as cited), and a clause on the others
    (``nearest``: a reference whose nearest record was read, and is a different article)."""
    found, lost = [], []
    for r in claim.refs:
        s = data.sources[r]
        label = f"[{s['review_ref']}]" if s["review_ref"] else source_label(data, r)
        if s["found"] == "yes":
            found.append(r)
        elif s["found"] == "nearest":
            lost.append(
                f"{label} matches no published article" + (" (the nearest is a different one)" if r == nearest else "")
            )
        else:
            recent = recency(data, r)
            lost.append(f"{label} could not be found" + (f" ({recent.replace(label, 'it', 1)})" if recent else ""))
    if not lost:
        return found, ""
    if len(claim.refs) == 1:
        return found, f"The only source cited, {lost[0]}".replace(" could not", ", could not", 1)
    return found, (
        f"{'Neither' if len(claim.refs) == 2 else 'None'} of the sources cited can be found: "
        if not found
        else "Not every source cited can be found: "
    ) + ", and ".join(lost)


ABSTRACT = "Abstract"  # the section whose sentences, by convention, cite nothing
#: how the best evidence bears on an abstract's sentence -> its verdict (:func:`abstract_sentence`)
ABSTRACT_VERDICTS = {"agrees": CONSISTENT, "in part": OVERSTATED, "contradicts": CONTRADICTED}


def body_clause(claim: Claim, data: Dataset) -> str:
    """What the review cites for an abstract's sentence: nothing in the abstract, by convention, and
    whatever its counterpart in the body (``body``, a claim id) cites, found or not."""
    body_id = claim.args.get("body")
    if not body_id:
        return "The abstract cites nothing, by convention, and the body does not say it with a source"
    body = next(c for c in data.claims if c.claim_id == body_id)
    where_ = f"where the body says it (section {body.section})"
    if not body.refs:
        return f"The abstract cites nothing, by convention, and {where_} it cites nothing either"

    return f"The abstract cites nothing, by convention; {where_} it cites {cited_refs(body.refs, data)}"


def cited_refs(refs: tuple[str, ...], data: Dataset) -> str:
    """The references ``refs`` as the review numbers them, with those that could not be found:
    '[1, 3, 7], of which [7] could not be found'."""

    def labels(ids):
        return "[" + ", ".join(data.sources[r]["review_ref"] or source_label(data, r) for r in ids) + "]"

    lost = [r for r in refs if data.sources[r]["found"] != "yes"]
    if not lost:
        how = {r: how_read(data.sources[r]) for r in refs}
        if len(set(how.values())) == 1:
            state = ("" if len(refs) == 1 else "each ") + how[refs[0]]
        else:
            return fmt.in_words(f"{labels([r])} {how[r]}" for r in refs)
    elif len(lost) == len(refs):
        state = "which could not be found" if len(lost) == 1 else "none of which could be found"
    else:
        state = f"of which {labels(lost)} could not be found"
    return f"{labels(refs)}, {state}"


#: what of a source was read (``read_from`` of sources.csv), as a card says it
READ_AS = {
    "abstract": "read as an abstract",
    "full text": "read in full",
    "landing page": "read as its landing page",
    "record": "read as its record",
    "secondary source": "read only as a secondary source gives it",
}


def how_read(source: dict) -> str:
    """What of a found source was read, and whether a full text it has was read too: 'read as an
    abstract (its full text is public, not read here)', the same account as the facts page's."""
    how = READ_AS.get(source["read_from"], "read")
    if source["read_from"] != "full text" and source["full_text"] == "public, not read here":
        how += " (its full text is public, not read here)"
    return how


#: a verdict -> whether the cited source holds the statement, for the card's citation line
HOLDS = {
    REPRODUCED: "it holds the statement",
    CONSISTENT: "what was read of it agrees, without confirming it",
    NOT_REPRODUCED: "it gives other numbers",
    INCONSISTENT: "the review's own numbers cannot all be true",
    OVERSTATED: "it holds only a weaker or narrower statement",
    CONTRADICTED: "it, or the best evidence, says otherwise",
    UNSUPPORTED: "it does not hold the statement, or cannot be read to say",
    NOT_CHECKABLE: "what would settle it could not be read",
    CITATION_ERROR: "its entry differs from the record",
}


def citation_line(claim: Claim, data: Dataset, verdict: str) -> str:
    """The card's first line: what the review cites for the claim and whether it holds the statement."""
    if not claim.refs and claim.section == ABSTRACT:
        return sentence(body_clause(claim, data))
    if not claim.refs:
        return "The review cites no source for it."
    holds = HOLDS.get(verdict, "")
    return sentence(f"The review cites {cited_refs(claim.refs, data)}" + (f"; {holds}" if holds else ""))


def evidence_line(claim: Claim, data: Dataset) -> str:
    """The card's second line: what the best available evidence says of the claim, with its certainty
    as its sources grade it (``certainty``); empty where the claim names no evidence."""
    best, ids = best_evidence(claim, data, given_only=True)  # the card of a claim not checkable for it too
    if not best:
        return ""
    certainty = claim.args.get("certainty", "")
    graded = f"Its certainty: {certainty}." if certainty else "Its certainty is not graded in what was read."
    return f"{sentence(best[:1].upper() + best[1:])} {graded if ids else ''}".strip()


#: a rate in a finding's words, computed from its fact: ``{rate:FACT}``, the fact given "per N people"
RATE = re.compile(r"\{rate:([^{}]*)\}")


def finding(claim: Claim, data: Dataset, given_only: bool = False) -> tuple[str, tuple[str, ...]]:
    """The claim's ``finding``, each ``{rate:FACT}`` in it written from the fact as "one in N
    people" (:func:`acureview.fmt.one_in`; ``baeumler2021.sae_per_10000``, 1.01 per 10000 patients,
    reads "one in 10,000 patients"), and the facts it read. A fact the record does not give as a
    number raises :class:`~acureview.data.UnusableFact` (the claim is then not checkable), or, with
    ``given_only``, is left out of the words ("a rate not given")."""
    ids: list[str] = []

    def rate(match: re.Match) -> str:
        fact_id = match.group(1).strip()
        if fact_id not in data.facts:
            raise ClaimInputError("args", f"finding: {{rate:{fact_id}}} names no fact of facts.csv")
        fact = data.fact(fact_id)
        per = re.fullmatch(r"per (\d+) (\w+)", fact.unit)
        if per is None:
            raise ClaimInputError(
                "args", f"finding: {{rate:{fact_id}}} needs a number 'per N people'; the fact's unit is '{fact.unit}'"
            )
        ids.append(fact_id)
        try:
            value = data.value(fact_id)
            if not isinstance(value, int | float):
                raise UnusableFact(fact, data.folder / "facts.csv", "a number")
        except UnusableFact:
            if given_only:
                return "a rate not given"
            raise
        return f"{fmt.one_in(value / int(per[1]))} {per[2]}"

    return RATE.sub(rate, claim.args.get("finding", "").strip()), tuple(ids)


def best_evidence(claim: Claim, data: Dataset, given_only: bool = False) -> tuple[str, tuple[str, ...]]:
    """The clause on the best available evidence (``bears`` and ``finding``, :func:`finding`) and its facts."""
    ids = tuple(i.strip() for i in claim.args.get("evidence", "").split(",") if i.strip())
    if not ids:
        needs = claim.args.get("needs")
        return (f"no better evidence was found, and it would need {needs}" if needs else ""), ()
    lead = LEADS[claim.args.get("bears", "agrees")]
    found, read = finding(claim, data, given_only)
    return (f"{lead}: {found}" if found else lead), ids + read


def _severity(claim: Claim) -> str:
    """The severity of an uncited or unsupported statement, from how the best evidence bears on it:
    one the evidence bears out misleads no one (minor); one it bears out in part misleads (major);
    never graver than the claim's importance allows. With no evidence, or against it, the importance
    alone decides (left to the registry). A ``severity`` in the claim's arguments is the judgment
    itself, where the rule would misjudge (design.md: minor when no reader would be misled about a
    study or a number, as for a hedged statement)."""
    if claim.args.get("severity"):
        return claim.args["severity"]
    by_evidence = {"agrees": MINOR, "in part": MAJOR}.get(claim.args.get("bears", ""), "")
    return milder(by_evidence, severity_by_importance(claim.importance)) if by_evidence else ""


def recency(data: Dataset, source_id: str) -> str:
    """For a reference not found: whether it may be too recent to be indexed (dated the review's year)."""
    s = data.sources[source_id]
    year = data.number("review.year") if data.known("review.year") else None
    if s["found"] == "no" and year and s["cited_year"] and int(s["cited_year"]) >= int(year):
        return f"[{s['review_ref']}] may be too recent to be listed, which would make the claim not checkable"
    return ""


STARTERS = {"A", "An", "The", "It", "Its", "If", "No", "Not", "Read", "Every", "Both", "Each", "In", "Only", "On"}


def _clause(text: str) -> str:
    """A sentence made a clause to join with others: its full stop dropped, its first word lowered
    when it is an ordinary word (never a name)."""
    text = text.strip().rstrip(".")
    return text[:1].lower() + text[1:] if text.split(" ", 1)[0] in STARTERS else text


def reason(first, second=()) -> str:
    """A reason in at most two sentences, each the clauses of a list joined: usually what was found,
    then what would change the verdict (another reading, a missing text)."""
    joined = ("; ".join(_clause(p) for p in parts if p and p.strip()) for parts in (first, second))
    return " ".join(sentence(s) for s in joined if s)


def _validate_support(claim: Claim, data: Dataset) -> None:
    """Something to judge the claim by: a fact of a source it cites (``fact``), or, where it cites
    none that was found, the best available evidence (``evidence``) or what would settle it
    (``needs``). Without them the verdict would rest on nothing read."""
    fid = claim.args.get("fact")
    if fid:
        source = data.fact(fid).source_id
        if source not in claim.refs:
            cited = ", ".join(claim.refs) or "none"
            raise ClaimInputError(
                "args", f"fact={fid}: a fact of {source}, which the claim does not cite (it cites: {cited})"
            )
        return
    found = [r for r in claim.refs if data.sources[r]["found"] == "yes"]
    if found:
        raise ClaimInputError(
            "args",
            f"no 'fact=': the claim cites {', '.join(found)}, which was read; name the fact of it that the "
            "claim is judged by",
        )
    body = claim.args.get("body")
    if body:
        if claim.section != ABSTRACT:
            raise ClaimInputError("args", f"body={body}: only a sentence of the abstract has a counterpart in the body")
        target = next((c for c in data.claims if c.claim_id == body), None)
        if target is None or target.section == ABSTRACT:
            raise ClaimInputError("args", f"body={body}: not a claim of the review's body (claims.csv)")
    if not (claim.args.get("evidence") or claim.args.get("needs")):
        raise ClaimInputError(
            "args",
            "nothing to judge the claim by: no 'fact=' of a source it cites, no 'evidence=' (the best "
            "available evidence) and no 'needs=' (what would settle it)",
        )


@check(
    "support",
    kinds=("number", "qualitative"),
    reported=None,
    args={
        "fact?": "fact",
        "says?": "text",
        "names?": "text",
        "contains?": "text",
        "needs?": "text",
        "evidence?": "facts",
        "bears?": BEARS,
        "finding?": "text",
        "why?": "text",
        "alternative?": "text",
        "severity?": tuple(SEVERITIES),
        "body?": "text",
        "certainty?": "text",
    },
    validate=_validate_support,
    rule="""Against a fact of a source the review cites, in the source's own words: unsupported when they do not
    mention the subject the claim needs, overstated when they lack its wording, reproduced when they have it.
    Without a readable cited source: uncited when the review cites none, unsupported when its sources cannot be
    found; either is contradicted where the best available evidence says otherwise. Severity of an unsupported or
    uncited claim: minor where the best evidence agrees, major where it agrees only in part (never graver than
    the claim's importance allows), or the judgment recorded on the claim where the rule would misjudge it. An
    overstated claim takes the severity of its importance, whatever the best evidence says.""",
)
def support(claim: Claim, data: Dataset) -> Result:
    """Does a cited source say it, in its own words? And if the review cites nothing that can be
    read, what does the best available evidence say?

    ``fact`` names a recorded statement of a cited source bearing on the claim; its words (the
    quote) are compared with the claim: ``contains`` a subject the source must mention at all
    (absent: unsupported), ``says`` the wording the claim needs (absent: overstated), ``names`` the
    things the claim asserts, separated by ``|`` (:data:`NAMES_RULE`). ``evidence``
    names facts from the best available sources the review does not cite (a consensus definition,
    a Cochrane review, a large cohort), ``bears`` how they bear on the statement (agrees, in part,
    contradicts, none found) and ``finding`` what they show, in one plain sentence; ``why`` the methodological judgment, in one
    plain sentence, that the cited source's words bear (who was enrolled, what the control was, how
    the outcome was collected); ``needs`` says
    what would settle a claim no evidence was found for; ``alternative`` how another reasonable
    reading of the review (which sentences a citation covers) would change the verdict.

    A claim citing nothing is uncited; one whose cited sources cannot be found, or do not contain
    it, is unsupported; either is contradicted where the best evidence says otherwise. A sentence of
    the abstract, which by convention cites nothing, is never uncited: the reason names what its
    counterpart in the body (``body``) cites, and its verdict is what the best evidence says of it
    (:func:`abstract_sentence`). ``certainty`` is the certainty of the best evidence, as its sources
    grade it, for the card.
    """
    fid = claim.args.get("fact")
    nearest = data.fact(fid).source_id if fid and data.sources[data.fact(fid).source_id]["found"] == "nearest" else ""
    found, state = _cited_state(claim, data, nearest)
    best, ids = best_evidence(claim, data)
    alternative = claim.args.get("alternative", "")
    why = claim.args.get("why", "")
    if fid and data.fact(fid).source_id in found:
        f = data.fact(fid)
        if f.type == "missing":
            r = not_checkable(data, [fid])
            return Result(
                NOT_CHECKABLE,
                r.rederived,
                reason([r.reason, full_text_sought(data, claim), alternative], [best]),
                missing=r.missing,
                quotes=ids,
            )
        quotes = (fid, *ids)
        lost = [state] if state else []
        if claim.args.get("names"):
            return _names(claim, data, fid, [*lost, alternative], best, quotes)
        contains, says = claim.args.get("contains", ""), claim.args.get("says", "")
        if contains and contains.lower() not in f.quote.lower():
            against = claim.args.get("bears") == "contradicts"
            return Result(
                CONTRADICTED if against else UNSUPPORTED,
                str(f.value),
                reason(
                    [why or f"The {where(data, fid, part=False)} does not mention '{contains}'", *lost, alternative],
                    [best],
                ),
                severity="" if against else _severity(claim),
                quotes=quotes,
            )
        if says and says.lower() not in f.quote.lower():
            return Result(
                OVERSTATED,
                str(f.value),
                reason(
                    [why or f"The {where(data, fid, part=False)} does not say '{says}'", *lost, alternative], [best]
                ),
                quotes=quotes,
            )
        said = (
            f"The {where(data, fid, part=False)} gives {f.value:g}{f.unit if f.unit == '%' else ' ' + f.unit}"
            if isinstance(f.value, (int, float))
            else f"The {where(data, fid, part=False)} says so"
        )
        return Result(
            REPRODUCED,
            str(f.value),
            reason([f"{said}{', and ' + _clause(why) if why else ''}", alternative], [best]),
            quotes=quotes,
        )
    quotes = (fid, *ids) if nearest else ids
    if not claim.refs and claim.section == ABSTRACT:
        return abstract_sentence(claim, data, best, quotes)
    if claim.args.get("bears") == "contradicts":
        return Result(
            CONTRADICTED,
            "contradicted",
            reason([state or "The review cites no source for it", alternative], [best]),
            quotes=quotes,
        )
    if not claim.refs:
        return Result(
            UNCITED,
            "no source cited",
            reason(["The review cites no source for it", alternative], [best]),
            severity=_severity(claim),
            quotes=quotes,
        )
    return Result(
        UNSUPPORTED, "no source found", reason([state, alternative], [best]), severity=_severity(claim), quotes=quotes
    )


def abstract_sentence(claim: Claim, data: Dataset, best: str, quotes: tuple[str, ...]) -> Result:
    """A sentence of the abstract, judged against the review's body and the best evidence: consistent
    where the evidence agrees, overstated where it agrees only in part, contradicted where it says
    otherwise, not checkable where none was found; the reason names what the body cites for it."""
    verdict = ABSTRACT_VERDICTS.get(claim.args.get("bears", ""), NOT_CHECKABLE)
    cited = body_clause(claim, data)
    text = reason([cited, claim.args.get("alternative", "")], [best])
    if verdict == NOT_CHECKABLE:
        return Result(NOT_CHECKABLE, "no evidence found", text, missing=claim.args.get("needs", ""), quotes=quotes)
    severity = _severity(claim) if verdict == OVERSTATED else ""
    return Result(verdict, LEADS[claim.args["bears"]].lower(), text, severity=severity, quotes=quotes)


def _names(claim: Claim, data: Dataset, fid: str, more: list[str], best: str, quotes) -> Result:
    """The things a claim lists (``names``) looked for in a cited source's words (:data:`NAMES_RULE`)."""
    f = data.fact(fid)
    listed = [n.strip() for n in claim.args["names"].split("|") if n.strip()]
    named = [n for n in listed if n.lower() in f.quote.lower()]
    unnamed = [n for n in listed if n not in named]
    text = f"The {where(data, fid, part=False)}"
    if not unnamed:
        return Result(
            REPRODUCED, str(f.value), reason([f"{text} names {fmt.in_words(named)}", *more], [best]), quotes=quotes
        )
    if not named:
        return Result(
            UNSUPPORTED,
            str(f.value),
            reason([f"{text} names none of {fmt.in_words(listed)}", *more], [best]),
            severity=_severity(claim),
            quotes=quotes,
        )
    return Result(
        OVERSTATED,
        str(f.value),
        reason(
            [f"{text} names {fmt.in_words(named)} but not {fmt.in_words(unnamed).replace(' and ', ' or ')}", *more],
            [best],
        ),
        quotes=quotes,
    )
