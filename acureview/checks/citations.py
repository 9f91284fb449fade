"""Reference entries: each field as the review cites it against the record, each difference graded.

A difference is minor when a reader would still find the right article (a journal under its
former name, a year one off, a reworded title, an abbreviated page range); major when the entry
points elsewhere or nowhere (other authors, another DOI or PMID, another journal, a title of
another article, no record at all)."""

from __future__ import annotations

import re
import unicodedata

from ..data import Claim, ClaimInputError, Dataset, bib_fields, normal_doi
from ..fmt import in_words
from ..verdicts import CITATION_ERROR, MAJOR, MINOR, OVERSTATED, REPRODUCED, SEVERITIES, UNSUPPORTED
from .common import recorded
from .evidence import reason, recency
from .registry import Result, check


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\u2010-\u2015\-]", " ", text)  # every dash alike
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def _authors(text: str) -> tuple[list[str], bool]:
    """Author list and whether it ends with 'et al.'."""
    etal = bool(re.search(r"\bet al\.?\s*$", text.strip()))
    text = re.sub(r",?\s*et al\.?\s*$", "", text.strip())
    return [_norm(a) for a in text.split(",") if a.strip()], etal


def _pages(text: str) -> str:
    """'417-21' -> '417-421' (an abbreviated last page written out)."""
    m = re.fullmatch(r"\s*(\d+)\s*[-\u2013]\s*(\d+)\s*", text)
    if not m:
        return _norm(text)
    first, last = m.groups()
    if len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return f"{first}-{last}"


FIELD_NAMES = {
    "authors": "authors",
    "title": "title",
    "journal": "journal",
    "year": "year",
    "volume": "volume",
    "issue": "issue",
    "pages": "pages",
    "doi": "DOI",
    "pmid": "PubMed id",
}
#: journals that changed their name: former -> current (a citation under either name finds the article)
RENAMED = {"arch intern med": "jama intern med"}  # Archives of Internal Medicine became JAMA Internal Medicine in 2013
#: a reworded title still finds the article when at least this share of the two titles' words is common to both
TITLE_OVERLAP = 0.5


def _words(text: str) -> set[str]:
    return set(_norm(text).split())


def grade(field: str, cited: str, record: str) -> str:
    """How much one differing field misleads: 'minor' or 'major' (see the module's docstring)."""
    if field == "authors":
        c, _ = _authors(cited)
        r, _ = _authors(record)
        return MINOR if c and r and c[0] == r[0] else MAJOR  # the first author is how an article is found
    if field == "journal":
        a, b = _norm(cited), _norm(record)
        return MINOR if RENAMED.get(a) == b or RENAMED.get(b) == a else MAJOR
    if field == "year":
        return MINOR if cited.isdigit() and record.isdigit() and abs(int(cited) - int(record)) == 1 else MAJOR
    if field == "title":
        a, b = _words(cited), _words(record)
        shortened = _norm(record).startswith(_norm(cited))  # the title's opening, cut short
        return MINOR if shortened or len(a & b) / len(a | b) >= TITLE_OVERLAP else MAJOR
    if field in ("volume", "issue", "pages"):
        return MINOR
    return MAJOR  # doi, pmid: they point to one record and no other


#: when the article an entry means can be told, whatever its other fields say
IDENTIFIABLE_RULE = (
    "The article an entry means is identifiable when the entry gives the record's title (whole, or its "
    "opening) together with the record's first author or its journal."
)
#: what a major difference in a field does to a reader of an entry whose article is identifiable
MISLEADS = {
    "authors": "the authors it names are not the article's",
    "doi": "its DOI does not lead to the article",
    "pmid": "its PubMed id does not lead to the article",
    "journal": "the article is not in the journal it names",
    "title": "its title is another article's",
    "year": "its year is not the article's",
}


def identifying(src: dict[str, str]) -> list[str]:
    """What in the entry names its article (:data:`IDENTIFIABLE_RULE`): its title, with its first
    author, its journal and its year where they agree with the record; empty when they do not suffice."""
    cited, record = src["cited_title"], src["record_title"]
    if not (cited and record and _norm(record).startswith(_norm(cited))):
        return []
    first = _authors(src["cited_authors"])[0][:1]
    found = ["title"]
    if first and first == _authors(src["record_authors"])[0][:1]:
        found.append("first author")
    journal = src["cited_journal"], src["record_journal"]
    if journal[0] and (_norm(journal[0]) == _norm(journal[1]) or grade("journal", *journal) == MINOR):
        found.append("journal")
    if len(found) == 1:
        return []
    return found + (["year"] if src["cited_year"] and src["cited_year"] == src["record_year"] else [])


