"""Read a branch export (CSV or Excel) robustly: every row accepted or rejected with a reason.

:func:`load_branch_export` reads

* CSV in UTF-8, UTF-8 with BOM, GB18030/GBK (what Chinese Excel writes) or
  UTF-16, with ``,``, tab, ``;`` or ``|`` between cells
  (:mod:`~tiering_lib.io.decoding`, :mod:`~tiering_lib.io.csv_records`);
* Excel ``.xlsx`` (the first visible worksheet, or the one named by
  ``sheet``; :mod:`~tiering_lib.io.xlsx_records`);

from a file, a pipe or bytes, once (:mod:`~tiering_lib.io.sources`).  It finds
the header row (:mod:`~tiering_lib.io.header`) and the columns
(:mod:`~tiering_lib.io.columns`), accepts or rejects each row
(:mod:`~tiering_lib.io.row_reader`), masking personal data as it reads
(:mod:`~tiering_lib.io.row_masking`), and settles duplicate customers
(:mod:`~tiering_lib.io.duplicates`).  A problem with the whole file raises
:class:`BranchFileError`; its message names the file and never quotes its data.
"""

from __future__ import annotations

import itertools
from os import PathLike
from typing import Any, Callable, Mapping

import numpy as np

from tiering_lib.datasets.files import read_bytes
from tiering_lib.errors import AmountError, BranchFileError
from tiering_lib.io.amounts import parse_amount
from tiering_lib.io.csv_records import CsvRecords, choose_delimiter
from tiering_lib.io.decoding import Lines
from tiering_lib.io.duplicates import duplicate_groups, settle_duplicates
from tiering_lib.io.header import find_header, header_names
from tiering_lib.io.load_notes import file_notes, privacy_notes
from tiering_lib.io.load_result import LoadResult, RejectedRow
from tiering_lib.io.row_masking import KeyMasker, RowMasker
from tiering_lib.io.row_reader import PROGRESS_EVERY, RowReader
from tiering_lib.io.sources import open_source, sniff_kind
from tiering_lib.io.xlsx_records import open_sheet

__all__ = ["load_branch_export", "load_sample_export", "SAMPLE_EXPORTS", "PROGRESS_EVERY"]

#: The synthetic sample exports shipped in ``data/`` (see ``data/README.md``).
SAMPLE_EXPORTS = {
    "clean": "branch_export_clean.csv",
    "messy": "branch_export_messy.csv",
    "cards": "branch_export_cards.csv",
}

_PEEK_LINES = 200


def _csv_records(source, encoding: str | None, columns) -> tuple[CsvRecords, Lines, Any]:
    """The records of a CSV, its separator chosen from the first lines (read once: they are kept)."""
    stream = source.open()
    try:
        lines = Lines(stream, source.label, encoding)
        chunks = lines.chunks()
        peeked, seen = [], 0
        for chunk in chunks:
            peeked.append(chunk)
            seen += len(chunk[0])
            if seen >= _PEEK_LINES:
                break
        sample = [line for chunk, _ in peeked for line in chunk][:_PEEK_LINES]
        records = CsvRecords(itertools.chain(peeked, chunks), choose_delimiter(sample, columns), lines)
    except BaseException:
        stream.close()
        raise
    return records, lines, stream


def _check_options(label: str, kind: str, unit: str | None, sheet: str | None, encoding: str | None) -> None:
    if unit is not None and unit not in ("元", "万元"):
        raise BranchFileError(label, "bad_option", f"余额单位只能是“元”或“万元”，收到“{unit}”")
    if kind == "csv" and sheet is not None:
        raise BranchFileError(label, "bad_option", "只有 Excel（.xlsx）文件才有工作表；读取 CSV 时不要指定工作表")
    if kind == "xlsx" and encoding is not None:
        raise BranchFileError(label, "bad_option", "Excel（.xlsx）文件不用指定编码；请去掉编码选项")


def _width(header: list[str], plan, kind: str) -> int:
    """Cells a data row must have: all of a CSV header's; an Excel header's up to its last filled cell."""
    if kind == "csv":
        return len(header)
    filled = [i for i, h in enumerate(header) if h]
    return max(filled[-1] + 1, plan.index["balance"] + 1)


