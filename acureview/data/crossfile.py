"""Rules across the facts and their sources that no column can say alone, each one small function
that raises a :class:`~acureview.data.errors.DataError` at the cell at fault:

- :func:`check_quote_order`      facts that quote the same words take their numbers in the quote's
  order, each its own occurrence;
- :func:`check_parts_add_up`     the arms of a trial add up to its total;
- :func:`check_arm_denominators` a count of an arm is counted against that arm's denominator;
- :func:`check_record_pmid`      a source's PubMed id is the one its facts' PubMed addresses give;
- :func:`check_fact_addresses`   a fact's address is one of its source's addresses;
- :func:`check_read_from`        a fact is read from a text its source records as read.

Arms are declared by the facts' ids: a fact ``<study>.<arm>.<measure>`` whose ``of`` is
``<study>.<measure>`` is the arm's part of the study's total (``rct1.obs.randomized`` of
``rct1.randomized``).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import quoted
from .addresses import doi_address, pmc_address, pubmed_address
from .errors import DataError
from .model import Fact

#: a PubMed page's address: its PubMed id
PUBMED = re.compile(r"^https?://(?:www\.)?pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/?$", re.I)
#: decimals compared to where a value is the number printed exactly
EXACT = 9
#: what a fact reads that a source records as read: the full text only where it records it read
FULL_TEXT_READ = "public, read here"


def _error(path: Path, f: Fact, column: str, message: str) -> DataError:
    return DataError(path, f.row, column, message, line=f.line)


def _source_error(path: Path, source: dict, column: str, message: str) -> DataError:
    return DataError(path, source.row, column, message, line=source.line)


def _numbers_quoted(facts: dict[str, Fact]) -> dict[str, list[Fact]]:
    """The numeric facts read from the words of their quote (not derived), by quote, in the file's order."""
    groups: dict[str, list[Fact]] = {}
    for f in facts.values():
        if f.type in ("int", "float") and f.quote and not f.note.startswith(quoted.DERIVED):
            groups.setdefault(f.quote, []).append(f)
    return groups


def _held(f: Fact, numbers: list[tuple[int, float, int, bool]]) -> list[int]:
    """Which of a quote's numbers (:func:`~acureview.data.quoted.occurrences`) a fact's value is: those
    printed exactly as it, if any, else those it is within the rounding of."""
    exact = [i for i, n in enumerate(numbers) if quoted.is_printed_as(f.value, n[1], EXACT, n[3], f.unit)]
    return exact or [i for i, n in enumerate(numbers) if quoted.is_printed_as(f.value, *n[1:], f.unit)]


def check_quote_order(path: Path, facts: dict[str, Fact]) -> None:
    """Facts that quote the same words take their numbers from those words in the quote's order, in
    the file's order, and no two take the same occurrence of a number: two facts of 4.0 need 4.0
    printed twice. So a value moved to another number of the same quote (the 3-month figure given as
    the 12-month one), or two values swapped, is refused, naming the facts that clash."""
    for group in _numbers_quoted(facts).values():
        if len(group) < 2:
            continue
        numbers = quoted.occurrences(group[0].quote)
        taken: list[tuple[int, Fact]] = []  # (index of the occurrence taken, fact)
        for f in group:
            held = _held(f, numbers)
            at = next((i for i in held if not taken or i > taken[-1][0]), None)
            if at is None and held:  # (a value its quote does not print is named by its own rule)
                other_at, other = next((i, g) for i, g in taken if i >= held[-1])
                how = "the same occurrence" if other_at == held[-1] else "a number printed after it"
                raise _error(
                    path,
                    f,
                    "value",
                    f"{f.fact_id} = {f.value:g} and {other.fact_id} (row {other.row}) = {other.value:g} quote the same "
                    f"words, and {other.fact_id} takes {how}; facts quoting the same words take their numbers in "
                    "the quote's order, in the file's order, each its own occurrence",
                )
            taken.append((at, f))


def arms(facts: dict[str, Fact]) -> dict[str, list[Fact]]:
    """The declared parts of each total: the facts ``<study>.<arm>.<measure>`` whose ``of`` is
    ``<study>.<measure>``, by the total's id, in the file's order."""
    out: dict[str, list[Fact]] = {}
    for f in facts.values():
        parts = f.fact_id.split(".")
        if len(parts) == 3 and f.of == f"{parts[0]}.{parts[2]}":
            out.setdefault(f.of, []).append(f)
    return out


def _quoted_fault(f: Fact) -> bool:
    """Whether a number does not stand in its own quote (refused by that rule, which names it)."""
    return (
        bool(f.quote) and not f.note.startswith(quoted.DERIVED) and quoted.fault(f.value, f.quote, f.unit) is not None
    )