def _matching(src: dict[str, str], differing: set[str]) -> list[str]:
    """The fields the entry gives that agree with the record."""
    return [FIELD_NAMES[f] for f in bib_fields() if src[f"cited_{f}"] and src[f"record_{f}"] and f not in differing]


def _unchecked(src: dict[str, str]) -> str:
    """A sentence on the fields the review gives that the record read does not show (not compared)."""
    unread = [f for f in bib_fields() if src[f"cited_{f}"] and not src[f"record_{f}"]]
    if not unread:
        return ""
    return (
        f" The {' and '.join(f.upper() if f in ('doi', 'pmid') else f for f in unread)} the entry gives could not "
        f"be compared: the record read does not show {'them' if len(unread) > 1 else 'it'}; a wrong "
        f"{'identifier' if set(unread) & {'doi', 'pmid'} else 'field'} would make the error major."
    )


def field_differences(source: dict[str, str]) -> list[tuple[str, str, str]]:
    """(field, as cited, record) for every field that the review gives and that differs."""
    diffs = []
    for f in bib_fields():
        cited, record = source[f"cited_{f}"], source[f"record_{f}"]
        if not cited or not record:
            continue
        if f == "authors":
            c, etal = _authors(cited)
            r, _ = _authors(record)
            same = (r[: len(c)] == c and len(r) > len(c)) if etal else r == c  # 'et al.' where none follow differs
        elif f == "pages":
            same = _pages(cited) == _pages(record)
        elif f == "doi":  # bare or as a doi.org address, the same DOI
            same = normal_doi(cited) == normal_doi(record)
        else:
            same = _norm(cited) == _norm(record)
        if not same:
            diffs.append((f, cited, record))
    return diffs


def searched(searches) -> str:
    """That no record of a reference was found, and the searches recorded behind it (searches.csv):
    how many, where and when; or that none is recorded."""
    if not searches:
        return "No record of this reference was found, and no search for it is recorded"
    return f"No record of this reference was found in {recorded(searches)}"


@check(
    "reference",
    kinds=("reference",),
    reported=None,
    rule=f"""Reproduced when every field the entry gives matches the record (ignoring case, punctuation and dashes; a
    DOI bare or as an address, an abbreviated page range written out). Citation error otherwise: minor when a
    reader would still find the article (the same first author, a journal under its former name, a year one off,
    a title sharing at least {TITLE_OVERLAP:.0%} of the two titles' words, a volume, issue or pages), major when
    another field differs or only a different, nearest article matches. Unsupported, major, when no record is
    found; the reason says how many searches are recorded behind that, where and when.""",
)
def reference(claim: Claim, data: Dataset) -> Result:
    """A reference entry against its record, field by field."""
    (ref,) = claim.refs
    src = data.sources[ref]
    if src["found"] == "no":
        nearest = src["note"].partition("Nearest titles: ")[2].rstrip(".")
        return Result(
            UNSUPPORTED,
            "no record found",
            severity=MAJOR,
            reason=reason(
                [
                    searched(data.searches.get(claim.claim_id, ()))
                    + (f"; the nearest titles are {nearest}" if nearest else "")
                ],
                [recency(data, ref)],
            ),
        )
    diffs = field_differences(src)
    graded = [(f, c, r, grade(f, c, r)) for f, c, r in diffs]
    listed = "; ".join(f"{f} ({g}): cited '{c}', record '{r}'" for f, c, r, g in graded)
    if src["found"] == "nearest":
        return Result(
            CITATION_ERROR,
            listed or "nearest record only",
            severity=MAJOR,
            reason=f"No record matches the entry as cited, so a reader cannot find the article it means; the "
            f"nearest record, a different article, differs in its "
            f"{in_words([FIELD_NAMES[f] for f, _, _ in diffs])}.",
        )
    if graded:
        worst = max((g for *_, g in graded), key=list(SEVERITIES).index)
        names = in_words([f"the {FIELD_NAMES[f]} ('{c}'; the record: '{r}')" for f, c, r, _ in graded])
        same = _matching(src, {f for f, *_ in graded})
        agree = f"; the {in_words(same)} match the record" if same else ""
        if worst == MINOR:
            follow = "a reader would still find the article"
        elif by := identifying(src):
            wrong = [MISLEADS[f] for f, _, _, g in graded if g == MAJOR and f in MISLEADS]
            follow = f"the article meant is identifiable from its {in_words(by)}" + (
                f", but {in_words(wrong)}" if wrong else ""
            )
        else:
            follow = "a reader following the entry would not find the article, or would find another"
        return Result(
            CITATION_ERROR,
            listed,
            severity=worst,
            reason=f"The entry differs from the record in {names}{agree}: {follow}.{_unchecked(src)}",
        )
    given = [f for f in bib_fields() if src[f"cited_{f}"]]
    return Result(
        REPRODUCED,
        "all fields match",
        f"Every field the entry gives ({', '.join(given)}) matches the record.{_unchecked(src)}",
    )