def _row_like(plan, width: int, unit: str) -> Callable[[list[str]], bool]:
    """Whether cells make a whole row: as many as the header, a customer number, a readable balance."""
    key, balance = plan.index.get("customer_id"), plan.index["balance"]

    def row_like(cells: list[str]) -> bool:
        if len(cells) != width or (key is not None and not cells[key].strip()):
            return False
        try:
            parse_amount(cells[balance], unit)
        except AmountError:
            return False
        return True

    return row_like


def load_branch_export(
    source: str | PathLike | bytes,
    *,
    columns: Mapping[str, str | None] | None = None,
    unit: str | None = None,
    sheet: str | None = None,
    encoding: str | None = None,
    name: str | None = None,
    progress: Callable[[int], None] | None = None,
    keep_text_columns: bool = False,
    pseudonym_secret: bytes | None = None,
) -> LoadResult:
    """Read a branch export; accept or reject every row, masking personal data.

    Parameters
    ----------
    source : str, path or bytes
        A ``.csv``/``.txt`` or ``.xlsx`` file (also a pipe such as
        ``/dev/stdin``), or its content as bytes.
    columns : mapping, optional
        Explicit columns, field → header, e.g. ``{"余额": "日均余额"}``; fields
        are ``balance``/``余额``, ``customer_id``/``客户号``, ``name``/``姓名``,
        ``id_card``/``证件号``, ``phone``/``手机号``.  Other fields are found by
        their synonyms.
    unit : {"元", "万元"}, optional
        Unit of the balance column.  By default the unit written in its header
        (``余额(万元)``), else 元.  A unit written in a cell (``12.5万``) wins.
    sheet : str, optional
        Worksheet of an Excel file (the first visible one by default; a
        hidden sheet is read only when named).
    encoding : str, optional
        Encoding of a CSV file; recognised automatically by default.
    name : str, optional
        What to call the data in messages and reports (the file name by default).
    progress : callable, optional
        Called with the number of rows read so far every :data:`PROGRESS_EVERY` rows.
    keep_text_columns : bool
        Show free-text and unrecognised columns (备注, 说明, 地址 …) in
        rejected rows, with personal numbers masked; by default they are
        hidden whole, since names inside text cannot be found.
    pseudonym_secret : bytes, optional
        Key of the pseudonyms that replace personal customer numbers; random
        for each read by default.  Pass the same secret when two files must
        be matched by customer (tier migration); it never leaves the process.

    Returns
    -------
    LoadResult
        ``n_accepted + n_rejected == rows_read``.

    Raises
    ------
    BranchFileError
        When the file as a whole cannot be used (no such file, empty, unknown
        encoding, no such sheet, no balance column, …); the message names the
        file, says what to do and quotes none of its data.

    Examples
    --------
    >>> data = "客户号,姓名,余额\\nK1,张三,\\"1,200.50\\"\\nK2,李四,abc\\n".encode("gbk")
    >>> r = load_branch_export(data, name="例子.csv")
    >>> r.n_accepted, r.n_rejected, r.balances.tolist(), r.names
    (1, 1, [120050], ('张*',))
    >>> r.rejected[0].row, r.rejected[0].reason_zh, r.rejected[0].cells
    (3, '余额不是数字', ('K2', '李*', '（已隐藏）'))
    """
    src = open_source(source, name)
    kind = sniff_kind(src)
    _check_options(src.label, kind, unit, sheet, encoding)
    if kind == "xlsx":
        records, lines = open_sheet(src, sheet), None
        stream = records
    else:
        records, lines, stream = _csv_records(src, encoding, columns)
    try:
        it = iter(records)
        header_row, header, plan, above = find_header(it, columns, src.label)
        records.width = width = _width(header, plan, kind)
        col_unit = unit or plan.unit or "元"
        records.row_like = _row_like(plan, width, col_unit)
        masker = RowMasker(plan, KeyMasker(plan.key_is_personal, pseudonym_secret), keep_text_columns)
        reader = RowReader(plan, masker, width, col_unit, text_cells=kind == "csv",
                           encoding=lambda: f" {lines.encoding_name} " if lines else "")
        reader.read(it, progress)
        reader.above_header(above, header_row, records.row_like)
    finally:
        stream.close()
    if reader.rows_read == 0:
        raise BranchFileError(src.label, "no_rows", f"第 {header_row} 行是表头，但下面没有数据行；请确认导出时选中了数据")
    keep = _settle_duplicates(reader)
    names = header_names(header[:width])
    result_notes = file_notes(reader, records, header_row, names, plan, unit) + privacy_notes(
        reader, masker, names, plan, keep_text_columns
    )
    return _result(src.display, lines.encoding_name if lines else "xlsx", records, header_row, names, plan,
                   col_unit, reader, keep, result_notes, masker)


