"""Properties: whatever the rows, written by the csv module, openpyxl or XlsxWriter, nothing is lost or misread.

Rows are generated with Chinese text holding separators, quotes, line breaks and control
characters, and balances written in every accepted way (and some refused ways).  The file
must give back every row: accepted with exactly its balance, customer number and masked
name, or rejected with the reason :func:`parse_amount` gives for its balance cell.

One kind of text is kept out of the generated cells: a separator after a line break inside
a cell.  A record whose continuation line looks like a whole row cannot be told from a row
swallowed by a stray quote, so it is reported instead of read (see
``tiering_lib/io/csv_records.py``); ``test_an_embedded_line_that_looks_like_a_row_is_reported``
checks that case.
"""

from __future__ import annotations

import csv
import io

from helpers.exports import xlsx_bytes, xlsxwriter_bytes
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tiering_lib as tl
from tiering_lib.io.amounts import MAX_BALANCE_FEN

HEADER = ["客户号", "姓名", "余额", "备注"]
_GBK_CHINESE = "张王李赵欧阳测试客户余额备注城东支局，。：；“”（）"
_CONTROL = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r")
_FULL = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def _text(alphabet: str) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, max_size=10)


def _cell_text(extra: str) -> st.SearchStrategy[str]:
    """Text with separators, quotes, line breaks; after a line break, no separator (see the module)."""
    return _text(_GBK_CHINESE + ',;|\t"\'\n\r ab' + extra).map(
        lambda t: t if "\n" not in t else t.split("\n", 1)[0] + "\n" + t.split("\n", 1)[1].translate({ord(c): None for c in ",;|\t"})
    )


def _written(fen: int, style: int) -> str:
    """An amount of ``fen`` 分 written the way exports write it (exact, hand-built text)."""
    yuan, cents = divmod(fen, 100)
    plain, grouped = f"{yuan}.{cents:02d}", f"{yuan:,}.{cents:02d}"
    if style == 1:
        return grouped
    if style == 2:
        return grouped.translate(_FULL)
    if style == 3 and fen % 100 == 0:
        wan, rest = divmod(fen // 100, 10_000)
        return f"{wan}.{rest:04d}万" if rest else f"{wan}万"
    if style == 4:
        return f"￥{grouped}元"
    if style == 5:
        return f"  {plain} "
    return plain


_GOOD = st.builds(_written, st.integers(0, MAX_BALANCE_FEN), st.integers(0, 5))
_BAD = st.sampled_from(["", "待核实", "-5.00", "(3.00)", "1.2E+5", "12.345", "1000²", "5①", "١٢٣", "9" * 30, "1,23"])
_AMOUNT = st.one_of(_GOOD, _GOOD, _BAD)


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def _expected(amount: object) -> tuple[str, int | str]:
    try:
        return "accepted", tl.parse_amount(amount)
    except tl.AmountError as err:
        return "rejected", err.reason


def _check(result: tl.LoadResult, rows: list[list[object]], starts: list[int]) -> None:
    accepted = dict(zip(result.row_numbers.tolist(), zip(result.balances.tolist(), result.customer_ids, result.names)))
    rejected = {r.row: r.reason for r in result.rejected}
    assert result.rows_read == len(rows) == len(accepted) + len(rejected)
    for row, start in zip(rows, starts):
        kind, value = _expected(row[2])
        if kind == "accepted":
            assert accepted[start] == (value, row[0], tl.mask_name("客" + row[1])), (row, start)
        else:
            assert rejected[start] == value, (row, start)


def _rows(draw, names: st.SearchStrategy[str], amounts: st.SearchStrategy[object]) -> list[list[object]]:
    n = draw(st.integers(1, 12))
    return [[f"K{i}", draw(names), draw(amounts), draw(names)] for i in range(n)]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"]),
       delimiter=st.sampled_from([",", "\t", ";", "|"]))
def test_csv_written_by_the_csv_module_is_read_back_exactly(data, encoding, delimiter):
    rows = _rows(data.draw, _cell_text(_CONTROL), _AMOUNT)
    if encoding == "gbk":  # GBK has no ², ① or Arabic digits (GB18030 has them all)
        rows = [[k, name, a if _encodes(a, "gbk") else "待核实", note] for k, name, a, note in rows]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER)
    starts, line = [], 2
    for row in rows:
        before = out.tell()
        writer.writerow([row[0], "客" + row[1], row[2], row[3]])
        starts.append(line)
        line += out.getvalue()[before:].count("\n")
    result = tl.load_branch_export(out.getvalue().encode(encoding), name="性质.csv")
    assert result.header_row == 1 and result.lines_read == line - 1
    _check(result, rows, starts)


_NUMBER = st.integers(0, MAX_BALANCE_FEN).map(lambda fen: fen / 100)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), writer=st.sampled_from(["openpyxl", "xlsxwriter"]))
def test_workbooks_written_by_openpyxl_or_xlsxwriter_are_read_back_exactly(data, writer):
    rows = _rows(data.draw, _text(_GBK_CHINESE + ',;|"\'\n ab'), st.one_of(_GOOD, _BAD, _NUMBER))
    sheet = [HEADER] + [[r[0], "客" + r[1], r[2], r[3]] for r in rows]
    content = (xlsx_bytes if writer == "openpyxl" else xlsxwriter_bytes)({"明细": sheet})
    result = tl.load_branch_export(content, name="性质.xlsx")
    _check(result, rows, list(range(2, len(rows) + 2)))


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_a_result_or_a_library_error(data):
    try:
        result = tl.load_branch_export(data, name="任意.csv")
    except tl.TieringError as err:
        assert isinstance(err, tl.DataError)
        return
    assert result.n_accepted + result.n_rejected == result.rows_read


@settings(max_examples=100, deadline=None)
@given(prefix=st.sampled_from([b"", "客户号,余额\n".encode(), "\ufeff余额\r\n".encode(), "客户号,余额\n".encode("utf-16")]),
       tail=st.binary(max_size=200))
def test_bytes_after_a_header_give_a_result_or_a_library_error(prefix, tail):
    try:
        result = tl.load_branch_export(prefix + tail, name="任意.csv")
    except tl.TieringError:
        return
    rows = [*result.row_numbers.tolist(), *(r.row for r in result.rejected)]
    assert result.n_accepted + result.n_rejected == result.rows_read == len(set(rows))


def test_an_embedded_line_that_looks_like_a_row_is_reported():
    text = '客户号,姓名,余额,备注\nK1,"客户\nK2,李四,200,x\n尾",100,\nK3,王五,300,\n'
    result = tl.load_branch_export(text.encode(), name="歧义.csv")
    assert [(r.row, r.reason) for r in result.rejected] == [(2, "bad_quotes"), (4, "bad_quotes")]
    assert result.row_numbers.tolist() == [3, 5]  # the embedded row is read as the row it looks like