#: a kind of evidence named in the plural asks for at least this many references of that kind
PLURAL = 2


def _kinds(text: str) -> dict[str, tuple[str, ...]]:
    """'randomized controlled trials=R1|mechanistic research=R6,R7' -> each kind and its references."""
    pairs = (part.split("=", 1) for part in text.split("|"))
    return {kind.strip(): tuple(r.strip() for r in refs.split(",")) for kind, refs in pairs}


def _validate_synthesis(claim: Claim, data: Dataset) -> None:
    for kind, refs in _kinds(claim.arg("kinds")).items():
        unknown = [r for r in refs if r not in data.sources]
        if not kind or unknown:
            raise ClaimInputError("args", f"kinds: '{kind}' names no kind, or unknown references {unknown}")


@check(
    "synthesis",
    kinds=("qualitative",),
    reported=None,
    args={"fact": "fact", "kinds": "text"},
    validate=_validate_synthesis,
    rule=f"""The kinds of evidence the review says it synthesizes, against the references of each kind in its own
    list: reproduced when every kind has a reference that was found as cited, and a kind named in the plural
    has at least {PLURAL}; overstated when a kind rests only on references that cannot be found as cited, or a
    plural on a single reference. Severity {MINOR}, as the book's rule has it when {SEVERITIES[MINOR]}: the
    sentence describes the review itself, the reference list beside it shows what each kind rests on, and the
    meta-analyses it also lists pool randomized trials, so a reader is not misled about whether randomized
    evidence stands behind the review, only about how many trials it reads itself.""",
)
def synthesis(claim: Claim, data: Dataset) -> Result:
    """'This review synthesizes evidence from RCTs, ... and mechanistic research': each kind the review
    names (``kinds``: kind=references, separated by ``|``; a kind ending in 's' is a plural) against
    its references found as cited; ``fact`` is the reference list's designs, in the review's words."""
    fid = claim.arg("fact")
    listed = str(data.value(fid))
    short, partly = [], []  # kinds the list does not bear out; kinds with some references not found
    for kind, refs in _kinds(claim.arg("kinds")).items():
        found = [r for r in refs if data.sources[r]["found"] == "yes"]
        lost = [f"[{data.sources[r]['review_ref']}]" for r in refs if r not in found]
        labels = "[" + ", ".join(data.sources[r]["review_ref"] for r in refs) + "]"
        if not found:
            short.append(f"the '{kind}' rest on {labels}, none of which can be found as cited")
            continue
        if kind.endswith("s") and len(found) < PLURAL:
            short.append(f"the '{kind}' are one, {labels}")
        if lost:
            partly.append(f"of the '{kind}', {in_words(lost)} cannot be found as cited")
    said = f"The review's own reference list gives {listed}"
    if not short:
        return Result(REPRODUCED, listed, reason([f"{said}, as the review says", *partly]), quotes=(fid,))
    return Result(
        OVERSTATED,
        listed,
        reason([f"{said}, but {in_words(short)}, so it synthesizes less than it says", *partly]),
        severity=MINOR,
        quotes=(fid,),
    )
