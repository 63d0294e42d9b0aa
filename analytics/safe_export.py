"""Files a user downloads and opens in Excel or WPS: cells that would run as formulas are neutralised.

A cell starting with = + - @ (or a tab / carriage return, which some spreadsheets strip before parsing)
is read by Excel as a formula: a county name imported as ``=HYPERLINK(...)`` would become a live link in
every exported file (CSV / formula injection, OWASP). Such text cells get a leading apostrophe, which
spreadsheets show as plain text. Numbers are left alone: -3.5 is a number, not a formula.
One implementation for every CSV and Excel export of the dashboard.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_ENCODING = "utf-8-sig"  # the BOM makes Excel on Chinese Windows read UTF-8 instead of GBK


def neutralise(value: Any) -> Any:
    """The value, with a leading apostrophe if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of `frame` whose text cells (and column and index labels) cannot start a formula."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(c) if isinstance(c, str) else c for c in out.columns]
    if out.index.dtype == object:
        out.index = out.index.map(neutralise)
    return out


def csv_bytes(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """`frame` as a CSV download: neutralised, UTF-8 with BOM."""
    return neutralised(frame).to_csv(index=index).encode(CSV_ENCODING)


def keep_as_text(cell: Any) -> None:
    """An openpyxl cell whose text starts like a formula: stored as text (openpyxl would otherwise write
    ``=…`` as a live formula) and marked with Excel's quote prefix, so it shows without an apostrophe."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"
        cell.quotePrefix = True
