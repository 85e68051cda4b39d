"""Readers for tables: CSV (any common delimiter and encoding) and XLSX (one sheet), every
cell as text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
import zipfile
import zlib
from xml.etree.ElementTree import ParseError

import defusedxml
import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from geo.upload.columns import text_frame
from geo.upload.errors import UploadError
from geo.upload.findings import Finding
from geo.upload.raw import RawLayer
from geo.upload.safety import Limits, check_count, open_zip
from geo.upload.text import decode

DELIMITERS = (",", "\t", ";", "|")
"""Delimiters recognised in CSV files; ties go to the first."""
SNIFF_CHARS = 65_536
"""How much of a CSV file's first line the delimiter is sniffed from."""
_QUOTED = re.compile(r'"[^"]*"?')

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def sniff_delimiter(text: str) -> str:
    """The delimiter occurring most often, outside quotes, in the first record of ``text``
    (its first :data:`SNIFF_CHARS` characters)."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text[:SNIFF_CHARS]:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in "\r\n":
            break
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _table(records: list[list[str]], limits: Limits) -> RawLayer:
    """Header and text rows (padded to one width) as a :class:`RawLayer`."""
    if len(records) < 2:
        raise UploadError("no_features")
    width = max(len(record) for record in records)
    if width > limits.max_columns:
        raise UploadError("too_many_columns", {"n_columns": width, "limit": limits.max_columns})
    rows = [record + [""] * (width - len(record)) for record in records]
    header = rows[0]
    return RawLayer(header, text_frame(list(range(width)), rows[1:]))


def _check_header_width(text: str, delimiter: str, limits: Limits) -> None:
    """Refuse a first line of more than ``limits.max_columns`` fields before the CSV parser
    turns millions of them into objects (delimiters inside quotes are not counted)."""
    end = text.find("\n")
    line = text if end < 0 else text[:end]
    if line.count(delimiter) < limits.max_columns:
        return
    width = _QUOTED.sub("", line).count(delimiter) + 1
    if width > limits.max_columns:
        raise UploadError("too_many_columns", {"n_columns": width, "limit": limits.max_columns})


def read_csv(data: bytes, encoding: str | None, limits: Limits) -> RawLayer:
    """A CSV file: encoding from ``encoding``, else BOM, else UTF-8/GBK detection; the
    delimiter by :func:`sniff_delimiter`; blank lines skipped; short rows padded with "".

    Raises
    ------
    UploadError
        Encoding problems, ``bad_csv``, ``no_features``, ``too_many_features`` or
        ``too_many_columns``.
    """
    text, found = decode(data, encoding)
    delimiter = sniff_delimiter(text)
    _check_header_width(text, delimiter, limits)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    try:
        for record in reader:
            if record:
                records.append(record)
                check_count(len(records) - 1, limits)
    except csv.Error as exc:
        raise UploadError("bad_csv", {"line": reader.line_num}) from exc
    raw = _table(records, limits)
    raw.findings.append(found)
    return raw


def cell_text(value: object) -> str:
    """An XLSX cell as text: numbers without a spurious ``.0``, dates in ISO form, empty ""."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    return str(value)


_XLSX_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    InvalidFileException,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    OSError,
    EOFError,
    ParseError,
    defusedxml.DefusedXmlException,
)


def read_xlsx(data: bytes, sheet: str | None, limits: Limits) -> RawLayer:
    """The first (or the named) sheet of an XLSX workbook: first row as header, cells as
    text, fully empty rows and trailing empty columns left out.

    Raises
    ------
    UploadError
        ``bad_xlsx``, the zip limits, ``layer_missing``, ``no_features``,
        ``too_many_features`` or ``too_many_columns``.
    """
    open_zip(data, limits).close()
    findings: list[Finding] = []
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            raise UploadError("layer_missing", {"layer": sheet, "layers": ", ".join(names)})
        chosen = sheet or names[0]
        if len(names) > 1:
            params = {"layer": chosen, "layers": ", ".join(names)}
            findings.append(Finding("layer_chosen", "info", params=params))
        records: list[list[str]] = []
        unsaved: list[tuple[int, str]] = []
        rows = zip(
            book[chosen].iter_rows(values_only=True),
            formulas[chosen].iter_rows(values_only=True),
            strict=False,
        )
        for values, written in rows:
            record = [cell_text(value) for value in values]
            cells = [
                str(cell)
                for value, cell in zip(values, written, strict=False)
                if value is None and isinstance(cell, str) and cell.startswith("=")
            ]
            while record and record[-1] == "" and not cells:
                record.pop()
            if record:
                unsaved += [(len(records) - 1, cell) for cell in cells]
                records.append(record)
                check_count(len(records) - 1, limits)
        book.close()
        formulas.close()
    except _XLSX_ERRORS as exc:
        raise UploadError("bad_xlsx") from exc
    raw = _table(records, limits)
    raw.findings.extend(findings)
    if unsaved:
        rows_with = tuple(dict.fromkeys(row for row, _ in unsaved if row >= 0))
        params = {"cell": unsaved[0][1]}
        raw.findings.append(Finding("xlsx_formulas", "warning", rows_with, params))
    return raw
