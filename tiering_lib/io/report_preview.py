"""A look inside a saved tiering report: each sheet's size and first rows, read back from the file itself.

:func:`report_preview` opens an ``.xlsx`` written by
:meth:`~tiering_lib.io.report.TierReport.save` and shows what a reader of the
file will see — 分层汇总 with its notes (what was masked or hidden), the first
rows of 客户明细 and 问题数据 — formatted for bank staff: thousands separators,
percentages, no pandas row numbers.  Only the file's name is shown, never its
folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from tiering_lib.core.money import format_percent
from tiering_lib.display import Table, escape

__all__ = ["SheetPreview", "ReportPreview", "report_preview"]


@dataclass(frozen=True)
class SheetPreview:
    """One sheet: its name, how many rows it has under the header, its first rows, notes under a table."""

    name: str
    n_rows: int
    table: Table
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReportPreview:
    """The sheets of a report (see :func:`report_preview`); ``saved`` is False for a report not saved yet."""

    file_name: str
    sheets: tuple[SheetPreview, ...]
    saved: bool = True

    def _heading(self) -> str:
        if self.saved:
            return f"文件“{self.file_name}”里有 {len(self.sheets)} 张表："
        return f"保存以后，Excel 文件里会有 {len(self.sheets)} 张表："

    def _repr_html_(self) -> str:
        parts = [f"<p>{escape(self._heading())}</p>"]
        for sheet in self.sheets:
            shown = "" if len(sheet.table) == sheet.n_rows else f"，下面是前 {len(sheet.table):,} 行"
            parts.append(f"<p><b>{escape(sheet.name)}</b>（{sheet.n_rows:,} 行{shown}）</p>")
            parts.append(sheet.table._repr_html_())
            if sheet.notes:
                parts.append("<ul>" + "".join(f"<li>{escape(n)}</li>" for n in sheet.notes) + "</ul>")
        return "\n".join(parts)

    def __repr__(self) -> str:
        lines = [self._heading()]
        lines += [f"{s.name}：{s.n_rows:,} 行" for s in self.sheets]
        return "\n".join(lines)


def _cell(header: str, value: Any) -> str:
    """A cell as text for bank staff, by what its column holds."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    exact = Decimal(str(value))
    if "占比" in header:
        return format_percent(exact, 3)
    if "元" in header or "余额" in header:
        return f"{exact:,.2f}"
    if exact == exact.to_integral_value():
        return f"{int(exact):,}"
    return str(exact)


def _sheet(ws: Any, rows: int) -> SheetPreview:
    import pandas as pd

    it = ws.iter_rows(values_only=True)
    header = [("" if h is None else str(h)) for h in next(it, ())]
    body, notes, n = [], [], 0
    for row in it:
        if all(v is None for v in row):
            notes = [str(r[0]) for r in it if r and r[0] is not None]  # the notes under 分层汇总
            break
        n += 1
        if len(body) < rows:
            body.append([_cell(h, v) for h, v in zip(header, list(row) + [None] * (len(header) - len(row)))])
    return SheetPreview(ws.title, n, Table(pd.DataFrame(body, columns=header)), tuple(notes))


def report_preview(path: str | os.PathLike, rows: int = 5, saved: bool = True) -> ReportPreview:
    """The sheets of a saved report, read back from the file: sizes, first ``rows`` rows, and the notes.

    Parameters
    ----------
    path : str or path
        An ``.xlsx`` report written by :meth:`~tiering_lib.io.report.TierReport.save`.
    rows : int
        Rows shown of each sheet (every row is counted).
    saved : bool
        False when the file is a temporary copy of a report not saved yet (the heading says so).

    Examples
    --------
    >>> import tempfile
    >>> import tiering_lib as tl
    >>> report = tl.tier_report(tl.load_sample_export("messy"))
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     preview = report_preview(report.save(f"{folder}/报告.xlsx"), rows=2)
    >>> print(preview)
    文件“报告.xlsx”里有 3 张表：
    分层汇总：6 行
    客户明细：149 行
    问题数据：12 行
    """
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = tuple(_sheet(ws, rows if i else 1_000) for i, ws in enumerate(book.worksheets))
    finally:
        book.close()
    return ReportPreview(Path(path).name, sheets, saved)
