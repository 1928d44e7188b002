"""The tiering report of a branch export: an Excel workbook with three sheets.

* 分层汇总 — the :class:`~tiering_lib.DistributionTable` in the deck's layout
  (类别, 金额(万元), 金额占比, 户数(户), 户数占比, 户均余额(元)) with a 合计 row,
  then notes: scheme, file, lines and rows read/accepted/rejected, and what was
  masked or hidden in which column;
* 客户明细 — every accepted customer, masked, with balance and tier;
* 问题数据 — every rejected row with its row number, reason and (masked) content.

客户明细 and 问题数据 continue on further sheets (``客户明细（2）`` …) past
Excel's 1,048,576 rows.  Build with :func:`tier_report`, write with
:meth:`TierReport.save` (an existing file is kept unless replacing is asked
for), read back with :func:`read_report`.  Amounts are written as exact
decimal numbers.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from tiering_lib.core.classify import classify
from tiering_lib.core.money import to_decimal
from tiering_lib.core.scheme_files import builtin_scheme
from tiering_lib.core.schemes import TierScheme
from tiering_lib.core.tables import COLUMNS, DistributionTable
from tiering_lib.errors import DataError
from tiering_lib.io.columns import FIELD_LABELS
from tiering_lib.io.load_result import LoadResult
from tiering_lib.io.xlsx_writer import MAX_ROWS, Number, Sheet, write_xlsx

__all__ = ["TierReport", "tier_report", "read_report", "SHEET_NAMES", "DEFAULT_SCHEME"]

#: The report's sheets, in order.
SHEET_NAMES = ("分层汇总", "客户明细", "问题数据")
#: Scheme used when none is named: the deck's core retail system (A1/A2/B/C/D).
DEFAULT_SCHEME = "core_four_class"


_BATCH = 65_536


def yuan(fen: int) -> Number:
    """An amount in 分 as exact 元 for a sheet cell, e.g. ``yuan(123456)`` → ``Number("1234.56")``."""
    return Number(f"{fen // 100}.{fen % 100:02d}")


def parts(name: str, n: int) -> list[tuple[str, int, int]]:
    """Sheets of ``n`` rows within Excel's limit: ``(name, start, stop)``, the first one even when empty."""
    per = MAX_ROWS - 1
    return [(name + (f"（{k // per + 1}）" if k else ""), k, min(k + per, n)) for k in range(0, max(n, 1), per)]