def _settle_duplicates(reader: RowReader) -> np.ndarray:
    """Reject the rows duplicates rule out; return which accepted rows are kept."""
    keep = np.ones(len(reader.balances), dtype=bool)
    if "customer_id" not in reader.texts:
        return keep
    keys = reader.texts["customer_id"]
    out = settle_duplicates(duplicate_groups(keys, reader.hashes), reader.rows, reader.balances)
    if not out:
        return keep
    positions = sorted(p for p, _, _ in out)
    values = {f: dict(zip(positions, col.take(positions))) for f, col in reader.texts.items()}
    rest = dict(zip(positions, reader.rest.take(positions))) if reader.rest_columns else {}
    for p, reason, detail in out:
        keep[p] = False
        cells = reader.cells_of(p, {f: v[p] for f, v in values.items()}, rest.get(p, ""))
        reader.rejected.append(RejectedRow(reader.rows[p], reason, detail, cells))
    return keep


def _result(display, encoding, records, header_row, names, plan, unit, reader, keep, notes, masker) -> LoadResult:
    kept = bool(keep.all())
    texts = {f: col if kept else col.kept(keep.tolist()) for f, col in reader.texts.items()}
    rows = np.frombuffer(reader.rows, dtype=np.int64) if len(reader.rows) else np.zeros(0, dtype=np.int64)
    balances = np.frombuffer(reader.balances, dtype=np.int64) if len(reader.balances) else np.zeros(0, dtype=np.int64)
    return LoadResult(
        source=display,
        encoding=encoding,
        sheet=getattr(records, "title", None),
        header_row=header_row,
        header=_trim(names),
        columns={f: names[i] for f, i in plan.index.items()},
        unit=unit,
        rows_read=reader.rows_read,
        row_numbers=rows if kept else rows[keep],
        balances=balances if kept else balances[keep],
        texts=texts,
        rejected=tuple(sorted(reader.rejected, key=lambda r: r.row)),
        notes=tuple(notes),
        lines_read=records.lines_read,
        hidden_columns=masker.hidden if not masker.keep_text else (),
    )


def _trim(names: tuple[str, ...]) -> tuple[str, ...]:
    out = list(names)
    while out and out[-1].startswith("（第 "):
        out.pop()
    return tuple(out)


def load_sample_export(kind: str = "clean", **options: Any) -> LoadResult:
    """One of the synthetic branch exports shipped with the workbook.

    Parameters
    ----------
    kind : {"clean", "messy", "cards"}
        ``"clean"``: GBK, Chinese headers, every row good.  ``"messy"``:
        UTF-8 with BOM, a title line, 万 suffixes, full-width digits and bad rows.
        ``"cards"``: UTF-8, keyed by card number, with 客户经理 and a free-text
        备注 column (what the report masks, hides or replaces by a pseudonym).
    **options
        Passed on to :func:`load_branch_export` (``columns``, ``unit`` …).

    Examples
    --------
    >>> load_sample_export("clean").encoding
    'GB18030/GBK'
    """
    if kind not in SAMPLE_EXPORTS:
        raise BranchFileError(kind, "bad_option", f"没有示例数据“{kind}”；可选：{'、'.join(SAMPLE_EXPORTS)}")
    filename = SAMPLE_EXPORTS[kind]
    return load_branch_export(read_bytes(filename), name=filename, **options)
