"""Reading a data file's text and a CSV file's rows, each row with its number and the physical line
it starts on. UTF-8 with or without a byte-order mark, LF or CRLF line endings (as spreadsheet
programs save them); anything else is refused with the line (and row) of the first bad byte."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from .errors import DataError


class Row(dict):
    """One data row of a CSV file: its cells by column, with its row number and first line."""

    def __init__(self, cells: dict[str, str], row: int, line: int):
        super().__init__(cells)
        self.row, self.line = row, line


#: the spaces stripped around a cell: plain ASCII ones only (``str.strip()`` would also take a
#: non-breaking space, U+00A0, and accept '39<U+00A0>' as 39 without a word)
SPACES = " \t\r\n\f\v"


def read_data_text(path: Path, table: bool = False) -> str:
    """A data file's text: UTF-8 with or without a byte-order mark; anything else is refused with
    the line (and, for a ``table``, the row) of the first byte that is not UTF-8."""
    if not path.exists():
        raise DataError(path, None, None, "file not found")
    if not path.is_file():
        raise DataError(path, None, None, "not a file (a folder or a device stands at its name)")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise DataError(path, None, None, f"cannot be read ({e.strerror or e})") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        guess = ""
        if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
            guess = " (it looks like UTF-16)"
        else:
            try:
                raw.decode("cp1252")
                guess = " (it looks like Windows-1252 or Latin-1)"
            except UnicodeDecodeError:
                pass
        row = row_at(raw.decode("utf-8-sig", errors="replace"), line) if table else None
        raise DataError(
            path,
            row,
            None,
            f"not UTF-8 text{guess}: byte 0x{raw[e.start]:02x} at line {line} "
            f"cannot be read; save the file as UTF-8 (CSV UTF-8)",
            line=line,
        ) from None


def row_at(text: str, line: int) -> int | None:
    """The data row (0: the header) of a CSV text that contains physical ``line``."""
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for i, _ in enumerate(reader):
            if start <= line <= reader.line_num:
                return i
            start = reader.line_num + 1
    except csv.Error:
        pass
    return None


def _check_header(path: Path, header: list[str], columns: tuple[str, ...], others: dict[str, tuple[str, ...]]) -> None:
    """The header names every column: not Excel's ``sep=`` line, nor another data file's header."""
    if header and header[0].lower().startswith("sep="):
        raise DataError(
            path,
            None,
            None,
            f"the file starts with Excel's '{','.join(header)}' line, which is not part of the CSV: delete that first "
            "line, so that the header comes first",
            line=1,
        )
    for col in columns:
        if col not in header:
            name = next((n for n, cols in others.items() if set(cols) == set(header)), None)
            if name is not None:
                raise DataError(
                    path,
                    0,
                    None,
                    f"{path.name} has {name}'s header (its columns): it is a copy of {name} or a link to it; restore "
                    f"{path.name} itself",
                    line=1,
                )
            raise DataError(path, 0, col, "missing column", line=1)


def read_rows(
    path: Path,
    columns: tuple[str, ...],
    verbatim: tuple[str, ...] = ("quote",),
    others: dict[str, tuple[str, ...]] | None = None,
) -> list[Row]:
    """The rows of a CSV file with exactly ``columns``; blank rows are skipped but counted. Cells are
    stripped of surrounding plain spaces (:data:`SPACES`) except those of the ``verbatim`` columns;
    CRLF inside a cell becomes LF. A non-breaking or other invisible space is kept, so that the
    schema refuses it, printed visibly. A header that is another data file's (``others``: file name
    -> its columns) is named as that file's, and Excel's ``sep=`` first line as such."""
    text = read_data_text(path, table=True)
    if not text.strip():
        raise DataError(path, None, None, "empty file (it needs a header and at least one row)")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1  # physical line where the next record starts
    current = 0  # the row being read (0: the header)
    rows: list[Row] = []
    try:
        header = [h.strip() for h in next(reader, [])]
        start, current = reader.line_num + 1, 1
        separator = next((s for s in (";", "\t", "|") if len(header) == 1 and s in header[0]), None)
        if separator is not None and len(columns) > 1:
            name = {";": "semicolons (';')", "\t": "tabs", "|": "bars ('|')"}[separator]
            raise DataError(
                path,
                0,
                None,
                f"its columns are separated by {name}, not commas; save it as CSV (comma-separated)",
                line=1,
            )
        _check_header(path, header, columns, others or {})
        extra = [h for h in header if h not in columns]
        if extra:
            raise DataError(path, 0, extra[0], "unknown column", line=1)
        seen = set()
        for h in header:
            if h in seen:
                raise DataError(path, 0, h, "column given twice", line=1)
            seen.add(h)
        for i, raw in enumerate(reader, start=1):
            line, start, current = start, reader.line_num + 1, i + 1
            if not any(v.strip() for v in raw):
                continue  # a blank row (spreadsheets write them as ',,,,')
            if len(raw) > len(header):
                raise DataError(path, i, None, f"{len(raw)} fields, the header has {len(header)}", line=line)
            if len(raw) < len(header):
                raise DataError(path, i, header[len(raw)], "the row ends before this column", line=line)
            cells = {
                k: (v if k in verbatim else v.strip(SPACES)).replace("\r\n", "\n")
                for k, v in zip(header, raw, strict=False)
            }
            rows.append(Row(cells, i, line))
    except csv.Error as e:
        if "field limit" in str(e):
            raise DataError(
                path,
                current,
                None,
                f"a cell from this row on is longer than {csv.field_size_limit()} characters, the CSV reader's "
                "field-size limit: most likely a quote mark that opens a cell and never closes",
                line=start,
            ) from None
        raise DataError(
            path,
            current,
            None,
            f"not valid CSV from this row on ({e}; a quote mark that opens a cell must close it)",
            line=start,
        ) from None
    if not rows:
        raise DataError(path, 0, None, "no data rows, only a header", line=1)
    return rows