def check_parts_add_up(path: Path, facts: dict[str, Fact]) -> None:
    """The arms of a study (:func:`arms`) add up to its total: the patients randomized to each arm
    add up to those randomized. A sum that does not is a fault of the data, refused at the first arm's
    value and naming the total, not a verdict blaming the source. (A value that does not stand in its
    own quote is left to that rule, which names it.)"""
    for total_id, parts in arms(facts).items():
        total = facts[total_id]
        values = [total, *parts]
        if any(not isinstance(f.value, (int, float)) for f in values) or any(_quoted_fault(f) for f in values):
            continue
        added = sum(f.value for f in parts)
        if added != total.value:
            named = " + ".join(f"{f.fact_id} {f.value:g}" for f in parts)
            raise _error(
                path,
                parts[0],
                "value",
                f"the arms do not add up to their total: {named} = {added:g}, but {total_id} (row {total.row}) "
                f"is {total.value:g}; the parts of a total add up to it",
            )


def check_arm_denominators(path: Path, facts: dict[str, Fact]) -> None:
    """A count of an arm (``rct1.obs.dropouts``) is counted against a denominator of the same arm or
    of the whole study, never against another arm's (``rct1.ctrl.randomized``)."""
    named = {(p.fact_id.split(".")[0], p.fact_id.split(".")[1]) for parts in arms(facts).values() for p in parts}
    for f in facts.values():
        mine, theirs = f.fact_id.split(".")[:2], (f.of or "").split(".")[:2]
        if len(theirs) == 2 and tuple(mine) in named and tuple(theirs) in named and mine != theirs:
            raise _error(
                path,
                f,
                "of",
                f"'{f.of}' is a denominator of the arm '{theirs[1]}', but {f.fact_id} counts the arm '{mine[1]}'; "
                "a count of an arm is counted against its own arm's denominator",
            )


def source_addresses(source: dict[str, str]) -> tuple[list[str], list[str]]:
    """A source's addresses: (the addresses themselves, its url and read_at; the identifiers an
    address may hold, its DOI, PubMed id, PMC id and registration)."""
    whole = [source[c] for c in ("url", "read_at") if source.get(c)]
    if source.get("record_doi"):
        whole.append(doi_address(source["record_doi"]))
    if source.get("record_pmid"):
        whole.append(pubmed_address(source["record_pmid"]))
    if source.get("record_pmcid"):
        whole.append(pmc_address(source["record_pmcid"]))
    ids = [doi_address(source["record_doi"]).removeprefix("https://doi.org/")] if source.get("record_doi") else []
    ids += [source[c] for c in ("record_pmcid", "record_registration") if source.get(c)]
    return whole, ids


def _same(a: str, b: str) -> bool:
    return a.strip().rstrip("/").lower() == b.strip().rstrip("/").lower()


def check_fact_addresses(path: Path, sources: dict[str, dict[str, str]], facts: dict[str, Fact]) -> None:
    """A fact's address is one of its source's addresses: its url or the copy read (read_at), its DOI,
    PubMed or PMC page, or an address that holds its DOI, PMC id or registration; so a fact moved to
    another source (its source_id edited) while its address is still the first source's is refused."""
    for f in facts.values():
        if not f.address:
            continue
        whole, ids = source_addresses(sources[f.source_id])
        held = (re.search(rf"(?<![\w.]){re.escape(i)}(?!\w)", f.address, re.I) for i in ids)
        if any(_same(f.address, a) for a in whole) or any(held):
            continue
        raise _error(
            path,
            f,
            "address",
            f"'{f.address}' is not an address of {f.source_id} (sources.csv: url, read_at, DOI, PubMed, PMC id "
            "or registration); a fact's address is its own source's, or its source_id is wrong",
        )


def check_record_pmid(path: Path, sources: dict[str, dict[str, str]], facts: dict[str, Fact]) -> None:
    """A source's PubMed id (``record_pmid``) is the one its facts' PubMed addresses give."""
    for f in facts.values():
        m = PUBMED.match(f.address or "")
        source = sources[f.source_id]
        if m and source.get("record_pmid") and source["record_pmid"] != m.group(1):
            raise _source_error(
                path,
                source,
                "record_pmid",
                f"'{source['record_pmid']}', but facts.csv reads {f.fact_id} (row {f.row}) at PubMed {m.group(1)} "
                f"({f.address}); a source's PubMed id is the one its facts were read at",
            )


def check_read_from(path: Path, facts_path: Path, sources: dict[str, dict[str, str]], facts: dict[str, Fact]) -> None:
    """A fact is read from a text its source records as read: from no text of a source that records
    none read (``read_from`` none), and from the full text only where the source records its full text
    as read (``full_text`` 'public, read here')."""
    for f in facts.values():
        source = sources[f.source_id]
        if source["read_from"] == "none" and f.read_from != "none":
            raise _source_error(
                path,
                source,
                "read_from",
                f"'none' (no text of {f.source_id} read), but facts.csv reads {f.fact_id} (row {f.row}) from its "
                f"{f.read_from}; say what was read, or mark the fact's text none",
            )
        if f.read_from == "full text" and source["full_text"] != FULL_TEXT_READ:
            raise _error(
                facts_path,
                f,
                "read_from",
                f"'full text', but sources.csv records the full text of {f.source_id} as "
                f"'{source['full_text'] or 'not given'}'; a fact is read from a text its source records as read "
                f"('{FULL_TEXT_READ}')",
            )
