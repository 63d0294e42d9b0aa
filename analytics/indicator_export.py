"""The indicator table as an Excel sheet laid out like the plan's own table, with current values and status.

Officials paste this into briefings, so it follows the plan's columns (序号, 指标, 单位, 2025目标值, 属性) and
adds ours after them. Pure: returns bytes; the page offers them for download.
"""

from __future__ import annotations

import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from analytics.safe_export import keep_as_text

TITLE = "“十四五”时期吉林省社会救助主要发展指标进展（依据吉民发〔2022〕24号）"
HEADERS = ("序号", "指标", "单位", "2025目标值", "属性", "进度状态", "最新值", "最新年份", "2020基期值", "时间过半检查",
           "2025年预测", "数据状态", "评估方法", "说明")
WIDTHS = (6, 34, 8, 22, 8, 12, 10, 9, 11, 22, 26, 12, 26, 50)
KIND_FILL = {"约束性": "FDE2D6", "预期性": "DCEAF6"}  # binding warm, expected cool: visibly distinct
THIN = Side(style="thin", color="999999")


def indicator_workbook(table: pd.DataFrame, generated_on: str) -> bytes:
    """`table` has one row per indicator with the HEADERS as columns (the page builds it)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "十四五指标"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"生成日期：{generated_on}；示例数据与推算值见“数据状态”列。"])
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(HEADERS))
    sheet.append(list(HEADERS))
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E4E7EB")
    for row in table[list(HEADERS)].itertuples(index=False):
        sheet.append([None if isinstance(v, float) and pd.isna(v) else v for v in row])
        for cell in sheet[sheet.max_row]:
            keep_as_text(cell)
        kind = row[HEADERS.index("属性")]
        sheet.cell(sheet.max_row, HEADERS.index("属性") + 1).fill = PatternFill("solid", fgColor=KIND_FILL.get(kind, "FFFFFF"))
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[sheet.cell(3, column).column_letter].width = width
    for row in sheet.iter_rows(min_row=3, max_row=sheet.max_row):
        for cell in row:
            cell.border = Border(top=THIN, bottom=THIN, left=THIN, right=THIN)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = "C4"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