@dataclass(frozen=True, eq=False)
class TierReport:
    """A branch export tiered under a scheme, ready to be saved as Excel.

    Attributes
    ----------
    result : LoadResult
        The export as read (masked).
    scheme : TierScheme
    table : DistributionTable
        The accepted customers tiered under ``scheme``.
    """

    result: LoadResult
    scheme: TierScheme
    table: DistributionTable

    def notes(self) -> list[str]:
        """The lines written under the summary table (Chinese)."""
        r = self.result
        lines = [
            f"分层方案：{self.scheme.title_zh}",
            f"数据文件：{r.source}（{r.encoding}{'，工作表“' + r.sheet + '”' if r.sheet else ''}）",
            f"读取 {r.rows_read:,} 行：接受 {r.n_accepted:,} 行，拒绝 {r.n_rejected:,} 行（见“问题数据”表）",
        ]
        return lines + list(r.notes)

    # -- the three sheets ----------------------------------------------------------
    def _summary_rows(self) -> Iterator[list[object]]:
        for row in self.table.rows():
            avg = row["average_yuan"]
            yield [
                row["label"],
                row["amount_wan"],
                to_decimal(row["amount_share"], 6),
                row["households"],
                to_decimal(row["household_share"], 6),
                "—" if avg is None else to_decimal(avg, 2),
            ]
        yield []
        for line in self.notes():
            yield [line]

    def _customer_header(self) -> list[str]:
        r = self.result
        head = ["行号"]
        for fld, values in ((f, r.texts.get(f)) for f in ("customer_id", "name", "id_card", "phone")):
            if values is not None:
                head.append(FIELD_LABELS[fld] + ("" if fld == "customer_id" else "（已脱敏）"))
        return head + ["余额（元）", "层级", "层级名称"]

    def _customer_rows(self, start: int, stop: int) -> Iterator[list[object]]:
        r = self.result
        codes = self.scheme.codes
        names = [t.name_zh for t in self.scheme.tiers]
        cols = [r.texts[f] for f in ("customer_id", "name", "id_card", "phone") if f in r.texts]
        for begin in range(start, stop, _BATCH):  # in batches: a million customers never become lists at once
            end = min(begin + _BATCH, stop)
            idx = classify(r.balances[begin:end], self.scheme).tolist()
            texts = zip(*(list(c.iter_range(begin, end)) for c in cols)) if cols else iter(tuple, None)
            rows, balances = r.row_numbers[begin:end].tolist(), r.balances[begin:end].tolist()
            for row, fen, i, shown in zip(rows, balances, idx, texts):
                yield [row, *shown, yuan(fen), codes[i], names[i]]

    def _problem_rows(self, start: int, stop: int) -> Iterator[list[object]]:
        for r in self.result.rejected[start:stop]:
            yield [r.row, r.reason_zh, r.detail, *r.cells]

    def sheets(self) -> list[Sheet]:
        """The worksheets, in order (客户明细 and 问题数据 continue on （2）… past Excel's row limit)."""
        summary = Sheet(
            SHEET_NAMES[0],
            ["类别", *COLUMNS],
            self._summary_rows(),
            ["plain", "money", "percent", "count", "percent", "money"],
            [26, 16, 12, 12, 12, 16],
        )
        head = self._customer_header()
        styles = ["count"] + ["plain"] * (len(head) - 4) + ["money", "plain", "plain"]
        widths = [9] + [20] * (len(head) - 4) + [16, 8, 24]
        customers = [
            Sheet(name, head, self._customer_rows(a, b), styles, widths)
            for name, a, b in parts(SHEET_NAMES[1], self.result.n_accepted)
        ]
        widest = max((len(r.cells) for r in self.result.rejected), default=0)
        header = self.result.column_names(widest)
        problems = [
            Sheet(name, ["行号", "原因", "说明", *header], self._problem_rows(a, b), ["count"],
                  [9, 24, 40] + [16] * len(header))
            for name, a, b in parts(SHEET_NAMES[2], self.result.n_rejected)
        ]
        return [summary, *customers, *problems]

    def save(
        self, path: str | os.PathLike, progress: Callable[[str, int], None] | None = None, overwrite: bool = False
    ) -> Path:
        """Write the report as ``.xlsx`` and return its path.

        Parameters
        ----------
        path : str or path
            Where to write; the folder must exist.
        progress : callable, optional
            ``progress(sheet_name, rows_written)`` about every 100,000 rows.
        overwrite : bool
            Replace an existing file; by default an existing file is kept and
            :class:`~tiering_lib.errors.TieringError` raised.
        """
        return write_xlsx(path, self.sheets(), progress, overwrite=overwrite)

    def preview(self, rows: int = 5):
        """What the saved workbook will hold: each sheet's size and first ``rows`` rows, read back from a file.

        The report is written to a temporary folder that is removed afterwards
        (see :func:`~tiering_lib.io.report_preview.report_preview`).
        """
        import tempfile

        from tiering_lib.io.report_preview import report_preview

        with tempfile.TemporaryDirectory(prefix="tiering-report-") as folder:
            return report_preview(self.save(Path(folder) / "分层报告.xlsx"), rows, saved=False)

    def _repr_html_(self) -> str:
        import html

        notes = "".join(f"<li>{html.escape(n)}</li>" for n in self.notes())
        return f"<p><b>分层汇总</b></p>{self.table.to_display()._repr_html_()}<ul>{notes}</ul>"

    def __repr__(self) -> str:
        return "\n".join(["分层汇总", self.table.to_display().to_string(), *self.notes()])


def tier_report(result: LoadResult, scheme: TierScheme | str = DEFAULT_SCHEME) -> TierReport:
    """Tier the accepted customers of a branch export and prepare the Excel report.

    Parameters
    ----------
    result : LoadResult
        From :func:`tiering_lib.load_branch_export`.
    scheme : TierScheme or str
        A scheme, or the name of a built-in one (``"core_four_class"`` by default).

    Examples
    --------
    >>> from tiering_lib import load_branch_export
    >>> r = load_branch_export("客户号,余额\\n1,500\\n2,30万\\n".encode(), name="例子.csv")
    >>> tier_report(r, "suzhou_three_class").table.households
    (1, 0, 1)
    """
    if isinstance(scheme, str):
        scheme = builtin_scheme(scheme)
    if not isinstance(scheme, TierScheme):
        raise DataError(f"scheme 应是分层方案（TierScheme）或内置方案的名称，这里是 {type(scheme).__name__}")
    return TierReport(result, scheme, result.table(scheme))


def read_report(path: str | os.PathLike) -> dict:
    """Read a report back: one DataFrame per sheet (for 分层汇总, the table without its notes).

    Examples
    --------
    >>> import tempfile
    >>> from tiering_lib import load_branch_export
    >>> r = load_branch_export("客户号,余额\\n1,500\\n".encode(), name="例子.csv")
    >>> with tempfile.TemporaryDirectory() as d:
    ...     sheets = read_report(tier_report(r).save(f"{d}/报告.xlsx"))
    >>> list(sheets), sheets["客户明细"]["层级"].tolist()
    (['分层汇总', '客户明细', '问题数据'], ['D'])
    """
    import pandas as pd
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        out = {}
        for ws in book.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
            width = max((len(r) for r in rows), default=0)
            rows = [r + [None] * (width - len(r)) for r in rows]
            header, body = (rows[0], rows[1:]) if rows else ([], [])
            header = [f"（第 {i + 1} 列）" if h is None else h for i, h in enumerate(header)]
            if ws.title == SHEET_NAMES[0]:
                end = next((i for i, row in enumerate(body) if all(v is None for v in row)), len(body))
                body = body[:end]
            out[ws.title] = pd.DataFrame(body, columns=header)
        return out
    finally:
        book.close()
