"""Reading Excel exports: every row whatever the declared dimension, hidden sheets, Excel's numbers."""

from __future__ import annotations

import datetime

import pytest
from helpers.exports import csv_bytes, patch_xlsx, with_dimension, xlsx_bytes, xlsxwriter_bytes

import tiering_lib as tl

HEADER = ["客户号", "姓名", "余额"]
ROWS = [HEADER] + [[f"K{i}", "张三", i * 100] for i in range(1, 41)]
WRITERS = {"openpyxl": xlsx_bytes, "xlsxwriter": xlsxwriter_bytes}


def load(data: bytes, **options) -> tl.LoadResult:
    return tl.load_branch_export(data, name="测试.xlsx", **options)


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("ref", ["A1:C2", "A1", "B2:B3", "A1:A1048576"])
def test_every_row_is_read_whatever_the_declared_dimension(writer, ref):
    data = with_dimension(WRITERS[writer]({"明细": ROWS}), ref)
    result = load(data)
    assert result.rows_read == 40 and result.n_accepted == 40
    assert result.balances.tolist() == [i * 10_000 for i in range(1, 41)]
    assert result.lines_read == 41


@pytest.mark.parametrize("writer", WRITERS)
def test_hidden_sheets_whichever_program_wrote_them(writer):
    data = WRITERS[writer]({"旧": [HEADER, ["K9", "李四", 9]], "明细": ROWS[:3]}, hidden={"旧"})
    assert load(data).sheet == "明细"
    assert load(data, sheet="旧").balances.tolist() == [900]


def test_excel_numbers_dates_and_noise():
    rows = [
        ["客户号", "开户日期", "余额"],
        [10001, datetime.datetime(2024, 6, 30), 0.1 + 0.2],
        [10002.0, datetime.date(2023, 1, 2), 1234567.1 * 3],
        ["K3", None, 12345678.905],
        ["K4", "x", True],
        ["K5", "x", datetime.datetime(2024, 1, 1)],
    ]
    result = load(xlsx_bytes({"明细": rows}))
    assert result.customer_ids == ("10001", "10002")
    assert result.balances.tolist() == [30, 370370130]
    assert [(r.row, r.reason) for r in result.rejected] == [(4, "sub_fen"), (5, "not_a_number"), (6, "not_a_number")]
    assert result.rejected[0].cells[:2] == ("K3", "")


def test_content_past_the_headers_last_column_rejects_the_row():
    rows = [HEADER, ["K1", "张三", 1], ["K2", "李四", 2, None, "多出来的"], ["K3", "王五", 3, None, None]]
    result = load(xlsx_bytes({"明细": rows}))
    assert [(r.row, r.reason) for r in result.rejected] == [(3, "extra_cells")]
    assert result.rejected[0].cells == ("（已隐藏）", "（已隐藏）", "2", "", "（已隐藏）")
    assert result.balances.tolist() == [100, 300]


def test_empty_rows_inside_and_after_the_data():
    rows = [HEADER, ["K1", "张三", 1], [], [None, None, None], ["K2", "李四", 2], [], []]
    result = load(xlsx_bytes({"明细": rows}))
    assert [(r.row, r.reason) for r in result.rejected] == [(3, "empty_row"), (4, "empty_row")]
    assert result.rows_read == 4


def test_a_too_long_text_in_a_hand_made_workbook_is_rejected():
    rows = [HEADER, ["K1", "LONG-TEXT", 1], ["K2", "李四", 2]]
    data = patch_xlsx(xlsx_bytes({"明细": rows}), "xl/worksheets/", lambda c: c.replace(b"LONG-TEXT", "长".encode() * 40_000))
    result = load(data)  # no program writes such a cell (they cut at 32,767): a hand-made file
    assert [(r.row, r.reason) for r in result.rejected] == [(2, "field_too_long")]
    assert result.balances.tolist() == [200]


def test_options_that_do_not_apply_to_excel():
    data = xlsx_bytes({"明细": ROWS[:2]})
    with pytest.raises(tl.BranchFileError) as info:
        load(data, encoding="gbk")
    assert info.value.kind == "bad_option"
    with pytest.raises(tl.BranchFileError) as info:
        tl.load_branch_export(csv_bytes(ROWS[:2]), sheet="明细")
    assert info.value.kind == "bad_option"


def test_a_damaged_workbook_is_one_clear_error():
    data = xlsx_bytes({"明细": ROWS})
    broken = data[: len(data) // 2]
    with pytest.raises(tl.BranchFileError) as info:
        load(broken)
    assert info.value.kind == "unreadable" and "Traceback" not in str(info.value)


def test_a_number_cell_of_five_thousand_digits_is_a_rejected_row():
    import sys

    limit = sys.get_int_max_str_digits()
    data = xlsx_bytes({"明细": [HEADER, ["K1", "张三", 123456789], ["K2", "李四", 5]]})
    data = patch_xlsx(data, "xl/worksheets/", lambda c: c.replace(b"<v>123456789</v>", b"<v>" + b"9" * 5000 + b"</v>"))
    result = load(data)
    assert [(r.row, r.reason, r.cells[2]) for r in result.rejected] == [(2, "too_large", "（位数过多的数）")]
    assert result.balances.tolist() == [500]
    assert sys.get_int_max_str_digits() == limit  # Python's limit is put back


def test_a_row_above_the_header_that_looks_like_data_is_rejected():
    data = xlsx_bytes({"明细": [["K0", "张三", 5], ["某支局客户明细"], ["客户号", "姓名", "余额", "备注"], ["K1", "李四", 1]]})
    result = load(data)
    assert [(r.row, r.reason, r.cells) for r in result.rejected] == [(1, "above_header", ("K0", "张*", "5"))]
    assert result.balances.tolist() == [100] and result.rows_read == 2
