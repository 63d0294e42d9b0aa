"""Formula injection: CSV and Excel downloads never hand a spreadsheet a live formula."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from analytics.indicator_export import HEADERS, indicator_workbook
from analytics.safe_export import csv_bytes, neutralise

HOSTILE = ["=HYPERLINK(\"http://x\",\"点击\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "正常文本", "a=b"]


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_a_spreadsheet_would_run_gets_a_quote(text):
    out = neutralise(text)
    assert (out == "'" + text) is (text[0] in "=+-@\t")
    assert out.endswith(text)


def test_numbers_are_not_touched():
    assert neutralise(-3.5) == -3.5 and neutralise(7) == 7 and neutralise(None) is None


def test_csv_download_neutralises_cells_and_headers_and_keeps_numbers():
    frame = pd.DataFrame({"名称": HOSTILE, "=列": range(len(HOSTILE)), "值": [-1.5] * len(HOSTILE)})
    back = pd.read_csv(io.BytesIO(csv_bytes(frame)), encoding="utf-8-sig", keep_default_na=False)
    assert list(back.columns) == ["名称", "'=列", "值"]
    assert [v[0] for v in back["名称"] if v[0] in "=+-@\t"] == []
    assert back["名称"].iloc[-1] == "a=b" and back["值"].iloc[0] == -1.5


def test_excel_download_stores_formula_like_text_as_text():
    row = {h: "" for h in HEADERS} | {"序号": 1, "指标": "=HYPERLINK(\"http://x\")", "说明": "@cmd"}
    book = openpyxl.load_workbook(io.BytesIO(indicator_workbook(pd.DataFrame([row]), "2026-12-02")))
    cells = {c.value: c for c in book.active[4]}
    assert cells["=HYPERLINK(\"http://x\")"].data_type == "s"
    assert cells["@cmd"].data_type == "s"
    assert not any(c.data_type == "f" for row in book.active.iter_rows() for c in row)
