"""Finding the header row of a branch export, and saying so without quoting any data.

The header is the first of the first :data:`HEADER_SEARCH` non-empty rows in
which a balance column is found (title lines above it are skipped).  When
there is none, the message names only what was recognised as a column name
in the most header-like row — never the content of a row, which may be a
customer's name, ID or phone number.
"""

from __future__ import annotations

from typing import Any, Iterator, Mapping

from tiering_lib.errors import BranchFileError, ColumnProblem
from tiering_lib.io.columns import ColumnPlan, resolve_columns, role_of
from tiering_lib.io.csv_records import Record
from tiering_lib.io.privacy import mask_text
from tiering_lib.io.row_masking import cell_text

__all__ = ["find_header", "header_names", "HEADER_SEARCH"]

#: Non-empty rows searched for the header.
HEADER_SEARCH = 20
_HOW = "请把余额列命名为“余额”“存款余额”“日均余额”等，或指定列名，例如 columns={'余额': '列名'}（命令行：--column 余额=列名）"


def header_names(cells: list[Any]) -> tuple[str, ...]:
    """The header as shown in reports: recognised column names as written, other cells with numbers masked.

    Examples
    --------
    >>> header_names(["客户号", "", "余额", "13812345678"])
    ('客户号', '（第 2 列）', '余额', '138****5678')
    """
    out = []
    for i, c in enumerate(cells):
        text = cell_text(c).strip()
        out.append(f"（第 {i + 1} 列）" if not text else text if role_of(text) else mask_text(text))
    return tuple(out)


def _recognised(cells: list[str]) -> list[str]:
    return [c for c in cells if c and role_of(c) is not None]


def _problem_message(best: tuple[int, list[str], int] | None, problem: ColumnProblem | None) -> str:
    """What to say when no header was found (``best``: the most header-like row, if any)."""
    where = ""
    if best is not None:
        row, names, others = best
        more = f"，另有 {others} 列没有认出" if others else ""
        where = f"第 {row} 行像表头（认出的列：{'、'.join(names)}{more}），"
    if problem is not None and problem.kind == "unknown_column":
        return f"{problem}；{where or '前 ' + str(HEADER_SEARCH) + ' 个非空行里没有像表头的行；'}请改用表头里的列名"
    if where:
        return f"{where}但找不到余额列；{_HOW}"
    return f"前 {HEADER_SEARCH} 个非空行里找不到表头（没有一行含“余额”“存款余额”“日均余额”等列名）；{_HOW}"


def find_header(
    records: Iterator[Record], mapping: Mapping[str, str | None] | None, label: str
) -> tuple[int, list[str], ColumnPlan, list[Record]]:
    """``(row number, header cells, plan, rows above)`` of the header, consuming the records up to it.

    The rows above are the non-empty records before the header (title lines,
    or rows that cannot be read, or data above a misplaced header): the loader
    decides which of them are data.

    Raises
    ------
    BranchFileError
        ``"empty"``, ``"no_balance_column"``, ``"unknown_column"``,
        ``"ambiguous_column"`` or ``"bad_mapping"``.
    """
    best: tuple[int, list[str], int] | None = None
    problem: ColumnProblem | None = None
    seen = troubled = 0
    above: list[Record] = []
    for record in records:
        row, cells, trouble, _ = record
        texts = [cell_text(c).strip() for c in cells]
        if trouble is not None:
            troubled += 1
            above.append(record)
            continue
        if not any(texts):
            continue
        try:
            return row, texts, resolve_columns(texts, mapping), above
        except ColumnProblem as err:
            if err.kind not in ("no_balance_column", "unknown_column"):
                raise BranchFileError(label, err.kind, str(err)) from None
            problem = problem if problem is not None and problem.kind == "unknown_column" else err
        above.append(record)
        names = _recognised(texts)
        filled = sum(1 for t in texts if t)
        if len(names) >= min(2, filled) and (best is None or len(names) > len(best[1])):
            best = (row, names, filled - len(names))
        seen += 1
        if seen >= HEADER_SEARCH:
            break
    if not seen:
        if troubled:
            raise BranchFileError(label, "no_balance_column", f"找不到表头：前 {troubled} 行都无法读取（引号或编码有问题）；{_HOW}")
        raise BranchFileError(label, "empty", "文件里没有任何内容；请重新导出")
    raise BranchFileError(label, problem.kind if problem else "no_balance_column", _problem_message(best, problem))
