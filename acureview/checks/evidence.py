"""Checks of the review's statements about bodies of evidence: what the cited sources (or, where
the review cites none, sources it could have cited) say; the pain meta-analyses; the proposed
course of treatment; and the review's conclusions set against this book's reanalyses."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .. import fmt
from ..appraisal import certainty, certainty_sentence
from ..data import Claim, ClaimInputError, Dataset
from ..methods import grade as grade_method
from ..studies import rct1
from ..studies.courses import STUDY_SCHEDULES, fits, randomized, schedules
from ..studies.pain_meta import PAIN_CONDITIONS, effect_range
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

MODEST = 0.5  # a standardized difference below Cohen's 'medium' counts as modest
PERSISTS = 50  # an effect less than this many percent smaller at the horizon has mostly persisted


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


def evidence_line(claim: Claim) -> str:
    """The card's second line: what the best available evidence says of the claim, with its certainty
    as its sources grade it (``certainty``); empty where the claim names no evidence."""
    best, ids = _evidence(claim)
    if not best:
        return ""
    certainty = claim.args.get("certainty", "")
    graded = f"Its certainty: {certainty}." if certainty else "Its certainty is not graded in what was read."
    return f"{sentence(best[:1].upper() + best[1:])} {graded if ids else ''}".strip()


def _evidence(claim: Claim) -> tuple[str, tuple[str, ...]]:
    """The clause on the best available evidence (``bears`` and ``finding``) and its facts."""
    ids = tuple(i.strip() for i in claim.args.get("evidence", "").split(",") if i.strip())
    if not ids:
        needs = claim.args.get("needs")
        return (f"no better evidence was found, and it would need {needs}" if needs else ""), ()
    lead = LEADS[claim.args.get("bears", "agrees")]
    finding = claim.args.get("finding", "").strip()
    return (f"{lead}: {finding}" if finding else lead), ids


#: the facts behind :func:`sham_effect`: the effects of [4] against sham and no acupuncture, its words on them, and the
#: IMMPACT recommendation that keeps group differences apart from one patient's change
SHAM_FACTS = (
    "vickers2012.sham.back_neck",
    "vickers2012.none.back_neck",
    "vickers2012.modest",
    "dworkin2009.two_processes",
)


def sham_effect(data: Dataset) -> str:
    """The effect of acupuncture on chronic pain in [4], computed from its facts: the range of its
    standardized differences against sham over the conditions, and against no acupuncture, each also in
    points on a 0-10 scale. Differences between groups, so the clause judges them by [4]'s own words and
    not by a threshold for one patient's change (Dworkin et al. 2009)."""
    lo, hi, points_lo, points_hi = effect_range(data, "sham")
    none_lo, none_hi, none_points_lo, none_points_hi = effect_range(data, "none")
    sd = data.assumption("cohort2.sd_for_smd").value
    return (
        f"the pain trials pooled in [4] give, against sham, {lo:g} to {hi:g} SD less pain (about {fmt.num(points_lo, 1)} "
        f"to {fmt.num(points_hi, 1)} points on a 0-10 scale at an SD of {sd:g}), and against no acupuncture "
        f"{none_lo:g} to {none_hi:g} SD (about {fmt.num(none_points_lo, 1)} to {fmt.num(none_points_hi, 1)} points), "
        f"differences between groups, which no threshold for one patient's change judges (Dworkin et al. 2009), "
        f"and the first of which [4] itself calls 'relatively modest'"
    )


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
    found; either is contradicted where the best available evidence says otherwise. Severity: minor where the best
    evidence agrees, major where it agrees only in part (never graver than the claim's importance allows), or
    the judgment recorded on the claim where the rule would misjudge it.""",
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
    best, ids = _evidence(claim)
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


#: the analysis whose standardized differences the abstract of [4] gives, and the comparison with a
#: control that [4] did not pool for the fourth condition it set out to study
ANALYSIS, NOT_POOLED = "vickers2012.outlying", "vickers2012.none.shoulder"


@check(
    "pain.effects",
    kinds=("effect",),
    reported=None,
    rule=f"""Reproduced when, in each condition for which the meta-analysis gives standardized differences
    against both controls ({fmt.in_words(PAIN_CONDITIONS.values())}: the estimates it gives after excluding an
    outlying set of trials), acupuncture beats both no acupuncture and sham (every interval's lower limit above
    zero) and beats sham by less than {MODEST:g} standard deviations (below Cohen's 'medium': modest); not
    reproduced otherwise. A comparison the meta-analysis did not pool (shoulder pain against no acupuncture) is
    not checked, and the reason says so.""",
)
def pain_effects(claim: Claim, data: Dataset) -> Result:
    """Superiority over no acupuncture and a modest benefit over sham, per condition of [4], in the
    analysis whose numbers its abstract gives, with the comparison it did not pool named."""
    none, sham, superior = {}, {}, True
    for cond in PAIN_CONDITIONS:
        none[cond] = float(data.number(f"vickers2012.none.{cond}"))
        sham[cond] = float(data.number(f"vickers2012.sham.{cond}"))
        superior &= (
            float(data.number(f"vickers2012.none.{cond}_low")) > 0 < float(data.number(f"vickers2012.sham.{cond}_low"))
        )
    modest = max(sham.values()) < MODEST
    got = "; ".join(
        f"{PAIN_CONDITIONS[c]}: {none[c]:g} SD against no acupuncture, {sham[c]:g} against sham"
        for c in PAIN_CONDITIONS
    )
    span = (
        f"better than no acupuncture by {fmt.num(min(none.values()), 2)} to {fmt.num(max(none.values()), 2)} standard deviations "
        f"and than sham by {fmt.num(min(sham.values()), 2)} to {fmt.num(max(sham.values()), 2)}"
    )
    conditions = fmt.in_words(PAIN_CONDITIONS.values())
    analysis = data.fact(ANALYSIS).value
    unpooled = (
        f"For shoulder pain it gives no comparison with no acupuncture (\u201c{data.fact(NOT_POOLED).value}\u201d), "
        f"so superiority over no treatment is not shown there."
    )
    quotes = (*(f"vickers2012.{arm}.{c}" for arm in ("none", "sham") for c in PAIN_CONDITIONS), ANALYSIS, NOT_POOLED)
    if superior and modest:
        return Result(
            REPRODUCED,
            got,
            f"{source_label(data, 'R4')}, {analysis}, found acupuncture {span} for {conditions}, every "
            f"interval above zero, as the review says. {unpooled}",
            quotes=quotes,
        )
    if superior:
        return Result(
            NOT_REPRODUCED,
            got,
            f"The benefit over sham is not modest in every condition checked: {analysis}, acupuncture was "
            f"{span} ({MODEST:g} or more is not modest). {unpooled}",
            quotes=quotes,
        )
    return Result(
        NOT_REPRODUCED,
        got,
        f"Not every interval excludes zero: {analysis}, acupuncture was {span}. {unpooled}",
        quotes=quotes,
    )


@check(
    "pain.persistence",
    kinds=("number",),
    reported=("months",),
    rule=f"""Reproduced when the meta-analysis follows the effect to the review's horizon and finds it less than
    {PERSISTS:g}% smaller there; not reproduced when it is {PERSISTS:g}% smaller or more; not checkable when the
    review names a horizon the meta-analysis does not reach.""",
)
def pain_persistence(claim: Claim, data: Dataset) -> Result:
    """Effects persisting for the review's number of months ('≥ 12 months'), against the decay of
    the effect the update of the IPD meta-analysis [5] reports at its horizon."""
    months = claim.number()
    horizon = float(data.number("vickers2018.decay_months"))
    decay = float(data.number("vickers2018.decay_12m_pct"))
    when = "1 year" if horizon == 12 else f"{horizon:g} months"
    got = f"{decay:g}% smaller at {when}"
    if not months.agrees(horizon):
        missing = f"follow-up beyond {when} in the trials of the IPD meta-analysis; not in its abstract read"
        return Result(
            NOT_CHECKABLE,
            got,
            f"{source_label(data, 'R5')} follows the effect to {when} only "
            f"({decay:g}% smaller then); the review says {months}.",
            missing=missing,
        )
    if decay < PERSISTS:
        quotes = ("vickers2018.decay_12m_pct", "macpherson2017.sham.decline")
        return Result(
            REPRODUCED,
            got,
            f"{source_label(data, 'R5')} reports the effect {decay:g}% smaller at "
            f"{'one year' if horizon == 12 else when}, so most of it persists, as the review "
            f"says. That is the effect against all controls; against sham needling, an "
            f"analysis of the same trials, {source_label(data, 'MacPherson2017')}, found it "
            f"about halved by 12 months.",
            quotes=quotes,
        )
    return Result(
        NOT_REPRODUCED,
        got,
        f"{source_label(data, 'R5')} reports the effect {decay:g}% smaller at {'one year' if horizon == 12 else when}.",
    )


@check(
    "schedule",
    kinds=("number",),
    reported=("range",),
    args={"evidence?": "facts", "bears?": BEARS, "finding?": "text"},
    rule="""Against the courses of the studies the review cites: a course fits when it is weekly and its number
    of sessions within the range; one whose spacing is not stated fits in number only. Where the claim cites
    them: reproduced when every course fits, consistent when the only doubt is a spacing not stated,
    unsupported otherwise. Where it cites none: uncited, minor when every course fits; when a randomized trial
    it cites used another course, its severity is set by the claim's importance, since a clinician following
    the range would give a course other than the one tested against a control; major when only uncontrolled
    studies differ; and by the claim's importance when none fits.""",
)
def schedule(claim: Claim, data: Dataset) -> Result:
    """'6–12 weekly sessions' against the courses of the studies the review cites (:func:`fits`),
    weighing most the course of a randomized trial (:func:`randomized`), and the best available
    evidence on courses in practice (``evidence``, ``bears``, ``finding`` as for support)."""
    lo, hi = (r.value for r in claim.numbers())  # '6–12 weekly sessions'
    best, ids = _evidence(claim)
    found = schedules(data)
    parts, fit = [], {}
    for ref, (pw, n) in found.items():
        fit[ref] = fits(lo, hi, pw, n)
        how = f"{pw:g} a week" if pw else "frequency not stated, so within the range in number only"
        parts.append(f"[{data.sources[ref]['review_ref']}] {n:g} sessions ({how})")
    got = "; ".join(parts)
    ids = (*(f for facts in STUDY_SCHEDULES.values() for f in facts if f), *ids)
    if claim.refs:
        states = set(fit.values())
        verdict = UNSUPPORTED if False in states else CONSISTENT if None in states else REPRODUCED
        return Result(verdict, got, f"The studies the review cites used: {got}.", quotes=ids)
    if all(f is not False for f in fit.values()):
        return Result(
            UNCITED,
            got,
            reason(
                [
                    f"The review cites no source for the course; every study it cites elsewhere "
                    f"used a course within {lo:g}-{hi:g} weekly sessions: {got}"
                ],
                [best],
            ),
            severity=MINOR,
            quotes=ids,
        )
    tested = [r for r in randomized(data) if fit.get(r) is False]
    dose = "".join(
        f"; {lo:g}-{hi:g} sessions are {fmt.pct(lo / found[r][1], 0)} to {fmt.pct(hi / found[r][1], 0)} of the "
        f"{found[r][1]:g} the randomized trial [{data.sources[r]['review_ref']}] tested"
        for r in tested
    )
    others = sum(f is False for f in fit.values())
    return Result(
        UNCITED,
        got,
        reason(
            [
                f"The review cites no source for the course, and {others} of the {len(fit)} studies it cites "
                f"elsewhere used another schedule: {got}{dose}"
            ],
            [best],
        ),
        severity="" if tested or others == len(fit) else MAJOR,
        quotes=ids,
    )


@dataclass(frozen=True)
class Standard:
    """What a conclusion's word asks of the evidence: the benefit it implies (``threshold``, a key of
    :data:`THRESHOLDS`) and the lowest GRADE certainty at which the wording fits (Santesso et al.
    2020: a plain statement for high certainty, 'likely' for moderate, 'may' for low)."""

    word: str
    threshold: str
    certainty: str
    meaning: str


THRESHOLDS = {
    "any": "any benefit",
    "minimal": "a gain of at least the lower quartile of the smallest worthwhile differences in response "
    "(Sahker et al. 2024)",
    "meaningful": "a gain of at least the median smallest worthwhile difference in response (Sahker et al. 2024)",
}

STANDARDS = {
    "promising": Standard("promising", "any", "low", "a benefit that may be real"),
    "may reduce": Standard(
        "may reduce", "any", "low", "a benefit that may be real, in Santesso's words for low certainty"
    ),
    "clinically meaningful": Standard(
        "clinically meaningful", "meaningful", "high", "a benefit that patients would find worthwhile, stated plainly"
    ),
}

LIKELY = 0.95  # the primary analysis must give the word's benefit at least this probability
FAIR = 0.5  # and every reasonable prior must make it more likely than not


def _percent(x: float) -> str:
    """A threshold in percent, as few digits as it has: '95%', '99.9%'."""
    return f"{round(100 * x, 6):g}%"


def _at_least(level: str) -> str:
    """'high certainty', or 'low certainty or higher'."""
    return f"{level} certainty" + ("" if level == grade_method.LEVELS[-1] else " or higher")


def conclusion_rule() -> str:
    """The conclusion check's decision rule in plain words, from the constants the code uses."""
    words = "; ".join(
        f"'{s.word}' asks for {THRESHOLDS[s.threshold]} and {_at_least(s.certainty)}" for s in STANDARDS.values()
    )
    return (
        f"Each conclusion is judged on its own word ({words}, the wording Santesso et al. 2020 give each "
        f"level of certainty). In the review's one randomized trial [1], all randomized patients with the dropouts "
        f"modelled, the word's benefit (in percentage points of response) must have a posterior probability "
        f"of at least {_percent(LIKELY)} under the evidence-based prior and more than {_percent(FAIR)} under "
        f"every reasonable prior; a prior giving harm {fmt.pct(rct1.EXTREME_HARM, 0)} or more beforehand is "
        f"shown as an extreme and not counted. The trial bearing the word out, the certainty reaching "
        f"what the word asks, and what the claim adds beyond the trial borne out by the best evidence: "
        f"reproduced (consistent where the trial's counts are rebuilt from the review's percentages). "
        f"The trial bearing the word out but the certainty or an addition falling short: overstated, "
        f"major. The trial not bearing the word out, or the best evidence saying otherwise of what the claim "
        f"adds: overstated, its severity set by the claim's importance. "
        f"The reason adds the sham-controlled effect of acupuncture on chronic pain in [4], from its facts."
    )


def _trial(data: Dataset, standard: Standard) -> dict:
    """The trial's probabilities of any benefit, of the minimal and of the meaningful gain under the
    evidence-based prior, and of the word's benefit under each reasonable prior and each extreme."""
    mid, q1, _ = rct1.important_difference(data)
    cut = {"any": 0.0, "minimal": q1, "meaningful": mid}
    ts = tuple(cut.values())
    all_priors = rct1.priors(data)
    fair = rct1.reasonable(data)

    def p_above(prior):
        return rct1.randomized_summary(data, prior, thresholds_=ts, quantiles=False)["p_above"]

    primary = p_above(all_priors["evidence"])
    t = cut[standard.threshold]
    return {
        "cut": cut,
        "primary": {k: primary[v] for k, v in cut.items()},
        "fair": {k: p_above(p)[t] for k, p in fair.items() if k != "evidence"},
        "extreme": {k: p_above(p)[t] for k, p in all_priors.items() if k not in fair},
    }


def _side_by_side(trial: dict) -> str:
    p, cut = trial["primary"], trial["cut"]
    return (
        f"P(any benefit) {fmt.prob(p['any'])}, P(gain >= {fmt.num(100 * cut['minimal'], 0)} points) "
        f"{fmt.prob(p['minimal'])}, P(gain >= {fmt.num(100 * cut['meaningful'], 0)} points) {fmt.prob(p['meaningful'])}"
    )


@check(
    "conclusion",
    kinds=("qualitative",),
    reported=None,
    args={"word": tuple(STANDARDS), "adds": "text", "evidence?": "facts", "bears": BEARS, "finding": "text"},
    rule=conclusion_rule(),
)
def conclusion(claim: Claim, data: Dataset) -> Result:
    """A headline conclusion judged on its own word (:data:`STANDARDS`; the rule in words:
    :func:`conclusion_rule`): the trial [1]'s posterior probability of the word's benefit under
    the primary analysis and the reasonable priors (no sampling), the GRADE certainty of the
    evidence against the certainty the wording needs, and what the claim adds beyond the trial
    (``adds``), weighed by the best evidence (``evidence``, ``bears``, ``finding``). The cohort [2]
    cannot bear on it: without a control group its change mixes needling, ritual and natural course."""
    standard = STANDARDS[claim.args["word"]]
    obs, ctrl = rct1.arms(data)
    if obs.responders is None or ctrl.responders is None:
        return not_checkable(
            data,
            [f"{rct1.STUDY}.obs.responders", f"{rct1.STUDY}.ctrl.responders"],
            "The trial's response counts are not known, so its reanalysis cannot be computed.",
        )
    trial = _trial(data, standard)
    p, t = trial["primary"][standard.threshold], trial["cut"][standard.threshold]
    fair, extreme = trial["fair"], trial["extreme"]
    held = p >= LIKELY and min(fair.values()) > FAIR
    level = certainty(data.appraisal, "depression")[0]
    certain = grade_method.LEVELS.index(level) >= grade_method.LEVELS.index(standard.certainty)
    adds_held = claim.args["bears"] == "agrees"
    adds_against = claim.args["bears"] == "contradicts"
    _, ids = _evidence(claim)

    counts = "the trial's own counts" if obs.source == "record" else "counts rebuilt from the review's percentages"
    split = min(fair.values()) <= FAIR < max(fair.values())
    spread = (
        f"{fmt.prob(min(fair.values()))} to {fmt.prob(max(fair.values()))} under other reasonable priors"
        + (", so it depends on the prior" if split else "")
        + "".join(
            f", {fmt.prob(v)} under the extreme prior giving harm {fmt.pct(rct1.EXTREME_HARM, 0)}"
            for v in extreme.values()
        )
    )
    bar = (
        "which bears the word out"
        if held
        else f"which falls short of the {_percent(LIKELY)} the word asks of the primary analysis"
        if p < LIKELY
        else f"which falls short under a reasonable prior (more than {_percent(FAIR)} asked)"
    )
    trial_clause = (
        f"'{standard.word}' asks for {THRESHOLDS[standard.threshold]}"
        + (f", {fmt.num(100 * t, 0)} percentage points" if t else "")
        + f": in the review's one randomized trial [1], on {counts}, "
        f"its probability is {fmt.prob(p)} ({spread}), {bar}"
    )
    cohort_clause = (
        "the cohort [2] is without a control group and cannot separate the effect of needling from natural "
        f"course, and for chronic pain in general {sham_effect(data)}"
    )
    against = f"{LEADS['contradicts'][:1].lower()}{LEADS['contradicts'][1:]}: " if adds_against else ""
    adds_clause = f"'{claim.args['adds']}': {against}{claim.args['finding']}"
    certainty_clause = f"the wording fits {_at_least(standard.certainty)} (Santesso et al. 2020)" + (
        "" if certain else f", and the trial's evidence is of {level} certainty"
    )
    got = f"[1], all randomized, evidence-based prior: {_side_by_side(trial)} (percentage points of response)"
    why = sentence("; ".join([trial_clause, cohort_clause, adds_clause, certainty_clause]))
    quotes = ("sahker2024.swd_median", "sahker2024.swd_q1", "santesso2020.wording", *SHAM_FACTS, *ids)
    if held and certain and adds_held:
        verdict = REPRODUCED if obs.source == "record" else CONSISTENT
        return _with_certainty(Result(verdict, got, why, quotes=quotes), data)
    severity = MAJOR if held and not adds_against else ""  # else the claim's importance sets it
    return _with_certainty(Result(OVERSTATED, got, why, severity=severity, quotes=quotes), data)


# --- appraisal: the certainty of the evidence (GRADE) the conclusion claims rest on --------------------
def _with_certainty(result: Result, data: Dataset) -> Result:
    """The result with the GRADE certainty of the conclusions it combines appended to its reason
    (acureview.appraisal.grade, data/grade.csv)."""
    return replace(result, reason=f"{result.reason} {certainty_sentence(data.appraisal, keys=('depression', 'pain'))}")
