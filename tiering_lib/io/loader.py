"""Read a branch export (CSV or Excel) robustly: every row accepted or rejected with a reason.

:func:`load_branch_export` reads

* CSV in UTF-8, UTF-8 with BOM, GB18030/GBK (what Chinese Excel writes) or
  UTF-16, with ``,``, tab, ``;`` or ``|`` between cells;
* Excel ``.xlsx`` (the first worksheet, or the one named by ``sheet``);

finds the header row (title lines above it are skipped) and the columns from
their synonyms or an explicit mapping (:mod:`._columns`), parses each balance
exactly (:mod:`._amounts`) and masks names, ID-card and phone numbers as it
reads (:mod:`._privacy`).  The file is recognised by its content, not its
name (:mod:`._sources`).

Each data row is accepted or rejected with a reason (see
:data:`REJECT_REASONS`); a customer id seen twice rejects the later rows if
the balances agree and every one of them if they differ (which balance is
right cannot be known).  Empty rows after the last non-empty row are not data.
A problem with the whole file raises :class:`BranchFileError`.
"""

from __future__ import annotations

import unicodedata
from array import array
from os import PathLike
from typing import IO, Any, Callable, Mapping

import numpy as np

from tiering_lib.datasets.files import read_bytes
from tiering_lib.errors import AmountError, BranchFileError, ColumnProblem
from tiering_lib.io.amounts import parse_amount
from tiering_lib.io.columns import ColumnPlan, resolve_columns
from tiering_lib.io.load_result import LoadResult, RejectedRow
from tiering_lib.io.privacy import mask_id_card, mask_name, mask_phone, mask_text
from tiering_lib.io.sources import ENCODING_NAMES, Rows, cell_text, csv_rows, open_source, sniff, xlsx_rows

__all__ = ["load_branch_export", "load_sample_export", "SAMPLE_EXPORTS", "PROGRESS_EVERY"]

#: The synthetic sample exports shipped in ``data/`` (see ``data/README.md``).
SAMPLE_EXPORTS = {"clean": "branch_export_clean.csv", "messy": "branch_export_messy.csv"}

#: Rows between two calls of the ``progress`` callback.
PROGRESS_EVERY = 100_000

_HEADER_SEARCH = 20  # non-empty rows searched for the header
_TOTAL_WORDS = ("合计", "总计", "小计")
_TOTAL_EN = frozenset({"total", "subtotal", "grandtotal", "sum"})


def _blank(cells: list[Any]) -> bool:
    for c in cells:
        if c is None:
            continue
        if c.__class__ is not str or (c and not c.isspace()):
            return False
    return True


_TOTAL_FIRST = frozenset("合总小tTsS \u3000")


def _is_total(text: str) -> bool:
    if not text or text[0] not in _TOTAL_FIRST:  # the common case, kept fast
        return False
    t = text.replace(" ", "").replace("\u3000", "").lower()
    return t.startswith(_TOTAL_WORDS) or t.rstrip(":") in _TOTAL_EN


_MASKERS = {"name": mask_name, "id_card": mask_id_card, "phone": mask_phone}


def _masked_cells(cells: list[Any], plan: ColumnPlan) -> tuple[str, ...]:
    out = []
    for i, c in enumerate(cells):
        role = plan.roles[i] if i < len(plan.roles) else None
        text = cell_text(c)
        if role == "customer_id":
            out.append(text)
        else:
            out.append(_MASKERS.get(role, mask_text)(text))
    while out and not out[-1].strip():
        out.pop()
    return tuple(out)


