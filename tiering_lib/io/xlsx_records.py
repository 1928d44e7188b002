"""The records of an Excel ``.xlsx`` sheet: read in full, hidden sheets skipped unless named.

openpyxl's read-only mode (streaming, so a million-row sheet fits in memory)
trusts the ``<dimension>`` a file declares; a file that understates it would
lose every row past the declared range.  The dimension is therefore reset and
every row the sheet holds is read (measured: no slower, since the rows are
parsed either way).  Cells come as Excel stores them (numbers, dates, text,
``None``); rows are numbered as Excel numbers them.
"""

from __future__ import annotations

import sys
import warnings
from typing import Any, Iterator

from tiering_lib.errors import BranchFileError
from tiering_lib.io.csv_records import MAX_CELL_CHARS, Record
from tiering_lib.io.sources import SAVE_AS, Source

__all__ = ["XlsxRecords", "open_sheet"]


def _visible(ws: Any) -> bool:
    return getattr(ws, "sheet_state", "visible") == "visible"


def open_sheet(source: Source, sheet: str | None) -> "XlsxRecords":
    """The records of the sheet named ``sheet``, or of the first visible sheet.

    Raises
    ------
    BranchFileError
        ``"unreadable"`` (not a valid workbook), ``"no_sheet"`` (no such
        sheet, or every sheet hidden).
    """
    from openpyxl import load_workbook

    stream = source.open()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = load_workbook(stream, read_only=True, data_only=True)
    except Exception as err:  # any parser error of a damaged file
        stream.close()
        raise BranchFileError(
            source.label, "unreadable", f"不是有效的 Excel .xlsx 文件（{type(err).__name__}）；{SAVE_AS}"
        ) from None
    names = "、".join(f"“{ws.title}”{'' if _visible(ws) else '（隐藏）'}" for ws in book.worksheets)
    visible = [ws for ws in book.worksheets if _visible(ws)]
    hidden = [ws.title for ws in book.worksheets if not _visible(ws)]
    if sheet is not None:
        chosen = next((ws for ws in book.worksheets if ws.title == sheet), None)
        problem = None if chosen else f"没有名为“{sheet}”的工作表；工作表有：{names}，请从中选一张（命令行：--sheet 工作表名）"
    else:
        chosen = visible[0] if visible else None
        problem = None if chosen else f"所有工作表都是隐藏的（{names}）；请用 --sheet 指定要读的工作表"
    if chosen is None:
        book.close()
        stream.close()
        raise BranchFileError(source.label, "no_sheet", problem)
    skipped = [n for n in hidden if n != chosen.title] if sheet is None else []
    return XlsxRecords(source.label, book, stream, chosen, skipped)


class XlsxRecords:
    """The rows of one worksheet as records ``(row, cells, problem, 1)`` (an iterable, read once).

    ``title`` is the sheet's name, ``hidden_skipped`` the hidden sheets passed
    over, ``lines_read`` the rows read so far.
    """

    def __init__(self, label: str, book: Any, stream: Any, ws: Any, hidden_skipped: list[str]) -> None:
        self.label, self._book, self._stream, self._ws = label, book, stream, ws
        self.title = ws.title
        self.hidden_skipped = hidden_skipped
        self.lines_read = 0
        self.width: int | None = None
        self.multiline: list[int] = []

    def __iter__(self) -> Iterator[Record]:
        ws = self._ws
        ws.reset_dimensions()  # read every row, whatever <dimension> the file declares
        long = MAX_CELL_CHARS // 2
        try:
            for row, values in enumerate(_rows(ws), 1):
                self.lines_read = row
                cells = list(values)
                if any(c.__class__ is str and len(c) > long for c in cells) and _too_long(cells):
                    yield row, cells, "field_too_long", 1
                else:
                    yield row, cells, None, 1
        except Exception as err:  # a damaged sheet
            raise BranchFileError(
                self.label, "unreadable", f"工作表“{ws.title}”已损坏，读到第 {self.lines_read + 1} 行出错（{type(err).__name__}）；{SAVE_AS}"
            ) from None
        finally:
            self.close()

    def close(self) -> None:
        """Close the workbook and its file (also when reading stopped early)."""
        self._book.close()
        self._stream.close()


#: Digits a number cell may have when openpyxl turns it into an int (Python's own limit is 4,300).
#: A longer number is refused by the loader as too large; one past this limit is a damaged sheet.
INT_DIGITS = 100_000


def _rows(ws: Any) -> Iterator[tuple]:
    """The sheet's rows; a number cell of thousands of digits becomes an int (and a rejected row).

    Python refuses to turn text of more than 4,300 digits into an int; openpyxl does
    so for every number cell, so the limit is raised to :data:`INT_DIGITS` while a row
    is parsed, and put back before the row is handed on.
    """
    rows = ws.iter_rows(min_row=1, min_col=1, values_only=True)
    limit = sys.get_int_max_str_digits()
    while True:
        if limit:
            sys.set_int_max_str_digits(max(limit, INT_DIGITS))
        try:
            values = next(rows)
        except StopIteration:
            return
        finally:
            sys.set_int_max_str_digits(limit)
        yield values


def _too_long(cells: list[Any]) -> bool:
    return any(c.__class__ is str and len(c.encode("utf-16-le")) // 2 > MAX_CELL_CHARS for c in cells)
