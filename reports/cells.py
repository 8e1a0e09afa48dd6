"""Spreadsheet safety in one place: every text value that goes into a workbook or CSV passes here.

Document text is untrusted. A cell that starts with = + - @ (or a tab / carriage return) is read by
Excel, WPS and LibreOffice as a formula (=HYPERLINK(...) phishing, DDE); OWASP's CSV-injection guidance
is to prefix such a value with a single quote so that it stays text. Control characters that XML 1.0
forbids make openpyxl raise IllegalCharacterError (the whole workbook lost for one character), and a
lone surrogate (from a broken PDF ToUnicode map) cannot be encoded at all: both are cleaned here.

    from duibiao.reports.cells import safe_value, text_cell
    csv.writer(f).writerow([safe_value(v) for v in row])
    ws.append([text_cell(ws, v) for v in row])      # openpyxl, also in write-only mode
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from duibiao import regex_cache

# Characters that open a formula in a spreadsheet (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 forbids C0 controls other than tab, newline and carriage return (openpyxl's own rule).
_ILLEGAL_XML = regex_cache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SURROGATE = regex_cache.compile(r"[\ud800-\udfff]")
_UNCLEAN = regex_cache.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")  # either of the above


def clean_text(text: str) -> str:
    """Text that any XML or UTF-8 writer accepts: forbidden control characters removed, lone
    surrogates replaced by U+FFFD."""
    if _UNCLEAN.search(text) is None:  # nearly every text: one scan instead of two substitutions
        return text
    return _SURROGATE.sub("\ufffd", _ILLEGAL_XML.sub("", text))


def neutralise(text: str) -> str:
    """Clean `text` and, when it would start a formula, prefix a single quote so it stays text."""
    text = clean_text(text)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_value(value: Any) -> Any:
    """A value for a CSV or workbook cell: numbers, booleans, dates and None unchanged, everything
    else as neutralised text."""
    if isinstance(value, str):
        return neutralise(value)
    if value is None or isinstance(value, (bool, int, float)) or hasattr(value, "isoformat"):
        return value
    return neutralise(str(value))


def safe_row(row: Iterable[Any]) -> list:
    return [safe_value(v) for v in row]


def text_cell(ws, value: Any, **style):
    """A cell for `ws` (any openpyxl worksheet) holding `value` made safe; a text value is stored as a
    string, never as a formula. `style`: font, fill, alignment, border … set on the cell."""
    # Imported here: openpyxl (with numpy, ~0.3 s) is not needed by the CSV or XlsxWriter users of this module
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=safe_value(value))
    if isinstance(cell.value, str):
        cell.data_type = "s"
    for name, item in style.items():
        if item is not None:
            setattr(cell, name, item)
    return cell


def set_safe(cell, value: Any) -> None:
    """Put `value` into an existing cell of a normal (not write-only) worksheet, safely."""
    cell.value = safe_value(value)
    if isinstance(cell.value, str):
        cell.data_type = "s"