# -- header ---------------------------------------------------------------------
def _find_header(rows: Rows, mapping: Mapping[str, str | None] | None, label: str) -> tuple[int, list[str], ColumnPlan]:
    """The header: the first of the first non-empty rows in which a balance column is found.

    If there is none, the error shows the most header-like row (the one with the most cells).
    """
    best: tuple[int, ColumnProblem] | None = None
    seen = 0
    for row, cells in rows:
        if _blank(cells):
            continue
        header = [cell_text(c).strip() for c in cells]
        while header and not header[-1]:
            header.pop()
        try:
            return row, header, resolve_columns(header, mapping)
        except ColumnProblem as problem:
            if problem.kind not in ("no_balance_column", "unknown_column"):
                raise BranchFileError(label, problem.kind, str(problem)) from None
            filled = sum(1 for h in header if h)
            if best is None or filled > best[0]:
                best = (filled, problem)
        seen += 1
        if seen >= _HEADER_SEARCH:
            break
    if best is None:
        raise BranchFileError(label, "empty", "文件里没有任何内容;请重新导出")
    raise BranchFileError(label, best[1].kind, str(best[1]))


# -- the loader -------------------------------------------------------------------
def load_branch_export(
    source: str | PathLike | bytes,
    *,
    columns: Mapping[str, str | None] | None = None,
    unit: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> LoadResult:
    """Read a branch export; accept or reject every row, masking personal data.

    Parameters
    ----------
    source : str, path or bytes
        A ``.csv``/``.txt`` or ``.xlsx`` file, or its content as bytes.
    columns : mapping, optional
        Explicit columns, field → header, e.g. ``{"余额": "日均余额"}``; fields
        are ``balance``/``余额``, ``customer_id``/``客户号``, ``name``/``姓名``,
        ``id_card``/``证件号``, ``phone``/``手机号``.  Other fields are found by
        their synonyms.
    unit : {"元", "万元"}, optional
        Unit of the balance column.  By default the unit written in its header
        (``余额(万元)``), else 元.  A unit written in a cell (``12.5万``) wins.
    sheet : str, optional
        Worksheet of an Excel file (the first one by default).
    encoding : str, optional
        Encoding of a CSV file; recognised automatically by default.
    name : str, optional
        What to call the data in messages and reports (the file name by default).
    progress : callable, optional
        Called with the number of rows read so far every :data:`PROGRESS_EVERY` rows.

    Returns
    -------
    LoadResult
        ``n_accepted + n_rejected == rows_read``.

    Raises
    ------
    BranchFileError
        When the file as a whole cannot be used (no such file, empty, unknown
        encoding, no such sheet, no balance column, …); the message names the
        file and says what to do.

    Examples
    --------
    >>> data = "客户号,姓名,余额\\nK1,张三,\\"1,200.50\\"\\nK2,李四,abc\\n".encode("gbk")
    >>> r = load_branch_export(data, name="例子.csv")
    >>> r.n_accepted, r.n_rejected, r.balances.tolist(), r.names
    (1, 1, [120050], ('张*',))
    >>> r.rejected[0].row, r.rejected[0].reason_zh, r.rejected[0].cells
    (3, '余额不是数字', ('K2', '李*', 'abc'))
    """
    label, display, opener = open_source(source, name)
    if unit is not None and unit not in ("元", "万元"):
        raise BranchFileError(label, "bad_option", f"余额单位只能是“元”或“万元”,收到“{unit}”")
    kind, codec = sniff(opener, label, encoding)
    if kind == "xlsx":
        sheet_title, rows = xlsx_rows(opener, sheet, label)
        how = "xlsx"
    else:
        if sheet is not None:
            raise BranchFileError(label, "bad_option", "只有 Excel(.xlsx)文件才有工作表;读取 CSV 时不要指定工作表")
        sheet_title, rows = None, csv_rows(opener, codec, label)
        how = ENCODING_NAMES.get(codec, codec.upper())
    try:
        header_row, header, plan = _find_header(rows, columns, label)
        col_unit, notes = _unit_and_notes(header, header_row, plan, unit)
        accepted, rejected, last_row = _read_rows(
            rows, plan, len(header), col_unit, header_row, progress, text_cells=kind == "csv"
        )
    finally:
        rows.close()
    rows_read = max(last_row - header_row, 0)
    if rows_read == 0:
        raise BranchFileError(label, "no_rows", f"第 {header_row} 行是表头,但下面没有数据行;请确认导出时选中了数据")
    if "customer_id" in plan.index:
        _reject_duplicates(accepted, rejected)
    if rejected:
        _fill_cells(rejected, kind, opener, codec, sheet, label, plan)
    if any("\n" in c for r in rejected for c in r[3] or ()):
        notes.append("有被拒绝的行含跨行的格子,可能是引号没有配对;请检查这些行")
    keep = accepted["keep"]
    return LoadResult(
        source=display,
        encoding=how,
        sheet=sheet_title,
        header_row=header_row,
        header=tuple(header),
        columns={f: header[i] for f, i in plan.index.items()},
        unit=col_unit,
        rows_read=rows_read,
        row_numbers=np.frombuffer(accepted["row"], dtype=np.int64)[keep],
        balances=np.frombuffer(accepted["balance"], dtype=np.int64)[keep],
        **{
            f: None if accepted[f] is None else _kept(accepted[f], keep)
            for f in ("customer_ids", "names", "id_cards", "phones")
        },
        rejected=tuple(RejectedRow(r[0], r[1], r[2], r[3] or ()) for r in sorted(rejected, key=lambda r: r[0])),
        notes=tuple(notes),
    )


def _kept(values: list[str], keep: np.ndarray) -> tuple[str, ...]:
    if keep.all():
        return tuple(values)
    return tuple(v for v, k in zip(values, keep.tolist()) if k)


def _unit_and_notes(header: list[str], header_row: int, plan: ColumnPlan, unit: str | None) -> tuple[str, list[str]]:
    notes = []
    if header_row > 1:
        notes.append(f"表头在第 {header_row} 行,上面的 {header_row - 1} 行(标题等)不是数据")
    balance_header = header[plan.index["balance"]]
    if unit is None:
        col_unit = plan.unit or "元"
        source = f"取自表头“{balance_header}”" if plan.unit else "表头没写单位,按元"
        notes.append(f"余额单位:{col_unit}({source})")
    else:
        col_unit = unit
        notes.append(f"余额单位:{unit}(按指定)")
        if plan.unit and plan.unit != unit:
            notes.append(f"注意:表头“{balance_header}”写的单位是{plan.unit},但按指定的{unit}读取")
    if "customer_id" not in plan.index:
        notes.append("没有客户号列,无法检查重复的客户")
    notes.extend(plan.notes)
    return col_unit, notes


def _read_rows(
    rows: Rows,
    plan: ColumnPlan,
    width: int,
    unit: str,
    header_row: int,
    progress: Callable[[int], None] | None,
    text_cells: bool,
) -> tuple[dict[str, Any], list[list[Any]], int]:
    """Accept or reject each data row (duplicates are settled afterwards)."""
    idx = plan.index
    bi = idx["balance"]
    ii, ni, ci, pi = (idx.get(f) for f in ("customer_id", "name", "id_card", "phone"))
    width = max(width, bi + 1)
    rows_acc, bal_acc = array("q"), array("q")
    ids_acc = [] if ii is not None else None
    names_acc = [] if ni is not None else None
    cards_acc = [] if ci is not None else None
    phones_acc = [] if pi is not None else None
    name_cache: dict[str, str] = {}
    seen: dict[str, int] = {}
    dups: dict[str, list[int]] = {}
    rejected: list[list[Any]] = []  # [row, reason, detail, cells]; cells are filled in later
    pending: list[int] = []
    last = header_row
    total_first = _TOTAL_FIRST
    for row, cells in rows:
        if progress is not None and (row - header_row) % PROGRESS_EVERY == 0:
            progress(row - header_row)
        if _blank(cells):
            pending.append(row)
            continue
        for blank_row in pending:
            rejected.append([blank_row, "empty_row", "整行为空", None])
        pending.clear()
        last = row
        n = len(cells)
        if n > width:
            if not _blank(cells[width:]):
                rejected.append([row, "extra_cells", f"表头有 {width} 列,本行第 {width + 1} 列以后还有内容", None])
                continue
        elif n < width:
            cells = cells + [""] * (width - n)
        if not text_cells:  # Excel: numbers, dates and None as text, except the balance
            cells = [c if i == bi else cell_text(c) for i, c in enumerate(cells)]
        cid = cells[ii].strip() if ii is not None else ""
        if (
            (cells[0][:1] in total_first and _is_total(cells[0]))
            or (cid[:1] in total_first and _is_total(cid))
            or (ni is not None and cells[ni][:1] in total_first and _is_total(cells[ni]))
        ):
            rejected.append([row, "total_row", "合计/小计行不是客户", None])
            continue
        if ii is not None and not cid:
            rejected.append([row, "missing_id", "客户号为空", None])
            continue
        try:
            fen = parse_amount(cells[bi], unit)
        except AmountError as err:
            rejected.append([row, err.reason, mask_text(str(err)), None])
            continue
        k = len(bal_acc)
        rows_acc.append(row)
        bal_acc.append(fen)
        if ids_acc is not None:
            if not cid.isascii():
                cid = unicodedata.normalize("NFKC", cid)
            ids_acc.append(cid)
            first = seen.setdefault(cid, k)
            if first != k:
                dups.setdefault(cid, [first]).append(k)
        if names_acc is not None:
            raw = cells[ni]
            masked = name_cache.get(raw)
            if masked is None:
                masked = name_cache[raw] = mask_name(raw)
            names_acc.append(masked)
        if cards_acc is not None:
            cards_acc.append(mask_id_card(cells[ci]))
        if phones_acc is not None:
            phones_acc.append(mask_phone(cells[pi]))
    accepted = {
        "row": rows_acc,
        "balance": bal_acc,
        "customer_ids": ids_acc,
        "names": names_acc,
        "id_cards": cards_acc,
        "phones": phones_acc,
        "keep": np.ones(len(bal_acc), dtype=bool),
        "dups": dups,
    }
    return accepted, rejected, last


def _reject_duplicates(acc: dict[str, Any], rejected: list[list[Any]]) -> None:
    rows, balances, keep = acc["row"], acc["balance"], acc["keep"]
    for cid, positions in acc["dups"].items():
        shown = "、".join(str(rows[p]) for p in positions)
        if len({balances[p] for p in positions}) == 1:
            for p in positions[1:]:
                keep[p] = False
                rejected.append([rows[p], "duplicate_row", f"与第 {rows[positions[0]]} 行完全重复(客户号 {cid})", None])
        else:
            for p in positions:
                keep[p] = False
                rejected.append(
                    [rows[p], "duplicate_conflict", f"客户号 {cid} 出现在第 {shown} 行,余额不同,无法判断哪个对", None]
                )


def _fill_cells(
    rejected: list[list[Any]],
    kind: str,
    opener: Callable[[], IO[bytes]],
    codec: str | None,
    sheet: str | None,
    label: str,
    plan: ColumnPlan,
) -> None:
    """Second pass over the file: the (masked) content of each rejected row."""
    wanted = {r[0]: r for r in rejected}
    last = max(wanted)
    rows = xlsx_rows(opener, sheet, label)[1] if kind == "xlsx" else csv_rows(opener, codec, label)
    try:
        for row, cells in rows:
            if row in wanted:
                wanted[row][3] = _masked_cells(cells, plan)
            if row >= last:
                break
    finally:
        rows.close()


def load_sample_export(kind: str = "clean", **options: Any) -> LoadResult:
    """One of the synthetic branch exports shipped with the workbook.

    Parameters
    ----------
    kind : {"clean", "messy"}
        ``"clean"``: GBK, Chinese headers, every row good.  ``"messy"``:
        UTF-8 with BOM, a title line, 万 suffixes, full-width digits and bad rows.
    **options
        Passed on to :func:`load_branch_export` (``columns``, ``unit`` …).

    Examples
    --------
    >>> load_sample_export("clean").encoding
    'GB18030/GBK'
    """
    if kind not in SAMPLE_EXPORTS:
        raise BranchFileError(kind, "bad_option", f"没有示例数据“{kind}”;可选:{'、'.join(SAMPLE_EXPORTS)}")
    filename = SAMPLE_EXPORTS[kind]
    data = read_bytes(filename)
    return load_branch_export(data, name=filename, **options)
