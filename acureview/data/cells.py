"""What a cell's text may hold beyond its type, the same for every data file: a number written
plainly (``5_8`` is not 58), no invisible character (shown visibly in a message: ``<U+200B>``), no
start that a spreadsheet would run as a formula, a format template with plain positional slots
only; and identifiers compared in their normal form (a DOI bare or as a doi.org address)."""

from __future__ import annotations

import math
import re
import string
import unicodedata

#: A number as a data file may write it: digits, one decimal point, an exponent (no '_', no ',').
NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
#: What a spreadsheet reads as the start of a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: The format specification a template slot may carry: alignment, sign, width, grouping, precision,
#: type; a width or precision of two digits at most (a sentence has no use for more).
FORMAT_SPEC = re.compile(r"(?:[^{}]?[<>^=])?[+\- ]?#?0?[0-9]{0,2}[,_]?(?:\.[0-9]{1,2})?[bcdeEfFgGnosxX%]?")
#: A signed number, with the review's unit if any (``-0.5``, ``+3 points``): a value, not a formula.
SIGNED = re.compile(r"[-+](?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:\s*%|\s+[A-Za-z][A-Za-z /-]*)?")
DOI_ADDRESS = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)


def read_number(text: str) -> float:
    """A number written plainly (``'52.8'``, ``'-0.014'``, ``'1e-3'``). Raises ValueError for
    ``'5_8'``, ``'52,8'``, ``'nan'`` or ``'inf'``."""
    if not NUMBER.fullmatch(text):
        try:
            float(text)
        except ValueError:
            raise ValueError(f"'{text}' is not a number") from None
        if math.isfinite(float(text)):  # '5_8', ' 1_000': Python reads them, a reader would not
            raise ValueError(f"'{text}' is not a number (write digits and one '.', no '_')") from None
        raise ValueError(f"'{text}' is not a finite number")
    if not math.isfinite(float(text)):  # '1e400'
        raise ValueError(f"'{text}' is not a finite number")
    return float(text)


def invisible(ch: str) -> bool:
    """Whether ``ch`` is a character a reader cannot see: a control or format character (NUL, a
    zero-width space, a byte-order mark), a space other than the plain one, a line separator."""
    if ch == "\n":
        return False
    category = unicodedata.category(ch)
    return category in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn") or (category == "Zs" and ch != " ")


def visible(text: str) -> str:
    """``text`` with every invisible character written as ``<U+XXXX>`` (``'rct1.<U+200B>year'``)."""
    return "".join(f"<U+{ord(ch):04X}>" if invisible(ch) or ch == "\n" else ch for ch in text)


def invisible_fault(text: str, multiline: bool = False) -> str | None:
    """What is wrong with a cell that holds an invisible character (a line break only where the
    cell may span lines), or None."""
    if text.isprintable():  # Python's printable excludes every invisible category and the line break
        return None
    bad = [ch for ch in text if invisible(ch) or (ch == "\n" and not multiline)]
    if not bad:
        return None
    names = ", ".join(dict.fromkeys(f"U+{ord(ch):04X} {unicodedata.name(ch, 'control character')}" for ch in bad))
    return f"'{visible(text)}' holds an invisible character ({names}); delete it and type the text again"


#: a '?' joined to a letter or digit on both sides, outside a web address: the mark a program writes
#: for a character its encoding lacks (a file saved as Latin-1 or ASCII writes '20–79' as '20?79')
LOST = re.compile(r"[^\W_]\?[^\W_]")


def lost_fault(text: str) -> str | None:
    """What is wrong with a cell that holds the mark of a character lost when the file was saved in
    another encoding (U+FFFD, or a '?' inside a word or a range), or None."""
    if "\ufffd" in text:
        return f"'{text[:80]}' holds U+FFFD, the mark of a character lost in a conversion; save the file as UTF-8"
    m = LOST.search(re.sub(r"https?://\S+", " ", text))
    if m:
        return (
            f"'{m.group()}' in '{text[:80]}': a '?' inside a word or a range is the mark of a character lost "
            "when the file was saved in another encoding; restore it and save the file as UTF-8 (CSV UTF-8)"
        )
    return None


def lookalike_fault(text: str) -> str | None:
    """What is wrong with an id that holds a character outside ASCII (a Cyrillic 'е' that looks like a
    Latin 'e', a typographic dash), or None: ids are written in ASCII, so that one typed again is the same."""
    odd = [ch for ch in dict.fromkeys(text) if ord(ch) > 127]
    if not odd:
        return None
    names = ", ".join(f"'{ch}' (U+{ord(ch):04X} {unicodedata.name(ch, 'unnamed character')})" for ch in odd)
    return f"'{visible(text)}' holds {names}, which may look like an ASCII character; an id is written in ASCII"


def formula_fault(text: str) -> str | None:
    """What is wrong with a cell that a spreadsheet would run as a formula, or None. A number with a
    sign (``-0.5``, ``+3``) is a number, not a formula."""
    if not text.startswith(FORMULA_STARTS) or SIGNED.fullmatch(text):
        return None
    return (
        f"'{visible(text)}' begins with '{visible(text[0])}', which a spreadsheet runs as a formula; "
        "write the value as the review writes it"
    )


def template_fault(template: str) -> str | None:
    """What is wrong with a format template (``'gives {0} of {1}'``), or None: its slots are plain
    positional slots (``{}``, ``{0}``), each with at most a plain format specification
    (``{0:.1f}``); no attribute or item (``{0.__class__}``, ``{0[x]}``), conversion or nested slot."""
    try:
        parts = list(string.Formatter().parse(template))
    except ValueError as e:
        return f"'{template}' is not a template ({e}; write a brace as '{{{{' or '}}}}')"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        slot = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        if not re.fullmatch(r"\d*", name):
            return f"the slot '{slot}' is not a plain positional slot ({{0}}, {{1}}, ...)"
        if conversion or not FORMAT_SPEC.fullmatch(spec or "") or "{" in (spec or ""):
            return f"the slot '{slot}' has a format other than a plain one ({{0}} or {{0:.1f}})"
    return None


def normal_doi(text: str) -> str:
    """A DOI in the one form it is compared in: without a ``https://doi.org/`` (or ``doi:``) prefix
    and in lower case (DOIs are case-insensitive), so that a DOI written bare and as its address
    are the same DOI."""
    return DOI_ADDRESS.sub("", text.strip()).lower()


def check_template(template: str) -> None:
    """Raise ValueError unless ``template`` has plain positional slots only (:func:`template_fault`)."""
    fault = template_fault(template)
    if fault:
        raise ValueError(fault)
