"""The one error type for bad data, phrased for the people who will read it (in Chinese)."""

from __future__ import annotations


class DataError(Exception):
    """A data file is missing, unreadable or fails validation.

    The message names the file and, where known, the line (as a spreadsheet user would count it:
    the header is line 1), the column and the offending value, so that a civil-affairs officer can
    find and fix the cell without reading a traceback.
    """

    def __init__(
        self,
        file: str,
        problem: str,
        *,
        line: int | None = None,
        column: str | None = None,
    ) -> None:
        self.file = file
        self.problem = problem
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"数据文件「{self.file}」"
        if self.line is not None:
            where += f"第 {self.line} 行"
        if self.column is not None:
            where += f"「{self.column}」列"
        return f"{where}：{self.problem}"
